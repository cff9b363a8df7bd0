//! Response deadlines (manual §5.1) under the policy of `sla/policy.json`
//! and the calendar of `sla/calendar.json`, with the semantics of
//! PRODUCT.md "SLA semantics":
//!
//! - the clock runs only while the channel the request came through is
//!   open, on working days, in Beijing time;
//! - a request received while the channel is closed starts counting at its
//!   next opening;
//! - open intervals are half-open `[opens, closes)`: a target reached exactly
//!   at closing time is due at that closing time;
//! - a computation that needs a date outside the calendar is an error.
//!
//! The cost of a deadline does not grow with the gap it spans. Every working
//! day gives a channel the same open hours, so with the calendar's tables
//! (working days before each day, the day of the n-th working day) and each
//! target split once into whole working days and a rest, a deadline is a
//! few additions and table reads: the received instant's Unix seconds give
//! its day, the tables the deadline's working day and its date. No loop over
//! days, no division by the day's length, no date arithmetic for the answer.
//! An hour, a year, or across the Spring Festival cost the same
//! (`scripts/bench-sla.sh`). Times are handled to the second.
//!
//! `open_seconds_between` counts open time its own way (first day, whole
//! days between, last day), so the property tests that tie deadlines to open
//! time compare two computations, not one with itself.

use crate::calendar::{
    beijing, from_beijing, to_beijing, BusinessCalendar, DayStatus, OutOfCoverage,
    BEIJING_OFFSET_SECONDS,
};
use crate::model::{CalendarData, Channel, OnsiteRule, Priority, SlaPolicy, Text};
use crate::validate::parse_hhmm;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Timelike};
use std::fmt;

/// Why a deadline could not be computed. Never a guess.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SlaError {
    UnknownPriority(String),
    UnknownChannel(String),
    /// The received time is not an RFC 3339 date-time.
    BadTime {
        input: String,
        reason: String,
    },
    /// The request was received on a date the calendar does not cover.
    ReceivedOutsideCalendar(OutOfCoverage),
    /// Counting runs past the last date the calendar covers.
    PastCalendarEnd {
        covers_until: NaiveDate,
    },
    /// The policy file lacks something the computation needs.
    PolicyIncomplete(String),
}

impl fmt::Display for SlaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SlaError::UnknownPriority(p) => {
                write!(f, "unknown priority `{p}`: expected P1, P2, P3 or P4")
            }
            SlaError::UnknownChannel(c) => {
                write!(f, "unknown channel `{c}`: expected phone, email or online")
            }
            SlaError::BadTime { input, reason } => write!(
                f,
                "cannot read the received time `{input}` ({reason}): expected RFC 3339 such as 2026-02-13T17:30:00+08:00"
            ),
            SlaError::ReceivedOutsideCalendar(e) => write!(f, "received date {e}"),
            SlaError::PastCalendarEnd { covers_until } => write!(
                f,
                "the deadline falls after {covers_until}, the last date the holiday calendar covers: it cannot be computed until the next year's public holidays are published"
            ),
            SlaError::PolicyIncomplete(what) => write!(f, "the SLA policy is incomplete: {what}"),
        }
    }
}

impl std::error::Error for SlaError {}

/// A priority as the CLI and the forms name it (`P1` … `P4`).
pub fn parse_priority(s: &str) -> Result<Priority, SlaError> {
    s.parse()
        .map_err(|_| SlaError::UnknownPriority(s.to_owned()))
}

/// A channel as the CLI and the forms name it (`phone`, `email`, `online`).
pub fn parse_channel(s: &str) -> Result<Channel, SlaError> {
    s.parse()
        .map_err(|_| SlaError::UnknownChannel(s.to_owned()))
}

/// Parses an RFC 3339 date-time in any offset.
pub fn parse_time(s: &str) -> Result<DateTime<FixedOffset>, SlaError> {
    DateTime::parse_from_rfc3339(s.trim()).map_err(|e| SlaError::BadTime {
        input: s.to_owned(),
        reason: e.to_string(),
    })
}

