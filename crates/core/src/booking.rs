//! Engineer booking (工程师预约): the free slots an admin may book for patch
//! deployment, remote support or an on-site visit.
//!
//! A slot is offered only inside **working time** (manual §3: Beijing time,
//! 09:00–18:00 on working days): never on a statutory holiday or an
//! ordinary weekend, and on a 调休上班 Saturday or Sunday like any weekday,
//! by the business calendar of `sla/calendar.json`. A date the calendar
//! does not cover is an error, never a guess.
//!
//! Slots lie on one grid, starting every [`SLOT_STEP_MINUTES`] (90) from
//! 09:00, so that two admins see the same boundaries and a booked interval
//! removes exactly the slots it touches. How long a slot is depends on the
//! work ([`slot_minutes`]):
//! - **remote support**: 90 minutes (six a day: 09:00, 10:30, 12:00, 13:30,
//!   15:00, 16:30);
//! - **patch deployment**: 3 hours, for backup, installation, restart and
//!   checks (five a day, starting 09:00 … 15:00; they overlap, and booking
//!   one takes the others it overlaps);
//! - **on-site visit**: the whole working day, 09:00–18:00, since on-site
//!   work is bought and counted in person-days (manual §13).
//!
//! An engineer offers a slot when they offer that kind of work, belong to
//! the chosen station (if one is chosen), and nothing in their `booked`
//! list overlaps it. Intervals are half-open `[start, end)`: a booking
//! that ends at 10:30 leaves the 10:30 slot free. Output is in Beijing time
//! (`+08:00`), by start, then engineer id.
//!
//! **This device's bookings** ([`device_bookings`]) are read back from its
//! outbox: a booking, its latest change and its cancellation are outbox
//! items like any other submission. The slots the device itself holds are
//! not offered again ([`without_held`]): `engineers.json` does not carry a
//! booking until Coremail publishes it, and a second booking of the same
//! engineer for the same time would only be refused later.

use crate::calendar::{from_beijing, to_beijing, BusinessCalendar, OutOfCoverage};
use crate::model::{BookingKind, Engineer};
use crate::outbox::{Item, State};
use crate::sla::Hours;
use crate::submission::{Booking, Request, Submission};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use serde::Serialize;
use std::fmt;

/// 正常工作时间 (manual §3): 09:00–18:00 Beijing time, on working days.
pub const WORKING_TIME: Hours = Hours {
    opens: 9 * 3600,
    closes: 18 * 3600,
};

/// Slots start every 90 minutes from the opening of working time.
pub const SLOT_STEP_MINUTES: i64 = 90;

/// The longest range of dates one query may span.
pub const MAX_RANGE_DAYS: i64 = 366;

/// How long a slot of this kind of work is, in minutes (module doc).
pub fn slot_minutes(kind: BookingKind) -> i64 {
    match kind {
        BookingKind::RemoteSupport => 90,
        BookingKind::PatchDeployment => 180,
        BookingKind::Onsite => (WORKING_TIME.closes - WORKING_TIME.opens) / 60,
    }
}

/// What the booking form asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotQuery<'a> {
    pub kind: BookingKind,
    /// First and last date, inclusive (Beijing dates).
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Only engineers of this `ServiceStation::id`.
    pub station: Option<&'a str>,
    /// Leave out slots that start before this instant: the page passes
    /// "now" (the core has no clock), the CLI nothing.
    pub not_before: Option<DateTime<FixedOffset>>,
}

/// One free slot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Slot<'a> {
    /// An `Engineer::id`.
    pub engineer: &'a str,
    /// Beijing time, `+08:00`.
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
}

/// Why no slots could be listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SlotError {
    /// A date of the range is outside the holiday calendar.
    OutOfCoverage(OutOfCoverage),
    /// The last date is before the first.
    EmptyRange { from: NaiveDate, to: NaiveDate },
    /// More than [`MAX_RANGE_DAYS`] dates.
    RangeTooLong { from: NaiveDate, to: NaiveDate },
}

