//! IndexedDB on this device: recent ticket lookups, each with the last copy
//! of the ticket seen (so it can be shown offline, "as of" when it was
//! fetched), knowledge-base articles kept for offline reading (their
//! published blocks, as fetched), and the outbox (`crate::outbox`). A ticket's access code is kept here (and
//! in the acknowledgement link's fragment, which never reaches a server).
//!
//! Every function opens the database, does one short transaction, closes
//! the connection and returns; nothing awaits anything else inside a
//! transaction (that would end it early). So that storage never hangs a
//! page (#10, "IndexedDB that never hangs"):
//! - a connection closes when its function returns, and at once when
//!   another tab asks for a version change (a newer build upgrading, or
//!   "erase everything" deleting the database);
//! - every call has a time limit ([`TIME_LIMIT_MS`]): an open blocked by an
//!   old tab, or a browser that never answers, ends in [`StoreError::Busy`];
//! - a record that no longer parses (written by an older build, or damaged)
//!   is removed when it is met, and the rest is returned.

use indexed_db_futures::database::Database;
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use portal_core::markdown::{saved_blocks, Block};
use portal_core::model::KbArticle;
use portal_core::{files, ParseError};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::future::Future;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

pub const DB_NAME: &str = "coremail-portal";
const DB_VERSION: u8 = 4;
const RECENT: &str = "recent_lookups";
const ARTICLES: &str = "articles";
/// What the user sent and the device has yet to deliver (`portal_core::outbox`).
pub const OUTBOX: &str = "outbox";
/// The patch downloads started on this device (the catalogue's history).
pub const DOWNLOADS: &str = "patch_downloads";
/// The stores and the field each one is keyed by.
pub const STORES: [(&str, &str); 4] = [
    (RECENT, "key"),
    (ARTICLES, "id"),
    (OUTBOX, "id"),
    (DOWNLOADS, "id"),
];
/// How many lookups are remembered; older ones are dropped.
pub const RECENT_LIMIT: usize = 20;
/// How long one storage call may take before it counts as failed.
pub const TIME_LIMIT_MS: i32 = 5_000;

/// A remembered lookup.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecentLookup {
    /// The ticket number, normalised (primary key of the store). Lookups
    /// saved by older builds are keyed by their file name and have no code:
    /// their ticket asks for the code again.
    pub key: String,
    pub number: String,
    /// The ticket's access code, as handed out (`XXXXX-XXXXX-…`).
    #[serde(default)]
    pub code: Option<String>,
    pub title: String,
    /// When the user last opened it (ms since the epoch).
    pub opened_at: f64,
    /// The ticket file as last fetched, and when (ms since the epoch).
    pub ticket_json: Option<String>,
    pub fetched_at: Option<f64>,
}

/// Why the device storage could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The browser's storage quota is used up.
    Full,
    /// No answer within the time limit: another tab holds the database
    /// (an open blocked by an older build), or the browser is stuck.
    Busy,
    /// IndexedDB is unavailable (private mode, disabled) or failed.
    Unavailable(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Full => write!(f, "storage quota exceeded"),
            StoreError::Busy => write!(f, "IndexedDB did not answer in time"),
            StoreError::Unavailable(e) => write!(f, "IndexedDB unavailable: {e}"),
        }
    }
}

fn store_error(e: impl fmt::Display) -> StoreError {
    let text = e.to_string();
    if text.contains("Quota") || text.contains("quota") {
        StoreError::Full
    } else {
        // For whoever debugs a browser's storage; carries no user data.
        web_sys::console::warn_1(&format!("IndexedDB: {text}").into());
        StoreError::Unavailable(text)
    }
}

/// An open connection, closed when dropped.
struct Conn(Database);

impl Drop for Conn {
    fn drop(&mut self) {
        self.0.as_sys().close();
    }
}

impl std::ops::Deref for Conn {
    type Target = Database;
    fn deref(&self) -> &Database {
        &self.0
    }
}

thread_local! {
    /// One `versionchange` handler for every connection: close it, so the
    /// other tab's upgrade or delete goes ahead instead of waiting on us.
    static CLOSE_ON_VERSION_CHANGE: Closure<dyn Fn(web_sys::Event)> =
        Closure::new(|event: web_sys::Event| {
            if let Some(db) = event.target().and_then(|t| t.dyn_into::<web_sys::IdbDatabase>().ok()) {
                db.close();
            }
        });
}

