//! The shell: router and the page it shows, header with navigation and language switch, footer.
//! Context provided here: `RwSignal<Lang>`, the SLA setup (`api`) and
//! this visit's lookups and storage warning (`visit`).

use crate::i18n::{load_lang, save_lang, use_lang};
use crate::routes;
use leptos::prelude::*;
use leptos_router::components::{Router, A};
use leptos_router::hooks::use_location;
use leptos_router::location::{BrowserUrl, LocationProvider};
use portal_core::routes::{Page, Route};

#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(load_lang());
    save_lang(lang.get_untracked());
    provide_context(lang);
    crate::api::provide_sla();
    // This visit's lookups and the last storage problem met remembering one.
    crate::visit::provide_visit();
    // The customer access key of an open workspace (remembered only on request).
    crate::session::provide_session();
    // What the user sent and the device has yet to deliver; sends it.
    crate::outbox::provide_outbox();
    // The count of patches that apply, as the catalogue last saw it.
    let patch_count = crate::deployment::provide_patch_count();
    // Unread reminders, as the reminders centre last counted them.
    let unread = crate::deployment::provide_unread_count();
    Effect::new(move |_| {
        let t = lang.get().texts();
        if let Some(d) = web_sys::window().and_then(|w| w.document()) {
            d.set_title(t.site_name);
        }
    });

    view! {
        <Router>
            // Shown while a section's module loads (`RouteLoading`).
            <div class="route-progress" aria-hidden="true"></div>
            // `target="_self"`: the router leaves the link to the browser,
            // whose fragment navigation moves focus into <main>.
            <a class="skip-link" href="#main" target="_self">{move || lang.get().texts().skip_to_content}</a>
            <Header patch_count unread/>
            <main id="main" tabindex="-1">
                <Pages/>
            </main>
            <Footer/>
        </Router>
    }
}

/// The page the address names (`portal_core::routes`), once its section's
/// module is loaded: until then the previous page stays, with the loading
/// bar (`RouteLoading`) at the top. The browser's address bar changes when
/// the new page shows, as `<Routes>` does it (`ready_to_complete`). A page
/// is rebuilt only when the page changes, not when its parameter does
/// (`routes::use_param`).
#[component]
fn Pages() -> impl IntoView {
    let path = use_location().pathname;
    let browser = use_context::<BrowserUrl>();
    let shown = RwSignal::new(None::<Page>);
    Effect::new(move |_| {
        let page = path.with(|p| Route::of(p).page);
        let browser = browser.clone();
        leptos::task::spawn_local(async move {
            let _bar = RouteLoading::start();
            crate::pages::preload(page).await;
            // A later navigation may have overtaken this one: it shows its own page.
            if path.with_untracked(|p| Route::of(p).page) != page {
                return;
            }
            if shown.get_untracked() != Some(page) {
                shown.set(Some(page));
            }
            if let Some(browser) = browser {
                browser.ready_to_complete();
            }
        });
    });
    // The module is loaded by now, so the view is ready at once: it is built
    // here, in this closure, whose owner the next page's build cleans up
    // (what the old page started stops). A `Suspend` would build the new
    // page in a task a tick later, after the old one's signals were gone.
    move || {
        shown.get().map(|page| {
            use futures::FutureExt;
            let mut view = Box::pin(crate::pages::view(page));
            match view.as_mut().now_or_never() {
                Some(view) => view,
                None => Suspend::new(view).into_any(),
            }
        })
    }
}