/// Opening hours of one channel, as seconds after local midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hours {
    pub opens: i64,
    pub closes: i64,
}

impl Hours {
    fn length(self) -> i64 {
        self.closes - self.opens
    }
}

/// An amount of open time as whole working days of one channel and the
/// rest: `whole_days × length + rest` with `0 <= rest < length`. Each
/// priority's target is split so once per channel, when the engine is
/// built, and a deadline then needs no division.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct OpenTime {
    whole_days: i64,
    rest: i64,
}

impl OpenTime {
    fn split(seconds: i64, hours: Hours) -> OpenTime {
        OpenTime {
            whole_days: seconds / hours.length(),
            rest: seconds % hours.length(),
        }
    }

    fn is_zero(self) -> bool {
        self.whole_days == 0 && self.rest == 0
    }
}

/// Whether a channel is open at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChannelState {
    Open { closes_at: DateTime<FixedOffset> },
    Closed { opens_at: DateTime<FixedOffset> },
}

/// Where a request stands against its response target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlaState {
    /// More than the due-soon share of the target is left.
    OnTrack,
    /// Less than the due-soon share (25 %) of the target is left.
    DueSoon,
    /// No response by the deadline, or a response after it.
    Breached,
    /// Responded by the deadline.
    Met,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlaStatus {
    pub deadline: DateTime<FixedOffset>,
    pub state: SlaState,
    /// Open time left until the deadline at `now` (0 once it has passed).
    pub open_seconds_left: i64,
}

/// One stretch of the time between receipt and deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stretch {
    /// The channel was open: this time counts. On a 调休 day, the holiday it makes up for.
    Counted {
        adjusted_for: Option<Text>,
    },
    /// A working day, outside the channel's hours (nights, early mornings).
    ClosedHours,
    Weekend,
    Holiday(Text),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEntry {
    pub from: DateTime<FixedOffset>,
    pub to: DateTime<FixedOffset>,
    pub stretch: Stretch,
}

/// What was counted and what was skipped between receipt and deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    pub received: DateTime<FixedOffset>,
    pub deadline: DateTime<FixedOffset>,
    pub target_minutes: u32,
    pub entries: Vec<TimelineEntry>,
}

/// The SLA policy and calendar, ready to answer questions.
#[derive(Debug, Clone)]
pub struct SlaEngine {
    calendar: BusinessCalendar,
    /// Indexed by `Priority as usize`.
    targets_minutes: [u32; 4],
    /// Indexed by `channel_index`.
    hours: [Hours; 3],
    /// `targets[priority][channel]`: the target split into that channel's
    /// working days.
    targets: [[OpenTime; 3]; 4],
    due_soon_fraction: f64,
    onsite: OnsiteRule,
}

fn channel_index(c: Channel) -> usize {
    match c {
        Channel::Phone => 0,
        Channel::Email => 1,
        Channel::Online => 2,
    }
}

/// Seconds in a day.
const DAY: i64 = 86_400;

fn seconds_of_day(t: &NaiveDateTime) -> i64 {
    i64::from(t.time().num_seconds_from_midnight())
}

