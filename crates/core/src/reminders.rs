//! The reminders centre (消息提醒): one pure function, [`reminders`], turns
//! the published data, the customer's workspace and what this device knows
//! into the list of things the admin should hear about. The app runs it in
//! the browser; `portal reminders` runs the same code natively.
//!
//! Every reminder has a stable `id` made from what it is about (a patch id,
//! a licence and its expiry stage, a ticket and its new state), so a read
//! mark kept on the device survives recomputation, and a *new* fact (the
//! next expiry stage, another state) gets a new id and is unread again.
//!
//! Each has two instants: `due`, when the thing it is about happens (the
//! expiry, the course's start, the end of the objection period, the release
//! of the patch), and `at`, when the reminder appeared, which orders the
//! inbox, places it in a digest and decides when a browser notification may
//! be raised ([`notify_now`]).
//!
//! Renewals cover licences, the service period and the cloud features
//! (云产品授权管理), the latter one reminder per feature and last day.
//!
//! A reminder's [`NoticeType`] is the setting it obeys; a type switched off
//! produces nothing. Courses, changed terms and refused submissions are
//! service notices that no setting covers (`notice: None`): the terms bind
//! the customer whether or not they read them, and a refused submission
//! means something the admin sent has not arrived.

use crate::calendar::{beijing_midnight, to_beijing, BusinessCalendar};
use crate::kb::IsoWeek;
use crate::model::Patch;
use crate::model::{
    CloudFeature, Course, FeatureState, PatchKind, PatchSeverity, Product, ServiceTerms, Text,
    TicketStatus, Workspace,
};
use crate::outbox::{Item, State};
use crate::settings::{release_at, Frequency, NoticeType, NotificationSettings};
use chrono::{DateTime, Datelike, Days, FixedOffset, NaiveDate, TimeZone};
use serde::{Deserialize, Serialize};

/// Days before an expiry at which a renewal reminder appears (manual: 到期续费).
pub const EXPIRY_STAGES: [i64; 3] = [30, 7, 1];
/// An expired licence or service period is still mentioned this many days.
pub const EXPIRED_SHOWN_DAYS: i64 = 30;
/// A version's end of support is announced this many days ahead.
pub const END_OF_SUPPORT_NOTICE_DAYS: u64 = 90;
/// A live course is announced this long before it starts (hours).
pub const COURSE_NOTICE_HOURS: i64 = 24;
/// 售前转售后 is mentioned for this many days after the service period starts.
pub const HANDOVER_DAYS: u64 = 30;

/// What a reminder is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Patch,
    Upgrade,
    EndOfSupport,
    Security,
    Licence,
    ServicePeriod,
    Handover,
    Course,
    Ticket,
    Refused,
    Terms,
}

crate::model::named!(Kind {
    Patch => "patch",
    Upgrade => "upgrade",
    EndOfSupport => "end_of_support",
    Security => "security",
    Licence => "licence",
    ServicePeriod => "service_period",
    Handover => "handover",
    Course => "course",
    Ticket => "ticket",
    Refused => "refused",
    Terms => "terms",
});

/// One reminder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    pub kind: Kind,
    /// Stable across recomputation: `licence:lic-xt5-branch:7`.
    pub id: String,
    /// When the thing it is about happens or happened.
    pub due: DateTime<FixedOffset>,
    /// When the reminder appeared.
    pub at: DateTime<FixedOffset>,
    pub title: Text,
    /// A portal path: `/patches?q=xt5-p2026-1124`, `/workspace`, `/t/CM2026-001414`.
    pub link: String,
    /// The setting it obeys; `None` for service notices (module doc).
    pub notice: Option<NoticeType>,
}

/// Everything [`reminders`] reads.
pub struct Inputs<'a> {
    pub now: DateTime<FixedOffset>,
    pub products: &'a [Product],
    pub patches: &'a [Patch],
    pub courses: &'a [Course],
    pub terms: Option<&'a ServiceTerms>,
    /// For the objection deadline of changed terms; without it (or beyond
    /// its coverage) no terms reminder is made: a deadline is never guessed.
    pub calendar: Option<&'a BusinessCalendar>,
    /// The open workspace; without one, only the public reminders.
    pub workspace: Option<&'a Workspace>,
    /// This device's outbox.
    pub outbox: &'a [Item],
    /// Ticket states as of the last visit; `None` on the first visit, when
    /// every state is new and none is news.
    pub seen_tickets: Option<&'a [(String, TicketStatus)]>,
    pub settings: &'a NotificationSettings,
}

