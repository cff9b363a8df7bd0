//! The outbox on this device: every write the user makes (a new request, a
//! ticket reply, …) is stored in IndexedDB first and sent afterwards, so a
//! reload, a crash or a night offline loses nothing. The rules (states,
//! what an answer means, back-off) are `portal_core::outbox`; this module
//! stores, sends and keeps the list the pages and the header badge show.
//!
//! Sending: POST the submission's JSON to the endpoint `meta.json` names,
//! with `Idempotency-Key: <id>`. It runs when the app starts with something
//! waiting, when an item is queued, when the browser comes back online,
//! when the earliest retry falls due, and when the user asks ("retry now").
//! Two tabs may post the same item; the id makes the second copy harmless.
//!
//! Most visits never send anything, so the shell holds only the signals
//! and a count kept in `localStorage` ([`WAITING_KEY`]) for the header
//! badge; the storing and sending code ([`outbox_task`]) is a split point
//! of its own, fetched when there is something to do.
//!
//! It must never: drop an item it could not store (the form keeps what was
//! typed and says why), or send anything but the stored bytes.

use crate::i18n::{local_storage, Lang};
use crate::store::StoreError;
use leptos::prelude::*;
use portal_core::model::Product;
use portal_core::outbox::Item;
use portal_core::secret::Labels;
use portal_core::submission::{Problem, Request, Scope, Sender, Submission, SCHEMA};

/// `localStorage`: how many items the badge counts and how many items are
/// kept (`"1 3"`), so the shell knows at start, without opening IndexedDB,
/// whether there is anything to send or to show.
pub const WAITING_KEY: &str = "coremail-portal.outbox";

/// The outbox as the pages see it: one signal over [`OutboxState`] (one
/// signal type costs less in the shell's download than six).
#[derive(Clone, Copy)]
pub struct Outbox(RwSignal<OutboxState>);

#[derive(Debug, Clone, Default)]
struct OutboxState {
    items: Vec<Item>,
    /// Whether `items` has been read from the device this visit.
    loaded: bool,
    /// The badge count, from [`WAITING_KEY`] until `items` is loaded.
    waiting: usize,
    /// How many items are kept, likewise.
    kept: usize,
    /// Why the device's storage could not be read (shown by the outbox page).
    problem: Option<StoreError>,
    /// The submission endpoint as an absolute URL: `Some(None)` when the
    /// API names none (mail only), `None` until `meta.json` is read.
    endpoint: Option<Option<String>>,
    /// The support address mailed drafts go to, once `meta.json` is read.
    support: Option<String>,
}

/// What to do with the outbox.
pub enum Op {
    /// Read the items (once a visit), queue again a POST a closed page left
    /// unanswered, send what is due.
    Start,
    /// Read the items again (after "erase everything").
    Reload,
    /// Check, prove, store, then send a new submission.
    Submit(Box<Submit>),
    /// A sending round: what is due now.
    Send,
    /// Every queued item now, whatever its back-off ("retry now").
    SendNow,
    /// The user mailed the draft: sent, never posted again.
    MarkMailed(String),
    /// The user removes the item from the device.
    Discard(String),
}

/// A submission a form made, with what proves and describes it.
pub struct Submit {
    /// Its `sender.proof` is filled in here.
    pub submission: Submission,
    /// The canonical secret it is made under, and that secret's labels.
    pub secret: String,
    pub labels: Labels,
    /// What the outbox list shows.
    pub summary: String,
    /// The ticket a reply belongs to.
    pub ticket: Option<String>,
    /// products.json, when the form has it, to check product and version.
    pub catalogue: Option<Vec<Product>>,
    /// What the form found that the core's checks cannot see (a site's
    /// coordinates that do not read, a patch for another version): with
    /// any, nothing is stored and they come back with the checks' own, so
    /// the form shows every problem at once without linking the checks.
    pub form_problems: Vec<Problem>,
}

