//! Response deadlines against the shipped policy and 2024–2026 calendar,
//! with expected values worked out by hand from PRODUCT.md's rules.

use chrono::{DateTime, Duration, FixedOffset};
use portal_core::calendar::DayStatus;
use portal_core::model::{CalendarData, Channel, Priority, SlaPolicy};
use portal_core::parse_json;
use portal_core::sla::{
    parse_channel, parse_priority, parse_time, ChannelState, SlaEngine, SlaError, SlaState, Stretch,
};

fn engine() -> SlaEngine {
    let policy: SlaPolicy = parse_json(
        "sla/policy.json",
        include_str!("../../../public/api/sla/policy.json"),
    )
    .unwrap();
    let calendar: CalendarData = parse_json(
        "sla/calendar.json",
        include_str!("../../../public/api/sla/calendar.json"),
    )
    .unwrap();
    SlaEngine::new(&policy, &calendar).unwrap()
}

fn t(s: &str) -> DateTime<FixedOffset> {
    parse_time(s).unwrap()
}

fn deadline(p: Priority, c: Channel, received: &str) -> String {
    engine()
        .response_deadline(p, c, &t(received))
        .unwrap()
        .to_rfc3339()
}

use Channel::{Email, Online, Phone};
use Priority::{P1, P2, P3, P4};

#[test]
fn p1_by_phone_at_1730_on_thursday_is_due_0930_friday() {
    // 30 min until 18:00, the other 30 min from Friday 09:00.
    assert_eq!(
        deadline(P1, Phone, "2026-11-26T17:30:00+08:00"),
        "2026-11-27T09:30:00+08:00"
    );
}

#[test]
fn p1_by_phone_at_1730_on_friday_skips_the_weekend() {
    assert_eq!(
        deadline(P1, Phone, "2026-11-27T17:30:00+08:00"),
        "2026-11-30T09:30:00+08:00"
    );
}

#[test]
fn p2_by_email_at_2030_counts_until_2100_then_resumes_next_morning() {
    // 30 min until 21:00; 7 h 30 from Friday 09:00.
    assert_eq!(
        deadline(P2, Email, "2026-11-26T20:30:00+08:00"),
        "2026-11-27T16:30:00+08:00"
    );
}

#[test]
fn received_exactly_at_opening_counts_from_that_instant() {
    assert_eq!(
        deadline(P1, Phone, "2026-11-26T09:00:00+08:00"),
        "2026-11-26T10:00:00+08:00"
    );
    assert_eq!(
        deadline(P4, Online, "2026-11-26T09:00:00+08:00"),
        "2026-11-26T17:00:00+08:00"
    );
}

#[test]
fn received_exactly_at_closing_starts_at_the_next_opening() {
    // [09:00, 18:00) is half-open: 18:00 is already closed.
    assert_eq!(
        deadline(P1, Phone, "2026-11-26T18:00:00+08:00"),
        "2026-11-27T10:00:00+08:00"
    );
    assert_eq!(
        deadline(P1, Email, "2026-11-26T21:00:00+08:00"),
        "2026-11-27T10:00:00+08:00"
    );
}

#[test]
fn target_reached_exactly_at_closing_is_due_at_closing_not_next_morning() {
    assert_eq!(
        deadline(P1, Phone, "2026-11-26T17:00:00+08:00"),
        "2026-11-26T18:00:00+08:00"
    );
    assert_eq!(
        deadline(P2, Phone, "2026-11-26T10:00:00+08:00"),
        "2026-11-26T18:00:00+08:00"
    );
    assert_eq!(
        deadline(P3, Email, "2026-11-26T13:00:00+08:00"),
        "2026-11-26T21:00:00+08:00"
    );
}

#[test]
fn request_received_on_a_holiday_starts_after_it() {
    // National Day 1–7 Oct 2026; Thursday 8 Oct is the first working day.
    assert_eq!(
        deadline(P3, Email, "2026-10-01T10:00:00+08:00"),
        "2026-10-08T17:00:00+08:00"
    );
    assert_eq!(
        deadline(P1, Phone, "2026-10-05T23:59:59+08:00"),
        "2026-10-08T10:00:00+08:00"
    );
}

#[test]
fn p3_email_on_the_adjusted_saturday_before_spring_festival_lands_after_it() {
    // Sat 2026-02-14 is a working day (调休): 19:50–21:00 counts (1 h 10),
    // 15–23 Feb are the Spring Festival, the other 6 h 50 run from Tue 24 Feb 09:00.
    assert_eq!(
        deadline(P3, Email, "2026-02-14T19:50:00+08:00"),
        "2026-02-24T15:50:00+08:00"
    );
}

