//! 补丁管理 / 系统补丁在线下载: the catalogue and the download history.
//!
//! The catalogue's filter is the page's query string (`PatchFilter`), so a
//! filtered view can be shared and survives a reload. "My deployment" is
//! the open workspace's deployments, or the versions a visitor picked
//! (remembered on the device, `crate::deployment`); with `mine=1` the list
//! is what applies to it and is not superseded (`patches::applicable`).
//! The rules are `portal_core::patches`; this module only shows them.
//!
//! A download is the browser's own (a same-origin link with `download`),
//! recorded in IndexedDB as it starts. A downloaded file is checked here:
//! the browser computes its SHA-256 (`SubtleCrypto.digest`, nothing is
//! uploaded) and the page says whether it matches the catalogue.

mod cards;
mod deployment;
mod filter;
mod texts;

use crate::api::{fetch_json, fetch_products, ApiError};
use crate::components::{loaded, StoreProblem, StoreUse};
use crate::deployment::{self as device_deployment, PatchCount};
use crate::dom::{attr, el, text, text_el};
use crate::engines::{self, WorkspacePatches};
use crate::i18n::{use_lang, Lang};
use crate::routes;
use crate::session::use_session;
use crate::store::{self, LocalDownload};
use crate::time::{format_beijing, format_ms};
use cards::{show_check, Check};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use portal_core::files;
use portal_core::model::{Patch, Product};
use portal_core::patches::{applicable, PatchFilter};
use std::sync::Arc;
use texts::patch_texts;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// The catalogue's data: the patches and the products they are for.
struct Catalogue {
    patches: Vec<Patch>,
    products: Vec<Product>,
}

impl Catalogue {
    fn product_name(&self, id: &str, en: bool) -> String {
        self.products
            .iter()
            .find(|p| p.id == id)
            .map_or_else(|| id.to_owned(), |p| p.name.get(en).to_owned())
    }
}

async fn load_catalogue() -> Result<Arc<Catalogue>, ApiError> {
    let (patches, products) =
        futures::join!(fetch_json::<Vec<Patch>>(files::PATCHES), fetch_products());
    Ok(Arc::new(Catalogue {
        patches: patches?,
        products: products?,
    }))
}

/// What the open workspace of this session says about patches, if one is
/// open (`None` without a key, or when it does not open: the workspace
/// page says why).
fn use_workspace() -> LocalResource<Option<WorkspacePatches>> {
    let session = use_session();
    LocalResource::new(move || {
        let key = session.key();
        async move {
            match key {
                Some(key) => engines::workspace_patches(key).await,
                None => None,
            }
        }
    })
}

type Pairs = Vec<(String, String)>;

