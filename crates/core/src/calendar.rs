//! China's working-day calendar (工作日历), built from `sla/calendar.json`.
//!
//! A working day is a Monday–Friday that is not a statutory holiday, or a
//! weekend day the State Council declared a working day (调休上班). Dates
//! outside the data's coverage are an error, never a guess.
//!
//! All times are Beijing time. `Asia/Shanghai` has been UTC+8 without
//! daylight saving since 1991, so for every date the calendar can cover it is
//! exactly the fixed offset [`beijing`]; using it keeps the tz database out
//! of the wasm.

use crate::model::{CalendarData, Text};
use chrono::{
    DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Weekday,
};
use std::fmt;

/// Beijing's offset from UTC, in seconds.
pub(crate) const BEIJING_OFFSET_SECONDS: i64 = 8 * 3600;

/// Beijing time, UTC+8.
pub fn beijing() -> FixedOffset {
    FixedOffset::east_opt(BEIJING_OFFSET_SECONDS as i32).expect("UTC+8 is a valid offset")
}

/// Why a date is or is not a working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayStatus<'a> {
    /// Monday–Friday, no holiday.
    Weekday,
    /// Saturday or Sunday, not declared a working day.
    Weekend,
    /// A statutory day off, with the holiday's name.
    Holiday(&'a Text),
    /// 调休上班: a weekend day declared a working day, with the holiday it makes up for.
    AdjustedWorkingDay(&'a Text),
}

impl DayStatus<'_> {
    pub fn is_working(self) -> bool {
        matches!(self, DayStatus::Weekday | DayStatus::AdjustedWorkingDay(_))
    }
}

/// A date the calendar data does not cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutOfCoverage {
    pub date: NaiveDate,
    pub covers_from: NaiveDate,
    pub covers_until: NaiveDate,
}

impl fmt::Display for OutOfCoverage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} is outside the holiday calendar, which covers {} to {}: the public holidays for that date are not published yet",
            self.date, self.covers_from, self.covers_until
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Weekday,
    Weekend,
    /// Index into `holiday_names`.
    Holiday(u16),
    /// Index into `adjusted_for`.
    Adjusted(u16),
}

/// Days from 0001-01-01 (day 1 of the common era) to 1970-01-01.
const UNIX_EPOCH_FROM_CE: i64 = 719_163;

/// The working-day calendar over `covers_from ..= covers_until`.
///
/// Dates are held as day indices (`0` is `covers_from`), and its tables
/// answer "how many working days before this one" and "which is the n-th
/// working day" with one read each: with them the SLA engine turns any
/// amount of open time into a deadline without walking the days.
#[derive(Debug, Clone)]
pub struct BusinessCalendar {
    covers_from: NaiveDate,
    covers_until: NaiveDate,
    /// `covers_from` as days since 1970-01-01, so an instant's Unix seconds
    /// give its day index by arithmetic alone.
    first_unix_day: i64,
    /// One entry per covered date.
    days: Vec<Kind>,
    /// `next_working[i]`: index of the first working day at or after day `i`,
    /// or `days.len()` when there is none. Skipping a holiday run is one lookup.
    next_working: Vec<u32>,
    /// `working_before[i]`: working days among days `0..i` (length `days.len() + 1`).
    working_before: Vec<u32>,
    /// `working_days[n]`: the day index of the n-th working day (from 0), the
    /// inverse of `working_before`.
    working_days: Vec<u32>,
    /// `dates[i + 1]` is the date of day `i`, `dates[0]` the day before
    /// `covers_from`: a date, or the UTC date of a Beijing time, without
    /// calendar arithmetic.
    dates: Vec<NaiveDate>,
    holiday_names: Vec<Text>,
    adjusted_for: Vec<Text>,
}

