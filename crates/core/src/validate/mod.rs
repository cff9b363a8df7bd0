//! Checks a whole static-API directory against the contract: every file
//! parses into its model, and the files agree with each other (no duplicate
//! ids, no reference to something that does not exist, tickets stored under
//! their own key, each article's published blocks safe and up to date).
//! The reading is done by the caller through [`ApiSource`], and turning
//! Markdown into blocks by the caller's [`ToBlocks`] (the publisher's
//! converter), so this module stays free of I/O and of any Markdown parser.
//!
//! Before any file is read, `tree` judges every entry of the directory
//! against the allow-list of paths and the size caps; nothing it refuses is
//! read. Then one file per area checks its own files: `products` (products,
//! patches, licences), `services` (service catalogue, stations, engineers,
//! courses, the security report), `kb`, `sla` (policy, calendar),
//! `community` (threads and downloadable materials) and
//! `private` (the publisher's private source). This file holds the order of
//! the checks and what the areas share: reading a file into its model or a
//! [`Problem`], unique ids, and references to ids another file lists and to
//! product versions.

mod community;
mod kb;
mod private;
mod products;
mod services;
mod sla;
pub mod tree;

pub use private::{validate_private, ToSeal, TICKET_DIR, WORKSPACE_DIR};

pub use sla::parse_hhmm;
pub use tree::{Entry, EntryKind};

use crate::markdown::Block;
use crate::model::*;
use crate::parse::{files, parse_json, ParseError};
use serde::de::DeserializeOwned;
use std::collections::{HashMap, HashSet};
use std::fmt;

/// Where the validator reads files from (a directory, in the CLI).
pub trait ApiSource {
    /// The file's text, `Ok(None)` when it does not exist.
    fn read(&self, path: &str) -> Result<Option<String>, String>;
    /// The names of the files directly inside `dir` (empty when it does not exist).
    fn list(&self, dir: &str) -> Result<Vec<String>, String>;
}

/// A source that can also say everything it holds: the whole API
/// directory, for the allow-list ([`tree`]).
pub trait ApiTree: ApiSource {
    /// Every entry under the directory, directories included, in any
    /// order, found without following a link (a link is an entry of its
    /// own). `Err` when the directory itself cannot be listed; a directory
    /// below it that cannot be is an [`EntryKind::Unlistable`] entry.
    fn entries(&self) -> Result<Vec<Entry>, String>;
}

/// One thing wrong with the data, printed as `file: json-path: what is wrong`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub path: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.file, self.path, self.message)
    }
}

impl From<ParseError> for Problem {
    fn from(e: ParseError) -> Self {
        Problem {
            file: e.file,
            path: e.path,
            message: e.message,
        }
    }
}

/// How `portal index` turns an article's Markdown into its blocks: the
/// published `kb/articles/<id>.json` must hold exactly what it gives for the
/// current `kb/articles/<id>.md`.
pub type ToBlocks<'a> = &'a dyn Fn(&str) -> Vec<Block>;

/// Validates everything; an empty result means the directory is valid.
pub fn validate(src: &dyn ApiTree, to_blocks: ToBlocks) -> Vec<Problem> {
    let mut v = Validator {
        src,
        to_blocks,
        problems: Vec::new(),
        tree: None,
    };
    match src.entries() {
        Ok(entries) => {
            v.tree = Some(v.check_tree(entries));
            v.run();
        }
        Err(e) => v.problem(".", "$", format!("the API directory cannot be listed: {e}")),
    }
    v.problems
}

struct Validator<'a> {
    src: &'a dyn ApiSource,
    to_blocks: ToBlocks<'a>,
    problems: Vec<Problem>,
    /// What the allow-list left to read and list; `None` for a source
    /// checked without it (the private source).
    tree: Option<tree::Tree>,
}

/// A file as the validator may see it.
enum Fetched {
    Text(String),
    Missing,
    /// Refused by the tree check, which reported it: not read.
    Refused,
    Unreadable(String),
}

impl Validator<'_> {
    /// Every check, in the order their problems are printed: file by file,
    /// each cross-file check after the files it needs.
    fn run(&mut self) {
        if let Some(meta) = self.load::<Meta>(files::META) {
            self.check_meta(&meta);
        }
        let products = self.load::<Vec<Product>>(files::PRODUCTS);
        let versions = products.as_deref().map(|p| self.check_products(p));
        if let Some(patches) = self.load::<Vec<Patch>>(files::PATCHES) {
            self.check_patches(&patches, versions.as_ref());
        }
        self.check_kb(versions.as_ref());
        if let Some(policy) = self.load::<SlaPolicy>(files::SLA_POLICY) {
            self.check_policy(&policy);
        }
        if let Some(calendar) = self.load::<CalendarData>(files::CALENDAR) {
            self.check_calendar(&calendar);
        }
        if let Some(classes) = self.load::<Vec<ServiceClass>>(files::SERVICES) {
            self.check_services(&classes);
        }
        let stations = self.load::<Vec<ServiceStation>>(files::STATIONS);
        let station_ids = stations.as_deref().map(|s| self.check_stations(s));
        let engineers = self.load::<Vec<Engineer>>(files::ENGINEERS);
        if let Some(engineers) = &engineers {
            self.check_engineers(engineers, station_ids.as_ref());
        }
        if let Some(courses) = self.load::<Vec<Course>>(files::COURSES) {
            self.check_courses(&courses);
        }
        if let Some(terms) = self.load::<ServiceTerms>(files::TERMS) {
            self.check_terms(&terms);
        }
        if let Some(community) = self.load::<Community>(files::COMMUNITY) {
            let engineer_ids: Option<HashSet<String>> = engineers
                .as_ref()
                .map(|es| es.iter().map(|e| e.id.clone()).collect());
            self.check_community(&community, versions.as_ref(), engineer_ids.as_ref());
        }
    }

    fn check_meta(&mut self, meta: &Meta) {
        if meta.api_version != API_VERSION {
            self.problem(
                files::META,
                "$.api_version",
                format!(
                    "API version {} is not supported (this build reads version {API_VERSION})",
                    meta.api_version
                ),
            );
        }
    }
}

