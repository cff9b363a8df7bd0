//! Pages shown without the network: the notice over a device copy. (The
//! knowledge base's pointer to the offline library is the knowledge base's.)

use crate::i18n::{use_lang, Lang};
use crate::time::format_ms;
use leptos::prelude::*;

/// A page shown from the copy on this device because the network cannot be
/// reached (`portal_core::fallback::Shown::DeviceCopy`): a notice saying
/// when the copy was saved, with a retry that asks the network again, and
/// then the page itself.
#[component]
pub fn DeviceCopyNotice(
    /// The notice in a language, given when the copy was saved.
    message: fn(Lang, &str) -> String,
    /// When the copy was saved (ms since the epoch).
    saved_at_ms: f64,
    #[prop(into)] on_retry: Callback<()>,
    children: Children,
) -> impl IntoView {
    let lang = use_lang();
    let notice = move || {
        let lang = lang.get();
        view! {
            <p>{message(lang, &format_ms(saved_at_ms))}</p>
            <button type="button" class="button small" on:click=move |_| on_retry.run(())>{lang.texts().retry}</button>
        }
    };
    view! {
        <div class="notice offline" role="status">{notice}</div>
        {children()}
    }
}
