//! 我的预约: the bookings this device sent for the open workspace, read
//! from the outbox (`portal_core::booking::device_bookings`), each with its
//! state, its `.ics` file, and "cancel", which queues a cancellation (an
//! outbox item too) and offers the cancelling `.ics`.

use super::texts::booking_texts;
use super::view::BookingData;
use crate::components::{booking_kind_words, state_words, StoreProblem, StoreUse};
use crate::i18n::{use_lang, Lang};
use crate::outbox::{new_submission, use_outbox, Op, Submit, SubmitError};
use crate::session::use_session;
use crate::store::StoreError;
use crate::time::{format_beijing, now_beijing};
use leptos::prelude::*;
use portal_core::booking::{device_bookings, DeviceBooking};
use portal_core::ics::{calendar, file_name, Event, Method};
use portal_core::outbox::State;
use portal_core::submission::{BookingCancel, Request, Scope};
use std::sync::Arc;

#[component]
pub fn MyBookings(
    workspace: String,
    data: Arc<BookingData>,
    /// Set by "move": the form above fills itself in from this booking.
    moving: RwSignal<Option<DeviceBooking>>,
) -> impl IntoView {
    let lang = use_lang();
    let outbox = use_outbox();
    let session = use_session();
    // The booking whose "cancel" asks for confirmation.
    let confirming = RwSignal::new(None::<String>);
    let failed = RwSignal::new(None::<StoreError>);
    let data = StoredValue::new(data);
    let workspace = StoredValue::new(workspace);

    let cancel = move |d: DeviceBooking| {
        let lang = lang.get_untracked();
        let Some(secret) = session.key_untracked() else {
            return;
        };
        let summary = data.with_value(|x| x.summary(lang, &d.booking));
        let submission = new_submission(
            lang,
            Scope::Workspace,
            workspace.get_value(),
            Request::BookingCancel(BookingCancel {
                booking: d.booking.booking.clone(),
                sequence: d.cancel_sequence(),
                reason: None,
            }),
        );
        let submit = Submit {
            submission,
            secret,
            labels: portal_core::secret::workspace_labels(),
            summary,
            ticket: None,
            catalogue: None,
            form_problems: Vec::new(),
        };
        leptos::task::spawn_local(async move {
            match outbox.run(Op::Submit(Box::new(submit))).await {
                Ok(()) => {
                    confirming.set(None);
                    failed.set(None);
                }
                Err(SubmitError::Store(e)) => failed.set(Some(e)),
                // A cancellation the device made itself has nothing to correct.
                Err(_) => {}
            }
        });
    };

    let list = move || {
        let lang = lang.get();
        let t = booking_texts(lang);
        let ws = workspace.get_value();
        let mine: Vec<DeviceBooking> = device_bookings(&outbox.items())
            .into_iter()
            .filter(|d| d.workspace == ws)
            .collect();
        if !outbox.is_loaded() {
            return ().into_any();
        }
        if mine.is_empty() {
            return view! { <p class="muted" data-bookings-empty="">{t.mine_empty}</p> }.into_any();
        }
        let support = outbox.support_email();
        view! {
            <ul class="booking-list">
                {mine
                    .into_iter()
                    .map(|d| item_view(lang, &data.get_value(), d, support.clone(), confirming, cancel, moving))
                    .collect_view()}
            </ul>
        }
        .into_any()
    };

    view! {
        <section class="my-bookings" id="my-bookings" aria-labelledby="my-bookings-title">
            <h2 id="my-bookings-title">{move || booking_texts(lang.get()).mine_title}</h2>
            <p class="muted">{move || booking_texts(lang.get()).mine_lead}</p>
            {move || failed.get().map(|error| view! { <StoreProblem error used_for=StoreUse::Queue/> })}
            {list}
        </section>
    }
}

