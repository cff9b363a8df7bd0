//! The security views of the modules a customer bought (防暴卫士, CAC,
//! 海外通邮): each report's figures per day as columns, the geometry of
//! the SVG charts the page draws from them, and their CSV download.
//!
//! - **Columns** ([`Metric`]) name a report's per-day figures in both
//!   languages with their unit; a chart, its table alternative and its CSV
//!   show the same columns, so the three never disagree.
//! - **Geometry** ([`line_chart`], [`bar_chart`]) is in the SVG's own units,
//!   which the page makes CSS pixels (the chart is drawn for the width it
//!   gets), so its 12-pixel labels stay readable on a phone. The y axis
//!   starts at 0 and ends at a "nice" number (1, 2 or 5 × 10ⁿ steps,
//!   [`nice_ticks`]); days are evenly spaced, and at most as many dates are
//!   labelled as fit.
//! - **CSV** ([`csv`]) is RFC 4180 (CRLF, fields quoted when they hold a
//!   comma, a quote or a line break), with a UTF-8 byte-order mark so that
//!   spreadsheet programs read the Chinese headers, and with a `'` before
//!   any field that starts like a formula (`=`, `+`, `-`, `@`), so that an
//!   account name cannot run as one when the file is opened.

use crate::model::{CacReport, GuardReport, OverseasReport};
use chrono::{Datelike, NaiveDate};

/// One per-day figure of a report: its JSON name, its words, its unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Metric {
    pub key: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub unit_zh: &'static str,
    pub unit_en: &'static str,
}

impl Metric {
    pub fn name(&self, english: bool) -> &'static str {
        if english {
            self.en
        } else {
            self.zh
        }
    }

    pub fn unit(&self, english: bool) -> &'static str {
        if english {
            self.unit_en
        } else {
            self.unit_zh
        }
    }
}

const fn metric(
    key: &'static str,
    zh: &'static str,
    en: &'static str,
    unit_zh: &'static str,
    unit_en: &'static str,
) -> Metric {
    Metric {
        key,
        zh,
        en,
        unit_zh,
        unit_en,
    }
}

pub const ATTACKED_ACCOUNTS: Metric = metric(
    "attacked_accounts",
    "被攻击账号",
    "Attacked accounts",
    "个",
    "accounts",
);
pub const COMPROMISED_ACCOUNTS: Metric = metric(
    "compromised_accounts",
    "被破解账号",
    "Compromised accounts",
    "个",
    "accounts",
);
pub const BRUTE_FORCE_ATTEMPTS: Metric = metric(
    "brute_force_attempts",
    "暴力破解尝试",
    "Brute-force attempts",
    "次",
    "attempts",
);
pub const ATTACKING_IPS: Metric = metric("attacking_ips", "攻击 IP", "Attacking IPs", "个", "IPs");
pub const BLOCKED_IPS: Metric = metric(
    "blocked_ips",
    "拦截的攻击 IP",
    "Attacking IPs blocked",
    "个",
    "IPs",
);
pub const PHISHING_MAILS: Metric = metric(
    "phishing_mails",
    "钓鱼邮件",
    "Phishing mails",
    "封",
    "mails",
);
pub const ANOMALOUS_LOGINS: Metric = metric(
    "anomalous_logins",
    "异常登录行为",
    "Anomalous logins",
    "次",
    "logins",
);
pub const FORWARDED: Metric = metric("forwarded", "海外转发", "Forwarded abroad", "封", "mails");
pub const RECEIVED: Metric = metric(
    "received",
    "海外收信",
    "Received from abroad",
    "封",
    "mails",
);
pub const ABNORMAL: Metric = metric("abnormal", "异常邮件", "Abnormal mails", "封", "mails");

/// A report's figures by day: `columns` name each row's `values`.
#[derive(Debug, Clone, PartialEq)]
pub struct DailyTable {
    pub columns: Vec<Metric>,
    pub rows: Vec<(NaiveDate, Vec<u32>)>,
}