fn text(zh: String, en: String) -> Text {
    Text { zh, en: Some(en) }
}

fn days(n: u64) -> Days {
    Days::new(n)
}

/// Every reminder at `inputs.now`, newest first (by `at`, then id).
pub fn reminders(inputs: &Inputs) -> Vec<Reminder> {
    let mut out = public_reminders(inputs);
    if let Some(ws) = inputs.workspace {
        out.extend(workspace_reminders(inputs, ws));
    }
    finish(out, inputs.settings)
}

/// The reminders anyone gets, workspace or not (courses, changed terms,
/// refused submissions), before [`finish`]. With [`workspace_reminders`]
/// it is [`reminders`] in two halves, so that the app computes the
/// public ones without the code that only a workspace needs (a split
/// point of its own in the browser).
pub fn public_reminders(inputs: &Inputs) -> Vec<Reminder> {
    let mut out = Vec::new();
    course_reminders(inputs.courses, inputs.now, &mut out);
    if let (Some(terms), Some(calendar)) = (inputs.terms, inputs.calendar) {
        terms_reminder(terms, calendar, inputs.now, &mut out);
    }
    refused_reminders(inputs.outbox, &mut out);
    out
}

/// The reminders only the open workspace `ws` makes (patches, versions,
/// expiries, tickets), before [`finish`]; `inputs.workspace` is not read.
pub fn workspace_reminders(inputs: &Inputs, ws: &Workspace) -> Vec<Reminder> {
    let mut out = Vec::new();
    let today = to_beijing(&inputs.now).date();
    patch_reminders(inputs, ws, today, &mut out);
    version_reminders(inputs.products, ws, today, &mut out);
    expiry_reminders(ws, today, &mut out);
    cloud_feature_reminders(ws, today, &mut out);
    ticket_reminders(ws, inputs.seen_tickets, &mut out);
    out
}

/// Drops the types `settings` switch off and orders the rest newest first
/// (by `at`, then id: ids are unique, so the order is total).
pub fn finish(mut out: Vec<Reminder>, settings: &NotificationSettings) -> Vec<Reminder> {
    out.retain(|r| r.notice.is_none_or(|t| settings.enabled(t)));
    out.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| a.id.cmp(&b.id)));
    out
}

fn product_name<'a>(products: &'a [Product], id: &'a str) -> (&'a str, &'a str) {
    products
        .iter()
        .find(|p| p.id == id)
        .map(|p| (p.name.zh.as_str(), p.name.get(true)))
        .unwrap_or((id, id))
}

fn released(products: &[Product], product: &str, version: &str) -> Option<NaiveDate> {
    products
        .iter()
        .find(|p| p.id == product)?
        .versions
        .iter()
        .find(|v| v.version == version)
        .map(|v| v.released)
}

/// The distinct installed `(product, version)` pairs, in workspace order.
fn installations(ws: &Workspace) -> Vec<(&str, &str)> {
    let mut out: Vec<(&str, &str)> = Vec::new();
    for d in &ws.deployments {
        let pair = (d.product.as_str(), d.version.as_str());
        if !out.contains(&pair) {
            out.push(pair);
        }
    }
    out
}

