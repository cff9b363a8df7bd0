//! `portal index` and `portal search`. Publishing reads each article's
//! Markdown once, converts it to blocks (`crate::markdown`) and writes
//! what the app reads: each article's blocks as `kb/articles/<id>.json`,
//! and the knowledge-base search index in `kb/search/`, built from the
//! blocks' text.

use crate::markdown::to_blocks;
use portal_core::markdown::{plain_text, ArticleBlocks};
use portal_core::model::KbArticle;
use portal_core::search::{default_shards, index_kb, IndexMeta, Positions, SearchIndex, Shard};
use portal_core::{files, parse_json};
use serde_json::json;
use std::collections::HashSet;
use std::path::Path;

pub use portal_core::files::SEARCH_DIR;

fn read(api: &Path, file: &str) -> Result<String, String> {
    std::fs::read_to_string(api.join(file))
        .map_err(|e| format!("{}: {e}", api.join(file).display()))
}

fn articles(api: &Path) -> Result<Vec<KbArticle>, String> {
    parse_json(files::KB_ARTICLES, &read(api, files::KB_ARTICLES)?).map_err(|e| e.to_string())
}

/// The published files' names and JSON text, in a stable order: every
/// article's blocks, then the search index.
pub fn index_files(api: &Path, shards: Option<u32>) -> Result<Vec<(String, String)>, String> {
    let articles = articles(api)?;
    let shards = shards.unwrap_or_else(|| default_shards(articles.len()));
    let mut out = Vec::with_capacity(articles.len() + shards as usize + 1);
    let mut texts = Vec::with_capacity(articles.len());
    for a in &articles {
        let blocks = to_blocks(&read(api, &files::article_body(&a.id))?);
        texts.push(plain_text(&blocks));
        out.push((
            files::article_blocks(&a.id),
            to_json(&ArticleBlocks::new(blocks))?,
        ));
    }
    out.extend(index_kb(&articles, &texts, shards).files());
    Ok(out)
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_json::to_string(value).map_err(|e| e.to_string())
}

/// What `portal index` wrote.
pub struct Published {
    pub articles: usize,
    pub index_files: usize,
    pub index_bytes: u64,
    /// Block files of articles no longer listed, removed.
    pub removed: Vec<String>,
}

/// Writes every article's blocks into `api/kb/articles/` (removing the
/// block files of articles no longer listed) and the index into
/// `api/kb/search/`, replacing an older one.
pub fn write_index(api: &Path, shards: Option<u32>) -> Result<Published, String> {
    let files = index_files(api, shards)?;
    let dir = api.join(SEARCH_DIR);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut published = Published {
        articles: 0,
        index_files: 0,
        index_bytes: 0,
        removed: Vec::new(),
    };
    for (name, text) in &files {
        std::fs::write(api.join(name), text).map_err(|e| format!("{name}: {e}"))?;
        if name.starts_with(SEARCH_DIR) {
            published.index_files += 1;
            published.index_bytes += text.len() as u64;
        } else {
            published.articles += 1;
        }
    }
    let written: HashSet<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    let article_dir = api.join(files::KB_ARTICLE_DIR);
    let entries =
        std::fs::read_dir(&article_dir).map_err(|e| format!("{}: {e}", article_dir.display()))?;
    for entry in entries {
        let name = entry
            .map_err(|e| format!("{}: {e}", article_dir.display()))?
            .file_name()
            .to_string_lossy()
            .into_owned();
        let file = format!("{}/{name}", files::KB_ARTICLE_DIR);
        if name.ends_with(".json") && !written.contains(file.as_str()) {
            std::fs::remove_file(api.join(&file)).map_err(|e| format!("{file}: {e}"))?;
            published.removed.push(file);
        }
    }
    published.removed.sort();
    Ok(published)
}

/// Reads and parses one published file.
fn load<T: serde::de::DeserializeOwned>(api: &Path, file: &str) -> Result<T, String> {
    parse_json(file, &read(api, file)?).map_err(|e| e.to_string())
}

/// What the app shows for `query`, as JSON: `{"total", "partial", "hits":
/// [{"id", "title", "score"}, …]}`. Reads the published index the way the
/// browser fetches it: the document table, then only the shards (and
/// positions) the query needs, then the document files of the hits.
pub fn search(
    api: &Path,
    query: &str,
    category: Option<&str>,
    limit: usize,
) -> Result<String, String> {
    let meta: IndexMeta = load(api, files::SEARCH_META).map_err(|e| {
        format!(
            "{e} (build the index first: portal index {})",
            api.display()
        )
    })?;
    let mut index = SearchIndex::new(meta);
    for n in index.missing_shards(query) {
        index.add_shard(n, load::<Shard>(api, &files::search_shard(n))?);
    }
    for n in index.missing_positions(query) {
        index.add_positions(n, load::<Positions>(api, &files::search_positions(n))?);
    }
    let found = index.search(query, category, limit);
    for k in index.missing_docs(&found.hits) {
        index.add_docs(k, load(api, &files::search_docs(k))?);
    }
    let hits: Vec<serde_json::Value> = found
        .hits
        .iter()
        .map(|h| {
            let doc = index.doc(h.doc);
            json!({
                "id": doc.map(|d| &d.id),
                "title": doc.map(|d| &d.title),
                "score": h.score,
            })
        })
        .collect();
    let out = json!({ "total": found.total, "partial": found.partial, "hits": hits });
    serde_json::to_string_pretty(&out).map_err(|e| e.to_string())
}
