//! The service-centre dashboard: what the portal offers, the service
//! channels and their hours, and the severity levels P1–P4 with their
//! response targets, all read from the static API's SLA policy.

use crate::api::{fetch_json, ApiError};
use crate::components::{ErrorPanel, Loading};
use crate::i18n::{use_lang, use_texts, Texts};
use crate::time::{format_beijing, format_local_if_different};
use leptos::prelude::*;
use portal_core::files;
use portal_core::model::{ChannelHours, Meta, PriorityLevel, SlaPolicy};

#[component]
pub fn Home() -> impl IntoView {
    let t = use_texts();
    let policy = LocalResource::new(|| fetch_json::<SlaPolicy>(files::SLA_POLICY));
    let meta = LocalResource::new(|| fetch_json::<Meta>(files::META));

    view! {
        <section class="hero">
            <h1>{move || t().home_title}</h1>
            <p class="lead">{move || t().home_lead}</p>
        </section>

        <section class="section" aria-labelledby="offers-title">
            <h2 id="offers-title">{move || t().offers_title}</h2>
            <ul class="card-grid offers">
                {move || {
                    t().offers
                        .iter()
                        .map(|(name, what)| {
                            view! {
                                <li class="card offer">
                                    <h3>{*name}</h3>
                                    <p>{*what}</p>
                                    <span class="tag">{t().coming_soon}</span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </section>

        <Suspense fallback=Loading>
            {move || {
                policy
                    .get()
                    .map(|result| match result {
                        Ok(policy) => view! { <PolicySections policy/> }.into_any(),
                        Err(error) => {
                            view! { <ErrorPanel error on_retry=move || policy.refetch()/> }.into_any()
                        }
                    })
            }}
        </Suspense>

        <Suspense fallback=|| ()>
            {move || meta.get().map(|result| view! { <DataStamp result/> })}
        </Suspense>
    }
}

#[component]
fn PolicySections(policy: SlaPolicy) -> impl IntoView {
    let t = use_texts();
    let SlaPolicy {
        priorities,
        channels,
        onsite,
        ..
    } = policy;
    let onsite_text = move || {
        t().onsite_rule
            .replace("{km}", &onsite.radius_km.to_string())
            .replace("{h}", &onsite.arrival_hours.to_string())
    };
    view! {
        <section class="section" aria-labelledby="channels-title">
            <h2 id="channels-title">{move || t().channels_title}</h2>
            <p class="section-lead">{move || t().channels_lead}</p>
            <ul class="card-grid channels">
                {channels
                    .into_iter()
                    .map(|c| view! { <ChannelCard channel=c/> })
                    .collect_view()}
            </ul>
        </section>

        <section class="section" aria-labelledby="severity-title">
            <h2 id="severity-title">{move || t().severity_title}</h2>
            <p class="section-lead">{move || t().severity_lead}</p>
            <ol class="severity-list">
                {priorities
                    .into_iter()
                    .map(|p| view! { <SeverityRow level=p/> })
                    .collect_view()}
            </ol>
        </section>

        <section class="section onsite" aria-labelledby="onsite-title">
            <h2 id="onsite-title">{move || t().onsite_title}</h2>
            <p>{onsite_text}</p>
        </section>
    }
}

#[component]
fn ChannelCard(channel: ChannelHours) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let name = channel.name.clone();
    let contact = channel.contact.clone();
    let href = match channel.id {
        portal_core::model::Channel::Phone => Some(format!("tel:{}", contact.replace('-', ""))),
        portal_core::model::Channel::Email => Some(format!("mailto:{contact}")),
        portal_core::model::Channel::Online => None,
    };
    let hours = format!("{}–{}", channel.opens, channel.closes);
    view! {
        <li class="card channel" data-channel=channel.id.as_str()>
            <h3>{move || name.get(lang.get().is_en()).to_owned()}</h3>
            <p class="channel-contact">
                {match href {
                    Some(href) => view! { <a href=href>{contact.clone()}</a> }.into_any(),
                    None => view! { <span>{contact.clone()}</span> }.into_any(),
                }}
            </p>
            <p class="channel-hours">
                {move || t().working_days}" "<strong>{hours.clone()}</strong>
            </p>
        </li>
    }
}

#[component]
fn SeverityRow(level: PriorityLevel) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let id = level.id.as_str();
    let PriorityLevel {
        name,
        definition,
        response_minutes,
        ..
    } = level;
    view! {
        <li class="severity" data-priority=id>
            <span class=format!("badge priority-{}", id.to_lowercase())>{id}</span>
            <div class="severity-body">
                <h3>{move || name.get(lang.get().is_en()).to_owned()}</h3>
                <p>{move || definition.get(lang.get().is_en()).to_owned()}</p>
            </div>
            <p class="severity-target">{move || response_target(t(), response_minutes)}</p>
        </li>
    }
}

/// "1 小时内响应" / "response within 1 hour".
fn response_target(t: &Texts, minutes: u32) -> String {
    let amount = if minutes % 60 == 0 {
        let h = minutes / 60;
        format!("{h} {}", if h == 1 { t.hour } else { t.hours })
    } else {
        format!("{minutes} {}", t.minutes)
    };
    t.respond_within.replace("{amount}", &amount)
}

#[component]
fn DataStamp(result: Result<Meta, ApiError>) -> impl IntoView {
    let t = use_texts();
    // The stamp is secondary: if meta.json fails, the page says nothing here
    // rather than show a second error panel.
    result.ok().map(|meta| {
        let beijing = format_beijing(&meta.generated_at);
        let local = format_local_if_different(&meta.generated_at);
        view! {
            <p class="data-stamp">
                {move || t().data_as_of}" "
                <time datetime=meta.generated_at.to_rfc3339()>{beijing.clone()}</time>
                " ("{move || t().beijing_time}")"
                {local.clone().map(|l| view! { " · " {move || t().your_time}" " {l.clone()} })}
                " · "{meta.data_version.clone()}
            </p>
        }
    })
}
