//! 消息设置: the matrix of notice types × (on/off, frequency, channels),
//! quiet hours, kept on this device at every change, sent to Coremail
//! through the outbox (`notification_settings`), exported to a file and
//! imported from one (errors in the user's language).
//!
//! A section of its own (`settings_view`): a deep link does not load the
//! reminders engine. The whole page is built with the DOM API (`build`,
//! once per language) into one `<section>`, whose clicks, changes and
//! submits are handled there by what the target is; the status line and
//! the "send" card are rebuilt when what they show changes. The workspace
//! is opened only for its id (`workspace_id`), which names the sender,
//! through the inbox's workspace split point (`private`), so that a deep
//! link without a key does not load it.

use super::device;
use super::texts::{frequency_words, import_error, notice_words, settings_texts};
use crate::components::problem_words;
use crate::dom::{attr, el, offer_download, set_value, text, text_el, titled_section, value};
use crate::i18n::{use_lang, Lang};
use crate::outbox::{new_submission, use_outbox, Op, Submit, SubmitError};
use crate::routes;
use crate::session::use_session;
use leptos::prelude::*;
use portal_core::settings::{
    import, Frequency, NoticeType, NotificationSettings, QuietHours, TypeSetting,
};
use portal_core::submission::{Request, Scope, SettingsUpdate};
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

/// What the last action said.
#[derive(Clone, PartialEq)]
enum Status {
    None,
    Saved,
    NotSaved,
    Imported,
    ImportFailed(String),
    Sent,
    SendFailed(String),
}

/// The id of the workspace `key` opens (`None` when it does not open),
/// which names the submission's sender: `portal intake` finds the private
/// source by it and checks the proof made from the key.
async fn workspace_id(key: String) -> Option<String> {
    let opened = super::private::reminders_workspace(key, false).await;
    opened.ok().flatten().map(|p| p.id)
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let outbox = use_outbox();
    let settings = RwSignal::new(device::settings());
    let status = RwSignal::new(Status::None);
    let workspace = LocalResource::new(move || {
        let key = session.key();
        async move { workspace_id(key?).await }
    });
    let host = NodeRef::<leptos::html::Section>::new();

    let change = move |next: NotificationSettings| {
        let kept = device::save_settings(&next);
        settings.set(next);
        status.set(if kept {
            Status::Saved
        } else {
            Status::NotSaved
        });
    };

    let import_file = move |input: web_sys::HtmlInputElement| {
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            match import(&text) {
                Ok(s) => {
                    let kept = device::save_settings(&s);
                    settings.set(s);
                    status.set(if kept {
                        Status::Imported
                    } else {
                        Status::NotSaved
                    });
                }
                Err(e) => status.set(Status::ImportFailed(import_error(lang.get_untracked(), &e))),
            }
        });
    };
    let send = move || {
        let lang = lang.get_untracked();
        let (Some(secret), Some(Some(id))) = (session.key_untracked(), workspace.get_untracked())
        else {
            return;
        };
        let submission = new_submission(
            lang,
            Scope::Workspace,
            id,
            Request::NotificationSettings(SettingsUpdate {
                settings: settings.get_untracked(),
            }),
        );
        let submit = Submit {
            submission,
            secret,
            labels: portal_core::secret::workspace_labels(),
            summary: settings_texts(lang).settings_title.to_owned(),
            ticket: None,
            catalogue: None,
            form_problems: Vec::new(),
        };
        leptos::task::spawn_local(async move {
            let t = settings_texts(lang);
            match outbox.run(Op::Submit(Box::new(submit))).await {
                Ok(()) => status.set(Status::Sent),
                Err(SubmitError::Problems(problems)) => {
                    let words: Vec<String> = problems
                        .iter()
                        .map(|p| {
                            match NoticeType::ALL.iter().find(|t| {
                                p.field
                                    == format!("$.request.settings.types.{}.channels", t.as_str())
                            }) {
                                Some(&nt) => (t.no_channel)(notice_words(lang, nt).0),
                                None if p.field.contains("quiet_hours") => t.bad_time.to_owned(),
                                None => problem_words(lang, p),
                            }
                        })
                        .collect();
                    status.set(Status::SendFailed(words.join(" ")));
                }
                Err(SubmitError::Store(e)) => status.set(Status::SendFailed(format!("{e:?}"))),
                Err(SubmitError::NoCredentials) => status.set(Status::SendFailed(String::new())),
            }
        });
    };

    // The page, once per language; then the controls from the settings
    // (again after an import), the status line and the send card, each
    // when what it shows changes, so a control keeps its focus while the
    // user works it.
    let open = move || matches!(workspace.get(), Some(Some(_)));
    Effect::new(move |_| {
        let lang = lang.get();
        if let Some(host) = host.get() {
            build(&host, lang);
            sync(&host, &settings.get_untracked());
            show_status(&host, lang, &status.get_untracked());
            show_send(&host, lang, untrack(open));
        }
    });
    Effect::new(move |_| {
        let s = settings.get();
        if let Some(host) = host.get_untracked() {
            sync(&host, &s);
        }
    });
    Effect::new(move |_| {
        let status = status.get();
        if let Some(host) = host.get_untracked() {
            show_status(&host, lang.get_untracked(), &status);
        }
    });
    Effect::new(move |_| {
        let open = open();
        if let Some(host) = host.get_untracked() {
            show_send(&host, lang.get_untracked(), open);
        }
    });

    let target = |ev: &web_sys::Event| ev.target().and_then(|t| t.dyn_into::<Element>().ok());
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(t) = target(&ev) else {
            return;
        };
        if t.has_attribute("data-export") {
            offer_download(
                "coremail-notification-settings.json",
                "application/json",
                &settings.get_untracked().to_file(),
            );
        } else if t.has_attribute("data-send-settings") {
            send();
        }
    };
    let on_change = move |ev: leptos::ev::Event| {
        let Some(t) = target(&ev) else {
            return;
        };
        if t.has_attribute("data-import") {
            if let Ok(input) = t.dyn_into::<web_sys::HtmlInputElement>() {
                import_file(input);
            }
        } else if let Some(form) = host.get_untracked() {
            change(read(&form, &settings.get_untracked()));
        }
    };

    view! {
        <section class="page settings-page" node_ref=host on:click=on_click on:change=on_change
            on:submit=|ev| ev.prevent_default()></section>
    }
}

