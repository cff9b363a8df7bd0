//! Submissions: what the portal sends to Coremail (a new service request, a
//! reply to a ticket, an engineer booking and its cancellation, a question
//! to the community, product feedback, and later licence requests and
//! settings). Wire format `coremail-portal/submission/v1`, described in
//! `docs/api.md` ("Submissions"), so that Coremail's ticketing system can
//! receive it; `portal intake` is the reference receiver.
//!
//! A submission is made on the device, kept in the outbox ([`crate::outbox`])
//! and then POSTed to the endpoint `meta.json` names, with its `id` as the
//! `Idempotency-Key`, or mailed to the support address as a draft whose
//! machine-readable block is [`mail_block`]. The same [`check`] runs in the
//! browser before anything is queued and in the receiver before anything is
//! accepted, so a form cannot queue what the receiver would refuse.
//!
//! The sender proves it holds the secret of what it writes about (the
//! customer access key, or the ticket's access code) with `sender.proof`,
//! an HKDF output under the secret's `proof` label (`crate::secret`): the
//! receiver, who has the private source, derives the same value; the secret
//! itself never leaves the browser.

use crate::model::{BookingKind, CloudFeature, Priority, Product};
use chrono::NaiveDate;
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The `schema` every submission carries.
pub const SCHEMA: &str = "coremail-portal/submission/v1";
/// The largest body a receiver must accept; `portal intake` refuses more.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// Characters (not bytes) allowed in a title.
pub const TITLE_MAX: usize = 120;
/// Characters allowed in a description or a reply.
pub const TEXT_MAX: usize = 10_000;
/// The lines around a submission in a mailed draft.
pub const MAIL_BEGIN: &str = "-----BEGIN COREMAIL PORTAL SUBMISSION-----";
pub const MAIL_END: &str = "-----END COREMAIL PORTAL SUBMISSION-----";

/// One submission, as POSTed and as kept in the outbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// Made on the device: a UUID v4 in lower case. It is also the
    /// `Idempotency-Key`: the same id sent twice is one submission.
    pub id: String,
    /// When the user pressed "send", by the device's clock (Beijing offset).
    pub created_at: DateTime<FixedOffset>,
    /// The language the user wrote in and wants answers in: `zh` or `en`.
    pub lang: String,
    pub sender: Sender,
    pub request: Request,
}

/// Who sends it, and the proof that they hold the secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sender {
    pub scope: Scope,
    /// The workspace id (`huanan`) or the ticket number (`CM2026-001414`).
    pub id: String,
    /// 32 lower-case hex digits: HKDF of the secret under its proof label.
    pub proof: String,
}

/// Which secret the proof is made with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// The customer access key (a workspace).
    Workspace,
    /// One ticket's access code.
    Ticket,
}

crate::model::named!(Scope { Workspace => "workspace", Ticket => "ticket" });

/// What is asked, by kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Request {
    /// 在线提交: a new service request through the online channel (manual §4).
    NewRequest(NewRequest),
    /// A reply to an open ticket.
    TicketReply(TicketReply),
    /// 工程师预约: an engineer booked for a slot, or a change of that booking.
    Booking(Booking),
    /// A booking called off.
    BookingCancel(BookingCancel),
    /// 消息设置: how the workspace's admin wants to be notified, so that
    /// Coremail's side applies it to e-mail and SMS (`crate::settings`).
    NotificationSettings(SettingsUpdate),
    /// 云产品授权管理: open, renew or revoke cloud features of accounts.
    LicenceRequest(LicenceRequest),
    /// 管理员社区: a question for Coremail's engineers, often asked after a
    /// knowledge-base search that found nothing.
    Question(Question),
    /// 产品建议与反馈: a suggestion or a defect report on a product.
    Feedback(Feedback),
}