/// New patches, and the security advisories among them.
///
/// A patch is **new** for an installation when `crate::patches` says it
/// applies there (for that version, not superseded by another that also
/// applies), it was released after the installed version itself (a patch
/// older than the version was folded into it, or the customer chose to
/// install around it when they installed), it is released by today, and the
/// workspace records no download of it for that version (a downloaded patch
/// is being handled; the portal cannot see whether it was installed). One
/// reminder per patch, however many installations need it.
///
/// Security patches carry the CNVD/CVE advisories: besides the patch
/// reminder (type `patches`), each makes a `security` reminder, of type
/// `security_events` (重大安全事件) when its severity is critical and
/// `vulnerabilities` (安全漏洞更新) otherwise, so that an admin who
/// silences routine patches still hears of vulnerabilities. The demo data
/// publishes major security events only as critical fixes; an event
/// without a patch would need an advisories file of its own.
fn patch_reminders(inputs: &Inputs, ws: &Workspace, today: NaiveDate, out: &mut Vec<Reminder>) {
    // Each new patch once, with every installed version that needs it.
    let mut found: Vec<(&Patch, Vec<&str>)> = Vec::new();
    for (product, version) in installations(ws) {
        let since = released(inputs.products, product, version);
        for p in crate::patches::applicable(inputs.patches, &[(product, version)]) {
            let newer = since.is_none_or(|d| p.released > d);
            let downloaded = ws
                .downloads
                .iter()
                .any(|d| d.patch == p.id && d.version == version);
            if !newer || downloaded || p.released > today {
                continue;
            }
            match found.iter_mut().find(|(q, _)| q.id == p.id) {
                Some((_, versions)) => versions.push(version),
                None => found.push((p, vec![version])),
            }
        }
    }
    for (p, versions) in found {
        let version = versions.join(", ");
        let at = beijing_midnight(p.released);
        let link = format!("/patches?q={}", p.id);
        out.push(Reminder {
            kind: Kind::Patch,
            id: format!("patch:{}", p.id),
            due: at,
            at,
            title: text(
                format!("新补丁 {}：{}（{version}）", p.id, p.title.zh),
                format!("New patch {}: {} ({version})", p.id, p.title.get(true)),
            ),
            link: link.clone(),
            notice: Some(NoticeType::Patches),
        });
        if p.kind != PatchKind::Security {
            continue;
        }
        let ids: Vec<&str> = p.cnvd.iter().chain(&p.cve).map(String::as_str).collect();
        let ids = if ids.is_empty() {
            p.id.clone()
        } else {
            ids.join(", ")
        };
        let critical = p.severity == PatchSeverity::Critical;
        let (zh, en) = if critical {
            ("重大安全事件", "Major security event")
        } else {
            ("安全漏洞", "Vulnerability")
        };
        out.push(Reminder {
            kind: Kind::Security,
            id: format!("security:{}", p.id),
            due: at,
            at,
            title: text(
                format!("{zh}：{ids} 影响 {version}，请安装 {}", p.id),
                format!("{en}: {ids} affects {version}; install {}", p.id),
            ),
            link,
            notice: Some(if critical {
                NoticeType::SecurityEvents
            } else {
                NoticeType::Vulnerabilities
            }),
        });
    }
}

/// Newer versions and the end of support of installed versions.
///
/// **Upgrade:** the newest version of the product released by today, when
/// it is newer than the installed one; the id names both, so the next
/// release is news again. **End of support:** from
/// [`END_OF_SUPPORT_NOTICE_DAYS`] before the date (`…:soon`), and from the
/// date on (`…:past`) for as long as the version stays installed.
fn version_reminders(
    products: &[Product],
    ws: &Workspace,
    today: NaiveDate,
    out: &mut Vec<Reminder>,
) {
    for (product, version) in installations(ws) {
        let Some(p) = products.iter().find(|p| p.id == product) else {
            continue;
        };
        let Some(installed) = p.versions.iter().find(|v| v.version == version) else {
            continue;
        };
        let (zh_name, en_name) = product_name(products, product);
        let newest = p
            .versions
            .iter()
            .filter(|v| v.released <= today)
            .max_by_key(|v| v.released);
        if let Some(newest) = newest.filter(|n| n.released > installed.released) {
            let at = beijing_midnight(newest.released);
            out.push(Reminder {
                kind: Kind::Upgrade,
                id: format!("upgrade:{product}:{version}:{}", newest.version),
                due: at,
                at,
                title: text(
                    format!("{zh_name} {} 已发布，当前部署 {version}", newest.version),
                    format!("{en_name} {} is out; you run {version}", newest.version),
                ),
                link: "/patches".to_owned(),
                notice: Some(NoticeType::Upgrades),
            });
        }
        if let Some(eos) = installed.end_of_support {
            let notice_from = eos.checked_sub_days(days(END_OF_SUPPORT_NOTICE_DAYS));
            let (stage, at, zh, en) = if today >= eos {
                (
                    "past",
                    beijing_midnight(eos),
                    format!("{zh_name} {version} 已于 {eos} 停止支持，请升级"),
                    format!("{en_name} {version} reached end of support on {eos}; please upgrade"),
                )
            } else if notice_from.is_some_and(|d| today >= d) {
                (
                    "soon",
                    beijing_midnight(notice_from.unwrap_or(eos)),
                    format!("{zh_name} {version} 将于 {eos} 停止支持"),
                    format!("{en_name} {version} reaches end of support on {eos}"),
                )
            } else {
                continue;
            };
            out.push(Reminder {
                kind: Kind::EndOfSupport,
                id: format!("eos:{product}:{version}:{stage}"),
                due: beijing_midnight(eos),
                at,
                title: text(zh, en),
                link: "/workspace".to_owned(),
                notice: Some(NoticeType::Upgrades),
            });
        }
    }
}