/// The page's markup in `lang`: heading, an empty status line, the matrix
/// and the quiet hours, the send card (filled by `show_send`) and the file
/// card.
fn build(host: &Element, lang: Lang) {
    let Some(doc) = host.owner_document() else {
        return;
    };
    host.set_text_content(None);
    let t = settings_texts(lang);
    attr(
        &text_el(&doc, host, "h1", "", t.settings_title),
        "id",
        "settings-title",
    );
    text_el(&doc, host, "p", "lead-text", t.settings_lead);
    attr(
        &text_el(&doc, &el(&doc, host, "p", ""), "a", "", t.back_to_reminders),
        "href",
        routes::REMINDERS,
    );
    attr(&el(&doc, host, "div", ""), "aria-live", "polite");
    let form = el(&doc, host, "form", "settings-form");
    matrix(&doc, &form, lang);
    let send = el(&doc, host, "section", "card");
    attr(&send, "aria-labelledby", "send-title");
    attr(&send, "data-send-card", "");
    let file = titled_section(&doc, host, "card", "file-title", t.file_title);
    let b = text_el(
        &doc,
        &el(&doc, &file, "p", ""),
        "button",
        "button",
        t.export,
    );
    attr(&b, "type", "button");
    attr(&b, "data-export", "");
    let field = el(&doc, &file, "p", "field");
    attr(
        &text_el(&doc, &field, "label", "", t.import),
        "for",
        "settings-import",
    );
    text(&doc, &field, " ");
    let input = el(&doc, &field, "input", "");
    for (k, v) in [
        ("id", "settings-import"),
        ("type", "file"),
        ("accept", ".json,application/json"),
        ("data-import", ""),
    ] {
        attr(&input, k, v);
    }
}

/// The status line: what the last action said, with its role and its key.
fn show_status(host: &Element, lang: Lang, status: &Status) {
    let (Some(doc), Some(live)) = (
        host.owner_document(),
        host.query_selector("[aria-live]").ok().flatten(),
    ) else {
        return;
    };
    live.set_text_content(None);
    let t = settings_texts(lang);
    let (key, words, alert) = match status {
        Status::None => return,
        Status::Saved => ("saved", t.saved.to_owned(), false),
        Status::Imported => ("imported", t.imported.to_owned(), false),
        Status::NotSaved => ("not-saved", t.not_saved.to_owned(), true),
        Status::ImportFailed(m) => ("import-failed", m.clone(), true),
        Status::Sent => ("sent", t.sent.to_owned(), false),
        Status::SendFailed(m) => ("send-failed", format!("{}{m}", t.send_failed), true),
    };
    let p = text_el(
        &doc,
        &live,
        "p",
        if alert { "notice" } else { "muted" },
        &words,
    );
    attr(&p, "role", if alert { "alert" } else { "status" });
    attr(&p, "data-settings-status", key);
}

