//! 工单查询: look a ticket up by number + contact e-mail (no account), and
//! show it: workflow progress, live SLA status with its reasons, and the
//! conversation as plain text.
//!
//! The page URL carries only the ticket number (`/tickets/CM2026-001244`):
//! safe to share. The e-mail and the ticket's file key stay in IndexedDB on
//! this device, with the last copy seen, which is shown "as of" when the
//! network is down.

use crate::api::{answer, fetch_products, fetch_text, use_sla, ApiError, SlaSetup};
use crate::components::{
    deadline_block, format_duration, loaded, priority_badge_class, state_badge, step_name,
    timeline_list, use_clock, DeviceCopyNotice, ErrorPanel, Loading, SlaErrorMessage, StoreProblem,
    StoreUse,
};
use crate::i18n::{use_lang, Texts};
use crate::routes;
use crate::store::{self, RecentLookup, StoreError};
use crate::time::{format_beijing, format_ms};
use crate::visit::{use_store_warning, use_visit_lookups, StoreWarning};
use chrono::{DateTime, FixedOffset};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use portal_core::fallback::Shown;
use portal_core::keys::{normalise_ticket_number, ticket_key};
use portal_core::model::{Actor, Product, Ticket};
use portal_core::sla::SlaState;
use portal_core::tickets::progress;
use portal_core::{files, parse_json};
use std::sync::Arc;
use std::time::Duration;

/// `/tickets`: the lookup form and the recent lookups.
#[component]
pub fn TicketLookup() -> impl IntoView {
    let lang = use_lang();
    let header = move || {
        let t = lang.get().texts();
        view! {
            <h1>{t.tickets_title}</h1>
            <p class="lead-text">{t.tickets_lead}</p>
        }
    };
    view! {
        <section class="page">
            {header}
            <LookupForm number=String::new()/>
            <RecentLookups/>
        </section>
    }
}

/// Why a lookup did not open a ticket.
#[derive(Debug, Clone, PartialEq)]
enum LookupProblem {
    Incomplete,
    NoMatch,
    Failed(ApiError),
}

/// Fetches the ticket stored under number + e-mail and remembers the lookup.
/// A wrong number and a wrong e-mail are the same "no match": the static API
/// cannot tell them apart, and neither should a stranger.
async fn look_up(
    number: String,
    email: String,
) -> Result<(RecentLookup, Result<(), StoreError>), LookupProblem> {
    if number.trim().is_empty() || email.trim().is_empty() {
        return Err(LookupProblem::Incomplete);
    }
    let key = ticket_key(&number, &email);
    let file = files::ticket(&key);
    let text = match fetch_text(&file).await {
        Ok(text) => text,
        Err(ApiError::Status { status: 404, .. }) => return Err(LookupProblem::NoMatch),
        Err(e) => return Err(LookupProblem::Failed(e)),
    };
    let ticket: Ticket =
        parse_json(&file, &text).map_err(|e| LookupProblem::Failed(ApiError::Malformed(e)))?;
    let entry = RecentLookup {
        key,
        number: ticket.number.clone(),
        email: Some(email.trim().to_owned()),
        title: ticket.title.clone(),
        opened_at: store::now_ms(),
        ticket_json: Some(text),
        fetched_at: Some(store::now_ms()),
    };
    let stored = store::remember(entry.clone()).await;
    Ok((entry, stored))
}