/// The expiry stage reached on `today` for something that ends on `ends`:
/// the smallest of [`EXPIRY_STAGES`] not below the days left, `Some(0)`
/// once it has ended (for [`EXPIRED_SHOWN_DAYS`]), `None` otherwise.
pub fn expiry_stage(ends: NaiveDate, today: NaiveDate) -> Option<i64> {
    let left = (ends - today).num_days();
    if left < 0 {
        return (-left <= EXPIRED_SHOWN_DAYS).then_some(0);
    }
    if left == 0 {
        return Some(1);
    }
    EXPIRY_STAGES.iter().rev().copied().find(|&s| left <= s)
}

/// Licences and the service period at 30, 7 and 1 days before they end
/// (`expires`, `contract.ends`: the date the right ends, at 00:00 Beijing),
/// then "expired"; and 售前转售后 in the first days of the service period.
fn expiry_reminders(ws: &Workspace, today: NaiveDate, out: &mut Vec<Reminder>) {
    let mut one = |kind: Kind, key: String, ends: NaiveDate, zh_what: String, en_what: String| {
        let Some(stage) = expiry_stage(ends, today) else {
            return;
        };
        let (id_stage, at, zh, en) = if stage == 0 {
            (
                "expired".to_owned(),
                beijing_midnight(ends),
                format!("{zh_what}已于 {ends} 到期，请续费"),
                format!("{en_what} expired on {ends}; please renew"),
            )
        } else {
            let left = (ends - today).num_days();
            (
                stage.to_string(),
                beijing_midnight(ends.checked_sub_days(days(stage as u64)).unwrap_or(ends)),
                format!("{zh_what}将于 {ends} 到期（剩 {left} 天），请及时续费"),
                format!(
                    "{en_what} expires on {ends} ({left} day{} left); please renew",
                    if left == 1 { "" } else { "s" }
                ),
            )
        };
        out.push(Reminder {
            kind,
            id: format!("{key}:{id_stage}"),
            due: beijing_midnight(ends),
            at,
            title: text(zh, en),
            link: "/workspace".to_owned(),
            notice: Some(NoticeType::Renewals),
        });
    };
    for l in &ws.licences {
        one(
            Kind::Licence,
            format!("licence:{}", l.id),
            l.expires,
            format!("授权 {}（{}）", l.id, l.edition.zh),
            format!("Licence {} ({})", l.id, l.edition.get(true)),
        );
    }
    let c = &ws.contract;
    one(
        Kind::ServicePeriod,
        format!("service:{}", c.id),
        c.ends,
        format!("服务合同 {} 的服务期", c.id),
        format!("The service period of contract {}", c.id),
    );
    if today >= c.starts
        && c.starts
            .checked_add_days(days(HANDOVER_DAYS))
            .is_some_and(|d| today < d)
    {
        let at = beijing_midnight(c.starts);
        out.push(Reminder {
            kind: Kind::Handover,
            id: format!("handover:{}", c.id),
            due: at,
            at,
            title: text(
                format!("服务期自 {} 开始：售后服务已接手，可在线提交服务请求", c.starts),
                format!(
                    "Your service period began on {}: after-sales support has taken over; submit requests online",
                    c.starts
                ),
            ),
            link: "/workspace".to_owned(),
            notice: Some(NoticeType::Handover),
        });
    }
}

fn feature_words(f: CloudFeature) -> (&'static str, &'static str) {
    match f {
        CloudFeature::Push => ("Coremail Push", "Coremail Push"),
        CloudFeature::OverseasSdn => ("海外转发SDN", "overseas forwarding (SDN)"),
        CloudFeature::OverseasMirror => ("海外云镜像", "overseas cloud mirror"),
    }
}

