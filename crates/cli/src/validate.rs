//! `portal validate`: the core's validation of the static API over a
//! directory on disk. Prints each problem on stdout, a summary on stderr.
//!
//! The directory is walked without following a single link
//! (`symlink_metadata`), so the core can judge every entry against the
//! contract's allow-list before anything is read; a file is read only after
//! its size on disk is known to be within its cap.

use portal_core::validate::tree::FileKind;
use portal_core::validate::{validate, ApiSource, ApiTree, Entry, EntryKind, Problem};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exits 0 when `dir` is valid, 1 when it has problems, 2 when it is not a
/// directory.
pub fn run(dir: &Path, private: Option<&Path>) -> ExitCode {
    for d in std::iter::once(dir).chain(private) {
        if !d.is_dir() {
            eprintln!("{}: not a directory", d.display());
            return ExitCode::from(2);
        }
    }
    let mut problems = validate(&DirSource(dir.to_path_buf()), &crate::markdown::to_blocks);
    problems.extend(patch_digests(dir));
    problems.extend(material_digests(dir));
    if let Some(private) = private {
        problems.extend(crate::publish::check(private, dir));
    }
    for p in &problems {
        println!("{p}");
    }
    if problems.is_empty() {
        eprintln!("{}: valid", dir.display());
        ExitCode::SUCCESS
    } else {
        eprintln!("{}: {} problem(s)", dir.display(), problems.len());
        ExitCode::FAILURE
    }
}

/// An API directory on disk.
pub struct DirSource(pub PathBuf);

impl ApiSource for DirSource {
    /// Reads a regular file (never through a link at its own name) of at
    /// most its kind's cap, checked on the metadata before reading and
    /// again while reading, in case it grows in between.
    fn read(&self, path: &str) -> Result<Option<String>, String> {
        let full = self.0.join(path);
        let meta = match fs::symlink_metadata(&full) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e.to_string()),
        };
        if !meta.is_file() {
            return Err("not a regular file (a link, a directory or a device): not read".into());
        }
        let cap = FileKind::of_name(path).cap();
        let too_large = || format!("larger than the {cap} bytes a file of its kind may be");
        if meta.len() > cap {
            return Err(too_large());
        }
        let mut text = String::new();
        fs::File::open(&full)
            .and_then(|f| f.take(cap + 1).read_to_string(&mut text))
            .map_err(|e| e.to_string())?;
        if text.len() as u64 > cap {
            return Err(too_large());
        }
        Ok(Some(text))
    }

    fn list(&self, dir: &str) -> Result<Vec<String>, String> {
        let entries = match fs::read_dir(self.0.join(dir)) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e.to_string()),
        };
        let mut names = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| e.to_string())?;
            if entry.file_type().map_err(|e| e.to_string())?.is_file() {
                names.push(entry.file_name().to_string_lossy().into_owned());
            }
        }
        Ok(names)
    }
}

impl ApiTree for DirSource {
    /// Every entry under the directory, depth first with a stack of its own
    /// (a hostile tree may nest deeper than the call stack would go). Each
    /// is looked at with `symlink_metadata`: a link is reported as one,
    /// never entered or read through. A name that is not UTF-8 keeps its
    /// bytes as U+FFFD, which the core refuses.
    fn entries(&self) -> Result<Vec<Entry>, String> {
        let mut entries = Vec::new();
        let mut dirs = vec![String::new()];
        while let Some(dir) = dirs.pop() {
            let listing = match fs::read_dir(self.0.join(&dir)) {
                Ok(listing) => listing,
                Err(e) if dir.is_empty() => return Err(e.to_string()),
                Err(e) => {
                    entries.push(Entry {
                        path: dir,
                        kind: EntryKind::Unlistable { why: e.to_string() },
                    });
                    continue;
                }
            };
            if !dir.is_empty() {
                entries.push(Entry {
                    path: dir.clone(),
                    kind: EntryKind::Dir,
                });
            }
            for item in listing {
                let item = item.map_err(|e| format!("{dir}: {e}"))?;
                let name = item.file_name().to_string_lossy().into_owned();
                let path = if dir.is_empty() {
                    name
                } else {
                    format!("{dir}/{name}")
                };
                let full = item.path();
                let meta = match fs::symlink_metadata(&full) {
                    Ok(meta) => meta,
                    // Gone since the directory was read.
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                    Err(e) => return Err(format!("{path}: {e}")),
                };
                let kind = meta.file_type();
                if kind.is_dir() {
                    dirs.push(path);
                    continue;
                }
                let kind = if kind.is_symlink() {
                    let target = fs::read_link(&full)
                        .map(|t| t.to_string_lossy().into_owned())
                        .unwrap_or_else(|e| format!("unreadable: {e}"));
                    EntryKind::Symlink { target }
                } else if kind.is_file() {
                    EntryKind::File { size: meta.len() }
                } else {
                    EntryKind::Special {
                        what: special_kind(&kind).to_owned(),
                    }
                };
                entries.push(Entry { path, kind });
            }
        }
        Ok(entries)
    }
}

