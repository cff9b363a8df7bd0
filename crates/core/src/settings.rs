//! 消息设置: which reminders a customer wants, how often and where, and
//! when the browser keeps quiet.
//!
//! For each [`NoticeType`] the admin chooses on/off, a [`Frequency`]
//! (immediately, a daily or a weekly digest) and the [`Channels`] (e-mail,
//! SMS, in-browser). E-mail and SMS are sent by Coremail's side, which
//! learns the settings from a `notification_settings` submission
//! (`crate::submission`); the portal itself only ever raises in-browser
//! notifications. A type switched off produces no reminder at all
//! (`crate::reminders`), so the inbox, the header count and every channel
//! agree.
//!
//! **Quiet hours** default to outside working time: the business calendar's
//! working days (weekends and public holidays off, 调休 days on) between
//! [`WORK_STARTS`] and [`WORK_ENDS`] Beijing time, the 5×8 hours of the
//! online support channel. An in-browser notification that falls due in
//! quiet hours waits for the next working time ([`release_at`]).
//!
//! **The file.** Settings are kept, exported and sent as one versioned JSON
//! document ([`FORMAT`]); [`import`] reads one back and says what is wrong
//! with a bad file in terms a page can put in the user's language.

use crate::calendar::{from_beijing, to_beijing, BusinessCalendar};
use chrono::{DateTime, Days, FixedOffset, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};

/// The `format` of the settings document this build reads and writes.
pub const FORMAT: &str = "coremail-portal/notification-settings/v1";
/// Working time starts at 09:00 Beijing (the 5×8 online channel).
pub const WORK_STARTS: (u32, u32) = (9, 0);
/// … and ends at 18:00.
pub const WORK_ENDS: (u32, u32) = (18, 0);

/// The kinds of notification the manual names: 关怀类 and 安全类.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeType {
    /// Ticket state changes (工单进展).
    TicketUpdates,
    /// 系统补丁: new patches for a deployed version.
    Patches,
    /// 版本升级: newer versions, and versions nearing end of support.
    Upgrades,
    /// 安全漏洞更新: CNVD/CVE advisories for a deployed version.
    Vulnerabilities,
    /// 重大安全事件: critical security advisories.
    SecurityEvents,
    /// 到期续费: the service period and licences nearing expiry.
    Renewals,
    /// 售前转售后: the service period has begun, after-sales takes over.
    Handover,
}

crate::model::named!(NoticeType {
    TicketUpdates => "ticket_updates",
    Patches => "patches",
    Upgrades => "upgrades",
    Vulnerabilities => "vulnerabilities",
    SecurityEvents => "security_events",
    Renewals => "renewals",
    Handover => "handover",
});

impl NoticeType {
    /// Every type, in the order the settings page lists them.
    pub const ALL: [NoticeType; 7] = [
        NoticeType::TicketUpdates,
        NoticeType::Patches,
        NoticeType::Upgrades,
        NoticeType::Vulnerabilities,
        NoticeType::SecurityEvents,
        NoticeType::Renewals,
        NoticeType::Handover,
    ];
}

/// How often a type's reminders reach the admin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    Immediate,
    /// One digest per Beijing day.
    Daily,
    /// One digest per ISO week (Monday to Sunday, Beijing time).
    Weekly,
}

crate::model::named!(Frequency {
    Immediate => "immediate",
    Daily => "daily",
    Weekly => "weekly",
});

impl Frequency {
    pub const ALL: [Frequency; 3] = [Frequency::Immediate, Frequency::Daily, Frequency::Weekly];
}

/// Where a type's reminders are delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Channels {
    pub email: bool,
    pub sms: bool,
    pub browser: bool,
}

/// One type's choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeSetting {
    pub enabled: bool,
    pub frequency: Frequency,
    pub channels: Channels,
}

/// The seven types, each named in the file (none may be missing: a file
/// that leaves one out is refused rather than silently defaulted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeSettings {
    pub ticket_updates: TypeSetting,
    pub patches: TypeSetting,
    pub upgrades: TypeSetting,
    pub vulnerabilities: TypeSetting,
    pub security_events: TypeSetting,
    pub renewals: TypeSetting,
    pub handover: TypeSetting,
}

