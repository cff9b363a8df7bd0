//! The inbox's workspace half, behind a split point of its own
//! (`reminders_workspace`), loaded only when the session holds a key: it
//! opens the workspace, fetches the catalogue (products, patches) and
//! makes the reminders only a workspace has (`workspace_reminders`:
//! patches, versions, expiries, tickets). The public inbox (courses,
//! terms, refused submissions) never downloads it, nor the workspace's
//! deserializer.

use super::device;
use crate::api::{fetch_json, ApiError};
use crate::components::load_workspace;
use crate::time::now_beijing;
use portal_core::files;
use portal_core::model::{Patch, Product, TicketStatus};
use portal_core::reminders::{ticket_states, workspace_reminders, Inputs, Reminder};
use portal_core::settings::NotificationSettings;

/// What the page keeps of an open workspace.
pub struct Private {
    /// The workspace's id: the last visit's ticket states are kept per id.
    pub id: String,
    /// Its tickets' states now, for the states to remember (`next_seen_of`).
    pub tickets: Vec<(String, TicketStatus)>,
    /// The ticket states of the last visit, as the page started.
    pub seen: Option<Vec<(String, TicketStatus)>>,
    /// Its reminders, not yet filtered by the settings nor ordered
    /// (`portal_core::reminders::finish` does both, with the public ones).
    pub reminders: Vec<Reminder>,
}

/// Opens the workspace of `key` and, with `catalogue`, makes its
/// reminders; `Ok(None)` when it does not open (the inbox shows the public
/// reminders and says so), `Err` when the catalogue cannot be read (the
/// error panel, with retry). Without `catalogue` (the settings page, which
/// only needs the id to name the sender) nothing else is fetched and the
/// lists are empty.
///
/// The settings page opens the workspace through here rather than with
/// `sealed::open_workspace` and an id-only deserializer: that gave
/// `sealed::open` a caller of its own, and the splitter's chunk merging
/// then put it (and more) into chunks the outbox's sending code loads
/// (/outbox +8 KB).
#[cfg_attr(feature = "split", leptos::lazy)]
pub async fn reminders_workspace(
    key: String,
    catalogue: bool,
) -> Result<Option<Private>, ApiError> {
    let fetch = async {
        if !catalogue {
            return (Ok(Vec::new()), Ok(Vec::new()));
        }
        futures::future::join(
            fetch_json::<Vec<Product>>(files::PRODUCTS),
            fetch_json::<Vec<Patch>>(files::PATCHES),
        )
        .await
    };
    let (opened, (products, patches)) = futures::future::join(load_workspace(&key), fetch).await;
    let (products, patches) = (products?, patches?);
    let Ok(ws) = opened else {
        return Ok(None);
    };
    if !catalogue {
        return Ok(Some(Private {
            id: ws.id,
            tickets: Vec::new(),
            seen: None,
            reminders: Vec::new(),
        }));
    }
    let seen = device::seen_tickets(&ws.id);
    let settings = NotificationSettings::default();
    let reminders = workspace_reminders(
        &Inputs {
            now: now_beijing(),
            products: &products,
            patches: &patches,
            courses: &[],
            terms: None,
            calendar: None,
            workspace: Some(&ws),
            outbox: &[],
            seen_tickets: seen.as_deref(),
            settings: &settings,
        },
        &ws,
    );
    Ok(Some(Private {
        tickets: ticket_states(&ws),
        id: ws.id,
        seen,
        reminders,
    }))
}
