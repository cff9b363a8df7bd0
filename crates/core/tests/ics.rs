//! The booking's `.ics` read back by a real RFC 5545 parser (the
//! `icalendar` crate): the right instants in `Asia/Shanghai`, a stable UID,
//! the sequence, the cancellation, escaping and folding.

use chrono::{DateTime, FixedOffset, NaiveDateTime};
use icalendar::{CalendarDateTime, Component, DatePerhapsTime, EventLike};
use portal_core::ics::{calendar, file_name, fold, uid, Event, Method, LINE_OCTETS};

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn naive(s: &str) -> NaiveDateTime {
    s.parse().unwrap()
}

fn booking() -> Event<'static> {
    Event {
        booking: "d2fc6dca-f606-49d7-8efc-c2a65d32154e",
        sequence: 0,
        start: t("2026-12-07T09:00:00+08:00"),
        end: t("2026-12-07T12:00:00+08:00"),
        stamp: t("2026-11-26T10:30:05+08:00"),
        summary: "补丁部署：xt5-p2026-1110（陈志强）",
        description: "Coremail XT V5.0.14, 集团总部; 请先在测试机上验证.\n联系人：陈明",
        location: None,
        organizer: Some("support@coremail.cn"),
        attendee: Some("chen.ming@demo-corp.cn"),
    }
}

/// The raw properties of the first component named `name`, at any depth.
fn component<'a>(
    parsed: &'a [icalendar::parser::Component<'a>],
    name: &str,
) -> Option<&'a icalendar::parser::Component<'a>> {
    for c in parsed {
        if c.name == name {
            return Some(c);
        }
        if let Some(found) = component(&c.components, name) {
            return Some(found);
        }
    }
    None
}

fn property(c: &icalendar::parser::Component, name: &str) -> Option<String> {
    c.properties
        .iter()
        .find(|p| p.name == name)
        .map(|p| p.val.to_string())
}

#[test]
fn the_booking_parses_and_carries_its_beijing_times_with_the_zone() {
    let ics = calendar(&booking(), Method::Request);
    let parsed: icalendar::Calendar = ics.parse().expect("RFC 5545");
    let event = parsed
        .components
        .iter()
        .find_map(|c| c.as_event())
        .expect("one VEVENT");
    let with_zone = |d: Option<DatePerhapsTime>| match d {
        Some(DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, tzid })) => {
            (date_time, tzid)
        }
        other => panic!("not a local time with TZID: {other:?}"),
    };
    assert_eq!(
        with_zone(event.get_start()),
        (naive("2026-12-07T09:00:00"), "Asia/Shanghai".to_owned())
    );
    assert_eq!(
        with_zone(event.get_end()),
        (naive("2026-12-07T12:00:00"), "Asia/Shanghai".to_owned())
    );
    assert_eq!(
        event.get_uid(),
        Some("d2fc6dca-f606-49d7-8efc-c2a65d32154e@portal.coremail.cn")
    );
    assert_eq!(event.get_sequence(), Some(0));
    assert_eq!(
        event.get_summary(),
        Some("补丁部署：xt5-p2026-1110（陈志强）")
    );
    assert_eq!(
        event.get_description(),
        Some("Coremail XT V5.0.14, 集团总部; 请先在测试机上验证.\n联系人：陈明"),
        "commas, semicolons and the line break come back as written"
    );
}

#[test]
fn a_slot_given_in_another_offset_is_written_as_its_beijing_time() {
    let mut e = booking();
    e.start = t("2026-12-07T01:00:00Z");
    e.end = t("2026-12-07T03:00:00Z");
    let ics = calendar(&e, Method::Request);
    assert!(
        ics.contains("\r\nDTSTART;TZID=Asia/Shanghai:20261207T090000\r\n"),
        "{ics}"
    );
    assert!(
        ics.contains("\r\nDTEND;TZID=Asia/Shanghai:20261207T110000\r\n"),
        "{ics}"
    );
}

#[test]
fn the_file_has_the_header_the_zone_and_a_utc_stamp() {
    let ics = calendar(&booking(), Method::Request);
    let unfolded = icalendar::parser::unfold(&ics);
    let parsed = icalendar::parser::read_calendar(&unfolded).expect("RFC 5545");
    let cal = component(&parsed.components, "VCALENDAR")
        .map(|c| c.properties.clone())
        .unwrap_or_else(|| parsed.properties.clone());
    let get = |name: &str| {
        cal.iter()
            .find(|p| p.name == name)
            .map(|p| p.val.to_string())
    };
    assert_eq!(get("VERSION").as_deref(), Some("2.0"));
    assert_eq!(get("METHOD").as_deref(), Some("REQUEST"));
    assert_eq!(
        get("PRODID").as_deref(),
        Some("-//Coremail//Cloud Service Centre//ZH")
    );
    let zone = component(&parsed.components, "VTIMEZONE").expect("a VTIMEZONE");
    assert_eq!(property(zone, "TZID").as_deref(), Some("Asia/Shanghai"));
    let standard = component(&parsed.components, "STANDARD").expect("its STANDARD");
    assert_eq!(
        property(standard, "DTSTART").as_deref(),
        Some("19700101T000000")
    );
    assert_eq!(property(standard, "TZOFFSETFROM").as_deref(), Some("+0800"));
    assert_eq!(property(standard, "TZOFFSETTO").as_deref(), Some("+0800"));
    let event = component(&parsed.components, "VEVENT").expect("a VEVENT");
    // 10:30:05 Beijing time is 02:30:05 UTC.
    assert_eq!(
        property(event, "DTSTAMP").as_deref(),
        Some("20261126T023005Z")
    );
    assert_eq!(property(event, "STATUS").as_deref(), Some("TENTATIVE"));
    assert_eq!(
        property(event, "ORGANIZER").as_deref(),
        Some("mailto:support@coremail.cn")
    );
}