/// Why a submission was not queued; nothing was stored.
#[derive(Debug, Clone, PartialEq)]
pub enum SubmitError {
    /// What the form must correct (the receiver would refuse it).
    Problems(Vec<Problem>),
    Store(StoreError),
    /// No WebCrypto to make the proof (plain HTTP, an old browser).
    NoCredentials,
}

impl Outbox {
    /// Every item, tracked (empty until loaded: [`Op::Start`]).
    pub fn items(self) -> Vec<Item> {
        self.0.with(|s| s.items.clone())
    }

    pub fn is_loaded(self) -> bool {
        self.0.with(|s| s.loaded)
    }

    /// What the header badge counts (`portal_core::outbox::badge_count`).
    pub fn badge(self) -> usize {
        self.0.with(|s| s.waiting)
    }

    /// Whether the device keeps any item (a ticket page then shows its
    /// replies that the published ticket does not carry yet).
    pub fn has_items(self) -> bool {
        self.0.with(|s| s.kept > 0)
    }

    pub fn problem(self) -> Option<StoreError> {
        self.0.with(|s| s.problem.clone())
    }

    /// `Some(true)` with an endpoint, `Some(false)` without, `None` unknown yet.
    pub fn has_endpoint(self) -> Option<bool> {
        self.0.with(|s| s.endpoint.as_ref().map(Option::is_some))
    }

    pub fn support_email(self) -> String {
        self.0.with(|s| {
            s.support
                .clone()
                .unwrap_or_else(|| "support@coremail.cn".to_owned())
        })
    }

    /// Does `op`, loading the outbox's code first if this visit has not.
    pub async fn run(self, op: Op) -> Result<(), SubmitError> {
        outbox_task(self, op).await
    }

    /// [`Outbox::run`] in the background, for buttons and events; a
    /// storage failure shows on the outbox page (`problem`).
    pub fn spawn(self, op: Op) {
        leptos::task::spawn_local(async move {
            let _ = self.run(op).await;
        });
    }
}

/// Puts the outbox in context; with something waiting from an earlier
/// visit, loads it and sends what is due, and again whenever the browser
/// comes back online.
pub fn provide_outbox() {
    let counts = local_storage()
        .and_then(|s| s.get_item(WAITING_KEY).ok().flatten())
        .unwrap_or_default();
    let mut counts = counts.split(' ').map(|n| n.parse::<usize>().unwrap_or(0));
    let waiting = counts.next().unwrap_or(0);
    let kept = counts.next().unwrap_or(waiting);
    let outbox = Outbox(RwSignal::new(OutboxState {
        waiting,
        kept,
        ..OutboxState::default()
    }));
    provide_context(outbox);
    if waiting > 0 {
        outbox.spawn(Op::Start);
    }
    let handle = window_event_listener(leptos::ev::online, move |_| {
        if outbox.badge() > 0 {
            outbox.spawn(Op::Start);
        }
    });
    // The shell lives as long as the page; the listener with it.
    std::mem::forget(handle);
}

/// The outbox (an empty one outside the app shell).
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

/// A submission of `request`, sent now in `lang` by `sender_id` under
/// `scope`: a fresh id, the current time, and a placeholder proof that the
/// outbox replaces once the submission passes its checks (`Op::Submit`).
/// Every form that sends builds its submission here.
pub fn new_submission(lang: Lang, scope: Scope, sender_id: String, request: Request) -> Submission {
    Submission {
        schema: SCHEMA.to_owned(),
        // No generator: the empty id fails the checks, and the form says so.
        id: new_id().unwrap_or_default(),
        created_at: crate::time::now_beijing(),
        lang: lang.pick("zh", "en").to_owned(),
        sender: Sender {
            scope,
            id: sender_id,
            proof: "0".repeat(32),
        },
        request,
    }
}

