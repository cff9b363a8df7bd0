//! The outbox on this device: every write the user makes (a new request, a
//! ticket reply, …) is stored in IndexedDB first and sent afterwards, so a
//! reload, a crash or a night offline loses nothing. The rules (states,
//! what an answer means, back-off) are `portal_core::outbox`; this module
//! stores, sends and keeps the list the pages and the header badge show.
//!
//! Sending: POST the submission's JSON to the endpoint `meta.json` names,
//! with `Idempotency-Key: <id>`. It runs when the app starts, when an item
//! is queued, when the browser comes back online, when the earliest retry
//! falls due, and when the user asks ("retry now"). Two tabs may post the
//! same item; the id makes the second copy harmless.
//!
//! It must never: drop an item it could not store (the form keeps what was
//! typed and says why), or send anything but the stored bytes.

use crate::api::{api_base, fetch_json};
use crate::store::{self, now_ms, StoreError};
use leptos::prelude::*;
use portal_core::files;
use portal_core::model::Meta;
use portal_core::outbox::{classify, network_failure, Answer, Item, State};
use std::cell::Cell;
use std::time::Duration;

/// How long one POST may take before it counts as a network failure.
const POST_TIME_LIMIT_MS: i32 = 30_000;

/// The outbox as the pages see it.
#[derive(Clone, Copy)]
pub struct Outbox {
    items: RwSignal<Vec<Item>>,
    /// Why the device's storage could not be read (shown by the outbox page).
    problem: RwSignal<Option<StoreError>>,
    /// The submission endpoint as an absolute URL: `Some(None)` when the
    /// API names none (mail only), `None` until `meta.json` is read.
    endpoint: RwSignal<Option<Option<String>>>,
    /// The support address mailed drafts go to.
    support: RwSignal<String>,
}

thread_local! {
    static SENDING: Cell<bool> = const { Cell::new(false) };
    static AGAIN: Cell<bool> = const { Cell::new(false) };
}

impl Outbox {
    /// Every item, tracked.
    pub fn items(self) -> Vec<Item> {
        self.items.get()
    }

    /// What the header badge counts (`portal_core::outbox::badge_count`).
    pub fn badge(self) -> usize {
        self.items
            .with(|items| portal_core::outbox::badge_count(items))
    }

    pub fn problem(self) -> Option<StoreError> {
        self.problem.get()
    }

    /// `Some(true)` with an endpoint, `Some(false)` without, `None` unknown yet.
    pub fn has_endpoint(self) -> Option<bool> {
        self.endpoint.get().map(|e| e.is_some())
    }

    pub fn support_email(self) -> String {
        self.support.get()
    }

    /// Stores a new item, then starts sending. `Err` means nothing was
    /// stored: the form must keep what the user typed.
    pub async fn enqueue(self, item: Item) -> Result<(), StoreError> {
        store::put_outbox_item(&item).await?;
        store::ask_persistence();
        self.items.update(|items| {
            items.retain(|i| i.id != item.id);
            items.push(item);
        });
        self.send();
        Ok(())
    }

    /// Sends whatever is due now (and, with `all`, every queued item
    /// whatever its back-off: the user pressed "retry now").
    pub fn send_now(self) {
        let now = now_ms();
        let items = self.items.get_untracked();
        leptos::task::spawn_local(async move {
            for mut item in items
                .into_iter()
                .filter(|i| i.state == State::Queued && i.next_attempt_at > now)
            {
                item.next_attempt_at = now;
                let _ = store::put_outbox_item(&item).await;
            }
            self.reload().await;
            self.send();
        });
    }

    /// The user mailed the draft: it is sent, and never posted again.
    pub async fn mark_mailed(self, id: &str) -> Result<(), StoreError> {
        self.change(id, |item| item.mailed(now_ms())).await
    }

    /// Removes an item from the device (the user discards it).
    pub async fn discard(self, id: &str) -> Result<(), StoreError> {
        store::remove_outbox_item(id).await?;
        self.items.update(|items| items.retain(|i| i.id != id));
        Ok(())
    }

    async fn change(self, id: &str, f: impl FnOnce(&mut Item)) -> Result<(), StoreError> {
        let Some(mut item) = self.items.get_untracked().into_iter().find(|i| i.id == id) else {
            return Ok(());
        };
        f(&mut item);
        store::put_outbox_item(&item).await?;
        self.replace(item);
        Ok(())
    }

    fn replace(self, item: Item) {
        self.items.update(|items| {
            if let Some(slot) = items.iter_mut().find(|i| i.id == item.id) {
                *slot = item;
            } else {
                items.push(item);
            }
        });
    }

    /// Reads the items again from the device.
    pub async fn reload(self) {
        match store::outbox_items().await {
            Ok(items) => {
                self.items.set(items);
                self.problem.set(None);
            }
            Err(e) => self.problem.set(Some(e)),
        }
    }

