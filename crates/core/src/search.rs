//! Full-text search for the knowledge base, built ahead of time by
//! `portal index` and queried in the browser and by `portal search`.
//!
//! # What a query finds
//!
//! Text is normalised first (全角 → 半角, ASCII lower case, so `ＳＭＴＰ` is
//! `smtp`) and cut into *words*: a run of CJK characters is one word
//! (收信延迟), and so is a Latin word or code: letters and digits, with parts
//! joined by `.`, `-` or `_` (`smtp`, `535`, `5.7.1`, `cnvd-2024-12345`).
//! Spaces and other punctuation only separate.
//!
//! An article matches a query word when the word stands in its title or
//! body as typed:
//! - a CJK word as a contiguous run of its characters, in that order, never
//!   the characters apart, across punctuation or split between title and
//!   body; a single character also inside any word (`信` finds 收信 and 信任);
//! - a Latin word or code whole: `535` does not match `15535`, and `5.7.1`
//!   matches `550 5.7.1` but not `5 7 1`.
//!
//! A hit holds every word of the query. Only when no article does, and the
//! query has more than one word, the articles holding some of the words are
//! returned, marked [`Found::partial`] (best first: those with more of the
//! words). A query whose only word is absent finds nothing. [`Found::total`]
//! counts every match, not only the page returned.
//!
//! # How the index answers that exactly
//!
//! The index holds, for every CJK character, bigram and trigram of the
//! text, and every Latin word, code and sub-code of up to [`CODE_PARTS`]
//! parts (`550-5.7.1` is also `550-5.7`, `5.7.1`, `5.7`, …; a longer code
//! only whole), the articles it occurs in: its slots in the title (titles
//! are short; phrases matter there) and how often it occurs in the body. A
//! slot is one CJK character or one code part. A word of one to three CJK
//! characters, or a Latin word, is then a single term looked up as it is.
//!
//! A CJK word of four or more characters is its run of trigrams (收信延迟 →
//! 收信延, 信延迟), which must start at consecutive slots. That needs body
//! positions, published in `pos-<n>.json` beside each shard, for trigrams
//! only, and fetched only for such words: a two-character query never pays
//! for them. Trigrams rather than bigrams because they are rarer: at 10,000
//! generated articles, the bigrams of 垃圾邮件 occur 30,000 times in bodies
//! (邮件 is in 85% of the articles), its two trigrams 4,900 times.
//!
//! # Ranking
//!
//! BM25 per query word, per field, a title occurrence weighted
//! [`TITLE_WEIGHT`] times a body one; the word's own frequency and document
//! frequency (counted after the adjacency check, so 收信延迟's idf is that of
//! the word, not of its common bigrams). A multi-word query whose words
//! stand in the title one after another, in order, doubles the score. Field
//! lengths are quantised to one of 64 levels ([`quantise_length`]), so the
//! document table costs one character per article and field.
//!
//! # The published index (`kb/search/`, `docs/api.md`)
//!
//! Articles are numbered grouped by category (categories in order of first
//! appearance in `kb/articles.json`, articles in its order within each), so
//! a category is a range of numbers and the table needs no category column.
//! - `meta.json`: the version, the shard counts, the categories with their
//!   article counts, and the quantised lengths: all that ranking needs, and
//!   all that is fetched before the first query;
//! - `shard-<n>.json`: the postings of the terms with `shard_of(term) == n`;
//! - `pos-<n>.json`: the body positions of that shard's trigrams;
//! - `docs-<k>.json`: id and title of articles `k·doc_shard …`, fetched only
//!   for the hits shown.

use crate::model::KbArticle;
use crate::parse::files;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

/// Version of the published index format.
pub const INDEX_VERSION: u32 = 3;
/// How much a title occurrence outweighs a body occurrence.
pub const TITLE_WEIGHT: f64 = 3.0;
const K1: f64 = 1.2;
const B: f64 = 0.75;
/// Multiplier when the query's words stand in the title in order.
const PHRASE_BOOST_TITLE: f64 = 2.0;
/// Articles per `docs-<k>.json`.
pub const DOC_SHARD_SIZE: u32 = 32;
/// The longest sub-code indexed, in parts; longer codes are indexed whole.
pub const CODE_PARTS: usize = 4;
/// What joins the parts of a code (`5.7.1`, `cnvd-2024-12345`, `mail_log`).
const JOINERS: [char; 3] = ['.', '-', '_'];

/// Full-width ASCII to half-width, ideographic space to space, ASCII lower
/// case; one character for one character.
pub fn normalise(text: &str) -> String {
    text.chars().map(normalise_char).collect()
}

fn normalise_char(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
    .to_ascii_lowercase()
}

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{3040}'..='\u{30FF}' | '\u{20000}'..='\u{2A6DF}')
}

/// A word of normalised text: a CJK run, or a Latin code of one or more
/// parts.
enum Piece {
    Cjk(Vec<char>),
    Code {
        parts: Vec<String>,
        joiners: Vec<char>,
    },
}

impl Piece {
    /// Slots covered: one per CJK character or code part.
    fn len(&self) -> u32 {
        match self {
            Piece::Cjk(chars) => chars.len() as u32,
            Piece::Code { parts, .. } => parts.len() as u32,
        }
    }

