//! `/kb`: this week's featured articles (每周精选), the categories with
//! their counts, and search over the published index, fetched the first time
//! the user searches.

use super::texts::kb_texts;
use super::{article_card, fetch_kb, Kb};
use crate::components::{loaded, ErrorPanel, OfflineLibraryHint};
use crate::engines::KbFound;
use crate::i18n::{use_lang, Lang};
use crate::routes;
use crate::time::now_beijing;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use portal_core::kb::{category_counts, featured};
use portal_core::search::highlight;

/// How many hits a search shows.
const SHOWN: usize = 20;

/// `/kb`
#[component]
pub fn KnowledgeBase() -> impl IntoView {
    let lang = use_lang();
    let kb = LocalResource::new(fetch_kb);
    // The search lives in the URL (`/kb?q=…&c=…`), so it can be shared and
    // survives a reload; typing replaces the history entry instead of adding
    // one per keystroke, and back and forward bring a search back.
    let params = use_query_map();
    let query = Memo::new(move |_| params.read().get("q").unwrap_or_default());
    let category = Memo::new(move |_| params.read().get("c").unwrap_or_default());
    let navigate = use_navigate();
    let set_search = move |q: &str, c: &str| {
        let options = NavigateOptions {
            replace: true,
            scroll: false,
            ..Default::default()
        };
        navigate(&routes::kb_search(q, c), options);
    };
    // The engine and its index are fetched the first time the user
    // searches, not before.
    // A search started while the engine loads can finish after the user has
    // typed on; the resource then missed the newer input's rerun and kept the
    // old keystroke's results. So each run searches again until what it
    // searched for is still what the page asks.
    let hits = LocalResource::new(move || {
        let mut asked = (query.get(), category.get());
        async move {
            loop {
                let (q, c) = asked.clone();
                if q.trim().is_empty() {
                    return None;
                }
                let c = (!c.is_empty()).then_some(c);
                let found = crate::engines::search_kb(q, c, SHOWN).await;
                match (query.try_get_untracked(), category.try_get_untracked()) {
                    (Some(q), Some(c)) if (&q, &c) != (&asked.0, &asked.1) => asked = (q, c),
                    _ => return Some(found),
                }
            }
        }
    });
    let search_box = move || {
        let lang = lang.get();
        let (t, en) = (kb_texts(lang), lang.is_en());
        let options = kb.get().and_then(Result::ok).map(|kb| {
            kb.categories
                .iter()
                .map(|c| {
                    let (id, name) = (c.id.clone(), c.name.get(en).to_owned());
                    let selected = id == category.get_untracked();
                    view! { <option value=id selected=selected>{name}</option> }
                })
                .collect_view()
        });
        let (typed, chosen) = (set_search.clone(), set_search.clone());
        view! {
            <form class="card search-form" role="search" on:submit=|ev| ev.prevent_default()>
                <label for="kb-search" class="visually-hidden">{t.search_label}</label>
                <input
                    id="kb-search"
                    type="search"
                    placeholder=t.search_placeholder
                    prop:value=move || query.get()
                    on:input=move |ev| typed(&event_target_value(&ev), &category.get_untracked())
                />
                <select
                    name="category"
                    aria-label=t.categories_title
                    prop:value=move || category.get()
                    on:change=move |ev| chosen(&query.get_untracked(), &event_target_value(&ev))
                >
                    <option value="">{t.search_all_categories}</option>
                    {options}
                </select>
            </form>
        }
    };
    let results = move || {
        let lang = lang.get();
        let t = kb_texts(lang);
        let q = query.get();
        if q.trim().is_empty() {
            return None;
        }
        let searching = || view! { <p class="muted">{t.searching}</p> }.into_any();
        Some(match (hits.get(), kb.get()) {
            (Some(Some(Err(error))), _) | (_, Some(Err(error))) => {
                view! { <ErrorPanel error on_retry=move || hits.refetch()/> }.into_any()
            }
            (Some(Some(Ok(found))), Some(Ok(kb))) => {
                search_results(lang, &kb, &found, &q).into_any()
            }
            _ => searching(),
        })
    };
    // One polite live region, in the page from the start, says what the
    // search found (or that it is searching); the cards themselves are not
    // read out on every keystroke.
    let announce = move || {
        let t = kb_texts(lang.get());
        if query.get().trim().is_empty() {
            return String::new();
        }
        match hits.get() {
            Some(Some(Ok(found))) if found.ids.is_empty() => t.search_none.to_owned(),
            Some(Some(Ok(found))) => {
                let count = (t.search_results)(found.total, found.ids.len());
                if found.partial {
                    format!("{} {count}", t.search_partial)
                } else {
                    count
                }
            }
            Some(Some(Err(_))) => String::new(),
            _ => t.searching.to_owned(),
        }
    };
    let searching = move || !query.get().trim().is_empty();
    let body = loaded(kb, move |kb| {
        let lang = lang.get();
        let (t, en) = (kb_texts(lang), lang.is_en());
        let picks = featured(&kb.articles, &now_beijing());
        let week = picks.as_ref().map(|f| f.week.to_string());
        let featured = picks
            .into_iter()
            .flat_map(|f| f.articles)
            .map(|a| article_card(lang, a))
            .collect_view();
        let categories = category_counts(&kb.categories, &kb.articles)
            .into_iter()
            .map(|count| {
                let (c, n) = (count.category, count.articles);
                let (id, href) = (c.id.clone(), routes::kb_category(&c.id));
                let (name, description) =
                    (c.name.get(en).to_owned(), c.description.get(en).to_owned());
                view! {
                    <li class="card category-card" data-category=id>
                        <h3><A href=href>{name}</A></h3>
                        <p>{description}</p>
                        <p class="muted">{(t.articles_count)(n)}</p>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="section" aria-labelledby="featured-title">
                <h2 id="featured-title">{t.featured_title}" "<span class="muted">{week.unwrap_or_default()}</span></h2>
                <ul class="card-grid featured">{featured}</ul>
            </section>
            <section class="section" aria-labelledby="categories-title">
                <h2 id="categories-title">{t.categories_title}</h2>
                <ul class="card-grid categories">{categories}</ul>
            </section>
        }
        .into_any()
    });
    let header = move || {
        let t = kb_texts(lang.get());
        view! {
            <h1>{t.title}</h1>
            <p class="lead-text">{t.lead}" "<A href=routes::KB_OFFLINE>{t.offline_library}" →"</A></p>
        }
    };
    // Offline (server room): point at what this device has.
    let offline_hint = move || {
        matches!(kb.get(), Some(Err(e)) if e.is_unreachable())
            .then(|| view! { <OfflineLibraryHint/> })
    };
    view! {
        <section class="page kb">
            {header}
            {offline_hint}
            {search_box}
            <p id="kb-search-status" class="visually-hidden" role="status">{announce}</p>
            {results}
            <div class:hidden=searching>{body}</div>
        </section>
    }
}

/// The hits as article cards, with the query's words highlighted, under
/// how many matched (and, for partial matches, a notice saying so).
fn search_results(lang: Lang, kb: &Kb, found: &KbFound, query: &str) -> impl IntoView {
    let (t, en) = (kb_texts(lang), lang.is_en());
    if found.ids.is_empty() {
        return view! { <p class="notice">{t.search_none}</p> }.into_any();
    }
    let cards = found
        .ids
        .iter()
        .filter_map(|id| kb.articles.iter().find(|a| a.id == *id))
        .map(|a| {
            let href = routes::kb_article(&a.id);
            let title = marked(highlight(a.title.get(en), query));
            let summary = marked(highlight(a.summary.get(en), query));
            view! {
                <li class="card article-card search-hit" data-article=a.id.clone()>
                    <h3><A href=href>{title}</A></h3>
                    <p>{summary}</p>
                </li>
            }
        })
        .collect_view();
    let partial = found
        .partial
        .then(|| view! { <p class="notice search-partial">{t.search_partial}</p> });
    view! {
        <section class="section">
            {partial}
            <p class="muted search-count">{(t.search_results)(found.total, found.ids.len())}</p>
            <ul class="card-grid search-results">{cards}</ul>
        </section>
    }
    .into_any()
}

/// Highlighted runs as text and `<mark>` (text nodes only).
fn marked(parts: Vec<(String, bool)>) -> impl IntoView {
    parts
        .into_iter()
        .map(|(text, hit)| {
            if hit {
                view! { <mark>{text}</mark> }.into_any()
            } else {
                text.into_any()
            }
        })
        .collect_view()
}
