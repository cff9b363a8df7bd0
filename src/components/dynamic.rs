//! Reactive parts of a view with their types erased. Each `move || view!`
//! closure is a type of its own, and Leptos builds the whole rendering
//! machinery (render effect, build, rebuild, mount) again for each one: a
//! few kilobytes of wasm per closure. Behind [`dynamic`] every such part is
//! one type, `Arc<dyn Fn() -> AnyView>`, so that machinery exists once for
//! the whole app, at the price of one allocation and an indirect call per
//! render (what Leptos's own `erase_components` does, without erasing the
//! router, which costs every page).

use leptos::prelude::*;
use std::sync::Arc;

type ViewFn = Arc<dyn Fn() -> AnyView + Send + Sync>;

/// `move || …` as a reactive child of a view, type-erased.
pub fn dynamic<V: IntoView + 'static>(f: impl Fn() -> V + Send + Sync + 'static) -> impl IntoView {
    erased(Arc::new(move || f().into_any()))
}

/// One closure type for every caller: not generic.
fn erased(f: ViewFn) -> impl IntoView {
    move || f()
}