async fn open() -> Result<Conn, StoreError> {
    let db = Database::open(DB_NAME)
        .with_version(DB_VERSION)
        .with_on_upgrade_needed(|event, db| {
            // Each version adds what it introduced; an existing store is kept.
            if event.old_version() < 1.0 {
                db.create_object_store(RECENT)
                    .with_key_path("key".into())
                    .build()?;
            }
            if event.old_version() < 2.0 {
                db.create_object_store(ARTICLES)
                    .with_key_path("id".into())
                    .build()?;
            }
            if event.old_version() < 3.0 {
                db.create_object_store(OUTBOX)
                    .with_key_path("id".into())
                    .build()?;
            }
            if event.old_version() < 4.0 {
                db.create_object_store(DOWNLOADS)
                    .with_key_path("id".into())
                    .build()?;
            }
            Ok(())
        })
        .await
        .map_err(store_error)?;
    CLOSE_ON_VERSION_CHANGE.with(|close| {
        db.as_sys()
            .set_onversionchange(Some(close.as_ref().unchecked_ref()));
    });
    Ok(Conn(db))
}

/// Resolves after `ms` milliseconds.
pub async fn sleep(ms: i32) {
    let timer = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(timer).await;
}

/// `op`, or [`StoreError::Busy`] when it takes longer than the time limit
/// (dropping it closes its connection).
async fn timed<T>(op: impl Future<Output = Result<T, StoreError>>) -> Result<T, StoreError> {
    use futures::future::{select, Either};
    match select(Box::pin(op), Box::pin(sleep(TIME_LIMIT_MS))).await {
        Either::Left((result, _)) => result,
        Either::Right(_) => Err(StoreError::Busy),
    }
}

// ------------------------------------------------------------- primitives
//
// Every operation opens the database, runs one short transaction on one
// object store and returns owned values.

/// Every record of `store_name` as stored, as JSON text (for sizes).
async fn raw(store_name: &str) -> Result<Vec<String>, StoreError> {
    timed(async {
        let db = open().await?;
        let tx = db.transaction(store_name).build().map_err(store_error)?;
        let store = tx.object_store(store_name).map_err(store_error)?;
        let records = store
            .get_all::<wasm_bindgen::JsValue>()
            .primitive()
            .map_err(store_error)?
            .await
            .map_err(store_error)?;
        Ok(records
            .filter_map(Result::ok)
            .map(|r| {
                js_sys::JSON::stringify(&r)
                    .map(String::from)
                    .unwrap_or_default()
            })
            .collect())
    })
    .await
}

/// Every record of `store_name` that still parses. One that no longer
/// parses (an older build's, or damaged) is removed, not fatal.
async fn all<T: DeserializeOwned>(store_name: &str) -> Result<Vec<T>, StoreError> {
    let (records, keys) = timed(async {
        let db = open().await?;
        let tx = db.transaction(store_name).build().map_err(store_error)?;
        let store = tx.object_store(store_name).map_err(store_error)?;
        // Both in key order, in one transaction: record i has key i.
        let records: Vec<Option<T>> = store
            .get_all::<T>()
            .serde()
            .map_err(store_error)?
            .await
            .map_err(store_error)?
            .map(Result::ok)
            .collect();
        let keys: Vec<Option<String>> = store
            .get_all_keys::<String>()
            .primitive()
            .map_err(store_error)?
            .await
            .map_err(store_error)?
            .map(Result::ok)
            .collect();
        Ok((records, keys))
    })
    .await?;
    let mut good = Vec::with_capacity(records.len());
    let mut stale = Vec::new();
    for (record, key) in records.into_iter().zip(keys) {
        match record {
            Some(r) => good.push(r),
            None => stale.extend(key),
        }
    }
    if !stale.is_empty() {
        // Best effort: if it fails, the same records are skipped next time.
        let _ = write::<()>(store_name, vec![], stale).await;
    }
    Ok(good)
}

/// One record by key (`None` also when it no longer parses).
async fn one<T: DeserializeOwned>(store_name: &str, key: &str) -> Result<Option<T>, StoreError> {
    timed(async {
        let db = open().await?;
        let tx = db.transaction(store_name).build().map_err(store_error)?;
        let store = tx.object_store(store_name).map_err(store_error)?;
        store
            .get::<T, _, _>(key.to_owned())
            .serde()
            .map_err(store_error)?
            .await
            .map_err(store_error)
    })
    .await
}

/// Puts `records` and deletes `delete` in one transaction: all or nothing.
async fn write<T: Serialize>(
    store_name: &str,
    records: Vec<T>,
    delete: Vec<String>,
) -> Result<(), StoreError> {
    timed(async {
        let db = open().await?;
        let tx = db
            .transaction(store_name)
            .with_mode(TransactionMode::Readwrite)
            .build()
            .map_err(store_error)?;
        let store = tx.object_store(store_name).map_err(store_error)?;
        for record in records {
            store
                .put(record)
                .serde()
                .map_err(store_error)?
                .await
                .map_err(store_error)?;
        }
        for key in delete {
            store.delete(key).await.map_err(store_error)?;
        }
        tx.commit().await.map_err(store_error)
    })
    .await
}

