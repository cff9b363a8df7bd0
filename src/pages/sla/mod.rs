//! 响应时限计算: for a priority, channel and received time (Beijing time),
//! the response deadline, a live countdown, and a timeline of what was
//! counted and what was skipped. All computation is the core's `SlaEngine`.

mod texts;

use crate::api::{use_sla, SlaSetup};
use crate::components::{
    deadline_block, format_duration, loaded, priority_badge_class, radio_choice, response_target,
    target_amount, timeline_list, use_clock, ErrorDetail, SlaErrorMessage,
};
use crate::i18n::{use_lang, Lang};
use crate::time::{format_local_if_different, now_input_value};
use chrono::{DateTime, FixedOffset};
use leptos::prelude::*;
use portal_core::calendar::{parse_beijing_input, LocalTimeError};
use portal_core::model::{Channel, Priority};
use portal_core::sla::{SlaError, Timeline};
use std::sync::Arc;
use std::time::Duration;
use texts::sla_texts;

#[component]
pub fn SlaCalculator() -> impl IntoView {
    let lang = use_lang();
    let setup = use_sla();
    let priority = RwSignal::new(Priority::P2);
    let channel = RwSignal::new(Channel::Email);
    let received = RwSignal::new(now_input_value());

    let header = move || {
        let t = sla_texts(lang.get());
        view! {
            <h1>{t.title}</h1>
            <p class="lead-text">{t.lead}</p>
        }
    };
    let body = loaded(setup, move |setup| {
        view! {
            <div class="calculator">
                <CalculatorForm setup=setup.clone() priority channel received/>
                <CalculatorResult setup priority channel received/>
            </div>
        }
        .into_any()
    });
    view! {
        <section class="page">
            {header}
            {body}
        </section>
    }
}

/// The three inputs. They re-render as one block on a language change; their
/// values live in signals outside it, so nothing typed is lost.
#[component]
fn CalculatorForm(
    setup: Arc<SlaSetup>,
    priority: RwSignal<Priority>,
    channel: RwSignal<Channel>,
    received: RwSignal<String>,
) -> impl IntoView {
    let lang = use_lang();
    move || {
        let lang = lang.get();
        let (t, en) = (sla_texts(lang), lang.is_en());
        let your_time = lang.texts().your_time;
        let priority_options = setup
            .policy
            .priorities
            .iter()
            .map(|level| {
                let id = level.id;
                let title = format!(
                    "{} · {}",
                    level.name.get(en),
                    response_target(lang, level.response_minutes)
                );
                let title = view! {
                    <span class=priority_badge_class(id)>{id.as_str()}</span>
                    " "
                    {title}
                };
                radio_choice(
                    "priority",
                    id.as_str(),
                    id,
                    priority,
                    title.into_any(),
                    level.definition.get(en).to_owned(),
                )
            })
            .collect_view();
        let channel_options = setup
            .policy
            .channels
            .iter()
            .map(|ch| {
                let id = ch.id;
                let hours = format!("{} {}–{}", t.working_days, ch.opens, ch.closes);
                radio_choice(
                    "channel",
                    id.as_str(),
                    id,
                    channel,
                    ch.name.get(en).to_owned().into_any(),
                    hours,
                )
            })
            .collect_view();
        view! {
            <form class="card calculator-form" on:submit=|ev| ev.prevent_default()>
                <fieldset>
                    <legend>{t.field_priority}</legend>
                    <div class="choices">{priority_options}</div>
                </fieldset>
                <fieldset>
                    <legend>{t.field_channel}</legend>
                    <div class="choices">{channel_options}</div>
                </fieldset>
                <div class="field">
                    <label for="received">{t.field_received}</label>
                    <div class="field-row">
                        <input
                            id="received"
                            type="datetime-local"
                            step="60"
                            prop:value=move || received.get()
                            on:input=move |ev| received.set(event_target_value(&ev))
                        />
                        <button type="button" class="button" on:click=move |_| received.set(now_input_value())>
                            {t.now_button}
                        </button>
                    </div>
                    <p class="field-note">
                        {move || {
                            parse_beijing_input(&received.get())
                                .ok()
                                .and_then(|at| format_local_if_different(&at))
                                .map(|local| format!("{your_time} {local}"))
                        }}
                    </p>
                </div>
            </form>
        }
    }
}

/// What the calculator can say for the inputs.
#[derive(Debug, Clone, PartialEq)]
enum Calculation {
    /// The received time is empty (or the browser found it invalid).
    NoTime,
    BadTime(LocalTimeError),
    /// The engine cannot compute this deadline (outside the calendar, …).
    Refused(SlaError),
    Deadline(Timeline),
}

#[component]
fn CalculatorResult(
    setup: Arc<SlaSetup>,
    priority: RwSignal<Priority>,
    channel: RwSignal<Channel>,
    received: RwSignal<String>,
) -> impl IntoView {
    let lang = use_lang();
    let calculation = Memo::new(move |_| {
        let at = match parse_beijing_input(&received.get()) {
            Ok(at) => at,
            Err(LocalTimeError::Empty) => return Calculation::NoTime,
            Err(e) => return Calculation::BadTime(e),
        };
        match setup.engine.timeline(priority.get(), channel.get(), &at) {
            Ok(timeline) => Calculation::Deadline(timeline),
            Err(e) => Calculation::Refused(e),
        }
    });
    let now = use_clock(Duration::from_secs(1));
    move || {
        let lang = lang.get();
        let t = sla_texts(lang);
        match calculation.get() {
            Calculation::NoTime => {
                view! { <p class="card result notice" role="status">{t.err_pick_time}</p> }
                    .into_any()
            }
            Calculation::BadTime(error) => view! {
                <div class="card result notice" role="alert">
                    <p>{t.err_bad_time}</p>
                    <ErrorDetail detail=error.to_string()/>
                </div>
            }
            .into_any(),
            Calculation::Refused(error) => view! {
                <div class="card result notice" role="alert"><SlaErrorMessage error/></div>
            }
            .into_any(),
            Calculation::Deadline(tl) => result_view(lang, tl, now).into_any(),
        }
    }
}

fn result_view(lang: Lang, tl: Timeline, now: ReadSignal<DateTime<FixedOffset>>) -> impl IntoView {
    let t = sla_texts(lang);
    let deadline = tl.deadline;
    let left = move || (deadline - now.get()).num_seconds();
    // The countdown ticks every second and is not announced; the line that
    // says the deadline has passed is a polite live region, announced once,
    // when it happens.
    let countdown = view! {
        <p class="countdown" aria-live="off" hidden=move || left() <= 0>
            {t.time_left}" "<strong>{move || format_duration(lang, left().max(0), true)}</strong>
        </p>
        <p class="deadline-passed" role="status">
            {move || (left() <= 0).then_some(t.deadline_passed)}
        </p>
    };
    view! {
        <section class="card result" aria-labelledby="deadline-title">
            <h2 id="deadline-title">{t.result_deadline}</h2>
            {deadline_block(lang, &deadline)}
            {countdown}
            <p class="field-note">{(t.target_note)(&target_amount(lang, tl.target_minutes))}</p>
            <h3>{t.timeline_title}</h3>
            {timeline_list(lang, tl.entries)}
        </section>
    }
}
