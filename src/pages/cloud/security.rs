//! `/security`: the security views of the modules bought, built with the
//! DOM API into one host element, again when the language changes.
//!
//! Each chart is an SVG drawn for the width its figure has (the core's
//! `Frame::for_width`), so its 12-pixel labels stay 12 pixels on a phone;
//! colours are SVG presentation attributes (no stylesheet weight on every
//! page, no `style=` under the CSP) and the second series of a chart is
//! dashed as well as coloured. Beside each: a title, a one-sentence summary
//! (the SVG's accessible name with the title), a legend, the data as a
//! table in a `<details>`, and a CSV download of the same columns.
//! A module not bought shows no chart: what it is and how to get it.

use super::table::{cell, row, stack_table};
use super::texts::{cloud_texts, direction_name, module_words, CloudTexts};
use crate::dom::{attr, el, text, text_el, titled_section};
use crate::i18n::{use_lang, Lang};
use crate::routes;
use leptos::prelude::*;
use portal_core::model::{GuardReport, Module, OverseasReport, Workspace};
use portal_core::security::{
    bar_chart, cac_daily, csv, guard_daily, line_chart, overseas_daily, Axes, DailyTable, Frame,
    Metric, ABNORMAL, ANOMALOUS_LOGINS, ATTACKED_ACCOUNTS, ATTACKING_IPS, BRUTE_FORCE_ATTEMPTS,
    COMPROMISED_ACCOUNTS, FORWARDED, PHISHING_MAILS, RECEIVED,
};
use std::sync::Arc;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

const SVG: &str = "http://www.w3.org/2000/svg";
/// Series colours (brand blue, dark amber) with 4.5:1 or better on white.
const COLOURS: [&str; 2] = ["#0b5cad", "#a24a00"];
const DASHES: [&str; 2] = ["", "6 4"];
const INK: &str = "#4a5566";
const GRID: &str = "#dde3ea";

/// A CSV the page offers: its file name and text.
type Downloads = Vec<(String, String)>;

pub fn security_view(workspace: Workspace) -> AnyView {
    let lang = use_lang();
    let host = NodeRef::<leptos::html::Div>::new();
    let workspace = Arc::new(workspace);
    let downloads = StoredValue::new(Downloads::new());
    {
        let workspace = workspace.clone();
        Effect::new(move |_| {
            let lang = lang.get();
            if let Some(h) = host.get() {
                let mut files = Downloads::new();
                build(&h, lang, &workspace, &mut files);
                downloads.set_value(files);
            }
        });
    }
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(button) = ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.closest("[data-csv]").ok().flatten())
        else {
            return;
        };
        let index: usize = button
            .get_attribute("data-csv")
            .and_then(|i| i.parse().ok())
            .unwrap_or(usize::MAX);
        downloads.with_value(|files| {
            if let Some((name, text)) = files.get(index) {
                save_csv(name, text);
            }
        });
    };
    let t = move || cloud_texts(lang.get());
    view! {
        <h1>{move || t().security_title}</h1>
        <p class="lead-text">{move || t().security_lead}</p>
        <p class="cloud-links">
            <a href=routes::WORKSPACE>{move || lang.get().pick("工作台", "Workspace")}</a>" · "
            <a href=routes::LICENCES>{move || t().to_licences}</a>
        </p>
        <div class="security-reports" node_ref=host on:click=on_click></div>
    }
    .into_any()
}

