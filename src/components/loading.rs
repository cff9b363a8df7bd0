use crate::i18n::use_lang;
use leptos::prelude::*;

/// A quiet placeholder while data loads; announced to screen readers.
#[component]
pub fn Loading() -> impl IntoView {
    let lang = use_lang();
    view! { <p class="loading" role="status">{move || lang.get().texts().loading}</p> }
}