impl BusinessCalendar {
    /// Builds the calendar. The data is assumed to have passed
    /// `portal validate`; overlapping entries resolve to the last one and
    /// entries outside the coverage are ignored.
    pub fn new(data: &CalendarData) -> BusinessCalendar {
        let len = if data.covers_until >= data.covers_from {
            (data.covers_until - data.covers_from).num_days() as usize + 1
        } else {
            0
        };
        let mut days: Vec<Kind> = (0..len)
            .map(|i| {
                let date = data.covers_from + chrono::Days::new(i as u64);
                match date.weekday() {
                    Weekday::Sat | Weekday::Sun => Kind::Weekend,
                    _ => Kind::Weekday,
                }
            })
            .collect();
        let index = |date: NaiveDate| -> Option<usize> {
            let i = (date - data.covers_from).num_days();
            (0..len as i64).contains(&i).then_some(i as usize)
        };
        let mut holiday_names = Vec::with_capacity(data.holidays.len());
        for run in &data.holidays {
            let n = holiday_names.len() as u16;
            holiday_names.push(run.name.clone());
            for date in run.from.iter_days().take_while(|d| *d <= run.to) {
                if let Some(i) = index(date) {
                    days[i] = Kind::Holiday(n);
                }
            }
        }
        let mut adjusted_for = Vec::with_capacity(data.adjusted_working_days.len());
        for day in &data.adjusted_working_days {
            let n = adjusted_for.len() as u16;
            adjusted_for.push(day.for_holiday.clone());
            if let Some(i) = index(day.date) {
                days[i] = Kind::Adjusted(n);
            }
        }
        let mut next_working = vec![len as u32; len];
        let mut next = len as u32;
        for i in (0..len).rev() {
            if matches!(days[i], Kind::Weekday | Kind::Adjusted(_)) {
                next = i as u32;
            }
            next_working[i] = next;
        }
        let mut working_before = Vec::with_capacity(len + 1);
        working_before.push(0);
        for kind in &days {
            let last = working_before.last().copied().unwrap_or(0);
            working_before
                .push(last + u32::from(matches!(kind, Kind::Weekday | Kind::Adjusted(_))));
        }
        let working_days = (0..len as u32)
            .filter(|&i| matches!(days[i as usize], Kind::Weekday | Kind::Adjusted(_)))
            .collect();
        let day_before = data.covers_from.pred_opt().unwrap_or(NaiveDate::MIN);
        let dates = std::iter::once(day_before)
            .chain(data.covers_from.iter_days().take(len))
            .collect();
        BusinessCalendar {
            covers_from: data.covers_from,
            covers_until: data.covers_until,
            first_unix_day: i64::from(data.covers_from.num_days_from_ce()) - UNIX_EPOCH_FROM_CE,
            days,
            next_working,
            working_before,
            working_days,
            dates,
            holiday_names,
            adjusted_for,
        }
    }

    pub fn covers_from(&self) -> NaiveDate {
        self.covers_from
    }

    pub fn covers_until(&self) -> NaiveDate {
        self.covers_until
    }

    pub(crate) fn out_of_coverage(&self, date: NaiveDate) -> OutOfCoverage {
        OutOfCoverage {
            date,
            covers_from: self.covers_from,
            covers_until: self.covers_until,
        }
    }

    /// Day index of `date`, or the coverage error.
    pub(crate) fn index(&self, date: NaiveDate) -> Result<usize, OutOfCoverage> {
        let i = (date - self.covers_from).num_days();
        if i < 0 || i >= self.days.len() as i64 {
            return Err(self.out_of_coverage(date));
        }
        Ok(i as usize)
    }

    /// Day index of a Unix day (days since 1970-01-01), if covered.
    pub(crate) fn index_of_unix_day(&self, unix_day: i64) -> Option<usize> {
        usize::try_from(unix_day - self.first_unix_day)
            .ok()
            .filter(|&i| i < self.days.len())
    }

    pub(crate) fn is_working_at(&self, index: usize) -> bool {
        matches!(self.days[index], Kind::Weekday | Kind::Adjusted(_))
    }

    /// Working days among day indices `0..index`.
    pub(crate) fn working_days_before(&self, index: usize) -> u32 {
        self.working_before[index]
    }

    /// The day index of the `n`-th working day (from 0), or `None` when the
    /// calendar has fewer.
    pub(crate) fn nth_working_day(&self, n: usize) -> Option<usize> {
        self.working_days.get(n).map(|&i| i as usize)
    }

    pub(crate) fn date_at(&self, index: usize) -> NaiveDate {
        self.dates[index + 1]
    }

