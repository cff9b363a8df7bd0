//! `/t/:number#<code>`: a ticket's workflow progress, its live SLA status
//! with the reasons, and the conversation as plain text; the device's copy
//! "as of" when the network is down.

use super::form::{open_ticket, LookupForm};
use super::reply::{reply_view, ReplyArgs, ReplyDraft};
use super::texts::tickets_texts;
use crate::api::{answer, fetch_products, use_sla, SlaSetup};
use crate::components::{
    deadline_block, format_duration, loaded, priority_badge_class, state_badge, step_name,
    timeline_list, use_clock, DeviceCopyNotice, Loading, SealedProblem, SlaErrorMessage,
    StoreProblem, StoreUse,
};
use crate::i18n::{use_lang, Lang};
use crate::sealed::SealedError;
use crate::store::{self, RecentLookup};
use crate::time::format_beijing;
use crate::visit::{use_store_warning, use_visit_lookups, StoreWarning};
use chrono::{DateTime, FixedOffset};
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use portal_core::fallback::Shown;
use portal_core::keys::normalise_ticket_number;
use portal_core::model::{Actor, Product, Ticket};
use portal_core::parse_json;
use portal_core::secret::SecretKind;
use portal_core::sla::SlaState;
use portal_core::tickets::progress;
use std::sync::Arc;
use std::time::Duration;

/// What the ticket page could load.
#[derive(Debug, Clone)]
enum TicketLoad {
    /// No code in the link, none remembered on this device.
    NotRemembered,
    /// With the code that opened it (a reply is sent with it).
    Fresh(Arc<Ticket>, String),
    /// The network failed; the last copy seen, with when it was fetched.
    Offline(Arc<Ticket>, f64, String),
    /// The code does not open this ticket (or the ticket is gone).
    WrongCode,
    Failed(SealedError),
}

/// The ticket, opened with the link's code or the one this device
/// remembers, fresh or the device's copy; refreshing the copy records in
/// `warning` whether the device could keep it.
async fn load_ticket(
    number: String,
    link_code: Option<String>,
    visit: Vec<RecentLookup>,
    warning: StoreWarning,
) -> TicketLoad {
    let remembered = match store::find_number(&number).await {
        Ok(Some(entry)) => Some(entry),
        _ => visit
            .into_iter()
            .find(|r| r.code.is_some() && normalise_ticket_number(&r.number) == number),
    };
    let Some(code) = link_code.or_else(|| remembered.as_ref().and_then(|r| r.code.clone())) else {
        return TicketLoad::NotRemembered;
    };
    let copy = || {
        let entry = remembered.as_ref()?;
        let ticket = parse_json::<Ticket>("ticket", entry.ticket_json.as_deref()?).ok()?;
        Some((Arc::new(ticket), entry.fetched_at?))
    };
    let fetched = match open_ticket(&number, &code).await {
        Ok(entry) => Ok(entry),
        Err(SealedError::Api(e)) => Err(e),
        Err(SealedError::NotFound) => return TicketLoad::WrongCode,
        Err(e) => return TicketLoad::Failed(e),
    };
    match answer(fetched).or_device_copy(copy) {
        Shown::Fresh(entry) => {
            let ticket = entry
                .ticket_json
                .as_deref()
                .and_then(|text| parse_json::<Ticket>("ticket", text).ok());
            let Some(ticket) = ticket else {
                return TicketLoad::Failed(SealedError::Damaged);
            };
            warning.record(store::remember(entry).await);
            TicketLoad::Fresh(Arc::new(ticket), code)
        }
        Shown::DeviceCopy((ticket, at)) => TicketLoad::Offline(ticket, at, code),
        Shown::Gone => TicketLoad::WrongCode,
        Shown::Failed(error) => TicketLoad::Failed(SealedError::Api(error)),
    }
}