    /// Parts `from .. from + span` of a code with their joiners.
    fn code(&self, from: usize, span: usize) -> String {
        let Piece::Code { parts, joiners } = self else {
            return String::new();
        };
        let mut s = parts[from].clone();
        for i in from + 1..from + span {
            s.push(joiners[i - 1]);
            s.push_str(&parts[i]);
        }
        s
    }

    fn text(&self) -> String {
        match self {
            Piece::Cjk(chars) => chars.iter().collect(),
            Piece::Code { parts, .. } => self.code(0, parts.len()),
        }
    }
}

/// The words of `text`, in order.
fn pieces(text: &str) -> Vec<Piece> {
    let chars: Vec<char> = text.chars().map(normalise_char).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if is_cjk(chars[i]) {
            let start = i;
            while i < chars.len() && is_cjk(chars[i]) {
                i += 1;
            }
            out.push(Piece::Cjk(chars[start..i].to_vec()));
        } else if chars[i].is_ascii_alphanumeric() {
            let (mut parts, mut joiners) = (Vec::new(), Vec::new());
            loop {
                let start = i;
                while i < chars.len() && chars[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                parts.push(chars[start..i].iter().collect());
                // A joiner continues the code only between two parts.
                match (chars.get(i), chars.get(i + 1)) {
                    (Some(j), Some(next))
                        if JOINERS.contains(j) && next.is_ascii_alphanumeric() =>
                    {
                        joiners.push(*j);
                        i += 1;
                    }
                    _ => break,
                }
            }
            out.push(Piece::Code { parts, joiners });
        } else {
            i += 1;
        }
    }
    out
}

/// The indexed terms of a field, each with the slot it starts at, and the
/// field's length in slots.
fn field_terms(text: &str) -> (Vec<(String, u32)>, u32) {
    let mut terms = Vec::new();
    let mut slot = 0u32;
    for piece in pieces(text) {
        match &piece {
            Piece::Cjk(chars) => {
                for n in 1..=3 {
                    for (i, w) in chars.windows(n).enumerate() {
                        terms.push((w.iter().collect(), slot + i as u32));
                    }
                }
            }
            Piece::Code { parts, .. } => {
                for span in 1..=parts.len().min(CODE_PARTS) {
                    for i in 0..=parts.len() - span {
                        terms.push((piece.code(i, span), slot + i as u32));
                    }
                }
                if parts.len() > CODE_PARTS {
                    terms.push((piece.text(), slot));
                }
            }
        }
        slot += piece.len();
    }
    (terms, slot)
}

/// The terms the index holds for `text`, in order of their slots' pieces
/// (CJK runs as characters, then bigrams, then trigrams).
pub fn index_terms(text: &str) -> Vec<String> {
    field_terms(text).0.into_iter().map(|(t, _)| t).collect()
}

/// One word of a query and how the index finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryWord {
    /// As normalised: `收信延迟`, `smtp`, `5.7.1`.
    pub text: String,
    /// Slots it covers.
    len: u32,
    /// The term that finds it; for a CJK word of four or more characters
    /// its trigrams, which must start at consecutive slots.
    terms: Vec<String>,
}

/// The words of a query, each once, in order of first appearance.
pub fn query_words(query: &str) -> Vec<QueryWord> {
    let mut words: Vec<QueryWord> = Vec::new();
    for piece in pieces(query) {
        let text = piece.text();
        if words.iter().any(|w| w.text == text) {
            continue;
        }
        let terms = match &piece {
            Piece::Cjk(chars) if chars.len() > 3 => {
                chars.windows(3).map(|w| w.iter().collect()).collect()
            }
            _ => vec![text.clone()],
        };
        words.push(QueryWord {
            text,
            len: piece.len(),
            terms,
        });
    }
    words
}

/// Where a term occurs in one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posting {
    /// The article's number in the index.
    pub doc: u32,
    /// The slots in the title where it starts, ascending.
    pub title: Vec<u32>,
    /// How often it occurs in the body.
    pub body_tf: u32,
}

/// A term's postings in article order, kept as published: one flat array
/// of numbers, checked to be well formed when parsed. Per posting:
/// `2·gap + t` (gap: articles skipped since the previous posting; `t`: 1
/// when the term is in the title), `body_tf`, and when `t` is 1 the number
/// of title slots followed by the slots, delta-encoded.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(try_from = "Vec<u32>", into = "Vec<u32>")]
pub struct Postings(Vec<u32>);

impl TryFrom<Vec<u32>> for Postings {
    type Error = String;
    fn try_from(flat: Vec<u32>) -> Result<Postings, String> {
        let postings = Postings(flat);
        postings.try_decode()?;
        Ok(postings)
    }
}

impl From<Postings> for Vec<u32> {
    fn from(p: Postings) -> Vec<u32> {
        p.0
    }
}

impl Postings {
    fn try_decode(&self) -> Result<Vec<Posting>, String> {
        let mut out = Vec::new();
        let mut numbers = self.0.iter().copied();
        let mut next_doc: u32 = 0;
        let short = || "a posting ends early".to_owned();
        while let Some(head) = numbers.next() {
            let doc = next_doc
                .checked_add(head >> 1)
                .ok_or("an article number out of range")?;
            let body_tf = numbers.next().ok_or_else(short)?;
            let mut title = Vec::new();
            if head & 1 == 1 {
                let n = numbers.next().ok_or_else(short)?;
                let mut slot = 0u32;
                for k in 0..n {
                    let delta = numbers.next().ok_or_else(short)?;
                    slot = if k == 0 {
                        delta
                    } else {
                        slot.saturating_add(delta)
                    };
                    title.push(slot);
                }
            }
            if body_tf == 0 && title.is_empty() {
                return Err(format!("article {doc}: a posting with no occurrence"));
            }
            out.push(Posting {
                doc,
                title,
                body_tf,
            });
            next_doc = doc.saturating_add(1);
        }
        Ok(out)
    }