async fn clear(store_name: &str) -> Result<(), StoreError> {
    timed(async {
        let db = open().await?;
        let tx = db
            .transaction(store_name)
            .with_mode(TransactionMode::Readwrite)
            .build()
            .map_err(store_error)?;
        let store = tx.object_store(store_name).map_err(store_error)?;
        store
            .clear()
            .map_err(store_error)?
            .await
            .map_err(store_error)?;
        tx.commit().await.map_err(store_error)
    })
    .await
}

/// Whether the database exists, without creating it (`None`: the browser
/// cannot say, it has no `indexedDB.databases()`).
async fn database_exists() -> Option<bool> {
    let factory = web_sys::window()?.indexed_db().ok()??;
    let list = js_sys::Reflect::get(&factory, &"databases".into()).ok()?;
    let list: js_sys::Function = list.dyn_into().ok()?;
    let promise: js_sys::Promise = list.call0(&factory).ok()?.dyn_into().ok()?;
    let found = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    Some(js_sys::Array::from(&found).iter().any(|db| {
        js_sys::Reflect::get(&db, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .is_some_and(|n| n == DB_NAME)
    }))
}

/// What each store holds: `(store, records, bytes of their JSON)`; nothing
/// when there is no database (listing does not create it).
pub async fn usage() -> Result<Vec<(&'static str, usize, usize)>, StoreError> {
    let mut out = Vec::new();
    if database_exists().await == Some(false) {
        return Ok(out);
    }
    for (name, _) in STORES {
        let records = raw(name).await?;
        let bytes = records.iter().map(String::len).sum();
        out.push((name, records.len(), bytes));
    }
    Ok(out)
}

/// Deletes the whole database. Other tabs' connections close themselves on
/// the `versionchange` this raises; one that does not makes this [`StoreError::Busy`].
pub async fn delete_database() -> Result<(), StoreError> {
    timed(async {
        Database::delete_by_name(DB_NAME)
            .map_err(store_error)?
            .await
            .map_err(store_error)
    })
    .await
}

/// Asks the browser to keep this site's storage under storage pressure (the
/// user just saved something for offline). The answer is the browser's; a
/// refusal changes nothing else.
pub fn ask_persistence() {
    let Some(storage) = crate::device_data::navigator_with("storage").map(|n| n.storage()) else {
        return;
    };
    if let Ok(promise) = storage.persist() {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }
}

// --------------------------------------------------------- recent lookups

/// All remembered lookups, most recently opened first.
pub async fn recent() -> Result<Vec<RecentLookup>, StoreError> {
    let mut all: Vec<RecentLookup> = all(RECENT).await?;
    // Unstable sort: opening times are distinct, and it is smaller code.
    all.sort_unstable_by(|a, b| b.opened_at.total_cmp(&a.opened_at));
    Ok(all)
}

/// The remembered lookup of a ticket number, if any.
pub async fn find_number(number: &str) -> Result<Option<RecentLookup>, StoreError> {
    let wanted = portal_core::keys::normalise_ticket_number(number);
    Ok(recent().await?.into_iter().find(|r| {
        r.code.is_some() && portal_core::keys::normalise_ticket_number(&r.number) == wanted
    }))
}

/// Saves (or replaces) a lookup, and drops the oldest beyond [`RECENT_LIMIT`]
/// in the same transaction.
pub async fn remember(entry: RecentLookup) -> Result<(), StoreError> {
    let stale: Vec<String> = recent()
        .await?
        .into_iter()
        .filter(|r| r.key != entry.key)
        .enumerate()
        // Older builds' entry for the same ticket goes too.
        .filter(|(i, r)| *i >= RECENT_LIMIT - 1 || r.number == entry.number)
        .map(|(_, r)| r.key)
        .collect();
    write(RECENT, vec![entry], stale).await
}

/// Forgets one lookup, with its cached copy.
pub async fn forget(key: &str) -> Result<(), StoreError> {
    write::<RecentLookup>(RECENT, vec![], vec![key.to_owned()]).await
}

/// Forgets every lookup.
pub async fn forget_all() -> Result<(), StoreError> {
    clear(RECENT).await
}

/// Milliseconds since the epoch, from the browser's clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

// ------------------------------------------------------- offline articles

/// A knowledge-base article kept on this device for offline reading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedArticle {
    pub id: String,
    /// The article's entry in `kb/articles.json`, as JSON.
    pub entry_json: String,
    /// The article's published blocks, `kb/articles/<id>.json` as fetched.
    /// Empty in a copy saved before articles were published as blocks.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub blocks_json: String,
    /// Only in a copy saved before articles were published as blocks: its
    /// Markdown, read as plain text ([`SavedArticle::blocks`]). Opening the
    /// article online replaces such a copy with one holding blocks.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub body_md: String,
    pub revision: u32,
    pub category: String,
    /// When it was saved or last refreshed (ms since the epoch).
    pub saved_at: f64,
    /// Saved on purpose ("save for offline"), not just cached on opening.
    pub pinned: bool,
}

