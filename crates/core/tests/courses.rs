//! 在线直播课程: course states over the half-open interval, which course the
//! countdown names, the countdown's parts, the schedule's order and which
//! recording links the page may show; then the published demo schedule at
//! the e2e tests' frozen clocks.

use chrono::{DateTime, FixedOffset};
use portal_core::courses::{
    countdown, ends_at, replay_link, schedule, state, Countdown, CountdownParts, CourseState, Unit,
};
use portal_core::model::{Course, Text};
use portal_core::parse_json;

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn course(id: &str, starts: &str, minutes: u32) -> Course {
    Course {
        id: id.into(),
        title: Text {
            zh: id.into(),
            en: None,
        },
        speaker: "陈志强".into(),
        starts_at: t(starts),
        duration_minutes: minutes,
        summary: Text {
            zh: String::new(),
            en: None,
        },
        replay_url: None,
    }
}

fn parts(days: u64, hours: u64, minutes: u64, seconds: u64) -> CountdownParts {
    CountdownParts {
        days,
        hours,
        minutes,
        seconds,
    }
}

#[test]
fn a_course_is_live_from_its_start_instant_until_just_before_its_end() {
    let c = course("c", "2026-12-08T14:30:00+08:00", 75);
    assert_eq!(ends_at(&c), t("2026-12-08T15:45:00+08:00"));
    assert_eq!(
        state(&c, &t("2026-12-08T14:29:59+08:00")),
        CourseState::Upcoming
    );
    assert_eq!(
        state(&c, &t("2026-12-08T14:30:00+08:00")),
        CourseState::Live
    );
    assert_eq!(
        state(&c, &t("2026-12-08T15:44:59+08:00")),
        CourseState::Live
    );
    assert_eq!(
        state(&c, &t("2026-12-08T15:45:00+08:00")),
        CourseState::Past
    );
}

#[test]
fn the_state_is_the_same_instant_whatever_offset_now_is_written_in() {
    let c = course("c", "2026-12-08T14:30:00+08:00", 60);
    // 14:30 Beijing is 07:30 in Berlin (CET).
    assert_eq!(
        state(&c, &t("2026-12-08T07:29:59+01:00")),
        CourseState::Upcoming
    );
    assert_eq!(
        state(&c, &t("2026-12-08T07:30:00+01:00")),
        CourseState::Live
    );
}

#[test]
fn the_countdown_names_the_earliest_upcoming_course_whatever_the_list_order() {
    let courses = [
        course("later", "2026-12-10T10:00:00+08:00", 60),
        course("over", "2026-12-03T15:00:00+08:00", 60),
        course("next", "2026-12-08T14:30:00+08:00", 75),
    ];
    assert_eq!(
        countdown(&courses, &t("2026-12-06T11:30:00+08:00")),
        Countdown::StartsIn {
            index: 2,
            left: parts(2, 3, 0, 0)
        },
        "Sunday 11:30 to Tuesday 14:30 is 2 d 3 h"
    );
}

#[test]
fn at_the_start_instant_the_course_is_live_until_its_end_then_the_next_one_counts_down() {
    let courses = [
        course("next", "2026-12-08T14:30:00+08:00", 75),
        course("later", "2026-12-10T10:00:00+08:00", 60),
    ];
    assert_eq!(
        countdown(&courses, &t("2026-12-08T14:29:59+08:00")),
        Countdown::StartsIn {
            index: 0,
            left: parts(0, 0, 0, 1)
        }
    );
    assert_eq!(
        countdown(&courses, &t("2026-12-08T14:30:00+08:00")),
        Countdown::Live {
            index: 0,
            ends_at: t("2026-12-08T15:45:00+08:00")
        }
    );
    assert_eq!(
        countdown(&courses, &t("2026-12-08T15:45:00+08:00")),
        Countdown::StartsIn {
            index: 1,
            left: parts(1, 18, 15, 0)
        }
    );
}

#[test]
fn of_two_overlapping_live_courses_the_one_that_started_first_is_named() {
    let courses = [
        course("second", "2026-12-08T15:00:00+08:00", 60),
        course("first", "2026-12-08T14:30:00+08:00", 90),
    ];
    assert!(matches!(
        countdown(&courses, &t("2026-12-08T15:10:00+08:00")),
        Countdown::Live { index: 1, .. }
    ));
}

#[test]
fn after_the_last_course_there_is_nothing_to_count_down_to() {
    let courses = [course("only", "2026-12-03T15:00:00+08:00", 60)];
    assert_eq!(
        countdown(&courses, &t("2026-12-03T16:00:00+08:00")),
        Countdown::NoneAhead
    );
    assert_eq!(
        countdown(&[], &t("2026-12-03T16:00:00+08:00")),
        Countdown::NoneAhead
    );
}

