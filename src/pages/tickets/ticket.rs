//! `/t/:number#<code>`: a ticket's workflow progress, its live SLA status
//! with the reasons, and the conversation as plain text; the device's copy
//! "as of" when the network is down.

use super::form::{open_ticket, sealed_problem, LookupForm};
use super::reply::{reply_view, ReplyArgs, ReplyDraft};
use super::sheet::Sheet;
use super::texts::tickets_texts;
use crate::api::{answer, fetch_products, use_sla, SlaSetup};
use crate::components::{loaded, use_clock, Loading, StoreProblem, StoreUse};
use crate::i18n::{use_lang, Lang};
use crate::sealed::SealedError;
use crate::store::{self, RecentLookup};
use crate::visit::{use_store_warning, use_visit_lookups, StoreWarning};
use chrono::{DateTime, FixedOffset};
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use portal_core::fallback::Shown;
use portal_core::keys::normalise_ticket_number;
use portal_core::model::{Product, Ticket};
use portal_core::parse_json;
use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;
use wasm_bindgen::JsCast;

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
    // Loaded again when the number, the link's code or this visit's
    // lookups change, and on "retry"; the last answer stays until the next
    // one arrives, and only the newest attempt's answer is shown. (A task
    // and a signal, not a `LocalResource`: the same for this page, in
    // less code.)
    let load = RwSignal::new(None::<TicketLoad>);
    let attempt = RwSignal::new(0u32);
    let newest = Rc::new(Cell::new(0u32));
    Effect::new(move |_| {
        attempt.track();
        let (number, code, lookups) = (number(), link_code(), visit.0.get());
        let this = newest.get().wrapping_add(1);
        newest.set(this);
        let newest = newest.clone();
        leptos::task::spawn_local(async move {
            let answer = load_ticket(number, code, lookups, warning).await;
            if newest.get() == this {
                load.set(Some(answer));
            }
        });
    });
    let retry = Callback::new(move |_| attempt.update(|n| *n += 1));
    // Product names for the header; the ticket shows without them.
    let products = RwSignal::new(Vec::<Product>::new());
    leptos::task::spawn_local(async move {
        if let Ok(list) = fetch_products().await {
            products.set(list);
        }
    });
    let setup = use_sla();
    let now = use_clock(Duration::from_secs(1));
    let draft = ReplyDraft::new();

    let body = loaded(setup, move |setup| {
        let lang = lang.get();
        let t = tickets_texts(lang);
        let products = products.get();
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
                {sealed_problem(lang, SealedError::NotFound, retry)}
                <LookupForm number=number()/>
            }
            .into_any(),
            Some(TicketLoad::Failed(error)) => view! {
                <h1>{number()}</h1>
                {sealed_problem(lang, error, retry)}
            }
            .into_any(),
            Some(TicketLoad::Fresh(ticket, code)) => {
                let reply = reply_area(lang, ticket.clone(), code, draft);
                let sheet = Sheet::new(lang, ticket, &setup.engine, &setup.policy, &products, None);
                ticket_view(sheet, setup, now, reply, retry)
            }
            Some(TicketLoad::Offline(ticket, at, code)) => {
                let reply = reply_area(lang, ticket.clone(), code, draft);
                let sheet = Sheet::new(
                    lang,
                    ticket,
                    &setup.engine,
                    &setup.policy,
                    &products,
                    Some(at),
                );
                ticket_view(sheet, setup, now, reply, retry)
            }
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

/// The ticket (`sheet`, built with the DOM API) with the reply area under
/// the conversation; the SLA state ticks with `now`.
fn ticket_view(
    sheet: Sheet,
    setup: Arc<SlaSetup>,
    now: ReadSignal<DateTime<FixedOffset>>,
    reply: AnyView,
    retry: Callback<()>,
) -> AnyView {
    let t = tickets_texts(sheet.lang);
    let top = NodeRef::<leptos::html::Div>::new();
    let conversation = NodeRef::<leptos::html::Section>::new();
    Effect::new(move |built: Option<bool>| {
        let now = now.get();
        let (Some(top), Some(conversation)) = (top.get(), conversation.get()) else {
            return false;
        };
        if built != Some(true) {
            sheet.build(&top, &conversation);
        }
        sheet.tick(&top, &setup.engine, &now);
        true
    });
    // The device copy's "retry" (`data-retry`).
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let button = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("[data-retry]").ok().flatten());
        if button.is_some() {
            retry.run(());
        }
    };
    view! {
        <div node_ref=top on:click=on_click></div>
        <section class="card" aria-labelledby="events-title" node_ref=conversation>{reply}</section>
        <p class="muted share-note">{t.share_note}</p>
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
            Suspend::new(async move { lazy_call!(reply_view(args)) }).into_any()
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
