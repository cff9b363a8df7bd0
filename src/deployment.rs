//! The deployment a visitor picked in the patch catalogue (the installed
//! product versions it filters by), remembered on this device, and the
//! count of patches that apply to it, which the navigation shows.
//!
//! Both live in `localStorage`. The count is written by the catalogue each
//! time it works out what applies, so the header shows it without loading
//! the catalogue's data or code: the home page's first download does not
//! pay for it. It can be as old as the last visit to the catalogue.

use crate::i18n::local_storage;
use leptos::prelude::*;

/// The unread reminders at the reminders centre's last look, which the
/// centre writes and the header shows, as the patch count is.
pub const UNREAD_KEY: &str = "coremail-portal.reminders-unread";
/// What the reminders centre keeps (`pages/reminders/device.rs`), named
/// here so the privacy page can say what each key is without importing
/// from another section.
pub const READ_KEY: &str = "coremail-portal.reminders-read";
pub const NOTIFIED_KEY: &str = "coremail-portal.reminders-notified";
/// Followed by the workspace id.
pub const SEEN_KEY: &str = "coremail-portal.reminders-seen.";
pub const SETTINGS_KEY: &str = "coremail-portal.notification-settings";

/// The picked `(product, version)` pairs, as a JSON array of pairs.
pub const STORAGE_KEY: &str = "coremail-portal.deployment";
/// How many patches applied at the catalogue's last look.
pub const COUNT_KEY: &str = "coremail-portal.patches";

/// The navigation's count, shared by the header and the catalogue: the
/// number as text, as stored (a signal type the shell has anyway, so the
/// count adds almost nothing to the code every page loads).
#[derive(Clone, Copy)]
pub struct PatchCount(pub RwSignal<Option<String>>);

/// The header's unread-reminders count: the same shape as [`PatchCount`]
/// (one more value of a type the shell has), `None` when nothing is unread.
#[derive(Clone, Copy)]
pub struct UnreadCount(pub RwSignal<Option<String>>);

/// Provides the count, as the device last stored it, and returns it.
pub fn provide_patch_count() -> PatchCount {
    let count = PatchCount(RwSignal::new(stored(COUNT_KEY)));
    provide_context(count);
    count
}

/// Provides the unread-reminders count, as the device last stored it.
pub fn provide_unread_count() -> UnreadCount {
    let count = UnreadCount(RwSignal::new(stored(UNREAD_KEY).filter(|n| n != "0")));
    provide_context(count);
    count
}

fn stored(key: &str) -> Option<String> {
    local_storage()
        .and_then(|s| s.get_item(key).ok().flatten())
        .filter(|n| n.parse::<usize>().is_ok())
}

impl PatchCount {
    /// Sets the count and keeps it (`None`: no deployment, no count).
    pub fn set(self, count: Option<usize>) {
        let count = count.map(|n| n.to_string());
        if self.0.get_untracked() == count {
            return;
        }
        if let Some(s) = local_storage() {
            let _ = match &count {
                Some(n) => s.set_item(COUNT_KEY, n),
                None => s.remove_item(COUNT_KEY),
            };
        }
        self.0.set(count);
    }
}

/// The deployment this device remembers; nothing when none was picked or
/// what is stored no longer reads.
pub fn load() -> Vec<(String, String)> {
    local_storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Remembers the deployment (forgets it when empty). `false` when the
/// browser would not keep it: the page still uses it for this visit.
pub fn save(deployment: &[(String, String)]) -> bool {
    let Some(s) = local_storage() else {
        return false;
    };
    if deployment.is_empty() {
        return s.remove_item(STORAGE_KEY).is_ok();
    }
    serde_json::to_string(deployment).is_ok_and(|text| s.set_item(STORAGE_KEY, &text).is_ok())
}
