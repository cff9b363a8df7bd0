//! `portal publish` and `portal validate --private` over copies of the demo
//! API and its private source: sealed files that are missing, stale,
//! tampered with or foreign are each reported, and a bad source publishes
//! nothing.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(dir)
}

fn portal(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_portal"))
        .args(args)
        .output()
        .expect("the portal binary runs")
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Copies of `public/api` and `demo/private` in a temp directory.
struct Fixture(PathBuf);

impl Fixture {
    fn new(name: &str) -> Fixture {
        let dir =
            std::env::temp_dir().join(format!("portal-publish-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        copy_dir(&repo("public/api"), &dir.join("api"));
        copy_dir(&repo("demo/private"), &dir.join("private"));
        Fixture(dir)
    }

    fn api(&self) -> String {
        self.0.join("api").display().to_string()
    }

    fn private(&self) -> String {
        self.0.join("private").display().to_string()
    }

    fn validate(&self) -> Output {
        portal(&["validate", &self.api(), "--private", &self.private()])
    }

    fn publish(&self) -> Output {
        portal(&["publish", &self.private(), &self.api()])
    }

    fn edit_private(&self, file: &str, edit: impl FnOnce(&mut serde_json::Value)) {
        let path = self.0.join("private").join(file);
        let mut value: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        edit(&mut value);
        fs::write(&path, serde_json::to_string_pretty(&value).unwrap()).unwrap();
    }

    fn sealed(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = fs::read_dir(self.0.join("api/sealed"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        files
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_shipped_sealed_files_are_what_the_demo_source_publishes() {
    let fx = Fixture::new("fresh");
    let before: Vec<Vec<u8>> = fx.sealed().iter().map(|f| fs::read(f).unwrap()).collect();
    let out = fx.publish();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after: Vec<Vec<u8>> = fx.sealed().iter().map(|f| fs::read(f).unwrap()).collect();
    assert_eq!(
        before, after,
        "publishing the same source twice writes the same bytes"
    );
    assert_eq!(
        fx.validate().status.code(),
        Some(0),
        "{}",
        stdout(&fx.validate())
    );
}

#[test]
fn a_tampered_sealed_file_is_reported_with_its_source() {
    let fx = Fixture::new("tampered");
    let file = fx.sealed()[0].clone();
    let mut bytes = fs::read(&file).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 1;
    fs::write(&file, bytes).unwrap();
    let out = fx.validate();
    assert_eq!(out.status.code(), Some(1));
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        stdout(&out).contains(&format!(
            "sealed/{name}: $: does not open with the key its source implies"
        )),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_change_in_the_source_makes_the_sealed_file_stale_until_published() {
    let fx = Fixture::new("stale");
    fx.edit_private("tickets/CM2026-001244.json", |v| {
        v["ticket"]["title"] = "另一个标题".into()
    });
    let out = fx.validate();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("opens, but is stale (sealed from")
            && stdout(&out).contains("tickets/CM2026-001244.json differs): run `portal publish`"),
        "{}",
        stdout(&out)
    );
    assert!(fx.publish().status.success());
    assert_eq!(
        fx.validate().status.code(),
        Some(0),
        "{}",
        stdout(&fx.validate())
    );
}

#[test]
fn foreign_and_missing_sealed_files_are_reported_and_publish_removes_the_foreign() {
    let fx = Fixture::new("foreign");
    let foreign = fx.0.join("api/sealed/00112233445566778899aabbccddeeff.bin");
    fs::write(&foreign, b"CMS2 whatever").unwrap();
    let gone = fx.sealed()[1].clone();
    fs::remove_file(&gone).unwrap();
    let out = stdout(&fx.validate());
    assert!(
        out.contains("sealed/00112233445566778899aabbccddeeff.bin: $: no file of the private source seals to this name"),
        "{out}"
    );
    let gone_name = gone.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        out.contains(&format!("sealed/{gone_name}: $: missing (sealed from")),
        "{out}"
    );
    assert!(fx.publish().status.success());
    assert!(!foreign.exists());
    assert!(gone.exists());
}

#[test]
fn a_patterned_access_key_publishes_nothing() {
    let fx = Fixture::new("patterned");
    fx.edit_private("workspaces/huanan.json", |v| {
        v["access_key"] = "HUANA-NHUAN-ANHUA-NHUAN-ANHUA-NHUAN".into()
    });
    let before = fx.sealed();
    let out = fx.publish();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out)
            .contains("workspaces/huanan.json: $.access_key: not a usable customer access key"),
        "{}",
        stdout(&out)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing published"));
    assert_eq!(fx.sealed(), before);
}

#[test]
fn a_ticket_sealed_for_one_workspace_is_listed_in_that_workspace_only() {
    // Moving a ticket to another workspace changes two workspace files and
    // no ticket file.
    let fx = Fixture::new("move");
    let before: Vec<(PathBuf, Vec<u8>)> = fx
        .sealed()
        .into_iter()
        .map(|f| (f.clone(), fs::read(&f).unwrap()))
        .collect();
    fx.edit_private("tickets/CM2026-001244.json", |v| {
        v["workspace"] = "xibu".into()
    });
    assert!(fx.publish().status.success());
    let changed = before
        .iter()
        .filter(|(f, bytes)| fs::read(f).unwrap() != *bytes)
        .count();
    assert_eq!(changed, 2);
}
