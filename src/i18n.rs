//! zh-CN / en strings. Every string the UI shows lives in [`Texts`]; a new
//! field must be filled in both languages or the crate does not compile.
//! The choice is kept in `localStorage` under [`STORAGE_KEY`].

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

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
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

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The current language, provided by the app shell.
pub fn use_lang() -> RwSignal<Lang> {
    use_context::<RwSignal<Lang>>().unwrap_or_else(|| RwSignal::new(Lang::default()))
}

/// A closure view code can call for the current strings: `t().nav_home`.
pub fn use_texts() -> impl Fn() -> &'static Texts + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || lang.get().texts()
}

impl Texts {
    pub fn is_en(&self) -> bool {
        std::ptr::eq(self, &EN)
    }
}

pub struct Texts {
    pub site_name: &'static str,
    pub site_tagline: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub switch_to: &'static str,
    pub switch_to_label: &'static str,
    pub loading: &'static str,
    pub footer_hotline: &'static str,

    pub home_title: &'static str,
    pub home_lead: &'static str,
    pub offers_title: &'static str,
    pub offers: [(&'static str, &'static str); 6],
    pub coming_soon: &'static str,
    pub channels_title: &'static str,
    pub channels_lead: &'static str,
    pub working_days: &'static str,
    pub online_contact: &'static str,
    pub severity_title: &'static str,
    pub severity_lead: &'static str,
    pub respond_within: &'static str,
    pub hour: &'static str,
    pub hours: &'static str,
    pub minutes: &'static str,
    pub onsite_title: &'static str,
    pub onsite_rule: &'static str,
    pub data_as_of: &'static str,
    pub api_version_mismatch: &'static str,
    pub beijing_time: &'static str,
    pub your_time: &'static str,

    pub nav_services: &'static str,
    pub nav_sla: &'static str,
    pub open_now: &'static str,
    pub open_until: &'static str,
    pub closed_now: &'static str,
    pub opens_at: &'static str,
    pub see_directory: &'static str,
    pub open_calculator: &'static str,
    pub sla_title: &'static str,
    pub sla_lead: &'static str,
    pub field_priority: &'static str,
    pub field_channel: &'static str,
    pub field_received: &'static str,
    pub now_button: &'static str,
    pub result_deadline: &'static str,
    pub time_left: &'static str,
    pub deadline_passed: &'static str,
    pub target_note: &'static str,
    pub timeline_title: &'static str,
    pub stretch_counted: &'static str,
    pub stretch_closed: &'static str,
    pub stretch_weekend: &'static str,
    pub stretch_holiday: &'static str,
    pub adjusted_note: &'static str,
    pub err_pick_time: &'static str,
    pub err_past_calendar: &'static str,
    pub err_before_calendar: &'static str,
    pub unit_day: &'static str,
    pub unit_hour: &'static str,
    pub unit_minute: &'static str,
    pub unit_second: &'static str,
    pub services_title: &'static str,
    pub services_lead: &'static str,
    pub catalogue_title: &'static str,
    pub delivery_remote: &'static str,
    pub delivery_onsite: &'static str,
    pub items_count: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub back_home: &'static str,

    pub error_title: &'static str,
    pub error_network: &'static str,
    pub error_not_found: &'static str,
    pub error_status: &'static str,
    pub error_malformed: &'static str,
    pub error_next_step: &'static str,
    pub error_detail: &'static str,
    pub retry: &'static str,
}

