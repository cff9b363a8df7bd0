//! The static JSON API, as types. These structs *are* the contract that
//! `docs/api.md` describes: the app parses with them, `portal validate`
//! checks with them, and nothing else defines the shape of a file.
//!
//! Unknown fields are rejected (`deny_unknown_fields`) so that a typo in a
//! published file is caught by `portal validate` instead of silently ignored.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The API version this build understands. `meta.json` must carry it.
pub const API_VERSION: u32 = 2;

/// A text in Simplified Chinese, with an English rendering where one exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub zh: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Text {
    /// The text in the wanted language, falling back to Chinese.
    pub fn get(&self, english: bool) -> &str {
        match (&self.en, english) {
            (Some(en), true) => en,
            _ => &self.zh,
        }
    }
}

/// `meta.json`: what this data set is and when it was generated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub api_version: u32,
    pub generated_at: DateTime<FixedOffset>,
    /// Free-form publisher tag, e.g. a git revision or a date stamp.
    pub data_version: String,
    pub support_email: String,
    pub hotline: String,
    /// Where queued writes may be POSTed; `null` means export only.
    #[serde(default)]
    pub submission_endpoint: Option<String>,
}

// ---------------------------------------------------------------- products

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Product {
    /// Stable slug, e.g. `xt5`.
    pub id: String,
    pub name: Text,
    pub versions: Vec<ProductVersion>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProductVersion {
    /// e.g. `V5.0.13`.
    pub version: String,
    pub released: NaiveDate,
    #[serde(default)]
    pub end_of_support: Option<NaiveDate>,
}

// ----------------------------------------------------------------- patches

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PatchKind {
    Security,
    Bugfix,
    Feature,
}

impl PatchKind {
    pub const ALL: [PatchKind; 3] = [PatchKind::Security, PatchKind::Bugfix, PatchKind::Feature];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PatchSeverity {
    Critical,
    High,
    Medium,
    Low,
}

impl PatchSeverity {
    /// Most severe first (the derived order: `Critical < High < …`).
    pub const ALL: [PatchSeverity; 4] = [
        PatchSeverity::Critical,
        PatchSeverity::High,
        PatchSeverity::Medium,
        PatchSeverity::Low,
    ];
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Patch {
    pub id: String,
    /// A `Product::id`.
    pub product: String,
    /// Versions of that product the patch applies to (each a `ProductVersion::version`).
    pub applies_to: Vec<String>,
    pub kind: PatchKind,
    pub severity: PatchSeverity,
    pub released: NaiveDate,
    pub title: Text,
    /// Release notes, plain text (rendered as text, never as HTML).
    pub notes: Text,
    #[serde(default)]
    pub cnvd: Vec<String>,
    #[serde(default)]
    pub cve: Vec<String>,
    /// Ids of older patches this one replaces.
    #[serde(default)]
    pub supersedes: Vec<String>,
    pub file: PatchFile,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatchFile {
    pub name: String,
    pub size_bytes: u64,
    /// Lower-case hex SHA-256 of the file.
    pub sha256: String,
}

// ---------------------------------------------------------- knowledge base

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KbCategory {
    pub id: String,
    pub name: Text,
    pub description: Text,
}

/// One entry of `kb/articles.json`; the body is `kb/articles/<id>.md`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KbArticle {
    pub id: String,
    /// A `KbCategory::id`.
    pub category: String,
    pub title: Text,
    pub summary: Text,
    pub updated: NaiveDate,
    /// Revision of the article, bumped on each edit.
    pub revision: u32,
    /// A `Product::id` the article is about, if any.
    #[serde(default)]
    pub product: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// ISO week this article is featured in 每周精选, e.g. `2026-W48`.
    #[serde(default)]
    pub featured_week: Option<String>,
    /// Ids of related articles.
    #[serde(default)]
    pub related: Vec<String>,
}

// ----------------------------------------------------------------- tickets

/// A name that is none of an enum's values (a `<select>` value, a command
/// line argument): what was given, and what would have been accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    pub given: String,
    /// The accepted names, in order.
    pub expected: &'static [&'static str],
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown value `{}`: expected ", self.given)?;
        let (last, rest) = self.expected.split_last().unwrap_or((&"", &[]));
        if !rest.is_empty() {
            write!(f, "{} or ", rest.join(", "))?;
        }
        f.write_str(last)
    }
}

impl std::error::Error for UnknownName {}

