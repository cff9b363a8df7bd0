//! The reminders centre's and the settings page's words, one struct each:
//! the two pages are sections of their own.

use crate::i18n::Lang;
use portal_core::reminders::Kind;
use portal_core::settings::{Frequency, NoticeType, SettingsError};

pub struct RemindersTexts {
    pub title: &'static str,
    pub lead: &'static str,
    pub public_only: &'static str,
    pub open_workspace: &'static str,
    pub workspace_failed: &'static str,
    pub settings_link: &'static str,
    pub mark_all: &'static str,
    pub mark_read: &'static str,
    pub unread: &'static str,
    pub empty: &'static str,
    pub immediate: &'static str,
    pub day_digest: fn(&str) -> String,
    /// The fold of earlier digests whose reminders are all read: groups, reminders.
    pub earlier: fn(usize, usize) -> String,
    pub week_digest: fn(&str) -> String,
    pub due: &'static str,
    pub deadline_end: fn(&str) -> String,
    pub unread_count: fn(usize) -> String,
    pub not_kept: &'static str,
    pub notify_title: &'static str,
    pub notify_enable: &'static str,
    pub notify_hint: &'static str,
    pub notify_on: &'static str,
    pub notify_denied: &'static str,
    pub notify_unsupported: &'static str,
}

/// The settings page's words (a section of its own: the inbox does not carry them).
pub struct SettingsTexts {
    pub open_workspace: &'static str,
    pub settings_title: &'static str,
    pub settings_lead: &'static str,
    pub back_to_reminders: &'static str,
    pub col_type: &'static str,
    pub col_on: &'static str,
    pub col_frequency: &'static str,
    pub col_channels: &'static str,
    pub email: &'static str,
    pub sms: &'static str,
    pub browser: &'static str,
    pub quiet_title: &'static str,
    pub quiet_outside: &'static str,
    pub quiet_daily: &'static str,
    pub quiet_off: &'static str,
    pub quiet_from: &'static str,
    pub quiet_to: &'static str,
    pub quiet_hint: &'static str,
    pub saved: &'static str,
    pub not_saved: &'static str,
    pub send_title: &'static str,
    pub send_hint: &'static str,
    pub send: &'static str,
    pub sent: &'static str,
    pub to_outbox: &'static str,
    pub send_needs_workspace: &'static str,
    pub send_failed: &'static str,
    pub file_title: &'static str,
    pub export: &'static str,
    pub import: &'static str,
    pub imported: &'static str,
    pub no_channel: fn(&str) -> String,
    pub bad_time: &'static str,
}

static ZH: RemindersTexts = RemindersTexts {
    title: "消息提醒",
    lead: "补丁、版本、安全公告、授权与服务到期、直播课程、工单进展和服务条款变更，由本浏览器根据公开数据和您的工作台计算。",
    public_only: "尚未打开工作台：下面只有公开提醒（直播课程、服务条款）。打开工作台后，还会提醒适用于您部署的补丁、安全公告、授权到期和工单进展。",
    open_workspace: "打开工作台",
    workspace_failed: "工作台未能打开，下面只有公开提醒。",
    settings_link: "消息设置",
    mark_all: "全部标为已读",
    mark_read: "标为已读",
    unread: "未读",
    empty: "目前没有提醒。",
    immediate: "即时提醒",
    day_digest: |d| format!("{d} 每日摘要"),
    earlier: |g, n| format!("更早的摘要（{g} 组，{n} 条，均已读）"),
    week_digest: |w| format!("{w} 每周摘要"),
    due: "时间：",
    deadline_end: |d| format!("截止：{d} 24:00"),
    unread_count: |n| format!("{n} 条未读"),
    not_kept: "此设备无法保存已读标记（浏览器存储不可用）：本次访问内仍然有效，重新加载后会再次显示为未读。",
    notify_title: "浏览器通知",
    notify_enable: "启用浏览器通知",
    notify_hint: "仅在您点击后才会请求权限。启用后，设为“即时”且选择了“浏览器”渠道的提醒到期时弹出一次通知；免打扰时段内的通知等到下一个工作时间。",
    notify_on: "浏览器通知已启用。",
    notify_denied: "浏览器已拒绝通知权限，本页不会再次询问；如需启用，请在浏览器的网站设置中允许通知。",
    notify_unsupported: "此浏览器不支持网页通知。",
};

