//! 在线咨询服务入口 (the 5×8 online support entry): whether online
//! consultation is open now and when it opens next, what kind of day today
//! is on the business calendar, and each channel with its hours, live
//! state and link (online → the request form, e-mail → `mailto:`, hotline
//! → `tel:`). Open or closed is the SLA engine's answer
//! (`SlaEngine::channel_state`), never recomputed here.

use super::texts::{learn_texts, LearnTexts};
use crate::api::{fetch_json, use_sla, SlaSetup};
use crate::components::{loaded, use_clock};
use crate::dom::{attr, el, text, text_el, titled_section};
use crate::i18n::{use_lang, Lang};
use crate::routes;
use crate::time::{format_beijing, format_local_if_different, format_short};
use chrono::{DateTime, Datelike, FixedOffset};
use leptos::prelude::*;
use portal_core::calendar::{to_beijing, DayStatus};
use portal_core::consult::{mailto_uri, tel_uri};
use portal_core::files;
use portal_core::model::{Channel, Meta};
use portal_core::sla::ChannelState;
use std::sync::Arc;
use std::time::Duration;
use web_sys::{Document, Element};

#[component]
pub fn ConsultPage() -> impl IntoView {
    let lang = use_lang();
    let setup = use_sla();
    // The published contacts; the policy's own are used until (or if not) read.
    let meta = LocalResource::new(|| fetch_json::<Meta>(files::META));
    let now = use_clock(Duration::from_secs(30));
    let header = move || {
        let t = learn_texts(lang.get());
        view! {
            <h1>{t.consult_title}</h1>
            <p class="lead-text">{t.consult_lead}</p>
        }
    };
    let body = loaded(setup, move |setup| {
        let lang = lang.get();
        let host = NodeRef::<leptos::html::Div>::new();
        Effect::new(move |_| {
            let now = now.get();
            let meta = meta.get().and_then(Result::ok);
            if let Some(host) = host.get() {
                build(&host, lang, &setup, meta.as_ref(), &now);
            }
        });
        view! { <div node_ref=host></div> }.into_any()
    });
    view! {
        <section class="page learn-page consult-page">
            {header}
            {body}
        </section>
    }
}

/// The weekday and time of an instant in Beijing: `星期四 2026-10-08 09:00`.
fn with_weekday(t: &LearnTexts, at: &DateTime<FixedOffset>, now: &DateTime<FixedOffset>) -> String {
    let day = to_beijing(at).weekday().num_days_from_monday() as usize;
    let when = format_short(at, now);
    let when = if when.len() <= 5 {
        format_beijing(at)
    } else {
        when
    };
    format!(
        "{} {when}",
        t.weekdays.get(day).copied().unwrap_or_default()
    )
}

