//! 消息提醒 and 消息设置. The inbox runs `portal_core::reminders` in the
//! browser over the API's products, patches, courses, terms and calendar,
//! the open workspace (without one, the public reminders only), this
//! device's outbox and what this device remembers (`device`): read marks,
//! the ticket states of the last visit, the settings. It writes the unread
//! count the header shows (`crate::deployment::UnreadCount`) and, with the
//! user's permission, raises each due immediate reminder once as a browser
//! notification. The settings page is `settings.rs`.

mod device;
mod settings;
mod texts;

pub use settings::SettingsPage;

use crate::api::{fetch_json, use_sla, ApiError};
use crate::components::{load_workspace, ErrorPanel, Loading};
use crate::i18n::{use_lang, Lang};
use crate::outbox::{use_outbox, Op};
use crate::routes;
use crate::session::use_session;
use crate::time::{format_beijing, now_beijing};
use leptos::prelude::*;
use portal_core::files;
use portal_core::model::{Course, Patch, Product, ServiceTerms, Workspace};
use portal_core::reminders::{
    grouped, next_seen, notify_now, reminders, Digest, Inputs, Kind, Reminder,
};
use std::sync::Arc;
use texts::{kind_label, reminders_texts, RemindersTexts};

/// The published files the reminders are computed from.
struct Published {
    products: Vec<Product>,
    patches: Vec<Patch>,
    courses: Vec<Course>,
    terms: Option<ServiceTerms>,
}

async fn fetch_published() -> Result<Arc<Published>, ApiError> {
    let (products, patches, courses, terms) = futures::future::join4(
        fetch_json::<Vec<Product>>(files::PRODUCTS),
        fetch_json::<Vec<Patch>>(files::PATCHES),
        fetch_json::<Vec<Course>>(files::COURSES),
        fetch_json::<ServiceTerms>(files::TERMS),
    )
    .await;
    Ok(Arc::new(Published {
        products: products?,
        patches: patches?,
        courses: courses?,
        // The terms reminder is one of many: a missing terms file leaves it out.
        terms: terms.ok(),
    }))
}

/// The workspace of the session's key: `None` without a key, `Some(Err)`
/// when it did not open.
type Opened = Option<Result<Arc<Workspace>, ()>>;