static SETTINGS_ZH: SettingsTexts = SettingsTexts {
    open_workspace: "打开工作台",
    settings_title: "消息设置",
    settings_lead: "为每类提醒选择是否开启、频率和渠道。设置保存在此设备上；发送给 Coremail 后，邮件和短信也按此设置发送。关闭的类型不会在任何地方产生提醒。",
    back_to_reminders: "返回消息提醒",
    col_type: "类型",
    col_on: "开启",
    col_frequency: "频率",
    col_channels: "渠道",
    email: "邮件",
    sms: "短信",
    browser: "浏览器",
    quiet_title: "免打扰时段",
    quiet_outside: "工作时间以外（按工作日历：工作日 09:00–18:00 以外、周末和法定节假日）",
    quiet_daily: "每天固定时段",
    quiet_off: "不设免打扰",
    quiet_from: "开始",
    quiet_to: "结束",
    quiet_hint: "免打扰时段内到期的浏览器通知，等到时段结束后再弹出（北京时间）。",
    saved: "已保存在此设备。",
    not_saved: "此设备无法保存设置（浏览器存储不可用）：本次访问内有效，重新加载后会恢复原设置。",
    send_title: "发送给 Coremail",
    send_hint: "Coremail 按此设置发送邮件和短信提醒。设置经发件箱发送，离线时会在联网后自动发出。",
    send: "发送设置",
    sent: "设置已放入发件箱。",
    to_outbox: "查看发件箱",
    send_needs_workspace: "打开工作台后才能把设置发送给 Coremail。",
    send_failed: "设置未能放入发件箱：",
    file_title: "导出与导入",
    export: "导出为文件",
    import: "从文件导入",
    imported: "已导入并保存在此设备。",
    no_channel: |t| format!("“{t}”已开启，但没有选择任何渠道。"),
    bad_time: "请输入有效的开始和结束时间（两者不能相同）。",
};

static EN: RemindersTexts = RemindersTexts {
    title: "Reminders",
    lead: "Patches, versions, security advisories, licence and service expiry, live courses, ticket progress and changes to the service terms, worked out in this browser from the published data and your workspace.",
    public_only: "No workspace is open: below are only the public reminders (live courses, service terms). Open your workspace to be reminded of patches and security advisories for your deployment, licence expiry and ticket progress.",
    open_workspace: "Open the workspace",
    workspace_failed: "The workspace did not open; below are only the public reminders.",
    settings_link: "Notification settings",
    mark_all: "Mark all as read",
    mark_read: "Mark as read",
    unread: "Unread",
    empty: "No reminders right now.",
    immediate: "Immediate",
    day_digest: |d| format!("Daily digest, {d}"),
    earlier: |g, n| {
        format!(
            "Earlier digests ({g} {}, {n} {}, all read)",
            crate::i18n::plural(g, "group", "groups"),
            crate::i18n::plural(n, "reminder", "reminders")
        )
    },
    week_digest: |w| format!("Weekly digest, {w}"),
    due: "When: ",
    deadline_end: |d| format!("Deadline: end of {d}"),
    unread_count: |n| {
        if n == 1 {
            "1 unread".to_owned()
        } else {
            format!("{n} unread")
        }
    },
    not_kept: "This device cannot keep read marks (browser storage is unavailable). They hold for this visit; after a reload the reminders show as unread again.",
    notify_title: "Browser notifications",
    notify_enable: "Enable browser notifications",
    notify_hint: "Permission is asked only when you click. Once enabled, a reminder set to “immediately” with the browser channel raises one notification when it falls due; during quiet hours it waits for the next working time.",
    notify_on: "Browser notifications are on.",
    notify_denied: "The browser refused notifications, and this page will not ask again. To enable them, allow notifications in the browser's site settings.",
    notify_unsupported: "This browser does not support web notifications.",
};

static SETTINGS_EN: SettingsTexts = SettingsTexts {
    open_workspace: "Open the workspace",
    settings_title: "Notification settings",
    settings_lead: "Choose for each kind of reminder whether it is on, how often and where. Settings are saved on this device; once sent to Coremail, e-mail and SMS follow them too. A kind switched off produces no reminder anywhere.",
    back_to_reminders: "Back to reminders",
    col_type: "Kind",
    col_on: "On",
    col_frequency: "Frequency",
    col_channels: "Channels",
    email: "E-mail",
    sms: "SMS",
    browser: "Browser",
    quiet_title: "Quiet hours",
    quiet_outside: "Outside working time (on the business calendar: outside 09:00–18:00 on working days, weekends and public holidays)",
    quiet_daily: "A fixed time every day",
    quiet_off: "No quiet hours",
    quiet_from: "From",
    quiet_to: "To",
    quiet_hint: "A browser notification due in quiet hours waits until they end (Beijing time).",
    saved: "Saved on this device.",
    not_saved: "This device cannot keep the settings (browser storage is unavailable). They hold for this visit; a reload brings back the previous ones.",
    send_title: "Send to Coremail",
    send_hint: "Coremail sends e-mail and SMS reminders by these settings. They go through the outbox: offline, they are sent once the device is back online.",
    send: "Send settings",
    sent: "The settings are in the outbox.",
    to_outbox: "See the outbox",
    send_needs_workspace: "Open your workspace to send the settings to Coremail.",
    send_failed: "The settings could not be put in the outbox: ",
    file_title: "Export and import",
    export: "Export to a file",
    import: "Import from a file",
    imported: "Imported and saved on this device.",
    no_channel: |t| format!("“{t}” is on but has no channel."),
    bad_time: "Enter a valid start and end time (not the same).",
};