    /// The postings (well formed: checked when parsed or built).
    pub fn decode(&self) -> Vec<Posting> {
        self.try_decode().unwrap_or_default()
    }
}

/// Builds a term's [`Postings`], article by article in ascending order.
#[derive(Default)]
struct PostingsBuilder {
    flat: Vec<u32>,
    next_doc: u32,
    /// Body slots, for trigrams: what `pos-<n>.json` publishes.
    body_slots: Vec<u32>,
}

impl PostingsBuilder {
    fn push(&mut self, doc: u32, title: &[u32], body: &[u32], keep_slots: bool) {
        let gap = doc - self.next_doc;
        self.flat.push(gap * 2 + u32::from(!title.is_empty()));
        self.flat.push(body.len() as u32);
        if !title.is_empty() {
            self.flat.push(title.len() as u32);
            self.flat.extend(deltas(title));
        }
        if keep_slots {
            self.body_slots.extend(deltas(body));
        }
        self.next_doc = doc + 1;
    }
}

/// Ascending slots as the first, then the differences.
fn deltas(slots: &[u32]) -> impl Iterator<Item = u32> + '_ {
    slots
        .iter()
        .enumerate()
        .map(|(i, &s)| if i == 0 { s } else { s - slots[i - 1] })
}

/// `kb/search/shard-<n>.json`: term → postings.
pub type Shard = BTreeMap<String, Postings>;

/// `kb/search/pos-<n>.json`: trigram → the body slots of each of its
/// postings that has any (as many as its `body_tf`), delta-encoded per
/// posting, in posting order.
pub type Positions = BTreeMap<String, Vec<u32>>;

/// One article as the hits show it: `kb/search/docs-<k>.json` holds
/// `[id, title]` pairs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "(String, String)", into = "(String, String)")]
pub struct IndexedDoc {
    pub id: String,
    /// The Chinese title, as indexed.
    pub title: String,
}

impl From<(String, String)> for IndexedDoc {
    fn from((id, title): (String, String)) -> IndexedDoc {
        IndexedDoc { id, title }
    }
}

impl From<IndexedDoc> for (String, String) {
    fn from(d: IndexedDoc) -> (String, String) {
        (d.id, d.title)
    }
}

/// Lower bounds of the 64 length levels: exact up to 15 slots, then 20%
/// apart (integer arithmetic, so every platform quantises alike).
const LENGTH_LEVELS: [u32; 64] = {
    let mut levels = [0u32; 64];
    let mut q = 1;
    while q < 64 {
        levels[q] = if q < 16 {
            q as u32
        } else {
            levels[q - 1] * 6 / 5
        };
        q += 1;
    }
    levels
};
/// One character per level in `meta.json` (URL-safe base64's alphabet).
const LEVEL_CHARS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The level of a field length in slots (0 to 63; 85,850 slots and more
/// are level 63).
pub fn quantise_length(len: u32) -> u8 {
    (LENGTH_LEVELS.partition_point(|&b| b <= len) - 1) as u8
}

/// The length ranking uses for a level: its lower bound.
pub fn level_length(level: u8) -> u32 {
    LENGTH_LEVELS[usize::from(level.min(63))]
}

/// `kb/search/meta.json`: everything ranking needs, fetched once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "MetaWire", into = "MetaWire")]
pub struct IndexMeta {
    /// Term shards: `shard-<n>.json` and `pos-<n>.json` for `n < shards`.
    pub shards: u32,
    /// Articles per `docs-<k>.json`.
    pub doc_shard: u32,
    /// Categories in article-number order with their article counts.
    pub categories: Vec<(String, u32)>,
    /// Each article's quantised title and body length ([`quantise_length`]).
    pub title_len: Vec<u8>,
    pub body_len: Vec<u8>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct MetaWire {
    version: u32,
    shards: u32,
    doc_shard: u32,
    categories: Vec<(String, u32)>,
    title_len: String,
    body_len: String,
}

impl TryFrom<MetaWire> for IndexMeta {
    type Error = String;
    fn try_from(w: MetaWire) -> Result<IndexMeta, String> {
        if w.version != INDEX_VERSION {
            return Err(format!(
                "index version {}, this build reads version {INDEX_VERSION} (run `portal index`)",
                w.version
            ));
        }
        if w.shards == 0 || w.doc_shard == 0 {
            return Err("shards and doc_shard must be at least 1".into());
        }
        let levels = |s: &str| -> Result<Vec<u8>, String> {
            s.bytes()
                .map(|b| {
                    LEVEL_CHARS
                        .iter()
                        .position(|&c| c == b)
                        .map(|q| q as u8)
                        .ok_or_else(|| format!("`{}` is not a length level", b as char))
                })
                .collect()
        };
        let (title_len, body_len) = (levels(&w.title_len)?, levels(&w.body_len)?);
        let docs: u64 = w.categories.iter().map(|(_, n)| u64::from(*n)).sum();
        if title_len.len() as u64 != docs || body_len.len() as u64 != docs {
            return Err(format!(
                "the categories count {docs} articles, the lengths {} and {}",
                title_len.len(),
                body_len.len()
            ));
        }
        Ok(IndexMeta {
            shards: w.shards,
            doc_shard: w.doc_shard,
            categories: w.categories,
            title_len,
            body_len,
        })
    }
}

impl From<IndexMeta> for MetaWire {
    fn from(m: IndexMeta) -> MetaWire {
        let chars = |levels: &[u8]| {
            levels
                .iter()
                .map(|&q| char::from(LEVEL_CHARS[usize::from(q.min(63))]))
                .collect()
        };
        MetaWire {
            version: INDEX_VERSION,
            shards: m.shards,
            doc_shard: m.doc_shard,
            title_len: chars(&m.title_len),
            body_len: chars(&m.body_len),
            categories: m.categories,
        }
    }
}

impl IndexMeta {
    /// How many articles the index holds.
    pub fn docs(&self) -> u32 {
        self.title_len.len() as u32
    }

    /// How many `docs-<k>.json` files there are.
    pub fn doc_shards(&self) -> u32 {
        self.docs().div_ceil(self.doc_shard)
    }

    /// The article numbers of a category; `None` for one the index has no
    /// article of.
    pub fn category_range(&self, id: &str) -> Option<Range<u32>> {
        let mut start = 0;
        for (c, n) in &self.categories {
            if c == id {
                return Some(start..start + n);
            }
            start += n;
        }
        None
    }
}

/// A shard count that keeps each shard small: about two articles per
/// shard, at least 16, at most 4096 (a query fetches one shard per term).
pub fn default_shards(docs: usize) -> u32 {
    ((docs / 2).max(1).next_power_of_two() as u32).clamp(16, 4096)
}

/// The shard a term lives in (FNV-1a of its UTF-8, stable across builds
/// and platforms).
pub fn shard_of(term: &str, shards: u32) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in term.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h % shards.max(1)
}

/// An article to index.
pub struct Source<'a> {
    pub id: &'a str,
    pub category: &'a str,
    pub title: &'a str,
    /// The body as plain text: [`crate::markdown::plain_text`] of its
    /// blocks (markup and link targets gone, code kept: admins search for
    /// commands and error codes).
    pub body: &'a str,
}

