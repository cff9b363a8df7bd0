//! What was counted and what was skipped between receipt and deadline, and
//! durations in days, hours, minutes and seconds: the calculator and the
//! ticket page show the same list and the same countdown. Owns their words.

use crate::i18n::Lang;
use crate::time::format_beijing;
use leptos::prelude::*;
use portal_core::sla::{Stretch, TimelineEntry};

struct TimelineTexts {
    counted: &'static str,
    closed_hours: &'static str,
    weekend: &'static str,
    /// A public holiday, by its name: "春节假期，不计".
    holiday: fn(&str) -> String,
    /// A weekend day worked instead of a holiday (调休), by the holiday.
    adjusted: fn(&str) -> String,
    day: &'static str,
    hour: &'static str,
    minute: &'static str,
    second: &'static str,
}

static ZH: TimelineTexts = TimelineTexts {
    counted: "计入",
    closed_hours: "非服务时间，不计",
    weekend: "周末，不计",
    holiday: |name| format!("{name}假期，不计"),
    adjusted: |name| format!("调休上班日（{name}）"),
    day: "天",
    hour: "小时",
    minute: "分钟",
    second: "秒",
};

static EN: TimelineTexts = TimelineTexts {
    counted: "Counted",
    closed_hours: "Outside service hours, not counted",
    weekend: "Weekend, not counted",
    holiday: |name| format!("{name}, not counted"),
    adjusted: |name| format!("adjusted working day ({name})"),
    day: "d",
    hour: "h",
    minute: "min",
    second: "s",
};

/// One line per stretch, from receipt to deadline.
pub fn timeline_list(lang: Lang, entries: Vec<TimelineEntry>) -> impl IntoView {
    let entries = entries
        .into_iter()
        .map(|e| {
            let (class, label) = stretch_label(lang, &e.stretch);
            let length = format_duration(lang, (e.to - e.from).num_seconds(), false);
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

/// A stretch's class (`counted`, `skipped holiday`, …) and what it says.
pub fn stretch_label(lang: Lang, stretch: &Stretch) -> (&'static str, String) {
    let (t, en) = (lang.pick(&ZH, &EN), lang.is_en());
    match stretch {
        Stretch::Counted { adjusted_for: None } => ("counted", t.counted.to_owned()),
        Stretch::Counted {
            adjusted_for: Some(h),
        } => (
            "counted adjusted",
            format!("{} · {}", t.counted, (t.adjusted)(h.get(en))),
        ),
        Stretch::ClosedHours => ("skipped", t.closed_hours.to_owned()),
        Stretch::Weekend => ("skipped", t.weekend.to_owned()),
        Stretch::Holiday(h) => ("skipped holiday", (t.holiday)(h.get(en))),
    }
}

/// `1 天 3 小时 20 分钟` / `1 d 3 h 20 min`; with `seconds`, under a day
/// the seconds too (for a ticking countdown).
pub fn format_duration(lang: Lang, total: i64, seconds: bool) -> String {
    let t = lang.pick(&ZH, &EN);
    let total = total.max(0);
    let (d, h, m, s) = (
        total / 86_400,
        total % 86_400 / 3600,
        total % 3600 / 60,
        total % 60,
    );
    let mut parts = Vec::new();
    if d > 0 {
        parts.push(format!("{d} {}", t.day));
    }
    if h > 0 {
        parts.push(format!("{h} {}", t.hour));
    }
    let ticking = seconds && d == 0;
    if m > 0 || (ticking && h > 0) {
        parts.push(format!("{m} {}", t.minute));
    }
    if ticking || parts.is_empty() {
        parts.push(format!("{s} {}", t.second));
    }
    parts.join(" ")
}
