//! `/kb`: this week's featured articles (每周精选), the categories with
//! their counts, and search over the published index, fetched the first time
//! the user searches.
//!
//! The search box is built once per language and afterwards only set from
//! the URL, so typing keeps its focus; the live region stays in the page,
//! so each search's count is announced.

use super::texts::{kb_texts, KbTexts};
use super::{article_card, fetch_kb, link, Kb};
use crate::api::ApiError;
use crate::components::{loaded, ErrorPanel};
use crate::dom::{attr, el, set_value, text, text_el, titled_section, value};
use crate::engines::KbFound;
use crate::i18n::{use_lang, Lang};
use crate::routes;
use crate::time::now_beijing;
use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use portal_core::kb::{category_counts, featured};
use portal_core::search::highlight;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

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
    // searches, not before. Every change of the query or the category
    // starts a search; one that finishes after the user has typed on is
    // dropped (the newer search answers), so the page always ends on the
    // results of what it asks. Until then it shows the previous answer.
    let hits = RwSignal::new(None::<Result<KbFound, ApiError>>);
    let attempt = RwSignal::new(0u32);
    Effect::new(move |_| {
        let (q, c, _) = (query.get(), category.get(), attempt.get());
        if q.trim().is_empty() {
            hits.set(None);
            return;
        }
        leptos::task::spawn_local(async move {
            let within = (!c.is_empty()).then(|| c.clone());
            let found = crate::engines::search_kb(q.clone(), within, SHOWN).await;
            let asked = (query.try_get_untracked(), category.try_get_untracked());
            if asked == (Some(q), Some(c)) {
                hits.try_set(Some(found));
            }
        });
    });

    let heading = NodeRef::<html::H1>::new();
    let (lead, hint) = (NodeRef::<html::P>::new(), NodeRef::<html::P>::new());
    // The heading, the lead and, with the API unreachable (a server room),
    // the pointer to the articles this device keeps.
    Effect::new(move |_| {
        let t = kb_texts(lang.get());
        let unreachable = matches!(kb.get(), Some(Err(e)) if e.is_unreachable());
        if let (Some(h1), Some(lead), Some(hint)) = (heading.get(), lead.get(), hint.get()) {
            header(&h1, &lead, &hint, t, unreachable);
        }
    });
    // The search box: built per language, its categories when they arrive,
    // its values from the URL.
    let form = NodeRef::<html::Form>::new();
    Effect::new(move |built: Option<Option<Lang>>| {
        let (lang, kb) = (lang.get(), kb.get().and_then(Result::ok));
        let form = form.get()?;
        if built.flatten() != Some(lang) {
            search_form(&form, kb_texts(lang));
        }
        category_options(&form, lang, kb.as_ref());
        sync_form(&form, &query.get_untracked(), &category.get_untracked());
        Some(lang)
    });
    Effect::new(move |_| {
        let (q, c) = (query.get(), category.get());
        if let Some(form) = form.get() {
            sync_form(&form, &q, &c);
        }
    });
    // The hits, what the live region says, and the featured articles and
    // categories hidden while a search shows.
    let status = NodeRef::<html::P>::new();
    let (results, front) = (NodeRef::<html::Div>::new(), NodeRef::<html::Div>::new());
    Effect::new(move |_| {
        let (lang, q, found, kb) = (lang.get(), query.get(), hits.get(), kb.get());
        let (Some(status), Some(results), Some(front)) = (status.get(), results.get(), front.get())
        else {
            return;
        };
        let t = kb_texts(lang);
        let announce = announcement(t, &q, found.as_ref());
        if status.text_content().as_deref() != Some(announce.as_str()) {
            status.set_text_content(Some(&announce));
        }
        let searching = !q.trim().is_empty();
        attr(&front, "class", if searching { "hidden" } else { "" });
        results.set_text_content(None);
        let Some(doc) = results.owner_document() else {
            return;
        };
        match (found, kb) {
            _ if !searching => {}
            // The error panel below says what failed.
            (Some(Err(_)), _) | (_, Some(Err(_))) => {}
            (Some(Ok(found)), Some(Ok(kb))) => {
                search_results(&doc, &results, lang, &kb, &found, &q)
            }
            _ => {
                text_el(&doc, &results, "p", "muted", t.searching);
            }
        }
    });
    let search_error = move || {
        if query.get().trim().is_empty() {
            return None;
        }
        match (hits.get(), kb.get()) {
            (Some(Err(error)), _) | (_, Some(Err(error))) => {
                let retry = move || {
                    if matches!(kb.get_untracked(), Some(Err(_))) {
                        kb.refetch();
                    }
                    attempt.update(|n| *n += 1);
                };
                Some(view! { <ErrorPanel error on_retry=retry/> })
            }
            _ => None,
        }
    };
    let lists = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        let lang = lang.get();
        if let (Some(host), Some(Ok(kb))) = (lists.get(), kb.get()) {
            front_page(&host, lang, &kb);
        }
    });
    let (typed, chosen) = (set_search.clone(), set_search);
    view! {
        <section class="page kb">
            <h1 node_ref=heading></h1>
            <p class="lead-text" node_ref=lead></p>
            <p class="notice" role="status" hidden node_ref=hint></p>
            <form class="card search-form" role="search" node_ref=form
                on:submit=|ev| ev.prevent_default()
                on:input=move |ev| {
                    if let Some(input) = target(&ev).filter(|t| t.id() == "kb-search") {
                        typed(&value(&input), &category.get_untracked());
                    }
                }
                on:change=move |ev| {
                    if let Some(select) = target(&ev).filter(|t| t.tag_name() == "SELECT") {
                        chosen(&query.get_untracked(), &value(&select));
                    }
                }>
            </form>
            // One polite live region, in the page from the start, says what
            // the search found (or that it is searching); the cards
            // themselves are not read out on every keystroke.
            <p id="kb-search-status" class="visually-hidden" role="status" node_ref=status></p>
            {search_error}
            <div node_ref=results></div>
            <div node_ref=front>{loaded(kb, |_| ().into_any())}<div node_ref=lists></div></div>
        </section>
    }
}

