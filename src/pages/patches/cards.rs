//! The patch cards, built with the DOM API instead of `view!`.
//!
//! Why: a card is a few dozen static elements, rebuilt whole when the filter
//! changes, with nothing reactive inside. As `view!` every distinct shape
//! of it (with or without advisories, successors, …) is a Rust type for
//! which Leptos compiles its whole rendering machinery; the first version
//! of this page was 65 KB of brotli wasm of its own, far past the 260 KB a
//! deep link may cost (BENCHMARKS.md). Here a card is straight-line calls.
//!
//! Text only ever goes in through `set_text_content` and attribute values
//! through `set_attribute`: nothing from the data is parsed as HTML. The
//! buttons and the file inputs are handled by the list's own delegated
//! listeners (`on_click`, `on_change` in `mod.rs`), reading the `data-*`
//! attributes set here.

use super::texts::{kind_name, patch_texts, severity_name, PatchTexts};
use super::{size_text, Catalogue, Pairs};
use crate::api::api_url;
use crate::dom::{attr, el, text, text_el};
use crate::i18n::Lang;
use crate::routes;
use portal_core::files;
use portal_core::model::Patch;
use portal_core::patches::{superseded_by, PatchFilter};
use web_sys::{Document, Element};

/// The catalogue filtered on one patch id: where a patch is linked to.
pub(super) fn patch_href(id: &str) -> String {
    let q = PatchFilter {
        query: id.to_owned(),
        ..PatchFilter::default()
    };
    routes::patches(&q.to_query_string())
}

/// A link to the catalogue filtered on one patch id.
fn patch_link(doc: &Document, parent: &Element, id: &str) {
    let a = text_el(doc, parent, "a", "", id);
    attr(&a, "href", &patch_href(id));
}

/// `<dt>name</dt><dd>` in `dl`; returns the `dd`.
fn fact(doc: &Document, dl: &Element, name: &str) -> Element {
    text_el(doc, dl, "dt", "", name);
    el(doc, dl, "dd", "")
}

/// The view switch ("for my deployment (n)", "all") and the count, with
/// the reason when nothing is shown.
pub fn head(
    switch: &Element,
    count: &Element,
    lang: Lang,
    filter: &PatchFilter,
    no_deployment: bool,
    shown: usize,
    applying: usize,
) {
    let Some(doc) = switch.owner_document() else {
        return;
    };
    let t = patch_texts(lang);
    switch.set_text_content(None);
    attr(switch, "aria-label", t.deployment_title);
    for (mine, label) in [
        (true, (t.view_mine)(applying)),
        (false, t.view_all.to_owned()),
    ] {
        let b = text_el(&doc, switch, "button", "toggle", &label);
        attr(&b, "type", "button");
        attr(&b, "data-mine", if mine { "1" } else { "0" });
        attr(
            &b,
            "aria-pressed",
            if filter.mine == mine { "true" } else { "false" },
        );
    }
    attr(count, "data-patch-total", &shown.to_string());
    let mut text = (t.count)(shown);
    if shown == 0 {
        let why = if filter.mine && no_deployment {
            t.deployment_empty
        } else if filter.mine {
            t.none_apply
        } else {
            t.none_match
        };
        text = format!("{text}{}{why}", lang.pick("。", ". "));
    }
    count.set_text_content(Some(&text));
}

/// Replaces what `list` holds with the cards of `shown`.
pub fn fill(
    list: &Element,
    lang: Lang,
    c: &Catalogue,
    shown: &[&Patch],
    filter: &PatchFilter,
    mine: &Pairs,
) {
    list.set_text_content(None);
    let Some(doc) = list.owner_document() else {
        return;
    };
    for p in shown {
        card(&doc, list, lang, c, p, filter, mine);
    }
}

