//! The one place that fetches from the static API. It finds the API base URL,
//! fetches a file and parses it with the core's models, and turns every
//! failure into an [`ApiError`] that the error panel can explain.
//!
//! The base URL comes from `<meta name="coremail-api-base" content="…">` in
//! index.html, so a deployment can point the app at another origin by editing
//! that one attribute, without rebuilding.

use leptos::prelude::{provide_context, use_context, LocalResource};
use portal_core::fallback::Answer;
use portal_core::markdown::{ArticleBlocks, Block};
use portal_core::model::{CalendarData, SlaPolicy};
use portal_core::sla::SlaEngine;
use portal_core::{files, parse_json, ParseError};
use serde::de::DeserializeOwned;
use std::fmt;
use std::sync::Arc;

pub const API_BASE_META: &str = "coremail-api-base";
const DEFAULT_BASE: &str = "/api/";

/// Why an API file could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// The request never got an answer (offline, DNS, CORS, connection reset).
    Network { file: String, detail: String },
    /// The server answered with a non-success status.
    Status { file: String, status: u16 },
    /// The file arrived but is not what the contract says.
    Malformed(ParseError),
}

impl ApiError {
    pub fn file(&self) -> &str {
        match self {
            ApiError::Network { file, .. } | ApiError::Status { file, .. } => file,
            ApiError::Malformed(e) => &e.file,
        }
    }

    /// No answer came at all: what a copy on this device is for.
    pub fn is_unreachable(&self) -> bool {
        matches!(self, ApiError::Network { .. })
    }
}

/// A fetch as the network-or-device-copy choice sees it
/// (`portal_core::fallback`): HTTP 404 means the file is gone.
pub fn answer<T>(result: Result<T, ApiError>) -> Answer<T, ApiError> {
    match result {
        Ok(value) => Answer::Fresh(value),
        Err(ApiError::Status { status: 404, .. }) => Answer::Gone,
        Err(error) => failure(error),
    }
}