/// "Send to Coremail": the button once a workspace is open, else the way
/// to open one.
fn show_send(host: &Element, lang: Lang, open: bool) {
    let (Some(doc), Some(card)) = (
        host.owner_document(),
        host.query_selector("[data-send-card]").ok().flatten(),
    ) else {
        return;
    };
    card.set_text_content(None);
    let t = settings_texts(lang);
    attr(
        &text_el(&doc, &card, "h2", "", t.send_title),
        "id",
        "send-title",
    );
    text_el(
        &doc,
        &card,
        "p",
        if open { "muted" } else { "notice" },
        if open {
            t.send_hint
        } else {
            t.send_needs_workspace
        },
    );
    let p = el(&doc, &card, "p", "");
    let b = text_el(&doc, &p, "button", "button primary", t.send);
    attr(&b, "type", "button");
    attr(&b, "data-send-settings", "");
    if !open {
        attr(&b, "hidden", "");
    }
    text(&doc, &p, " ");
    attr(
        &text_el(
            &doc,
            &p,
            "a",
            "",
            if open { t.to_outbox } else { t.open_workspace },
        ),
        "href",
        if open {
            routes::OUTBOX
        } else {
            routes::WORKSPACE
        },
    );
}

const CHANNELS: [&str; 3] = ["email", "sms", "browser"];

fn control(form: &Element, id: &str) -> Option<Element> {
    form.query_selector(&format!("#{id}")).ok().flatten()
}

