//! What may be in an API directory at all, judged before anything in it is
//! read: the allow-list of paths the contract (`docs/api.md`) gives a place,
//! and how large each kind of file may be.
//!
//! The caller walks the directory without following links and hands over
//! every entry with its kind and size ([`ApiTree`](super::ApiTree)). A link,
//! a fifo, a socket or a device is refused wherever it is; a dot-file or
//! dot-directory is refused wherever it is; any other path must have a
//! place: the fixed files of [`files`], the directories holding them, an
//! article's `kb/articles/<id>.md` and `<id>.json`, the search index files,
//! `sealed/<32 lower-case hex>.bin`, and images in folders under `kb/`
//! (outside `kb/search/`), where articles may point. A file over its kind's
//! cap is refused by its size alone. Whether an article file belongs to a
//! listed article, or an index file to the current index, is the `kb`
//! area's check; this module judges names only.
//!
//! Nothing refused here is read afterwards, nor anything under a refused
//! directory: [`Tree`] tells the validator what it may read and list.
//! Everything here is string logic; this module must never touch a file.

use super::kb::is_slug;
use super::Validator;
use crate::parse::files;
use crate::secret::{is_sealed_name, SEALED_DIR};
use std::collections::{BTreeMap, HashSet};

/// One entry of an API directory as the caller's walk found it, links not
/// followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Relative to the API directory, `/`-separated: `kb/articles/x.md`.
    pub path: String,
    pub kind: EntryKind,
}

/// What an entry is on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryKind {
    /// A regular file of `size` bytes.
    File {
        size: u64,
    },
    Dir,
    /// A symbolic link, never followed; `target` as the link reads.
    Symlink {
        target: String,
    },
    /// Anything else: a fifo, a socket, a device (`what` says which).
    Special {
        what: String,
    },
    /// A directory the walk could not open, and why.
    Unlistable {
        why: String,
    },
}

/// What a file of the contract is, for its size cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// Every JSON file: the fixed files, article blocks, the search index.
    Json,
    /// An article's body, `kb/articles/<id>.md`.
    Markdown,
    /// `sealed/<name>.bin`.
    Sealed,
    /// An image under `kb/`.
    Image,
    /// A patch's file, `patches/files/<name>`: never read as text; its
    /// size is checked against the catalogue here, its SHA-256 by the CLI.
    PatchFile,
    /// A community material, `community/files/<name>` (a manual or a
    /// guide): never read as text; size and SHA-256 checked as a patch
    /// file's.
    Material,
}

const MIB: u64 = 1 << 20;

impl FileKind {
    /// The largest file of this kind that is read or allowed. Far above
    /// what any legitimate file reaches (checked against the demo API and
    /// a `portal gen-corpus` knowledge base of 10,000 articles: its
    /// `kb/articles.json` 1.9 MiB, its largest index shard 82 KiB), far
    /// below what would hurt the publisher's machine or the reader's
    /// browser.
    pub fn cap(self) -> u64 {
        match self {
            FileKind::Json => 4 * MIB,
            FileKind::Markdown => MIB,
            FileKind::Sealed => MIB,
            FileKind::Image => 2 * MIB,
            FileKind::PatchFile => 4096 * MIB,
            FileKind::Material => 256 * MIB,
        }
    }

    /// The kind a file name suggests, for a reader that has nothing else
    /// to go by (the CLI reading the private source); JSON when in doubt.
    pub fn of_name(path: &str) -> FileKind {
        if path.ends_with(".md") {
            FileKind::Markdown
        } else if path.ends_with(".bin") {
            FileKind::Sealed
        } else if is_image_name(path) {
            FileKind::Image
        } else {
            FileKind::Json
        }
    }

    fn what(self) -> &'static str {
        match self {
            FileKind::Json => "a JSON file",
            FileKind::Markdown => "an article's Markdown",
            FileKind::Sealed => "a sealed file",
            FileKind::Image => "an image",
            FileKind::PatchFile => "a patch file",
            FileKind::Material => "a community material",
        }
    }

    fn fix(self) -> &'static str {
        match self {
            FileKind::Json => "the app would load it whole: trim or split what it lists",
            FileKind::Markdown => "split the article",
            FileKind::Sealed => "no ticket or workspace `portal publish` seals is this large",
            FileKind::Image => "scale or compress it",
            FileKind::PatchFile => "split the patch into parts",
            FileKind::Material => "compress the document, or split it into volumes",
        }
    }
}

/// What the contract lets a path be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Dir,
    File(FileKind),
}

