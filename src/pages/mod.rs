//! One folder per section, one file per page, each section's strings in its
//! `texts.rs`. A section never imports from another: what they share lives
//! in `components/` (or `api`, `store`, `visit`, `i18n`).
//!
//! Each section is a lazy route: in the split build (`scripts/build-wasm.sh`,
//! cargo feature `split`) its code is a wasm module of its own, downloaded
//! the first time the section is opened.

mod booking;
mod cloud;
mod community;
mod home;
mod kb;
mod learn;
mod not_found;
mod offline;
mod outbox;
mod patches;
mod privacy;
mod reminders;
mod request;
mod services;
mod sla;
mod tickets;
mod workspace;

pub use booking::BookingPage;
pub use cloud::{LicencesPage, SecurityPage};
pub use community::{CommunityAskPage, CommunityPage, CommunityThreadPage, FeedbackPage};
pub use home::Home;
pub use kb::{KbArticlePage, KbCategoryPage, KnowledgeBase};
pub use learn::{ConsultPage, CoursesPage, TermsPage};
pub use not_found::NotFound;
pub use offline::OfflineLibrary;
pub use outbox::OutboxPage;
pub use patches::{PatchDownloads, PatchesPage};
pub use privacy::PrivacyPage;
pub use reminders::{RemindersPage, SettingsPage};
pub use request::RequestPage;
pub use services::Services;
pub use sla::SlaCalculator;
pub use tickets::{History, TicketLookup, TicketPage};
pub use workspace::WorkspacePage;

use leptos::prelude::*;
use portal_core::routes::Page;

/// `section!(view_fn { Page::X => Component, _ => Component })` declares one
/// section: all its pages behind one split point, `view_fn`. In the split
/// build (feature `split`) it is a `#[lazy]` function, so the section's code
/// is one wasm module (plus what it shares with other sections), fetched the
/// first time any of its pages opens. One split point per section rather
/// than per page: wasm-split makes a module for every set of split points
/// that share code, so per-page points made 141 small modules and an 86 KB
/// loader; per section they are a handful (and `tools/wasm-split` merges
/// the chunks too small to pay for themselves). Without the feature (clippy,
/// wasm-bindgen-test, which do not run the splitter) `view_fn` is a plain
/// function. `#[lazy]` also makes `__preload_<view_fn>`, which only loads
/// the module: [`preload`] calls it, and the app shows the new page once it
/// returns, so the old page stays until the new one can show.
macro_rules! section {
    ($view_fn:ident { $($page:pat => $component:ident),+ $(,)? }) => {
        #[cfg_attr(feature = "split", leptos::lazy)]
        fn $view_fn(page: Page) -> AnyView {
            // Untracked: it runs inside the app's `Suspend` (`app::Pages`),
            // which would otherwise rebuild the page on every signal read
            // while building it.
            untrack(|| match page {
                $($page => view! { <$component/> }.into_any()),+
            })
        }
    };
}

section!(home_view { _ => Home });
section!(services_view { _ => Services });
section!(sla_view { _ => SlaCalculator });
// The lookup page (the form and the lookups this device remembers) and a
// ticket (opened from an acknowledgement link, or after the form) are
// modules of their own: the form alone does not pay for the ticket view,
// its SLA timeline and the opening of sealed files. The form they share
// (the ticket page shows it to a device that cannot open the ticket yet)
// lands in a chunk both load. The history, with its filters and the
// customer's whole list, is another module.
section!(ticket_lookup_view { _ => TicketLookup });
section!(ticket_view { _ => TicketPage });
section!(history_view { _ => History });
// Browsing (index with search, a category) and reading an article: a deep
// link to an article does not pay for the search.
section!(kb_view { Page::KbCategory => KbCategoryPage, _ => KnowledgeBase });
section!(kb_article_view { _ => KbArticlePage });
section!(offline_view { _ => OfflineLibrary });
// The customer's workspace: its own module, loaded only by those who open it.
section!(workspace_view { _ => WorkspacePage });
section!(privacy_view { _ => PrivacyPage });
section!(outbox_view { _ => OutboxPage });
// 在线提交: the form with its live deadline, for workspace holders only.
section!(request_view { _ => RequestPage });
// 补丁管理: the catalogue, and the download history (a module of its own:
// the catalogue does not carry it, nor it the catalogue's filter and cards).
section!(patches_view { _ => PatchesPage });
section!(patch_downloads_view { _ => PatchDownloads });
// 工程师预约: the key form here; the form and "my bookings" behind a split
// point of their own (`booking::view::booking_form_view`), loaded once the
// workspace is open.
section!(booking_view { _ => BookingPage });
// 消息提醒 and 消息设置: a section each. Their visitors are the same, but
// as one module every deep link paid for both (311 KB, over the 260 KB
// target): the inbox carries the reminders engine, the settings page the
// matrix, the outbox submission and the file import. The inbox's workspace
// half is a split point of its own (`reminders::private`).
section!(reminders_view { _ => RemindersPage });
section!(settings_view { _ => SettingsPage });
// 云产品授权管理 and the security views: one section (the same admins visit
// both); the key form here, the list and the charts behind a split point of
// their own (`cloud::cloud_workspace_view`), loaded once the workspace is open.
section!(cloud_view { Page::Security => SecurityPage, _ => LicencesPage });
// 管理员社区 and 产品建议与反馈: the threads, a thread, and the question and
// feedback forms, whose visitors are the same administrators looking for
// an answer; the forms themselves behind a split point of their own
// (`community::forms::community_form_view`), loaded once the workspace
// is open.
section!(community_view {
    Page::CommunityThread => CommunityThreadPage,
    Page::CommunityAsk => CommunityAskPage,
    Page::Feedback => FeedbackPage,
    _ => CommunityPage,
});
// 在线直播课程, 在线咨询服务入口 and 服务条款: three small public pages of
// static markup (DOM-built) in one module, since a section costs every
// page its loader; a visitor of one is likely to open another.
section!(learn_view {
    Page::Consult => ConsultPage,
    Page::Terms => TermsPage,
    _ => CoursesPage,
});

