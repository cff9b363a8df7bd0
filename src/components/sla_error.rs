//! Why a deadline cannot be computed, in the user's language. The strings
//! live here rather than in `Texts`: one `match` on the error and the
//! language, so a new `SlaError` variant or a missing translation does not
//! compile.

use crate::components::ErrorDetail;
use crate::i18n::{use_lang, Lang};
use leptos::prelude::*;
use portal_core::sla::SlaError;

/// The user's words for an [`SlaError`]: what happened and, where there is
/// one, what to do. The engine's own (English) account is the detail.
pub fn sla_error_message(error: &SlaError, lang: Lang) -> String {
    use Lang::{En, Zh};
    match (error, lang) {
        (SlaError::UnknownPriority(p), Zh) => {
            format!("未知的故障级别“{p}”：应为 P1、P2、P3 或 P4。")
        }
        (SlaError::UnknownPriority(p), En) => {
            format!("Unknown severity “{p}”: expected P1, P2, P3 or P4.")
        }
        (SlaError::UnknownChannel(c), Zh) => {
            format!("未知的提交渠道“{c}”：应为热线电话、邮箱或在线咨询。")
        }
        (SlaError::UnknownChannel(c), En) => {
            format!("Unknown channel “{c}”: expected the hotline, e-mail or online consultation.")
        }
        (SlaError::BadTime { input, .. }, Zh) => format!("无法识别提交时间“{input}”。"),
        (SlaError::BadTime { input, .. }, En) => {
            format!("The received time “{input}” cannot be read.")
        }
        (SlaError::ReceivedOutsideCalendar(e), Zh) => format!(
            "节假日数据从 {} 覆盖到 {}，无法计算这个时间的响应时限。",
            e.covers_from, e.covers_until
        ),
        (SlaError::ReceivedOutsideCalendar(e), En) => format!(
            "The holiday calendar covers {} to {}; this time is outside it, so the deadline cannot be computed.",
            e.covers_from, e.covers_until
        ),
        (SlaError::PastCalendarEnd { covers_until }, Zh) => format!(
            "节假日数据只覆盖到 {covers_until}，之后的法定节假日安排尚未发布，暂时无法计算这个时间的响应时限。"
        ),
        (SlaError::PastCalendarEnd { covers_until }, En) => format!(
            "The holiday calendar covers dates up to {covers_until}. Later public holidays are not published yet, so this deadline cannot be computed."
        ),
        (SlaError::PolicyIncomplete(_), Zh) => "服务中心发布的响应时限规则不完整，暂时无法计算响应时限。请将下方详情发送至 support@coremail.cn。".to_owned(),
        (SlaError::PolicyIncomplete(_), En) => "The response-time rules the service centre publishes are incomplete, so deadlines cannot be computed. Please send the details below to support@coremail.cn.".to_owned(),
    }
}

/// An [`SlaError`] as the user reads it, with the technical detail beneath;
/// the caller frames it (an alert in the calculator, a status note on a
/// ticket).
#[component]
pub fn SlaErrorMessage(error: SlaError) -> impl IntoView {
    let lang = use_lang();
    move || {
        view! {
            <p>{sla_error_message(&error, lang.get())}</p>
            <ErrorDetail detail=error.to_string()/>
        }
    }
}
