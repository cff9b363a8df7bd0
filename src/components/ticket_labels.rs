use crate::i18n::Texts;
use leptos::prelude::*;
use portal_core::model::TicketStatus;
use portal_core::sla::SlaState;

/// A workflow step as the user reads it: 已提交, 工程师处理中, …
pub fn step_name(t: &Texts, step: TicketStatus) -> &'static str {
    match step {
        TicketStatus::Submitted => t.step_submitted,
        TicketStatus::Accepted => t.step_accepted,
        TicketStatus::Assessed => t.step_assessed,
        TicketStatus::Handling => t.step_handling,
        TicketStatus::Replied => t.step_replied,
        TicketStatus::Closed => t.step_closed,
    }
}

/// `<span class="state-badge due-soon">即将到期</span>`: where a request
/// stands against its deadline (ticket page, history rows).
pub fn state_badge(t: &'static Texts, state: SlaState) -> impl IntoView {
    let (label, class) = match state {
        SlaState::OnTrack => (t.state_on_track, "on-track"),
        SlaState::DueSoon => (t.state_due_soon, "due-soon"),
        SlaState::Breached => (t.state_breached, "breached"),
        SlaState::Met => (t.state_met, "met"),
    };
    view! { <span class=format!("state-badge {class}")>{label}</span> }
}