/// Loads the module of `page`'s section, if it is not loaded yet (the 404
/// page is in the main module). Offline, the loader waits for the network
/// until the module can be fetched (`portal seal`'s loader); a module that
/// cannot load otherwise panics, as a `#[lazy]` call does, and the panic
/// hook shows the "reload" panel.
pub async fn preload(page: Page) {
    #[cfg(feature = "split")]
    match page {
        Page::Home => __preload_home_view().await,
        Page::Services => __preload_services_view().await,
        Page::Sla => __preload_sla_view().await,
        Page::Tickets => __preload_ticket_lookup_view().await,
        Page::Ticket => __preload_ticket_view().await,
        Page::History => __preload_history_view().await,
        Page::Kb | Page::KbCategory => __preload_kb_view().await,
        Page::KbArticle => __preload_kb_article_view().await,
        Page::KbOffline => __preload_offline_view().await,
        Page::Workspace => __preload_workspace_view().await,
        Page::Privacy => __preload_privacy_view().await,
        Page::Outbox => __preload_outbox_view().await,
        Page::Request => __preload_request_view().await,
        Page::Patches => __preload_patches_view().await,
        Page::PatchDownloads => __preload_patch_downloads_view().await,
        Page::Booking => __preload_booking_view().await,
        Page::Reminders => __preload_reminders_view().await,
        Page::Settings => __preload_settings_view().await,
        Page::Licences | Page::Security => __preload_cloud_view().await,
        Page::Community | Page::CommunityThread | Page::CommunityAsk | Page::Feedback => {
            __preload_community_view().await
        }
        Page::Courses | Page::Consult | Page::Terms => __preload_learn_view().await,
        Page::NotFound => {}
    }
    #[cfg(not(feature = "split"))]
    let _ = page;
}

/// `page`, built by its section's module (loaded first if need be).
pub async fn view(page: Page) -> AnyView {
    match page {
        Page::Home => lazy_call!(home_view(page)),
        Page::Services => lazy_call!(services_view(page)),
        Page::Sla => lazy_call!(sla_view(page)),
        Page::Tickets => lazy_call!(ticket_lookup_view(page)),
        Page::Ticket => lazy_call!(ticket_view(page)),
        Page::History => lazy_call!(history_view(page)),
        Page::Kb | Page::KbCategory => lazy_call!(kb_view(page)),
        Page::KbArticle => lazy_call!(kb_article_view(page)),
        Page::KbOffline => lazy_call!(offline_view(page)),
        Page::Workspace => lazy_call!(workspace_view(page)),
        Page::Privacy => lazy_call!(privacy_view(page)),
        Page::Outbox => lazy_call!(outbox_view(page)),
        Page::Request => lazy_call!(request_view(page)),
        Page::Patches => lazy_call!(patches_view(page)),
        Page::PatchDownloads => lazy_call!(patch_downloads_view(page)),
        Page::Booking => lazy_call!(booking_view(page)),
        Page::Reminders => lazy_call!(reminders_view(page)),
        Page::Settings => lazy_call!(settings_view(page)),
        Page::Licences | Page::Security => lazy_call!(cloud_view(page)),
        Page::Community | Page::CommunityThread | Page::CommunityAsk | Page::Feedback => {
            lazy_call!(community_view(page))
        }
        Page::Courses | Page::Consult | Page::Terms => lazy_call!(learn_view(page)),
        Page::NotFound => untrack(|| view! { <NotFound/> }.into_any()),
    }
}