/// The outbox's storing and sending, behind a split point of its own.
#[cfg_attr(feature = "split", leptos::lazy)]
async fn outbox_task(outbox: Outbox, op: Op) -> Result<(), SubmitError> {
    engine::run(outbox, op).await
}

mod engine {
    use super::{Op, Outbox, Submit, SubmitError, WAITING_KEY};
    use crate::api::{api_base, fetch_json};
    use crate::store::{self, now_ms, StoreError};
    use leptos::prelude::*;
    use portal_core::files;
    use portal_core::model::Meta;
    use portal_core::outbox::{classify, network_failure, Answer, Item, State};
    use portal_core::submission::check;
    use std::cell::Cell;
    use std::time::Duration;

    /// How long one POST may take before it counts as a network failure.
    const POST_TIME_LIMIT_MS: i32 = 30_000;

    thread_local! {
        static SENDING: Cell<bool> = const { Cell::new(false) };
        static AGAIN: Cell<bool> = const { Cell::new(false) };
    }

    pub async fn run(outbox: Outbox, op: Op) -> Result<(), SubmitError> {
        if !outbox.0.with_untracked(|s| s.loaded) || matches!(op, Op::Reload) {
            load(outbox).await;
        }
        match op {
            Op::Start | Op::Reload => {
                // A POST a closed page left unanswered: again, now.
                let now = now_ms();
                for mut item in items(outbox) {
                    if item.recover(now) && store::put_outbox_item(&item).await.is_ok() {
                        replace(outbox, item);
                    }
                }
                send(outbox);
            }
            Op::Send => send(outbox),
            Op::SendNow => {
                let now = now_ms();
                for mut item in items(outbox) {
                    if item.state == State::Queued && item.next_attempt_at > now {
                        item.next_attempt_at = now;
                        if store::put_outbox_item(&item).await.is_ok() {
                            replace(outbox, item);
                        }
                    }
                }
                send(outbox);
            }
            Op::Submit(submit) => return enqueue(outbox, *submit).await,
            Op::MarkMailed(id) => {
                change(outbox, &id, |item| item.mailed(now_ms()))
                    .await
                    .map_err(SubmitError::Store)?;
            }
            Op::Discard(id) => {
                store::remove_outbox_item(&id)
                    .await
                    .map_err(SubmitError::Store)?;
                outbox.0.update(|s| s.items.retain(|i| i.id != id));
                keep_count(outbox);
            }
        }
        Ok(())
    }

    fn items(outbox: Outbox) -> Vec<Item> {
        outbox.0.with_untracked(|s| s.items.clone())
    }

    async fn load(outbox: Outbox) {
        let read = store::outbox_items().await;
        outbox.0.update(|s| {
            match read {
                Ok(items) => {
                    s.items = items;
                    s.problem = None;
                }
                Err(e) => s.problem = Some(e),
            }
            s.loaded = true;
        });
        keep_count(outbox);
    }

    /// Writes the badge count where the next visit's shell finds it.
    fn keep_count(outbox: Outbox) {
        let (n, kept) = outbox
            .0
            .with_untracked(|s| (portal_core::outbox::badge_count(&s.items), s.items.len()));
        if outbox.0.with_untracked(|s| (s.waiting, s.kept)) != (n, kept) {
            outbox.0.update(|s| {
                s.waiting = n;
                s.kept = kept;
            });
        }
        if let Some(s) = crate::i18n::local_storage() {
            let _ = if kept == 0 {
                s.remove_item(WAITING_KEY)
            } else {
                s.set_item(WAITING_KEY, &format!("{n} {kept}"))
            };
        }
    }

    fn replace(outbox: Outbox, item: Item) {
        outbox.0.update(|s| {
            if let Some(slot) = s.items.iter_mut().find(|i| i.id == item.id) {
                *slot = item;
            } else {
                s.items.push(item);
            }
        });
        keep_count(outbox);
    }

