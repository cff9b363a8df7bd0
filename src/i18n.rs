//! The language: [`Lang`], the remembered choice (`localStorage` under
//! [`STORAGE_KEY`]), and the strings of the shell and of the widgets every
//! page shares ([`Texts`]: site name, navigation, footer, language switch,
//! loading, the error panel, the time-zone labels).
//!
//! Each section of `pages/` owns its strings in its `texts.rs`, and a
//! widget with strings of its own keeps them beside it; only that code
//! refers to them. Every texts struct is a static literal per language, so
//! a missing translation does not compile, and a string with something in
//! it is a formatting function (`fn(usize) -> String`, …), never a
//! placeholder to `replace`; English plurals go through [`plural`].

use leptos::prelude::*;

pub const STORAGE_KEY: &str = "coremail-portal.lang";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "zh-CN" | "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn is_en(self) -> bool {
        self == Lang::En
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// The value for this language: `lang.pick(&ZH, &EN)`.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// The shell's and the shared widgets' strings.
    pub fn texts(self) -> &'static Texts {
        self.pick(&ZH, &EN)
    }
}

/// `1 article`, `2 articles`: an English count with its noun. (Chinese has
/// no plural: its formatting functions just `format!`.)
pub fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// The saved language, or Chinese when none (or an unknown one) is saved.
pub fn load_lang() -> Lang {
    local_storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or_default()
}

/// Remembers the choice and sets `<html lang>`. Storage may be unavailable
/// (private mode, quota): the switch still works for this visit.
pub fn save_lang(lang: Lang) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(STORAGE_KEY, lang.code());
    }
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.code());
    }
}

/// `localStorage`, when the browser offers it (private modes may not). The
/// one accessor every module that keeps a setting on the device uses.
pub fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The current language, provided by the app shell.
pub fn use_lang() -> RwSignal<Lang> {
    use_context::<RwSignal<Lang>>().unwrap_or_else(|| RwSignal::new(Lang::default()))
}

/// The shell (header, navigation, footer) and the widgets every page uses.
pub struct Texts {
    pub site_name: &'static str,
    pub site_tagline: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub nav_tickets: &'static str,
    pub nav_history: &'static str,
    pub nav_workspace: &'static str,
    pub nav_outbox: &'static str,
    /// The outbox link's accessible name: "发件箱，3 项待处理".
    pub outbox_badge_label: fn(usize) -> String,
    pub nav_kb: &'static str,
    pub nav_services: &'static str,
    pub nav_sla: &'static str,
    pub nav_patches: &'static str,
    /// The patch link's name with its count, for screen readers.
    pub patches_count_label: fn(&str) -> String,
    /// The header's link to the reminders centre, shown with unread ones.
    pub nav_reminders: &'static str,
    pub reminders_count_label: fn(&str) -> String,
    pub switch_to: &'static str,
    pub switch_to_label: &'static str,
    pub footer_hotline: &'static str,
    pub footer_privacy: &'static str,

    pub loading: &'static str,
    /// Deadlines and stamps: "(北京时间)", "您的当地时间 …".
    pub beijing_time: &'static str,
    pub your_time: &'static str,

    pub error_title: &'static str,
    pub error_network: &'static str,
    pub error_not_found: &'static str,
    /// Any other HTTP status.
    pub error_status: fn(u16) -> String,
    pub error_malformed: &'static str,
    pub error_next_step: &'static str,
    pub error_detail: &'static str,
    pub retry: &'static str,
}

static ZH: Texts = Texts {
    site_name: "Coremail 云服务中心",
    site_tagline: "标准级售后服务 · 自助服务平台",
    skip_to_content: "跳到正文",
    nav_label: "主导航",
    nav_home: "首页",
    nav_tickets: "工单查询",
    nav_history: "历史工单",
    nav_workspace: "工作台",
    nav_outbox: "发件箱",
    outbox_badge_label: |n| format!("发件箱，{n} 项待处理"),
    nav_kb: "知识库",
    nav_services: "服务目录",
    nav_sla: "时限计算",
    nav_patches: "补丁",
    patches_count_label: |n: &str| format!("补丁，{n} 个适用于您的部署"),
    nav_reminders: "提醒",
    reminders_count_label: |n: &str| format!("消息提醒，{n} 条未读"),
    switch_to: "English",
    switch_to_label: "Switch to English",
    footer_hotline: "Coremail 售后服务热线",
    footer_privacy: "隐私与本机数据",

    loading: "正在加载…",
    beijing_time: "北京时间",
    your_time: "您的当地时间",

    error_title: "数据暂时无法加载",
    error_network: "无法连接到服务中心的数据接口，可能是网络已断开。",
    error_not_found: "数据文件不存在（HTTP 404），可能正在发布新数据。",
    error_status: |status| format!("数据接口返回了错误（HTTP {status}）。"),
    error_malformed: "数据文件格式有误，已停止读取以免显示错误信息。",
    error_next_step: "请检查网络后点击“重试”；如问题持续，请将下方详情发送至 support@coremail.cn，或拨打 400-888-2488。",
    error_detail: "详情",
    retry: "重试",
};

static EN: Texts = Texts {
    site_name: "Coremail Cloud Service Centre",
    site_tagline: "Standard after-sales service · self-service portal",
    skip_to_content: "Skip to content",
    nav_label: "Main navigation",
    nav_home: "Home",
    nav_tickets: "Tickets",
    nav_history: "Ticket history",
    nav_workspace: "Workspace",
    nav_outbox: "Outbox",
    outbox_badge_label: |n| format!("Outbox, {n} waiting"),
    nav_kb: "Knowledge base",
    nav_services: "Services",
    nav_sla: "SLA",
    nav_patches: "Patches",
    patches_count_label: |n: &str| format!("Patches, {n} apply to your deployment"),
    nav_reminders: "Alerts",
    reminders_count_label: |n: &str| format!("Reminders, {n} unread"),
    switch_to: "中文",
    switch_to_label: "切换到中文",
    footer_hotline: "Coremail after-sales hotline",
    footer_privacy: "Privacy and data on this device",

    loading: "Loading…",
    beijing_time: "Beijing time",
    your_time: "Your local time",

    error_title: "The data could not be loaded",
    error_network: "The service centre's data could not be reached: the network may be down.",
    error_not_found: "A data file is missing (HTTP 404): new data may be being published.",
    error_status: |status| format!("The data server answered with an error (HTTP {status})."),
    error_malformed: "A data file is malformed, so it was not shown rather than show wrong information.",
    error_next_step: "Check your connection and press Retry. If it keeps happening, send the details below to support@coremail.cn or call 400-888-2488.",
    error_detail: "Details",
    retry: "Retry",
};