/// A failed fetch, for a page that decides "gone" otherwise (an article is
/// gone when its index no longer lists it): unreachable or broken.
pub fn failure<T>(error: ApiError) -> Answer<T, ApiError> {
    if error.is_unreachable() {
        Answer::Unreachable(error)
    } else {
        Answer::Broken(error)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Network { file, detail } => write!(f, "{file}: network error: {detail}"),
            ApiError::Status { file, status } => write!(f, "{file}: HTTP {status}"),
            ApiError::Malformed(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ApiError {}

/// The API base URL, absolute and ending in `/`.
pub fn api_base() -> String {
    let document = web_sys::window().and_then(|w| w.document());
    let configured = document
        .as_ref()
        .and_then(|d| {
            d.query_selector(&format!("meta[name=\"{API_BASE_META}\"]"))
                .ok()
                .flatten()
        })
        .and_then(|m| m.get_attribute("content"))
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| DEFAULT_BASE.to_owned());
    let base_uri = document.and_then(|d| d.base_uri().ok().flatten());
    resolve_base(&configured, base_uri.as_deref())
}

/// Resolves a configured base (absolute or relative) against the page URL.
pub fn resolve_base(configured: &str, page: Option<&str>) -> String {
    let absolute = match page {
        Some(page) => web_sys::Url::new_with_base(configured, page)
            .map(|u| u.href())
            .unwrap_or_else(|_| configured.to_owned()),
        None => configured.to_owned(),
    };
    if absolute.ends_with('/') {
        absolute
    } else {
        format!("{absolute}/")
    }
}

/// The URL of an API file.
pub fn api_url(file: &str) -> String {
    format!("{}{}", api_base(), file.trim_start_matches('/'))
}

/// Fetches an API file as text.
pub async fn fetch_text(file: &str) -> Result<String, ApiError> {
    fetch_text_from(file, &api_url(file)).await
}

/// Fetches `url` as text; errors name `file` (the path within the API).
///
/// The request is aborted when the reactive owner it was started under is
/// cleaned up: a page that is left, or a resource that starts its next
/// fetch, leaves no download running for nothing.
pub async fn fetch_text_from(file: &str, url: &str) -> Result<String, ApiError> {
    let network = |e: gloo_net::Error| ApiError::Network {
        file: file.to_owned(),
        detail: e.to_string(),
    };
    let controller = web_sys::AbortController::new().ok();
    if let Some(controller) = &controller {
        let controller = send_wrapper::SendWrapper::new(controller.clone());
        leptos::prelude::on_cleanup(move || controller.abort());
    }
    let response = gloo_net::http::Request::get(url)
        .abort_signal(controller.as_ref().map(|c| c.signal()).as_ref())
        .send()
        .await
        .map_err(network)?;
    if !response.ok() {
        return Err(ApiError::Status {
            file: file.to_owned(),
            status: response.status(),
        });
    }
    response.text().await.map_err(network)
}

thread_local! {
    /// Files fetched once per visit (`fetch_json_once`), by name.
    static ONCE: std::cell::RefCell<std::collections::HashMap<String, std::rc::Rc<str>>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// Like [`fetch_json`] for files that several pages and sections read
/// (`kb/categories.json`, `kb/articles.json`): fetched once per visit, then
/// parsed from the copy in memory, so moving between those pages neither
/// refetches nor waits. A failed fetch is not kept, so a retry fetches
/// again; [`fetch_json_fresh`] replaces the copy.
pub async fn fetch_json_once<T: DeserializeOwned>(file: &str) -> Result<T, ApiError> {
    let kept = ONCE.with_borrow(|once| once.get(file).cloned());
    let text = match kept {
        Some(text) => text,
        None => {
            let text: std::rc::Rc<str> = fetch_text(file).await?.into();
            ONCE.with_borrow_mut(|once| once.insert(file.to_owned(), text.clone()));
            text
        }
    };
    parse_json(file, &text).map_err(|e| {
        // A copy that does not parse is not kept: retry fetches it again.
        ONCE.with_borrow_mut(|once| once.remove(file));
        ApiError::Malformed(e)
    })
}

/// Fetches `file` from the network even if this visit has it, and keeps the
/// new copy for [`fetch_json_once`].
pub async fn fetch_json_fresh<T: DeserializeOwned>(file: &str) -> Result<T, ApiError> {
    ONCE.with_borrow_mut(|once| once.remove(file));
    fetch_json_once(file).await
}

/// Fetches an API file and parses it as `T`.
pub async fn fetch_json<T: DeserializeOwned>(file: &str) -> Result<T, ApiError> {
    fetch_json_and_text(file).await.map(|(value, _)| value)
}

/// Like [`fetch_json`], also returning the file's text (what a device copy
/// keeps: exactly what was published, checked).
pub async fn fetch_json_and_text<T: DeserializeOwned>(file: &str) -> Result<(T, String), ApiError> {
    let text = fetch_text(file).await?;
    let value = parse_json(file, &text).map_err(ApiError::Malformed)?;
    Ok((value, text))
}

/// An article's published blocks (`kb/articles/<id>.json`, made by `portal
/// index` from its Markdown), with the file's text.
pub async fn fetch_article_blocks(id: &str) -> Result<(Vec<Block>, String), ApiError> {
    let (body, text) = fetch_json_and_text::<ArticleBlocks>(&files::article_blocks(id)).await?;
    Ok((body.blocks, text))
}

/// Like [`fetch_json`], from an explicit URL (tests, other origins).
pub async fn fetch_json_from<T: DeserializeOwned>(file: &str, url: &str) -> Result<T, ApiError> {
    let text = fetch_text_from(file, url).await?;
    parse_json(file, &text).map_err(ApiError::Malformed)
}

/// `products.json` (names for product ids on the ticket pages).
pub async fn fetch_products() -> Result<Vec<portal_core::model::Product>, ApiError> {
    fetch_json(files::PRODUCTS).await
}

/// The SLA policy and a calendar-backed engine built from it.
pub struct SlaSetup {
    pub policy: SlaPolicy,
    pub engine: SlaEngine,
}

/// Fetches `sla/policy.json` and `sla/calendar.json` in parallel and builds
/// the engine. A policy the engine cannot use is reported as malformed.
pub async fn fetch_sla() -> Result<Arc<SlaSetup>, ApiError> {
    let (policy, calendar) = futures::future::join(
        fetch_json::<SlaPolicy>(files::SLA_POLICY),
        fetch_json::<CalendarData>(files::CALENDAR),
    )
    .await;
    let (policy, calendar) = (policy?, calendar?);
    let engine = SlaEngine::new(&policy, &calendar).map_err(|e| {
        ApiError::Malformed(ParseError {
            file: files::SLA_POLICY.to_owned(),
            path: "$".to_owned(),
            message: e.to_string(),
        })
    })?;
    Ok(Arc::new(SlaSetup { policy, engine }))
}

/// The SLA setup as loaded once per visit.
pub type SlaResource = LocalResource<Result<Arc<SlaSetup>, ApiError>>;

/// The app-wide SLA setup: fetched once when the app starts and shared by
/// every page that shows channels, deadlines or the calendar, so moving
/// between pages neither refetches nor waits. Retry on any page refetches it
/// for all.
pub fn use_sla() -> SlaResource {
    use_context::<SlaResource>().unwrap_or_else(provide_sla)
}

/// Creates the shared resource and puts it in context (the app shell does
/// this once; `use_sla` falls back to it outside the shell, e.g. in tests).
pub fn provide_sla() -> SlaResource {
    // In the main module on purpose: moved to a module of its own
    // (`#[lazy]`), the main module shrank by 38 KB but the code it shares
    // with every section scattered into shared chunks, and every route got
    // heavier (home +16 KB, knowledge base +16 KB; BENCHMARKS.md).
    let resource = LocalResource::new(fetch_sla);
    provide_context(resource);
    resource
}
