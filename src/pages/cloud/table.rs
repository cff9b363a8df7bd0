//! The section's data tables: on a phone each row is a card of labelled
//! lines (`stack-table` in the stylesheet), and the ARIA roles keep it a
//! table for screen readers whatever its display. The licences list and the
//! security reports' tables are built with these.

use crate::dom::{attr, el, text_el};
use web_sys::{Document, Element};

/// The table with its column headers in `parent`; returns its `tbody`, to
/// fill with [`row`] and [`cell`] (or [`labelled`]).
pub fn stack_table(doc: &Document, parent: &Element, id: &str, cols: &[&str]) -> Element {
    let table = el(doc, parent, "table", "data-table stack-table");
    attr(&table, "id", id);
    attr(&table, "role", "table");
    let thead = el(doc, &table, "thead", "");
    attr(&thead, "role", "rowgroup");
    let tr = row(doc, &thead);
    for c in cols {
        let th = text_el(doc, &tr, "th", "", c);
        attr(&th, "scope", "col");
        attr(&th, "role", "columnheader");
    }
    let body = el(doc, &table, "tbody", "");
    attr(&body, "role", "rowgroup");
    body
}

pub fn row(doc: &Document, group: &Element) -> Element {
    let tr = el(doc, group, "tr", "");
    attr(&tr, "role", "row");
    tr
}

/// A cell of text, labelled with its column's name for the phone's cards.
pub fn cell(doc: &Document, tr: &Element, class: &str, label: &str, value: &str) {
    labelled(&text_el(doc, tr, "td", class, value), "cell", label);
}

/// Gives a cell built otherwise (a `td` holding controls, a row's `th`) its
/// role and its column's name.
pub fn labelled(cell: &Element, role: &str, label: &str) {
    attr(cell, "role", role);
    attr(cell, "data-label", label);
}