#[test]
fn every_line_ends_in_crlf_and_none_is_longer_than_75_octets() {
    let ics = calendar(&booking(), Method::Request);
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert!(
        !ics.replace("\r\n", "").contains(['\r', '\n']),
        "no bare CR or LF"
    );
    for line in ics.split("\r\n") {
        assert!(line.len() <= LINE_OCTETS, "{} octets: {line}", line.len());
    }
}

#[test]
fn the_uid_is_the_same_at_every_download_and_change_and_the_sequence_rises() {
    let first = calendar(&booking(), Method::Request);
    let mut later = booking();
    later.stamp = t("2026-11-28T08:00:00+08:00");
    later.sequence = 1;
    later.start = t("2026-12-08T13:30:00+08:00");
    later.end = t("2026-12-08T16:30:00+08:00");
    let changed = calendar(&later, Method::Request);
    let event = |ics: &str| {
        let parsed: icalendar::Calendar = ics.parse().unwrap();
        let e = parsed
            .components
            .iter()
            .find_map(|c| c.as_event())
            .unwrap()
            .clone();
        (e.get_uid().map(str::to_owned), e.get_sequence())
    };
    assert_eq!(event(&first).0, event(&changed).0);
    assert_eq!(event(&first).1, Some(0));
    assert_eq!(event(&changed).1, Some(1));
    assert_eq!(
        uid("d2fc6dca-f606-49d7-8efc-c2a65d32154e"),
        "d2fc6dca-f606-49d7-8efc-c2a65d32154e@portal.coremail.cn"
    );
}

#[test]
fn a_cancellation_is_method_cancel_status_cancelled_with_the_next_sequence() {
    let mut e = booking();
    e.sequence = 2;
    let ics = calendar(&e, Method::Cancel);
    let unfolded = icalendar::parser::unfold(&ics);
    let parsed = icalendar::parser::read_calendar(&unfolded).expect("RFC 5545");
    let event = component(&parsed.components, "VEVENT").expect("a VEVENT");
    assert_eq!(property(event, "STATUS").as_deref(), Some("CANCELLED"));
    assert_eq!(property(event, "SEQUENCE").as_deref(), Some("2"));
    assert_eq!(
        property(event, "UID").as_deref(),
        Some("d2fc6dca-f606-49d7-8efc-c2a65d32154e@portal.coremail.cn")
    );
    assert!(ics.contains("\r\nMETHOD:CANCEL\r\n"));
    let typed: icalendar::Calendar = ics.parse().unwrap();
    let status = typed
        .components
        .iter()
        .find_map(|c| c.as_event())
        .unwrap()
        .get_status();
    assert_eq!(status, Some(icalendar::EventStatus::Cancelled));
}

#[test]
fn long_chinese_text_folds_between_characters_and_reads_back_whole() {
    let description =
        "请工程师在维护窗口内完成补丁部署，部署前备份配置与数据库，部署后检查收发信、\
                       Webmail 登录与反垃圾服务；如遇异常请立即回滚并电话联系陈明。"
            .repeat(3);
    let mut e = booking();
    e.description = &description;
    e.location = Some("广东省广州市天河区珠江新城华夏路 8 号合景国际金融广场 32 层集团总部机房，请提前一天登记访客");
    let ics = calendar(&e, Method::Request);
    let mut folded_lines = 0;
    for line in ics.split("\r\n") {
        assert!(line.len() <= LINE_OCTETS, "{} octets", line.len());
        if line.starts_with(' ') {
            folded_lines += 1;
        }
    }
    assert!(folded_lines >= 8, "{folded_lines} continuation lines");
    // Dropping each CRLF + space gives the line back whole (the address
    // has only full-width commas, which are not escaped).
    let location = e.location.unwrap();
    assert!(ics
        .replace("\r\n ", "")
        .contains(&format!("\r\nLOCATION:{location}\r\n")));
    let parsed: icalendar::Calendar = ics.parse().expect("RFC 5545");
    let event = parsed.components.iter().find_map(|c| c.as_event()).unwrap();
    assert_eq!(event.get_description(), Some(description.as_str()));
    assert_eq!(event.get_location(), e.location);
}