impl SlaEngine {
    pub fn new(policy: &SlaPolicy, calendar: &CalendarData) -> Result<SlaEngine, SlaError> {
        let mut targets_minutes = [0u32; 4];
        for p in Priority::ALL {
            let level = policy
                .priorities
                .iter()
                .find(|l| l.id == p)
                .ok_or_else(|| {
                    SlaError::PolicyIncomplete(format!("no target for {}", p.as_str()))
                })?;
            targets_minutes[p as usize] = level.response_minutes;
        }
        let mut hours = [Hours {
            opens: 0,
            closes: 0,
        }; 3];
        for c in Channel::ALL {
            let ch = policy.channels.iter().find(|h| h.id == c).ok_or_else(|| {
                SlaError::PolicyIncomplete(format!("no hours for channel {}", c.as_str()))
            })?;
            let secs = |s: &str| {
                parse_hhmm(s)
                    .map(|t| i64::from(t.num_seconds_from_midnight()))
                    .ok_or_else(|| {
                        SlaError::PolicyIncomplete(format!("`{s}` is not a time like 09:00"))
                    })
            };
            let h = Hours {
                opens: secs(&ch.opens)?,
                closes: secs(&ch.closes)?,
            };
            if h.length() <= 0 {
                return Err(SlaError::PolicyIncomplete(format!(
                    "channel {} closes before it opens",
                    c.as_str()
                )));
            }
            hours[channel_index(c)] = h;
        }
        let mut targets = [[OpenTime {
            whole_days: 0,
            rest: 0,
        }; 3]; 4];
        for (p, minutes) in targets_minutes.iter().enumerate() {
            for (c, h) in hours.iter().enumerate() {
                targets[p][c] = OpenTime::split(i64::from(*minutes) * 60, *h);
            }
        }
        Ok(SlaEngine {
            calendar: BusinessCalendar::new(calendar),
            targets_minutes,
            hours,
            targets,
            due_soon_fraction: policy.due_soon_fraction,
            onsite: policy.onsite.clone(),
        })
    }

    pub fn calendar(&self) -> &BusinessCalendar {
        &self.calendar
    }

    pub fn target_minutes(&self, priority: Priority) -> u32 {
        self.targets_minutes[priority as usize]
    }

    pub fn hours(&self, channel: Channel) -> Hours {
        self.hours[channel_index(channel)]
    }

    fn at(&self, day: usize, seconds: i64) -> NaiveDateTime {
        let midnight = self.calendar.date_at(day).and_time(chrono::NaiveTime::MIN);
        midnight + chrono::Duration::seconds(seconds)
    }

    /// The instant at which the open time counted from `received` reaches
    /// the priority's target.
    pub fn response_deadline(
        &self,
        priority: Priority,
        channel: Channel,
        received: &DateTime<FixedOffset>,
    ) -> Result<DateTime<FixedOffset>, SlaError> {
        let target = self.targets[priority as usize][channel_index(channel)];
        let (day, second) = self.add_open_time(channel, received, target)?;
        Ok(self.calendar.instant_at(day, second))
    }

    /// `received` (to the whole second) plus `amount` of the channel's open
    /// time, as a day index and seconds after its Beijing midnight.
    ///
    /// Every working day opens the channel for the same `length`, so the
    /// open time from the calendar's first day to any instant is working
    /// days before its day × `length`, plus what its own day has been open
    /// so far. The deadline is where that count has grown by `amount`: its
    /// working day is a sum, its date one table read. No loop and no
    /// division, whatever the gap.
    fn add_open_time(
        &self,
        channel: Channel,
        received: &DateTime<FixedOffset>,
        amount: OpenTime,
    ) -> Result<(usize, i64), SlaError> {
        let hours = self.hours(channel);
        let length = hours.length();
        // `timestamp` drops the fraction of a second.
        let local = received.timestamp() + BEIJING_OFFSET_SECONDS;
        let (unix_day, second) = (local.div_euclid(DAY), local.rem_euclid(DAY));
        let day = self.calendar.index_of_unix_day(unix_day).ok_or_else(|| {
            SlaError::ReceivedOutsideCalendar(
                self.calendar.out_of_coverage(to_beijing(received).date()),
            )
        })?;
        let open_today = if self.calendar.is_working_at(day) {
            (second - hours.opens).clamp(0, length)
        } else {
            0
        };
        // The target is reached on working day number `n` (from the
        // calendar's first), `into_hours` after it opens. Hours are
        // half-open, so a target reached exactly at closing is due at that
        // closing (`into_hours == length`), not at the next opening; only a
        // target of nothing is due at an opening itself.
        let count = open_today + amount.rest; // 0 ..= 2 × length − 1
        let (extra_day, into_hours) = if amount.is_zero() {
            if count < length {
                (0, count)
            } else {
                (1, 0)
            }
        } else if count == 0 {
            (-1, length)
        } else if count <= length {
            (0, count)
        } else {
            (1, count - length)
        };
        let n = i64::from(self.calendar.working_days_before(day)) + amount.whole_days + extra_day;
        let due_day = usize::try_from(n)
            .ok()
            .and_then(|n| self.calendar.nth_working_day(n))
            .ok_or(SlaError::PastCalendarEnd {
                covers_until: self.calendar.covers_until(),
            })?;
        Ok((due_day, hours.opens + into_hours))
    }

