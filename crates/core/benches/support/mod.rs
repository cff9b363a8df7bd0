//! What the SLA benchmark and its correctness test share: the shipped
//! policy and calendar, the benchmark's cases with their hand-worked
//! deadlines, and the day-by-day reference the engine is measured against.
//!
//! Not a bench target itself (Cargo only picks up `benches/*.rs` and
//! `benches/*/main.rs`); `tests/sla_reference.rs` includes it by path.

pub mod cases;
pub mod day_by_day;

use portal_core::model::{CalendarData, SlaPolicy};
use portal_core::parse_json;

/// `public/api/sla/policy.json` and `calendar.json`, as shipped.
pub fn shipped() -> (SlaPolicy, CalendarData) {
    let policy = parse_json(
        "sla/policy.json",
        include_str!("../../../../public/api/sla/policy.json"),
    )
    .expect("the shipped policy parses");
    let calendar = parse_json(
        "sla/calendar.json",
        include_str!("../../../../public/api/sla/calendar.json"),
    )
    .expect("the shipped calendar parses");
    (policy, calendar)
}
