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
use crate::dom::{attr, el, text, text_el};
use crate::i18n::{use_lang, Lang};
use crate::routes;
use crate::session::use_session;
use crate::time::{format_beijing, now_beijing};
use leptos::prelude::*;
use portal_core::files;
use portal_core::model::{Course, Patch, Product, ServiceTerms, TicketStatus, Workspace};
use portal_core::outbox::Item;
use portal_core::reminders::{
    grouped, next_seen, notify_now, reminders, Digest, Inputs, Kind, Reminder,
};
use portal_core::settings::NotificationSettings;
use std::sync::Arc;
use texts::{kind_label, reminders_texts};
use wasm_bindgen::JsCast;
use web_sys::Element;

/// The published files the reminders are computed from. Products and
/// patches only matter for a workspace's deployments: without one they are
/// not fetched.
#[derive(PartialEq)]
struct Published {
    products: Vec<Product>,
    patches: Vec<Patch>,
    courses: Vec<Course>,
    terms: Option<ServiceTerms>,
}

async fn fetch_published(private: bool) -> Result<Arc<Published>, ApiError> {
    let catalogue = async {
        if !private {
            return Ok((Vec::new(), Vec::new()));
        }
        let (products, patches) = futures::future::join(
            fetch_json::<Vec<Product>>(files::PRODUCTS),
            fetch_json::<Vec<Patch>>(files::PATCHES),
        )
        .await;
        Ok::<_, ApiError>((products?, patches?))
    };
    let (catalogue, courses, terms) = futures::future::join3(
        catalogue,
        fetch_json::<Vec<Course>>(files::COURSES),
        fetch_json::<ServiceTerms>(files::TERMS),
    )
    .await;
    let (products, patches) = catalogue?;
    Ok(Arc::new(Published {
        products,
        patches,
        courses: courses?,
        // The terms reminder is one of many: a missing terms file leaves it out.
        terms: terms.ok(),
    }))
}

/// What the page computes from: the published files, the workspace (or
/// why it did not open), this device's outbox items.
struct Sources {
    published: Arc<Published>,
    workspace: Option<Arc<Workspace>>,
    workspace_failed: bool,
    outbox: Vec<Item>,
}

async fn load(key: Option<String>) -> Result<Arc<Sources>, ApiError> {
    let opened = async {
        match &key {
            None => None,
            Some(k) => Some(load_workspace(k).await.map(Arc::new)),
        }
    };
    // Read straight from the device: the outbox's sending code is not needed
    // to list what was refused.
    let (opened, published, outbox) = futures::future::join3(
        opened,
        fetch_published(key.is_some()),
        crate::store::outbox_items(),
    )
    .await;
    Ok(Arc::new(Sources {
        published: published?,
        workspace_failed: matches!(opened, Some(Err(_))),
        workspace: opened.and_then(Result::ok),
        outbox: outbox.unwrap_or_default(),
    }))
}

#[component]
pub fn RemindersPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let sla = use_sla();
    let sources = LocalResource::new(move || load(session.key()));
    let read = RwSignal::new(device::read_marks());
    let not_kept = RwSignal::new(false);
    let permission = RwSignal::new(permission_now());
    let settings = StoredValue::new(device::settings());
    let unread_count = use_context::<crate::deployment::UnreadCount>();
    // The reminders and the last visit's ticket states they were made with.
    let computed = StoredValue::new(None::<(Vec<Reminder>, Option<Vec<(String, TicketStatus)>>)>);
    let list = NodeRef::<leptos::html::Div>::new();
    let (unread_n, set_unread_n) = signal(None::<usize>);

    Effect::new(move |_| {
        let lang = lang.get();
        let Some(Ok(src)) = sources.get() else {
            return;
        };
        let setup = sla.get().and_then(Result::ok);
        let marks = read.get();
        if computed.with_value(Option::is_none) || setup.is_some() {
            let seen = src
                .workspace
                .as_ref()
                .and_then(|w| device::seen_tickets(&w.id));
            let made = settings.with_value(|s| {
                reminders(&Inputs {
                    now: now_beijing(),
                    products: &src.published.products,
                    patches: &src.published.patches,
                    courses: &src.published.courses,
                    terms: src.published.terms.as_ref(),
                    calendar: setup.as_ref().map(|x| x.engine.calendar()),
                    workspace: src.workspace.as_deref(),
                    outbox: &src.outbox,
                    seen_tickets: seen.as_deref(),
                    settings: s,
                })
            });
            // The last visit's states stay those this page started with.
            let seen = computed
                .with_value(|c| c.as_ref().map(|(_, s)| s.clone()))
                .unwrap_or(seen);
            computed.set_value(Some((made, seen)));
        }
        computed.with_value(|c| {
            let Some((all, seen)) = c else {
                return;
            };
            let unread: Vec<&Reminder> = all.iter().filter(|r| !marks.contains(&r.id)).collect();
            let n = unread.len();
            set_unread_n.set(Some(n));
            let mut kept = device::save_unread(n);
            if let Some(count) = unread_count {
                count.0.set((n > 0).then(|| n.to_string()));
            }
            if let Some(w) = &src.workspace {
                let next = next_seen(w, seen.as_deref(), &|id| marks.iter().any(|r| r == id));
                kept &= device::save_seen_tickets(&w.id, &next);
            }
            if let (Permission::Granted, Some(setup)) = (permission.get(), &setup) {
                let now = now_beijing();
                let mut notified = device::notified();
                // At most three at once: the first visit after enabling must not flood.
                let due: Vec<&&Reminder> = unread
                    .iter()
                    .filter(|r| !notified.contains(&r.id))
                    .filter(|r| {
                        settings.with_value(|s| notify_now(r, s, setup.engine.calendar(), now))
                    })
                    .take(3)
                    .collect();
                for r in due {
                    if raise(lang, r) {
                        notified.push(r.id.clone());
                    }
                }
                kept &= device::save_notified(&notified);
            }
            not_kept.set(!kept);
            if let Some(host) = list.get() {
                settings.with_value(|s| fill(&host, lang, all, s, &marks));
            }
        });
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
    let on_list_click = move |ev: leptos::ev::MouseEvent| {
        let id = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.get_attribute("data-mark-read"));
        if let Some(id) = id {
            mark(vec![id]);
        }
    };
    let mark_all = move |_| {
        let ids = computed.with_value(|c| {
            c.as_ref()
                .map(|(all, _)| all.iter().map(|r| r.id.clone()).collect())
                .unwrap_or_default()
        });
        mark(ids);
    };

    move || {
        let lang = lang.get();
        let t = reminders_texts(lang);
        let state = sources.get();
        let gate = match &state {
            Some(Ok(src)) if src.workspace.is_none() => Some(if src.workspace_failed {
                t.workspace_failed
            } else {
                t.public_only
            }),
            _ => None,
        };
        view! {
            <section class="page reminders-page">
                <h1>{t.title}</h1>
                <p class="lead-text">{t.lead}</p>
                <p><a href=routes::SETTINGS data-settings-link="">{t.settings_link}</a></p>
                {move || not_kept.get().then(|| view! { <p class="notice" role="alert">{reminders_texts(lang).not_kept}</p> })}
                {match state {
                    Some(Err(error)) => Some(view! { <ErrorPanel error on_retry=move || sources.refetch()/> }.into_any()),
                    None => Some(view! { <Loading/> }.into_any()),
                    Some(Ok(_)) => None,
                }}
                {gate.map(|words| view! {
                    <p class="notice" data-public-only="">{words}" "<a href=routes::WORKSPACE>{t.open_workspace}</a></p>
                })}
                <div class="reminders-toolbar">
                    <p role="status" data-unread="">{move || unread_n.get().map(t.unread_count)}</p>
                    <button type="button" class="button" data-mark-all="" on:click=mark_all
                        prop:hidden=move || unread_n.get().unwrap_or(0) == 0>{t.mark_all}</button>
                </div>
                <div class="reminders-groups" node_ref=list on:click=on_list_click></div>
                {notify_block(lang, permission)}
            </section>
        }
    }
}

