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

    /// `courses.json`: unique ids, a course that lasts, and a recording link
    /// the course page will show (`courses::replay_link`: `https:` only), so
    /// a link the page would drop is caught at publish time, not silently
    /// shown as "no recording yet".
    pub(super) fn check_courses(&mut self, courses: &[Course]) {
        self.unique_ids(files::COURSES, courses, |c| &c.id);
        for (i, c) in courses.iter().enumerate() {
            if c.duration_minutes == 0 {
                self.problem(
                    files::COURSES,
                    format!("$[{i}].duration_minutes"),
                    "a course lasts at least one minute",
                );
            }
            if c.replay_url.is_some() && crate::courses::replay_link(c).is_none() {
                self.problem(
                    files::COURSES,
                    format!("$[{i}].replay_url"),
                    "a recording link must be an https:// URL without spaces or quotes",
                );
            }
        }
    }

    /// `terms.json`: the history starts with the current version, newest
    /// first, and names only sections the manual has; the objection period
    /// (`crate::terms`) runs from the current version's `published`.
    pub(super) fn check_terms(&mut self, terms: &ServiceTerms) {
        let file = files::TERMS;
        let sections = self.unique_ids_at(
            file,
            terms
                .sections
                .iter()
                .enumerate()
                .map(|(i, s)| (format!("$.sections[{i}].id"), s.id.as_str())),
        );
        for (i, s) in terms.sections.iter().enumerate() {
            if s.paragraphs.is_empty() {
                self.problem(
                    file,
                    format!("$.sections[{i}].paragraphs"),
                    "a section needs at least one paragraph",
                );
            }
        }
        self.unique_ids_at(
            file,
            terms
                .history
                .iter()
                .enumerate()
                .map(|(i, c)| (format!("$.history[{i}].version"), c.version.as_str())),
        );
        match terms.history.first() {
            Some(c) if c.version == terms.version && c.published == terms.published => {}
            _ => self.problem(
                file,
                "$.history[0]",
                format!(
                    "the history must start with the current version {} published {}",
                    terms.version, terms.published
                ),
            ),
        }
        for (i, pair) in terms.history.windows(2).enumerate() {
            if pair[1].published >= pair[0].published {
                self.problem(
                    file,
                    format!("$.history[{}].published", i + 1),
                    "the history lists versions newest first, each published before the one above it",
                );
            }
        }
        for (i, c) in terms.history.iter().enumerate() {
            for (j, id) in c.sections.iter().enumerate() {
                if !sections.contains(id) {
                    self.problem(
                        file,
                        format!("$.history[{i}].sections[{j}]"),
                        format!("section `{id}` is not in $.sections"),
                    );
                }
            }
        }
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
