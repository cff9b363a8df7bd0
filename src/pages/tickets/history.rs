//! 历史工单: a customer's tickets, opened with the customer access key the
//! enterprise admin holds. Counts of open and breached tickets at the top;
//! filter by status, priority and product, search titles, sort by date or
//! deadline. The key is the workspace session's (`components::workspace_gate`).

use super::texts::tickets_texts;
use crate::api::{fetch_products, use_sla};
use crate::components::{
    loaded, priority_badge_class, state_badge, step_name, use_clock, WorkspaceGate,
};
use crate::i18n::{use_lang, Lang};
use crate::routes;
use crate::time::format_beijing;
use leptos::prelude::*;
use portal_core::model::{Priority, Workspace};
use portal_core::tickets::{
    counts, history_rows, HistoryQuery, HistoryRow, HistorySort, StatusFilter,
};
use std::time::Duration;

#[component]
pub fn History() -> impl IntoView {
    let query = RwSignal::new(HistoryQuery::default());
    view! {
        <section class="page history-page">
            <WorkspaceGate
                title=|lang| tickets_texts(lang).history_title
                lead=|lang| tickets_texts(lang).history_lead
                render=move |w: Workspace| view! { <HistoryList workspace=w query/> }.into_any()
            />
        </section>
    }
}

#[component]
fn HistoryList(workspace: Workspace, query: RwSignal<HistoryQuery>) -> impl IntoView {
    let lang = use_lang();
    let setup = use_sla();
    let products = LocalResource::new(fetch_products);
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
    loaded(setup, move |setup| {
        let lang = lang.get();
        let t = tickets_texts(lang);
        let rows = history_rows(&workspace.tickets, &setup.engine, &now.get());
        let c = counts(&rows);
        let product_names = products.get().and_then(Result::ok).unwrap_or_default();
        let name_of = move |id: &str| {
            product_names
                .iter()
                .find(|p| p.id == id)
                .map(|p| p.name.get(lang.is_en()).to_owned())
                .unwrap_or_else(|| id.to_owned())
        };
        let product_options = product_ids
            .iter()
            .map(|id| view! { <option value=id.clone()>{name_of(id)}</option> })
            .collect_view();
        let list = move || {
            let shown = query.get().apply(&rows);
            if shown.is_empty() {
                return view! { <p class="muted">{t.no_results}</p> }.into_any();
            }
            view! { <ul class="history-list">{shown.into_iter().map(|r| history_row(lang, r)).collect_view()}</ul> }
                .into_any()
        };
        view! {
            <h1>{t.history_title}</h1>
            <div class="history-counts">
                <span class="count-box">{(t.count_total)(c.total)}</span>
                <span class="count-box open">{(t.count_open)(c.open)}</span>
                <span class="count-box breached">{(t.count_breached)(c.breached)}</span>
            </div>
            <div class="history-filters">
                <label>
                    {t.field_status}
                    <select
                        name="status"
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            query.update(|q| q.status = v.parse().unwrap_or_default());
                        }
                    >
                        <option value=StatusFilter::All.as_str()>{t.filter_all}</option>
                        <option value=StatusFilter::Open.as_str()>{t.filter_open}</option>
                        <option value=StatusFilter::Closed.as_str()>{t.filter_closed}</option>
                    </select>
                </label>
                <label>
                    {t.field_priority}
                    <select
                        name="priority"
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            query.update(|q| q.priority = v.parse().ok());
                        }
                    >
                        <option value="">{t.filter_all}</option>
                        {Priority::ALL.map(|p| view! { <option value=p.as_str()>{p.as_str()}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    {t.field_product}
                    <select
                        name="product"
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            query.update(|q| q.product = (!v.is_empty()).then_some(v));
                        }
                    >
                        <option value="">{t.filter_all}</option>
                        {product_options}
                    </select>
                </label>
                <label>
                    {t.field_search}
                    <input
                        type="search"
                        name="search"
                        prop:value=move || query.with(|q| q.search.clone())
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            query.update(|q| q.search = v);
                        }
                    />
                </label>
                <label>
                    {t.field_sort}
                    <select
                        name="sort"
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            query.update(|q| q.sort = v.parse().unwrap_or_default());
                        }
                    >
                        <option value=HistorySort::NewestFirst.as_str()>{t.sort_newest}</option>
                        <option value=HistorySort::DeadlineFirst.as_str()>{t.sort_deadline}</option>
                    </select>
                </label>
            </div>
            {list}
        }
        .into_any()
    })
}

fn history_row(lang: Lang, row: HistoryRow) -> impl IntoView {
    let t = tickets_texts(lang);
    let s = row.summary;
    let state = row.state.map(|st| state_badge(lang, st));
    let due = row
        .deadline
        .map(|d| format!(" · {} {}", t.due_label, format_beijing(&d)));
    view! {
        <li class="history-row" data-number=s.number.clone()>
            <span class=priority_badge_class(s.priority)>{s.priority.as_str()}</span>
            <span class="history-title">{s.number.clone()}" "{s.title.clone()}</span>
            // The code rides in the fragment: the ticket page opens with it.
            <a class="button small" href=routes::ticket_link(&s.number, &s.code)>{t.open_button}</a>
            <span class="history-meta">
                {step_name(lang, s.status)}" · "{t.received_label}" "{format_beijing(&s.received)}{due}" "{state}
            </span>
        </li>
    }
}
