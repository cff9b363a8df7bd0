//! 历史工单: a customer's tickets, opened with the customer access key the
//! enterprise admin holds. Counts of open and breached tickets at the top;
//! filter by status, priority and product, search titles, sort by date or
//! deadline. The key is the workspace session's (`components::workspace_gate`).
//!
//! The counts, the filter controls and the rows are built with the DOM API
//! (as the ticket's `sheet`): they are data-driven markup rebuilt whole,
//! and as `view!` they cost this page more wasm than the rest of it. The
//! controls are handled by one listener on their container, which reads
//! them all back into the query.

use super::texts::tickets_texts;
use crate::api::{fetch_products, use_sla};
use crate::components::{
    loaded, priority_badge_class, state_label, step_name, use_clock, WorkspaceGate,
};
use crate::dom::{attr, el, set_value, text_el, value};
use crate::i18n::{use_lang, Lang};
use crate::routes;
use crate::time::format_beijing;
use leptos::prelude::*;
use portal_core::model::{Priority, Product, Workspace};
use portal_core::tickets::{
    counts, history_rows, HistoryQuery, HistoryRow, HistorySort, StatusFilter,
};
use std::time::Duration;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

#[component]
pub fn History() -> impl IntoView {
    let query = RwSignal::new(HistoryQuery::default());
    view! {
        <section class="page history-page">
            <WorkspaceGate
                title=|lang| tickets_texts(lang).history_title
                lead=|lang| tickets_texts(lang).history_lead
                render=move |w: Workspace| history_list(w, query)
            />
        </section>
    }
}

