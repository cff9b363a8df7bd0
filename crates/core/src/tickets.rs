//! What the ticket pages show, computed without a browser: where a ticket
//! stands in the service workflow of manual §7.2, and a customer's history
//! list filtered, searched, sorted and counted.

use crate::model::{named, Priority, Ticket, TicketStatus, TicketSummary};
use crate::sla::{SlaEngine, SlaState};
use chrono::{DateTime, FixedOffset};

/// The workflow of manual §7.2, in order: submitted → accepted by the
/// customer-service specialist (客服专员) → severity assessed → engineer
/// handling → reply given → closed.
pub const WORKFLOW: [TicketStatus; 6] = [
    TicketStatus::Submitted,
    TicketStatus::Accepted,
    TicketStatus::Assessed,
    TicketStatus::Handling,
    TicketStatus::Replied,
    TicketStatus::Closed,
];

/// One step of the workflow as a ticket has (or has not) reached it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepProgress {
    pub step: TicketStatus,
    pub reached: bool,
    /// When the step was reached, if an event records it (submission: the
    /// received time).
    pub at: Option<DateTime<FixedOffset>>,
    /// The ticket's current step.
    pub current: bool,
}

/// The six steps, each reached or not, with the time of the first event that
/// reached it.
pub fn progress(ticket: &Ticket) -> Vec<StepProgress> {
    WORKFLOW
        .iter()
        .map(|&step| {
            let at = ticket
                .events
                .iter()
                .find(|e| e.step == Some(step))
                .map(|e| e.at)
                .or((step == TicketStatus::Submitted).then_some(ticket.received));
            StepProgress {
                step,
                reached: step <= ticket.status,
                at: if step <= ticket.status { at } else { None },
                current: step == ticket.status,
            }
        })
        .collect()
}

pub fn is_open(status: TicketStatus) -> bool {
    status != TicketStatus::Closed
}

/// One history entry with its response deadline and SLA state at `now`.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryRow {
    pub summary: TicketSummary,
    /// `None` when the deadline cannot be computed (outside the calendar).
    pub deadline: Option<DateTime<FixedOffset>>,
    pub state: Option<SlaState>,
}

/// Every ticket of a history with its deadline and state, in file order.
pub fn history_rows(
    tickets: &[TicketSummary],
    engine: &SlaEngine,
    now: &DateTime<FixedOffset>,
) -> Vec<HistoryRow> {
    tickets
        .iter()
        .map(|t| {
            let status = engine.status(
                t.priority,
                t.channel,
                &t.received,
                t.first_response.as_ref(),
                now,
            );
            HistoryRow {
                summary: t.clone(),
                deadline: status.as_ref().ok().map(|s| s.deadline),
                state: status.ok().map(|s| s.state),
            }
        })
        .collect()
}

/// Which tickets the history shows, by whether they are closed. The names
/// are the values of the page's status `<select>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFilter {
    #[default]
    All,
    Open,
    Closed,
}

named!(StatusFilter { All => "all", Open => "open", Closed => "closed" });

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HistorySort {
    /// Most recently received first.
    #[default]
    NewestFirst,
    /// Earliest response deadline first (unknown deadlines last).
    DeadlineFirst,
}

named!(HistorySort { NewestFirst => "newest", DeadlineFirst => "deadline" });

/// What the user chose on the history page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HistoryQuery {
    pub status: StatusFilter,
    pub priority: Option<Priority>,
    /// A `Product::id`.
    pub product: Option<String>,
    /// Words that must all appear in the title (ASCII letters case-insensitive).
    pub search: String,
    pub sort: HistorySort,
}

impl HistoryQuery {
    fn matches(&self, row: &HistoryRow) -> bool {
        let t = &row.summary;
        let status_ok = match self.status {
            StatusFilter::All => true,
            StatusFilter::Open => is_open(t.status),
            StatusFilter::Closed => !is_open(t.status),
        };
        status_ok
            && self.priority.is_none_or(|p| p == t.priority)
            && self.product.as_ref().is_none_or(|p| *p == t.product)
            && self
                .search
                .split_whitespace()
                .all(|word| contains_ignore_ascii_case(&t.title, word))
    }

    /// The rows that match, in the chosen order.
    pub fn apply(&self, rows: &[HistoryRow]) -> Vec<HistoryRow> {
        let mut out: Vec<HistoryRow> = rows.iter().filter(|r| self.matches(r)).cloned().collect();
        // Ties broken by ticket number, so an unstable sort (much less wasm
        // than the stable one) still gives one order.
        match self.sort {
            HistorySort::NewestFirst => out.sort_unstable_by(|a, b| {
                (b.summary.received, &b.summary.number)
                    .cmp(&(a.summary.received, &a.summary.number))
            }),
            // Unknown deadlines (`None`) last.
            HistorySort::DeadlineFirst => out.sort_unstable_by(|a, b| {
                (a.deadline.is_none(), a.deadline, &a.summary.number).cmp(&(
                    b.deadline.is_none(),
                    b.deadline,
                    &b.summary.number,
                ))
            }),
        }
        out
    }
}

fn contains_ignore_ascii_case(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    n.is_empty() || h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

/// The figures at the top of the history page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HistoryCounts {
    pub total: usize,
    pub open: usize,
    /// Responded late, or still waiting past the deadline.
    pub breached: usize,
}

pub fn counts(rows: &[HistoryRow]) -> HistoryCounts {
    HistoryCounts {
        total: rows.len(),
        open: rows.iter().filter(|r| is_open(r.summary.status)).count(),
        breached: rows
            .iter()
            .filter(|r| r.state == Some(SlaState::Breached))
            .count(),
    }
}
