//! The shell: router, header with navigation and language switch, footer.
//! Context provided here: `RwSignal<Lang>`, the SLA setup (`api`) and
//! this visit's lookups and storage warning (`visit`).

use crate::i18n::{load_lang, save_lang, use_lang};
use crate::pages::{
    BookingRoute, HistoryRoute, HomeRoute, KbArticleRoute, KbCategoryRoute, KbRoute, NotFound,
    OfflineRoute, OutboxRoute, PatchesRoute, PrivacyRoute, RequestRoute, ServicesRoute, SlaRoute,
    TicketLookupRoute, TicketRoute, WorkspaceRoute,
};
use crate::routes;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::{path, Lazy};

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
            <Header patch_count/>
            <main id="main" tabindex="-1">
                // Literal patterns (`path!`); `routes` builds the URLs they match.
                <Routes fallback=NotFound>
                    // Every section is a lazy route: its code is a wasm module of
                    // its own, fetched when the section is first opened.
                    <Route path=path!("/") view={Lazy::<HomeRoute>::new()}/>
                    <Route path=path!("/services") view={Lazy::<ServicesRoute>::new()}/>
                    <Route path=path!("/sla") view={Lazy::<SlaRoute>::new()}/>
                    <Route path=path!("/tickets") view={Lazy::<TicketLookupRoute>::new()}/>
                    <Route path=path!("/t/:number") view={Lazy::<TicketRoute>::new()}/>
                    <Route path=path!("/history") view={Lazy::<HistoryRoute>::new()}/>
                    <Route path=path!("/workspace") view={Lazy::<WorkspaceRoute>::new()}/>
                    <Route path=path!("/privacy") view={Lazy::<PrivacyRoute>::new()}/>
                    <Route path=path!("/outbox") view={Lazy::<OutboxRoute>::new()}/>
                    <Route path=path!("/request") view={Lazy::<RequestRoute>::new()}/>
                    // The catalogue, and `/patches/downloads` (one route: each
                    // route costs every page a little router code).
                    <Route path=path!("/patches/:view?") view={Lazy::<PatchesRoute>::new()}/>
                    <Route path=path!("/booking") view={Lazy::<BookingRoute>::new()}/>
                    <Route path=path!("/kb") view={Lazy::<KbRoute>::new()}/>
                    <Route path=path!("/kb/offline") view={Lazy::<OfflineRoute>::new()}/>
                    <Route path=path!("/kb/c/:category") view={Lazy::<KbCategoryRoute>::new()}/>
                    <Route path=path!("/kb/a/:id") view={Lazy::<KbArticleRoute>::new()}/>
                </Routes>
            </main>
            <Footer/>
        </Router>
    }
}

#[component]
fn Header(patch_count: crate::deployment::PatchCount) -> impl IntoView {
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
            view! {
                <A href=routes::OUTBOX attr:class="outbox-link" attr:aria-label=(t.outbox_badge_label)(n)>
                    {t.nav_outbox}" "<span class="count-badge" data-outbox-count="">{n}</span>
                </A>
            }
        })
    };
    view! {
        <header class="site-header">
            <div class="header-inner">
                {brand_and_nav}
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