/// When in-browser notifications wait.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case", deny_unknown_fields)]
pub enum QuietHours {
    /// Outside working time on the business calendar (the default).
    OutsideWorkingTime,
    /// Every day from `from` to `to` (`"HH:MM"`, Beijing time); `from`
    /// later than `to` spans midnight (`22:00` to `08:00`).
    Daily { from: String, to: String },
    /// Never quiet.
    Off,
}

/// Everything the settings page holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotificationSettings {
    /// Always [`FORMAT`].
    pub format: String,
    pub types: TypeSettings,
    pub quiet_hours: QuietHours,
}

const fn setting(frequency: Frequency, sms: bool) -> TypeSetting {
    TypeSetting {
        enabled: true,
        frequency,
        channels: Channels {
            email: true,
            sms,
            browser: true,
        },
    }
}

impl Default for NotificationSettings {
    /// Everything on, by e-mail and in the browser; security at once (major
    /// events by SMS too), patches as a daily digest and upgrades as a
    /// weekly one (neither is urgent when no security fix is in it); quiet
    /// outside working time.
    fn default() -> Self {
        NotificationSettings {
            format: FORMAT.to_owned(),
            types: TypeSettings {
                ticket_updates: setting(Frequency::Immediate, false),
                patches: setting(Frequency::Daily, false),
                upgrades: setting(Frequency::Weekly, false),
                vulnerabilities: setting(Frequency::Immediate, false),
                security_events: setting(Frequency::Immediate, true),
                renewals: setting(Frequency::Immediate, false),
                handover: setting(Frequency::Immediate, false),
            },
            quiet_hours: QuietHours::OutsideWorkingTime,
        }
    }
}

impl NotificationSettings {
    pub fn get(&self, t: NoticeType) -> &TypeSetting {
        let s = &self.types;
        match t {
            NoticeType::TicketUpdates => &s.ticket_updates,
            NoticeType::Patches => &s.patches,
            NoticeType::Upgrades => &s.upgrades,
            NoticeType::Vulnerabilities => &s.vulnerabilities,
            NoticeType::SecurityEvents => &s.security_events,
            NoticeType::Renewals => &s.renewals,
            NoticeType::Handover => &s.handover,
        }
    }

    pub fn get_mut(&mut self, t: NoticeType) -> &mut TypeSetting {
        let s = &mut self.types;
        match t {
            NoticeType::TicketUpdates => &mut s.ticket_updates,
            NoticeType::Patches => &mut s.patches,
            NoticeType::Upgrades => &mut s.upgrades,
            NoticeType::Vulnerabilities => &mut s.vulnerabilities,
            NoticeType::SecurityEvents => &mut s.security_events,
            NoticeType::Renewals => &mut s.renewals,
            NoticeType::Handover => &mut s.handover,
        }
    }

    /// Whether a type produces reminders at all.
    pub fn enabled(&self, t: NoticeType) -> bool {
        self.get(t).enabled
    }

    /// The settings as the file they are exported to: the same compact JSON
    /// the submission carries (a pretty printer would be more wasm).
    pub fn to_file(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Why a settings document was not accepted. The page words each case in
/// the user's language; `path` is the JSON path of the bad value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingsError {
    /// Not JSON at all (a picture, a truncated file).
    NotJson,
    /// JSON, but another document's or another version's `format`.
    WrongFormat { found: String },
    /// The right document with a missing, unknown or wrong value.
    BadValue { path: String, message: String },
}

impl std::fmt::Display for SettingsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SettingsError::NotJson => write!(f, "not a JSON file"),
            SettingsError::WrongFormat { found } => {
                write!(f, "format `{found}`; this portal reads `{FORMAT}`")
            }
            SettingsError::BadValue { path, message } => write!(f, "{path}: {message}"),
        }
    }
}