/// Everything below the lead, into `host`.
fn build(host: &Element, lang: Lang, w: &Workspace, files: &mut Downloads) {
    host.set_text_content(None);
    let Some(doc) = host.owner_document() else {
        return;
    };
    let t = cloud_texts(lang);
    for module in Module::ALL {
        let bought = w.modules.contains(&module);
        let (name, what) = module_words(lang, module);
        let id = match module {
            Module::Guard => "guard",
            Module::Cac => "cac",
            Module::Overseas => "overseas",
        };
        let section = titled_section(
            &doc,
            host,
            "card workspace-card security-module",
            &format!("security-{id}-title"),
            name,
        );
        attr(&section, "id", &format!("security-{id}"));
        attr(&section, "data-module", id);
        attr(
            &section,
            "data-bought",
            if bought { "true" } else { "false" },
        );
        let report = match module {
            Module::Guard => w
                .security
                .guard
                .as_ref()
                .map(|r| (r.period_from, r.period_to)),
            Module::Cac => w
                .security
                .cac
                .as_ref()
                .map(|r| (r.period_from, r.period_to)),
            Module::Overseas => w
                .security
                .overseas
                .as_ref()
                .map(|r| (r.period_from, r.period_to)),
        };
        let Some((from, to)) = report.filter(|_| bought) else {
            // Not bought (or bought with no report yet): no chart, what it is.
            text_el(&doc, &section, "p", "", what);
            if !bought {
                let p = el(&doc, &section, "p", "muted");
                let badge = text_el(&doc, &p, "span", "state-badge neutral", t.not_bought);
                attr(&badge, "data-not-bought", "");
                text(&doc, &p, " ");
                text(&doc, &p, t.how_to_get);
                text(&doc, &p, " ");
                let a = text_el(&doc, &p, "a", "", t.ask_about);
                let subject = format!("{} {name}", t.ask_about);
                attr(
                    &a,
                    "href",
                    &format!(
                        "mailto:support@coremail.cn?subject={}",
                        js_sys::encode_uri_component(&subject)
                    ),
                );
            }
            continue;
        };
        text_el(
            &doc,
            &section,
            "p",
            "muted",
            &(t.period)(&from.to_string(), &to.to_string()),
        );
        match module {
            Module::Guard => {
                if let Some(r) = &w.security.guard {
                    guard(&doc, &section, lang, r, files);
                }
            }
            Module::Cac => {
                if let Some(r) = &w.security.cac {
                    let table = cac_daily(r);
                    let mut c = Chart::new(&doc, &section, lang, files);
                    c.draw(
                        "cac-phishing",
                        t.phishing_title,
                        &table,
                        &[PHISHING_MAILS],
                        true,
                    );
                    c.draw(
                        "cac-anomalous",
                        t.anomalous_title,
                        &table,
                        &[ANOMALOUS_LOGINS],
                        false,
                    );
                }
            }
            Module::Overseas => {
                if let Some(r) = &w.security.overseas {
                    overseas(&doc, &section, lang, r, files);
                }
            }
        }
    }
}

fn guard(doc: &Document, section: &Element, lang: Lang, r: &GuardReport, files: &mut Downloads) {
    let t = cloud_texts(lang);
    let table = guard_daily(r);
    let mut c = Chart::new(doc, section, lang, files);
    c.draw(
        "guard-brute-force",
        t.brute_force_title,
        &table,
        &[BRUTE_FORCE_ATTEMPTS],
        true,
    );
    c.draw(
        "guard-accounts",
        t.accounts_title,
        &table,
        &[ATTACKED_ACCOUNTS, ATTACKING_IPS],
        false,
    );
    c.draw(
        "guard-compromised",
        t.compromised_title,
        &table,
        &[COMPROMISED_ACCOUNTS],
        true,
    );

    let en = lang.is_en();
    let grid = el(doc, section, "div", "security-tables");
    let accounts = small_table(
        doc,
        &grid,
        "guard-top-accounts",
        t.top_accounts,
        &[t.col_account, t.col_attempts, t.col_compromised],
    );
    for a in &r.top_attacked_accounts {
        let tr = row(doc, &accounts);
        attr(&tr, "data-account", &a.account);
        cell(doc, &tr, "", t.col_account, &a.account);
        cell(doc, &tr, "number", t.col_attempts, &a.attempts.to_string());
        let compromised = if a.compromised { t.yes } else { t.no };
        cell(doc, &tr, "", t.col_compromised, compromised);
    }
    let ips = small_table(
        doc,
        &grid,
        "guard-top-ips",
        t.top_ips,
        &[t.col_ip, t.col_region, t.col_attempts],
    );
    for ip in &r.top_attacking_ips {
        let tr = row(doc, &ips);
        attr(&tr, "data-ip", &ip.ip);
        cell(doc, &tr, "", t.col_ip, &ip.ip);
        cell(doc, &tr, "", t.col_region, ip.region.get(en));
        cell(doc, &tr, "number", t.col_attempts, &ip.attempts.to_string());
    }

    // The manual's actions (appendix 2), naming this period's accounts and IPs.
    let list_of = |items: Vec<&str>| items.join(lang.pick("、", ", "));
    let actions = el(doc, section, "div", "security-actions");
    attr(&actions, "id", "guard-actions");
    text_el(doc, &actions, "h3", "", t.actions_title);
    text_el(doc, &actions, "p", "", t.actions_lead);
    let ol = el(doc, &actions, "ol", "");
    let compromised: Vec<&str> = r
        .top_attacked_accounts
        .iter()
        .filter(|a| a.compromised)
        .map(|a| a.account.as_str())
        .collect();
    let lock = if compromised.is_empty() {
        t.no_compromised.to_owned()
    } else {
        (t.lock_compromised)(&list_of(compromised))
    };
    text_el(doc, &ol, "li", "", &lock);
    let attacked: Vec<&str> = r
        .top_attacked_accounts
        .iter()
        .filter(|a| !a.compromised)
        .take(3)
        .map(|a| a.account.as_str())
        .collect();
    if !attacked.is_empty() {
        text_el(doc, &ol, "li", "", &(t.strong_password)(&list_of(attacked)));
    }
    let ips: Vec<&str> = r
        .top_attacking_ips
        .iter()
        .take(3)
        .map(|i| i.ip.as_str())
        .collect();
    if !ips.is_empty() {
        text_el(doc, &ol, "li", "", &(t.block_ips)(&list_of(ips)));
    }
    text_el(doc, &actions, "p", "muted", t.where_in_console);
}

