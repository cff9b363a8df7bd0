//! The `.ics` file of a booking (RFC 5545), which the admin downloads into
//! their own calendar, and the cancelling one when the booking is called off;
//! and the `.ics` of a live course ([`course_calendar`]: published, in UTC,
//! its UID made from the course's id).
//!
//! - **One event per file**, in a `VCALENDAR` with `METHOD:REQUEST` (a
//!   booking, `STATUS:TENTATIVE` until Coremail confirms it) or
//!   `METHOD:CANCEL` (`STATUS:CANCELLED`).
//! - **Beijing time with its zone**: `DTSTART;TZID=Asia/Shanghai:…` and
//!   `DTEND`, with a `VTIMEZONE` that says what `Asia/Shanghai` is (UTC+8 all
//!   year, no daylight saving since 1991), so a calendar in any zone shows
//!   the right instant. `DTSTAMP` is in UTC, as RFC 5545 requires.
//! - **The same event across downloads and changes**: the `UID` is made
//!   from the booking's id ([`uid`]), never from the time of download, and
//!   `SEQUENCE` is the booking's sequence, which rises with each change; a
//!   cancellation carries the last sequence plus one. Calendars then update
//!   or remove the event they already have instead of adding another.
//! - **Text escaped and lines folded**: backslashes, semicolons, commas and
//!   line breaks in `SUMMARY`, `DESCRIPTION` and `LOCATION` are escaped;
//!   other control characters are dropped (RFC 5545 allows none); lines
//!   longer than 75 octets are folded, never inside a UTF-8 character; every
//!   line ends in CRLF.
//!
//! Written by hand with `core::fmt` (chrono's `format` would cost about
//! 10 KB of wasm); `tests/ics.rs` reads the output back with the
//! `icalendar` crate's parser.

use crate::calendar::to_beijing;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDateTime, Timelike};

/// `PRODID`: who made the file (RFC 5545 §3.7.3, `-//owner//product//language`).
pub const PRODID: &str = "-//Coremail//Cloud Service Centre//ZH";
/// The domain after the `@` of every `UID`.
pub const UID_DOMAIN: &str = "portal.coremail.cn";
/// The zone of every local time in the file.
pub const TZID: &str = "Asia/Shanghai";
/// The longest line, in octets, without its CRLF (RFC 5545 §3.1).
pub const LINE_OCTETS: usize = 75;

/// Whether the file books or calls off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// A new booking or a change of it.
    Request,
    /// The booking called off.
    Cancel,
}

/// One booking as an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event<'a> {
    /// The booking's id (`submission::Booking::booking`); the UID is made from it.
    pub booking: &'a str,
    /// The booking's sequence; for a cancellation, the last one plus one.
    pub sequence: u32,
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
    /// When the file is made (`DTSTAMP`): the page passes "now".
    pub stamp: DateTime<FixedOffset>,
    pub summary: &'a str,
    pub description: &'a str,
    /// The site's address, for an on-site visit.
    pub location: Option<&'a str>,
    /// The e-mail address the booking was sent to (`ORGANIZER`).
    pub organizer: Option<&'a str>,
    /// The admin's e-mail address (`ATTENDEE`).
    pub attendee: Option<&'a str>,
}

/// The event's UID: `<booking id>@portal.coremail.cn`, the same for every
/// download and every change of one booking.
pub fn uid(booking: &str) -> String {
    format!("{}@{UID_DOMAIN}", escape_text(booking))
}

/// A file name for the download: `coremail-booking-<id>.ics`, with
/// `-cancel` for a cancellation. Characters other than ASCII letters,
/// digits and `-` become `-`.
pub fn file_name(booking: &str, method: Method) -> String {
    let id: String = booking
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    match method {
        Method::Request => format!("coremail-booking-{id}.ics"),
        Method::Cancel => format!("coremail-booking-{id}-cancel.ics"),
    }
}

/// The whole `.ics` file, CRLF line ends, folded.
pub fn calendar(event: &Event, method: Method) -> String {
    let (method_name, status) = match method {
        Method::Request => ("REQUEST", "TENTATIVE"),
        Method::Cancel => ("CANCEL", "CANCELLED"),
    };
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        format!("PRODID:{PRODID}"),
        "VERSION:2.0".into(),
        "CALSCALE:GREGORIAN".into(),
        format!("METHOD:{method_name}"),
        "BEGIN:VTIMEZONE".into(),
        format!("TZID:{TZID}"),
        "BEGIN:STANDARD".into(),
        "DTSTART:19700101T000000".into(),
        "TZOFFSETFROM:+0800".into(),
        "TZOFFSETTO:+0800".into(),
        "TZNAME:CST".into(),
        "END:STANDARD".into(),
        "END:VTIMEZONE".into(),
        "BEGIN:VEVENT".into(),
        format!("UID:{}", uid(event.booking)),
        format!("SEQUENCE:{}", event.sequence),
        format!("DTSTAMP:{}Z", basic(event.stamp.naive_utc())),
        format!("DTSTART;TZID={TZID}:{}", basic(to_beijing(&event.start))),
        format!("DTEND;TZID={TZID}:{}", basic(to_beijing(&event.end))),
        format!("SUMMARY:{}", escape_text(event.summary)),
        format!("DESCRIPTION:{}", escape_text(event.description)),
    ];
    if let Some(location) = event.location {
        lines.push(format!("LOCATION:{}", escape_text(location)));
    }
    if let Some(organizer) = event.organizer {
        lines.push(format!("ORGANIZER:mailto:{}", address(organizer)));
    }
    if let Some(attendee) = event.attendee {
        lines.push(format!(
            "ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:{}",
            address(attendee)
        ));
    }
    lines.push(format!("STATUS:{status}"));
    lines.push("END:VEVENT".into());
    lines.push("END:VCALENDAR".into());
    write_lines(&lines)
}

