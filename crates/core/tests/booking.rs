//! Slot generation on the demo engineers (engineers.json) and the demo
//! holiday calendar (sla/calendar.json, 2024–2026): working time only,
//! public holidays out, 调休 weekend days in, booked time removed.

use chrono::{DateTime, FixedOffset, NaiveDate};
use portal_core::booking::{slots, Slot, SlotError, SlotQuery, MAX_RANGE_DAYS};
use portal_core::calendar::BusinessCalendar;
use portal_core::model::{BookingKind, CalendarData, Engineer};
use portal_core::parse_json;
use std::sync::LazyLock;

fn read(path: &str) -> String {
    let file = format!("{}/../../public/api/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn engineers() -> Vec<Engineer> {
    parse_json("engineers.json", &read("engineers.json")).unwrap()
}

/// The demo engineers, read once: slots borrow their ids.
static ENGINEERS: LazyLock<Vec<Engineer>> = LazyLock::new(engineers);

fn calendar() -> BusinessCalendar {
    let data: CalendarData = parse_json("sla/calendar.json", &read("sla/calendar.json")).unwrap();
    BusinessCalendar::new(&data)
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn query(kind: BookingKind, from: &str, to: &str) -> SlotQuery<'static> {
    SlotQuery {
        kind,
        from: day(from),
        to: day(to),
        station: None,
        not_before: None,
    }
}

/// `engineer start–end` per slot, start and end as `HH:MM` on `MM-DD`.
fn describe(slots: &[Slot]) -> Vec<String> {
    slots
        .iter()
        .map(|s| {
            format!(
                "{} {}–{}",
                s.engineer,
                s.start.format("%m-%d %H:%M"),
                s.end.format("%H:%M")
            )
        })
        .collect()
}

fn dates(slots: &[Slot]) -> Vec<NaiveDate> {
    let mut d: Vec<NaiveDate> = slots.iter().map(|s| s.start.date_naive()).collect();
    d.dedup();
    d
}

#[test]
fn no_slot_on_national_day_and_slots_on_the_adjusted_saturday_after_it() {
    // 2026: 1–7 Oct off; Sat 10 Oct is 调休上班; Sun 11 Oct an ordinary Sunday.
    let got = slots(
        &ENGINEERS,
        &calendar(),
        &query(BookingKind::RemoteSupport, "2026-09-30", "2026-10-11"),
    )
    .unwrap();
    assert_eq!(
        dates(&got),
        [
            day("2026-09-30"),
            day("2026-10-08"),
            day("2026-10-09"),
            day("2026-10-10")
        ]
    );
    let saturday: Vec<&Slot> = got
        .iter()
        .filter(|s| s.start.date_naive() == day("2026-10-10"))
        .collect();
    // Nine engineers offer remote support, six 90-minute slots each.
    assert_eq!(saturday.len(), 9 * 6);
    assert!(saturday
        .iter()
        .any(|s| s.engineer == "eng-lin-xiaoyan" && s.start == t("2026-10-10T09:00:00+08:00")));
}

#[test]
fn the_adjusted_sunday_before_national_day_is_a_working_day_too() {
    // Sun 20 Sep 2026 is 调休上班; Sat 19 Sep is not.
    let got = slots(
        &ENGINEERS,
        &calendar(),
        &query(BookingKind::Onsite, "2026-09-19", "2026-09-20"),
    )
    .unwrap();
    assert_eq!(dates(&got), [day("2026-09-20")]);
}

#[test]
fn the_spring_festival_2026_leaves_only_the_adjusted_saturdays_around_it() {
    // 15–23 Feb off; Sat 14 and Sat 28 Feb are 调休上班.
    let got = slots(
        &ENGINEERS,
        &calendar(),
        &query(BookingKind::Onsite, "2026-02-14", "2026-02-28"),
    )
    .unwrap();
    assert_eq!(
        dates(&got),
        [
            "2026-02-14",
            "2026-02-24",
            "2026-02-25",
            "2026-02-26",
            "2026-02-27",
            "2026-02-28"
        ]
        .map(day)
    );
}

#[test]
fn slots_lie_inside_working_time_on_the_90_minute_grid() {
    let got = slots(
        &ENGINEERS,
        &calendar(),
        &query(BookingKind::PatchDeployment, "2026-11-02", "2026-11-02"),
    )
    .unwrap();
    let chen: Vec<String> = describe(&got)
        .into_iter()
        .filter(|s| s.starts_with("eng-chen-zhiqiang"))
        .collect();
    assert_eq!(
        chen,
        [
            "eng-chen-zhiqiang 11-02 09:00–12:00",
            "eng-chen-zhiqiang 11-02 10:30–13:30",
            "eng-chen-zhiqiang 11-02 12:00–15:00",
            "eng-chen-zhiqiang 11-02 13:30–16:30",
            "eng-chen-zhiqiang 11-02 15:00–18:00",
        ]
    );
    for s in &got {
        assert_eq!(s.start.offset().local_minus_utc(), 8 * 3600);
        assert!(s.start.format("%H:%M").to_string().as_str() >= "09:00");
        assert!(s.end.format("%H:%M").to_string().as_str() <= "18:00");
    }
}

#[test]
fn booked_time_removes_the_slots_it_overlaps_and_no_others() {
    // Chen is booked 1 Dec 09:30–12:00: the 09:00 and 10:30 slots go, 12:00 stays.
    let got = slots(
        &ENGINEERS,
        &calendar(),
        &query(BookingKind::RemoteSupport, "2026-12-01", "2026-12-01"),
    )
    .unwrap();
    let chen: Vec<String> = describe(&got)
        .into_iter()
        .filter(|s| s.starts_with("eng-chen-zhiqiang"))
        .collect();
    assert_eq!(
        chen,
        [
            "eng-chen-zhiqiang 12-01 12:00–13:30",
            "eng-chen-zhiqiang 12-01 13:30–15:00",
            "eng-chen-zhiqiang 12-01 15:00–16:30",
            "eng-chen-zhiqiang 12-01 16:30–18:00",
        ]
    );
    // Zhao, booked 10:00–11:00, loses only the 09:00 and 10:30 slots…
    assert!(!got
        .iter()
        .any(|s| s.engineer == "eng-zhao-min" && s.start < t("2026-12-01T12:00:00+08:00")));
    assert_eq!(
        got.iter().filter(|s| s.engineer == "eng-zhao-min").count(),
        4
    );
}

#[test]
fn a_booking_that_ends_at_a_slot_start_leaves_that_slot_free() {
    // Lin is booked 2 Dec 09:00–10:30 and 15:00–18:00.
    let got = slots(
        &ENGINEERS,
        &calendar(),
        &query(BookingKind::RemoteSupport, "2026-12-02", "2026-12-02"),
    )
    .unwrap();
    let lin: Vec<String> = describe(&got)
        .into_iter()
        .filter(|s| s.starts_with("eng-lin-xiaoyan"))
        .collect();
    assert_eq!(
        lin,
        [
            "eng-lin-xiaoyan 12-02 10:30–12:00",
            "eng-lin-xiaoyan 12-02 12:00–13:30",
            "eng-lin-xiaoyan 12-02 13:30–15:00",
        ]
    );
}

#[test]
fn an_onsite_visit_takes_a_whole_free_working_day() {
    // Wang (bj) is booked all of Fri 4 Dec; he offers on-site visits.
    let got = slots(
        &ENGINEERS,
        &calendar(),
        &query(BookingKind::Onsite, "2026-12-03", "2026-12-04"),
    )
    .unwrap();
    let wang = describe(&got)
        .into_iter()
        .filter(|s| s.starts_with("eng-wang-haitao"))
        .collect::<Vec<_>>();
    assert_eq!(wang, ["eng-wang-haitao 12-03 09:00–18:00"]);
    // Chen (booked 3 Dec 14:00–17:30) has no on-site day on the 3rd.
    assert!(!got
        .iter()
        .any(|s| s.engineer == "eng-chen-zhiqiang" && s.start.date_naive() == day("2026-12-03")));
}

#[test]
fn booked_time_in_another_offset_is_the_same_instant() {
    let mut engineers: Vec<Engineer> = engineers()
        .into_iter()
        .filter(|e| e.id == "eng-xu-jing")
        .collect();
    // 02:00–03:30 UTC is 10:00–11:30 Beijing time.
    engineers[0].booked = vec![serde_json::from_value(serde_json::json!({
        "from": "2026-12-07T02:00:00Z", "to": "2026-12-07T03:30:00Z"
    }))
    .unwrap()];
    let got = slots(
        &engineers,
        &calendar(),
        &query(BookingKind::RemoteSupport, "2026-12-07", "2026-12-07"),
    )
    .unwrap();
    let starts: Vec<String> = got
        .iter()
        .map(|s| s.start.format("%H:%M").to_string())
        .collect();
    assert_eq!(starts, ["12:00", "13:30", "15:00", "16:30"]);
}

#[test]
fn the_station_filter_keeps_only_that_station_s_engineers() {
    let mut q = query(BookingKind::PatchDeployment, "2026-12-07", "2026-12-11");
    q.station = Some("sh");
    let got = slots(&ENGINEERS, &calendar(), &q).unwrap();
    assert!(!got.is_empty());
    assert!(got.iter().all(|s| s.engineer == "eng-zhou-jie"));
    // Shanghai's only engineer does not do remote support.
    q.kind = BookingKind::RemoteSupport;
    assert!(slots(&ENGINEERS, &calendar(), &q).unwrap().is_empty());
    q.station = Some("nowhere");
    assert!(slots(&ENGINEERS, &calendar(), &q).unwrap().is_empty());
}

#[test]
fn only_engineers_who_offer_the_work_are_listed() {
    let got = slots(
        &ENGINEERS,
        &calendar(),
        &query(BookingKind::Onsite, "2026-11-30", "2026-11-30"),
    )
    .unwrap();
    let mut who: Vec<&str> = got.iter().map(|s| s.engineer).collect();
    who.sort_unstable();
    assert_eq!(
        who,
        [
            "eng-chen-zhiqiang",
            "eng-huang-wenbin",
            "eng-liu-yang",
            "eng-ma-lei",
            "eng-sun-peng",
            "eng-wang-haitao",
            "eng-zhou-jie"
        ]
    );
}

#[test]
fn slots_before_now_are_left_out_when_the_page_says_when_now_is() {
    let mut q = query(BookingKind::RemoteSupport, "2026-12-07", "2026-12-07");
    q.station = Some("wh");
    q.not_before = Some(t("2026-12-07T12:00:00+08:00"));
    let got = slots(&ENGINEERS, &calendar(), &q).unwrap();
    assert_eq!(
        describe(&got),
        [
            "eng-xu-jing 12-07 12:00–13:30",
            "eng-xu-jing 12-07 13:30–15:00",
            "eng-xu-jing 12-07 15:00–16:30",
            "eng-xu-jing 12-07 16:30–18:00",
        ]
    );
}

#[test]
fn slots_are_ordered_by_start_then_engineer_and_serialise_in_beijing_time() {
    let got = slots(
        &ENGINEERS,
        &calendar(),
        &query(BookingKind::RemoteSupport, "2026-12-07", "2026-12-08"),
    )
    .unwrap();
    assert!(got
        .windows(2)
        .all(|w| (w[0].start, w[0].engineer) < (w[1].start, w[1].engineer)));
    assert_eq!(
        serde_json::to_value(&got[0]).unwrap(),
        serde_json::json!({
            "engineer": "eng-chen-zhiqiang",
            "start": "2026-12-07T09:00:00+08:00",
            "end": "2026-12-07T10:30:00+08:00"
        })
    );
}

#[test]
fn a_range_past_the_calendar_is_refused_whole_not_answered_in_part() {
    let err = slots(
        &ENGINEERS,
        &calendar(),
        &query(BookingKind::RemoteSupport, "2026-12-28", "2027-01-04"),
    )
    .unwrap_err();
    assert!(matches!(err, SlotError::OutOfCoverage(ref e) if e.date == day("2027-01-04")));
    assert!(
        err.to_string().contains("covers 2024-01-01 to 2026-12-31"),
        "{err}"
    );
}

#[test]
fn a_backwards_or_overlong_range_is_refused() {
    let back = slots(
        &ENGINEERS,
        &calendar(),
        &query(BookingKind::Onsite, "2026-12-08", "2026-12-07"),
    );
    assert_eq!(
        back,
        Err(SlotError::EmptyRange {
            from: day("2026-12-08"),
            to: day("2026-12-07")
        })
    );
    let long = slots(
        &ENGINEERS,
        &calendar(),
        &query(BookingKind::Onsite, "2024-01-01", "2026-12-31"),
    );
    assert!(matches!(long, Err(SlotError::RangeTooLong { .. })));
    // Exactly MAX_RANGE_DAYS dates is allowed.
    let year = slots(
        &ENGINEERS,
        &calendar(),
        &SlotQuery {
            to: day("2025-01-01") + chrono::Days::new(MAX_RANGE_DAYS as u64 - 1),
            ..query(BookingKind::Onsite, "2025-01-01", "2025-01-01")
        },
    );
    assert!(year.is_ok());
}

// ---- This device's bookings, from its outbox ----

use portal_core::booking::{by_day, device_bookings, without_held};
use portal_core::outbox::{Item, State};
use portal_core::submission::{Booking, BookingCancel, Contact, Request, Sender, Submission};

const BOOKING_A: &str = "d2fc6dca-f606-49d7-8efc-c2a65d32154e";
const BOOKING_B: &str = "0b5e7c1a-3f2d-4a8b-9c6e-1d2f3a4b5c6d";

fn submission(id: &str, request: Request) -> String {
    serde_json::to_string(&Submission {
        schema: portal_core::submission::SCHEMA.to_owned(),
        id: id.to_owned(),
        created_at: t("2026-09-25T10:00:00+08:00"),
        lang: "zh".to_owned(),
        sender: Sender {
            scope: portal_core::submission::Scope::Workspace,
            id: "huanan".to_owned(),
            proof: "0".repeat(32),
        },
        request,
    })
    .unwrap()
}

fn booking_request(
    booking: &str,
    sequence: u32,
    engineer: &str,
    start: &str,
    end: &str,
) -> Request {
    Request::Booking(Booking {
        booking: booking.to_owned(),
        sequence,
        booking_type: BookingKind::RemoteSupport,
        engineer: engineer.to_owned(),
        start: t(start),
        end: t(end),
        product: "xt5".to_owned(),
        version: "V5.0.14".to_owned(),
        patch: None,
        site: None,
        days: None,
        remote_access_consent: true,
        note: None,
        contact: Contact {
            name: "陈明".to_owned(),
            email: "chen.ming@demo-corp.cn".to_owned(),
            phone: None,
        },
    })
}

fn outbox_item(id: &str, request: Request, state: State, created: f64) -> Item {
    let kind = request.kind();
    let mut item = Item::new(
        id.to_owned(),
        kind,
        String::new(),
        None,
        submission(id, request),
        created,
    );
    item.state = state;
    item
}

/// Remote support with Chen Zhiqiang on Saturday 2026-10-10 (调休上班), 09:00–10:30.
fn saturday_booking(state: State) -> Item {
    outbox_item(
        "11111111-1111-4111-8111-111111111111",
        booking_request(
            BOOKING_A,
            0,
            "eng-chen-zhiqiang",
            "2026-10-10T09:00:00+08:00",
            "2026-10-10T10:30:00+08:00",
        ),
        state,
        1.0,
    )
}

fn cancellation(id: &str, booking: &str, state: State, created: f64) -> Item {
    outbox_item(
        id,
        Request::BookingCancel(BookingCancel {
            booking: booking.to_owned(),
            sequence: 1,
            reason: None,
        }),
        state,
        created,
    )
}

fn saturday_remote_slots() -> Vec<Slot<'static>> {
    slots(
        &ENGINEERS,
        &calendar(),
        &query(BookingKind::RemoteSupport, "2026-10-10", "2026-10-10"),
    )
    .unwrap()
}

