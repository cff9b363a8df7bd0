//! 在线知识库: the index with search (`index`), a category (`category`) and
//! an article (`article`). An article arrives as the core's block model
//! (`kb/articles/<id>.json`, published by `portal index`; no Markdown is
//! parsed here) and is shown by `components::article_body`. What the three
//! pages share is here: the categories and article index, and the card of
//! an article.
//!
//! The pages' markup is built with the DOM API (`crate::dom`): a `view!`
//! keeps a few host elements, effects fill them from the data. Text goes
//! in as text nodes and attributes through `set_attribute` only.

mod article;
mod category;
mod index;
mod texts;

pub use article::KbArticlePage;
pub use category::KbCategoryPage;
pub use index::KnowledgeBase;

use crate::api::{fetch_json_once, ApiError};
use crate::dom::{attr, el, text_el};
use crate::i18n::Lang;
use crate::routes;
use portal_core::files;
use portal_core::model::{KbArticle, KbCategory};
use std::sync::Arc;
use texts::kb_texts;
use web_sys::{Document, Element};

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

/// `<a href>` with `text`, at the end of `parent` (the router handles its
/// clicks).
pub(super) fn link(doc: &Document, parent: &Element, href: &str, text: &str) -> Element {
    let a = text_el(doc, parent, "a", "", text);
    attr(&a, "href", href);
    a
}

/// An article's card at the end of `list`: its linked title, summary and
/// date.
pub(super) fn article_card(doc: &Document, list: &Element, lang: Lang, a: &KbArticle) {
    let (t, en) = (kb_texts(lang), lang.is_en());
    let li = el(doc, list, "li", "card article-card");
    let h3 = el(doc, &li, "h3", "");
    link(doc, &h3, &routes::kb_article(&a.id), a.title.get(en));
    text_el(doc, &li, "p", "", a.summary.get(en));
    text_el(
        doc,
        &li,
        "p",
        "muted",
        &format!("{} {}", t.updated_on, a.updated),
    );
}