    /// Open time of `channel` within `[from, to)`, in seconds. Whole working
    /// days in between are counted without visiting them.
    pub fn open_seconds_between(
        &self,
        channel: Channel,
        from: &DateTime<FixedOffset>,
        to: &DateTime<FixedOffset>,
    ) -> Result<i64, SlaError> {
        if to <= from {
            return Ok(0);
        }
        let hours = self.hours(channel);
        let (a, b) = (to_beijing(from), to_beijing(to));
        let outside = SlaError::ReceivedOutsideCalendar;
        let (da, db) = (
            self.calendar.index(a.date()).map_err(outside)?,
            self.calendar.index(b.date()).map_err(outside)?,
        );
        let within = |day: usize, lo: i64, hi: i64| -> i64 {
            if !self.calendar.status_at(day).is_working() {
                return 0;
            }
            (hi.min(hours.closes) - lo.max(hours.opens)).max(0)
        };
        let (sa, sb) = (seconds_of_day(&a), seconds_of_day(&b));
        if da == db {
            return Ok(within(da, sa, sb));
        }
        let full_days = self.calendar.working_days_in(da + 1, db);
        Ok(within(da, sa, 86_400) + full_days as i64 * hours.length() + within(db, 0, sb))
    }

    /// Whether the channel is open at `at`, and until or from when.
    pub fn channel_state(
        &self,
        channel: Channel,
        at: &DateTime<FixedOffset>,
    ) -> Result<ChannelState, SlaError> {
        let hours = self.hours(channel);
        let local = to_beijing(at);
        let day = self
            .calendar
            .index(local.date())
            .map_err(SlaError::ReceivedOutsideCalendar)?;
        let s = seconds_of_day(&local);
        if self.calendar.status_at(day).is_working() && s >= hours.opens && s < hours.closes {
            return Ok(ChannelState::Open {
                closes_at: from_beijing(self.at(day, hours.closes)),
            });
        }
        let from_day = if s < hours.opens { day } else { day + 1 };
        let next = if from_day < self.calendar.day_count() {
            self.calendar.next_working_index(from_day).ok()
        } else {
            None
        };
        let next = next.ok_or(SlaError::PastCalendarEnd {
            covers_until: self.calendar.covers_until(),
        })?;
        Ok(ChannelState::Closed {
            opens_at: from_beijing(self.at(next, hours.opens)),
        })
    }

    /// Where a request stands at `now`.
    pub fn status(
        &self,
        priority: Priority,
        channel: Channel,
        received: &DateTime<FixedOffset>,
        first_response: Option<&DateTime<FixedOffset>>,
        now: &DateTime<FixedOffset>,
    ) -> Result<SlaStatus, SlaError> {
        let deadline = self.response_deadline(priority, channel, received)?;
        if let Some(response) = first_response {
            let state = if *response <= deadline {
                SlaState::Met
            } else {
                SlaState::Breached
            };
            return Ok(SlaStatus {
                deadline,
                state,
                open_seconds_left: 0,
            });
        }
        if *now >= deadline {
            return Ok(SlaStatus {
                deadline,
                state: SlaState::Breached,
                open_seconds_left: 0,
            });
        }
        let left = self.open_seconds_between(channel, now.max(received), &deadline)?;
        let target = f64::from(self.target_minutes(priority)) * 60.0;
        let state = if (left as f64) < self.due_soon_fraction * target {
            SlaState::DueSoon
        } else {
            SlaState::OnTrack
        };
        Ok(SlaStatus {
            deadline,
            state,
            open_seconds_left: left,
        })
    }

