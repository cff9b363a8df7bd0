//! The number + e-mail form, and the lookup it runs.

use super::texts::tickets_texts;
use crate::api::{fetch_text, ApiError};
use crate::components::ErrorPanel;
use crate::i18n::use_lang;
use crate::routes;
use crate::store::{self, RecentLookup, StoreError};
use crate::visit::{use_store_warning, use_visit_lookups};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use portal_core::model::Ticket;
use portal_core::{files, parse_json};

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
    let key = crate::engines::capability_key(crate::engines::KeyFor::Ticket {
        number: number.clone(),
        email: email.clone(),
    })
    .await;
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
pub(super) fn LookupForm(number: String) -> impl IntoView {
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
        let t = tickets_texts(lang.get());
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
