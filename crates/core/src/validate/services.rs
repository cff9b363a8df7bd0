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
        self.unique_ids(file, classes, |c| &c.id);
        self.unique_ids_at(
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
        self.unique_ids(file, stations, |s| &s.id)
    }

    pub(super) fn check_engineers(
        &mut self,
        engineers: &[Engineer],
        stations: Option<&HashSet<String>>,
    ) {
        let file = files::ENGINEERS;
        self.unique_ids(file, engineers, |e| &e.id);
        for (i, e) in engineers.iter().enumerate() {
            self.check_listed(
                file,
                format!("$[{i}].station"),
                "service station",
                &e.station,
                files::STATIONS,
                stations,
            );
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
        self.unique_ids(files::COURSES, courses, |c| &c.id);
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
