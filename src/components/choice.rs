//! One option of a radio group, with a title and a hint (the SLA
//! calculator's and the request form's priority and channel choices).

use leptos::prelude::*;

/// One option of a radio group bound to `selected`.
pub fn radio_choice<T: Copy + PartialEq + Send + Sync + 'static>(
    name: &'static str,
    value: &'static str,
    id: T,
    selected: RwSignal<T>,
    title: AnyView,
    hint: String,
) -> impl IntoView {
    view! {
        <label class="choice">
            <input
                type="radio"
                name=name
                value=value
                prop:checked=move || selected.get() == id
                on:change=move |_| selected.set(id)
            />
            <span class="choice-body">
                <span class="choice-title">{title}</span>
                <span class="choice-hint">{hint}</span>
            </span>
        </label>
    }
}
