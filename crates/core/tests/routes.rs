//! The routing table: every path the app links to opens its page, with the
//! parameter as written; anything else is the 404 page.

use portal_core::routes::{Page, Route, PATHS, PREFIXES};

fn route(path: &str) -> (Page, &str) {
    let r = Route::of(path);
    (r.page, r.param)
}

#[test]
fn each_section_has_its_page() {
    for (path, page) in [
        ("/", Page::Home),
        ("/services", Page::Services),
        ("/sla", Page::Sla),
        ("/tickets", Page::Tickets),
        ("/history", Page::History),
        ("/workspace", Page::Workspace),
        ("/privacy", Page::Privacy),
        ("/outbox", Page::Outbox),
        ("/request", Page::Request),
        ("/patches", Page::Patches),
        ("/patches/downloads", Page::PatchDownloads),
        ("/booking", Page::Booking),
        ("/reminders", Page::Reminders),
        ("/settings", Page::Settings),
        ("/licences", Page::Licences),
        ("/security", Page::Security),
        ("/courses", Page::Courses),
        ("/consult", Page::Consult),
        ("/terms", Page::Terms),
        ("/kb", Page::Kb),
        ("/kb/offline", Page::KbOffline),
        ("/community", Page::Community),
        ("/community/ask", Page::CommunityAsk),
        ("/feedback", Page::Feedback),
    ] {
        assert_eq!(route(path), (page, ""), "{path}");
    }
}

#[test]
fn parameters_come_from_the_path() {
    assert_eq!(route("/t/CM2026-001244"), (Page::Ticket, "CM2026-001244"));
    assert_eq!(
        route("/kb/c/send-receive"),
        (Page::KbCategory, "send-receive")
    );
    assert_eq!(
        route("/kb/a/sr-smtp-535-auth-failed"),
        (Page::KbArticle, "sr-smtp-535-auth-failed")
    );
    assert_eq!(
        route("/community/t/imap-timeout-after-v5014-upgrade"),
        (Page::CommunityThread, "imap-timeout-after-v5014-upgrade")
    );
    // Still encoded: the app decodes.
    assert_eq!(route("/kb/a/%E6%94%B6"), (Page::KbArticle, "%E6%94%B6"));
}

#[test]
fn one_trailing_slash_is_ignored() {
    assert_eq!(route("/kb/"), (Page::Kb, ""));
    assert_eq!(route("/t/CM2026-001244/"), (Page::Ticket, "CM2026-001244"));
    assert_eq!(route(""), (Page::Home, ""));
}

#[test]
fn anything_else_is_not_found() {
    for path in [
        "/no-such-page",
        "/t/",
        "/t",
        "/t/CM2026-001244/extra",
        "/kb/c/",
        "/kb/a/a/b",
        "/patches/other",
        "/kb/offline/x",
        "/services/x",
        "//",
        "/SLA",
    ] {
        assert_eq!(route(path).0, Page::NotFound, "{path}");
    }
}

#[test]
fn every_page_but_not_found_is_in_a_section_the_loader_can_prefetch() {
    // The tables `portal seal` writes into the chunk loader are the ones
    // `Route::of` reads: a path in them opens its page.
    for (path, page) in PATHS {
        assert_eq!(Route::of(path).page, *page, "{path}");
        assert!(page.section().is_some(), "{path}: no section");
    }
    for (prefix, page) in PREFIXES {
        assert_eq!(Route::of(&format!("{prefix}x")).page, *page, "{prefix}");
        assert!(page.section().is_some(), "{prefix}: no section");
    }
    assert_eq!(Page::NotFound.section(), None);
    // Pages of one section share its module.
    assert_eq!(Page::Kb.section(), Page::KbCategory.section());
    assert_eq!(Page::Licences.section(), Page::Security.section());
    assert_ne!(Page::Tickets.section(), Page::Ticket.section());
}

/// The app's dispatch (`src/pages/mod.rs`, `view`) and `Page::section` must
/// agree, or the loader warms the wrong section's modules on a cold visit.
#[test]
fn the_apps_dispatch_opens_each_page_in_the_section_the_table_names() {
    let source = include_str!("../../../src/pages/mod.rs");
    let body = source
        .split("pub async fn view(page: Page) -> AnyView {")
        .nth(1)
        .expect("src/pages/mod.rs has `view`");
    let body = body.split("Page::NotFound =>").next().unwrap_or(body);
    // `Page::A | Page::B => lazy_call!(section(page))`, arms one after another.
    let parts: Vec<&str> = body.split("lazy_call!(").collect();
    let mut seen = 0;
    for (before, call) in parts.iter().zip(parts.iter().skip(1)) {
        let section = call.split('(').next().unwrap_or_default().trim();
        for word in before.split(|c: char| c.is_whitespace() || c == '|') {
            let Some(name) = word.strip_prefix("Page::") else {
                continue;
            };
            let page = all_pages()
                .into_iter()
                .find(|p| format!("{p:?}") == name)
                .unwrap_or_else(|| panic!("{name}: not a page"));
            assert_eq!(page.section(), Some(section), "{name}");
            seen += 1;
        }
    }
    assert_eq!(seen, all_pages().len() - 1, "every page but the 404 page");
}

fn all_pages() -> Vec<Page> {
    let mut pages: Vec<Page> = PATHS.iter().chain(PREFIXES).map(|(_, p)| *p).collect();
    pages.push(Page::NotFound);
    pages
}
