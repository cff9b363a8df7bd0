//! 消息提醒 and 消息设置. The inbox runs `portal_core::reminders` in the
//! browser over the API's courses, terms and calendar, this device's
//! outbox and what this device remembers (`device`): read marks, the ticket
//! states of the last visit, the settings; with a key, the open workspace's
//! reminders come from `private` (products, patches and the workspace,
//! behind a split point of their own: the public inbox does not load
//! them). It writes the unread count the header shows
//! (`crate::deployment::UnreadCount`) and, with the user's permission,
//! raises each due immediate reminder once as a browser notification.
//! The page is built with the DOM API: the skeleton once per language,
//! then updated in place (the unread count's live region and the buttons
//! stay the same elements). The settings page (`settings.rs`) is a section
//! of its own.

mod device;
mod private;
mod settings;
mod texts;

pub use settings::SettingsPage;

use crate::api::{fetch_json, use_sla, ApiError};
use crate::components::{ErrorPanel, Loading};
use crate::dom::{attr, el, text, text_el, titled_section};
use crate::i18n::{use_lang, Lang};
use crate::routes;
use crate::session::use_session;
use crate::time::{format_beijing, now_beijing};
use leptos::prelude::*;
use portal_core::files;
use portal_core::model::{Course, ServiceTerms};
use portal_core::outbox::Item;
use portal_core::reminders::{
    finish, grouped, is_earlier, next_seen_of, notify_now, public_reminders, Digest, Inputs, Kind,
    Reminder,
};
use portal_core::settings::NotificationSettings;
use private::{reminders_workspace, Private};
use std::sync::Arc;
use texts::{kind_label, reminders_texts};
use wasm_bindgen::JsCast;
use web_sys::Element;

/// What the page computes from: the public files, the open workspace's
/// half (`None` without a key, `Some(None)` when it did not open), this
/// device's outbox items.
struct Sources {
    courses: Vec<Course>,
    terms: Option<ServiceTerms>,
    private: Option<Option<Private>>,
    outbox: Vec<Item>,
}

