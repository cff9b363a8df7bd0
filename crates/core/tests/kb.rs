//! The knowledge-base index page: 每周精选 and the category counts, with
//! weeks and counts worked out by hand from a calendar.

use chrono::{DateTime, FixedOffset};
use portal_core::kb::{category_counts, featured, in_category, related, IsoWeek};
use portal_core::model::{KbArticle, KbCategory, Text};
use portal_core::parse_json;

fn text(zh: &str) -> Text {
    Text {
        zh: zh.into(),
        en: None,
    }
}

fn article(id: &str, category: &str, week: Option<&str>) -> KbArticle {
    KbArticle {
        id: id.into(),
        category: category.into(),
        title: text(id),
        summary: text(""),
        updated: "2026-11-01".parse().unwrap(),
        revision: 1,
        product: None,
        tags: vec![],
        featured_week: week.map(str::to_owned),
        related: vec![],
    }
}

fn category(id: &str) -> KbCategory {
    KbCategory {
        id: id.into(),
        name: text(id),
        description: text(""),
    }
}

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn ids(articles: &[&KbArticle]) -> Vec<String> {
    articles.iter().map(|a| a.id.clone()).collect()
}

fn week(s: &str) -> IsoWeek {
    s.parse().unwrap()
}

#[test]
fn featured_week_starts_on_monday_in_beijing_time() {
    let articles = [
        article("w48", "c", Some("2026-W48")),
        article("w49", "c", Some("2026-W49")),
    ];
    // Sunday 29 November 2026, 23:59 in Beijing: still week 48.
    let sunday = featured(&articles, &at("2026-11-29T15:59:00Z")).unwrap();
    assert_eq!(sunday.week, week("2026-W48"));
    assert_eq!(ids(&sunday.articles), ["w48"]);
    // 16:30 UTC on that Sunday is Monday 00:30 in Beijing: week 49, though
    // it is still Sunday in UTC (and in Europe, where the viewer may be).
    let monday = featured(&articles, &at("2026-11-29T16:30:00Z")).unwrap();
    assert_eq!(monday.week, week("2026-W49"));
    assert_eq!(ids(&monday.articles), ["w49"]);
}

#[test]
fn a_week_without_picks_shows_the_latest_earlier_week() {
    let articles = [
        article("w44", "c", Some("2026-W44")),
        article("w46-a", "c", Some("2026-W46")),
        article("plain", "c", None),
        article("w46-b", "c", Some("2026-W46")),
        article("w48", "c", Some("2026-W48")),
    ];
    // Wednesday 18 November 2026 is in week 47 (16–22 November), which has
    // no picks: week 46's are shown, in index order, and not week 48's.
    let f = featured(&articles, &at("2026-11-18T10:00:00+08:00")).unwrap();
    assert_eq!(f.week, week("2026-W46"));
    assert_eq!(ids(&f.articles), ["w46-a", "w46-b"]);
}

#[test]
fn picks_for_a_later_week_are_not_shown_early() {
    let articles = [article("w50", "c", Some("2026-W50"))];
    assert_eq!(featured(&articles, &at("2026-11-26T10:00:00+08:00")), None);
}

#[test]
fn new_years_day_2027_still_shows_the_picks_of_2026_w53() {
    // 1 January 2027 is a Friday: ISO week 53 of 2026, which ends on Sunday
    // 3 January. 2027-W01 starts on Monday 4 January.
    let articles = [
        article("w53", "c", Some("2026-W53")),
        article("w01", "c", Some("2027-W01")),
    ];
    let new_year = featured(&articles, &at("2027-01-01T09:00:00+08:00")).unwrap();
    assert_eq!(ids(&new_year.articles), ["w53"]);
    let monday = featured(&articles, &at("2027-01-04T09:00:00+08:00")).unwrap();
    assert_eq!(monday.week, week("2027-W01"));
    assert_eq!(ids(&monday.articles), ["w01"]);
}

#[test]
fn weeks_compare_as_numbers_not_as_text() {
    // As text "2026-W9" would sort after "2026-W10"; as a week it is before.
    assert!(week("2026-W09") < week("2026-W10"));
    assert!(week("2026-W53") < week("2027-W01"));
}

#[test]
fn nothing_featured_yet_is_none() {
    let articles = [article("plain", "c", None)];
    assert_eq!(featured(&articles, &at("2026-11-26T10:00:00+08:00")), None);
}

#[test]
fn the_shipped_index_features_eight_articles_in_2026_w48() {
    let articles: Vec<KbArticle> = parse_json(
        "kb/articles.json",
        include_str!("../../../public/api/kb/articles.json"),
    )
    .unwrap();
    let f = featured(&articles, &at("2026-11-26T10:00:00+08:00")).unwrap();
    assert_eq!(f.week.to_string(), "2026-W48");
    assert_eq!(f.articles.len(), 8);
}

#[test]
fn an_iso_week_is_written_yyyy_www() {
    assert_eq!(
        week("2026-W48"),
        IsoWeek {
            year: 2026,
            week: 48
        }
    );
    assert_eq!(
        IsoWeek {
            year: 2026,
            week: 5
        }
        .to_string(),
        "2026-W05"
    );
    assert_eq!(week("2026-W53").week, 53);
}

#[test]
fn malformed_weeks_and_weeks_a_year_lacks_are_refused() {
    for bad in [
        "",
        "2026-W8",
        "2026-W00",
        "2026-W54",
        // 2025 starts on a Wednesday and is not a leap year: 52 weeks.
        "2025-W53",
        "2026W48",
        "2026-w48",
        "26-W48",
        "2026-W48 ",
        "+026-W48",
        // Multi-byte text of the right length in bytes must not panic.
        "２0-W48",
        "2026-Wé",
    ] {
        let err = bad.parse::<IsoWeek>().unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("`{bad}` is not an ISO week like 2026-W48")
        );
    }
}

#[test]
fn each_category_counts_its_articles_in_the_categories_order() {
    let categories = [
        category("spam"),
        category("disk-space"),
        category("clients"),
    ];
    let articles = [
        article("d1", "disk-space", None),
        article("s1", "spam", None),
        article("d2", "disk-space", None),
        article("orphan", "retired", None),
    ];
    let counts: Vec<(&str, usize)> = category_counts(&categories, &articles)
        .iter()
        .map(|c| (c.category.id.as_str(), c.articles))
        .collect();
    assert_eq!(counts, [("spam", 1), ("disk-space", 2), ("clients", 0)]);
}

#[test]
fn a_category_lists_its_articles_in_index_order() {
    let articles = [
        article("d1", "disk-space", None),
        article("s1", "spam", None),
        article("d2", "disk-space", None),
    ];
    assert_eq!(ids(&in_category(&articles, "disk-space")), ["d1", "d2"]);
    assert!(in_category(&articles, "clients").is_empty());
}

#[test]
fn related_articles_keep_their_order_and_skip_removed_ones() {
    let mut a = article("a", "c", None);
    a.related = vec!["c".into(), "gone".into(), "b".into()];
    let articles = [a.clone(), article("b", "c", None), article("c", "c", None)];
    assert_eq!(ids(&related(&a, &articles)), ["c", "b"]);
}