/// `as_str`, `Display` and `FromStr` for a fieldless enum, all from one
/// table of names, so that a form's `<option value>` and the parsing of the
/// chosen value cannot drift apart. The names must be the serde names
/// (tests/names.rs checks it for the API's enums).
macro_rules! named {
    ($ty:ident { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $ty {
            /// The names of every value, in order.
            pub const NAMES: &'static [&'static str] = &[$($name),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $name),+
                }
            }
        }

        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $ty {
            type Err = $crate::model::UnknownName;

            /// Exactly one of [`Self::NAMES`]; no trimming, no case folding.
            fn from_str(s: &str) -> Result<Self, $crate::model::UnknownName> {
                match s {
                    $($name => Ok($ty::$variant),)+
                    _ => Err($crate::model::UnknownName {
                        given: s.to_owned(),
                        expected: $ty::NAMES,
                    }),
                }
            }
        }
    };
}
pub(crate) use named;

// The patch enums are declared above, with the patches; their names (the
// catalogue's filter values in the URL) are here, after the macro.
named!(PatchKind { Security => "security", Bugfix => "bugfix", Feature => "feature" });
named!(CloudFeature {
    Push => "push",
    OverseasSdn => "overseas_sdn",
    OverseasMirror => "overseas_mirror",
});
named!(FeatureState {
    Active => "active",
    Suspended => "suspended",
    Expired => "expired",
    NotOpened => "not_opened",
    Revoked => "revoked",
});
named!(MailDirection { Outbound => "outbound", Inbound => "inbound" });
named!(PatchSeverity {
    Critical => "critical",
    High => "high",
    Medium => "medium",
    Low => "low",
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Priority {
    P1,
    P2,
    P3,
    P4,
}

impl Priority {
    pub const ALL: [Priority; 4] = [Priority::P1, Priority::P2, Priority::P3, Priority::P4];
}

named!(Priority { P1 => "P1", P2 => "P2", P3 => "P3", P4 => "P4" });

/// Where a service request came in (manual §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// 热线电话 400-888-2488
    Phone,
    /// 邮箱 support@coremail.cn
    Email,
    /// 在线咨询 in the cloud service centre
    Online,
}

impl Channel {
    pub const ALL: [Channel; 3] = [Channel::Phone, Channel::Email, Channel::Online];
}

named!(Channel { Phone => "phone", Email => "email", Online => "online" });

/// The service workflow of manual §7.2, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketStatus {
    /// 已提交
    Submitted,
    /// 客服专员已受理
    Accepted,
    /// 已评估故障级别
    Assessed,
    /// 工程师处理中
    Handling,
    /// 已答复
    Replied,
    /// 已关闭
    Closed,
}

