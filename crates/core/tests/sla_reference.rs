//! The SLA benchmark's reference is honest: the day-by-day walk it times the
//! engine against gives the hand-worked deadline of every benchmark case, and
//! the same deadline as the engine (or the same refusal) on many more.

#[path = "../benches/support/mod.rs"]
mod support;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use portal_core::calendar::to_beijing;
use portal_core::model::{CalendarData, Channel, Priority, SlaPolicy};
use portal_core::sla::{SlaEngine, SlaError};
use support::cases::{with_target, CASES};
use support::day_by_day::DayByDay;

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

/// The engine and the walk under the same policy and the shipped calendar.
fn both(policy: &SlaPolicy) -> (SlaEngine, DayByDay, CalendarData) {
    let (_, calendar) = support::shipped();
    (
        SlaEngine::new(policy, &calendar).unwrap(),
        DayByDay::new(policy, &calendar),
        calendar,
    )
}

/// The engine and the walk agree: the same deadline, or both refuse; and
/// the engine's refusal names the right reason.
fn assert_agree(
    engine: &SlaEngine,
    walk: &DayByDay,
    calendar: &CalendarData,
    p: Priority,
    c: Channel,
    received: &DateTime<FixedOffset>,
) {
    let by_engine = engine.response_deadline(p, c, received);
    let by_walk = walk.response_deadline(p, c, received);
    assert_eq!(
        by_engine.as_ref().ok(),
        by_walk.as_ref(),
        "{p:?} {c:?} received {received}"
    );
    let date = to_beijing(received).date();
    let covered = (calendar.covers_from..=calendar.covers_until).contains(&date);
    match by_engine {
        Err(SlaError::ReceivedOutsideCalendar(_)) => assert!(!covered, "{received}"),
        Err(SlaError::PastCalendarEnd { .. }) => assert!(covered, "{received}"),
        Err(other) => panic!("{received}: {other:?}"),
        Ok(_) => {}
    }
}

#[test]
fn every_benchmark_case_is_due_at_its_hand_worked_deadline_by_both() {
    let (shipped, _) = support::shipped();
    for case in &CASES {
        let (engine, walk, _) = both(&case.policy(&shipped));
        let received = t(case.received);
        assert_eq!(
            engine.response_deadline(case.priority, case.channel, &received),
            Ok(t(case.due)),
            "engine, {}",
            case.name
        );
        assert_eq!(
            walk.response_deadline(case.priority, case.channel, &received),
            Some(t(case.due)),
            "day by day, {}",
            case.name
        );
    }
}

#[test]
fn the_walk_refuses_outside_the_calendar_as_the_engine_does() {
    let (shipped, _) = support::shipped();
    let (engine, walk, _) = both(&shipped);
    // Received after the last covered date; due after it.
    for received in ["2027-01-04T10:00:00+08:00", "2026-12-31T17:00:00+08:00"] {
        assert!(engine
            .response_deadline(Priority::P2, Channel::Phone, &t(received))
            .is_err());
        assert_eq!(
            walk.response_deadline(Priority::P2, Channel::Phone, &t(received)),
            None,
            "{received}"
        );
    }
}

/// A small deterministic generator (xorshift64*): the same cases every run.
struct Cases(u64);

impl Cases {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// An instant from a week before the calendar to a week after it, to the
    /// nanosecond, in a random offset.
    fn received(&mut self) -> DateTime<FixedOffset> {
        let start = t("2023-12-25T00:00:00+08:00");
        let span = (t("2027-01-08T00:00:00+08:00") - start).num_seconds() as u64;
        let at = start
            + Duration::seconds((self.next() % span) as i64)
            + Duration::nanoseconds((self.next() % 1_000_000_000) as i64);
        let offset_hours = (self.next() % 27) as i32 - 12;
        at.with_timezone(&FixedOffset::east_opt(offset_hours * 3600).unwrap())
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[(self.next() % items.len() as u64) as usize]
    }
}

#[test]
fn the_walk_and_the_engine_agree_on_random_requests_under_the_shipped_policy() {
    let (shipped, _) = support::shipped();
    let (engine, walk, calendar) = both(&shipped);
    let mut cases = Cases(0x5eed_1001);
    for _ in 0..20_000 {
        let (p, c) = (cases.pick(&Priority::ALL), cases.pick(&Channel::ALL));
        assert_agree(&engine, &walk, &calendar, p, c, &cases.received());
    }
}

#[test]
fn the_walk_and_the_engine_agree_for_targets_from_a_minute_to_over_a_year() {
    // Around one opening (1 min), an hour, a phone day (540) and an e-mail
    // day (720), the benchmark's week, month and year, and past the year.
    let targets = [
        1, 59, 60, 61, 479, 480, 539, 540, 541, 719, 720, 721, 2_700, 11_340, 133_920, 200_000,
    ];
    let (shipped, _) = support::shipped();
    let mut cases = Cases(0x5eed_1002);
    for minutes in targets {
        let (engine, walk, calendar) = both(&with_target(&shipped, Priority::P1, minutes));
        for _ in 0..500 {
            let c = cases.pick(&Channel::ALL);
            assert_agree(
                &engine,
                &walk,
                &calendar,
                Priority::P1,
                c,
                &cases.received(),
            );
        }
    }
}

#[test]
fn the_walk_and_the_engine_agree_at_every_opening_and_closing_of_every_day() {
    let (shipped, _) = support::shipped();
    let (engine, walk, calendar) = both(&shipped);
    // Around each opening and closing, and where a 1 h or 8 h target ends
    // exactly at a closing (10:00 and 17:00 by phone, 13:00 and 20:00 by e-mail).
    let times = [
        "00:00:00", "08:59:59", "09:00:00", "09:00:01", "10:00:00", "13:00:00", "17:00:00",
        "17:59:59", "18:00:00", "20:00:00", "20:59:59", "21:00:00", "23:59:59",
    ];
    let mut date: NaiveDate = "2023-12-30".parse().unwrap();
    while date <= "2027-01-02".parse().unwrap() {
        for time in times {
            let received = t(&format!("{date}T{time}+08:00"));
            for c in Channel::ALL {
                for p in [Priority::P1, Priority::P2] {
                    assert_agree(&engine, &walk, &calendar, p, c, &received);
                }
            }
        }
        date = date.succ_opt().unwrap();
    }
}
