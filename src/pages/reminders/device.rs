//! What the reminders centre keeps on this device, in `localStorage` (small,
//! synchronous, read before the first render): the read marks, the ticket
//! states of the last visit (per workspace), which reminders already raised
//! a browser notification, and the notification settings. Each write says
//! whether the browser kept it; the page keeps working from memory when it
//! did not, and says so.

use crate::i18n::local_storage;
use portal_core::model::TicketStatus;
use portal_core::settings::{import, NotificationSettings};

use crate::deployment::{NOTIFIED_KEY, READ_KEY, SEEN_KEY, SETTINGS_KEY};
/// Marks kept at most (the newest): ids of long-gone reminders fall off.
const MAX_MARKS: usize = 2000;

fn get(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

fn set(key: &str, value: &str) -> bool {
    local_storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

fn ids(key: &str) -> Vec<String> {
    get(key)
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

fn save_ids(key: &str, ids: &[String]) -> bool {
    let from = ids.len().saturating_sub(MAX_MARKS);
    serde_json::to_string(&ids[from..]).is_ok_and(|t| set(key, &t))
}

pub fn read_marks() -> Vec<String> {
    ids(READ_KEY)
}

pub fn save_read_marks(marks: &[String]) -> bool {
    save_ids(READ_KEY, marks)
}

pub fn notified() -> Vec<String> {
    ids(NOTIFIED_KEY)
}

pub fn save_notified(marks: &[String]) -> bool {
    save_ids(NOTIFIED_KEY, marks)
}

/// The ticket states of the last visit to this workspace; `None` before
/// the first.
pub fn seen_tickets(workspace: &str) -> Option<Vec<(String, TicketStatus)>> {
    get(&format!("{SEEN_KEY}{workspace}")).and_then(|t| serde_json::from_str(&t).ok())
}

pub fn save_seen_tickets(workspace: &str, seen: &[(String, TicketStatus)]) -> bool {
    serde_json::to_string(seen).is_ok_and(|t| set(&format!("{SEEN_KEY}{workspace}"), &t))
}

/// The settings this device keeps; the defaults when none are kept or what
/// is kept no longer reads.
pub fn settings() -> NotificationSettings {
    get(SETTINGS_KEY)
        .and_then(|t| import(&t).ok())
        .unwrap_or_default()
}

pub fn save_settings(s: &NotificationSettings) -> bool {
    set(SETTINGS_KEY, &s.to_file())
}

/// Writes the header's unread count (`crate::deployment::UnreadCount`).
pub fn save_unread(n: usize) -> bool {
    set(crate::deployment::UNREAD_KEY, &n.to_string())
}
