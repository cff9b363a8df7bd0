//! `portal sla`: response deadlines from the command line, one request or a
//! JSON Lines batch, computed by the same engine as the app.

use portal_core::model::{CalendarData, Channel, Priority, SlaPolicy};
use portal_core::sla::{parse_channel, parse_priority, parse_time, SlaEngine, SlaError};
use portal_core::{files, parse_json};
use serde::Deserialize;
use serde_json::json;
use std::io::{BufRead, Write};
use std::path::Path;

/// Loads `sla/policy.json` and `sla/calendar.json` from an API directory.
pub fn load_engine(api: &Path) -> Result<SlaEngine, String> {
    let read = |file: &str| {
        std::fs::read_to_string(api.join(file))
            .map_err(|e| format!("{}: {e}", api.join(file).display()))
    };
    let policy: SlaPolicy =
        parse_json(files::SLA_POLICY, &read(files::SLA_POLICY)?).map_err(|e| e.to_string())?;
    let calendar: CalendarData =
        parse_json(files::CALENDAR, &read(files::CALENDAR)?).map_err(|e| e.to_string())?;
    SlaEngine::new(&policy, &calendar).map_err(|e| e.to_string())
}

/// One request, as the batch input spells it.
#[derive(Deserialize)]
struct Request {
    priority: String,
    channel: String,
    received: String,
}

/// The deadline of one request, as a JSON object. The priority and channel
/// come already parsed (the command line checks them as flags); the received
/// time is read here, so a time the engine cannot use is answered like any
/// other request it cannot answer.
pub fn one(
    engine: &SlaEngine,
    p: Priority,
    c: Channel,
    received: &str,
) -> Result<serde_json::Value, SlaError> {
    let r = parse_time(received)?;
    let deadline = engine.response_deadline(p, c, &r)?;
    Ok(json!({
        "priority": p.as_str(),
        "channel": c.as_str(),
        "received": r.to_rfc3339(),
        "target_minutes": engine.target_minutes(p),
        "deadline": deadline.to_rfc3339(),
    }))
}

/// One batch line's request, with its priority and channel still as typed.
fn answer(engine: &SlaEngine, r: &Request) -> Result<serde_json::Value, SlaError> {
    let p = parse_priority(&r.priority)?;
    let c = parse_channel(&r.channel)?;
    one(engine, p, c, &r.received)
}

/// Reads JSON Lines from `input`, writes one line per input line, in order:
/// `{"deadline": …}` or `{"error": …}`. Blank lines are skipped.
pub fn batch(
    engine: &SlaEngine,
    input: impl BufRead,
    mut output: impl Write,
) -> std::io::Result<()> {
    for (n, line) in input.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let answer = match serde_json::from_str::<Request>(&line) {
            Err(e) => json!({ "error": format!("line {}: not a request object: {e}", n + 1) }),
            Ok(r) => match answer(engine, &r) {
                Ok(v) => json!({ "deadline": v["deadline"] }),
                Err(e) => json!({ "error": e.to_string() }),
            },
        };
        writeln!(output, "{answer}")?;
    }
    output.flush()
}
