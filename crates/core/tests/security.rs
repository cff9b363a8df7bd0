//! The security views: chart geometry, the CSV download and its columns
//! (crates/core/src/security.rs).

use chrono::NaiveDate;
use portal_core::security::{
    bar_chart, csv, csv_field, guard_daily, line_chart, month_day, nice_ticks, Frame,
    ATTACKED_ACCOUNTS, COMPROMISED_ACCOUNTS,
};

fn days(from: &str, n: u32) -> Vec<NaiveDate> {
    let first: NaiveDate = from.parse().unwrap();
    (0..n)
        .map(|i| first + chrono::Days::new(u64::from(i)))
        .collect()
}

#[test]
fn y_ticks_step_by_one_two_or_five_times_a_power_of_ten_and_cover_the_maximum() {
    // 18 734 brute-force attempts on the worst day, at most 4 steps: 5 000s.
    assert_eq!(nice_ticks(18_734, 4), [0, 5_000, 10_000, 15_000, 20_000]);
    assert_eq!(nice_ticks(398, 4), [0, 100, 200, 300, 400]);
    assert_eq!(nice_ticks(12, 4), [0, 5, 10, 15]);
    assert_eq!(nice_ticks(4, 4), [0, 1, 2, 3, 4]);
    assert_eq!(nice_ticks(100, 4), [0, 50, 100]);
}

#[test]
fn no_data_still_has_an_axis_from_0_to_1() {
    assert_eq!(nice_ticks(0, 4), [0, 1]);
    let f = Frame::for_width(400.0);
    let c = bar_chart(f, &days("2026-11-25", 2), &[0, 0]);
    assert_eq!(c.axes.top, 1);
    assert!(c.bars.iter().all(|b| b.height == 0.0));
}

#[test]
fn a_line_runs_from_the_left_edge_to_the_right_edge_and_zero_is_the_bottom() {
    // 400 wide: plot x from 52 to 388, y from 24 (top) to 200 (bottom).
    let f = Frame::for_width(400.0);
    let c = line_chart(f, &days("2026-11-24", 3), &[vec![0, 200, 400]]);
    assert_eq!(c.axes.top, 400);
    assert_eq!(
        c.lines[0].points,
        [(52.0, 200.0), (220.0, 112.0), (388.0, 24.0)]
    );
    assert_eq!(c.lines[0].path, "M52 200 L220 112 L388 24");
}

#[test]
fn bars_are_centred_in_one_slot_a_day_and_rise_from_the_axis() {
    // 336 px of plot for 4 days: slots of 84, bars of 58.8.
    let f = Frame::for_width(400.0);
    let c = bar_chart(f, &days("2026-11-23", 4), &[100, 50, 0, 200]);
    assert_eq!(c.axes.top, 200);
    let b = c.bars[0];
    assert_eq!((b.x, b.y, b.width, b.height), (64.6, 112.0, 58.8, 88.0));
    assert_eq!(c.bars[3].height, 176.0);
    assert_eq!(c.bars[2].height, 0.0);
}

#[test]
fn thirty_days_label_every_eighth_date_on_a_phone_and_every_third_on_a_desktop() {
    // 320 px: 256 of plot fit 4 labels of 52; 30 days → every 8th day.
    let f = Frame::for_width(320.0);
    let d = days("2026-10-28", 30);
    let c = line_chart(f, &d, &[vec![1; 30]]);
    let labels: Vec<&str> = c.axes.x.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(labels, ["10-28", "11-05", "11-13", "11-21"]);
    // On a desktop (at most 760): 696 px fit 13 labels → every third day;
    // the last day (11-26) would touch 11-24's label, so it has none.
    let wide = line_chart(Frame::for_width(1200.0), &d, &[vec![1; 30]]);
    assert_eq!(wide.frame.width, 760.0);
    assert_eq!(wide.axes.x.len(), 10);
    assert_eq!(wide.axes.x.last().unwrap().label, "11-24");
}

#[test]
fn the_last_date_is_labelled_when_it_fits_beside_the_one_before() {
    let c = line_chart(
        Frame::for_width(760.0),
        &days("2026-11-20", 7),
        &[vec![1; 7]],
    );
    let labels: Vec<&str> = c.axes.x.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(
        labels,
        ["11-20", "11-21", "11-22", "11-23", "11-24", "11-25", "11-26"]
    );
    assert_eq!(month_day("2027-01-04".parse().unwrap()), "01-04");
}

#[test]
fn a_narrow_or_unmeasured_chart_is_drawn_at_the_smallest_width() {
    assert_eq!(Frame::for_width(120.0).width, 280.0);
    assert_eq!(Frame::for_width(f64::NAN).width, 280.0);
}

#[test]
fn csv_fields_with_commas_quotes_or_line_breaks_are_quoted_and_quotes_doubled() {
    assert_eq!(csv_field("plain"), "plain");
    assert_eq!(csv_field("荷兰, 阿姆斯特丹"), "\"荷兰, 阿姆斯特丹\"");
    assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
}

#[test]
fn a_field_that_starts_like_a_formula_cannot_run_as_one() {
    assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
    assert_eq!(csv_field("+86 138"), "'+86 138");
    assert_eq!(csv_field("@admin"), "'@admin");
    assert_eq!(csv_field("2026-11-26"), "2026-11-26");
}

#[test]
fn a_csv_file_starts_with_a_byte_order_mark_and_ends_each_line_with_crlf() {
    let text = csv(&["a", "b"], vec![vec!["1", "2"], vec!["x,y", "3"]]);
    assert_eq!(text, "\u{feff}a,b\r\n1,2\r\n\"x,y\",3\r\n");
}

fn guard() -> portal_core::model::GuardReport {
    serde_json::from_value(serde_json::json!({
        "period_from": "2026-11-25",
        "period_to": "2026-11-26",
        "daily": [
            {"date": "2026-11-26", "brute_force_attempts": 90, "blocked_ips": 6, "attacked_accounts": 4, "phishing_mails": 1, "compromised_accounts": 0, "attacking_ips": 7},
            {"date": "2026-11-25", "brute_force_attempts": 120, "blocked_ips": 8, "attacked_accounts": 5, "phishing_mails": 3, "compromised_accounts": 1, "attacking_ips": 9}
        ],
        "top_attacked_accounts": [],
        "top_attacking_ips": []
    }))
    .unwrap()
}

#[test]
fn the_guard_csv_names_its_columns_in_the_language_asked_and_lists_days_in_order() {
    let table = guard_daily(&guard()).select(&[ATTACKED_ACCOUNTS, COMPROMISED_ACCOUNTS]);
    assert_eq!(
        table.csv(false),
        "\u{feff}日期,被攻击账号,被破解账号\r\n2026-11-25,5,1\r\n2026-11-26,4,0\r\n"
    );
    assert_eq!(
        table.csv(true),
        "\u{feff}Date,Attacked accounts,Compromised accounts\r\n2026-11-25,5,1\r\n2026-11-26,4,0\r\n"
    );
    assert_eq!(table.total(0), 9);
}

#[test]
fn the_whole_guard_table_has_every_figure_of_a_day() {
    let t = guard_daily(&guard());
    let keys: Vec<&str> = t.columns.iter().map(|c| c.key).collect();
    assert_eq!(
        keys,
        [
            "attacked_accounts",
            "compromised_accounts",
            "brute_force_attempts",
            "attacking_ips",
            "blocked_ips",
            "phishing_mails"
        ]
    );
    assert_eq!(t.rows[0].1, [5, 1, 120, 9, 8, 3]);
}
