//! IndexedDB on this device: recent ticket lookups, each with the last copy
//! of the ticket seen (so it can be shown offline, "as of" when it was
//! fetched), and knowledge-base articles kept for offline reading (their
//! published blocks, as fetched). The e-mail used for a lookup is kept here and nowhere else:
//! never in a URL, never in a log.
//!
//! Every function opens the database, does one short transaction and
//! returns; nothing awaits anything else inside a transaction (that would
//! end it early).

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use portal_core::markdown::{saved_blocks, Block};
use portal_core::model::KbArticle;
use portal_core::{files, ParseError};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::fmt;

const DB_NAME: &str = "coremail-portal";
const DB_VERSION: u8 = 2;
const RECENT: &str = "recent_lookups";
const ARTICLES: &str = "articles";
/// How many lookups are remembered; older ones are dropped.
pub const RECENT_LIMIT: usize = 20;

/// A remembered lookup.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecentLookup {
    /// The ticket's file key (primary key of the store).
    pub key: String,
    pub number: String,
    /// The contact e-mail typed for the lookup; `None` when the ticket was
    /// opened from a customer history.
    pub email: Option<String>,
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
    /// IndexedDB is unavailable (private mode, disabled) or failed.
    Unavailable(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Full => write!(f, "storage quota exceeded"),
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

async fn open() -> Result<Database, StoreError> {
    Database::open(DB_NAME)
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
            Ok(())
        })
        .await
        .map_err(store_error)
}

// ------------------------------------------------------------- primitives
//
// Every operation opens the database, runs one short transaction on one
// object store and returns owned values.

/// Every record of `store_name` that still parses (a record written by an
/// older build that no longer parses is skipped, not fatal).
async fn all<T: DeserializeOwned>(store_name: &str) -> Result<Vec<T>, StoreError> {
    let db = open().await?;
    let tx = db.transaction(store_name).build().map_err(store_error)?;
    let store = tx.object_store(store_name).map_err(store_error)?;
    let records = store
        .get_all::<T>()
        .serde()
        .map_err(store_error)?
        .await
        .map_err(store_error)?;
    Ok(records.filter_map(Result::ok).collect())
}

/// One record by key.
async fn one<T: DeserializeOwned>(store_name: &str, key: &str) -> Result<Option<T>, StoreError> {
    let db = open().await?;
    let tx = db.transaction(store_name).build().map_err(store_error)?;
    let store = tx.object_store(store_name).map_err(store_error)?;
    store
        .get::<T, _, _>(key.to_owned())
        .serde()
        .map_err(store_error)?
        .await
        .map_err(store_error)
}

/// Puts `records` and deletes `delete` in one transaction: all or nothing.
async fn write<T: Serialize>(
    store_name: &str,
    records: Vec<T>,
    delete: Vec<String>,
) -> Result<(), StoreError> {
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
}

async fn clear(store_name: &str) -> Result<(), StoreError> {
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
    Ok(recent()
        .await?
        .into_iter()
        .find(|r| portal_core::keys::normalise_ticket_number(&r.number) == wanted))
}

/// Saves (or replaces) a lookup, and drops the oldest beyond [`RECENT_LIMIT`]
/// in the same transaction.
pub async fn remember(entry: RecentLookup) -> Result<(), StoreError> {
    let stale: Vec<String> = recent()
        .await?
        .into_iter()
        .filter(|r| r.key != entry.key)
        .skip(RECENT_LIMIT - 1)
        .map(|r| r.key)
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
