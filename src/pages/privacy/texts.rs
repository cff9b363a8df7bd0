//! The privacy page's strings.

use crate::i18n::{plural, Lang};

pub struct PrivacyTexts {
    pub title: &'static str,
    pub lead: &'static str,
    pub kept_title: &'static str,
    pub col_what: &'static str,
    pub col_count: &'static str,
    pub col_size: &'static str,
    pub records: fn(usize) -> String,
    pub one_setting: &'static str,
    pub cache_label: &'static str,
    pub nothing_kept: &'static str,
    pub estimate: fn(&str, &str) -> String,
    pub erase_title: &'static str,
    pub erase_lead: &'static str,
    pub erase_button: &'static str,
    pub erase_confirm: &'static str,
    /// Said before erasing when the outbox still holds unsent requests.
    pub erase_unsent: fn(usize) -> String,
    pub erase_yes: &'static str,
    pub erase_no: &'static str,
    pub erasing: &'static str,
    pub erased: &'static str,
    pub erase_partly: &'static str,
    pub failed_database: &'static str,
    pub failed_local: &'static str,
    pub failed_cache: &'static str,
    pub failed_worker: &'static str,
    pub policy_title: &'static str,
    pub policy: &'static [&'static str],
}

pub fn privacy_texts(lang: Lang) -> &'static PrivacyTexts {
    lang.pick(&ZH, &EN)
}

/// An IndexedDB store in the user's words.
pub fn store_name(lang: Lang, store: &str) -> &'static str {
    match (store, lang.is_en()) {
        ("recent_lookups", false) => "最近查询的工单（含访问码和最后一次看到的工单内容）",
        ("recent_lookups", true) => {
            "Recent ticket lookups (with their access codes and the last copy seen)"
        }
        ("articles", false) => "保存的知识库文章（离线阅读）",
        ("articles", true) => "Knowledge-base articles kept for offline reading",
        ("outbox", false) => "待发送的请求（发件箱）",
        ("outbox", true) => "Requests waiting to be sent (outbox)",
        ("patch_downloads", false) => "在本机下载补丁的记录",
        ("patch_downloads", true) => "The patch downloads made on this device",
        (_, false) => "其他本机数据",
        (_, true) => "Other data on this device",
    }
}

/// A `localStorage` key in the user's words (an unknown key is shown as is).
pub fn local_key_name(lang: Lang, key: &str) -> String {
    let known = match (key, lang.is_en()) {
        (crate::i18n::STORAGE_KEY, false) => Some("界面语言"),
        (crate::i18n::STORAGE_KEY, true) => Some("Language of the pages"),
        (crate::outbox::WAITING_KEY, false) => Some("发件箱中待处理的数量（用于页首提示）"),
        (crate::outbox::WAITING_KEY, true) => {
            Some("How many outbox items wait (for the header badge)")
        }
        (crate::session::STORAGE_KEY, false) => Some("记住的客户访问密钥"),
        (crate::session::STORAGE_KEY, true) => Some("The remembered customer access key"),
        (crate::deployment::STORAGE_KEY, false) => Some("您选择的部署版本（补丁目录按它筛选）"),
        (crate::deployment::STORAGE_KEY, true) => {
            Some("The deployed versions you picked (the patch catalogue filters by them)")
        }
        (crate::deployment::COUNT_KEY, false) => Some("适用补丁的数量（用于导航提示）"),
        (crate::deployment::COUNT_KEY, true) => {
            Some("How many patches apply (for the navigation's count)")
        }
        (crate::deployment::UNREAD_KEY, false) => Some("未读提醒的数量（用于页首提示）"),
        (crate::deployment::UNREAD_KEY, true) => {
            Some("How many reminders are unread (for the header)")
        }
        (crate::deployment::READ_KEY, false) => Some("已读的提醒"),
        (crate::deployment::READ_KEY, true) => Some("Reminders marked as read"),
        (crate::deployment::NOTIFIED_KEY, false) => Some("已弹出浏览器通知的提醒"),
        (crate::deployment::NOTIFIED_KEY, true) => {
            Some("Reminders that raised a browser notification")
        }
        (crate::deployment::SETTINGS_KEY, false) => Some("消息设置"),
        (crate::deployment::SETTINGS_KEY, true) => Some("Notification settings"),
        (k, false) if k.starts_with(crate::deployment::SEEN_KEY) => {
            Some("上次访问时的工单状态（用于工单进展提醒）")
        }
        (k, true) if k.starts_with(crate::deployment::SEEN_KEY) => {
            Some("Ticket states at the last visit (for ticket-update reminders)")
        }
        _ => None,
    };
    known.map_or_else(|| format!("localStorage: {key}"), str::to_owned)
}

