//! The service-centre dashboard: what the portal offers, the service
//! channels with their hours and live status, and the severity levels P1–P4
//! with their response targets, all read from the static API's SLA policy.
//!
//! Each block is built with the DOM API and rebuilt as a whole when the
//! language changes: these blocks hold no user input, and it keeps the
//! wasm small (BENCHMARKS.md).

mod texts;

use crate::api::{fetch_json, use_sla};
use crate::components::{loaded, service_info, use_clock};
use crate::dom::{attr, el, text, text_el, titled_section};
use crate::i18n::{use_lang, Lang};
use crate::routes;
use crate::time::{format_beijing, format_local_if_different};
use leptos::prelude::*;
use portal_core::files;
use portal_core::model::{Meta, API_VERSION};
use std::time::Duration;
use texts::home_texts;
use web_sys::Element;

/// Where each entry of `HomeTexts::offers` leads, once built.
const OFFER_LINKS: [Option<&str>; 11] = [
    Some(routes::TICKETS),
    Some(routes::PATCHES),
    Some(routes::KB),
    Some(routes::BOOKING),
    Some(routes::REMINDERS),
    Some(routes::SLA),
    Some(routes::COMMUNITY),
    Some(routes::FEEDBACK),
    Some(routes::COURSES),
    Some(routes::CONSULT),
    Some(routes::TERMS),
];

#[component]
pub fn Home() -> impl IntoView {
    let lang = use_lang();
    let setup = use_sla();
    let now = use_clock(Duration::from_secs(30));
    let meta = LocalResource::new(|| fetch_json::<Meta>(files::META));

    // The static blocks are built with the DOM API (`crate::dom`), each
    // rebuilt whole when the language (or the data stamp) changes.
    let head = NodeRef::<leptos::html::Div>::new();
    let foot = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let lang = lang.get();
        if let Some(head) = head.get() {
            intro(&head, lang);
        }
    });
    Effect::new(move |_| {
        let (lang, meta) = (lang.get(), meta.get());
        if let Some(foot) = foot.get() {
            footer(&foot, lang, meta.and_then(Result::ok));
        }
    });
    // A plain reactive block rather than <Suspense>: the same behaviour
    // here, for several KB less wasm.
    let policy_view = loaded(setup, move |setup| service_info(lang.get(), setup, now));
    view! {
        <div node_ref=head></div>
        {policy_view}
        <div node_ref=foot></div>
    }
}

/// The title and what the portal offers, each offer with its link.
fn intro(host: &Element, lang: Lang) {
    let Some(doc) = host.owner_document() else {
        return;
    };
    let t = home_texts(lang);
    host.set_text_content(None);
    let hero = el(&doc, host, "section", "hero");
    text_el(&doc, &hero, "h1", "", t.title);
    text_el(&doc, &hero, "p", "lead", t.lead);
    let offers = titled_section(&doc, host, "section", "offers-title", t.offers_title);
    let list = el(&doc, &offers, "ul", "card-grid offers");
    for ((name, what), link) in t.offers.iter().zip(OFFER_LINKS) {
        let li = el(&doc, &list, "li", "card offer");
        text_el(&doc, &li, "h3", "", name);
        text_el(&doc, &li, "p", "", what);
        match link {
            Some(href) => attr(&text_el(&doc, &li, "a", "card-link", t.go_to), "href", href),
            None => {
                text_el(&doc, &li, "span", "tag", t.coming_soon);
            }
        }
    }
}

/// The link to the directory, and when the data was generated. The stamp is
/// secondary: if meta.json fails, the page says nothing of it rather than
/// show a second error panel.
fn footer(host: &Element, lang: Lang, meta: Option<Meta>) {
    let Some(doc) = host.owner_document() else {
        return;
    };
    let (t, shared) = (home_texts(lang), lang.texts());
    host.set_text_content(None);
    let more = el(&doc, host, "p", "");
    attr(
        &text_el(&doc, &more, "a", "", t.see_directory),
        "href",
        routes::SERVICES,
    );
    let Some(meta) = meta else {
        return;
    };
    if meta.api_version != API_VERSION {
        let text = (t.api_version_mismatch)(meta.api_version, API_VERSION);
        attr(&text_el(&doc, host, "p", "notice", &text), "role", "alert");
    }
    let beijing = format_beijing(&meta.generated_at);
    let stamp = el(&doc, host, "p", "data-stamp");
    text(&doc, &stamp, t.data_as_of);
    text(&doc, &stamp, " ");
    let time = text_el(&doc, &stamp, "time", "", &beijing);
    attr(&time, "datetime", &format!("{beijing}+08:00"));
    let mut rest = format!(" ({})", shared.beijing_time);
    if let Some(local) = format_local_if_different(&meta.generated_at) {
        rest.push_str(&format!(" · {} {local}", shared.your_time));
    }
    rest.push_str(&format!(" · {}", meta.data_version));
    text(&doc, &stamp, &rest);
}
