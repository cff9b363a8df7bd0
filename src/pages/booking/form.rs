//! The booking form: type of work, installation, patch, site and person-days
//! (on-site), consent (remote support), a slot from the free ones, contact.
//! Every decision is the core's; what the admin typed lives in signals
//! outside the view closures, so an error or a language switch loses nothing.

use super::texts::{booking_texts, BookingTexts};
use super::view::{BookingData, Prefill};
use crate::api::use_sla;
use crate::components::{
    booking_kind_words, code_words, problem_words, radio_choice, use_clock, ErrorPanel, Loading,
    StoreProblem, StoreUse,
};
use crate::i18n::{use_lang, Lang};
use crate::outbox::{new_submission, use_outbox, Op, Submit, SubmitError};
use crate::routes;
use crate::session::use_session;
use crate::store::StoreError;
use crate::time::{format_beijing, now_beijing};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime};
use leptos::prelude::*;
use portal_core::booking::{
    by_day, device_bookings, slots, without_held, DeviceBooking, SlotError, SlotQuery,
};
use portal_core::calendar::{parse_date_input, DayStatus, LocalTimeError};
use portal_core::geo::{assess_onsite, city_by_id, CoordinateError, LatLon, OnsiteArrival, CITIES};
use portal_core::model::{BookingKind, Patch, Workspace};
use portal_core::patches::{applies_to, catalogue_order};
use portal_core::submission::{Booking, Contact, Problem, ProblemCode, Request, Scope, Site};
use portal_core::workspace::onsite_days_quote;
use std::sync::Arc;
use std::time::Duration;

/// The longest range of dates the page lists at once (the core allows a
/// year; a month of slots is already a long page).
pub const PAGE_RANGE_DAYS: i64 = 31;
/// The range the page lists before the admin picks one: a week.
const DEFAULT_RANGE_DAYS: i64 = 7;
/// A form-only path: the coordinates as typed did not read.
const COORDS_PATH: &str = "$.request.site.coords";
/// A form-only path: the patch chosen does not apply to the installation.
const PATCH_MISMATCH: &str = "$.request.patch.applies";