fn checked(e: &Element) -> bool {
    js_sys::Reflect::get(e, &"checked".into())
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

fn set_prop(e: &Element, name: &str, on: bool) {
    let _ = js_sys::Reflect::set(e, &name.into(), &on.into());
}

fn checkbox(doc: &Document, parent: &Element, id: &str, label: &str) {
    let l = el(doc, parent, "label", "check-inline");
    let i = el(doc, &l, "input", "");
    attr(&i, "type", "checkbox");
    attr(&i, "id", id);
    text(doc, &l, &format!(" {label}"));
}

/// The matrix (types × on, frequency, channels) and the quiet hours.
fn matrix(doc: &Document, form: &Element, lang: Lang) {
    let doc = doc.clone();
    let t = settings_texts(lang);
    let scroll = el(&doc, form, "div", "table-scroll");
    attr(&scroll, "tabindex", "0");
    attr(&scroll, "role", "region");
    attr(&scroll, "aria-labelledby", "settings-title");
    let table = el(&doc, &scroll, "table", "data-table settings-matrix");
    let head = el(&doc, &el(&doc, &table, "thead", ""), "tr", "");
    for h in [t.col_type, t.col_on, t.col_frequency, t.col_channels] {
        attr(&text_el(&doc, &head, "th", "", h), "scope", "col");
    }
    let body = el(&doc, &table, "tbody", "");
    for nt in NoticeType::ALL {
        let key = nt.as_str();
        let (name, what) = notice_words(lang, nt);
        let tr = el(&doc, &body, "tr", "");
        attr(&tr, "data-type", key);
        let th = el(&doc, &tr, "th", "");
        attr(&th, "scope", "row");
        attr(
            &text_el(&doc, &th, "label", "", name),
            "for",
            &format!("on-{key}"),
        );
        text_el(&doc, &th, "span", "muted settings-what", what);
        let on = el(&doc, &el(&doc, &tr, "td", ""), "input", "");
        attr(&on, "type", "checkbox");
        attr(&on, "id", &format!("on-{key}"));
        let select = el(&doc, &el(&doc, &tr, "td", ""), "select", "");
        attr(&select, "id", &format!("freq-{key}"));
        attr(
            &select,
            "aria-label",
            &format!("{name}: {}", t.col_frequency),
        );
        for f in Frequency::ALL {
            let o = text_el(&doc, &select, "option", "", frequency_words(lang, f));
            attr(&o, "value", f.as_str());
        }
        let set = el(&doc, &el(&doc, &tr, "td", ""), "fieldset", "channel-set");
        text_el(
            &doc,
            &set,
            "legend",
            "visually-hidden",
            &format!("{name}: {}", t.col_channels),
        );
        for (c, label) in CHANNELS.into_iter().zip([t.email, t.sms, t.browser]) {
            checkbox(&doc, &set, &format!("{c}-{key}"), label);
        }
    }
    let quiet = el(&doc, form, "fieldset", "card quiet-hours");
    text_el(&doc, &quiet, "legend", "", t.quiet_title);
    for (mode, label) in [
        ("outside", t.quiet_outside),
        ("daily", t.quiet_daily),
        ("off", t.quiet_off),
    ] {
        let l = el(&doc, &quiet, "label", "check-inline");
        let i = el(&doc, &l, "input", "");
        attr(&i, "type", "radio");
        attr(&i, "name", "quiet");
        attr(&i, "id", &format!("quiet-{mode}"));
        attr(&i, "value", mode);
        text(&doc, &l, &format!(" {label}"));
        if mode == "daily" {
            let times = el(&doc, &quiet, "div", "quiet-times");
            for (id, label) in [("quiet-from", t.quiet_from), ("quiet-to", t.quiet_to)] {
                let l = text_el(&doc, &times, "label", "", &format!("{label} "));
                let i = el(&doc, &l, "input", "");
                attr(&i, "type", "time");
                attr(&i, "id", id);
            }
        }
    }
    text_el(&doc, &quiet, "p", "field-hint", t.quiet_hint);
}

/// Sets every control from `s`.
fn sync(form: &Element, s: &NotificationSettings) {
    for nt in NoticeType::ALL {
        let key = nt.as_str();
        let x = s.get(nt);
        if let Some(e) = control(form, &format!("on-{key}")) {
            set_prop(&e, "checked", x.enabled);
        }
        if let Some(e) = control(form, &format!("freq-{key}")) {
            set_value(&e, x.frequency.as_str());
            set_prop(&e, "disabled", !x.enabled);
        }
        for (c, on) in
            CHANNELS
                .into_iter()
                .zip([x.channels.email, x.channels.sms, x.channels.browser])
        {
            if let Some(e) = control(form, &format!("{c}-{key}")) {
                set_prop(&e, "checked", on);
                set_prop(&e, "disabled", !x.enabled);
            }
        }
    }
    let (mode, from, to) = match &s.quiet_hours {
        QuietHours::OutsideWorkingTime => ("outside", "22:00", "08:00"),
        QuietHours::Daily { from, to } => ("daily", from.as_str(), to.as_str()),
        QuietHours::Off => ("off", "22:00", "08:00"),
    };
    for m in ["outside", "daily", "off"] {
        if let Some(e) = control(form, &format!("quiet-{m}")) {
            set_prop(&e, "checked", m == mode);
        }
    }
    for (id, v) in [("quiet-from", from), ("quiet-to", to)] {
        if let Some(e) = control(form, id) {
            set_value(&e, v);
            set_prop(&e, "disabled", mode != "daily");
        }
    }
}

/// The settings the controls show (`before` for anything missing).
fn read(form: &Element, before: &NotificationSettings) -> NotificationSettings {
    let mut s = before.clone();
    for nt in NoticeType::ALL {
        let key = nt.as_str();
        let x: &mut TypeSetting = s.get_mut(nt);
        if let Some(e) = control(form, &format!("on-{key}")) {
            x.enabled = checked(&e);
        }
        if let Some(f) =
            control(form, &format!("freq-{key}")).and_then(|e| value(&e).parse::<Frequency>().ok())
        {
            x.frequency = f;
        }
        let mut on = CHANNELS.map(|c| control(form, &format!("{c}-{key}")).map(|e| checked(&e)));
        x.channels.email = on[0].take().unwrap_or(x.channels.email);
        x.channels.sms = on[1].take().unwrap_or(x.channels.sms);
        x.channels.browser = on[2].take().unwrap_or(x.channels.browser);
    }
    let mode = ["outside", "daily", "off"]
        .into_iter()
        .find(|m| control(form, &format!("quiet-{m}")).is_some_and(|e| checked(&e)));
    let time = |id| control(form, id).map(|e| value(&e)).unwrap_or_default();
    s.quiet_hours = match mode {
        Some("daily") => QuietHours::Daily {
            from: time("quiet-from"),
            to: time("quiet-to"),
        },
        Some("off") => QuietHours::Off,
        _ => QuietHours::OutsideWorkingTime,
    };
    s
}
