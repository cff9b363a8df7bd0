//! Reading the directory: files missing, unreadable or malformed, and the
//! API version.

use super::*;

#[test]
fn a_missing_required_file_is_reported_at_the_root() {
    let mut api = Api::minimal();
    api.remove("sla/calendar.json");
    assert_eq!(
        api.problems(),
        [problem("sla/calendar.json", "$", "file is missing")]
    );
}

#[test]
fn a_value_of_the_wrong_kind_is_reported_at_its_json_path() {
    let mut api = Api::minimal();
    api.edit("products.json", |v| {
        v[0]["versions"][1]["released"] = json!("2025-02-30")
    });
    assert_eq!(
        api.problems(),
        [problem(
            "products.json",
            "$[0].versions[1].released",
            "input is out of range"
        )]
    );
}

#[test]
fn an_unknown_field_is_reported_at_its_json_path_with_the_known_ones() {
    let mut api = Api::minimal();
    api.edit("sla/policy.json", |v| {
        v["channels"][2]["open"] = json!("09:00")
    });
    assert_eq!(
        api.problems(),
        [problem(
            "sla/policy.json",
            "$.channels[2].open",
            "unknown field `open`, expected one of `id`, `name`, `contact`, `opens`, `closes`"
        )]
    );
}

#[test]
fn text_that_is_not_json_is_reported_at_the_root_with_where_it_breaks() {
    let mut api = Api::minimal();
    api.put("meta.json", r#"{"api_version": 1,"#);
    assert_eq!(
        api.problems(),
        [problem(
            "meta.json",
            "$",
            "not valid JSON (EOF while parsing a value at line 1 column 18)"
        )]
    );
}

#[test]
fn a_file_that_cannot_be_read_is_reported_with_the_readers_reason() {
    let api = Failing {
        api: Api::minimal(),
        path: "courses.json",
    };
    assert_eq!(
        validate(&api, &to_blocks),
        [problem(
            "courses.json",
            "$",
            "cannot be read: permission denied"
        )]
    );
}

#[test]
fn a_directory_that_cannot_be_listed_is_reported_with_the_readers_reason() {
    let private = Failing {
        api: Api::default(),
        path: "tickets",
    };
    assert_eq!(
        crate::validate::validate_private(&Api::minimal(), &private).0,
        [problem(
            "tickets",
            "$",
            "cannot be listed: permission denied"
        )]
    );
}

#[test]
fn an_api_version_this_build_does_not_read_is_refused() {
    let mut api = Api::minimal();
    api.edit("meta.json", |v| v["api_version"] = json!(3));
    assert_eq!(
        api.problems(),
        [problem(
            "meta.json",
            "$.api_version",
            "API version 3 is not supported (this build reads version 2)"
        )]
    );
}

#[test]
fn references_into_a_file_that_did_not_load_are_not_reported_twice() {
    let mut api = Api::minimal();
    api.remove("products.json");
    api.edit("patches.json", |v| {
        v[0]["product"] = json!("no-such-product")
    });
    assert_eq!(
        api.problems(),
        [problem("products.json", "$", "file is missing")]
    );
}

impl ApiTree for Failing {
    fn entries(&self) -> Result<Vec<Entry>, String> {
        self.api.entries()
    }
}

/// The minimal API, except that reading or listing `path` fails.
struct Failing {
    api: Api,
    path: &'static str,
}

impl ApiSource for Failing {
    fn read(&self, path: &str) -> Result<Option<String>, String> {
        if path == self.path {
            return Err("permission denied".to_owned());
        }
        self.api.read(path)
    }

    fn list(&self, dir: &str) -> Result<Vec<String>, String> {
        if dir == self.path {
            return Err("permission denied".to_owned());
        }
        self.api.list(dir)
    }
}