pub static ZH: Texts = Texts {
    site_name: "Coremail 云服务中心",
    site_tagline: "标准级售后服务 · 自助服务平台",
    skip_to_content: "跳到正文",
    nav_label: "主导航",
    nav_home: "首页",
    switch_to: "English",
    switch_to_label: "Switch to English",
    loading: "正在加载…",
    footer_hotline: "Coremail 售后服务热线",

    home_title: "您好，欢迎来到 Coremail 云服务中心",
    home_lead: "为购买 Coremail 产品标准级售后服务的企业管理员提供自助服务：查询工单进度与响应时限、下载系统补丁、查阅知识库、预约工程师、设置消息提醒。",
    offers_title: "服务中心提供",
    offers: [
        ("工单查询", "凭工单号与联系邮箱查询处理进度、故障级别与响应时限，无需账号。"),
        ("补丁管理", "按产品与版本浏览系统补丁，查看 CNVD/CVE 编号、发布说明与 SHA-256 校验值。"),
        ("在线知识库", "收发信、磁盘空间、弱密码、垃圾邮件等管理员常见问题，支持离线阅读。"),
        ("工程师预约", "预约补丁部署、远程支持或现场服务，只提供工作时间内的时段。"),
        ("消息设置", "选择补丁提醒、版本升级、安全漏洞、到期续费等提醒的频率与渠道。"),
        ("响应时限计算", "按故障级别、渠道与提交时间计算响应截止时间，自动跳过夜间、周末与法定节假日。"),
    ],
    coming_soon: "即将上线",
    channels_title: "服务渠道与服务时间",
    channels_lead: "服务时间均为北京时间，法定节假日除外；调休上班日照常服务。",
    working_days: "工作日",
    online_contact: "云服务中心 · 在线咨询",
    severity_title: "故障级别与响应时间",
    severity_lead: "服务响应时间：从 Coremail 收到服务请求，到答复服务支持安排的时间，只计渠道服务时间。",
    respond_within: "{amount}内响应",
    hour: "小时",
    hours: "小时",
    minutes: "分钟",
    onsite_title: "现场服务",
    onsite_rule: "如需现场支持，经双方协商确定后，客户现场离驻点 {km} 公里内，工程师在 {h} 小时内到达；其它地区另行商定时间。",
    data_as_of: "数据更新于",
    api_version_mismatch: "数据接口为版本 {found}，本页面只支持版本 {expected}：显示的信息可能不完整。请刷新页面；如仍出现，请联系 support@coremail.cn。",
    beijing_time: "北京时间",
    your_time: "您的当地时间",

    nav_services: "服务目录",
    nav_sla: "时限计算",
    open_now: "服务中",
    open_until: "{time} 结束",
    closed_now: "已休息",
    opens_at: "{time} 开始服务",
    see_directory: "查看服务目录与实时服务状态 →",
    open_calculator: "开始计算 →",
    sla_title: "响应时限计算",
    sla_lead: "选择故障级别、提交渠道和提交时间，算出 Coremail 最迟何时答复服务支持安排。只计该渠道的服务时间：夜间、周末和法定节假日不计，调休上班日照常计时。",
    field_priority: "故障级别",
    field_channel: "提交渠道",
    field_received: "提交时间（北京时间）",
    now_button: "设为现在",
    result_deadline: "响应截止时间",
    time_left: "距截止还有",
    deadline_passed: "该截止时间已过。",
    target_note: "目标：{amount}（只计服务时间）",
    timeline_title: "计时明细",
    stretch_counted: "计入",
    stretch_closed: "非服务时间，不计",
    stretch_weekend: "周末，不计",
    stretch_holiday: "{name}假期，不计",
    adjusted_note: "调休上班日（{name}）",
    err_pick_time: "请选择提交时间。",
    err_past_calendar: "节假日数据只覆盖到 {date}，之后的法定节假日安排尚未发布，暂时无法计算这个时间的响应时限。",
    err_before_calendar: "节假日数据从 {from} 覆盖到 {until}，无法计算这个时间的响应时限。",
    unit_day: "天",
    unit_hour: "小时",
    unit_minute: "分钟",
    unit_second: "秒",
    services_title: "服务目录",
    services_lead: "Coremail 产品标准级售后服务的全部服务项目（服务手册附表一）、服务渠道与实时服务状态、故障级别与现场服务规则。",
    catalogue_title: "服务项目",
    delivery_remote: "远程",
    delivery_onsite: "现场",
    items_count: "{n} 项",
    not_found_title: "页面不存在",
    not_found_body: "您访问的地址没有对应的页面，可能链接已过期或输入有误。",
    back_home: "返回首页",

    error_title: "数据暂时无法加载",
    error_network: "无法连接到服务中心的数据接口，可能是网络已断开。",
    error_not_found: "数据文件不存在（HTTP 404），可能正在发布新数据。",
    error_status: "数据接口返回了错误（HTTP {status}）。",
    error_malformed: "数据文件格式有误，已停止读取以免显示错误信息。",
    error_next_step: "请检查网络后点击“重试”；如问题持续，请将下方详情发送至 support@coremail.cn，或拨打 400-888-2488。",
    error_detail: "详情",
    retry: "重试",
};

