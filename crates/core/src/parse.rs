//! Parsing one API file into its typed model, with errors that name the file
//! and the JSON path of the bad field. The app shows these to the user and
//! `portal validate` prints them, so they are written for people.

use serde::de::DeserializeOwned;
use std::fmt;

/// Paths of the files of the static API, relative to the API base URL.
pub mod files {
    pub const META: &str = "meta.json";
    pub const PRODUCTS: &str = "products.json";
    pub const PATCHES: &str = "patches.json";
    pub const KB_CATEGORIES: &str = "kb/categories.json";
    pub const KB_ARTICLES: &str = "kb/articles.json";
    pub const KB_ARTICLE_DIR: &str = "kb/articles";
    pub const SLA_POLICY: &str = "sla/policy.json";
    pub const CALENDAR: &str = "sla/calendar.json";
    pub const SERVICES: &str = "services.json";
    pub const STATIONS: &str = "stations.json";
    pub const ENGINEERS: &str = "engineers.json";
    pub const LICENCES: &str = "licences.json";
    pub const COURSES: &str = "courses.json";
    pub const GUARD: &str = "security/guard.json";
    pub const TICKET_DIR: &str = "tickets";
    pub const CUSTOMER_DIR: &str = "customers";

    pub fn article_body(id: &str) -> String {
        format!("{KB_ARTICLE_DIR}/{id}.md")
    }
    pub fn ticket(key: &str) -> String {
        format!("{TICKET_DIR}/{key}.json")
    }
    pub fn customer(key: &str) -> String {
        format!("{CUSTOMER_DIR}/{key}.json")
    }
}

/// A file that is not what the contract says: which file, where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub file: String,
    /// JSON path of the offending value, `$` for the whole document.
    pub path: String,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.file, self.path, self.message)
    }
}

impl std::error::Error for ParseError {}

/// Parses `text` (the content of `file`) as `T`.
pub fn parse_json<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, ParseError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|err| {
        let path = json_path(err.path());
        let inner = err.into_inner();
        // A syntax error has no meaningful path: its line and column say where.
        let (path, message) = if inner.is_syntax() || inner.is_eof() {
            ("$".to_owned(), format!("not valid JSON ({inner})"))
        } else {
            (path, inner.to_string())
        };
        ParseError {
            file: file.to_owned(),
            path,
            message,
        }
    })
}

/// Renders a serde path as `$`, `$[3].released`, `$.channels[0].opens`.
fn json_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::from("$");
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } => {
                out.push('.');
                out.push_str(key);
            }
            Segment::Enum { variant } => {
                out.push('.');
                out.push_str(variant);
            }
            Segment::Unknown => out.push_str(".?"),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Patch, Priority, Ticket};

    #[test]
    fn syntax_error_names_file_and_says_not_json() {
        let err = parse_json::<Vec<Patch>>("patches.json", "[{\"id\": ").unwrap_err();
        assert_eq!(err.file, "patches.json");
        assert_eq!(err.path, "$");
        assert!(err.message.starts_with("not valid JSON"), "{err}");
    }

    #[test]
    fn unknown_priority_points_at_the_field() {
        let err = parse_json::<Vec<Priority>>("x.json", r#"["P1","P5"]"#).unwrap_err();
        assert_eq!(err.path, "$[1]");
        assert!(err.message.contains("unknown variant `P5`"), "{err}");
    }

    #[test]
    fn bad_date_points_at_the_field() {
        let text = r#"{"number":"CM1","contact_email":"a@b.c","contact_name":"A","customer":"C",
            "title":"t","product":"xt5","version":"V5.0.13","priority":"P2","channel":"email",
            "status":"submitted","received":"2026-02-30T10:00:00+08:00","events":[]}"#;
        let err = parse_json::<Ticket>("tickets/k.json", text).unwrap_err();
        assert_eq!(err.path, "$.received");
        assert_eq!(
            err.to_string(),
            format!("tickets/k.json: $.received: {}", err.message)
        );
    }
}
