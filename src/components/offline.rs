use crate::i18n::{use_lang, Texts};
use crate::routes;
use crate::time::format_ms;
use leptos::prelude::*;
use leptos_router::components::A;

/// A page shown from the copy on this device because the network cannot be
/// reached (`portal_core::fallback::Shown::DeviceCopy`): a notice saying
/// when the copy was saved, with a retry that asks the network again, and
/// then the page itself.
#[component]
pub fn DeviceCopyNotice(
    /// The notice, with `{time}` where the saving time goes.
    message: fn(&Texts) -> &'static str,
    /// When the copy was saved (ms since the epoch).
    saved_at_ms: f64,
    #[prop(into)] on_retry: Callback<()>,
    children: Children,
) -> impl IntoView {
    let lang = use_lang();
    let notice = move || {
        let t = lang.get().texts();
        view! {
            <p>{message(t).replace("{time}", &format_ms(saved_at_ms))}</p>
            <button type="button" class="button small" on:click=move |_| on_retry.run(())>{t.retry}</button>
        }
    };
    view! {
        <div class="notice offline" role="status">{notice}</div>
        {children()}
    }
}

/// With the API unreachable: the articles kept on this device can still be
/// read and searched, and where they are.
#[component]
pub fn OfflineLibraryHint() -> impl IntoView {
    let lang = use_lang();
    move || {
        let t = lang.get().texts();
        view! {
            <p class="notice" role="status">
                {t.offline_hint}" "<A href=routes::KB_OFFLINE>{t.offline_library}" →"</A>
            </p>
        }
    }
}