#[component]
pub fn RemindersPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let outbox = use_outbox();
    if !outbox.is_loaded() {
        outbox.spawn(Op::Start);
    }
    let sla = use_sla();
    let published = LocalResource::new(fetch_published);
    let opened = LocalResource::new(move || {
        let key = session.key();
        async move {
            let key = key?;
            Some(load_workspace(&key).await.map(Arc::new).map_err(|_| ()))
        }
    });
    let read = RwSignal::new(device::read_marks());
    let not_kept = RwSignal::new(false);
    let permission = RwSignal::new(permission_now());
    let settings = StoredValue::new(device::settings());
    let unread_count = use_context::<crate::deployment::UnreadCount>();

    // The computed list, once everything it needs is there.
    let list = Memo::new(move |_| {
        let published = published.get()?.ok()?;
        let calendar = sla.get().and_then(Result::ok);
        let opened: Opened = opened.get()?;
        let workspace = opened.as_ref().and_then(|o| o.as_ref().ok()).cloned();
        let seen = workspace.as_ref().and_then(|w| device::seen_tickets(&w.id));
        let items = outbox.items();
        let list = reminders(&Inputs {
            now: now_beijing(),
            products: &published.products,
            patches: &published.patches,
            courses: &published.courses,
            terms: published.terms.as_ref(),
            calendar: calendar.as_ref().map(|s| s.engine.calendar()),
            workspace: workspace.as_deref(),
            outbox: &items,
            seen_tickets: seen.as_deref(),
            settings: &settings.get_value(),
        });
        Some((list, workspace, seen, opened.is_some_and(|o| o.is_err())))
    });

    // Keep the header's count, the last visit's ticket states and the
    // notifications in step with the list and the read marks.
    Effect::new(move |_| {
        let Some((list, workspace, seen, _)) = list.get() else {
            return;
        };
        let read = read.get();
        let unread: Vec<&Reminder> = list.iter().filter(|r| !read.contains(&r.id)).collect();
        let n = unread.len();
        let mut kept = device::save_unread(n);
        if let Some(count) = unread_count {
            count.0.set((n > 0).then(|| n.to_string()));
        }
        if let Some(w) = &workspace {
            let next = next_seen(w, seen.as_deref(), &|id| read.iter().any(|r| r == id));
            kept &= device::save_seen_tickets(&w.id, &next);
        }
        if permission.get() == Permission::Granted {
            if let Some(sla) = sla.get_untracked().and_then(Result::ok) {
                let now = now_beijing();
                let mut notified = device::notified();
                // At most three at once: the first visit after enabling must not flood.
                let due: Vec<&&Reminder> = unread
                    .iter()
                    .filter(|r| !notified.contains(&r.id))
                    .filter(|r| {
                        settings.with_value(|s| notify_now(r, s, sla.engine.calendar(), now))
                    })
                    .take(3)
                    .collect();
                for r in due {
                    if raise(lang.get_untracked(), r) {
                        notified.push(r.id.clone());
                    }
                }
                kept &= device::save_notified(&notified);
            }
        }
        not_kept.set(!kept);
    });

    let mark = move |ids: Vec<String>| {
        read.update(|marks| {
            for id in ids {
                if !marks.contains(&id) {
                    marks.push(id);
                }
            }
        });
        let kept = device::save_read_marks(&read.get_untracked());
        not_kept.set(!kept);
    };

    move || {
        let lang = lang.get();
        let t = reminders_texts(lang);
        let header = view! {
            <h1>{t.title}</h1>
            <p class="lead-text">{t.lead}</p>
            <p class="reminders-links">
                <a href=routes::SETTINGS data-settings-link="">{t.settings_link}</a>
            </p>
        };
        let body = match (published.get(), list.get()) {
            (Some(Err(e)), _) => view! {
                <ErrorPanel error=e on_retry=move || published.refetch()/>
            }
            .into_any(),
            (_, None) => view! { <Loading/> }.into_any(),
            (_, Some((list, workspace, _, failed))) => {
                let marks = read.get();
                let unread: Vec<String> = list
                    .iter()
                    .filter(|r| !marks.contains(&r.id))
                    .map(|r| r.id.clone())
                    .collect();
                let gate = workspace.is_none().then(|| {
                    view! {
                        <p class="notice" data-public-only="">
                            {if failed { t.workspace_failed } else { t.public_only }}" "
                            <a href=routes::WORKSPACE>{t.open_workspace}</a>
                        </p>
                    }
                });
                let n = unread.len();
                let all = unread.clone();
                let toolbar = view! {
                    <div class="reminders-toolbar">
                        <p role="status" data-unread="">{(t.unread_count)(n)}</p>
                        {(n > 0).then(|| view! {
                            <button type="button" class="button" data-mark-all="" on:click=move |_| mark(all.clone())>
                                {t.mark_all}
                            </button>
                        })}
                    </div>
                };
                let groups = if list.is_empty() {
                    view! { <p class="muted" data-reminders-empty="">{t.empty}</p> }.into_any()
                } else {
                    grouped(&list, &settings.get_value())
                        .into_iter()
                        .map(|(digest, members)| {
                            group_view(lang, t, digest, &members, &marks, mark)
                        })
                        .collect_view()
                        .into_any()
                };
                view! {
                    {gate}
                    {toolbar}
                    <div class="reminders-groups" aria-label=t.list_label>{groups}</div>
                }
                .into_any()
            }
        };
        view! {
            <section class="page reminders-page">
                {header}
                {move || not_kept.get().then(|| view! { <p class="notice" role="alert">{reminders_texts(lang).not_kept}</p> })}
                {body}
                {notify_block(lang, permission)}
            </section>
        }
    }
}

