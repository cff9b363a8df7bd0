//! 离线文章: what this device keeps for reading without a network, with its
//! size and when it was saved; remove, refresh, a "newer version" flag when
//! the published revision has moved on, and search over the saved copies.
//! The order, the search and the flag are `portal_core::library`'s.
//!
//! The search engine is a split point of its own (`search_library`): it is
//! fetched on the first search, not with the library, which lists the
//! copies newest first without it.
//!
//! The markup is built with the DOM API (`crate::dom`): a `view!` keeps the
//! host elements, one effect fills them; the search box stays, so typing
//! keeps its focus, and the buttons are handled by the list's one listener
//! through their `data-*` attributes.

mod texts;

use crate::api::{fetch_article_blocks, fetch_json_fresh, fetch_json_once};
use crate::components::{store_error_message, store_problem_role, StoreUse};
use crate::dom::{attr, el, text, text_el};
use crate::i18n::{use_lang, Lang};
use crate::routes;
use crate::store::{self, SavedArticle, StoreError};
use crate::time::format_ms;
use leptos::html;
use leptos::prelude::*;
use portal_core::files;
use portal_core::library::{library_order, newer_revision_published, DeviceCopy};
use portal_core::markdown::plain_text;
use portal_core::model::KbArticle;
use texts::{offline_texts, OfflineTexts};
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

/// The copies newest first (ties by id): `library_order` without a query,
/// without linking the search engine.
fn newest_first(saved: &[SavedArticle]) -> Vec<usize> {
    portal_core::library::newest_first(saved, |s| (s.saved_at, s.id.as_str()))
}

/// The ids of the copies that match `query`, in `library_order`'s order.
/// A split point of its own: the engine loads on the first search.
#[cfg_attr(feature = "split", leptos::lazy)]
async fn search_library(saved: Vec<SavedArticle>, query: String) -> Vec<String> {
    let entries: Vec<Option<KbArticle>> = saved
        .iter()
        .map(|s| serde_json::from_str::<KbArticle>(&s.entry_json).ok())
        .collect();
    // What the search reads: the text of each copy's blocks.
    let texts: Vec<String> = saved
        .iter()
        .map(|s| s.blocks().map(|b| plain_text(&b)).unwrap_or_default())
        .collect();
    let copies: Vec<DeviceCopy> = saved
        .iter()
        .zip(&entries)
        .zip(&texts)
        .map(|((s, entry), body)| DeviceCopy {
            id: &s.id,
            category: &s.category,
            title: entry.as_ref().map_or("", |e| e.title.zh.as_str()),
            body,
            saved_at_ms: s.saved_at,
        })
        .collect();
    library_order(&copies, &query)
        .into_iter()
        .map(|i| saved[i].id.clone())
        .collect()
}