/// Cloud features (云产品授权管理) at 30, 7 and 1 days before they stop,
/// then "expired", as licences are ([`expiry_stage`]); one reminder per
/// feature and last day, however many accounts share it (a renewal is
/// ordered per feature and term, and a list of mailboxes would drown the
/// inbox). `expires` is the last day a feature works, so it stops at 00:00
/// Beijing the day after. Features that are active, or expired by their
/// date or their recorded state, count; suspended, revoked and never
/// opened ones are not up for renewal.
fn cloud_feature_reminders(ws: &Workspace, today: NaiveDate, out: &mut Vec<Reminder>) {
    let mut groups: Vec<(CloudFeature, NaiveDate, usize)> = Vec::new();
    for f in &ws.cloud_features {
        let Some(last) = f.expires else {
            continue;
        };
        if !matches!(f.state, FeatureState::Active | FeatureState::Expired) {
            continue;
        }
        match groups
            .iter_mut()
            .find(|(g, d, _)| *g == f.feature && *d == last)
        {
            Some((_, _, n)) => *n += 1,
            None => groups.push((f.feature, last, 1)),
        }
    }
    for (feature, last, n) in groups {
        let Some(ends) = last.checked_add_days(days(1)) else {
            continue;
        };
        let Some(stage) = expiry_stage(ends, today) else {
            continue;
        };
        let (zh_name, en_name) = feature_words(feature);
        let accounts = if n == 1 {
            "1 account".to_owned()
        } else {
            format!("{n} accounts")
        };
        let (id_stage, at, zh, en) = if stage == 0 {
            (
                "expired".to_owned(),
                beijing_midnight(ends),
                format!("云功能 {zh_name}（{n} 个账号）已于 {last} 到期，请续费"),
                format!("{en_name} ({accounts}) expired on {last}; please renew"),
            )
        } else {
            let left = (ends - today).num_days();
            (
                stage.to_string(),
                beijing_midnight(ends.checked_sub_days(days(stage as u64)).unwrap_or(ends)),
                format!(
                    "云功能 {zh_name}（{n} 个账号）将于 {last} 后到期（剩 {left} 天），请及时续费"
                ),
                format!(
                    "{en_name} ({accounts}) expires on {last} ({left} day{} left); please renew",
                    if left == 1 { "" } else { "s" }
                ),
            )
        };
        out.push(Reminder {
            kind: Kind::Licence,
            id: format!("cloud:{feature}:{last}:{id_stage}"),
            due: beijing_midnight(ends),
            at,
            title: text(zh, en),
            link: "/licences".to_owned(),
            notice: Some(NoticeType::Renewals),
        });
    }
}

fn status_zh(s: TicketStatus) -> &'static str {
    match s {
        TicketStatus::Submitted => "已提交",
        TicketStatus::Accepted => "已受理",
        TicketStatus::Assessed => "已评估",
        TicketStatus::Handling => "处理中",
        TicketStatus::Replied => "已答复",
        TicketStatus::Closed => "已关闭",
    }
}

fn status_en(s: TicketStatus) -> &'static str {
    match s {
        TicketStatus::Submitted => "submitted",
        TicketStatus::Accepted => "accepted",
        TicketStatus::Assessed => "assessed",
        TicketStatus::Handling => "being handled",
        TicketStatus::Replied => "replied",
        TicketStatus::Closed => "closed",
    }
}

/// A ticket whose state differs from the last visit's, or that is new
/// since then. The summary has no time of change, so `at` is the latest
/// instant it does carry (first response, else received).
fn ticket_reminders(
    ws: &Workspace,
    seen: Option<&[(String, TicketStatus)]>,
    out: &mut Vec<Reminder>,
) {
    let Some(seen) = seen else {
        return;
    };
    for t in &ws.tickets {
        let before = seen.iter().find(|(n, _)| *n == t.number).map(|(_, s)| *s);
        if before == Some(t.status) {
            continue;
        }
        let at = t.first_response.unwrap_or(t.received).max(t.received);
        let (zh, en) = match before {
            Some(b) => (
                format!(
                    "工单 {}「{}」：{} → {}",
                    t.number,
                    t.title,
                    status_zh(b),
                    status_zh(t.status)
                ),
                format!(
                    "Ticket {} “{}”: {} → {}",
                    t.number,
                    t.title,
                    status_en(b),
                    status_en(t.status)
                ),
            ),
            None => (
                format!(
                    "新工单 {}「{}」：{}",
                    t.number,
                    t.title,
                    status_zh(t.status)
                ),
                format!(
                    "New ticket {} “{}”: {}",
                    t.number,
                    t.title,
                    status_en(t.status)
                ),
            ),
        };
        out.push(Reminder {
            kind: Kind::Ticket,
            id: format!("ticket:{}:{}", t.number, t.status),
            due: at,
            at,
            title: text(zh, en),
            link: format!("/t/{}", t.number),
            notice: Some(NoticeType::TicketUpdates),
        });
    }
}

