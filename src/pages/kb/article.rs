//! `/kb/a/:id`: an article with breadcrumbs, date, revision and related
//! articles. Every article opened is kept on the device; with the network
//! unreachable, the device's copy is shown, saying when it was saved.

use super::texts::kb_texts;
use super::{fetch_kb, link, Kb};
use crate::api::{failure, fetch_article_blocks, ApiError};
use crate::components::{
    article_body, store_error_message, store_problem_role, DeviceCopyNotice, ErrorPanel, Loading,
    StoreUse,
};
use crate::dom::{attr, el, text, text_el, titled_section};
use crate::i18n::{use_lang, Lang};
use crate::routes;
use crate::store::{self, SavedArticle, StoreError};
use leptos::html;
use leptos::prelude::*;
use portal_core::fallback::{Answer, Shown};
use portal_core::kb::related;
use portal_core::markdown::Block;
use portal_core::model::KbArticle;
use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;
use web_sys::Element;

/// What the article page could show.
#[derive(Clone)]
enum ArticleLoad {
    /// From the network (and now cached on this device).
    Online {
        kb: Kb,
        article: KbArticle,
        blocks: Vec<Block>,
        /// The blocks file as fetched: what a device copy keeps.
        blocks_json: String,
        /// Whether the device keeps it pinned, or why it could not keep it.
        kept: Result<bool, StoreError>,
    },
    /// The network failed; the copy on this device.
    Offline {
        article: KbArticle,
        blocks: Vec<Block>,
        saved_at: f64,
    },
    Missing,
    Failed(ApiError),
}

/// Loads an article from the network, caching it on the device; falls back
/// to the device's copy when the network cannot be reached.
async fn load_article(id: String) -> ArticleLoad {
    let online = futures::future::join(fetch_kb(), fetch_article_blocks(&id)).await;
    let answer = match online {
        (Ok(kb), body) => match kb.articles.iter().find(|a| a.id == id).cloned() {
            // Not in the published index: gone, whatever the body request said.
            None => Answer::Gone,
            Some(article) => match body {
                Ok(body) => Answer::Fresh((kb, article, body)),
                Err(e) => failure(e),
            },
        },
        (Err(e), _) => failure(e),
    };
    let copy = if answer.wants_device_copy() {
        device_copy(&id).await
    } else {
        None
    };
    match answer.or_device_copy(|| copy) {
        Shown::Fresh((kb, article, (blocks, blocks_json))) => {
            // Every article opened is kept for offline reading; if the
            // device cannot keep it, the page says so and shows it anyway.
            let kept = store::keep_article(&article, &blocks_json, false).await;
            ArticleLoad::Online {
                kb,
                article,
                blocks,
                blocks_json,
                kept,
            }
        }
        Shown::DeviceCopy(copy) => copy,
        Shown::Gone => ArticleLoad::Missing,
        Shown::Failed(error) => ArticleLoad::Failed(error),
    }
}

/// The copy of an article on this device, if there is one that still parses
/// (copies from older builds hold Markdown: `blocks()` reads them as text).
async fn device_copy(id: &str) -> Option<ArticleLoad> {
    let copy = store::saved_article(id).await.ok()??;
    let article = serde_json::from_str::<KbArticle>(&copy.entry_json).ok()?;
    let blocks = copy.blocks().ok()?;
    Some(ArticleLoad::Offline {
        article,
        blocks,
        saved_at: copy.saved_at,
    })
}

/// An article as shown, online or from the device.
struct ArticleShown {
    article: KbArticle,
    blocks: Vec<Block>,
    /// Online: the index (for the category and related articles), the
    /// blocks file (what "save" keeps) and whether the device kept it.
    online: Option<(Kb, String, Result<bool, StoreError>)>,
}

/// `/kb/a/:id`
#[component]
pub fn KbArticlePage() -> impl IntoView {
    let lang = use_lang();
    let param = crate::routes::use_param();
    let id = move || param.get();
    // Loaded again when the id changes or the user retries; a load that
    // finishes after a newer one started is dropped.
    let load = RwSignal::new(None::<ArticleLoad>);
    let retries = RwSignal::new(0u32);
    let latest = Rc::new(Cell::new(0u32));
    Effect::new(move |_| {
        let (id, _) = (id(), retries.get());
        let this = latest.get() + 1;
        latest.set(this);
        let latest = latest.clone();
        leptos::task::spawn_local(async move {
            let loaded = load_article(id).await;
            if latest.get() == this {
                load.try_set(Some(loaded));
            }
        });
    });
    let retry = move || retries.update(|n| *n += 1);
    let save_state = RwSignal::new(None::<Result<(), StoreError>>);
    let page = move || match load.get() {
        None => view! { <Loading/> }.into_any(),
        Some(ArticleLoad::Missing) => {
            let missing = move || kb_texts(lang.get()).article_missing;
            view! { <p class="notice" role="alert">{missing}</p> }.into_any()
        }
        Some(ArticleLoad::Failed(error)) => view! { <ErrorPanel error on_retry=retry/> }.into_any(),
        Some(ArticleLoad::Offline {
            article,
            blocks,
            saved_at,
        }) => {
            let shown = ArticleShown {
                article,
                blocks,
                online: None,
            };
            view! {
                <DeviceCopyNotice message=|lang, time| (kb_texts(lang).offline_article)(time) saved_at_ms=saved_at on_retry=retry>
                    {article_view(lang, save_state, shown)}
                </DeviceCopyNotice>
            }
            .into_any()
        }
        Some(ArticleLoad::Online {
            kb,
            article,
            blocks,
            blocks_json,
            kept,
        }) => {
            let online = Some((kb, blocks_json, kept));
            article_view(
                lang,
                save_state,
                ArticleShown {
                    article,
                    blocks,
                    online,
                },
            )
        }
    };
    view! { <section class="page kb">{page}</section> }
}

