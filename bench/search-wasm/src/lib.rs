//! The knowledge-base search engine of `portal-core`, exposed to JavaScript
//! for `scripts/bench-search.sh`: the same code the app runs, without the
//! app around it, so its download can be compared with other engines'. It
//! fetches nothing itself: the runner fetches the files it names, as the
//! app's `engines::search_kb` does.

use portal_core::search::{Hit, IndexMeta, IndexedDoc, Positions, SearchIndex, Shard};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub struct Engine(SearchIndex);

fn parse<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, JsValue> {
    serde_json::from_str(json).map_err(|e| JsValue::from_str(&e.to_string()))
}

/// What a search found: how many articles matched, whether only partly,
/// and the best ones by number in the index.
#[wasm_bindgen]
pub struct Found {
    pub total: usize,
    pub partial: bool,
    docs: Vec<u32>,
}

#[wasm_bindgen]
impl Found {
    /// The hits' article numbers, best first.
    pub fn docs(&self) -> Vec<u32> {
        self.docs.clone()
    }
}

#[wasm_bindgen]
impl Engine {
    /// From the text of `kb/search/meta.json`.
    #[wasm_bindgen(constructor)]
    pub fn new(meta: &str) -> Result<Engine, JsValue> {
        Ok(Engine(SearchIndex::new(parse::<IndexMeta>(meta)?)))
    }

    /// `shard-<n>.json` files the query needs that are not loaded.
    pub fn missing(&self, query: &str) -> Vec<u32> {
        self.0.missing_shards(query)
    }

    /// `pos-<n>.json` files the query needs that are not loaded.
    pub fn missing_positions(&self, query: &str) -> Vec<u32> {
        self.0.missing_positions(query)
    }

    /// Adds the text of `kb/search/shard-<n>.json`.
    pub fn add_shard(&mut self, n: u32, json: &str) -> Result<(), JsValue> {
        self.0.add_shard(n, parse::<Shard>(json)?);
        Ok(())
    }

    /// Adds the text of `kb/search/pos-<n>.json`.
    pub fn add_positions(&mut self, n: u32, json: &str) -> Result<(), JsValue> {
        self.0.add_positions(n, parse::<Positions>(json)?);
        Ok(())
    }

    /// The best `limit` articles and how many matched.
    pub fn search(&self, query: &str, limit: usize) -> Found {
        let found = self.0.search(query, None, limit);
        Found {
            total: found.total,
            partial: found.partial,
            docs: found.hits.iter().map(|h| h.doc).collect(),
        }
    }

    /// `docs-<k>.json` files these hits need that are not loaded.
    pub fn missing_docs(&self, docs: Vec<u32>) -> Vec<u32> {
        let hits: Vec<Hit> = docs
            .into_iter()
            .map(|doc| Hit { doc, score: 0.0 })
            .collect();
        self.0.missing_docs(&hits)
    }

    /// Adds the text of `kb/search/docs-<k>.json`.
    pub fn add_docs(&mut self, k: u32, json: &str) -> Result<(), JsValue> {
        self.0.add_docs(k, parse::<Vec<IndexedDoc>>(json)?);
        Ok(())
    }

    /// An article's id, once its `docs-<k>.json` is added.
    pub fn id(&self, doc: u32) -> Option<String> {
        self.0.doc(doc).map(|d| d.id.clone())
    }

    /// An article's title, once its `docs-<k>.json` is added.
    pub fn title(&self, doc: u32) -> Option<String> {
        self.0.doc(doc).map(|d| d.title.clone())
    }
}
