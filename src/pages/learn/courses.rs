//! 在线直播课程: the countdown to the next course (ticking every second),
//! the schedule in Beijing time with the viewer's local time beside it, an
//! `.ics` per course, and the recordings of past courses.
//!
//! What is next, what is live and what is past is `portal_core::courses`;
//! the list is rebuilt only when that changes (a course starts or ends),
//! the countdown's text every second.

use super::format_naive;
use super::texts::learn_texts;
use crate::api::fetch_json;
use crate::components::{loaded, use_clock};
use crate::dom::{attr, el, offer_download, text, text_el, titled_section};
use crate::i18n::{use_lang, Lang};
use crate::time::{browser_zone, format_beijing, is_beijing_zone, now_beijing};
use chrono::{DateTime, FixedOffset, NaiveDateTime};
use leptos::prelude::*;
use portal_core::courses::{
    countdown, ends_at, replay_link, schedule, state, Countdown, CourseState, Unit,
};
use portal_core::files;
use portal_core::ics::{course_calendar, course_file_name, CourseEvent};
use portal_core::model::Course;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

#[component]
pub fn CoursesPage() -> impl IntoView {
    let lang = use_lang();
    let courses = LocalResource::new(|| fetch_json::<Vec<Course>>(files::COURSES));
    let header = move || {
        let t = learn_texts(lang.get());
        view! {
            <h1>{t.courses_title}</h1>
            <p class="lead-text">{t.courses_lead}</p>
        }
    };
    let body = loaded(courses, move |list| {
        view! { <Schedule lang=lang.get() courses=Arc::new(list)/> }.into_any()
    });
    view! {
        <section class="page learn-page courses-page">
            {header}
            {body}
        </section>
    }
}

/// Local wall-clock times of the course instants, and the zone's name.
type LocalTimes = Option<Arc<(String, HashMap<i64, NaiveDateTime>)>>;

/// The browser's wall-clock time at `seconds` since the epoch, by the
/// offset its zone has at that instant.
fn local_wall_clock(seconds: i64) -> Option<NaiveDateTime> {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(seconds as f64 * 1000.0));
    // Minutes *behind* UTC: -60 in Berlin in winter, -120 in summer.
    let offset = -(date.get_timezone_offset() as i64) * 60;
    DateTime::from_timestamp(seconds + offset, 0).map(|t| t.naive_utc())
}

#[component]
fn Schedule(lang: Lang, courses: Arc<Vec<Course>>) -> impl IntoView {
    let t = learn_texts(lang);
    let now = use_clock(Duration::from_secs(1));
    let next_host = NodeRef::<leptos::html::Div>::new();
    let list_host = NodeRef::<leptos::html::Div>::new();

    // What the list shows changes only when a course starts or ends.
    let phase = {
        let courses = courses.clone();
        Memo::new(move |_| {
            let now = now.get();
            let (ahead, past) = schedule(&courses, &now);
            let live: Vec<usize> = ahead
                .iter()
                .copied()
                .filter(|&i| state(&courses[i], &now) == CourseState::Live)
                .collect();
            (ahead, past, live)
        })
    };

    // Local times beside Beijing's, for a browser in another zone. Each
    // instant's offset comes from the browser's own zone rules (`Date`'s
    // `getTimezoneOffset` at that instant, daylight saving included), so
    // this page needs neither the tz database module (25 KB, which took a
    // deep link abroad past the 260 KB target) nor a wait for it.
    let local: LocalTimes = browser_zone().filter(|z| !is_beijing_zone(z)).map(|zone| {
        let times = courses
            .iter()
            .flat_map(|c| [c.starts_at.timestamp(), ends_at(c).timestamp()])
            .filter_map(|s| local_wall_clock(s).map(|t| (s, t)))
            .collect();
        Arc::new((zone, times))
    });

    {
        let courses = courses.clone();
        Effect::new(move |_| {
            let (ahead, past, live) = phase.get();
            if let Some(host) = list_host.get() {
                build_lists(
                    &host,
                    lang,
                    &courses,
                    &ahead,
                    &past,
                    &live,
                    local.as_deref(),
                );
            }
        });
    }
    Effect::new(move |_| {
        let now = now.get();
        if let Some(host) = next_host.get() {
            build_next(&host, lang, &courses, &now);
        }
    });

    view! {
        <section class="card workspace-card course-next" aria-labelledby="next-course-title">
            <h2 id="next-course-title">{t.next_title}</h2>
            <div node_ref=next_host></div>
        </section>
        <div node_ref=list_host></div>
    }
}