/// Every file of a published index, as values.
#[derive(Debug, Clone, PartialEq)]
pub struct PublishedIndex {
    pub meta: IndexMeta,
    /// `shard-<n>.json` for each `n`.
    pub shards: Vec<Shard>,
    /// `pos-<n>.json` for each `n`.
    pub positions: Vec<Positions>,
    /// `docs-<k>.json` for each `k`.
    pub docs: Vec<Vec<IndexedDoc>>,
}

/// Builds the published index with `shards` term shards.
pub fn build_index<'a>(
    sources: impl IntoIterator<Item = Source<'a>>,
    shards: u32,
) -> PublishedIndex {
    let shards = shards.max(1);
    let mut sources: Vec<Source<'a>> = sources.into_iter().collect();
    // Number the articles grouped by category, in order of first appearance.
    let mut categories: Vec<(String, u32)> = Vec::new();
    for s in &sources {
        match categories.iter_mut().find(|(c, _)| c == s.category) {
            Some((_, n)) => *n += 1,
            None => categories.push((s.category.to_owned(), 1)),
        }
    }
    let rank = |c: &str| categories.iter().position(|(id, _)| id == c);
    sources.sort_by_key(|s| rank(s.category));
    let mut terms: HashMap<String, PostingsBuilder> = HashMap::new();
    let (mut title_len, mut body_len) = (Vec::new(), Vec::new());
    let mut docs = Vec::new();
    for (n, src) in sources.iter().enumerate() {
        let (title, t_len) = field_terms(src.title);
        let (body, b_len) = field_terms(src.body);
        let mut mine: BTreeMap<&str, (Vec<u32>, Vec<u32>)> = BTreeMap::new();
        for (t, slot) in &title {
            mine.entry(t).or_default().0.push(*slot);
        }
        for (t, slot) in &body {
            mine.entry(t).or_default().1.push(*slot);
        }
        for (t, (in_title, in_body)) in mine {
            let trigram = t.chars().count() == 3 && t.chars().all(is_cjk);
            let builder = terms.entry(t.to_owned()).or_default();
            builder.push(n as u32, &in_title, &in_body, trigram);
        }
        title_len.push(quantise_length(t_len));
        body_len.push(quantise_length(b_len));
        docs.push(IndexedDoc {
            id: src.id.to_owned(),
            title: src.title.to_owned(),
        });
    }
    let mut out_shards = vec![Shard::new(); shards as usize];
    let mut out_positions = vec![Positions::new(); shards as usize];
    for (term, built) in terms {
        let s = shard_of(&term, shards) as usize;
        if !built.body_slots.is_empty() {
            out_positions[s].insert(term.clone(), built.body_slots);
        }
        out_shards[s].insert(term, Postings(built.flat));
    }
    let docs = docs
        .chunks(DOC_SHARD_SIZE as usize)
        .map(<[IndexedDoc]>::to_vec)
        .collect();
    PublishedIndex {
        meta: IndexMeta {
            shards,
            doc_shard: DOC_SHARD_SIZE,
            categories,
            title_len,
            body_len,
        },
        shards: out_shards,
        positions: out_positions,
        docs,
    }
}