impl Request {
    /// The `kind` as written in the JSON.
    pub fn kind(&self) -> &'static str {
        match self {
            Request::NewRequest(_) => "new_request",
            Request::TicketReply(_) => "ticket_reply",
            Request::Booking(_) => "booking",
            Request::BookingCancel(_) => "booking_cancel",
            Request::NotificationSettings(_) => "notification_settings",
            Request::LicenceRequest(_) => "licence_request",
            Request::Question(_) => "question",
            Request::Feedback(_) => "feedback",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewRequest {
    /// A `Product::id` and one of its versions (from the workspace).
    pub product: String,
    pub version: String,
    /// The severity the customer assesses; Coremail's specialist confirms it.
    pub priority: Priority,
    pub title: String,
    pub description: String,
    pub contact: Contact,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: String,
    pub email: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TicketReply {
    /// The ticket's number; must be the sender's (`sender.id`).
    pub ticket: String,
    pub text: String,
}

/// Characters allowed in a site's address.
pub const ADDRESS_MAX: usize = 200;
/// The most on-site person-days one booking may ask for.
pub const ONSITE_DAYS_MAX: u32 = 30;

/// An engineer booked for one slot (`crate::booking`). A change of the
/// booking (another slot, another engineer) is a new submission, with a
/// new `id`, the same `booking` and a higher `sequence`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Booking {
    /// The booking's own id, a UUID v4 made on the device when it is first
    /// booked; every change and the cancellation carry it. The `.ics`
    /// file's UID is made from it (`crate::ics`).
    pub booking: String,
    /// 0 when first booked, one more at each change: the `.ics` SEQUENCE.
    pub sequence: u32,
    /// Patch deployment, remote support or an on-site visit.
    #[serde(rename = "type")]
    pub booking_type: BookingKind,
    /// An `Engineer::id`.
    pub engineer: String,
    /// The slot, as offered (Beijing time).
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
    /// The installation the work is for: a `Product::id` and one of its versions.
    pub product: String,
    pub version: String,
    /// The `Patch::id` to deploy; required for a patch deployment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patch: Option<String>,
    /// Where the engineer goes; required for an on-site visit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<Site>,
    /// On-site person-days asked for (manual §13); required for an on-site visit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
    /// The admin agreed to remote access on the manual's terms (§6,
    /// 免责声明 4); must be `true` for remote support.
    #[serde(default)]
    pub remote_access_consent: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub contact: Contact,
}

/// The customer's site for an on-site visit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Site {
    /// A city of `crate::geo::CITIES`, when the admin picked one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Degrees (WGS 84): the city's centre, or what the admin typed.
    pub lat: f64,
    pub lon: f64,
    pub address: String,
}

/// A booking called off. It produces a cancelling `.ics` (`crate::ics`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookingCancel {
    /// The `Booking::booking` being called off.
    pub booking: String,
    /// The booking's last `sequence` plus one: at least 1.
    pub sequence: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The whole settings document (`crate::settings::FORMAT`), as exported:
/// each submission replaces the previous one, the latest `created_at` wins.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingsUpdate {
    pub settings: crate::settings::NotificationSettings,
}

/// The most account features one licence request may name.
pub const LICENCE_ITEMS_MAX: usize = 200;

/// 云产品授权管理 (manual, appendix 2): one action on the cloud features of
/// one account or of a selection. Coremail's licensing system carries it
/// out; the portal shows it as pending until the published workspace
/// reflects it (`crate::cloud::is_settled`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LicenceRequest {
    pub action: LicenceAction,
    /// The account features it applies to, each once.
    pub items: Vec<LicenceItem>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub contact: Contact,
}

/// What is asked for an account's feature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LicenceAction {
    /// 开通: open a feature never opened, revoked or suspended.
    Open,
    /// 续期: extend its term (one that is active or expired).
    Renew,
    /// 作废: revoke it.
    Revoke,
}

crate::model::named!(LicenceAction { Open => "open", Renew => "renew", Revoke => "revoke" });

/// One account feature of a [`LicenceRequest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LicenceItem {
    /// The mailbox (`AccountFeature::account`).
    pub account: String,
    pub feature: CloudFeature,
    /// The expiry the admin saw when asking: a renewal is done once the
    /// published expiry is later than this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<NaiveDate>,
}