fn build(
    host: &Element,
    lang: Lang,
    setup: &Arc<SlaSetup>,
    meta: Option<&Meta>,
    now: &DateTime<FixedOffset>,
) {
    let Some(doc) = host.owner_document() else {
        return;
    };
    let (t, en) = (learn_texts(lang), lang.is_en());
    host.set_text_content(None);

    // The entry itself: online consultation now.
    let entry = titled_section(
        &doc,
        host,
        "card workspace-card consult-now",
        "consult-now-title",
        t.online_name,
    );
    attr(&entry, "data-consult-state", "");
    let today = to_beijing(now).date();
    let day_words = match setup.engine.calendar().day_status(today) {
        Ok(DayStatus::Weekday) => Some(t.today_weekday.to_owned()),
        Ok(DayStatus::Weekend) => Some(t.today_weekend.to_owned()),
        Ok(DayStatus::Holiday(name)) => Some((t.today_holiday)(name.get(en))),
        Ok(DayStatus::AdjustedWorkingDay(name)) => Some((t.today_adjusted)(name.get(en))),
        Err(_) => None,
    };
    if let Some(words) = day_words {
        let p = text_el(&doc, &entry, "p", "muted", &words);
        attr(&p, "data-day", "");
    }
    state_line(&doc, &entry, t, setup, Channel::Online, now, true);
    let start = text_el(&doc, &entry, "a", "button primary", t.start_online);
    attr(&start, "href", routes::REQUEST);

    // Every channel, its hours, its state and its link.
    let channels = titled_section(
        &doc,
        host,
        "section",
        "consult-channels-title",
        t.channels_title,
    );
    let list = el(&doc, &channels, "ul", "card-grid channels");
    for channel in &setup.policy.channels {
        let li = el(&doc, &list, "li", "card channel");
        attr(&li, "data-channel", channel.id.as_str());
        text_el(&doc, &li, "h3", "", channel.name.get(en));
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
        state_line(&doc, &li, t, setup, channel.id, now, false);
        let (href, words, note) = match channel.id {
            Channel::Online => (
                Some(routes::REQUEST.to_owned()),
                t.channel_online_action.to_owned(),
                t.online_note,
            ),
            Channel::Email => {
                let address = meta.map_or(channel.contact.as_str(), |m| m.support_email.as_str());
                (
                    mailto_uri(address),
                    (t.channel_email_action)(address),
                    t.email_note,
                )
            }
            Channel::Phone => {
                let number = meta.map_or(channel.contact.as_str(), |m| m.hotline.as_str());
                (
                    tel_uri(number),
                    (t.channel_phone_action)(number),
                    t.phone_note,
                )
            }
        };
        text_el(&doc, &li, "p", "muted", note);
        match href {
            Some(href) => {
                let a = text_el(&doc, &li, "a", "card-link", &words);
                attr(&a, "href", &href);
            }
            // A contact that is no valid link is still shown, as text.
            None => {
                text_el(&doc, &li, "p", "", &words);
            }
        }
    }

    let more = el(&doc, host, "p", "");
    text(&doc, &more, t.consult_more);
    attr(
        &text_el(&doc, &more, "a", "", t.directory_link),
        "href",
        routes::SERVICES,
    );
    text(&doc, &more, " · ");
    attr(
        &text_el(&doc, &more, "a", "", t.sla_link),
        "href",
        routes::SLA,
    );
}

/// "Open now · until 18:00" or "Closed now · opens next: Thursday
/// 2026-10-08 09:00", with the local time beside a next opening when the
/// browser is in another zone. `big`: the entry's own line.
fn state_line(
    doc: &Document,
    parent: &Element,
    t: &LearnTexts,
    setup: &SlaSetup,
    channel: Channel,
    now: &DateTime<FixedOffset>,
    big: bool,
) {
    let p = match setup.engine.channel_state(channel, now) {
        Ok(ChannelState::Open { closes_at }) => {
            let p = el(
                doc,
                parent,
                "p",
                if big {
                    "status-badge open consult-state"
                } else {
                    "status-badge open"
                },
            );
            text_el(doc, &p, "strong", "", t.open_now);
            text(doc, &p, " · ");
            text(doc, &p, &(t.open_until)(&format_short(&closes_at, now)));
            attr(&p, "data-open", "true");
            p
        }
        Ok(ChannelState::Closed { opens_at }) => {
            let p = el(
                doc,
                parent,
                "p",
                if big {
                    "status-badge closed consult-state"
                } else {
                    "status-badge closed"
                },
            );
            text_el(doc, &p, "strong", "", t.closed_now);
            text(doc, &p, " · ");
            text(doc, &p, &(t.opens_next)(&with_weekday(t, &opens_at, now)));
            attr(&p, "data-open", "false");
            if let Some(local) = format_local_if_different(&opens_at) {
                text(doc, &p, &format!(" · {}", (t.local_at)(&local)));
            }
            p
        }
        Err(_) => text_el(doc, parent, "p", "notice", t.beyond_calendar),
    };
    if big {
        attr(&p, "data-entry-state", "");
    }
}
