use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    let t = use_texts();
    view! {
        <section class="page not-found">
            <p class="not-found-code" aria-hidden="true">"404"</p>
            <h1>{move || t().not_found_title}</h1>
            <p>{move || t().not_found_body}</p>
            <A href="/" attr:class="button primary">{move || t().back_home}</A>
        </section>
    }
}
