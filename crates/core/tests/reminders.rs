//! The reminders centre (crates/core/src/reminders.rs): every rule, on the
//! demo data (the huanan workspace of demo/private, the published catalogue,
//! courses, terms and calendar) under a fixed "now", mostly Tuesday
//! 8 December 2026, a week before licence lic-xt5-branch expires.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use portal_core::calendar::BusinessCalendar;
use portal_core::model::{
    CalendarData, CloudFeature, Course, Patch, PrivateWorkspace, Product, ServiceTerms,
    TicketStatus, TicketSummary, Workspace,
};
use portal_core::outbox::{Item, State};
use portal_core::parse_json;
use portal_core::reminders::{
    expiry_stage, finish, grouped, is_earlier, next_seen, next_seen_of, notify_now,
    public_reminders, reminders, ticket_states, workspace_reminders, Digest, Inputs, Kind,
    Reminder,
};
use portal_core::settings::{Frequency, NoticeType, NotificationSettings, QuietHours};

fn read(path: &str) -> String {
    let file = format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file}: {e}"))
}

struct Demo {
    products: Vec<Product>,
    patches: Vec<Patch>,
    courses: Vec<Course>,
    terms: ServiceTerms,
    calendar: BusinessCalendar,
    workspace: Workspace,
}

fn demo() -> Demo {
    let data: CalendarData = parse_json("calendar", &read("public/api/sla/calendar.json")).unwrap();
    let private: PrivateWorkspace =
        parse_json("huanan", &read("demo/private/workspaces/huanan.json")).unwrap();
    Demo {
        products: parse_json("products", &read("public/api/products.json")).unwrap(),
        patches: parse_json("patches", &read("public/api/patches.json")).unwrap(),
        courses: parse_json("courses", &read("public/api/courses.json")).unwrap(),
        terms: parse_json("terms", &read("public/api/terms.json")).unwrap(),
        calendar: BusinessCalendar::new(&data),
        workspace: private.workspace,
    }
}

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

const NOW: &str = "2026-12-08T10:00:00+08:00";

fn run_with(
    d: &Demo,
    now: &str,
    ws: Option<&Workspace>,
    outbox: &[Item],
    seen: Option<&[(String, TicketStatus)]>,
    settings: &NotificationSettings,
) -> Vec<Reminder> {
    reminders(&Inputs {
        now: t(now),
        products: &d.products,
        patches: &d.patches,
        courses: &d.courses,
        terms: Some(&d.terms),
        calendar: Some(&d.calendar),
        workspace: ws,
        outbox,
        seen_tickets: seen,
        settings,
    })
}

fn run(d: &Demo, now: &str) -> Vec<Reminder> {
    run_with(
        d,
        now,
        Some(&d.workspace),
        &[],
        None,
        &NotificationSettings::default(),
    )
}

fn ids(list: &[Reminder]) -> Vec<&str> {
    list.iter().map(|r| r.id.as_str()).collect()
}

/// The ids of one rule's reminders (`"cloud:"`, `"refused:"`, …).
fn ids_of<'a>(list: &'a [Reminder], prefix: &str) -> Vec<&'a str> {
    ids(list)
        .into_iter()
        .filter(|i| i.starts_with(prefix))
        .collect()
}

fn find<'a>(list: &'a [Reminder], id: &str) -> &'a Reminder {
    list.iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("no {id} in {:?}", ids(list)))
}

// ---- renewals -------------------------------------------------------------

#[test]
fn expiry_stages_are_30_7_and_1_days_then_expired_for_30_days() {
    let ends = day("2026-12-15");
    assert_eq!(expiry_stage(ends, day("2026-11-14")), None);
    assert_eq!(expiry_stage(ends, day("2026-11-15")), Some(30));
    assert_eq!(expiry_stage(ends, day("2026-12-07")), Some(30));
    assert_eq!(expiry_stage(ends, day("2026-12-08")), Some(7));
    assert_eq!(expiry_stage(ends, day("2026-12-13")), Some(7));
    assert_eq!(expiry_stage(ends, day("2026-12-14")), Some(1));
    assert_eq!(expiry_stage(ends, day("2026-12-15")), Some(1));
    assert_eq!(expiry_stage(ends, day("2026-12-16")), Some(0));
    assert_eq!(expiry_stage(ends, day("2027-01-14")), Some(0));
    assert_eq!(expiry_stage(ends, day("2027-01-15")), None);
}

