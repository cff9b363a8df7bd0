//! The question form (`/community/ask?q=`) and the feedback form
//! (`/feedback`), behind the workspace key form: a split point of their own
//! (`community_form_view`), loaded once the workspace is open.
//!
//! Both are built with the DOM API into a `<form>` a `view!` keeps, rebuilt
//! per language with what was typed carried over. Sending goes through the
//! outbox (`crate::outbox`): checked with the receiver's own rules
//! (`portal_core::submission::check`), stored on the device, then POSTed;
//! each problem is said next to its field and in a summary linking there.

use super::texts::{community_texts, CommunityTexts};
use crate::api::fetch_products;
use crate::components::{
    code_words, focus_by_id, labelled, problem_words, store_error_message, store_problem_role,
    StoreUse,
};
use crate::dom::{attr, el, set_value, text, text_el, value};
use crate::i18n::{use_lang, Lang};
use crate::outbox::{new_submission, use_outbox, Op, Submit, SubmitError};
use crate::routes;
use crate::session::use_session;
use crate::store::StoreError;
use leptos::html;
use leptos::prelude::*;
use portal_core::model::{Deployment, Product, Workspace};
use portal_core::submission::{Contact, Feedback, FeedbackKind, Problem, Question, Request, Scope};
use web_sys::{Document, Element};

/// Which form.
#[derive(Debug, Clone, PartialEq)]
pub enum FormKind {
    /// The question form, its title filled in with a knowledge-base search
    /// that found nothing (empty when opened otherwise).
    Ask {
        query: String,
    },
    Feedback,
}

pub struct FormArgs {
    pub workspace: Workspace,
    pub kind: FormKind,
}

#[cfg_attr(feature = "split", leptos::lazy)]
pub fn community_form_view(args: FormArgs) -> AnyView {
    // Untracked: this runs inside the gate's `Suspend`, which would
    // otherwise rebuild the page on every signal read while building it.
    untrack(|| form_page(args))
}

/// Where sending stands.
#[derive(Debug, Clone, PartialEq)]
enum Sending {
    Editing,
    Saving,
    /// In the outbox: the texts are cleared.
    Queued,
    /// Nothing was stored; the form keeps what was typed.
    StoreFailed(StoreError),
    NoCredentials,
}

/// One control of a form: its id, the JSON path its problems name, and
/// how it is built.
struct Field {
    id: &'static str,
    path: &'static str,
    label: fn(&CommunityTexts) -> &'static str,
    hint: Option<fn(&CommunityTexts) -> &'static str>,
    control: Control,
}

#[derive(Clone, Copy)]
enum Control {
    /// `<input type=…>` with its autocomplete.
    Input(&'static str, &'static str),
    /// `<textarea rows=…>`.
    Text(u32),
    /// The deployments of the workspace.
    Deployment,
    /// Suggestion or defect.
    FeedbackType,
}

const CONTACT: [Field; 3] = [
    Field {
        id: "contact-name",
        path: "$.request.contact.name",
        label: |t| t.field_name,
        hint: None,
        control: Control::Input("text", "name"),
    },
    Field {
        id: "contact-email",
        path: "$.request.contact.email",
        label: |t| t.field_email,
        hint: None,
        control: Control::Input("email", "email"),
    },
    Field {
        id: "contact-phone",
        path: "$.request.contact.phone",
        label: |t| t.field_phone,
        hint: None,
        control: Control::Input("tel", "tel"),
    },
];

const ASK: [Field; 2] = [
    Field {
        id: "ask-title",
        path: "$.request.title",
        label: |t| t.field_question,
        hint: Some(|t| t.question_hint),
        control: Control::Input("text", "off"),
    },
    Field {
        id: "ask-details",
        path: "$.request.details",
        label: |t| t.field_details,
        hint: Some(|t| t.details_hint),
        control: Control::Text(8),
    },
];