/// The ticket states to remember after this visit: a ticket's new state is
/// taken in only once its reminder is read (`read` holds the read ids), so
/// an unread change is still news at the next visit. Tickets no longer in
/// the workspace are forgotten.
pub fn next_seen(
    ws: &Workspace,
    seen: Option<&[(String, TicketStatus)]>,
    read: &dyn Fn(&str) -> bool,
) -> Vec<(String, TicketStatus)> {
    next_seen_of(&ticket_states(ws), seen, read)
}

/// Each ticket of `ws` with its state now: what [`next_seen_of`] needs of
/// the workspace, so a caller can keep it without the workspace.
pub fn ticket_states(ws: &Workspace) -> Vec<(String, TicketStatus)> {
    ws.tickets
        .iter()
        .map(|t| (t.number.clone(), t.status))
        .collect()
}

/// [`next_seen`] from the tickets' states now ([`ticket_states`]).
pub fn next_seen_of(
    now: &[(String, TicketStatus)],
    seen: Option<&[(String, TicketStatus)]>,
    read: &dyn Fn(&str) -> bool,
) -> Vec<(String, TicketStatus)> {
    now.iter()
        .filter_map(|(number, status)| {
            let before = seen.and_then(|s| s.iter().find(|(n, _)| n == number).map(|(_, s)| *s));
            let news = seen.is_some() && before != Some(*status);
            let unread = news && !read(&format!("ticket:{number}:{status}"));
            match (unread, before) {
                (true, Some(b)) => Some((number.clone(), b)),
                (true, None) => None,
                (false, _) => Some((number.clone(), *status)),
            }
        })
        .collect()
}

/// Live courses from [`COURSE_NOTICE_HOURS`] before the start until they end.
fn course_reminders(courses: &[Course], now: DateTime<FixedOffset>, out: &mut Vec<Reminder>) {
    for c in courses {
        let from = c.starts_at - chrono::Duration::hours(COURSE_NOTICE_HOURS);
        let until = c.starts_at + chrono::Duration::minutes(i64::from(c.duration_minutes));
        if now < from || now >= until {
            continue;
        }
        let start = to_beijing(&c.starts_at);
        let hm = format!(
            "{} {:02}:{:02}",
            start.date(),
            chrono::Timelike::hour(&start),
            chrono::Timelike::minute(&start)
        );
        out.push(Reminder {
            kind: Kind::Course,
            id: format!("course:{}", c.id),
            due: c.starts_at,
            at: from,
            title: text(
                format!("直播课程「{}」将于 {hm}（北京时间）开始", c.title.zh),
                format!(
                    "Live course “{}” starts at {hm} (Beijing time)",
                    c.title.get(true)
                ),
            ),
            link: "/courses".to_owned(),
            notice: None,
        });
    }
}

/// Changed terms during their objection period (manual §10.1): `due` is
/// the end of the period (24:00 Beijing on the deadline date,
/// `crate::terms::objection_ends_at`). Terms with no earlier version in
/// their history are the first terms, not a change.
fn terms_reminder(
    terms: &ServiceTerms,
    calendar: &BusinessCalendar,
    now: DateTime<FixedOffset>,
    out: &mut Vec<Reminder>,
) {
    let changed = terms.history.iter().any(|h| h.published < terms.published);
    if !changed {
        return;
    }
    let Ok(crate::terms::ObjectionPeriod::Open { deadline }) =
        crate::terms::objection_period(calendar, terms, now)
    else {
        return;
    };
    out.push(Reminder {
        kind: Kind::Terms,
        id: format!("terms:{}", terms.version),
        due: crate::terms::objection_ends_at(deadline),
        at: beijing_midnight(terms.published),
        title: text(
            format!(
                "服务条款已更新为 {} 版（{} 发布）：如有异议，请于 {deadline} 24:00（北京时间）前联系 Coremail",
                terms.version, terms.published
            ),
            format!(
                "The service terms changed to version {} (published {}): if you disagree, object by the end of {deadline} (Beijing time)",
                terms.version, terms.published
            ),
        ),
        link: "/terms".to_owned(),
        notice: None,
    });
}

