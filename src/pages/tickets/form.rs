//! The number + access code form, and the lookup it runs.

use super::texts::tickets_texts;
use crate::components::SealedProblem;
use crate::i18n::use_lang;
use crate::routes;
use crate::sealed::{self, SealedError};
use crate::store::{self, RecentLookup, StoreError};
use crate::visit::{use_store_warning, use_visit_lookups};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use portal_core::keys::{is_ticket_number, normalise_ticket_number};
use portal_core::model::Ticket;
use portal_core::parse_json;
use portal_core::secret::{self, SecretKind};

/// Why a lookup did not open a ticket.
#[derive(Debug, Clone, PartialEq)]
enum LookupProblem {
    Incomplete,
    Sealed(SealedError),
}

/// Opens the ticket sealed under number + code; the lookup, ready to
/// remember, with the ticket's text.
pub(super) async fn open_ticket(number: &str, code: &str) -> Result<RecentLookup, SealedError> {
    let canonical = sealed::ticket_secret(code)?;
    let number = normalise_ticket_number(number);
    let text = sealed::open_ticket(&number, &canonical).await?;
    let ticket: Ticket = parse_json("ticket", &text).map_err(|_| SealedError::Damaged)?;
    Ok(RecentLookup {
        key: number.clone(),
        number,
        code: Some(secret::display(&canonical)),
        title: ticket.title,
        opened_at: store::now_ms(),
        ticket_json: Some(text),
        fetched_at: Some(store::now_ms()),
    })
}

async fn look_up(
    number: String,
    code: String,
) -> Result<(RecentLookup, Result<(), StoreError>), LookupProblem> {
    if !is_ticket_number(&number) || code.trim().is_empty() {
        return Err(LookupProblem::Incomplete);
    }
    let entry = open_ticket(&number, &code)
        .await
        .map_err(LookupProblem::Sealed)?;
    let stored = store::remember(entry.clone()).await;
    Ok((entry, stored))
}

/// The number + code form. A successful lookup joins this visit's lookups,
/// which the ticket page watches, so it also reloads a page already at the
/// ticket's URL.
#[component]
pub(super) fn LookupForm(number: String) -> impl IntoView {
    let lang = use_lang();
    let number = RwSignal::new(number);
    let code = RwSignal::new(String::new());
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
            match look_up(number.get_untracked(), code.get_untracked()).await {
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
        let t = tickets_texts(lang.get());
        let message = problem.get().map(|p| match p {
            LookupProblem::Incomplete => {
                view! { <p class="notice" role="alert">{t.need_both}</p> }.into_any()
            }
            LookupProblem::Sealed(error) => view! {
                <SealedProblem error kind=SecretKind::TicketCode on_retry=move || problem.set(None)/>
            }
            .into_any(),
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
                    <label for="ticket-code">{t.field_code}</label>
                    <input
                        id="ticket-code"
                        name="code"
                        autocomplete="off"
                        autocapitalize="characters"
                        spellcheck="false"
                        aria-describedby="ticket-code-hint"
                        prop:value=move || code.get()
                        on:input=move |ev| code.set(event_target_value(&ev))
                    />
                    <p class="field-hint" id="ticket-code-hint">{t.code_hint}</p>
                </div>
                <button type="submit" class="button primary" prop:disabled=move || busy.get()>
                    {move || if busy.get() { t.looking_up } else { t.lookup_button }}
                </button>
            </form>
            {message}
        }
    }
}