const FEEDBACK: [Field; 5] = [
    Field {
        id: "feedback-type",
        path: "$.request.type",
        label: |t| t.field_type,
        hint: None,
        control: Control::FeedbackType,
    },
    Field {
        id: "feedback-deployment",
        path: "$.request.version",
        label: |t| t.field_deployment,
        hint: None,
        control: Control::Deployment,
    },
    Field {
        id: "feedback-title",
        path: "$.request.title",
        label: |t| t.field_summary,
        hint: Some(|t| t.summary_hint),
        control: Control::Input("text", "off"),
    },
    Field {
        id: "feedback-description",
        path: "$.request.description",
        label: |t| t.field_description,
        hint: Some(|t| t.description_hint),
        control: Control::Text(8),
    },
    Field {
        id: "feedback-attachments",
        path: "$.request.attachments",
        label: |t| t.field_attachments,
        hint: Some(|t| t.attachments_hint),
        control: Control::Text(3),
    },
];

fn fields(kind: &FormKind) -> Vec<&'static Field> {
    let own: &'static [Field] = match kind {
        FormKind::Ask { .. } => &ASK,
        FormKind::Feedback => &FEEDBACK,
    };
    own.iter().chain(CONTACT.iter()).collect()
}

/// A problem's field: the one whose path it names, or is inside
/// (`$.request.attachments[2]` is the attachment list's).
fn field_of(kind: &FormKind, problem: &str) -> Option<&'static Field> {
    fields(kind).into_iter().find(|f| {
        problem == f.path
            || problem
                .strip_prefix(f.path)
                .is_some_and(|rest| rest.starts_with('['))
    })
}

fn form_page(args: FormArgs) -> AnyView {
    let lang = use_lang();
    let outbox = use_outbox();
    let session = use_session();
    let FormArgs { workspace, kind } = args;
    if kind == FormKind::Feedback && workspace.deployments.is_empty() {
        return view! { <p class="notice">{move || community_texts(lang.get()).no_deployments}</p> }
            .into_any();
    }
    let products = LocalResource::new(fetch_products);
    let deployments = StoredValue::new(workspace.deployments.clone());
    let workspace_id = workspace.id.clone();
    let problems = RwSignal::new(Vec::<Problem>::new());
    let sending = RwSignal::new(Sending::Editing);
    let kind = StoredValue::new(kind);

    let head = NodeRef::<html::Div>::new();
    let form = NodeRef::<html::Form>::new();
    let status = NodeRef::<html::Div>::new();
    // The form, per language and once the catalogue names the products,
    // keeping what was typed; the title of a question from the knowledge
    // base starts as the search.
    Effect::new(move |built: Option<bool>| {
        let (lang, catalogue) = (lang.get(), products.get().and_then(Result::ok));
        let (Some(head), Some(form)) = (head.get(), form.get()) else {
            return built.unwrap_or(false);
        };
        let kind = kind.get_value();
        let kept = if built.unwrap_or(false) {
            read_values(&kind)
        } else {
            initial_values(&kind)
        };
        heading(&head, lang, &kind);
        deployments.with_value(|ds| build_form(&form, lang, &kind, ds, catalogue.as_deref()));
        restore_values(&kept);
        problems.with_untracked(|ps| show_field_problems(lang, &kind, ps));
        true
    });
    // The field errors, the summary and where sending stands.
    Effect::new(move |_| {
        let (lang, sending) = (lang.get(), sending.get());
        let kind = kind.get_value();
        problems.with(|ps| {
            show_field_problems(lang, &kind, ps);
            if let Some(status) = status.get() {
                show_status(&status, lang, &kind, ps, &sending);
            }
        });
        set_button(lang, &kind, &sending);
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() == Sending::Saving {
            return;
        }
        let lang_now = lang.get_untracked();
        let kind_now = kind.get_value();
        let v = |id: &str| field_value(id);
        let contact = Contact {
            name: v("contact-name").trim().to_owned(),
            email: v("contact-email").trim().to_owned(),
            phone: Some(v("contact-phone").trim().to_owned()).filter(|p| !p.is_empty()),
        };
        let (request, summary) = match &kind_now {
            FormKind::Ask { query } => {
                let title = v("ask-title").trim().to_owned();
                let question = Question {
                    title: title.clone(),
                    details: v("ask-details"),
                    kb_query: Some(query.trim().to_owned()).filter(|q| !q.is_empty()),
                    contact,
                };
                (Request::Question(question), title)
            }
            FormKind::Feedback => {
                let index: usize = v("feedback-deployment").parse().unwrap_or(0);
                let Some(d) = deployments.with_value(|ds| ds.get(index).cloned()) else {
                    return;
                };
                let feedback_type = checked_type().unwrap_or(FeedbackKind::Suggestion);
                let title = v("feedback-title").trim().to_owned();
                let feedback = Feedback {
                    feedback_type,
                    product: d.product,
                    version: d.version,
                    title: title.clone(),
                    description: v("feedback-description"),
                    attachments: attachment_names(&v("feedback-attachments")),
                    contact,
                };
                (Request::Feedback(feedback), title)
            }
        };
        let Some(secret) = session.key_untracked() else {
            return;
        };
        let submission = new_submission(lang_now, Scope::Workspace, workspace_id.clone(), request);
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
                    for f in fields(&kind_now) {
                        if matches!(f.control, Control::Input("text", "off") | Control::Text(_)) {
                            if let Some(e) = element(f.id) {
                                set_value(&e, "");
                            }
                        }
                    }
                    sending.set(Sending::Queued);
                }
                Err(SubmitError::Problems(found)) => {
                    let first = found
                        .iter()
                        .find_map(|p| field_of(&kind_now, &p.field))
                        .map(|f| f.id);
                    problems.set(found);
                    sending.set(Sending::Editing);
                    if let Some(id) = first {
                        focus_by_id(&focus_target(id));
                    }
                }
                Err(SubmitError::Store(e)) => sending.set(Sending::StoreFailed(e)),
                Err(SubmitError::NoCredentials) => sending.set(Sending::NoCredentials),
            }
        });
    };

    view! {
        <div node_ref=head></div>
        <form class="card community-form" novalidate node_ref=form on:submit=submit></form>
        <div class="community-status" node_ref=status></div>
    }
    .into_any()
}

