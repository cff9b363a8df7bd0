use crate::i18n::{use_lang, Texts};
use crate::store::StoreError;
use leptos::prelude::*;

/// What the device storage was being used for when it failed: the message
/// says what the user lost, and whether it interrupts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreUse {
    /// Remembering (or listing) ticket lookups. The ticket is shown all the
    /// same, so this is a warning.
    RememberLookup,
    /// Forgetting lookups the user asked to forget: they are still here.
    ForgetLookup,
    /// Saving, refreshing or removing articles the user asked about.
    SaveArticles,
    /// The copy every opened article gets: a warning, the article is shown.
    KeepOpenedArticle,
}

/// The user's words for a storage failure during `used_for`.
pub fn store_error_message(t: &Texts, error: &StoreError, used_for: StoreUse) -> &'static str {
    use StoreError::{Full, Unavailable};
    match (used_for, error) {
        (StoreUse::RememberLookup, Full) => t.store_full,
        (StoreUse::RememberLookup, Unavailable(_)) => t.store_unavailable,
        (StoreUse::ForgetLookup, _) => t.forget_failed,
        (StoreUse::SaveArticles | StoreUse::KeepOpenedArticle, Full) => t.storage_full_kb,
        (StoreUse::SaveArticles | StoreUse::KeepOpenedArticle, Unavailable(_)) => {
            t.store_unavailable_kb
        }
    }
}

/// A storage failure as a notice: an alert when what the user asked for did
/// not happen, a status note when the page is shown anyway.
#[component]
pub fn StoreProblem(error: StoreError, used_for: StoreUse) -> impl IntoView {
    let lang = use_lang();
    let role = match used_for {
        StoreUse::RememberLookup | StoreUse::KeepOpenedArticle => "status",
        StoreUse::ForgetLookup | StoreUse::SaveArticles => "alert",
    };
    view! {
        <p class="notice" role=role>
            {move || store_error_message(lang.get().texts(), &error, used_for)}
        </p>
    }
}
