//! 消息设置: the matrix of notice types × (on/off, frequency, channels),
//! quiet hours, kept on this device at every change, sent to Coremail
//! through the outbox (`notification_settings`), exported to a file and
//! imported from one (errors in the user's language).

use super::device;
use super::texts::{frequency_words, import_error, notice_words, reminders_texts};
use crate::components::{load_workspace, problem_words};
use crate::dom::{attr, el, set_value, text, text_el, value};
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

#[component]
pub fn SettingsPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let outbox = use_outbox();
    let settings = RwSignal::new(device::settings());
    let status = RwSignal::new(Status::None);
    let workspace = LocalResource::new(move || {
        let key = session.key();
        async move { load_workspace(&key?).await.ok().map(|w| w.id) }
    });

    let change = move |f: &dyn Fn(&mut NotificationSettings)| {
        settings.update(|s| f(s));
        let kept = device::save_settings(&settings.get_untracked());
        status.set(if kept {
            Status::Saved
        } else {
            Status::NotSaved
        });
    };

    let export = move |_| {
        save_file(
            "coremail-notification-settings.json",
            &settings.get_untracked().to_file(),
        )
    };
    let import_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
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
    let send = move |_| {
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
            summary: reminders_texts(lang).settings_title.to_owned(),
            ticket: None,
            catalogue: None,
            form_problems: Vec::new(),
        };
        leptos::task::spawn_local(async move {
            let t = reminders_texts(lang);
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

    // The matrix and the quiet hours are built with the DOM API (`form`),
    // once per language; `sync` sets the controls from the settings (after
    // an import) and `read` turns them back into settings at each change,
    // so a control keeps its focus while the user works it.
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        let lang = lang.get();
        if let Some(form) = form.get() {
            build(&form, lang);
            sync(&form, &settings.get_untracked());
        }
    });
    Effect::new(move |_| {
        let s = settings.get();
        if let Some(form) = form.get_untracked() {
            sync(&form, &s);
        }
    });
    let on_change = move |_| {
        if let Some(form) = form.get_untracked() {
            let next = read(&form, &settings.get_untracked());
            change(&|x| *x = next.clone());
        }
    };

    // One shape for every status: its words, its role and its key.
    let status_view = move || {
        let t = reminders_texts(lang.get());
        let (key, text, alert) = match status.get() {
            Status::None => return None,
            Status::Saved => ("saved", t.saved.to_owned(), false),
            Status::Imported => ("imported", t.imported.to_owned(), false),
            Status::NotSaved => ("not-saved", t.not_saved.to_owned(), true),
            Status::ImportFailed(m) => ("import-failed", m, true),
            Status::Sent => ("sent", t.sent.to_owned(), false),
            Status::SendFailed(m) => ("send-failed", format!("{}{m}", t.send_failed), true),
        };
        Some(view! {
            <p role=if alert { "alert" } else { "status" } class=if alert { "notice" } else { "muted" } data-settings-status=key>{text}</p>
        })
    };

    let send_block = move || {
        let t = reminders_texts(lang.get());
        let open = matches!(workspace.get(), Some(Some(_)));
        view! {
            <p class=if open { "muted" } else { "notice" }>{if open { t.send_hint } else { t.send_needs_workspace }}</p>
            <p>
                <button type="button" class="button primary" data-send-settings="" on:click=send prop:hidden=!open>{t.send}</button>" "
                <a href=if open { routes::OUTBOX } else { routes::WORKSPACE }>{if open { t.to_outbox } else { t.open_workspace }}</a>
            </p>
        }
    };

    move || {
        let t = reminders_texts(lang.get());
        view! {
            <section class="page settings-page">
                <h1 id="settings-title">{t.settings_title}</h1>
                <p class="lead-text">{t.settings_lead}</p>
                <p><a href=routes::REMINDERS>{t.back_to_reminders}</a></p>
                <div aria-live="polite">{status_view}</div>
                <form class="settings-form" node_ref=form on:submit=|ev| ev.prevent_default() on:change=on_change></form>
                <section class="card" aria-labelledby="send-title">
                    <h2 id="send-title">{t.send_title}</h2>
                    {send_block}
                </section>
                <section class="card" aria-labelledby="file-title">
                    <h2 id="file-title">{t.file_title}</h2>
                    <p>
                        <button type="button" class="button" data-export="" on:click=export>{t.export}</button>
                    </p>
                    <p class="field">
                        <label for="settings-import">{t.import}</label>" "
                        <input id="settings-import" type="file" accept=".json,application/json" data-import="" on:change=import_file/>
                    </p>
                </section>
            </section>
        }
    }
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
fn build(form: &Element, lang: Lang) {
    let Some(doc) = form.owner_document() else {
        return;
    };
    form.set_text_content(None);
    let t = reminders_texts(lang);
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

/// Offers `text` as a JSON file named `name`, through a Blob URL.
fn save_file(name: &str, text: &str) {
    let _ = (|| {
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("application/json");
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let link = web_sys::window()?.document()?.create_element("a").ok()?;
        link.set_attribute("href", &url).ok()?;
        link.set_attribute("download", name).ok()?;
        link.dyn_ref::<web_sys::HtmlElement>()?.click();
        set_timeout(
            move || {
                let _ = web_sys::Url::revoke_object_url(&url);
            },
            std::time::Duration::from_secs(10),
        );
        Some(())
    })();
}
