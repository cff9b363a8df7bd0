//! `kb/categories.json`, `kb/articles.json`, `kb/articles/` and
//! `kb/search/`: every article in a known category, with its Markdown body
//! and its published blocks, safe and as its current Markdown publishes
//! them; and the search index exactly what `portal index` publishes for
//! those articles now (checked once the articles themselves are valid: a
//! stale index is the consequence of any article problem, not news).

use super::{Fetched, ProductVersions, Validator};
use crate::markdown::{plain_text, refused_targets, ArticleBlocks, Block};
use crate::model::*;
use crate::parse::{files, parse_json};
use crate::search::{index_kb, IndexMeta};
use std::collections::HashSet;

/// Stale or missing index files named one by one, before the rest are
/// counted.
const INDEX_FILES_NAMED: usize = 3;

impl Validator<'_> {
    pub(super) fn check_kb(&mut self, versions: Option<&ProductVersions>) {
        let categories = self.load::<Vec<KbCategory>>(files::KB_CATEGORIES);
        let category_ids = categories
            .as_deref()
            .map(|c| self.unique_ids(files::KB_CATEGORIES, c, |c| &c.id));
        let Some(articles) = self.load::<Vec<KbArticle>>(files::KB_ARTICLES) else {
            return;
        };
        let problems_before = self.problems.len();
        let mut texts = Vec::with_capacity(articles.len());
        let file = files::KB_ARTICLES;
        let ids = self.unique_ids(file, &articles, |a| &a.id);
        // In name order, so that the files without an entry are reported in
        // the same order on every run.
        let names = self.list(files::KB_ARTICLE_DIR);
        let bodies: HashSet<&str> = names.iter().map(String::as_str).collect();
        let dir_refused = self.refused(files::KB_ARTICLE_DIR);
        for (i, a) in articles.iter().enumerate() {
            let at = format!("$[{i}]");
            self.check_listed(
                file,
                format!("{at}.category"),
                "category",
                &a.category,
                files::KB_CATEGORIES,
                category_ids.as_ref(),
            );
            if let Some(product) = &a.product {
                self.check_product_ref(file, versions, &at, product, []);
            }
            for (j, r) in a.related.iter().enumerate() {
                if r == &a.id || !ids.contains(r) {
                    self.problem(
                        file,
                        format!("{at}.related[{j}]"),
                        format!("unknown related article `{r}`"),
                    );
                }
            }
            if let Some(week) = &a.featured_week {
                if !is_iso_week(week) {
                    self.problem(
                        file,
                        format!("{at}.featured_week"),
                        format!("`{week}` is not an ISO week like 2026-W48"),
                    );
                }
            }
            if !is_slug(&a.id) {
                self.problem(
                    file,
                    format!("{at}.id"),
                    "ids may hold only a-z, 0-9 and '-'",
                );
            } else if dir_refused {
                // kb/articles/ is a link or unlistable: reported once by
                // the tree check, not as every article's missing body.
            } else if !bodies.contains(format!("{}.md", a.id).as_str()) {
                self.problem(
                    &files::article_body(&a.id),
                    "$",
                    format!("file is missing (the body of article `{}`)", a.id),
                );
            } else if !bodies.contains(format!("{}.json", a.id).as_str()) {
                self.problem(
                    &files::article_blocks(&a.id),
                    "$",
                    format!(
                        "file is missing (the published blocks of article `{}`: run `portal index` on this directory)",
                        a.id
                    ),
                );
            } else if let Some(blocks) = self.check_blocks(&a.id) {
                texts.push(plain_text(&blocks));
            }
        }
        for name in &names {
            let file = format!("{}/{name}", files::KB_ARTICLE_DIR);
            if let Some(id) = name.strip_suffix(".json") {
                if !ids.contains(id) {
                    self.problem(
                        &file,
                        "$",
                        format!(
                            "published blocks without an entry in {} (`portal index` removes them)",
                            files::KB_ARTICLES
                        ),
                    );
                }
                continue;
            }
            // Anything else listed here is an image; the tree check judged
            // the names.
            let Some(id) = name.strip_suffix(".md") else {
                continue;
            };
            if !ids.contains(id) {
                self.problem(
                    &file,
                    "$",
                    format!("article body without an entry in {}", files::KB_ARTICLES),
                );
            }
        }
        if self.problems.len() == problems_before && texts.len() == articles.len() {
            self.check_search_index(&articles, &texts);
        }
    }

    /// `kb/search/` holds exactly the files `portal index` publishes now
    /// for these articles (with the published shard count), nothing else.
    fn check_search_index(&mut self, articles: &[KbArticle], bodies: &[String]) {
        let fix = "run `portal index` on this directory";
        let meta = match self.fetch(files::SEARCH_META) {
            Fetched::Text(text) => parse_json::<IndexMeta>(files::SEARCH_META, &text),
            Fetched::Refused => return,
            Fetched::Missing => {
                self.problem(files::SEARCH_META, "$", format!("file is missing ({fix})"));
                return;
            }
            Fetched::Unreadable(e) => {
                self.problem(files::SEARCH_META, "$", format!("cannot be read: {e}"));
                return;
            }
        };
        let meta = match meta {
            Ok(meta) => meta,
            Err(e) => {
                self.problems.push(e.into());
                return;
            }
        };
        let expected = index_kb(articles, bodies, meta.shards).files();
        let mut wrong = Vec::new();
        for (name, text) in &expected {
            match self.fetch(name) {
                Fetched::Text(published) if published == *text => {}
                Fetched::Text(_) => {
                    wrong.push((name.clone(), "stale: not what the articles publish now"))
                }
                Fetched::Refused => {}
                Fetched::Missing => wrong.push((name.clone(), "file is missing")),
                Fetched::Unreadable(_) => wrong.push((name.clone(), "cannot be read")),
            }
        }
        let names: HashSet<&str> = expected.iter().map(|(n, _)| n.as_str()).collect();
        for name in self.list(files::SEARCH_DIR) {
            let file = format!("{}/{name}", files::SEARCH_DIR);
            if !names.contains(file.as_str()) && !self.refused(&file) {
                wrong.push((file, "not part of the index the articles publish now"));
            }
        }
        let more = wrong.len().saturating_sub(INDEX_FILES_NAMED);
        for (file, what) in wrong.into_iter().take(INDEX_FILES_NAMED) {
            self.problem(&file, "$", format!("{what} ({fix})"));
        }
        if more > 0 {
            self.problem(
                files::SEARCH_DIR,
                "$",
                format!("{more} more index files stale, missing or extra ({fix})"),
            );
        }
    }

    /// An article's published blocks: they parse, pass the allow-lists, and
    /// are what its Markdown publishes now. Returns them when they parse.
    pub(super) fn check_blocks(&mut self, id: &str) -> Option<Vec<Block>> {
        let body_file = files::article_body(id);
        let file = files::article_blocks(id);
        let md = self.read(&body_file)?;
        let published = self.load::<ArticleBlocks>(&file)?;
        for (path, message) in refused_targets(&published.blocks) {
            self.problem(&file, path, message);
        }
        if published.blocks != (self.to_blocks)(&md) {
            self.problem(
                &file,
                "$",
                format!(
                    "stale: not what {body_file} publishes now (run `portal index` on this directory)"
                ),
            );
        }
        Some(published.blocks)
    }
}

pub(super) fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn is_iso_week(s: &str) -> bool {
    s.parse::<crate::kb::IsoWeek>().is_ok()
}