fn item_view(
    lang: Lang,
    data: &BookingData,
    d: DeviceBooking,
    support: String,
    confirming: RwSignal<Option<String>>,
    cancel: impl Fn(DeviceBooking) + Copy + Send + Sync + 'static,
    moving: RwSignal<Option<DeviceBooking>>,
) -> impl IntoView {
    let t = booking_texts(lang);
    let en = lang.is_en();
    let b = &d.booking;
    let engineer = data.engineer_name(&b.engineer, en);
    let head = format!(
        "{} · {} – {}",
        booking_kind_words(lang, b.booking_type),
        format_beijing(&b.start),
        format_beijing(&b.end).get(11..).unwrap_or_default()
    );
    let local = crate::time::format_local_if_different(&b.start);
    let mut detail = vec![
        (t.with_engineer)(&engineer),
        data.product_version(&b.product, &b.version, en),
    ];
    if let Some(p) = &b.patch {
        detail.push(p.clone());
    }
    if let Some(site) = &b.site {
        detail.push(site.address.clone());
    }
    let (state, class) = state_words(lang, d.state);
    let cancellation = d.cancellation.clone().filter(|c| c.state != State::Refused);
    let active = d.is_active();
    let event_text = {
        let d = d.clone();
        let engineer = engineer.clone();
        let support = support.clone();
        move |method: Method| ics_text(lang, &d, &engineer, &support, method)
    };
    let download = {
        let event_text = event_text.clone();
        let id = d.booking.booking.clone();
        move |method: Method| {
            crate::dom::offer_download(
                &file_name(&id, method),
                "text/calendar;charset=utf-8",
                &event_text(method),
            );
        }
    };
    let download_cancel = download.clone();
    let id = d.booking.booking.clone();
    let asking = {
        let id = id.clone();
        move || confirming.with(|c| c.as_deref() == Some(id.as_str()))
    };
    let (booking_id, state_name) = (d.booking.booking.clone(), d.state.as_str());
    let refused = d.state == State::Refused;
    let actions = move || {
        let id = id.clone();
        let d = d.clone();
        if !active {
            return ().into_any();
        }
        if asking() {
            view! {
                <div class="notice" role="group" aria-label=t.cancel>
                    <p>{t.cancel_confirm}</p>
                    <p class="booking-actions">
                        <button type="button" class="button small" on:click=move |_| cancel(d.clone())>{t.cancel_yes}</button>
                        <button type="button" class="button small" on:click=move |_| confirming.set(None)>{t.cancel_no}</button>
                    </p>
                </div>
            }
            .into_any()
        } else {
            let move_it = d.clone();
            view! {
                <button type="button" class="button small" data-move="" on:click=move |_| {
                    moving.set(Some(move_it.clone()));
                    // The form is above the list: take the admin there, once it shows the move.
                    set_timeout(
                        || crate::components::focus_by_id("booking-moving"),
                        std::time::Duration::ZERO,
                    );
                }>{t.move_booking}</button>
                <button type="button" class="button small" on:click=move |_| confirming.set(Some(id.clone()))>{t.cancel}</button>
            }
            .into_any()
        }
    };
    view! {
        <li class="card booking-item" data-booking=booking_id data-state=state_name>
            <h3>{head}</h3>
            {local.map(|l| view! { <p class="muted">{t.local_time}" "{l}</p> })}
            <p>{detail.join(" · ")}</p>
            <p>
                {t.booking_state}" "<span class=class data-booking-state="">{state}</span>
                {cancellation.clone().map(|c| {
                    let (words, class) = state_words(lang, c.state);
                    view! { " · "{t.cancel_state}" "<span class=class data-cancel-state="">{words}</span> }
                })}
            </p>
            {refused.then(|| view! { <p class="notice">{t.refused_note}</p> })}
            {cancellation.is_some().then(|| view! { <p>{t.cancelled_note}</p> })}
            <p class="booking-actions">
                <button type="button" class="button small" on:click=move |_| download(Method::Request)>{t.download_ics}</button>
                {cancellation.is_some().then(|| view! {
                    <button type="button" class="button small" on:click=move |_| download_cancel(Method::Cancel)>{t.download_cancel_ics}</button>
                })}
                {actions}
            </p>
        </li>
    }
}

/// The booking's `.ics`: a request (its own sequence) or the cancelling one
/// (the cancellation's sequence, the booking's plus one).
fn ics_text(
    lang: Lang,
    d: &DeviceBooking,
    engineer: &str,
    support: &str,
    method: Method,
) -> String {
    let t = booking_texts(lang);
    let b = &d.booking;
    let kind = booking_kind_words(lang, b.booking_type);
    let summary = (t.ics_summary)(kind, engineer);
    let mut description = vec![format!("{} {}", b.product, b.version)];
    if let Some(p) = &b.patch {
        description.push(p.clone());
    }
    if let Some(note) = &b.note {
        description.push(format!("{}{}{note}", t.ics_note, lang.pick("：", ": ")));
    }
    description.push(format!(
        "{}{}{}",
        t.ics_contact,
        lang.pick("：", ": "),
        b.contact.name
    ));
    description.push(format!(
        "{}{}{}",
        t.ics_booking_id,
        lang.pick("：", ": "),
        b.booking
    ));
    let description = description.join("\n");
    let sequence = match method {
        Method::Request => b.sequence,
        Method::Cancel => d
            .cancellation
            .as_ref()
            .map_or_else(|| d.cancel_sequence(), |c| c.sequence),
    };
    let event = Event {
        booking: &b.booking,
        sequence,
        start: b.start,
        end: b.end,
        stamp: now_beijing(),
        summary: &summary,
        description: &description,
        location: b.site.as_ref().map(|s| s.address.as_str()),
        organizer: Some(support),
        attendee: Some(&b.contact.email),
    };
    calendar(&event, method)
}