impl DailyTable {
    /// The same days with only `columns` (those this table has), in that order.
    pub fn select(&self, columns: &[Metric]) -> DailyTable {
        let at: Vec<usize> = columns
            .iter()
            .filter_map(|c| self.columns.iter().position(|x| x.key == c.key))
            .collect();
        DailyTable {
            columns: at.iter().map(|&i| self.columns[i]).collect(),
            rows: self
                .rows
                .iter()
                .map(|(d, v)| (*d, at.iter().map(|&i| v[i]).collect()))
                .collect(),
        }
    }

    pub fn dates(&self) -> Vec<NaiveDate> {
        self.rows.iter().map(|(d, _)| *d).collect()
    }

    /// Column `i`'s values, day by day.
    pub fn series(&self, i: usize) -> Vec<u32> {
        self.rows
            .iter()
            .map(|(_, v)| v.get(i).copied().unwrap_or(0))
            .collect()
    }

    /// Column `i`'s sum over the days.
    pub fn total(&self, i: usize) -> u64 {
        self.series(i).into_iter().map(u64::from).sum()
    }

    /// The CSV of the table: a date column, then one per metric, with the
    /// headers in the language asked for.
    pub fn csv(&self, english: bool) -> String {
        let mut header = vec![if english { "Date" } else { "日期" }.to_owned()];
        header.extend(self.columns.iter().map(|c| c.name(english).to_owned()));
        let rows = self.rows.iter().map(|(d, v)| {
            let mut row = vec![d.to_string()];
            row.extend(v.iter().map(u32::to_string));
            row
        });
        csv(&header, rows)
    }
}

/// 防暴卫士 by day, days in date order.
pub fn guard_daily(r: &GuardReport) -> DailyTable {
    let mut days: Vec<_> = r.daily.iter().collect();
    days.sort_by_key(|d| d.date);
    DailyTable {
        columns: vec![
            ATTACKED_ACCOUNTS,
            COMPROMISED_ACCOUNTS,
            BRUTE_FORCE_ATTEMPTS,
            ATTACKING_IPS,
            BLOCKED_IPS,
            PHISHING_MAILS,
        ],
        rows: days
            .into_iter()
            .map(|d| {
                (
                    d.date,
                    vec![
                        d.attacked_accounts,
                        d.compromised_accounts,
                        d.brute_force_attempts,
                        d.attacking_ips,
                        d.blocked_ips,
                        d.phishing_mails,
                    ],
                )
            })
            .collect(),
    }
}

/// CAC by day.
pub fn cac_daily(r: &CacReport) -> DailyTable {
    let mut days: Vec<_> = r.daily.iter().collect();
    days.sort_by_key(|d| d.date);
    DailyTable {
        columns: vec![PHISHING_MAILS, ANOMALOUS_LOGINS],
        rows: days
            .into_iter()
            .map(|d| (d.date, vec![d.phishing_mails, d.anomalous_logins]))
            .collect(),
    }
}

/// 海外通邮 by day.
pub fn overseas_daily(r: &OverseasReport) -> DailyTable {
    let mut days: Vec<_> = r.daily.iter().collect();
    days.sort_by_key(|d| d.date);
    DailyTable {
        columns: vec![FORWARDED, RECEIVED, ABNORMAL],
        rows: days
            .into_iter()
            .map(|d| (d.date, vec![d.forwarded, d.received, d.abnormal]))
            .collect(),
    }
}

/// One CSV field, quoted and guarded as the module doc says.
pub fn csv_field(value: &str) -> String {
    let guarded = if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if guarded.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// A whole CSV file: the byte-order mark, the header, the rows, each line
/// ended by CRLF.
pub fn csv<H, I, R, S>(header: &[H], rows: I) -> String
where
    H: AsRef<str>,
    I: IntoIterator<Item = R>,
    R: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let line = |fields: &mut dyn Iterator<Item = String>| {
        let mut s = fields.collect::<Vec<_>>().join(",");
        s.push_str("\r\n");
        s
    };
    let mut out = String::from('\u{feff}');
    out.push_str(&line(&mut header.iter().map(|h| csv_field(h.as_ref()))));
    for row in rows {
        out.push_str(&line(&mut row.into_iter().map(|f| csv_field(f.as_ref()))));
    }
    out
}

