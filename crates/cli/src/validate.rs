//! `portal validate`: the core's validation of the static API over a
//! directory on disk. Prints each problem on stdout, a summary on stderr.

use portal_core::validate::{validate, ApiSource};
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
    fn read(&self, path: &str) -> Result<Option<String>, String> {
        match std::fs::read_to_string(self.0.join(path)) {
            Ok(text) => Ok(Some(text)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.to_string()),
        }
    }

    fn list(&self, dir: &str) -> Result<Vec<String>, String> {
        let entries = match std::fs::read_dir(self.0.join(dir)) {
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