/// The countdown block: the next course's title and "starts in 2 d 3 h",
/// "live now", or that none is scheduled.
fn build_next(host: &Element, lang: Lang, courses: &[Course], now: &DateTime<FixedOffset>) {
    let Some(doc) = host.owner_document() else {
        return;
    };
    let (t, en) = (learn_texts(lang), lang.is_en());
    let (index, words, live) = match countdown(courses, now) {
        Countdown::NoneAhead => {
            host.set_text_content(None);
            text_el(&doc, host, "p", "muted", t.none_ahead);
            return;
        }
        Countdown::Live { index, ends_at } => (
            index,
            format!(
                "{} · {}",
                t.live_now,
                (t.live_until)(format_beijing(&ends_at).get(11..).unwrap_or_default())
            ),
            true,
        ),
        Countdown::StartsIn { index, left } => {
            let parts: Vec<String> = left
                .shown()
                .iter()
                .map(|&(n, unit)| match unit {
                    Unit::Days => (t.days)(n),
                    Unit::Hours => (t.hours)(n),
                    Unit::Minutes => (t.minutes)(n),
                    Unit::Seconds => (t.seconds)(n),
                })
                .collect();
            (index, (t.starts_in)(&parts.join(" ")), false)
        }
    };
    let Some(course) = courses.get(index) else {
        return;
    };
    // The same course as a second ago: only the countdown's words change,
    // so a screen reader's or a reader's place is kept.
    let same = host.get_attribute("data-course").as_deref() == Some(course.id.as_str())
        && host.get_attribute("data-lang").as_deref() == Some(if en { "en" } else { "zh" });
    if same {
        if let Ok(Some(timer)) = host.query_selector("[data-countdown]") {
            if timer.text_content().as_deref() != Some(words.as_str()) {
                timer.set_text_content(Some(&words));
            }
            let _ = timer.set_attribute("class", if live { "countdown live" } else { "countdown" });
            return;
        }
    }
    host.set_text_content(None);
    attr(host, "data-course", &course.id);
    attr(host, "data-lang", if en { "en" } else { "zh" });
    let title = text_el(&doc, host, "p", "course-next-title", course.title.get(en));
    attr(&title, "data-next-course", &course.id);
    let when = el(&doc, host, "p", "muted");
    text(
        &doc,
        &when,
        &format!("{} {}", format_beijing(&course.starts_at), t.beijing),
    );
    let timer = text_el(
        &doc,
        host,
        "p",
        if live { "countdown live" } else { "countdown" },
        &words,
    );
    // A timer: assistive technology does not announce every second.
    attr(&timer, "role", "timer");
    attr(&timer, "data-countdown", "");
}

fn build_lists(
    host: &Element,
    lang: Lang,
    courses: &[Course],
    ahead: &[usize],
    past: &[usize],
    live: &[usize],
    local: Option<&(String, HashMap<i64, NaiveDateTime>)>,
) {
    let Some(doc) = host.owner_document() else {
        return;
    };
    let t = learn_texts(lang);
    host.set_text_content(None);
    let upcoming = titled_section(&doc, host, "section", "upcoming-title", t.upcoming_title);
    attr(&upcoming, "data-upcoming", "");
    if ahead.is_empty() {
        text_el(&doc, &upcoming, "p", "muted", t.no_upcoming);
    } else {
        let list = el(&doc, &upcoming, "ul", "booking-list course-list");
        for &i in ahead {
            course_item(
                &doc,
                &list,
                lang,
                &courses[i],
                live.contains(&i),
                false,
                local,
            );
        }
    }
    let recordings = titled_section(&doc, host, "section", "past-title", t.past_title);
    attr(&recordings, "data-past", "");
    if past.is_empty() {
        text_el(&doc, &recordings, "p", "muted", t.no_past);
    } else {
        let list = el(&doc, &recordings, "ul", "booking-list course-list");
        for &i in past {
            course_item(&doc, &list, lang, &courses[i], false, true, local);
        }
    }
}

