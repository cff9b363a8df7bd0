//! `sla/policy.json`, `sla/calendar.json`.

use super::*;
use crate::validate::parse_hhmm;
use chrono::NaiveTime;

const POLICY: &str = "sla/policy.json";
const CALENDAR: &str = "sla/calendar.json";

#[test]
fn service_hours_in_another_timezone_are_refused() {
    let mut api = Api::minimal();
    api.edit(POLICY, |v| v["timezone"] = json!("Asia/Hong_Kong"));
    assert_eq!(
        api.problems(),
        [problem(
            POLICY,
            "$.timezone",
            "service hours are defined in Beijing time: must be `Asia/Shanghai`"
        )]
    );
}

#[test]
fn a_due_soon_fraction_of_one_is_refused() {
    let mut api = Api::minimal();
    api.edit(POLICY, |v| v["due_soon_fraction"] = json!(1.0));
    assert_eq!(
        api.problems(),
        [problem(
            POLICY,
            "$.due_soon_fraction",
            "must be between 0 and 1"
        )]
    );
}

#[test]
fn a_priority_defined_twice_and_one_left_out_are_both_reported() {
    let mut api = Api::minimal();
    api.edit(POLICY, |v| v["priorities"][3]["id"] = json!("P3"));
    assert_eq!(
        api.problems(),
        [
            problem(
                POLICY,
                "$.priorities",
                "P3 must be defined exactly once (found 2)"
            ),
            problem(
                POLICY,
                "$.priorities",
                "P4 must be defined exactly once (found 0)"
            ),
        ]
    );
}

#[test]
fn a_response_target_of_zero_minutes_is_refused() {
    let mut api = Api::minimal();
    api.edit(POLICY, |v| {
        v["priorities"][0]["response_minutes"] = json!(0)
    });
    assert_eq!(
        api.problems(),
        [problem(
            POLICY,
            "$.priorities[0].response_minutes",
            "must be more than 0"
        )]
    );
}

#[test]
fn a_channel_left_out_is_reported() {
    let mut api = Api::minimal();
    api.edit(POLICY, |v| {
        v["channels"].as_array_mut().unwrap().pop();
    });
    assert_eq!(
        api.problems(),
        [problem(
            POLICY,
            "$.channels",
            "channel `online` must be defined exactly once (found 0)"
        )]
    );
}

#[test]
fn opening_hours_not_written_hh_mm_are_reported() {
    let mut api = Api::minimal();
    api.edit(POLICY, |v| {
        v["channels"][0]["opens"] = json!("8:30");
        v["channels"][0]["closes"] = json!("17.30");
    });
    assert_eq!(
        api.problems(),
        [
            problem(
                POLICY,
                "$.channels[0].opens",
                "`8:30` is not a time like 09:00"
            ),
            problem(
                POLICY,
                "$.channels[0].closes",
                "`17.30` is not a time like 18:00"
            ),
        ]
    );
}

#[test]
fn a_channel_closing_when_it_opens_is_reported() {
    let mut api = Api::minimal();
    api.edit(POLICY, |v| v["channels"][2]["closes"] = json!("09:00"));
    assert_eq!(
        api.problems(),
        [problem(
            POLICY,
            "$.channels[2].closes",
            "a channel must close after it opens"
        )]
    );
}

#[test]
fn an_onsite_radius_of_zero_is_refused() {
    let mut api = Api::minimal();
    api.edit(POLICY, |v| v["onsite"]["radius_km"] = json!(0));
    assert_eq!(
        api.problems(),
        [problem(POLICY, "$.onsite.radius_km", "must be more than 0")]
    );
}

#[test]
fn hh_mm_is_a_24_hour_time_with_two_digit_hours() {
    assert_eq!(parse_hhmm("08:30"), NaiveTime::from_hms_opt(8, 30, 0));
    assert_eq!(parse_hhmm("23:59"), NaiveTime::from_hms_opt(23, 59, 0));
    assert_eq!(parse_hhmm("8:30"), None);
    assert_eq!(parse_hhmm("24:00"), None);
    assert_eq!(parse_hhmm("08:30:00"), None);
}

