//! `portal index` and `portal search`: the knowledge-base search index,
//! built from the API directory and published beside it in `kb/search/`.

use portal_core::model::KbArticle;
use portal_core::search::{build_index, default_shards, IndexMeta, SearchIndex, Shard, Source};
use portal_core::{files, parse_json};
use serde_json::json;
use std::path::Path;

pub const SEARCH_DIR: &str = "kb/search";

fn read(api: &Path, file: &str) -> Result<String, String> {
    std::fs::read_to_string(api.join(file))
        .map_err(|e| format!("{}: {e}", api.join(file).display()))
}

fn articles(api: &Path) -> Result<Vec<KbArticle>, String> {
    parse_json(files::KB_ARTICLES, &read(api, files::KB_ARTICLES)?).map_err(|e| e.to_string())
}

/// The index files' names and JSON text, in a stable order.
pub fn index_files(api: &Path, shards: Option<u32>) -> Result<Vec<(String, String)>, String> {
    let articles = articles(api)?;
    let shards = shards.unwrap_or_else(|| default_shards(articles.len()));
    let mut bodies = Vec::with_capacity(articles.len());
    for a in &articles {
        bodies.push(read(api, &files::article_body(&a.id))?);
    }
    let sources = articles.iter().zip(&bodies).map(|(a, body)| Source {
        id: &a.id,
        category: &a.category,
        title: &a.title.zh,
        body,
    });
    let (meta, shards) = build_index(sources, shards);
    let mut out = vec![(format!("{SEARCH_DIR}/meta.json"), to_json(&meta)?)];
    for (n, shard) in shards.iter().enumerate() {
        out.push((format!("{SEARCH_DIR}/shard-{n}.json"), to_json(shard)?));
    }
    Ok(out)
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_json::to_string(value).map_err(|e| e.to_string())
}

/// Writes the index into `api/kb/search/`, replacing an older one.
pub fn write_index(api: &Path, shards: Option<u32>) -> Result<(usize, u64), String> {
    let files = index_files(api, shards)?;
    let dir = api.join(SEARCH_DIR);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut bytes = 0;
    for (name, text) in &files {
        std::fs::write(api.join(name), text).map_err(|e| format!("{name}: {e}"))?;
        bytes += text.len() as u64;
    }
    Ok((files.len(), bytes))
}

/// Loads the published index with every shard.
pub fn load_index(api: &Path) -> Result<SearchIndex, String> {
    let meta_file = format!("{SEARCH_DIR}/meta.json");
    let meta: IndexMeta = parse_json(
        &meta_file,
        &read(api, &meta_file).map_err(|e| {
            format!(
                "{e} (build the index first: portal index {})",
                api.display()
            )
        })?,
    )
    .map_err(|e| e.to_string())?;
    let shards = meta.shards;
    let mut index = SearchIndex::new(meta);
    for n in 0..shards {
        let file = format!("{SEARCH_DIR}/shard-{n}.json");
        let shard: Shard = parse_json(&file, &read(api, &file)?).map_err(|e| e.to_string())?;
        index.add_shard(n, shard);
    }
    Ok(index)
}

/// The top results as JSON: `[{"id", "title", "score"}, …]`.
pub fn search(
    api: &Path,
    query: &str,
    category: Option<&str>,
    limit: usize,
) -> Result<String, String> {
    let index = load_index(api)?;
    let articles = articles(api)?;
    let hits: Vec<serde_json::Value> = index
        .search(query, category, limit)
        .into_iter()
        .map(|h| {
            let title = articles
                .iter()
                .find(|a| a.id == h.id)
                .map(|a| a.title.zh.clone());
            json!({ "id": h.id, "title": title, "score": h.score })
        })
        .collect();
    serde_json::to_string_pretty(&hits).map_err(|e| e.to_string())
}
