//! The response-deadline calculator's strings: its form, its result, and
//! what it says when the received time is missing or unreadable. (The
//! timeline, durations and response targets speak through the shared
//! widgets, an `SlaError` through `components::sla_error`.)

use crate::i18n::Lang;

pub struct SlaTexts {
    pub title: &'static str,
    pub lead: &'static str,
    pub field_priority: &'static str,
    pub field_channel: &'static str,
    pub working_days: &'static str,
    pub field_received: &'static str,
    pub now_button: &'static str,
    pub result_deadline: &'static str,
    pub time_left: &'static str,
    pub deadline_passed: &'static str,
    /// The level's target, given as an amount ("1 小时", "8 hours").
    pub target_note: fn(&str) -> String,
    pub timeline_title: &'static str,
    pub err_pick_time: &'static str,
    pub err_bad_time: &'static str,
}

static ZH: SlaTexts = SlaTexts {
    title: "响应时限计算",
    lead: "选择故障级别、提交渠道和提交时间，算出 Coremail 最迟何时答复服务支持安排。只计该渠道的服务时间：夜间、周末和法定节假日不计，调休上班日照常计时。",
    field_priority: "故障级别",
    field_channel: "提交渠道",
    working_days: "工作日",
    field_received: "提交时间（北京时间）",
    now_button: "设为现在",
    result_deadline: "响应截止时间",
    time_left: "距截止还有",
    deadline_passed: "该截止时间已过。",
    target_note: |amount| format!("目标：{amount}（只计服务时间）"),
    timeline_title: "计时明细",
    err_pick_time: "请选择提交时间。",
    err_bad_time: "无法识别这个提交时间，请选择日期和时间，例如 2026-02-14 19:50。",
};

static EN: SlaTexts = SlaTexts {
    title: "Response deadline calculator",
    lead: "Choose the severity, the channel and when the request was received to see when Coremail must tell you the support arrangement. Only the channel's service hours count: nights, weekends and public holidays are skipped, adjusted working days (调休) count.",
    field_priority: "Severity",
    field_channel: "Channel",
    working_days: "Working days",
    field_received: "Received (Beijing time)",
    now_button: "Set to now",
    result_deadline: "Response due by",
    time_left: "Time left",
    deadline_passed: "This deadline has passed.",
    target_note: |amount| format!("Target: {amount} of service time"),
    timeline_title: "How it was counted",
    err_pick_time: "Choose when the request was received.",
    err_bad_time: "This received time cannot be read: choose a date and a time, such as 2026-02-14 19:50.",
};

pub fn sla_texts(lang: Lang) -> &'static SlaTexts {
    lang.pick(&ZH, &EN)
}