#[test]
fn p2_phone_on_the_friday_before_spring_festival_continues_on_the_adjusted_saturday() {
    // 30 min on Fri 13 Feb, then 7 h 30 on Sat 14 Feb (调休上班).
    assert_eq!(
        deadline(P2, Phone, "2026-02-13T17:30:00+08:00"),
        "2026-02-14T16:30:00+08:00"
    );
}

#[test]
fn saturday_28_february_2026_is_a_working_day() {
    assert_eq!(
        deadline(P1, Online, "2026-02-28T10:15:00+08:00"),
        "2026-02-28T11:15:00+08:00"
    );
    assert_eq!(
        deadline(P1, Phone, "2026-02-27T17:30:00+08:00"),
        "2026-02-28T09:30:00+08:00"
    );
    // An ordinary Saturday is not.
    assert_eq!(
        deadline(P1, Phone, "2026-03-07T10:00:00+08:00"),
        "2026-03-09T10:00:00+08:00"
    );
}

#[test]
fn input_in_utc_or_another_offset_is_the_same_instant() {
    // 09:30 UTC and 04:30 at UTC-5 are both 17:30 in Beijing.
    assert_eq!(
        deadline(P1, Phone, "2026-11-26T09:30:00Z"),
        "2026-11-27T09:30:00+08:00"
    );
    assert_eq!(
        deadline(P1, Phone, "2026-11-26T04:30:00-05:00"),
        "2026-11-27T09:30:00+08:00"
    );
    // 02:00 UTC Friday is 10:00 Beijing, not a night.
    assert_eq!(
        deadline(P1, Phone, "2026-11-27T02:00:00+00:00"),
        "2026-11-27T11:00:00+08:00"
    );
}

#[test]
fn a_deadline_past_the_calendar_end_is_an_error() {
    let err = engine()
        .response_deadline(P2, Phone, &t("2026-12-31T17:00:00+08:00"))
        .unwrap_err();
    assert_eq!(
        err,
        SlaError::PastCalendarEnd {
            covers_until: "2026-12-31".parse().unwrap()
        }
    );
    assert!(err.to_string().contains("after 2026-12-31"), "{err}");
    // Due the same afternoon is still fine.
    assert_eq!(
        deadline(P1, Phone, "2026-12-31T16:00:00+08:00"),
        "2026-12-31T17:00:00+08:00"
    );
}

#[test]
fn a_request_received_after_the_calendar_end_is_an_error() {
    let err = engine()
        .response_deadline(P1, Email, &t("2027-01-04T10:00:00+08:00"))
        .unwrap_err();
    assert!(
        matches!(err, SlaError::ReceivedOutsideCalendar(_)),
        "{err:?}"
    );
    assert!(err.to_string().contains("2027-01-04"), "{err}");
}

#[test]
fn unknown_priority_channel_and_bad_time_say_which_and_why() {
    assert_eq!(
        parse_priority("P5").unwrap_err().to_string(),
        "unknown priority `P5`: expected P1, P2, P3 or P4"
    );
    assert_eq!(
        parse_channel("fax").unwrap_err().to_string(),
        "unknown channel `fax`: expected phone, email or online"
    );
    let err = parse_time("2026-02-13 17:30").unwrap_err().to_string();
    assert!(
        err.starts_with("cannot read the received time `2026-02-13 17:30`"),
        "{err}"
    );
}

#[test]
fn status_moves_from_on_track_to_due_soon_to_breached() {
    let e = engine();
    let received = t("2026-11-26T10:00:00+08:00"); // P2 phone: due 18:00
    let at = |s: &str| e.status(P2, Phone, &received, None, &t(s)).unwrap();
    assert_eq!(at("2026-11-26T10:00:00+08:00").state, SlaState::OnTrack);
    assert_eq!(at("2026-11-26T15:59:00+08:00").state, SlaState::OnTrack); // 2 h 01 left
    assert_eq!(at("2026-11-26T16:00:01+08:00").state, SlaState::DueSoon); // under 25 % of 8 h
    assert_eq!(
        at("2026-11-26T16:00:01+08:00").open_seconds_left,
        2 * 3600 - 1
    );
    assert_eq!(at("2026-11-26T18:00:00+08:00").state, SlaState::Breached);
}

#[test]
fn due_soon_counts_open_time_not_wall_clock() {
    // P1 phone received 17:30 Thu, due 09:30 Fri. At 17:50 Thu only 40 min of
    // open time is left (10 + 30): more than 25 % of 1 h, so on track.
    let e = engine();
    let s = e
        .status(
            P1,
            Phone,
            &t("2026-11-26T17:30:00+08:00"),
            None,
            &t("2026-11-26T17:50:00+08:00"),
        )
        .unwrap();
    assert_eq!(s.state, SlaState::OnTrack);
    assert_eq!(s.open_seconds_left, 40 * 60);
}