#[test]
fn a_licence_seven_days_from_expiry_gives_a_renewal_reminder_with_a_new_id_per_stage() {
    let d = demo();
    let week = run(&d, NOW);
    let r = find(&week, "licence:lic-xt5-branch:7");
    assert_eq!(r.kind, Kind::Licence);
    assert_eq!(r.notice, Some(NoticeType::Renewals));
    assert_eq!(r.due, t("2026-12-15T00:00:00+08:00"));
    assert_eq!(r.at, t("2026-12-08T00:00:00+08:00"));
    assert!(r.title.zh.contains("2026-12-15") && r.title.zh.contains("7"));
    assert_eq!(r.link, "/workspace");
    // Only the stage reached: the 30-day reminder is gone, the 1-day one not yet.
    assert!(!ids(&week).contains(&"licence:lic-xt5-branch:30"));
    let month = run(&d, "2026-11-20T10:00:00+08:00");
    assert!(ids(&month).contains(&"licence:lic-xt5-branch:30"));
    let last = run(&d, "2026-12-14T10:00:00+08:00");
    assert!(ids(&last).contains(&"licence:lic-xt5-branch:1"));
    let after = run(&d, "2026-12-20T10:00:00+08:00");
    assert!(find(&after, "licence:lic-xt5-branch:expired")
        .title
        .en
        .as_deref()
        .unwrap()
        .contains("expired"));
    // A licence years from expiry says nothing.
    assert!(ids_of(&week, "licence:lic-xt5-main").is_empty());
}

#[test]
fn the_service_period_nearing_its_end_gives_a_renewal_reminder() {
    let d = demo();
    // The contract ends 2027-05-31; 30 days before is 1 May.
    let list = run(&d, "2027-05-01T10:00:00+08:00");
    let r = find(&list, "service:SVC-2025-0601:30");
    assert_eq!(r.kind, Kind::ServicePeriod);
    assert!(ids_of(&run(&d, NOW), "service:").is_empty());
}

#[test]
fn the_first_month_of_the_service_period_is_the_handover_to_after_sales() {
    let d = demo();
    let list = run(&d, "2025-06-10T10:00:00+08:00");
    assert_eq!(
        find(&list, "handover:SVC-2025-0601").notice,
        Some(NoticeType::Handover)
    );
    assert!(!ids(&run(&d, "2025-07-01T10:00:00+08:00")).contains(&"handover:SVC-2025-0601"));
}

// ---- patches and security ------------------------------------------------------

#[test]
fn a_new_patch_for_a_deployed_version_gives_a_patch_reminder_linking_to_the_catalogue() {
    let d = demo();
    let list = run(&d, NOW);
    // xt5-p2026-1124 (V5.0.14, V5.0.15) is for the headquarters' V5.0.14.
    let r = find(&list, "patch:xt5-p2026-1124");
    assert_eq!(r.kind, Kind::Patch);
    assert_eq!(r.notice, Some(NoticeType::Patches));
    assert_eq!(r.link, "/patches?q=xt5-p2026-1124");
    assert_eq!(r.at, t("2026-11-24T00:00:00+08:00"));
    // Not yet released: not there the day before.
    assert!(!ids(&run(&d, "2026-11-23T10:00:00+08:00")).contains(&"patch:xt5-p2026-1124"));
}

#[test]
fn a_patch_needed_by_two_installations_is_one_reminder_naming_both() {
    let d = demo();
    let list = run(&d, NOW);
    let r = find(&list, "patch:xt5-p2026-1110");
    assert!(r.title.zh.contains("V5.0.14") && r.title.zh.contains("V5.0.13"));
    assert_eq!(
        ids(&list)
            .iter()
            .filter(|i| **i == "patch:xt5-p2026-1110")
            .count(),
        1
    );
}