    async fn change(outbox: Outbox, id: &str, f: impl FnOnce(&mut Item)) -> Result<(), StoreError> {
        let Some(mut item) = items(outbox).into_iter().find(|i| i.id == id) else {
            return Ok(());
        };
        f(&mut item);
        store::put_outbox_item(&item).await?;
        replace(outbox, item);
        Ok(())
    }

    /// Checks, proves, stores, then sends. `Err`: nothing was stored.
    async fn enqueue(outbox: Outbox, submit: Submit) -> Result<(), SubmitError> {
        let Submit {
            mut submission,
            secret,
            labels,
            summary,
            ticket,
            catalogue,
            form_problems,
        } = submit;
        let mut problems = check(&submission, catalogue.as_deref());
        problems.extend(form_problems);
        if !problems.is_empty() {
            return Err(SubmitError::Problems(problems));
        }
        submission.sender.proof = crate::sealed::proof(&secret, &labels)
            .await
            .map_err(|_| SubmitError::NoCredentials)?;
        let body = serde_json::to_string(&submission).map_err(|_| SubmitError::NoCredentials)?;
        let item = Item::new(
            submission.id.clone(),
            submission.request.kind(),
            summary,
            ticket,
            body,
            now_ms(),
        );
        store::put_outbox_item(&item)
            .await
            .map_err(SubmitError::Store)?;
        store::ask_persistence();
        replace(outbox, item);
        send(outbox);
        Ok(())
    }

    /// Starts a sending round unless one is running (which then runs once
    /// more, so nothing queued meanwhile waits for a timer).
    fn send(outbox: Outbox) {
        if SENDING.with(|s| s.replace(true)) {
            AGAIN.with(|a| a.set(true));
            return;
        }
        leptos::task::spawn_local(async move {
            loop {
                AGAIN.with(|a| a.set(false));
                round(outbox).await;
                if !AGAIN.with(Cell::get) {
                    break;
                }
            }
            SENDING.with(|s| s.set(false));
            schedule(outbox);
        });
    }

    /// One round: every due item, one after the other.
    async fn round(outbox: Outbox) {
        let endpoint = match outbox.0.with_untracked(|s| s.endpoint.clone()) {
            Some(e) => e,
            None => {
                let e = load_endpoint(outbox).await;
                outbox.0.update(|s| s.endpoint = Some(e.clone()));
                e
            }
        };
        let Some(endpoint) = endpoint else { return };
        if !web_sys::window().is_none_or(|w| w.navigator().on_line()) {
            return;
        }
        let now = now_ms();
        let due: Vec<Item> = items(outbox)
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
            replace(outbox, item.clone());
            let answer = post(&endpoint, &item).await;
            item.answered(answer, now_ms());
            let _ = store::put_outbox_item(&item).await;
            replace(outbox, item);
        }
    }

    /// A timer for the earliest retry (or for a POST that never answered).
    fn schedule(outbox: Outbox) {
        let next = outbox.0.with_untracked(|s| {
            s.items
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
            let wait = (next - now_ms()).max(500.0);
            set_timeout(move || send(outbox), Duration::from_millis(wait as u64));
        }
    }

    /// The endpoint `meta.json` names, made absolute against the API's base
    /// (`/intake/v1/submissions` or a full URL). `None`: no endpoint, or
    /// `meta.json` could not be read now (mail stays possible).
    async fn load_endpoint(outbox: Outbox) -> Option<String> {
        let meta = fetch_json::<Meta>(files::META).await.ok()?;
        outbox
            .0
            .update(|s| s.support = Some(meta.support_email.clone()));
        let endpoint = meta.submission_endpoint?;
        let page = web_sys::window()
            .and_then(|w| w.location().href().ok())
            .unwrap_or_default();
        let base = web_sys::Url::new_with_base(&api_base(), &page).ok()?;
        web_sys::Url::new_with_base(&endpoint, &base.href())
            .ok()
            .map(|u| u.href())
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
}