/// What a file that is neither a regular file, a directory nor a link is.
#[cfg(unix)]
fn special_kind(kind: &fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "fifo"
    } else if kind.is_socket() {
        "socket"
    } else if kind.is_block_device() {
        "block device"
    } else if kind.is_char_device() {
        "character device"
    } else {
        "special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &fs::FileType) -> &'static str {
    "special file"
}

/// Each published patch file (`patches/files/<name>`) has the SHA-256 the
/// catalogue gives, which the app shows and checks a download against.
/// Only the files the core's checks left standing: a regular file of the
/// listed size under a proper name (the rest is reported there). Hashed as
/// a stream: patch files can be far larger than memory should hold.
fn patch_digests(dir: &Path) -> Vec<Problem> {
    use portal_core::parse::files;
    use portal_core::validate::tree::is_patch_file_name;
    let Ok(text) = fs::read_to_string(dir.join(files::PATCHES)) else {
        return Vec::new();
    };
    let Ok(patches) = serde_json::from_str::<Vec<portal_core::model::Patch>>(&text) else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    for (i, p) in patches.iter().enumerate() {
        if !is_patch_file_name(&p.file.name) {
            continue;
        }
        let path = dir.join(files::PATCH_FILES_DIR).join(&p.file.name);
        let regular =
            fs::symlink_metadata(&path).is_ok_and(|m| m.is_file() && m.len() == p.file.size_bytes);
        if !regular {
            continue;
        }
        let digest = sha256_file(&path);
        let message = match digest {
            Ok(actual) => {
                (actual != p.file.sha256).then(|| {
                    format!(
                        "{}, but {}/{} has SHA-256 {actual}: publish the right file, or correct the catalogue",
                        p.file.sha256,
                        files::PATCH_FILES_DIR,
                        p.file.name
                    )
                })
            }
            Err(e) => Some(format!("cannot be read: {e}")),
        };
        if let Some(message) = message {
            problems.push(Problem {
                file: files::PATCHES.to_owned(),
                path: format!("$[{i}].file.sha256"),
                message,
            });
        }
    }
    problems
}

/// The lower-case hex SHA-256 of a file, read as a stream.
fn sha256_file(path: &Path) -> std::io::Result<String> {
    use sha2::{Digest, Sha256};
    let mut f = fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// Each community material (`community/files/<name>`) has the SHA-256
/// `community.json` gives, which the materials list shows for the reader
/// to check a download against. As [`patch_digests`]: only files the
/// core's checks left standing.
fn material_digests(dir: &Path) -> Vec<Problem> {
    use portal_core::parse::files;
    use portal_core::validate::tree::is_patch_file_name;
    let Ok(text) = fs::read_to_string(dir.join(files::COMMUNITY)) else {
        return Vec::new();
    };
    let Ok(community) = serde_json::from_str::<portal_core::model::Community>(&text) else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    for (i, m) in community.materials.iter().enumerate() {
        if !is_patch_file_name(&m.file.name) {
            continue;
        }
        let path = dir.join(files::COMMUNITY_FILES_DIR).join(&m.file.name);
        let regular = fs::symlink_metadata(&path)
            .is_ok_and(|md| md.is_file() && md.len() == m.file.size_bytes);
        if !regular {
            continue;
        }
        let message = match sha256_file(&path) {
            Ok(actual) => (actual != m.file.sha256).then(|| {
                format!(
                    "{}, but {}/{} has SHA-256 {actual}: publish the right file, or correct community.json",
                    m.file.sha256,
                    files::COMMUNITY_FILES_DIR,
                    m.file.name
                )
            }),
            Err(e) => Some(format!("cannot be read: {e}")),
        };
        if let Some(message) = message {
            problems.push(Problem {
                file: files::COMMUNITY.to_owned(),
                path: format!("$.materials[{i}].file.sha256"),
                message,
            });
        }
    }
    problems
}
