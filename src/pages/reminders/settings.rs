//! 消息设置: the matrix of notice types × (on/off, frequency, channels),
//! quiet hours, kept on this device at every change, sent to Coremail
//! through the outbox (`notification_settings`), exported to a file and
//! imported from one (errors in the user's language).

use super::device;
use super::texts::{frequency_words, import_error, notice_words, reminders_texts};
use crate::components::{load_workspace, problem_words};
use crate::i18n::use_lang;
use crate::outbox::{new_submission, use_outbox, Op, Submit, SubmitError};
use crate::routes;
use crate::session::use_session;
use leptos::prelude::*;
use portal_core::settings::{
    import, Frequency, NoticeType, NotificationSettings, QuietHours, TypeSetting,
};
use portal_core::submission::{Request, Scope, SettingsUpdate};
use wasm_bindgen::JsCast;

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

    // Built again only on a language change: each control follows the
    // settings by its own reactive property, so a change keeps the focus.
    let matrix = move || {
        let lang = lang.get();
        let t = reminders_texts(lang);
        let rows = NoticeType::ALL
            .into_iter()
            .map(|nt| {
                let (name, what) = notice_words(lang, nt);
                let key = nt.as_str();
                let on_id = format!("on-{key}");
                let get = move || -> TypeSetting { settings.with(|s| *s.get(nt)) };
                let off = move || !get().enabled;
                let check = move |label: &'static str,
                                  channel: &'static str,
                                  read: fn(&TypeSetting) -> bool,
                                  write: fn(&mut TypeSetting, bool)| {
                    view! {
                        <label class="check-inline">
                            <input type="checkbox" prop:checked=move || read(&get()) prop:disabled=off
                                on:change=move |ev| { let v = event_target_checked(&ev); change(&|x| write(x.get_mut(nt), v)) }
                                data-channel=channel/>
                            " "{label}
                        </label>
                    }
                };
                view! {
                    <tr data-type=key>
                        <th scope="row">
                            <label for=on_id.clone()>{name}</label>
                            <span class="muted settings-what">{what}</span>
                        </th>
                        <td>
                            <input id=on_id type="checkbox" prop:checked=move || get().enabled data-enabled=""
                                on:change=move |ev| { let v = event_target_checked(&ev); change(&|x| x.get_mut(nt).enabled = v) }/>
                        </td>
                        <td>
                            <select aria-label=format!("{name}: {}", t.col_frequency) prop:disabled=off data-frequency=""
                                prop:value=move || get().frequency.as_str()
                                on:change=move |ev| {
                                    if let Ok(f) = event_target_value(&ev).parse::<Frequency>() {
                                        change(&|x| x.get_mut(nt).frequency = f);
                                    }
                                }>
                                {Frequency::ALL.into_iter().map(|f| view! {
                                    <option value=f.as_str() selected=move || get().frequency == f>{frequency_words(lang, f)}</option>
                                }).collect_view()}
                            </select>
                        </td>
                        <td>
                            <fieldset class="channel-set">
                                <legend class="visually-hidden">{format!("{name}: {}", t.col_channels)}</legend>
                                {check(t.email, "email", |x| x.channels.email, |x, v| x.channels.email = v)}
                                {check(t.sms, "sms", |x| x.channels.sms, |x, v| x.channels.sms = v)}
                                {check(t.browser, "browser", |x| x.channels.browser, |x, v| x.channels.browser = v)}
                            </fieldset>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="settings-title">
                <table class="data-table settings-matrix">
                    <thead>
                        <tr>
                            <th scope="col">{t.col_type}</th>
                            <th scope="col">{t.col_on}</th>
                            <th scope="col">{t.col_frequency}</th>
                            <th scope="col">{t.col_channels}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    };

    let quiet = move || {
        let t = reminders_texts(lang.get());
        let mode = move || {
            settings.with(|s| match s.quiet_hours {
                QuietHours::OutsideWorkingTime => 0,
                QuietHours::Daily { .. } => 1,
                QuietHours::Off => 2,
            })
        };
        let times = move || {
            settings.with(|s| match &s.quiet_hours {
                QuietHours::Daily { from, to } => (from.clone(), to.clone()),
                _ => ("22:00".to_owned(), "08:00".to_owned()),
            })
        };
        let set_times = move |from: Option<String>, to: Option<String>| {
            let (f, t) = times();
            let from = from.unwrap_or(f);
            let to = to.unwrap_or(t);
            change(&|x| {
                x.quiet_hours = QuietHours::Daily {
                    from: from.clone(),
                    to: to.clone(),
                }
            })
        };
        view! {
            <fieldset class="card quiet-hours">
                <legend>{t.quiet_title}</legend>
                <label class="check-inline">
                    <input type="radio" name="quiet" value="outside" data-quiet="outside" prop:checked=move || mode() == 0
                        on:change=move |_| change(&|x| x.quiet_hours = QuietHours::OutsideWorkingTime)/>
                    " "{t.quiet_outside}
                </label>
                <label class="check-inline">
                    <input type="radio" name="quiet" value="daily" data-quiet="daily" prop:checked=move || mode() == 1
                        on:change=move |_| set_times(None, None)/>
                    " "{t.quiet_daily}
                </label>
                <div class="quiet-times">
                    <label>{t.quiet_from}" "
                        <input type="time" data-quiet-from="" prop:disabled=move || mode() != 1 prop:value=move || times().0
                            on:change=move |ev| set_times(Some(event_target_value(&ev)), None)/>
                    </label>
                    " "
                    <label>{t.quiet_to}" "
                        <input type="time" data-quiet-to="" prop:disabled=move || mode() != 1 prop:value=move || times().1
                            on:change=move |ev| set_times(None, Some(event_target_value(&ev)))/>
                    </label>
                </div>
                <label class="check-inline">
                    <input type="radio" name="quiet" value="off" data-quiet="off" prop:checked=move || mode() == 2
                        on:change=move |_| change(&|x| x.quiet_hours = QuietHours::Off)/>
                    " "{t.quiet_off}
                </label>
                <p class="field-hint">{t.quiet_hint}</p>
            </fieldset>
        }
    };

    let status_view = move || {
        let t = reminders_texts(lang.get());
        match status.get() {
            Status::None => ().into_any(),
            Status::Saved => view! { <p role="status" class="muted" data-settings-status="saved">{t.saved}</p> }.into_any(),
            Status::Imported => view! { <p role="status" data-settings-status="imported">{t.imported}</p> }.into_any(),
            Status::NotSaved => view! { <p role="alert" class="notice">{t.not_saved}</p> }.into_any(),
            Status::ImportFailed(m) => view! { <p role="alert" class="notice" data-settings-status="import-failed">{m}</p> }.into_any(),
            Status::Sent => view! {
                <p role="status" data-settings-status="sent">{t.sent}" "<a href=routes::OUTBOX>{t.to_outbox}</a></p>
            }
            .into_any(),
            Status::SendFailed(m) => view! { <p role="alert" class="notice">{t.send_failed}{m}</p> }.into_any(),
        }
    };

    let send_block = move || {
        let t = reminders_texts(lang.get());
        match workspace.get() {
            Some(Some(_)) => view! {
                <p class="muted">{t.send_hint}</p>
                <button type="button" class="button primary" data-send-settings="" on:click=send>{t.send}</button>
            }
            .into_any(),
            _ => view! {
                <p class="notice">{t.send_needs_workspace}" "<a href=routes::WORKSPACE>{move || reminders_texts(lang.get()).open_workspace}</a></p>
            }
            .into_any(),
        }
    };

    view! {
        <section class="page settings-page">
            <h1 id="settings-title">{move || reminders_texts(lang.get()).settings_title}</h1>
            <p class="lead-text">{move || reminders_texts(lang.get()).settings_lead}</p>
            <p><a href=routes::REMINDERS>{move || reminders_texts(lang.get()).back_to_reminders}</a></p>
            <div aria-live="polite">{status_view}</div>
            {matrix}
            {quiet}
            <section class="card" aria-labelledby="send-title">
                <h2 id="send-title">{move || reminders_texts(lang.get()).send_title}</h2>
                {send_block}
            </section>
            <section class="card" aria-labelledby="file-title">
                <h2 id="file-title">{move || reminders_texts(lang.get()).file_title}</h2>
                <p class="settings-file">
                    <button type="button" class="button" data-export="" on:click=export>
                        {move || reminders_texts(lang.get()).export}
                    </button>" "
                </p>
                <p class="field settings-file">
                    <label for="settings-import">{move || reminders_texts(lang.get()).import}</label>
                    <input id="settings-import" type="file" accept=".json,application/json"
                        data-import="" on:change=import_file/>
                </p>
            </section>
        </section>
    }
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
