//! 发件箱: everything the user sent from this device, with its state
//! (queued, sent, accepted, refused and why), "retry now", and the e-mail
//! draft when there is no endpoint or sending keeps failing. The rules are
//! `portal_core::outbox`; storing and sending are `crate::outbox`.

mod texts;

use crate::components::{kind_words, problem_words, state_words, Loading, StoreProblem, StoreUse};
use crate::i18n::{use_lang, Lang};
use crate::outbox::{use_outbox, Op, Outbox, SubmitError};
use crate::routes;
use crate::time::format_ms;
use leptos::prelude::*;
use portal_core::outbox::{ordered, Item, Route, State};
use portal_core::submission::{MAIL_BEGIN, MAIL_END};
use texts::{outbox_texts, OutboxTexts};

#[component]
pub fn OutboxPage() -> impl IntoView {
    let lang = use_lang();
    let outbox = use_outbox();
    // A store failure while acting on one item (delete, mark mailed).
    let failed = RwSignal::new(None);
    // The shell loads the outbox only when its count says something waits.
    if !outbox.is_loaded() {
        outbox.spawn(Op::Start);
    }
    move || {
        let lang = lang.get();
        let t = outbox_texts(lang);
        let items = ordered(outbox.items());
        let has_endpoint = outbox.has_endpoint();
        let queued = items.iter().any(|i| i.state == State::Queued);
        view! {
            <section class="page outbox-page">
                <h1>{t.title}</h1>
                <p class="lead-text">{t.lead}</p>
                {outbox.problem().map(|error| view! { <StoreProblem error used_for=StoreUse::Queue/> })}
                {failed.get().map(|error| view! { <StoreProblem error used_for=StoreUse::Queue/> })}
                {(has_endpoint == Some(false) && !items.is_empty())
                    .then(|| view! { <p class="notice" role="status">{t.no_endpoint}</p> })}
                {(queued && has_endpoint != Some(false)).then(|| view! {
                    <p>
                        <button type="button" class="button" on:click=move |_| outbox.spawn(Op::SendNow)>
                            {t.retry_now}
                        </button>
                    </p>
                })}
                {if !outbox.is_loaded() {
                    view! { <Loading/> }.into_any()
                } else if items.is_empty() {
                    view! { <p class="muted" data-outbox-empty="">{t.empty}</p> }.into_any()
                } else {
                    view! {
                        <ul class="outbox-list" aria-label=t.list_label>
                            {items
                                .into_iter()
                                .map(|item| item_view(lang, t, outbox, failed, has_endpoint != Some(false), item))
                                .collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
            </section>
        }
    }
}

fn item_view(
    lang: Lang,
    t: &'static OutboxTexts,
    outbox: Outbox,
    failed: RwSignal<Option<crate::store::StoreError>>,
    has_endpoint: bool,
    item: Item,
) -> impl IntoView {
    let (state, class) = state_words(lang, item.state);
    let kind = kind_words(lang, &item.kind);
    let id = item.id.clone();
    let act = move |remove: bool| {
        let id = id.clone();
        leptos::task::spawn_local(async move {
            let op = if remove {
                Op::Discard(id)
            } else {
                Op::MarkMailed(id)
            };
            failed.set(match outbox.run(op).await {
                Err(SubmitError::Store(e)) => Some(e),
                _ => None,
            });
        });
    };
    let act_mail = act.clone();
    let problems: Vec<String> = item
        .refusal
        .as_ref()
        .map(|r| r.problems.iter().map(|p| problem_words(lang, p)).collect())
        .unwrap_or_default();
    let retry_note = (item.state == State::Queued && item.attempts > 0).then(|| {
        view! {
            <p class="muted">
                {t.last_error}{item.last_error.clone().unwrap_or_default()}{lang.pick("。", ". ")}
                {(t.attempts)(item.attempts)}" "
                {has_endpoint.then(|| (t.next_attempt)(&format_ms(item.next_attempt_at)))}
            </p>
        }
    });
    let mail = item
        .offers_mail(has_endpoint)
        .then(|| mail_view(lang, t, outbox.support_email(), &item, act_mail));
    let removable = !item.is_pending() || item.route != Some(Route::Endpoint);
    view! {
        <li class="card outbox-item" data-outbox-id=item.id.clone() data-state=item.state.as_str()>
            <div class="outbox-head">
                <h2 class="outbox-title">
                    <span class="muted">{kind}" · "</span>{item.summary.clone()}
                </h2>
                <span class=class data-outbox-state="">{state}</span>
            </div>
            <p class="muted">
                {t.created}" "{format_ms(item.created_at)}
                {item.ticket.clone().map(|n| view! {
                    " · "<a href=routes::ticket(&n)>{t.open_ticket}" "{n.clone()}</a>
                })}
            </p>
            {retry_note}
            {(item.state == State::Accepted).then(|| view! { <p>{t.accepted_note}</p> })}
            {(item.route == Some(Route::Mail)).then(|| view! { <p>{t.mailed_note}</p> })}
            {(item.state == State::Refused).then(|| view! {
                <div class="notice" role="alert" data-refusal="">
                    <p>{t.refused_because}{item.refusal.as_ref().map(|r| r.message.clone()).filter(|_| problems.is_empty())}</p>
                    {(!problems.is_empty()).then(|| view! {
                        <ul>{problems.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}</ul>
                    })}
                </div>
            })}
            {mail}
            {removable.then(|| {
                let label = if item.is_pending() { t.withdraw } else { t.discard };
                view! {
                    <button type="button" class="button small" on:click=move |_| act(true)>{label}</button>
                }
            })}
        </li>
    }
}

/// The e-mail draft: a `mailto:` link, the same text to copy, and "I have
/// sent it", which stops posting it.
fn mail_view(
    lang: Lang,
    t: &'static OutboxTexts,
    support: String,
    item: &Item,
    done: impl Fn(bool) + 'static,
) -> impl IntoView {
    let kind = kind_words(lang, &item.kind);
    let subject = format!(
        "[{}] {kind}: {}",
        lang.pick("云服务中心", "Cloud Service Centre"),
        item.summary
    );
    let body = format!(
        "{}\n\n{kind}: {}\n\n{MAIL_BEGIN}\n{}\n{MAIL_END}\n",
        t.mail_intro, item.summary, item.body
    );
    let href = format!(
        "mailto:{support}?subject={}&body={}",
        js_sys::encode_uri_component(&subject),
        js_sys::encode_uri_component(&body)
    );
    let text_id = format!("mail-{}", item.id);
    view! {
        <details class="mail-draft">
            <summary>{t.mail_title}</summary>
            <p>{(t.mail_lead)(&support)}</p>
            <p><a class="button small" href=href>{t.mail_open}</a></p>
            <label for=text_id.clone()>{t.mail_text_label}</label>
            <textarea id=text_id readonly rows="6" class="mail-text">{body}</textarea>
            <p>
                <button type="button" class="button small" on:click=move |_| done(false)>{t.mail_done}</button>
            </p>
        </details>
    }
}
