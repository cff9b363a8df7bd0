//! The patch catalogue's decisions (补丁管理, 系统补丁在线下载): which patches
//! apply to a deployment, what a patch supersedes and what superseded it,
//! and the catalogue's filter, which lives in the page's URL.
//!
//! **Applicability.** A deployment is a list of installed `(product,
//! version)` pairs: a workspace's deployments, or what a visitor picked. A
//! patch applies to one installation when it is for that product and lists
//! that version in `applies_to`. It is shown unless a patch that *also
//! applies to the same installation* supersedes it, directly or through a
//! chain (`supersedes` is followed transitively, through patches of any
//! version: a cumulative patch carries everything its predecessors carried).
//! A superseding patch that does not apply to the installed version hides
//! nothing: an installation of V5.0.10 still needs the older cumulative
//! patch when the newer one was only built for V5.0.12 and later. Each
//! installation is judged on its own, and the answer is their union.
//!
//! Supersedence is expected to be acyclic (`portal validate` refuses a
//! cycle). On data that has one anyway, patches in the same cycle do not
//! hide each other, so nothing disappears and nothing loops.
//!
//! **Order.** What applies is listed security fixes first, then by severity
//! (critical first), then newest first; ties by id, so the order is total.
//!
//! **Filter.** [`PatchFilter`] is what the catalogue's controls hold; it
//! round-trips through a query string (`product=xt5&kind=security&q=CVE-2025`)
//! so that a filtered view can be shared and survives a reload. Reading a
//! query string never fails: what is not understood is ignored.
//!
//! Text matching is ASCII case-insensitive only (ids, CNVD and CVE numbers
//! and English titles; Chinese has no case): `str::to_lowercase` would bring
//! Unicode tables into the wasm.

use crate::model::{Patch, PatchKind, PatchSeverity};
use chrono::NaiveDate;
use std::cmp::Ordering;
use std::collections::HashMap;

/// Whether `patch` applies to one installed version of a product.
pub fn applies_to(patch: &Patch, product: &str, version: &str) -> bool {
    patch.product == product && patch.applies_to.iter().any(|v| v == version)
}

/// The patches a deployment needs: those that apply to at least one of its
/// installations and are not superseded there (module doc), each once, in
/// [`deployment_order`].
pub fn applicable<'a>(patches: &'a [Patch], deployment: &[(&str, &str)]) -> Vec<&'a Patch> {
    let index: HashMap<&str, usize> = patches
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let mut shown = vec![false; patches.len()];
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for &(product, version) in deployment {
        if seen.contains(&(product, version)) {
            continue;
        }
        seen.push((product, version));
        let candidates: Vec<usize> = (0..patches.len())
            .filter(|&i| applies_to(&patches[i], product, version))
            .collect();
        let reach: Vec<Vec<bool>> = candidates
            .iter()
            .map(|&i| superseded_closure(patches, &index, i))
            .collect();
        for (x, &candidate) in candidates.iter().enumerate() {
            // Hidden by another candidate that reaches it, unless it reaches
            // that one too (a cycle: neither is the newer).
            let hidden = candidates
                .iter()
                .enumerate()
                .any(|(p, &other)| p != x && reach[p][candidate] && !reach[x][other]);
            if !hidden {
                shown[candidate] = true;
            }
        }
    }
    let mut out: Vec<&Patch> = patches
        .iter()
        .zip(&shown)
        .filter_map(|(p, &s)| s.then_some(p))
        .collect();
    out.sort_unstable_by(|a, b| deployment_order(a, b));
    out
}

/// Every patch `start` supersedes, directly or through a chain, as a mask
/// over `patches` (`start` itself only when a cycle leads back to it).
/// Unknown ids are skipped; each patch is visited once, so a cycle ends.
fn superseded_closure(patches: &[Patch], index: &HashMap<&str, usize>, start: usize) -> Vec<bool> {
    let mut reached = vec![false; patches.len()];
    let mut stack = vec![start];
    while let Some(i) = stack.pop() {
        for id in &patches[i].supersedes {
            if let Some(&j) = index.get(id.as_str()) {
                if !reached[j] {
                    reached[j] = true;
                    stack.push(j);
                }
            }
        }
    }
    reached
}

