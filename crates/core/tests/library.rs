//! The offline library: the order of the copies kept on this device, search
//! over them, and the "newer version published" flag.

use portal_core::library::{library_order, newer_revision_published, newest_first, DeviceCopy};
use portal_core::model::{KbArticle, Text};

fn copy<'a>(id: &'a str, title: &'a str, body: &'a str, saved_at_ms: f64) -> DeviceCopy<'a> {
    DeviceCopy {
        id,
        category: "c",
        title,
        body,
        saved_at_ms,
    }
}

fn listed(copies: &[DeviceCopy<'_>], query: &str) -> Vec<String> {
    library_order(copies, query)
        .into_iter()
        .map(|i| copies[i].id.to_owned())
        .collect()
}

#[test]
fn without_a_query_the_most_recently_saved_copy_comes_first() {
    let copies = [
        copy("monday", "周一保存", "", 1_000.0),
        copy("wednesday", "周三保存", "", 3_000.0),
        copy("tuesday", "周二保存", "", 2_000.0),
    ];
    assert_eq!(listed(&copies, ""), ["wednesday", "tuesday", "monday"]);
    // Blank is no query.
    assert_eq!(
        listed(&copies, "  \u{3000}"),
        ["wednesday", "tuesday", "monday"]
    );
}

#[test]
fn newest_first_is_the_order_without_a_query() {
    // What the offline page lists before any search, without the engine.
    let copies = [
        copy("ds-log-rotation", "日志轮转", "", 5_000.0),
        copy("monday", "周一保存", "", 1_000.0),
        copy("ds-df-check", "检查分区", "", 5_000.0),
        copy("wednesday", "周三保存", "", 9_000.0),
    ];
    let order = newest_first(&copies, |c| (c.saved_at_ms, c.id));
    let ids: Vec<&str> = order.iter().map(|&i| copies[i].id).collect();
    assert_eq!(
        ids,
        ["wednesday", "ds-df-check", "ds-log-rotation", "monday"]
    );
    assert_eq!(order, library_order(&copies, ""));
}

#[test]
fn copies_saved_in_the_same_millisecond_are_listed_by_id() {
    // Saving a category stamps its articles within the same millisecond.
    let copies = [
        copy("ds-log-rotation", "日志轮转", "", 5_000.0),
        copy("ds-df-check", "检查分区", "", 5_000.0),
        copy("ds-inode", "inode 耗尽", "", 5_000.0),
    ];
    assert_eq!(
        listed(&copies, ""),
        ["ds-df-check", "ds-inode", "ds-log-rotation"]
    );
}

#[test]
fn a_query_keeps_only_the_matching_copies_a_title_match_first() {
    let copies = [
        // Saved first, but 磁盘 is in its title: title words weigh more.
        copy(
            "disk-alert",
            "磁盘空间告警",
            "使用率超过 85% 时告警。",
            1_000.0,
        ),
        copy("bounce", "退信 550", "对方拒收，与磁盘无关。", 2_000.0),
        copy("mfa", "二次验证登录", "使用手机令牌登录。", 3_000.0),
    ];
    assert_eq!(listed(&copies, "磁盘"), ["disk-alert", "bounce"]);
    assert!(listed(&copies, "量子").is_empty());
}

#[test]
fn copies_that_match_equally_stay_newest_first() {
    let copies = [
        copy("older", "磁盘告警", "说明", 1_000.0),
        copy("newer", "磁盘告警", "说明", 2_000.0),
    ];
    assert_eq!(listed(&copies, "磁盘"), ["newer", "older"]);
}

#[test]
fn latin_words_match_whatever_their_case_and_width() {
    let copies = [
        copy("smtp", "客户端发信提示 SMTP 535 认证失败", "", 1_000.0),
        copy("imap", "IMAP 设置", "", 2_000.0),
    ];
    assert_eq!(listed(&copies, "smtp"), ["smtp"]);
    // Full-width letters, as a Chinese input method may type them.
    assert_eq!(listed(&copies, "ＳＭＴＰ"), ["smtp"]);
}

#[test]
fn a_query_of_punctuation_only_matches_nothing() {
    let copies = [copy("a", "磁盘告警", "", 1_000.0)];
    assert!(listed(&copies, "？！").is_empty());
}

#[test]
fn an_empty_library_lists_nothing() {
    assert!(listed(&[], "").is_empty());
    assert!(listed(&[], "磁盘").is_empty());
}

fn published(id: &str, revision: u32) -> KbArticle {
    let text = |s: &str| Text {
        zh: s.into(),
        en: None,
    };
    KbArticle {
        id: id.into(),
        category: "c".into(),
        title: text(id),
        summary: text(""),
        updated: "2026-11-01".parse().unwrap(),
        revision,
        product: None,
        tags: vec![],
        featured_week: None,
        related: vec![],
    }
}

#[test]
fn a_copy_of_revision_2_is_flagged_when_revision_3_is_published() {
    let index = [published("ds-disk-alert-threshold", 3)];
    assert!(newer_revision_published(
        &index,
        "ds-disk-alert-threshold",
        2
    ));
}

#[test]
fn a_copy_of_the_published_revision_is_not_flagged() {
    let index = [published("ds-disk-alert-threshold", 3)];
    assert!(!newer_revision_published(
        &index,
        "ds-disk-alert-threshold",
        3
    ));
}

#[test]
fn a_copy_newer_than_the_published_revision_is_not_flagged() {
    // The publisher rolled an edit back: there is nothing newer to fetch.
    let index = [published("ds-disk-alert-threshold", 2)];
    assert!(!newer_revision_published(
        &index,
        "ds-disk-alert-threshold",
        3
    ));
}

#[test]
fn an_article_no_longer_published_is_not_flagged() {
    let index = [published("other", 9)];
    assert!(!newer_revision_published(
        &index,
        "ds-disk-alert-threshold",
        1
    ));
    // Offline, the published index is empty: nothing is flagged.
    assert!(!newer_revision_published(&[], "ds-disk-alert-threshold", 1));
}