named!(TicketStatus {
    Submitted => "submitted",
    Accepted => "accepted",
    Assessed => "assessed",
    Handling => "handling",
    Replied => "replied",
    Closed => "closed",
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    Customer,
    Specialist,
    Engineer,
}

/// A ticket, sealed under its access code (`crate::secret`): readable only
/// by whoever holds the acknowledgement's link or the customer's workspace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ticket {
    /// e.g. `CM2026-000123`.
    pub number: String,
    pub contact_email: String,
    pub contact_name: String,
    pub customer: String,
    pub title: String,
    /// A `Product::id` and one of its versions.
    pub product: String,
    pub version: String,
    pub priority: Priority,
    pub channel: Channel,
    pub status: TicketStatus,
    pub received: DateTime<FixedOffset>,
    /// When Coremail first told the customer the support arrangement.
    #[serde(default)]
    pub first_response: Option<DateTime<FixedOffset>>,
    pub events: Vec<TicketEvent>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TicketEvent {
    pub at: DateTime<FixedOffset>,
    /// The workflow step this event reached, if it moved the ticket on.
    #[serde(default)]
    pub step: Option<TicketStatus>,
    pub by: Actor,
    /// Untrusted plain text; always rendered as text.
    pub text: String,
}

// ------------------------------------------------------------ SLA policy

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlaPolicy {
    /// IANA zone all times are computed in; must be `Asia/Shanghai`.
    pub timezone: String,
    pub priorities: Vec<PriorityLevel>,
    pub channels: Vec<ChannelHours>,
    pub onsite: OnsiteRule,
    /// A request is "due soon" when less than this fraction of its target is left.
    pub due_soon_fraction: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriorityLevel {
    pub id: Priority,
    /// 严重 / 紧急 / 标准 / 咨询
    pub name: Text,
    pub definition: Text,
    pub response_minutes: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChannelHours {
    pub id: Channel,
    pub name: Text,
    /// Phone number, e-mail address or page where the channel is reached.
    pub contact: String,
    /// `HH:MM`, Beijing time, on working days.
    pub opens: String,
    pub closes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OnsiteRule {
    pub radius_km: u32,
    pub arrival_hours: u32,
}

// -------------------------------------------------------------- calendar

/// `sla/calendar.json`: statutory holidays and 调休上班 days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarData {
    pub covers_from: NaiveDate,
    /// The last date the data is known for; later dates are an error, never a guess.
    pub covers_until: NaiveDate,
    pub holidays: Vec<HolidayRun>,
    pub adjusted_working_days: Vec<AdjustedWorkingDay>,
}

/// A run of days off, e.g. 春节 2026-02-15 … 2026-02-23.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolidayRun {
    pub name: Text,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// 调休上班: a weekend day declared a working day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdjustedWorkingDay {
    pub date: NaiveDate,
    /// The holiday this day makes up for.
    pub for_holiday: Text,
}

// ------------------------------------------------------ service catalogue

/// `services.json`: the catalogue of manual appendix 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceClass {
    pub id: String,
    pub name: Text,
    pub items: Vec<ServiceItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceItem {
    pub id: String,
    pub name: Text,
    /// 远程 / 现场
    pub delivery: Delivery,
    pub description: Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    Remote,
    Onsite,
}

// ------------------------------------------------ stations and engineers

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceStation {
    pub id: String,
    pub city: Text,
    pub address: String,
    pub lat: f64,
    pub lon: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BookingKind {
    PatchDeployment,
    RemoteSupport,
    Onsite,
}

impl BookingKind {
    pub const ALL: [BookingKind; 3] = [
        BookingKind::PatchDeployment,
        BookingKind::RemoteSupport,
        BookingKind::Onsite,
    ];
}

named!(BookingKind {
    PatchDeployment => "patch_deployment",
    RemoteSupport => "remote_support",
    Onsite => "onsite",
});

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Engineer {
    pub id: String,
    pub name: Text,
    /// A `ServiceStation::id`.
    pub station: String,
    pub offers: Vec<BookingKind>,
    /// Time already taken; free time is working time minus these.
    #[serde(default)]
    pub booked: Vec<BookedSlot>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookedSlot {
    pub from: DateTime<FixedOffset>,
    pub to: DateTime<FixedOffset>,
}

// ------------------------------------------------- other cloud modules

/// A licence in a workspace: 云产品授权管理.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Licence {
    pub id: String,
    /// A `Product::id`.
    pub product: String,
    pub version: String,
    pub edition: Text,
    pub seats: u32,
    pub issued: NaiveDate,
    pub expires: NaiveDate,
    /// End of the after-sales service period (售后服务期).
    pub service_until: NaiveDate,
}

/// `courses.json`: 在线直播课程.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Course {
    pub id: String,
    pub title: Text,
    pub speaker: String,
    pub starts_at: DateTime<FixedOffset>,
    pub duration_minutes: u32,
    pub summary: Text,
    #[serde(default)]
    pub replay_url: Option<String>,
}

/// `terms.json`: the service manual (服务手册) the service runs under, as
/// published, with every version's change. Coremail may change it (manual
/// §10.1, §11); an enterprise that does not object within ten working days
/// of publication accepts the change (`crate::terms`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceTerms {
    /// The current version, e.g. `2026.2`.
    pub version: String,
    /// The Beijing date the current version was published on the official
    /// site: the objection period starts the next day.
    pub published: NaiveDate,
    pub title: Text,
    /// The manual's sections, in order (the portal shows §9–§12 in full).
    pub sections: Vec<TermsSection>,
    /// Every version, the current one first, newest first, with what changed.
    pub history: Vec<TermsChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermsSection {
    /// The manual's number, `9` … `12`, also the page's anchor (`terms-9`).
    pub id: String,
    pub heading: Text,
    /// Plain text, one paragraph each: never Markdown or HTML.
    pub paragraphs: Vec<Text>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermsChange {
    pub version: String,
    pub published: NaiveDate,
    /// What changed in this version, in a sentence or two.
    pub summary: Text,
    /// The `TermsSection::id`s it changed; empty for the first version.
    #[serde(default)]
    pub sections: Vec<String>,
}

/// 防暴卫士 in a workspace: attacks per day, the top targets and sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardReport {
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub daily: Vec<GuardDay>,
    pub top_attacked_accounts: Vec<AttackedAccount>,
    pub top_attacking_ips: Vec<AttackingIp>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardDay {
    pub date: NaiveDate,
    pub brute_force_attempts: u32,
    pub blocked_ips: u32,
    pub attacked_accounts: u32,
    pub phishing_mails: u32,
    /// Accounts whose password the attackers found that day (被破解账号):
    /// the manual's first thing to act on (lock the account).
    pub compromised_accounts: u32,
    /// Distinct source addresses that attacked that day (攻击 IP), blocked or not.
    pub attacking_ips: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttackedAccount {
    pub account: String,
    pub attempts: u32,
    /// The attackers got in (被破解): lock it, not only change its password.
    #[serde(default)]
    pub compromised: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttackingIp {
    pub ip: String,
    /// Where the address is, as the guard's geolocation says it.
    pub region: Text,
    pub attempts: u32,
}

// ------------------------------------------------ the customer's workspace

/// A customer's workspace, sealed under the customer access key
/// (`crate::secret`, `docs/api.md` "Sealed files"): everything the cloud
/// service centre shows one enterprise about itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workspace {
    /// Stable slug, e.g. `huanan`; tickets name their workspace by it.
    pub id: String,
    pub company: Text,
    pub contract: Contract,
    /// The product versions this customer runs.
    pub deployments: Vec<Deployment>,
    /// The optional modules bought (如有购买).
    #[serde(default)]
    pub modules: Vec<Module>,
    /// On-site person-days bought and used (manual §13).
    pub onsite_days: OnsiteDays,
    pub licences: Vec<Licence>,
    /// Reports of the modules bought, and only of those.
    #[serde(default)]
    pub security: SecurityReports,
    /// The ticket history. `portal publish` writes it from the tickets that
    /// name this workspace; the private source leaves it out.
    #[serde(default)]
    pub tickets: Vec<TicketSummary>,
    /// The patch downloads Coremail recorded for this customer (系统补丁在线下载:
    /// "see your download history"), beside the ones a device keeps itself.
    #[serde(default)]
    pub downloads: Vec<PatchDownload>,
    /// 云产品授权管理: the cloud features of the customer's accounts, one
    /// entry per account and feature (`crate::cloud`).
    #[serde(default)]
    pub cloud_features: Vec<AccountFeature>,
}

/// One account's grant of one cloud feature (云产品授权管理).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountFeature {
    /// The mailbox, e.g. `li.ming@demo-corp.cn`.
    pub account: String,
    pub feature: CloudFeature,
    pub state: FeatureState,
    /// The last day the feature works; absent when it was never opened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<NaiveDate>,
}

/// The cloud features an account may have (manual, appendix 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CloudFeature {
    /// Coremail Push: mail pushed to the mobile app.
    Push,
    /// 海外转发SDN: overseas forwarding over Coremail's network.
    OverseasSdn,
    /// 海外云镜像: an overseas cloud mirror of the mailbox.
    OverseasMirror,
}

impl CloudFeature {
    pub const ALL: [CloudFeature; 3] = [
        CloudFeature::Push,
        CloudFeature::OverseasSdn,
        CloudFeature::OverseasMirror,
    ];
}

/// A feature's state as Coremail's licensing system records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeatureState {
    /// Working until `expires`.
    Active,
    /// Stopped by Coremail for now (e.g. an unpaid renewal); can be opened again.
    Suspended,
    /// Its term ended.
    Expired,
    /// Never opened for this account.
    NotOpened,
    /// Revoked (作废) at the customer's request.
    Revoked,
}

impl FeatureState {
    pub const ALL: [FeatureState; 5] = [
        FeatureState::Active,
        FeatureState::Suspended,
        FeatureState::Expired,
        FeatureState::NotOpened,
        FeatureState::Revoked,
    ];
}

/// One recorded download of a patch, for one installed version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatchDownload {
    /// A `Patch::id`.
    pub patch: String,
    /// The version it was downloaded for: one the patch applies to.
    pub version: String,
    pub at: DateTime<FixedOffset>,
}