#[test]
fn countdown_parts_round_down_and_never_go_negative() {
    let now = t("2026-12-06T11:30:00+08:00");
    assert_eq!(
        CountdownParts::between(&now, &t("2026-12-08T14:29:59+08:00")),
        parts(2, 2, 59, 59)
    );
    assert_eq!(
        CountdownParts::between(&now, &t("2026-12-06T11:29:00+08:00")),
        parts(0, 0, 0, 0)
    );
}

#[test]
fn a_day_or_more_away_shows_days_and_hours() {
    assert_eq!(
        parts(2, 3, 59, 59).shown(),
        [(2, Unit::Days), (3, Unit::Hours)]
    );
    assert_eq!(
        parts(1, 0, 5, 0).shown(),
        [(1, Unit::Days), (0, Unit::Hours)]
    );
}

#[test]
fn within_a_day_shows_hours_and_minutes_and_within_the_hour_minutes_and_seconds() {
    assert_eq!(
        parts(0, 3, 0, 40).shown(),
        [(3, Unit::Hours), (0, Unit::Minutes)]
    );
    assert_eq!(
        parts(0, 0, 4, 59).shown(),
        [(4, Unit::Minutes), (59, Unit::Seconds)]
    );
    assert_eq!(
        parts(0, 0, 0, 7).shown(),
        [(0, Unit::Minutes), (7, Unit::Seconds)]
    );
}

#[test]
fn the_schedule_lists_live_and_upcoming_earliest_first_and_past_latest_first() {
    let courses = [
        course("dec10", "2026-12-10T10:00:00+08:00", 60),
        course("sep", "2026-09-17T15:00:00+08:00", 60),
        course("dec08-live", "2026-12-08T14:30:00+08:00", 75),
        course("nov", "2026-11-12T15:00:00+08:00", 60),
    ];
    let (ahead, past) = schedule(&courses, &t("2026-12-08T15:00:00+08:00"));
    assert_eq!(ahead, vec![2, 0]);
    assert_eq!(past, vec![3, 1]);
}

#[test]
fn only_an_https_recording_link_is_shown() {
    let with = |url: &str| {
        let mut c = course("c", "2026-09-17T15:00:00+08:00", 60);
        c.replay_url = Some(url.into());
        c
    };
    assert_eq!(
        replay_link(&with(
            "https://college.demo.coremail.invalid/replay/c2609-dns"
        )),
        Some("https://college.demo.coremail.invalid/replay/c2609-dns")
    );
    for refused in [
        "javascript:alert(1)",
        "http://college.demo.coremail.invalid/replay/x",
        "https://",
        "https:///path",
        "https://a.example/x y",
        "https://a.example/\"onmouseover",
        "//a.example/x",
    ] {
        assert_eq!(replay_link(&with(refused)), None, "{refused}");
    }
    assert_eq!(
        replay_link(&course("c", "2026-09-17T15:00:00+08:00", 60)),
        None
    );
}

fn demo() -> Vec<Course> {
    let file = format!(
        "{}/../../public/api/courses.json",
        env!("CARGO_MANIFEST_DIR")
    );
    parse_json("courses.json", &std::fs::read_to_string(file).unwrap()).unwrap()
}

#[test]
fn the_demo_schedule_has_recordings_behind_and_courses_ahead_at_the_e2e_clocks() {
    let courses = demo();
    for now in [
        "2026-11-26T10:00:00+08:00",
        "2026-12-06T11:30:00+08:00",
        "2026-12-08T14:30:00+08:00",
    ] {
        let now = t(now);
        let (ahead, past) = schedule(&courses, &now);
        assert!(ahead.len() >= 3, "{now}");
        assert!(
            past.iter()
                .filter(|&&i| replay_link(&courses[i]).is_some())
                .count()
                >= 3,
            "{now}"
        );
    }
    // Past without a recording yet: the 3 December course, from 4 December.
    let (_, past) = schedule(&courses, &t("2026-12-06T11:30:00+08:00"));
    assert!(past
        .iter()
        .any(|&i| courses[i].id == "c2612-patch" && replay_link(&courses[i]).is_none()));
    // The e2e countdown: Sunday 6 December 11:30 → the 8 December course in 2 d 3 h.
    let next = countdown(&courses, &t("2026-12-06T11:30:00+08:00"));
    let Countdown::StartsIn { index, left } = next else {
        panic!("{next:?}")
    };
    assert_eq!(courses[index].id, "c2612-spam");
    assert_eq!(left.shown(), [(2, Unit::Days), (3, Unit::Hours)]);
}