/// Indices of the patches that supersede themselves through a chain of
/// others (a direct self-reference is not followed: it is its own problem).
pub(crate) fn in_supersedence_cycles(patches: &[Patch]) -> Vec<usize> {
    let index: HashMap<&str, usize> = patches
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    (0..patches.len())
        .filter(|&i| {
            let mut reached = vec![false; patches.len()];
            let mut stack = vec![i];
            while let Some(k) = stack.pop() {
                for id in &patches[k].supersedes {
                    match index.get(id.as_str()) {
                        Some(&j) if j != k && !reached[j] => {
                            reached[j] = true;
                            stack.push(j);
                        }
                        _ => {}
                    }
                }
            }
            reached[i]
        })
        .collect()
}

/// The order of "what applies to my deployment": security fixes first,
/// then by severity (critical first), then newest first, then by id.
pub fn deployment_order(a: &Patch, b: &Patch) -> Ordering {
    let security = |p: &Patch| p.kind != PatchKind::Security;
    (security(a), a.severity)
        .cmp(&(security(b), b.severity))
        .then_with(|| b.released.cmp(&a.released))
        .then_with(|| a.id.cmp(&b.id))
}

/// The order of the catalogue when browsing: newest first, then by id.
pub fn catalogue_order(a: &Patch, b: &Patch) -> Ordering {
    b.released.cmp(&a.released).then_with(|| a.id.cmp(&b.id))
}

/// The patches `id` lists in its `supersedes`, in that order (ids that name
/// no published patch are left out). Empty for an unknown `id`.
pub fn supersedes<'a>(patches: &'a [Patch], id: &str) -> Vec<&'a Patch> {
    let Some(patch) = patches.iter().find(|p| p.id == id) else {
        return Vec::new();
    };
    patch
        .supersedes
        .iter()
        .filter_map(|s| patches.iter().find(|p| p.id == *s))
        .collect()
}

/// The patches that list `id` in their `supersedes`, newest first.
pub fn superseded_by<'a>(patches: &'a [Patch], id: &str) -> Vec<&'a Patch> {
    let mut out: Vec<&Patch> = patches
        .iter()
        .filter(|p| p.supersedes.iter().any(|s| s == id))
        .collect();
    out.sort_unstable_by(|a, b| catalogue_order(a, b));
    out
}

/// Longest product or version a query string may carry; longer is ignored.
const NAME_MAX: usize = 64;
/// Characters of the text query kept from a query string.
pub const QUERY_MAX: usize = 200;

/// What the catalogue's controls hold. `Default` shows everything.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PatchFilter {
    /// A `Product::id`.
    pub product: Option<String>,
    /// A version the patch must list in `applies_to`.
    pub version: Option<String>,
    pub kind: Option<PatchKind>,
    pub severity: Option<PatchSeverity>,
    /// Released on or after this date.
    pub from: Option<NaiveDate>,
    /// Released on or before this date.
    pub to: Option<NaiveDate>,
    /// Words that must each appear in the id, the Chinese or English title,
    /// or a CNVD or CVE id (ASCII letters case-insensitive).
    pub query: String,
    /// Only what [`applicable`] gives for the deployment (`mine=1`). The
    /// deployment is not in the URL, so [`PatchFilter::matches`] does not
    /// judge this: the caller narrows to what applies first.
    pub mine: bool,
}

impl PatchFilter {
    pub fn matches(&self, p: &Patch) -> bool {
        self.product.as_ref().is_none_or(|x| *x == p.product)
            && self
                .version
                .as_ref()
                .is_none_or(|v| p.applies_to.contains(v))
            && self.kind.is_none_or(|k| k == p.kind)
            && self.severity.is_none_or(|s| s == p.severity)
            && self.from.is_none_or(|d| p.released >= d)
            && self.to.is_none_or(|d| p.released <= d)
            && self.query.split_whitespace().all(|word| {
                let found = |s: &str| contains_ignore_ascii_case(s, word);
                found(&p.id)
                    || found(&p.title.zh)
                    || p.title.en.as_deref().is_some_and(found)
                    || p.cnvd.iter().any(|id| found(id))
                    || p.cve.iter().any(|id| found(id))
            })
    }

