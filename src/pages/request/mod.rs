//! 在线提交 (manual §4, the online channel): a new service request from the
//! customer's workspace. Product and version come from the workspace's
//! deployments, the severity is self-assessed against the P1–P4
//! definitions, and before sending the page shows the response deadline the
//! request would get if it were received now, from the same SLA engine as
//! everywhere else, ticking while the form is open.
//!
//! Sending goes through the outbox (`crate::outbox`): the request is stored
//! on the device first, so nothing typed is lost. The form checks it with
//! the same rules the receiver applies (`portal_core::submission::check`)
//! and says what is wrong next to each field.
//!
//! A deep link opens the access-key form (`WorkspaceGate`); the request
//! form is a split point of its own (`request_form_view`), loaded once the
//! workspace is open.

mod texts;

use crate::api::{fetch_products, use_sla};
use crate::components::{
    code_words, deadline_block, priority_badge_class, radio_choice, response_target, use_clock,
    ErrorPanel, Loading, SlaErrorMessage, StoreProblem, StoreUse, WorkspaceGate,
};
use crate::i18n::use_lang;
use crate::outbox::{new_submission, use_outbox, Op, Submit, SubmitError};
use crate::routes;
use crate::session::use_session;
use crate::store::StoreError;
use crate::time::format_short;
use leptos::prelude::*;
use portal_core::model::{Channel, Priority, Workspace};
use portal_core::sla::ChannelState;
use portal_core::submission::{Contact, NewRequest, Problem, Request, Scope};
use std::time::Duration;
use texts::request_texts;

#[component]
pub fn RequestPage() -> impl IntoView {
    view! {
        <section class="page request-page">
            <WorkspaceGate
                title=|lang| request_texts(lang).title
                lead=|lang| request_texts(lang).gate_lead
                render=|workspace: Workspace| {
                    Suspend::new(async move { lazy_call!(request_form_view(workspace)) })
                    .into_any()
                }
            />
        </section>
    }
}

/// The form, a split point of its own: a deep link opens the access-key
/// form first, which every workspace page shares, and only an open
/// workspace needs the form, its deadline and the outbox. Untracked: it runs
/// inside the gate's `Suspend`, which would otherwise rebuild the page on
/// every signal read while building it.
#[cfg_attr(feature = "split", leptos::lazy)]
fn request_form_view(workspace: Workspace) -> AnyView {
    untrack(|| view! { <RequestForm workspace/> }.into_any())
}

/// Where sending stands.
#[derive(Debug, Clone, PartialEq)]
enum Sending {
    Editing,
    Saving,
    /// In the outbox: the form is cleared.
    Queued,
    /// Nothing was stored; the form keeps what was typed.
    StoreFailed(StoreError),
    NoCredentials,
}

/// One text field's value and the id of its input.
#[derive(Clone, Copy)]
struct Field {
    id: &'static str,
    path: &'static str,
    value: RwSignal<String>,
}

impl Field {
    fn new(id: &'static str, path: &'static str) -> Self {
        Field {
            id,
            path,
            value: RwSignal::new(String::new()),
        }
    }
}