    /// The deadline with a day-by-day account of what was counted and what
    /// was skipped (nights, weekends, each holiday by name, 调休 days).
    pub fn timeline(
        &self,
        priority: Priority,
        channel: Channel,
        received: &DateTime<FixedOffset>,
    ) -> Result<Timeline, SlaError> {
        let received = received.with_timezone(&beijing());
        let received = received.with_nanosecond(0).unwrap_or(received);
        let deadline = self.response_deadline(priority, channel, &received)?;
        let hours = self.hours(channel);
        let (start, end) = (to_beijing(&received), to_beijing(&deadline));
        let first = self
            .calendar
            .index(start.date())
            .map_err(SlaError::ReceivedOutsideCalendar)?;
        let last = self
            .calendar
            .index(end.date())
            .map_err(|_| SlaError::PastCalendarEnd {
                covers_until: self.calendar.covers_until(),
            })?;
        let mut entries: Vec<TimelineEntry> = Vec::new();
        let mut push = |from: NaiveDateTime, to: NaiveDateTime, stretch: Stretch| {
            if to <= from {
                return;
            }
            let (from, to) = (from_beijing(from), from_beijing(to));
            if let Some(prev) = entries.last_mut() {
                if prev.stretch == stretch && prev.to == from {
                    prev.to = to;
                    return;
                }
            }
            entries.push(TimelineEntry { from, to, stretch });
        };
        for day in first..=last {
            let lo = start.max(self.at(day, 0));
            let hi = end.min(self.at(day, 86_400));
            match self.calendar.status_at(day) {
                DayStatus::Weekend => push(lo, hi, Stretch::Weekend),
                DayStatus::Holiday(name) => push(lo, hi, Stretch::Holiday(name.clone())),
                status => {
                    let adjusted_for = match status {
                        DayStatus::AdjustedWorkingDay(name) => Some(name.clone()),
                        _ => None,
                    };
                    let (opens, closes) = (self.at(day, hours.opens), self.at(day, hours.closes));
                    push(lo, hi.min(opens), Stretch::ClosedHours);
                    push(
                        lo.max(opens),
                        hi.min(closes),
                        Stretch::Counted { adjusted_for },
                    );
                    push(lo.max(closes), hi, Stretch::ClosedHours);
                }
            }
        }
        Ok(Timeline {
            received,
            deadline,
            target_minutes: self.target_minutes(priority),
            entries,
        })
    }

    /// On-site arrival (manual §5.2): within the radius, the agreed time plus
    /// the arrival hours, wall-clock; beyond it, `None`: to be agreed.
    pub fn onsite_arrival(
        &self,
        agreed: &DateTime<FixedOffset>,
        distance_km: f64,
    ) -> Option<DateTime<FixedOffset>> {
        crate::geo::OnsiteArrival::under(&self.onsite, distance_km).latest(agreed)
    }
}

#[cfg(test)]
mod tests {
    //! The open-time arithmetic of `add_open_time` on a small calendar
    //! (February–March 2026: 春节 15–23 Feb, 调休上班 Sat 14 and Sat 28 Feb)
    //! with a target of any length, each deadline worked out by hand.

    use super::*;
    use crate::model::{AdjustedWorkingDay, ChannelHours, HolidayRun, PriorityLevel};

    fn text(s: &str) -> Text {
        Text {
            zh: s.into(),
            en: None,
        }
    }