/// `/patches`: the catalogue.
#[component]
pub fn PatchesPage() -> impl IntoView {
    let lang = use_lang();
    let catalogue = LocalResource::new(load_catalogue);
    let workspace = use_workspace();
    let picked = RwSignal::new(device_deployment::load());
    let kept = RwSignal::new(true);
    let location = use_location();
    let filter = Memo::new(move |_| PatchFilter::from_query_string(&location.search.get()));
    let navigate = use_navigate();
    let set_filter = Callback::new(move |f: PatchFilter| {
        let options = NavigateOptions {
            replace: true,
            scroll: false,
            ..Default::default()
        };
        navigate(&routes::patches(&f.to_query_string()), options);
    });
    // The workspace's deployments win over what was picked on the device.
    let from_workspace = Memo::new(move |_| workspace.get().flatten().map(|w| w.deployments));
    let mine = Memo::new(move |_| from_workspace.get().unwrap_or_else(|| picked.get()));
    // The navigation's count, set where the page works out what applies.
    let nav_count = use_context::<PatchCount>();
    // A download the device could not record (the file downloads anyway).
    let problem = RwSignal::new(None);
    let pick = Callback::new(move |pairs: Pairs| {
        kept.set(device_deployment::save(&pairs));
        picked.set(pairs);
    });

    view! {
        <section class="page patches-page">
            {move || {
                let t = patch_texts(lang.get());
                view! {
                    <h1>{t.title}</h1>
                    <p class="lead-text">{t.lead}</p>
                    <p><A href=routes::PATCH_DOWNLOADS>{t.downloads_link}</A></p>
                }
            }}
            {loaded(catalogue, move |c: Arc<Catalogue>| {
                let (c2, c4, c5, c6) = (c.clone(), c.clone(), c.clone(), c.clone());
                // My deployment: rebuilt when it changes; after "add" or
                // "remove" the keyboard goes on from the product select.
                let panel = NodeRef::<leptos::html::Section>::new();
                Effect::new(move |_| {
                    let (lang, from_ws, mine_picked, kept) = (lang.get(), from_workspace.get(), picked.get(), kept.get());
                    if let Some(section) = panel.get() {
                        let had_focus = section.contains(document().active_element().as_ref().map(|e| e.unchecked_ref()));
                        deployment::build(&section, lang, &c, from_ws.as_ref(), &mine_picked, kept);
                        if had_focus {
                            if let Some(select) = document().get_element_by_id("pick-product") {
                                let _ = select.unchecked_into::<web_sys::HtmlElement>().focus();
                            }
                        }
                    }
                });
                // The filter form: built per language, then set from the URL.
                let form = NodeRef::<leptos::html::Form>::new();
                Effect::new(move |_| {
                    let lang = lang.get();
                    if let Some(form) = form.get() {
                        filter::build(&form, lang, &c2);
                        filter::sync(&document(), &c2, &filter.get_untracked());
                    }
                });
                Effect::new(move |_| {
                    let f = filter.get();
                    if form.get().is_some() {
                        filter::sync(&document(), &c5, &f);
                    }
                });
                // The view switch, the count and the cards: built by `cards`
                // whenever what they show changes. The count's element stays,
                // so screen readers hear the new count.
                let list = NodeRef::<leptos::html::Ul>::new();
                let switch = NodeRef::<leptos::html::Div>::new();
                let count = NodeRef::<leptos::html::P>::new();
                Effect::new(move |_| {
                    let (lang, filter, mine) = (lang.get(), filter.get(), mine.get());
                    if let (Some(ul), Some(switch), Some(count)) = (list.get(), switch.get(), count.get()) {
                        let (shown, applying) = shown(&c4, &filter, &mine);
                        if let Some(nav_count) = nav_count {
                            nav_count.set((!mine.is_empty()).then_some(applying));
                        }
                        cards::head(&switch, &count, lang, &filter, mine.is_empty(), shown.len(), applying);
                        cards::fill(&ul, lang, &c4, &shown, &filter, &mine);
                    }
                });
                view! {
                    <section class="card deployment" aria-labelledby="deployment-title" node_ref=panel
                        on:submit=move |ev| on_pick_submit(ev, picked, pick)
                        on:click=move |ev| on_pick_click(ev, picked, pick)
                        on:change=move |ev: leptos::ev::Event| {
                            let product = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                                .filter(|t| t.id() == "pick-product");
                            if product.is_some() {
                                deployment::versions_of(&document(), &c6, &select_value(&document(), "pick-product"));
                            }
                        }>
                    </section>
                    <form class="card patch-filter" role="search" node_ref=form
                        aria-label=move || patch_texts(lang.get()).filters
                        on:submit=|ev| ev.prevent_default()
                        on:change=move |ev| on_filter_event(ev, filter, set_filter)
                        on:input=move |ev| on_filter_event(ev, filter, set_filter)
                        on:click=move |ev| on_filter_click(ev, filter, set_filter)>
                    </form>
                    {move || problem.get().map(|error| view! { <StoreProblem error used_for=StoreUse::RecordDownload/> })}
                    <div class="view-switch" role="group" node_ref=switch
                        on:click=move |ev| on_switch_click(ev, filter, set_filter)>
                    </div>
                    <p class="result-count" role="status" node_ref=count></p>
                    <ul class="patch-list" node_ref=list
                        on:click=move |ev| on_list_click(ev, lang.get_untracked(), problem)
                        on:change=move |ev| on_list_change(ev, lang.get_untracked())>
                    </ul>
                }
                .into_any()
            })}
        </section>
    }
}

fn refs(pairs: &[(String, String)]) -> Vec<(&str, &str)> {
    pairs
        .iter()
        .map(|(p, v)| (p.as_str(), v.as_str()))
        .collect()
}