    /// The patches that match, newest first ([`catalogue_order`]).
    pub fn apply<'a>(&self, patches: &'a [Patch]) -> Vec<&'a Patch> {
        let mut out: Vec<&Patch> = patches.iter().filter(|p| self.matches(p)).collect();
        out.sort_unstable_by(|a, b| catalogue_order(a, b));
        out
    }

    /// Whether any control is set.
    pub fn is_empty(&self) -> bool {
        *self == PatchFilter::default()
    }

    /// The filter as a query string without the `?`: only what is set, in a
    /// fixed order (`product`, `version`, `kind`, `severity`, `from`, `to`,
    /// `q`, `mine`), percent-encoded. Empty for the default filter.
    pub fn to_query_string(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if let Some(p) = &self.product {
            pairs.push(("product", p.clone()));
        }
        if let Some(v) = &self.version {
            pairs.push(("version", v.clone()));
        }
        if let Some(k) = self.kind {
            pairs.push(("kind", k.as_str().to_owned()));
        }
        if let Some(s) = self.severity {
            pairs.push(("severity", s.as_str().to_owned()));
        }
        if let Some(d) = self.from {
            pairs.push(("from", d.to_string()));
        }
        if let Some(d) = self.to {
            pairs.push(("to", d.to_string()));
        }
        if !self.query.trim().is_empty() {
            pairs.push(("q", self.query.trim().to_owned()));
        }
        if self.mine {
            pairs.push(("mine", "1".to_owned()));
        }
        pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", percent_encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// Reads a query string (with or without its `?`). Never fails: unknown
    /// keys, values that are not a kind, a severity or a `YYYY-MM-DD` date,
    /// empty or over-long names and broken percent-escapes are ignored; a key
    /// given twice keeps its last value; `+` is a space; the text query is
    /// cut to [`QUERY_MAX`] characters.
    pub fn from_query_string(query: &str) -> PatchFilter {
        let mut f = PatchFilter::default();
        let query = query.strip_prefix('?').unwrap_or(query);
        for pair in query.split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let Some(value) = percent_decode(value) else {
                continue;
            };
            let name = || {
                let v = value.trim();
                (!v.is_empty() && v.chars().count() <= NAME_MAX && !v.chars().any(char::is_control))
                    .then(|| v.to_owned())
            };
            match key {
                "product" => f.product = name().or(f.product),
                "version" => f.version = name().or(f.version),
                "kind" => f.kind = value.parse().ok().or(f.kind),
                "severity" => f.severity = value.parse().ok().or(f.severity),
                "from" => f.from = parse_date(&value).or(f.from),
                "to" => f.to = parse_date(&value).or(f.to),
                "mine" => f.mine = value == "1",
                "q" => {
                    f.query = value
                        .chars()
                        .filter(|c| !c.is_control())
                        .take(QUERY_MAX)
                        .collect::<String>()
                        .trim()
                        .to_owned()
                }
                _ => {}
            }
        }
        f
    }
}

/// `YYYY-MM-DD` exactly (chrono alone would also take a sign or more digits).
fn parse_date(s: &str) -> Option<NaiveDate> {
    crate::calendar::parse_date_input(s).ok()
}

fn contains_ignore_ascii_case(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    n.is_empty() || h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

/// Percent-encodes everything but the unreserved characters of RFC 3986
/// (`A–Z a–z 0–9 - . _ ~`); UTF-8 bytes one by one.
pub fn percent_encode(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
    out
}

/// Undoes [`percent_encode`], and reads `+` as a space (HTML forms write
/// it so). `None` for a broken escape or bytes that are not UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                let hex = |c: u8| char::from(c).to_digit(16);
                let hi = hex(*b.get(i + 1)?)?;
                let lo = hex(*b.get(i + 2)?)?;
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_escapes_round_trip_chinese_and_reserved_characters() {
        let s = "安全 补丁&q=1+2%";
        let encoded = percent_encode(s);
        assert!(encoded.is_ascii());
        assert!(!encoded.contains(['&', '=', '+', ' ']));
        assert_eq!(percent_decode(&encoded).as_deref(), Some(s));
    }

    #[test]
    fn broken_escapes_and_bytes_that_are_not_utf8_are_none() {
        assert_eq!(percent_decode("%"), None);
        assert_eq!(percent_decode("%4"), None);
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%E5%AE"), None);
        assert_eq!(percent_decode("a+b").as_deref(), Some("a b"));
    }

    #[test]
    fn a_date_must_be_written_yyyy_mm_dd() {
        assert_eq!(parse_date("2026-02-14"), "2026-02-14".parse().ok());
        assert_eq!(parse_date("+2026-02-14"), None);
        assert_eq!(parse_date("2026-2-14"), None);
        assert_eq!(parse_date("2026-02-30"), None);
    }
}
