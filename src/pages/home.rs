//! The service-centre dashboard: what the portal offers, the service
//! channels and their hours, and the severity levels P1–P4 with their
//! response targets, all read from the static API's SLA policy.
//!
//! Each block re-renders as a whole when the language changes (one
//! reactive closure per block, not one per string): these blocks hold no
//! user input, and it keeps the wasm small.

use crate::api::{fetch_json, ApiError};
use crate::components::{ErrorPanel, Loading};
use crate::i18n::{use_lang, Texts};
use crate::time::{format_beijing, format_local_if_different};
use leptos::prelude::*;
use portal_core::files;
use portal_core::model::{Channel, ChannelHours, Meta, PriorityLevel, SlaPolicy, API_VERSION};

#[component]
pub fn Home() -> impl IntoView {
    let lang = use_lang();
    let policy = LocalResource::new(|| fetch_json::<SlaPolicy>(files::SLA_POLICY));
    let meta = LocalResource::new(|| fetch_json::<Meta>(files::META));

    let intro = move || {
        let t = lang.get().texts();
        view! {
            <section class="hero">
                <h1>{t.home_title}</h1>
                <p class="lead">{t.home_lead}</p>
            </section>
            <section class="section" aria-labelledby="offers-title">
                <h2 id="offers-title">{t.offers_title}</h2>
                <ul class="card-grid offers">
                    {t.offers
                        .iter()
                        .map(|(name, what)| {
                            view! {
                                <li class="card offer">
                                    <h3>{*name}</h3>
                                    <p>{*what}</p>
                                    <span class="tag">{t.coming_soon}</span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    };

    // Plain reactive blocks rather than <Suspense>: the same behaviour
    // here, for several KB less wasm.
    let policy_view = move || match policy.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Ok(loaded)) => {
            policy_sections(lang.get().texts(), lang.get().is_en(), loaded).into_any()
        }
        Some(Err(error)) => {
            view! { <ErrorPanel error on_retry=move || policy.refetch()/> }.into_any()
        }
    };
    let stamp = move || {
        meta.get()
            .and_then(|result| data_stamp(lang.get().texts(), result))
    };

    view! {
        {intro}
        {policy_view}
        {stamp}
    }
}

fn policy_sections(t: &'static Texts, en: bool, policy: SlaPolicy) -> impl IntoView {
    let onsite = t
        .onsite_rule
        .replace("{km}", &policy.onsite.radius_km.to_string())
        .replace("{h}", &policy.onsite.arrival_hours.to_string());
    view! {
        <section class="section" aria-labelledby="channels-title">
            <h2 id="channels-title">{t.channels_title}</h2>
            <p class="section-lead">{t.channels_lead}</p>
            <ul class="card-grid channels">
                {policy.channels.into_iter().map(|c| channel_card(t, en, c)).collect_view()}
            </ul>
        </section>
        <section class="section" aria-labelledby="severity-title">
            <h2 id="severity-title">{t.severity_title}</h2>
            <p class="section-lead">{t.severity_lead}</p>
            <ol class="severity-list">
                {policy.priorities.into_iter().map(|p| severity_row(t, en, p)).collect_view()}
            </ol>
        </section>
        <section class="section onsite" aria-labelledby="onsite-title">
            <h2 id="onsite-title">{t.onsite_title}</h2>
            <p>{onsite}</p>
        </section>
    }
}

fn channel_card(t: &'static Texts, en: bool, channel: ChannelHours) -> impl IntoView {
    let contact = channel.contact;
    let href = match channel.id {
        Channel::Phone => Some(format!("tel:{}", contact.replace('-', ""))),
        Channel::Email => Some(format!("mailto:{contact}")),
        Channel::Online => None,
    };
    let contact = match href {
        Some(href) => view! { <a href=href>{contact}</a> }.into_any(),
        // The online channel is this portal: say so in the reader's language.
        None => view! { <span>{t.online_contact}</span> }.into_any(),
    };
    view! {
        <li class="card channel" data-channel=channel.id.as_str()>
            <h3>{channel.name.get(en).to_owned()}</h3>
            <p class="channel-contact">{contact}</p>
            <p class="channel-hours">
                {t.working_days}" "<strong>{format!("{}–{}", channel.opens, channel.closes)}</strong>
            </p>
        </li>
    }
}

fn severity_row(t: &'static Texts, en: bool, level: PriorityLevel) -> impl IntoView {
    let id = level.id.as_str();
    view! {
        <li class="severity" data-priority=id>
            <span class=format!("badge priority-{}", id.to_ascii_lowercase())>{id}</span>
            <div class="severity-body">
                <h3>{level.name.get(en).to_owned()}</h3>
                <p>{level.definition.get(en).to_owned()}</p>
            </div>
            <p class="severity-target">{response_target(t, level.response_minutes)}</p>
        </li>
    }
}

/// "1 小时内响应" / "response within 1 hour".
fn response_target(t: &Texts, minutes: u32) -> String {
    let amount = if minutes.is_multiple_of(60) {
        let h = minutes / 60;
        format!("{h} {}", if h == 1 { t.hour } else { t.hours })
    } else {
        format!("{minutes} {}", t.minutes)
    };
    t.respond_within.replace("{amount}", &amount)
}

/// When the data was generated. Secondary: if meta.json fails, the page says
/// nothing here rather than show a second error panel.
fn data_stamp(t: &'static Texts, result: Result<Meta, ApiError>) -> Option<impl IntoView> {
    let meta = result.ok()?;
    let beijing = format_beijing(&meta.generated_at);
    let mismatch = (meta.api_version != API_VERSION).then(|| {
        let text = t
            .api_version_mismatch
            .replace("{found}", &meta.api_version.to_string())
            .replace("{expected}", &API_VERSION.to_string());
        view! { <p class="notice" role="alert">{text}</p> }
    });
    let local =
        format_local_if_different(&meta.generated_at).map(|l| format!(" · {} {l}", t.your_time));
    Some(view! {
        {mismatch}
        <p class="data-stamp">
            {t.data_as_of}" "
            <time datetime=format!("{beijing}+08:00")>{beijing.clone()}</time>
            " ("{t.beijing_time}")"{local}" · "{meta.data_version}
        </p>
    })
}