#[test]
fn a_known_first_response_is_met_or_breached() {
    let e = engine();
    let received = t("2026-11-26T17:30:00+08:00");
    let now = t("2026-12-01T12:00:00+08:00");
    let on_time = t("2026-11-27T09:30:00+08:00");
    let late = t("2026-11-27T09:31:00+08:00");
    assert_eq!(
        e.status(P1, Phone, &received, Some(&on_time), &now)
            .unwrap()
            .state,
        SlaState::Met
    );
    assert_eq!(
        e.status(P1, Phone, &received, Some(&late), &now)
            .unwrap()
            .state,
        SlaState::Breached
    );
}

#[test]
fn channel_state_says_open_until_or_opens_at() {
    let e = engine();
    assert_eq!(
        e.channel_state(Email, &t("2026-11-26T20:00:00+08:00"))
            .unwrap(),
        ChannelState::Open {
            closes_at: t("2026-11-26T21:00:00+08:00")
        }
    );
    assert_eq!(
        e.channel_state(Phone, &t("2026-11-26T20:00:00+08:00"))
            .unwrap(),
        ChannelState::Closed {
            opens_at: t("2026-11-27T09:00:00+08:00")
        }
    );
    assert_eq!(
        e.channel_state(Phone, &t("2026-11-26T07:00:00+08:00"))
            .unwrap(),
        ChannelState::Closed {
            opens_at: t("2026-11-26T09:00:00+08:00")
        }
    );
    // Friday evening: next opening is Monday; during the Spring Festival, 24 Feb.
    assert_eq!(
        e.channel_state(Online, &t("2026-11-27T18:00:00+08:00"))
            .unwrap(),
        ChannelState::Closed {
            opens_at: t("2026-11-30T09:00:00+08:00")
        }
    );
    assert_eq!(
        e.channel_state(Phone, &t("2026-02-18T11:00:00+08:00"))
            .unwrap(),
        ChannelState::Closed {
            opens_at: t("2026-02-24T09:00:00+08:00")
        }
    );
}

#[test]
fn day_status_names_holidays_and_adjusted_days() {
    let e = engine();
    let cal = e.calendar();
    assert!(matches!(
        cal.day_status("2026-10-01".parse().unwrap()),
        Ok(DayStatus::Holiday(name)) if name.zh == "国庆节"
    ));
    assert!(matches!(
        cal.day_status("2025-01-26".parse().unwrap()),
        Ok(DayStatus::AdjustedWorkingDay(name)) if name.zh == "春节"
    ));
    assert_eq!(
        cal.day_status("2024-06-10".parse().unwrap())
            .map(|s| s.is_working()),
        Ok(false)
    );
}

#[test]
fn timeline_shows_what_was_counted_and_each_skip_by_name() {
    let tl = engine()
        .timeline(P3, Email, &t("2026-02-14T19:50:00+08:00"))
        .unwrap();
    let got: Vec<(String, String, String)> = tl
        .entries
        .iter()
        .map(|e| {
            let what = match &e.stretch {
                Stretch::Counted {
                    adjusted_for: Some(h),
                } => format!("counted (调休 for {})", h.zh),
                Stretch::Counted { adjusted_for: None } => "counted".into(),
                Stretch::ClosedHours => "closed".into(),
                Stretch::Weekend => "weekend".into(),
                Stretch::Holiday(h) => format!("holiday {}", h.zh),
            };
            (e.from.to_rfc3339(), e.to.to_rfc3339(), what)
        })
        .collect();
    let want = [
        (
            "2026-02-14T19:50:00+08:00",
            "2026-02-14T21:00:00+08:00",
            "counted (调休 for 春节)",
        ),
        (
            "2026-02-14T21:00:00+08:00",
            "2026-02-15T00:00:00+08:00",
            "closed",
        ),
        (
            "2026-02-15T00:00:00+08:00",
            "2026-02-24T00:00:00+08:00",
            "holiday 春节",
        ),
        (
            "2026-02-24T00:00:00+08:00",
            "2026-02-24T09:00:00+08:00",
            "closed",
        ),
        (
            "2026-02-24T09:00:00+08:00",
            "2026-02-24T15:50:00+08:00",
            "counted",
        ),
    ];
    let want: Vec<(String, String, String)> = want
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(got, want);
    assert_eq!(tl.deadline, t("2026-02-24T15:50:00+08:00"));
}

