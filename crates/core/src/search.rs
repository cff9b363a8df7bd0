//! Full-text search for the knowledge base, built ahead of time by
//! `portal index` and queried in the browser and by `portal search`.
//!
//! Chinese has no spaces between words, so text is cut into overlapping
//! character bigrams (收信延迟 → 收信 信延 延迟), which match any two-character
//! word without a dictionary. Latin words and codes (`SMTP`, `535`, `POP3`,
//! `CNVD-2024-12345`) are kept whole. Everything is width-normalised
//! (全角 → 半角) and ASCII-lower-cased first, so `ＳＭＴＰ` finds `smtp`.
//!
//! Ranking is BM25 per field, title weighted three times the body, and a
//! boost when the query's tokens stand next to each other in the title in the
//! same order (a phrase). In the body, consecutive bigrams of a longer Chinese
//! word already stand for adjacency.
//!
//! The published index is split into shards by term, so that the first
//! result needs only the document table and the shards of the query's terms.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// Version of the published index format.
pub const INDEX_VERSION: u32 = 2;
/// How much a title occurrence outweighs a body occurrence.
const TITLE_WEIGHT: f64 = 3.0;
const K1: f64 = 1.2;
const B: f64 = 0.75;
/// Multiplier when the whole query occurs as a phrase in the title.
const PHRASE_BOOST_TITLE: f64 = 2.0;
/// How many of the best-scored documents are checked for a phrase.
const PHRASE_CANDIDATES: usize = 200;

/// Full-width ASCII to half-width, ideographic space to space, ASCII lower case.
pub fn normalise(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{3040}'..='\u{30FF}' | '\u{20000}'..='\u{2A6DF}')
}

/// The tokens of `text`, in order: ASCII alphanumeric runs whole, CJK runs as
/// overlapping bigrams (a lone CJK character as itself).
pub fn tokenize(text: &str) -> Vec<String> {
    let text = normalise(text);
    let mut tokens = Vec::new();
    let mut word = String::new();
    let mut han: Vec<char> = Vec::new();
    let flush_han = |han: &mut Vec<char>, tokens: &mut Vec<String>| {
        match han.len() {
            0 => {}
            1 => tokens.push(han[0].to_string()),
            _ => tokens.extend(han.windows(2).map(|w| w.iter().collect::<String>())),
        }
        han.clear();
    };
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            flush_han(&mut han, &mut tokens);
            word.push(c);
        } else {
            if !word.is_empty() {
                tokens.push(std::mem::take(&mut word));
            }
            if is_cjk(c) {
                han.push(c);
            } else {
                flush_han(&mut han, &mut tokens);
            }
        }
    }
    if !word.is_empty() {
        tokens.push(word);
    }
    flush_han(&mut han, &mut tokens);
    tokens
}

/// One document's row in the document table.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexedDoc {
    pub id: String,
    pub category: String,
    /// Token counts of title and body.
    pub title_len: u32,
    pub body_len: u32,
}

/// Where a term occurs in one document: its token positions in the title
/// (delta-encoded when published; titles are short and phrases matter
/// there) and how often it occurs in the body (positions there would make
/// the index several times larger). Written as `[doc, [title…], body_tf]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "PostingWire", into = "PostingWire")]
pub struct Posting {
    pub doc: u32,
    pub title: Vec<u32>,
    pub body_tf: u32,
}

/// The compact JSON form of a [`Posting`].
#[derive(Serialize, Deserialize)]
struct PostingWire(u32, Vec<u32>, u32);

impl From<PostingWire> for Posting {
    fn from(w: PostingWire) -> Posting {
        Posting {
            doc: w.0,
            title: w.1,
            body_tf: w.2,
        }
    }
}

impl From<Posting> for PostingWire {
    fn from(p: Posting) -> PostingWire {
        PostingWire(p.doc, p.title, p.body_tf)
    }
}