/// The number + e-mail form. A successful lookup joins this visit's lookups,
/// which the ticket page watches, so it also reloads a page already at the
/// ticket's URL (a shared link).
#[component]
fn LookupForm(number: String) -> impl IntoView {
    let lang = use_lang();
    let number = RwSignal::new(number);
    let email = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<LookupProblem>);
    let busy = RwSignal::new(false);
    let navigate = use_navigate();
    // Contexts are read here, while the component is being created: the
    // async task below runs outside any reactive owner.
    let visit = use_visit_lookups();
    let warning = use_store_warning();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match look_up(number.get_untracked(), email.get_untracked()).await {
                Ok((entry, stored)) => {
                    let found = entry.number.clone();
                    visit.remember(entry);
                    warning.record(stored);
                    navigate(&routes::ticket(&found), Default::default());
                }
                Err(p) => problem.set(Some(p)),
            }
            busy.set(false);
        });
    };
    move || {
        let t = lang.get().texts();
        let message = problem.get().map(|p| match p {
            LookupProblem::Incomplete => {
                view! { <p class="notice" role="alert">{t.need_both}</p> }.into_any()
            }
            LookupProblem::NoMatch => {
                view! { <p class="notice" role="alert">{t.no_match}</p> }.into_any()
            }
            LookupProblem::Failed(error) => {
                view! { <ErrorPanel error on_retry=move || problem.set(None)/> }.into_any()
            }
        });
        view! {
            <form class="card lookup-form" on:submit=submit.clone()>
                <div class="field">
                    <label for="ticket-number">{t.field_number}</label>
                    <input
                        id="ticket-number"
                        name="number"
                        autocomplete="off"
                        placeholder="CM2026-001244"
                        prop:value=move || number.get()
                        on:input=move |ev| number.set(event_target_value(&ev))
                    />
                </div>
                <div class="field">
                    <label for="ticket-email">{t.field_email}</label>
                    <input
                        id="ticket-email"
                        name="email"
                        type="email"
                        autocomplete="email"
                        placeholder="name@example.com"
                        prop:value=move || email.get()
                        on:input=move |ev| email.set(event_target_value(&ev))
                    />
                </div>
                <button type="submit" class="button primary" prop:disabled=move || busy.get()>
                    {move || if busy.get() { t.looking_up } else { t.lookup_button }}
                </button>
            </form>
            {message}
        }
    }
}

