//! `portal sla`, single and batch, on valid and invalid input.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn api() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../public/api")
        .to_string_lossy()
        .into_owned()
}

fn sla(args: &[&str], stdin: &str) -> Output {
    let api = api();
    let mut child = Command::new(env!("CARGO_BIN_EXE_portal"))
        .arg("sla")
        .args(["--api", &api])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("portal runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn json(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out).expect("one JSON object")
}

#[test]
fn single_request_prints_one_object_with_the_deadline() {
    let out = sla(
        &[
            "--priority",
            "P2",
            "--channel",
            "email",
            "--received",
            "2026-02-13T17:30:00+08:00",
        ],
        "",
    );
    assert!(out.status.success());
    let v = json(&out.stdout);
    // 3 h 30 on Friday until 21:00, 4 h 30 on the adjusted Saturday 14 Feb.
    assert_eq!(v["deadline"], "2026-02-14T13:30:00+08:00");
    assert_eq!(v["target_minutes"], 480);
}

#[test]
fn single_request_in_another_offset_answers_in_beijing_time() {
    let out = sla(
        &[
            "--priority",
            "P1",
            "--channel",
            "phone",
            "--received",
            "2026-11-26T09:30:00Z",
        ],
        "",
    );
    assert_eq!(json(&out.stdout)["deadline"], "2026-11-27T09:30:00+08:00");
}

/// An unknown priority or channel never reaches the engine: it is a usage
/// error naming the flag (exit 2), see `cli_help.rs`.
#[test]
fn single_request_errors_exit_nonzero_and_say_why() {
    for (args, message) in [
        (
            [
                "--priority",
                "P1",
                "--channel",
                "email",
                "--received",
                "tomorrow",
            ],
            "cannot read the received time `tomorrow`",
        ),
        (
            [
                "--priority",
                "P2",
                "--channel",
                "phone",
                "--received",
                "2026-12-31T17:00:00+08:00",
            ],
            "after 2026-12-31",
        ),
    ] {
        let out = sla(&args, "");
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let error = json(&out.stdout)["error"].as_str().unwrap().to_owned();
        assert!(error.contains(message), "{args:?}: {error}");
    }
}

#[test]
fn batch_answers_every_line_in_order() {
    let input = concat!(
        r#"{"priority":"P1","channel":"phone","received":"2026-11-26T17:30:00+08:00"}"#,
        "\n",
        r#"{"priority":"P5","channel":"phone","received":"2026-11-26T17:30:00+08:00"}"#,
        "\n",
        "\n",
        r#"{"priority":"P3","channel":"email","received":"2026-02-14T19:50:00+08:00"}"#,
        "\n",
        "garbage\n",
        r#"{"priority":"P4","channel":"online","received":"2027-01-05T10:00:00+08:00"}"#,
        "\n",
        r#"{"priority":"P2","channel":"email","received":"2026-11-26T12:30:00Z"}"#,
        "\n",
    );
    let out = sla(&["--batch"], input);
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 6, "one answer per non-blank input line");
    assert_eq!(
        lines[0],
        serde_json::json!({"deadline": "2026-11-27T09:30:00+08:00"})
    );
    assert!(lines[1]["error"]
        .as_str()
        .unwrap()
        .contains("unknown priority `P5`"));
    assert_eq!(
        lines[2],
        serde_json::json!({"deadline": "2026-02-24T15:50:00+08:00"})
    );
    assert!(lines[3]["error"]
        .as_str()
        .unwrap()
        .contains("not a request object"));
    assert!(lines[4]["error"].as_str().unwrap().contains("2027-01-05"));
    // 12:30 UTC = 20:30 Beijing: 30 min before 21:00, 7 h 30 on Friday.
    assert_eq!(
        lines[5],
        serde_json::json!({"deadline": "2026-11-27T16:30:00+08:00"})
    );
}

#[test]
fn a_missing_policy_directory_is_a_usage_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_portal"))
        .args(["sla", "--api", "/no/such/api", "--batch"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("sla/policy.json"));
}
