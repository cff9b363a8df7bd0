//! 在线知识库: what the knowledge-base pages decide, without a browser:
//! which week's picks 每周精选 shows, how many articles each category
//! holds, a category's articles and an article's related ones.
//!
//! Weeks are ISO 8601 weeks, Monday to Sunday, in Beijing time: the picks
//! of `2026-W49` appear at 00:00 on Monday 30 November in Beijing (16:00
//! UTC on the Sunday), whatever the viewer's zone. Weeks compare as
//! (year, week) numbers, never as text.

use crate::calendar::beijing;
use crate::model::{KbArticle, KbCategory};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Weekday};
use std::fmt;
use std::str::FromStr;

/// An ISO 8601 week, written `2026-W48`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoWeek {
    /// The ISO week-numbering year (1 January 2027 is in `2026-W53`).
    pub year: i32,
    /// 1 to 52, or 53 in a long year.
    pub week: u32,
}

impl IsoWeek {
    /// The Beijing week an instant falls in.
    pub fn containing(at: &DateTime<FixedOffset>) -> IsoWeek {
        let w = at.with_timezone(&beijing()).iso_week();
        IsoWeek {
            year: w.year(),
            week: w.week(),
        }
    }
}

impl fmt::Display for IsoWeek {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-W{:02}", self.year, self.week)
    }
}

/// Text that is not an ISO week like `2026-W48`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAnIsoWeek(pub String);

impl fmt::Display for NotAnIsoWeek {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not an ISO week like 2026-W48", self.0)
    }
}

impl std::error::Error for NotAnIsoWeek {}

impl FromStr for IsoWeek {
    type Err = NotAnIsoWeek;

    /// Exactly `YYYY-Www` (four-digit year, two-digit week), and a week
    /// that year has: `2026-W53` exists, `2025-W53` does not.
    fn from_str(s: &str) -> Result<IsoWeek, NotAnIsoWeek> {
        let bad = || NotAnIsoWeek(s.to_owned());
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        if b.len() != 8 || &b[4..6] != b"-W" || !digits(0..4) || !digits(6..8) {
            return Err(bad());
        }
        // All ASCII digits, checked above: the slices are on char boundaries.
        let (year, week) = (
            s[0..4].parse().map_err(|_| bad())?,
            s[6..8].parse().map_err(|_| bad())?,
        );
        NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)
            .map(|_| IsoWeek { year, week })
            .ok_or_else(bad)
    }
}

/// The week an article is featured in, if it names a valid one.
fn featured_in(article: &KbArticle) -> Option<IsoWeek> {
    article.featured_week.as_deref()?.parse().ok()
}

/// 每周精选 as shown at some instant.
#[derive(Debug, Clone, PartialEq)]
pub struct Featured<'a> {
    /// The week whose picks these are (not always the current week).
    pub week: IsoWeek,
    /// In index order.
    pub articles: Vec<&'a KbArticle>,
}

/// The picks of the Beijing week containing `now`; when that week has
/// none yet, those of the latest earlier week that has some. Picks for a
/// later week are never shown early. `None` when no week up to now has
/// any.
pub fn featured<'a>(
    articles: &'a [KbArticle],
    now: &DateTime<FixedOffset>,
) -> Option<Featured<'a>> {
    let this_week = IsoWeek::containing(now);
    let week = articles
        .iter()
        .filter_map(featured_in)
        .filter(|w| *w <= this_week)
        .max()?;
    Some(Featured {
        week,
        articles: articles
            .iter()
            .filter(|a| featured_in(a) == Some(week))
            .collect(),
    })
}

/// A category with the number of articles the index files under it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CategoryCount<'a> {
    pub category: &'a KbCategory,
    pub articles: usize,
}

/// Every category, in the order of the categories file, with its article
/// count (0 for an empty one). Articles naming no listed category are
/// counted nowhere (`portal validate` refuses them).
pub fn category_counts<'a>(
    categories: &'a [KbCategory],
    articles: &[KbArticle],
) -> Vec<CategoryCount<'a>> {
    categories
        .iter()
        .map(|category| CategoryCount {
            category,
            articles: articles
                .iter()
                .filter(|a| a.category == category.id)
                .count(),
        })
        .collect()
}

/// The articles of one category, in index order.
pub fn in_category<'a>(articles: &'a [KbArticle], category: &str) -> Vec<&'a KbArticle> {
    articles.iter().filter(|a| a.category == category).collect()
}

/// An article's related articles in the order it lists them; ids the index
/// does not hold (an article since removed) are left out.
pub fn related<'a>(article: &KbArticle, articles: &'a [KbArticle]) -> Vec<&'a KbArticle> {
    article
        .related
        .iter()
        .filter_map(|id| articles.iter().find(|a| a.id == *id))
        .collect()
}
