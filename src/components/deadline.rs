use crate::i18n::Lang;
use crate::time::{format_beijing, format_local_if_different};
use chrono::{DateTime, FixedOffset};
use leptos::prelude::*;

/// A response deadline in Beijing time, as a machine-readable `<time>`, and
/// the viewer's local time beneath it when their zone differs (the
/// calculator and the ticket page show the same block).
pub fn deadline_block(lang: Lang, deadline: &DateTime<FixedOffset>) -> impl IntoView {
    let t = lang.texts();
    let beijing = format_beijing(deadline);
    let local = format_local_if_different(deadline)
        .map(|l| view! { <p class="result-local">{t.your_time}" "{l}</p> });
    view! {
        <p class="deadline">
            <time datetime=format!("{beijing}+08:00")>{beijing.clone()}</time>
            " "<span class="tz">"("{t.beijing_time}")"</span>
        </p>
        {local}
    }
}