fn history_list(workspace: Workspace, query: RwSignal<HistoryQuery>) -> AnyView {
    let lang = use_lang();
    let setup = use_sla();
    // Product names for the filter; it works with the ids until then.
    let products = RwSignal::new(Vec::<Product>::new());
    leptos::task::spawn_local(async move {
        if let Ok(list) = fetch_products().await {
            products.set(list);
        }
    });
    let now = use_clock(Duration::from_secs(60));
    let product_ids: Vec<String> = {
        let mut ids: Vec<String> = workspace
            .tickets
            .iter()
            .map(|t| t.product.clone())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    let tickets = workspace.tickets;
    loaded(setup, move |setup| {
        let lang = lang.get();
        let (counts_box, filters, list) = (
            NodeRef::<leptos::html::Div>::new(),
            NodeRef::<leptos::html::Div>::new(),
            NodeRef::<leptos::html::Div>::new(),
        );
        // The controls, with the products' names once they are known; set
        // from the query, so a rebuild (a new language) keeps the filter.
        let ids = product_ids.clone();
        Effect::new(move |_| {
            let names = products.get();
            if let Some(filters) = filters.get() {
                build_filters(&filters, lang, &ids, &names);
                sync_filters(&filters, &query.get_untracked());
            }
        });
        let (tickets, setup) = (tickets.clone(), setup.clone());
        Effect::new(move |_| {
            let rows = history_rows(&tickets, &setup.engine, &now.get());
            let q = query.get();
            if let (Some(counts_box), Some(list)) = (counts_box.get(), list.get()) {
                fill_counts(&counts_box, lang, &rows);
                fill_rows(&list, lang, q.apply(&rows));
            }
        });
        let on_control = move |ev: leptos::ev::Event| {
            let search = ev
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .is_some_and(|t| t.get_attribute("name").as_deref() == Some("search"));
            // The search box reports each keystroke as `input`, the selects
            // a choice as `change`.
            if (ev.type_() == "input") == search {
                if let Some(filters) = filters.get_untracked() {
                    query.set(read_filters(&filters));
                }
            }
        };
        view! {
            <h1>{tickets_texts(lang).history_title}</h1>
            <div class="history-counts" node_ref=counts_box></div>
            <div class="history-filters" node_ref=filters on:change=on_control on:input=on_control></div>
            <div node_ref=list></div>
        }
        .into_any()
    })
    .into_any()
}

/// "共 17 张工单", open, breached.
fn fill_counts(host: &Element, lang: Lang, rows: &[HistoryRow]) {
    let Some(doc) = host.owner_document() else {
        return;
    };
    let (t, c) = (tickets_texts(lang), counts(rows));
    host.set_text_content(None);
    text_el(&doc, host, "span", "count-box", &(t.count_total)(c.total));
    text_el(
        &doc,
        host,
        "span",
        "count-box open",
        &(t.count_open)(c.open),
    );
    let breached = (t.count_breached)(c.breached);
    text_el(&doc, host, "span", "count-box breached", &breached);
}

/// A labelled `<select name=…>` of `(value, text)` options.
fn select(doc: &Document, host: &Element, label: &str, name: &str, options: &[(&str, &str)]) {
    let l = text_el(doc, host, "label", "", label);
    let s = el(doc, &l, "select", "");
    attr(&s, "name", name);
    for (v, text) in options {
        let o = text_el(doc, &s, "option", "", text);
        attr(&o, "value", v);
    }
}

fn build_filters(host: &Element, lang: Lang, product_ids: &[String], names: &[Product]) {
    let Some(doc) = host.owner_document() else {
        return;
    };
    let (t, en) = (tickets_texts(lang), lang.is_en());
    host.set_text_content(None);
    let statuses = [
        (StatusFilter::All.as_str(), t.filter_all),
        (StatusFilter::Open.as_str(), t.filter_open),
        (StatusFilter::Closed.as_str(), t.filter_closed),
    ];
    select(&doc, host, t.field_status, "status", &statuses);
    let mut priorities = vec![("", t.filter_all)];
    priorities.extend(Priority::ALL.map(|p| (p.as_str(), p.as_str())));
    select(&doc, host, t.field_priority, "priority", &priorities);
    let named: Vec<(&str, &str)> = product_ids
        .iter()
        .map(|id| {
            let name = names
                .iter()
                .find(|p| &p.id == id)
                .map_or(id.as_str(), |p| p.name.get(en));
            (id.as_str(), name)
        })
        .collect();
    let mut products = vec![("", t.filter_all)];
    products.extend(named);
    select(&doc, host, t.field_product, "product", &products);
    let l = text_el(&doc, host, "label", "", t.field_search);
    let search = el(&doc, &l, "input", "");
    attr(&search, "type", "search");
    attr(&search, "name", "search");
    let sorts = [
        (HistorySort::NewestFirst.as_str(), t.sort_newest),
        (HistorySort::DeadlineFirst.as_str(), t.sort_deadline),
    ];
    select(&doc, host, t.field_sort, "sort", &sorts);
}

fn control(host: &Element, name: &str) -> Option<Element> {
    host.query_selector(&format!("[name=\"{name}\"]"))
        .ok()
        .flatten()
}

/// The query the controls say.
fn read_filters(host: &Element) -> HistoryQuery {
    let v = |name: &str| control(host, name).map(|c| value(&c)).unwrap_or_default();
    let product = v("product");
    HistoryQuery {
        status: v("status").parse().unwrap_or_default(),
        priority: v("priority").parse().ok(),
        product: (!product.is_empty()).then_some(product),
        search: v("search"),
        sort: v("sort").parse().unwrap_or_default(),
    }
}

/// Sets the controls to `q`.
fn sync_filters(host: &Element, q: &HistoryQuery) {
    let values = [
        ("status", q.status.as_str()),
        ("priority", q.priority.map_or("", Priority::as_str)),
        ("product", q.product.as_deref().unwrap_or("")),
        ("search", &q.search),
        ("sort", q.sort.as_str()),
    ];
    for (name, v) in values {
        if let Some(c) = control(host, name) {
            set_value(&c, v);
        }
    }
}

/// The rows shown, or "none match".
fn fill_rows(host: &Element, lang: Lang, shown: Vec<HistoryRow>) {
    let Some(doc) = host.owner_document() else {
        return;
    };
    let t = tickets_texts(lang);
    host.set_text_content(None);
    if shown.is_empty() {
        text_el(&doc, host, "p", "muted", t.no_results);
        return;
    }
    let ul = el(&doc, host, "ul", "history-list");
    for row in shown {
        let s = &row.summary;
        let li = el(&doc, &ul, "li", "history-row");
        attr(&li, "data-number", &s.number);
        let priority = &priority_badge_class(s.priority);
        text_el(&doc, &li, "span", priority, s.priority.as_str());
        let title = format!("{} {}", s.number, s.title);
        text_el(&doc, &li, "span", "history-title", &title);
        // The code rides in the fragment: the ticket page opens with it.
        let a = text_el(&doc, &li, "a", "button small", t.open_button);
        attr(&a, "href", &routes::ticket_link(&s.number, &s.code));
        let mut meta = format!(
            "{} · {} {}",
            step_name(lang, s.status),
            t.received_label,
            format_beijing(&s.received)
        );
        if let Some(d) = row.deadline {
            meta.push_str(&format!(" · {} {}", t.due_label, format_beijing(&d)));
        }
        let m = text_el(&doc, &li, "span", "history-meta", &format!("{meta} "));
        if let Some(state) = row.state {
            let (label, class) = state_label(lang, state);
            text_el(&doc, &m, "span", &format!("state-badge {class}"), label);
        }
    }
}
