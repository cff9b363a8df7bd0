//! Three public pages in one section (one wasm module): 在线直播课程
//! (`courses`: schedule, countdown, `.ics`, recordings), 在线咨询服务入口
//! (`consult`: open now or when next, a link per channel) and 服务条款
//! (`terms`: the manual §9–§12, its changes, the objection period and the
//! contract of an open workspace). Their markup is static and data-driven,
//! so it is built with the DOM API (`crate::dom`) into host elements; only
//! the parts that follow the clock are updated in place.

mod consult;
mod courses;
mod terms;
mod texts;

pub use consult::ConsultPage;
pub use courses::CoursesPage;
pub use terms::TermsPage;

use chrono::{Datelike, NaiveDateTime, Timelike};

/// `2026-12-08 07:30`: a wall-clock time of another zone, written by hand
/// (chrono's `format` costs about 10 KB of wasm).
fn format_naive(t: &NaiveDateTime) -> String {
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute()
    )
}
