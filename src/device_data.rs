//! Everything this browser keeps for the portal, listed with its size, and
//! erased in one go (the privacy page, manual §12): the IndexedDB database
//! (`store`), this origin's `localStorage` (language, a remembered access
//! key, settings), Cache Storage and any service worker.
//!
//! Erasing goes on past a part that fails, so as much as possible is gone,
//! and reports every part that did not go.

use crate::i18n::local_storage;
use crate::store::{self, StoreError};
use js_sys::Array;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// One `localStorage` entry: its key and the bytes it takes (UTF-16, as
/// browsers count the quota).
#[derive(Debug, Clone, PartialEq)]
pub struct LocalEntry {
    pub key: String,
    pub bytes: usize,
}

/// What this browser keeps for this site.
#[derive(Debug, Clone, PartialEq)]
pub struct Inventory {
    /// `(store, records, bytes)` per IndexedDB store, or why it could not
    /// be read.
    pub stores: Result<Vec<(&'static str, usize, usize)>, StoreError>,
    pub local: Vec<LocalEntry>,
    /// `(cache name, entries)` in Cache Storage.
    pub caches: Vec<(String, usize)>,
    /// The browser's own estimate for this origin: `(usage, quota)` bytes.
    pub estimate: Option<(f64, f64)>,
}

fn local_entries() -> Vec<LocalEntry> {
    let Some(storage) = local_storage() else {
        return Vec::new();
    };
    let count = storage.length().unwrap_or(0);
    let mut entries: Vec<LocalEntry> = (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .map(|key| {
            let value = storage.get_item(&key).ok().flatten().unwrap_or_default();
            let bytes = 2 * (key.encode_utf16().count() + value.encode_utf16().count());
            LocalEntry { key, bytes }
        })
        .collect();
    entries.sort_unstable_by(|a, b| a.key.cmp(&b.key));
    entries
}

fn cache_storage() -> Option<web_sys::CacheStorage> {
    // Absent outside secure contexts: then nothing can be cached either.
    web_sys::window()?.caches().ok()
}

async fn await_promise(promise: js_sys::Promise) -> Option<wasm_bindgen::JsValue> {
    JsFuture::from(promise).await.ok()
}

async fn cache_names() -> Vec<String> {
    let Some(caches) = cache_storage() else {
        return Vec::new();
    };
    match await_promise(caches.keys()).await {
        Some(keys) => Array::from(&keys)
            .iter()
            .filter_map(|k| k.as_string())
            .collect(),
        None => Vec::new(),
    }
}

async fn cache_entries(name: &str) -> usize {
    let Some(caches) = cache_storage() else {
        return 0;
    };
    let Some(cache) = await_promise(caches.open(name)).await else {
        return 0;
    };
    let cache: web_sys::Cache = cache.unchecked_into();
    match await_promise(cache.keys()).await {
        Some(requests) => Array::from(&requests).length() as usize,
        None => 0,
    }
}

/// The navigator, if it has `property`: `storage` and `serviceWorker`
/// exist only in secure contexts, and web-sys's getters do not say so.
pub fn navigator_with(property: &str) -> Option<web_sys::Navigator> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::has(&navigator, &property.into())
        .unwrap_or(false)
        .then_some(navigator)
}

async fn estimate() -> Option<(f64, f64)> {
    let storage = navigator_with("storage")?.storage();
    let estimate: web_sys::StorageEstimate = await_promise(storage.estimate().ok()?)
        .await?
        .unchecked_into();
    Some((estimate.get_usage()?, estimate.get_quota()?))
}

/// Lists what this browser keeps for the portal.
pub async fn inventory() -> Inventory {
    let mut caches = Vec::new();
    for name in cache_names().await {
        let entries = cache_entries(&name).await;
        caches.push((name, entries));
    }
    Inventory {
        stores: store::usage().await,
        local: local_entries(),
        caches,
        estimate: estimate().await,
    }
}

/// A part of the device data that erasing could not remove.
#[derive(Debug, Clone, PartialEq)]
pub enum EraseFailure {
    Database(StoreError),
    LocalStorage,
    Cache(String),
    ServiceWorker,
}

/// Erases everything this browser keeps for the portal. Returns the parts
/// that stayed (empty: all gone).
pub async fn erase_everything() -> Vec<EraseFailure> {
    let mut failures = Vec::new();
    if let Err(e) = store::delete_database().await {
        failures.push(EraseFailure::Database(e));
    }
    // Unavailable storage holds nothing this site could read back.
    if local_storage().is_some_and(|s| s.clear().is_err()) {
        failures.push(EraseFailure::LocalStorage);
    }
    // The service worker first. One still installing (a first visit a
    // moment ago) writes its cache when its install finishes, registered or
    // not: wait for it (at most 5 s), unregister, then delete the caches.
    if let Some(container) = navigator_with("serviceWorker").map(|n| n.service_worker()) {
        if let Some(registrations) = await_promise(container.get_registrations()).await {
            for registration in Array::from(&registrations).iter() {
                let registration: web_sys::ServiceWorkerRegistration =
                    registration.unchecked_into();
                if let Some(worker) = registration.installing() {
                    for _ in 0..50 {
                        if worker.state() != web_sys::ServiceWorkerState::Installing {
                            break;
                        }
                        store::sleep(100).await;
                    }
                }
                let gone = match registration.unregister() {
                    Ok(p) => await_promise(p).await.is_some(),
                    Err(_) => false,
                };
                if !gone {
                    failures.push(EraseFailure::ServiceWorker);
                }
            }
        }
    }
    if let Some(caches) = cache_storage() {
        for name in cache_names().await {
            let deleted = await_promise(caches.delete(&name)).await;
            if deleted.is_none() {
                failures.push(EraseFailure::Cache(name));
            }
        }
    }
    failures
}
