//! Pages shown without the network: the notice over a device copy, and the
//! pointer to the offline library (whose words it owns).

use crate::i18n::{use_lang, Lang};
use crate::routes;
use crate::time::format_ms;
use leptos::prelude::*;
use leptos_router::components::A;

struct HintTexts {
    hint: &'static str,
    library: &'static str,
}

static ZH: HintTexts = HintTexts {
    hint: "网络不可用。保存在本机的文章仍可阅读和搜索：",
    library: "离线文章",
};

static EN: HintTexts = HintTexts {
    hint:
        "The network is unavailable. Articles saved on this device can still be read and searched:",
    library: "Offline library",
};

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

/// With the API unreachable: the articles kept on this device can still be
/// read and searched, and where they are.
#[component]
pub fn OfflineLibraryHint() -> impl IntoView {
    let lang = use_lang();
    move || {
        let t = lang.get().pick(&ZH, &EN);
        view! {
            <p class="notice" role="status">
                {t.hint}" "<A href=routes::KB_OFFLINE>{t.library}" →"</A>
            </p>
        }
    }
}
