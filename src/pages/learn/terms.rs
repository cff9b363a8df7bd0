//! 服务条款: the service manual §9–§12 as published (`terms.json`), with its
//! version, the sections as anchors, the change history linking the
//! sections each version changed, and the objection period of the current
//! version (`portal_core::terms::objection_period` on the SLA calendar).
//! When a workspace is open on this device, the contract's service period
//! and the products it covers (§12 ties the service to the contract).

use super::texts::learn_texts;
use crate::api::{fetch_json, fetch_products, use_sla, SlaSetup};
use crate::components::{load_workspace, loaded, use_clock};
use crate::dom::{attr, el, text, text_el, titled_section};
use crate::i18n::{use_lang, Lang};
use crate::routes;
use crate::session::use_session;
use chrono::{DateTime, FixedOffset};
use leptos::prelude::*;
use portal_core::files;
use portal_core::model::{Meta, Product, ServiceTerms, Workspace};
use portal_core::terms::{objection_period, ObjectionPeriod, OBJECTION_WORKING_DAYS};
use std::sync::Arc;
use std::time::Duration;
use web_sys::Element;

/// The anchor of a section: `terms-10` (`TermsSection::id`'s doc).
fn anchor(id: &str) -> String {
    format!("terms-{id}")
}

/// What the device's session opened for the contract block.
#[derive(Clone)]
enum ContractView {
    NoWorkspace,
    Opened(Arc<Workspace>, Arc<Vec<Product>>),
    Failed,
}

#[component]
pub fn TermsPage() -> impl IntoView {
    let lang = use_lang();
    let terms = LocalResource::new(|| fetch_json::<ServiceTerms>(files::TERMS));
    let setup = use_sla();
    let meta = LocalResource::new(|| fetch_json::<Meta>(files::META));
    let session = use_session();
    let contract = LocalResource::new(move || {
        let key = session.key();
        async move {
            let Some(key) = key else {
                return ContractView::NoWorkspace;
            };
            match load_workspace(&key).await {
                Ok(w) => {
                    let products = fetch_products().await.unwrap_or_default();
                    ContractView::Opened(Arc::new(w), Arc::new(products))
                }
                Err(_) => ContractView::Failed,
            }
        }
    });
    let now = use_clock(Duration::from_secs(60));

    let body = loaded(terms, move |terms| {
        let lang = lang.get();
        let terms = Arc::new(terms);
        let head = NodeRef::<leptos::html::Div>::new();
        let objection = NodeRef::<leptos::html::Div>::new();
        let contract_host = NodeRef::<leptos::html::Div>::new();
        let rest = NodeRef::<leptos::html::Div>::new();
        {
            let terms = terms.clone();
            Effect::new(move |_| {
                if let (Some(head), Some(rest)) = (head.get(), rest.get()) {
                    build_head(&head, lang, &terms);
                    build_text(&rest, lang, &terms);
                }
            });
        }
        {
            let terms = terms.clone();
            Effect::new(move |_| {
                let now = now.get();
                let setup = setup.get();
                let support = meta.get().and_then(Result::ok).map(|m| m.support_email);
                if let Some(host) = objection.get() {
                    build_objection(
                        &host,
                        lang,
                        &terms,
                        setup.as_ref().and_then(|s| s.as_ref().ok()),
                        support.as_deref(),
                        &now,
                    );
                }
            });
        }
        Effect::new(move |_| {
            let view = contract.get();
            if let Some(host) = contract_host.get() {
                build_contract(&host, lang, view.as_ref());
            }
        });
        view! {
            <div node_ref=head></div>
            <div node_ref=objection></div>
            <div node_ref=contract_host></div>
            <div node_ref=rest></div>
        }
        .into_any()
    });
    view! { <section class="page learn-page terms-page">{body}</section> }
}

fn build_head(host: &Element, lang: Lang, terms: &ServiceTerms) {
    let Some(doc) = host.owner_document() else {
        return;
    };
    let (t, en) = (learn_texts(lang), lang.is_en());
    host.set_text_content(None);
    text_el(&doc, host, "h1", "", terms.title.get(en));
    let p = text_el(
        &doc,
        host,
        "p",
        "lead-text",
        &(t.terms_version)(&terms.version, &terms.published.to_string()),
    );
    attr(&p, "data-terms-version", &terms.version);
}

fn build_objection(
    host: &Element,
    lang: Lang,
    terms: &ServiceTerms,
    setup: Option<&Arc<SlaSetup>>,
    support: Option<&str>,
    now: &DateTime<FixedOffset>,
) {
    let Some(doc) = host.owner_document() else {
        return;
    };
    let t = learn_texts(lang);
    // The calendar is still loading (or failed: the SLA's own pages say
    // so); the terms read fine without the period.
    let Some(setup) = setup else {
        host.set_text_content(None);
        return;
    };
    let period = objection_period(setup.engine.calendar(), terms, *now);
    let (words, state, open) = match period {
        Ok(ObjectionPeriod::Open { deadline }) => (
            (t.objection_open)(&deadline.to_string(), OBJECTION_WORKING_DAYS),
            "open",
            true,
        ),
        Ok(ObjectionPeriod::Closed { deadline }) => {
            ((t.objection_closed)(&deadline.to_string()), "closed", false)
        }
        Ok(ObjectionPeriod::NotPublished) => (
            (t.objection_not_published)(&terms.published.to_string()),
            "not-published",
            false,
        ),
        Err(_) => (t.objection_unknown.to_owned(), "unknown", false),
    };
    // Rebuilt only when what it says changes (the clock ticks every
    // minute; the support address may arrive after the calendar).
    let key = format!("{words}|{}", support.unwrap_or_default());
    if host.get_attribute("data-shown").as_deref() == Some(key.as_str()) {
        return;
    }
    host.set_text_content(None);
    attr(host, "data-shown", &key);
    let class = if open {
        "card workspace-card notice"
    } else {
        "card workspace-card"
    };
    let card = titled_section(&doc, host, class, "objection-title", t.objection_title);
    attr(&card, "data-objection", state);
    text_el(&doc, &card, "p", "", &words);
    if open {
        if let Some(uri) = support.and_then(portal_core::consult::mailto_uri) {
            let p = el(&doc, &card, "p", "");
            text(&doc, &p, t.objection_how);
            text(&doc, &p, " ");
            let a = text_el(&doc, &p, "a", "", support.unwrap_or_default());
            attr(&a, "href", &uri);
        }
    }
}