/// A question to the 管理员社区. Coremail's engineers answer it by mail
/// and may publish it, without the asker's name, in `community.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// The question in one line (at most [`TITLE_MAX`] characters).
    pub title: String,
    /// What was tried, what happens (at most [`TEXT_MAX`]).
    pub details: String,
    /// The knowledge-base search that found nothing, when the question was
    /// asked from there (at most [`TITLE_MAX`]): it tells the knowledge
    /// base's editors what is missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kb_query: Option<String>,
    pub contact: Contact,
}

/// The most file names an attachment list may hold.
pub const ATTACHMENTS_MAX: usize = 10;
/// Characters allowed in one attachment's name.
pub const ATTACHMENT_NAME_MAX: usize = 100;

/// 产品建议与反馈: a suggestion or a defect report for one product version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Feedback {
    #[serde(rename = "type")]
    pub feedback_type: FeedbackKind,
    /// A `Product::id` and one of its versions (from the workspace).
    pub product: String,
    pub version: String,
    /// The suggestion or defect in one line (at most [`TITLE_MAX`]).
    pub title: String,
    pub description: String,
    /// The names of the files the user will send by mail (screenshots,
    /// logs): names only, never a path, at most [`ATTACHMENTS_MAX`] of at
    /// most [`ATTACHMENT_NAME_MAX`] characters each. Nothing is uploaded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<String>,
    pub contact: Contact,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedbackKind {
    /// 产品建议: something the product should do.
    Suggestion,
    /// 缺陷报告: something the product does wrong.
    Defect,
}

crate::model::named!(FeedbackKind { Suggestion => "suggestion", Defect => "defect" });

/// A file's name as the user types it in an attachment list: not empty,
/// at most [`ATTACHMENT_NAME_MAX`] characters, no control character, and
/// no path (`/`, `\\`, a drive's `:`, or a name of only dots), so the list says
/// what will be mailed and nothing about the sender's disk.
pub fn attachment_problem(name: &str) -> Option<ProblemCode> {
    if name.trim().is_empty() {
        Some(ProblemCode::Empty)
    } else if name.chars().count() > ATTACHMENT_NAME_MAX {
        Some(ProblemCode::TooLong)
    } else if name.chars().any(char::is_control) {
        Some(ProblemCode::ControlCharacters)
    } else if name.contains(['/', '\\', ':']) || name.trim().chars().all(|c| c == '.') {
        Some(ProblemCode::Malformed)
    } else {
        None
    }
}

/// Why a submission is refused: which field, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Problem {
    /// A JSON path: `$.request.title`.
    pub field: String,
    pub code: ProblemCode,
}

/// The kinds of problem, which a form turns into words in its language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemCode {
    /// Required and empty (or only white space).
    Empty,
    /// Longer than allowed.
    TooLong,
    /// Control characters other than line breaks and tabs.
    ControlCharacters,
    /// Not of the expected form (an id, an e-mail address, a date).
    Malformed,
    /// A product or version that is not in the catalogue.
    UnknownProduct,
    /// The proof does not match the secret the receiver holds.
    NotAuthorised,
    /// The id was accepted before with other content.
    DuplicateId,
    /// The body is larger than [`MAX_BODY_BYTES`].
    TooLarge,
    /// Not JSON of this schema at all.
    Unreadable,
}

crate::model::named!(ProblemCode {
    Empty => "empty",
    TooLong => "too_long",
    ControlCharacters => "control_characters",
    Malformed => "malformed",
    UnknownProduct => "unknown_product",
    NotAuthorised => "not_authorised",
    DuplicateId => "duplicate_id",
    TooLarge => "too_large",
    Unreadable => "unreadable",
});

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.code)
    }
}

impl Problem {
    pub fn new(field: &str, code: ProblemCode) -> Self {
        Problem {
            field: field.to_owned(),
            code,
        }
    }
}

