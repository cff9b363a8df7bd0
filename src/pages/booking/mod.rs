//! 工程师预约 (manual §5.2, §6, §8.6): book an engineer for a patch
//! deployment, remote support or an on-site visit, for the customer whose
//! workspace is open, and this device's bookings with their calendar files
//! and cancellation.
//!
//! The rules are the core's: free slots in working time
//! (`portal_core::booking::slots`), minus the slots this device already
//! holds (`booking::without_held`, read from the outbox); the nearest
//! station and the 40 km / 24 h rule (`geo`); the person-days quote
//! (`workspace::onsite_days_quote`); the `.ics` file (`ics`). A booking and
//! its cancellation are outbox items (`crate::outbox`), so they survive a
//! reload and are delivered once.
//!
//! A deep link opens the access-key form, which every workspace page
//! shares; the form and the list behind it (`view::booking_form_view`) are a
//! split point of their own, loaded once the workspace is open.

mod form;
mod mine;
mod texts;
mod view;

use crate::components::WorkspaceGate;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use portal_core::model::Workspace;
use texts::booking_texts;
use view::{booking_form_view, BookingArgs, Prefill};

#[component]
pub fn BookingPage() -> impl IntoView {
    // `/booking?type=patch_deployment&patch=xt5-p2024-0116` (`routes::booking`).
    let prefill = use_query_map().with_untracked(|q| Prefill {
        kind: q.get("type").and_then(|k| k.parse().ok()),
        patch: q.get("patch").filter(|p| !p.is_empty()),
    });
    view! {
        <section class="page booking-page">
            <WorkspaceGate
                title=|lang| booking_texts(lang).title
                lead=|lang| booking_texts(lang).gate_lead
                render=move |workspace: Workspace| {
                    let args = BookingArgs { workspace, prefill: prefill.clone() };
                    Suspend::new(async move { lazy_call!(booking_form_view(args)) })
                    .into_any()
                }
            />
        </section>
    }
}
