//! `portal publish <private-src> <api-dir>`: checks the private source and
//! seals it into `<api-dir>/sealed/`, and the check `portal validate
//! --private` runs: every file the source implies is there and opens to
//! exactly what the source says, and nothing else is in `sealed/`.

use crate::sealing::{self, Derived};
use crate::validate::DirSource;
use portal_core::secret::SEALED_DIR;
use portal_core::validate::{validate_private, Problem, ToSeal};
use std::collections::BTreeSet;
use std::path::Path;

/// What publishing wrote.
pub struct Published {
    pub tickets: usize,
    pub workspaces: usize,
    pub removed: Vec<String>,
}

/// The private source's problems (file names prefixed with the source
/// directory), or what to seal.
fn plan(private: &Path, api: &Path) -> Result<Vec<(ToSeal, Derived)>, Vec<Problem>> {
    let (problems, sealed) = validate_private(
        &DirSource(api.to_path_buf()),
        &DirSource(private.to_path_buf()),
    );
    if !problems.is_empty() {
        return Err(problems
            .into_iter()
            .map(|p| Problem {
                file: format!("{}/{}", private.display(), p.file),
                ..p
            })
            .collect());
    }
    Ok(sealed
        .into_iter()
        .map(|s| {
            let d = sealing::derive(&s.secret, &s.labels());
            (s, d)
        })
        .collect())
}

/// Seals every ticket and workspace, writes each file (atomically: a
/// temporary file renamed into place) and removes sealed files that the
/// source no longer implies. Refuses, writing nothing, when the source has
/// problems.
pub fn publish(private: &Path, api: &Path) -> Result<Result<Published, Vec<Problem>>, String> {
    let planned = match plan(private, api) {
        Ok(p) => p,
        Err(problems) => return Ok(Err(problems)),
    };
    let dir = api.join(SEALED_DIR);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut written = BTreeSet::new();
    let (mut tickets, mut workspaces) = (0, 0);
    for (s, d) in &planned {
        let bytes = sealing::seal(d, &s.json);
        let path = api.join(&d.file);
        let same = std::fs::read(&path).is_ok_and(|old| old == bytes);
        if !same {
            let tmp = path.with_extension("bin.tmp");
            std::fs::write(&tmp, &bytes).map_err(|e| format!("{}: {e}", tmp.display()))?;
            std::fs::rename(&tmp, &path).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        written.insert(d.file.clone());
        if s.number.is_some() {
            tickets += 1;
        } else {
            workspaces += 1;
        }
    }
    let mut removed = Vec::new();
    for name in sealed_names(api)? {
        let file = format!("{SEALED_DIR}/{name}");
        if !written.contains(&file) {
            let path = api.join(&file);
            std::fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            removed.push(file);
        }
    }
    Ok(Ok(Published {
        tickets,
        workspaces,
        removed,
    }))
}

/// `portal validate --private`: problems of the source, then of the sealed
/// files against it.
pub fn check(private: &Path, api: &Path) -> Vec<Problem> {
    let planned = match plan(private, api) {
        Ok(p) => p,
        Err(problems) => return problems,
    };
    let mut problems = Vec::new();
    let problem = |file: &str, message: String| Problem {
        file: file.to_owned(),
        path: "$".to_owned(),
        message,
    };
    let mut expected = BTreeSet::new();
    for (s, d) in &planned {
        expected.insert(d.file.clone());
        let what = format!("sealed from {}/{}", private.display(), s.source);
        match std::fs::read(api.join(&d.file)) {
            Err(_) => problems.push(problem(
                &d.file,
                format!("missing ({what}): run `portal publish`"),
            )),
            Ok(bytes) => match sealing::open(d, &bytes) {
                Err(e) => problems.push(problem(&d.file, format!("{e} ({what})"))),
                Ok(text) => {
                    let same = serde_json::from_str::<serde_json::Value>(&text).ok()
                        == serde_json::from_str::<serde_json::Value>(&s.json).ok();
                    if !same {
                        problems.push(problem(
                            &d.file,
                            format!("opens, but is stale ({what} differs): run `portal publish`"),
                        ));
                    }
                }
            },
        }
    }
    match sealed_names(api) {
        Err(e) => problems.push(problem(SEALED_DIR, e)),
        Ok(names) => {
            for name in names {
                let file = format!("{SEALED_DIR}/{name}");
                if !expected.contains(&file) {
                    problems.push(problem(
                        &file,
                        "no file of the private source seals to this name: stale or foreign (`portal publish` removes it)".to_owned(),
                    ));
                }
            }
        }
    }
    problems
}

/// The names in `<api>/sealed/` (empty when it does not exist).
fn sealed_names(api: &Path) -> Result<Vec<String>, String> {
    let dir = api.join(SEALED_DIR);
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(format!("{}: {e}", dir.display())),
    };
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| e.to_string())?;
        names.push(entry.file_name().to_string_lossy().into_owned());
    }
    names.sort();
    Ok(names)
}