/// A refusal as the receiver answers it (HTTP 4xx body) and the outbox keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Refusal {
    /// For people reading logs, in English.
    pub message: String,
    #[serde(default)]
    pub problems: Vec<Problem>,
}

/// True for a lower-case UUID v4: `xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx`.
pub fn is_submission_id(id: &str) -> bool {
    let b = id.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, &c)| match i {
            8 | 13 | 18 | 23 => c == b'-',
            _ => c.is_ascii_digit() || (b'a'..=b'f').contains(&c),
        })
        && b[14] == b'4'
        && matches!(b[19], b'8' | b'9' | b'a' | b'b')
}

/// A plausible e-mail address: one `@`, something before it, a dotted
/// domain after it, no spaces. (Whether it exists only a mail can tell.)
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && local.len() <= 64
        && domain.len() <= 253
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

fn text_problem(field: &str, text: &str, max: usize, out: &mut Vec<Problem>) {
    if text.trim().is_empty() {
        out.push(Problem::new(field, ProblemCode::Empty));
    } else if text.chars().count() > max {
        out.push(Problem::new(field, ProblemCode::TooLong));
    } else if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
    {
        out.push(Problem::new(field, ProblemCode::ControlCharacters));
    }
}

/// Every problem of a submission; empty means it may be sent (and must be
/// accepted). `catalogue` (products.json) checks product and version when
/// the checker has it; the proof is the receiver's to check.
pub fn check(s: &Submission, catalogue: Option<&[Product]>) -> Vec<Problem> {
    let mut out = Vec::new();
    if s.schema != SCHEMA {
        out.push(Problem::new("$.schema", ProblemCode::Malformed));
    }
    if !is_submission_id(&s.id) {
        out.push(Problem::new("$.id", ProblemCode::Malformed));
    }
    if s.lang != "zh" && s.lang != "en" {
        out.push(Problem::new("$.lang", ProblemCode::Malformed));
    }
    let proof_ok = s.sender.proof.len() == 2 * crate::secret::PROOF_LEN
        && s.sender
            .proof
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if !proof_ok {
        out.push(Problem::new("$.sender.proof", ProblemCode::Malformed));
    }
    let id_ok = match s.sender.scope {
        Scope::Workspace => is_slug(&s.sender.id),
        Scope::Ticket => crate::keys::is_ticket_number(&s.sender.id),
    };
    if !id_ok {
        out.push(Problem::new("$.sender.id", ProblemCode::Malformed));
    }
    match &s.request {
        Request::NewRequest(r) => {
            if s.sender.scope != Scope::Workspace {
                out.push(Problem::new("$.sender.scope", ProblemCode::NotAuthorised));
            }
            product_problem(&r.product, &r.version, catalogue, &mut out);
            text_problem("$.request.title", &r.title, TITLE_MAX, &mut out);
            text_problem("$.request.description", &r.description, TEXT_MAX, &mut out);
            contact_problems(&r.contact, &mut out);
        }
        Request::Booking(b) => {
            if s.sender.scope != Scope::Workspace {
                out.push(Problem::new("$.sender.scope", ProblemCode::NotAuthorised));
            }
            booking_problems(b, catalogue, &mut out);
        }
        Request::BookingCancel(c) => {
            if s.sender.scope != Scope::Workspace {
                out.push(Problem::new("$.sender.scope", ProblemCode::NotAuthorised));
            }
            if !is_submission_id(&c.booking) {
                out.push(Problem::new("$.request.booking", ProblemCode::Malformed));
            }
            if c.sequence == 0 {
                // A cancellation follows a booking, whose sequence it raises.
                out.push(Problem::new("$.request.sequence", ProblemCode::Malformed));
            }
            if let Some(reason) = &c.reason {
                optional_text_problem("$.request.reason", reason, TEXT_MAX, &mut out);
            }
        }
        Request::NotificationSettings(u) => {
            if s.sender.scope != Scope::Workspace {
                out.push(Problem::new("$.sender.scope", ProblemCode::NotAuthorised));
            }
            settings_problems(&u.settings, &mut out);
        }
        Request::LicenceRequest(r) => {
            if s.sender.scope != Scope::Workspace {
                out.push(Problem::new("$.sender.scope", ProblemCode::NotAuthorised));
            }
            licence_problems(r, &mut out);
        }
        Request::Question(q) => {
            if s.sender.scope != Scope::Workspace {
                out.push(Problem::new("$.sender.scope", ProblemCode::NotAuthorised));
            }
            text_problem("$.request.title", &q.title, TITLE_MAX, &mut out);
            text_problem("$.request.details", &q.details, TEXT_MAX, &mut out);
            if let Some(k) = &q.kb_query {
                optional_text_problem("$.request.kb_query", k, TITLE_MAX, &mut out);
            }
            contact_problems(&q.contact, &mut out);
        }
        Request::Feedback(f) => {
            if s.sender.scope != Scope::Workspace {
                out.push(Problem::new("$.sender.scope", ProblemCode::NotAuthorised));
            }
            product_problem(&f.product, &f.version, catalogue, &mut out);
            text_problem("$.request.title", &f.title, TITLE_MAX, &mut out);
            text_problem("$.request.description", &f.description, TEXT_MAX, &mut out);
            if f.attachments.len() > ATTACHMENTS_MAX {
                out.push(Problem::new("$.request.attachments", ProblemCode::TooLong));
            }
            for (i, name) in f.attachments.iter().enumerate() {
                if let Some(code) = attachment_problem(name) {
                    out.push(Problem::new(&format!("$.request.attachments[{i}]"), code));
                }
            }
            contact_problems(&f.contact, &mut out);
        }
        Request::TicketReply(r) => {
            let same = crate::keys::normalise_ticket_number(&r.ticket)
                == crate::keys::normalise_ticket_number(&s.sender.id);
            if s.sender.scope != Scope::Ticket || !same {
                out.push(Problem::new("$.request.ticket", ProblemCode::NotAuthorised));
            }
            text_problem("$.request.text", &r.text, TEXT_MAX, &mut out);
        }
    }
    out
}