// ------------------------------------------------------------- geometry

/// The chart's box: its size and the margins that hold the axes' labels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub width: f64,
    pub height: f64,
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
}

/// Narrower than this, a chart is drawn this wide and scales down.
pub const MIN_WIDTH: f64 = 280.0;
/// Wider than this, it is drawn this wide and scales up (it is already
/// comfortable to read; more width only spreads the days).
pub const MAX_WIDTH: f64 = 760.0;
/// The room one date label needs on the x axis (`11-26` at 12 px, with air).
pub const DATE_LABEL_WIDTH: f64 = 52.0;

impl Frame {
    /// The frame for a chart `width` pixels wide (clamped to
    /// [`MIN_WIDTH`]..=[`MAX_WIDTH`]), 244 high: above the plot a line for
    /// the y axis's unit, below it the dates and the x axis's name; the
    /// left margin fits y labels of up to six digits.
    pub fn for_width(width: f64) -> Frame {
        let width = if width.is_finite() {
            width.clamp(MIN_WIDTH, MAX_WIDTH)
        } else {
            MIN_WIDTH
        };
        Frame {
            width: width.round(),
            height: 244.0,
            left: 52.0,
            right: 12.0,
            top: 24.0,
            bottom: 44.0,
        }
    }

    pub fn plot_width(&self) -> f64 {
        self.width - self.left - self.right
    }

    pub fn plot_height(&self) -> f64 {
        self.height - self.top - self.bottom
    }

    /// The y of a value on a scale from 0 to `top`.
    fn y(&self, value: u64, top: u64) -> f64 {
        let share = if top == 0 {
            0.0
        } else {
            value as f64 / top as f64
        };
        self.top + self.plot_height() * (1.0 - share)
    }
}

/// The y axis's ticks for data up to `max`: from 0 in steps of 1, 2 or 5 ×
/// 10ⁿ, at most `most` steps (at least 1), the last tick at or above `max`.
/// No data (`max` 0) gives 0 and 1.
pub fn nice_ticks(max: u64, most: u64) -> Vec<u64> {
    let most = most.max(1);
    let max = max.max(1);
    let rough = max.div_ceil(most);
    let mut magnitude = 1u64;
    while magnitude.saturating_mul(10) <= rough {
        magnitude *= 10;
    }
    let step = [1, 2, 5, 10]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| s * most >= max)
        .unwrap_or(10 * magnitude);
    let top = max.div_ceil(step) * step;
    (0..=top / step).map(|i| i * step).collect()
}

/// A labelled tick: its position on its axis and its label.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub at: f64,
    pub label: String,
}

/// A chart's axes: y ticks (value labels, `at` a y), x ticks (date labels
/// `MM-DD`, `at` an x), and the top of the scale.
#[derive(Debug, Clone, PartialEq)]
pub struct Axes {
    pub y: Vec<Tick>,
    pub x: Vec<Tick>,
    pub top: u64,
}

/// A line chart: per series its points and the SVG path through them.
#[derive(Debug, Clone, PartialEq)]
pub struct LineChart {
    pub frame: Frame,
    pub axes: Axes,
    pub lines: Vec<Line>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub points: Vec<(f64, f64)>,
    /// `M x y L x y …`, one decimal.
    pub path: String,
}

