use crate::api::SlaSetup;
use crate::components::severity_list;
use crate::i18n::Texts;
use crate::time::format_short;
use chrono::{DateTime, FixedOffset};
use leptos::prelude::*;
use portal_core::model::{Channel, ChannelHours};
use portal_core::sla::ChannelState;
use std::sync::Arc;

/// The channels with a live open/closed badge, the severity levels and the
/// on-site rule: the home page and the service directory show the same block.
pub fn service_info(
    t: &'static Texts,
    setup: Arc<SlaSetup>,
    now: ReadSignal<DateTime<FixedOffset>>,
) -> impl IntoView {
    let en = t.is_en();
    let channels = setup
        .policy
        .channels
        .iter()
        .cloned()
        .map(|c| channel_status_card(t, en, c, setup.clone(), now))
        .collect_view();
    let onsite = t
        .onsite_rule
        .replace("{km}", &setup.policy.onsite.radius_km.to_string())
        .replace("{h}", &setup.policy.onsite.arrival_hours.to_string());
    view! {
        <section class="section" aria-labelledby="channels-title">
            <h2 id="channels-title">{t.channels_title}</h2>
            <p class="section-lead">{t.channels_lead}</p>
            <ul class="card-grid channels">{channels}</ul>
        </section>
        <section class="section" aria-labelledby="severity-title">
            <h2 id="severity-title">{t.severity_title}</h2>
            <p class="section-lead">{t.severity_lead}</p>
            {severity_list(t, en, setup.policy.priorities.clone())}
        </section>
        <section class="section onsite" aria-labelledby="onsite-title">
            <h2 id="onsite-title">{t.onsite_title}</h2>
            <p>{onsite}</p>
        </section>
    }
}

fn channel_status_card(
    t: &'static Texts,
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
                    <strong>{t.open_now}</strong>" · "{t.open_until.replace("{time}", &format_short(&closes_at, &now))}
                </p>
            }
            .into_any(),
            Ok(ChannelState::Closed { opens_at }) => view! {
                <p class="status-badge closed">
                    <strong>{t.closed_now}</strong>" · "{t.opens_at.replace("{time}", &format_short(&opens_at, &now))}
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
