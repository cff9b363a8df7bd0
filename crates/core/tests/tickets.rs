//! Workflow progress and the history list, on the shipped demo tickets.

use chrono::{DateTime, FixedOffset};
use portal_core::keys::{customer_key, ticket_key};
use portal_core::model::{
    CalendarData, CustomerHistory, Priority, SlaPolicy, Ticket, TicketStatus,
};
use portal_core::parse_json;
use portal_core::sla::{SlaEngine, SlaState};
use portal_core::tickets::{
    counts, history_rows, progress, HistoryQuery, HistorySort, StatusFilter,
};
use std::path::PathBuf;

fn api(path: &str) -> String {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../public/api")
        .join(path);
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

fn engine() -> SlaEngine {
    let policy: SlaPolicy = parse_json("sla/policy.json", &api("sla/policy.json")).unwrap();
    let calendar: CalendarData =
        parse_json("sla/calendar.json", &api("sla/calendar.json")).unwrap();
    SlaEngine::new(&policy, &calendar).unwrap()
}

fn ticket(number: &str, email: &str) -> Ticket {
    let path = format!("tickets/{}.json", ticket_key(number, email));
    parse_json(&path, &api(&path)).unwrap()
}

fn huanan() -> CustomerHistory {
    let path = format!("customers/{}.json", customer_key("DEMO-HUANAN-2026"));
    parse_json(&path, &api(&path)).unwrap()
}

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-26T12:00:00+08:00").unwrap()
}

#[test]
fn a_closed_ticket_has_reached_every_step_with_its_time() {
    let t = ticket("CM2026-001244", "zhang.li@demo-corp.cn");
    let steps = progress(&t);
    assert_eq!(steps.len(), 6);
    assert!(
        steps.iter().all(|s| s.reached && s.at.is_some()),
        "{steps:?}"
    );
    assert!(steps.windows(2).all(|w| w[0].at <= w[1].at));
    assert_eq!(steps.iter().filter(|s| s.current).count(), 1);
    assert_eq!(steps[5].step, TicketStatus::Closed);
    assert!(steps[5].current);
    assert_eq!(steps[0].at, Some(t.received));
}

#[test]
fn a_just_submitted_ticket_has_only_its_first_step() {
    let t = ticket("CM2026-001414", "chen.ming@demo-corp.cn");
    let steps = progress(&t);
    assert!(steps[0].reached && steps[0].current);
    assert_eq!(steps[0].at, Some(t.received));
    assert!(steps[1..].iter().all(|s| !s.reached && s.at.is_none()));
}

#[test]
fn late_and_overdue_tickets_count_as_breached() {
    let e = engine();
    let rows = history_rows(&huanan(), &e, &now());
    let state = |n: &str| {
        rows.iter()
            .find(|r| r.summary.number == n)
            .and_then(|r| r.state)
    };
    assert_eq!(state("CM2026-001176"), Some(SlaState::Breached)); // answered late
    assert_eq!(state("CM2026-001326"), Some(SlaState::Breached)); // still waiting, overdue
    assert_eq!(state("CM2026-001244"), Some(SlaState::Met));
    let c = counts(&rows);
    assert_eq!(c.total, rows.len());
    assert!(c.breached >= 2);
    assert_eq!(
        c.open,
        rows.iter()
            .filter(|r| r.summary.status != TicketStatus::Closed)
            .count()
    );
}

#[test]
fn filters_combine_and_keep_only_matching_tickets() {
    let rows = history_rows(&huanan(), &engine(), &now());
    let q = HistoryQuery {
        status: StatusFilter::Open,
        priority: Some(Priority::P3),
        ..HistoryQuery::default()
    };
    let got = q.apply(&rows);
    assert!(!got.is_empty());
    assert!(got
        .iter()
        .all(|r| r.summary.status != TicketStatus::Closed && r.summary.priority == Priority::P3));
    let closed = HistoryQuery {
        status: StatusFilter::Closed,
        ..HistoryQuery::default()
    };
    assert_eq!(closed.apply(&rows).len() + counts(&rows).open, rows.len());
}

#[test]
fn title_search_finds_chinese_words_and_ignores_ascii_case() {
    let rows = history_rows(&huanan(), &engine(), &now());
    let search = |s: &str| {
        HistoryQuery {
            search: s.into(),
            ..HistoryQuery::default()
        }
        .apply(&rows)
    };
    let imap = search("imap");
    assert!(!imap.is_empty());
    assert!(imap
        .iter()
        .all(|r| r.summary.title.to_ascii_lowercase().contains("imap")));
    assert_eq!(search("IMAP").len(), imap.len());
    assert!(search("不存在的标题词").is_empty());
}

#[test]
fn sorting_by_date_or_by_deadline() {
    let rows = history_rows(&huanan(), &engine(), &now());
    let newest = HistoryQuery::default().apply(&rows);
    assert!(newest
        .windows(2)
        .all(|w| w[0].summary.received >= w[1].summary.received));
    let by_deadline = HistoryQuery {
        sort: HistorySort::DeadlineFirst,
        ..HistoryQuery::default()
    }
    .apply(&rows);
    assert_eq!(by_deadline.len(), rows.len());
    assert!(by_deadline
        .windows(2)
        .all(|w| match (w[0].deadline, w[1].deadline) {
            (Some(a), Some(b)) => a <= b,
            (None, Some(_)) => false,
            _ => true,
        }));
}