#[test]
fn a_booking_in_the_outbox_is_a_device_booking_and_other_items_are_not() {
    let mut request = Item::new(
        "22222222-2222-4222-8222-222222222222".into(),
        "new_request",
        "收信异常".into(),
        None,
        "{\"not\": \"a submission\"}".into(),
        0.0,
    );
    request.state = State::Accepted;
    let found = device_bookings(&[request, saturday_booking(State::Queued)]);
    assert_eq!(found.len(), 1);
    let d = &found[0];
    assert_eq!(d.booking.booking, BOOKING_A);
    assert_eq!(d.item, "11111111-1111-4111-8111-111111111111");
    assert_eq!((d.state, d.workspace.as_str()), (State::Queued, "huanan"));
    assert!(d.is_active());
    assert_eq!(d.cancel_sequence(), 1);
}

#[test]
fn the_slot_a_pending_booking_holds_is_not_offered_again_nor_the_ones_it_overlaps() {
    let all = saturday_remote_slots();
    let chen = |slots: &[Slot]| {
        slots
            .iter()
            .filter(|s| s.engineer == "eng-chen-zhiqiang")
            .map(|s| s.start.format("%H:%M").to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        chen(&all),
        ["09:00", "10:30", "12:00", "13:30", "15:00", "16:30"]
    );
    let held = device_bookings(&[saturday_booking(State::Queued)]);
    let left = without_held(all.clone(), &held);
    assert_eq!(chen(&left), ["10:30", "12:00", "13:30", "15:00", "16:30"]);
    // Other engineers keep their 09:00 slot.
    assert_eq!(left.len(), all.len() - 1);
    assert!(left
        .iter()
        .any(|s| s.start == t("2026-10-10T09:00:00+08:00")));
    // A three-hour patch deployment from 09:00 overlaps 09:00 and 10:30.
    let mut long = saturday_booking(State::Accepted);
    long.body = submission(
        &long.id,
        booking_request(
            BOOKING_A,
            0,
            "eng-chen-zhiqiang",
            "2026-10-10T09:00:00+08:00",
            "2026-10-10T12:00:00+08:00",
        ),
    );
    let left = without_held(all, &device_bookings(&[long]));
    assert_eq!(chen(&left), ["12:00", "13:30", "15:00", "16:30"]);
}

#[test]
fn a_refused_or_cancelled_booking_holds_no_slot() {
    let all = saturday_remote_slots();
    let refused = device_bookings(&[saturday_booking(State::Refused)]);
    assert!(!refused[0].is_active());
    assert_eq!(without_held(all.clone(), &refused).len(), all.len());

    let cancelled = device_bookings(&[
        saturday_booking(State::Accepted),
        cancellation(
            "33333333-3333-4333-8333-333333333333",
            BOOKING_A,
            State::Queued,
            2.0,
        ),
    ]);
    let c = cancelled[0]
        .cancellation
        .as_ref()
        .expect("the cancellation");
    assert_eq!((c.state, c.sequence), (State::Queued, 1));
    assert!(!cancelled[0].is_active());
    assert_eq!(
        without_held(all, &cancelled).len(),
        saturday_remote_slots().len()
    );
}

#[test]
fn a_refused_cancellation_leaves_the_booking_standing_until_another_one_is_made() {
    let refused = cancellation(
        "33333333-3333-4333-8333-333333333333",
        BOOKING_A,
        State::Refused,
        2.0,
    );
    let found = device_bookings(&[saturday_booking(State::Accepted), refused.clone()]);
    assert!(found[0].is_active());
    let again = cancellation(
        "44444444-4444-4444-8444-444444444444",
        BOOKING_A,
        State::Queued,
        3.0,
    );
    // In either order the standing cancellation wins over the refused one.
    for items in [
        vec![
            saturday_booking(State::Accepted),
            refused.clone(),
            again.clone(),
        ],
        vec![
            again.clone(),
            saturday_booking(State::Accepted),
            refused.clone(),
        ],
    ] {
        let found = device_bookings(&items);
        assert_eq!(
            found[0].cancellation.as_ref().map(|c| c.item.as_str()),
            Some("44444444-4444-4444-8444-444444444444")
        );
        assert!(!found[0].is_active());
    }
}

#[test]
fn the_highest_sequence_of_a_booking_is_its_current_version() {
    let first = saturday_booking(State::Accepted);
    let changed = outbox_item(
        "55555555-5555-4555-8555-555555555555",
        booking_request(
            BOOKING_A,
            1,
            "eng-lin-xiaoyan",
            "2026-10-10T13:30:00+08:00",
            "2026-10-10T15:00:00+08:00",
        ),
        State::Queued,
        5.0,
    );
    for items in [
        [first.clone(), changed.clone()],
        [changed.clone(), first.clone()],
    ] {
        let found = device_bookings(&items);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].booking.sequence, 1);
        assert_eq!(found[0].booking.engineer, "eng-lin-xiaoyan");
        assert_eq!(found[0].cancel_sequence(), 2);
    }
    // A refused change leaves the accepted version current.
    let mut refused = changed;
    refused.state = State::Refused;
    let found = device_bookings(&[first, refused]);
    assert_eq!(found[0].booking.sequence, 0);
    assert_eq!(found[0].state, State::Accepted);
}