fn group_view(
    lang: Lang,
    t: &'static RemindersTexts,
    digest: Digest,
    members: &[&Reminder],
    marks: &[String],
    mark: impl Fn(Vec<String>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let heading = match digest {
        Digest::Immediate => t.immediate.to_owned(),
        Digest::Day(d) => (t.day_digest)(&d.to_string()),
        Digest::Week(w) => (t.week_digest)(&w.to_string()),
    };
    let items = members
        .iter()
        .map(|r| {
            let unread = !marks.contains(&r.id);
            let id = r.id.clone();
            let when = match r.kind {
                // The objection period ends at 24:00 on the deadline date.
                Kind::Terms => (t.deadline_end)(
                    &(r.due - chrono::Duration::seconds(1)).date_naive().to_string(),
                ),
                _ => format!("{}{}", t.due, format_beijing(&r.due)),
            };
            view! {
                <li class=if unread { "reminder unread" } else { "reminder" } data-reminder=r.id.clone() data-kind=r.kind.as_str()>
                    <p class="reminder-head">
                        <span class="state-badge neutral">{kind_label(lang, r.kind)}</span>
                        {unread.then(|| view! { " "<span class="state-badge due-soon" data-unread-mark="">{t.unread}</span> })}
                    </p>
                    <p class="reminder-title"><a href=r.link.clone()>{r.title.get(lang.is_en()).to_owned()}</a></p>
                    <p class="muted">{when}</p>
                    {unread.then(|| view! {
                        <button type="button" class="button small" data-mark-read="" on:click=move |_| mark(vec![id.clone()])>
                            {t.mark_read}
                        </button>
                    })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="reminder-group" data-digest="">
            <h2>{heading}</h2>
            <ul class="reminder-list">{items}</ul>
        </section>
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Permission {
    Unsupported,
    Default,
    Granted,
    Denied,
}

fn notification_supported() -> bool {
    web_sys::window().is_some_and(|w| {
        js_sys::Reflect::has(&w, &wasm_bindgen::JsValue::from_str("Notification")).unwrap_or(false)
    })
}

fn permission_now() -> Permission {
    if !notification_supported() {
        return Permission::Unsupported;
    }
    match web_sys::Notification::permission() {
        web_sys::NotificationPermission::Granted => Permission::Granted,
        web_sys::NotificationPermission::Denied => Permission::Denied,
        _ => Permission::Default,
    }
}

/// One notification for `r`; `false` when the browser would not show it.
fn raise(lang: Lang, r: &Reminder) -> bool {
    let options = web_sys::NotificationOptions::new();
    options.set_body(r.title.get(lang.is_en()));
    options.set_tag(&r.id);
    web_sys::Notification::new_with_options(reminders_texts(lang).title, &options).is_ok()
}

/// "Enable browser notifications": asks for permission only on a click.
fn notify_block(lang: Lang, permission: RwSignal<Permission>) -> impl IntoView {
    let t = reminders_texts(lang);
    let ask = move |_| {
        if let Ok(promise) = web_sys::Notification::request_permission() {
            leptos::task::spawn_local(async move {
                let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
                permission.set(permission_now());
            });
        }
    };
    view! {
        <section class="card reminders-notify" aria-labelledby="notify-title">
            <h2 id="notify-title">{t.notify_title}</h2>
            {move || match permission.get() {
                Permission::Unsupported => view! { <p class="muted">{t.notify_unsupported}</p> }.into_any(),
                Permission::Granted => view! { <p data-notify-on="">{t.notify_on}</p> }.into_any(),
                Permission::Denied => view! { <p class="muted">{t.notify_denied}</p> }.into_any(),
                Permission::Default => view! {
                    <p class="muted">{t.notify_hint}</p>
                    <button type="button" class="button" data-notify-enable="" on:click=ask>{t.notify_enable}</button>
                }
                .into_any(),
            }}
        </section>
    }
}