// The helpers every area uses: reading a file into its model or a problem,
// and the checks that several files share.

/// Product id → its versions, as `products.json` lists them.
type ProductVersions = HashMap<String, HashSet<String>>;

impl Validator<'_> {
    fn problem(&mut self, file: &str, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            file: file.to_owned(),
            path: path.into(),
            message: message.into(),
        });
    }

    /// A file's text, read only when the tree check found it a regular
    /// file in its place and within its cap.
    fn fetch(&self, file: &str) -> Fetched {
        if let Some(tree) = &self.tree {
            if tree.refused(file) {
                return Fetched::Refused;
            }
            if !tree.readable(file) {
                return Fetched::Missing;
            }
        }
        match self.src.read(file) {
            Ok(Some(text)) => Fetched::Text(text),
            Ok(None) => Fetched::Missing,
            Err(e) => Fetched::Unreadable(e),
        }
    }

    /// `file`, or a directory above it, was refused by the tree check.
    fn refused(&self, file: &str) -> bool {
        self.tree.as_ref().is_some_and(|tree| tree.refused(file))
    }

    /// A file's text; reports it missing or unreadable (refused files are
    /// reported by the tree check already).
    fn read(&mut self, file: &str) -> Option<String> {
        match self.fetch(file) {
            Fetched::Text(text) => Some(text),
            Fetched::Refused => None,
            Fetched::Missing => {
                self.problem(file, "$", "file is missing");
                None
            }
            Fetched::Unreadable(e) => {
                self.problem(file, "$", format!("cannot be read: {e}"));
                None
            }
        }
    }

    /// A file parsed into its model; reports it missing, unreadable or
    /// malformed (at the JSON path of the bad value).
    fn load<T: DeserializeOwned>(&mut self, file: &str) -> Option<T> {
        let text = self.read(file)?;
        match parse_json(file, &text) {
            Ok(value) => Some(value),
            Err(e) => {
                self.problems.push(e.into());
                None
            }
        }
    }

    /// The names of the files in `dir`, sorted; reports it unlistable.
    /// With the tree check, the names that have a place there.
    fn list(&mut self, dir: &str) -> Vec<String> {
        if let Some(tree) = &self.tree {
            let mut names = tree.list(dir);
            names.sort();
            return names;
        }
        match self.src.list(dir) {
            Ok(mut names) => {
                names.sort();
                names
            }
            Err(e) => {
                self.problem(dir, "$", format!("cannot be listed: {e}"));
                Vec::new()
            }
        }
    }

    /// For a file that is an array of things with an id (`$[i].id`): reports
    /// every id seen before, where it repeats; returns the set of ids.
    fn unique_ids<T>(
        &mut self,
        file: &str,
        items: &[T],
        id: impl Fn(&T) -> &str,
    ) -> HashSet<String> {
        self.unique_ids_at(
            file,
            items
                .iter()
                .enumerate()
                .map(|(i, item)| (format!("$[{i}].id"), id(item))),
        )
    }

    /// The same for ids found elsewhere in a file, each with its path.
    fn unique_ids_at<'i>(
        &mut self,
        file: &str,
        ids: impl Iterator<Item = (String, &'i str)>,
    ) -> HashSet<String> {
        let mut seen = HashSet::new();
        for (path, id) in ids {
            if !seen.insert(id.to_owned()) {
                self.problem(file, path, format!("duplicate id `{id}`"));
            }
        }
        seen
    }

    /// Reports a reference to a `what` (`category`) that `listed_in` does
    /// not list. `known` is `None` when that file did not load: there is
    /// nothing to check against, and its own problem is reported already.
    fn check_listed(
        &mut self,
        file: &str,
        path: String,
        what: &str,
        id: &str,
        listed_in: &str,
        known: Option<&HashSet<String>>,
    ) {
        if known.is_some_and(|ids| !ids.contains(id)) {
            self.problem(file, path, not_listed(what, id, listed_in));
        }
    }

    /// Reports a product that `products.json` does not list (at
    /// `<at>.product`), or else each of `versions` (path, version) that it
    /// does not list for that product. Nothing is checked when
    /// `products.json` did not load.
    fn check_product_ref<'v>(
        &mut self,
        file: &str,
        known: Option<&ProductVersions>,
        at: &str,
        product: &str,
        versions: impl IntoIterator<Item = (String, &'v str)>,
    ) {
        let Some(known) = known else { return };
        let Some(known_versions) = known.get(product) else {
            let message = not_listed("product", product, files::PRODUCTS);
            return self.problem(file, format!("{at}.product"), message);
        };
        for (path, version) in versions {
            if !known_versions.contains(version) {
                self.problem(
                    file,
                    path,
                    format!("product `{product}` has no version `{version}`"),
                );
            }
        }
    }
}

/// `unknown category `x` (not in kb/categories.json)`
fn not_listed(what: &str, id: &str, listed_in: &str) -> String {
    format!("unknown {what} `{id}` (not in {listed_in})")
}

#[cfg(test)]
mod tests;