#[test]
fn timeline_over_a_weekend_separates_nights_from_the_weekend() {
    let tl = engine()
        .timeline(P1, Phone, &t("2026-11-27T17:30:00+08:00"))
        .unwrap();
    let kinds: Vec<&Stretch> = tl.entries.iter().map(|e| &e.stretch).collect();
    assert_eq!(
        kinds,
        [
            &Stretch::Counted { adjusted_for: None },
            &Stretch::ClosedHours,
            &Stretch::Weekend,
            &Stretch::ClosedHours,
            &Stretch::Counted { adjusted_for: None },
        ]
    );
    assert_eq!(tl.entries[2].from, t("2026-11-28T00:00:00+08:00"));
    assert_eq!(tl.entries[2].to, t("2026-11-30T00:00:00+08:00"));
}

#[test]
fn onsite_within_40_km_is_agreed_time_plus_24_hours_beyond_is_to_be_agreed() {
    let e = engine();
    let agreed = t("2026-11-27T17:00:00+08:00");
    assert_eq!(
        e.onsite_arrival(&agreed, 39.9),
        Some(t("2026-11-28T17:00:00+08:00"))
    );
    assert_eq!(
        e.onsite_arrival(&agreed, 40.0),
        Some(t("2026-11-28T17:00:00+08:00"))
    );
    assert_eq!(e.onsite_arrival(&agreed, 40.1), None);
}

// ------------------------------------------------------------ properties

/// A small deterministic generator (xorshift64*): the same cases every run.
struct Cases(u64);

impl Cases {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A received instant in 2024-01-01 .. 2026-12-15, to the second, in a random offset.
    fn received(&mut self) -> DateTime<FixedOffset> {
        let start = t("2024-01-01T00:00:00+08:00");
        let span = (t("2026-12-15T00:00:00+08:00") - start).num_seconds() as u64;
        let at = start + Duration::seconds((self.next() % span) as i64);
        let offset_hours = (self.next() % 27) as i32 - 12;
        at.with_timezone(&FixedOffset::east_opt(offset_hours * 3600).unwrap())
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[(self.next() % items.len() as u64) as usize]
    }
}

#[test]
fn property_open_time_between_received_and_deadline_equals_the_target() {
    let e = engine();
    let mut cases = Cases(0x5eed_0001);
    for _ in 0..20_000 {
        let (p, c, received) = (
            cases.pick(&Priority::ALL),
            cases.pick(&Channel::ALL),
            cases.received(),
        );
        let deadline = e.response_deadline(p, c, &received).unwrap();
        let counted = e.open_seconds_between(c, &received, &deadline).unwrap();
        assert_eq!(
            counted,
            i64::from(e.target_minutes(p)) * 60,
            "{p:?} {c:?} received {received} due {deadline}"
        );
        // The clock was running right up to the deadline.
        let just_before = deadline - Duration::seconds(1);
        assert!(
            matches!(
                e.channel_state(c, &just_before),
                Ok(ChannelState::Open { .. })
            ),
            "{c:?} closed just before {deadline}"
        );
    }
}

#[test]
fn property_deadlines_never_decrease_as_received_increases() {
    let e = engine();
    let mut cases = Cases(0x5eed_0002);
    for _ in 0..20_000 {
        let (p, c) = (cases.pick(&Priority::ALL), cases.pick(&Channel::ALL));
        let a = cases.received();
        let b = a + Duration::seconds((cases.next() % (3 * 86_400)) as i64);
        let (da, db) = (
            e.response_deadline(p, c, &a).unwrap(),
            e.response_deadline(p, c, &b).unwrap(),
        );
        assert!(
            da <= db,
            "{p:?} {c:?}: received {a} → {da}, later {b} → {db}"
        );
    }
}

#[test]
fn property_timeline_counted_stretches_add_up_to_the_target_and_tile_the_interval() {
    let e = engine();
    let mut cases = Cases(0x5eed_0003);
    for _ in 0..2_000 {
        let (p, c, received) = (
            cases.pick(&Priority::ALL),
            cases.pick(&Channel::ALL),
            cases.received(),
        );
        let tl = e.timeline(p, c, &received).unwrap();
        let counted: i64 = tl
            .entries
            .iter()
            .filter(|x| matches!(x.stretch, Stretch::Counted { .. }))
            .map(|x| (x.to - x.from).num_seconds())
            .sum();
        assert_eq!(counted, i64::from(tl.target_minutes) * 60);
        assert_eq!(tl.entries.first().map(|x| x.from), Some(tl.received));
        assert_eq!(tl.entries.last().map(|x| x.to), Some(tl.deadline));
        for pair in tl.entries.windows(2) {
            assert_eq!(pair[0].to, pair[1].from);
        }
    }
}
