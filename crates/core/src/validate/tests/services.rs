//! `services.json`, `stations.json`, `engineers.json`, `courses.json`.

use super::*;

#[test]
fn a_service_item_id_is_unique_across_all_classes() {
    let mut api = Api::minimal();
    api.edit("services.json", |v| {
        v.as_array_mut().unwrap().push(json!({
            "id": "onsite",
            "name": {"zh": "现场服务"},
            "items": [{"id": "health-check", "name": {"zh": "现场巡检"}, "delivery": "onsite", "description": {"zh": "上门。"}}]
        }))
    });
    assert_eq!(
        api.problems(),
        [problem(
            "services.json",
            "$[1].items[0].id",
            "duplicate id `health-check`"
        )]
    );
}

#[test]
fn a_service_class_id_listed_twice_is_reported_where_it_repeats() {
    let mut api = Api::minimal();
    api.edit("services.json", |v| {
        v.as_array_mut()
            .unwrap()
            .push(json!({"id": "remote", "name": {"zh": "远程"}, "items": []}))
    });
    assert_eq!(
        api.problems(),
        [problem("services.json", "$[1].id", "duplicate id `remote`")]
    );
}

#[test]
fn a_station_off_the_globe_is_reported() {
    let mut api = Api::minimal();
    api.edit("stations.json", |v| {
        v[0]["lat"] = json!(113.26);
        v[0]["lon"] = json!(23.13);
    });
    assert_eq!(
        api.problems(),
        [problem(
            "stations.json",
            "$[0]",
            "lat must be within ±90 and lon within ±180"
        )]
    );
}

#[test]
fn an_engineer_at_an_unknown_station_is_reported() {
    let mut api = Api::minimal();
    api.edit("engineers.json", |v| v[0]["station"] = json!("shenzhen"));
    assert_eq!(
        api.problems(),
        [problem(
            "engineers.json",
            "$[0].station",
            "unknown service station `shenzhen` (not in stations.json)"
        )]
    );
}

#[test]
fn a_booking_that_ends_when_it_starts_is_reported() {
    let mut api = Api::minimal();
    api.edit("engineers.json", |v| {
        v[0]["booked"][0]["to"] = json!("2026-11-27T09:00:00+08:00")
    });
    assert_eq!(
        api.problems(),
        [problem(
            "engineers.json",
            "$[0].booked[0]",
            "a booking must end after it starts"
        )]
    );
}

#[test]
fn a_repeated_course_id_is_reported_where_it_repeats() {
    let mut api = Api::minimal();
    api.edit("courses.json", |v| {
        let copy = v[0].clone();
        v.as_array_mut().unwrap().push(copy);
    });
    assert_eq!(
        api.problems(),
        [problem(
            "courses.json",
            "$[1].id",
            "duplicate id `course-2026-11`"
        )]
    );
}

#[test]
fn a_course_recording_must_be_an_https_link_and_a_course_must_last() {
    let mut api = Api::minimal();
    api.edit("courses.json", |v| {
        v[0]["replay_url"] = json!("javascript:alert(1)");
        v[0]["duration_minutes"] = json!(0);
    });
    assert_eq!(
        api.problems(),
        [
            problem(
                "courses.json",
                "$[0].duration_minutes",
                "a course lasts at least one minute"
            ),
            problem(
                "courses.json",
                "$[0].replay_url",
                "a recording link must be an https:// URL without spaces or quotes"
            ),
        ]
    );
}

#[test]
fn the_terms_history_starts_with_the_current_version_newest_first() {
    let mut api = Api::minimal();
    api.edit("terms.json", |v| {
        v["published"] = json!("2026-12-01");
        v["history"][1]["published"] = json!("2026-12-02");
    });
    assert_eq!(
        api.problems(),
        [
            problem(
                "terms.json",
                "$.history[0]",
                "the history must start with the current version 2 published 2026-12-01"
            ),
            problem(
                "terms.json",
                "$.history[1].published",
                "the history lists versions newest first, each published before the one above it"
            ),
        ]
    );
}

#[test]
fn a_terms_change_names_only_sections_the_manual_has() {
    let mut api = Api::minimal();
    api.edit("terms.json", |v| {
        v["history"][0]["sections"] = json!(["11", "13"])
    });
    assert_eq!(
        api.problems(),
        [problem(
            "terms.json",
            "$.history[0].sections[1]",
            "section `13` is not in $.sections"
        )]
    );
}