/// `kb/search/meta.json`: the document table and how terms are sharded.
/// Published column by column (`ids`, `category` as an index into
/// `categories`, `title_len`, `body_len`): a quarter of the bytes of one
/// object per document, and it compresses better.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "MetaWire", into = "MetaWire")]
pub struct IndexMeta {
    pub version: u32,
    pub shards: u32,
    pub docs: Vec<IndexedDoc>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct MetaWire {
    version: u32,
    shards: u32,
    ids: Vec<String>,
    categories: Vec<String>,
    category: Vec<u16>,
    title_len: Vec<u32>,
    body_len: Vec<u32>,
}

impl TryFrom<MetaWire> for IndexMeta {
    type Error = String;
    fn try_from(w: MetaWire) -> Result<IndexMeta, String> {
        let n = w.ids.len();
        if w.category.len() != n || w.title_len.len() != n || w.body_len.len() != n {
            return Err(format!("columns of different lengths (ids has {n})"));
        }
        let docs = (0..n)
            .map(|i| {
                let category = w
                    .categories
                    .get(usize::from(w.category[i]))
                    .cloned()
                    .ok_or_else(|| format!("category index {} out of range", w.category[i]))?;
                Ok(IndexedDoc {
                    id: w.ids[i].clone(),
                    category,
                    title_len: w.title_len[i],
                    body_len: w.body_len[i],
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(IndexMeta {
            version: w.version,
            shards: w.shards,
            docs,
        })
    }
}

impl From<IndexMeta> for MetaWire {
    fn from(m: IndexMeta) -> MetaWire {
        let mut categories: Vec<String> = Vec::new();
        let mut category = Vec::with_capacity(m.docs.len());
        for d in &m.docs {
            let i = match categories.iter().position(|c| *c == d.category) {
                Some(i) => i,
                None => {
                    categories.push(d.category.clone());
                    categories.len() - 1
                }
            };
            category.push(i as u16);
        }
        MetaWire {
            version: m.version,
            shards: m.shards,
            ids: m.docs.iter().map(|d| d.id.clone()).collect(),
            categories,
            category,
            title_len: m.docs.iter().map(|d| d.title_len).collect(),
            body_len: m.docs.iter().map(|d| d.body_len).collect(),
        }
    }
}

/// A shard count that keeps each shard small: about two documents per
/// shard, at least 16, at most 4096 (a query fetches one shard per term).
pub fn default_shards(docs: usize) -> u32 {
    ((docs / 2).max(1).next_power_of_two() as u32).clamp(16, 4096)
}

/// `kb/search/shard-<n>.json`: term → postings.
pub type Shard = BTreeMap<String, Vec<Posting>>;

/// The shard a term lives in (FNV-1a, stable across builds and platforms).
pub fn shard_of(term: &str, shards: u32) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in term.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h % shards.max(1)
}

/// A document to index.
pub struct Source<'a> {
    pub id: &'a str,
    pub category: &'a str,
    pub title: &'a str,
    /// The body as plain text: [`crate::markdown::plain_text`] of its
    /// blocks (markup and link targets gone, code kept: admins search for
    /// commands and error codes).
    pub body: &'a str,
}

/// Builds the published index: the document table and `shards` shards.
pub fn build_index<'a>(
    sources: impl IntoIterator<Item = Source<'a>>,
    shards: u32,
) -> (IndexMeta, Vec<Shard>) {
    let shards = shards.max(1);
    let mut docs = Vec::new();
    let mut terms: BTreeMap<String, Vec<Posting>> = BTreeMap::new();
    for (n, src) in sources.into_iter().enumerate() {
        let n = n as u32;
        let title = tokenize(src.title);
        let body = tokenize(src.body);
        let mut mine: BTreeMap<&str, Posting> = BTreeMap::new();
        let empty = || Posting {
            doc: n,
            title: vec![],
            body_tf: 0,
        };
        for (pos, t) in title.iter().enumerate() {
            mine.entry(t).or_insert_with(empty).title.push(pos as u32);
        }
        for t in &body {
            mine.entry(t).or_insert_with(empty).body_tf += 1;
        }
        for (t, p) in mine {
            terms.entry(t.to_owned()).or_default().push(p);
        }
        docs.push(IndexedDoc {
            id: src.id.to_owned(),
            category: src.category.to_owned(),
            title_len: title.len() as u32,
            body_len: body.len() as u32,
        });
    }
    let mut out: Vec<Shard> = vec![Shard::new(); shards as usize];
    for (term, postings) in terms {
        let s = shard_of(&term, shards) as usize;
        out[s].insert(term, postings.into_iter().map(delta_encode).collect());
    }
    (
        IndexMeta {
            version: INDEX_VERSION,
            shards,
            docs,
        },
        out,
    )
}

fn delta_encode(mut p: Posting) -> Posting {
    for i in (1..p.title.len()).rev() {
        p.title[i] -= p.title[i - 1];
    }
    p
}

fn delta_decode(mut p: Posting) -> Posting {
    for i in 1..p.title.len() {
        p.title[i] += p.title[i - 1];
    }
    p
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub id: String,
    pub score: f64,
}

/// A search index in memory, possibly with only some shards loaded (the
/// browser fetches the shards a query needs).
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    meta: Option<IndexMeta>,
    loaded: HashMap<u32, HashMap<String, Vec<Posting>>>,
    avg_title: f64,
    avg_body: f64,
}

impl SearchIndex {
    pub fn new(meta: IndexMeta) -> SearchIndex {
        let n = meta.docs.len().max(1) as f64;
        let avg_title = meta
            .docs
            .iter()
            .map(|d| f64::from(d.title_len))
            .sum::<f64>()
            / n;
        let avg_body = meta.docs.iter().map(|d| f64::from(d.body_len)).sum::<f64>() / n;
        SearchIndex {
            meta: Some(meta),
            loaded: HashMap::new(),
            avg_title: avg_title.max(1.0),
            avg_body: avg_body.max(1.0),
        }
    }

