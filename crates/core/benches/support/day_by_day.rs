//! The plain way to compute a response deadline, as the benchmark's
//! reference: from the received date, walk the calendar one day at a time,
//! skip days that are not working days, add each working day's open hours
//! until the target is reached.
//!
//! It reads the data files itself (weekday or weekend, each holiday run,
//! each 调休上班 day, the channel's `HH:MM` hours) and shares no table and
//! no code with `portal_core::sla` or `portal_core::calendar`, so when
//! `tests/sla_reference.rs` finds it agrees with the engine, that is two
//! readings of PRODUCT.md agreeing, not one reading agreeing with itself.
//! Same semantics: Beijing time, half-open `[opens, closes)`, a request
//! received while closed starts at the next opening, whole seconds.

use chrono::{
    DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveTime, TimeZone, Timelike, Weekday,
};
use portal_core::model::{CalendarData, Channel, Priority, SlaPolicy};

pub struct DayByDay {
    covers_from: NaiveDate,
    /// One flag per covered date, from `covers_from`: is it a working day?
    working: Vec<bool>,
    /// Indexed by `Priority as usize`, in seconds.
    targets: [i64; 4],
    /// `(opens, closes)` in seconds after midnight: phone, email, online.
    hours: [(i64, i64); 3],
}

fn channel_slot(channel: Channel) -> usize {
    match channel {
        Channel::Phone => 0,
        Channel::Email => 1,
        Channel::Online => 2,
    }
}

/// `HH:MM` as seconds after midnight.
fn seconds(hhmm: &str) -> i64 {
    let (h, m) = hhmm.split_once(':').expect("HH:MM");
    h.parse::<i64>().expect("hours") * 3600 + m.parse::<i64>().expect("minutes") * 60
}

impl DayByDay {
    pub fn new(policy: &SlaPolicy, calendar: &CalendarData) -> DayByDay {
        let mut working = Vec::new();
        let mut date = calendar.covers_from;
        while date <= calendar.covers_until {
            working.push(!matches!(date.weekday(), Weekday::Sat | Weekday::Sun));
            date = date.succ_opt().expect("a date after a covered date");
        }
        let mut mark = |date: NaiveDate, is_working: bool| {
            if let Ok(i) = usize::try_from((date - calendar.covers_from).num_days()) {
                if let Some(flag) = working.get_mut(i) {
                    *flag = is_working;
                }
            }
        };
        for run in &calendar.holidays {
            let mut date = run.from;
            while date <= run.to {
                mark(date, false);
                date = date.succ_opt().expect("a date in a holiday run");
            }
        }
        for day in &calendar.adjusted_working_days {
            mark(day.date, true);
        }
        let mut targets = [0; 4];
        for level in &policy.priorities {
            targets[level.id as usize] = i64::from(level.response_minutes) * 60;
        }
        let mut hours = [(0, 0); 3];
        for channel in &policy.channels {
            hours[channel_slot(channel.id)] = (seconds(&channel.opens), seconds(&channel.closes));
        }
        DayByDay {
            covers_from: calendar.covers_from,
            working,
            targets,
            hours,
        }
    }

    /// The deadline, or `None` when the walk leaves the calendar (received
    /// outside it, or the target not reached by its last day).
    pub fn response_deadline(
        &self,
        priority: Priority,
        channel: Channel,
        received: &DateTime<FixedOffset>,
    ) -> Option<DateTime<FixedOffset>> {
        let beijing = FixedOffset::east_opt(8 * 3600)?;
        let local = received.with_timezone(&beijing).naive_local();
        let (opens, closes) = self.hours[channel_slot(channel)];
        let mut remaining = self.targets[priority as usize];
        let mut date = local.date();
        let mut from = i64::from(local.time().num_seconds_from_midnight());
        loop {
            let index = usize::try_from((date - self.covers_from).num_days()).ok()?;
            if *self.working.get(index)? {
                let begin = from.max(opens);
                if begin < closes {
                    if remaining <= closes - begin {
                        let due =
                            date.and_time(NaiveTime::MIN) + Duration::seconds(begin + remaining);
                        return beijing.from_local_datetime(&due).single();
                    }
                    remaining -= closes - begin;
                }
            }
            date = date.succ_opt()?;
            from = 0;
        }
    }
}
