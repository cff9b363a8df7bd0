//! Moving the keyboard focus to an element by its id (the first field with a
//! problem, a box that just appeared).

use wasm_bindgen::JsCast;

/// Focuses the element with `id`, if it is on the page.
pub fn focus_by_id(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}
