//! Engines that only some visits need, each behind a split point of its own:
//! in the split build (feature `split`) every function here is `#[lazy]`,
//! so its code is a wasm module fetched the first time it is called, not
//! with the page that calls it. The knowledge-base search engine loads on
//! the first search. (Tickets and workspaces open with WebCrypto, which the
//! browser brings: `crate::sealed`.)
//!
//! Without the feature they are plain async functions; callers `.await`
//! them either way.

use crate::api::{fetch_json, ApiError};
use futures::future::{join, join_all};
use portal_core::files;
use portal_core::search::{IndexMeta, IndexedDoc, Positions, SearchIndex, Shard};
use std::cell::RefCell;

thread_local! {
    /// The published search index as far as it is loaded: the document
    /// table on the first search, then the shards, positions and document
    /// files queries needed. Kept for the visit, so coming back to the
    /// knowledge base searches at once.
    static INDEX: RefCell<Option<SearchIndex>> = const { RefCell::new(None) };
}

/// What a knowledge-base search found.
#[derive(Debug, Clone, PartialEq)]
pub struct KbFound {
    /// How many articles matched, not only those in `ids`.
    pub total: usize,
    /// No article holds every word of the query; these hold some of them.
    pub partial: bool,
    /// The best ones, best first.
    pub ids: Vec<String>,
}

/// Searches the knowledge base (`category` filters) for the best `limit`
/// articles, fetching first what the query needs and is not loaded yet:
/// `kb/search/meta.json`, the shards of its terms (with the positions of
/// long Chinese words), then the document files of the hits.
#[cfg_attr(feature = "split", leptos::lazy)]
pub async fn search_kb(
    query: String,
    category: Option<String>,
    limit: usize,
) -> Result<KbFound, ApiError> {
    if INDEX.with_borrow(Option::is_none) {
        let meta = fetch_json::<IndexMeta>(files::SEARCH_META).await?;
        INDEX.with_borrow_mut(|index| *index = Some(SearchIndex::new(meta)));
    }
    let with = |f: &dyn Fn(&SearchIndex) -> Vec<u32>| {
        INDEX.with_borrow(|index| index.as_ref().map(f).unwrap_or_default())
    };
    let (shards, positions) = (
        with(&|i| i.missing_shards(&query)),
        with(&|i| i.missing_positions(&query)),
    );
    let (shard_files, position_files) = join(
        fetch_all::<Shard>(shards.iter().map(|&n| files::search_shard(n))),
        fetch_all::<Positions>(positions.iter().map(|&n| files::search_positions(n))),
    )
    .await;
    let found = INDEX.with_borrow_mut(|index| {
        let Some(index) = index.as_mut() else {
            return Ok(Default::default());
        };
        for (n, shard) in shards.into_iter().zip(shard_files) {
            index.add_shard(n, shard?);
        }
        for (n, p) in positions.into_iter().zip(position_files) {
            index.add_positions(n, p?);
        }
        Ok::<_, ApiError>(index.search(&query, category.as_deref(), limit))
    })?;
    let docs = with(&|i| i.missing_docs(&found.hits));
    let doc_files = fetch_all::<Vec<IndexedDoc>>(docs.iter().map(|&k| files::search_docs(k))).await;
    INDEX.with_borrow_mut(|index| {
        let Some(index) = index.as_mut() else {
            return Ok(KbFound {
                total: 0,
                partial: false,
                ids: Vec::new(),
            });
        };
        for (k, d) in docs.into_iter().zip(doc_files) {
            index.add_docs(k, d?);
        }
        Ok(KbFound {
            total: found.total,
            partial: found.partial,
            ids: found
                .hits
                .iter()
                .filter_map(|h| index.doc(h.doc).map(|d| d.id.clone()))
                .collect(),
        })
    })
}

/// Fetches the files in parallel, each answer in the order asked.
async fn fetch_all<T: serde::de::DeserializeOwned>(
    names: impl Iterator<Item = String>,
) -> Vec<Result<T, ApiError>> {
    let names: Vec<String> = names.collect();
    join_all(names.iter().map(|f| fetch_json::<T>(f))).await
}

/// What the patch catalogue needs of the open workspace: its deployed
/// `(product, version)` pairs and the downloads Coremail recorded. Behind
/// its own split point, so the catalogue's first download carries neither
/// the opening of sealed files nor the workspace's parser: they load only
/// when a workspace is open.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkspacePatches {
    pub deployments: Vec<(String, String)>,
    pub downloads: Vec<portal_core::model::PatchDownload>,
}

/// `None` when the key does not open a workspace (the workspace page says why).
#[cfg_attr(feature = "split", leptos::lazy)]
pub async fn workspace_patches(key: String) -> Option<WorkspacePatches> {
    let w = crate::components::load_workspace(&key).await.ok()?;
    Some(WorkspacePatches {
        deployments: w
            .deployments
            .into_iter()
            .map(|d| (d.product, d.version))
            .collect(),
        downloads: w.downloads,
    })
}

/// The patch downloads recorded on this device (`store::downloads`), or,
/// given one, records it first (`store::record_download`) and returns
/// nothing. Behind one split point of its own: the catalogue loads the
/// IndexedDB code on the first download or visit to the history, not with
/// the page.
#[cfg_attr(feature = "split", leptos::lazy)]
pub async fn device_downloads(
    record: Option<crate::store::LocalDownload>,
) -> Result<Vec<crate::store::LocalDownload>, crate::store::StoreError> {
    match record {
        Some(entry) => crate::store::record_download(entry)
            .await
            .map(|()| Vec::new()),
        None => crate::store::downloads().await,
    }
}

/// Each instant (seconds since the epoch) as the wall-clock time of the IANA
/// zone `zone`, by `chrono-tz` (the tz database, with its daylight saving
/// rules); `None` for a zone the database does not know.
///
/// Both levers of the design are used (measured in BENCHMARKS.md,
/// "Engineer booking"). A split point of its own: only a browser outside
/// Beijing time calls it, so it is never in a page's first download, nor in
/// the booking form's module. And a filtered database
/// (`CHRONO_TZ_TIMEZONE_FILTER` in `.cargo/config.toml`, 77 zone names):
/// the service worker precaches every module for offline use, so every
/// visitor fetches this one once in the background; the filter took it
/// from 52.9 to 25.2 KB brotli. For a zone the list leaves out it returns
/// `None`, and the page falls back to the browser's current offset.
#[cfg_attr(feature = "split", leptos::lazy)]
pub async fn zone_times(zone: String, instants: Vec<i64>) -> Option<Vec<chrono::NaiveDateTime>> {
    use chrono::TimeZone;
    let tz: chrono_tz::Tz = zone.parse().ok()?;
    instants
        .into_iter()
        .map(|s| tz.timestamp_opt(s, 0).single().map(|t| t.naive_local()))
        .collect()
}