/// Where sending stands.
#[derive(Debug, Clone, PartialEq)]
enum Sending {
    Editing,
    Saving,
    Queued,
    StoreFailed(StoreError),
    NoCredentials,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SiteBy {
    City,
    Coordinates,
}

/// A slot as offered, owned (the core's borrows the engineer's id).
#[derive(Debug, Clone, PartialEq)]
struct Offered {
    engineer: String,
    start: DateTime<FixedOffset>,
    end: DateTime<FixedOffset>,
}

/// One Beijing day of free slots.
#[derive(Debug, Clone, PartialEq)]
struct Day {
    date: NaiveDate,
    /// 调休上班: the holiday this weekend day makes up for.
    adjusted_for: Option<(String, String)>,
    slots: Vec<Offered>,
}

/// Why the dates cannot be listed.
#[derive(Debug, Clone, PartialEq)]
enum RangeProblem {
    Date(LocalTimeError),
    Backwards,
    TooLong,
    Uncovered { date: NaiveDate, until: NaiveDate },
}

/// What the slot list shows.
#[derive(Debug, Clone, PartialEq)]
enum SlotList {
    Loading,
    Failed,
    /// On-site slots are those of the site's nearest station.
    NeedSite,
    Range(RangeProblem),
    Days(Vec<Day>),
}

/// Everything the admin typed or chose.
#[derive(Clone, Copy)]
struct Draft {
    kind: RwSignal<BookingKind>,
    deployment: RwSignal<usize>,
    patch: RwSignal<String>,
    site_by: RwSignal<SiteBy>,
    city: RwSignal<String>,
    coords: RwSignal<String>,
    address: RwSignal<String>,
    days: RwSignal<String>,
    consent: RwSignal<bool>,
    from: RwSignal<String>,
    to: RwSignal<String>,
    station: RwSignal<String>,
    chosen: RwSignal<Option<Offered>>,
    note: RwSignal<String>,
    name: RwSignal<String>,
    email: RwSignal<String>,
    phone: RwSignal<String>,
    problems: RwSignal<Vec<Problem>>,
    sending: RwSignal<Sending>,
}

#[component]
pub fn BookingForm(
    workspace: Arc<Workspace>,
    data: Arc<BookingData>,
    prefill: Prefill,
    /// A booking being moved: the form fills itself in from it, and what it
    /// sends is that booking's next version (same id, `sequence` + 1).
    moving: RwSignal<Option<DeviceBooking>>,
) -> impl IntoView {
    let lang = use_lang();
    let sla = use_sla();
    let outbox = use_outbox();
    let session = use_session();
    let now = use_clock(Duration::from_secs(60));

    // The installation a prefilled patch applies to, if it is not the first.
    let first_fit = prefill.patch.as_deref().and_then(|id| {
        let patch = data.patches.iter().find(|p| p.id == id)?;
        workspace
            .deployments
            .iter()
            .position(|d| applies_to(patch, &d.product, &d.version))
    });
    let today = now_beijing().date_naive();
    let draft = Draft {
        kind: RwSignal::new(prefill.kind.unwrap_or(BookingKind::PatchDeployment)),
        deployment: RwSignal::new(first_fit.unwrap_or(0)),
        patch: RwSignal::new(prefill.patch.clone().unwrap_or_default()),
        site_by: RwSignal::new(SiteBy::City),
        city: RwSignal::new(String::new()),
        coords: RwSignal::new(String::new()),
        address: RwSignal::new(String::new()),
        days: RwSignal::new("1".to_owned()),
        consent: RwSignal::new(false),
        from: RwSignal::new(today.to_string()),
        to: RwSignal::new((today + chrono::Duration::days(DEFAULT_RANGE_DAYS - 1)).to_string()),
        station: RwSignal::new(String::new()),
        chosen: RwSignal::new(None),
        note: RwSignal::new(String::new()),
        name: RwSignal::new(String::new()),
        email: RwSignal::new(String::new()),
        phone: RwSignal::new(String::new()),
        problems: RwSignal::new(Vec::new()),
        sending: RwSignal::new(Sending::Editing),
    };
    let stored = StoredValue::new((workspace.clone(), data.clone()));

    // "Move" in the list below: everything as booked, but the slot.
    Effect::new(move |_| {
        let Some(d) = moving.get() else {
            return;
        };
        let b = &d.booking;
        let deployment = stored.with_value(|(w, _)| {
            w.deployments
                .iter()
                .position(|x| x.product == b.product && x.version == b.version)
        });
        draft.kind.set(b.booking_type);
        draft.deployment.set(deployment.unwrap_or(0));
        draft.patch.set(b.patch.clone().unwrap_or_default());
        if let Some(site) = &b.site {
            match &site.city {
                Some(city) => {
                    draft.site_by.set(SiteBy::City);
                    draft.city.set(city.clone());
                }
                None => {
                    draft.site_by.set(SiteBy::Coordinates);
                    draft.coords.set(format!("{}, {}", site.lat, site.lon));
                }
            }
            draft.address.set(site.address.clone());
        }
        draft.days.set(b.days.unwrap_or(1).to_string());
        draft.consent.set(b.remote_access_consent);
        draft.note.set(b.note.clone().unwrap_or_default());
        draft.name.set(b.contact.name.clone());
        draft.email.set(b.contact.email.clone());
        draft.phone.set(b.contact.phone.clone().unwrap_or_default());
        draft.chosen.set(None);
        draft.problems.set(Vec::new());
        draft.sending.set(Sending::Editing);
    });

    // The site as given, when it reads: the point and the city id.
    let site_point = move || -> Option<(LatLon, Option<&'static str>)> {
        match draft.site_by.get() {
            SiteBy::City => city_by_id(&draft.city.get()).map(|c| (c.position(), Some(c.id))),
            SiteBy::Coordinates => draft
                .coords
                .with(|s| LatLon::parse(s).ok())
                .map(|p| (p, None)),
        }
    };
    // The nearest station's id and the §5.2 rule, for an on-site visit.
    let assessment = Memo::new(move |_| {
        let point = site_point()?.0;
        let rule = sla.get()?.ok()?.policy.onsite.clone();
        stored.with_value(|(_, d)| {
            assess_onsite(&d.stations, point, &rule).map(|a| {
                (
                    a.station.id.clone(),
                    a.station.city.clone(),
                    a.distance_km,
                    a.arrival,
                )
            })
        })
    });

    // The free slots, grouped by day: recomputed when an input, the
    // device's bookings or the minute changes; equal lists do not re-render.
    let slot_list = Memo::new(move |_| {
        let Some(setup) = sla.get() else {
            return SlotList::Loading;
        };
        let Ok(setup) = setup else {
            return SlotList::Failed;
        };
        let kind = draft.kind.get();
        let station = if kind == BookingKind::Onsite {
            match assessment.get() {
                Some((id, ..)) => Some(id),
                None => return SlotList::NeedSite,
            }
        } else {
            Some(draft.station.get()).filter(|s| !s.is_empty())
        };
        let range = draft
            .from
            .with(|f| parse_date_input(f))
            .and_then(|from| draft.to.with(|t| parse_date_input(t)).map(|to| (from, to)));
        let (from, to) = match range {
            Ok(r) => r,
            Err(e) => return SlotList::Range(RangeProblem::Date(e)),
        };
        if to >= from && (to - from).num_days() >= PAGE_RANGE_DAYS {
            return SlotList::Range(RangeProblem::TooLong);
        }
        let items = outbox.items();
        let mut held = device_bookings(&items);
        // The booking being moved gives its own slot back.
        if let Some(id) = moving.with(|m| m.as_ref().map(|d| d.booking.booking.clone())) {
            held.retain(|h| h.booking.booking != id);
        }
        let calendar = setup.engine.calendar();
        stored.with_value(|(_, d)| {
            let query = SlotQuery {
                kind,
                from,
                to,
                station: station.as_deref(),
                not_before: Some(now.get()),
            };
            match slots(&d.engineers, calendar, &query) {
                Err(SlotError::EmptyRange { .. }) => SlotList::Range(RangeProblem::Backwards),
                Err(SlotError::RangeTooLong { .. }) => SlotList::Range(RangeProblem::TooLong),
                Err(SlotError::OutOfCoverage(e)) => SlotList::Range(RangeProblem::Uncovered {
                    date: e.date,
                    until: e.covers_until,
                }),
                Ok(found) => {
                    let free = without_held(found, &held);
                    SlotList::Days(
                        by_day(&free)
                            .into_iter()
                            .map(|(date, run)| Day {
                                date,
                                adjusted_for: match calendar.day_status(date) {
                                    Ok(DayStatus::AdjustedWorkingDay(t)) => {
                                        Some((t.get(false).to_owned(), t.get(true).to_owned()))
                                    }
                                    _ => None,
                                },
                                slots: run
                                    .iter()
                                    .map(|s| Offered {
                                        engineer: s.engineer.to_owned(),
                                        start: s.start,
                                        end: s.end,
                                    })
                                    .collect(),
                            })
                            .collect(),
                    )
                }
            }
        })
    });

    // Local times beside Beijing's, for a browser in another zone: the tz
    // database is a split point of its own (`engines::zone_times`), so a
    // browser in Beijing time never downloads it.
    let zone = crate::time::browser_zone().filter(|z| !crate::time::is_beijing_zone(z));
    let local = LocalResource::new({
        let zone = zone.clone();
        move || {
            let zone = zone.clone();
            let mut instants: Vec<i64> = match slot_list.get() {
                SlotList::Days(days) => days
                    .iter()
                    .flat_map(|d| d.slots.iter())
                    .flat_map(|s| [s.start.timestamp(), s.end.timestamp()])
                    .collect(),
                _ => Vec::new(),
            };
            instants.sort_unstable();
            instants.dedup();
            async move {
                let zone = zone?;
                if instants.is_empty() {
                    return None;
                }
                let times = match crate::engines::zone_times(zone, instants.clone()).await {
                    Some(times) => times,
                    // A zone left out of the compiled-in list
                    // (`CHRONO_TZ_TIMEZONE_FILTER`): the browser's offset now,
                    // right unless a daylight-saving change falls in between.
                    None => {
                        let offset = i64::from(crate::time::local_offset_seconds());
                        instants
                            .iter()
                            .map(|s| {
                                chrono::DateTime::from_timestamp(s + offset, 0)
                                    .map(|t| t.naive_utc())
                            })
                            .collect::<Option<Vec<_>>>()?
                    }
                };
                Some(Arc::new(
                    instants.into_iter().zip(times).collect::<Vec<_>>(),
                ))
            }
        }
    });
    let local_of = move |t: &DateTime<FixedOffset>| -> Option<NaiveDateTime> {
        local.with(|l| {
            let l = l.as_ref()?.as_ref()?;
            let ts = t.timestamp();
            l.binary_search_by_key(&ts, |(s, _)| *s)
                .ok()
                .map(|i| l[i].1)
        })
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if draft.sending.get_untracked() == Sending::Saving {
            return;
        }
        let lang = lang.get_untracked();
        let (workspace, data) = stored.get_value();
        let Some(deployment) = workspace
            .deployments
            .get(draft.deployment.get_untracked())
            .cloned()
        else {
            return;
        };
        let kind = draft.kind.get_untracked();
        // The chosen slot, if it is still offered.
        let offered = match slot_list.get_untracked() {
            SlotList::Days(days) => draft
                .chosen
                .get_untracked()
                .filter(|c| days.iter().any(|d| d.slots.contains(c))),
            _ => None,
        };
        let at = now_beijing();
        let (engineer, start, end) = offered
            .clone()
            // No slot: the empty engineer is what the checks report.
            .map_or(
                (String::new(), at, at + chrono::Duration::minutes(1)),
                |s| (s.engineer, s.start, s.end),
            );
        let patch_id = draft.patch.get_untracked();
        let patch = (kind == BookingKind::PatchDeployment && !patch_id.is_empty())
            .then_some(patch_id.clone());
        let point = site_point_untracked(draft);
        let site = (kind == BookingKind::Onsite).then(|| Site {
            city: point.and_then(|(_, c)| c).map(str::to_owned),
            lat: point.map_or(0.0, |(p, _)| p.lat),
            lon: point.map_or(0.0, |(p, _)| p.lon),
            address: draft.address.get_untracked().trim().to_owned(),
        });
        let days_text = draft.days.get_untracked();
        // Typed but not a number: 0, which the checks call malformed.
        let days = (kind == BookingKind::Onsite && !days_text.trim().is_empty())
            .then(|| days_text.trim().parse::<u32>().unwrap_or(0));
        let phone = draft.phone.get_untracked();
        let note = draft.note.get_untracked();
        // A move is the booking's next version; anything else a new booking.
        let (booking_id, sequence) = match moving.get_untracked() {
            Some(d) => (
                d.booking.booking.clone(),
                d.booking.sequence.saturating_add(1),
            ),
            None => (crate::outbox::new_id().unwrap_or_default(), 0),
        };
        let booking = Booking {
            booking: booking_id,
            sequence,
            booking_type: kind,
            engineer,
            start,
            end,
            product: deployment.product,
            version: deployment.version,
            patch,
            site,
            days,
            remote_access_consent: kind == BookingKind::RemoteSupport
                && draft.consent.get_untracked(),
            note: Some(note.trim().to_owned()).filter(|n| !n.is_empty()),
            contact: Contact {
                name: draft.name.get_untracked().trim().to_owned(),
                email: draft.email.get_untracked().trim().to_owned(),
                phone: Some(phone.trim().to_owned()).filter(|p| !p.is_empty()),
            },
        };
        let mut summary = data.summary(lang, &booking);
        if sequence > 0 {
            summary = format!("{} · {summary}", booking_texts(lang).move_summary);
        }
        let submission = new_submission(
            lang,
            Scope::Workspace,
            workspace.id.clone(),
            Request::Booking(booking),
        );
        // What only the form knows; the receiver's checks run in the outbox.
        let mut form_problems = Vec::new();
        if kind == BookingKind::Onsite && point.is_none() {
            let typed = draft.coords.with_untracked(|c| !c.trim().is_empty());
            form_problems.push(
                if draft.site_by.get_untracked() == SiteBy::Coordinates && typed {
                    Problem::new(COORDS_PATH, ProblemCode::Malformed)
                } else {
                    Problem::new("$.request.site", ProblemCode::Empty)
                },
            );
        }
        if kind == BookingKind::PatchDeployment && !patch_id.is_empty() {
            let fits = match &submission.request {
                Request::Booking(b) => data
                    .patches
                    .iter()
                    .any(|p| p.id == patch_id && applies_to(p, &b.product, &b.version)),
                _ => true,
            };
            if !fits {
                form_problems.push(Problem::new(PATCH_MISMATCH, ProblemCode::Malformed));
            }
        }
        let Some(secret) = session.key_untracked() else {
            return;
        };
        let submit = Submit {
            submission,
            secret,
            labels: portal_core::secret::workspace_labels(),
            summary,
            ticket: None,
            catalogue: Some(data.products.clone()),
            form_problems,
        };
        draft.sending.set(Sending::Saving);
        leptos::task::spawn_local(async move {
            match outbox.run(Op::Submit(Box::new(submit))).await {
                Ok(()) => {
                    draft.problems.set(Vec::new());
                    draft.chosen.set(None);
                    draft.note.set(String::new());
                    draft.sending.set(Sending::Queued);
                    moving.set(None);
                }
                Err(SubmitError::Problems(mut found)) => {
                    found.sort_by_key(|p| field_order(&p.field));
                    let first = found
                        .first()
                        .map(|p| field_id(&p.field, draft.site_by.get_untracked()));
                    draft.problems.set(found);
                    draft.sending.set(Sending::Editing);
                    if let Some(id) = first {
                        crate::components::focus_by_id(id);
                    }
                }
                Err(SubmitError::Store(e)) => draft.sending.set(Sending::StoreFailed(e)),
                Err(SubmitError::NoCredentials) => draft.sending.set(Sending::NoCredentials),
            }
        });
    };

    // ---- The parts of the form ----

    let error_of = move |id: &'static str| {
        move || {
            let lang = lang.get();
            let by = draft.site_by.get();
            let words: Vec<String> = draft.problems.with(|ps| {
                ps.iter()
                    .filter(|p| field_id(&p.field, by) == id)
                    .map(|p| message(lang, draft, p))
                    .collect()
            });
            (!words.is_empty()).then(|| {
                view! { <p class="field-error" id=format!("{id}-error")>{words.join(" ")}</p> }
            })
        }
    };
    let invalid = move |id: &'static str| {
        move || {
            let by = draft.site_by.get();
            draft
                .problems
                .with(|ps| ps.iter().any(|p| field_id(&p.field, by) == id))
        }
    };
    let described = move |id: &'static str, hint: bool| {
        move || {
            let mut ids = Vec::new();
            if hint {
                ids.push(format!("{id}-hint"));
            }
            if invalid(id)() {
                ids.push(format!("{id}-error"));
            }
            ids.join(" ")
        }
    };
    let text_input = move |id: &'static str,
                           value: RwSignal<String>,
                           label: fn(&'static BookingTexts) -> &'static str,
                           kind: &'static str,
                           autocomplete: &'static str,
                           hint: Option<fn(&'static BookingTexts) -> &'static str>,
                           optional: bool| {
        view! {
            <div class="field">
                <label for=id>
                    {move || label(booking_texts(lang.get()))}
                    {move || optional.then(|| booking_texts(lang.get()).optional)}
                </label>
                <input
                    id=id
                    type=kind
                    autocomplete=autocomplete
                    aria-invalid=move || invalid(id)().to_string()
                    aria-describedby=described(id, hint.is_some())
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
                {hint.map(|h| view! { <p class="field-hint" id=format!("{id}-hint")>{move || h(booking_texts(lang.get()))}</p> })}
                {error_of(id)}
            </div>
        }
    };

    let kind_field = move || {
        let lang = lang.get();
        let t = booking_texts(lang);
        let options = BookingKind::ALL
            .into_iter()
            .map(|k| {
                let hint = match k {
                    BookingKind::PatchDeployment => t.kind_hint_patch,
                    BookingKind::RemoteSupport => t.kind_hint_remote,
                    BookingKind::Onsite => t.kind_hint_onsite,
                };
                radio_choice(
                    "booking-kind",
                    k.as_str(),
                    k,
                    draft.kind,
                    view! { {booking_kind_words(lang, k)} }.into_any(),
                    hint.to_owned(),
                )
            })
            .collect_view();
        view! {
            <fieldset class="choices" id="booking-kind">
                <legend>{t.field_kind}</legend>
                {options}
            </fieldset>
        }
    };

    let deployment_field = move || {
        let lang = lang.get();
        let t = booking_texts(lang);
        let en = lang.is_en();
        let options = stored.with_value(|(w, d)| {
            w.deployments
                .iter()
                .enumerate()
                .map(|(i, dep)| {
                    let label = format!("{} · {}", d.product_version(&dep.product, &dep.version, en), dep.label.get(en));
                    view! { <option value=i.to_string() selected=move || draft.deployment.get() == i>{label}</option> }
                })
                .collect_view()
        });
        view! {
            <div class="field">
                <label for="booking-deployment">{t.field_deployment}</label>
                <select
                    id="booking-deployment"
                    aria-invalid=move || invalid("booking-deployment")().to_string()
                    aria-describedby=described("booking-deployment", false)
                    on:change=move |ev| draft.deployment.set(event_target_value(&ev).parse().unwrap_or(0))
                >
                    {options}
                </select>
                {error_of("booking-deployment")}
            </div>
        }
    };

    let patch_field = move || {
        (draft.kind.get() == BookingKind::PatchDeployment).then(|| {
            let lang = lang.get();
            let t = booking_texts(lang);
            let en = lang.is_en();
            let chosen = draft.patch.get();
            let options = stored.with_value(|(w, d)| {
                let dep = w.deployments.get(draft.deployment.get())?;
                let mut fitting: Vec<&Patch> = d
                    .patches
                    .iter()
                    .filter(|p| applies_to(p, &dep.product, &dep.version))
                    .collect();
                fitting.sort_by(|a, b| catalogue_order(a, b));
                Some(
                    fitting
                        .into_iter()
                        .map(|p| {
                            let label = format!("{} · {}", p.id, p.title.get(en));
                            let selected = p.id == chosen;
                            view! { <option value=p.id.clone() selected=selected>{label}</option> }
                        })
                        .collect::<Vec<_>>(),
                )
            });
            let options = options.unwrap_or_default();
            let none = options.is_empty();
            view! {
                <div class="field">
                    <label for="booking-patch">{t.field_patch}</label>
                    <select
                        id="booking-patch"
                        aria-invalid=move || invalid("booking-patch")().to_string()
                        aria-describedby=described("booking-patch", true)
                        on:change=move |ev| draft.patch.set(event_target_value(&ev))
                    >
                        <option value="" selected=chosen.is_empty()>{t.patch_choose}</option>
                        {options}
                    </select>
                    <p class="field-hint" id="booking-patch-hint">{if none { t.no_patches } else { t.patch_hint }}</p>
                    {error_of("booking-patch")}
                </div>
            }
        })
    };

    // The nearest station, the distance and the §5.2 rule.
    let onsite_rule = move || {
        let lang = lang.get();
        let t = booking_texts(lang);
        let (_, city, km, arrival) = assessment.get()?;
        let radius = sla.get()?.ok()?.policy.onsite.radius_km;
        let rule = match arrival {
            OnsiteArrival::WithinHours(h) => (t.within)(radius, h),
            OnsiteArrival::ByAgreement => (t.beyond)(radius),
        };
        let by = draft.chosen.get().and_then(|s| {
            OnsiteArrival::latest(arrival, &s.start)
                .map(|latest| (t.arrive_by)(&format_beijing(&s.start), &format_beijing(&latest)))
        });
        let within = matches!(arrival, OnsiteArrival::WithinHours(_));
        Some(view! {
            <p>{(t.nearest)(city.get(lang.is_en()), &tenths(km))}</p>
            <p class=if within { "notice ok" } else { "notice" } data-within=within.to_string()>{rule}</p>
            {by.map(|b| view! { <p>{b}</p> })}
        })
    };
    // Person-days (§13): what is left, and whether this visit needs more.
    let days_quote = move || {
        let t = booking_texts(lang.get());
        let bought = stored.with_value(|(w, _)| w.onsite_days);
        let quote = onsite_days_quote(bought, 0);
        let left = (t.days_left)(bought.bought, bought.used, quote.remaining);
        let asked = draft
            .days
            .with(|d| d.trim().parse::<u32>().ok())
            .filter(|d| *d > 0);
        let this = asked.map(|n| {
            let q = onsite_days_quote(bought, n);
            if q.extra_paid == 0 {
                view! { <p data-extra-paid="0">{(t.days_covered)(n, q.remaining_after)}</p> }.into_any()
            } else {
                view! { <p class="notice" data-extra-paid=q.extra_paid.to_string()>{(t.days_extra)(n, q.covered, q.extra_paid)}</p> }.into_any()
            }
        });
        view! { <p>{left}</p> {this} }
    };

    let site_fields = move || {
        (draft.kind.get() == BookingKind::Onsite).then(|| {
            let lang = lang.get();
            let t = booking_texts(lang);
            let en = lang.is_en();
            let by = draft.site_by.get();
            let cities = CITIES
                .iter()
                .map(|c| {
                    let selected = draft.city.with_untracked(|v| v == c.id);
                    view! { <option value=c.id selected=selected>{c.name(en)}</option> }
                })
                .collect_view();
            let place = if by == SiteBy::City {
                view! {
                    <div class="field">
                        <label for="booking-city">{t.field_city}</label>
                        <select
                            id="booking-city"
                            aria-invalid=move || invalid("booking-city")().to_string()
                            aria-describedby=described("booking-city", false)
                            on:change=move |ev| draft.city.set(event_target_value(&ev))
                        >
                            <option value="" selected=draft.city.with_untracked(String::is_empty)>{t.city_choose}</option>
                            {cities}
                        </select>
                        {error_of("booking-city")}
                    </div>
                }
                .into_any()
            } else {
                text_input("booking-coords", draft.coords, |t| t.field_coords, "text", "off", Some(|t| t.coords_hint), false)
                    .into_any()
            };
            view! {
                <fieldset class="site-fields">
                    <legend>{t.site_title}</legend>
                    <div class="segmented" role="radiogroup" aria-label=t.site_title>
                        <label class="check-field">
                            <input type="radio" name="site-by" prop:checked=by == SiteBy::City on:change=move |_| draft.site_by.set(SiteBy::City)/>
                            {t.site_by_city}
                        </label>
                        <label class="check-field">
                            <input type="radio" name="site-by" prop:checked=by == SiteBy::Coordinates on:change=move |_| draft.site_by.set(SiteBy::Coordinates)/>
                            {t.site_by_coords}
                        </label>
                    </div>
                    {place}
                    {text_input("booking-address", draft.address, |t| t.field_address, "text", "street-address", Some(|t| t.address_hint), false)}
                    <div class="onsite-rule" aria-live="polite" data-onsite-rule="">{onsite_rule}</div>
                    {text_input("booking-days", draft.days, |t| t.field_days, "number", "off", Some(|t| t.days_hint), false)}
                    <div class="days-quote" aria-live="polite" data-days-quote="">{days_quote}</div>
                </fieldset>
            }
        })
    };
    let consent_field = move || {
        (draft.kind.get() == BookingKind::RemoteSupport).then(|| {
            let t = booking_texts(lang.get());
            view! {
                <fieldset class="consent">
                    <legend>{t.consent_title}</legend>
                    <p>{t.consent_intro}</p>
                    <blockquote lang="zh">
                        <p>"服务手册 §6：…"{t.consent_quote_section6}</p>
                        <p>"免责声明 4："{t.consent_quote_zh}</p>
                    </blockquote>
                    {t.consent_translation.map(|e| view! { <p class="muted" lang="en">{e}</p> })}
                    <div class="field check-field">
                        <input
                            id="booking-consent"
                            type="checkbox"
                            aria-invalid=move || invalid("booking-consent")().to_string()
                            aria-describedby=described("booking-consent", false)
                            prop:checked=move || draft.consent.get()
                            on:change=move |ev| draft.consent.set(event_target_checked(&ev))
                        />
                        <label for="booking-consent">{t.consent_label}</label>
                        {error_of("booking-consent")}
                    </div>
                </fieldset>
            }
        })
    };

    let range_fields = move || {
        let lang = lang.get();
        let t = booking_texts(lang);
        let range_error = match slot_list.get() {
            SlotList::Range(p) => Some(range_words(t, &p)),
            _ => None,
        };
        let has_error = range_error.is_some();
        let date = move |id: &'static str, label: &'static str, value: RwSignal<String>| {
            view! {
                <div class="field">
                    <label for=id>{label}</label>
                    <input
                        id=id
                        type="date"
                        aria-invalid=has_error.to_string()
                        aria-describedby=if has_error { "booking-range-hint booking-range-error" } else { "booking-range-hint" }
                        prop:value=move || value.get()
                        on:change=move |ev| value.set(event_target_value(&ev))
                    />
                </div>
            }
        };
        let station = if draft.kind.get() == BookingKind::Onsite {
            assessment
                .get()
                .map(|(_, city, ..)| {
                    view! { <p class="muted">{(t.onsite_station)(city.get(lang.is_en()))}</p> }
                        .into_any()
                })
                .unwrap_or_else(|| ().into_any())
        } else {
            let en = lang.is_en();
            let options = stored.with_value(|(_, d)| {
                d.stations
                    .iter()
                    .map(|s| {
                        let selected = draft.station.with_untracked(|v| *v == s.id);
                        view! { <option value=s.id.clone() selected=selected>{s.city.get(en).to_owned()}</option> }
                    })
                    .collect_view()
            });
            view! {
                <div class="field">
                    <label for="booking-station">{t.field_station}</label>
                    <select id="booking-station" on:change=move |ev| draft.station.set(event_target_value(&ev))>
                        <option value="" selected=draft.station.with_untracked(String::is_empty)>{t.any_station}</option>
                        {options}
                    </select>
                </div>
            }
            .into_any()
        };
        view! {
            <div class="range-fields">
                {date("booking-from", t.field_from, draft.from)}
                {date("booking-to", t.field_to, draft.to)}
                {station}
            </div>
            <p class="field-hint" id="booking-range-hint">{(t.range_hint)(PAGE_RANGE_DAYS)}</p>
            {range_error.map(|e| view! { <p class="field-error" id="booking-range-error" role="alert">{e}</p> })}
        }
    };

    let slot_field = move || {
        let lang = lang.get();
        let t = booking_texts(lang);
        let en = lang.is_en();
        let list = slot_list.get();
        let chosen = draft.chosen.get_untracked();
        let local_ready = zone.is_some() && local.with(|l| l.as_ref().is_some_and(Option::is_some));
        let body = match list {
            SlotList::Loading => view! { <Loading/> }.into_any(),
            SlotList::Failed => match sla.get() {
                Some(Err(error)) => {
                    view! { <ErrorPanel error on_retry=move || sla.refetch()/> }.into_any()
                }
                _ => ().into_any(),
            },
            SlotList::NeedSite => view! { <p class="muted">{t.site_first}</p> }.into_any(),
            SlotList::Range(_) => ().into_any(),
            SlotList::Days(days) if days.is_empty() => {
                view! { <p class="muted" data-no-slots="">{t.no_slots}</p> }.into_any()
            }
            SlotList::Days(days) => {
                let count: usize = days.iter().map(|d| d.slots.len()).sum();
                let mut n = 0usize;
                let groups = days
                    .into_iter()
                    .map(|day| {
                        let head = format!("{} {}", day.date, weekday(lang, day.date));
                        let adjusted = day.adjusted_for.map(|(zh, e)| (t.adjusted_day)(if en { &e } else { &zh }));
                        // One row per time, the engineers free then side by side.
                        let mut times: Vec<Vec<Offered>> = Vec::new();
                        for s in day.slots {
                            match times.last_mut() {
                                Some(run) if run[0].start == s.start => run.push(s),
                                _ => times.push(vec![s]),
                            }
                        }
                        let rows = stored.with_value(|(_, d)| {
                            times
                                .into_iter()
                                .map(|run| {
                                    let (first, last) = (run[0].start, run[0].end);
                                    let local_label = local_ready
                                        .then(|| local_of(&first).zip(local_of(&last)))
                                        .flatten()
                                        .map(|(a, b)| format!("{} {}–{}", t.local_time, short(a), short_end(a, b)));
                                    let radios = run
                                        .into_iter()
                                        .map(|s| {
                                            n += 1;
                                            let id = format!("slot-{n}");
                                            let for_id = id.clone();
                                            let checked = chosen.as_ref() == Some(&s);
                                            let name = d.engineer_name(&s.engineer, en);
                                            let start = s.start.to_rfc3339();
                                            let engineer = s.engineer.clone();
                                            view! {
                                                <label class="slot" for=for_id>
                                                    <input
                                                        type="radio"
                                                        name="booking-slot"
                                                        id=id
                                                        data-start=start
                                                        data-engineer=engineer
                                                        prop:checked=checked
                                                        on:change=move |_| draft.chosen.set(Some(s.clone()))
                                                    />
                                                    {name}
                                                </label>
                                            }
                                        })
                                        .collect_view();
                                    view! {
                                        <fieldset class="slot-time">
                                            <legend>
                                                {format!("{}–{}", hm(&first), hm(&last))}
                                                {local_label.map(|l| view! { " "<span class="muted slot-local">{l}</span> })}
                                            </legend>
                                            <div class="slot-engineers">{radios}</div>
                                        </fieldset>
                                    }
                                })
                                .collect_view()
                        });
                        view! {
                            <fieldset class="slot-day" data-date=day.date.to_string()>
                                <legend>{head}{adjusted.map(|a| view! { " · "<span class="adjusted">{a}</span> })}</legend>
                                {rows}
                            </fieldset>
                        }
                    })
                    .collect_view();
                view! {
                    <p class="muted" data-slot-count=count.to_string()>{(t.slots_count)(count)}</p>
                    {zone.clone().filter(|_| local_ready).map(|z| view! { <p class="muted">{(t.local_note)(&z)}</p> })}
                    {groups}
                }
                .into_any()
            }
        };
        view! {
            <div
                class="slot-list"
                id="booking-slots"
                tabindex="-1"
                aria-describedby=move || if invalid("booking-slots")() { "booking-slots-error" } else { "" }
            >
                {body}
            </div>
        }
    };

    let status = move || {
        let t = booking_texts(lang.get());
        match draft.sending.get() {
            Sending::Editing | Sending::Saving => ().into_any(),
            Sending::Queued => view! {
                <div class="notice ok" role="status" data-booking-queued="">
                    <p>{t.queued}</p>
                    <p><a href=routes::OUTBOX>{t.see_outbox}</a>" · "<a href="#my-bookings" target="_self">{t.mine_title}</a></p>
                </div>
            }
            .into_any(),
            Sending::StoreFailed(error) => view! { <StoreProblem error used_for=StoreUse::Queue/> }.into_any(),
            Sending::NoCredentials => view! { <p class="notice" role="alert">{t.no_credentials}</p> }.into_any(),
        }
    };
    let summary = move || {
        let lang = lang.get();
        let by = draft.site_by.get();
        draft.problems.with(|ps| {
            (!ps.is_empty()).then(|| {
                view! {
                    <div class="notice" role="alert" data-problems="">
                        <p>{booking_texts(lang).fix_first}</p>
                        <ul>
                            {ps.iter().map(|p| view! {
                                <li><a href=format!("#{}", field_id(&p.field, by)) target="_self">{summary_words(lang, draft, p)}</a></li>
                            }).collect_view()}
                        </ul>
                    </div>
                }
            })
        })
    };

    let moving_notice = move || {
        let lang = lang.get();
        moving.get().map(|d| {
            let t = booking_texts(lang);
            let what = stored.with_value(|(_, data)| data.summary(lang, &d.booking));
            view! {
                <div class="notice" id="booking-moving" tabindex="-1" data-moving=d.booking.booking.clone()>
                    <p>{(t.moving)(&what)}</p>
                    <button type="button" class="button small" on:click=move |_| moving.set(None)>{t.move_abandon}</button>
                </div>
            }
        })
    };

    view! {
        <form class="card booking-form" novalidate on:submit=submit>
            {moving_notice}
            {kind_field}
            {deployment_field}
            {patch_field}
            {site_fields}
            {consent_field}
            <fieldset class="slots">
                <legend>{move || booking_texts(lang.get()).slots_title}</legend>
                {range_fields}
                {slot_field}
                {error_of("booking-slots")}
            </fieldset>
            <div class="field">
                <label for="booking-note">
                    {move || booking_texts(lang.get()).field_note}{move || booking_texts(lang.get()).optional}
                </label>
                <textarea
                    id="booking-note"
                    rows="3"
                    aria-invalid=move || invalid("booking-note")().to_string()
                    aria-describedby=described("booking-note", false)
                    prop:value=move || draft.note.get()
                    on:input=move |ev| draft.note.set(event_target_value(&ev))
                ></textarea>
                {error_of("booking-note")}
            </div>
            {text_input("booking-name", draft.name, |t| t.field_name, "text", "name", None, false)}
            {text_input("booking-email", draft.email, |t| t.field_email, "email", "email", None, false)}
            {text_input("booking-phone", draft.phone, |t| t.field_phone, "tel", "tel", None, true)}
            {summary}
            <button type="submit" class="button primary" disabled=move || draft.sending.get() == Sending::Saving>
                {move || {
                    let t = booking_texts(lang.get());
                    if draft.sending.get() == Sending::Saving {
                        t.sending
                    } else if moving.with(Option::is_some) {
                        t.send_move
                    } else {
                        t.send
                    }
                }}
            </button>
            {status}
        </form>
    }
}

fn site_point_untracked(draft: Draft) -> Option<(LatLon, Option<&'static str>)> {
    match draft.site_by.get_untracked() {
        SiteBy::City => draft
            .city
            .with_untracked(|c| city_by_id(c))
            .map(|c| (c.position(), Some(c.id))),
        SiteBy::Coordinates => draft
            .coords
            .with_untracked(|s| LatLon::parse(s).ok())
            .map(|p| (p, None)),
    }
}

/// The element a problem's path belongs to (its error shows there).
fn field_id(path: &str, by: SiteBy) -> &'static str {
    match path {
        "$.request.engineer" | "$.request.start" | "$.request.end" => "booking-slots",
        "$.request.patch" | PATCH_MISMATCH => "booking-patch",
        "$.request.site" | "$.request.site.city" | "$.request.site.lat" | "$.request.site.lon" => {
            if by == SiteBy::City {
                "booking-city"
            } else {
                "booking-coords"
            }
        }
        COORDS_PATH => "booking-coords",
        "$.request.site.address" => "booking-address",
        "$.request.days" => "booking-days",
        "$.request.remote_access_consent" => "booking-consent",
        "$.request.note" => "booking-note",
        "$.request.contact.name" => "booking-name",
        "$.request.contact.email" => "booking-email",
        "$.request.contact.phone" => "booking-phone",
        _ => "booking-deployment",
    }
}