/// The knowledge base's index as `portal index` publishes it: each
/// article's Chinese title and `bodies[i]`, the plain text of article
/// `i`'s published blocks ([`crate::markdown::plain_text`]).
pub fn index_kb(articles: &[KbArticle], bodies: &[String], shards: u32) -> PublishedIndex {
    build_index(
        articles.iter().zip(bodies).map(|(a, body)| Source {
            id: &a.id,
            category: &a.category,
            title: &a.title.zh,
            body,
        }),
        shards,
    )
}

impl PublishedIndex {
    /// Every file, named as published under `kb/search/`, with its JSON
    /// text: `meta.json`, then each `shard-<n>.json` with its
    /// `pos-<n>.json`, then each `docs-<k>.json`.
    pub fn files(&self) -> Vec<(String, String)> {
        // These types always serialise: string keys, numbers, strings.
        fn json<T: Serialize>(value: &T) -> String {
            serde_json::to_string(value).unwrap_or_default()
        }
        let mut out = vec![(files::SEARCH_META.to_owned(), json(&self.meta))];
        for (n, (shard, positions)) in (0u32..).zip(self.shards.iter().zip(&self.positions)) {
            out.push((files::search_shard(n), json(shard)));
            out.push((files::search_positions(n), json(positions)));
        }
        for (k, docs) in (0u32..).zip(&self.docs) {
            out.push((files::search_docs(k), json(docs)));
        }
        out
    }
}

/// One search result: an article by its number in the index (its id and
/// title come from [`SearchIndex::doc`] once its `docs-<k>.json` is
/// loaded).
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub doc: u32,
    pub score: f64,
}

/// What a search found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Found {
    /// How many articles matched: all of them, not only [`Self::hits`].
    pub total: usize,
    /// No article holds every word of the query; these hold some of them.
    pub partial: bool,
    /// The best ones, best first, as many as asked for.
    pub hits: Vec<Hit>,
}

/// Where a query word stands in one article.
struct WordMatch {
    doc: u32,
    title_tf: u32,
    body_tf: u32,
    /// Title slots where the word starts.
    title: Vec<u32>,
}

/// A search index in memory, possibly with only some files loaded (the
/// browser fetches what a query needs: [`Self::missing_shards`],
/// [`Self::missing_positions`], then [`Self::missing_docs`] for the hits).
#[derive(Debug, Clone)]
pub struct SearchIndex {
    meta: IndexMeta,
    avg_title: f64,
    avg_body: f64,
    terms: HashMap<String, Vec<Posting>>,
    body_slots: HashMap<String, Vec<u32>>,
    shards: HashSet<u32>,
    positions: HashSet<u32>,
    docs: HashMap<u32, IndexedDoc>,
    doc_shards: HashSet<u32>,
}

impl SearchIndex {
    pub fn new(meta: IndexMeta) -> SearchIndex {
        let avg = |levels: &[u8]| {
            let sum: f64 = levels.iter().map(|&q| f64::from(level_length(q))).sum();
            (sum / levels.len().max(1) as f64).max(1.0)
        };
        SearchIndex {
            avg_title: avg(&meta.title_len),
            avg_body: avg(&meta.body_len),
            meta,
            terms: HashMap::new(),
            body_slots: HashMap::new(),
            shards: HashSet::new(),
            positions: HashSet::new(),
            docs: HashMap::new(),
            doc_shards: HashSet::new(),
        }
    }

    /// Everything of a published index loaded (the offline library, tests).
    pub fn complete(index: PublishedIndex) -> SearchIndex {
        let mut out = SearchIndex::new(index.meta);
        for (n, shard) in (0u32..).zip(index.shards) {
            out.add_shard(n, shard);
        }
        for (n, positions) in (0u32..).zip(index.positions) {
            out.add_positions(n, positions);
        }
        for (k, docs) in (0u32..).zip(index.docs) {
            out.add_docs(k, docs);
        }
        out
    }

    pub fn meta(&self) -> &IndexMeta {
        &self.meta
    }

    /// Adds `shard-<n>.json`.
    pub fn add_shard(&mut self, n: u32, shard: Shard) {
        for (term, postings) in shard {
            self.terms.insert(term, postings.decode());
        }
        self.shards.insert(n);
    }

    /// Adds `pos-<n>.json`.
    pub fn add_positions(&mut self, n: u32, positions: Positions) {
        self.body_slots.extend(positions);
        self.positions.insert(n);
    }

    /// Adds `docs-<k>.json`.
    pub fn add_docs(&mut self, k: u32, docs: Vec<IndexedDoc>) {
        let first = k * self.meta.doc_shard;
        for (i, d) in (0u32..).zip(docs) {
            self.docs.insert(first + i, d);
        }
        self.doc_shards.insert(k);
    }

    /// The term shards `query` needs that are not loaded yet.
    pub fn missing_shards(&self, query: &str) -> Vec<u32> {
        self.missing(query, false, &self.shards)
    }

