//! `/community`: the threads, searched as the user types (the words live
//! in the URL, `?q=`, so a search can be shared and survives a reload),
//! with "ask the engineers" when nothing is found, and 资料下载.

use super::texts::{community_texts, CommunityTexts};
use super::{fetch_community, link, CommunityData};
use crate::api::api_url;
use crate::components::loaded;
use crate::dom::{attr, el, set_value, text, text_el, titled_section, value};
use crate::i18n::{use_lang, Lang};
use crate::routes;
use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use portal_core::community::search_threads;
use portal_core::files;
use portal_core::model::{MaterialKind, Thread};
use portal_core::search::highlight;
use web_sys::{Document, Element};

/// How many characters of a question a card shows.
const SNIPPET: usize = 110;

#[component]
pub fn CommunityPage() -> impl IntoView {
    let lang = use_lang();
    let data = LocalResource::new(fetch_community);
    let params = use_query_map();
    let query = Memo::new(move |_| params.read().get("q").unwrap_or_default());
    let navigate = use_navigate();
    let set_query = move |q: &str| {
        let options = NavigateOptions {
            replace: true,
            scroll: false,
            ..Default::default()
        };
        navigate(&routes::community_search(q), options);
    };

    let head = NodeRef::<html::Div>::new();
    let form = NodeRef::<html::Form>::new();
    // The heading and the search box, built per language; the box keeps
    // its focus while typing (only its value follows the URL).
    Effect::new(move |_| {
        let t = community_texts(lang.get());
        if let (Some(head), Some(form)) = (head.get(), form.get()) {
            header(&head, t);
            search_form(&form, t);
            sync(&form, &query.get_untracked());
        }
    });
    Effect::new(move |_| {
        let q = query.get();
        if let Some(form) = form.get() {
            sync(&form, &q);
        }
    });
    let status = NodeRef::<html::P>::new();
    let threads = NodeRef::<html::Div>::new();
    let materials = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        let (lang, q) = (lang.get(), query.get());
        let Some(Ok(data)) = data.get() else {
            return;
        };
        if let (Some(status), Some(host)) = (status.get(), threads.get()) {
            thread_list(&host, &status, lang, &data, &q);
        }
        if let Some(host) = materials.get() {
            material_list(&host, lang, &data);
        }
    });
    view! {
        <section class="page community">
            <div node_ref=head></div>
            <form class="card search-form" role="search" node_ref=form
                on:submit=|ev| ev.prevent_default()
                on:input=move |ev| {
                    let input = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<Element>(t).ok());
                    if let Some(input) = input.filter(|i| i.id() == "community-search") {
                        set_query(&value(&input));
                    }
                }>
            </form>
            <p id="community-search-status" class="visually-hidden" role="status" node_ref=status></p>
            {loaded(data, |_| ().into_any())}
            <div node_ref=threads></div>
            <div node_ref=materials></div>
        </section>
    }
}

fn header(host: &Element, t: &CommunityTexts) {
    let Some(doc) = host.owner_document() else {
        return;
    };
    host.set_text_content(None);
    text_el(&doc, host, "h1", "", t.title);
    let lead = text_el(&doc, host, "p", "lead-text", t.lead);
    text(&doc, &lead, " ");
    link(&doc, &lead, routes::FEEDBACK, t.feedback_link);
}

fn search_form(form: &Element, t: &CommunityTexts) {
    let Some(doc) = form.owner_document() else {
        return;
    };
    form.set_text_content(None);
    let label = text_el(&doc, form, "label", "visually-hidden", t.search_label);
    attr(&label, "for", "community-search");
    let input = el(&doc, form, "input", "");
    attr(&input, "id", "community-search");
    attr(&input, "type", "search");
    attr(&input, "placeholder", t.search_placeholder);
}

fn sync(form: &Element, query: &str) {
    if let Ok(Some(input)) = form.query_selector("input") {
        set_value(&input, query);
    }
}

/// The threads the query finds (every thread for none), what the live
/// region says, and the way to ask when nothing is found.
fn thread_list(host: &Element, status: &Element, lang: Lang, data: &CommunityData, query: &str) {
    let Some(doc) = host.owner_document() else {
        return;
    };
    let t = community_texts(lang);
    let threads = &data.community.threads;
    let found = search_threads(threads, query);
    let searching = !query.trim().is_empty();
    let announce = match (searching, found.hits.len()) {
        (false, _) => String::new(),
        (true, 0) => t.found_none.to_owned(),
        (true, n) => (t.found)(n),
    };
    if status.text_content().as_deref() != Some(announce.as_str()) {
        status.set_text_content(Some(&announce));
    }
    host.set_text_content(None);
    let section = titled_section(&doc, host, "section", "threads-title", t.threads_title);
    if searching {
        if found.hits.is_empty() {
            text_el(&doc, &section, "p", "notice", t.found_none);
        } else {
            if found.partial {
                text_el(&doc, &section, "p", "notice search-partial", t.partial);
            }
            text_el(
                &doc,
                &section,
                "p",
                "muted search-count",
                &(t.found)(found.hits.len()),
            );
        }
    }
    let ul = el(&doc, &section, "ul", "card-grid thread-list");
    for &i in &found.hits {
        if let Some(thread) = threads.get(i) {
            thread_card(&doc, &ul, lang, thread, query);
        }
    }
    // Asking is offered under every list; after a search that found
    // nothing, with the words filled in.
    let ask = el(&doc, &section, "p", "community-ask");
    text(&doc, &ask, t.ask_prompt);
    text(&doc, &ask, " ");
    let a = link(&doc, &ask, &routes::community_ask(query), t.ask_link);
    attr(&a, "data-ask", "");
}

