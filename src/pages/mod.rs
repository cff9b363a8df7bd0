//! One folder per section, one file per page, each section's strings in its
//! `texts.rs`. A section never imports from another: what they share lives
//! in `components/` (or `api`, `store`, `visit`, `i18n`).
//!
//! Each section is a lazy route: in the split build (`scripts/build-wasm.sh`,
//! cargo feature `split`) its code is a wasm module of its own, downloaded
//! the first time the section is opened.

mod booking;
mod home;
mod kb;
mod not_found;
mod offline;
mod outbox;
mod patches;
mod privacy;
mod request;
mod services;
mod sla;
mod tickets;
mod workspace;

pub use booking::BookingPage;
pub use home::Home;
pub use kb::{KbArticlePage, KbCategoryPage, KnowledgeBase};
pub use not_found::NotFound;
pub use offline::OfflineLibrary;
pub use outbox::OutboxPage;
pub use patches::PatchesPage;
pub use privacy::PrivacyPage;
pub use request::RequestPage;
pub use services::Services;
pub use sla::SlaCalculator;
pub use tickets::{History, TicketLookup, TicketPage};
pub use workspace::WorkspacePage;

/// `lazy_section!(view_fn, preload_fn, Section { Route => Page, … })` declares one
/// [`leptos_router::LazyRoute`] per page of a section. All pages of the
/// section are behind one split point, `view_fn`: in the split build
/// (feature `split`) it is a `#[lazy]` function, so the section's code is
/// one wasm module (plus what it shares with other sections), fetched the
/// first time any of its pages opens. One split point per section rather
/// than per page: wasm-split makes a module for every set of split points
/// that share code, so per-page points made 141 small modules and an 86 KB
/// loader; per section they are a handful (and `tools/wasm-split` merges
/// the chunks too small to pay for themselves). Without the feature (clippy,
/// wasm-bindgen-test, which do not run the splitter) `view_fn` is a plain
/// async function. `preload_fn` is the name `#[lazy]` gives the function that
/// only loads the module (`__preload_<view_fn>`): the router awaits it before
/// it swaps the page, so the old page stays until the new one can show.
macro_rules! lazy_section {
    ($view_fn:ident, $preload_fn:ident, $section:ident { $($route:ident => $page:ident),+ $(,)? }) => {
        /// The pages of this section.
        #[derive(Clone, Copy)]
        pub enum $section {
            $($route),+
        }

        #[cfg_attr(feature = "split", leptos::lazy)]
        fn $view_fn(page: $section) -> leptos::prelude::AnyView {
            use leptos::prelude::*;
            match page {
                $($section::$route => view! { <$page/> }.into_any()),+
            }
        }

        $(
            pub struct $route;
            impl leptos_router::LazyRoute for $route {
                fn data() -> Self {
                    $route
                }
                async fn view(_this: Self) -> leptos::prelude::AnyView {
                    lazy_section!(@call $view_fn($section::$route))
                }
                async fn preload() {
                    #[cfg(feature = "split")]
                    {
                        let _bar = crate::app::RouteLoading::start();
                        $preload_fn().await;
                    }
                }
            }
        )+
    };
    // `#[lazy]` makes the function async; without it, it is called as is.
    (@call $view_fn:ident($arg:expr)) => {{
        #[cfg(feature = "split")]
        let view = $view_fn($arg).await;
        #[cfg(not(feature = "split"))]
        let view = $view_fn($arg);
        view
    }};
}

lazy_section!(home_view, __preload_home_view, HomePage { HomeRoute => Home });
lazy_section!(services_view, __preload_services_view, ServicesPage { ServicesRoute => Services });
lazy_section!(sla_view, __preload_sla_view, SlaPage { SlaRoute => SlaCalculator });
// The lookup page (the form and the lookups this device remembers) and a
// ticket (opened from an acknowledgement link, or after the form) are
// modules of their own: the form alone does not pay for the ticket view,
// its SLA timeline and the opening of sealed files. The form they share
// (the ticket page shows it to a device that cannot open the ticket yet)
// lands in a chunk both load. The history, with its filters and the
// customer's whole list, is another module.
lazy_section!(ticket_lookup_view, __preload_ticket_lookup_view, TicketLookupPage {
    TicketLookupRoute => TicketLookup,
});
lazy_section!(ticket_view, __preload_ticket_view, TicketPageRoute {
    TicketRoute => TicketPage,
});
lazy_section!(history_view, __preload_history_view, HistoryPage { HistoryRoute => History });
// Browsing (index with search, a category) and reading an article: a deep
// link to an article does not pay for the search.
lazy_section!(kb_view, __preload_kb_view, KbPage {
    KbRoute => KnowledgeBase,
    KbCategoryRoute => KbCategoryPage,
});
lazy_section!(kb_article_view, __preload_kb_article_view, KbArticlePageRoute {
    KbArticleRoute => KbArticlePage,
});
lazy_section!(offline_view, __preload_offline_view, OfflinePage { OfflineRoute => OfflineLibrary });
// The customer's workspace: its own module, loaded only by those who open it.
lazy_section!(workspace_view, __preload_workspace_view, WorkspaceSection { WorkspaceRoute => WorkspacePage });
lazy_section!(privacy_view, __preload_privacy_view, PrivacySection { PrivacyRoute => PrivacyPage });
lazy_section!(outbox_view, __preload_outbox_view, OutboxSection { OutboxRoute => OutboxPage });
// 在线提交: the form with its live deadline, for workspace holders only.
lazy_section!(request_view, __preload_request_view, RequestSection { RequestRoute => RequestPage });
// 补丁管理: the catalogue and the download history, one module.
lazy_section!(patches_view, __preload_patches_view, PatchesSection { PatchesRoute => PatchesPage });
// 工程师预约: the key form here; the form and "my bookings" behind a split
// point of their own (`booking::view::booking_form_view`), loaded once the
// workspace is open.
lazy_section!(booking_view, __preload_booking_view, BookingSection { BookingRoute => BookingPage });