#[test]
fn coverage_ending_before_it_starts_is_reported() {
    let mut api = Api::minimal();
    api.edit(CALENDAR, |v| {
        v["covers_from"] = json!("2026-01-01");
        v["covers_until"] = json!("2025-12-31");
        v["holidays"] = json!([]);
        v["adjusted_working_days"] = json!([]);
    });
    assert_eq!(
        api.problems(),
        [problem(
            CALENDAR,
            "$.covers_until",
            "coverage ends before it starts"
        )]
    );
}

#[test]
fn a_holiday_ending_before_it_starts_is_reported() {
    let mut api = Api::minimal();
    api.edit(CALENDAR, |v| v["holidays"][1]["to"] = json!("2026-02-14"));
    assert_eq!(
        api.problems(),
        [problem(
            CALENDAR,
            "$.holidays[1].to",
            "holiday ends before it starts"
        )]
    );
}

#[test]
fn a_holiday_outside_the_coverage_is_reported() {
    let mut api = Api::minimal();
    api.edit(CALENDAR, |v| v["holidays"][0]["from"] = json!("2025-12-31"));
    assert_eq!(
        api.problems(),
        [problem(
            CALENDAR,
            "$.holidays[0]",
            "holiday lies outside covers_from..covers_until"
        )]
    );
}

#[test]
fn a_day_in_two_holidays_is_reported_at_the_later_one() {
    let mut api = Api::minimal();
    api.edit(CALENDAR, |v| {
        v["holidays"]
            .as_array_mut()
            .unwrap()
            .push(json!({"name": {"zh": "除夕"}, "from": "2026-02-16", "to": "2026-02-16"}))
    });
    assert_eq!(
        api.problems(),
        [problem(
            CALENDAR,
            "$.holidays[2]",
            "2026-02-16 is already in $.holidays[1]"
        )]
    );
}

#[test]
fn a_calendar_adjusted_day_naming_no_holiday_is_reported() {
    let mut api = Api::minimal();
    api.edit(CALENDAR, |v| {
        v["adjusted_working_days"][2]["for_holiday"] = json!({"zh": "国庆节"})
    });
    assert_eq!(
        api.problems(),
        [problem(
            CALENDAR,
            "$.adjusted_working_days[2].for_holiday",
            "`国庆节` is not the name of any holiday in this calendar"
        )]
    );
}

#[test]
fn an_adjusted_day_listed_twice_is_reported_where_it_repeats() {
    let mut api = Api::minimal();
    api.edit(CALENDAR, |v| {
        v["adjusted_working_days"][2]["date"] = json!("2026-02-14")
    });
    assert_eq!(
        api.problems(),
        [problem(
            CALENDAR,
            "$.adjusted_working_days[2].date",
            "2026-02-14 is listed twice"
        )]
    );
}

#[test]
fn an_adjusted_day_on_a_weekday_is_refused() {
    let mut api = Api::minimal();
    // 2026-02-27 is a Friday: already a working day.
    api.edit(CALENDAR, |v| {
        v["adjusted_working_days"][2]["date"] = json!("2026-02-27")
    });
    assert_eq!(
        api.problems(),
        [problem(
            CALENDAR,
            "$.adjusted_working_days[2].date",
            "2026-02-27 is a weekday: only a weekend day can be an adjusted working day"
        )]
    );
}

#[test]
fn an_adjusted_day_inside_a_holiday_is_refused() {
    let mut api = Api::minimal();
    // 2026-02-21 is the Saturday in the middle of 春节.
    api.edit(CALENDAR, |v| {
        v["adjusted_working_days"][2]["date"] = json!("2026-02-21")
    });
    assert_eq!(
        api.problems(),
        [problem(
            CALENDAR,
            "$.adjusted_working_days[2].date",
            "2026-02-21 is also a holiday"
        )]
    );
}

#[test]
fn an_adjusted_day_outside_the_coverage_is_reported() {
    let mut api = Api::minimal();
    // 2027-01-02 is a Saturday, after covers_until.
    api.edit(CALENDAR, |v| {
        v["adjusted_working_days"][2]["date"] = json!("2027-01-02")
    });
    assert_eq!(
        api.problems(),
        [problem(
            CALENDAR,
            "$.adjusted_working_days[2].date",
            "2027-01-02 lies outside covers_from..covers_until"
        )]
    );
}
