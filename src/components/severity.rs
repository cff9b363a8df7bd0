use crate::i18n::Texts;
use leptos::prelude::*;
use portal_core::model::{Priority, PriorityLevel};

/// The P1–P4 levels with the manual's definitions and response targets.
pub fn severity_list(t: &'static Texts, en: bool, levels: Vec<PriorityLevel>) -> impl IntoView {
    view! {
        <ol class="severity-list">
            {levels.into_iter().map(|level| severity_row(t, en, level)).collect_view()}
        </ol>
    }
}

fn severity_row(t: &'static Texts, en: bool, level: PriorityLevel) -> impl IntoView {
    let id = level.id.as_str();
    view! {
        <li class="severity" data-priority=id>
            <span class=priority_badge_class(level.id)>{id}</span>
            <div class="severity-body">
                <h3>{level.name.get(en).to_owned()}</h3>
                <p>{level.definition.get(en).to_owned()}</p>
            </div>
            <p class="severity-target">{response_target(t, level.response_minutes)}</p>
        </li>
    }
}

/// `badge priority-p1` …
pub fn priority_badge_class(priority: Priority) -> String {
    format!("badge priority-{}", priority.as_str().to_ascii_lowercase())
}

/// "1 小时内响应" / "response within 1 hour".
pub fn response_target(t: &Texts, minutes: u32) -> String {
    t.respond_within
        .replace("{amount}", &target_amount(t, minutes))
}

/// "1 小时", "8 hours", "90 分钟".
pub fn target_amount(t: &Texts, minutes: u32) -> String {
    if minutes.is_multiple_of(60) {
        let h = minutes / 60;
        format!("{h} {}", if h == 1 { t.hour } else { t.hours })
    } else {
        format!("{minutes} {}", t.minutes)
    }
}