#[test]
fn device_bookings_are_listed_by_start_and_a_cancellation_without_its_booking_is_left_out() {
    let later = outbox_item(
        "66666666-6666-4666-8666-666666666666",
        booking_request(
            BOOKING_B,
            0,
            "eng-zhao-min",
            "2026-10-12T15:00:00+08:00",
            "2026-10-12T16:30:00+08:00",
        ),
        State::Queued,
        0.5,
    );
    let orphan = cancellation(
        "77777777-7777-4777-8777-777777777777",
        "9e8d7c6b-5a49-4382-b716-05f4e3d2c1b0",
        State::Queued,
        9.0,
    );
    let found = device_bookings(&[later, orphan, saturday_booking(State::Sent)]);
    let ids: Vec<&str> = found.iter().map(|d| d.booking.booking.as_str()).collect();
    assert_eq!(ids, [BOOKING_A, BOOKING_B]);
    assert!(found.iter().all(|d| d.cancellation.is_none()));
}

#[test]
fn slots_are_grouped_by_beijing_day_skipping_the_holiday() {
    // Fri 2026-09-30 … Sat 2026-10-10: National Day 1–7 Oct, Thu 8 and Fri 9
    // working, Sat 10 Oct 调休上班.
    let found = slots(
        &ENGINEERS,
        &calendar(),
        &query(BookingKind::RemoteSupport, "2026-09-30", "2026-10-10"),
    )
    .unwrap();
    let days: Vec<(String, usize)> = by_day(&found)
        .iter()
        .map(|(d, run)| (d.to_string(), run.len()))
        .collect();
    let names: Vec<&str> = days.iter().map(|(d, _)| d.as_str()).collect();
    assert_eq!(
        names,
        ["2026-09-30", "2026-10-08", "2026-10-09", "2026-10-10"]
    );
    assert_eq!(days.iter().map(|(_, n)| n).sum::<usize>(), found.len());
    for (day, run) in by_day(&found) {
        assert!(run.iter().all(|s| s.start.date_naive() == day));
    }
    assert!(by_day(&[]).is_empty());
}