/// The extensions an image under `kb/` may have (lower-case). No SVG: it
/// is a document that can carry script, not a picture.
pub const IMAGE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "webp", "avif"];

/// The place the contract gives `path` as a directory (`is_dir`) or a
/// regular file, or what is wrong with it and what to do, for the
/// publisher. The directories above it are taken as accepted: the caller
/// judges them first, and nothing under a refused one.
pub fn place(path: &str, is_dir: bool) -> Result<Place, String> {
    let segments: Vec<&str> = path.split('/').collect();
    let name = segments.last().copied().unwrap_or_default();
    let what = if is_dir { "directory" } else { "file" };
    if name.starts_with('.') {
        return Err(format!(
            "a hidden {what}: the contract has none, and hidden files hold what must never be published (.git, .env, editor backups): remove it from the API directory"
        ));
    }
    if !plain_name(name) {
        return Err(format!(
            "a {what} name with a control character, `\\`, `%`, `:`, `?`, `#` or bytes that are not UTF-8: rename or remove it"
        ));
    }
    let kind = if FIXED_FILES.contains(&path) {
        Some(Place::File(FileKind::Json))
    } else if fixed_dirs().any(|d| d == path) {
        Some(Place::Dir)
    } else {
        match segments.as_slice() {
            ["kb", "search", file] => index_file(file).then_some(Place::File(FileKind::Json)),
            ["kb", "search", ..] => None,
            ["kb", in_kb @ ..] => kb_place(in_kb),
            ["patches", "files", file] => {
                is_patch_file_name(file).then_some(Place::File(FileKind::PatchFile))
            }
            ["community", "files", file] => {
                is_patch_file_name(file).then_some(Place::File(FileKind::Material))
            }
            [dir, file] if *dir == SEALED_DIR => {
                is_sealed_name(file).then_some(Place::File(FileKind::Sealed))
            }
            _ => None,
        }
    };
    match (kind, is_dir) {
        (Some(Place::Dir), true) => Ok(Place::Dir),
        (Some(Place::File(kind)), false) => Ok(Place::File(kind)),
        (Some(Place::File(_)), true) => Err(
            "a directory where the contract has a file: remove it (and put the file there, if it is missing)"
                .to_owned(),
        ),
        _ => Err(no_place(&segments, name, is_dir)),
    }
}