fn select_value(doc: &web_sys::Document, id: &str) -> String {
    doc.get_element_by_id(id)
        .map(|e| crate::dom::value(&e))
        .unwrap_or_default()
}

/// "Add" in the picker: the chosen version joins the deployment.
fn on_pick_submit(ev: leptos::ev::SubmitEvent, picked: RwSignal<Pairs>, pick: Callback<Pairs>) {
    ev.prevent_default();
    let doc = document();
    let (product, version) = (
        select_value(&doc, "pick-product"),
        select_value(&doc, "pick-version"),
    );
    if product.is_empty() || version.is_empty() {
        return;
    }
    let mut next = picked.get_untracked();
    if !next.contains(&(product.clone(), version.clone())) {
        next.push((product, version));
    }
    pick.run(next);
}

/// "×": one version leaves the deployment.
fn on_pick_click(ev: leptos::ev::MouseEvent, picked: RwSignal<Pairs>, pick: Callback<Pairs>) {
    let index = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|t| t.closest("[data-remove]").ok().flatten())
        .and_then(|b| b.get_attribute("data-remove"))
        .and_then(|i| i.parse::<usize>().ok());
    if let Some(i) = index {
        let mut next = picked.get_untracked();
        if i < next.len() {
            next.remove(i);
            pick.run(next);
        }
    }
}

/// A change in the filter form: the URL takes the controls' filter.
fn on_filter_event(
    ev: leptos::ev::Event,
    filter: Memo<PatchFilter>,
    set_filter: Callback<PatchFilter>,
) {
    let Some(target) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let id = target.id();
    // The search box reports each keystroke as `input`; its `change` (on
    // leaving it) says nothing new.
    if (ev.type_() == "input") != (id == "filter-q") {
        return;
    }
    let mine = filter.get_untracked().mine;
    set_filter.run(filter::read(&document(), mine, id == "filter-product"));
}

/// "Clear the filter": everything but the view.
fn on_filter_click(
    ev: leptos::ev::MouseEvent,
    filter: Memo<PatchFilter>,
    set_filter: Callback<PatchFilter>,
) {
    let clear = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|t| t.closest("[data-clear]").ok().flatten());
    if clear.is_some() {
        if let Some(q) = document().get_element_by_id("filter-q") {
            crate::dom::set_value(&q, "");
        }
        set_filter.run(PatchFilter {
            mine: filter.get_untracked().mine,
            ..PatchFilter::default()
        });
    }
}

/// The patches the view shows, and how many apply to the deployment.
fn shown<'a>(c: &'a Catalogue, filter: &PatchFilter, mine: &Pairs) -> (Vec<&'a Patch>, usize) {
    let applying = applicable(&c.patches, &refs(mine));
    let count = applying.len();
    let shown = if filter.mine {
        applying.into_iter().filter(|p| filter.matches(p)).collect()
    } else {
        filter.apply(&c.patches)
    };
    (shown, count)
}

/// "For my deployment" or "all": the view switch's buttons say which.
fn on_switch_click(
    ev: leptos::ev::MouseEvent,
    filter: Memo<PatchFilter>,
    set_filter: Callback<PatchFilter>,
) {
    let mine = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|t| t.closest("[data-mine]").ok().flatten())
        .and_then(|b| b.get_attribute("data-mine"));
    if let Some(mine) = mine {
        set_filter.run(PatchFilter {
            mine: mine == "1",
            ..filter.get_untracked()
        });
    }
}

/// A click in the list: a download starts (record it) or "copy".
fn on_list_click(
    ev: leptos::ev::MouseEvent,
    lang: Lang,
    problem: RwSignal<Option<store::StoreError>>,
) {
    let Some(target) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    if let Ok(Some(a)) = target.closest("a[download][data-patch]") {
        // The browser downloads it either way; the page says if the
        // history missed it.
        let at_ms = store::now_ms();
        let patch = a.get_attribute("data-patch").unwrap_or_default();
        let entry = LocalDownload {
            id: format!("{patch}@{at_ms}"),
            patch,
            version: a.get_attribute("data-version"),
            at_ms,
        };
        leptos::task::spawn_local(async move {
            problem.set(engines::device_downloads(Some(entry)).await.err());
        });
    } else if let Ok(Some(button)) = target.closest("button[data-copy]") {
        let text = button.get_attribute("data-copy").unwrap_or_default();
        let status = button.next_element_sibling();
        let t = patch_texts(lang);
        leptos::task::spawn_local(async move {
            let promise = window().navigator().clipboard().write_text(&text);
            let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
            if let Some(status) = status {
                status.set_text_content(Some(if ok { t.copied } else { t.copy_failed }));
            }
        });
    }
}