fn build_contract(host: &Element, lang: Lang, view: Option<&ContractView>) {
    let Some(doc) = host.owner_document() else {
        return;
    };
    let (t, en) = (learn_texts(lang), lang.is_en());
    host.set_text_content(None);
    let card = titled_section(
        &doc,
        host,
        "card workspace-card",
        "terms-contract-title",
        t.contract_title,
    );
    attr(&card, "id", "contract");
    text_el(&doc, &card, "p", "muted", t.contract_lead);
    match view {
        None => {
            text_el(&doc, &card, "p", "muted", t.contract_opening);
        }
        Some(ContractView::Opened(w, products)) => {
            let c = &w.contract;
            let dl = el(&doc, &card, "dl", "facts");
            attr(&dl, "data-contract", &c.id);
            text_el(&doc, &dl, "dt", "", t.contract_id);
            text_el(&doc, &dl, "dd", "", &c.id);
            text_el(&doc, &dl, "dt", "", t.contract_period);
            let period = text_el(&doc, &dl, "dd", "", &format!("{} – {}", c.starts, c.ends));
            attr(&period, "data-contract-period", "");
            text_el(&doc, &dl, "dt", "", t.contract_products);
            let dd = el(&doc, &dl, "dd", "");
            let ul = el(&doc, &dd, "ul", "inline-list");
            attr(&ul, "data-contract-products", "");
            for id in &c.products {
                let name = products
                    .iter()
                    .find(|p| &p.id == id)
                    .map_or(id.as_str(), |p| p.name.get(en));
                text_el(&doc, &ul, "li", "", name);
            }
        }
        Some(ContractView::NoWorkspace) | Some(ContractView::Failed) => {
            let failed = matches!(view, Some(ContractView::Failed));
            let p = text_el(
                &doc,
                &card,
                "p",
                "",
                if failed {
                    t.contract_failed
                } else {
                    t.contract_none
                },
            );
            attr(&p, "data-contract-missing", "");
            let a = text_el(&doc, &card, "a", "card-link", t.contract_open_link);
            attr(&a, "href", routes::WORKSPACE);
        }
    }
}

/// The contents, the sections and the change history.
fn build_text(host: &Element, lang: Lang, terms: &ServiceTerms) {
    let Some(doc) = host.owner_document() else {
        return;
    };
    let (t, en) = (learn_texts(lang), lang.is_en());
    host.set_text_content(None);

    // In-page links: `target="_self"` makes the browser scroll and move
    // focus; the router leaves fragment links alone.
    let nav = el(&doc, host, "nav", "workspace-nav");
    attr(&nav, "aria-label", t.contents);
    let ul = el(&doc, &nav, "ul", "");
    let link = |parent: &Element, href: &str, words: &str| {
        let a = text_el(&doc, parent, "a", "", words);
        attr(&a, "href", &format!("#{href}"));
        attr(&a, "target", "_self");
    };
    for s in &terms.sections {
        let li = el(&doc, &ul, "li", "");
        link(&li, &anchor(&s.id), s.heading.get(en));
    }
    let li = el(&doc, &ul, "li", "");
    link(&li, "history", t.history_title);

    for s in &terms.sections {
        let id = anchor(&s.id);
        let section = titled_section(
            &doc,
            host,
            "card workspace-card terms-section",
            &format!("{id}-title"),
            s.heading.get(en),
        );
        attr(&section, "id", &id);
        for p in &s.paragraphs {
            text_el(&doc, &section, "p", "", p.get(en));
        }
    }

    let history = titled_section(
        &doc,
        host,
        "section terms-history",
        "history-title",
        t.history_title,
    );
    attr(&history, "id", "history");
    let list = el(&doc, &history, "ol", "booking-list");
    for (i, change) in terms.history.iter().enumerate() {
        let li = el(&doc, &list, "li", "card booking-item");
        attr(&li, "data-version", &change.version);
        let h = el(&doc, &li, "h3", "");
        text(
            &doc,
            &h,
            &format!("{} · {}", change.version, change.published),
        );
        if i == 0 {
            text(&doc, &h, " ");
            text_el(&doc, &h, "span", "tag", t.current_version);
        }
        text_el(&doc, &li, "p", "", change.summary.get(en));
        if change.sections.is_empty() {
            text_el(&doc, &li, "p", "muted", t.history_first);
        } else {
            let p = el(&doc, &li, "p", "");
            text(&doc, &p, t.history_changed);
            for (k, id) in change.sections.iter().enumerate() {
                if k > 0 {
                    text(&doc, &p, if en { ", " } else { "、" });
                }
                link(&p, &anchor(id), &(t.section_mark)(id));
            }
        }
    }
}