static ZH: PrivacyTexts = PrivacyTexts {
    title: "隐私与本机数据",
    lead: "云服务中心是在您的浏览器中运行的静态网站：不设登录服务器，不使用跟踪或统计脚本。为方便使用，它只在本机保存下列内容；这些内容不会自动发送给任何人。",
    kept_title: "本浏览器为本站保存的内容",
    col_what: "内容",
    col_count: "数量",
    col_size: "大小",
    records: |n| format!("{n} 条"),
    one_setting: "1 项",
    cache_label: "缓存",
    nothing_kept: "本浏览器没有为本站保存任何内容。",
    estimate: |usage, quota| format!("浏览器估算本站共占用 {usage}（可用上限约 {quota}）。"),
    erase_title: "清除本机数据",
    erase_lead: "清除后，最近查询、离线文章、记住的访问密钥、待发送的请求和设置都会从本浏览器删除；已提交给 Coremail 的工单不受影响。在公用电脑上使用后请清除。",
    erase_button: "清除本机全部数据",
    erase_confirm: "确定要清除吗？尚未发送的请求也会被删除，无法恢复。",
    erase_unsent: |n| format!("发件箱中还有 {n} 项请求尚未送达 Coremail，清除后将无法发送。"),
    erase_yes: "确定清除",
    erase_no: "取消",
    erasing: "正在清除…",
    erased: "已清除。本浏览器不再保存本站的任何内容。下次打开本站时，浏览器会重新缓存网站程序本身（不含任何数据），以便离线打开。",
    erase_partly: "以下内容未能清除，请关闭本站的其他标签页后重试，或在浏览器设置中清除本站数据：",
    failed_database: "本机数据库：",
    failed_local: "本机设置（localStorage）。",
    failed_cache: "缓存：",
    failed_worker: "离线服务（service worker）。",
    policy_title: "《Coremail隐私政策声明》要点",
    policy: &[
        "Coremail 仅为提供售后服务而处理贵司提交的信息（联系人、问题描述、系统日志等），并对其保密（服务手册第 12 条）。",
        "工单和工作台的内容以加密文件发布，只有持有访问码或访问密钥的人才能在本机解密查看；服务器上的文件名和内容都不透露邮箱、公司名称或工单内容。",
        "访问码放在链接的 # 之后，浏览器不会把它发送给服务器，也不会写入 Referer。",
    ],
};

static EN: PrivacyTexts = PrivacyTexts {
    title: "Privacy and data on this device",
    lead: "The service centre is a static site that runs in your browser: no login server, no tracking or analytics scripts. For your convenience it keeps only what is listed below on this device, and sends none of it to anyone on its own.",
    kept_title: "What this browser keeps for this site",
    col_what: "What",
    col_count: "Items",
    col_size: "Size",
    records: |n| plural(n, "item", "items"),
    one_setting: "1 item",
    cache_label: "Cache",
    nothing_kept: "This browser keeps nothing for this site.",
    estimate: |usage, quota| format!("The browser estimates this site uses {usage} (of about {quota} available)."),
    erase_title: "Erase the data on this device",
    erase_lead: "Erasing deletes recent lookups, offline articles, a remembered access key, requests waiting to be sent and settings from this browser. Tickets already submitted to Coremail are not affected. Erase after using a shared computer.",
    erase_button: "Erase everything on this device",
    erase_confirm: "Erase everything? Requests not yet sent are deleted too, and cannot be recovered.",
    erase_unsent: |n| if n == 1 {
        "One request in the outbox has not reached Coremail yet: erased, it cannot be sent.".to_owned()
    } else {
        format!("{n} requests in the outbox have not reached Coremail yet: erased, they cannot be sent.")
    },
    erase_yes: "Erase",
    erase_no: "Cancel",
    erasing: "Erasing…",
    erased: "Erased. This browser keeps nothing for this site any more. The next time the site is opened, the browser caches the site's program again (no data in it), so that it opens offline.",
    erase_partly: "These could not be erased. Close this site's other tabs and try again, or clear this site's data in the browser settings:",
    failed_database: "The database on this device:",
    failed_local: "Settings on this device (localStorage).",
    failed_cache: "Cache:",
    failed_worker: "The offline service (service worker).",
    policy_title: "The Coremail privacy statement in short",
    policy: &[
        "Coremail processes what your company submits (contacts, problem descriptions, system logs) only to provide after-sales service, and keeps it confidential (service manual §12).",
        "Tickets and workspaces are published as encrypted files that only a holder of the access code or access key can decrypt, on their own device; neither their names nor their contents on the server reveal an e-mail address, a company name or what a ticket says.",
        "An access code sits after the # of a link: the browser never sends it to a server nor puts it in a Referer.",
    ],
};
