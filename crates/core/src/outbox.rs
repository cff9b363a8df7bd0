//! The outbox's rules: what state a queued write is in, what an answer from
//! the submission endpoint means, and when to try again. The app keeps the
//! items in IndexedDB and does the sending; every decision is made here, so
//! it is tested natively.
//!
//! States (docs/api.md, "Submissions"):
//! - **queued**: on the device, waiting for its next attempt;
//! - **sent**: handed over and not yet answered: a POST in flight (if the
//!   page dies then, the next start sends it again, and the id makes that
//!   harmless), or a draft the user mailed, which no one can confirm;
//! - **accepted**: the endpoint answered 2xx; kept until the published data
//!   carries it (a ticket reply), or for the user's record;
//! - **refused**: the endpoint answered a final 4xx, with its reason. Nothing
//!   is sent again by itself; the user can edit and send a new one.
//!
//! Network failures, 408, 425, 429 and 5xx are not answers: the item goes
//! back to queued with a back-off ([`backoff_ms`]). After
//! [`OFFER_MAIL_AFTER`] failed attempts, or when there is no endpoint, the
//! page offers the e-mail draft as well; the item still retries.

use crate::submission::{Problem, Refusal};
use serde::{Deserialize, Serialize};

/// Failed attempts after which sending by e-mail is offered.
pub const OFFER_MAIL_AFTER: u32 = 3;
/// The first retry waits this long (ms); each next one three times longer.
pub const FIRST_RETRY_MS: f64 = 5_000.0;
/// No retry waits longer than this (ms): 15 minutes.
pub const MAX_RETRY_MS: f64 = 15.0 * 60_000.0;
/// A `sent` item with no answer after this long (ms) was lost with its page.
pub const SENT_TIMEOUT_MS: f64 = 60_000.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    Queued,
    Sent,
    Accepted,
    Refused,
}

crate::model::named!(State {
    Queued => "queued",
    Sent => "sent",
    Accepted => "accepted",
    Refused => "refused",
});

/// How an item left (or is leaving) the device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Route {
    /// POST to the submission endpoint.
    Endpoint,
    /// A mail draft the user sent from their own mail client.
    Mail,
}

/// One outbox item, as the app stores it (IndexedDB, keyed by `id`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// The submission's id (also its `Idempotency-Key`).
    pub id: String,
    /// The submission's `request.kind`.
    pub kind: String,
    /// What the list shows: a title, or the start of a reply.
    pub summary: String,
    /// The ticket a reply belongs to, so the ticket page finds its replies.
    #[serde(default)]
    pub ticket: Option<String>,
    /// The submission's JSON, exactly as it is POSTed.
    pub body: String,
    pub state: State,
    #[serde(default)]
    pub route: Option<Route>,
    /// Failed attempts so far.
    pub attempts: u32,
    /// When it may be tried again (ms since the epoch).
    pub next_attempt_at: f64,
    pub created_at: f64,
    pub updated_at: f64,
    /// The last failure, for the user ("网络不可用", "HTTP 502").
    #[serde(default)]
    pub last_error: Option<String>,
    /// Why the receiver refused it.
    #[serde(default)]
    pub refusal: Option<Refusal>,
}

impl Item {
    /// A new queued item, due at once.
    pub fn new(
        id: String,
        kind: &str,
        summary: String,
        ticket: Option<String>,
        body: String,
        now: f64,
    ) -> Self {
        Item {
            id,
            kind: kind.to_owned(),
            summary,
            ticket,
            body,
            state: State::Queued,
            route: None,
            attempts: 0,
            next_attempt_at: now,
            created_at: now,
            updated_at: now,
            last_error: None,
            refusal: None,
        }
    }

    /// Still the device's to deliver: queued, or sent and unanswered.
    pub fn is_pending(&self) -> bool {
        matches!(self.state, State::Queued | State::Sent)
    }

    /// Whether the sender should POST it now: queued and due, or sent by
    /// POST so long ago that its page must have died on the way.
    pub fn is_due(&self, now: f64) -> bool {
        match self.state {
            State::Queued => self.next_attempt_at <= now,
            State::Sent => {
                self.route == Some(Route::Endpoint) && now - self.updated_at >= SENT_TIMEOUT_MS
            }
            State::Accepted | State::Refused => false,
        }
    }

    /// When the app starts: a POST left unanswered when its page closed is
    /// queued again, due now (the id makes a second arrival harmless).
    /// Returns whether the item changed (and must be stored).
    pub fn recover(&mut self, now: f64) -> bool {
        if self.state == State::Sent && self.route == Some(Route::Endpoint) {
            self.state = State::Queued;
            self.next_attempt_at = now;
            self.updated_at = now;
            true
        } else {
            false
        }
    }

    /// Whether the page offers the e-mail draft.
    pub fn offers_mail(&self, has_endpoint: bool) -> bool {
        self.is_pending() && (!has_endpoint || self.attempts >= OFFER_MAIL_AFTER)
    }