    pub fn meta(&self) -> Option<&IndexMeta> {
        self.meta.as_ref()
    }

    /// Adds a shard fetched from `kb/search/shard-<n>.json`.
    pub fn add_shard(&mut self, n: u32, shard: Shard) {
        let decoded = shard
            .into_iter()
            .map(|(t, ps)| (t, ps.into_iter().map(delta_decode).collect()))
            .collect();
        self.loaded.insert(n, decoded);
    }

    fn shards(&self) -> u32 {
        self.meta.as_ref().map_or(1, |m| m.shards)
    }

    /// The query's terms (a lone CJK character widened to the indexed bigrams
    /// that contain it, once its shard is known — see [`Self::missing_shards`]).
    fn query_terms(query: &str) -> Vec<String> {
        let mut terms = tokenize(query);
        terms.dedup();
        terms
    }

    /// Shards the query needs that are not loaded yet.
    pub fn missing_shards(&self, query: &str) -> Vec<u32> {
        let shards = self.shards();
        let mut need: Vec<u32> = Self::query_terms(query)
            .iter()
            .map(|t| shard_of(t, shards))
            .filter(|s| !self.loaded.contains_key(s))
            .collect();
        need.sort_unstable();
        need.dedup();
        need
    }

    /// The best `limit` documents for `query`, optionally in one category.
    /// Terms whose shard is not loaded count as absent.
    pub fn search(&self, query: &str, category: Option<&str>, limit: usize) -> Vec<Hit> {
        let Some(meta) = &self.meta else {
            return Vec::new();
        };
        let terms = Self::query_terms(query);
        if terms.is_empty() {
            return Vec::new();
        }
        let shards = self.shards();
        let n_docs = meta.docs.len() as f64;
        let mut scores: HashMap<u32, f64> = HashMap::new();
        let mut postings_by_term: Vec<Option<&Vec<Posting>>> = Vec::with_capacity(terms.len());
        for term in &terms {
            let postings = self
                .loaded
                .get(&shard_of(term, shards))
                .and_then(|s| s.get(term));
            postings_by_term.push(postings);
            let Some(postings) = postings else { continue };
            let df = postings.len() as f64;
            let idf = ((n_docs - df + 0.5) / (df + 0.5) + 1.0).ln();
            for p in postings {
                let Some(doc) = meta.docs.get(p.doc as usize) else {
                    continue;
                };
                if category.is_some_and(|c| c != doc.category) {
                    continue;
                }
                // BM25 per field, then weighted: a title occurrence counts
                // TITLE_WEIGHT times a saturated body score.
                let saturate = |tf: f64, norm: f64| tf * (K1 + 1.0) / (tf + K1 * norm);
                let norm_title = 1.0 - B + B * f64::from(doc.title_len) / self.avg_title;
                let norm_body = 1.0 - B + B * f64::from(doc.body_len) / self.avg_body;
                let tf = TITLE_WEIGHT * saturate(p.title.len() as f64, norm_title)
                    + saturate(f64::from(p.body_tf), norm_body);
                *scores.entry(p.doc).or_default() += idf * tf;
            }
        }
        let mut hits: Vec<(u32, f64)> = scores.into_iter().collect();
        let by_score = |a: &(u32, f64), b: &(u32, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        // Phrase boost: every query token in the title, consecutive and in
        // order. Checked for the best candidates only, through one map per
        // term, so a common term's thousands of postings cost one pass.
        if terms.len() > 1 && postings_by_term.iter().all(Option::is_some) {
            hits.sort_unstable_by(by_score);
            let maps: Vec<HashMap<u32, &Posting>> = postings_by_term
                .iter()
                .flatten()
                .map(|ps| ps.iter().map(|p| (p.doc, p)).collect())
                .collect();
            for (doc, score) in hits.iter_mut().take(PHRASE_CANDIDATES) {
                let in_title: Vec<&Vec<u32>> = maps
                    .iter()
                    .filter_map(|m| m.get(doc))
                    .map(|p| &p.title)
                    .collect();
                if in_title.len() == terms.len() && is_phrase(&in_title) {
                    *score *= PHRASE_BOOST_TITLE;
                }
            }
        }
        hits.sort_unstable_by(by_score);
        hits.into_iter()
            .take(limit)
            .filter_map(|(doc, score)| {
                meta.docs.get(doc as usize).map(|d| Hit {
                    id: d.id.clone(),
                    score: (score * 1000.0).round() / 1000.0,
                })
            })
            .collect()
    }
}

/// True when some position of the first list starts a run p, p+1, p+2, …
/// across the lists in order.
fn is_phrase(lists: &[&Vec<u32>]) -> bool {
    let Some((first, rest)) = lists.split_first() else {
        return false;
    };
    first.iter().any(|&p| {
        rest.iter()
            .enumerate()
            .all(|(i, list)| list.binary_search(&(p + i as u32 + 1)).is_ok())
    })
}

/// Splits `text` into runs, marking those that match a query token, for
/// highlighted titles and snippets. Matching is on normalised text.
pub fn highlight(text: &str, query: &str) -> Vec<(String, bool)> {
    let words: Vec<String> = {
        // Highlight whole query words (Chinese runs and Latin words), longest first.
        let norm = normalise(query);
        let mut w: Vec<String> = norm
            .split(|c: char| !(c.is_ascii_alphanumeric() || is_cjk(c)))
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect();
        w.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        w
    };
    let chars: Vec<char> = text.chars().collect();
    let norm: Vec<char> = normalise(text).chars().collect();
    let mut marked = vec![false; chars.len()];
    for w in &words {
        let w: Vec<char> = w.chars().collect();
        if w.is_empty() || w.len() > norm.len() {
            continue;
        }
        for start in 0..=norm.len() - w.len() {
            if norm[start..start + w.len()] == w[..] {
                marked[start..start + w.len()]
                    .iter_mut()
                    .for_each(|m| *m = true);
            }
        }
    }
    let mut out: Vec<(String, bool)> = Vec::new();
    for (c, m) in chars.into_iter().zip(marked) {
        match out.last_mut() {
            Some((s, last)) if *last == m => s.push(c),
            _ => out.push((c.to_string(), m)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_cut_into_bigrams_and_latin_kept_whole() {
        assert_eq!(tokenize("收信延迟"), ["收信", "信延", "延迟"]);
        assert_eq!(
            tokenize("SMTP 535 认证失败"),
            ["smtp", "535", "认证", "证失", "失败"]
        );
        assert_eq!(tokenize("CNVD-2024-12345"), ["cnvd", "2024", "12345"]);
        assert_eq!(tokenize("信"), ["信"]);
    }

    #[test]
    fn full_width_and_case_are_normalised() {
        assert_eq!(tokenize("ＳＭＴＰ　５３５"), ["smtp", "535"]);
        assert_eq!(tokenize("Pop3"), tokenize("POP3"));
    }

    #[test]
    fn highlight_marks_query_words_in_the_original_text() {
        let parts = highlight("SMTP 535 认证失败", "smtp 认证");
        let marked: Vec<&str> = parts
            .iter()
            .filter(|(_, m)| *m)
            .map(|(s, _)| s.as_str())
            .collect();
        assert_eq!(marked, ["SMTP", "认证"]);
    }

    #[test]
    fn shard_of_is_stable() {
        assert_eq!(shard_of("收信", 16), shard_of("收信", 16));
        assert!(shard_of("smtp", 16) < 16);
    }
}