/// A product and version: in the catalogue when the checker has it, else
/// at least given.
fn product_problem(
    product: &str,
    version: &str,
    catalogue: Option<&[Product]>,
    out: &mut Vec<Problem>,
) {
    match catalogue {
        Some(products) => {
            let known = products
                .iter()
                .any(|p| p.id == product && p.versions.iter().any(|v| v.version == version));
            if !known {
                out.push(Problem::new(
                    "$.request.version",
                    ProblemCode::UnknownProduct,
                ));
            }
        }
        None if product.trim().is_empty() || version.trim().is_empty() => {
            out.push(Problem::new("$.request.version", ProblemCode::Empty));
        }
        None => {}
    }
}

fn contact_problems(contact: &Contact, out: &mut Vec<Problem>) {
    text_problem("$.request.contact.name", &contact.name, 60, out);
    if contact.email.trim().is_empty() {
        out.push(Problem::new("$.request.contact.email", ProblemCode::Empty));
    } else if !is_email(&contact.email) {
        out.push(Problem::new(
            "$.request.contact.email",
            ProblemCode::Malformed,
        ));
    }
    if let Some(phone) = &contact.phone {
        let ok = (5..=20).contains(&phone.chars().count())
            && phone
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | ' ' | '(' | ')'));
        if !ok {
            out.push(Problem::new(
                "$.request.contact.phone",
                ProblemCode::Malformed,
            ));
        }
    }
}

/// A text that may be left empty: only its length and characters.
fn optional_text_problem(field: &str, text: &str, max: usize, out: &mut Vec<Problem>) {
    if !text.trim().is_empty() {
        text_problem(field, text, max, out);
    }
}

