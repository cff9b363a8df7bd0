//! The service-centre dashboard: what the portal offers, the service
//! channels with their hours and live status, and the severity levels P1–P4
//! with their response targets, all read from the static API's SLA policy.
//!
//! Each block re-renders as a whole when the language changes (one
//! reactive closure per block, not one per string): these blocks hold no
//! user input, and it keeps the wasm small.

mod texts;

use crate::api::{fetch_json, use_sla, ApiError};
use crate::components::{loaded, service_info, use_clock};
use crate::i18n::{use_lang, Lang};
use crate::routes;
use crate::time::{format_beijing, format_local_if_different};
use leptos::prelude::*;
use leptos_router::components::A;
use portal_core::files;
use portal_core::model::{Meta, API_VERSION};
use std::time::Duration;
use texts::home_texts;

/// Where each entry of `HomeTexts::offers` leads, once built.
const OFFER_LINKS: [Option<&str>; 6] = [
    Some(routes::TICKETS),
    Some(routes::PATCHES),
    Some(routes::KB),
    Some(routes::BOOKING),
    None,
    Some(routes::SLA),
];

#[component]
pub fn Home() -> impl IntoView {
    let lang = use_lang();
    let setup = use_sla();
    let now = use_clock(Duration::from_secs(30));
    let meta = LocalResource::new(|| fetch_json::<Meta>(files::META));

    let intro = move || {
        let t = home_texts(lang.get());
        view! {
            <section class="hero">
                <h1>{t.title}</h1>
                <p class="lead">{t.lead}</p>
            </section>
            <section class="section" aria-labelledby="offers-title">
                <h2 id="offers-title">{t.offers_title}</h2>
                <ul class="card-grid offers">
                    {t.offers
                        .iter()
                        .zip(OFFER_LINKS)
                        .map(|((name, what), link)| {
                            let action = match link {
                                Some(href) => view! { <A href=href attr:class="card-link">{t.go_to}</A> }.into_any(),
                                None => view! { <span class="tag">{t.coming_soon}</span> }.into_any(),
                            };
                            view! {
                                <li class="card offer">
                                    <h3>{*name}</h3>
                                    <p>{*what}</p>
                                    {action}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    };

    // Plain reactive blocks rather than <Suspense>: the same behaviour
    // here, for several KB less wasm.
    let policy_view = loaded(setup, move |setup| {
        service_info(lang.get(), setup, now).into_any()
    });
    let stamp = move || meta.get().and_then(|result| data_stamp(lang.get(), result));

    let more = move || {
        let t = home_texts(lang.get());
        view! { <p><A href=routes::SERVICES>{t.see_directory}</A></p> }
    };
    view! {
        {intro}
        {policy_view}
        {more}
        {stamp}
    }
}

/// When the data was generated. Secondary: if meta.json fails, the page says
/// nothing here rather than show a second error panel.
fn data_stamp(lang: Lang, result: Result<Meta, ApiError>) -> Option<impl IntoView> {
    let (t, shared) = (home_texts(lang), lang.texts());
    let meta = result.ok()?;
    let beijing = format_beijing(&meta.generated_at);
    let mismatch = (meta.api_version != API_VERSION).then(|| {
        let text = (t.api_version_mismatch)(meta.api_version, API_VERSION);
        view! { <p class="notice" role="alert">{text}</p> }
    });
    let local = format_local_if_different(&meta.generated_at)
        .map(|l| format!(" · {} {l}", shared.your_time));
    Some(view! {
        {mismatch}
        <p class="data-stamp">
            {t.data_as_of}" "
            <time datetime=format!("{beijing}+08:00")>{beijing.clone()}</time>
            " ("{shared.beijing_time}")"{local}" · "{meta.data_version}
        </p>
    })
}