#[test]
fn downloaded_superseded_and_older_than_the_version_patches_are_not_new() {
    let d = demo();
    let list = run(&d, NOW);
    let list = ids(&list);
    // Downloaded for V5.0.14.
    assert!(!list.contains(&"patch:secmgr1-p2026-0714"));
    // Superseded by xt5-p2026-1110, which also applies.
    assert!(!list.contains(&"patch:xt5-p2026-0818"));
    // Older than V5.0.14 itself (released 2025-04-22), though it applies to V5.0.13.
    assert!(!list.contains(&"patch:xt5-p2025-0218"));
    // Another product's patch is never listed for a deployment without it.
    let mut ws = d.workspace.clone();
    ws.deployments.retain(|x| x.product == "xt5");
    let only_xt5 = run_with(
        &d,
        NOW,
        Some(&ws),
        &[],
        None,
        &NotificationSettings::default(),
    );
    assert!(ids(&only_xt5)
        .iter()
        .all(|i| !i.contains("archive2") && !i.contains("secmgr1")));
}

#[test]
fn security_fixes_give_advisories_with_their_cnvd_and_cve_ids_critical_ones_as_major_events() {
    let d = demo();
    let list = run(&d, NOW);
    let major = find(&list, "security:xt5-p2026-1110");
    assert_eq!(major.kind, Kind::Security);
    assert_eq!(major.notice, Some(NoticeType::SecurityEvents));
    assert!(
        major.title.zh.contains("CVE-2026-45120") && major.title.zh.contains("CNVD-2026-31457")
    );
    let high = find(&list, "security:secmgr1-p2026-0210");
    assert_eq!(high.notice, Some(NoticeType::Vulnerabilities));
    // A bugfix has no advisory.
    assert!(!ids(&list).contains(&"security:xt5-p2026-1124"));
}

// ---- versions --------------------------------------------------------------

#[test]
fn a_newer_product_version_gives_an_upgrade_reminder_per_installed_version() {
    let d = demo();
    let list = run(&d, NOW);
    assert_eq!(
        find(&list, "upgrade:xt5:V5.0.14:V5.0.15").notice,
        Some(NoticeType::Upgrades)
    );
    assert!(ids(&list).contains(&"upgrade:xt5:V5.0.13:V5.0.15"));
    // secmgr1 V1.0.5 is the newest: nothing.
    assert!(ids_of(&list, "upgrade:secmgr1").is_empty());
    // Before V5.0.15 was released the newest was V5.0.14.
    let before = run(&d, "2026-05-18T10:00:00+08:00");
    assert!(ids(&before).contains(&"upgrade:xt5:V5.0.13:V5.0.14"));
}

#[test]
fn a_version_nearing_or_past_end_of_support_is_announced() {
    let d = demo();
    let mut ws = d.workspace.clone();
    ws.deployments[1].version = "V5.0.12".into(); // end of support 2026-06-30
    let soon = run_with(
        &d,
        "2026-04-15T10:00:00+08:00",
        Some(&ws),
        &[],
        None,
        &NotificationSettings::default(),
    );
    let r = find(&soon, "eos:xt5:V5.0.12:soon");
    assert_eq!(r.due, t("2026-06-30T00:00:00+08:00"));
    let far = run_with(
        &d,
        "2026-03-01T10:00:00+08:00",
        Some(&ws),
        &[],
        None,
        &NotificationSettings::default(),
    );
    assert!(ids_of(&far, "eos:").is_empty());
    let past = run_with(
        &d,
        NOW,
        Some(&ws),
        &[],
        None,
        &NotificationSettings::default(),
    );
    assert!(ids(&past).contains(&"eos:xt5:V5.0.12:past"));
}

// ---- courses, terms, outbox, tickets --------------------------------------------

