//! The channels with a live open/closed badge, the severity levels and the
//! on-site rule: the home page and the service directory show the same
//! block, and it owns its words.

use crate::api::SlaSetup;
use crate::components::severity_list;
use crate::i18n::{plural, Lang};
use crate::time::format_short;
use chrono::{DateTime, FixedOffset};
use leptos::prelude::*;
use portal_core::model::{Channel, ChannelHours};
use portal_core::sla::ChannelState;
use std::sync::Arc;

struct ServiceTexts {
    channels_title: &'static str,
    channels_lead: &'static str,
    working_days: &'static str,
    /// The online channel's contact: this portal.
    online_contact: &'static str,
    open_now: &'static str,
    /// When an open channel closes (a time, or a day and time).
    open_until: fn(&str) -> String,
    closed_now: &'static str,
    /// When a closed channel opens.
    opens_at: fn(&str) -> String,
    severity_title: &'static str,
    severity_lead: &'static str,
    onsite_title: &'static str,
    /// The on-site rule, for a radius in km and an arrival time in hours.
    onsite_rule: fn(u32, u32) -> String,
}

static ZH: ServiceTexts = ServiceTexts {
    channels_title: "服务渠道与服务时间",
    channels_lead: "服务时间均为北京时间，法定节假日除外；调休上班日照常服务。",
    working_days: "工作日",
    online_contact: "云服务中心 · 在线咨询",
    open_now: "服务中",
    open_until: |time| format!("{time} 结束"),
    closed_now: "已休息",
    opens_at: |time| format!("{time} 开始服务"),
    severity_title: "故障级别与响应时间",
    severity_lead:
        "服务响应时间：从 Coremail 收到服务请求，到答复服务支持安排的时间，只计渠道服务时间。",
    onsite_title: "现场服务",
    onsite_rule: |km, hours| {
        format!("如需现场支持，经双方协商确定后，客户现场离驻点 {km} 公里内，工程师在 {hours} 小时内到达；其它地区另行商定时间。")
    },
};

static EN: ServiceTexts = ServiceTexts {
    channels_title: "Service channels and hours",
    channels_lead: "All hours are Beijing time, except statutory public holidays; adjusted working days (调休) are served as usual.",
    working_days: "Working days",
    online_contact: "Here, in the cloud service centre",
    open_now: "Open now",
    open_until: |time| format!("until {time}"),
    closed_now: "Closed",
    opens_at: |time| format!("opens {time}"),
    severity_title: "Severity levels and response times",
    severity_lead: "Response time runs from Coremail receiving a request to telling you the support arrangement, counted only while the channel is open.",
    onsite_title: "On-site service",
    onsite_rule: |km, hours| format!(
        "When on-site support is agreed, an engineer arrives within {} at sites within {km} km of a service station; elsewhere the time is agreed case by case.",
        plural(hours as usize, "hour", "hours")
    ),
};

/// The channels, the severity levels and the on-site rule.
pub fn service_info(
    lang: Lang,
    setup: Arc<SlaSetup>,
    now: ReadSignal<DateTime<FixedOffset>>,
) -> impl IntoView {
    let t = lang.pick(&ZH, &EN);
    let channels = setup
        .policy
        .channels
        .iter()
        .cloned()
        .map(|c| channel_status_card(t, lang.is_en(), c, setup.clone(), now))
        .collect_view();
    let onsite = &setup.policy.onsite;
    let onsite = (t.onsite_rule)(onsite.radius_km, onsite.arrival_hours);
    view! {
        <section class="section" aria-labelledby="channels-title">
            <h2 id="channels-title">{t.channels_title}</h2>
            <p class="section-lead">{t.channels_lead}</p>
            <ul class="card-grid channels">{channels}</ul>
        </section>
        <section class="section" aria-labelledby="severity-title">
            <h2 id="severity-title">{t.severity_title}</h2>
            <p class="section-lead">{t.severity_lead}</p>
            {severity_list(lang, setup.policy.priorities.clone())}
        </section>
        <section class="section onsite" aria-labelledby="onsite-title">
            <h2 id="onsite-title">{t.onsite_title}</h2>
            <p>{onsite}</p>
        </section>
    }
}

fn channel_status_card(
    t: &'static ServiceTexts,
    en: bool,
    channel: ChannelHours,
    setup: Arc<SlaSetup>,
    now: ReadSignal<DateTime<FixedOffset>>,
) -> impl IntoView {
    let id = channel.id;
    let badge = move || {
        let now = now.get();
        match setup.engine.channel_state(id, &now) {
            Ok(ChannelState::Open { closes_at }) => view! {
                <p class="status-badge open">
                    <strong>{t.open_now}</strong>" · "{(t.open_until)(&format_short(&closes_at, &now))}
                </p>
            }
            .into_any(),
            Ok(ChannelState::Closed { opens_at }) => view! {
                <p class="status-badge closed">
                    <strong>{t.closed_now}</strong>" · "{(t.opens_at)(&format_short(&opens_at, &now))}
                </p>
            }
            .into_any(),
            // Outside the calendar: no badge rather than a guess.
            Err(_) => ().into_any(),
        }
    };
    let contact = if id == Channel::Online {
        t.online_contact.to_owned()
    } else {
        channel.contact.clone()
    };
    view! {
        <li class="card channel" data-channel=id.as_str()>
            <h3>{channel.name.get(en).to_owned()}</h3>
            <p class="channel-contact">{contact}</p>
            <p class="channel-hours">{t.working_days}" "<strong>{format!("{}–{}", channel.opens, channel.closes)}</strong></p>
            {badge}
        </li>
    }
}