    /// The position files `query` needs that are not loaded yet: those of
    /// the trigrams of its CJK words of four or more characters.
    pub fn missing_positions(&self, query: &str) -> Vec<u32> {
        self.missing(query, true, &self.positions)
    }

    fn missing(&self, query: &str, chains_only: bool, loaded: &HashSet<u32>) -> Vec<u32> {
        let mut need: Vec<u32> = query_words(query)
            .iter()
            .filter(|w| !chains_only || w.terms.len() > 1)
            .flat_map(|w| &w.terms)
            .map(|t| shard_of(t, self.meta.shards))
            .filter(|s| !loaded.contains(s))
            .collect();
        need.sort_unstable();
        need.dedup();
        need
    }

    /// The `docs-<k>.json` files the hits need that are not loaded yet.
    pub fn missing_docs(&self, hits: &[Hit]) -> Vec<u32> {
        let mut need: Vec<u32> = hits
            .iter()
            .map(|h| h.doc / self.meta.doc_shard)
            .filter(|k| !self.doc_shards.contains(k))
            .collect();
        need.sort_unstable();
        need.dedup();
        need
    }

    /// An article's id and title, once its `docs-<k>.json` is loaded.
    pub fn doc(&self, doc: u32) -> Option<&IndexedDoc> {
        self.docs.get(&doc)
    }

    /// The best `limit` articles for `query`, optionally in one category,
    /// and how many matched. Files not loaded count as holding nothing.
    pub fn search(&self, query: &str, category: Option<&str>, limit: usize) -> Found {
        // A mask of up to 64 words; a query of more is cut there.
        let words: Vec<QueryWord> = query_words(query).into_iter().take(64).collect();
        if words.is_empty() {
            return Found::default();
        }
        let range = match category {
            None => 0..self.meta.docs(),
            Some(c) => match self.meta.category_range(c) {
                Some(r) => r,
                None => return Found::default(),
            },
        };
        let matches: Vec<Vec<WordMatch>> = words.iter().map(|w| self.word_matches(w)).collect();
        let n_docs = f64::from(self.meta.docs());
        let saturate = |tf: u32, norm: f64| {
            let tf = f64::from(tf);
            tf * (K1 + 1.0) / (tf + K1 * norm)
        };
        // Per article: which words it holds (a bit each), in the title too, and its score.
        let mut found: HashMap<u32, (u64, u64, f64)> = HashMap::new();
        for (i, word) in matches.iter().enumerate() {
            // idf over the whole index, so a category does not change the order.
            let df = word.len() as f64;
            let idf = ((n_docs - df + 0.5) / (df + 0.5) + 1.0).ln();
            for m in word.iter().filter(|m| range.contains(&m.doc)) {
                let d = m.doc as usize;
                let norm =
                    |len: &[u8], avg: f64| 1.0 - B + B * f64::from(level_length(len[d])) / avg;
                let tf = TITLE_WEIGHT
                    * saturate(m.title_tf, norm(&self.meta.title_len, self.avg_title))
                    + saturate(m.body_tf, norm(&self.meta.body_len, self.avg_body));
                let entry = found.entry(m.doc).or_default();
                entry.0 |= 1 << i;
                if m.title_tf > 0 {
                    entry.1 |= 1 << i;
                }
                entry.2 += idf * tf;
            }
        }
        let all: u64 = if words.len() == 64 {
            u64::MAX
        } else {
            (1 << words.len()) - 1
        };
        let full: Vec<(u32, u32, f64)> = found
            .iter()
            .filter(|(_, (held, _, _))| *held == all)
            .map(|(&doc, &(_, in_title, score))| {
                let boost = words.len() > 1
                    && in_title == all
                    && self.is_title_phrase(doc, &words, &matches);
                (
                    doc,
                    0,
                    if boost {
                        score * PHRASE_BOOST_TITLE
                    } else {
                        score
                    },
                )
            })
            .collect();
        let (partial, mut ranked) = if !full.is_empty() {
            (false, full)
        } else if words.len() > 1 {
            let some = found
                .iter()
                .map(|(&doc, &(held, _, score))| (doc, held.count_ones(), score))
                .collect();
            (true, some)
        } else {
            (false, Vec::new())
        };
        // More of the words first (partial matches), then score, then number.
        let order = |a: &(u32, u32, f64), b: &(u32, u32, f64)| {
            b.1.cmp(&a.1).then(b.2.total_cmp(&a.2)).then(a.0.cmp(&b.0))
        };
        let total = ranked.len();
        if limit < ranked.len() {
            ranked.select_nth_unstable_by(limit, order);
            ranked.truncate(limit);
        }
        ranked.sort_unstable_by(order);
        Found {
            total,
            partial,
            hits: ranked
                .into_iter()
                .map(|(doc, _, score)| Hit {
                    doc,
                    score: (score * 1000.0).round() / 1000.0,
                })
                .collect(),
        }
    }

