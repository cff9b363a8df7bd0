//! 离线文章: the rules of the offline library, the knowledge-base articles
//! kept on this device: the order it lists them in, search over them, and
//! the "newer version published" flag.
//!
//! The copies themselves live in the app's IndexedDB store; here they are
//! plain values, so the rules are tested without a browser.

use crate::model::KbArticle;
use crate::search::{build_index, SearchIndex, Source};

/// One article kept on the device, as the library sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DeviceCopy<'a> {
    pub id: &'a str,
    pub category: &'a str,
    /// The Chinese title: what the published search index holds too.
    pub title: &'a str,
    /// The text of the body as saved (its blocks' plain text).
    pub body: &'a str,
    /// When it was saved or last refreshed, in ms since the epoch.
    pub saved_at_ms: f64,
}

/// Positions in `copies`, in the order the library lists them.
///
/// With a blank query: every copy, most recently saved first, equal times
/// by id. With a query: only the copies that match it, best first, by the
/// same engine as the online search, indexed here from the copies; copies
/// that score the same keep the newest-first order. As online, a match
/// holds every word of the query; unlike online, copies holding only some
/// of them are not listed. A query with no searchable word (only
/// punctuation) matches nothing.
pub fn library_order(copies: &[DeviceCopy<'_>], query: &str) -> Vec<usize> {
    let newest = newest_first(copies, |c| (c.saved_at_ms, c.id));
    if query.trim().is_empty() {
        return newest;
    }
    // The library never filters by category: one group for all, so that
    // copies that score the same keep the newest-first order (the index
    // numbers articles by category, then in the order given).
    let sources = newest.iter().map(|&i| Source {
        id: copies[i].id,
        category: "",
        title: copies[i].title,
        body: copies[i].body,
    });
    let index = SearchIndex::complete(build_index(sources, 1));
    let found = index.search(query, None, copies.len());
    if found.partial {
        // No copy holds every word; the library lists only full matches.
        return Vec::new();
    }
    found
        .hits
        .iter()
        .map(|hit| newest[hit.doc as usize])
        .collect()
}

/// Positions in `items`, most recently saved first, equal times by id: the
/// library's order without a query. `key` gives an item's save time (ms)
/// and id. Apart from [`library_order`] so that a page can list its copies
/// without linking the search engine.
pub fn newest_first<T>(items: &[T], key: impl Fn(&T) -> (f64, &str)) -> Vec<usize> {
    let mut newest: Vec<usize> = (0..items.len()).collect();
    // Unstable (smaller in wasm) yet deterministic: ids are unique.
    newest.sort_unstable_by(|&a, &b| {
        let ((a_at, a_id), (b_at, b_id)) = (key(&items[a]), key(&items[b]));
        b_at.total_cmp(&a_at).then_with(|| a_id.cmp(b_id))
    });
    newest
}

/// 有新版本: the published index holds a later revision of the article than
/// the copy on this device. An article no longer published is not flagged
/// (there is nothing newer to fetch), nor is a copy of the same or a later
/// revision.
pub fn newer_revision_published(published: &[KbArticle], id: &str, saved_revision: u32) -> bool {
    published
        .iter()
        .find(|p| p.id == id)
        .is_some_and(|p| p.revision > saved_revision)
}
