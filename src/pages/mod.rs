//! One folder per section, one file per page, each section's strings in its
//! `texts.rs`. A section never imports from another: what they share lives
//! in `components/` (or `api`, `store`, `visit`, `i18n`).
//!
//! Each section is a lazy route: in the split build (`scripts/build-wasm.sh`,
//! cargo feature `split`) its code is a wasm module of its own, downloaded
//! the first time the section is opened.

mod home;
mod kb;
mod not_found;
mod offline;
mod services;
mod sla;
mod tickets;

pub use home::Home;
pub use kb::{KbArticlePage, KbCategoryPage, KnowledgeBase};
pub use not_found::NotFound;
pub use offline::OfflineLibrary;
pub use services::Services;
pub use sla::SlaCalculator;
pub use tickets::{History, TicketLookup, TicketPage};

/// `lazy_page!(Route, Page)` declares `Route`, a [`leptos_router::LazyRoute`]
/// that shows the component `Page`. With the `split` feature the view goes
/// through `#[lazy_route]`, so `Page` and everything only it uses land in
/// their own wasm module; without it (clippy, wasm-bindgen-test, which do not
/// run the splitter) the same route is an ordinary async view.
#[cfg(feature = "split")]
macro_rules! lazy_page {
    ($route:ident, $page:ident) => {
        pub struct $route;
        #[leptos_router::lazy_route]
        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                $route
            }
            fn view(_this: Self) -> leptos::prelude::AnyView {
                use leptos::prelude::*;
                view! { <$page/> }.into_any()
            }
        }
    };
}

#[cfg(not(feature = "split"))]
macro_rules! lazy_page {
    ($route:ident, $page:ident) => {
        pub struct $route;
        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                $route
            }
            async fn view(_this: Self) -> leptos::prelude::AnyView {
                use leptos::prelude::*;
                view! { <$page/> }.into_any()
            }
        }
    };
}

lazy_page!(HomeRoute, Home);
lazy_page!(ServicesRoute, Services);
lazy_page!(SlaRoute, SlaCalculator);
lazy_page!(TicketLookupRoute, TicketLookup);
lazy_page!(TicketRoute, TicketPage);
lazy_page!(HistoryRoute, History);
lazy_page!(KbRoute, KnowledgeBase);
lazy_page!(KbCategoryRoute, KbCategoryPage);
lazy_page!(KbArticleRoute, KbArticlePage);
lazy_page!(OfflineRoute, OfflineLibrary);
