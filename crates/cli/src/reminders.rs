//! `portal reminders`: the reminders centre from the command line, computed
//! by the same core function as the app's inbox (`portal_core::reminders`)
//! from the API directory and the workspace the access key opens.
//!
//! The command line has no device: no outbox and no last visit, so refused
//! submissions and ticket changes, which only a browser knows, never appear
//! here.

use crate::sealing::{open_workspace, OpenWorkspaceError};
use chrono::{DateTime, FixedOffset};
use portal_core::calendar::BusinessCalendar;
use portal_core::model::{CalendarData, Course, Patch, Product, ServiceTerms};
use portal_core::reminders::{reminders, Inputs};
use portal_core::settings::{import, NotificationSettings};
use portal_core::{files, parse_json};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::path::Path;

fn load<T: DeserializeOwned>(api: &Path, file: &str) -> Result<T, String> {
    let path = api.join(file);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    parse_json(file, &text).map_err(|e| format!("{}: {e}", api.display()))
}

/// One printed reminder, in this field order.
#[derive(Serialize)]
struct Printed<'a> {
    kind: &'static str,
    id: &'a str,
    due: String,
    title: Title<'a>,
}

#[derive(Serialize)]
struct Title<'a> {
    zh: &'a str,
    en: &'a str,
}

/// The reminders as a JSON array. `Err` is a usage error naming the flag
/// (a key that opens nothing, an unreadable settings file) or an API file
/// that cannot be read.
pub fn run(
    api: &Path,
    key: &str,
    now: DateTime<FixedOffset>,
    settings_file: Option<&Path>,
) -> Result<String, String> {
    let settings = match settings_file {
        None => NotificationSettings::default(),
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("--settings {}: {e}", path.display()))?;
            import(&text).map_err(|e| {
                format!(
                    "invalid value '{}' for '--settings <FILE>': {e}",
                    path.display()
                )
            })?
        }
    };
    let workspace = open_workspace(api, key).map_err(|e| match e {
        OpenWorkspaceError::BadKey(why) => {
            format!("invalid value for '--workspace <KEY>': {why}")
        }
        OpenWorkspaceError::NotFound => format!(
            "invalid value for '--workspace <KEY>': no workspace in {}/sealed opens with this key",
            api.display()
        ),
        OpenWorkspaceError::Io(why) => format!("{}/sealed: {why}", api.display()),
        OpenWorkspaceError::Damaged(why) => {
            format!("{}/sealed: the workspace of this key {why}", api.display())
        }
    })?;
    let products: Vec<Product> = load(api, files::PRODUCTS)?;
    let patches: Vec<Patch> = load(api, files::PATCHES)?;
    let courses: Vec<Course> = load(api, files::COURSES)?;
    let terms: ServiceTerms = load(api, files::TERMS)?;
    let calendar_data: CalendarData = load(api, files::CALENDAR)?;
    let calendar = BusinessCalendar::new(&calendar_data);
    let list = reminders(&Inputs {
        now,
        products: &products,
        patches: &patches,
        courses: &courses,
        terms: Some(&terms),
        calendar: Some(&calendar),
        workspace: Some(&workspace),
        outbox: &[],
        seen_tickets: None,
        settings: &settings,
    });
    let printed: Vec<Printed> = list
        .iter()
        .map(|r| Printed {
            kind: r.kind.as_str(),
            id: &r.id,
            due: r.due.to_rfc3339(),
            title: Title {
                zh: &r.title.zh,
                en: r.title.get(true),
            },
        })
        .collect();
    serde_json::to_string(&printed).map_err(|e| e.to_string())
}
