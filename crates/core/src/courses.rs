//! 在线直播课程: where each live course stands at an instant, which one the
//! countdown is about, and the countdown's parts.
//!
//! A course runs over the half-open interval `[starts_at, starts_at +
//! duration)`: at its start instant it is live, at its end it is over. The
//! countdown is about the **next course**: the earliest one live now (two
//! may overlap; the one that started first is named), otherwise the
//! earliest one still to start. Once the last one is over there is none.
//!
//! The parts of a countdown are whole units rounded **down** (a course 59.9
//! seconds away "starts in 0 min 59 s"), so the countdown never says a
//! course is further off than it is, and it reaches zero exactly at the
//! start, when the course turns live.
//!
//! A recording link is shown only for an `https:` URL without white space
//! or control characters: the data is published by Coremail, but the page
//! never makes a link of anything else ([`replay_link`]).

use crate::model::Course;
use chrono::{DateTime, Duration, FixedOffset};

/// Where a course stands at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CourseState {
    /// Still to start.
    Upcoming,
    /// Running now: `[starts_at, ends_at)`.
    Live,
    /// Over.
    Past,
}

/// When a course ends: its start plus its duration.
pub fn ends_at(course: &Course) -> DateTime<FixedOffset> {
    course.starts_at + Duration::minutes(i64::from(course.duration_minutes))
}

/// Where `course` stands at `now`.
pub fn state(course: &Course, now: &DateTime<FixedOffset>) -> CourseState {
    if *now < course.starts_at {
        CourseState::Upcoming
    } else if *now < ends_at(course) {
        CourseState::Live
    } else {
        CourseState::Past
    }
}

/// What the countdown says at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Countdown {
    /// The course at `index` (in the list given) is live, until `ends_at`.
    Live {
        index: usize,
        ends_at: DateTime<FixedOffset>,
    },
    /// The course at `index` starts in `left`.
    StartsIn { index: usize, left: CountdownParts },
    /// Every course is over (or there are none).
    NoneAhead,
}

/// The countdown to the next course at `now` (module doc: the earliest live
/// course, else the earliest upcoming one). The list need not be sorted.
pub fn countdown(courses: &[Course], now: &DateTime<FixedOffset>) -> Countdown {
    let earliest = |wanted: CourseState| {
        courses
            .iter()
            .enumerate()
            .filter(|(_, c)| state(c, now) == wanted)
            .min_by_key(|(_, c)| c.starts_at)
    };
    if let Some((index, course)) = earliest(CourseState::Live) {
        return Countdown::Live {
            index,
            ends_at: ends_at(course),
        };
    }
    match earliest(CourseState::Upcoming) {
        Some((index, course)) => Countdown::StartsIn {
            index,
            left: CountdownParts::between(now, &course.starts_at),
        },
        None => Countdown::NoneAhead,
    }
}

/// A time left as whole days, hours, minutes and seconds, each rounded
/// down (`hours < 24`, `minutes < 60`, `seconds < 60`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CountdownParts {
    pub days: u64,
    pub hours: u64,
    pub minutes: u64,
    pub seconds: u64,
}

/// One unit of a countdown, for the page to name in its language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Days,
    Hours,
    Minutes,
    Seconds,
}

impl CountdownParts {
    /// The time from `now` to `then`, zero when `then` is not after `now`.
    pub fn between(now: &DateTime<FixedOffset>, then: &DateTime<FixedOffset>) -> CountdownParts {
        let total = (*then - *now).num_seconds().max(0) as u64;
        CountdownParts {
            days: total / 86_400,
            hours: total % 86_400 / 3_600,
            minutes: total % 3_600 / 60,
            seconds: total % 60,
        }
    }

    /// The two largest units worth saying, starting at the first that is
    /// not zero: `2 d 3 h`, `3 h 0 min`, `4 min 59 s`, `0 min 7 s`. Seconds
    /// appear only in the last hour, when the countdown ticks visibly; a
    /// day away, minutes would be noise.
    pub fn shown(&self) -> [(u64, Unit); 2] {
        if self.days > 0 {
            [(self.days, Unit::Days), (self.hours, Unit::Hours)]
        } else if self.hours > 0 {
            [(self.hours, Unit::Hours), (self.minutes, Unit::Minutes)]
        } else {
            [(self.minutes, Unit::Minutes), (self.seconds, Unit::Seconds)]
        }
    }
}

/// The upcoming (and live) courses, earliest first, and the past ones,
/// latest first: the schedule as the page lists it. Indices into `courses`.
pub fn schedule(courses: &[Course], now: &DateTime<FixedOffset>) -> (Vec<usize>, Vec<usize>) {
    let mut ahead: Vec<usize> = Vec::new();
    let mut past: Vec<usize> = Vec::new();
    for (i, c) in courses.iter().enumerate() {
        if state(c, now) == CourseState::Past {
            past.push(i);
        } else {
            ahead.push(i);
        }
    }
    ahead.sort_by_key(|&i| courses[i].starts_at);
    past.sort_by_key(|&i| std::cmp::Reverse(courses[i].starts_at));
    (ahead, past)
}

/// The recording's link, if the course has one the page may link to: an
/// `https:` URL with a host, without white space, control characters or
/// quotes. Anything else is treated as "no recording yet".
pub fn replay_link(course: &Course) -> Option<&str> {
    let url = course.replay_url.as_deref()?.trim();
    let rest = url.strip_prefix("https://")?;
    let host_ok = rest
        .split(['/', '?', '#'])
        .next()
        .is_some_and(|h| !h.is_empty());
    let clean = !url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\'));
    (host_ok && clean).then_some(url)
}