fn overseas(
    doc: &Document,
    section: &Element,
    lang: Lang,
    r: &OverseasReport,
    files: &mut Downloads,
) {
    let t = cloud_texts(lang);
    let en = lang.is_en();
    let table = overseas_daily(r);
    let mut c = Chart::new(doc, section, lang, files);
    c.draw(
        "overseas-traffic",
        t.traffic_title,
        &table,
        &[FORWARDED, RECEIVED],
        false,
    );
    c.draw(
        "overseas-abnormal",
        t.abnormal_title,
        &table,
        &[ABNORMAL],
        true,
    );

    let wrap = el(doc, section, "div", "security-log");
    let h3 = text_el(doc, &wrap, "h3", "", t.log_title);
    attr(&h3, "id", "overseas-log-title");
    if r.abnormal_log.is_empty() {
        text_el(doc, &wrap, "p", "muted", t.log_empty);
        return;
    }
    let header = [
        t.col_time,
        t.col_direction,
        t.col_mailbox,
        t.col_peer,
        t.col_region,
        t.col_reason,
    ];
    let scroll = el(doc, &wrap, "div", "table-scroll");
    attr(&scroll, "tabindex", "0");
    attr(&scroll, "role", "region");
    attr(&scroll, "aria-labelledby", "overseas-log-title");
    let body = stack_table(doc, &scroll, "overseas-log", &header);
    let mut rows = Vec::new();
    for e in &r.abnormal_log {
        // Beijing time as the relay logged it: `2026-11-26 14:05`.
        let at =
            e.at.with_timezone(&portal_core::calendar::beijing())
                .naive_local()
                .to_string();
        let at = at.get(..16).unwrap_or(&at).to_owned();
        let line = [
            at,
            direction_name(lang, e.direction).to_owned(),
            e.account.clone(),
            e.peer.clone(),
            e.region.get(en).to_owned(),
            e.reason.clone(),
        ];
        let tr = row(doc, &body);
        for (h, v) in header.iter().zip(&line) {
            cell(doc, &tr, "", h, v);
        }
        rows.push(line);
    }
    let index = files.len();
    files.push((
        format!("overseas-abnormal-log-{}.csv", lang.pick("zh", "en")),
        csv(&header, rows),
    ));
    csv_button(doc, &wrap, t, index);
}

/// A titled table of a few columns inside `parent`; returns its `tbody`.
fn small_table(doc: &Document, parent: &Element, id: &str, title: &str, cols: &[&str]) -> Element {
    let wrap = el(doc, parent, "div", "");
    let h3 = text_el(doc, &wrap, "h3", "", title);
    attr(&h3, "id", &format!("{id}-title"));
    let scroll = el(doc, &wrap, "div", "table-scroll");
    attr(&scroll, "tabindex", "0");
    attr(&scroll, "role", "region");
    attr(&scroll, "aria-labelledby", &format!("{id}-title"));
    stack_table(doc, &scroll, id, cols)
}

fn csv_button(doc: &Document, parent: &Element, t: &CloudTexts, index: usize) {
    let b = text_el(doc, parent, "button", "button small", t.download_csv);
    attr(&b, "type", "button");
    attr(&b, "data-csv", &index.to_string());
}

/// Draws charts into one module's section and records their CSVs.
struct Chart<'a> {
    doc: &'a Document,
    section: &'a Element,
    lang: Lang,
    files: &'a mut Downloads,
}

impl<'a> Chart<'a> {
    fn new(doc: &'a Document, section: &'a Element, lang: Lang, files: &'a mut Downloads) -> Self {
        Chart {
            doc,
            section,
            lang,
            files,
        }
    }

