//! community.json: threads and materials (validate/community.rs).

use super::*;

fn problem(file: &str, path: &str, message: &str) -> Problem {
    Problem {
        file: file.to_owned(),
        path: path.to_owned(),
        message: message.to_owned(),
    }
}

#[test]
fn the_minimal_community_is_valid() {
    assert_eq!(Api::minimal().problems(), []);
}

#[test]
fn an_answer_by_an_unknown_engineer_before_the_question_is_reported() {
    let mut api = Api::minimal();
    api.edit("community.json", |v| {
        let a = &mut v["threads"][0]["answers"][0];
        a["engineer"] = json!("someone");
        a["answered"] = json!("2026-11-23T10:00:00+08:00");
    });
    assert_eq!(
        api.problems(),
        [
            problem(
                "community.json",
                "$.threads[0].answers[0].engineer",
                "unknown engineer `someone` (not in engineers.json)"
            ),
            problem(
                "community.json",
                "$.threads[0].answers[0].answered",
                "an answer cannot come before the question was asked"
            ),
        ]
    );
}

#[test]
fn a_thread_needs_both_languages_an_answer_and_a_known_product() {
    let mut api = Api::minimal();
    api.edit("community.json", |v| {
        let t = &mut v["threads"][0];
        t["title"] = json!({"zh": "只有中文"});
        t["product"] = json!("xt6");
        t["answers"] = json!([]);
    });
    assert_eq!(
        api.problems(),
        [
            problem(
                "community.json",
                "$.threads[0].title.en",
                "missing or empty: the community is read in both languages"
            ),
            problem(
                "community.json",
                "$.threads[0].product",
                "unknown product `xt6` (not in products.json)"
            ),
            problem(
                "community.json",
                "$.threads[0].answers",
                "a thread needs at least one answer: publish a question once an engineer has answered it"
            ),
        ]
    );
}

#[test]
fn threads_are_newest_first_with_ids_of_their_own() {
    let mut api = Api::minimal();
    api.edit("community.json", |v| {
        let mut older = v["threads"][0].clone();
        older["asked"] = json!("2026-11-20T10:00:00+08:00");
        v["threads"].as_array_mut().unwrap().insert(0, older);
    });
    assert_eq!(
        api.problems(),
        [
            problem(
                "community.json",
                "$.threads[1].id",
                "duplicate id `imap-timeout`"
            ),
            problem(
                "community.json",
                "$.threads[1].asked",
                "threads are listed newest first: each asked no later than the one above it"
            ),
        ]
    );
}

#[test]
fn a_material_file_of_another_size_missing_or_unlisted_is_reported() {
    let mut api = Api::minimal();
    api.put_entry(
        "community/files/quickstart.txt",
        EntryKind::File { size: 511 },
    );
    api.put_entry("community/files/old.txt", EntryKind::File { size: 9 });
    api.edit("community.json", |v| {
        let mut second = v["materials"][0].clone();
        second["id"] = json!("guide");
        second["file"]["name"] = json!("guide.txt");
        v["materials"].as_array_mut().unwrap().push(second);
    });
    assert_eq!(
        api.problems(),
        [
            problem(
                "community.json",
                "$.materials[0].file.size_bytes",
                "512, but community/files/quickstart.txt has 511 bytes: publish the right file, or correct community.json"
            ),
            problem(
                "community.json",
                "$.materials[1].file.name",
                "community/files/guide.txt is missing: publish the file, or remove the material"
            ),
            problem(
                "community/files/old.txt",
                "$",
                "no material in community.json offers this file: remove it, or list it"
            ),
        ]
    );
}

#[test]
fn a_material_name_that_climbs_out_is_refused_and_its_checksum_must_be_hex() {
    let mut api = Api::minimal();
    api.edit("community.json", |v| {
        v["materials"][0]["file"]["name"] = json!("../sealed/x.bin");
        v["materials"][0]["file"]["sha256"] = json!("ABC");
    });
    let problems = api.problems();
    assert!(problems.contains(&problem(
        "community.json",
        "$.materials[0].file.sha256",
        "not a SHA-256: 64 lower-case hex digits"
    )));
    assert!(problems
        .iter()
        .any(|p| p.path == "$.materials[0].file.name" && p.message.contains("is not a file name")));
}

#[test]
fn a_chinese_tag_needs_its_english_word_and_no_tag_is_empty() {
    let mut api = Api::minimal();
    api.edit("community.json", |v| {
        v["threads"][0]["tags"] = json!([
            {"zh": "imap"},
            {"zh": "升级"},
            {"zh": " "},
            {"zh": "同步", "en": ""},
            {"zh": "归档", "en": "archive"}
        ]);
    });
    assert_eq!(
        api.problems(),
        [
            problem(
                "community.json",
                "$.threads[0].tags[1].en",
                "`升级` has no English word: the English page would show it in Chinese"
            ),
            problem("community.json", "$.threads[0].tags[2].zh", "an empty tag"),
            problem(
                "community.json",
                "$.threads[0].tags[3].en",
                "empty: give the English word, or leave `en` out when it is the same"
            ),
        ]
    );
}
