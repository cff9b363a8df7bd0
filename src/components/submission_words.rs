//! A submission's problems (`portal_core::submission::Problem`) in the
//! user's words: the field as the form labels it, and what is wrong. Used
//! by the forms (checked before queueing) and the outbox (a receiver's
//! refusal); owns those words.

use crate::i18n::Lang;
use portal_core::submission::{Problem, ProblemCode, TEXT_MAX, TITLE_MAX};

/// The form field a JSON path points at.
pub fn field_words(lang: Lang, field: &str) -> &'static str {
    let (zh, en) = match field {
        "$.request.title" => ("标题", "Title"),
        "$.request.description" => ("问题描述", "Description"),
        "$.request.version" | "$.request.product" => ("产品与版本", "Product and version"),
        "$.request.priority" => ("故障级别", "Severity"),
        "$.request.contact.name" => ("联系人", "Contact name"),
        "$.request.contact.email" => ("联系邮箱", "Contact e-mail"),
        "$.request.contact.phone" => ("联系电话", "Contact phone"),
        "$.request.text" => ("回复内容", "Reply"),
        "$.request.ticket" => ("工单", "Ticket"),
        "$.sender.proof" | "$.sender.scope" | "$.sender.id" => ("访问凭据", "Access credentials"),
        _ => ("提交内容", "Submission"),
    };
    lang.pick(zh, en)
}

/// What is wrong, for a field of that kind.
pub fn code_words(lang: Lang, field: &str, code: ProblemCode) -> String {
    let max = if field == "$.request.title" {
        TITLE_MAX
    } else if field == "$.request.contact.name" {
        60
    } else {
        TEXT_MAX
    };
    match (code, lang.is_en()) {
        (ProblemCode::Empty, false) => "请填写。".to_owned(),
        (ProblemCode::Empty, true) => "Required.".to_owned(),
        (ProblemCode::TooLong, false) => format!("不能超过 {max} 个字符。"),
        (ProblemCode::TooLong, true) => format!("At most {max} characters."),
        (ProblemCode::ControlCharacters, false) => "含有不可见的控制字符，请删除后再试。".to_owned(),
        (ProblemCode::ControlCharacters, true) => {
            "Contains invisible control characters: remove them and try again.".to_owned()
        }
        (ProblemCode::Malformed, false) => match field {
            "$.request.contact.email" => "请输入有效的邮箱地址，如 name@example.com。".to_owned(),
            "$.request.contact.phone" => "请输入 5–20 位数字的电话号码（可含 +、-、空格、括号）。".to_owned(),
            _ => "格式不正确。".to_owned(),
        },
        (ProblemCode::Malformed, true) => match field {
            "$.request.contact.email" => "Enter a valid address, like name@example.com.".to_owned(),
            "$.request.contact.phone" => {
                "Enter a phone number of 5–20 digits (+, -, spaces and brackets allowed).".to_owned()
            }
            _ => "Not in the expected form.".to_owned(),
        },
        (ProblemCode::UnknownProduct, false) => "Coremail 不认识此产品版本，请从列表中选择。".to_owned(),
        (ProblemCode::UnknownProduct, true) => {
            "Coremail does not know this product version: pick one from the list.".to_owned()
        }
        (ProblemCode::NotAuthorised, false) => {
            "Coremail 无法确认您有权提交此内容。请重新打开工作台或工单后再发送。".to_owned()
        }
        (ProblemCode::NotAuthorised, true) => {
            "Coremail could not confirm you may send this. Open the workspace or ticket again, then send.".to_owned()
        }
        (ProblemCode::DuplicateId, false) => "同一编号已提交过不同的内容。请重新填写并发送。".to_owned(),
        (ProblemCode::DuplicateId, true) => {
            "Something else was already sent under this id. Fill in the form again and send.".to_owned()
        }
        (ProblemCode::TooLarge, false) => "内容过大（上限 64 KB），请删减后再发送。".to_owned(),
        (ProblemCode::TooLarge, true) => "Too large (64 KB at most): shorten it and send again.".to_owned(),
        (ProblemCode::Unreadable, false) => "Coremail 无法读取此内容（门户版本可能过旧）。请刷新页面后重新填写。".to_owned(),
        (ProblemCode::Unreadable, true) => {
            "Coremail could not read this (the portal may be out of date). Reload the page and fill it in again.".to_owned()
        }
    }
}

/// `标题：请填写。`
pub fn problem_words(lang: Lang, p: &Problem) -> String {
    let sep = lang.pick("：", ": ");
    format!(
        "{}{sep}{}",
        field_words(lang, &p.field),
        code_words(lang, &p.field, p.code)
    )
}
