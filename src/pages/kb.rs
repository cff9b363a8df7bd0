//! 在线知识库: categories with counts, this week's featured articles (每周精选),
//! a category's articles, and an article page with breadcrumbs, date,
//! revision and related articles. An article arrives as the core's block
//! model (`kb/articles/<id>.json`, published by `portal index`; no Markdown
//! is parsed here) and is rendered as text nodes: no HTML from an article
//! is ever interpreted, and link and image targets pass the allow-lists
//! again before they become attributes.

use crate::api::{api_url, failure, fetch_article_blocks, fetch_json, ApiError, SearchCache};
use crate::components::{
    loaded, DeviceCopyNotice, ErrorPanel, Loading, OfflineLibraryHint, StoreProblem, StoreUse,
};
use crate::i18n::{use_lang, Texts};
use crate::routes;
use crate::store::{self, SavedArticle, StoreError};
use crate::time::now_beijing;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use portal_core::fallback::{Answer, Shown};
use portal_core::files;
use portal_core::kb::{category_counts, featured, in_category, related};
use portal_core::markdown::{safe_image, safe_link, Block, Inline};
use portal_core::model::{KbArticle, KbCategory};
use portal_core::search::{highlight, Hit};
use std::sync::Arc;

/// Categories and the article index, loaded together.
#[derive(Clone)]
struct Kb {
    categories: Arc<Vec<KbCategory>>,
    articles: Arc<Vec<KbArticle>>,
}

async fn fetch_kb() -> Result<Kb, ApiError> {
    let (c, a) = futures::future::join(
        fetch_json::<Vec<KbCategory>>(files::KB_CATEGORIES),
        fetch_json::<Vec<KbArticle>>(files::KB_ARTICLES),
    )
    .await;
    Ok(Kb {
        categories: Arc::new(c?),
        articles: Arc::new(a?),
    })
}

