//! `kb/categories.json`, `kb/articles.json` and `kb/articles/`: every
//! article in a known category, with its Markdown body and its published
//! blocks, safe and as its current Markdown publishes them.

use super::{ProductVersions, Validator};
use crate::markdown::{refused_targets, ArticleBlocks};
use crate::model::*;
use crate::parse::files;
use std::collections::HashSet;

impl Validator<'_> {
    pub(super) fn check_kb(&mut self, versions: Option<&ProductVersions>) {
        let categories = self.load::<Vec<KbCategory>>(files::KB_CATEGORIES);
        let category_ids = categories
            .as_deref()
            .map(|c| self.unique_ids(files::KB_CATEGORIES, c, |c| &c.id));
        let Some(articles) = self.load::<Vec<KbArticle>>(files::KB_ARTICLES) else {
            return;
        };
        let file = files::KB_ARTICLES;
        let ids = self.unique_ids(file, &articles, |a| &a.id);
        // In name order, so that the files without an entry are reported in
        // the same order on every run.
        let names = self.list(files::KB_ARTICLE_DIR);
        let bodies: HashSet<&str> = names.iter().map(String::as_str).collect();
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
            } else {
                self.check_blocks(&a.id);
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
            let id = name.strip_suffix(".md").unwrap_or(name);
            if !ids.contains(id) {
                self.problem(
                    &file,
                    "$",
                    format!("article body without an entry in {}", files::KB_ARTICLES),
                );
            }
        }
    }

    /// An article's published blocks: they parse, pass the allow-lists, and
    /// are what its Markdown publishes now.
    pub(super) fn check_blocks(&mut self, id: &str) {
        let body_file = files::article_body(id);
        let file = files::article_blocks(id);
        let Some(md) = self.read(&body_file) else {
            return;
        };
        let Some(published) = self.load::<ArticleBlocks>(&file) else {
            return;
        };
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
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn is_iso_week(s: &str) -> bool {
    s.parse::<crate::kb::IsoWeek>().is_ok()
}