impl fmt::Display for SlotError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SlotError::OutOfCoverage(e) => e.fmt(f),
            SlotError::EmptyRange { from, to } => {
                write!(f, "the range ends ({to}) before it starts ({from})")
            }
            SlotError::RangeTooLong { from, to } => write!(
                f,
                "{from} to {to} spans more than {MAX_RANGE_DAYS} days: ask for a shorter range"
            ),
        }
    }
}

impl std::error::Error for SlotError {}

impl From<OutOfCoverage> for SlotError {
    fn from(e: OutOfCoverage) -> Self {
        SlotError::OutOfCoverage(e)
    }
}

/// The free slots of `query` (module doc for the rules).
pub fn slots<'a>(
    engineers: &'a [Engineer],
    calendar: &BusinessCalendar,
    query: &SlotQuery,
) -> Result<Vec<Slot<'a>>, SlotError> {
    let (from, to) = (query.from, query.to);
    if to < from {
        return Err(SlotError::EmptyRange { from, to });
    }
    if (to - from).num_days() >= MAX_RANGE_DAYS {
        return Err(SlotError::RangeTooLong { from, to });
    }
    // Both ends first: a range reaching past the calendar is refused whole,
    // not answered for the part it covers.
    calendar.is_working_day(from)?;
    calendar.is_working_day(to)?;
    let offering: Vec<&Engineer> = engineers
        .iter()
        .filter(|e| e.offers.contains(&query.kind))
        .filter(|e| query.station.is_none_or(|s| e.station == s))
        .collect();
    let length = slot_minutes(query.kind) * 60;
    let step = SLOT_STEP_MINUTES * 60;
    let mut out = Vec::new();
    for date in from.iter_days().take_while(|d| *d <= to) {
        if !calendar.is_working_day(date)? {
            continue;
        }
        let mut start = WORKING_TIME.opens;
        while start + length <= WORKING_TIME.closes {
            let (s, e) = (at(date, start), at(date, start + length));
            if query.not_before.is_none_or(|t| s >= t) {
                for engineer in &offering {
                    let taken = engineer.booked.iter().any(|b| s < b.to && b.from < e);
                    if !taken {
                        out.push(Slot {
                            engineer: &engineer.id,
                            start: s,
                            end: e,
                        });
                    }
                }
            }
            start += step;
        }
    }
    out.sort_unstable_by(|a, b| (a.start, a.engineer).cmp(&(b.start, b.engineer)));
    Ok(out)
}

/// Slots (ordered by start, as [`slots`] returns them) grouped by their
/// Beijing date, in order.
pub fn by_day<'s, 'a>(slots: &'s [Slot<'a>]) -> Vec<(NaiveDate, &'s [Slot<'a>])> {
    slots
        .chunk_by(|a, b| to_beijing(&a.start).date() == to_beijing(&b.start).date())
        .filter_map(|run| Some((to_beijing(&run.first()?.start).date(), run)))
        .collect()
}

/// One booking this device made, as its outbox items tell it.
#[derive(Debug, Clone, PartialEq)]
pub struct DeviceBooking {
    /// The outbox item (and submission id) of the booking's latest version.
    pub item: String,
    /// That item's state.
    pub state: State,
    /// The workspace it was made for (`sender.id`).
    pub workspace: String,
    /// The booking's latest version: the highest `sequence` on the device.
    pub booking: Booking,
    /// Its cancellation, if one was made on this device.
    pub cancellation: Option<DeviceCancellation>,
}

/// A cancellation of a [`DeviceBooking`], as its outbox item tells it.
#[derive(Debug, Clone, PartialEq)]
pub struct DeviceCancellation {
    pub item: String,
    pub state: State,
    /// The booking's sequence plus one (the cancelling `.ics`'s SEQUENCE).
    pub sequence: u32,
}

impl DeviceBooking {
    /// Whether the booking stands: it was not refused, and no cancellation
    /// is on its way or accepted (a refused cancellation cancels nothing).
    pub fn is_active(&self) -> bool {
        self.state != State::Refused
            && self
                .cancellation
                .as_ref()
                .is_none_or(|c| c.state == State::Refused)
    }

    /// The `sequence` a cancellation of it carries: the booking's plus one.
    pub fn cancel_sequence(&self) -> u32 {
        self.booking.sequence.saturating_add(1)
    }
}

