//! The benchmark's cases, each with the deadline a person worked out from
//! PRODUCT.md's rules and the 国务院办公厅 table there, so neither the engine
//! nor the reference produces its own right answer.
//!
//! The five gap cases are named by their request → deadline span: one hour,
//! one day, one week, one month and one year of calendar time. Each is a
//! request by phone (09:00–18:00, 9 h a working day) received at 10:00 on Thu
//! 2025-03-27 under an SLA whose target is exactly the open time that span
//! holds. Both ends are at 10:00 on a working day, so that target is whole
//! working days × 9 h (the first day loses 09:00–10:00, the last day gives it
//! back), and the deadline lands exactly one span after the request.

use portal_core::model::{Channel, Priority, SlaPolicy};

pub struct Case {
    /// The Criterion group, `target/criterion/<name>/`.
    pub name: &'static str,
    pub priority: Priority,
    pub channel: Channel,
    /// The open time the SLA allows, in minutes.
    pub target_minutes: u32,
    pub received: &'static str,
    /// Worked out by hand.
    pub due: &'static str,
}

impl Case {
    /// The shipped policy with this case's target (for `same_day` and
    /// `cross_spring_festival`, the shipped target itself).
    pub fn policy(&self, shipped: &SlaPolicy) -> SlaPolicy {
        with_target(shipped, self.priority, self.target_minutes)
    }
}

/// `shipped` with `priority`'s response target set to `minutes`.
pub fn with_target(shipped: &SlaPolicy, priority: Priority, minutes: u32) -> SlaPolicy {
    let mut policy = shipped.clone();
    for level in &mut policy.priorities {
        if level.id == priority {
            level.response_minutes = minutes;
        }
    }
    policy
}

/// 9 h of phone hours a working day.
const PHONE_DAY: u32 = 9 * 60;

pub const CASES: [Case; 7] = [
    // 10:00 → 11:00 the same Thursday.
    Case {
        name: "gap_1_hour",
        priority: Priority::P1,
        channel: Channel::Phone,
        target_minutes: 60,
        received: "2025-03-27T10:00:00+08:00",
        due: "2025-03-27T11:00:00+08:00",
    },
    // One working day: 8 h until 18:00 Thu, 1 h from 09:00 Fri 28 Mar.
    Case {
        name: "gap_1_day",
        priority: Priority::P1,
        channel: Channel::Phone,
        target_minutes: PHONE_DAY,
        received: "2025-03-27T10:00:00+08:00",
        due: "2025-03-28T10:00:00+08:00",
    },
    // Five working days: Thu 27, Fri 28, Mon 31 Mar, Tue 1, Wed 2 Apr; due Thu
    // 3 Apr 10:00, the day before 清明节 (4–6 Apr).
    Case {
        name: "gap_1_week",
        priority: Priority::P1,
        channel: Channel::Phone,
        target_minutes: 5 * PHONE_DAY,
        received: "2025-03-27T10:00:00+08:00",
        due: "2025-04-03T10:00:00+08:00",
    },
    // 21 working days from Thu 27 Mar up to Sun 27 Apr: 27, 28, 31 Mar (3);
    // 1–3 Apr (6); 清明节 Fri 4 – Sun 6 Apr off; 7–11 (11), 14–18 (16),
    // 21–25 Apr (21); Sat 26 off. Sun 27 Apr is 调休上班 for 劳动节, so the
    // deadline is that Sunday at 10:00.
    Case {
        name: "gap_1_month",
        priority: Priority::P1,
        channel: Channel::Phone,
        target_minutes: 21 * PHONE_DAY,
        received: "2025-03-27T10:00:00+08:00",
        due: "2025-04-27T10:00:00+08:00",
    },
    // 248 working days from Thu 2025-03-27 up to Fri 2026-03-27: the 365
    // days are 52 weeks and one Thursday, 261 weekdays; minus 19 weekday
    // holidays (清明 Fri 4 Apr; 劳动节 Thu 1, Fri 2, Mon 5 May; 端午 Mon 2 Jun;
    // 国庆 Wed 1 – Fri 3 and Mon 6 – Wed 8 Oct; 元旦 Thu 1, Fri 2 Jan 2026;
    // 春节 Mon 16 – Fri 20 and Mon 23 Feb: 1 + 3 + 1 + 6 + 2 + 6); plus 6
    // adjusted working days (27 Apr, 28 Sep, 11 Oct 2025; 4 Jan, 14 Feb,
    // 28 Feb 2026): 261 − 19 + 6 = 248.
    Case {
        name: "gap_1_year",
        priority: Priority::P1,
        channel: Channel::Phone,
        target_minutes: 248 * PHONE_DAY,
        received: "2025-03-27T10:00:00+08:00",
        due: "2026-03-27T10:00:00+08:00",
    },
    // The shipped P1 target by phone at 10:00 on Thu 2026-11-26.
    Case {
        name: "same_day",
        priority: Priority::P1,
        channel: Channel::Phone,
        target_minutes: 60,
        received: "2026-11-26T10:00:00+08:00",
        due: "2026-11-26T11:00:00+08:00",
    },
    // The shipped P3 target by e-mail (09:00–21:00) at 19:50 on Sat
    // 2026-02-14 (调休上班): 1 h 10 until 21:00, 春节 15–23 Feb off, the
    // other 6 h 50 from 09:00 Tue 24 Feb.
    Case {
        name: "cross_spring_festival",
        priority: Priority::P3,
        channel: Channel::Email,
        target_minutes: 480,
        received: "2026-02-14T19:50:00+08:00",
        due: "2026-02-24T15:50:00+08:00",
    },
];
