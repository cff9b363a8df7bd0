//! The outbox page's strings.

use crate::i18n::Lang;

pub struct OutboxTexts {
    pub title: &'static str,
    pub lead: &'static str,
    pub empty: &'static str,
    pub no_endpoint: &'static str,
    pub retry_now: &'static str,
    pub created: &'static str,
    pub last_error: &'static str,
    pub next_attempt: fn(&str) -> String,
    pub attempts: fn(u32) -> String,
    pub refused_because: &'static str,
    pub mail_title: &'static str,
    pub mail_lead: fn(&str) -> String,
    pub mail_open: &'static str,
    pub mail_text_label: &'static str,
    pub mail_done: &'static str,
    pub mail_intro: &'static str,
    pub mailed_note: &'static str,
    pub accepted_note: &'static str,
    pub discard: &'static str,
    pub withdraw: &'static str,
    pub open_ticket: &'static str,
    pub list_label: &'static str,
}

static ZH: OutboxTexts = OutboxTexts {
    title: "发件箱",
    lead: "您在本机提交的内容（新服务请求、工单回复）先保存在这里，再发送给 Coremail。关闭页面、刷新或断网都不会丢失：联网后会自动重试，直到 Coremail 确认收到。",
    empty: "发件箱是空的：没有等待发送的内容。",
    no_endpoint: "本门户没有配置在线提交地址，内容无法自动送达。请用下面的“通过邮件发送”把每一项发给 Coremail。",
    retry_now: "立即重试",
    created: "提交于",
    last_error: "上次发送失败：",
    next_attempt: |t| format!("将于 {t} 自动重试。"),
    attempts: |n| format!("已尝试 {n} 次。"),
    refused_because: "Coremail 拒绝了此内容：",
    mail_title: "通过邮件发送",
    mail_lead: |to| format!("用您自己的邮箱把下面的内容发送到 {to}。邮件中的编码块让 Coremail 的系统能直接读取它。"),
    mail_open: "在邮件程序中打开",
    mail_text_label: "邮件正文（可复制）",
    mail_done: "我已通过邮件发送",
    mail_intro: "请处理以下通过 Coremail 云服务中心提交的内容（门户未能在线送达）。",
    mailed_note: "已通过邮件发送。Coremail 处理后，结果会出现在工单中。",
    accepted_note: "Coremail 已确认收到。",
    discard: "从列表中删除",
    withdraw: "撤回（不再发送）",
    open_ticket: "查看工单",
    list_label: "发件箱中的内容",
};

static EN: OutboxTexts = OutboxTexts {
    title: "Outbox",
    lead: "What you submit here (new service requests, ticket replies) is kept on this device first, then sent to Coremail. Closing the page, reloading or going offline loses nothing: it is retried when you are online until Coremail confirms receipt.",
    empty: "The outbox is empty: nothing is waiting to be sent.",
    no_endpoint: "This portal has no online submission address, so nothing can be delivered automatically. Send each item to Coremail with “Send by e-mail” below.",
    retry_now: "Retry now",
    created: "Submitted",
    last_error: "Last attempt failed: ",
    next_attempt: |t| format!("Retrying automatically at {t}."),
    attempts: |n| if n == 1 { "1 attempt so far.".to_owned() } else { format!("{n} attempts so far.") },
    refused_because: "Coremail refused this: ",
    mail_title: "Send by e-mail",
    mail_lead: |to| format!("Send the text below to {to} from your own mailbox. Its coded block lets Coremail's system read it directly."),
    mail_open: "Open in your mail program",
    mail_text_label: "Mail text (to copy)",
    mail_done: "I have sent it by e-mail",
    mail_intro: "Please handle the following, submitted in the Coremail Cloud Service Centre (the portal could not deliver it online).",
    mailed_note: "Sent by e-mail. Once Coremail handles it, the result shows in the ticket.",
    accepted_note: "Coremail confirmed receipt.",
    discard: "Remove from the list",
    withdraw: "Withdraw (do not send)",
    open_ticket: "View the ticket",
    list_label: "Items in the outbox",
};

pub fn outbox_texts(lang: Lang) -> &'static OutboxTexts {
    lang.pick(&ZH, &EN)
}
