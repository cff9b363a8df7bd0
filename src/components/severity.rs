//! The P1–P4 levels with their response targets. Owns the wording of a
//! target ("1 小时内响应", "response within 1 hour"), which the calculator
//! shows too.

use crate::dom::{attr, el, text_el};
use crate::i18n::{plural, Lang};
use portal_core::model::{Priority, PriorityLevel};
use web_sys::{Document, Element};

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

/// The P1–P4 levels with the manual's definitions and response targets,
/// as an `<ol>` at the end of `parent` (built with the DOM API).
pub fn severity_list(doc: &Document, parent: &Element, lang: Lang, levels: &[PriorityLevel]) {
    let en = lang.is_en();
    let list = el(doc, parent, "ol", "severity-list");
    for level in levels {
        let li = el(doc, &list, "li", "severity");
        attr(&li, "data-priority", level.id.as_str());
        text_el(
            doc,
            &li,
            "span",
            &priority_badge_class(level.id),
            level.id.as_str(),
        );
        let body = el(doc, &li, "div", "severity-body");
        text_el(doc, &body, "h3", "", level.name.get(en));
        text_el(doc, &body, "p", "", level.definition.get(en));
        text_el(
            doc,
            &li,
            "p",
            "severity-target",
            &response_target(lang, level.response_minutes),
        );
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