pub static EN: Texts = Texts {
    site_name: "Coremail Cloud Service Centre",
    site_tagline: "Standard after-sales service · self-service portal",
    skip_to_content: "Skip to content",
    nav_label: "Main navigation",
    nav_home: "Home",
    switch_to: "中文",
    switch_to_label: "切换到中文",
    loading: "Loading…",
    footer_hotline: "Coremail after-sales hotline",

    home_title: "Welcome to the Coremail Cloud Service Centre",
    home_lead: "Self-service for administrators of enterprises under Coremail's standard after-sales service: follow tickets and their response deadlines, download patches, read the knowledge base, book an engineer and choose your reminders.",
    offers_title: "What the service centre offers",
    offers: [
        ("Ticket lookup", "Follow a ticket's progress, severity and response deadline with its number and contact e-mail: no account needed."),
        ("Patches", "Browse patches by product and version, with CNVD/CVE ids, release notes and SHA-256 checksums."),
        ("Knowledge base", "Answers to admins' everyday questions (delivery, disk space, weak passwords, spam), readable offline."),
        ("Engineer booking", "Book patch deployment, remote support or an on-site visit, in working-time slots only."),
        ("Notifications", "Choose how often and where patch, upgrade, security and renewal reminders reach you."),
        ("Response deadlines", "Work out when a response is due for a priority, channel and time, skipping nights, weekends and public holidays."),
    ],
    coming_soon: "Coming soon",
    channels_title: "Service channels and hours",
    channels_lead: "All hours are Beijing time, except statutory public holidays; adjusted working days (调休) are served as usual.",
    working_days: "Working days",
    online_contact: "Here, in the cloud service centre",
    severity_title: "Severity levels and response times",
    severity_lead: "Response time runs from Coremail receiving a request to telling you the support arrangement, counted only while the channel is open.",
    respond_within: "response within {amount}",
    hour: "hour",
    hours: "hours",
    minutes: "minutes",
    onsite_title: "On-site service",
    onsite_rule: "When on-site support is agreed, an engineer arrives within {h} hours at sites within {km} km of a service station; elsewhere the time is agreed case by case.",
    data_as_of: "Data as of",
    api_version_mismatch: "The data is API version {found}, but this page reads version {expected}: what it shows may be incomplete. Reload the page; if this stays, contact support@coremail.cn.",
    beijing_time: "Beijing time",
    your_time: "Your local time",

    nav_services: "Services",
    nav_sla: "SLA calculator",
    open_now: "Open now",
    open_until: "until {time}",
    closed_now: "Closed",
    opens_at: "opens {time}",
    see_directory: "Service directory and live status →",
    open_calculator: "Open the calculator →",
    sla_title: "Response deadline calculator",
    sla_lead: "Choose the severity, the channel and when the request was received to see when Coremail must tell you the support arrangement. Only the channel's service hours count: nights, weekends and public holidays are skipped, adjusted working days (调休) count.",
    field_priority: "Severity",
    field_channel: "Channel",
    field_received: "Received (Beijing time)",
    now_button: "Set to now",
    result_deadline: "Response due by",
    time_left: "Time left",
    deadline_passed: "This deadline has passed.",
    target_note: "Target: {amount} of service time",
    timeline_title: "How it was counted",
    stretch_counted: "Counted",
    stretch_closed: "Outside service hours, not counted",
    stretch_weekend: "Weekend, not counted",
    stretch_holiday: "{name}, not counted",
    adjusted_note: "adjusted working day ({name})",
    err_pick_time: "Choose when the request was received.",
    err_past_calendar: "The holiday calendar covers dates up to {date}. Later public holidays are not published yet, so this deadline cannot be computed.",
    err_before_calendar: "The holiday calendar covers {from} to {until}; this time is outside it, so the deadline cannot be computed.",
    unit_day: "d",
    unit_hour: "h",
    unit_minute: "min",
    unit_second: "s",
    services_title: "Service directory",
    services_lead: "Everything Coremail's standard after-sales service covers (manual, appendix 1), the service channels with their live status, severity levels and the on-site rule.",
    catalogue_title: "Service items",
    delivery_remote: "Remote",
    delivery_onsite: "On-site",
    items_count: "{n} items",
    not_found_title: "Page not found",
    not_found_body: "There is no page at this address. The link may be out of date or mistyped.",
    back_home: "Back to the home page",

    error_title: "The data could not be loaded",
    error_network: "The service centre's data could not be reached: the network may be down.",
    error_not_found: "A data file is missing (HTTP 404): new data may be being published.",
    error_status: "The data server answered with an error (HTTP {status}).",
    error_malformed: "A data file is malformed, so it was not shown rather than show wrong information.",
    error_next_step: "Check your connection and press Retry. If it keeps happening, send the details below to support@coremail.cn or call 400-888-2488.",
    error_detail: "Details",
    retry: "Retry",
};
