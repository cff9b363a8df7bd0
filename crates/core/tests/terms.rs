//! The objection period of a change to the service terms (manual §10.1):
//! ten working days after publication, on the demo calendar
//! (sla/calendar.json, 2024–2026), and the published demo terms.

use chrono::{DateTime, FixedOffset, NaiveDate};
use portal_core::calendar::BusinessCalendar;
use portal_core::model::{CalendarData, ServiceTerms};
use portal_core::parse_json;
use portal_core::terms::{
    objection_deadline, objection_ends_at, objection_period, ObjectionPeriod,
};

fn read(path: &str) -> String {
    let file = format!("{}/../../public/api/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn calendar() -> BusinessCalendar {
    let data: CalendarData = parse_json("sla/calendar.json", &read("sla/calendar.json")).unwrap();
    BusinessCalendar::new(&data)
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

#[test]
fn ten_working_days_from_a_monday_end_on_the_monday_two_weeks_later() {
    // Day 1 is Tuesday 1 December; 4 + 5 working days to Friday the 11th; day 10 is Monday the 14th.
    assert_eq!(
        objection_deadline(&calendar(), day("2026-11-30")),
        Ok(day("2026-12-14"))
    );
}

#[test]
fn the_national_day_holiday_does_not_count_and_its_adjusted_saturday_does() {
    // Published Monday 28 September 2026: 29, 30 September (2), 1–7 October
    // off, 8, 9 (4), Saturday 10 October is a working day (5), then 12–16
    // October (10). Counting weekdays alone would end on 12 October.
    assert_eq!(
        objection_deadline(&calendar(), day("2026-09-28")),
        Ok(day("2026-10-16"))
    );
}

#[test]
fn the_spring_festival_is_skipped_and_both_adjusted_saturdays_count() {
    // Published Friday 13 February 2026: Saturday the 14th works (1), 15–23
    // off, 24–27 (5), Saturday the 28th works (6), 2–5 March (10).
    assert_eq!(
        objection_deadline(&calendar(), day("2026-02-13")),
        Ok(day("2026-03-05"))
    );
}

#[test]
fn a_publication_on_a_holiday_counts_from_the_first_working_day_after_it() {
    // Published on National Day itself: 8, 9, 10 October (3), 12–16 (8), 19, 20 (10).
    assert_eq!(
        objection_deadline(&calendar(), day("2026-10-01")),
        Ok(day("2026-10-20"))
    );
}

#[test]
fn a_deadline_beyond_the_calendar_is_an_error_not_a_guess() {
    // 21 December + 10 working days runs past 31 December 2026.
    let err = objection_deadline(&calendar(), day("2026-12-21")).unwrap_err();
    assert_eq!(err.date, day("2027-01-01"));
    assert!(objection_deadline(&calendar(), day("2023-12-29")).is_err());
}

#[test]
fn the_period_ends_at_midnight_beijing_after_the_deadline_date() {
    assert_eq!(
        objection_ends_at(day("2026-12-14")),
        t("2026-12-15T00:00:00+08:00")
    );
}

#[test]
fn the_demo_terms_are_open_for_objections_until_the_end_of_the_deadline_date() {
    let terms: ServiceTerms = parse_json("terms.json", &read("terms.json")).unwrap();
    let cal = calendar();
    let deadline = objection_deadline(&cal, terms.published).unwrap();
    let before = terms.published.pred_opt().unwrap();
    let at = |d: NaiveDate, time: &str| t(&format!("{d}T{time}+08:00"));
    assert_eq!(
        objection_period(&cal, &terms, at(before, "23:59:59")),
        Ok(ObjectionPeriod::NotPublished)
    );
    assert_eq!(
        objection_period(&cal, &terms, at(terms.published, "09:00:00")),
        Ok(ObjectionPeriod::Open { deadline })
    );
    assert_eq!(
        objection_period(&cal, &terms, at(deadline, "23:59:59")),
        Ok(ObjectionPeriod::Open { deadline })
    );
    assert_eq!(
        objection_period(&cal, &terms, at(deadline.succ_opt().unwrap(), "00:00:00")),
        Ok(ObjectionPeriod::Closed { deadline })
    );
    // The instant is compared in any offset: 16:00 UTC on the deadline date is 24:00 Beijing.
    assert_eq!(
        objection_period(&cal, &terms, t(&format!("{deadline}T15:59:59+00:00"))),
        Ok(ObjectionPeriod::Open { deadline })
    );
}
