//! The names of a ticket's workflow steps and of where it stands against
//! its deadline, shared by the ticket page and the history rows.

use crate::i18n::Lang;
use portal_core::model::TicketStatus;
use portal_core::sla::SlaState;

struct TicketLabels {
    submitted: &'static str,
    accepted: &'static str,
    assessed: &'static str,
    handling: &'static str,
    replied: &'static str,
    closed: &'static str,
    on_track: &'static str,
    due_soon: &'static str,
    breached: &'static str,
    met: &'static str,
}

static ZH: TicketLabels = TicketLabels {
    submitted: "已提交",
    accepted: "客服已受理",
    assessed: "已评估级别",
    handling: "工程师处理中",
    replied: "已答复",
    closed: "已关闭",
    on_track: "正常",
    due_soon: "即将到期",
    breached: "已超时",
    met: "已按时响应",
};

static EN: TicketLabels = TicketLabels {
    submitted: "Submitted",
    accepted: "Accepted",
    assessed: "Severity assessed",
    handling: "Engineer handling",
    replied: "Reply given",
    closed: "Closed",
    on_track: "On track",
    due_soon: "Due soon",
    breached: "Breached",
    met: "Met",
};

/// A workflow step as the user reads it: 已提交, 工程师处理中, …
pub fn step_name(lang: Lang, step: TicketStatus) -> &'static str {
    let t = lang.pick(&ZH, &EN);
    match step {
        TicketStatus::Submitted => t.submitted,
        TicketStatus::Accepted => t.accepted,
        TicketStatus::Assessed => t.assessed,
        TicketStatus::Handling => t.handling,
        TicketStatus::Replied => t.replied,
        TicketStatus::Closed => t.closed,
    }
}

/// Where a request stands against its deadline, and the badge's class:
/// `("即将到期", "due-soon")`.
pub fn state_label(lang: Lang, state: SlaState) -> (&'static str, &'static str) {
    let t = lang.pick(&ZH, &EN);
    match state {
        SlaState::OnTrack => (t.on_track, "on-track"),
        SlaState::DueSoon => (t.due_soon, "due-soon"),
        SlaState::Breached => (t.breached, "breached"),
        SlaState::Met => (t.met, "met"),
    }
}