fn thread_card(doc: &Document, list: &Element, lang: Lang, th: &Thread, query: &str) {
    let (t, en) = (community_texts(lang), lang.is_en());
    let li = el(doc, list, "li", "card thread-card");
    attr(&li, "data-thread", &th.id);
    let a = el(doc, &el(doc, &li, "h3", ""), "a", "");
    attr(&a, "href", &routes::community_thread(&th.id));
    marked(doc, &a, highlight(th.title.get(en), query));
    let question = th.question.get(en);
    let snippet: String = if question.chars().count() > SNIPPET {
        let cut: String = question.chars().take(SNIPPET).collect();
        format!("{cut}…")
    } else {
        question.to_owned()
    };
    marked(doc, &el(doc, &li, "p", ""), highlight(&snippet, query));
    let meta = format!(
        "{} {} · {}",
        t.asked_on,
        th.asked.date_naive(),
        (t.answers)(th.answers.len())
    );
    text_el(doc, &li, "p", "muted", &meta);
    if !th.tags.is_empty() {
        let tags = el(doc, &li, "ul", "tags");
        attr(&tags, "aria-label", lang.pick("标签", "Tags"));
        for tag in &th.tags {
            text_el(doc, &tags, "li", "tag", tag.get(lang.is_en()));
        }
    }
}

/// 资料下载: each material with its kind, size, SHA-256 and download link.
fn material_list(host: &Element, lang: Lang, data: &CommunityData) {
    let Some(doc) = host.owner_document() else {
        return;
    };
    let (t, en) = (community_texts(lang), lang.is_en());
    host.set_text_content(None);
    let section = titled_section(
        &doc,
        host,
        "section materials",
        "materials-title",
        t.materials_title,
    );
    attr(&section, "id", "materials");
    text_el(&doc, &section, "p", "muted", t.materials_lead);
    let ul = el(&doc, &section, "ul", "card-grid material-list");
    for m in &data.community.materials {
        let li = el(&doc, &ul, "li", "card material-card");
        attr(&li, "data-material", &m.id);
        text_el(&doc, &li, "h3", "", m.title.get(en));
        let kind = match m.kind {
            MaterialKind::Manual => t.manual,
            MaterialKind::Guide => t.guide,
        };
        text_el(
            &doc,
            &li,
            "p",
            "muted",
            &format!("{kind} · {} {}", t.updated, m.updated),
        );
        let dl = el(&doc, &li, "dl", "facts");
        text_el(&doc, &dl, "dt", "", t.size);
        let size = text_el(&doc, &dl, "dd", "", &size_words(lang, m.file.size_bytes));
        attr(&size, "data-size", &m.file.size_bytes.to_string());
        text_el(&doc, &dl, "dt", "", t.sha256);
        let dd = el(&doc, &dl, "dd", "digest");
        let code = text_el(&doc, &dd, "code", "", &m.file.sha256);
        attr(&code, "data-sha256", "");
        let download = text_el(&doc, &li, "a", "button", t.download);
        attr(
            &download,
            "href",
            &api_url(&format!("{}/{}", files::COMMUNITY_FILES_DIR, m.file.name)),
        );
        attr(&download, "download", &m.file.name);
        attr(
            &download,
            "aria-label",
            &format!("{} {}", t.download, m.title.get(en)),
        );
    }
}

/// `1.9 KB (1945 bytes)`: the rounded size people read, and the exact
/// count a download can be checked against.
fn size_words(lang: Lang, bytes: u64) -> String {
    const K: u64 = 1024;
    let rounded = if bytes < K {
        format!("{bytes} B")
    } else if bytes < K * K {
        let tenths = (bytes * 10 + K / 2) / K;
        format!("{}.{} KB", tenths / 10, tenths % 10)
    } else {
        let tenths = (bytes * 10 + K * K / 2) / (K * K);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    };
    match lang {
        Lang::Zh => format!("{rounded}（{bytes} 字节）"),
        Lang::En => format!("{rounded} ({bytes} bytes)"),
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