/// The service contract: its period and the products it covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    pub id: String,
    pub starts: NaiveDate,
    /// The last day of service.
    pub ends: NaiveDate,
    /// `Product::id`s.
    pub products: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deployment {
    /// A `Product::id` and one of its versions.
    pub product: String,
    pub version: String,
    /// Which installation, e.g. 集团总部.
    pub label: Text,
}

/// The modules a customer may buy; a workspace lists those it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Module {
    /// 防暴卫士: brute-force and compromised-account defence.
    Guard,
    /// CAC: phishing analysis and anomalous user behaviour.
    Cac,
    /// 海外通邮: overseas mail relay.
    Overseas,
}

impl Module {
    pub const ALL: [Module; 3] = [Module::Guard, Module::Cac, Module::Overseas];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OnsiteDays {
    pub bought: u32,
    pub used: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecurityReports {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guard: Option<GuardReport>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cac: Option<CacReport>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overseas: Option<OverseasReport>,
}

/// CAC: phishing mail and anomalous behaviour per day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CacReport {
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub daily: Vec<CacDay>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CacDay {
    pub date: NaiveDate,
    pub phishing_mails: u32,
    pub anomalous_logins: u32,
}

/// 海外通邮: overseas forwarding and receiving, and abnormal mail, per day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverseasReport {
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub daily: Vec<OverseasDay>,
    /// 异常邮件日志: the abnormal mails of the period, newest first.
    #[serde(default)]
    pub abnormal_log: Vec<OverseasLogEntry>,
}

/// One abnormal overseas mail (异常邮件日志).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverseasLogEntry {
    pub at: DateTime<FixedOffset>,
    pub direction: MailDirection,
    /// The customer's own mailbox that sent or received it.
    pub account: String,
    /// The other side's address.
    pub peer: String,
    /// The other side's country or region, as the relay reports it.
    pub region: Text,
    /// What went wrong, e.g. `550 5.7.1 rejected by policy`, as the relay logged it.
    pub reason: String,
}

