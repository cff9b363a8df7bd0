use crate::i18n::use_lang;
use crate::routes;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    let lang = use_lang();
    move || {
        let t = lang.get().texts();
        view! {
            <section class="page not-found">
                <p class="not-found-code" aria-hidden="true">"404"</p>
                <h1>{t.not_found_title}</h1>
                <p>{t.not_found_body}</p>
                <A href=routes::HOME attr:class="button primary">{t.back_home}</A>
            </section>
        }
    }
}