#[component]
pub fn OfflineLibrary() -> impl IntoView {
    let lang = use_lang();
    // The copies on this device and the published index (shared with the
    // knowledge-base pages for the visit, to flag newer revisions; absent
    // when offline), loaded again after a refresh or a removal. A load
    // that finishes after a newer one started is dropped.
    let saved = RwSignal::new(None::<Result<Vec<SavedArticle>, StoreError>>);
    let published = RwSignal::new(None::<Vec<KbArticle>>);
    let loads = RwSignal::new(0u32);
    Effect::new(move |_| {
        let n = loads.get();
        // Apart: the list shows without waiting for the network.
        leptos::task::spawn_local(async move {
            let list = store::saved_articles().await;
            if loads.try_get_untracked() == Some(n) {
                saved.try_set(Some(list));
            }
        });
        leptos::task::spawn_local(async move {
            let index = fetch_json_once::<Vec<KbArticle>>(files::KB_ARTICLES).await;
            if loads.try_get_untracked() == Some(n) {
                published.try_set(index.ok());
            }
        });
    });
    let reload = move || loads.update(|n| *n += 1);
    let query = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<StoreError>);
    // What a search found, with the query it was for (a search can finish
    // after the user has typed on).
    let searched = RwSignal::new(None::<(String, Vec<String>)>);
    Effect::new(move |_| {
        let q = query.get();
        let Some(Ok(list)) = saved.get() else {
            return;
        };
        if q.trim().is_empty() {
            return;
        }
        leptos::task::spawn_local(async move {
            let ids = search_library(list, q.clone()).await;
            searched.try_set(Some((q, ids)));
        });
    });

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
            reload();
        });
    };
    let remove = move |id: String| {
        leptos::task::spawn_local(async move {
            problem.set(store::remove_article(&id).await.err());
            reload();
        });
    };

    let heading = NodeRef::<html::H1>::new();
    let (lead, alert) = (NodeRef::<html::P>::new(), NodeRef::<html::P>::new());
    let (notes, list) = (NodeRef::<html::Div>::new(), NodeRef::<html::Ul>::new());
    let search = NodeRef::<html::Input>::new();
    Effect::new(move |_| {
        let t = offline_texts(lang.get());
        let (Some(h1), Some(lead), Some(search)) = (heading.get(), lead.get(), search.get()) else {
            return;
        };
        h1.set_text_content(Some(t.title));
        lead.set_text_content(Some(t.lead));
        attr(&search, "placeholder", t.search_placeholder);
        attr(&search, "aria-label", t.search_placeholder);
    });
    // A failed refresh or removal.
    Effect::new(move |_| {
        let (lang, error) = (lang.get(), problem.get());
        if let Some(alert) = alert.get() {
            store_notice(&alert, lang, error.as_ref());
        }
    });
    Effect::new(move |_| {
        let (lang, q) = (lang.get(), query.get());
        let (list_now, published, searched) = (saved.get(), published.get(), searched.get());
        let (Some(notes), Some(search), Some(ul)) = (notes.get(), search.get(), list.get()) else {
            return;
        };
        let Some(doc) = notes.owner_document() else {
            return;
        };
        let t = offline_texts(lang);
        notes.set_text_content(None);
        let shown = match list_now {
            None => None,
            Some(Err(error)) => {
                store_notice(&el(&doc, &notes, "p", ""), lang, Some(&error));
                None
            }
            Some(Ok(list)) if list.is_empty() => {
                text_el(&doc, &notes, "p", "muted", t.empty);
                None
            }
            Some(Ok(list)) => {
                let total_kb = list
                    .iter()
                    .map(SavedArticle::size)
                    .sum::<usize>()
                    .div_ceil(1024);
                text_el(&doc, &notes, "p", "muted", &(t.total)(list.len(), total_kb));
                Some(list)
            }
        };
        if shown.is_some() {
            let _ = search.remove_attribute("hidden");
        } else {
            attr(&search, "hidden", "");
        }
        let list = shown.unwrap_or_default();
        let order = if q.trim().is_empty() {
            newest_first(&list)
        } else {
            // Until the search for this query answers, the list stays as it is.
            let Some((_, ids)) = searched.filter(|(asked, _)| *asked == q) else {
                return;
            };
            ids.iter()
                .filter_map(|id| list.iter().position(|s| s.id == *id))
                .collect()
        };
        fill_list(
            &doc,
            &ul,
            lang,
            &list,
            &order,
            &published.unwrap_or_default(),
        );
    });

    view! {
        <section class="page kb offline-library">
            <h1 node_ref=heading></h1>
            <p class="lead-text" node_ref=lead></p>
            <p class="notice" hidden=true node_ref=alert></p>
            <div node_ref=notes></div>
            <input class="offline-search" type="search" hidden=true node_ref=search
                on:input=move |ev| query.set(event_target_value(&ev))/>
            <ul class="offline-list" node_ref=list
                on:click=move |ev| {
                    let button = ev.target().and_then(|t| t.dyn_into::<Element>().ok());
                    let Some(button) = button.filter(|b| b.tag_name() == "BUTTON") else {
                        return;
                    };
                    if let Some(id) = button.get_attribute("data-refresh") {
                        refresh(id);
                    } else if let Some(id) = button.get_attribute("data-remove") {
                        remove(id);
                    }
                }>
            </ul>
        </section>
    }
}

