//! `/tickets`: the lookup form and the lookups this device remembers, each
//! to reopen or forget.
//!
//! The remembered lookups are built with the DOM API (as the ticket's
//! `sheet`), rebuilt whole when they change; "forget" is handled by one
//! listener on the section, reading the button's `data-forget`.

use super::form::LookupForm;
use super::texts::tickets_texts;
use crate::components::{store_error_message, StoreUse};
use crate::dom::{attr, el, text_el};
use crate::i18n::{use_lang, Lang};
use crate::routes;
use crate::store::{self, RecentLookup, StoreError};
use crate::time::format_ms;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

/// `/tickets`: the lookup form and the recent lookups.
#[component]
pub fn TicketLookup() -> impl IntoView {
    let lang = use_lang();
    let header = move || {
        let t = tickets_texts(lang.get());
        view! {
            <h1>{t.tickets_title}</h1>
            <p class="lead-text">{t.tickets_lead}</p>
        }
    };
    view! {
        <section class="page">
            {header}
            <LookupForm number=String::new()/>
            <RecentLookups/>
        </section>
    }
}

#[component]
fn RecentLookups() -> impl IntoView {
    let lang = use_lang();
    let recent = LocalResource::new(store::recent);
    // Forgetting is a privacy action: if it fails, the user must know.
    let forget_problem = RwSignal::new(None::<StoreError>);
    let section = NodeRef::<leptos::html::Section>::new();
    Effect::new(move |_| {
        let (lang, problem) = (lang.get(), forget_problem.get());
        let list = recent.get();
        if let Some(section) = section.get() {
            fill(&section, lang, problem.as_ref(), list.as_ref());
        }
    });
    // "忘记" carries its lookup's key, "全部忘记" an empty one.
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let key = ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.closest("[data-forget]").ok().flatten())
            .and_then(|b| b.get_attribute("data-forget"));
        let Some(key) = key else {
            return;
        };
        leptos::task::spawn_local(async move {
            let forgotten = if key.is_empty() {
                store::forget_all().await
            } else {
                store::forget(&key).await
            };
            forget_problem.set(forgotten.err());
            recent.refetch();
        });
    };
    view! {
        <section class="section recent" aria-labelledby="recent-title" node_ref=section on:click=on_click></section>
    }
}

fn fill(
    section: &Element,
    lang: Lang,
    problem: Option<&StoreError>,
    list: Option<&Result<Vec<RecentLookup>, StoreError>>,
) {
    let Some(doc) = section.owner_document() else {
        return;
    };
    let t = tickets_texts(lang);
    section.set_text_content(None);
    attr(
        &text_el(&doc, section, "h2", "", t.recent_title),
        "id",
        "recent-title",
    );
    if let Some(error) = problem {
        notice(&doc, section, lang, error, StoreUse::ForgetLookup, "alert");
    }
    match list {
        None => {}
        Some(Err(error)) => notice(
            &doc,
            section,
            lang,
            error,
            StoreUse::RememberLookup,
            "status",
        ),
        Some(Ok(list)) if list.is_empty() => {
            text_el(&doc, section, "p", "muted", t.recent_empty);
        }
        Some(Ok(list)) => {
            let ul = el(&doc, section, "ul", "recent-list");
            for r in list {
                let li = el(&doc, &ul, "li", "recent-item");
                let a = el(&doc, &li, "a", "recent-link");
                attr(&a, "href", &routes::ticket(&r.number));
                text_el(&doc, &a, "span", "recent-number", &r.number);
                text_el(&doc, &a, "span", "recent-title", &r.title);
                let when = format!("{} {}", t.looked_up_at, format_ms(r.opened_at));
                text_el(&doc, &li, "span", "recent-when", &when);
                forget_button(&doc, &li, t.forget_button, &r.key);
            }
            forget_button(&doc, section, t.forget_all_button, "");
        }
    }
}

fn forget_button(doc: &Document, parent: &Element, label: &str, key: &str) {
    let b = text_el(doc, parent, "button", "button small", label);
    attr(&b, "type", "button");
    attr(&b, "data-forget", key);
}

/// A storage failure, as `components::StoreProblem` shows it.
fn notice(
    doc: &Document,
    parent: &Element,
    lang: Lang,
    error: &StoreError,
    used_for: StoreUse,
    role: &str,
) {
    let p = text_el(
        doc,
        parent,
        "p",
        "notice",
        store_error_message(lang, error, used_for),
    );
    attr(&p, "role", role);
}