/// Reads an exported settings file. The `format` is checked first, so a
/// file from a later version is named as such rather than as a wrong field.
pub fn import(text: &str) -> Result<NotificationSettings, SettingsError> {
    /// Only the `format`: read first, so that a file of another version is
    /// named as such rather than by its first unknown field. (Not through
    /// `serde_json::Value`, whose parser would add to the wasm.)
    #[derive(Deserialize)]
    struct Format {
        #[serde(default)]
        format: Option<String>,
    }
    serde_json::from_str::<serde::de::IgnoredAny>(text).map_err(|_| SettingsError::NotJson)?;
    let found = serde_json::from_str::<Format>(text)
        .ok()
        .and_then(|f| f.format)
        .unwrap_or_default();
    if found != FORMAT {
        return Err(SettingsError::WrongFormat { found });
    }
    let settings: NotificationSettings =
        crate::parse_json("settings", text).map_err(|e| SettingsError::BadValue {
            path: e.path,
            message: e.message,
        })?;
    if let Some((path, message)) = problem(&settings) {
        return Err(SettingsError::BadValue {
            path: path.to_owned(),
            message: message.to_owned(),
        });
    }
    Ok(settings)
}

/// The first rule a well-formed document breaks, as (JSON path, message):
/// quiet hours that are not times, or that are empty. Shared by [`import`]
/// and the submission's check.
pub fn problem(s: &NotificationSettings) -> Option<(&'static str, &'static str)> {
    if let QuietHours::Daily { from, to } = &s.quiet_hours {
        if parse_hhmm(from).is_none() {
            return Some(("$.quiet_hours.from", "not a time like 22:00"));
        }
        if parse_hhmm(to).is_none() {
            return Some(("$.quiet_hours.to", "not a time like 08:00"));
        }
        if from == to {
            return Some(("$.quiet_hours.to", "the quiet hours start and end at once"));
        }
    }
    None
}

/// `HH:MM`, 00:00 to 23:59, written by hand (chrono's format parser costs
/// about 10 KB of wasm).
pub fn parse_hhmm(s: &str) -> Option<NaiveTime> {
    let b = s.as_bytes();
    if b.len() != 5 || b[2] != b':' || ![0, 1, 3, 4].iter().all(|&i| b[i].is_ascii_digit()) {
        return None;
    }
    let h = u32::from(b[0] - b'0') * 10 + u32::from(b[1] - b'0');
    let m = u32::from(b[3] - b'0') * 10 + u32::from(b[4] - b'0');
    NaiveTime::from_hms_opt(h, m, 0)
}

fn time(hm: (u32, u32)) -> NaiveTime {
    NaiveTime::from_hms_opt(hm.0, hm.1, 0).unwrap_or(NaiveTime::MIN)
}

/// The first instant at or after `at` that is not in quiet hours: when an
/// in-browser notification due at `at` may be shown.
///
/// Outside working time is judged on the business calendar; where the
/// calendar does not reach (a date past its coverage) the notification is
/// not held back: an unknown holiday must not swallow a reminder.
pub fn release_at(
    quiet: &QuietHours,
    calendar: &BusinessCalendar,
    at: DateTime<FixedOffset>,
) -> DateTime<FixedOffset> {
    let local = to_beijing(&at);
    match quiet {
        QuietHours::Off => at,
        QuietHours::Daily { from, to } => {
            let (Some(from), Some(to)) = (parse_hhmm(from), parse_hhmm(to)) else {
                return at;
            };
            let t = local.time().with_nanosecond(0).unwrap_or(local.time());
            let quiet_now = if from < to {
                t >= from && t < to
            } else {
                t >= from || t < to
            };
            if !quiet_now {
                return at;
            }
            // Quiet until `to`: today's, or tomorrow's when it is already past.
            let day = if t < to {
                local.date()
            } else {
                local.date() + Days::new(1)
            };
            from_beijing(day.and_time(to))
        }
        QuietHours::OutsideWorkingTime => {
            let (starts, ends) = (time(WORK_STARTS), time(WORK_ENDS));
            let date = local.date();
            let working = |d| calendar.is_working_day(d);
            match working(date) {
                Ok(true) if local.time() >= starts && local.time() < ends => return at,
                Ok(true) if local.time() < starts => return from_beijing(date.and_time(starts)),
                Err(_) => return at,
                _ => {}
            }
            let mut day = date;
            // Holiday runs are at most a few weeks long; a year bounds the
            // search on any data.
            for _ in 0..366 {
                day = day + Days::new(1);
                match working(day) {
                    Ok(true) => return from_beijing(day.and_time(starts)),
                    Ok(false) => {}
                    Err(_) => return at,
                }
            }
            at
        }
    }
}
