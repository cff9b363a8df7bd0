//! `products.json`, `patches.json` and `licences.json`: the products and
//! versions Coremail ships, the patches for them and the licences sold for
//! them. The known product versions built here are what every other file's
//! product references are checked against.

use super::tree::{is_patch_file_name, PATCH_FILE_NAME_MAX};
use super::{ProductVersions, Validator};
use crate::keys::is_sha256_hex;
use crate::model::*;
use crate::parse::files;
use std::collections::{HashMap, HashSet};

impl Validator<'_> {
    /// Returns product id → its versions.
    pub(super) fn check_products(&mut self, products: &[Product]) -> ProductVersions {
        let file = files::PRODUCTS;
        self.unique_ids(file, products, |p| &p.id);
        let mut out = HashMap::new();
        for (i, p) in products.iter().enumerate() {
            if p.versions.is_empty() {
                self.problem(
                    file,
                    format!("$[{i}].versions"),
                    "a product needs at least one version",
                );
            }
            let mut set = HashSet::new();
            for (j, v) in p.versions.iter().enumerate() {
                if !set.insert(v.version.clone()) {
                    self.problem(
                        file,
                        format!("$[{i}].versions[{j}].version"),
                        format!("duplicate version `{}`", v.version),
                    );
                }
                if v.end_of_support.is_some_and(|end| end < v.released) {
                    self.problem(
                        file,
                        format!("$[{i}].versions[{j}].end_of_support"),
                        "support ends before the version was released",
                    );
                }
            }
            out.insert(p.id.clone(), set);
        }
        out
    }

    pub(super) fn check_patches(&mut self, patches: &[Patch], versions: Option<&ProductVersions>) {
        let file = files::PATCHES;
        let ids = self.unique_ids(file, patches, |p| &p.id);
        for (i, p) in patches.iter().enumerate() {
            let at = format!("$[{i}]");
            let applies_to = p.applies_to.iter().enumerate();
            self.check_product_ref(
                file,
                versions,
                &at,
                &p.product,
                applies_to.map(|(j, v)| (format!("{at}.applies_to[{j}]"), v.as_str())),
            );
            if p.applies_to.is_empty() {
                self.problem(
                    file,
                    format!("{at}.applies_to"),
                    "a patch must apply to at least one version",
                );
            }
            for (j, s) in p.supersedes.iter().enumerate() {
                if s == &p.id {
                    self.problem(
                        file,
                        format!("{at}.supersedes[{j}]"),
                        "a patch cannot supersede itself",
                    );
                } else if !ids.contains(s) {
                    self.problem(
                        file,
                        format!("{at}.supersedes[{j}]"),
                        format!("unknown patch `{s}`"),
                    );
                } else if let Some(other) = patches.iter().find(|o| {
                    // Only between known products: an unknown one is its own problem.
                    let known = |product: &str| versions.is_some_and(|v| v.contains_key(product));
                    o.id == *s && o.product != p.product && known(&o.product) && known(&p.product)
                }) {
                    self.problem(
                        file,
                        format!("{at}.supersedes[{j}]"),
                        format!(
                            "`{s}` is a patch of `{}`, not of `{}`",
                            other.product, p.product
                        ),
                    );
                }
            }
            if !is_sha256_hex(&p.file.sha256) {
                self.problem(
                    file,
                    format!("{at}.file.sha256"),
                    "must be 64 lower-case hex digits",
                );
            }
            if p.file.size_bytes == 0 {
                self.problem(
                    file,
                    format!("{at}.file.size_bytes"),
                    "a patch file cannot be empty",
                );
            }
            for (j, id) in p.cve.iter().enumerate() {
                if !is_advisory_id(id, "CVE-") {
                    self.problem(
                        file,
                        format!("{at}.cve[{j}]"),
                        format!("`{id}` is not a CVE id (CVE-YYYY-NNNN)"),
                    );
                }
            }
            for (j, id) in p.cnvd.iter().enumerate() {
                if !is_advisory_id(id, "CNVD-") {
                    self.problem(
                        file,
                        format!("{at}.cnvd[{j}]"),
                        format!("`{id}` is not a CNVD id (CNVD-YYYY-NNNNN)"),
                    );
                }
            }
        }
        self.check_patch_files(patches);
        // A cycle would leave no patch of it newer than the others: the
        // catalogue could not say which one a deployment needs.
        for i in crate::patches::in_supersedence_cycles(patches) {
            self.problem(
                file,
                format!("$[{i}].supersedes"),
                format!(
                    "`{}` supersedes itself through a chain of patches (a cycle)",
                    patches[i].id
                ),
            );
        }
    }

    /// Each patch's file is published at `patches/files/<file.name>` with
    /// the size the catalogue gives (its SHA-256 is the CLI's check, which
    /// reads it), and every file there belongs to a patch. Only with the
    /// tree check: it knows the sizes without reading anything.
    fn check_patch_files(&mut self, patches: &[Patch]) {
        let file = files::PATCHES;
        let Some(tree) = self.tree.take() else {
            return;
        };
        for (i, p) in patches.iter().enumerate() {
            let name = &p.file.name;
            let path = format!("{}/{name}", files::PATCH_FILES_DIR);
            if !is_patch_file_name(name) {
                self.problem(
                    file,
                    format!("$[{i}].file.name"),
                    format!(
                        "`{name}` is not a patch file name: letters, digits, '.', '_' and '-' (at most {PATCH_FILE_NAME_MAX}), published as patches/files/<name>"
                    ),
                );
            } else if tree.refused(&path) {
                // Reported where it is.
            } else if let Some(size) = tree.size(&path) {
                if size != p.file.size_bytes {
                    self.problem(
                        file,
                        format!("$[{i}].file.size_bytes"),
                        format!(
                            "{}, but {path} has {size} bytes: publish the right file, or correct the catalogue",
                            p.file.size_bytes
                        ),
                    );
                }
            } else {
                self.problem(
                    file,
                    format!("$[{i}].file.name"),
                    format!("{path} is missing: publish the file the catalogue offers, or remove the patch"),
                );
            }
        }
        let listed: HashSet<&str> = patches.iter().map(|p| p.file.name.as_str()).collect();
        for name in tree.list(files::PATCH_FILES_DIR) {
            if !listed.contains(name.as_str()) {
                self.problem(
                    &format!("{}/{name}", files::PATCH_FILES_DIR),
                    "$",
                    "no patch in patches.json offers this file: remove it, or list its patch",
                );
            }
        }
        self.tree = Some(tree);
    }

    /// A workspace's licences, at `at` (`$.workspace.licences`) in `file`.
    pub(super) fn check_licences_at(
        &mut self,
        file: &str,
        at: &str,
        licences: &[Licence],
        versions: Option<&ProductVersions>,
    ) {
        self.unique_ids_at(
            file,
            licences
                .iter()
                .enumerate()
                .map(|(i, l)| (format!("{at}[{i}].id"), l.id.as_str())),
        );
        for (i, l) in licences.iter().enumerate() {
            let at = format!("{at}[{i}]");
            let version = (format!("{at}.version"), l.version.as_str());
            self.check_product_ref(file, versions, &at, &l.product, [version]);
            if l.expires < l.issued {
                self.problem(
                    file,
                    format!("{at}.expires"),
                    "licence expires before it was issued",
                );
            }
        }
    }
}

fn is_advisory_id(s: &str, prefix: &str) -> bool {
    let Some(rest) = s.strip_prefix(prefix) else {
        return false;
    };
    let mut parts = rest.splitn(2, '-');
    let year = parts.next().unwrap_or("");
    let seq = parts.next().unwrap_or("");
    year.len() == 4
        && year.bytes().all(|b| b.is_ascii_digit())
        && seq.len() >= 4
        && seq.bytes().all(|b| b.is_ascii_digit())
}
