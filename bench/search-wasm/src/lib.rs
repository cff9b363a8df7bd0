//! The knowledge-base search engine of `portal-core`, exposed to JavaScript
//! for `scripts/bench-search.sh`: the same code the app runs, without the
//! app around it, so its download can be compared with other engines'.

use portal_core::search::{IndexMeta, SearchIndex, Shard};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub struct Engine(SearchIndex);

#[wasm_bindgen]
impl Engine {
    /// From the text of `kb/search/meta.json`.
    #[wasm_bindgen(constructor)]
    pub fn new(meta: &str) -> Result<Engine, JsValue> {
        let meta: IndexMeta =
            serde_json::from_str(meta).map_err(|e| JsValue::from_str(&e.to_string()))?;
        Ok(Engine(SearchIndex::new(meta)))
    }

    /// Shard numbers the query needs that are not loaded.
    pub fn missing(&self, query: &str) -> Vec<u32> {
        self.0.missing_shards(query)
    }

    /// Adds the text of `kb/search/shard-<n>.json`.
    pub fn add_shard(&mut self, n: u32, json: &str) -> Result<(), JsValue> {
        let shard: Shard =
            serde_json::from_str(json).map_err(|e| JsValue::from_str(&e.to_string()))?;
        self.0.add_shard(n, shard);
        Ok(())
    }

    /// The top ids, best first.
    pub fn search(&self, query: &str, limit: usize) -> Vec<String> {
        self.0
            .search(query, None, limit)
            .into_iter()
            .map(|h| h.id)
            .collect()
    }
}
