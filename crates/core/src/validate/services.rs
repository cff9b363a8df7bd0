//! `services.json`, `stations.json`, `engineers.json`, `courses.json` and
//! `security/guard.json`: what the service centre delivers, from where, by
//! whom, and the reports it publishes for the demo enterprise.

use super::Validator;
use crate::model::*;
use crate::parse::files;
use chrono::NaiveDate;
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

    /// A security report at `at` in `file`: its period and one row per day
    /// inside it.
    pub(super) fn check_report(
        &mut self,
        file: &str,
        at: &str,
        from: NaiveDate,
        to: NaiveDate,
        days: &[NaiveDate],
    ) {
        if from > to {
            self.problem(
                file,
                format!("{at}.period_to"),
                "period ends before it starts",
            );
        }
        let mut seen = HashSet::new();
        for (i, day) in days.iter().enumerate() {
            if !seen.insert(*day) {
                self.problem(
                    file,
                    format!("{at}.daily[{i}].date"),
                    format!("{day} has more than one row"),
                );
            }
            if *day < from || *day > to {
                self.problem(
                    file,
                    format!("{at}.daily[{i}].date"),
                    format!("{day} is outside the report period"),
                );
            }
        }
    }
}
