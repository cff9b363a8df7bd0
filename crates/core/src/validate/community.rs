//! `community.json` (管理员社区): every thread has a slug id of its own, a
//! title and question in both languages, a product `products.json` lists,
//! and at least one answer by an engineer `engineers.json` lists, given
//! after the question was asked; threads are newest first. Every material
//! names a product that exists and a file published at
//! `community/files/<name>` with the size given (its SHA-256 is the CLI's
//! check, which reads the file), and every file there belongs to a
//! material.

use super::kb::is_slug;
use super::tree::{is_patch_file_name, PATCH_FILE_NAME_MAX};
use super::{ProductVersions, Validator};
use crate::keys::is_sha256_hex;
use crate::model::{Community, Text};
use crate::parse::files;
use std::collections::HashSet;

impl Validator<'_> {
    pub(super) fn check_community(
        &mut self,
        community: &Community,
        versions: Option<&ProductVersions>,
        engineers: Option<&HashSet<String>>,
    ) {
        let file = files::COMMUNITY;
        let threads = &community.threads;
        self.unique_ids_at(
            file,
            threads
                .iter()
                .enumerate()
                .map(|(i, t)| (format!("$.threads[{i}].id"), t.id.as_str())),
        );
        for (i, t) in threads.iter().enumerate() {
            let at = format!("$.threads[{i}]");
            if !is_slug(&t.id) {
                self.problem(
                    file,
                    format!("{at}.id"),
                    format!(
                        "`{}` is not an id: a-z, 0-9 and '-' (it is the thread's URL)",
                        t.id
                    ),
                );
            }
            self.bilingual(file, &format!("{at}.title"), &t.title);
            self.bilingual(file, &format!("{at}.question"), &t.question);
            for (j, tag) in t.tags.iter().enumerate() {
                self.check_tag(file, &format!("{at}.tags[{j}]"), tag);
            }
            self.check_product_ref(file, versions, &at, &t.product, []);
            if i > 0 && threads[i - 1].asked < t.asked {
                self.problem(
                    file,
                    format!("{at}.asked"),
                    "threads are listed newest first: each asked no later than the one above it",
                );
            }
            if t.answers.is_empty() {
                self.problem(
                    file,
                    format!("{at}.answers"),
                    "a thread needs at least one answer: publish a question once an engineer has answered it",
                );
            }
            for (j, a) in t.answers.iter().enumerate() {
                let at = format!("{at}.answers[{j}]");
                self.check_listed(
                    file,
                    format!("{at}.engineer"),
                    "engineer",
                    &a.engineer,
                    files::ENGINEERS,
                    engineers,
                );
                if a.answered < t.asked {
                    self.problem(
                        file,
                        format!("{at}.answered"),
                        "an answer cannot come before the question was asked",
                    );
                }
                self.bilingual(file, &format!("{at}.text"), &a.text);
            }
        }
        let materials = &community.materials;
        self.unique_ids_at(
            file,
            materials
                .iter()
                .enumerate()
                .map(|(i, m)| (format!("$.materials[{i}].id"), m.id.as_str())),
        );
        for (i, m) in materials.iter().enumerate() {
            let at = format!("$.materials[{i}]");
            self.bilingual(file, &format!("{at}.title"), &m.title);
            self.check_product_ref(file, versions, &at, &m.product, []);
            if !is_sha256_hex(&m.file.sha256) {
                self.problem(
                    file,
                    format!("{at}.file.sha256"),
                    "not a SHA-256: 64 lower-case hex digits",
                );
            }
            if m.file.size_bytes == 0 {
                self.problem(file, format!("{at}.file.size_bytes"), "an empty file");
            }
        }
        self.check_material_files(community);
    }

    /// A tag: shown in the reader's language, so a Chinese word needs its
    /// English one; a word the same in both (`imap`) may go without.
    fn check_tag(&mut self, file: &str, at: &str, tag: &Text) {
        if tag.zh.trim().is_empty() {
            self.problem(file, format!("{at}.zh"), "an empty tag");
        }
        match &tag.en {
            Some(en) if en.trim().is_empty() => self.problem(
                file,
                format!("{at}.en"),
                "empty: give the English word, or leave `en` out when it is the same",
            ),
            None if !tag.zh.is_ascii() => self.problem(
                file,
                format!("{at}.en"),
                format!(
                    "`{}` has no English word: the English page would show it in Chinese",
                    tag.zh
                ),
            ),
            _ => {}
        }
    }

    /// A text the page shows in either language: both given, neither blank.
    fn bilingual(&mut self, file: &str, at: &str, text: &Text) {
        if text.zh.trim().is_empty() {
            self.problem(
                file,
                format!("{at}.zh"),
                "empty: the Chinese text is required",
            );
        }
        match &text.en {
            Some(en) if !en.trim().is_empty() => {}
            _ => self.problem(
                file,
                format!("{at}.en"),
                "missing or empty: the community is read in both languages",
            ),
        }
    }

    /// As the patch files: each material's file is published at
    /// `community/files/<name>` with the size given, and nothing else is
    /// there. Only with the tree check, which knows the sizes.
    fn check_material_files(&mut self, community: &Community) {
        let file = files::COMMUNITY;
        let dir = files::COMMUNITY_FILES_DIR;
        let Some(tree) = self.tree.take() else {
            return;
        };
        for (i, m) in community.materials.iter().enumerate() {
            let name = &m.file.name;
            let path = format!("{dir}/{name}");
            if !is_patch_file_name(name) {
                self.problem(
                    file,
                    format!("$.materials[{i}].file.name"),
                    format!(
                        "`{name}` is not a file name: letters, digits, '.', '_' and '-' (at most {PATCH_FILE_NAME_MAX}), published as {dir}/<name>"
                    ),
                );
            } else if tree.refused(&path) {
                // Reported where it is.
            } else if let Some(size) = tree.size(&path) {
                if size != m.file.size_bytes {
                    self.problem(
                        file,
                        format!("$.materials[{i}].file.size_bytes"),
                        format!(
                            "{}, but {path} has {size} bytes: publish the right file, or correct community.json",
                            m.file.size_bytes
                        ),
                    );
                }
            } else {
                self.problem(
                    file,
                    format!("$.materials[{i}].file.name"),
                    format!("{path} is missing: publish the file, or remove the material"),
                );
            }
        }
        let listed: HashSet<&str> = community
            .materials
            .iter()
            .map(|m| m.file.name.as_str())
            .collect();
        for name in tree.list(dir) {
            if !listed.contains(name.as_str()) {
                self.problem(
                    &format!("{dir}/{name}"),
                    "$",
                    "no material in community.json offers this file: remove it, or list it",
                );
            }
        }
        self.tree = Some(tree);
    }
}
