//! The P1–P4 levels with their response targets. Owns the wording of a
//! target ("1 小时内响应", "response within 1 hour"), which the calculator
//! shows too.

use crate::i18n::{plural, Lang};
use leptos::prelude::*;
use portal_core::model::{Priority, PriorityLevel};

struct TargetTexts {
    /// "1 小时", "8 hours", "90 分钟".
    amount: fn(u32) -> String,
    /// The target of a level, given its amount.
    within: fn(&str) -> String,
}

static ZH: TargetTexts = TargetTexts {
    amount: |minutes| {
        if minutes.is_multiple_of(60) {
            format!("{} 小时", minutes / 60)
        } else {
            format!("{minutes} 分钟")
        }
    },
    within: |amount| format!("{amount}内响应"),
};

static EN: TargetTexts = TargetTexts {
    amount: |minutes| {
        if minutes.is_multiple_of(60) {
            plural((minutes / 60) as usize, "hour", "hours")
        } else {
            plural(minutes as usize, "minute", "minutes")
        }
    },
    within: |amount| format!("response within {amount}"),
};

/// The P1–P4 levels with the manual's definitions and response targets.
pub fn severity_list(lang: Lang, levels: Vec<PriorityLevel>) -> impl IntoView {
    view! {
        <ol class="severity-list">
            {levels.into_iter().map(|level| severity_row(lang, level)).collect_view()}
        </ol>
    }
}

fn severity_row(lang: Lang, level: PriorityLevel) -> impl IntoView {
    let (id, en) = (level.id.as_str(), lang.is_en());
    view! {
        <li class="severity" data-priority=id>
            <span class=priority_badge_class(level.id)>{id}</span>
            <div class="severity-body">
                <h3>{level.name.get(en).to_owned()}</h3>
                <p>{level.definition.get(en).to_owned()}</p>
            </div>
            <p class="severity-target">{response_target(lang, level.response_minutes)}</p>
        </li>
    }
}

/// `badge priority-p1` …
pub fn priority_badge_class(priority: Priority) -> String {
    format!("badge priority-{}", priority.as_str().to_ascii_lowercase())
}

/// "1 小时内响应" / "response within 1 hour".
pub fn response_target(lang: Lang, minutes: u32) -> String {
    let t = lang.pick(&ZH, &EN);
    (t.within)(&(t.amount)(minutes))
}

/// "1 小时", "8 hours", "90 分钟".
pub fn target_amount(lang: Lang, minutes: u32) -> String {
    (lang.pick(&ZH, &EN).amount)(minutes)
}