fn document() -> Option<Document> {
    web_sys::window().and_then(|w| w.document())
}

fn element(id: &str) -> Option<Element> {
    document().and_then(|d| d.get_element_by_id(id))
}

fn field_value(id: &str) -> String {
    element(id).map(|e| value(&e)).unwrap_or_default()
}

/// The element a field's error moves the focus to: the first radio of the
/// type, the control itself otherwise.
fn focus_target(id: &str) -> String {
    if id == "feedback-type" {
        "feedback-type-suggestion".to_owned()
    } else {
        id.to_owned()
    }
}

fn checked_type() -> Option<FeedbackKind> {
    let doc = document()?;
    let e = doc
        .query_selector("input[name=feedback-type]:checked")
        .ok()??;
    value(&e).parse().ok()
}

/// One file name a line, blank lines dropped, each trimmed.
fn attachment_names(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// What the user typed or chose, by control id (the type's radio as
/// `feedback-type`).
type Values = Vec<(String, String)>;

fn read_values(kind: &FormKind) -> Values {
    fields(kind)
        .into_iter()
        .map(|f| {
            let v = match f.control {
                Control::FeedbackType => checked_type()
                    .map(|k| k.as_str().to_owned())
                    .unwrap_or_default(),
                _ => field_value(f.id),
            };
            (f.id.to_owned(), v)
        })
        .collect()
}

fn initial_values(kind: &FormKind) -> Values {
    match kind {
        FormKind::Ask { query } => vec![("ask-title".to_owned(), query.trim().to_owned())],
        FormKind::Feedback => Vec::new(),
    }
}

fn restore_values(values: &Values) {
    for (id, v) in values {
        if id == "feedback-type" {
            if let Some(radio) = element(&format!("feedback-type-{v}")) {
                let _ = js_sys::Reflect::set(&radio, &"checked".into(), &true.into());
            }
        } else if let Some(e) = element(id) {
            set_value(&e, v);
        }
    }
}

fn heading(host: &Element, lang: Lang, kind: &FormKind) {
    let Some(doc) = host.owner_document() else {
        return;
    };
    let t = community_texts(lang);
    host.set_text_content(None);
    let (title, lead) = match kind {
        FormKind::Ask { .. } => (t.ask_title, t.ask_lead),
        FormKind::Feedback => (t.feedback_title, t.feedback_lead),
    };
    text_el(&doc, host, "h1", "", title);
    text_el(&doc, host, "p", "lead-text", lead);
    if let FormKind::Ask { query } = kind {
        if !query.trim().is_empty() {
            let p = text_el(&doc, host, "p", "notice", &(t.ask_from_kb)(query.trim()));
            attr(&p, "data-from-kb", "");
        }
    }
}

/// The fields with their labels, hints and (hidden) error lines, and the
/// send button.
fn build_form(
    form: &Element,
    lang: Lang,
    kind: &FormKind,
    deployments: &[Deployment],
    catalogue: Option<&[Product]>,
) {
    let Some(doc) = form.owner_document() else {
        return;
    };
    let t = community_texts(lang);
    form.set_text_content(None);
    for f in fields(kind) {
        let label_text = (f.label)(t);
        let hint_id = format!("{}-hint", f.id);
        let error_id = format!("{}-error", f.id);
        let (wrap, control) = match f.control {
            Control::FeedbackType => {
                let set = el(&doc, form, "fieldset", "choices");
                attr(&set, "id", f.id);
                text_el(&doc, &set, "legend", "", label_text);
                for (k, title, hint) in [
                    (FeedbackKind::Suggestion, t.suggestion, t.suggestion_hint),
                    (FeedbackKind::Defect, t.defect, t.defect_hint),
                ] {
                    let label = el(&doc, &set, "label", "choice");
                    let radio = el(&doc, &label, "input", "");
                    attr(&radio, "type", "radio");
                    attr(&radio, "name", "feedback-type");
                    attr(&radio, "value", k.as_str());
                    attr(&radio, "id", &format!("feedback-type-{}", k.as_str()));
                    if k == FeedbackKind::Suggestion {
                        attr(&radio, "checked", "");
                    }
                    let body = el(&doc, &label, "span", "choice-body");
                    text_el(&doc, &body, "span", "choice-title", title);
                    text_el(&doc, &body, "span", "choice-hint", hint);
                }
                (set.clone(), set)
            }
            _ => {
                let wrap = el(&doc, form, "div", "field");
                let label = text_el(&doc, &wrap, "label", "", label_text);
                attr(&label, "for", f.id);
                if f.id == "contact-phone" {
                    text(&doc, &label, t.optional);
                }
                let control = match f.control {
                    Control::Input(kind, autocomplete) => {
                        let input = el(&doc, &wrap, "input", "");
                        attr(&input, "type", kind);
                        attr(&input, "autocomplete", autocomplete);
                        input
                    }
                    Control::Text(rows) => {
                        let area = el(&doc, &wrap, "textarea", "");
                        attr(&area, "rows", &rows.to_string());
                        area
                    }
                    _ => {
                        let select = el(&doc, &wrap, "select", "");
                        for (i, d) in deployments.iter().enumerate() {
                            let option = text_el(
                                &doc,
                                &select,
                                "option",
                                "",
                                &deployment_label(lang, d, catalogue),
                            );
                            attr(&option, "value", &i.to_string());
                        }
                        select
                    }
                };
                attr(&control, "id", f.id);
                (wrap, control)
            }
        };
        if let Some(hint) = f.hint {
            let p = text_el(&doc, &wrap, "p", "field-hint", hint(t));
            attr(&p, "id", &hint_id);
            attr(&control, "aria-describedby", &hint_id);
        }
        let error = el(&doc, &wrap, "p", "field-error");
        attr(&error, "id", &error_id);
        attr(&error, "hidden", "");
    }
    let button = el(&doc, form, "button", "button primary");
    attr(&button, "type", "submit");
    attr(&button, "id", "community-send");
    button.set_text_content(Some(send_label(t, kind)));
}

fn send_label(t: &CommunityTexts, kind: &FormKind) -> &'static str {
    match kind {
        FormKind::Ask { .. } => t.ask_send,
        FormKind::Feedback => t.feedback_send,
    }
}

