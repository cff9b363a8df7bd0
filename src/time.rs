//! Showing instants the way PRODUCT.md asks: Beijing time first, and the
//! viewer's local time beside it when the browser is in another zone.

use chrono::{DateTime, Datelike, FixedOffset, TimeZone, Timelike, Utc};

pub use portal_core::calendar::beijing;

/// Now, in Beijing time.
pub fn now_beijing() -> DateTime<FixedOffset> {
    Utc::now().with_timezone(&beijing())
}

/// Now as the value of an `<input type="datetime-local">`: `2026-11-26T09:05`.
pub fn now_input_value() -> String {
    minutes(&now_beijing()).replacen(' ', "T", 1)
}

/// `09:00` for an instant on the same Beijing day as `now`, else `2026-11-27 09:00`.
pub fn format_short(t: &DateTime<FixedOffset>, now: &DateTime<FixedOffset>) -> String {
    let (t, now) = (t.with_timezone(&beijing()), now.with_timezone(&beijing()));
    let full = minutes(&t);
    if t.date_naive() == now.date_naive() {
        full[11..].to_owned()
    } else {
        full
    }
}

/// The browser's current UTC offset in seconds (east positive).
pub fn local_offset_seconds() -> i32 {
    // getTimezoneOffset is minutes *behind* UTC: -480 in Beijing.
    -(js_sys::Date::new_0().get_timezone_offset() as i32) * 60
}

pub fn format_beijing(t: &DateTime<FixedOffset>) -> String {
    minutes(&t.with_timezone(&beijing()))
}

/// `2026-11-26 09:00`; with an offset appended it is also a valid HTML
/// `datetime` value. Written out by hand: chrono's `format` machinery
/// costs about 10 KB of wasm for this one pattern.
fn minutes<Tz: TimeZone>(t: &DateTime<Tz>) -> String {
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute()
    )
}

/// The same instant in the viewer's zone, when that zone is not Beijing's.
pub fn format_local_if_different(t: &DateTime<FixedOffset>) -> Option<String> {
    let offset = local_offset_seconds();
    if offset == 8 * 3600 {
        return None;
    }
    let local = FixedOffset::east_opt(offset)?;
    let utc: DateTime<Utc> = t.with_timezone(&Utc);
    let shown = local.from_utc_datetime(&utc.naive_utc());
    let sign = if offset < 0 { '-' } else { '+' };
    let abs = offset.abs();
    Some(format!(
        "{} (UTC{sign}{:02}:{:02})",
        minutes(&shown),
        abs / 3600,
        abs % 3600 / 60
    ))
}

/// Milliseconds since the epoch (as IndexedDB records keep them) as Beijing
/// `YYYY-MM-DD HH:MM`.
pub fn format_ms(ms: f64) -> String {
    Utc.timestamp_millis_opt(ms as i64)
        .single()
        .map(|t| format_beijing(&t.fixed_offset()))
        .unwrap_or_default()
}

/// The browser's IANA time zone (`Intl.DateTimeFormat().resolvedOptions().timeZone`),
/// `None` when the browser does not say.
pub fn browser_zone() -> Option<String> {
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
    js_sys::Reflect::get(&format.resolved_options(), &"timeZone".into())
        .ok()?
        .as_string()
        .filter(|z| !z.is_empty())
}

/// Whether an IANA zone name is Beijing time: `Asia/Shanghai` and the names
/// the tz database links to it. (Hong Kong, Taipei or Singapore, also UTC+8
/// today, are other zones with other histories.)
pub fn is_beijing_zone(zone: &str) -> bool {
    matches!(
        zone,
        "Asia/Shanghai" | "Asia/Chongqing" | "Asia/Chungking" | "Asia/Harbin" | "PRC"
    )
}
