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
//! The cost of a deadline does not grow with the gap it spans: closed days
//! and whole holiday runs are skipped with one lookup each, so a deadline
//! across the Spring Festival costs about as much as one due the same
//! afternoon. Times are handled to the second.

use crate::calendar::{
    beijing, from_beijing, to_beijing, BusinessCalendar, DayStatus, OutOfCoverage,
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
        Ok(SlaEngine {
            calendar: BusinessCalendar::new(calendar),
            targets_minutes,
            hours,
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
        let local = to_beijing(&received.with_nanosecond(0).unwrap_or(*received));
        let target = i64::from(self.target_minutes(priority)) * 60;
        self.add_open_time(channel, local, target).map(from_beijing)
    }

    /// `start` plus `amount` seconds of the channel's open time.
    fn add_open_time(
        &self,
        channel: Channel,
        start: NaiveDateTime,
        amount: i64,
    ) -> Result<NaiveDateTime, SlaError> {
        let hours = self.hours(channel);
        let mut day = self
            .calendar
            .index(start.date())
            .map_err(SlaError::ReceivedOutsideCalendar)?;
        let mut from = seconds_of_day(&start);
        let mut remaining = amount;
        let past_end = || SlaError::PastCalendarEnd {
            covers_until: self.calendar.covers_until(),
        };
        loop {
            let working = self
                .calendar
                .next_working_index(day)
                .map_err(|_| past_end())?;
            if working != day {
                day = working;
                from = 0;
            }
            let begin = from.max(hours.opens);
            if begin < hours.closes {
                let available = hours.closes - begin;
                if remaining <= available {
                    return Ok(self.at(day, begin + remaining));
                }
                remaining -= available;
            }
            day += 1;
            from = 0;
            if day >= self.calendar.day_count() {
                return Err(past_end());
            }
        }
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
        (distance_km <= f64::from(self.onsite.radius_km))
            .then(|| *agreed + chrono::Duration::hours(i64::from(self.onsite.arrival_hours)))
    }
}
