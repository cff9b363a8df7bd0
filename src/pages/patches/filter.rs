//! The filter form, built with the DOM API like the cards (`cards.rs`, and
//! for the same reason: as `view!` it was the largest part of the page's
//! code). It is built once per language and then only follows the URL:
//! `sync` sets its controls, so a control keeps its focus while the user
//! works it, and `read` turns them back into the filter through the same
//! query-string parser the URL goes through, so the two never disagree.

use super::texts::{kind_name, patch_texts, severity_name};
use super::Catalogue;
use crate::dom::{attr, el, set_value, text_el, value};
use crate::i18n::Lang;
use portal_core::model::{PatchKind, PatchSeverity};
use portal_core::patches::{percent_encode, PatchFilter, QUERY_MAX};
use web_sys::{Document, Element};

/// The controls, by query-string key; each is `#filter-<key>`.
const KEYS: [&str; 7] = ["product", "version", "kind", "severity", "from", "to", "q"];

fn control(doc: &Document, key: &str) -> Option<Element> {
    doc.get_element_by_id(&format!("filter-{key}"))
}

/// `<div class="field"><label>…` with its control; returns the control.
fn field(
    doc: &Document,
    form: &Element,
    key: &str,
    label: &str,
    tag: &str,
    class: &str,
) -> Element {
    let field = el(doc, form, "div", class);
    let id = format!("filter-{key}");
    attr(&text_el(doc, &field, "label", "", label), "for", &id);
    let control = el(doc, &field, tag, "");
    attr(&control, "id", &id);
    attr(&control, "name", key);
    control
}

fn option(doc: &Document, select: &Element, value: &str, label: &str) {
    attr(&text_el(doc, select, "option", "", label), "value", value);
}

/// Builds the fields into `form`, replacing what it holds.
pub fn build(form: &Element, lang: Lang, c: &Catalogue) {
    form.set_text_content(None);
    let Some(doc) = form.owner_document() else {
        return;
    };
    let (t, en) = (patch_texts(lang), lang.is_en());
    let select = |key: &str, label: &str, options: &mut dyn Iterator<Item = (&str, &str)>| {
        let s = field(&doc, form, key, label, "select", "field");
        option(&doc, &s, "", t.any);
        for (v, name) in options {
            option(&doc, &s, v, name);
        }
    };
    select(
        "product",
        t.product,
        &mut c.products.iter().map(|p| (p.id.as_str(), p.name.get(en))),
    );
    // Its options follow the product (`sync`).
    select("version", t.version, &mut std::iter::empty());
    select(
        "kind",
        t.kind,
        &mut PatchKind::ALL
            .iter()
            .map(|k| (k.as_str(), kind_name(lang, *k))),
    );
    select(
        "severity",
        t.severity,
        &mut PatchSeverity::ALL
            .iter()
            .map(|s| (s.as_str(), severity_name(lang, *s))),
    );
    for (key, label) in [("from", t.from), ("to", t.to)] {
        attr(
            &field(&doc, form, key, label, "input", "field"),
            "type",
            "date",
        );
    }
    let q = field(&doc, form, "q", t.search, "input", "field field-wide");
    attr(&q, "type", "search");
    attr(&q, "maxlength", &QUERY_MAX.to_string());
    attr(&q, "aria-describedby", "filter-q-hint");
    if let Some(wide) = q.parent_element() {
        attr(
            &text_el(&doc, &wide, "p", "field-hint", t.search_hint),
            "id",
            "filter-q-hint",
        );
    }
    let p = el(&doc, form, "p", "");
    let clear = text_el(&doc, &p, "button", "button small", t.clear);
    attr(&clear, "type", "button");
    attr(&clear, "data-clear", "");
}

/// Sets the controls to `f`. The version list follows the product. The
/// search box is left alone while it has focus: the user is typing in it,
/// and the URL holds what they typed, trimmed.
pub fn sync(doc: &Document, c: &Catalogue, f: &PatchFilter) {
    if let Some(versions) = control(doc, "version") {
        let shown: Vec<&str> = c
            .products
            .iter()
            .filter(|p| f.product.as_ref().is_none_or(|id| *id == p.id))
            .flat_map(|p| p.versions.iter().map(|v| v.version.as_str()))
            .collect();
        let listed: Vec<String> = (1..versions.children().length())
            .filter_map(|i| versions.children().item(i))
            .map(|o| value(&o))
            .collect();
        if listed != shown {
            while versions.children().length() > 1 {
                if let Some(last) = versions.last_element_child() {
                    last.remove();
                }
            }
            for v in shown {
                option(doc, &versions, v, v);
            }
        }
    }
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let values = [
        f.product.clone().unwrap_or_default(),
        f.version.clone().unwrap_or_default(),
        f.kind.map(|k| k.as_str().to_owned()).unwrap_or_default(),
        f.severity
            .map(|s| s.as_str().to_owned())
            .unwrap_or_default(),
        date(f.from),
        date(f.to),
        f.query.clone(),
    ];
    let typing = doc.active_element();
    for (key, v) in KEYS.iter().zip(values) {
        if let Some(e) = control(doc, key) {
            if *key != "q" || typing.as_ref() != Some(&e) {
                set_value(&e, &v);
            }
        }
    }
}

/// The filter the controls hold, with `mine` kept. A new product resets
/// the version (the old one belongs to the other product).
pub fn read(doc: &Document, mine: bool, product_changed: bool) -> PatchFilter {
    let query: Vec<String> = KEYS
        .iter()
        .filter(|key| !(product_changed && **key == "version"))
        .filter_map(|key| {
            let v = value(&control(doc, key)?);
            (!v.is_empty()).then(|| format!("{key}={}", percent_encode(&v)))
        })
        .collect();
    let mut f = PatchFilter::from_query_string(&query.join("&"));
    f.mine = mine;
    f
}