    /// `second` seconds after Beijing midnight on day `index`, as an instant
    /// in `+08:00`; `second` is below 86,400.
    pub(crate) fn instant_at(&self, index: usize, second: i64) -> DateTime<FixedOffset> {
        // Before 08:00 Beijing it is still the previous day in UTC.
        let (utc_date, utc_second) = if second >= BEIJING_OFFSET_SECONDS {
            (self.dates[index + 1], second - BEIJING_OFFSET_SECONDS)
        } else {
            (self.dates[index], second + 86_400 - BEIJING_OFFSET_SECONDS)
        };
        let time = u32::try_from(utc_second)
            .ok()
            .and_then(|s| NaiveTime::from_num_seconds_from_midnight_opt(s, 0))
            .expect("a second of the day is a time of day");
        DateTime::from_naive_utc_and_offset(utc_date.and_time(time), beijing())
    }

    pub(crate) fn day_count(&self) -> usize {
        self.days.len()
    }

    /// The first working day at index `i` or later; `Err` names the first
    /// date past the coverage when the data runs out first.
    pub(crate) fn next_working_index(&self, i: usize) -> Result<usize, OutOfCoverage> {
        match self.next_working.get(i) {
            Some(&j) if (j as usize) < self.days.len() => Ok(j as usize),
            _ => Err(self.out_of_coverage(self.covers_until + chrono::Days::new(1))),
        }
    }

    /// Working days among day indices `from..to`.
    pub(crate) fn working_days_in(&self, from: usize, to: usize) -> u32 {
        if to <= from {
            return 0;
        }
        self.working_before[to.min(self.days.len())]
            - self.working_before[from.min(self.days.len())]
    }

    pub(crate) fn status_at(&self, i: usize) -> DayStatus<'_> {
        match self.days[i] {
            Kind::Weekday => DayStatus::Weekday,
            Kind::Weekend => DayStatus::Weekend,
            Kind::Holiday(n) => DayStatus::Holiday(&self.holiday_names[n as usize]),
            Kind::Adjusted(n) => DayStatus::AdjustedWorkingDay(&self.adjusted_for[n as usize]),
        }
    }

    /// The working-day status of a date, with its reason.
    pub fn day_status(&self, date: NaiveDate) -> Result<DayStatus<'_>, OutOfCoverage> {
        Ok(self.status_at(self.index(date)?))
    }

    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool, OutOfCoverage> {
        Ok(self.day_status(date)?.is_working())
    }
}

/// An instant as Beijing local date-time.
pub fn to_beijing(t: &DateTime<FixedOffset>) -> NaiveDateTime {
    t.with_timezone(&beijing()).naive_local()
}

/// A Beijing local date-time as an instant with `+08:00`.
pub fn from_beijing(local: NaiveDateTime) -> DateTime<FixedOffset> {
    beijing()
        .from_local_datetime(&local)
        .single()
        .expect("a fixed offset maps every local time to one instant")
}

/// The start (00:00 Beijing time) of a Beijing date, as an instant.
pub fn beijing_midnight(date: NaiveDate) -> DateTime<FixedOffset> {
    from_beijing(date.and_time(NaiveTime::MIN))
}

/// Why a typed date and time (the value of an `<input type="datetime-local">`)
/// is not an instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LocalTimeError {
    /// Nothing typed. Browsers also give an empty value for a field that is
    /// incomplete or invalid.
    Empty,
    /// Not of the form `2026-02-14T19:50` or `2026-02-14T19:50:30`.
    Malformed(String),
    /// Not of the form `2026-12-07` ([`parse_date_input`]).
    MalformedDate(String),
    /// A date that does not exist, such as `2026-02-30`.
    NoSuchDate(String),
    /// A time of day that does not exist, such as `24:00` or `19:60`.
    NoSuchTime(String),
}

impl fmt::Display for LocalTimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LocalTimeError::Empty => write!(f, "no date and time given"),
            LocalTimeError::Malformed(s) => {
                write!(f, "`{s}` is not a date and time like 2026-02-14T19:50")
            }
            LocalTimeError::MalformedDate(s) => {
                write!(f, "`{s}` is not a date like 2026-12-07")
            }
            LocalTimeError::NoSuchDate(s) => write!(f, "`{s}` is not a date"),
            LocalTimeError::NoSuchTime(s) => write!(f, "`{s}` is not a time of day"),
        }
    }
}

impl std::error::Error for LocalTimeError {}