fn booking_problems(b: &Booking, catalogue: Option<&[Product]>, out: &mut Vec<Problem>) {
    if !is_submission_id(&b.booking) {
        out.push(Problem::new("$.request.booking", ProblemCode::Malformed));
    }
    if b.engineer.trim().is_empty() {
        out.push(Problem::new("$.request.engineer", ProblemCode::Empty));
    } else if !is_slug(&b.engineer) {
        out.push(Problem::new("$.request.engineer", ProblemCode::Malformed));
    }
    if b.end <= b.start {
        out.push(Problem::new("$.request.end", ProblemCode::Malformed));
    }
    product_problem(&b.product, &b.version, catalogue, out);
    match &b.patch {
        None if b.booking_type == BookingKind::PatchDeployment => {
            out.push(Problem::new("$.request.patch", ProblemCode::Empty));
        }
        Some(p) if p.trim().is_empty() => {
            out.push(Problem::new("$.request.patch", ProblemCode::Empty));
        }
        Some(p) if !is_slug(p) => {
            out.push(Problem::new("$.request.patch", ProblemCode::Malformed));
        }
        _ => {}
    }
    if b.booking_type == BookingKind::Onsite {
        match &b.site {
            None => out.push(Problem::new("$.request.site", ProblemCode::Empty)),
            Some(site) => {
                if !(-90.0..=90.0).contains(&site.lat) {
                    out.push(Problem::new("$.request.site.lat", ProblemCode::Malformed));
                }
                if !(-180.0..=180.0).contains(&site.lon) {
                    out.push(Problem::new("$.request.site.lon", ProblemCode::Malformed));
                }
                if let Some(city) = &site.city {
                    if crate::geo::city_by_id(city).is_none() {
                        out.push(Problem::new("$.request.site.city", ProblemCode::Malformed));
                    }
                }
                text_problem("$.request.site.address", &site.address, ADDRESS_MAX, out);
            }
        }
        match b.days {
            None => out.push(Problem::new("$.request.days", ProblemCode::Empty)),
            Some(d) if d == 0 || d > ONSITE_DAYS_MAX => {
                out.push(Problem::new("$.request.days", ProblemCode::Malformed));
            }
            Some(_) => {}
        }
    }
    if b.booking_type == BookingKind::RemoteSupport && !b.remote_access_consent {
        // Required, like a field left empty: the form shows the terms beside it.
        out.push(Problem::new(
            "$.request.remote_access_consent",
            ProblemCode::Empty,
        ));
    }
    if let Some(note) = &b.note {
        optional_text_problem("$.request.note", note, TEXT_MAX, out);
    }
    contact_problems(&b.contact, out);
}

/// A settings document Coremail can apply: this format, sensible quiet
/// hours, and a channel for every type that is switched on (a type on with
/// nowhere to go would be silently off).
fn settings_problems(settings: &crate::settings::NotificationSettings, out: &mut Vec<Problem>) {
    use crate::settings::{NoticeType, FORMAT};
    if settings.format != FORMAT {
        out.push(Problem::new(
            "$.request.settings.format",
            ProblemCode::Malformed,
        ));
    }
    if let Some((path, _)) = crate::settings::problem(settings) {
        let field = format!("$.request.settings.{}", path.trim_start_matches("$."));
        out.push(Problem::new(&field, ProblemCode::Malformed));
    }
    for t in NoticeType::ALL {
        let s = settings.get(t);
        if s.enabled && !(s.channels.email || s.channels.sms || s.channels.browser) {
            let field = format!("$.request.settings.types.{}.channels", t.as_str());
            out.push(Problem::new(&field, ProblemCode::Empty));
        }
    }
}