/// Why a name that is neither hidden nor oddly spelt has no place, with
/// what its directory does hold.
fn no_place(segments: &[&str], name: &str, is_dir: bool) -> String {
    let what = if is_dir { "directory" } else { "file" };
    let fix = "remove it, or keep it outside the API directory";
    match segments {
        [dir, _] if *dir == SEALED_DIR => format!(
            "no place in sealed/, which holds only the <32 lower-case hex digits>.bin files `portal publish` writes: {fix}"
        ),
        ["kb", "search", _] => format!(
            "no place in kb/search/, which holds only the index `portal index` writes (meta.json, shard-<n>.json, pos-<n>.json, docs-<k>.json): {fix}"
        ),
        _ if !is_dir && name.ends_with(".bin") => format!(
            "a .bin file outside sealed/: sealed files live only in sealed/, named by `portal publish`: {fix}"
        ),
        _ if !is_dir && (name.ends_with(".br") || name.ends_with(".gz")) => {
            "a pre-compressed copy, which the host would serve in place of the file though validate cannot see inside it: remove it, and compress only what was validated (`scripts/precompress.sh` is the last step of a release build)".to_owned()
        }
        ["patches", "files", _] if !is_dir => format!(
            "not a patch file name: patches/files/ holds the files patches.json lists, named with letters, digits, '.', '_' and '-' (at most {PATCH_FILE_NAME_MAX}): {fix}"
        ),
        ["kb", "articles", _] if name.ends_with(".md") || name.ends_with(".json") => {
            "not an article file: kb/articles/ holds <id>.md and <id>.json with ids of a-z, 0-9 and '-': rename it to its article's id, or remove it".to_owned()
        }
        ["kb", ..] => format!(
            "no place under kb/, which holds the article files, images ({}) and folders of images: {fix}",
            IMAGE_EXTENSIONS
                .iter()
                .map(|e| format!(".{e}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        _ => format!("a {what} with no place in the API contract (docs/api.md): {fix}"),
    }
}

/// The JSON files every API directory has.
const FIXED_FILES: &[&str] = &[
    files::META,
    files::PRODUCTS,
    files::PATCHES,
    files::KB_CATEGORIES,
    files::KB_ARTICLES,
    files::SLA_POLICY,
    files::CALENDAR,
    files::SERVICES,
    files::STATIONS,
    files::ENGINEERS,
    files::COURSES,
    files::TERMS,
    files::COMMUNITY,
    files::SEARCH_META,
];

/// The directories of the contract: those holding the fixed files, the
/// article and index directories, and `sealed/`.
fn fixed_dirs() -> impl Iterator<Item = &'static str> {
    FIXED_FILES
        .iter()
        .filter_map(|f| f.rsplit_once('/').map(|(dir, _)| dir))
        .chain([files::KB_ARTICLE_DIR, files::SEARCH_DIR, SEALED_DIR])
        .chain(["patches", files::PATCH_FILES_DIR])
        .chain(["community", files::COMMUNITY_FILES_DIR])
}

/// The longest patch file name (`patches/files/<name>`).
pub const PATCH_FILE_NAME_MAX: usize = 100;

/// A patch file's name: letters, digits, `.`, `_` and `-`, not starting
/// with a dot, at most [`PATCH_FILE_NAME_MAX`] bytes. It is a path segment
/// of the download URL and the name the browser saves the file under, so
/// nothing in it needs escaping and it cannot climb out of `patches/files/`.
pub fn is_patch_file_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= PATCH_FILE_NAME_MAX
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// The place of a path under `kb/` (given without `kb/`) outside the
/// index: an article's files in `articles/`; images, and folders of
/// images, anywhere.
fn kb_place(in_kb: &[&str]) -> Option<Place> {
    let name = in_kb.last()?;
    if let ["articles", file] = in_kb {
        if let Some(kind) = article_file(file) {
            return Some(Place::File(kind));
        }
    }
    if is_image_name(name) {
        Some(Place::File(FileKind::Image))
    } else if image_folder(name) {
        Some(Place::Dir)
    } else {
        None
    }
}

/// `<slug>.md` or `<slug>.json` in `kb/articles/`.
fn article_file(name: &str) -> Option<FileKind> {
    if let Some(id) = name.strip_suffix(".md") {
        is_slug(id).then_some(FileKind::Markdown)
    } else if let Some(id) = name.strip_suffix(".json") {
        is_slug(id).then_some(FileKind::Json)
    } else {
        None
    }
}

/// `shard-<n>.json`, `pos-<n>.json` or `docs-<k>.json` (the index's
/// `meta.json` is a fixed file), `n` written as `portal index` writes it.
fn index_file(name: &str) -> bool {
    ["shard-", "pos-", "docs-"].iter().any(|prefix| {
        name.strip_prefix(prefix)
            .and_then(|rest| rest.strip_suffix(".json"))
            .is_some_and(|n| n.parse::<u32>().is_ok_and(|v| v.to_string() == n))
    })
}

fn is_image_name(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty() && !stem.ends_with('/') && IMAGE_EXTENSIONS.contains(&ext)
    })
}