/// Which way an overseas mail went through the relay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MailDirection {
    /// Forwarded from the customer to a server abroad (海外转发).
    Outbound,
    /// Received from abroad (海外接收).
    Inbound,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverseasDay {
    pub date: NaiveDate,
    pub forwarded: u32,
    pub received: u32,
    pub abnormal: u32,
}

/// A workspace in the publisher's private source
/// (`<private-src>/workspaces/<id>.json`): the workspace and its access key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrivateWorkspace {
    /// The customer access key (`portal new-access-key`).
    pub access_key: String,
    pub workspace: Workspace,
}

/// A ticket in the publisher's private source
/// (`<private-src>/tickets/<number>.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrivateTicket {
    /// The ticket access code of the acknowledgement
    /// (`portal new-access-key --ticket`).
    pub access_code: String,
    /// The `Workspace::id` whose history lists this ticket.
    pub workspace: String,
    pub ticket: Ticket,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TicketSummary {
    pub number: String,
    /// The ticket's access code, so the workspace opens it: `/t/<number>#<code>`.
    pub code: String,
    pub title: String,
    pub product: String,
    pub priority: Priority,
    pub channel: Channel,
    pub status: TicketStatus,
    pub received: DateTime<FixedOffset>,
    #[serde(default)]
    pub first_response: Option<DateTime<FixedOffset>>,
}

// ------------------------------------------------------------ 管理员社区

/// `community.json`: the 管理员社区 (administrators' community), questions
/// from customers' administrators answered by Coremail's engineers, and
/// 资料下载 (downloadable manuals and guides). Public: a thread carries no
/// customer's name, only what the question and its answers say
/// (`crate::community` searches it; `validate/community.rs` checks it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Community {
    /// Newest first, as the list shows them when nothing is searched.
    pub threads: Vec<Thread>,
    pub materials: Vec<Material>,
}

/// One question and its answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thread {
    /// A slug: the thread's URL is `/community/t/<id>`.
    pub id: String,
    pub title: Text,
    /// A `Product::id` of `products.json`.
    pub product: String,
    /// Short keywords, each shown in the reader's language (`{"zh": "升级",
    /// "en": "upgrade"}`; a protocol name such as `imap` needs no `en`), and
    /// searched in both.
    #[serde(default)]
    pub tags: Vec<Text>,
    /// When the question was asked.
    pub asked: DateTime<FixedOffset>,
    pub question: Text,
    /// Oldest first; at least one (an unanswered question is not published).
    pub answers: Vec<Answer>,
}

/// An answer by a Coremail engineer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// An `Engineer::id` of `engineers.json`.
    pub engineer: String,
    /// Not before the question was asked.
    pub answered: DateTime<FixedOffset>,
    pub text: Text,
}

/// A manual or guide offered for download, published at
/// `community/files/<file.name>` with the size and SHA-256 given here
/// (`portal validate` checks both against the file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Material {
    pub id: String,
    pub title: Text,
    pub kind: MaterialKind,
    /// A `Product::id` of `products.json`.
    pub product: String,
    pub updated: NaiveDate,
    pub file: PatchFile,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MaterialKind {
    /// 手册: a product's manual.
    Manual,
    /// 指南: a task-oriented guide.
    Guide,
}

named!(MaterialKind { Manual => "manual", Guide => "guide" });
