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
    pub const COURSES: &str = "courses.json";
    pub const TERMS: &str = "terms.json";
    /// 管理员社区: threads and downloadable materials.
    pub const COMMUNITY: &str = "community.json";
    /// The materials `community.json` offers, `community/files/<file.name>`.
    pub const COMMUNITY_FILES_DIR: &str = "community/files";
    /// The patch files the catalogue offers, `patches/files/<file.name>`.
    pub const PATCH_FILES_DIR: &str = "patches/files";
    /// The published knowledge-base search index (`portal index`).
    pub const SEARCH_DIR: &str = "kb/search";
    pub const SEARCH_META: &str = "kb/search/meta.json";

    /// An article's Markdown, as the publisher writes it.
    pub fn article_body(id: &str) -> String {
        format!("{KB_ARTICLE_DIR}/{id}.md")
    }
    /// An article's blocks, as `portal index` publishes them for the app.
    pub fn article_blocks(id: &str) -> String {
        format!("{KB_ARTICLE_DIR}/{id}.json")
    }
    /// Term shard `n` of the search index: the postings of its terms.
    pub fn search_shard(n: u32) -> String {
        format!("{SEARCH_DIR}/shard-{n}.json")
    }
    /// The body positions of the trigrams of term shard `n`.
    pub fn search_positions(n: u32) -> String {
        format!("{SEARCH_DIR}/pos-{n}.json")
    }
    /// Ids and titles of the articles of document shard `k`.
    pub fn search_docs(k: u32) -> String {
        format!("{SEARCH_DIR}/docs-{k}.json")
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
///
/// The JSON path of a bad value is recovered from the line and column
/// serde_json reports, by re-scanning the text up to that point
/// ([`json_path_at`]). Tracking the path during deserialisation instead
/// (serde_path_to_error) cost about 1 KB brotli of wasm per API type
/// (measured: 3 KB for the 4 types the app parsed).
pub fn parse_json<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, ParseError> {
    serde_json::from_str(text).map_err(|err| {
        let (path, message) = if err.is_syntax() || err.is_eof() {
            // A syntax error has no meaningful path: its line and column say where.
            ("$".to_owned(), format!("not valid JSON ({err})"))
        } else {
            let message = err.to_string();
            let suffix = format!(" at line {} column {}", err.line(), err.column());
            let message = message.strip_suffix(&suffix).unwrap_or(&message).to_owned();
            (json_path_at(text, err.line(), err.column()), message)
        };
        ParseError {
            file: file.to_owned(),
            path,
            message,
        }
    })
}

/// The JSON path (`$`, `$[3].released`, `$.channels[0].opens`) of the value
/// that ends at `line`:`column` (1-based line, byte column as serde_json
/// counts it) of a document that is syntactically valid up to there.
pub fn json_path_at(text: &str, line: usize, column: usize) -> String {
    enum Frame<'a> {
        Object(Option<&'a str>),
        Array(usize),
    }
    let bytes = text.as_bytes();
    let mut line_start = 0;
    for _ in 1..line {
        match bytes[line_start..].iter().position(|&b| b == b'\n') {
            Some(p) => line_start += p + 1,
            None => break,
        }
    }
    let end = (line_start + column).min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut expecting_key = false;
    let mut i = 0;
    while i < end {
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if expecting_key {
                    if let Some(Frame::Object(key)) = stack.last_mut() {
                        *key = text.get(start..i.min(bytes.len()));
                    }
                    expecting_key = false;
                }
            }
            b'{' => {
                stack.push(Frame::Object(None));
                expecting_key = true;
            }
            b'[' => stack.push(Frame::Array(0)),
            b',' => match stack.last_mut() {
                Some(Frame::Object(key)) => {
                    *key = None;
                    expecting_key = true;
                }
                Some(Frame::Array(n)) => *n += 1,
                None => {}
            },
            b'}' | b']' => {
                stack.pop();
                expecting_key = false;
            }
            _ => {}
        }
        i += 1;
    }
    let mut out = String::from("$");
    for frame in &stack {
        match frame {
            Frame::Object(Some(key)) => {
                out.push('.');
                out.push_str(key);
            }
            Frame::Object(None) => {}
            Frame::Array(n) => out.push_str(&format!("[{n}]")),
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

#[cfg(test)]
mod path_tests {
    use super::*;
    use crate::model::{Meta, SlaPolicy};

    #[test]
    fn path_of_a_wrong_type_deep_inside() {
        let text = r#"{"timezone":"Asia/Shanghai","priorities":[],
"channels":[{"id":"phone","name":{"zh":"热线"},"contact":"x","opens":"09:00","closes":"18:00"},
 {"id":"email","name":{"zh":"邮箱"},"contact":"y","opens":900,"closes":"21:00"}],
"onsite":{"radius_km":40,"arrival_hours":24},"due_soon_fraction":0.25}"#;
        let err = parse_json::<SlaPolicy>("sla/policy.json", text).unwrap_err();
        assert_eq!(err.path, "$.channels[1].opens");
        assert_eq!(
            err.message,
            "invalid type: integer `900`, expected a string"
        );
    }

    #[test]
    fn a_missing_field_points_at_the_object_that_lacks_it() {
        let text = r#"{"timezone":"Asia/Shanghai","priorities":[],"channels":[],
"onsite":{"radius_km":40},"due_soon_fraction":0.25}"#;
        let err = parse_json::<SlaPolicy>("sla/policy.json", text).unwrap_err();
        assert_eq!(err.message, "missing field `arrival_hours`");
        assert_eq!(err.path, "$.onsite");
    }

    #[test]
    fn an_unknown_field_is_named() {
        let text = r#"{"api_version":1,"generated_at":"2026-11-26T09:00:00+08:00","data_version":"x",
"support_email":"s","hotline":"h","submision_endpoint":null}"#;
        let err = parse_json::<Meta>("meta.json", text).unwrap_err();
        assert!(
            err.message
                .starts_with("unknown field `submision_endpoint`"),
            "{}",
            err.message
        );
        assert_eq!(err.path, "$.submision_endpoint");
    }

    #[test]
    fn brackets_and_braces_inside_strings_do_not_confuse_the_path() {
        let text = r#"[{"zh":"a]}\"[{,"},{"zh":5}]"#;
        let err = parse_json::<Vec<crate::model::Text>>("x.json", text).unwrap_err();
        assert_eq!(err.path, "$[1].zh");
    }
}