fn set_button(lang: Lang, kind: &FormKind, sending: &Sending) {
    let t = community_texts(lang);
    if let Some(button) = element("community-send") {
        if *sending == Sending::Saving {
            button.set_text_content(Some(t.sending));
            attr(&button, "disabled", "");
        } else {
            button.set_text_content(Some(send_label(t, kind)));
            let _ = button.remove_attribute("disabled");
        }
    }
}

/// `Coremail XT 电子邮件系统 V5.0 V5.0.14 · 集团总部`.
fn deployment_label(lang: Lang, d: &Deployment, catalogue: Option<&[Product]>) -> String {
    let en = lang.is_en();
    let product = catalogue
        .and_then(|ps| ps.iter().find(|p| p.id == d.product))
        .map_or(d.product.as_str(), |p| p.name.get(en));
    format!("{product} {} · {}", d.version, d.label.get(en))
}

/// What is wrong with `p`, for the line under its field: an attachment's
/// problem names its line.
fn field_words(lang: Lang, p: &Problem) -> String {
    let words = code_words(lang, &p.field, p.code);
    let line = p
        .field
        .strip_prefix("$.request.attachments[")
        .and_then(|rest| rest.strip_suffix(']'))
        .and_then(|i| i.parse::<usize>().ok());
    match line {
        Some(i) => match lang {
            Lang::Zh => format!("第 {} 行：{words}", i + 1),
            Lang::En => format!("Line {}: {words}", i + 1),
        },
        None => words,
    }
}

