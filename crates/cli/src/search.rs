//! `portal index` and `portal search`. Publishing reads each article's
//! Markdown once, converts it to blocks (`crate::markdown`) and writes
//! what the app reads: each article's blocks as `kb/articles/<id>.json`,
//! and the knowledge-base search index in `kb/search/`, built from the
//! blocks' text.

use crate::markdown::to_blocks;
use portal_core::markdown::{plain_text, ArticleBlocks};
use portal_core::model::KbArticle;
use portal_core::search::{build_index, default_shards, IndexMeta, SearchIndex, Shard, Source};
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
    let sources = articles.iter().zip(&texts).map(|(a, body)| Source {
        id: &a.id,
        category: &a.category,
        title: &a.title.zh,
        body,
    });
    let (meta, shards) = build_index(sources, shards);
    out.push((files::SEARCH_META.to_owned(), to_json(&meta)?));
    for (n, shard) in (0u32..).zip(&shards) {
        out.push((files::search_shard(n), to_json(shard)?));
    }
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

/// Loads the published index with every shard.
pub fn load_index(api: &Path) -> Result<SearchIndex, String> {
    let meta_file = files::SEARCH_META;
    let meta: IndexMeta = parse_json(
        meta_file,
        &read(api, meta_file).map_err(|e| {
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
        let file = files::search_shard(n);
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
