//! A submission's problems (`portal_core::submission::Problem`) in the
//! user's words: the field as the form labels it, and what is wrong. Used
//! by the forms (checked before queueing) and the outbox (a receiver's
//! refusal); owns those words, and the names of the kinds of submission
//! and of outbox states that the outbox page and the booking page show.

use crate::i18n::Lang;
use portal_core::model::BookingKind;
use portal_core::outbox::State;
use portal_core::submission::{
    Problem, ProblemCode, ADDRESS_MAX, ATTACHMENTS_MAX, ATTACHMENT_NAME_MAX, TEXT_MAX, TITLE_MAX,
};

/// What kind of submission an outbox item is (`request.kind`).
pub fn kind_words(lang: Lang, kind: &str) -> &'static str {
    match kind {
        "ticket_reply" => lang.pick("工单回复", "Ticket reply"),
        "booking" => lang.pick("工程师预约", "Engineer booking"),
        "booking_cancel" => lang.pick("取消预约", "Booking cancellation"),
        "notification_settings" => lang.pick("消息设置", "Notification settings"),
        "licence_request" => lang.pick("云产品授权申请", "Cloud licence request"),
        "question" => lang.pick("社区提问", "Community question"),
        "feedback" => lang.pick("产品建议与反馈", "Product feedback"),
        _ => lang.pick("新服务请求", "New service request"),
    }
}

/// The work an engineer is booked for.
pub fn booking_kind_words(lang: Lang, kind: BookingKind) -> &'static str {
    match kind {
        BookingKind::PatchDeployment => lang.pick("补丁部署", "Patch deployment"),
        BookingKind::RemoteSupport => lang.pick("远程支持", "Remote support"),
        BookingKind::Onsite => lang.pick("现场服务", "On-site visit"),
    }
}

/// An outbox state as its badge says it, and the badge's class.
pub fn state_words(lang: Lang, state: State) -> (&'static str, &'static str) {
    let words = match state {
        State::Queued => lang.pick("待发送", "Queued"),
        State::Sent => lang.pick("已发出，待确认", "Sent, awaiting answer"),
        State::Accepted => lang.pick("已受理", "Accepted"),
        State::Refused => lang.pick("被拒绝", "Refused"),
    };
    let class = match state {
        State::Queued | State::Sent => "state-badge due-soon",
        State::Accepted => "state-badge on-track",
        State::Refused => "state-badge breached",
    };
    (words, class)
}

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
        "$.request.engineer" | "$.request.start" | "$.request.end" => ("时段", "Slot"),
        "$.request.patch" => ("补丁", "Patch"),
        "$.request.site" | "$.request.site.city" | "$.request.site.lat" | "$.request.site.lon" => {
            ("现场位置", "Site location")
        }
        "$.request.site.address" => ("现场地址", "Site address"),
        "$.request.days" => ("现场人天", "On-site person-days"),
        "$.request.remote_access_consent" => ("远程操作授权", "Consent to remote access"),
        "$.request.note" => ("备注", "Note"),
        "$.request.reason" => ("取消原因", "Reason for cancelling"),
        "$.request.booking" | "$.request.sequence" => ("预约编号", "Booking id"),
        "$.sender.proof" | "$.sender.scope" | "$.sender.id" => ("访问凭据", "Access credentials"),
        "$.request.details" => ("详细说明", "Details"),
        "$.request.type" => ("类型", "Type"),
        f if f.starts_with("$.request.attachments") => ("附件清单", "Attachment list"),
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
    } else if field == "$.request.site.address" {
        ADDRESS_MAX
    } else if field.starts_with("$.request.attachments[") {
        ATTACHMENT_NAME_MAX
    } else {
        TEXT_MAX
    };
    match (code, lang.is_en()) {
        (ProblemCode::Empty, false) => match field {
            "$.request.engineer" => "请选择一个时段。".to_owned(),
            "$.request.patch" => "请选择要部署的补丁。".to_owned(),
            "$.request.site" => "请选择城市，或输入现场坐标。".to_owned(),
            "$.request.days" => "请填写需要的现场人天数。".to_owned(),
            "$.request.remote_access_consent" => "远程支持须先同意上述远程操作条款。".to_owned(),
            _ => "请填写。".to_owned(),
        },
        (ProblemCode::Empty, true) => match field {
            "$.request.engineer" => "Pick a slot.".to_owned(),
            "$.request.patch" => "Pick the patch to deploy.".to_owned(),
            "$.request.site" => "Pick a city, or enter the site's coordinates.".to_owned(),
            "$.request.days" => "Enter how many on-site person-days you need.".to_owned(),
            "$.request.remote_access_consent" => {
                "Remote support needs your consent to the remote-access terms above.".to_owned()
            }
            _ => "Required.".to_owned(),
        },
        (ProblemCode::TooLong, false) if field == "$.request.attachments" => {
            format!("最多列出 {ATTACHMENTS_MAX} 个文件名。")
        }
        (ProblemCode::TooLong, true) if field == "$.request.attachments" => {
            format!("List at most {ATTACHMENTS_MAX} file names.")
        }
        (ProblemCode::TooLong, false) => format!("不能超过 {max} 个字符。"),
        (ProblemCode::TooLong, true) => format!("At most {max} characters."),
        (ProblemCode::ControlCharacters, false) => "含有不可见的控制字符，请删除后再试。".to_owned(),
        (ProblemCode::ControlCharacters, true) => {
            "Contains invisible control characters: remove them and try again.".to_owned()
        }
        (ProblemCode::Malformed, false) => match field {
            "$.request.contact.email" => "请输入有效的邮箱地址，如 name@example.com。".to_owned(),
            "$.request.contact.phone" => "请输入 5–20 位数字的电话号码（可含 +、-、空格、括号）。".to_owned(),
            "$.request.days" => "请输入 1 到 30 之间的整数。".to_owned(),
            "$.request.end" => "时段的结束时间须晚于开始时间。".to_owned(),
            f if f.starts_with("$.request.attachments[") => {
                "只填文件名，不要包含路径（/、\\、:）。".to_owned()
            }
            _ => "格式不正确。".to_owned(),
        },
        (ProblemCode::Malformed, true) => match field {
            "$.request.contact.email" => "Enter a valid address, like name@example.com.".to_owned(),
            "$.request.contact.phone" => {
                "Enter a phone number of 5–20 digits (+, -, spaces and brackets allowed).".to_owned()
            }
            "$.request.days" => "Enter a whole number from 1 to 30.".to_owned(),
            "$.request.end" => "The slot must end after it starts.".to_owned(),
            f if f.starts_with("$.request.attachments[") => {
                "A file name only, without a folder (/, \\ or :).".to_owned()
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
    labelled(
        lang,
        field_words(lang, &p.field),
        &code_words(lang, &p.field, p.code),
    )
}

/// A field's name and what is wrong with it, as an error summary lists them
/// (`描述：请填写。`), for a form that names the field its own way.
pub fn labelled(lang: Lang, field: &str, message: &str) -> String {
    format!("{field}{}{message}", lang.pick("：", ": "))
}
