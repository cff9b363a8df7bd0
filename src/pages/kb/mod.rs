//! 在线知识库: the index with search (`index`), a category (`category`) and
//! an article (`article`). An article arrives as the core's block model
//! (`kb/articles/<id>.json`, published by `portal index`; no Markdown is
//! parsed here) and is shown by `components::ArticleBody`. What the three
//! pages share is here: the categories and article index, and the card of
//! an article.

mod article;
mod category;
mod index;
mod texts;

pub use article::KbArticlePage;
pub use category::KbCategoryPage;
pub use index::KnowledgeBase;

use crate::api::{fetch_json_once, ApiError};
use crate::i18n::Lang;
use crate::routes;
use leptos::prelude::*;
use leptos_router::components::A;
use portal_core::files;
use portal_core::model::{KbArticle, KbCategory};
use std::sync::Arc;
use texts::kb_texts;

/// Categories and the article index, loaded together, once per visit (the
/// three pages and the offline library share the copy).
#[derive(Clone)]
pub(super) struct Kb {
    pub categories: Arc<Vec<KbCategory>>,
    pub articles: Arc<Vec<KbArticle>>,
}

pub(super) async fn fetch_kb() -> Result<Kb, ApiError> {
    let (c, a) = futures::future::join(
        fetch_json_once::<Vec<KbCategory>>(files::KB_CATEGORIES),
        fetch_json_once::<Vec<KbArticle>>(files::KB_ARTICLES),
    )
    .await;
    Ok(Kb {
        categories: Arc::new(c?),
        articles: Arc::new(a?),
    })
}

pub(super) fn article_card(lang: Lang, a: &KbArticle) -> impl IntoView {
    let (t, en) = (kb_texts(lang), lang.is_en());
    let (href, title) = (routes::kb_article(&a.id), a.title.get(en).to_owned());
    let (summary, updated) = (a.summary.get(en).to_owned(), a.updated.to_string());
    view! {
        <li class="card article-card">
            <h3><A href=href>{title}</A></h3>
            <p>{summary}</p>
            <p class="muted">{t.updated_on}" "{updated}</p>
        </li>
    }
}