/// The groups and their reminders, built with the DOM API into `host`.
fn fill(
    host: &Element,
    lang: Lang,
    all: &[Reminder],
    settings: &NotificationSettings,
    marks: &[String],
) {
    let Some(doc) = host.owner_document() else {
        return;
    };
    host.set_text_content(None);
    let t = reminders_texts(lang);
    if all.is_empty() {
        attr(
            &text_el(&doc, host, "p", "muted", t.empty),
            "data-reminders-empty",
            "",
        );
        return;
    }
    for (digest, members) in grouped(all, settings) {
        let section = el(&doc, host, "section", "reminder-group");
        let heading = match digest {
            Digest::Immediate => t.immediate.to_owned(),
            Digest::Day(d) => (t.day_digest)(&d.to_string()),
            Digest::Week(w) => (t.week_digest)(&w.to_string()),
        };
        text_el(&doc, &section, "h2", "", &heading);
        let ul = el(&doc, &section, "ul", "reminder-list");
        for r in members {
            let unread = !marks.contains(&r.id);
            let li = el(
                &doc,
                &ul,
                "li",
                if unread {
                    "reminder unread"
                } else {
                    "reminder"
                },
            );
            attr(&li, "data-reminder", &r.id);
            attr(&li, "data-kind", r.kind.as_str());
            let head = el(&doc, &li, "p", "reminder-head");
            text_el(
                &doc,
                &head,
                "span",
                "state-badge neutral",
                kind_label(lang, r.kind),
            );
            if unread {
                text(&doc, &head, " ");
                attr(
                    &text_el(&doc, &head, "span", "state-badge due-soon", t.unread),
                    "data-unread-mark",
                    "",
                );
            }
            let title = el(&doc, &li, "p", "reminder-title");
            attr(
                &text_el(&doc, &title, "a", "", r.title.get(lang.is_en())),
                "href",
                &r.link,
            );
            let when = match r.kind {
                // The objection period ends at 24:00 on the deadline date.
                Kind::Terms => (t.deadline_end)(
                    &(r.due - chrono::Duration::seconds(1))
                        .date_naive()
                        .to_string(),
                ),
                _ => format!("{}{}", t.due, format_beijing(&r.due)),
            };
            text_el(&doc, &li, "p", "muted", &when);
            if unread {
                let b = text_el(&doc, &li, "button", "button small", t.mark_read);
                attr(&b, "type", "button");
                attr(&b, "data-mark-read", &r.id);
            }
        }
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
    let words = move || match permission.get() {
        Permission::Unsupported => t.notify_unsupported,
        Permission::Granted => t.notify_on,
        Permission::Denied => t.notify_denied,
        Permission::Default => t.notify_hint,
    };
    view! {
        <section class="card reminders-notify" aria-labelledby="notify-title">
            <h2 id="notify-title">{t.notify_title}</h2>
            <p data-notify="">{words}</p>
            <button type="button" class="button" data-notify-enable="" on:click=ask
                prop:hidden=move || permission.get() != Permission::Default>{t.notify_enable}</button>
        </section>
    }
}