impl SavedArticle {
    /// The device copy of a published article and its blocks file's text,
    /// saved now.
    pub fn new(article: &KbArticle, blocks_json: &str, pinned: bool) -> SavedArticle {
        SavedArticle {
            id: article.id.clone(),
            entry_json: serde_json::to_string(article).unwrap_or_default(),
            blocks_json: blocks_json.to_owned(),
            body_md: String::new(),
            revision: article.revision,
            category: article.category.clone(),
            saved_at: now_ms(),
            pinned,
        }
    }

    /// Bytes this copy takes (UTF-8 text; IndexedDB's own overhead aside).
    pub fn size(&self) -> usize {
        self.entry_json.len() + self.blocks_json.len() + self.body_md.len()
    }

    /// The article's blocks, from whichever body this copy holds.
    pub fn blocks(&self) -> Result<Vec<Block>, ParseError> {
        saved_blocks(
            &files::article_blocks(&self.id),
            &self.blocks_json,
            &self.body_md,
        )
    }
}

/// Saves or replaces articles in one transaction. On a quota failure the
/// transaction rolls back: what was saved before stays as it was.
pub async fn save_articles(articles: Vec<SavedArticle>) -> Result<(), StoreError> {
    if articles.iter().any(|a| a.pinned) {
        ask_persistence();
    }
    write(ARTICLES, articles, vec![]).await
}

/// Keeps (or refreshes) the device copy of an article with its published
/// blocks file's text. An article saved on purpose stays pinned when it is
/// refreshed or merely opened again; `pin` pins it now. Returns whether the
/// kept copy is pinned.
pub async fn keep_article(
    article: &KbArticle,
    blocks_json: &str,
    pin: bool,
) -> Result<bool, StoreError> {
    let pinned = pin || matches!(saved_article(&article.id).await, Ok(Some(a)) if a.pinned);
    save_articles(vec![SavedArticle::new(article, blocks_json, pinned)]).await?;
    Ok(pinned)
}

/// Every article on this device, in key order (the offline library orders
/// them: `portal_core::library::library_order`).
pub async fn saved_articles() -> Result<Vec<SavedArticle>, StoreError> {
    all(ARTICLES).await
}

/// One saved article.
pub async fn saved_article(id: &str) -> Result<Option<SavedArticle>, StoreError> {
    one(ARTICLES, id).await
}

/// Removes one article from the device.
pub async fn remove_article(id: &str) -> Result<(), StoreError> {
    write::<SavedArticle>(ARTICLES, vec![], vec![id.to_owned()]).await
}

// ------------------------------------------------------------------ outbox

/// Every outbox item that still parses (`portal_core::outbox::Item`).
/// Without a database there is nothing, and none is created: every visit
/// asks at start, and "erase everything" must leave nothing behind.
pub async fn outbox_items() -> Result<Vec<portal_core::outbox::Item>, StoreError> {
    if database_exists().await == Some(false) {
        return Ok(Vec::new());
    }
    all(OUTBOX).await
}

/// Saves or replaces one outbox item. Storing is the promise that nothing
/// is lost, so the browser is asked to keep the site's storage too.
pub async fn put_outbox_item(item: &portal_core::outbox::Item) -> Result<(), StoreError> {
    write(OUTBOX, vec![item.clone()], vec![]).await
}

/// Removes one outbox item (the user discards it, or it is done).
pub async fn remove_outbox_item(id: &str) -> Result<(), StoreError> {
    write::<portal_core::outbox::Item>(OUTBOX, vec![], vec![id.to_owned()]).await
}

// --------------------------------------------------------------- downloads

/// A patch download started on this device.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LocalDownload {
    /// `<patch>@<time in ms>`: one record per download.
    pub id: String,
    pub patch: String,
    /// The installed version it was fetched for, when the page knew it
    /// (from the deployment, or the version filtered on).
    pub version: Option<String>,
    pub at_ms: f64,
}

/// Every download recorded on this device, newest first. Without a
/// database there are none, and none is created.
pub async fn downloads() -> Result<Vec<LocalDownload>, StoreError> {
    if database_exists().await == Some(false) {
        return Ok(Vec::new());
    }
    let mut list: Vec<LocalDownload> = all(DOWNLOADS).await?;
    list.sort_by(|a, b| b.at_ms.total_cmp(&a.at_ms));
    Ok(list)
}

/// Records one download.
pub async fn record_download(entry: LocalDownload) -> Result<(), StoreError> {
    write(DOWNLOADS, vec![entry], vec![]).await
}