#[test]
fn a_live_course_is_announced_from_a_day_before_until_it_ends() {
    let d = demo();
    // c2612-spam starts 2026-12-08 14:30 for 75 minutes.
    let r = find(&run(&d, NOW), "course:c2612-spam").clone();
    assert_eq!(r.due, t("2026-12-08T14:30:00+08:00"));
    assert_eq!(r.link, "/courses");
    assert!(r.title.zh.contains("14:30"));
    assert!(ids(&run(&d, "2026-12-07T14:29:00+08:00"))
        .iter()
        .all(|i| *i != "course:c2612-spam"));
    assert!(ids(&run(&d, "2026-12-08T15:44:00+08:00")).contains(&"course:c2612-spam"));
    assert!(!ids(&run(&d, "2026-12-08T15:45:00+08:00")).contains(&"course:c2612-spam"));
    // Public: shown without a workspace.
    let public = run_with(&d, NOW, None, &[], None, &NotificationSettings::default());
    assert!(ids(&public).contains(&"course:c2612-spam"));
}

#[test]
fn changed_terms_are_a_terms_reminder_due_at_the_end_of_the_objection_deadline() {
    let d = demo();
    let public = run_with(&d, NOW, None, &[], None, &NotificationSettings::default());
    let r = find(&public, "terms:2026.2");
    assert_eq!(r.kind, Kind::Terms);
    // Published 2026-11-30; the tenth working day is 2026-12-14, ending at 24:00.
    assert_eq!(r.due, t("2026-12-15T00:00:00+08:00"));
    assert!(
        r.title.zh.contains("2026-12-14") && r.title.en.as_deref().unwrap().contains("2026-12-14")
    );
    assert_eq!(r.link, "/terms");
    // After the period it is over; first terms (no earlier version) are no change.
    assert!(!ids(&run(&d, "2026-12-15T00:00:00+08:00")).contains(&"terms:2026.2"));
    let mut first = d.terms.clone();
    first.history.retain(|h| h.version == first.version);
    let list = reminders(&Inputs {
        now: t(NOW),
        products: &d.products,
        patches: &d.patches,
        courses: &[],
        terms: Some(&first),
        calendar: Some(&d.calendar),
        workspace: None,
        outbox: &[],
        seen_tickets: None,
        settings: &NotificationSettings::default(),
    });
    assert!(list.is_empty());
}

fn item(id: &str, state: State) -> Item {
    let mut i = Item::new(
        id.into(),
        "new_request",
        "部分用户无法收信".into(),
        None,
        "{}".into(),
        1.7e12,
    );
    i.state = state;
    i
}

#[test]
fn a_refused_outbox_item_is_a_reminder_until_removed() {
    let d = demo();
    let outbox = [
        item("a", State::Refused),
        item("b", State::Accepted),
        item("c", State::Queued),
    ];
    let list = run_with(
        &d,
        NOW,
        None,
        &outbox,
        None,
        &NotificationSettings::default(),
    );
    let refused: Vec<&str> = ids_of(&list, "refused:");
    assert_eq!(refused, ["refused:a"]);
    assert_eq!(find(&list, "refused:a").link, "/outbox");
    assert!(find(&list, "refused:a")
        .title
        .zh
        .contains("部分用户无法收信"));
}

fn ticket(number: &str, status: TicketStatus) -> TicketSummary {
    serde_json::from_value(serde_json::json!({
        "number": number, "code": "X", "title": "收信延迟", "product": "xt5",
        "priority": "P3", "channel": "online", "status": status.as_str(),
        "received": "2026-12-01T09:00:00+08:00"
    }))
    .unwrap()
}

#[test]
fn ticket_state_changes_since_the_last_visit_are_reminders_and_the_first_visit_has_none() {
    let d = demo();
    let mut ws = d.workspace.clone();
    ws.tickets = vec![
        ticket("CM2026-001414", TicketStatus::Replied),
        ticket("CM2026-001415", TicketStatus::Handling),
        ticket("CM2026-001416", TicketStatus::Submitted),
    ];
    let s = NotificationSettings::default();
    let first = run_with(&d, NOW, Some(&ws), &[], None, &s);
    assert!(ids_of(&first, "ticket:").is_empty());
    let seen = vec![
        ("CM2026-001414".to_owned(), TicketStatus::Handling),
        ("CM2026-001415".to_owned(), TicketStatus::Handling),
    ];
    let list = run_with(&d, NOW, Some(&ws), &[], Some(&seen), &s);
    let r = find(&list, "ticket:CM2026-001414:replied");
    assert_eq!(r.link, "/t/CM2026-001414");
    assert!(r.title.zh.contains("处理中 → 已答复"));
    assert!(find(&list, "ticket:CM2026-001416:submitted")
        .title
        .en
        .as_deref()
        .unwrap()
        .starts_with("New ticket"));
    assert!(ids_of(&list, "ticket:CM2026-001415").is_empty());
}

