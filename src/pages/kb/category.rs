//! `/kb/c/:category`: a category's articles, and saving them all for
//! offline reading.

use super::texts::kb_texts;
use super::{article_card, fetch_kb, link, Kb};
use crate::api::{fetch_article_blocks, ApiError};
use crate::components::{loaded, store_error_message, store_problem_role, ErrorPanel, StoreUse};
use crate::dom::{attr, text, text_el};
use crate::i18n::{use_lang, Lang};
use crate::routes;
use crate::store::{self, SavedArticle, StoreError};
use leptos::html;
use leptos::prelude::*;
use portal_core::kb::in_category;
use portal_core::model::KbArticle;
use web_sys::Element;

/// Fetches every article of a category and saves them for offline reading
/// in one transaction; returns how many. A split point of its own: the
/// article bodies' reader and the device's storage load when the user asks
/// to save, not with the category.
#[cfg_attr(feature = "split", leptos::lazy)]
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
        let id = param.get();
        if !kb.categories.iter().any(|c| c.id == id) {
            let missing = move || kb_texts(lang.get()).category_missing;
            return view! { <p class="notice" role="alert">{missing}</p> }.into_any();
        }
        let (crumbs, heading) = (NodeRef::<html::Nav>::new(), NodeRef::<html::H1>::new());
        let (lead, list) = (NodeRef::<html::P>::new(), NodeRef::<html::Ul>::new());
        let shown = (kb.clone(), id.clone());
        Effect::new(move |_| {
            let lang = lang.get();
            if let (Some(crumbs), Some(h1), Some(lead), Some(list)) =
                (crumbs.get(), heading.get(), lead.get(), list.get())
            {
                category_page(&crumbs, &h1, &lead, &list, lang, &shown.0, &shown.1);
            }
        });
        let save = NodeRef::<html::Div>::new();
        Effect::new(move |_| {
            let (lang, state) = (lang.get(), saving.get());
            if let Some(host) = save.get() {
                save_state(&host, lang, &state);
            }
        });
        let start = move |ev: leptos::ev::MouseEvent| {
            let on_button = ev
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<Element>(t).ok())
                .is_some_and(|t| t.tag_name() == "BUTTON");
            if !on_button {
                return;
            }
            let (kb, id) = (kb.clone(), id.clone());
            saving.set(CategorySave::Saving);
            leptos::task::spawn_local(async move {
                saving.set(match save_category(kb, id).await {
                    Ok(n) => CategorySave::Saved(n),
                    Err(Ok(error)) => CategorySave::StoreFailed(error),
                    Err(Err(error)) => CategorySave::FetchFailed(error),
                });
            });
        };
        let failed = move || match saving.get() {
            CategorySave::FetchFailed(error) => {
                Some(view! { <ErrorPanel error on_retry=move || saving.set(CategorySave::Ready)/> })
            }
            _ => None,
        };
        view! {
            <nav class="breadcrumbs" aria-label="breadcrumbs" node_ref=crumbs></nav>
            <h1 node_ref=heading></h1>
            <p class="lead-text" node_ref=lead></p>
            <div node_ref=save on:click=start></div>
            {failed}
            <ul class="card-grid articles" node_ref=list></ul>
        }
        .into_any()
    });
    view! { <section class="page kb">{body}</section> }
}

/// The breadcrumbs, heading, description and article cards of category `id`.
fn category_page(
    crumbs: &Element,
    h1: &Element,
    lead: &Element,
    list: &Element,
    lang: Lang,
    kb: &Kb,
    id: &str,
) {
    let (Some(doc), Some(category)) = (
        crumbs.owner_document(),
        kb.categories.iter().find(|c| c.id == id),
    ) else {
        return;
    };
    let (t, en) = (kb_texts(lang), lang.is_en());
    let name = category.name.get(en);
    crumbs.set_text_content(None);
    link(&doc, crumbs, routes::KB, t.index_crumb);
    text(&doc, crumbs, " › ");
    text_el(&doc, crumbs, "span", "", name);
    h1.set_text_content(Some(name));
    lead.set_text_content(Some(category.description.get(en)));
    list.set_text_content(None);
    for a in in_category(&kb.articles, id) {
        article_card(&doc, list, lang, a);
    }
}

/// The "save this category" button, or how saving went (a failed fetch
/// shows as the error panel beside it).
fn save_state(host: &Element, lang: Lang, state: &CategorySave) {
    let Some(doc) = host.owner_document() else {
        return;
    };
    let t = kb_texts(lang);
    host.set_text_content(None);
    match state {
        CategorySave::Ready => {
            let button = text_el(
                &doc,
                host,
                "button",
                "button small save-category",
                t.save_category,
            );
            attr(&button, "type", "button");
        }
        CategorySave::Saving => {
            attr(
                &text_el(&doc, host, "p", "muted", t.saving),
                "role",
                "status",
            );
        }
        CategorySave::Saved(n) => {
            let p = text_el(&doc, host, "p", "muted", &(t.saved_category)(*n));
            attr(&p, "role", "status");
            text(&doc, &p, " ");
            link(&doc, &p, routes::KB_OFFLINE, t.offline_library);
        }
        CategorySave::StoreFailed(error) => {
            let used_for = StoreUse::SaveArticles;
            let message = store_error_message(lang, error, used_for);
            attr(
                &text_el(&doc, host, "p", "notice", message),
                "role",
                store_problem_role(used_for),
            );
        }
        CategorySave::FetchFailed(_) => {}
    }
}
