//! The Coremail Cloud Service Centre single-page app: a thin Leptos UI over
//! `portal-core`. `main.rs` only calls [`start`].

/// Calls a split-point view function: `lazy_call!(f(args))`. In the split
/// build (feature `split`) `#[lazy]` makes `f` async and this awaits it;
/// without the feature `f` is called as is. Only inside an `async` block.
macro_rules! lazy_call {
    ($view_fn:ident($arg:expr)) => {{
        #[cfg(feature = "split")]
        let view = $view_fn($arg).await;
        #[cfg(not(feature = "split"))]
        let view = $view_fn($arg);
        view
    }};
}

pub mod api;
pub mod app;
pub mod components;
pub mod deployment;
pub mod device_data;
pub mod dom;
pub mod engines;
pub mod i18n;
pub mod outbox;
pub mod pages;
pub mod routes;
pub mod sealed;
pub mod session;
pub mod store;
pub mod time;
pub mod visit;

use wasm_bindgen::JsCast;

/// Installs the panic hook and mounts the app into `#app`.
pub fn start() {
    install_panic_hook();
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        show_fatal_error();
        return;
    };
    // Drop the static "loading" text that index.html shows before the wasm runs.
    root.set_inner_html("");
    leptos::mount::mount_to(root, app::App).forget();
}

/// A panic must never leave a frozen page: log it, then reveal the static,
/// bilingual "something went wrong — reload" panel from index.html.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("portal panicked: {info}").into());
        show_fatal_error();
    }));
}

/// Hides the (possibly half-updated) app and shows the fallback panel.
fn show_fatal_error() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(app) = document.get_element_by_id("app") {
        let _ = app.set_attribute("hidden", "");
    }
    if let Some(panel) = document.get_element_by_id("fatal-error") {
        let _ = panel.remove_attribute("hidden");
    }
}
