//! `/kb/c/:category`: a category's articles, and saving them all for
//! offline reading.

use super::texts::kb_texts;
use super::{article_card, fetch_kb, Kb};
use crate::api::{fetch_article_blocks, ApiError};
use crate::components::{loaded, ErrorPanel, StoreProblem, StoreUse};
use crate::i18n::use_lang;
use crate::routes;
use crate::store::{self, SavedArticle, StoreError};
use leptos::prelude::*;
use leptos_router::components::A;
use portal_core::kb::in_category;
use portal_core::model::KbArticle;

/// Fetches every article of a category and saves them for offline reading
/// in one transaction; returns how many.
async fn save_category(kb: Kb, category: String) -> Result<usize, Result<StoreError, ApiError>> {
    let articles: Vec<KbArticle> = in_category(&kb.articles, &category)
        .into_iter()
        .cloned()
        .collect();
    let bodies =
        futures::future::join_all(articles.iter().map(|a| fetch_article_blocks(&a.id))).await;
    let mut copies = Vec::with_capacity(articles.len());
    for (a, body) in articles.iter().zip(bodies) {
        let (_, text) = body.map_err(Err)?;
        copies.push(SavedArticle::new(a, &text, true));
    }
    let n = copies.len();
    store::save_articles(copies).await.map_err(Ok)?;
    Ok(n)
}

/// The state of a category page's "save this category" button.
#[derive(Clone)]
enum CategorySave {
    Ready,
    Saving,
    Saved(usize),
    StoreFailed(StoreError),
    FetchFailed(ApiError),
}

/// `/kb/c/:category`
#[component]
pub fn KbCategoryPage() -> impl IntoView {
    let lang = use_lang();
    let param = crate::routes::use_param();
    let kb = LocalResource::new(fetch_kb);
    let saving = RwSignal::new(CategorySave::Ready);
    let body = loaded(kb, move |kb| {
        let lang = lang.get();
        let (t, en) = (kb_texts(lang), lang.is_en());
        let id = param.get();
        let Some(category) = kb.categories.iter().find(|c| c.id == id) else {
            return view! { <p class="notice" role="alert">{t.category_missing}</p> }.into_any();
        };
        let articles = in_category(&kb.articles, &id)
            .into_iter()
            .map(|a| article_card(lang, a))
            .collect_view();
        let save = {
            let (kb, id) = (kb.clone(), id.clone());
            move |_| {
                let (kb, id) = (kb.clone(), id.clone());
                saving.set(CategorySave::Saving);
                leptos::task::spawn_local(async move {
                    saving.set(match save_category(kb, id).await {
                        Ok(n) => CategorySave::Saved(n),
                        Err(Ok(error)) => CategorySave::StoreFailed(error),
                        Err(Err(error)) => CategorySave::FetchFailed(error),
                    });
                });
            }
        };
        let status = move || {
            match saving.get() {
            CategorySave::Ready => view! { <button type="button" class="button small save-category" on:click=save.clone()>{t.save_category}</button> }.into_any(),
            CategorySave::Saving => view! { <p class="muted" role="status">{t.saving}</p> }.into_any(),
            CategorySave::Saved(n) => view! {
                <p class="muted" role="status">
                    {(t.saved_category)(n)}" "<A href=routes::KB_OFFLINE>{t.offline_library}</A>
                </p>
            }
            .into_any(),
            CategorySave::StoreFailed(error) => view! { <StoreProblem error used_for=StoreUse::SaveArticles/> }.into_any(),
            CategorySave::FetchFailed(error) => view! { <ErrorPanel error on_retry=move || saving.set(CategorySave::Ready)/> }.into_any(),
        }
        };
        view! {
            <nav class="breadcrumbs" aria-label="breadcrumbs">
                <A href=routes::KB>{t.index_crumb}</A>" › "<span>{category.name.get(en).to_owned()}</span>
            </nav>
            <h1>{category.name.get(en).to_owned()}</h1>
            <p class="lead-text">{category.description.get(en).to_owned()}</p>
            {status}
            <ul class="card-grid articles">{articles}</ul>
        }
        .into_any()
    });
    view! { <section class="page kb">{body}</section> }
}