/// `/t/:number#<code>`: the ticket, opened with the link's code or the one
/// this device remembers; otherwise the form with the number filled in.
#[component]
pub fn TicketPage() -> impl IntoView {
    let lang = use_lang();
    let param = crate::routes::use_param();
    let location = use_location();
    let number = move || param.with(|n| normalise_ticket_number(n));
    // The fragment never reaches a server; `#` itself is dropped.
    let link_code = move || {
        let hash = location.hash.get();
        let code = hash.trim_start_matches('#').trim().to_owned();
        (!code.is_empty()).then_some(code)
    };
    let visit = use_visit_lookups();
    let warning = use_store_warning();
    let load =
        LocalResource::new(move || load_ticket(number(), link_code(), visit.0.get(), warning));
    let setup = use_sla();
    let products = LocalResource::new(fetch_products);
    let now = use_clock(Duration::from_secs(1));
    let draft = ReplyDraft::new();

    let body = loaded(setup, move |setup| {
        let lang = lang.get();
        let t = tickets_texts(lang);
        let products = products.get().and_then(Result::ok).unwrap_or_default();
        match load.get() {
            None => view! { <Loading/> }.into_any(),
            Some(TicketLoad::NotRemembered) => view! {
                <h1>{t.tickets_title}</h1>
                <p class="lead-text">{(t.enter_code_for)(&number())}</p>
                <LookupForm number=number()/>
            }
            .into_any(),
            Some(TicketLoad::WrongCode) => view! {
                <h1>{number()}</h1>
                <SealedProblem error=SealedError::NotFound kind=SecretKind::TicketCode on_retry=move || load.refetch()/>
                <LookupForm number=number()/>
            }
            .into_any(),
            Some(TicketLoad::Failed(error)) => view! {
                <h1>{number()}</h1>
                <SealedProblem error kind=SecretKind::TicketCode on_retry=move || load.refetch()/>
            }
            .into_any(),
            Some(TicketLoad::Fresh(ticket, code)) => {
                let reply = reply_area(lang, ticket.clone(), code, draft);
                ticket_view(lang, &ticket, &setup, &products, now, reply).into_any()
            }
            Some(TicketLoad::Offline(ticket, at, code)) => view! {
                <DeviceCopyNotice message=|lang, time| (tickets_texts(lang).offline_copy)(time) saved_at_ms=at on_retry=move || load.refetch()>
                    {ticket_view(lang, &ticket, &setup, &products, now, reply_area(lang, ticket.clone(), code, draft))}
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
    lang: Lang,
    ticket: &Ticket,
    setup: &SlaSetup,
    products: &[Product],
    now: ReadSignal<DateTime<FixedOffset>>,
    reply: AnyView,
) -> impl IntoView {
    let (t, en) = (tickets_texts(lang), lang.is_en());
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
                    <span class="step-name">{step_name(lang, s.step)}</span>
                    <span class="step-time">{s.at.map(|at| format_beijing(&at))}</span>
                </li>
            }
        })
        .collect_view();
    let sla = sla_panel(lang, ticket, setup, now);
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
                        {e.step.map(|s| view! { " · "<span class="tag">{step_name(lang, s)}</span> })}
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
                <div><dt>{t.field_status}</dt><dd class="ticket-status">{step_name(lang, ticket.status)}</dd></div>
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
            {reply}
        </section>
        <p class="muted share-note">{t.share_note}</p>
    }
}

fn sla_panel(
    lang: Lang,
    ticket: &Ticket,
    setup: &SlaSetup,
    now: ReadSignal<DateTime<FixedOffset>>,
) -> impl IntoView {
    let t = tickets_texts(lang);
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
                format_duration(lang, (deadline - now).num_seconds(), true)
            ),
        };
        // Re-run every second, this rebuilds the same nodes in place, and a
        // text node changes only when its text does: the badge's polite live
        // region announces a new state (on track → due soon → breached), not
        // the countdown ticking beside it.
        Some(view! {
            <p class="sla-state">
                <span role="status">{state_badge(lang, status.state)}</span>" "
                <span class="sla-detail">{detail}</span>
            </p>
        })
    };
    view! {
        <section class="card sla-panel" aria-labelledby="sla-title">
            <h2 id="sla-title">{t.result_deadline}</h2>
            {deadline_block(lang, &deadline)}
            {state}
            <details class="why">
                <summary>{t.timeline_title}</summary>
                {timeline_list(lang, timeline.entries)}
            </details>
        </section>
    }
    .into_any()
}

/// Under the conversation: on an open ticket, "add a reply", which loads the
/// reply box (`reply::reply_view`, a split point); the box loads at once
/// when the outbox keeps anything, since a reply not yet in the published
/// ticket may be this ticket's. A closed ticket says it takes no replies.
fn reply_area(lang: Lang, ticket: Arc<Ticket>, code: String, draft: ReplyDraft) -> AnyView {
    let outbox = crate::outbox::use_outbox();
    let open = ticket.status != portal_core::model::TicketStatus::Closed;
    let t = tickets_texts(lang);
    let area = move || {
        if draft.asked.get() || outbox.has_items() {
            let args = ReplyArgs {
                ticket: ticket.clone(),
                code: code.clone(),
                draft,
            };
            Suspend::new(async move {
                #[cfg(feature = "split")]
                let view = reply_view(args).await;
                #[cfg(not(feature = "split"))]
                let view = reply_view(args);
                view
            })
            .into_any()
        } else if open {
            view! {
                <p class="reply-ask">
                    <button type="button" class="button" on:click=move |_| draft.asked.set(true)>
                        {t.reply_button}
                    </button>
                </p>
            }
            .into_any()
        } else {
            view! { <p class="muted">{t.reply_closed}</p> }.into_any()
        }
    };
    area.into_any()
}