fn licence_problems(r: &LicenceRequest, out: &mut Vec<Problem>) {
    if r.items.is_empty() {
        out.push(Problem::new("$.request.items", ProblemCode::Empty));
    } else if r.items.len() > LICENCE_ITEMS_MAX {
        out.push(Problem::new("$.request.items", ProblemCode::TooLong));
    }
    for (i, item) in r.items.iter().enumerate() {
        if !is_email(&item.account) {
            out.push(Problem::new(
                &format!("$.request.items[{i}].account"),
                ProblemCode::Malformed,
            ));
        }
        let twice = r.items[..i]
            .iter()
            .any(|o| o.feature == item.feature && o.account.eq_ignore_ascii_case(&item.account));
        if twice {
            out.push(Problem::new(
                &format!("$.request.items[{i}]"),
                ProblemCode::Malformed,
            ));
        }
    }
    if let Some(note) = &r.note {
        optional_text_problem("$.request.note", note, TEXT_MAX, out);
    }
    contact_problems(&r.contact, out);
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Reads a body as a submission: too large, not JSON of this schema, or
/// the problems of [`check`]. `Ok` is a submission to accept.
pub fn read(body: &[u8], catalogue: Option<&[Product]>) -> Result<Submission, Refusal> {
    if body.len() > MAX_BODY_BYTES {
        return Err(Refusal {
            message: format!("body of {} bytes; at most {MAX_BODY_BYTES}", body.len()),
            problems: vec![Problem::new("$", ProblemCode::TooLarge)],
        });
    }
    let text = std::str::from_utf8(body).map_err(|_| Refusal {
        message: "body is not UTF-8".to_owned(),
        problems: vec![Problem::new("$", ProblemCode::Unreadable)],
    })?;
    let submission: Submission = crate::parse_json("submission", text).map_err(|e| Refusal {
        message: e.to_string(),
        problems: vec![Problem::new(&e.path, ProblemCode::Unreadable)],
    })?;
    let problems = check(&submission, catalogue);
    if problems.is_empty() {
        Ok(submission)
    } else {
        Err(Refusal {
            message: problems
                .iter()
                .map(Problem::to_string)
                .collect::<Vec<_>>()
                .join("; "),
            problems,
        })
    }
}

/// The machine-readable block of a mailed draft: the submission's JSON
/// between [`MAIL_BEGIN`] and [`MAIL_END`], one line, so that a mail
/// client's wrapping cannot break it and [`from_mail`] finds it again.
pub fn mail_block(s: &Submission) -> String {
    let json = serde_json::to_string(s).unwrap_or_default();
    format!("{MAIL_BEGIN}\n{json}\n{MAIL_END}")
}

/// The submission in a mail's text (the receiver's side of [`mail_block`]):
/// `None` when the mail has no block.
pub fn from_mail(text: &str) -> Option<Result<Submission, Refusal>> {
    let start = text.find(MAIL_BEGIN)? + MAIL_BEGIN.len();
    let end = start + text[start..].find(MAIL_END)?;
    // A client may have broken the long line: join the lines back, dropping
    // only the line breaks (a JSON string holds none of its own: they are
    // written `\n`).
    let json: String = text[start..end].lines().collect();
    Some(read(json.as_bytes(), None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_uuid_v4_in_lower_case_is_an_id_and_nothing_else_is() {
        assert!(is_submission_id("3f2b8c1e-9d4a-4c7e-8b2f-0a1b2c3d4e5f"));
        assert!(!is_submission_id("3F2B8C1E-9D4A-4C7E-8B2F-0A1B2C3D4E5F"));
        // version 1, variant 0
        assert!(!is_submission_id("3f2b8c1e-9d4a-1c7e-8b2f-0a1b2c3d4e5f"));
        assert!(!is_submission_id("3f2b8c1e-9d4a-4c7e-0b2f-0a1b2c3d4e5f"));
        assert!(!is_submission_id("../../etc/passwd-aaaa-aaaa-aaaaaaaaaa"));
        assert!(!is_submission_id(""));
    }

    #[test]
    fn e_mail_addresses() {
        assert!(is_email("li.ming@demo-corp.cn"));
        assert!(!is_email("li.ming"));
        assert!(!is_email("li ming@demo-corp.cn"));
        assert!(!is_email("@demo-corp.cn"));
        assert!(!is_email("li@localhost"));
        assert!(!is_email("li@@demo-corp.cn"));
    }
}