    /// Marks it handed to the endpoint, just before the POST.
    pub fn sending(&mut self, now: f64) {
        self.state = State::Sent;
        self.route = Some(Route::Endpoint);
        self.updated_at = now;
    }

    /// Marks it mailed by the user: nothing more is posted, since the mail
    /// may arrive too (the id would make a second copy harmless, but a
    /// person reads mail).
    pub fn mailed(&mut self, now: f64) {
        self.state = State::Sent;
        self.route = Some(Route::Mail);
        self.updated_at = now;
    }

    /// Applies what came back from a POST.
    pub fn answered(&mut self, answer: Answer, now: f64) {
        self.updated_at = now;
        match answer {
            Answer::Accepted => {
                self.state = State::Accepted;
                self.last_error = None;
            }
            Answer::Refused(refusal) => {
                self.state = State::Refused;
                self.refusal = Some(refusal);
            }
            Answer::Retry { error, after_ms } => {
                self.state = State::Queued;
                self.attempts += 1;
                let wait = after_ms.unwrap_or_else(|| backoff_ms(self.attempts));
                self.next_attempt_at = now + wait.clamp(1_000.0, MAX_RETRY_MS);
                self.last_error = Some(error);
            }
        }
    }
}

/// What a POST's outcome means for the item.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Accepted,
    Refused(Refusal),
    /// Not an answer: try again, after the server's `Retry-After` if it gave one.
    Retry {
        error: String,
        after_ms: Option<f64>,
    },
}

/// The wait before attempt `attempts + 1` after `attempts` failures:
/// 5 s, 15 s, 45 s, … up to 15 minutes.
pub fn backoff_ms(attempts: u32) -> f64 {
    let n = attempts.saturating_sub(1).min(12) as i32;
    (FIRST_RETRY_MS * 3f64.powi(n)).min(MAX_RETRY_MS)
}

/// What an HTTP answer means: any 2xx is accepted; 408, 425, 429 and 5xx
/// are tried again (after `Retry-After` seconds, if given); any other status
/// is a refusal, with the receiver's reason when its body is a [`Refusal`].
pub fn classify(status: u16, retry_after: Option<&str>, body: &str) -> Answer {
    match status {
        200..=299 => Answer::Accepted,
        408 | 425 | 429 | 500..=599 => Answer::Retry {
            error: format!("HTTP {status}"),
            after_ms: retry_after
                .and_then(|s| s.trim().parse::<u32>().ok())
                .map(|s| f64::from(s) * 1000.0),
        },
        _ => Answer::Refused(
            serde_json::from_str::<Refusal>(body).unwrap_or_else(|_| Refusal {
                message: format!("HTTP {status}"),
                problems: Vec::new(),
            }),
        ),
    }
}

/// A failure before any answer (offline, DNS, connection refused).
pub fn network_failure(detail: &str) -> Answer {
    Answer::Retry {
        error: detail.to_owned(),
        after_ms: None,
    }
}

/// The items the list shows, newest first; pending ones before the rest.
pub fn ordered(mut items: Vec<Item>) -> Vec<Item> {
    items.sort_by(|a, b| {
        b.is_pending()
            .cmp(&a.is_pending())
            .then(b.created_at.total_cmp(&a.created_at))
    });
    items
}

/// How many items the badge counts: those still the device's to deliver,
/// and refusals the user has not dealt with.
pub fn badge_count(items: &[Item]) -> usize {
    items
        .iter()
        .filter(|i| i.is_pending() || i.state == State::Refused)
        .count()
}

/// The problems of a refusal, or one for the whole item.
pub fn refusal_problems(item: &Item) -> &[Problem] {
    item.refusal.as_ref().map_or(&[], |r| r.problems.as_slice())
}

/// A ticket's replies from the outbox that the published ticket does not
/// carry yet (the ticket page shows them as pending), oldest first. A reply
/// is carried once the ticket has a customer event with the same text
/// (white space at the ends aside); refused replies stay listed, with their
/// reason, until the user removes them.
pub fn unpublished_replies<'a>(
    items: &'a [Item],
    ticket: &crate::model::Ticket,
) -> Vec<(&'a Item, String)> {
    use crate::keys::normalise_ticket_number;
    use crate::submission::{Request, Submission};
    let number = normalise_ticket_number(&ticket.number);
    let mut out: Vec<(&Item, String)> = items
        .iter()
        .filter(|i| {
            i.ticket
                .as_deref()
                .is_some_and(|t| normalise_ticket_number(t) == number)
        })
        .filter_map(|i| {
            let s: Submission = serde_json::from_str(&i.body).ok()?;
            match s.request {
                Request::TicketReply(r) => Some((i, r.text)),
                _ => None,
            }
        })
        .filter(|(_, text)| {
            !ticket
                .events
                .iter()
                .any(|e| e.by == crate::model::Actor::Customer && e.text.trim() == text.trim())
        })
        .collect();
    out.sort_by(|a, b| a.0.created_at.total_cmp(&b.0.created_at));
    out
}