/// A storage failure in `p` (an alert: what the user asked for did not
/// happen), or `p` hidden when there is none.
fn store_notice(p: &Element, lang: Lang, error: Option<&StoreError>) {
    let used_for = StoreUse::SaveArticles;
    match error {
        Some(error) => {
            attr(p, "class", "notice");
            attr(p, "role", store_problem_role(used_for));
            p.set_text_content(Some(store_error_message(lang, error, used_for)));
            let _ = p.remove_attribute("hidden");
        }
        None => {
            p.set_text_content(None);
            attr(p, "hidden", "");
        }
    }
}

/// The saved copies in `order`. A
/// button that had the focus keeps it: the same button of the row at its
/// place, as the list is rebuilt under it.
fn fill_list(
    doc: &Document,
    ul: &Element,
    lang: Lang,
    list: &[SavedArticle],
    order: &[usize],
    published: &[KbArticle],
) {
    let focused = doc.active_element().filter(|e| ul.contains(Some(e)));
    let place = focused.as_ref().and_then(|b| {
        let row = b.closest("li").ok()??;
        let index = rows_of(ul).position(|r| r == row)?;
        let action = if b.has_attribute("data-refresh") {
            "[data-refresh]"
        } else {
            "[data-remove]"
        };
        Some((index, action))
    });
    ul.set_text_content(None);
    let t = offline_texts(lang);
    for &i in order {
        let s = &list[i];
        let entry = serde_json::from_str::<KbArticle>(&s.entry_json).ok();
        offline_row(doc, ul, t, lang.is_en(), s, entry.as_ref(), published);
    }
    if let Some((index, action)) = place {
        let row = rows_of(ul).take(index + 1).last();
        if let Some(Ok(Some(button))) = row.map(|r| r.query_selector(action)) {
            let _ = button.unchecked_into::<HtmlElement>().focus();
        }
    }
}

/// The rows of the list.
fn rows_of(ul: &Element) -> impl Iterator<Item = Element> {
    std::iter::successors(ul.first_element_child(), Element::next_element_sibling)
}

fn offline_row(
    doc: &Document,
    ul: &Element,
    t: &OfflineTexts,
    en: bool,
    saved: &SavedArticle,
    entry: Option<&KbArticle>,
    published: &[KbArticle],
) {
    let title = entry.map_or(saved.id.as_str(), |e| e.title.get(en));
    let newer = newer_revision_published(published, &saved.id, saved.revision);
    let size_kb = saved.size().div_ceil(1024);
    let li = el(doc, ul, "li", "offline-item");
    attr(&li, "data-article", &saved.id);
    let main = el(doc, &li, "div", "offline-main");
    let link = text_el(doc, &main, "a", "", title);
    attr(&link, "href", &routes::kb_article(&saved.id));
    let when = format!(
        "{} {} · {size_kb} KB",
        t.saved_at_label,
        format_ms(saved.saved_at)
    );
    let meta = text_el(doc, &main, "span", "muted", &when);
    if saved.pinned {
        text(doc, &meta, " · ");
        text_el(doc, &meta, "span", "tag", t.pinned_label);
    }
    if newer {
        text_el(doc, &main, "span", "tag newer", t.newer_version);
    }
    for (label, action) in [
        (t.refresh_button, "data-refresh"),
        (t.remove_button, "data-remove"),
    ] {
        let button = text_el(doc, &li, "button", "button small", label);
        attr(&button, "type", "button");
        attr(&button, action, &saved.id);
    }
}