    /// One figure: title, summary, the SVG, legend, table, CSV button.
    /// `bars`: a bar chart of the first metric; else a line per metric.
    fn draw(&mut self, id: &str, title: &str, all: &DailyTable, metrics: &[Metric], bars: bool) {
        let (doc, lang) = (self.doc, self.lang);
        let t = cloud_texts(lang);
        let en = lang.is_en();
        let table = all.select(metrics);
        let figure = el(doc, self.section, "figure", "chart");
        attr(&figure, "id", id);
        let caption = el(doc, &figure, "figcaption", "");
        let title_el = text_el(doc, &caption, "span", "chart-title", title);
        attr(&title_el, "id", &format!("{id}-title"));
        let summary: Vec<String> = table
            .columns
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let series = table.series(i);
                let (peak_at, peak) = series
                    .iter()
                    .enumerate()
                    .max_by_key(|(j, v)| (**v, std::cmp::Reverse(*j)))
                    .map(|(j, v)| (j, *v))
                    .unwrap_or((0, 0));
                let day = table
                    .rows
                    .get(peak_at)
                    .map(|(d, _)| d.to_string())
                    .unwrap_or_default();
                (t.chart_summary)(m.name(en), table.total(i), &day, peak)
            })
            .collect();
        let desc = text_el(
            doc,
            &caption,
            "span",
            "chart-summary muted",
            &summary.join(" "),
        );
        attr(&desc, "id", &format!("{id}-desc"));

        // Drawn for the figure's width (a figure not laid out yet: 640).
        let width = match figure.client_width() {
            w if w > 0 => f64::from(w),
            _ => 640.0,
        };
        let frame = Frame::for_width(width);
        let svg = svg_el(doc, &figure, "svg");
        attr(
            &svg,
            "viewBox",
            &format!("0 0 {} {}", frame.width, frame.height),
        );
        attr(&svg, "width", &frame.width.to_string());
        attr(&svg, "height", &frame.height.to_string());
        attr(&svg, "role", "img");
        attr(&svg, "aria-labelledby", &format!("{id}-title {id}-desc"));
        attr(&svg, "font-size", "12");
        let dates = table.dates();
        // The y axis's unit: the series' own, each once (`个` for accounts
        // and IPs alike in Chinese; "accounts / IPs" in English).
        let mut units: Vec<&str> = Vec::new();
        for m in metrics {
            if !units.contains(&m.unit(en)) {
                units.push(m.unit(en));
            }
        }
        let unit = units.join(" / ");
        let unit = unit.as_str();
        if bars {
            let values = table.series(0);
            let chart = bar_chart(frame, &dates, &values);
            axes(doc, &svg, &frame, &chart.axes, t, unit);
            for (bar, (d, v)) in chart.bars.iter().zip(dates.iter().zip(&values)) {
                let rect = svg_el(doc, &svg, "rect");
                attr(&rect, "x", &bar.x.to_string());
                attr(&rect, "y", &bar.y.to_string());
                attr(&rect, "width", &bar.width.to_string());
                attr(&rect, "height", &bar.height.to_string());
                attr(&rect, "fill", COLOURS[0]);
                // A hover tip on a desktop; the table says the same.
                let tip = svg_el(doc, &rect, "title");
                tip.set_text_content(Some(&format!("{d}: {v}")));
            }
        } else {
            let series: Vec<Vec<u32>> = (0..table.columns.len()).map(|i| table.series(i)).collect();
            let chart = line_chart(frame, &dates, &series);
            axes(doc, &svg, &frame, &chart.axes, t, unit);
            for (i, line) in chart.lines.iter().enumerate() {
                let path = svg_el(doc, &svg, "path");
                attr(&path, "d", &line.path);
                attr(&path, "fill", "none");
                attr(&path, "stroke", COLOURS[i % 2]);
                attr(&path, "stroke-width", "2");
                attr(&path, "stroke-linejoin", "round");
                if !DASHES[i % 2].is_empty() {
                    attr(&path, "stroke-dasharray", DASHES[i % 2]);
                }
            }
        }

        // The legend: each series' name and unit with its line or bar.
        let legend = el(doc, &figure, "ul", "chart-legend");
        for (i, m) in table.columns.iter().enumerate() {
            let li = el(doc, &legend, "li", "");
            let key = svg_el(doc, &li, "svg");
            attr(&key, "width", "24");
            attr(&key, "height", "12");
            attr(&key, "aria-hidden", "true");
            if bars {
                let r = svg_el(doc, &key, "rect");
                for (k, v) in [("x", "6"), ("y", "1"), ("width", "12"), ("height", "10")] {
                    attr(&r, k, v);
                }
                attr(&r, "fill", COLOURS[0]);
            } else {
                let l = svg_el(doc, &key, "line");
                for (k, v) in [("x1", "0"), ("y1", "6"), ("x2", "24"), ("y2", "6")] {
                    attr(&l, k, v);
                }
                attr(&l, "stroke", COLOURS[i % 2]);
                attr(&l, "stroke-width", "2");
                if !DASHES[i % 2].is_empty() {
                    attr(&l, "stroke-dasharray", "5 3");
                }
            }
            let words = if en {
                format!(" {} ({})", m.name(en), m.unit(en))
            } else {
                format!(" {}（{}）", m.name(en), m.unit(en))
            };
            text(doc, &li, &words);
        }

        // The table alternative, and the same columns as CSV.
        let details = el(doc, &figure, "details", "chart-data");
        text_el(doc, &details, "summary", "", t.show_table);
        let scroll = el(doc, &details, "div", "table-scroll");
        attr(&scroll, "tabindex", "0");
        attr(&scroll, "role", "region");
        attr(&scroll, "aria-label", title);
        let table_el = el(doc, &scroll, "table", "data-table");
        text_el(doc, &table_el, "caption", "visually-hidden", title);
        let tr = el(doc, &el(doc, &table_el, "thead", ""), "tr", "");
        attr(&text_el(doc, &tr, "th", "", t.col_date), "scope", "col");
        for m in &table.columns {
            let th = text_el(doc, &tr, "th", "", m.name(en));
            attr(&th, "scope", "col");
            attr(&th, "data-metric", m.key);
        }
        let body = el(doc, &table_el, "tbody", "");
        for (d, values) in &table.rows {
            let tr = el(doc, &body, "tr", "");
            attr(&tr, "data-date", &d.to_string());
            attr(&text_el(doc, &tr, "th", "", &d.to_string()), "scope", "row");
            for v in values {
                text_el(doc, &tr, "td", "number", &v.to_string());
            }
        }
        let index = self.files.len();
        self.files
            .push((format!("{id}-{}.csv", lang.pick("zh", "en")), table.csv(en)));
        csv_button(doc, &figure, t, index);
    }
}