#[test]
fn the_last_visit_takes_in_a_new_state_only_once_its_reminder_is_read() {
    let d = demo();
    let mut ws = d.workspace.clone();
    ws.tickets = vec![
        ticket("CM2026-001414", TicketStatus::Replied),
        ticket("CM2026-001416", TicketStatus::Submitted),
    ];
    let seen = vec![
        ("CM2026-001414".to_owned(), TicketStatus::Handling),
        ("CM2026-001400".to_owned(), TicketStatus::Closed),
    ];
    let unread = next_seen(&ws, Some(&seen), &|_| false);
    assert_eq!(
        unread,
        vec![("CM2026-001414".to_owned(), TicketStatus::Handling)]
    );
    let read = next_seen(&ws, Some(&seen), &|id| id.starts_with("ticket:"));
    assert_eq!(
        read,
        vec![
            ("CM2026-001414".to_owned(), TicketStatus::Replied),
            ("CM2026-001416".to_owned(), TicketStatus::Submitted)
        ]
    );
    // The first visit records everything as seen.
    assert_eq!(next_seen(&ws, None, &|_| false).len(), 2);
}

#[test]
fn cloud_features_give_renewal_reminders_at_30_7_and_1_days_then_expired_one_per_feature_and_date()
{
    let d = demo();
    let mut ws = d.workspace.clone();
    // A second account whose Push ends the same day as finance.hq's.
    let mut twin = ws
        .cloud_features
        .iter()
        .find(|f| f.account == "finance.hq@demo-corp.cn" && f.feature == CloudFeature::Push)
        .unwrap()
        .clone();
    twin.account = "second@demo-corp.cn".into();
    ws.cloud_features.push(twin);
    let list = run_with(
        &d,
        NOW,
        Some(&ws),
        &[],
        None,
        &NotificationSettings::default(),
    );
    let cloud: Vec<&str> = ids_of(&list, "cloud:");
    // Push's last day 2026-12-12 (two accounts, one reminder): 5 days left, the 7-day stage.
    let push = find(&list, "cloud:push:2026-12-12:7");
    assert_eq!(push.kind, Kind::Licence);
    assert_eq!(push.notice, Some(NoticeType::Renewals));
    assert_eq!(push.link, "/licences");
    assert!(push.title.zh.contains("2 个账号"), "{}", push.title.zh);
    assert!(push.title.zh.contains("剩 5 天"), "{}", push.title.zh);
    assert!(push.title.get(true).contains("2 accounts"));
    // It stops at 00:00 the day after its last day; the 7-day stage began a week before.
    assert_eq!(push.due, t("2026-12-13T00:00:00+08:00"));
    assert_eq!(push.at, t("2026-12-06T00:00:00+08:00"));
    // Past their last day, active or recorded as expired: "expired", for 30 days.
    assert!(cloud.contains(&"cloud:push:2026-12-06:expired"));
    assert!(cloud.contains(&"cloud:push:2026-11-30:expired"));
    assert!(!cloud.iter().any(|i| i.contains("2026-09-30")));
    // 30 days ahead: SDN's 2026-12-20, Push's 2027-01-04.
    assert!(cloud.contains(&"cloud:overseas_sdn:2026-12-20:30"));
    assert!(cloud.contains(&"cloud:push:2027-01-04:30"));
    // Suspended, revoked and never opened features are not up for renewal.
    assert!(!cloud
        .iter()
        .any(|i| i.contains("2027-02-28") || i.contains("2026-10-31")));
    assert_eq!(cloud.len(), 5, "{cloud:?}");
    // The last day itself is the 1-day stage.
    let last_day = run_with(
        &d,
        "2026-12-12T09:00:00+08:00",
        Some(&ws),
        &[],
        None,
        &NotificationSettings::default(),
    );
    assert!(ids(&last_day).contains(&"cloud:push:2026-12-12:1"));
    // Renewals switched off: none.
    let mut off = NotificationSettings::default();
    off.get_mut(NoticeType::Renewals).enabled = false;
    let quiet = run_with(&d, NOW, Some(&ws), &[], None, &off);
    assert!(ids_of(&quiet, "cloud:").is_empty());
}