    /// Phone 09:00–18:00 (9 h), e-mail 09:00–21:00, P1's target `minutes`.
    fn engine(minutes: u32) -> SlaEngine {
        let policy = SlaPolicy {
            timezone: "Asia/Shanghai".into(),
            priorities: Priority::ALL
                .iter()
                .map(|&id| PriorityLevel {
                    id,
                    name: text(id.as_str()),
                    definition: text(id.as_str()),
                    response_minutes: if id == Priority::P1 { minutes } else { 480 },
                })
                .collect(),
            channels: Channel::ALL
                .iter()
                .map(|&id| ChannelHours {
                    id,
                    name: text(id.as_str()),
                    contact: String::new(),
                    opens: "09:00".into(),
                    closes: if id == Channel::Email {
                        "21:00"
                    } else {
                        "18:00"
                    }
                    .into(),
                })
                .collect(),
            onsite: OnsiteRule {
                radius_km: 40,
                arrival_hours: 24,
            },
            due_soon_fraction: 0.25,
        };
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        let calendar = CalendarData {
            covers_from: day("2026-02-01"),
            covers_until: day("2026-03-31"),
            holidays: vec![HolidayRun {
                name: text("春节"),
                from: day("2026-02-15"),
                to: day("2026-02-23"),
            }],
            adjusted_working_days: ["2026-02-14", "2026-02-28"]
                .iter()
                .map(|s| AdjustedWorkingDay {
                    date: day(s),
                    for_holiday: text("春节"),
                })
                .collect(),
        };
        SlaEngine::new(&policy, &calendar).unwrap()
    }

    fn due(minutes: u32, received: &str) -> Result<String, SlaError> {
        engine(minutes)
            .response_deadline(Priority::P1, Channel::Phone, &parse_time(received)?)
            .map(|t| t.to_rfc3339())
    }

    const DAY_OF_PHONE: u32 = 9 * 60;

    #[test]
    fn a_target_is_split_into_whole_working_days_and_the_rest_per_channel() {
        let e = engine(2 * DAY_OF_PHONE + 30);
        let p1 = Priority::P1 as usize;
        let split = |c: Channel| e.targets[p1][channel_index(c)];
        // 18 h 30 by phone (9 h a day); by e-mail (12 h a day), 1 day and 6 h 30.
        assert_eq!(
            split(Channel::Phone),
            OpenTime {
                whole_days: 2,
                rest: 30 * 60
            }
        );
        assert_eq!(
            split(Channel::Email),
            OpenTime {
                whole_days: 1,
                rest: 6 * 3600 + 30 * 60
            }
        );
    }

    #[test]
    fn whole_working_days_from_an_opening_end_at_a_closing_not_the_next_opening() {
        // Mon 2 – Fri 6 Feb, five days of 9 h.
        assert_eq!(
            due(5 * DAY_OF_PHONE, "2026-02-02T09:00:00+08:00").unwrap(),
            "2026-02-06T18:00:00+08:00"
        );
        // Received before opening: the same.
        assert_eq!(
            due(DAY_OF_PHONE, "2026-02-02T07:00:00+08:00").unwrap(),
            "2026-02-02T18:00:00+08:00"
        );
        // Received at closing: the next day's closing.
        assert_eq!(
            due(DAY_OF_PHONE, "2026-02-02T18:00:00+08:00").unwrap(),
            "2026-02-03T18:00:00+08:00"
        );
    }

    #[test]
    fn what_does_not_fit_before_closing_continues_at_the_next_opening() {
        // 1 h until 18:00 Mon, 1 h from 09:00 Tue.
        assert_eq!(
            due(120, "2026-02-02T17:00:00+08:00").unwrap(),
            "2026-02-03T10:00:00+08:00"
        );
        // One second before closing, one day and an hour: 1 s Mon, 9 h Tue,
        // 59 min 59 s Wed.
        assert_eq!(
            due(DAY_OF_PHONE + 60, "2026-02-02T17:59:59+08:00").unwrap(),
            "2026-02-04T09:59:59+08:00"
        );
    }

