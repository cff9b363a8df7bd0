//! Adding a reply to an open ticket: a text box whose reply goes through
//! the outbox (`crate::outbox`), and the replies the published ticket does
//! not carry yet, shown as pending in the conversation
//! (`portal_core::outbox::unpublished_replies`).
//!
//! The typed text and the sending state live in [`ReplyDraft`], made by the
//! page outside the view that re-renders, so nothing typed is lost when the
//! ticket refreshes or the language changes.

use super::texts::reply_texts;
use crate::components::{code_words, StoreProblem, StoreUse};
use crate::i18n::use_lang;
use crate::outbox::{new_submission, use_outbox, Op, Submit, SubmitError};
use crate::routes;
use crate::store::StoreError;
use crate::time::format_ms;
use leptos::prelude::*;
use portal_core::model::{Ticket, TicketStatus};
use portal_core::outbox::{unpublished_replies, Item, State};
use portal_core::submission::{Problem, Request, Scope, TicketReply};
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq)]
enum Sending {
    Editing,
    Saving,
    Failed(StoreError),
    NoCredentials,
}

/// What the user is typing, kept across re-renders of the ticket.
#[derive(Clone, Copy)]
pub struct ReplyDraft {
    text: RwSignal<String>,
    problems: RwSignal<Vec<Problem>>,
    sending: RwSignal<Sending>,
    /// The user pressed "add a reply": the reply box is wanted.
    pub asked: RwSignal<bool>,
}

impl ReplyDraft {
    pub fn new() -> Self {
        ReplyDraft {
            text: RwSignal::new(String::new()),
            problems: RwSignal::new(Vec::new()),
            sending: RwSignal::new(Sending::Editing),
            asked: RwSignal::new(false),
        }
    }
}

/// What the reply area is given: the ticket, the code that opened it, and
/// the draft that outlives re-renders.
pub struct ReplyArgs {
    pub ticket: Arc<Ticket>,
    pub code: String,
    pub draft: ReplyDraft,
}

/// The reply area behind a split point of its own: most ticket views are
/// read, not answered, so its code loads when the user asks to reply or
/// when the outbox holds something (a pending reply may be this ticket's).
#[cfg_attr(feature = "split", leptos::lazy)]
pub fn reply_view(args: ReplyArgs) -> AnyView {
    reply_section(args.ticket, args.code, args.draft).into_any()
}

/// The pending replies and, on an open ticket, the reply box. `code` is
/// the access code that opened the ticket (as typed or linked).
fn reply_section(ticket: Arc<Ticket>, code: String, draft: ReplyDraft) -> impl IntoView {
    let lang = use_lang();
    let outbox = use_outbox();
    // The shell loads the outbox only when something waits to be sent.
    if !outbox.is_loaded() {
        outbox.spawn(Op::Start);
    }
    // Asked for with "add a reply": the focus goes into the box once it is
    // on the page (`autofocus` only works on a page's first load).
    if draft.asked.get_untracked() {
        request_animation_frame(|| crate::components::focus_by_id("reply-text"));
    }
    let open = ticket.status != TicketStatus::Closed;
    let number = ticket.number.clone();
    let pending = {
        let ticket = ticket.clone();
        move || {
            let lang = lang.get();
            let t = reply_texts(lang);
            let items = outbox.items();
            let replies: Vec<(Item, String)> = unpublished_replies(&items, &ticket)
                .into_iter()
                .map(|(i, text)| (i.clone(), text))
                .collect();
            (!replies.is_empty()).then(|| {
                view! {
                    <h3 class="pending-title">{t.pending_title}</h3>
                    <ol class="events pending-replies">
                        {replies.into_iter().map(|(item, text)| {
                            let (state, class) = match item.state {
                                State::Queued => (t.queued, "state-badge due-soon"),
                                State::Sent => (t.sent, "state-badge due-soon"),
                                State::Accepted => (t.accepted, "state-badge neutral"),
                                State::Refused => (t.refused, "state-badge breached"),
                            };
                            view! {
                                <li class="event pending" data-reply-state=item.state.as_str()>
                                    <p class="event-meta">
                                        <strong>{t.you}</strong>" · "{format_ms(item.created_at)}" · "
                                        <span class=class>{state}</span>" · "
                                        <a href=routes::OUTBOX>{t.outbox_link}</a>
                                    </p>
                                    <p class="event-text">{text}</p>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }
            })
        }
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if draft.sending.get_untracked() == Sending::Saving {
            return;
        }
        let submission = new_submission(
            lang.get_untracked(),
            Scope::Ticket,
            number.clone(),
            Request::TicketReply(TicketReply {
                ticket: number.clone(),
                text: draft.text.get_untracked(),
            }),
        );
        let Ok(secret) = crate::sealed::ticket_secret(&code) else {
            draft.sending.set(Sending::NoCredentials);
            return;
        };
        let submit = Submit {
            submission,
            secret,
            labels: portal_core::secret::ticket_labels(&number),
            summary: draft.text.get_untracked(),
            ticket: Some(number.clone()),
            catalogue: None,
            form_problems: Vec::new(),
        };
        draft.sending.set(Sending::Saving);
        leptos::task::spawn_local(async move {
            match outbox.run(Op::Submit(Box::new(submit))).await {
                Ok(()) => {
                    draft.problems.set(Vec::new());
                    draft.text.set(String::new());
                    draft.sending.set(Sending::Editing);
                }
                Err(SubmitError::Problems(found)) => {
                    draft.problems.set(found);
                    draft.sending.set(Sending::Editing);
                }
                Err(SubmitError::Store(e)) => draft.sending.set(Sending::Failed(e)),
                Err(SubmitError::NoCredentials) => draft.sending.set(Sending::NoCredentials),
            }
        });
    };

    let form = move || {
        let lang = lang.get();
        let t = reply_texts(lang);
        if !open {
            return view! { <p class="muted">{t.closed}</p> }.into_any();
        }
        let error = draft.problems.with(|ps| {
            ps.first().map(|p| {
                view! { <p class="field-error" id="reply-error">{code_words(lang, &p.field, p.code)}</p> }
            })
        });
        let invalid = draft.problems.with(|ps| !ps.is_empty());
        let status = match draft.sending.get() {
            Sending::Failed(error) => {
                Some(view! { <StoreProblem error used_for=StoreUse::Queue/> }.into_any())
            }
            Sending::NoCredentials => {
                Some(view! { <p class="notice" role="alert">{t.no_credentials}</p> }.into_any())
            }
            _ => None,
        };
        let saving = draft.sending.get() == Sending::Saving;
        view! {
            <form class="reply-form" novalidate on:submit=submit.clone()>
                <div class="field">
                    <label for="reply-text">{t.label}</label>
                    <textarea
                        id="reply-text"
                        rows="4"
                        aria-invalid=invalid.to_string()
                        aria-describedby=if invalid { "reply-hint reply-error" } else { "reply-hint" }
                        prop:value=move || draft.text.get()
                        on:input=move |ev| draft.text.set(event_target_value(&ev))
                    ></textarea>
                    <p class="field-hint" id="reply-hint">{t.hint}</p>
                    {error}
                </div>
                <button type="submit" class="button primary" disabled=saving>
                    {if saving { t.sending } else { t.send }}
                </button>
                {status}
            </form>
        }
        .into_any()
    };

    view! {
        {pending}
        <h3 class="reply-title">{move || reply_texts(lang.get()).title}</h3>
        {form}
    }
}