/// Problems in the order of the form's fields.
fn field_order(path: &str) -> usize {
    const ORDER: [&str; 12] = [
        "booking-deployment",
        "booking-patch",
        "booking-city",
        "booking-coords",
        "booking-address",
        "booking-days",
        "booking-consent",
        "booking-slots",
        "booking-note",
        "booking-name",
        "booking-email",
        "booking-phone",
    ];
    let id = field_id(path, SiteBy::Coordinates);
    let id = if path == "$.request.site" {
        "booking-city"
    } else {
        id
    };
    ORDER.iter().position(|o| *o == id).unwrap_or(ORDER.len())
}

/// What is wrong, in the words of this form.
fn message(lang: Lang, draft: Draft, p: &Problem) -> String {
    let t = booking_texts(lang);
    match p.field.as_str() {
        COORDS_PATH => {
            let typed = draft.coords.get_untracked();
            match LatLon::parse(&typed) {
                Err(CoordinateError::Latitude(s)) => (t.latitude_wrong)(&s),
                Err(CoordinateError::Longitude(s)) => (t.longitude_wrong)(&s),
                Err(CoordinateError::Malformed(s)) => (t.coords_wrong)(&s),
                Ok(_) => String::new(),
            }
        }
        PATCH_MISMATCH => (t.patch_not_for_deployment)(&draft.patch.get_untracked()),
        field => code_words(lang, field, p.code),
    }
}

