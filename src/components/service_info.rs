//! The channels with a live open/closed badge, the severity levels and the
//! on-site rule: the home page and the service directory show the same
//! block, and it owns its words.

use crate::api::SlaSetup;
use crate::components::severity_list;
use crate::dom::{attr, el, text, text_el, titled_section};
use crate::i18n::{plural, Lang};
use crate::time::format_short;
use chrono::{DateTime, FixedOffset};
use leptos::prelude::*;
use portal_core::model::Channel;
use portal_core::sla::ChannelState;
use std::sync::Arc;
use web_sys::Element;

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

/// The channels, the severity levels and the on-site rule, built with the
/// DOM API (`crate::dom`): static text, except each channel's open/closed
/// badge, which follows `now`.
pub fn service_info(
    lang: Lang,
    setup: Arc<SlaSetup>,
    now: ReadSignal<DateTime<FixedOffset>>,
) -> AnyView {
    let host = NodeRef::<leptos::html::Div>::new();
    let t = lang.pick(&ZH, &EN);
    let built = setup.clone();
    Effect::new(move |_| {
        if let Some(host) = host.get() {
            build(&host, t, lang, &built);
            badges(&host, t, &built, &now.get_untracked());
        }
    });
    Effect::new(move |_| {
        let now = now.get();
        if let Some(host) = host.get_untracked() {
            badges(&host, t, &setup, &now);
        }
    });
    view! { <div class="service-info" node_ref=host></div> }.into_any()
}

fn build(host: &Element, t: &ServiceTexts, lang: Lang, setup: &SlaSetup) {
    let Some(doc) = host.owner_document() else {
        return;
    };
    let en = lang.is_en();
    host.set_text_content(None);

    let channels = titled_section(&doc, host, "section", "channels-title", t.channels_title);
    text_el(&doc, &channels, "p", "section-lead", t.channels_lead);
    let list = el(&doc, &channels, "ul", "card-grid channels");
    for channel in &setup.policy.channels {
        let li = el(&doc, &list, "li", "card channel");
        attr(&li, "data-channel", channel.id.as_str());
        text_el(&doc, &li, "h3", "", channel.name.get(en));
        let contact = if channel.id == Channel::Online {
            t.online_contact
        } else {
            &channel.contact
        };
        text_el(&doc, &li, "p", "channel-contact", contact);
        let hours = el(&doc, &li, "p", "channel-hours");
        text(&doc, &hours, t.working_days);
        text(&doc, &hours, " ");
        text_el(
            &doc,
            &hours,
            "strong",
            "",
            &format!("{}–{}", channel.opens, channel.closes),
        );
    }

    let severity = titled_section(&doc, host, "section", "severity-title", t.severity_title);
    text_el(&doc, &severity, "p", "section-lead", t.severity_lead);
    severity_list(&doc, &severity, lang, &setup.policy.priorities);

    let onsite = titled_section(&doc, host, "section onsite", "onsite-title", t.onsite_title);
    let rule = &setup.policy.onsite;
    text_el(
        &doc,
        &onsite,
        "p",
        "",
        &(t.onsite_rule)(rule.radius_km, rule.arrival_hours),
    );
}

/// Each channel's "open now · until …" or "closed · opens …" badge, at `now`.
fn badges(host: &Element, t: &ServiceTexts, setup: &SlaSetup, now: &DateTime<FixedOffset>) {
    let Some(doc) = host.owner_document() else {
        return;
    };
    let Ok(Some(list)) = host.query_selector("ul.channels") else {
        return;
    };
    let mut next = list.first_element_child();
    while let Some(li) = next {
        next = li.next_element_sibling();
        if let Ok(Some(old)) = li.query_selector(".status-badge") {
            old.remove();
        }
        let id = li.get_attribute("data-channel").unwrap_or_default();
        let Some(channel) = setup.policy.channels.iter().find(|c| c.id.as_str() == id) else {
            continue;
        };
        let (class, state, when) = match setup.engine.channel_state(channel.id, now) {
            Ok(ChannelState::Open { closes_at }) => (
                "status-badge open",
                t.open_now,
                (t.open_until)(&format_short(&closes_at, now)),
            ),
            Ok(ChannelState::Closed { opens_at }) => (
                "status-badge closed",
                t.closed_now,
                (t.opens_at)(&format_short(&opens_at, now)),
            ),
            // Outside the calendar: no badge rather than a guess.
            Err(_) => continue,
        };
        let badge = el(&doc, &li, "p", class);
        text_el(&doc, &badge, "strong", "", state);
        text(&doc, &badge, " · ");
        text(&doc, &badge, &when);
    }
}