/// Grid lines with the y labels, the date labels, the unit above the y
/// axis and the x axis's name below the dates.
fn axes(doc: &Document, svg: &Element, frame: &Frame, axes: &Axes, t: &CloudTexts, unit: &str) {
    let right = frame.width - frame.right;
    let base = frame.top + frame.plot_height();
    for tick in &axes.y {
        let line = svg_el(doc, svg, "line");
        for (k, v) in [
            ("x1", frame.left),
            ("x2", right),
            ("y1", tick.at),
            ("y2", tick.at),
        ] {
            attr(&line, k, &v.to_string());
        }
        attr(&line, "stroke", if tick.label == "0" { INK } else { GRID });
        let label = svg_text(doc, svg, frame.left - 6.0, tick.at + 4.0, &tick.label);
        attr(&label, "text-anchor", "end");
    }
    for tick in &axes.x {
        let label = svg_text(doc, svg, tick.at, base + 16.0, &tick.label);
        attr(&label, "text-anchor", "middle");
    }
    svg_text(doc, svg, 4.0, 14.0, &(t.per_day)(unit));
    let x_name = svg_text(
        doc,
        svg,
        frame.left + frame.plot_width() / 2.0,
        frame.height - 6.0,
        t.x_axis,
    );
    attr(&x_name, "text-anchor", "middle");
}

fn svg_el(doc: &Document, parent: &Element, tag: &str) -> Element {
    let e = doc
        .create_element_ns(Some(SVG), tag)
        .unwrap_or_else(|_| parent.clone());
    let _ = parent.append_child(&e);
    e
}

fn svg_text(doc: &Document, svg: &Element, x: f64, y: f64, words: &str) -> Element {
    let e = svg_el(doc, svg, "text");
    attr(&e, "x", &x.to_string());
    attr(&e, "y", &y.to_string());
    attr(&e, "fill", INK);
    e.set_text_content(Some(words));
    e
}

/// Offers `text` as a CSV download named `name`, through a Blob URL.
fn save_csv(name: &str, text: &str) {
    let saved = (|| {
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("text/csv;charset=utf-8");
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let link = web_sys::window()?.document()?.create_element("a").ok()?;
        link.set_attribute("href", &url).ok()?;
        link.set_attribute("download", name).ok()?;
        link.dyn_ref::<web_sys::HtmlElement>()?.click();
        // The download has started from the URL; free it a little later.
        set_timeout(
            move || {
                let _ = web_sys::Url::revoke_object_url(&url);
            },
            std::time::Duration::from_secs(10),
        );
        Some(())
    })();
    if saved.is_none() {
        web_sys::console::warn_1(&"the CSV file could not be offered".into());
    }
}