    /// The articles a word stands in, by number, with its frequency per
    /// field and where it starts in the title.
    fn word_matches(&self, word: &QueryWord) -> Vec<WordMatch> {
        let lists: Option<Vec<&Vec<Posting>>> =
            word.terms.iter().map(|t| self.terms.get(t)).collect();
        let Some(lists) = lists else {
            return Vec::new();
        };
        if let [postings] = lists[..] {
            return postings
                .iter()
                .map(|p| WordMatch {
                    doc: p.doc,
                    title_tf: p.title.len() as u32,
                    body_tf: p.body_tf,
                    title: p.title.clone(),
                })
                .collect();
        }
        // A chain of trigrams: articles holding all of them, then where they
        // start at consecutive slots.
        let slots: Vec<Option<HashMap<u32, &[u32]>>> = word
            .terms
            .iter()
            .zip(&lists)
            .map(|(t, postings)| self.body_slots_by_doc(t, postings))
            .collect();
        let (shortest, _) = lists
            .iter()
            .enumerate()
            .min_by_key(|(_, l)| l.len())
            .unwrap_or((0, &lists[0]));
        let mut out = Vec::new();
        for p in lists[shortest] {
            let at: Option<Vec<&Posting>> = lists
                .iter()
                .map(|l| {
                    l.binary_search_by_key(&p.doc, |q| q.doc)
                        .ok()
                        .map(|i| &l[i])
                })
                .collect();
            let Some(at) = at else { continue };
            let title_lists: Vec<&[u32]> = at.iter().map(|q| q.title.as_slice()).collect();
            let title = chain_starts(&title_lists);
            let body_lists: Option<Vec<&[u32]>> = slots
                .iter()
                .map(|s| s.as_ref().and_then(|s| s.get(&p.doc).copied()))
                .collect();
            let body_tf = body_lists.map_or(0, |l| chain_starts(&l).len() as u32);
            if !title.is_empty() || body_tf > 0 {
                out.push(WordMatch {
                    doc: p.doc,
                    title_tf: title.len() as u32,
                    body_tf,
                    title,
                });
            }
        }
        out
    }

    /// A trigram's body slots per article, from its loaded `pos-<n>.json`;
    /// `None` when not loaded or not matching its postings (then only
    /// titles can show the word: a hit is never guessed).
    fn body_slots_by_doc<'s>(
        &'s self,
        term: &str,
        postings: &[Posting],
    ) -> Option<HashMap<u32, &'s [u32]>> {
        let flat = self.body_slots.get(term)?;
        let mut out = HashMap::new();
        let mut at = 0usize;
        for p in postings.iter().filter(|p| p.body_tf > 0) {
            let end = at + p.body_tf as usize;
            out.insert(p.doc, flat.get(at..end)?);
            at = end;
        }
        (at == flat.len()).then_some(out)
    }

    /// True when the words stand in the article's title one after another,
    /// in the query's order.
    fn is_title_phrase(&self, doc: u32, words: &[QueryWord], matches: &[Vec<WordMatch>]) -> bool {
        let starts: Option<Vec<&[u32]>> = matches
            .iter()
            .map(|m| {
                m.binary_search_by_key(&doc, |w| w.doc)
                    .ok()
                    .map(|i| m[i].title.as_slice())
            })
            .collect();
        let Some(starts) = starts else {
            return false;
        };
        starts[0].iter().any(|&first| {
            let mut at = first;
            words
                .iter()
                .zip(&starts)
                .skip(1)
                .enumerate()
                .all(|(i, (_, s))| {
                    at += words[i].len;
                    s.binary_search(&at).is_ok()
                })
        })
    }
}

/// Slots `p` of the first list such that list `i` holds `p + i`, for
/// delta-encoded lists (first absolute, then differences).
fn chain_starts(lists: &[&[u32]]) -> Vec<u32> {
    let absolute = |l: &[u32]| -> Vec<u32> {
        l.iter()
            .scan(0u32, |acc, &d| {
                *acc = acc.saturating_add(d);
                Some(*acc)
            })
            .collect()
    };
    chain_starts_absolute(&lists.iter().map(|l| absolute(l)).collect::<Vec<_>>())
}

fn chain_starts_absolute(lists: &[Vec<u32>]) -> Vec<u32> {
    let Some((first, rest)) = lists.split_first() else {
        return Vec::new();
    };
    first
        .iter()
        .copied()
        .filter(|&p| {
            rest.iter()
                .enumerate()
                .all(|(i, l)| l.binary_search(&(p + i as u32 + 1)).is_ok())
        })
        .collect()
}

