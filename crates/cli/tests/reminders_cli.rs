//! `portal reminders`: the reminders centre from the command line, on the
//! demo API and the huanan workspace (demo/private/workspaces/huanan.json).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const HUANAN: &str = "0B8DJ-J1AEJ-T355S-2NWSA-EVXA6-B08XB";

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn api() -> String {
    repo().join("public/api").to_string_lossy().into_owned()
}

fn portal(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_portal"))
        .args(args)
        .output()
        .expect("the portal binary runs")
}

fn json(out: &Output) -> Vec<serde_json::Value> {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("a JSON array")
}

fn find<'a>(list: &'a [serde_json::Value], id: &str) -> &'a serde_json::Value {
    list.iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no {id}"))
}

#[test]
fn a_week_before_the_branch_licence_expires_it_prints_the_renewal_the_new_patch_and_the_terms() {
    let api = api();
    let out = portal(&[
        "reminders",
        "--api",
        &api,
        "--workspace",
        HUANAN,
        "--now",
        "2026-12-08T02:00:00Z",
    ]);
    let list = json(&out);
    let licence = find(&list, "licence:lic-xt5-branch:7");
    assert_eq!(licence["kind"], "licence");
    assert_eq!(licence["due"], "2026-12-15T00:00:00+08:00");
    assert!(licence["title"]["zh"]
        .as_str()
        .unwrap()
        .contains("2026-12-15"));
    assert!(licence["title"]["en"]
        .as_str()
        .unwrap()
        .contains("7 days left"));
    assert_eq!(find(&list, "patch:xt5-p2026-1124")["kind"], "patch");
    let terms = find(&list, "terms:2026.2");
    assert_eq!(terms["kind"], "terms");
    assert_eq!(terms["due"], "2026-12-15T00:00:00+08:00");
    // Exactly the documented fields.
    let keys: Vec<&String> = licence.as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 4, "{keys:?}");
}

#[test]
fn a_settings_file_with_a_type_switched_off_removes_that_type() {
    let api = api();
    let dir = std::env::temp_dir().join(format!("portal-reminders-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("settings.json");
    let mut s = portal_settings_default();
    s["types"]["renewals"]["enabled"] = false.into();
    std::fs::write(&file, s.to_string()).unwrap();
    let out = portal(&[
        "reminders",
        "--api",
        &api,
        "--workspace",
        HUANAN,
        "--now",
        "2026-12-08T10:00:00+08:00",
        "--settings",
        file.to_str().unwrap(),
    ]);
    let list = json(&out);
    assert!(list
        .iter()
        .all(|r| r["kind"] != "licence" && r["kind"] != "service_period"));
    assert!(list.iter().any(|r| r["kind"] == "patch"));
}

fn portal_settings_default() -> serde_json::Value {
    serde_json::json!({
        "format": "coremail-portal/notification-settings/v1",
        "types": {
            "ticket_updates": on(), "patches": on(), "upgrades": on(), "vulnerabilities": on(),
            "security_events": on(), "renewals": on(), "handover": on()
        },
        "quiet_hours": {"mode": "outside_working_time"}
    })
}

fn on() -> serde_json::Value {
    serde_json::json!({"enabled": true, "frequency": "immediate",
        "channels": {"email": true, "sms": false, "browser": true}})
}

#[test]
fn wrong_flags_are_named() {
    let api = api();
    let stderr = |out: &Output| String::from_utf8_lossy(&out.stderr).into_owned();
    let bad_now = portal(&[
        "reminders",
        "--api",
        &api,
        "--workspace",
        HUANAN,
        "--now",
        "8 Dec",
    ]);
    assert_eq!(bad_now.status.code(), Some(2));
    assert!(stderr(&bad_now).contains("--now"), "{}", stderr(&bad_now));
    let bad_key = portal(&[
        "reminders",
        "--api",
        &api,
        "--workspace",
        "nope",
        "--now",
        "2026-12-08T10:00:00+08:00",
    ]);
    assert_eq!(bad_key.status.code(), Some(2));
    assert!(
        stderr(&bad_key).contains("--workspace"),
        "{}",
        stderr(&bad_key)
    );
    // A well-formed key that opens nothing.
    let other = portal(&[
        "reminders",
        "--api",
        &api,
        "--workspace",
        "7KQ2M-XR4TB-9HN3D-WCVG8-PAE5Z-16FJY",
        "--now",
        "2026-12-08T10:00:00+08:00",
    ]);
    assert_eq!(other.status.code(), Some(2));
    assert!(
        stderr(&other).contains("no workspace"),
        "{}",
        stderr(&other)
    );
    let dir = std::env::temp_dir().join(format!("portal-reminders-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("settings.json");
    std::fs::write(&file, "{\"format\": \"something/else\"}").unwrap();
    let bad_settings = portal(&[
        "reminders",
        "--api",
        &api,
        "--workspace",
        HUANAN,
        "--now",
        "2026-12-08T10:00:00+08:00",
        "--settings",
        file.to_str().unwrap(),
    ]);
    assert_eq!(bad_settings.status.code(), Some(2));
    assert!(
        stderr(&bad_settings).contains("--settings"),
        "{}",
        stderr(&bad_settings)
    );
    let missing = portal(&[
        "reminders",
        "--api",
        &api,
        "--now",
        "2026-12-08T10:00:00+08:00",
    ]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("--workspace"));
}