#[test]
fn the_public_and_the_workspace_halves_finished_together_are_the_reminders() {
    // The app computes the public half without the workspace's code and the
    // workspace half behind a split point; together they must be the list.
    let d = demo();
    let outbox = [item("a", State::Refused)];
    let seen = vec![("CM2026-001414".to_owned(), TicketStatus::Submitted)];
    let mut settings = NotificationSettings::default();
    settings.get_mut(NoticeType::Upgrades).enabled = false;
    for now in [
        NOW,
        "2026-11-20T09:00:00+08:00",
        "2027-01-10T12:00:00+08:00",
    ] {
        let inputs = Inputs {
            now: t(now),
            products: &d.products,
            patches: &d.patches,
            courses: &d.courses,
            terms: Some(&d.terms),
            calendar: Some(&d.calendar),
            workspace: Some(&d.workspace),
            outbox: &outbox,
            seen_tickets: Some(&seen),
            settings: &settings,
        };
        let whole = reminders(&inputs);
        let public = public_reminders(&Inputs {
            workspace: None,
            products: &[],
            patches: &[],
            ..inputs
        });
        let private = workspace_reminders(
            &Inputs {
                courses: &[],
                outbox: &[],
                terms: None,
                ..inputs
            },
            &d.workspace,
        );
        assert!(public
            .iter()
            .all(|r| r.link != "/workspace" && !r.link.starts_with("/patches")));
        assert!(!private.is_empty());
        let halves = finish(public.into_iter().chain(private).collect(), &settings);
        assert_eq!(halves, whole, "at {now}");
    }
    // The last visit's states from the tickets alone, as from the workspace.
    assert_eq!(
        next_seen_of(&ticket_states(&d.workspace), Some(&seen), &|_| false),
        next_seen(&d.workspace, Some(&seen), &|_| false)
    );
}

// ---- settings ----------------------------------------------------------------

#[test]
fn a_type_switched_off_produces_nothing() {
    let d = demo();
    let mut ws = d.workspace.clone();
    ws.tickets = vec![ticket("CM2026-001414", TicketStatus::Replied)];
    let seen = vec![("CM2026-001414".to_owned(), TicketStatus::Handling)];
    for t in NoticeType::ALL {
        let mut s = NotificationSettings::default();
        s.get_mut(t).enabled = false;
        for now in [NOW, "2025-06-10T10:00:00+08:00"] {
            let list = run_with(&d, now, Some(&ws), &[], Some(&seen), &s);
            assert!(list.iter().all(|r| r.notice != Some(t)), "{t} off at {now}");
        }
        // …and the others are still there.
        let on = run_with(
            &d,
            NOW,
            Some(&ws),
            &[],
            Some(&seen),
            &NotificationSettings::default(),
        );
        assert!(
            on.iter().any(|r| r.notice == Some(t)) || t == NoticeType::Handover,
            "{t} on"
        );
    }
}

#[test]
fn reminders_are_newest_first() {
    let list = run(&demo(), NOW);
    assert!(list.windows(2).all(|w| w[0].at >= w[1].at));
}