/// Each field's error line and `aria-invalid`, from the problems found.
fn show_field_problems(lang: Lang, kind: &FormKind, problems: &[Problem]) {
    for f in fields(kind) {
        let (Some(error), Some(control)) = (element(&format!("{}-error", f.id)), element(f.id))
        else {
            continue;
        };
        let mine: Vec<String> = problems
            .iter()
            .filter(|p| field_of(kind, &p.field).is_some_and(|g| g.id == f.id))
            .map(|p| field_words(lang, p))
            .collect();
        let hint = f.hint.map(|_| format!("{}-hint", f.id));
        if mine.is_empty() {
            error.set_text_content(None);
            attr(&error, "hidden", "");
            let _ = control.remove_attribute("aria-invalid");
            match &hint {
                Some(h) => attr(&control, "aria-describedby", h),
                None => {
                    let _ = control.remove_attribute("aria-describedby");
                }
            }
        } else {
            error.set_text_content(Some(&mine.join(" ")));
            let _ = error.remove_attribute("hidden");
            if f.control.is_control() {
                attr(&control, "aria-invalid", "true");
            }
            let ids: Vec<String> = hint
                .into_iter()
                .chain([format!("{}-error", f.id)])
                .collect();
            attr(&control, "aria-describedby", &ids.join(" "));
        }
    }
}

impl Control {
    /// A single control that can be invalid (not the radio group).
    fn is_control(self) -> bool {
        !matches!(self, Control::FeedbackType)
    }
}

/// Under the form: the problems to fix first (linking to their fields), or
/// that it is queued, or why nothing was stored.
fn show_status(
    host: &Element,
    lang: Lang,
    kind: &FormKind,
    problems: &[Problem],
    sending: &Sending,
) {
    let Some(doc) = host.owner_document() else {
        return;
    };
    let t = community_texts(lang);
    host.set_text_content(None);
    if !problems.is_empty() {
        let box_ = el(&doc, host, "div", "notice");
        attr(&box_, "role", "alert");
        text_el(&doc, &box_, "p", "", t.fix_first);
        let ul = el(&doc, &box_, "ul", "");
        for p in problems {
            let li = el(&doc, &ul, "li", "");
            let field = field_of(kind, &p.field);
            let id = field.map_or("community-send", |f| f.id);
            // The field as this form labels it ("描述", not the request form's "问题描述").
            let words = match field {
                Some(f) => labelled(lang, (f.label)(t), &code_words(lang, &p.field, p.code)),
                None => problem_words(lang, p),
            };
            let a = text_el(&doc, &li, "a", "", &words);
            attr(&a, "href", &format!("#{}", focus_target(id)));
            attr(&a, "target", "_self");
        }
    }
    match sending {
        Sending::Editing | Sending::Saving => {}
        Sending::Queued => {
            let ok = el(&doc, host, "div", "notice ok");
            attr(&ok, "role", "status");
            attr(&ok, "data-queued", "");
            let queued = match kind {
                FormKind::Ask { .. } => t.ask_queued,
                FormKind::Feedback => t.feedback_queued,
            };
            text_el(&doc, &ok, "p", "", queued);
            let p = el(&doc, &ok, "p", "");
            let a = text_el(&doc, &p, "a", "", t.see_outbox);
            attr(&a, "href", routes::OUTBOX);
        }
        Sending::StoreFailed(e) => {
            let p = text_el(
                &doc,
                host,
                "p",
                "notice",
                store_error_message(lang, e, StoreUse::Queue),
            );
            attr(&p, "role", store_problem_role(StoreUse::Queue));
        }
        Sending::NoCredentials => {
            let p = text_el(&doc, host, "p", "notice", t.no_credentials);
            attr(&p, "role", "alert");
        }
    }
}
