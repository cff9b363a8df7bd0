//! Workflow progress and the history list, on the shipped demo tickets.

use chrono::{DateTime, FixedOffset};
use portal_core::model::{
    CalendarData, Priority, PrivateTicket, SlaPolicy, Ticket, TicketStatus, TicketSummary,
    Workspace,
};
use portal_core::parse_json;
use portal_core::sla::{SlaEngine, SlaState};
use portal_core::tickets::{
    counts, history_rows, progress, HistoryCounts, HistoryQuery, HistorySort, StatusFilter,
};
use portal_core::validate::{validate_private, ApiSource};
use std::path::PathBuf;

fn root(dir: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(dir)
}

fn api(path: &str) -> String {
    let file = root("public/api").join(path);
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

/// The demo's public API or its private source, read from disk.
struct Dir(PathBuf);

impl ApiSource for Dir {
    fn read(&self, path: &str) -> Result<Option<String>, String> {
        Ok(std::fs::read_to_string(self.0.join(path)).ok())
    }
    fn list(&self, dir: &str) -> Result<Vec<String>, String> {
        let Ok(entries) = std::fs::read_dir(self.0.join(dir)) else {
            return Ok(Vec::new());
        };
        Ok(entries
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect())
    }
}

fn engine() -> SlaEngine {
    let policy: SlaPolicy = parse_json("sla/policy.json", &api("sla/policy.json")).unwrap();
    let calendar: CalendarData =
        parse_json("sla/calendar.json", &api("sla/calendar.json")).unwrap();
    SlaEngine::new(&policy, &calendar).unwrap()
}

fn ticket(number: &str) -> Ticket {
    let path = root("demo/private/tickets").join(format!("{number}.json"));
    let text = std::fs::read_to_string(&path).unwrap();
    parse_json::<PrivateTicket>("ticket", &text).unwrap().ticket
}

/// 华南示范集团's ticket history, as `portal publish` seals it.
fn huanan() -> Vec<TicketSummary> {
    let (problems, sealed) = validate_private(&Dir(root("public/api")), &Dir(root("demo/private")));
    assert_eq!(problems, []);
    sealed
        .iter()
        .filter(|s| s.number.is_none())
        .map(|s| parse_json::<Workspace>("workspace", &s.json).unwrap())
        .find(|w| w.id == "huanan")
        .unwrap()
        .tickets
}

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-26T12:00:00+08:00").unwrap()
}

#[test]
fn a_closed_ticket_has_reached_every_step_with_its_time() {
    let t = ticket("CM2026-001244");
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
    let t = ticket("CM2026-001414");
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
    // Counted by hand in customers/ea82c315….json (华南示范集团), at Thu
    // 2026-11-26 12:00: 17 tickets, 6 of them `closed` (001244, 001220,
    // 001176, 001118, 000730, 000329), so 11 open. Breached, 5:
    // - 001414 P1 e-mail, Thu 26 Nov 08:12: counts from 09:00, due 10:00, no reply at 12:00;
    // - 001326 P3 e-mail, Tue 24 Nov 16:00: 5 h to 21:00 + 3 h Wed, due Wed 12:00, no reply;
    // - 001303 P1 e-mail, Mon 23 Nov 07:50: due 10:00, replied 10:25;
    // - 001268 P2 e-mail, Mon 16 Nov 10:00: due 18:00, replied Tue 10:30;
    // - 001176 P3 online, Tue 20 Oct 16:00: 2 h + 6 h Wed, due Wed 21 Oct 15:00,
    //   replied Thu 09:40.
    // The other 12 were replied to within minutes of the clock starting (001280
    // at 21:40, after e-mail closes, at 09:20 the next morning; 001118 during
    // National Day at 10:20 on Thu 8 Oct, its first working day): met.
    assert_eq!(
        counts(&rows),
        HistoryCounts {
            total: 17,
            open: 11,
            breached: 5
        }
    );
    let mut breached: Vec<&str> = rows
        .iter()
        .filter(|r| r.state == Some(SlaState::Breached))
        .map(|r| r.summary.number.as_str())
        .collect();
    breached.sort_unstable();
    assert_eq!(
        breached,
        [
            "CM2026-001176",
            "CM2026-001268",
            "CM2026-001303",
            "CM2026-001326",
            "CM2026-001414"
        ]
    );
    let met = rows
        .iter()
        .filter(|r| r.state == Some(SlaState::Met))
        .count();
    assert_eq!(met, 12);
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
    // By hand: the P3 tickets not closed are 001396 (accepted), 001348
    // (handling), 001326 (submitted), 001296 and 001280 (replied); newest first.
    let numbers: Vec<&str> = got.iter().map(|r| r.summary.number.as_str()).collect();
    assert_eq!(
        numbers,
        [
            "CM2026-001396",
            "CM2026-001348",
            "CM2026-001326",
            "CM2026-001296",
            "CM2026-001280"
        ]
    );
    assert!(got
        .iter()
        .all(|r| r.summary.status != TicketStatus::Closed && r.summary.priority == Priority::P3));
    let closed = HistoryQuery {
        status: StatusFilter::Closed,
        ..HistoryQuery::default()
    };
    // 001244, 001220, 001176, 001118, 000730, 000329.
    assert_eq!(closed.apply(&rows).len(), 6);
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
    // By hand: 001318 "安装 … 后 IMAP 无法启动" and 001244 "IMAP 服务频繁中断…".
    let numbers: Vec<&str> = imap.iter().map(|r| r.summary.number.as_str()).collect();
    assert_eq!(numbers, ["CM2026-001318", "CM2026-001244"]);
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
