//! The SLA calculator's received time: an `<input type="datetime-local">`
//! value read as Beijing time, and every way such a value can be wrong.

use chrono::{DateTime, Utc};
use portal_core::calendar::{parse_beijing_input, LocalTimeError};

fn utc(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

#[test]
fn a_datetime_local_value_is_beijing_time() {
    let at = parse_beijing_input("2026-02-14T19:50").unwrap();
    assert_eq!(at.to_rfc3339(), "2026-02-14T19:50:00+08:00");
    // Eight hours ahead of UTC.
    assert_eq!(at, utc("2026-02-14T11:50:00Z"));
}

#[test]
fn seconds_may_be_given() {
    let at = parse_beijing_input("2026-02-14T19:50:30").unwrap();
    assert_eq!(at.to_rfc3339(), "2026-02-14T19:50:30+08:00");
}

#[test]
fn just_after_midnight_in_beijing_is_the_day_before_in_utc() {
    let at = parse_beijing_input("2026-01-01T00:30").unwrap();
    assert_eq!(at, utc("2025-12-31T16:30:00Z"));
}

#[test]
fn an_empty_field_asks_for_a_time() {
    assert_eq!(parse_beijing_input(""), Err(LocalTimeError::Empty));
    assert_eq!(parse_beijing_input("   "), Err(LocalTimeError::Empty));
}

#[test]
fn february_30th_is_no_date() {
    assert_eq!(
        parse_beijing_input("2026-02-30T10:00"),
        Err(LocalTimeError::NoSuchDate("2026-02-30".into()))
    );
    assert_eq!(
        LocalTimeError::NoSuchDate("2026-02-30".into()).to_string(),
        "`2026-02-30` is not a date"
    );
}

#[test]
fn february_29th_exists_only_in_leap_years() {
    assert!(parse_beijing_input("2024-02-29T10:00").is_ok());
    assert_eq!(
        parse_beijing_input("2026-02-29T10:00"),
        Err(LocalTimeError::NoSuchDate("2026-02-29".into()))
    );
}

#[test]
fn month_13_and_day_0_are_no_dates() {
    for (value, date) in [
        ("2026-13-01T10:00", "2026-13-01"),
        ("2026-00-10T10:00", "2026-00-10"),
        ("2026-04-00T10:00", "2026-04-00"),
        ("2026-04-31T10:00", "2026-04-31"),
    ] {
        assert_eq!(
            parse_beijing_input(value),
            Err(LocalTimeError::NoSuchDate(date.into())),
            "{value}"
        );
    }
}

#[test]
fn hours_minutes_and_seconds_out_of_range_are_no_time() {
    for (value, time) in [
        ("2026-02-14T24:00", "24:00"),
        ("2026-02-14T99:00", "99:00"),
        ("2026-02-14T19:60", "19:60"),
        // No leap second: 23:59:60 is refused.
        ("2026-12-31T23:59:60", "23:59:60"),
    ] {
        assert_eq!(
            parse_beijing_input(value),
            Err(LocalTimeError::NoSuchTime(time.into())),
            "{value}"
        );
    }
    assert_eq!(
        LocalTimeError::NoSuchTime("24:00".into()).to_string(),
        "`24:00` is not a time of day"
    );
}

#[test]
fn anything_not_shaped_like_the_input_value_is_malformed() {
    for value in [
        "2026-2-14T9:50",
        "2026-02-14 19:50",
        "2026-02-14t19:50",
        "2026-02-14T+9:50",
        "2026-02-14T19:50:5",
        "2026-02-14T19:50:30.250",
        "+2026-02-14T19:50",
        "2026-02-14",
        "T19:50",
        " 2026-02-14T19:50",
        "2026-02-14T19:50Z",
        "2026-02-14T19:50+08:00",
        "now",
        // Full-width digits, as a Chinese input method may type them.
        "２０２６-02-14T19:50",
        "2026-02-14T19:5０",
    ] {
        assert_eq!(
            parse_beijing_input(value),
            Err(LocalTimeError::Malformed(value.into())),
            "{value}"
        );
    }
}

#[test]
fn no_input_panics() {
    // Every prefix of a valid value, and that value with each byte replaced
    // by characters of one to four bytes.
    let valid = "2026-02-14T19:50:30";
    for end in 0..=valid.len() {
        let _ = parse_beijing_input(&valid[..end]);
    }
    for i in 0..valid.len() {
        for c in ['x', '-', ':', 'T', '9', 'é', '年', '𝟗'] {
            let mut s = valid.to_owned();
            s.replace_range(i..i + 1, &c.to_string());
            let _ = parse_beijing_input(&s);
        }
    }
}