async fn load(key: Option<String>) -> Result<Arc<Sources>, ApiError> {
    let private = async {
        match key {
            None => Ok(None),
            Some(k) => reminders_workspace(k, true).await.map(Some),
        }
    };
    // Read straight from the device: the outbox's sending code is not needed
    // to list what was refused.
    let (private, (courses, terms), outbox) = futures::future::join3(
        private,
        futures::future::join(
            fetch_json::<Vec<Course>>(files::COURSES),
            fetch_json::<ServiceTerms>(files::TERMS),
        ),
        crate::store::outbox_items(),
    )
    .await;
    Ok(Arc::new(Sources {
        courses: courses?,
        // The terms reminder is one of many: a missing terms file leaves it out.
        terms: terms.ok(),
        private: private?,
        outbox: outbox.unwrap_or_default(),
    }))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Permission {
    Unsupported,
    Default,
    Granted,
    Denied,
}

#[component]
pub fn RemindersPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let sla = use_sla();
    let sources = LocalResource::new(move || load(session.key()));
    let read = RwSignal::new(device::read_marks());
    let marks_kept = StoredValue::new(true);
    let permission = RwSignal::new(permission_now());
    let settings = StoredValue::new(device::settings());
    let unread_count = use_context::<crate::deployment::UnreadCount>();
    // The reminders as last computed, and the language the page is built in.
    let computed = StoredValue::new(None::<Vec<Reminder>>);
    let built = StoredValue::new(None::<Lang>);
    let host = NodeRef::<leptos::html::Section>::new();
    let status_host = NodeRef::<leptos::html::Div>::new();

    Effect::new(move |_| {
        let lang = lang.get();
        let state = sources.get();
        let permission = permission.get();
        let marks = read.get();
        let setup = sla.get().and_then(Result::ok);
        let (Some(host), Some(status_host)) = (host.get(), status_host.get()) else {
            return;
        };
        if built.get_value() != Some(lang) {
            build(&host, &status_host, lang);
            built.set_value(Some(lang));
        }
        let src = match &state {
            Some(Ok(src)) => src.clone(),
            _ => {
                paint(
                    &host,
                    lang,
                    &Shown {
                        gate: None,
                        unread: None,
                        not_kept: false,
                        permission,
                    },
                );
                return;
            }
        };
        let private = src.private.as_ref().and_then(Option::as_ref);
        if computed.with_value(Option::is_none) || setup.is_some() {
            let made = settings.with_value(|s| {
                let public = public_reminders(&Inputs {
                    now: now_beijing(),
                    products: &[],
                    patches: &[],
                    courses: &src.courses,
                    terms: src.terms.as_ref(),
                    calendar: setup.as_ref().map(|x| x.engine.calendar()),
                    workspace: None,
                    outbox: &src.outbox,
                    seen_tickets: None,
                    settings: s,
                });
                let theirs = private.map(|p| p.reminders.clone()).unwrap_or_default();
                finish(public.into_iter().chain(theirs).collect(), s)
            });
            computed.set_value(Some(made));
        }
        let t = reminders_texts(lang);
        let gate = match &src.private {
            None => Some(t.public_only),
            Some(None) => Some(t.workspace_failed),
            Some(Some(_)) => None,
        };
        computed.with_value(|c| {
            let Some(all) = c else {
                return;
            };
            let unread: Vec<&Reminder> = all.iter().filter(|r| !marks.contains(&r.id)).collect();
            let n = unread.len();
            let mut kept = device::save_unread(n) && marks_kept.get_value();
            if let Some(count) = unread_count {
                count.0.set((n > 0).then(|| n.to_string()));
            }
            if let Some(p) = private {
                let next = next_seen_of(&p.tickets, p.seen.as_deref(), &|id| {
                    marks.iter().any(|r| r == id)
                });
                kept &= device::save_seen_tickets(&p.id, &next);
            }
            if let (Permission::Granted, Some(setup)) = (permission, &setup) {
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
            paint(
                &host,
                lang,
                &Shown {
                    gate,
                    unread: Some(n),
                    not_kept: !kept,
                    permission,
                },
            );
            if let Some(list) = host.query_selector(".reminders-groups").ok().flatten() {
                settings.with_value(|s| fill(&list, lang, all, s, &marks));
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
        marks_kept.set_value(device::save_read_marks(&read.get_untracked()));
    };
    let ask = move || {
        if let Ok(promise) = web_sys::Notification::request_permission() {
            leptos::task::spawn_local(async move {
                let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
                permission.set(permission_now());
            });
        }
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        if let Some(id) = target.get_attribute("data-mark-read") {
            mark(vec![id]);
        } else if target.has_attribute("data-mark-all") {
            let ids = computed.with_value(|c| {
                c.as_ref()
                    .map(|all| all.iter().map(|r| r.id.clone()).collect())
                    .unwrap_or_default()
            });
            mark(ids);
        } else if target.has_attribute("data-notify-enable") {
            ask();
        }
    };

    let status = move || match sources.get() {
        Some(Err(error)) => {
            Some(view! { <ErrorPanel error on_retry=move || sources.refetch()/> }.into_any())
        }
        None => Some(view! { <Loading/> }.into_any()),
        Some(Ok(_)) => None,
    };
    view! {
        <section class="page reminders-page" node_ref=host on:click=on_click>
            <div node_ref=status_host data-reminders-status="">{status}</div>
        </section>
    }
}

/// What the page shows besides the list.
struct Shown {
    /// Why only the public reminders are listed.
    gate: Option<&'static str>,
    /// `None` until the reminders are computed.
    unread: Option<usize>,
    /// This device did not keep what the page wrote.
    not_kept: bool,
    permission: Permission,
}

/// The page's skeleton in `lang`, around `status_host` (the loading line or
/// the error panel, from `view!`): the heading and the settings link before
/// it; the toolbar (the unread count, a live region, and "mark all"), the
/// list and the browser notifications card after it.
fn build(host: &Element, status_host: &Element, lang: Lang) {
    let Some(doc) = host.owner_document() else {
        return;
    };
    let mut child = host.first_child();
    while let Some(node) = child {
        child = node.next_sibling();
        if !node.is_same_node(Some(status_host)) {
            let _ = host.remove_child(&node);
        }
    }
    let t = reminders_texts(lang);
    let head = doc.create_document_fragment();
    let top: &Element = head.unchecked_ref();
    text_el(&doc, top, "h1", "", t.title);
    text_el(&doc, top, "p", "lead-text", t.lead);
    let link = text_el(&doc, &el(&doc, top, "p", ""), "a", "", t.settings_link);
    attr(&link, "href", routes::SETTINGS);
    attr(&link, "data-settings-link", "");
    let _ = host.insert_before(&head, Some(status_host));
    let bar = el(&doc, host, "div", "reminders-toolbar");
    let count = el(&doc, &bar, "p", "");
    attr(&count, "role", "status");
    attr(&count, "data-unread", "");
    let all = text_el(&doc, &bar, "button", "button", t.mark_all);
    attr(&all, "type", "button");
    attr(&all, "data-mark-all", "");
    el(&doc, host, "div", "reminders-groups");
    let card = titled_section(
        &doc,
        host,
        "card reminders-notify",
        "notify-title",
        t.notify_title,
    );
    attr(&el(&doc, &card, "p", ""), "data-notify", "");
    let enable = text_el(&doc, &card, "button", "button", t.notify_enable);
    attr(&enable, "type", "button");
    attr(&enable, "data-notify-enable", "");
}

fn hide(e: &Element, hidden: bool) {
    if hidden {
        attr(e, "hidden", "");
    } else {
        let _ = e.remove_attribute("hidden");
    }
}

/// Brings the skeleton up to `shown`, in place.
fn paint(host: &Element, lang: Lang, shown: &Shown) {
    let Some(doc) = host.owner_document() else {
        return;
    };
    let t = reminders_texts(lang);
    let find = |selector: &str| host.query_selector(selector).ok().flatten();
    // The alert and the gate come and go (an alert is announced as it appears).
    for old in [find("[data-not-kept]"), find("[data-public-only]")]
        .into_iter()
        .flatten()
    {
        old.remove();
    }
    if shown.not_kept {
        if let Some(status) = find("[data-reminders-status]") {
            let p = doc.create_element("p").ok();
            if let Some(p) = p {
                attr(&p, "class", "notice");
                attr(&p, "role", "alert");
                attr(&p, "data-not-kept", "");
                p.set_text_content(Some(t.not_kept));
                let _ = host.insert_before(&p, Some(&status));
            }
        }
    }
    if let (Some(words), Some(bar)) = (shown.gate, find(".reminders-toolbar")) {
        if let Ok(p) = doc.create_element("p") {
            attr(&p, "class", "notice");
            attr(&p, "data-public-only", "");
            text(&doc, &p, words);
            text(&doc, &p, " ");
            attr(
                &text_el(&doc, &p, "a", "", t.open_workspace),
                "href",
                routes::WORKSPACE,
            );
            let _ = host.insert_before(&p, Some(&bar));
        }
    }
    if let Some(count) = find("[data-unread]") {
        let words = shown.unread.map(t.unread_count).unwrap_or_default();
        if count.text_content().unwrap_or_default() != words {
            count.set_text_content(Some(&words));
        }
    }
    if let Some(all) = find("[data-mark-all]") {
        hide(&all, shown.unread.unwrap_or(0) == 0);
    }
    if let Some(p) = find("[data-notify]") {
        p.set_text_content(Some(match shown.permission {
            Permission::Unsupported => t.notify_unsupported,
            Permission::Granted => t.notify_on,
            Permission::Denied => t.notify_denied,
            Permission::Default => t.notify_hint,
        }));
    }
    if let Some(b) = find("[data-notify-enable]") {
        hide(&b, shown.permission != Permission::Default);
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
    // Digests from before this week whose reminders are all read fold into
    // one closed <details> at the end: the inbox stays short, nothing is lost.
    let today = now_beijing().date_naive();
    let (folded, open): (Vec<_>, Vec<_>) = grouped(all, settings)
        .into_iter()
        .partition(|(d, m)| is_earlier(d, today) && m.iter().all(|r| marks.contains(&r.id)));
    for (digest, members) in open {
        group(&doc, host, lang, digest, members, marks);
    }
    if !folded.is_empty() {
        let details = el(&doc, host, "details", "reminder-earlier");
        attr(&details, "data-earlier", "");
        let n = folded.iter().map(|(_, m)| m.len()).sum();
        text_el(&doc, &details, "summary", "", &(t.earlier)(folded.len(), n));
        for (digest, members) in folded {
            group(&doc, &details, lang, digest, members, marks);
        }
    }
}

/// One digest's heading and its reminders.
fn group(
    doc: &web_sys::Document,
    host: &Element,
    lang: Lang,
    digest: Digest,
    members: Vec<&Reminder>,
    marks: &[String],
) {
    let t = reminders_texts(lang);
    let section = el(doc, host, "section", "reminder-group");
    let heading = match digest {
        Digest::Immediate => t.immediate.to_owned(),
        Digest::Day(d) => (t.day_digest)(&d.to_string()),
        Digest::Week(w) => (t.week_digest)(&w.to_string()),
    };
    text_el(doc, &section, "h2", "", &heading);
    let ul = el(doc, &section, "ul", "reminder-list");
    for r in members {
        let unread = !marks.contains(&r.id);
        let li = el(
            doc,
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
        let head = el(doc, &li, "p", "reminder-head");
        text_el(
            doc,
            &head,
            "span",
            "state-badge neutral",
            kind_label(lang, r.kind),
        );
        if unread {
            text(doc, &head, " ");
            attr(
                &text_el(doc, &head, "span", "state-badge due-soon", t.unread),
                "data-unread-mark",
                "",
            );
        }
        let title = el(doc, &li, "p", "reminder-title");
        attr(
            &text_el(doc, &title, "a", "", r.title.get(lang.is_en())),
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
        text_el(doc, &li, "p", "muted", &when);
        if unread {
            let b = text_el(doc, &li, "button", "button small", t.mark_read);
            attr(&b, "type", "button");
            attr(&b, "data-mark-read", &r.id);
        }
    }
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
