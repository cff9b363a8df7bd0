//! `sla/policy.json` and `sla/calendar.json`: the service targets and the
//! working-day calendar the SLA engine computes with.

use super::Validator;
use crate::model::*;
use crate::parse::files;
use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use std::collections::{HashMap, HashSet};

impl Validator<'_> {
    pub(super) fn check_policy(&mut self, policy: &SlaPolicy) {
        let file = files::SLA_POLICY;
        if policy.timezone != "Asia/Shanghai" {
            self.problem(
                file,
                "$.timezone",
                "service hours are defined in Beijing time: must be `Asia/Shanghai`",
            );
        }
        if !(policy.due_soon_fraction > 0.0 && policy.due_soon_fraction < 1.0) {
            self.problem(file, "$.due_soon_fraction", "must be between 0 and 1");
        }
        for p in Priority::ALL {
            let n = policy.priorities.iter().filter(|l| l.id == p).count();
            if n != 1 {
                self.problem(
                    file,
                    "$.priorities",
                    format!("{} must be defined exactly once (found {n})", p.as_str()),
                );
            }
        }
        for (i, l) in policy.priorities.iter().enumerate() {
            if l.response_minutes == 0 {
                self.problem(
                    file,
                    format!("$.priorities[{i}].response_minutes"),
                    "must be more than 0",
                );
            }
        }
        for c in Channel::ALL {
            let n = policy.channels.iter().filter(|h| h.id == c).count();
            if n != 1 {
                self.problem(
                    file,
                    "$.channels",
                    format!(
                        "channel `{}` must be defined exactly once (found {n})",
                        c.as_str()
                    ),
                );
            }
        }
        for (i, c) in policy.channels.iter().enumerate() {
            let opens = parse_hhmm(&c.opens);
            let closes = parse_hhmm(&c.closes);
            if opens.is_none() {
                self.problem(
                    file,
                    format!("$.channels[{i}].opens"),
                    format!("`{}` is not a time like 09:00", c.opens),
                );
            }
            if closes.is_none() {
                self.problem(
                    file,
                    format!("$.channels[{i}].closes"),
                    format!("`{}` is not a time like 18:00", c.closes),
                );
            }
            if let (Some(o), Some(cl)) = (opens, closes) {
                if o >= cl {
                    self.problem(
                        file,
                        format!("$.channels[{i}].closes"),
                        "a channel must close after it opens",
                    );
                }
            }
        }
        if policy.onsite.radius_km == 0 {
            self.problem(file, "$.onsite.radius_km", "must be more than 0");
        }
    }

    pub(super) fn check_calendar(&mut self, cal: &CalendarData) {
        let file = files::CALENDAR;
        if cal.covers_from > cal.covers_until {
            self.problem(file, "$.covers_until", "coverage ends before it starts");
        }
        let covered = |d: NaiveDate| d >= cal.covers_from && d <= cal.covers_until;
        let mut off: HashMap<NaiveDate, usize> = HashMap::new();
        for (i, h) in cal.holidays.iter().enumerate() {
            if h.from > h.to {
                self.problem(
                    file,
                    format!("$.holidays[{i}].to"),
                    "holiday ends before it starts",
                );
                continue;
            }
            if !covered(h.from) || !covered(h.to) {
                self.problem(
                    file,
                    format!("$.holidays[{i}]"),
                    "holiday lies outside covers_from..covers_until",
                );
            }
            for d in h.from.iter_days().take_while(|d| *d <= h.to) {
                if let Some(j) = off.insert(d, i) {
                    self.problem(
                        file,
                        format!("$.holidays[{i}]"),
                        format!("{d} is already in $.holidays[{j}]"),
                    );
                }
            }
        }
        let holiday_names: HashSet<&str> =
            cal.holidays.iter().map(|h| h.name.zh.as_str()).collect();
        let mut seen = HashSet::new();
        for (i, a) in cal.adjusted_working_days.iter().enumerate() {
            if !holiday_names.contains(a.for_holiday.zh.as_str()) {
                self.problem(
                    file,
                    format!("$.adjusted_working_days[{i}].for_holiday"),
                    format!(
                        "`{}` is not the name of any holiday in this calendar",
                        a.for_holiday.zh
                    ),
                );
            }
            let at = format!("$.adjusted_working_days[{i}].date");
            if !seen.insert(a.date) {
                self.problem(file, at.clone(), format!("{} is listed twice", a.date));
            }
            if !matches!(a.date.weekday(), Weekday::Sat | Weekday::Sun) {
                self.problem(
                    file,
                    at.clone(),
                    format!(
                        "{} is a weekday: only a weekend day can be an adjusted working day",
                        a.date
                    ),
                );
            }
            if off.contains_key(&a.date) {
                self.problem(file, at.clone(), format!("{} is also a holiday", a.date));
            }
            if !covered(a.date) {
                self.problem(
                    file,
                    at,
                    format!("{} lies outside covers_from..covers_until", a.date),
                );
            }
        }
    }
}

/// `HH:MM` on a 24-hour clock.
pub fn parse_hhmm(s: &str) -> Option<NaiveTime> {
    if s.len() != 5 {
        return None;
    }
    NaiveTime::parse_from_str(s, "%H:%M").ok()
}
