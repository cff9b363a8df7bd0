use crate::i18n::use_texts;
use leptos::prelude::*;

/// A quiet placeholder while data loads; announced to screen readers.
#[component]
pub fn Loading() -> impl IntoView {
    let t = use_texts();
    view! { <p class="loading" role="status">{move || t().loading}</p> }
}
