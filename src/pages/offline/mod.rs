//! 离线文章: what this device keeps for reading without a network, with its
//! size and when it was saved; remove, refresh, a "newer version" flag when
//! the published revision has moved on, and search over the saved copies.
//! The order, the search and the flag are `portal_core::library`'s.

mod texts;

use crate::api::{fetch_article_blocks, fetch_json_fresh, fetch_json_once};
use crate::components::{StoreProblem, StoreUse};
use crate::i18n::{use_lang, Lang};
use crate::routes;
use crate::store::{self, SavedArticle, StoreError};
use crate::time::format_ms;
use leptos::prelude::*;
use leptos_router::components::A;
use portal_core::files;
use portal_core::library::{library_order, newer_revision_published, DeviceCopy};
use portal_core::markdown::plain_text;
use portal_core::model::KbArticle;
use texts::offline_texts;

/// The saved copies with their index entries.
fn entries(saved: &[SavedArticle]) -> Vec<(SavedArticle, Option<KbArticle>)> {
    saved
        .iter()
        .map(|s| {
            (
                s.clone(),
                serde_json::from_str::<KbArticle>(&s.entry_json).ok(),
            )
        })
        .collect()
}

#[component]
pub fn OfflineLibrary() -> impl IntoView {
    let lang = use_lang();
    let saved = LocalResource::new(store::saved_articles);
    // The published index (shared with the knowledge-base pages for the
    // visit), to flag newer revisions; absent when offline.
    let published = LocalResource::new(|| fetch_json_once::<Vec<KbArticle>>(files::KB_ARTICLES));
    let query = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<StoreError>);

    let refresh = move |id: String| {
        leptos::task::spawn_local(async move {
            // "Refresh" means now: the index from the network, not the visit's copy.
            let fresh = futures::future::join(
                fetch_json_fresh::<Vec<KbArticle>>(files::KB_ARTICLES),
                fetch_article_blocks(&id),
            )
            .await;
            if let (Ok(index), Ok((_, blocks_json))) = fresh {
                if let Some(entry) = index.into_iter().find(|a| a.id == id) {
                    problem.set(store::keep_article(&entry, &blocks_json, false).await.err());
                }
            }
            saved.refetch();
            published.refetch();
        });
    };
    let remove = move |id: String| {
        leptos::task::spawn_local(async move {
            problem.set(store::remove_article(&id).await.err());
            saved.refetch();
        });
    };

    move || {
        let lang = lang.get();
        let t = offline_texts(lang);
        let header = view! {
            <h1>{t.title}</h1>
            <p class="lead-text">{t.lead}</p>
        };
        let problem_view = problem
            .get()
            .map(|error| view! { <StoreProblem error used_for=StoreUse::SaveArticles/> });
        let body = match saved.get() {
            None => ().into_any(),
            Some(Err(error)) => {
                view! { <StoreProblem error used_for=StoreUse::SaveArticles/> }.into_any()
            }
            Some(Ok(list)) if list.is_empty() => {
                view! { <p class="muted">{t.empty}</p> }.into_any()
            }
            Some(Ok(list)) => {
                let total_kb = list
                    .iter()
                    .map(SavedArticle::size)
                    .sum::<usize>()
                    .div_ceil(1024);
                let published = published.get().and_then(Result::ok).unwrap_or_default();
                let rows = entries(&list);
                // What the search reads: the text of each copy's blocks.
                let texts: Vec<String> = rows
                    .iter()
                    .map(|(s, _)| s.blocks().map(|b| plain_text(&b)).unwrap_or_default())
                    .collect();
                let copies: Vec<DeviceCopy> = rows
                    .iter()
                    .zip(&texts)
                    .map(|((s, entry), body)| DeviceCopy {
                        id: &s.id,
                        category: &s.category,
                        title: entry.as_ref().map_or("", |e| e.title.zh.as_str()),
                        body,
                        saved_at_ms: s.saved_at,
                    })
                    .collect();
                let items = library_order(&copies, &query.get())
                    .into_iter()
                    .map(|i| {
                        let (s, entry) = rows[i].clone();
                        offline_row(lang, s, entry, &published, refresh, remove)
                    })
                    .collect_view();
                view! {
                    <p class="muted">
                        {(t.total)(list.len(), total_kb)}
                    </p>
                    <input
                        class="offline-search"
                        type="search"
                        placeholder=t.search_placeholder
                        aria-label=t.search_placeholder
                        prop:value=move || query.get()
                        on:input=move |ev| query.set(event_target_value(&ev))
                    />
                    <ul class="offline-list">{items}</ul>
                }
                .into_any()
            }
        };
        view! { <section class="page kb offline-library">{header}{problem_view}{body}</section> }
    }
}

fn offline_row(
    lang: Lang,
    saved: SavedArticle,
    entry: Option<KbArticle>,
    published: &[KbArticle],
    refresh: impl Fn(String) + Copy + 'static,
    remove: impl Fn(String) + Copy + 'static,
) -> impl IntoView {
    let (t, en) = (offline_texts(lang), lang.is_en());
    let title = entry
        .as_ref()
        .map(|e| e.title.get(en).to_owned())
        .unwrap_or_else(|| saved.id.clone());
    let newer = newer_revision_published(published, &saved.id, saved.revision);
    let (id_refresh, id_remove) = (saved.id.clone(), saved.id.clone());
    let size_kb = saved.size().div_ceil(1024);
    view! {
        <li class="offline-item" data-article=saved.id.clone()>
            <div class="offline-main">
                <A href=routes::kb_article(&saved.id)>{title}</A>
                <span class="muted">
                    {t.saved_at_label}" "{format_ms(saved.saved_at)}" · "{format!("{size_kb} KB")}
                    {saved.pinned.then(|| view! { " · "<span class="tag">{t.pinned_label}</span> })}
                </span>
                {newer.then(|| view! { <span class="tag newer">{t.newer_version}</span> })}
            </div>
            <button type="button" class="button small" on:click=move |_| refresh(id_refresh.clone())>{t.refresh_button}</button>
            <button type="button" class="button small" on:click=move |_| remove(id_remove.clone())>{t.remove_button}</button>
        </li>
    }
}