/// `2026-02-14T19:50` or `2026-02-14T19:50:30` (what an `<input
/// type="datetime-local">` holds) read as Beijing time.
///
/// Strict: a four-digit year, two-digit fields, a `T`; no sign, no spaces,
/// no fraction of a second, no leap second. Any input gives a value or an
/// error, never a panic. Written by hand: chrono's format-string parser
/// costs about 10 KB of wasm.
pub fn parse_beijing_input(value: &str) -> Result<DateTime<FixedOffset>, LocalTimeError> {
    if value.trim().is_empty() {
        return Err(LocalTimeError::Empty);
    }
    let b = value.as_bytes();
    let shaped = matches!(b.len(), 16 | 19)
        && b.iter().enumerate().all(|(i, &c)| match i {
            4 | 7 => c == b'-',
            10 => c == b'T',
            13 | 16 => c == b':',
            _ => c.is_ascii_digit(),
        });
    if !shaped {
        return Err(LocalTimeError::Malformed(value.to_owned()));
    }
    // Every byte is ASCII from here on, so any slice is on a char boundary.
    let number = |from: usize, to: usize| {
        b[from..to]
            .iter()
            .fold(0u32, |n, &d| n * 10 + u32::from(d - b'0'))
    };
    let seconds = if b.len() == 19 { number(17, 19) } else { 0 };
    let date = NaiveDate::from_ymd_opt(number(0, 4) as i32, number(5, 7), number(8, 10))
        .ok_or_else(|| LocalTimeError::NoSuchDate(value[..10].to_owned()))?;
    let time = NaiveTime::from_hms_opt(number(11, 13), number(14, 16), seconds)
        .ok_or_else(|| LocalTimeError::NoSuchTime(value[11..].to_owned()))?;
    Ok(from_beijing(date.and_time(time)))
}