#[test]
fn digests_group_by_beijing_day_or_iso_week_and_immediate_ones_come_first() {
    let d = demo();
    let mut s = NotificationSettings::default();
    s.types.patches.frequency = Frequency::Daily;
    s.types.upgrades.frequency = Frequency::Weekly;
    let list = run_with(&d, NOW, Some(&d.workspace), &[], None, &s);
    let groups = grouped(&list, &s);
    assert_eq!(groups[0].0, Digest::Immediate);
    assert!(groups[0]
        .1
        .iter()
        .any(|r| r.id == "licence:lic-xt5-branch:7"));
    let day = groups
        .iter()
        .find(|(g, _)| *g == Digest::Day(day("2026-11-24")))
        .expect("the digest of 24 November");
    assert_eq!(
        day.1.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        ["patch:xt5-p2026-1124"]
    );
    // V5.0.15 was released Tuesday 19 May 2026: ISO week 2026-W21.
    let week = groups
        .iter()
        .find(|(g, _)| matches!(g, Digest::Week(w) if w.to_string() == "2026-W21"))
        .expect("the digest of 2026-W21");
    assert_eq!(week.1.len(), 2);
    // Digests newest first.
    let starts: Vec<_> = groups.iter().skip(1).map(|(g, _)| *g).collect();
    assert!(starts.windows(2).all(|w| match (w[0], w[1]) {
        (Digest::Day(a), Digest::Day(b)) => a > b,
        _ => true,
    }));
}

#[test]
fn a_digest_day_is_the_beijing_day_not_the_utc_one() {
    let d = demo();
    let mut s = NotificationSettings::default();
    s.types.patches.frequency = Frequency::Daily;
    // Released 2026-11-24 at 00:00 Beijing, which is still 23 November in UTC.
    let list = run_with(&d, NOW, Some(&d.workspace), &[], None, &s);
    let r = find(&list, "patch:xt5-p2026-1124");
    assert_eq!(
        portal_core::reminders::digest(r, &s),
        Digest::Day(day("2026-11-24"))
    );
}

#[test]
fn a_browser_notification_waits_for_working_time_and_only_for_immediate_browser_types() {
    let d = demo();
    let list = run(&d, NOW);
    let licence = find(&list, "licence:lic-xt5-branch:7");
    let s = NotificationSettings::default();
    // Tuesday 10:00: working time.
    assert!(notify_now(licence, &s, &d.calendar, t(NOW)));
    // Tuesday 07:30: quiet until 09:00.
    assert!(!notify_now(
        licence,
        &s,
        &d.calendar,
        t("2026-12-08T07:30:00+08:00")
    ));
    // Quiet hours off: at once.
    let mut off = s.clone();
    off.quiet_hours = QuietHours::Off;
    assert!(notify_now(
        licence,
        &off,
        &d.calendar,
        t("2026-12-08T07:30:00+08:00")
    ));
    // No browser channel, or a digest: never a notification.
    let mut no_browser = off.clone();
    no_browser.types.renewals.channels.browser = false;
    assert!(!notify_now(licence, &no_browser, &d.calendar, t(NOW)));
    let mut digest = off.clone();
    digest.types.renewals.frequency = Frequency::Daily;
    assert!(!notify_now(licence, &digest, &d.calendar, t(NOW)));
}

#[test]
fn digests_before_this_iso_week_are_the_earlier_ones() {
    let date = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    // Tuesday 2026-12-08: its ISO week starts on Monday 2026-12-07.
    let today = date("2026-12-08");
    assert!(!is_earlier(&Digest::Immediate, today));
    assert!(!is_earlier(&Digest::Day(date("2026-12-07")), today));
    assert!(is_earlier(&Digest::Day(date("2026-12-06")), today));
    assert!(is_earlier(&Digest::Day(date("2026-11-24")), today));
    let week = |d: &str| {
        let w = date(d).iso_week();
        Digest::Week(portal_core::kb::IsoWeek {
            year: w.year(),
            week: w.week(),
        })
    };
    assert!(!is_earlier(&week("2026-12-10"), today));
    assert!(is_earlier(&week("2026-12-01"), today));
    // Across a year: ISO week 1 of 2027 starts on Monday 2027-01-04.
    assert!(is_earlier(&week("2026-12-31"), date("2027-01-05")));
    assert!(!is_earlier(&week("2027-01-04"), date("2027-01-05")));
}
