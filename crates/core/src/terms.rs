//! The service terms (服务手册) and the objection period of a change.
//!
//! Manual §10.1: after Coremail publishes a changed manual on its official
//! site (or sends the notice), an enterprise that has not contacted Coremail
//! and agreed on the terms **within ten working days** accepts the change.
//! Working days are the business calendar's (weekends off, public holidays
//! off, adjusted working days on): the same `sla/calendar.json` the SLA uses.
//!
//! The period is counted in whole Beijing days: the publication day itself
//! does not count (it is usually half over), the next working day is day 1,
//! and the objection period ends at the end (24:00 Beijing) of day 10: the
//! *deadline date*. A publication on a holiday counts from the first working
//! day after it, as any working day after the publication does.

use crate::calendar::{BusinessCalendar, OutOfCoverage};
use crate::model::ServiceTerms;
use chrono::{DateTime, Days, FixedOffset, NaiveDate};

/// Working days an enterprise has to object to a change (manual §10.1).
pub const OBJECTION_WORKING_DAYS: usize = 10;

/// The last day of the objection period of terms published on `published`
/// (a Beijing date): the tenth working day after it. `Err` when the
/// calendar does not reach that far (or does not cover `published`): the
/// deadline is then unknown, never guessed from weekdays alone.
pub fn objection_deadline(
    calendar: &BusinessCalendar,
    published: NaiveDate,
) -> Result<NaiveDate, OutOfCoverage> {
    let index = calendar.index(published)?;
    // Working days up to and including the publication day; the period's
    // first day is the next one, so its tenth is number `counted + 9` (from 0).
    let counted = calendar.working_days_before(index + 1) as usize;
    calendar
        .nth_working_day(counted + OBJECTION_WORKING_DAYS - 1)
        .map(|i| calendar.date_at(i))
        .ok_or_else(|| calendar.out_of_coverage(calendar.covers_until() + Days::new(1)))
}

/// The instant the objection period ends: 24:00 Beijing time at the end of
/// the deadline date, i.e. 00:00 of the next day (`+08:00`).
pub fn objection_ends_at(deadline: NaiveDate) -> DateTime<FixedOffset> {
    crate::calendar::beijing_midnight(deadline + Days::new(1))
}

/// Where a change of terms stands at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectionPeriod {
    /// The publication date is still ahead (announced in advance).
    NotPublished,
    /// Objections are still possible until the end of `deadline`.
    Open { deadline: NaiveDate },
    /// The period ended with `deadline`: the change is accepted unless the
    /// enterprise objected.
    Closed { deadline: NaiveDate },
}

/// The objection period of the current terms at `now`.
pub fn objection_period(
    calendar: &BusinessCalendar,
    terms: &ServiceTerms,
    now: DateTime<FixedOffset>,
) -> Result<ObjectionPeriod, OutOfCoverage> {
    let today = crate::calendar::to_beijing(&now).date();
    if today < terms.published {
        return Ok(ObjectionPeriod::NotPublished);
    }
    let deadline = objection_deadline(calendar, terms.published)?;
    Ok(if now < objection_ends_at(deadline) {
        ObjectionPeriod::Open { deadline }
    } else {
        ObjectionPeriod::Closed { deadline }
    })
}