fn target(ev: &web_sys::Event) -> Option<Element> {
    ev.target().and_then(|t| t.dyn_into::<Element>().ok())
}

/// The heading, the lead with the link to the offline library and, when
/// the API cannot be reached, the notice pointing there.
fn header(h1: &Element, lead: &Element, hint: &Element, t: &KbTexts, unreachable: bool) {
    let Some(doc) = h1.owner_document() else {
        return;
    };
    let library = format!("{} →", t.offline_library);
    h1.set_text_content(Some(t.title));
    lead.set_text_content(Some(t.lead));
    text(&doc, lead, " ");
    link(&doc, lead, routes::KB_OFFLINE, &library);
    text(&doc, lead, " · ");
    link(&doc, lead, routes::COMMUNITY, t.community);
    hint.set_text_content(None);
    if unreachable {
        text(&doc, hint, t.network_hint);
        text(&doc, hint, " ");
        link(&doc, hint, routes::KB_OFFLINE, &library);
        let _ = hint.remove_attribute("hidden");
    } else {
        attr(hint, "hidden", "");
    }
}

/// The search box's label, input and category select (its options come
/// from `category_options`).
fn search_form(form: &Element, t: &KbTexts) {
    let Some(doc) = form.owner_document() else {
        return;
    };
    form.set_text_content(None);
    let label = text_el(&doc, form, "label", "visually-hidden", t.search_label);
    attr(&label, "for", "kb-search");
    let input = el(&doc, form, "input", "");
    attr(&input, "id", "kb-search");
    attr(&input, "type", "search");
    attr(&input, "placeholder", t.search_placeholder);
    let select = el(&doc, form, "select", "");
    attr(&select, "name", "category");
    attr(&select, "aria-label", t.categories_title);
}

/// "All categories" and, once loaded, every category.
fn category_options(form: &Element, lang: Lang, kb: Option<&Kb>) {
    let (Some(doc), Ok(Some(select))) = (form.owner_document(), form.query_selector("select"))
    else {
        return;
    };
    let (t, en) = (kb_texts(lang), lang.is_en());
    select.set_text_content(None);
    let all = text_el(&doc, &select, "option", "", t.search_all_categories);
    attr(&all, "value", "");
    for c in kb.iter().flat_map(|kb| kb.categories.iter()) {
        let option = text_el(&doc, &select, "option", "", c.name.get(en));
        attr(&option, "value", &c.id);
    }
}

