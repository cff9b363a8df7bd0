//! 历史工单: a customer's tickets, opened with the customer access key the
//! enterprise admin holds. Counts of open and breached tickets at the top;
//! filter by status, priority and product, search titles, sort by date or
//! deadline. The key itself is kept only in memory for this visit.

use super::texts::tickets_texts;
use crate::api::{fetch_json, fetch_products, use_sla, ApiError};
use crate::components::{
    loaded, priority_badge_class, state_badge, step_name, use_clock, ErrorPanel, Loading,
};
use crate::i18n::{use_lang, Lang};
use crate::routes;
use crate::store::{self, RecentLookup};
use crate::time::format_beijing;
use crate::visit::{use_store_warning, use_visit_lookups, StoreWarning, VisitLookups};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use portal_core::files;
use portal_core::model::{CustomerHistory, Priority};
use portal_core::tickets::{
    counts, history_rows, HistoryQuery, HistoryRow, HistorySort, StatusFilter,
};
use std::time::Duration;

/// What opening a history gave.
#[derive(Debug, Clone)]
enum HistoryLoad {
    NoCustomer,
    Found(CustomerHistory),
    Failed(ApiError),
}

async fn load_history(access_key: String) -> HistoryLoad {
    let key = crate::engines::capability_key(crate::engines::KeyFor::Customer { access_key }).await;
    match fetch_json::<CustomerHistory>(&files::customer(&key)).await {
        Ok(h) => HistoryLoad::Found(h),
        Err(ApiError::Status { status: 404, .. }) => HistoryLoad::NoCustomer,
        Err(e) => HistoryLoad::Failed(e),
    }
}

#[component]
pub fn History() -> impl IntoView {
    let lang = use_lang();
    let typed = RwSignal::new(String::new());
    let submitted = RwSignal::new(None::<String>);
    let history = LocalResource::new(move || {
        let key = submitted.get();
        async move {
            match key {
                Some(k) if !k.trim().is_empty() => Some(load_history(k).await),
                _ => None,
            }
        }
    });
    let query = RwSignal::new(HistoryQuery::default());

    let form = move || {
        let t = tickets_texts(lang.get());
        view! {
            <h1>{t.history_title}</h1>
            <p class="lead-text">{t.history_lead}</p>
            <form
                class="card lookup-form single"
                on:submit=move |ev| {
                    ev.prevent_default();
                    submitted.set(Some(typed.get_untracked()));
                }
            >
                <div class="field">
                    <label for="access-key">{t.field_access_key}</label>
                    <input
                        id="access-key"
                        type="password"
                        autocomplete="off"
                        prop:value=move || typed.get()
                        on:input=move |ev| typed.set(event_target_value(&ev))
                    />
                </div>
                <button type="submit" class="button primary">{t.show_button}</button>
            </form>
        }
    };
    let body = move || {
        let t = tickets_texts(lang.get());
        match history.get() {
            None => {
                if submitted.get().is_some() {
                    view! { <Loading/> }.into_any()
                } else {
                    ().into_any()
                }
            }
            Some(None) => ().into_any(),
            Some(Some(HistoryLoad::NoCustomer)) => {
                view! { <p class="notice" role="alert">{t.no_customer}</p> }.into_any()
            }
            Some(Some(HistoryLoad::Failed(error))) => {
                view! { <ErrorPanel error on_retry=move || history.refetch()/> }.into_any()
            }
            Some(Some(HistoryLoad::Found(h))) => {
                view! { <HistoryList history=h query/> }.into_any()
            }
        }
    };
    view! {
        <section class="page history-page">
            {form}
            {body}
        </section>
    }
}

#[component]
fn HistoryList(history: CustomerHistory, query: RwSignal<HistoryQuery>) -> impl IntoView {
    let lang = use_lang();
    let setup = use_sla();
    let products = LocalResource::new(fetch_products);
    let now = use_clock(Duration::from_secs(60));
    let visit = use_visit_lookups();
    let warning = use_store_warning();
    let product_ids: Vec<String> = {
        let mut ids: Vec<String> = history.tickets.iter().map(|t| t.product.clone()).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    loaded(setup, move |setup| {
        let lang = lang.get();
        let t = tickets_texts(lang);
        let rows = history_rows(&history, &setup.engine, &now.get());
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
            view! { <ul class="history-list">{shown.into_iter().map(|r| history_row(lang, r, visit, warning)).collect_view()}</ul> }
                .into_any()
        };
        view! {
            <p class="history-customer"><strong>{history.customer.clone()}</strong></p>
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

fn history_row(
    lang: Lang,
    row: HistoryRow,
    visit: VisitLookups,
    warning: StoreWarning,
) -> impl IntoView {
    let t = tickets_texts(lang);
    let s = row.summary;
    let navigate = use_navigate();
    let state = row.state.map(|st| state_badge(lang, st));
    let due = row
        .deadline
        .map(|d| format!(" · {} {}", t.due_label, format_beijing(&d)));
    let entry = RecentLookup {
        key: s.key.clone(),
        number: s.number.clone(),
        email: None,
        title: s.title.clone(),
        opened_at: 0.0,
        ticket_json: None,
        fetched_at: None,
    };
    let open = move |_| {
        let entry = RecentLookup {
            opened_at: store::now_ms(),
            ..entry.clone()
        };
        let navigate = navigate.clone();
        visit.remember(entry.clone());
        leptos::task::spawn_local(async move {
            // The ticket page says so if this device could not keep it.
            warning.record(store::remember(entry.clone()).await);
            navigate(&routes::ticket(&entry.number), Default::default());
        });
    };
    view! {
        <li class="history-row" data-number=s.number.clone()>
            <span class=priority_badge_class(s.priority)>{s.priority.as_str()}</span>
            <span class="history-title">{s.number.clone()}" "{s.title.clone()}</span>
            <button type="button" class="button small" on:click=open>{t.open_button}</button>
            <span class="history-meta">
                {step_name(lang, s.status)}" · "{t.received_label}" "{format_beijing(&s.received)}{due}" "{state}
            </span>
        </li>
    }
}
