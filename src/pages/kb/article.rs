//! `/kb/a/:id`: an article with breadcrumbs, date, revision and related
//! articles. Every article opened is kept on the device; with the network
//! unreachable, the device's copy is shown, saying when it was saved.

use super::texts::kb_texts;
use super::{fetch_kb, Kb};
use crate::api::{failure, fetch_article_blocks, ApiError};
use crate::components::{
    ArticleBody, DeviceCopyNotice, ErrorPanel, Loading, StoreProblem, StoreUse,
};
use crate::i18n::{use_lang, Lang};
use crate::routes;
use crate::store::{self, SavedArticle, StoreError};
use leptos::prelude::*;
use leptos_router::components::A;
use portal_core::fallback::{Answer, Shown};
use portal_core::kb::related;
use portal_core::markdown::Block;
use portal_core::model::KbArticle;

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

/// `/kb/a/:id`
#[component]
pub fn KbArticlePage() -> impl IntoView {
    let lang = use_lang();
    let param = crate::routes::use_param();
    let id = move || param.get();
    let load = LocalResource::new(move || load_article(id()));
    let save_state = RwSignal::new(None::<Result<(), StoreError>>);
    let page = move || {
        let lang = lang.get();
        let (t, en) = (kb_texts(lang), lang.is_en());
        match load.get() {
            None => view! { <Loading/> }.into_any(),
            Some(ArticleLoad::Missing) => {
                view! { <p class="notice" role="alert">{t.article_missing}</p> }.into_any()
            }
            Some(ArticleLoad::Failed(error)) => {
                view! { <ErrorPanel error on_retry=move || load.refetch()/> }.into_any()
            }
            Some(ArticleLoad::Offline { article, blocks, saved_at }) => view! {
                <DeviceCopyNotice message=|lang, time| (kb_texts(lang).offline_article)(time) saved_at_ms=saved_at on_retry=move || load.refetch()>
                    {article_view(lang, &article, blocks, String::new(), ().into_any())}
                </DeviceCopyNotice>
            }
            .into_any(),
            Some(ArticleLoad::Online { kb, article, blocks, blocks_json, kept }) => {
                let category = kb
                    .categories
                    .iter()
                    .find(|c| c.id == article.category)
                    .map(|c| c.name.get(en).to_owned())
                    .unwrap_or_default();
                let related = related(&article, &kb.articles)
                    .into_iter()
                    .map(|a| {
                        let (href, title) = (routes::kb_article(&a.id), a.title.get(en).to_owned());
                        view! { <li><A href=href>{title}</A></li> }
                    })
                    .collect_view();
                let (to_save, to_save_body) = (article.clone(), blocks_json);
                let save = move |_| {
                    let copy = SavedArticle::new(&to_save, &to_save_body, true);
                    leptos::task::spawn_local(async move {
                        save_state.set(Some(store::save_articles(vec![copy]).await));
                    });
                };
                let button = move || view! {
                    <button type="button" class="button small save-offline" on:click=save.clone()>{t.save_offline}</button>
                };
                let save_view = move || match (save_state.get(), kept.clone()) {
                    (Some(Ok(())), _) => view! { <p class="muted" role="status">{t.saved_offline}</p> }.into_any(),
                    (Some(Err(error)), _) => {
                        view! { <StoreProblem error used_for=StoreUse::SaveArticles/> }.into_any()
                    }
                    (None, Ok(true)) => view! { <p class="muted">{t.saved_offline}</p> }.into_any(),
                    (None, Ok(false)) => button().into_any(),
                    (None, Err(error)) => view! {
                        <StoreProblem error used_for=StoreUse::KeepOpenedArticle/>
                        {button()}
                    }
                    .into_any(),
                };
                let extra = view! {
                    {save_view}
                    <section class="section" aria-labelledby="related-title">
                        <h2 id="related-title">{t.related_title}</h2>
                        <ul class="related">{related}</ul>
                    </section>
                };
                article_view(lang, &article, blocks, category, extra.into_any()).into_any()
            }
        }
    };
    view! { <section class="page kb">{page}</section> }
}

fn article_view(
    lang: Lang,
    article: &KbArticle,
    blocks: Vec<Block>,
    category: String,
    extra: AnyView,
) -> impl IntoView {
    let (t, en) = (kb_texts(lang), lang.is_en());
    let crumb = (!category.is_empty()).then(|| {
        let href = routes::kb_category(&article.category);
        view! { " › "<A href=href>{category}</A> }
    });
    view! {
        <nav class="breadcrumbs" aria-label="breadcrumbs">
            <A href=routes::KB>{t.index_crumb}</A>{crumb}
        </nav>
        <article class="card article">
            <h1>{article.title.get(en).to_owned()}</h1>
            <p class="muted article-meta">
                {t.updated_on}" "{article.updated.to_string()}" · "
                {(t.revision)(article.revision)}
                {en.then_some(" · ")}{en.then_some(t.body_in_chinese)}
            </p>
            <ArticleBody blocks/>
        </article>
        {extra}
    }
}
