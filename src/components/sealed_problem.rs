//! Why a ticket or a workspace did not open (`SealedError`), in the user's
//! words; owns those words. Never names the sealed file.

use crate::components::ErrorPanel;
use crate::i18n::{use_lang, Lang};
use crate::sealed::SealedError;
use leptos::prelude::*;
use portal_core::secret::{SecretError, SecretKind};

struct SealedTexts {
    insecure: &'static str,
    empty: &'static str,
    wrong_length: fn(SecretKind, usize) -> String,
    bad_symbol: fn(char) -> String,
    patterned: &'static str,
    no_ticket: &'static str,
    no_workspace: &'static str,
    too_many: &'static str,
    damaged: &'static str,
}

static ZH: SealedTexts = SealedTexts {
    insecure: "此页面不是通过 HTTPS 打开的，浏览器在这里不提供解密功能，因此无法打开工单或工作台。请改用以 https:// 开头的地址访问。",
    empty: "请输入访问码。",
    wrong_length: |kind, n| format!("访问码应为 {} 个字符（不计连字符），您输入了 {n} 个。请从确认邮件中完整复制。", kind.symbols()),
    bad_symbol: |c| format!("“{c}”不会出现在访问码中：访问码只含数字和字母（不含 I、L、O、U）。请检查是否输错。"),
    patterned: "这不是发放的访问码。请从确认邮件中复制访问码。",
    no_ticket: "工单号与访问码不匹配，未能打开工单。请核对确认邮件中的链接；也可以在工作台的历史工单中打开它。",
    no_workspace: "没有与此访问密钥对应的工作台。请核对密钥；如已遗失，请联系贵司的 Coremail 客户经理重新发放。",
    too_many: "尝试次数过多。请等待一分钟后再试。",
    damaged: "文件已损坏或被改动，无法打开。请稍后重试；如仍失败，请致电 400-888-2488。",
};

static EN: SealedTexts = SealedTexts {
    insecure: "This page was not opened over HTTPS, so the browser offers no decryption here and tickets and the workspace cannot be opened. Use the address that starts with https://.",
    empty: "Enter the access code.",
    wrong_length: |kind, n| format!("An access code has {} characters (not counting dashes); this has {n}. Copy it whole from the acknowledgement e-mail.", kind.symbols()),
    bad_symbol: |c| format!("“{c}” never appears in an access code: codes use digits and letters other than I, L, O and U. Check for a typo."),
    patterned: "This is not an access code that was issued. Copy the code from the acknowledgement e-mail.",
    no_ticket: "The ticket number and access code do not match, so the ticket did not open. Check the link in the acknowledgement e-mail, or open the ticket from your workspace's ticket history.",
    no_workspace: "No workspace opens with this access key. Check the key; if it is lost, ask your Coremail account manager for a new one.",
    too_many: "Too many attempts. Wait a minute, then try again.",
    damaged: "The file is damaged or was changed, and does not open. Try again later; if it persists, call 400-888-2488.",
};

/// The message for a sealed-file error that is not a fetch failure.
pub fn sealed_message(lang: Lang, error: &SealedError, kind: SecretKind) -> String {
    let t = lang.pick(&ZH, &EN);
    match error {
        SealedError::Insecure => t.insecure.to_owned(),
        SealedError::Secret(SecretError::Empty) => t.empty.to_owned(),
        SealedError::Secret(SecretError::WrongLength(n)) => (t.wrong_length)(kind, *n),
        SealedError::Secret(SecretError::BadSymbol(c)) => (t.bad_symbol)(*c),
        SealedError::Secret(SecretError::Patterned) => t.patterned.to_owned(),
        SealedError::NotFound => match kind {
            SecretKind::TicketCode => t.no_ticket.to_owned(),
            SecretKind::AccessKey => t.no_workspace.to_owned(),
        },
        SealedError::TooManyAttempts => t.too_many.to_owned(),
        SealedError::Damaged | SealedError::Api(_) => t.damaged.to_owned(),
    }
}

/// A sealed-file error as an alert, or the error panel (with retry) when
/// fetching failed.
#[component]
pub fn SealedProblem(
    error: SealedError,
    kind: SecretKind,
    #[prop(into)] on_retry: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    match error {
        SealedError::Api(error) => view! { <ErrorPanel error on_retry/> }.into_any(),
        error => view! {
            <p class="notice" role="alert">{move || sealed_message(lang.get(), &error, kind)}</p>
        }
        .into_any(),
    }
}