/// The breadcrumbs, the article and, online, "save for offline" and the
/// related articles: hosts filled per language.
fn article_view(
    lang: RwSignal<Lang>,
    save_state: RwSignal<Option<Result<(), StoreError>>>,
    shown: ArticleShown,
) -> AnyView {
    let (crumbs, article) = (NodeRef::<html::Nav>::new(), NodeRef::<html::Article>::new());
    let extra = NodeRef::<html::Div>::new();
    let shown = Arc::new(shown);
    let (in_extra, to_save) = (shown.clone(), shown.clone());
    Effect::new(move |_| {
        let lang = lang.get();
        if let (Some(crumbs), Some(article)) = (crumbs.get(), article.get()) {
            fill_article(&crumbs, &article, lang, &shown);
        }
    });
    Effect::new(move |_| {
        let (lang, saved) = (lang.get(), save_state.get());
        if let (Some(extra), Some((kb, _, kept))) = (extra.get(), &in_extra.online) {
            save_and_related(&extra, lang, saved, kept, kb, &in_extra.article);
        }
    });
    // "Save for offline": pinned, so it stays when the device makes room.
    let save = move |ev: leptos::ev::MouseEvent| {
        let on_button = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<Element>(t).ok())
            .is_some_and(|t| t.tag_name() == "BUTTON");
        if let (true, Some((_, blocks_json, _))) = (on_button, &to_save.online) {
            let copy = SavedArticle::new(&to_save.article, blocks_json, true);
            leptos::task::spawn_local(async move {
                save_state.set(Some(store::save_articles(vec![copy]).await));
            });
        }
    };
    view! {
        <nav class="breadcrumbs" aria-label="breadcrumbs" node_ref=crumbs></nav>
        <article class="card article" node_ref=article></article>
        <div node_ref=extra on:click=save></div>
    }
    .into_any()
}

/// The breadcrumbs (the category only when online) and the article: title,
/// date, revision and body.
fn fill_article(crumbs: &Element, article: &Element, lang: Lang, shown: &ArticleShown) {
    let Some(doc) = &article.owner_document() else {
        return;
    };
    let (t, en) = (kb_texts(lang), lang.is_en());
    let a = &shown.article;
    crumbs.set_text_content(None);
    link(doc, crumbs, routes::KB, t.index_crumb);
    let category = shown
        .online
        .as_ref()
        .and_then(|(kb, _, _)| kb.categories.iter().find(|c| c.id == a.category));
    if let Some(category) = category {
        text(doc, crumbs, " › ");
        link(
            doc,
            crumbs,
            &routes::kb_category(&a.category),
            category.name.get(en),
        );
    }
    article.set_text_content(None);
    text_el(doc, article, "h1", "", a.title.get(en));
    let mut meta = format!(
        "{} {} · {}",
        t.updated_on,
        a.updated,
        (t.revision)(a.revision)
    );
    if en {
        meta = format!("{meta} · {}", t.body_in_chinese);
    }
    text_el(doc, article, "p", "muted article-meta", &meta);
    article_body(doc, article, lang, &shown.blocks);
}

/// Whether the device keeps the article (or the button that saves it, or
/// why it could not), then the related articles.
fn save_and_related(
    host: &Element,
    lang: Lang,
    saved: Option<Result<(), StoreError>>,
    kept: &Result<bool, StoreError>,
    kb: &Kb,
    article: &KbArticle,
) {
    let Some(doc) = &host.owner_document() else {
        return;
    };
    host.set_text_content(None);
    let (t, en) = (kb_texts(lang), lang.is_en());
    let problem = |error: &StoreError, used_for: StoreUse| {
        let message = store_error_message(lang, error, used_for);
        attr(
            &text_el(doc, host, "p", "notice", message),
            "role",
            store_problem_role(used_for),
        );
    };
    let button = || {
        let b = text_el(
            doc,
            host,
            "button",
            "button small save-offline",
            t.save_offline,
        );
        attr(&b, "type", "button");
    };
    match (saved, kept) {
        (Some(Ok(())), _) => attr(
            &text_el(doc, host, "p", "muted", t.saved_offline),
            "role",
            "status",
        ),
        (Some(Err(error)), _) => problem(&error, StoreUse::SaveArticles),
        (None, Ok(true)) => {
            text_el(doc, host, "p", "muted", t.saved_offline);
        }
        (None, Ok(false)) => button(),
        (None, Err(error)) => {
            problem(error, StoreUse::KeepOpenedArticle);
            button();
        }
    }
    let section = titled_section(doc, host, "section", "related-title", t.related_title);
    let list = el(doc, &section, "ul", "related");
    for a in related(article, &kb.articles) {
        let li = el(doc, &list, "li", "");
        link(doc, &li, &routes::kb_article(&a.id), a.title.get(en));
    }
}
