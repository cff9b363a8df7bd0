//! Which page a path shows: the app's whole routing table, as one `match`.
//!
//! The app does not use `leptos_router`'s `<Routes>`: its route tuple is
//! compiled into the main module that every page downloads, about 0.7 KB of
//! brotli per route (BENCHMARKS.md, "One routing table"), while this table is
//! a few hundred bytes for all of them. The app's `routes` module builds the
//! URLs that these paths match.

/// A page of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Home,
    Services,
    Sla,
    /// `/tickets`: the lookup form and this device's lookups.
    Tickets,
    /// `/t/:number`: one ticket (its code travels in the fragment).
    Ticket,
    History,
    Workspace,
    Privacy,
    Outbox,
    Request,
    /// `/patches`: the catalogue.
    Patches,
    /// `/patches/downloads`: this device's and the workspace's downloads.
    PatchDownloads,
    Booking,
    /// 消息提醒: the reminders centre.
    Reminders,
    /// 消息设置: notification settings.
    Settings,
    /// `/licences`: 云产品授权管理, the accounts' cloud features.
    Licences,
    /// `/security`: the security views of the modules bought.
    Security,
    /// `/courses`: 在线直播课程, the schedule, countdown and recordings.
    Courses,
    /// `/consult`: 在线咨询服务入口, the channels open now and next.
    Consult,
    /// `/terms`: 服务条款, the service manual §9–§12 and its changes.
    Terms,
    Kb,
    /// `/kb/c/:category`
    KbCategory,
    /// `/kb/a/:id`
    KbArticle,
    KbOffline,
    /// `/community`: 管理员社区, threads with search and 资料下载.
    Community,
    /// `/community/t/:id`: one thread.
    CommunityThread,
    /// `/community/ask`: ask Coremail's engineers (`?q=` the KB search).
    CommunityAsk,
    /// `/feedback`: 产品建议与反馈.
    Feedback,
    NotFound,
}

/// The pages at a fixed path.
pub const PATHS: &[(&str, Page)] = &[
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
];

/// The pages at a prefix and one parameter (no `/` in it, never empty).
pub const PREFIXES: &[(&str, Page)] = &[
    ("/t/", Page::Ticket),
    ("/kb/c/", Page::KbCategory),
    ("/kb/a/", Page::KbArticle),
    ("/community/t/", Page::CommunityThread),
];

impl Page {
    /// The split point whose module shows this page: the `section!`'s
    /// function in `src/pages/mod.rs`, whose dispatch (`preload`, `view`)
    /// must agree. `portal seal` writes this table into the chunk loader,
    /// which starts fetching the first page's modules while the main module
    /// is still downloading; a section it does not name is refused there.
    /// `None`: the page is in the main module.
    pub const fn section(self) -> Option<&'static str> {
        Some(match self {
            Page::Home => "home_view",
            Page::Services => "services_view",
            Page::Sla => "sla_view",
            Page::Tickets => "ticket_lookup_view",
            Page::Ticket => "ticket_view",
            Page::History => "history_view",
            Page::Kb | Page::KbCategory => "kb_view",
            Page::KbArticle => "kb_article_view",
            Page::KbOffline => "offline_view",
            Page::Workspace => "workspace_view",
            Page::Privacy => "privacy_view",
            Page::Outbox => "outbox_view",
            Page::Request => "request_view",
            Page::Patches => "patches_view",
            Page::PatchDownloads => "patch_downloads_view",
            Page::Booking => "booking_view",
            Page::Reminders => "reminders_view",
            Page::Settings => "settings_view",
            Page::Licences | Page::Security => "cloud_view",
            Page::Community | Page::CommunityThread | Page::CommunityAsk | Page::Feedback => {
                "community_view"
            }
            Page::Courses | Page::Consult | Page::Terms => "learn_view",
            Page::NotFound => return None,
        })
    }
}

/// A path's page and its one parameter (the ticket number, the category or
/// article id), as written in the path (still
/// percent-encoded); empty when the page has none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Route<'a> {
    pub page: Page,
    pub param: &'a str,
}

impl<'a> Route<'a> {
    /// The route of a URL's path (no query, no fragment). One trailing slash
    /// is ignored (`/kb/` is `/kb`); a path no page has is [`Page::NotFound`].
    pub fn of(path: &'a str) -> Route<'a> {
        let path = match path.strip_suffix('/') {
            Some(p) if !p.is_empty() && !p.ends_with('/') => p,
            _ => path,
        };
        let page = |page| Route { page, param: "" };
        let with = |page, param: &'a str| {
            if param.is_empty() || param.contains('/') {
                Route {
                    page: Page::NotFound,
                    param: "",
                }
            } else {
                Route { page, param }
            }
        };
        if path.is_empty() {
            return page(Page::Home);
        }
        if let Some((_, p)) = PATHS.iter().find(|(at, _)| *at == path) {
            return page(*p);
        }
        for (prefix, p) in PREFIXES {
            if let Some(param) = path.strip_prefix(prefix) {
                return with(*p, param);
            }
        }
        page(Page::NotFound)
    }
}
