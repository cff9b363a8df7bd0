//! `services.json`, `stations.json`, `engineers.json`, `courses.json` and
//! `security/guard.json`: what the service centre delivers, from where, by
//! whom, and the reports it publishes for the demo enterprise.

use super::Validator;
use crate::model::*;
use crate::parse::files;
use std::collections::HashSet;

impl Validator<'_> {
    pub(super) fn check_services(&mut self, classes: &[ServiceClass]) {
        let file = files::SERVICES;
        self.unique_ids(
            file,
            classes
                .iter()
                .enumerate()
                .map(|(i, c)| (format!("$[{i}].id"), c.id.as_str())),
        );
        self.unique_ids(
            file,
            classes.iter().enumerate().flat_map(|(i, c)| {
                c.items
                    .iter()
                    .enumerate()
                    .map(move |(j, s)| (format!("$[{i}].items[{j}].id"), s.id.as_str()))
            }),
        );
    }

    pub(super) fn check_stations(&mut self, stations: &[ServiceStation]) -> HashSet<String> {
        let file = files::STATIONS;
        for (i, s) in stations.iter().enumerate() {
            if !(-90.0..=90.0).contains(&s.lat) || !(-180.0..=180.0).contains(&s.lon) {
                self.problem(
                    file,
                    format!("$[{i}]"),
                    "lat must be within ±90 and lon within ±180",
                );
            }
        }
        self.unique_ids(
            file,
            stations
                .iter()
                .enumerate()
                .map(|(i, s)| (format!("$[{i}].id"), s.id.as_str())),
        )
    }

    pub(super) fn check_engineers(
        &mut self,
        engineers: &[Engineer],
        stations: Option<&HashSet<String>>,
    ) {
        let file = files::ENGINEERS;
        self.unique_ids(
            file,
            engineers
                .iter()
                .enumerate()
                .map(|(i, e)| (format!("$[{i}].id"), e.id.as_str())),
        );
        for (i, e) in engineers.iter().enumerate() {
            if stations.is_some_and(|s| !s.contains(&e.station)) {
                self.problem(
                    file,
                    format!("$[{i}].station"),
                    format!(
                        "unknown service station `{}` (not in {})",
                        e.station,
                        files::STATIONS
                    ),
                );
            }
            for (j, b) in e.booked.iter().enumerate() {
                if b.from >= b.to {
                    self.problem(
                        file,
                        format!("$[{i}].booked[{j}]"),
                        "a booking must end after it starts",
                    );
                }
            }
        }
    }
    pub(super) fn check_courses(&mut self, courses: &[Course]) {
        self.unique_ids(
            files::COURSES,
            courses
                .iter()
                .enumerate()
                .map(|(i, c)| (format!("$[{i}].id"), c.id.as_str())),
        );
    }

    pub(super) fn check_guard(&mut self, guard: &GuardReport) {
        if guard.period_from > guard.period_to {
            self.problem(files::GUARD, "$.period_to", "period ends before it starts");
        }
        let mut days = HashSet::new();
        for (i, day) in guard.daily.iter().enumerate() {
            if !days.insert(day.date) {
                self.problem(
                    files::GUARD,
                    format!("$.daily[{i}].date"),
                    format!("{} has more than one row", day.date),
                );
            }
            if day.date < guard.period_from || day.date > guard.period_to {
                self.problem(
                    files::GUARD,
                    format!("$.daily[{i}].date"),
                    format!("{} is outside the report period", day.date),
                );
            }
        }
    }
}