pub fn reminders_texts(lang: Lang) -> &'static RemindersTexts {
    lang.pick(&ZH, &EN)
}

pub fn settings_texts(lang: Lang) -> &'static SettingsTexts {
    lang.pick(&SETTINGS_ZH, &SETTINGS_EN)
}

/// A notice type's name and what it covers.
pub fn notice_words(lang: Lang, t: NoticeType) -> (&'static str, &'static str) {
    match t {
        NoticeType::TicketUpdates => lang.pick(
            ("工单进展", "工单状态的变化"),
            ("Ticket updates", "A ticket's state changed"),
        ),
        NoticeType::Patches => lang.pick(
            ("系统补丁", "适用于已部署版本的新补丁"),
            ("Patches", "New patches for a deployed version"),
        ),
        NoticeType::Upgrades => lang.pick(
            ("版本升级", "新版本发布、版本即将或已经停止支持"),
            (
                "Version upgrades",
                "New versions; end of support near or past",
            ),
        ),
        NoticeType::Vulnerabilities => lang.pick(
            ("安全漏洞更新", "影响已部署版本的 CNVD/CVE 漏洞"),
            (
                "Security vulnerabilities",
                "CNVD/CVE advisories for a deployed version",
            ),
        ),
        NoticeType::SecurityEvents => lang.pick(
            ("重大安全事件", "严重级别的安全公告"),
            ("Major security events", "Critical security advisories"),
        ),
        NoticeType::Renewals => lang.pick(
            ("到期续费", "授权和服务期到期前 30、7、1 天"),
            (
                "Renewals",
                "Licences and the service period, 30, 7 and 1 days ahead",
            ),
        ),
        NoticeType::Handover => lang.pick(
            ("售前转售后", "服务期开始后的售后接手"),
            (
                "Pre-sales to after-sales",
                "After-sales takes over when the service period starts",
            ),
        ),
    }
}

pub fn frequency_words(lang: Lang, f: Frequency) -> &'static str {
    match f {
        Frequency::Immediate => lang.pick("即时", "Immediately"),
        Frequency::Daily => lang.pick("每日摘要", "Daily digest"),
        Frequency::Weekly => lang.pick("每周摘要", "Weekly digest"),
    }
}

pub fn kind_label(lang: Lang, k: Kind) -> &'static str {
    match k {
        Kind::Patch => lang.pick("补丁", "Patch"),
        Kind::Upgrade => lang.pick("版本升级", "Upgrade"),
        Kind::EndOfSupport => lang.pick("停止支持", "End of support"),
        Kind::Security => lang.pick("安全公告", "Security"),
        Kind::Licence => lang.pick("授权到期", "Licence"),
        Kind::ServicePeriod => lang.pick("服务期", "Service period"),
        Kind::Handover => lang.pick("售前转售后", "After-sales"),
        Kind::Course => lang.pick("直播课程", "Live course"),
        Kind::Ticket => lang.pick("工单", "Ticket"),
        Kind::Refused => lang.pick("发送被拒", "Refused"),
        Kind::Terms => lang.pick("服务条款", "Service terms"),
    }
}

/// A settings file that did not import, in the user's language.
pub fn import_error(lang: Lang, e: &SettingsError) -> String {
    match e {
        SettingsError::NotJson => lang
            .pick(
                "无法导入：这不是消息设置文件（不是 JSON）。",
                "Cannot import: this is not a settings file (not JSON).",
            )
            .to_owned(),
        SettingsError::WrongFormat { found } if found.is_empty() => lang
            .pick(
                "无法导入：这不是 Coremail 消息设置文件。",
                "Cannot import: this is not a Coremail notification-settings file.",
            )
            .to_owned(),
        SettingsError::WrongFormat { found } => match lang {
            Lang::Zh => format!("无法导入：文件格式为 {found}，本门户只能读取 v1 版本。"),
            Lang::En => format!(
                "Cannot import: the file's format is {found}; this portal reads version 1 only."
            ),
        },
        SettingsError::BadValue { path, message } => match lang {
            Lang::Zh => format!("无法导入：文件中 {path} 处的值有误（{message}）。"),
            Lang::En => format!("Cannot import: the value at {path} is wrong ({message})."),
        },
    }
}