fn card(
    doc: &Document,
    list: &Element,
    lang: Lang,
    c: &Catalogue,
    p: &Patch,
    filter: &PatchFilter,
    mine: &Pairs,
) {
    let (t, en) = (patch_texts(lang), lang.is_en());
    let li = el(doc, list, "li", "card patch");
    let heading = format!("patch-{}-title", p.id);
    attr(&li, "data-patch", &p.id);
    attr(&li, "aria-labelledby", &heading);
    let h3 = text_el(doc, &li, "h3", "", p.title.get(en));
    attr(&h3, "id", &heading);

    let meta = el(doc, &li, "p", "patch-meta");
    text_el(
        doc,
        &meta,
        "span",
        "badge kind-badge",
        kind_name(lang, p.kind),
    );
    text_el(
        doc,
        &meta,
        "span",
        &format!("badge severity-{}", p.severity.as_str()),
        severity_name(lang, p.severity),
    );
    text_el(doc, &meta, "code", "", &p.id);

    let dl = el(doc, &li, "dl", "facts");
    let released = text_el(
        doc,
        &fact(doc, &dl, t.released),
        "time",
        "",
        &p.released.to_string(),
    );
    attr(&released, "datetime", &p.released.to_string());
    let applies = fact(doc, &dl, t.applies_to);
    attr(&applies, "data-applies-to", "");
    applies.set_text_content(Some(&format!(
        "{} {}",
        c.product_name(&p.product, en),
        p.applies_to.join(", ")
    )));
    let advisories: Vec<&str> = p.cnvd.iter().chain(&p.cve).map(String::as_str).collect();
    if !advisories.is_empty() {
        fact(doc, &dl, "CNVD / CVE").set_text_content(Some(&advisories.join(", ")));
    }
    if !p.supersedes.is_empty() {
        let dd = fact(doc, &dl, t.supersedes);
        for s in &p.supersedes {
            patch_link(doc, &dd, s);
            text(doc, &dd, " ");
        }
    }
    // With the versions each successor is for: one built only for later
    // versions leaves this patch the one to install on earlier ones.
    let by = superseded_by(&c.patches, &p.id);
    if !by.is_empty() {
        let note = el(doc, &li, "p", "notice");
        attr(&note, "data-superseded", "");
        text(doc, &note, t.superseded_by);
        for s in by {
            patch_link(doc, &note, &s.id);
            text(doc, &note, &format!(" ({}) ", s.applies_to.join(", ")));
        }
    }

    text_el(doc, &li, "h4", "", t.notes);
    text_el(doc, &li, "p", "patch-notes", p.notes.get(en));

    let dl = el(doc, &li, "dl", "facts");
    text_el(doc, &fact(doc, &dl, t.file), "code", "", &p.file.name);
    fact(doc, &dl, t.size).set_text_content(Some(&size_text(p.file.size_bytes)));
    let digest = fact(doc, &dl, t.sha256);
    attr(&digest, "class", "digest");
    let code = text_el(doc, &digest, "code", "", &p.file.sha256);
    attr(&code, "data-sha256", "");
    text(doc, &digest, " ");
    let copy = text_el(doc, &digest, "button", "link-button", t.copy);
    attr(&copy, "type", "button");
    attr(&copy, "data-copy", &p.file.sha256);
    let status = el(doc, &digest, "span", "muted");
    attr(&status, "role", "status");

    let actions = el(doc, &li, "p", "actions");
    let download = text_el(doc, &actions, "a", "button", t.download);
    attr(
        &download,
        "href",
        &api_url(&format!("{}/{}", files::PATCH_FILES_DIR, p.file.name)),
    );
    attr(&download, "download", &p.file.name);
    attr(&download, "aria-label", &(t.download_label)(&p.id));
    attr(&download, "data-patch", &p.id);
    // The version this download is for: the deployment's, or the one
    // filtered on, when the patch applies to it.
    let version = mine
        .iter()
        .find(|(product, v)| *product == p.product && p.applies_to.contains(v))
        .map(|(_, v)| v.as_str())
        .or_else(|| {
            filter
                .version
                .as_deref()
                .filter(|v| p.applies_to.iter().any(|a| a == v))
        });
    if let Some(v) = version {
        attr(&download, "data-version", v);
    }
    text(doc, &actions, " ");
    let book = text_el(doc, &actions, "a", "button", t.book);
    attr(
        &book,
        "href",
        &routes::booking(Some("patch_deployment"), Some(&p.id)),
    );

    verify_box(doc, &li, t, p);
}

/// "Check a downloaded file": the picker; `on_change` fills `.verify-out`.
fn verify_box(doc: &Document, li: &Element, t: &PatchTexts, p: &Patch) {
    let details = el(doc, li, "details", "verify");
    text_el(doc, &details, "summary", "", t.verify_title);
    let input_id = format!("verify-{}", p.id);
    let hint = text_el(doc, &details, "p", "field-hint", t.verify_hint);
    attr(&hint, "id", &format!("{input_id}-hint"));
    let label = text_el(doc, &details, "label", "", t.verify_pick);
    attr(&label, "for", &input_id);
    text(doc, &details, " ");
    let input = el(doc, &details, "input", "");
    attr(&input, "type", "file");
    attr(&input, "id", &input_id);
    attr(&input, "aria-describedby", &format!("{input_id}-hint"));
    attr(&input, "data-verify-sha256", &p.file.sha256);
    attr(&input, "data-verify-size", &p.file.size_bytes.to_string());
    el(doc, &details, "div", "verify-out");
}

/// What checking a picked file found, shown in the card's `.verify-out`.
pub enum Check {
    Busy,
    Done { actual: String, size: u64 },
    TooLarge,
    Failed,
    Insecure,
}

pub fn show_check(out: &Element, lang: Lang, expected: &str, size: u64, check: Check) {
    out.set_text_content(None);
    let Some(doc) = out.owner_document() else {
        return;
    };
    let t = patch_texts(lang);
    let notice = |message: &str, role: &str| {
        let p = text_el(
            &doc,
            out,
            "p",
            if role == "alert" { "notice" } else { "" },
            message,
        );
        attr(&p, "role", role);
    };
    match check {
        Check::Busy => notice(t.verifying, "status"),
        Check::TooLarge => notice(t.verify_too_large, "alert"),
        Check::Failed => notice(t.verify_failed, "alert"),
        Check::Insecure => notice(t.verify_insecure, "alert"),
        Check::Done { actual, size: got } => {
            let ok = actual == expected;
            let result = el(
                &doc,
                out,
                "div",
                if ok {
                    "verify-result ok"
                } else {
                    "verify-result mismatch"
                },
            );
            attr(&result, "role", "alert");
            attr(
                &result,
                "data-verify",
                if ok { "match" } else { "mismatch" },
            );
            let p = el(&doc, &result, "p", "");
            text_el(
                &doc,
                &p,
                "strong",
                "",
                if ok {
                    t.verify_match
                } else {
                    t.verify_mismatch
                },
            );
            if got != size {
                text_el(&doc, &result, "p", "", &(t.verify_size)(got, size));
            }
            let dl = el(&doc, &result, "dl", "facts");
            text_el(&doc, &fact(&doc, &dl, t.expected), "code", "", expected);
            let code = text_el(&doc, &fact(&doc, &dl, t.actual), "code", "", &actual);
            attr(&code, "data-actual", "");
        }
    }
}
