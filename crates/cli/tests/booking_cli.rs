//! `portal slots` and `portal onsite` against the demo API (public/api):
//! the same answers as the booking page, usage errors that name the flag.

use std::path::Path;
use std::process::{Command, Output};

fn api() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../public/api")
        .to_string_lossy()
        .into_owned()
}

fn portal(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_portal"))
        .args(args)
        .output()
        .expect("the portal binary runs")
}

fn slots(args: &[&str]) -> Output {
    let api = api();
    let mut all = vec!["slots", "--api", &api];
    all.extend_from_slice(args);
    portal(&all)
}

fn onsite(args: &[&str]) -> Output {
    let api = api();
    let mut all = vec!["onsite", "--api", &api];
    all.extend_from_slice(args);
    portal(&all)
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The `start`s of the slots, as printed.
fn starts(list: &serde_json::Value) -> Vec<&str> {
    list.as_array()
        .expect("an array")
        .iter()
        .map(|s| s["start"].as_str().expect("start"))
        .collect()
}

#[test]
fn no_slot_during_national_day_and_slots_on_the_adjusted_saturday() {
    let out = slots(&[
        "--type",
        "remote_support",
        "--from",
        "2026-09-30",
        "--to",
        "2026-10-11",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let list = json(&out);
    let days: Vec<&str> = starts(&list).iter().map(|s| &s[..10]).collect();
    for holiday in ["2026-10-01", "2026-10-04", "2026-10-07"] {
        assert!(!days.contains(&holiday), "a slot on {holiday}");
    }
    assert!(
        !days.contains(&"2026-10-11"),
        "a slot on an ordinary Sunday"
    );
    assert!(
        days.contains(&"2026-10-10"),
        "no slot on the adjusted Saturday"
    );
    assert!(days.contains(&"2026-10-08"));
}

#[test]
fn each_slot_is_engineer_start_end_in_beijing_time_inside_working_hours() {
    let out = slots(&[
        "--type",
        "patch_deployment",
        "--from",
        "2026-12-07",
        "--to",
        "2026-12-07",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    // The fields in the documented order.
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with(
            r#"[{"engineer":"eng-chen-zhiqiang","start":"2026-12-07T09:00:00+08:00","end":"2026-12-07T12:00:00+08:00"}"#
        ),
        "{text}"
    );
    for slot in json(&out).as_array().unwrap() {
        let (start, end) = (
            slot["start"].as_str().unwrap(),
            slot["end"].as_str().unwrap(),
        );
        assert!(start.ends_with("+08:00") && end.ends_with("+08:00"));
        assert!(
            &start[11..16] >= "09:00" && &end[11..16] <= "18:00",
            "{slot}"
        );
    }
}

#[test]
fn booked_time_is_not_offered() {
    // Chen (gz) is booked 1 Dec 09:30–12:00.
    let out = slots(&[
        "--type",
        "remote_support",
        "--from",
        "2026-12-01",
        "--to",
        "2026-12-01",
        "--station",
        "gz",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let list = json(&out);
    let chen: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["engineer"] == "eng-chen-zhiqiang")
        .map(|s| s["start"].as_str().unwrap())
        .collect();
    assert_eq!(
        chen,
        [
            "2026-12-01T12:00:00+08:00",
            "2026-12-01T13:30:00+08:00",
            "2026-12-01T15:00:00+08:00",
            "2026-12-01T16:30:00+08:00"
        ]
    );
}

#[test]
fn the_station_filter_lists_only_that_station_s_engineers() {
    let out = slots(&[
        "--type",
        "onsite",
        "--from",
        "2026-12-07",
        "--to",
        "2026-12-11",
        "--station",
        "sh",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let list = json(&out);
    assert!(!list.as_array().unwrap().is_empty());
    assert!(list
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["engineer"] == "eng-zhou-jie"));
}

#[test]
fn dates_past_the_calendar_print_an_error_and_exit_1() {
    let out = slots(&[
        "--type",
        "onsite",
        "--from",
        "2026-12-28",
        "--to",
        "2027-01-08",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = json(&out)["error"].as_str().unwrap().to_owned();
    assert!(
        err.contains("2027-01-08") && err.contains("2026-12-31"),
        "{err}"
    );
}

#[test]
fn a_wrong_slots_flag_exits_2_naming_it() {
    let cases: [(&[&str], &str); 5] = [
        (
            &[
                "--type",
                "onsite-visit",
                "--from",
                "2026-12-07",
                "--to",
                "2026-12-07",
            ],
            "'onsite-visit' for '--type <TYPE>'",
        ),
        (
            &[
                "--type",
                "onsite",
                "--from",
                "7.12.2026",
                "--to",
                "2026-12-07",
            ],
            "'7.12.2026' for '--from <DATE>'",
        ),
        (
            &[
                "--type",
                "onsite",
                "--from",
                "2026-12-07",
                "--to",
                "2026-02-30",
            ],
            "'2026-02-30' for '--to <DATE>'",
        ),
        (
            &[
                "--type",
                "onsite",
                "--from",
                "2026-12-07",
                "--to",
                "2026-12-01",
            ],
            "'2026-12-01' for '--to <DATE>'",
        ),
        (
            &[
                "--type",
                "onsite",
                "--from",
                "2026-12-07",
                "--to",
                "2026-12-07",
                "--station",
                "tokyo",
            ],
            "'tokyo' for '--station <ID>'",
        ),
    ];
    for (args, named) in cases {
        let out = slots(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(named), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "a usage error is not an answer");
    }
    let missing = slots(&["--type", "onsite", "--from", "2026-12-07"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("--to <DATE>"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn a_site_10_km_from_the_guangzhou_station_gets_an_engineer_within_24_hours() {
    let out = onsite(&["--lat", "23.2157", "--lon", "113.3796"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        json(&out),
        serde_json::json!({
            "station": "gz",
            "distance_km": 10.0,
            "within_40km": true,
            "rule": "arrive_within_24h"
        })
    );
}

#[test]
fn a_site_far_from_every_station_has_its_time_agreed() {
    // Ürümqi.
    let out = onsite(&["--lat", "43.8256", "--lon", "87.6168"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["station"], "cd");
    assert_eq!(v["within_40km"], false);
    assert_eq!(v["rule"], "time_by_agreement");
    assert!(v["distance_km"].as_f64().unwrap() > 2000.0, "{v}");
}

#[test]
fn negative_coordinates_are_coordinates_not_flags() {
    let out = onsite(&["--lat", "-33.8688", "--lon", "151.2093"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json(&out)["rule"], "time_by_agreement");
}

#[test]
fn a_wrong_coordinate_exits_2_naming_its_flag() {
    for (args, named) in [
        (["--lat", "91", "--lon", "113"], "'91' for '--lat <LAT>'"),
        (["--lat", "23", "--lon", "east"], "'east' for '--lon <LON>'"),
        (["--lat", "NaN", "--lon", "113"], "'NaN' for '--lat <LAT>'"),
    ] {
        let out = onsite(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(named), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty());
    }
    let missing = onsite(&["--lat", "23"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("--lon <LON>"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn an_api_directory_without_the_files_exits_2_naming_the_file() {
    let out = portal(&[
        "onsite",
        "--api",
        "/no/such/api",
        "--lat",
        "23",
        "--lon",
        "113",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("/no/such/api/stations.json"),
        "{}",
        stderr(&out)
    );
    let out = portal(&[
        "slots",
        "--api",
        "/no/such/api",
        "--type",
        "onsite",
        "--from",
        "2026-12-07",
        "--to",
        "2026-12-07",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("/no/such/api/engineers.json"),
        "{}",
        stderr(&out)
    );
}