#[component]
fn RequestForm(workspace: Workspace) -> impl IntoView {
    let lang = use_lang();
    let sla = use_sla();
    let products = LocalResource::new(fetch_products);
    let now = use_clock(Duration::from_secs(15));
    let outbox = use_outbox();
    let session = use_session();

    // Outside the view closures, so a language switch keeps what was typed.
    let deployment = RwSignal::new(0usize);
    let priority = RwSignal::new(Priority::P3);
    let title = Field::new("request-title", "$.request.title");
    let description = Field::new("request-description", "$.request.description");
    let name = Field::new("request-name", "$.request.contact.name");
    let email = Field::new("request-email", "$.request.contact.email");
    let phone = Field::new("request-phone", "$.request.contact.phone");
    let problems = RwSignal::new(Vec::<Problem>::new());
    let sending = RwSignal::new(Sending::Editing);
    let deployments = StoredValue::new(workspace.deployments.clone());
    let workspace_id = workspace.id.clone();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() == Sending::Saving {
            return;
        }
        let Some(d) = deployments.with_value(|d| d.get(deployment.get_untracked()).cloned()) else {
            return;
        };
        let phone_value = phone.value.get_untracked();
        let submission = new_submission(
            lang.get_untracked(),
            Scope::Workspace,
            workspace_id.clone(),
            Request::NewRequest(NewRequest {
                product: d.product,
                version: d.version,
                priority: priority.get_untracked(),
                title: title.value.get_untracked().trim().to_owned(),
                description: description.value.get_untracked(),
                contact: Contact {
                    name: name.value.get_untracked().trim().to_owned(),
                    email: email.value.get_untracked().trim().to_owned(),
                    phone: Some(phone_value.trim().to_owned()).filter(|p| !p.is_empty()),
                },
            }),
        );
        let Some(secret) = session.key_untracked() else {
            return;
        };
        let summary = title.value.get_untracked().trim().to_owned();
        let submit = Submit {
            submission,
            secret,
            labels: portal_core::secret::workspace_labels(),
            summary,
            ticket: None,
            catalogue: products.get_untracked().and_then(Result::ok),
            form_problems: Vec::new(),
        };
        sending.set(Sending::Saving);
        leptos::task::spawn_local(async move {
            match outbox.run(Op::Submit(Box::new(submit))).await {
                Ok(()) => {
                    problems.set(Vec::new());
                    for f in [title, description] {
                        f.value.set(String::new());
                    }
                    sending.set(Sending::Queued);
                }
                Err(SubmitError::Problems(found)) => {
                    let first = found.first().map(|p| p.field.clone());
                    problems.set(found);
                    sending.set(Sending::Editing);
                    if let Some(field) = first {
                        focus_field(&field);
                    }
                }
                Err(SubmitError::Store(e)) => sending.set(Sending::StoreFailed(e)),
                Err(SubmitError::NoCredentials) => sending.set(Sending::NoCredentials),
            }
        });
    };

    // A field's error, next to it.
    let error_of = move |f: Field| {
        move || {
            let lang = lang.get();
            problems.with(|ps| {
                ps.iter().find(|p| p.field == f.path).map(|p| {
                    view! {
                        <p class="field-error" id=format!("{}-error", f.id)>
                            {code_words(lang, &p.field, p.code)}
                        </p>
                    }
                })
            })
        }
    };
    let invalid = move |f: Field| move || problems.with(|ps| ps.iter().any(|p| p.field == f.path));
    let described = move |f: Field, hint: bool| {
        move || {
            let mut ids = Vec::new();
            if hint {
                ids.push(format!("{}-hint", f.id));
            }
            if problems.with(|ps| ps.iter().any(|p| p.field == f.path)) {
                ids.push(format!("{}-error", f.id));
            }
            ids.join(" ")
        }
    };
    let text_input =
        move |f: Field,
              label: fn(&'static texts::RequestTexts) -> &'static str,
              kind: &'static str,
              autocomplete: &'static str,
              hint: Option<fn(&'static texts::RequestTexts) -> &'static str>| {
            view! {
                <div class="field">
                    <label for=f.id>
                        {move || label(request_texts(lang.get()))}
                        {move || (f.path == "$.request.contact.phone").then(|| request_texts(lang.get()).optional)}
                    </label>
                    <input
                        id=f.id
                        type=kind
                        autocomplete=autocomplete
                        aria-invalid=move || invalid(f)().to_string()
                        aria-describedby=described(f, hint.is_some())
                        prop:value=move || f.value.get()
                        on:input=move |ev| f.value.set(event_target_value(&ev))
                    />
                    {hint.map(|h| view! { <p class="field-hint" id=format!("{}-hint", f.id)>{move || h(request_texts(lang.get()))}</p> })}
                    {error_of(f)}
                </div>
            }
        };

    let deployment_field = move || {
        let lang = lang.get();
        let t = request_texts(lang);
        let en = lang.is_en();
        let catalogue = products.get().and_then(Result::ok).unwrap_or_default();
        let options = deployments.with_value(|ds| {
            ds.iter()
                .enumerate()
                .map(|(i, d)| {
                    let product = catalogue
                        .iter()
                        .find(|p| p.id == d.product)
                        .map_or(d.product.clone(), |p| p.name.get(en).to_owned());
                    let label = format!("{product} {} · {}", d.version, d.label.get(en));
                    view! { <option value=i.to_string() selected=move || deployment.get() == i>{label}</option> }
                })
                .collect_view()
        });
        view! {
            <div class="field">
                <label for="request-deployment">{t.field_deployment}</label>
                <select
                    id="request-deployment"
                    on:change=move |ev| deployment.set(event_target_value(&ev).parse().unwrap_or(0))
                >
                    {options}
                </select>
            </div>
        }
    };

    let severity_field = move || {
        let lang = lang.get();
        let t = request_texts(lang);
        let en = lang.is_en();
        sla.get().and_then(Result::ok).map(|setup| {
            let options = setup
                .policy
                .priorities
                .iter()
                .map(|level| {
                    let id = level.id;
                    let head = format!("{} · {}", level.name.get(en), response_target(lang, level.response_minutes));
                    let title = view! { <span class=priority_badge_class(id)>{id.as_str()}</span>" "{head}" " };
                    radio_choice("priority", id.as_str(), id, priority, title.into_any(), level.definition.get(en).to_owned())
                })
                .collect_view();
            view! {
                <fieldset class="choices">
                    <legend>{t.field_severity}</legend>
                    <p class="field-hint">{t.severity_hint}</p>
                    {options}
                </fieldset>
            }
        })
    };

    // The deadline if received now, and whether the channel is open.
    let deadline = move || {
        let lang = lang.get();
        let t = request_texts(lang);
        let now = now.get();
        let p = priority.get();
        match sla.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(error)) => {
                view! { <ErrorPanel error on_retry=move || sla.refetch()/> }.into_any()
            }
            Some(Ok(setup)) => {
                let channel = match setup.engine.channel_state(Channel::Online, &now) {
                    Ok(ChannelState::Open { closes_at }) => {
                        Some((t.channel_open)(&format_short(&closes_at, &now)))
                    }
                    Ok(ChannelState::Closed { opens_at }) => {
                        Some((t.channel_closed)(&format_short(&opens_at, &now)))
                    }
                    Err(_) => None,
                };
                match setup.engine.response_deadline(p, Channel::Online, &now) {
                    Ok(due) => view! {
                        <p data-deadline-sentence="">{(t.responds_by)(p.as_str(), &format_short(&due, &now))}</p>
                        {deadline_block(lang, &due)}
                        {channel.map(|c| view! { <p data-channel-state="">{c}</p> })}
                        <p class="muted">{t.deadline_note}</p>
                        {(p == Priority::P1).then(|| view! { <p class="notice">{t.urgent_note}</p> })}
                    }
                    .into_any(),
                    Err(error) => view! { <SlaErrorMessage error/> }.into_any(),
                }
            }
        }
    };

    let status = move || {
        let lang = lang.get();
        let t = request_texts(lang);
        match sending.get() {
            Sending::Editing | Sending::Saving => ().into_any(),
            Sending::Queued => view! {
                <div class="notice ok" role="status" data-request-queued="">
                    <p>{t.queued}</p>
                    <p>
                        <a href=routes::OUTBOX>{t.see_outbox}</a>" · "
                        <button type="button" class="link-button" on:click=move |_| sending.set(Sending::Editing)>{t.another}</button>
                    </p>
                </div>
            }
            .into_any(),
            Sending::StoreFailed(error) => view! { <StoreProblem error used_for=StoreUse::Queue/> }.into_any(),
            Sending::NoCredentials => view! { <p class="notice" role="alert">{t.no_credentials}</p> }.into_any(),
        }
    };
    let summary = move || {
        let lang = lang.get();
        problems.with(|ps| {
            (!ps.is_empty()).then(|| {
                view! {
                    <div class="notice" role="alert">
                        <p>{request_texts(lang).fix_first}</p>
                        <ul>
                            {ps.iter().map(|p| view! {
                                <li><a href=format!("#{}", field_id(&p.field)) target="_self">{crate::components::problem_words(lang, p)}</a></li>
                            }).collect_view()}
                        </ul>
                    </div>
                }
            })
        })
    };

    if workspace.deployments.is_empty() {
        return view! {
            <p class="notice">{move || request_texts(lang.get()).no_deployments}</p>
        }
        .into_any();
    }

    view! {
        <h1>{move || request_texts(lang.get()).title}</h1>
        <p class="lead-text">{move || request_texts(lang.get()).lead}</p>
        <div class="request-layout">
            <form class="card request-form" novalidate on:submit=submit>
                {deployment_field}
                {severity_field}
                {text_input(title, |t| t.field_title, "text", "off", Some(|t| t.title_hint))}
                <div class="field">
                    <label for=description.id>{move || request_texts(lang.get()).field_description}</label>
                    <textarea
                        id=description.id
                        rows="8"
                        aria-invalid=move || invalid(description)().to_string()
                        aria-describedby=described(description, true)
                        prop:value=move || description.value.get()
                        on:input=move |ev| description.value.set(event_target_value(&ev))
                    ></textarea>
                    <p class="field-hint" id="request-description-hint">{move || request_texts(lang.get()).description_hint}</p>
                    {error_of(description)}
                </div>
                {text_input(name, |t| t.field_name, "text", "name", None)}
                {text_input(email, |t| t.field_email, "email", "email", None)}
                {text_input(phone, |t| t.field_phone, "tel", "tel", None)}
                {summary}
                <button type="submit" class="button primary" disabled=move || sending.get() == Sending::Saving>
                    {move || {
                        let t = request_texts(lang.get());
                        if sending.get() == Sending::Saving { t.sending } else { t.send }
                    }}
                </button>
                {status}
            </form>
            <aside class="card deadline-preview" aria-labelledby="deadline-title">
                <h2 id="deadline-title">{move || request_texts(lang.get()).deadline_title}</h2>
                {deadline}
            </aside>
        </div>
    }
    .into_any()
}

/// The input a problem's JSON path belongs to.
fn field_id(path: &str) -> &'static str {
    match path {
        "$.request.title" => "request-title",
        "$.request.description" => "request-description",
        "$.request.contact.name" => "request-name",
        "$.request.contact.email" => "request-email",
        "$.request.contact.phone" => "request-phone",
        _ => "request-deployment",
    }
}

fn focus_field(path: &str) {
    crate::components::focus_by_id(field_id(path));
}