    #[test]
    fn two_working_days_from_friday_use_the_adjusted_saturday_then_skip_the_festival() {
        // 8 h Fri 13 Feb, 9 h Sat 14 Feb (调休), 1 h Tue 24 Feb.
        assert_eq!(
            due(2 * DAY_OF_PHONE, "2026-02-13T10:00:00+08:00").unwrap(),
            "2026-02-24T10:00:00+08:00"
        );
        // Due exactly at the adjusted Saturday's closing.
        assert_eq!(
            due(DAY_OF_PHONE + 8 * 60, "2026-02-13T10:00:00+08:00").unwrap(),
            "2026-02-14T18:00:00+08:00"
        );
    }

    #[test]
    fn a_request_on_the_first_or_last_day_of_the_festival_starts_after_it() {
        for received in [
            "2026-02-14T18:00:00+08:00",
            "2026-02-15T00:00:00+08:00",
            "2026-02-23T23:59:59+08:00",
            "2026-02-24T08:59:59+08:00",
        ] {
            assert_eq!(
                due(60, received).unwrap(),
                "2026-02-24T10:00:00+08:00",
                "{received}"
            );
        }
        // 30 min left on the adjusted Saturday, 30 min after the festival.
        assert_eq!(
            due(60, "2026-02-14T17:30:00+08:00").unwrap(),
            "2026-02-24T09:30:00+08:00"
        );
    }

    #[test]
    fn a_deadline_after_the_last_covered_date_is_an_error() {
        let past_end = Err(SlaError::PastCalendarEnd {
            covers_until: "2026-03-31".parse().unwrap(),
        });
        // Tue 31 March is the last day: due at its closing is still fine.
        assert_eq!(
            due(60, "2026-03-31T17:00:00+08:00").unwrap(),
            "2026-03-31T18:00:00+08:00"
        );
        assert_eq!(due(61, "2026-03-31T17:00:00+08:00"), past_end);
        assert_eq!(due(1, "2026-03-31T18:00:00+08:00"), past_end);
        // 38 working days of 9 h from the first opening reach exactly the last closing.
        assert_eq!(
            due(38 * DAY_OF_PHONE, "2026-02-01T00:00:00+08:00").unwrap(),
            "2026-03-31T18:00:00+08:00"
        );
        assert_eq!(
            due(38 * DAY_OF_PHONE + 1, "2026-02-01T00:00:00+08:00"),
            past_end
        );
    }

    #[test]
    fn the_received_day_is_its_beijing_day_and_must_be_covered() {
        // 16:00 UTC on 31 Jan is midnight in Beijing on Sun 1 Feb: covered.
        assert_eq!(
            due(60, "2026-01-31T16:00:00Z").unwrap(),
            "2026-02-02T10:00:00+08:00"
        );
        let err = due(60, "2026-01-31T15:59:59Z").unwrap_err();
        assert!(
            matches!(&err, SlaError::ReceivedOutsideCalendar(e) if e.date.to_string() == "2026-01-31"),
            "{err:?}"
        );
        let err = due(60, "2026-04-01T09:00:00+08:00").unwrap_err();
        assert!(
            matches!(&err, SlaError::ReceivedOutsideCalendar(e) if e.date.to_string() == "2026-04-01"),
            "{err:?}"
        );
    }

    #[test]
    fn a_target_of_nothing_is_due_when_the_channel_is_next_open() {
        // `portal validate` refuses a 0-minute target; the engine still
        // answers as the loop it replaced did: now if open, else the next opening.
        assert_eq!(
            due(0, "2026-02-02T10:30:00+08:00").unwrap(),
            "2026-02-02T10:30:00+08:00"
        );
        assert_eq!(
            due(0, "2026-02-02T18:00:00+08:00").unwrap(),
            "2026-02-03T09:00:00+08:00"
        );
        assert_eq!(
            due(0, "2026-02-07T10:00:00+08:00").unwrap(),
            "2026-02-09T09:00:00+08:00"
        );
    }

    #[test]
    fn a_fraction_of_a_second_is_dropped() {
        assert_eq!(
            due(60, "2026-02-02T10:00:00.999+08:00").unwrap(),
            "2026-02-02T11:00:00+08:00"
        );
    }
}
