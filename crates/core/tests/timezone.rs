//! The core computes in a fixed UTC+8 (`calendar::beijing`) to keep the tz
//! database out of the wasm. That is right only while `Asia/Shanghai` has
//! no daylight saving and no offset change: checked here against the tz
//! database (`chrono-tz`) for every hour the demo calendar covers.

use chrono::{Duration, NaiveTime, Offset, TimeZone};
use chrono_tz::Asia::Shanghai;
use portal_core::calendar::{beijing, from_beijing, to_beijing};
use portal_core::model::CalendarData;
use portal_core::parse_json;

#[test]
fn fixed_utc_plus_8_is_asia_shanghai_for_every_hour_of_the_calendar() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../public/api/sla/calendar.json"
    ))
    .unwrap();
    let data: CalendarData = parse_json("sla/calendar.json", &text).unwrap();
    let first = from_beijing(data.covers_from.and_time(NaiveTime::MIN));
    let last = from_beijing(data.covers_until.and_time(NaiveTime::MIN)) + Duration::hours(23);
    let mut hours = 0;
    let mut t = first;
    while t <= last {
        // The same offset at this instant…
        let zone = Shanghai.offset_from_utc_datetime(&t.naive_utc()).fix();
        assert_eq!(zone, beijing(), "offset at {t}");
        // …the same wall-clock time…
        let local = to_beijing(&t);
        assert_eq!(t.with_timezone(&Shanghai).naive_local(), local, "at {t}");
        // …and the same instant for that wall-clock time (no gap, no fold).
        let back = Shanghai.from_local_datetime(&local).single();
        assert_eq!(back.map(|b| b.fixed_offset()), Some(t), "at {local}");
        hours += 1;
        t += Duration::hours(1);
    }
    // 2024-01-01 … 2026-12-31: 366 + 365 + 365 days.
    assert_eq!(hours, 1096 * 24);
}