/// Submissions the receiver refused, until the user removes them.
fn refused_reminders(outbox: &[Item], out: &mut Vec<Reminder>) {
    for item in outbox.iter().filter(|i| i.state == State::Refused) {
        let at = crate::calendar::beijing()
            .timestamp_millis_opt(item.updated_at as i64)
            .single()
            .unwrap_or_else(|| beijing_midnight(NaiveDate::MIN));
        out.push(Reminder {
            kind: Kind::Refused,
            id: format!("refused:{}", item.id),
            due: at,
            at,
            title: text(
                format!("发送被拒：{}", item.summary),
                format!("Refused: {}", item.summary),
            ),
            link: "/outbox".to_owned(),
            notice: None,
        });
    }
}

/// Where a reminder is listed: on its own, or in a day's or a week's digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Digest {
    Immediate,
    Day(NaiveDate),
    Week(IsoWeek),
}

fn frequency(r: &Reminder, settings: &NotificationSettings) -> Frequency {
    r.notice
        .map(|t| settings.get(t).frequency)
        .unwrap_or(Frequency::Immediate)
}

/// The digest a reminder belongs to: its type's frequency applied to `at`
/// (Beijing day; ISO week in Beijing time).
pub fn digest(r: &Reminder, settings: &NotificationSettings) -> Digest {
    match frequency(r, settings) {
        Frequency::Immediate => Digest::Immediate,
        Frequency::Daily => Digest::Day(to_beijing(&r.at).date()),
        Frequency::Weekly => Digest::Week(IsoWeek::containing(&r.at)),
    }
}

/// The reminders grouped for the inbox: immediate ones first, then the
/// digests newest first; within a group the list's order is kept.
pub fn grouped<'a>(
    list: &'a [Reminder],
    settings: &NotificationSettings,
) -> Vec<(Digest, Vec<&'a Reminder>)> {
    let mut groups: Vec<(Digest, Vec<&Reminder>)> = Vec::new();
    for r in list {
        let d = digest(r, settings);
        match groups.iter_mut().find(|(g, _)| *g == d) {
            Some((_, members)) => members.push(r),
            None => groups.push((d, vec![r])),
        }
    }
    groups.sort_by(|(a, _), (b, _)| match (a, b) {
        (Digest::Immediate, Digest::Immediate) => std::cmp::Ordering::Equal,
        (Digest::Immediate, _) => std::cmp::Ordering::Less,
        (_, Digest::Immediate) => std::cmp::Ordering::Greater,
        _ => key(b).cmp(&key(a)),
    });
    groups
}

/// Whether a digest is from before the current ISO week (Beijing time) of
/// `today`: the inbox folds such digests away once all they hold is read.
/// Immediate reminders never fold.
pub fn is_earlier(d: &Digest, today: NaiveDate) -> bool {
    let week_start =
        today - chrono::Duration::days(i64::from(today.weekday().num_days_from_monday()));
    match d {
        Digest::Immediate => false,
        Digest::Day(_) | Digest::Week(_) => key(d) < week_start,
    }
}

/// A digest's start, to order days and weeks together.
fn key(d: &Digest) -> NaiveDate {
    match d {
        Digest::Immediate => NaiveDate::MAX,
        Digest::Day(date) => *date,
        Digest::Week(w) => NaiveDate::from_isoywd_opt(w.year, w.week, chrono::Weekday::Mon)
            .unwrap_or(NaiveDate::MIN),
    }
}

/// Whether a browser notification may be raised for `r` now: its type
/// (if any) is delivered immediately and in the browser, and quiet hours
/// have released it (`crate::settings::release_at`). Raising it once only
/// is the app's to remember.
pub fn notify_now(
    r: &Reminder,
    settings: &NotificationSettings,
    calendar: &BusinessCalendar,
    now: DateTime<FixedOffset>,
) -> bool {
    if let Some(t) = r.notice {
        let s = settings.get(t);
        if !s.enabled || s.frequency != Frequency::Immediate || !s.channels.browser {
            return false;
        }
    }
    r.at <= now && release_at(&settings.quiet_hours, calendar, now) <= now
}
