use crate::api::ApiError;
use crate::i18n::use_lang;
use leptos::prelude::*;

/// Tells the user what went wrong with an API file and what to do, with a
/// retry button. Every failed fetch in the app ends here.
#[component]
pub fn ErrorPanel(error: ApiError, #[prop(into)] on_retry: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    move || {
        let t = lang.get().texts();
        let summary = match &error {
            ApiError::Network { .. } => t.error_network.to_owned(),
            ApiError::Status { status: 404, .. } => t.error_not_found.to_owned(),
            ApiError::Status { status, .. } => (t.error_status)(*status),
            ApiError::Malformed(_) => t.error_malformed.to_owned(),
        };
        view! {
            <section class="error-panel" role="alert">
                <h2>{t.error_title}</h2>
                <p class="error-summary">{summary}</p>
                <p>{t.error_next_step}</p>
                <ErrorDetail detail=error.to_string()/>
                <button type="button" class="button primary" on:click=move |_| on_retry.run(())>
                    {t.retry}
                </button>
            </section>
        }
    }
}

/// The technical account of a problem, for whoever reports it to support:
/// "详情: <code>…</code>".
#[component]
pub fn ErrorDetail(detail: String) -> impl IntoView {
    let lang = use_lang();
    view! {
        <p class="error-detail">
            <span>{move || lang.get().texts().error_detail}": "</span>
            <code>{detail}</code>
        </p>
    }
}