/// Splits `text` into runs, marking where a word of the query stands, for
/// highlighted titles and snippets: CJK words wherever they occur, Latin
/// words and codes only whole. Matching is on normalised text.
///
/// The knowledge-base page calls this on every hit without the engine, so
/// it cuts the query into words with a small loop of its own rather than
/// the engine's [`query_words`] (same words: CJK runs, and ASCII letters
/// and digits joined by `.`, `-` or `_`).
pub fn highlight(text: &str, query: &str) -> Vec<(String, bool)> {
    let q: Vec<char> = query.chars().map(normalise_char).collect();
    let latin = |c: Option<&char>| c.is_some_and(char::is_ascii_alphanumeric);
    let mut words: Vec<(&[char], bool)> = Vec::new();
    let mut i = 0;
    while i < q.len() {
        let (start, cjk) = (i, is_cjk(q[i]));
        if !cjk && !q[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        i += 1;
        while i < q.len()
            && if cjk {
                is_cjk(q[i])
            } else {
                latin(q.get(i)) || JOINERS.contains(&q[i]) && latin(q.get(i + 1))
            }
        {
            i += 1;
        }
        words.push((&q[start..i], cjk));
    }
    words.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    let chars: Vec<char> = text.chars().collect();
    let norm: Vec<char> = chars.iter().map(|&c| normalise_char(c)).collect();
    let mut marked = vec![false; chars.len()];
    for (w, cjk) in words {
        for start in 0..(norm.len() + 1).saturating_sub(w.len()) {
            let end = start + w.len();
            let whole = cjk || !(start > 0 && latin(norm.get(start - 1)) || latin(norm.get(end)));
            if norm[start..end] == *w && whole {
                marked[start..end].iter_mut().for_each(|m| *m = true);
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
    fn chinese_is_indexed_as_characters_bigrams_and_trigrams() {
        assert_eq!(
            index_terms("收信延迟"),
            [
                "收",
                "信",
                "延",
                "迟",
                "收信",
                "信延",
                "延迟",
                "收信延",
                "信延迟"
            ]
        );
        assert_eq!(index_terms("信"), ["信"]);
    }

    #[test]
    fn codes_are_indexed_whole_with_their_parts_and_sub_codes() {
        assert_eq!(
            index_terms("SMTP 535 认证"),
            ["smtp", "535", "认", "证", "认证"]
        );
        assert_eq!(
            index_terms("CNVD-2024-12345"),
            [
                "cnvd",
                "2024",
                "12345",
                "cnvd-2024",
                "2024-12345",
                "cnvd-2024-12345"
            ]
        );
        // A trailing dot ends a sentence, not a code.
        assert_eq!(index_terms("v5.0."), ["v5", "0", "v5.0"]);
    }

    #[test]
    fn full_width_and_case_are_normalised() {
        assert_eq!(index_terms("ＳＭＴＰ　５３５"), ["smtp", "535"]);
        assert_eq!(index_terms("Pop3"), index_terms("POP3"));
    }

    #[test]
    fn query_words_are_cjk_runs_and_latin_codes_each_once() {
        let words: Vec<String> = query_words("收信 SMTP，5.7.1 收信 延迟")
            .into_iter()
            .map(|w| w.text)
            .collect();
        assert_eq!(words, ["收信", "smtp", "5.7.1", "延迟"]);
        // Not only adjacent repeats: 收信 came back after another word.
        let long = &query_words("收信延迟")[0];
        assert_eq!(long.terms, ["收信延", "信延迟"]);
        assert_eq!(long.len, 4);
    }

    #[test]
    fn lengths_are_exact_up_to_fifteen_then_within_a_fifth() {
        assert_eq!(quantise_length(0), 0);
        assert_eq!(quantise_length(15), 15);
        assert_eq!(level_length(quantise_length(225)), 212);
        assert_eq!(level_length(quantise_length(1000)), 902);
        assert_eq!(quantise_length(u32::MAX), 63);
    }

    #[test]
    fn postings_round_trip_through_their_flat_form() {
        let mut b = PostingsBuilder::default();
        b.push(3, &[], &[7, 9], false);
        b.push(4, &[0, 5], &[], false);
        b.push(10, &[], &[1], false);
        assert_eq!(b.flat, [6, 2, 1, 0, 2, 0, 5, 10, 1]);
        let p = Postings::try_from(b.flat).unwrap().decode();
        assert_eq!(
            p,
            [
                Posting {
                    doc: 3,
                    title: vec![],
                    body_tf: 2
                },
                Posting {
                    doc: 4,
                    title: vec![0, 5],
                    body_tf: 0
                },
                Posting {
                    doc: 10,
                    title: vec![],
                    body_tf: 1
                },
            ]
        );
        assert!(Postings::try_from(vec![6]).is_err());
        assert!(Postings::try_from(vec![6, 0]).is_err());
    }

    #[test]
    fn highlight_marks_query_words_in_the_original_text() {
        let parts = highlight("SMTP 535 认证失败，15535 不算", "smtp 认证 535");
        let marked: Vec<&str> = parts
            .iter()
            .filter(|(_, m)| *m)
            .map(|(s, _)| s.as_str())
            .collect();
        assert_eq!(marked, ["SMTP", "535", "认证"]);
        let marked = |text: &str, query: &str| -> Vec<String> {
            highlight(text, query)
                .into_iter()
                .filter(|(_, m)| *m)
                .map(|(s, _)| s)
                .collect()
        };
        // A code whole, not its digits elsewhere; a mixed query as its two words.
        assert_eq!(marked("550 5.7.1：第 5 步", "5.7.1"), ["5.7.1"]);
        assert_eq!(marked("收信用 SMTP", "收信smtp"), ["收信", "SMTP"]);
        assert_eq!(marked("收信", "？"), Vec::<String>::new());
    }

    #[test]
    fn shard_of_is_fnv_1a_modulo_the_shard_count() {
        // FNV-1a worked out independently (Python: h = 0x811c9dc5; for each
        // UTF-8 byte b: h = ((h ^ b) * 0x01000193) % 2**32): "" → 0x811c9dc5,
        // "smtp" → 0xd955d901, "收信" → 0x27f6fd2d.
        assert_eq!(shard_of("", 4096), 3525);
        assert_eq!(shard_of("smtp", 16), 1);
        assert_eq!(shard_of("smtp", 4096), 2305);
        assert_eq!(shard_of("收信", 16), 13);
        assert_eq!(shard_of("收信", 4096), 3373);
        assert_eq!(shard_of("收信", 1), 0);
    }
}
