//! Engines that only some visits need, each behind a split point of its own:
//! in the split build (feature `split`) every function here is `#[lazy]`,
//! so its code is a wasm module fetched the first time it is called, not
//! with the page that calls it. The knowledge-base search engine loads on
//! the first search, SHA-256 on the first ticket lookup or history opening.
//!
//! Without the feature they are plain async functions; callers `.await`
//! them either way.

use crate::api::{fetch_json, ApiError};
use portal_core::files;
use portal_core::search::{Hit, IndexMeta, SearchIndex, Shard};
use std::cell::RefCell;

thread_local! {
    /// The published search index as far as it is loaded: the document
    /// table on the first search, then the shards queries needed. Kept for
    /// the visit, so coming back to the knowledge base searches at once.
    static INDEX: RefCell<Option<SearchIndex>> = const { RefCell::new(None) };
}

/// Hits for `query` in the knowledge base (`category` filters), best first,
/// fetching `kb/search/meta.json` and any shard the query needs first.
#[cfg_attr(feature = "split", leptos::lazy)]
pub async fn search_kb(
    query: String,
    category: Option<String>,
    limit: usize,
) -> Result<Vec<Hit>, ApiError> {
    if INDEX.with_borrow(Option::is_none) {
        let meta = fetch_json::<IndexMeta>(files::SEARCH_META).await?;
        INDEX.with_borrow_mut(|index| *index = Some(SearchIndex::new(meta)));
    }
    let missing = INDEX.with_borrow(|index| {
        index
            .as_ref()
            .map(|i| i.missing_shards(&query))
            .unwrap_or_default()
    });
    let names: Vec<String> = missing.iter().map(|&n| files::search_shard(n)).collect();
    let shards = futures::future::join_all(names.iter().map(|f| fetch_json::<Shard>(f))).await;
    INDEX.with_borrow_mut(|index| {
        let Some(index) = index.as_mut() else {
            return Ok(Vec::new());
        };
        for (n, shard) in missing.into_iter().zip(shards) {
            index.add_shard(n, shard?);
        }
        Ok(index.search(&query, category.as_deref(), limit))
    })
}

/// Whose capability key to compute.
pub enum KeyFor {
    /// A ticket: its number and contact e-mail.
    Ticket { number: String, email: String },
    /// A customer's history: the access key.
    Customer { access_key: String },
}

/// The name a ticket's or customer's file is stored under
/// (`portal_core::keys`). One split point for both: two made the ticket
/// pages heavier, not lighter (more, smaller shared modules).
#[cfg_attr(feature = "split", leptos::lazy)]
pub async fn capability_key(of: KeyFor) -> String {
    match of {
        KeyFor::Ticket { number, email } => portal_core::keys::ticket_key(&number, &email),
        KeyFor::Customer { access_key } => portal_core::keys::customer_key(&access_key),
    }
}