/// `2026-12-07` (what an `<input type="date">` holds, and what the CLI's
/// date flags take): a four-digit year, two-digit month and day, nothing
/// else. Any input gives a date or an error, never a panic.
pub fn parse_date_input(value: &str) -> Result<NaiveDate, LocalTimeError> {
    if value.trim().is_empty() {
        return Err(LocalTimeError::Empty);
    }
    let b = value.as_bytes();
    let shaped = b.len() == 10
        && b.iter().enumerate().all(|(i, &c)| match i {
            4 | 7 => c == b'-',
            _ => c.is_ascii_digit(),
        });
    if !shaped {
        return Err(LocalTimeError::MalformedDate(value.to_owned()));
    }
    let number = |from: usize, to: usize| {
        b[from..to]
            .iter()
            .fold(0u32, |n, &d| n * 10 + u32::from(d - b'0'))
    };
    NaiveDate::from_ymd_opt(number(0, 4) as i32, number(5, 7), number(8, 10))
        .ok_or_else(|| LocalTimeError::NoSuchDate(value.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AdjustedWorkingDay, HolidayRun};

    #[test]
    fn a_date_input_is_yyyy_mm_dd_and_nothing_else() {
        assert_eq!(parse_date_input("2026-02-14"), Ok(d("2026-02-14")));
        assert_eq!(parse_date_input(" "), Err(LocalTimeError::Empty));
        for bad in [
            "+2026-02-14",
            "2026-2-14",
            "2026/02/14",
            "2026-02-14T00:00",
            "２０２６-02-14",
        ] {
            assert_eq!(
                parse_date_input(bad),
                Err(LocalTimeError::MalformedDate(bad.to_owned())),
                "{bad}"
            );
        }
        assert_eq!(
            LocalTimeError::MalformedDate("2026/12/07".into()).to_string(),
            "`2026/12/07` is not a date like 2026-12-07"
        );
        assert_eq!(
            parse_date_input("2026-02-30"),
            Err(LocalTimeError::NoSuchDate("2026-02-30".to_owned()))
        );
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn text(zh: &str) -> Text {
        Text {
            zh: zh.into(),
            en: None,
        }
    }

    fn calendar_2026_spring() -> BusinessCalendar {
        BusinessCalendar::new(&CalendarData {
            covers_from: d("2026-02-01"),
            covers_until: d("2026-03-31"),
            holidays: vec![HolidayRun {
                name: text("春节"),
                from: d("2026-02-15"),
                to: d("2026-02-23"),
            }],
            adjusted_working_days: vec![
                AdjustedWorkingDay {
                    date: d("2026-02-14"),
                    for_holiday: text("春节"),
                },
                AdjustedWorkingDay {
                    date: d("2026-02-28"),
                    for_holiday: text("春节"),
                },
            ],
        })
    }

    #[test]
    fn weekday_weekend_holiday_and_adjusted_day_each_say_why() {
        let cal = calendar_2026_spring();
        assert_eq!(cal.day_status(d("2026-02-13")), Ok(DayStatus::Weekday));
        assert_eq!(cal.day_status(d("2026-02-07")), Ok(DayStatus::Weekend));
        assert!(
            matches!(cal.day_status(d("2026-02-17")), Ok(DayStatus::Holiday(t)) if t.zh == "春节")
        );
        assert!(matches!(
            cal.day_status(d("2026-02-14")),
            Ok(DayStatus::AdjustedWorkingDay(t)) if t.zh == "春节"
        ));
        assert_eq!(cal.is_working_day(d("2026-02-28")), Ok(true));
        assert_eq!(cal.is_working_day(d("2026-02-23")), Ok(false));
    }

    #[test]
    fn a_date_outside_the_data_is_an_error_not_a_guess() {
        let cal = calendar_2026_spring();
        let err = cal.day_status(d("2026-04-01")).unwrap_err();
        assert_eq!(err.date, d("2026-04-01"));
        assert!(err.to_string().contains("covers 2026-02-01 to 2026-03-31"));
        assert!(cal.day_status(d("2026-01-31")).is_err());
    }

    #[test]
    fn working_days_are_counted_before_each_day_and_found_by_number() {
        let cal = calendar_2026_spring();
        let at = |s: &str| cal.index(d(s)).unwrap();
        // Sun 1 Feb is not a working day: the first is Mon 2 Feb.
        assert_eq!(cal.working_days_before(0), 0);
        assert_eq!(cal.nth_working_day(0), Some(at("2026-02-02")));
        // Before Tue 24 Feb: 2–6 and 9–13 Feb, and Sat 14 Feb (调休).
        assert_eq!(cal.working_days_before(at("2026-02-24")), 11);
        assert_eq!(cal.nth_working_day(10), Some(at("2026-02-14")));
        // The whole Spring Festival has the count of its first day.
        assert_eq!(cal.working_days_before(at("2026-02-15")), 11);
        assert_eq!(cal.working_days_before(at("2026-02-23")), 11);
        assert_eq!(cal.nth_working_day(11), Some(at("2026-02-24")));
        // 24–27 Feb and Sat 28 Feb (调休) make 16 in February.
        assert_eq!(cal.nth_working_day(15), Some(at("2026-02-28")));
        // March 2026 has 22 weekdays: 38 in all, the last on Tue 31 March.
        assert_eq!(cal.nth_working_day(37), Some(at("2026-03-31")));
        assert_eq!(cal.nth_working_day(38), None);
    }

    #[test]
    fn a_unix_day_maps_to_its_index_only_within_the_coverage() {
        let cal = calendar_2026_spring();
        let unix_day = |s: &str| (d(s) - d("1970-01-01")).num_days();
        assert_eq!(cal.index_of_unix_day(unix_day("2026-02-01")), Some(0));
        assert_eq!(cal.index_of_unix_day(unix_day("2026-03-31")), Some(58));
        assert_eq!(cal.index_of_unix_day(unix_day("2026-01-31")), None);
        assert_eq!(cal.index_of_unix_day(unix_day("2026-04-01")), None);
    }

    #[test]
    fn a_beijing_time_before_0800_is_the_previous_day_in_utc() {
        let cal = calendar_2026_spring();
        let instant = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
        // Day 0 at midnight: the day before the coverage in UTC.
        assert_eq!(cal.instant_at(0, 0), instant("2026-01-31T16:00:00Z"));
        assert_eq!(
            cal.instant_at(0, 8 * 3600 - 1).to_rfc3339(),
            "2026-02-01T07:59:59+08:00"
        );
        assert_eq!(cal.instant_at(0, 8 * 3600), instant("2026-02-01T00:00:00Z"));
        assert_eq!(
            cal.instant_at(58, 86_399).to_rfc3339(),
            "2026-03-31T23:59:59+08:00"
        );
    }

    #[test]
    fn next_working_day_jumps_the_whole_spring_festival() {
        let cal = calendar_2026_spring();
        let i = cal.index(d("2026-02-15")).unwrap();
        assert_eq!(
            cal.date_at(cal.next_working_index(i).unwrap()),
            d("2026-02-24")
        );
    }
}