/// A folder of images: any plain name that is not the name of a file of
/// the contract.
fn image_folder(name: &str) -> bool {
    ![".json", ".md", ".bin"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

/// A name an image path can reach (`markdown::safe_image` judges the
/// published, percent-encoded form the same way): no control character and
/// none of `\ % : ? #`. U+FFFD stands for bytes that were not UTF-8.
fn plain_name(name: &str) -> bool {
    !name.is_empty()
        && !name
            .chars()
            .any(|c| matches!(c, '\\' | '%' | ':' | '?' | '#' | '\u{FFFD}') || c.is_control())
}

/// `4 MiB`, `512 KiB`, `300 bytes`.
fn size(bytes: u64) -> String {
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{} KiB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

/// What the tree check leaves the other checks: which files may be read,
/// what each directory lists, and what was refused (never read, nor
/// anything under it).
#[derive(Debug, Default)]
pub(super) struct Tree {
    readable: HashSet<String>,
    refused: HashSet<String>,
    /// Directory → the names in it that have a place there, refused for
    /// their kind or size or not.
    listed: BTreeMap<String, Vec<String>>,
    /// The size of each regular file that has its place and is not refused.
    sizes: BTreeMap<String, u64>,
}

impl Tree {
    /// `path` or a directory above it was refused.
    pub(super) fn refused(&self, path: &str) -> bool {
        std::iter::successors(Some(path), |p| p.rsplit_once('/').map(|(dir, _)| dir))
            .any(|p| self.refused.contains(p))
    }

    pub(super) fn readable(&self, path: &str) -> bool {
        self.readable.contains(path)
    }

    /// The names in `dir` that have a place there.
    pub(super) fn list(&self, dir: &str) -> Vec<String> {
        self.listed.get(dir).cloned().unwrap_or_default()
    }

    /// The size of a regular file that has its place, `None` when there is
    /// none (or it was refused).
    pub(super) fn size(&self, path: &str) -> Option<u64> {
        self.sizes.get(path).copied()
    }
}

impl Validator<'_> {
    /// Judges every entry (in path order, each directory before what it
    /// holds), reports what has no place, what is not a regular file or
    /// directory, and what is over its cap, and keeps the outcome for the
    /// reads that follow.
    pub(super) fn check_tree(&mut self, mut entries: Vec<Entry>) -> Tree {
        entries.sort_by(|a, b| a.path.split('/').cmp(b.path.split('/')));
        let mut tree = Tree::default();
        for Entry { path, kind } in entries {
            if tree.refused(&path) {
                continue;
            }
            let in_place = |is_dir| place(&path, is_dir);
            let problem = match &kind {
                EntryKind::Symlink { target } => Some(format!(
                    "a symbolic link (to `{target}`): links are never followed, and the host refuses them; put the file itself here, or remove the link"
                )),
                EntryKind::Special { what } => Some(format!(
                    "a {what}, not a regular file: it has no place in an API directory; remove it"
                )),
                EntryKind::Unlistable { why } => Some(format!(
                    "a directory that cannot be listed ({why}): nothing in it was checked; make it readable, or remove it"
                )),
                EntryKind::Dir => in_place(true).err(),
                EntryKind::File { size: bytes } => match in_place(false) {
                    Ok(Place::File(kind)) if *bytes > kind.cap() => Some(format!(
                        "{bytes} bytes, larger than the {} {} may be: not read; {}",
                        size(kind.cap()),
                        kind.what(),
                        kind.fix()
                    )),
                    Ok(_) => None,
                    Err(message) => Some(message),
                },
            };
            let listed = match &kind {
                EntryKind::File { .. } | EntryKind::Symlink { .. } | EntryKind::Special { .. } => {
                    matches!(in_place(false), Ok(Place::File(_)))
                }
                _ => false,
            };
            if listed {
                let (dir, name) = path.rsplit_once('/').unwrap_or(("", &path));
                tree.listed
                    .entry(dir.to_owned())
                    .or_default()
                    .push(name.to_owned());
            }
            match problem {
                Some(message) => {
                    self.problem(&path, "$", message);
                    tree.refused.insert(path);
                }
                None => {
                    if let EntryKind::File { size } = kind {
                        tree.sizes.insert(path.clone(), size);
                        tree.readable.insert(path);
                    }
                }
            }
        }
        tree
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str) -> Result<Place, String> {
        place(path, false)
    }

    fn dir(path: &str) -> Result<Place, String> {
        place(path, true)
    }

    #[test]
    fn every_fixed_file_of_the_contract_has_its_place() {
        for path in [
            "meta.json",
            "products.json",
            "patches.json",
            "services.json",
            "stations.json",
            "engineers.json",
            "courses.json",
            "terms.json",
            "sla/policy.json",
            "sla/calendar.json",
            "kb/categories.json",
            "kb/articles.json",
            "kb/search/meta.json",
        ] {
            assert_eq!(file(path), Ok(Place::File(FileKind::Json)), "{path}");
        }
        for path in ["kb", "kb/articles", "kb/search", "sla", "sealed"] {
            assert_eq!(dir(path), Ok(Place::Dir), "{path}");
        }
    }

    #[test]
    fn article_files_are_named_by_a_slug() {
        assert_eq!(
            file("kb/articles/sr-smtp-535.md"),
            Ok(Place::File(FileKind::Markdown))
        );
        assert_eq!(
            file("kb/articles/sr-smtp-535.json"),
            Ok(Place::File(FileKind::Json))
        );
        for bad in [
            "kb/articles/SR.md",
            "kb/articles/a b.json",
            "kb/articles/.md",
        ] {
            assert!(file(bad).is_err(), "{bad}");
        }
        assert!(file("kb/articles/SR.md")
            .unwrap_err()
            .starts_with("not an article file"));
    }

    #[test]
    fn the_search_index_holds_only_its_own_files() {
        for ok in [
            "kb/search/shard-0.json",
            "kb/search/pos-31.json",
            "kb/search/docs-2.json",
        ] {
            assert_eq!(file(ok), Ok(Place::File(FileKind::Json)), "{ok}");
        }
        for bad in [
            "kb/search/shard-01.json",
            "kb/search/shard-.json",
            "kb/search/shard-x.json",
            "kb/search/notes.txt",
            "kb/search/q.png",
        ] {
            assert!(file(bad).unwrap_err().contains("kb/search/"), "{bad}");
        }
        assert!(dir("kb/search/images").is_err());
    }

    #[test]
    fn sealed_holds_only_32_lower_hex_digits_dot_bin() {
        let name = "47a618b2536939cbc78dca205c2b8e74";
        assert_eq!(
            file(&format!("sealed/{name}.bin")),
            Ok(Place::File(FileKind::Sealed))
        );
        for bad in [
            format!("sealed/{}.bin", name.to_uppercase()),
            format!("sealed/{name}.json"),
            format!("sealed/{}.bin", &name[1..]),
            "sealed/notes.txt".to_owned(),
        ] {
            assert!(file(&bad).unwrap_err().contains("sealed/"), "{bad}");
        }
        assert!(dir("sealed/more").is_err());
    }

    #[test]
    fn a_bin_file_outside_sealed_is_refused_as_such() {
        for bad in [
            format!("{}.bin", "ab".repeat(16)),
            format!("kb/articles/{}.bin", "ab".repeat(16)),
            "sla/x.bin".to_owned(),
        ] {
            let message = file(&bad).unwrap_err();
            assert!(
                message.starts_with("a .bin file outside sealed/"),
                "{bad}: {message}"
            );
        }
    }

    #[test]
    fn images_live_in_folders_under_kb_outside_the_index() {
        for ok in [
            "kb/articles/images/queue.png",
            "kb/articles/q.jpg",
            "kb/shared/队列.webp",
            "kb/q.gif",
        ] {
            assert_eq!(file(ok), Ok(Place::File(FileKind::Image)), "{ok}");
        }
        for ok in ["kb/articles/images", "kb/shared", "kb/shared/2026"] {
            assert_eq!(dir(ok), Ok(Place::Dir), "{ok}");
        }
        for bad in [
            "q.png",
            "sla/q.png",
            "kb/search/q.png",
            "kb/x.svg",
            "kb/x.PNG",
            "kb/.png",
            "kb/notes.txt",
            "kb/shared",
        ] {
            assert!(file(bad).is_err(), "{bad}");
        }
        assert!(dir("kb/articles.json").is_err());
        assert!(dir("kb/shared/x.md").is_err());
    }

    #[test]
    fn hidden_names_are_refused_wherever_they_are() {
        for (path, is_dir) in [
            (".env", false),
            (".git", true),
            ("kb/.DS_Store", false),
            ("kb/articles/.x.md.swp", false),
            ("sealed/.keep", false),
        ] {
            assert!(
                place(path, is_dir).unwrap_err().starts_with("a hidden"),
                "{path}"
            );
        }
    }

    #[test]
    fn names_with_control_characters_or_escapes_are_refused() {
        for bad in [
            "kb/a\nb.png",
            "kb/a%2e.png",
            "kb/a\\b.png",
            "kb/c:.png",
            "kb/\u{FFFD}.png",
        ] {
            assert!(file(bad).unwrap_err().contains("rename"), "{bad:?}");
        }
    }

    #[test]
    fn anything_else_has_no_place() {
        for bad in ["notes.txt", "META.JSON", "meta.json.bak", "tickets/x.json"] {
            assert!(file(bad).unwrap_err().contains("no place"), "{bad}");
        }
        assert!(dir("tickets").unwrap_err().contains("no place"));
        assert!(dir("meta.json")
            .unwrap_err()
            .starts_with("a directory where the contract has a file"));
        assert!(file("kb").is_err());
    }

    #[test]
    fn a_precompressed_copy_is_refused_with_the_reason() {
        assert!(file("meta.json.br")
            .unwrap_err()
            .starts_with("a pre-compressed copy"));
        assert!(file("kb/articles.json.gz").is_err());
    }

    #[test]
    fn caps_by_kind_and_by_name() {
        assert_eq!(FileKind::Json.cap(), 4 << 20);
        assert_eq!(FileKind::Markdown.cap(), 1 << 20);
        assert_eq!(FileKind::Sealed.cap(), 1 << 20);
        assert_eq!(FileKind::Image.cap(), 2 << 20);
        assert_eq!(FileKind::of_name("kb/articles/x.md"), FileKind::Markdown);
        assert_eq!(FileKind::of_name("sealed/x.bin"), FileKind::Sealed);
        assert_eq!(FileKind::of_name("workspaces/x.json"), FileKind::Json);
        assert_eq!(size(4 << 20), "4 MiB");
        assert_eq!(size(512 << 10), "512 KiB");
        assert_eq!(size(1536), "1536 bytes");
    }
}
