//! The number + access code form, and the lookup it runs.

use super::texts::tickets_texts;
use crate::components::{sealed_message, ErrorPanel};
use crate::dom::{attr, el, set_value, value};
use crate::i18n::{use_lang, Lang};
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
use web_sys::Element;

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
///
/// The form is built with the DOM API (as the ticket's `sheet`), once; a
/// new language changes its words in place, so nothing typed is lost.
#[component]
pub(super) fn LookupForm(number: String) -> impl IntoView {
    let lang = use_lang();
    let problem = RwSignal::new(None::<LookupProblem>);
    let busy = RwSignal::new(false);
    let navigate = use_navigate();
    // Contexts are read here, while the component is being created: the
    // async task below runs outside any reactive owner.
    let visit = use_visit_lookups();
    let warning = use_store_warning();
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        let (lang, busy) = (lang.get(), busy.get());
        if let Some(form) = form.get() {
            if form.first_element_child().is_none() {
                build(&form, &number);
            }
            words(&form, lang, busy);
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(form) = form.get_untracked() else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        let field = |id: &str| {
            form.query_selector(&format!("#{id}"))
                .ok()
                .flatten()
                .map(|e| value(&e))
                .unwrap_or_default()
        };
        let (number, code) = (field("ticket-number"), field("ticket-code"));
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match look_up(number, code).await {
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
    let message = move || {
        let lang = lang.get();
        problem.get().map(|p| match p {
            LookupProblem::Incomplete => {
                let text = tickets_texts(lang).need_both;
                view! { <p class="notice" role="alert">{text}</p> }.into_any()
            }
            LookupProblem::Sealed(error) => {
                sealed_problem(lang, error, Callback::new(move |_| problem.set(None)))
            }
        })
    };
    view! {
        <form class="card lookup-form" node_ref=form on:submit=submit></form>
        {message}
    }
}

/// Why a ticket did not open: the error panel (with retry) when fetching
/// failed, otherwise an alert in the user's words. Never names the file.
pub(super) fn sealed_problem(lang: Lang, error: SealedError, on_retry: Callback<()>) -> AnyView {
    match error {
        SealedError::Api(error) => view! { <ErrorPanel error on_retry/> }.into_any(),
        error => {
            let text = sealed_message(lang, &error, SecretKind::TicketCode);
            view! { <p class="notice" role="alert">{text}</p> }.into_any()
        }
    }
}

/// The fields and the button, without their words (`words`).
fn build(form: &Element, number: &str) {
    let Some(doc) = form.owner_document() else {
        return;
    };
    let field = el(&doc, form, "div", "field");
    attr(&el(&doc, &field, "label", ""), "for", "ticket-number");
    let input = el(&doc, &field, "input", "");
    for (name, v) in [
        ("id", "ticket-number"),
        ("name", "number"),
        ("autocomplete", "off"),
        ("placeholder", "CM2026-001244"),
    ] {
        attr(&input, name, v);
    }
    set_value(&input, number);
    let field = el(&doc, form, "div", "field");
    attr(&el(&doc, &field, "label", ""), "for", "ticket-code");
    let input = el(&doc, &field, "input", "");
    for (name, v) in [
        ("id", "ticket-code"),
        ("name", "code"),
        ("autocomplete", "off"),
        ("autocapitalize", "characters"),
        ("spellcheck", "false"),
        ("aria-describedby", "ticket-code-hint"),
    ] {
        attr(&input, name, v);
    }
    attr(
        &el(&doc, &field, "p", "field-hint"),
        "id",
        "ticket-code-hint",
    );
    attr(
        &el(&doc, form, "button", "button primary"),
        "type",
        "submit",
    );
}

/// The form's words in `lang`; the button says whether a lookup runs.
fn words(form: &Element, lang: Lang, busy: bool) {
    let t = tickets_texts(lang);
    let button = if busy { t.looking_up } else { t.lookup_button };
    for (selector, text) in [
        ("[for=ticket-number]", t.field_number),
        ("[for=ticket-code]", t.field_code),
        ("#ticket-code-hint", t.code_hint),
        ("button", button),
    ] {
        if let Ok(Some(e)) = form.query_selector(selector) {
            e.set_text_content(Some(text));
        }
    }
    if let Ok(Some(b)) = form.query_selector("button") {
        if busy {
            attr(&b, "disabled", "");
        } else {
            let _ = b.remove_attribute("disabled");
        }
    }
}
