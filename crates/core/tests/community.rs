//! 管理员社区: a search of the threads finds what the knowledge-base search
//! would (the same words, CJK runs contiguous, codes whole), in both
//! languages at once (crates/core/src/community.rs).

use portal_core::community::search_threads;
use portal_core::model::{Community, Thread};

fn threads() -> Vec<Thread> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../public/api/community.json"
    ))
    .expect("demo community.json");
    serde_json::from_str::<Community>(&text)
        .expect("community parses")
        .threads
}

fn ids(query: &str) -> Vec<String> {
    let ts = threads();
    search_threads(&ts, query)
        .hits
        .iter()
        .map(|&i| ts[i].id.clone())
        .collect()
}

#[test]
fn an_empty_query_lists_every_thread_newest_first() {
    let ts = threads();
    let found = search_threads(&ts, "  ，");
    assert_eq!(found.hits, (0..ts.len()).collect::<Vec<_>>());
    assert!(!found.partial);
}

#[test]
fn a_chinese_word_is_found_as_a_contiguous_run() {
    assert_eq!(ids("暴力破解"), ["brute-force-from-overseas-ips"]);
    // 破 and 暴 both occur, but never as 破暴.
    assert!(ids("破暴").is_empty());
}

#[test]
fn full_width_and_upper_case_are_the_same_word() {
    assert_eq!(ids("ＤＫＩＭ"), ids("dkim"));
    assert!(ids("dkim").contains(&"dkim-fail-forwarded-to-overseas".to_owned()));
}

#[test]
fn a_code_matches_only_whole() {
    assert_eq!(ids("535"), ["smtp-535-after-password-policy"]);
    assert!(ids("53").is_empty());
    assert_eq!(ids("5.7.8"), ["smtp-535-after-password-policy"]);
}

#[test]
fn english_words_find_the_english_text_and_chinese_the_chinese() {
    assert_eq!(ids("overseas brute"), ["brute-force-from-overseas-ips"]);
    assert_eq!(ids("归档 检索"), ["archive-search-slow-after-one-year"]);
}

#[test]
fn answers_and_tags_are_searched_too() {
    // Only an answer names objectGUID.
    assert_eq!(ids("objectguid"), ["ldap-sync-duplicate-accounts"]);
    // Only a tag says 防暴.
    assert_eq!(ids("防暴"), ["brute-force-from-overseas-ips"]);
}

#[test]
fn a_hit_in_the_title_ranks_before_one_in_the_answers() {
    // xt5-p2026-0312 and "upgrade" stand in several threads; IMAP in one
    // title only.
    let found = ids("imap");
    assert_eq!(
        found.first().map(String::as_str),
        Some("imap-timeout-after-v5014-upgrade")
    );
}

#[test]
fn when_no_thread_holds_every_word_those_with_some_are_partial() {
    let ts = threads();
    let found = search_threads(&ts, "dkim 打印机扫描仪器人");
    assert!(found.partial);
    assert!(!found.hits.is_empty());
    let none = search_threads(&ts, "不存在的词语");
    assert!(none.hits.is_empty() && !none.partial);
}