/// A file picked to check against its card's SHA-256.
fn on_list_change(ev: leptos::ev::Event, lang: Lang) {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    let (Some(expected), Some(out)) = (
        input.get_attribute("data-verify-sha256"),
        input.next_element_sibling(),
    ) else {
        return;
    };
    let size = input
        .get_attribute("data-verify-size")
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let Some(file) = input.files().and_then(|files| files.get(0)) else {
        return;
    };
    let bytes = file.size() as u64;
    if bytes > VERIFY_MAX {
        show_check(&out, lang, &expected, size, Check::TooLarge);
        return;
    }
    show_check(&out, lang, &expected, size, Check::Busy);
    leptos::task::spawn_local(async move {
        let check = match sha256_hex(&file).await {
            Ok(actual) => Check::Done {
                actual,
                size: bytes,
            },
            Err(true) => Check::Insecure,
            Err(false) => Check::Failed,
        };
        show_check(&out, lang, &expected, size, check);
    });
}

/// `6.5 MB`, `270 B`: what a download costs, in the units people read.
fn size_text(bytes: u64) -> String {
    const K: u64 = 1024;
    if bytes < K {
        format!("{bytes} B")
    } else if bytes < K * K {
        format!("{} KB", (bytes + K / 2) / K)
    } else {
        let tenths = (bytes * 10 + K * K / 2) / (K * K);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

/// The largest file hashed in the browser: `digest` takes the whole file
/// in memory (WebCrypto has no streaming hash), so a larger one is left to
/// `sha256sum` on the server, with the reason.
const VERIFY_MAX: u64 = 2 << 30;

/// The file's SHA-256 in lower-case hex, computed by the browser. `Err(true)`
/// where WebCrypto is missing (plain HTTP), `Err(false)` when the file
/// could not be read.
async fn sha256_hex(file: &web_sys::File) -> Result<String, bool> {
    use wasm_bindgen_futures::JsFuture;
    let subtle = window().crypto().map_err(|_| true)?.subtle();
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| false)?;
    let buffer: js_sys::Object = buffer.dyn_into().map_err(|_| false)?;
    let promise = subtle
        .digest_with_str_and_buffer_source("SHA-256", &buffer)
        .map_err(|_| true)?;
    let digest = JsFuture::from(promise).await.map_err(|_| false)?;
    let bytes = js_sys::Uint8Array::new(&digest).to_vec();
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The download history: this device's, and the workspace's. The two
/// lists are built with the DOM API (`crate::dom`), each rebuilt whole when
/// its data or the language changes.
#[component]
pub fn PatchDownloads() -> impl IntoView {
    let lang = use_lang();
    let catalogue = LocalResource::new(load_catalogue);
    let workspace = use_workspace();
    let device = LocalResource::new(|| engines::device_downloads(None));
    let mine = NodeRef::<leptos::html::Div>::new();
    let theirs = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let (lang, device) = (lang.get(), device.get());
        let (Some(host), Some(Ok(c))) = (mine.get(), catalogue.get()) else {
            return;
        };
        let t = patch_texts(lang);
        let body = match &device {
            // Loading, or the store's problem, shown below the list.
            None | Some(Err(_)) => History::Nothing,
            Some(Ok(list)) if list.is_empty() => {
                History::Empty(t.device_empty, "data-device-empty")
            }
            Some(Ok(list)) => History::Table(
                "device-downloads",
                list.iter()
                    .map(|d| (format_ms(d.at_ms), d.patch.clone(), d.version.clone()))
                    .collect(),
            ),
        };
        history(&host, lang, &c, "device-history", t.device_history, body);
    });
    Effect::new(move |_| {
        let (lang, workspace) = (lang.get(), workspace.get().flatten());
        let (Some(host), Some(Ok(c))) = (theirs.get(), catalogue.get()) else {
            return;
        };
        let t = patch_texts(lang);
        let body = match workspace {
            None => History::OpenWorkspace,
            Some(w) if w.downloads.is_empty() => History::Empty(t.workspace_empty, ""),
            Some(w) => {
                let mut rows: Vec<_> = w
                    .downloads
                    .iter()
                    .map(|d| (d.at, d.patch.clone(), Some(d.version.clone())))
                    .collect();
                rows.sort_by_key(|r| std::cmp::Reverse(r.0));
                let rows = rows
                    .into_iter()
                    .map(|(at, p, v)| (format_beijing(&at), p, v))
                    .collect();
                History::Table("workspace-downloads", rows)
            }
        };
        history(
            &host,
            lang,
            &c,
            "workspace-history",
            t.workspace_history,
            body,
        );
    });
    let problem = move || match device.get() {
        Some(Err(error)) => Some(view! { <StoreProblem error used_for=StoreUse::RecordDownload/> }),
        _ => None,
    };
    view! {
        <section class="page patch-downloads-page">
            {move || {
                let t = patch_texts(lang.get());
                view! {
                    <h1>{t.downloads_title}</h1>
                    <p class="lead-text">{t.downloads_lead}</p>
                    <p><a href=routes::PATCHES>{t.back_to_catalogue}</a></p>
                }
            }}
            {loaded(catalogue, move |_| {
                view! {
                    <section aria-labelledby="device-history">
                        <div node_ref=mine></div>
                        {problem}
                    </section>
                    <section aria-labelledby="workspace-history">
                        <div node_ref=theirs></div>
                    </section>
                }
                .into_any()
            })}
        </section>
    }
}