#[component]
fn Header(
    patch_count: crate::deployment::PatchCount,
    unread: crate::deployment::UnreadCount,
) -> impl IntoView {
    let lang = use_lang();
    let switch = move |_| {
        let next = lang.get_untracked().other();
        save_lang(next);
        lang.set(next);
    };
    let texts = move || lang.get().texts();
    // Brand and navigation re-render as one block on a language change; the
    // switch button itself stays in place so it keeps keyboard focus.
    let patch_count = patch_count.0;
    let brand_and_nav = move || {
        let t = texts();
        let patch_count = patch_count.get();
        let patch_label = patch_count.as_deref().map(t.patches_count_label);
        view! {
            <A href=routes::HOME attr:class="brand">
                <span class="brand-mark" aria-hidden="true">"C"</span>
                <span class="brand-text">
                    <span class="brand-name">{t.site_name}</span>
                    <span class="brand-tagline">{t.site_tagline}</span>
                </span>
            </A>
            <nav class="site-nav" aria-label=t.nav_label>
                <A href=routes::HOME exact=true>{t.nav_home}</A>
                <A href=routes::TICKETS>{t.nav_tickets}</A>
                <A href=routes::WORKSPACE>{t.nav_workspace}</A>
                <A href=routes::KB>{t.nav_kb}</A>
                <A href=routes::SERVICES>{t.nav_services}</A>
                <A href=routes::SLA>{t.nav_sla}</A>
                <A href=routes::PATCHES attr:aria-label=patch_label>
                    {t.nav_patches}
                    {patch_count.map(|n| view! { " "<span class="count-badge" data-patch-count="">{n}</span> })}
                </A>
            </nav>
        }
    };
    // Only when something waits: most visits never send anything.
    let outbox = crate::outbox::use_outbox();
    let outbox_link = move || {
        let n = outbox.badge();
        (n > 0).then(|| {
            let t = texts();
            count_link(
                routes::OUTBOX,
                "count-link outbox-link",
                (t.outbox_badge_label)(n),
                t.nav_outbox,
                n.to_string(),
            )
        })
    };
    // Only with unread reminders, outside the full navigation.
    let unread = unread.0;
    let reminders_link = move || {
        unread.get().map(|n| {
            let t = texts();
            count_link(
                routes::REMINDERS,
                "count-link reminders-link",
                (t.reminders_count_label)(&n),
                t.nav_reminders,
                n,
            )
        })
    };
    view! {
        <header class="site-header">
            <div class="header-inner">
                {brand_and_nav}
                {reminders_link}
                {outbox_link}
                <button
                    type="button"
                    class="lang-switch"
                    on:click=switch
                    aria-label=move || texts().switch_to_label
                    lang=move || lang.get().other().code()
                >
                    {move || texts().switch_to}
                </button>
            </div>
        </header>
    }
}

/// A header link with a count beside the navigation (the outbox's, the
/// unread reminders'): one shape for both, so the second costs no
/// rendering code of its own in the module every page loads.
fn count_link(
    href: &'static str,
    class: &'static str,
    label: String,
    name: &'static str,
    n: String,
) -> impl IntoView {
    view! {
        <A href=href attr:class=class attr:aria-label=label>
            {name}" "<span class="count-badge">{n}</span>
        </A>
    }
}

#[component]
fn Footer() -> impl IntoView {
    let lang = use_lang();
    move || {
        view! {
            <footer class="site-footer">
                <p>
                    {lang.get().texts().footer_hotline}
                    " 400-888-2488 · "
                    <a href="mailto:support@coremail.cn">"support@coremail.cn"</a>
                    " · "
                    <A href=routes::PRIVACY>{lang.get().texts().footer_privacy}</A>
                </p>
            </footer>
        }
    }
}

/// While a section's module loads, the previous page stays and a thin bar at
/// the top says something is happening: `<html data-route-loading>` for as
/// long as any such guard lives. A DOM attribute rather than the router's
/// `set_is_routing` signal: the same bar for less code in every route
/// (BENCHMARKS.md).
pub struct RouteLoading;

thread_local! {
    static LOADING: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

impl RouteLoading {
    pub fn start() -> RouteLoading {
        if LOADING.replace(LOADING.get() + 1) == 0 {
            mark_loading(true);
        }
        RouteLoading
    }
}

impl Drop for RouteLoading {
    fn drop(&mut self) {
        let left = LOADING.get().saturating_sub(1);
        LOADING.set(left);
        if left == 0 {
            mark_loading(false);
        }
    }
}

fn mark_loading(on: bool) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    // Purely visual: a failure leaves the bar as it was, nothing else.
    let _ = if on {
        root.set_attribute("data-route-loading", "")
    } else {
        root.remove_attribute("data-route-loading")
    };
}