    /// Starts a sending round unless one is running (which then runs once
    /// more, so nothing queued meanwhile waits for a timer).
    pub fn send(self) {
        if SENDING.with(|s| s.replace(true)) {
            AGAIN.with(|a| a.set(true));
            return;
        }
        leptos::task::spawn_local(async move {
            loop {
                AGAIN.with(|a| a.set(false));
                self.round().await;
                if !AGAIN.with(Cell::get) {
                    break;
                }
            }
            SENDING.with(|s| s.set(false));
            self.schedule();
        });
    }

    /// One round: every due item, one after the other.
    async fn round(self) {
        let endpoint = match self.endpoint.get_untracked() {
            Some(e) => e,
            None => {
                let e = load_endpoint(self).await;
                self.endpoint.set(Some(e.clone()));
                e
            }
        };
        let Some(endpoint) = endpoint else { return };
        if !online() {
            return;
        }
        let now = now_ms();
        let due: Vec<Item> = self
            .items
            .get_untracked()
            .into_iter()
            .filter(|i| i.is_due(now))
            .collect();
        for mut item in due {
            item.sending(now_ms());
            // Stored as sent before the POST: if the page dies on the way,
            // the next start sends it again (same id, so no double).
            if store::put_outbox_item(&item).await.is_err() {
                continue;
            }
            self.replace(item.clone());
            let answer = post(&endpoint, &item).await;
            item.answered(answer, now_ms());
            let _ = store::put_outbox_item(&item).await;
            self.replace(item);
        }
    }

    /// A timer for the earliest retry (or for a POST that never answered).
    fn schedule(self) {
        let now = now_ms();
        let next = self.items.with_untracked(|items| {
            items
                .iter()
                .filter_map(|i| match i.state {
                    State::Queued => Some(i.next_attempt_at),
                    State::Sent if i.route == Some(portal_core::outbox::Route::Endpoint) => {
                        Some(i.updated_at + portal_core::outbox::SENT_TIMEOUT_MS)
                    }
                    _ => None,
                })
                .fold(f64::INFINITY, f64::min)
        });
        if next.is_finite() {
            let wait = (next - now).max(500.0);
            set_timeout(move || self.send(), Duration::from_millis(wait as u64));
        }
    }
}

fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// The endpoint `meta.json` names, made absolute against the API's base
/// (`/intake/v1/submissions` or a full URL). `None`: no endpoint, or
/// `meta.json` could not be read now (mail stays possible).
async fn load_endpoint(outbox: Outbox) -> Option<String> {
    let meta = fetch_json::<Meta>(files::META).await.ok()?;
    outbox.support.set(meta.support_email.clone());
    let endpoint = meta.submission_endpoint?;
    let base = web_sys::Url::new_with_base(&api_base(), &page_url()).ok()?;
    web_sys::Url::new_with_base(&endpoint, &base.href())
        .ok()
        .map(|u| u.href())
}

fn page_url() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// POSTs one item's stored body; whatever happens becomes an [`Answer`].
async fn post(endpoint: &str, item: &Item) -> Answer {
    use futures::future::{select, Either};
    let request = gloo_net::http::Request::post(endpoint)
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", &item.id)
        .body(item.body.clone());
    let request = match request {
        Ok(r) => r,
        Err(e) => return network_failure(&e.to_string()),
    };
    let sent = Box::pin(request.send());
    match select(sent, Box::pin(store::sleep(POST_TIME_LIMIT_MS))).await {
        Either::Left((Ok(response), _)) => {
            let retry_after = response.headers().get("Retry-After");
            let body = response.text().await.unwrap_or_default();
            classify(response.status(), retry_after.as_deref(), &body)
        }
        Either::Left((Err(e), _)) => network_failure(&e.to_string()),
        Either::Right(_) => network_failure("timeout"),
    }
}

/// Puts the outbox in context and starts it: reads the items, sends what is
/// due, and sends again whenever the browser comes back online.
pub fn provide_outbox() {
    let outbox = Outbox {
        items: RwSignal::new(Vec::new()),
        problem: RwSignal::new(None),
        endpoint: RwSignal::new(None),
        support: RwSignal::new("support@coremail.cn".to_owned()),
    };
    provide_context(outbox);
    leptos::task::spawn_local(async move {
        outbox.reload().await;
        // POSTs this device left unanswered when a page closed: again, now.
        let now = now_ms();
        for mut item in outbox.items.get_untracked() {
            if item.recover(now) && store::put_outbox_item(&item).await.is_ok() {
                outbox.replace(item);
            }
        }
        if outbox
            .items
            .with_untracked(|i| i.iter().any(Item::is_pending))
        {
            outbox.send();
        }
    });
    let handle = window_event_listener(leptos::ev::online, move |_| outbox.send());
    // The shell lives as long as the page; the listener with it.
    std::mem::forget(handle);
}

/// The outbox (an empty, unsent one outside the app shell).
pub fn use_outbox() -> Outbox {
    use_context::<Outbox>().unwrap_or_else(|| {
        provide_outbox();
        expect_context::<Outbox>()
    })
}

/// A fresh submission id: a UUID v4 from the browser's generator.
pub fn new_id() -> Option<String> {
    Some(web_sys::window()?.crypto().ok()?.random_uuid())
}
