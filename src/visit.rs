//! What this visit keeps in memory for the ticket pages: the lookups made
//! (so a ticket opens even when IndexedDB is unavailable or full) and the
//! last storage problem met while remembering one (the next ticket page
//! explains it). The app shell provides both; nothing here outlives a reload.

use crate::store::{RecentLookup, StoreError};
use leptos::prelude::*;

/// Lookups made during this visit, in memory: the ticket page falls back to
/// them when IndexedDB is unavailable (private mode) or full.
#[derive(Clone, Copy)]
pub struct VisitLookups(pub RwSignal<Vec<RecentLookup>>);

impl VisitLookups {
    /// Adds (or refreshes) a lookup for the rest of this visit.
    pub fn remember(self, entry: RecentLookup) {
        self.0.update(|l| {
            l.retain(|r| r.key != entry.key);
            l.push(entry);
        });
    }
}

/// A storage problem met while remembering a lookup (`None`: the last one
/// was remembered), shown on the ticket page.
#[derive(Clone, Copy)]
pub struct StoreWarning(pub RwSignal<Option<StoreError>>);

impl StoreWarning {
    /// Records how the last attempt to remember a lookup ended.
    pub fn record(self, outcome: Result<(), StoreError>) {
        self.0.set(outcome.err());
    }
}

/// Puts this visit's memory in context (the app shell, once).
pub fn provide_visit() {
    provide_context(VisitLookups(RwSignal::new(Vec::new())));
    provide_context(StoreWarning(RwSignal::new(None)));
}

/// This visit's lookups (a fresh list outside the app shell).
pub fn use_visit_lookups() -> VisitLookups {
    use_context::<VisitLookups>().unwrap_or_else(|| VisitLookups(RwSignal::new(Vec::new())))
}

/// This visit's storage warning (a fresh one outside the app shell).
pub fn use_store_warning() -> StoreWarning {
    use_context::<StoreWarning>().unwrap_or_else(|| StoreWarning(RwSignal::new(None)))
}
