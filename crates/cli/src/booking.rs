//! `portal slots` and `portal onsite`: engineer booking from the command
//! line, answered by the same core code as the app's booking page
//! (`portal_core::booking`, `portal_core::geo`).

use chrono::NaiveDate;
use portal_core::booking::{slots, SlotError, SlotQuery};
use portal_core::calendar::BusinessCalendar;
use portal_core::geo::{assess_onsite, LatLon};
use portal_core::model::{BookingKind, CalendarData, Engineer, ServiceStation, SlaPolicy};
use portal_core::{files, parse_json};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::path::Path;

/// One file of the API directory, parsed; the error names the file.
fn load<T: DeserializeOwned>(api: &Path, file: &str) -> Result<T, String> {
    let path = api.join(file);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    parse_json(file, &text).map_err(|e| format!("{}: {e}", api.display()))
}

/// What `portal slots` found: the slots as a JSON array, or why the
/// calendar cannot answer (a date it does not cover).
pub enum SlotsAnswer {
    /// The JSON array, as printed.
    Slots(String),
    NotCovered(String),
}

/// The free slots as `[{engineer, start, end}, …]`. `Err` is a usage
/// error naming the flag (an unknown station, a backwards or overlong
/// range) or a file that cannot be read.
pub fn free_slots(
    api: &Path,
    kind: BookingKind,
    from: NaiveDate,
    to: NaiveDate,
    station: Option<&str>,
) -> Result<SlotsAnswer, String> {
    let engineers: Vec<Engineer> = load(api, files::ENGINEERS)?;
    let data: CalendarData = load(api, files::CALENDAR)?;
    if let Some(id) = station {
        let stations: Vec<ServiceStation> = load(api, files::STATIONS)?;
        if !stations.iter().any(|s| s.id == id) {
            let known: Vec<&str> = stations.iter().map(|s| s.id.as_str()).collect();
            return Err(format!(
                "invalid value '{id}' for '--station <ID>': no such station in {} (expected {})",
                api.join(files::STATIONS).display(),
                known.join(", ")
            ));
        }
    }
    let calendar = BusinessCalendar::new(&data);
    let query = SlotQuery {
        kind,
        from,
        to,
        station,
        not_before: None,
    };
    match slots(&engineers, &calendar, &query) {
        // In the order of the fields of `Slot`: engineer, start, end.
        Ok(found) => serde_json::to_string(&found)
            .map(SlotsAnswer::Slots)
            .map_err(|e| e.to_string()),
        Err(SlotError::OutOfCoverage(e)) => Ok(SlotsAnswer::NotCovered(e.to_string())),
        Err(e @ (SlotError::EmptyRange { .. } | SlotError::RangeTooLong { .. })) => {
            Err(format!("invalid value '{to}' for '--to <DATE>': {e}"))
        }
    }
}

/// What `portal onsite` prints, in this order.
#[derive(Serialize)]
struct OnsiteAnswer<'a> {
    station: &'a str,
    /// To 10 m; `within_40km` is decided on the exact distance.
    distance_km: f64,
    within_40km: bool,
    rule: String,
}

/// `{station, distance_km, within_40km, rule}` for a site, as JSON text.
pub fn onsite(api: &Path, site: LatLon) -> Result<String, String> {
    let stations: Vec<ServiceStation> = load(api, files::STATIONS)?;
    let policy: SlaPolicy = load(api, files::SLA_POLICY)?;
    let a = assess_onsite(&stations, site, &policy.onsite).ok_or_else(|| {
        format!(
            "{}: no service stations",
            api.join(files::STATIONS).display()
        )
    })?;
    serde_json::to_string(&OnsiteAnswer {
        station: &a.station.id,
        distance_km: (a.distance_km * 100.0).round() / 100.0,
        within_40km: a.within_radius,
        rule: a.arrival.name(),
    })
    .map_err(|e| e.to_string())
}
