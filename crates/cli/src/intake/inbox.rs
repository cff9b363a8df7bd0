//! The inbox: one file per accepted submission, `<inbox>/<id>.json`, and
//! nothing else once a write is finished.
//!
//! A submission is accepted only once its file is durable: written to
//! `.tmp-<id>-<pid>` in the same directory, the file flushed to disk, renamed
//! to `<id>.json`, and the directory flushed (so the rename survives a power
//! cut). A crash before the rename leaves only the temporary file: the
//! submission was not accepted (the client got no 2xx and sends it again),
//! the file is never read as a submission, and the next start removes it.
//! One intake per inbox: a second one would remove the first's unfinished
//! writes at its start, so the first holds an exclusive lock on the
//! directory (flock; released when it exits, even killed) and a second one
//! stops at its start, saying so.

use portal_core::submission::Submission;
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The prefix of unfinished writes.
const TMP_PREFIX: &str = ".tmp-";

pub struct Inbox {
    dir: PathBuf,
    /// One store at a time: "is it there? then write it" must not interleave.
    lock: Mutex<()>,
    /// The directory, locked for this process's lifetime.
    _held: File,
}

/// What storing a submission came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// A new id, now on disk.
    New,
    /// This id was accepted before with the same content.
    Repeat,
    /// This id was accepted before with other content; nothing written.
    Conflict,
}

impl Inbox {
    /// Opens (creating it if needed) an inbox directory, checks that it can
    /// be written, and removes the unfinished writes of an earlier run:
    /// the inbox, and how many were removed.
    pub fn open(dir: &Path) -> Result<(Inbox, usize), String> {
        let shown = dir.display();
        fs::create_dir_all(dir).map_err(|e| format!("inbox {shown}: cannot create it: {e}"))?;
        let held = File::open(dir).map_err(|e| format!("inbox {shown}: {e}"))?;
        match held.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                return Err(format!(
                    "inbox {shown}: another `portal intake` is using it; one intake per inbox \
                     (give this one its own --dir, or stop the other)"
                ))
            }
            Err(fs::TryLockError::Error(e)) => {
                return Err(format!("inbox {shown}: cannot lock it: {e}"))
            }
        }
        let probe = dir.join(format!("{TMP_PREFIX}probe-{}", std::process::id()));
        File::create(&probe)
            .and_then(|mut f| f.write_all(b"probe"))
            .and_then(|()| fs::remove_file(&probe))
            .map_err(|e| format!("inbox {shown}: not writable: {e}"))?;
        let mut removed = 0;
        for entry in fs::read_dir(dir).map_err(|e| format!("inbox {shown}: {e}"))? {
            let entry = entry.map_err(|e| format!("inbox {shown}: {e}"))?;
            if entry.file_name().to_string_lossy().starts_with(TMP_PREFIX) {
                let path = entry.path();
                fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                removed += 1;
            }
        }
        Ok((
            Inbox {
                dir: dir.to_path_buf(),
                lock: Mutex::new(()),
                _held: held,
            },
            removed,
        ))
    }

    /// Stores an accepted submission unless its id is there already. The
    /// id is a checked UUID (`submission::check`), so it is a safe name.
    pub fn store(&self, s: &Submission) -> Result<Stored, String> {
        let canonical = serde_json::to_string(s).map_err(|e| e.to_string())?;
        let path = self.dir.join(format!("{}.json", s.id));
        let _one_at_a_time = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        match fs::read_to_string(&path) {
            Ok(text) => {
                let before: Submission = portal_core::parse_json(&path.to_string_lossy(), &text)
                    .map_err(|e| e.to_string())?;
                let same = serde_json::to_string(&before).map_err(|e| e.to_string())? == canonical;
                return Ok(if same {
                    Stored::Repeat
                } else {
                    Stored::Conflict
                });
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(format!("{}: {e}", path.display())),
        }
        let mut pretty = serde_json::to_vec_pretty(s).map_err(|e| e.to_string())?;
        pretty.push(b'\n');
        let tmp = self
            .dir
            .join(format!("{TMP_PREFIX}{}-{}", s.id, std::process::id()));
        let written = write_durably(&tmp, &path, &self.dir, &pretty);
        if written.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        written.map(|()| Stored::New)
    }
}

/// `bytes` to `tmp`, flushed, renamed to `path`, the directory flushed.
fn write_durably(tmp: &Path, path: &Path, dir: &Path, bytes: &[u8]) -> Result<(), String> {
    let at = |p: &Path| {
        let p = p.display().to_string();
        move |e: std::io::Error| format!("{p}: {e}")
    };
    let mut file = File::create(tmp).map_err(at(tmp))?;
    file.write_all(bytes).map_err(at(tmp))?;
    file.sync_all().map_err(at(tmp))?;
    drop(file);
    fs::rename(tmp, path).map_err(at(path))?;
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(at(dir))?;
    Ok(())
}
