//! The workspace session: the customer access key this tab holds, and
//! whether this device remembers it. The shell provides it; the workspace,
//! the ticket history and the privacy page read it.
//!
//! The key lives in memory for the visit. It is written to `localStorage`
//! ([`STORAGE_KEY`]) only when the admin ticks "remember on this device",
//! and removed from there on "sign out". Nothing here sends it anywhere: it
//! only derives a sealed file's name and key in this browser.

use crate::i18n::local_storage;
use leptos::prelude::*;

/// Where a remembered access key is kept (only with the admin's consent).
pub const STORAGE_KEY: &str = "coremail-portal.workspace-key";

/// The canonical access key of the open workspace, if any.
#[derive(Clone, Copy)]
pub struct Session(RwSignal<Option<String>>);

impl Session {
    /// The key, tracked.
    pub fn key(self) -> Option<String> {
        self.0.get()
    }

    pub fn key_untracked(self) -> Option<String> {
        self.0.get_untracked()
    }

    /// Opens the session with a canonical key; `remember` also keeps it on
    /// this device. Returns `false` when the device could not remember it
    /// (storage unavailable or full): the session still holds it.
    pub fn sign_in(self, key: String, remember: bool) -> bool {
        let remembered = if remember {
            local_storage().is_some_and(|s| s.set_item(STORAGE_KEY, &key).is_ok())
        } else {
            forget_on_device();
            true
        };
        self.0.set(Some(key));
        remembered
    }

    /// Closes the session and forgets the key on this device.
    pub fn sign_out(self) {
        forget_on_device();
        self.0.set(None);
    }
}

/// Whether this device remembers an access key.
pub fn remembered_on_device() -> bool {
    local_storage().is_some_and(|s| s.get_item(STORAGE_KEY).ok().flatten().is_some())
}

fn forget_on_device() {
    if let Some(s) = local_storage() {
        let _ = s.remove_item(STORAGE_KEY);
    }
}

/// Puts the session in context, opened with the remembered key if there is
/// one (the app shell, once).
pub fn provide_session() {
    let remembered = local_storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
    provide_context(Session(RwSignal::new(remembered)));
}

/// The session (an empty one outside the app shell).
pub fn use_session() -> Session {
    use_context::<Session>().unwrap_or_else(|| Session(RwSignal::new(None)))
}