fn course_item(
    doc: &Document,
    list: &Element,
    lang: Lang,
    course: &Course,
    live: bool,
    past: bool,
    local: Option<&(String, HashMap<i64, NaiveDateTime>)>,
) {
    let (t, en) = (learn_texts(lang), lang.is_en());
    let title = course.title.get(en);
    let li = el(doc, list, "li", "card booking-item course");
    attr(&li, "data-course", &course.id);
    let head = el(doc, &li, "h3", "");
    text(doc, &head, title);
    if live {
        text(doc, &head, " ");
        text_el(doc, &head, "span", "status-badge open", t.live_now);
    }
    let end = ends_at(course);
    let when = el(doc, &li, "p", "course-when");
    let time = text_el(
        doc,
        &when,
        "time",
        "",
        &format!(
            "{}–{}",
            format_beijing(&course.starts_at),
            format_beijing(&end).get(11..).unwrap_or_default()
        ),
    );
    attr(&time, "datetime", &course.starts_at.to_rfc3339());
    text(doc, &when, &format!(" {}", t.beijing));
    if let Some((zone, times)) = local {
        if let (Some(s), Some(e)) = (
            times.get(&course.starts_at.timestamp()),
            times.get(&end.timestamp()),
        ) {
            let start = format_naive(s);
            let end = format_naive(e);
            // The end's date only when it differs from the start's.
            let end = if end.get(..10) == start.get(..10) {
                end.get(11..).unwrap_or_default().to_owned()
            } else {
                end
            };
            let shown = format!("{start}–{end}");
            let p = text_el(
                doc,
                &li,
                "p",
                "muted course-local",
                &(t.local)(&shown, zone),
            );
            attr(&p, "data-local-time", "");
        }
    }
    text_el(
        doc,
        &li,
        "p",
        "muted",
        &format!(
            "{} · {}",
            (t.speaker)(&course.speaker),
            (t.duration)(course.duration_minutes)
        ),
    );
    text_el(doc, &li, "p", "", course.summary.get(en));
    let actions = el(doc, &li, "p", "course-actions");
    if past {
        match replay_link(course) {
            Some(url) => {
                let a = text_el(doc, &actions, "a", "button small", t.watch_replay);
                attr(&a, "href", url);
                attr(&a, "rel", "noopener noreferrer");
                attr(&a, "target", "_blank");
                attr(&a, "aria-label", &(t.watch_replay_named)(title));
                attr(&a, "data-replay", "");
            }
            None => {
                let p = text_el(doc, &actions, "span", "muted", t.replay_pending);
                attr(&p, "data-replay-pending", "");
            }
        }
    } else {
        let button = text_el(doc, &actions, "button", "button small", t.add_to_calendar);
        attr(&button, "type", "button");
        attr(&button, "aria-label", &(t.add_to_calendar_named)(title));
        attr(&button, "data-ics", "");
        let course = course.clone();
        let on_click = Closure::<dyn Fn()>::new(move || download_ics(lang, &course));
        let _ = button.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
        // The listener lives as long as the button; the list is rebuilt
        // rarely (a course starting or ending), so leaking is bounded.
        on_click.forget();
    }
}

/// Offers the course's `.ics`; says so on the page if the browser would not.
fn download_ics(lang: Lang, course: &Course) {
    let (t, en) = (learn_texts(lang), lang.is_en());
    let title = course.title.get(en);
    let summary = (t.ics_summary)(title);
    let description = format!(
        "{}{}{}\n{}",
        t.ics_speaker,
        if en { ": " } else { "：" },
        course.speaker,
        course.summary.get(en)
    );
    let page = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .map(|origin| format!("{origin}{}", crate::routes::COURSES));
    let event = CourseEvent {
        course: &course.id,
        start: course.starts_at,
        end: ends_at(course),
        stamp: now_beijing(),
        summary: &summary,
        description: &description,
        url: page.as_deref(),
    };
    if !offer_download(
        &course_file_name(&course.id),
        "text/calendar;charset=utf-8",
        &course_calendar(&event),
    ) {
        if let Some(w) = web_sys::window() {
            let _ = w.alert_with_message(t.download_failed);
        }
    }
}