/// The search box and the select as the URL says.
fn sync_form(form: &Element, query: &str, category: &str) {
    for (selector, v) in [("input", query), ("select", category)] {
        if let Ok(Some(e)) = form.query_selector(selector) {
            set_value(&e, v);
        }
    }
}

/// What the live region says: how many the search found, that it found
/// none, or that it is searching.
fn announcement(t: &KbTexts, query: &str, hits: Option<&Result<KbFound, ApiError>>) -> String {
    if query.trim().is_empty() {
        return String::new();
    }
    match hits {
        Some(Ok(found)) if found.ids.is_empty() => t.search_none.to_owned(),
        Some(Ok(found)) => {
            let count = (t.search_results)(found.total, found.ids.len());
            if found.partial {
                format!("{} {count}", t.search_partial)
            } else {
                count
            }
        }
        Some(Err(_)) => String::new(),
        None => t.searching.to_owned(),
    }
}

/// This week's featured articles and the categories with their counts.
fn front_page(host: &Element, lang: Lang, kb: &Kb) {
    let Some(doc) = host.owner_document() else {
        return;
    };
    let (t, en) = (kb_texts(lang), lang.is_en());
    host.set_text_content(None);
    let picks = featured(&kb.articles, &now_beijing());
    let week = picks
        .as_ref()
        .map(|f| f.week.to_string())
        .unwrap_or_default();
    let section = titled_section(&doc, host, "section", "featured-title", t.featured_title);
    if let Some(h2) = section.first_element_child() {
        text(&doc, &h2, " ");
        text_el(&doc, &h2, "span", "muted", &week);
    }
    let list = el(&doc, &section, "ul", "card-grid featured");
    for a in picks.iter().flat_map(|f| f.articles.iter()) {
        article_card(&doc, &list, lang, a);
    }
    let section = titled_section(
        &doc,
        host,
        "section",
        "categories-title",
        t.categories_title,
    );
    let list = el(&doc, &section, "ul", "card-grid categories");
    for count in category_counts(&kb.categories, &kb.articles) {
        let c = count.category;
        let li = el(&doc, &list, "li", "card category-card");
        attr(&li, "data-category", &c.id);
        let h3 = el(&doc, &li, "h3", "");
        link(&doc, &h3, &routes::kb_category(&c.id), c.name.get(en));
        text_el(&doc, &li, "p", "", c.description.get(en));
        text_el(&doc, &li, "p", "muted", &(t.articles_count)(count.articles));
    }
}

/// The hits as article cards, with the query's words highlighted, under
/// how many matched (and, for partial matches, a notice saying so).
fn search_results(
    doc: &Document,
    host: &Element,
    lang: Lang,
    kb: &Kb,
    found: &KbFound,
    query: &str,
) {
    let (t, en) = (kb_texts(lang), lang.is_en());
    if found.ids.is_empty() {
        // Nothing found: ask Coremail's engineers, the query filled in.
        let p = text_el(doc, host, "p", "notice", t.search_none);
        text(doc, &p, " ");
        let ask = link(doc, &p, &routes::community_ask(query), t.ask_engineers);
        attr(&ask, "data-ask", "");
        return;
    }
    let section = el(doc, host, "section", "section");
    if found.partial {
        text_el(
            doc,
            &section,
            "p",
            "notice search-partial",
            t.search_partial,
        );
    }
    let count = (t.search_results)(found.total, found.ids.len());
    text_el(doc, &section, "p", "muted search-count", &count);
    let ul = el(doc, &section, "ul", "card-grid search-results");
    for a in found
        .ids
        .iter()
        .filter_map(|id| kb.articles.iter().find(|a| a.id == *id))
    {
        let li = el(doc, &ul, "li", "card article-card search-hit");
        attr(&li, "data-article", &a.id);
        let link = el(doc, &el(doc, &li, "h3", ""), "a", "");
        attr(&link, "href", &routes::kb_article(&a.id));
        marked(doc, &link, highlight(a.title.get(en), query));
        marked(
            doc,
            &el(doc, &li, "p", ""),
            highlight(a.summary.get(en), query),
        );
    }
}

/// Highlighted runs as text and `<mark>` (text nodes only).
fn marked(doc: &Document, parent: &Element, parts: Vec<(String, bool)>) {
    for (run, hit) in parts {
        if hit {
            text_el(doc, parent, "mark", "", &run);
        } else {
            text(doc, parent, &run);
        }
    }
}
