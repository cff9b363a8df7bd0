//! The door to a customer's workspace, shared by the workspace and the
//! ticket history: the access-key form (with "remember on this device"),
//! opening the sealed workspace of the session's key, its errors, and the
//! bar with the company and "sign out" once it is open. Owns those words.

use crate::components::{Loading, SealedProblem};
use crate::i18n::{use_lang, Lang};
use crate::sealed::{self, SealedError};
use crate::session::use_session;
use leptos::prelude::*;
use portal_core::model::Workspace;
use portal_core::parse_json;
use portal_core::secret::SecretKind;

struct GateTexts {
    field_access_key: &'static str,
    key_hint: &'static str,
    remember: &'static str,
    remember_hint: &'static str,
    open_button: &'static str,
    not_remembered: &'static str,
    signed_in_as: &'static str,
    sign_out: &'static str,
}

static ZH: GateTexts = GateTexts {
    field_access_key: "客户访问密钥",
    key_hint: "30 个字符，五个一组（如 XXXXX-XXXXX-…），由 Coremail 客户经理发放给贵司管理员。",
    remember: "在此设备上记住密钥",
    remember_hint: "仅在贵司自己的电脑上勾选。点击“退出”即从此设备删除。",
    open_button: "打开工作台",
    not_remembered:
        "此设备无法保存密钥（浏览器存储不可用），本次访问仍可使用工作台；下次需要重新输入。",
    signed_in_as: "已打开工作台：",
    sign_out: "退出",
};

static EN: GateTexts = GateTexts {
    field_access_key: "Customer access key",
    key_hint: "30 characters in groups of five (XXXXX-XXXXX-…), issued to your company's admins by your Coremail account manager.",
    remember: "Remember the key on this device",
    remember_hint: "Tick this only on your company's own computer. “Sign out” deletes it from this device.",
    open_button: "Open the workspace",
    not_remembered: "This device could not keep the key (browser storage is unavailable). The workspace works for this visit; next time, enter the key again.",
    signed_in_as: "Workspace open: ",
    sign_out: "Sign out",
};

/// Opens the workspace sealed under a canonical access key.
pub async fn load_workspace(key: &str) -> Result<Workspace, SealedError> {
    let text = sealed::open_workspace(key).await?;
    parse_json::<Workspace>("workspace", &text).map_err(|_| SealedError::Damaged)
}

/// What the session's key opened.
#[derive(Debug, Clone)]
enum Opened {
    /// No key: the form.
    NoKey,
    Found(Box<Workspace>),
    Failed(SealedError),
}

/// Shows the form until the session holds a key that opens a workspace,
/// then the bar and `render(workspace)`. `title` and `lead` head the form.
#[component]
pub fn WorkspaceGate(
    title: fn(Lang) -> &'static str,
    lead: fn(Lang) -> &'static str,
    #[prop(into)] render: Callback<Workspace, AnyView>,
) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let opened = LocalResource::new(move || {
        let key = session.key();
        async move {
            match key {
                None => Opened::NoKey,
                Some(k) => match load_workspace(&k).await {
                    Ok(w) => Opened::Found(Box::new(w)),
                    Err(e) => Opened::Failed(e),
                },
            }
        }
    });
    // A key refused before any fetch (a typo, a pattern), and whether the
    // device failed to remember the last one.
    let typo = RwSignal::new(None::<SealedError>);
    let not_remembered = RwSignal::new(false);
    // A typo typed after a failed key: only the typo's message shows.
    let stale_failure = RwSignal::new(false);

    // Outside the form's closure, so a language switch keeps what was typed.
    let typed = RwSignal::new(String::new());
    let remember = RwSignal::new(false);
    let form = move || {
        let t = lang.get().pick(&ZH, &EN);
        view! {
            <h1>{title(lang.get())}</h1>
            <p class="lead-text">{lead(lang.get())}</p>
            <form
                class="card lookup-form single workspace-form"
                on:submit=move |ev| {
                    ev.prevent_default();
                    match sealed::workspace_secret(&typed.get_untracked()) {
                        Err(e) => {
                            typo.set(Some(e));
                            stale_failure.set(true);
                        }
                        Ok(key) => {
                            typo.set(None);
                            stale_failure.set(false);
                            let kept = session.sign_in(key, remember.get_untracked());
                            not_remembered.set(!kept);
                        }
                    }
                }
            >
                <div class="field">
                    <label for="access-key">{t.field_access_key}</label>
                    <input
                        id="access-key"
                        name="access-key"
                        type="password"
                        autocomplete="off"
                        spellcheck="false"
                        aria-describedby="access-key-hint"
                        prop:value=move || typed.get()
                        on:input=move |ev| typed.set(event_target_value(&ev))
                    />
                    <p id="access-key-hint" class="field-hint">{t.key_hint}</p>
                </div>
                <div class="field check-field">
                    <input
                        id="remember-key"
                        type="checkbox"
                        aria-describedby="remember-key-hint"
                        prop:checked=move || remember.get()
                        on:change=move |ev| remember.set(event_target_checked(&ev))
                    />
                    <label for="remember-key">{t.remember}</label>
                    <p id="remember-key-hint" class="field-hint">{t.remember_hint}</p>
                </div>
                <button type="submit" class="button primary">{t.open_button}</button>
            </form>
        }
    };
    let typo_view = move || {
        typo.get().map(|error| {
            view! { <SealedProblem error kind=SecretKind::AccessKey on_retry=move || ()/> }
        })
    };

    // Only the workspace's opening re-renders this; the words follow the
    // language in closures of their own, so a language switch does not
    // rebuild the page below (and lose what the user typed there).
    let t = move || lang.get().pick(&ZH, &EN);
    move || {
        match opened.get() {
            None if session.key().is_some() => view! { <Loading/> }.into_any(),
            None | Some(Opened::NoKey) => view! { {form} {typo_view} }.into_any(),
            Some(Opened::Failed(error)) => view! {
                {form}
                {typo_view}
                {move || (!stale_failure.get()).then(|| {
                    let error = error.clone();
                    view! { <SealedProblem error kind=SecretKind::AccessKey on_retry=move || opened.refetch()/> }
                })}
            }
            .into_any(),
            Some(Opened::Found(workspace)) => {
                let company = workspace.company.clone();
                view! {
                    <div class="workspace-bar">
                        <p>{move || t().signed_in_as}<strong>{move || company.get(lang.get().is_en()).to_owned()}</strong></p>
                        <button type="button" class="button small" on:click=move |_| session.sign_out()>
                            {move || t().sign_out}
                        </button>
                    </div>
                    {move || not_remembered.get().then(|| view! { <p class="notice" role="status">{t().not_remembered}</p> })}
                    {render.run(*workspace)}
                }
                .into_any()
            }
        }
    }
}