/// `字段：问题` for the summary at the end of the form.
fn summary_words(lang: Lang, draft: Draft, p: &Problem) -> String {
    match p.field.as_str() {
        COORDS_PATH | PATCH_MISMATCH => {
            let field = if p.field == COORDS_PATH {
                "$.request.site"
            } else {
                "$.request.patch"
            };
            crate::components::labelled(
                lang,
                crate::components::field_words(lang, field),
                &message(lang, draft, p),
            )
        }
        _ => problem_words(lang, p),
    }
}

fn range_words(t: &BookingTexts, p: &RangeProblem) -> String {
    match p {
        RangeProblem::Date(LocalTimeError::Empty) => t.date_empty.to_owned(),
        RangeProblem::Date(LocalTimeError::MalformedDate(s) | LocalTimeError::NoSuchDate(s)) => {
            (t.date_wrong)(s)
        }
        RangeProblem::Date(_) => (t.date_wrong)(""),
        RangeProblem::Backwards => t.range_backwards.to_owned(),
        RangeProblem::TooLong => (t.range_too_long)(PAGE_RANGE_DAYS),
        RangeProblem::Uncovered { date, until } => {
            (t.range_uncovered)(&date.to_string(), &until.to_string())
        }
    }
}

/// `12.3`: kilometres to a tenth, without float formatting's code in the wasm.
fn tenths(km: f64) -> String {
    let d = (km * 10.0).round().max(0.0) as u64;
    format!("{}.{}", d / 10, d % 10)
}

/// `09:00`, Beijing time.
fn hm(t: &DateTime<FixedOffset>) -> String {
    format_beijing(t).get(11..).unwrap_or_default().to_owned()
}

/// `10-10 03:00` for a local time.
fn short(t: NaiveDateTime) -> String {
    use chrono::Timelike;
    format!(
        "{:02}-{:02} {:02}:{:02}",
        t.month(),
        t.day(),
        t.hour(),
        t.minute()
    )
}

/// The end of a local interval: the time alone on the same day.
fn short_end(start: NaiveDateTime, end: NaiveDateTime) -> String {
    let full = short(end);
    if start.date() == end.date() {
        full.get(6..).unwrap_or_default().to_owned()
    } else {
        full
    }
}

fn weekday(lang: Lang, date: NaiveDate) -> &'static str {
    let i = date.weekday().num_days_from_monday() as usize;
    const ZH: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
    const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    lang.pick(ZH[i], EN[i])
}