/// This device's bookings from its outbox items, by start then booking id.
/// Of several versions of one booking the highest `sequence` counts (a later
/// item on a tie), unless it was refused and an earlier one was not; of
/// several cancellations, one that was not refused. Items that are not
/// bookings, or whose body does not read, are left out, as are
/// cancellations of bookings the device does not have.
pub fn device_bookings(items: &[Item]) -> Vec<DeviceBooking> {
    let mut bookings: Vec<(f64, DeviceBooking)> = Vec::new();
    let mut cancellations: Vec<(String, DeviceCancellation)> = Vec::new();
    for item in items {
        let Ok(s) = serde_json::from_str::<Submission>(&item.body) else {
            continue;
        };
        match s.request {
            Request::Booking(b) => {
                // Times are positive milliseconds: their bits order as they do.
                let rank = |state: State, sequence: u32, at: f64| {
                    (state != State::Refused, sequence, at.to_bits())
                };
                let new_rank = rank(item.state, b.sequence, item.created_at);
                match bookings
                    .iter_mut()
                    .find(|(_, d)| d.booking.booking == b.booking)
                {
                    Some((at, d)) if rank(d.state, d.booking.sequence, *at) >= new_rank => {}
                    Some(slot) => {
                        *slot = (item.created_at, device_booking(item, s.sender.id, b));
                    }
                    None => bookings.push((item.created_at, device_booking(item, s.sender.id, b))),
                }
            }
            Request::BookingCancel(c) => cancellations.push((
                c.booking,
                DeviceCancellation {
                    item: item.id.clone(),
                    state: item.state,
                    sequence: c.sequence,
                },
            )),
            Request::NewRequest(_)
            | Request::TicketReply(_)
            | Request::NotificationSettings(_)
            | Request::LicenceRequest(_)
            | Request::Question(_)
            | Request::Feedback(_) => {}
        }
    }
    let mut out: Vec<DeviceBooking> = bookings.into_iter().map(|(_, d)| d).collect();
    for (booking, c) in cancellations {
        if let Some(d) = out.iter_mut().find(|d| d.booking.booking == booking) {
            let replace = d
                .cancellation
                .as_ref()
                .is_none_or(|old| old.state == State::Refused);
            if replace {
                d.cancellation = Some(c);
            }
        }
    }
    out.sort_by(|a, b| {
        (a.booking.start, &a.booking.booking).cmp(&(b.booking.start, &b.booking.booking))
    });
    out
}

fn device_booking(item: &Item, workspace: String, booking: Booking) -> DeviceBooking {
    DeviceBooking {
        item: item.id.clone(),
        state: item.state,
        workspace,
        booking,
        cancellation: None,
    }
}

/// `slots` without those that overlap a slot this device holds for the same
/// engineer (an active booking of [`device_bookings`]); half-open intervals.
pub fn without_held<'a>(slots: Vec<Slot<'a>>, held: &[DeviceBooking]) -> Vec<Slot<'a>> {
    slots
        .into_iter()
        .filter(|s| {
            !held.iter().any(|d| {
                d.is_active()
                    && d.booking.engineer == s.engineer
                    && s.start < d.booking.end
                    && d.booking.start < s.end
            })
        })
        .collect()
}

/// `second` seconds after Beijing midnight of `date` (below 86,400).
fn at(date: NaiveDate, second: i64) -> DateTime<FixedOffset> {
    let time = u32::try_from(second)
        .ok()
        .and_then(|s| NaiveTime::from_num_seconds_from_midnight_opt(s, 0))
        .unwrap_or(NaiveTime::MIN);
    from_beijing(date.and_time(time))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_fits_a_whole_number_of_slots_into_the_working_day() {
        let day = (WORKING_TIME.closes - WORKING_TIME.opens) / 60;
        assert_eq!(day, 540);
        assert_eq!(day % SLOT_STEP_MINUTES, 0);
        for kind in BookingKind::ALL {
            let len = slot_minutes(kind);
            assert!(len <= day && len % SLOT_STEP_MINUTES == 0, "{kind}");
        }
    }
}