/// Folds each line and ends it in CRLF.
fn write_lines(lines: &[String]) -> String {
    let mut out = String::new();
    for line in lines {
        out.push_str(&fold(line));
        out.push_str("\r\n");
    }
    out
}

/// One live course (在线直播课程) as an event, for the viewer's own calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseEvent<'a> {
    /// The course's id (`Course::id`); the UID is made from it.
    pub course: &'a str,
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
    /// When the file is made (`DTSTAMP`): the page passes "now".
    pub stamp: DateTime<FixedOffset>,
    pub summary: &'a str,
    pub description: &'a str,
    /// Where to watch (the course page).
    pub url: Option<&'a str>,
}

/// A course's UID: `course-<id>@portal.coremail.cn`, the same at every
/// download, and never equal to a booking's (whose ids are UUIDs).
pub fn course_uid(course: &str) -> String {
    format!("course-{}@{UID_DOMAIN}", escape_text(course))
}

/// `coremail-course-<id>.ics`, characters other than ASCII letters, digits
/// and `-` as `-`.
pub fn course_file_name(course: &str) -> String {
    let id: String = course
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("coremail-course-{id}.ics")
}

/// A course's `.ics`: `METHOD:PUBLISH` (an announcement, nobody is invited
/// or asked to reply), `STATUS:CONFIRMED`, and the times in UTC (`…Z`):
/// a course is one instant for everyone, so no zone needs describing, and
/// every calendar shows it in its own zone. The same UID at every download,
/// so a second import updates the event instead of adding another.
pub fn course_calendar(event: &CourseEvent) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        format!("PRODID:{PRODID}"),
        "VERSION:2.0".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        "BEGIN:VEVENT".into(),
        format!("UID:{}", course_uid(event.course)),
        format!("DTSTAMP:{}Z", basic(event.stamp.naive_utc())),
        format!("DTSTART:{}Z", basic(event.start.naive_utc())),
        format!("DTEND:{}Z", basic(event.end.naive_utc())),
        format!("SUMMARY:{}", escape_text(event.summary)),
        format!("DESCRIPTION:{}", escape_text(event.description)),
    ];
    if let Some(url) = event.url {
        // A URI value, not TEXT: nothing to escape, but nothing that could
        // end the line or the value either.
        let url: String = url
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .collect();
        lines.push(format!("URL:{url}"));
    }
    lines.push("STATUS:CONFIRMED".into());
    lines.push("TRANSP:OPAQUE".into());
    lines.push("END:VEVENT".into());
    lines.push("END:VCALENDAR".into());
    write_lines(&lines)
}

/// A local date-time in the basic format, `20261207T090000`.
fn basic(t: NaiveDateTime) -> String {
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// An address for `mailto:`: without white space, control characters or
/// the characters that would end the value or start a parameter.
fn address(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control() && !matches!(c, ';' | ',' | ':' | '"'))
        .collect()
}

/// A TEXT value (RFC 5545 §3.3.11): `\` `;` `,` escaped, each line break
/// (CRLF, CR or LF) as `\n`, other control characters but tab dropped.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line (RFC 5545 §3.1): at most [`LINE_OCTETS`] octets
/// per line, the continuation lines starting with a space (which counts),
/// joined by CRLF; never inside a UTF-8 character.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 64 * 3);
    let mut rest = line;
    let mut limit = LINE_OCTETS;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            return out;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        limit = LINE_OCTETS - 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escapes_what_rfc_5545_reserves() {
        assert_eq!(
            escape_text("a\\b;c,d\r\ne\rf\ng\u{7}h\ti"),
            "a\\\\b\\;c\\,d\\ne\\nf\\ngh\ti"
        );
    }

    #[test]
    fn a_short_line_is_left_alone_and_a_long_one_folded_at_75_octets() {
        assert_eq!(fold("SUMMARY:x"), "SUMMARY:x");
        let line = "X".repeat(75);
        assert_eq!(fold(&line), line);
        let folded = fold(&"X".repeat(76 + 74));
        let parts: Vec<&str> = folded.split("\r\n").collect();
        assert_eq!(parts.len(), 3);
        assert_eq!(parts[0].len(), 75);
        assert_eq!(parts[1].len(), 75);
        assert_eq!(parts[2], " X");
    }

    #[test]
    fn a_mailto_address_cannot_break_out_of_its_value() {
        assert_eq!(address("li ming@x.cn\r\nX:1;a"), "liming@x.cnX1a");
    }
}