fn article_card(t: &'static Texts, a: &KbArticle) -> impl IntoView {
    let en = t.is_en();
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

/// `/kb`
#[component]
pub fn KnowledgeBase() -> impl IntoView {
    let lang = use_lang();
    let kb = LocalResource::new(fetch_kb);
    let query = RwSignal::new(String::new());
    let category = RwSignal::new(String::new());
    let cache = StoredValue::new_local(SearchCache::default());
    // The index is fetched the first time the user searches, not before.
    let hits = LocalResource::new(move || {
        let (q, c) = (query.get(), category.get());
        let cache = cache.get_value();
        async move {
            if q.trim().is_empty() {
                return None;
            }
            let c = (!c.is_empty()).then_some(c);
            Some(cache.search(&q, c.as_deref(), 20).await)
        }
    });
    let search_box = move || {
        let t = lang.get().texts();
        let en = t.is_en();
        let options = kb.get().and_then(Result::ok).map(|kb| {
            kb.categories
                .iter()
                .map(|c| {
                    let (id, name) = (c.id.clone(), c.name.get(en).to_owned());
                    view! { <option value=id>{name}</option> }
                })
                .collect_view()
        });
        view! {
            <form class="card search-form" role="search" on:submit=|ev| ev.prevent_default()>
                <label for="kb-search" class="visually-hidden">{t.search_label}</label>
                <input
                    id="kb-search"
                    type="search"
                    placeholder=t.search_placeholder
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev))
                />
                <select
                    name="category"
                    aria-label=t.categories_title
                    on:change=move |ev| category.set(event_target_value(&ev))
                >
                    <option value="">{t.search_all_categories}</option>
                    {options}
                </select>
            </form>
        }
    };
    let results = move || {
        let t = lang.get().texts();
        let q = query.get();
        if q.trim().is_empty() {
            return None;
        }
        let searching = || view! { <p class="muted" role="status">{t.searching}</p> }.into_any();
        Some(match (hits.get(), kb.get()) {
            (Some(Some(Err(error))), _) | (_, Some(Err(error))) => {
                view! { <ErrorPanel error on_retry=move || hits.refetch()/> }.into_any()
            }
            (Some(Some(Ok(found))), Some(Ok(kb))) => search_results(t, &kb, &found, &q).into_any(),
            _ => searching(),
        })
    };
    let searching = move || !query.get().trim().is_empty();
    let body = loaded(kb, move |kb| {
        let t = lang.get().texts();
        let en = t.is_en();
        let picks = featured(&kb.articles, &now_beijing());
        let week = picks.as_ref().map(|f| f.week.to_string());
        let featured = picks
            .into_iter()
            .flat_map(|f| f.articles)
            .map(|a| article_card(t, a))
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
                        <p class="muted">{t.articles_count.replace("{n}", &n.to_string())}</p>
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
        let t = lang.get().texts();
        view! {
            <h1>{t.kb_title}</h1>
            <p class="lead-text">{t.kb_lead}" "<A href=routes::KB_OFFLINE>{t.offline_library}" →"</A></p>
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
            {results}
            <div class:hidden=searching>{body}</div>
        </section>
    }
}

/// The hits as article cards, with the query's words highlighted.
fn search_results(t: &'static Texts, kb: &Kb, hits: &[Hit], query: &str) -> impl IntoView {
    let en = t.is_en();
    if hits.is_empty() {
        return view! { <p class="notice" role="status">{t.search_none}</p> }.into_any();
    }
    let cards = hits
        .iter()
        .filter_map(|h| kb.articles.iter().find(|a| a.id == h.id))
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
    view! {
        <section class="section" aria-live="polite">
            <p class="muted">{t.search_results.replace("{n}", &hits.len().to_string())}</p>
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
    let params = use_params_map();
    let kb = LocalResource::new(fetch_kb);
    let saving = RwSignal::new(CategorySave::Ready);
    let body = loaded(kb, move |kb| {
        let t = lang.get().texts();
        let en = t.is_en();
        let id = params.read().get("category").unwrap_or_default();
        let Some(category) = kb.categories.iter().find(|c| c.id == id) else {
            return view! { <p class="notice" role="alert">{t.category_missing}</p> }.into_any();
        };
        let articles = in_category(&kb.articles, &id)
            .into_iter()
            .map(|a| article_card(t, a))
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
                    {t.saved_category.replace("{n}", &n.to_string())}" "<A href=routes::KB_OFFLINE>{t.offline_library}</A>
                </p>
            }
            .into_any(),
            CategorySave::StoreFailed(error) => view! { <StoreProblem error used_for=StoreUse::SaveArticles/> }.into_any(),
            CategorySave::FetchFailed(error) => view! { <ErrorPanel error on_retry=move || saving.set(CategorySave::Ready)/> }.into_any(),
        }
        };
        view! {
            <nav class="breadcrumbs" aria-label="breadcrumbs">
                <A href=routes::KB>{t.nav_kb}</A>" › "<span>{category.name.get(en).to_owned()}</span>
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
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let load = LocalResource::new(move || load_article(id()));
    let save_state = RwSignal::new(None::<Result<(), StoreError>>);
    let page = move || {
        let t = lang.get().texts();
        let en = t.is_en();
        match load.get() {
            None => view! { <Loading/> }.into_any(),
            Some(ArticleLoad::Missing) => {
                view! { <p class="notice" role="alert">{t.article_missing}</p> }.into_any()
            }
            Some(ArticleLoad::Failed(error)) => {
                view! { <ErrorPanel error on_retry=move || load.refetch()/> }.into_any()
            }
            Some(ArticleLoad::Offline { article, blocks, saved_at }) => view! {
                <DeviceCopyNotice message=|t| t.offline_article saved_at_ms=saved_at on_retry=move || load.refetch()>
                    {article_view(t, &article, blocks, String::new(), ().into_any())}
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
                article_view(t, &article, blocks, category, extra.into_any()).into_any()
            }
        }
    };
    view! { <section class="page kb">{page}</section> }
}

fn article_view(
    t: &'static Texts,
    article: &KbArticle,
    blocks: Vec<Block>,
    category: String,
    extra: AnyView,
) -> impl IntoView {
    let en = t.is_en();
    let crumb = (!category.is_empty()).then(|| {
        let href = routes::kb_category(&article.category);
        view! { " › "<A href=href>{category}</A> }
    });
    view! {
        <nav class="breadcrumbs" aria-label="breadcrumbs">
            <A href=routes::KB>{t.nav_kb}</A>{crumb}
        </nav>
        <article class="card article">
            <h1>{article.title.get(en).to_owned()}</h1>
            <p class="muted article-meta">
                {t.updated_on}" "{article.updated.to_string()}" · "
                {t.revision_n.replace("{n}", &article.revision.to_string())}
                {en.then_some(" · ")}{en.then_some(t.body_in_chinese)}
            </p>
            <div class="article-body" lang="zh-CN">{render_blocks(blocks)}</div>
        </article>
        {extra}
    }
}

/// The block model as elements with text nodes only. Link and image
/// targets pass the core's allow-lists again here: a refused one shows as
/// its text.
fn render_blocks(blocks: Vec<Block>) -> AnyView {
    blocks
        .into_iter()
        .map(render_block)
        .collect_view()
        .into_any()
}

fn render_block(block: Block) -> AnyView {
    match block {
        Block::Heading { level: 1 | 2, text } => {
            view! { <h2>{render_inlines(text)}</h2> }.into_any()
        }
        Block::Heading { level: 3, text } => view! { <h3>{render_inlines(text)}</h3> }.into_any(),
        Block::Heading { text, .. } => view! { <h4>{render_inlines(text)}</h4> }.into_any(),
        Block::Paragraph(text) => view! { <p>{render_inlines(text)}</p> }.into_any(),
        Block::Quote(blocks) => {
            view! { <blockquote>{render_blocks(blocks)}</blockquote> }.into_any()
        }
        Block::Code { text, .. } => view! { <pre><code>{text}</code></pre> }.into_any(),
        Block::Rule => view! { <hr/> }.into_any(),
        Block::List {
            start,
            loose,
            items,
        } => {
            let items = items
                .into_iter()
                .map(|item| {
                    // A tight list's paragraphs are the item's own text.
                    let content = item
                        .into_iter()
                        .map(|b| match b {
                            Block::Paragraph(text) if !loose => render_inlines(text),
                            b => render_block(b),
                        })
                        .collect_view();
                    view! { <li>{content}</li> }
                })
                .collect_view();
            match start {
                Some(start) => view! { <ol start=start>{items}</ol> }.into_any(),
                None => view! { <ul>{items}</ul> }.into_any(),
            }
        }
        Block::Table { head, rows } => {
            let head = head
                .into_iter()
                .map(|cell| view! { <th scope="col">{render_inlines(cell)}</th> })
                .collect_view();
            let rows = rows
                .into_iter()
                .map(|row| {
                    let cells = row
                        .into_iter()
                        .map(|cell| view! { <td>{render_inlines(cell)}</td> })
                        .collect_view();
                    view! { <tr>{cells}</tr> }
                })
                .collect_view();
            view! {
                <div class="table-scroll">
                    <table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>
                </div>
            }
            .into_any()
        }
    }
}

fn render_inlines(inlines: Vec<Inline>) -> AnyView {
    inlines
        .into_iter()
        .map(|i| match i {
            Inline::Text(s) => s.into_any(),
            Inline::Code(s) => view! { <code>{s}</code> }.into_any(),
            Inline::Strong(xs) => view! { <strong>{render_inlines(xs)}</strong> }.into_any(),
            Inline::Emphasis(xs) => view! { <em>{render_inlines(xs)}</em> }.into_any(),
            Inline::Break {} => view! { <br/> }.into_any(),
            Inline::Link { href, text } if safe_link(&href) => {
                view! { <a href=href rel="noopener noreferrer nofollow">{render_inlines(text)}</a> }
                    .into_any()
            }
            Inline::Link { text, .. } => render_inlines(text),
            Inline::Image { src, alt } if safe_image(&src) => {
                view! { <img src=api_url(&src) alt=alt loading="lazy"/> }.into_any()
            }
            Inline::Image { alt, .. } => alt.into_any(),
        })
        .collect_view()
        .into_any()
}
