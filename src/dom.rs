//! Building static parts of a page with the DOM API instead of `view!`.
//!
//! Why: every distinct `view!` shape is a Rust type for which Leptos compiles
//! its whole rendering machinery, and a page of static, data-driven markup
//! (cards, lists, tables) costs tens of KB of wasm that way; the same markup
//! as straight-line calls costs a fraction (BENCHMARKS.md, "Patch catalogue
//! and booking together"). Use it for markup that is rebuilt whole when its
//! data changes; keep `view!` for the reactive parts.
//!
//! Text only ever goes in through `set_text_content` / text nodes, and
//! attribute values through `set_attribute`: nothing from the data is ever
//! parsed as HTML. Links are plain `<a href>`: the router handles their
//! clicks as it does its own `<A>`.

use web_sys::{Document, Element};

/// Creates `<tag class=…>` at the end of `parent`.
pub fn el(doc: &Document, parent: &Element, tag: &str, class: &str) -> Element {
    // Creating an element only fails for an invalid tag name, and these
    // are literals; an unattached element is harmless if it ever did.
    let e = doc.create_element(tag).unwrap_or_else(|_| parent.clone());
    if !class.is_empty() {
        let _ = e.set_attribute("class", class);
    }
    let _ = parent.append_child(&e);
    e
}

/// `<tag class=…>text</tag>` at the end of `parent`.
pub fn text_el(doc: &Document, parent: &Element, tag: &str, class: &str, text: &str) -> Element {
    let e = el(doc, parent, tag, class);
    e.set_text_content(Some(text));
    e
}

pub fn attr(e: &Element, name: &str, value: &str) {
    let _ = e.set_attribute(name, value);
}

/// `<section class=… aria-labelledby=id><h2 id=id>title</h2></section>` at
/// the end of `parent`: a region named by its heading, which a screen
/// reader lists. Returns the section. Inlined, as the three calls were
/// where it is used: a shared function here is one more piece the wasm
/// splitter must place, and it regrouped the sections' chunks (+1.2 KB on
/// /community).
#[inline(always)]
pub fn titled_section(
    doc: &Document,
    parent: &Element,
    class: &str,
    id: &str,
    title: &str,
) -> Element {
    let section = el(doc, parent, "section", class);
    attr(&section, "aria-labelledby", id);
    attr(&text_el(doc, &section, "h2", "", title), "id", id);
    section
}

/// A form control's current value (a select's, an input's).
pub fn value(e: &Element) -> String {
    js_sys::Reflect::get(e, &wasm_bindgen::JsValue::from_str("value"))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// Sets a form control's value, leaving it alone when it already holds it.
pub fn set_value(e: &Element, v: &str) {
    if value(e) != v {
        let _ = js_sys::Reflect::set(
            e,
            &wasm_bindgen::JsValue::from_str("value"),
            &wasm_bindgen::JsValue::from_str(v),
        );
    }
}

/// Appends plain text to `parent`.
pub fn text(doc: &Document, parent: &Element, text: &str) {
    let _ = parent.append_child(&doc.create_text_node(text));
}

/// Offers `text` as a download named `name` (of type `mime`) through a Blob
/// URL; `false` when the browser would not (the caller says so). Used by
/// the booking's and the courses' `.ics` files.
pub fn offer_download(name: &str, mime: &str, text: &str) -> bool {
    use wasm_bindgen::JsCast;
    let saved = (|| {
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let link = web_sys::window()?.document()?.create_element("a").ok()?;
        link.set_attribute("href", &url).ok()?;
        link.set_attribute("download", name).ok()?;
        link.dyn_ref::<web_sys::HtmlElement>()?.click();
        // The download has started from the URL; free it a little later.
        leptos::prelude::set_timeout(
            move || {
                let _ = web_sys::Url::revoke_object_url(&url);
            },
            std::time::Duration::from_secs(10),
        );
        Some(())
    })();
    if saved.is_none() {
        web_sys::console::warn_1(&"the file could not be offered for download".into());
    }
    saved.is_some()
}
