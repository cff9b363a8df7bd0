//! Deadlines per second, natively, one core: a request due the same
//! afternoon against one that crosses the whole 2026 Spring Festival.
//! `scripts/bench-sla.sh` runs this and prints the ratio.

use chrono::{DateTime, FixedOffset};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use portal_core::model::{CalendarData, Channel, Priority, SlaPolicy};
use portal_core::parse_json;
use portal_core::sla::SlaEngine;
use std::hint::black_box;

fn engine() -> SlaEngine {
    let policy: SlaPolicy = parse_json(
        "sla/policy.json",
        include_str!("../../../public/api/sla/policy.json"),
    )
    .expect("policy");
    let calendar: CalendarData = parse_json(
        "sla/calendar.json",
        include_str!("../../../public/api/sla/calendar.json"),
    )
    .expect("calendar");
    SlaEngine::new(&policy, &calendar).expect("engine")
}

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("time")
}

fn deadlines(c: &mut Criterion) {
    let engine = engine();
    let mut group = c.benchmark_group("deadline");
    group.throughput(Throughput::Elements(1));
    // P1 by phone at 10:00 on a Thursday: due 11:00 the same day.
    let same_day = at("2026-11-26T10:00:00+08:00");
    group.bench_function("same_day", |b| {
        b.iter(|| {
            engine.response_deadline(
                black_box(Priority::P1),
                black_box(Channel::Phone),
                black_box(&same_day),
            )
        })
    });
    // P3 by e-mail at 19:50 on the adjusted Saturday before the Spring
    // Festival: skips the night and nine holidays, due 24 Feb 15:50.
    let cross_holiday = at("2026-02-14T19:50:00+08:00");
    group.bench_function("cross_spring_festival", |b| {
        b.iter(|| {
            engine.response_deadline(
                black_box(Priority::P3),
                black_box(Channel::Email),
                black_box(&cross_holiday),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, deadlines);
criterion_main!(benches);
