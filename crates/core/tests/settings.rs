//! 消息设置 (crates/core/src/settings.rs): the defaults, quiet hours on the
//! business calendar, the exported file and its readable errors.

use chrono::{DateTime, FixedOffset};
use portal_core::calendar::BusinessCalendar;
use portal_core::model::CalendarData;
use portal_core::parse_json;
use portal_core::settings::{
    import, release_at, Frequency, NoticeType, NotificationSettings, QuietHours, SettingsError,
    FORMAT,
};

fn calendar() -> BusinessCalendar {
    let file = format!(
        "{}/../../public/api/sla/calendar.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let data: CalendarData =
        parse_json("calendar", &std::fs::read_to_string(file).unwrap()).unwrap();
    BusinessCalendar::new(&data)
}

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

#[test]
fn every_type_is_on_by_default_and_quiet_hours_are_outside_working_time() {
    let s = NotificationSettings::default();
    assert!(NoticeType::ALL.iter().all(|&t| s.enabled(t)));
    assert_eq!(s.quiet_hours, QuietHours::OutsideWorkingTime);
    assert_eq!(
        s.get(NoticeType::SecurityEvents).frequency,
        Frequency::Immediate
    );
    assert!(s.get(NoticeType::SecurityEvents).channels.sms);
}

#[test]
fn within_working_time_a_notification_goes_at_once() {
    let at = t("2026-12-08T10:00:00+08:00");
    assert_eq!(
        release_at(&QuietHours::OutsideWorkingTime, &calendar(), at),
        at
    );
}

#[test]
fn a_friday_evening_notification_waits_for_monday_nine_o_clock() {
    let got = release_at(
        &QuietHours::OutsideWorkingTime,
        &calendar(),
        t("2026-12-04T18:30:00+08:00"),
    );
    assert_eq!(got, t("2026-12-07T09:00:00+08:00"));
}

#[test]
fn early_morning_waits_for_nine_the_same_day() {
    let got = release_at(
        &QuietHours::OutsideWorkingTime,
        &calendar(),
        t("2026-12-08T01:00:00Z"),
    );
    assert_eq!(got, t("2026-12-08T09:00:00+08:00"));
}

#[test]
fn national_day_holds_a_notification_until_the_first_working_day_after_it() {
    // National Day 2026: 1–7 October off, 8 October (Thursday) back at work.
    let got = release_at(
        &QuietHours::OutsideWorkingTime,
        &calendar(),
        t("2026-09-30T19:00:00+08:00"),
    );
    assert_eq!(got, t("2026-10-08T09:00:00+08:00"));
}

#[test]
fn an_adjusted_working_saturday_is_working_time() {
    // 10 October 2026 is a Saturday declared a working day.
    let at = t("2026-10-10T11:00:00+08:00");
    assert_eq!(
        release_at(&QuietHours::OutsideWorkingTime, &calendar(), at),
        at
    );
}

#[test]
fn past_the_calendar_s_coverage_nothing_is_held_back() {
    let at = t("2027-02-14T03:00:00+08:00");
    assert_eq!(
        release_at(&QuietHours::OutsideWorkingTime, &calendar(), at),
        at
    );
}

#[test]
fn daily_quiet_hours_across_midnight() {
    let q = QuietHours::Daily {
        from: "22:00".into(),
        to: "07:30".into(),
    };
    let c = calendar();
    assert_eq!(
        release_at(&q, &c, t("2026-12-08T23:00:00+08:00")),
        t("2026-12-09T07:30:00+08:00")
    );
    assert_eq!(
        release_at(&q, &c, t("2026-12-09T06:00:00+08:00")),
        t("2026-12-09T07:30:00+08:00")
    );
    let noon = t("2026-12-09T12:00:00+08:00");
    assert_eq!(release_at(&q, &c, noon), noon);
    assert_eq!(
        release_at(&QuietHours::Off, &c, t("2026-12-08T23:00:00+08:00")),
        t("2026-12-08T23:00:00+08:00")
    );
}

#[test]
fn the_exported_file_imports_back_unchanged() {
    let mut s = NotificationSettings::default();
    s.types.patches.enabled = false;
    s.types.upgrades.frequency = Frequency::Weekly;
    s.quiet_hours = QuietHours::Daily {
        from: "21:00".into(),
        to: "08:00".into(),
    };
    let file = s.to_file();
    assert!(file.contains(FORMAT));
    assert_eq!(import(&file), Ok(s));
}

#[test]
fn a_file_that_is_not_json_is_named_as_such() {
    assert_eq!(import("\u{89}PNG…"), Err(SettingsError::NotJson));
    assert_eq!(import(""), Err(SettingsError::NotJson));
}

#[test]
fn another_format_or_version_is_refused_by_name() {
    let file = NotificationSettings::default()
        .to_file()
        .replace("/v1", "/v2");
    assert_eq!(
        import(&file),
        Err(SettingsError::WrongFormat {
            found: "coremail-portal/notification-settings/v2".into()
        })
    );
    assert_eq!(
        import("{}"),
        Err(SettingsError::WrongFormat {
            found: String::new()
        })
    );
}

#[test]
fn a_missing_or_wrong_value_names_its_json_path() {
    let mut v: serde_json::Value =
        serde_json::from_str(&NotificationSettings::default().to_file()).unwrap();
    v["types"]["patches"]["frequency"] = "hourly".into();
    match import(&v.to_string()) {
        Err(SettingsError::BadValue { path, message }) => {
            assert_eq!(path, "$.types.patches.frequency");
            assert!(message.contains("hourly"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    let mut v: serde_json::Value =
        serde_json::from_str(&NotificationSettings::default().to_file()).unwrap();
    v["types"].as_object_mut().unwrap().remove("renewals");
    match import(&v.to_string()) {
        Err(SettingsError::BadValue { message, .. }) => {
            assert!(message.contains("renewals"), "{message}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn quiet_hours_must_be_times_and_not_empty() {
    let mut s = NotificationSettings {
        quiet_hours: QuietHours::Daily {
            from: "25:00".into(),
            to: "08:00".into(),
        },
        ..NotificationSettings::default()
    };
    assert!(
        matches!(import(&s.to_file()), Err(SettingsError::BadValue { path, .. }) if path == "$.quiet_hours.from")
    );
    s.quiet_hours = QuietHours::Daily {
        from: "08:00".into(),
        to: "08:00".into(),
    };
    assert!(
        matches!(import(&s.to_file()), Err(SettingsError::BadValue { path, .. }) if path == "$.quiet_hours.to")
    );
}