#[component]
fn RecentLookups() -> impl IntoView {
    let lang = use_lang();
    let recent = LocalResource::new(store::recent);
    // Forgetting is a privacy action: if it fails, the user must know.
    let forget_problem = RwSignal::new(None::<StoreError>);
    let forget = move |key: Option<String>| {
        leptos::task::spawn_local(async move {
            let forgotten = match key {
                Some(key) => store::forget(&key).await,
                None => store::forget_all().await,
            };
            forget_problem.set(forgotten.err());
            recent.refetch();
        });
    };
    move || {
        let t = lang.get().texts();
        let problem = forget_problem
            .get()
            .map(|error| view! { <StoreProblem error used_for=StoreUse::ForgetLookup/> });
        let body = match recent.get() {
            None => ().into_any(),
            Some(Err(error)) => {
                view! { <StoreProblem error used_for=StoreUse::RememberLookup/> }.into_any()
            }
            Some(Ok(list)) if list.is_empty() => {
                view! { <p class="muted">{t.recent_empty}</p> }.into_any()
            }
            Some(Ok(list)) => {
                let items = list
                    .into_iter()
                    .map(|r| {
                        let key = r.key.clone();
                        view! {
                            <li class="recent-item">
                                <a href=routes::ticket(&r.number) class="recent-link">
                                    <span class="recent-number">{r.number.clone()}</span>
                                    <span class="recent-title">{r.title.clone()}</span>
                                </a>
                                <span class="recent-when">{t.looked_up_at}" "{format_ms(r.opened_at)}</span>
                                <button type="button" class="button small" on:click=move |_| forget(Some(key.clone()))>
                                    {t.forget_button}
                                </button>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <ul class="recent-list">{items}</ul>
                    <button type="button" class="button small" on:click=move |_| forget(None)>{t.forget_all_button}</button>
                }
                .into_any()
            }
        };
        view! {
            <section class="section recent" aria-labelledby="recent-title">
                <h2 id="recent-title">{t.recent_title}</h2>
                {problem}
                {body}
            </section>
        }
    }
}

/// What the ticket page could load.
#[derive(Debug, Clone)]
enum TicketLoad {
    /// Nothing remembered for this number on this device.
    NotRemembered,
    Fresh(Arc<Ticket>),
    /// The network failed; the last copy seen, with when it was fetched.
    Offline(Arc<Ticket>, f64),
    /// The file is gone from the API.
    Gone,
    Failed(ApiError),
}

/// The remembered ticket, fresh or the device's copy; refreshing the copy
/// records in `warning` whether the device could keep it.
async fn load_ticket(
    number: String,
    visit: Vec<RecentLookup>,
    warning: StoreWarning,
) -> TicketLoad {
    let remembered = match store::find_number(&number).await {
        Ok(Some(entry)) => Some(entry),
        _ => None,
    };
    let wanted = normalise_ticket_number(&number);
    let entry = match remembered.or_else(|| {
        visit
            .into_iter()
            .find(|r| normalise_ticket_number(&r.number) == wanted)
    }) {
        Some(entry) => entry,
        None => return TicketLoad::NotRemembered,
    };
    let file = files::ticket(&entry.key);
    let fetched = fetch_text(&file).await.and_then(|text| {
        let ticket = parse_json::<Ticket>(&file, &text).map_err(ApiError::Malformed)?;
        Ok((ticket, text))
    });
    let copy = || {
        let ticket = parse_json::<Ticket>(&file, entry.ticket_json.as_deref()?).ok()?;
        Some((Arc::new(ticket), entry.fetched_at?))
    };
    match answer(fetched).or_device_copy(copy) {
        Shown::Fresh((ticket, text)) => {
            let stored = store::remember(RecentLookup {
                title: ticket.title.clone(),
                opened_at: store::now_ms(),
                ticket_json: Some(text),
                fetched_at: Some(store::now_ms()),
                ..entry
            })
            .await;
            warning.record(stored);
            TicketLoad::Fresh(Arc::new(ticket))
        }
        Shown::DeviceCopy((ticket, at)) => TicketLoad::Offline(ticket, at),
        Shown::Gone => TicketLoad::Gone,
        Shown::Failed(error) => TicketLoad::Failed(error),
    }
}

/// `/tickets/:number`: the ticket, if this device remembers how to open it;
/// otherwise the form with the number filled in.
#[component]
pub fn TicketPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let number = move || normalise_ticket_number(&params.read().get("number").unwrap_or_default());
    let visit = use_visit_lookups();
    let warning = use_store_warning();
    let load = LocalResource::new(move || load_ticket(number(), visit.0.get(), warning));
    let setup = use_sla();
    let products = LocalResource::new(fetch_products);
    let now = use_clock(Duration::from_secs(1));

    let body = loaded(setup, move |setup| {
        let t = lang.get().texts();
        let products = products.get().and_then(Result::ok).unwrap_or_default();
        match load.get() {
            None => view! { <Loading/> }.into_any(),
            Some(TicketLoad::NotRemembered) => view! {
                <h1>{t.tickets_title}</h1>
                <p class="lead-text">{t.enter_email_for.replace("{number}", &number())}</p>
                <LookupForm number=number()/>
            }
            .into_any(),
            Some(TicketLoad::Gone) => view! {
                <h1>{number()}</h1>
                <p class="notice" role="alert">{t.ticket_gone}</p>
            }
            .into_any(),
            Some(TicketLoad::Failed(error)) => {
                view! { <ErrorPanel error on_retry=move || load.refetch()/> }.into_any()
            }
            Some(TicketLoad::Fresh(ticket)) => ticket_view(t, &ticket, &setup, &products, now).into_any(),
            Some(TicketLoad::Offline(ticket, at)) => view! {
                <DeviceCopyNotice message=|t| t.offline_copy saved_at_ms=at on_retry=move || load.refetch()>
                    {ticket_view(t, &ticket, &setup, &products, now)}
                </DeviceCopyNotice>
            }
            .into_any(),
        }
    });
    let warning_view = move || {
        warning
            .0
            .get()
            .map(|error| view! { <StoreProblem error used_for=StoreUse::RememberLookup/> })
    };
    view! {
        <section class="page ticket-page">
            {warning_view}
            {body}
        </section>
    }
}

fn ticket_view(
    t: &'static Texts,
    ticket: &Ticket,
    setup: &SlaSetup,
    products: &[Product],
    now: ReadSignal<DateTime<FixedOffset>>,
) -> impl IntoView {
    let en = t.is_en();
    let product = products
        .iter()
        .find(|p| p.id == ticket.product)
        .map(|p| p.name.get(en).to_owned())
        .unwrap_or_else(|| ticket.product.clone());
    let level = setup
        .policy
        .priorities
        .iter()
        .find(|l| l.id == ticket.priority);
    let priority_text = level
        .map(|l| format!("{} · {}", l.name.get(en), l.definition.get(en)))
        .unwrap_or_default();
    let channel = setup
        .policy
        .channels
        .iter()
        .find(|c| c.id == ticket.channel)
        .map(|c| c.name.get(en).to_owned())
        .unwrap_or_default();
    let steps = progress(ticket)
        .into_iter()
        .map(|s| {
            let class = if s.current {
                "step current"
            } else if s.reached {
                "step reached"
            } else {
                "step"
            };
            view! {
                <li class=class aria-current=s.current.then_some("step")>
                    <span class="step-name">{step_name(t, s.step)}</span>
                    <span class="step-time">{s.at.map(|at| format_beijing(&at))}</span>
                </li>
            }
        })
        .collect_view();
    let sla = sla_panel(t, ticket, setup, now);
    let events = ticket
        .events
        .iter()
        .map(|e| {
            let who = match e.by {
                Actor::Customer => t.actor_customer,
                Actor::Specialist => t.actor_specialist,
                Actor::Engineer => t.actor_engineer,
            };
            // Untrusted text: a text node, never HTML.
            view! {
                <li class="event">
                    <p class="event-meta">
                        <strong>{who}</strong>" · "{format_beijing(&e.at)}
                        {e.step.map(|s| view! { " · "<span class="tag">{step_name(t, s)}</span> })}
                    </p>
                    <p class="event-text">{e.text.clone()}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <header class="ticket-header">
            <p class="ticket-number">{ticket.number.clone()}</p>
            <h1>{ticket.title.clone()}</h1>
            <dl class="ticket-facts">
                <div><dt>{t.field_priority}</dt><dd>
                    <span class=priority_badge_class(ticket.priority)>{ticket.priority.as_str()}</span>" "{priority_text}
                </dd></div>
                <div><dt>{t.field_product}</dt><dd>{product}" "{ticket.version.clone()}</dd></div>
                <div><dt>{t.field_channel}</dt><dd>{channel}</dd></div>
                <div><dt>{t.field_status}</dt><dd class="ticket-status">{step_name(t, ticket.status)}</dd></div>
            </dl>
        </header>
        <section class="card" aria-labelledby="progress-title">
            <h2 id="progress-title">{t.progress_title}</h2>
            <ol class="steps">{steps}</ol>
        </section>
        {sla}
        <section class="card" aria-labelledby="events-title">
            <h2 id="events-title">{t.events_title}</h2>
            <ol class="events">{events}</ol>
        </section>
        <p class="muted share-note">{t.share_note}</p>
    }
}

fn sla_panel(
    t: &'static Texts,
    ticket: &Ticket,
    setup: &SlaSetup,
    now: ReadSignal<DateTime<FixedOffset>>,
) -> impl IntoView {
    let engine = &setup.engine;
    let timeline = engine.timeline(ticket.priority, ticket.channel, &ticket.received);
    let timeline = match timeline {
        Ok(timeline) => timeline,
        Err(error) => {
            return view! {
                <section class="card"><div class="notice" role="status"><SlaErrorMessage error/></div></section>
            }
            .into_any()
        }
    };
    let deadline = timeline.deadline;
    let (priority, channel, received, first_response) = (
        ticket.priority,
        ticket.channel,
        ticket.received,
        ticket.first_response,
    );
    let engine = engine.clone();
    let state = move || {
        let now = now.get();
        let status = engine
            .status(priority, channel, &received, first_response.as_ref(), &now)
            .ok()?;
        let detail = match (status.state, first_response) {
            (_, Some(r)) => format!("{} {}", t.first_response, format_beijing(&r)),
            (SlaState::Breached, None) => t.awaiting_response.to_owned(),
            _ => format!(
                "{} {}",
                t.time_left,
                format_duration(t, (deadline - now).num_seconds(), true)
            ),
        };
        Some(view! {
            <p class="sla-state">
                {state_badge(t, status.state)}" "<span class="sla-detail">{detail}</span>
            </p>
        })
    };
    view! {
        <section class="card sla-panel" aria-labelledby="sla-title">
            <h2 id="sla-title">{t.result_deadline}</h2>
            {deadline_block(t, &deadline)}
            {state}
            <details class="why">
                <summary>{t.timeline_title}</summary>
                {timeline_list(t, timeline.entries)}
            </details>
        </section>
    }
    .into_any()
}
