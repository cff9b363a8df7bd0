//! Deadlines per second, natively, one core: the engine against a plain
//! day-by-day walk over the same calendar, in the same run, on seven cases
//! (`support/cases.rs`, each with its hand-worked deadline).
//!
//! **What "the gap" is.** Five cases are named by the request → deadline
//! span: one hour, one day, one week, one month and one year, each under an
//! SLA target equal to the open time that span holds (1 h, 9 h, 45 h, 189 h,
//! 2232 h by phone). The span, not the target, is what a plain walk pays
//! for: it visits every calendar day between request and deadline, weekends
//! and holidays included. So if the engine's time stays flat from the hour to
//! the year while the walk's grows with the days, the engine's cost does not
//! grow with the gap. The other two cases are the shipped policy as users
//! meet it: P1 by phone due the same day, and P3 by e-mail from the 调休
//! Saturday across the 2026 Spring Festival.
//!
//! Each case is one Criterion group, `target/criterion/<case>/`, with two
//! functions measured one after the other: `engine` (`SlaEngine::response_deadline`)
//! and `day_by_day` (`support/day_by_day.rs`). Both must give the hand-worked
//! deadline before either is timed, so a wrong answer fails the run instead
//! of being measured. `scripts/bench-sla.sh` runs this and prints the table.

mod support;

use chrono::{DateTime, FixedOffset};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use portal_core::sla::SlaEngine;
use std::hint::black_box;
use support::cases::CASES;
use support::day_by_day::DayByDay;

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("an RFC 3339 time in the cases")
}

fn deadlines(c: &mut Criterion) {
    let (shipped, calendar) = support::shipped();
    let cases: Vec<_> = CASES
        .iter()
        .map(|case| {
            let policy = case.policy(&shipped);
            let engine = SlaEngine::new(&policy, &calendar).expect("the engine accepts the policy");
            let reference = DayByDay::new(&policy, &calendar);
            (case, engine, reference, at(case.received), at(case.due))
        })
        .collect();
    // Every answer is checked before anything is timed.
    for (case, engine, reference, received, due) in &cases {
        let (p, ch) = (case.priority, case.channel);
        assert_eq!(
            engine.response_deadline(p, ch, received),
            Ok(*due),
            "engine, {}",
            case.name
        );
        assert_eq!(
            reference.response_deadline(p, ch, received),
            Some(*due),
            "day by day, {}",
            case.name
        );
    }
    for (case, engine, reference, received, _) in &cases {
        let (p, ch) = (case.priority, case.channel);
        let mut group = c.benchmark_group(case.name);
        group.throughput(Throughput::Elements(1));
        group.bench_function("engine", |b| {
            b.iter(|| engine.response_deadline(black_box(p), black_box(ch), black_box(received)))
        });
        group.bench_function("day_by_day", |b| {
            b.iter(|| reference.response_deadline(black_box(p), black_box(ch), black_box(received)))
        });
        group.finish();
    }
}

criterion_group!(benches, deadlines);
criterion_main!(benches);