#[test]
fn folding_a_line_of_three_octet_characters_keeps_each_whole() {
    // 8 + 30 × 3 = 98 octets: the first line may hold 75, but 75 - 8 = 67
    // is not a multiple of 3, so it ends after 22 characters (74 octets).
    let line = format!("SUMMARY:{}", "预".repeat(30));
    let folded = fold(&line);
    let parts: Vec<&str> = folded.split("\r\n").collect();
    assert_eq!(parts[0].len(), 8 + 22 * 3);
    assert_eq!(parts[1], format!(" {}", "预".repeat(8)));
    assert_eq!(folded.replace("\r\n ", ""), line);
}

#[test]
fn the_download_is_named_after_the_booking() {
    assert_eq!(
        file_name("d2fc6dca-f606-49d7-8efc-c2a65d32154e", Method::Request),
        "coremail-booking-d2fc6dca-f606-49d7-8efc-c2a65d32154e.ics"
    );
    assert_eq!(
        file_name("../x y", Method::Cancel),
        "coremail-booking----x-y-cancel.ics"
    );
}

mod course {
    //! A live course's `.ics`: published, in UTC, one UID per course.
    use super::t;
    use portal_core::ics::{course_calendar, course_file_name, course_uid, CourseEvent};

    fn spam_course() -> CourseEvent<'static> {
        CourseEvent {
            course: "c2612-spam",
            start: t("2026-12-08T14:30:00+08:00"),
            end: t("2026-12-08T15:45:00+08:00"),
            stamp: t("2026-12-06T11:30:00+08:00"),
            summary: "在线直播课程：账号被盗发垃圾邮件的应急处置",
            description: "讲师：黄文斌\n锁定账号, 清理队列; 申请解除黑名单",
            url: Some("https://portal.coremail.cn/courses"),
        }
    }

    #[test]
    fn the_course_parses_with_its_instants_in_utc() {
        let ics = course_calendar(&spam_course());
        let unfolded = icalendar::parser::unfold(&ics);
        let parsed = icalendar::parser::read_calendar(&unfolded).expect("RFC 5545");
        let event = super::component(&parsed.components, "VEVENT").expect("a VEVENT");
        let get = |name| super::property(event, name);
        // 14:30 Beijing is 06:30 UTC; 75 minutes later 07:45.
        assert_eq!(get("DTSTART").as_deref(), Some("20261208T063000Z"));
        assert_eq!(get("DTEND").as_deref(), Some("20261208T074500Z"));
        assert_eq!(get("DTSTAMP").as_deref(), Some("20261206T033000Z"));
        assert_eq!(
            get("UID").as_deref(),
            Some("course-c2612-spam@portal.coremail.cn")
        );
        assert_eq!(get("STATUS").as_deref(), Some("CONFIRMED"));
        assert_eq!(
            get("URL").as_deref(),
            Some("https://portal.coremail.cn/courses")
        );
        let parsed: icalendar::Calendar = ics.parse().expect("RFC 5545");
        let event = parsed
            .components
            .iter()
            .find_map(|c| c.as_event())
            .expect("one VEVENT");
        use icalendar::Component;
        assert_eq!(
            event.get_summary(),
            Some("在线直播课程：账号被盗发垃圾邮件的应急处置")
        );
        assert_eq!(
            event.get_description(),
            Some("讲师：黄文斌\n锁定账号, 清理队列; 申请解除黑名单"),
            "line break, comma and semicolon come back as written"
        );
    }

    #[test]
    fn the_course_file_is_a_published_calendar_with_crlf_lines_of_at_most_75_octets() {
        let ics = course_calendar(&spam_course());
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(ics.contains("\r\nMETHOD:PUBLISH\r\n"));
        assert!(!ics.contains("TZID"), "UTC times need no zone: {ics}");
        for line in ics.split("\r\n") {
            assert!(!line.contains('\n') && !line.contains('\r'));
            assert!(line.len() <= super::LINE_OCTETS, "{line}");
        }
        assert!(icalendar::parser::unfold(&ics)
            .contains("DESCRIPTION:讲师：黄文斌\\n锁定账号\\, 清理队列\\; 申请解除黑名单"));
    }

    #[test]
    fn the_uid_is_the_same_at_every_download_and_differs_per_course() {
        let first = course_calendar(&spam_course());
        let mut later = spam_course();
        later.stamp = t("2026-12-08T09:00:00+08:00");
        let second = course_calendar(&later);
        let uid = |s: &str| s.lines().find(|l| l.starts_with("UID:")).map(str::to_owned);
        assert_eq!(uid(&first), uid(&second));
        assert_ne!(course_uid("c2612-spam"), course_uid("c2612-archive"));
        assert_ne!(
            course_uid("x"),
            portal_core::ics::uid("x"),
            "never a booking's UID"
        );
    }

    #[test]
    fn the_course_file_name_is_safe() {
        assert_eq!(
            course_file_name("c2612-spam"),
            "coremail-course-c2612-spam.ics"
        );
        assert_eq!(course_file_name("../a b"), "coremail-course----a-b.ics");
    }
}
