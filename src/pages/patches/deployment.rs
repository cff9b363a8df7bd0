//! "My deployment", built with the DOM API like the cards and the filter
//! form (`cards.rs`): the workspace's versions, or the versions picked on
//! this device with "remove" and the picker. Rebuilt when they change; the
//! list's delegated listeners (`on_click`, `on_change`, `on_submit` in
//! `mod.rs`) read the `data-*` attributes and the picker's values.

use super::texts::patch_texts;
use super::{Catalogue, Pairs};
use crate::dom::{attr, el, text_el};
use crate::i18n::Lang;
use web_sys::{Document, Element};

/// Builds the panel's contents into `section`, replacing what it holds.
pub fn build(
    section: &Element,
    lang: Lang,
    c: &Catalogue,
    from_workspace: Option<&Pairs>,
    picked: &Pairs,
    kept: bool,
) {
    section.set_text_content(None);
    let Some(doc) = section.owner_document() else {
        return;
    };
    let (t, en) = (patch_texts(lang), lang.is_en());
    attr(
        &text_el(&doc, section, "h2", "", t.deployment_title),
        "id",
        "deployment-title",
    );
    let name = |(product, version): &(String, String)| {
        format!("{} {version}", c.product_name(product, en))
    };
    if let Some(pairs) = from_workspace {
        text_el(&doc, section, "p", "muted", t.deployment_from_workspace);
        let ul = el(&doc, section, "ul", "deployment-list");
        for p in pairs {
            text_el(&doc, &ul, "li", "", &name(p));
        }
        return;
    }
    text_el(&doc, section, "p", "muted", t.deployment_lead);
    if picked.is_empty() {
        text_el(&doc, section, "p", "muted", t.deployment_empty);
    } else {
        let ul = el(&doc, section, "ul", "deployment-list");
        for (i, p) in picked.iter().enumerate() {
            let label = name(p);
            let li = text_el(&doc, &ul, "li", "", &format!("{label} "));
            let remove = text_el(&doc, &li, "button", "link-button", "×");
            attr(&remove, "type", "button");
            attr(&remove, "aria-label", &(t.remove)(&label));
            attr(&remove, "data-remove", &i.to_string());
        }
    }
    if !kept {
        let note = text_el(&doc, section, "p", "notice", t.deployment_not_kept);
        attr(&note, "role", "status");
    }
    let form = el(&doc, section, "form", "inline-form");
    let select = |id: &str, label: &str| {
        let field = el(&doc, &form, "div", "field");
        attr(&text_el(&doc, &field, "label", "", label), "for", id);
        let s = el(&doc, &field, "select", "");
        attr(&s, "id", id);
        s
    };
    let products = select("pick-product", t.product);
    for p in &c.products {
        attr(
            &text_el(&doc, &products, "option", "", p.name.get(en)),
            "value",
            &p.id,
        );
    }
    select("pick-version", t.version);
    if let Some(first) = c.products.first() {
        versions_of(&doc, c, &first.id);
    }
    let add = text_el(&doc, &form, "button", "button", t.add);
    attr(&add, "type", "submit");
}

/// Lists `product`'s versions in the version select, the newest chosen.
pub fn versions_of(doc: &Document, c: &Catalogue, product: &str) {
    let Some(select) = doc.get_element_by_id("pick-version") else {
        return;
    };
    select.set_text_content(None);
    let versions = c
        .products
        .iter()
        .find(|p| p.id == product)
        .map(|p| p.versions.as_slice())
        .unwrap_or_default();
    for (i, v) in versions.iter().enumerate() {
        let option = text_el(doc, &select, "option", "", &v.version);
        attr(&option, "value", &v.version);
        if i + 1 == versions.len() {
            attr(&option, "selected", "");
        }
    }
}