/// A bar chart of one series: one bar per day.
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    pub frame: Frame,
    pub axes: Axes,
    pub bars: Vec<Bar>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bar {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// Rounds to one decimal, for coordinates written into the SVG.
fn r1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// `MM-DD`, without chrono's formatter (it costs the wasm ~10 KB).
pub fn month_day(d: NaiveDate) -> String {
    format!("{:02}-{:02}", d.month(), d.day())
}

/// The axes of `days` days with data up to `max`, the days' centres at
/// `centre(i)`: y ticks every nice step, and every k-th date labelled so
/// that the labels fit (always the first; the last when it fits too).
fn axes(frame: &Frame, dates: &[NaiveDate], max: u64, centre: impl Fn(usize) -> f64) -> Axes {
    // About one y tick per 40 px, at least 2 steps.
    let most = ((frame.plot_height() / 40.0).floor() as u64).max(2);
    let ticks = nice_ticks(max, most);
    let top = ticks.last().copied().unwrap_or(1);
    let y = ticks
        .iter()
        .map(|&v| Tick {
            at: r1(frame.y(v, top)),
            label: v.to_string(),
        })
        .collect();
    let n = dates.len();
    let fit = ((frame.plot_width() / DATE_LABEL_WIDTH).floor() as usize).max(1);
    let every = n.div_ceil(fit).max(1);
    let mut x: Vec<Tick> = (0..n)
        .step_by(every)
        .map(|i| Tick {
            at: r1(centre(i)),
            label: month_day(dates[i]),
        })
        .collect();
    // The last day too, when it is not labelled and there is room beside
    // the label before it.
    if n > 1 && !(n - 1).is_multiple_of(every) {
        let last = r1(centre(n - 1));
        if x.last().is_none_or(|t| last - t.at >= DATE_LABEL_WIDTH) {
            x.push(Tick {
                at: last,
                label: month_day(dates[n - 1]),
            });
        }
    }
    Axes { y, x, top }
}

/// A line chart of `series` over `dates` (each series one value per date)
/// in `frame`: the first day at the left edge of the plot, the last at the
/// right (one day alone in the middle).
pub fn line_chart(frame: Frame, dates: &[NaiveDate], series: &[Vec<u32>]) -> LineChart {
    let n = dates.len();
    let max = series
        .iter()
        .flat_map(|s| s.iter())
        .copied()
        .max()
        .unwrap_or(0);
    let x = |i: usize| {
        if n <= 1 {
            frame.left + frame.plot_width() / 2.0
        } else {
            frame.left + frame.plot_width() * i as f64 / (n - 1) as f64
        }
    };
    let axes = axes(&frame, dates, u64::from(max), x);
    let lines = series
        .iter()
        .map(|s| {
            let points: Vec<(f64, f64)> = s
                .iter()
                .take(n)
                .enumerate()
                .map(|(i, &v)| (r1(x(i)), r1(frame.y(u64::from(v), axes.top))))
                .collect();
            let path = points
                .iter()
                .enumerate()
                .map(|(i, (px, py))| format!("{}{px} {py}", if i == 0 { "M" } else { " L" }))
                .collect();
            Line { points, path }
        })
        .collect();
    LineChart { frame, axes, lines }
}

/// A bar chart of `values` over `dates`: the plot divided into one slot a
/// day, each bar 70 % of its slot, centred, from 0 up to its value.
pub fn bar_chart(frame: Frame, dates: &[NaiveDate], values: &[u32]) -> BarChart {
    let n = dates.len().max(1);
    let slot = frame.plot_width() / n as f64;
    let centre = |i: usize| frame.left + slot * (i as f64 + 0.5);
    let max = values.iter().copied().max().unwrap_or(0);
    let axes = axes(&frame, dates, u64::from(max), centre);
    let base = frame.top + frame.plot_height();
    let width = slot * 0.7;
    let bars = values
        .iter()
        .take(dates.len())
        .enumerate()
        .map(|(i, &v)| {
            let y = frame.y(u64::from(v), axes.top);
            Bar {
                x: r1(centre(i) - width / 2.0),
                y: r1(y),
                width: r1(width),
                height: r1(base - y),
            }
        })
        .collect();
    BarChart { frame, axes, bars }
}
