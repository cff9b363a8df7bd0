use crate::i18n::Texts;
use crate::time::format_beijing;
use leptos::prelude::*;
use portal_core::sla::{Stretch, TimelineEntry};

/// What was counted and what was skipped between receipt and deadline, one
/// line per stretch; the calculator and the ticket page show the same list.
pub fn timeline_list(t: &'static Texts, entries: Vec<TimelineEntry>) -> impl IntoView {
    let entries = entries
        .into_iter()
        .map(|e| {
            let (class, label) = match &e.stretch {
                Stretch::Counted { adjusted_for: None } => ("counted", t.stretch_counted.to_owned()),
                Stretch::Counted { adjusted_for: Some(h) } => (
                    "counted adjusted",
                    format!("{} · {}", t.stretch_counted, t.adjusted_note.replace("{name}", h.get(t.is_en()))),
                ),
                Stretch::ClosedHours => ("skipped", t.stretch_closed.to_owned()),
                Stretch::Weekend => ("skipped", t.stretch_weekend.to_owned()),
                Stretch::Holiday(h) => ("skipped holiday", t.stretch_holiday.replace("{name}", h.get(t.is_en()))),
            };
            let length = format_duration(t, (e.to - e.from).num_seconds(), false);
            view! {
                <li class=format!("stretch {class}")>
                    <span class="stretch-time">{format_beijing(&e.from)}" – "{format_beijing(&e.to)}</span>
                    <span class="stretch-label">{label}</span>
                    <span class="stretch-length">{length}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="timeline">{entries}</ol> }
}

/// `1 天 3 小时 20 分钟` / `1 d 3 h 20 min`; with `seconds`, under a day
/// the seconds too (for a ticking countdown).
pub fn format_duration(t: &Texts, total: i64, seconds: bool) -> String {
    let total = total.max(0);
    let (d, h, m, s) = (
        total / 86_400,
        total % 86_400 / 3600,
        total % 3600 / 60,
        total % 60,
    );
    let mut parts = Vec::new();
    if d > 0 {
        parts.push(format!("{d} {}", t.unit_day));
    }
    if h > 0 {
        parts.push(format!("{h} {}", t.unit_hour));
    }
    let ticking = seconds && d == 0;
    if m > 0 || (ticking && h > 0) {
        parts.push(format!("{m} {}", t.unit_minute));
    }
    if ticking || parts.is_empty() {
        parts.push(format!("{s} {}", t.unit_second));
    }
    parts.join(" ")
}