/// What a history section shows under its heading.
enum History {
    Nothing,
    /// Nothing recorded: the sentence, and a `data-*` marker (or "").
    Empty(&'static str, &'static str),
    /// No workspace open: where to open it.
    OpenWorkspace,
    /// The table's id, and its rows: when, patch id, version.
    Table(&'static str, Vec<(String, String, Option<String>)>),
}

fn history(host: &Element, lang: Lang, c: &Catalogue, id: &str, title: &str, body: History) {
    let Some(doc) = host.owner_document() else {
        return;
    };
    let (t, en) = (patch_texts(lang), lang.is_en());
    host.set_text_content(None);
    attr(&text_el(&doc, host, "h2", "", title), "id", id);
    match body {
        History::Nothing => {}
        History::Empty(sentence, marker) => {
            let p = text_el(&doc, host, "p", "muted", sentence);
            if !marker.is_empty() {
                attr(&p, marker, "");
            }
        }
        History::OpenWorkspace => {
            let p = text_el(&doc, host, "p", "muted", t.workspace_hint);
            text(&doc, &p, " ");
            attr(
                &text_el(&doc, &p, "a", "", lang.texts().nav_workspace),
                "href",
                routes::WORKSPACE,
            );
        }
        History::Table(id, rows) => {
            let scroll = el(&doc, host, "div", "table-scroll");
            let table = el(&doc, &scroll, "table", "");
            attr(&table, "id", id);
            let head = el(&doc, &el(&doc, &table, "thead", ""), "tr", "");
            for name in [t.when, t.patch, t.for_version] {
                attr(&text_el(&doc, &head, "th", "", name), "scope", "col");
            }
            let tbody = el(&doc, &table, "tbody", "");
            for (when, patch, version) in rows {
                let title = c
                    .patches
                    .iter()
                    .find(|p| p.id == patch)
                    .map_or(t.unknown_patch, |p| p.title.get(en));
                let tr = el(&doc, &tbody, "tr", "");
                attr(&tr, "data-download", &patch);
                text_el(&doc, &tr, "td", "", &when);
                let cell = el(&doc, &tr, "td", "");
                attr(
                    &text_el(&doc, &cell, "a", "", &patch),
                    "href",
                    &cards::patch_href(&patch),
                );
                el(&doc, &cell, "br", "");
                text(&doc, &cell, title);
                text_el(&doc, &tr, "td", "", version.as_deref().unwrap_or("—"));
            }
        }
    }
}
