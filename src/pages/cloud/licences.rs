//! `/licences`: the workspace's account features, filtered and sorted, with
//! a selection, and requests to open, renew or revoke through the outbox.
//!
//! The list is built with the DOM API (`crate::dom`) whenever the filter,
//! the sort, the language or the outbox changes; a tick of a row's checkbox
//! changes only the selection, never the list, so the focus stays on the
//! box. What a selection may be asked and when a request is pending are the
//! core's (`portal_core::cloud`).

use super::table::{cell, labelled, row, stack_table};
use super::texts::{action_name, action_verb, cloud_texts, feature_name, state_class, state_name};
use crate::components::{code_words, field_words, state_words, StoreProblem, StoreUse};
use crate::dom::{attr, el, text_el};
use crate::i18n::{use_lang, Lang};
use crate::outbox::{new_submission, use_outbox, Op, Submit, SubmitError};
use crate::routes;
use crate::session::use_session;
use crate::store::StoreError;
use crate::time::now_beijing;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use portal_core::cloud::{
    applicable, days_left, effective_state, is_expiring, item_of, list, pending, pending_for,
    LicenceView, SortKey, StateFilter,
};
use portal_core::model::{AccountFeature, CloudFeature, FeatureState, Workspace};
use portal_core::submission::{Contact, LicenceAction, LicenceRequest, Problem, Request, Scope};
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// An account feature's key in the selection.
type Key = (String, CloudFeature);

fn key(f: &AccountFeature) -> Key {
    (f.account.clone(), f.feature)
}

/// Where a request stands.
#[derive(Debug, Clone, PartialEq)]
enum Sending {
    Editing,
    Saving,
    Queued,
    Problems(Vec<Problem>),
    StoreFailed(StoreError),
    NoCredentials,
}

const ACTIONS: [LicenceAction; 3] = [
    LicenceAction::Open,
    LicenceAction::Renew,
    LicenceAction::Revoke,
];

pub fn licences_view(workspace: Workspace) -> AnyView {
    let lang = use_lang();
    let outbox = use_outbox();
    let session = use_session();
    // The page shows this device's requests as pending: it needs the items.
    if !outbox.is_loaded() {
        outbox.spawn(Op::Start);
    }
    let w = Arc::new(workspace);
    let today = now_beijing().date_naive();

    // Filter, sort and order live in the URL (`?feature=…&state=…&sort=…&order=desc`):
    // a reload or a link shows the same list. A change replaces the history entry.
    let location = use_location();
    let shown_view = Memo::new(move |_| LicenceView::from_query_string(&location.search.get()));
    let navigate = use_navigate();
    let set_view = Callback::new(move |v: LicenceView| {
        let q = v.to_query_string();
        let url = if q.is_empty() {
            routes::LICENCES.to_owned()
        } else {
            format!("{}?{q}", routes::LICENCES)
        };
        let options = NavigateOptions {
            replace: true,
            scroll: false,
            ..Default::default()
        };
        navigate(&url, options);
    });
    let change = move |f: &dyn Fn(&mut LicenceView)| {
        let mut v = shown_view.get_untracked();
        f(&mut v);
        set_view.run(v);
    };
    let selected = RwSignal::new(Vec::<Key>::new());
    // Bumped when the selection changes other than by a tick (select all,
    // clear, sent), so the boxes are drawn again.
    let redraw = RwSignal::new(0u32);
    let asking = RwSignal::new(None::<LicenceAction>);
    let sending = RwSignal::new(Sending::Editing);
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());

    let features = StoredValue::new(w.clone());
    // The rows shown, as keys (tracked).
    let shown = move || -> Vec<Key> {
        let LicenceView {
            filter: f,
            sort: k,
            descending: d,
        } = shown_view.get();
        features.with_value(|w| {
            list(&w.cloud_features, &f, k, d, today)
                .into_iter()
                .map(key)
                .collect()
        })
    };
    // The selected rows that are shown: what an action applies to.
    let chosen = move || -> Vec<AccountFeature> {
        let keys = shown();
        selected.with(|sel| {
            features.with_value(|w| {
                keys.iter()
                    .filter(|k| sel.contains(k))
                    .filter_map(|k| w.cloud_features.iter().find(|f| key(f) == *k).cloned())
                    .collect()
            })
        })
    };
    let split = move |action: LicenceAction| {
        let c = chosen();
        let refs: Vec<&AccountFeature> = c.iter().collect();
        let (yes, no) = applicable(&refs, action, today);
        (yes.into_iter().cloned().collect::<Vec<_>>(), no.len())
    };

    let host = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let lang = lang.get();
        let keys = shown();
        redraw.track();
        let items = outbox.items();
        let Some(h) = host.get() else { return };
        features.with_value(|w| {
            let waiting = pending(&items, w, today);
            let rows: Vec<&AccountFeature> = keys
                .iter()
                .filter_map(|k| w.cloud_features.iter().find(|f| key(f) == *k))
                .collect();
            selected.with_untracked(|sel| fill(&h, lang, &rows, sel, &waiting, today));
        });
    });
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let (Some(account), Some(feature)) = (
            input.get_attribute("data-account"),
            input
                .get_attribute("data-feature")
                .and_then(|f| f.parse::<CloudFeature>().ok()),
        ) else {
            return;
        };
        let k = (account, feature);
        let on = input.checked();
        selected.update(|sel| {
            sel.retain(|x| *x != k);
            if on {
                sel.push(k);
            }
        });
        if sending.get_untracked() == Sending::Queued {
            sending.set(Sending::Editing);
        }
    };

    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(action) = asking.get_untracked() else {
            return;
        };
        if sending.get_untracked() == Sending::Saving {
            return;
        }
        let (items, _) = untrack(|| split(action));
        let Some(secret) = session.key_untracked() else {
            return;
        };
        let lang = lang.get_untracked();
        let t = cloud_texts(lang);
        let n = items.len();
        let note_text = note.get_untracked();
        let submission = new_submission(
            lang,
            Scope::Workspace,
            features.with_value(|w| w.id.clone()),
            Request::LicenceRequest(LicenceRequest {
                action,
                items: items.iter().map(item_of).collect(),
                note: Some(note_text.trim().to_owned()).filter(|s| !s.is_empty()),
                contact: Contact {
                    name: name.get_untracked().trim().to_owned(),
                    email: email.get_untracked().trim().to_owned(),
                    phone: None,
                },
            }),
        );
        let submit = Submit {
            submission,
            secret,
            labels: portal_core::secret::workspace_labels(),
            summary: (t.summary)(action_verb(lang, action), n),
            ticket: None,
            catalogue: None,
            form_problems: Vec::new(),
        };
        sending.set(Sending::Saving);
        leptos::task::spawn_local(async move {
            match outbox.run(Op::Submit(Box::new(submit))).await {
                Ok(()) => {
                    note.set(String::new());
                    selected.set(Vec::new());
                    asking.set(None);
                    redraw.update(|n| *n += 1);
                    sending.set(Sending::Queued);
                    crate::components::focus_by_id("licence-status");
                }
                Err(SubmitError::Problems(p)) => sending.set(Sending::Problems(p)),
                Err(SubmitError::Store(e)) => sending.set(Sending::StoreFailed(e)),
                Err(SubmitError::NoCredentials) => sending.set(Sending::NoCredentials),
            }
        });
    };

    let t = move || cloud_texts(lang.get());
    let total = w.cloud_features.len();
    if total == 0 {
        return view! {
            <h1>{move || t().licences_title}</h1>
            <p class="notice" data-no-features="">{move || t().no_features}</p>
            <p><a href=routes::SECURITY>{move || t().to_security}</a></p>
        }
        .into_any();
    }

    let controls = move || {
        let lang = lang.get();
        let t = cloud_texts(lang);
        let feature_options = CloudFeature::ALL.map(|f| (f.as_str(), feature_name(lang, f)));
        let mut state_options = vec![("expiring", t.expiring_filter)];
        state_options.extend(FeatureState::ALL.map(|s| (s.as_str(), state_name(lang, s))));
        let now = shown_view.get_untracked();
        let sorts = [
            (SortKey::Expires, t.sort_expires),
            (SortKey::Account, t.sort_account),
            (SortKey::Feature, t.sort_feature),
            (SortKey::State, t.sort_state),
        ];
        view! {
            <form class="patch-filter licence-filter" aria-label=t.filter_label on:submit=|ev| ev.prevent_default()>
                <div class="field">
                    <label for="licence-feature">{t.feature_label}</label>
                    <select id="licence-feature" on:change=move |ev| {
                        let picked = event_target_value(&ev).parse().ok();
                        change(&|v| v.filter.feature = picked);
                    }>
                        <option value="" selected=now.filter.feature.is_none()>{t.all}</option>
                        {feature_options.into_iter().map(|(v, label)| view! {
                            <option value=v selected=now.filter.feature.map(|f| f.as_str()) == Some(v)>{label}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="licence-state">{t.state_label}</label>
                    <select id="licence-state" on:change=move |ev| {
                        let picked = StateFilter::parse(&event_target_value(&ev));
                        change(&|v| v.filter.state = picked);
                    }>
                        <option value="" selected=now.filter.state.is_none()>{t.all}</option>
                        {state_options.into_iter().map(|(v, label)| view! {
                            <option value=v selected=now.filter.state.map(|s| s.name()) == Some(v)>{label}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="licence-sort">{t.sort_label}</label>
                    <select id="licence-sort" on:change=move |ev| {
                        if let Ok(k) = event_target_value(&ev).parse::<SortKey>() { change(&|v| v.sort = k) }
                    }>
                        {sorts.into_iter().map(|(k, label)| view! {
                            <option value=k.as_str() selected=now.sort == k>{label}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="licence-order">{t.order_label}</label>
                    <select id="licence-order" on:change=move |ev| {
                        let desc = event_target_value(&ev) == "desc";
                        change(&|v| v.descending = desc);
                    }>
                        <option value="asc" selected=!now.descending>{t.ascending}</option>
                        <option value="desc" selected=now.descending>{t.descending}</option>
                    </select>
                </div>
            </form>
        }
    };

    let count = move || {
        let n = shown().len();
        let t = t();
        if n == 0 {
            format!("{} {}", (t.shown)(0, total), t.none_match)
        } else {
            (t.shown)(n, total)
        }
    };

    let action_bar = move || {
        let lang = lang.get();
        let t = cloud_texts(lang);
        let n = chosen().len();
        let all_shown = shown();
        view! {
            <div class="licence-actions" role="group" aria-label=t.filter_label>
                <p class="licence-selected" data-selected=n.to_string() aria-live="polite">{(t.selected)(n)}</p>
                <button type="button" class="button small" on:click=move |_| {
                    selected.set(all_shown.clone());
                    redraw.update(|n| *n += 1);
                }>{t.select_shown}</button>
                <button type="button" class="button small" disabled=n == 0 on:click=move |_| {
                    selected.set(Vec::new());
                    redraw.update(|n| *n += 1);
                }>{t.clear_selection}</button>
                {ACTIONS.into_iter().map(|a| {
                    let k = split(a).0.len();
                    view! {
                        <button type="button" class="button primary small" data-action=a.as_str() disabled=k == 0
                            on:click=move |_| {
                                asking.set(Some(a));
                                sending.set(Sending::Editing);
                                crate::components::focus_by_id("licence-request-title");
                            }>
                            {(t.request_for)(action_name(lang, a), k)}
                        </button>
                    }
                }).collect_view()}
            </div>
        }
    };

    let panel = move || {
        let action = asking.get()?;
        let lang = lang.get();
        let t = cloud_texts(lang);
        let (items, skipped) = split(action);
        let verb = action_verb(lang, action);
        let saving = sending.get() == Sending::Saving;
        Some(view! {
            <form class="card licence-request" id="licence-request" on:submit=send aria-labelledby="licence-request-title">
                <h2 id="licence-request-title" tabindex="-1">{(t.request_title)(verb)}</h2>
                <p>{(t.applies_to)(items.len())}</p>
                <ul class="licence-items">
                    {items.iter().map(|f| view! {
                        <li>{format!("{} · {}", f.account, feature_name(lang, f.feature))}</li>
                    }).collect_view()}
                </ul>
                {(skipped > 0).then(|| view! { <p class="muted">{(t.skipped)(skipped, verb)}</p> })}
                <div class="field">
                    <label for="licence-name">{t.contact_name}</label>
                    <input id="licence-name" autocomplete="name" prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="licence-email">{t.contact_email}</label>
                    <input id="licence-email" type="email" autocomplete="email" prop:value=move || email.get()
                        on:input=move |ev| email.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="licence-note">{t.note}</label>
                    <textarea id="licence-note" rows="2" aria-describedby="licence-note-hint" prop:value=move || note.get()
                        on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                    <p id="licence-note-hint" class="field-hint">{t.note_hint}</p>
                </div>
                {problems_view(lang, sending)}
                <p class="actions">
                    <button type="submit" class="button primary" disabled=saving || items.is_empty()>{t.send}</button>" "
                    <button type="button" class="button" on:click=move |_| asking.set(None)>{t.cancel}</button>
                </p>
            </form>
        })
    };

    let status = move || {
        let lang = lang.get();
        let t = cloud_texts(lang);
        match sending.get() {
            Sending::Queued => view! {
                <p class="notice" id="licence-status" tabindex="-1" role="status">
                    {t.queued}" "<a href=routes::OUTBOX>{t.see_outbox}</a>
                </p>
            }
            .into_any(),
            Sending::StoreFailed(error) => {
                view! { <StoreProblem error used_for=StoreUse::Queue/> }.into_any()
            }
            Sending::NoCredentials => {
                view! { <p class="notice" role="alert">{t.no_credentials}</p> }.into_any()
            }
            _ => ().into_any(),
        }
    };

    view! {
        <h1>{move || t().licences_title}</h1>
        <p class="lead-text">{move || t().licences_lead}</p>
        <p class="cloud-links">
            <a href=routes::WORKSPACE>{move || lang.get().pick("工作台", "Workspace")}</a>" · "
            <a href=routes::SECURITY>{move || t().to_security}</a>
        </p>
        {controls}
        <p class="muted" data-licence-count="" aria-live="polite">{count}</p>
        {action_bar}
        {status}
        {panel}
        <div class="licence-list" node_ref=host on:change=on_change></div>
    }
    .into_any()
}

fn problems_view(lang: Lang, sending: RwSignal<Sending>) -> impl IntoView {
    move || match sending.get() {
        Sending::Problems(ps) => Some(view! {
            <div class="notice" role="alert">
                <p>{cloud_texts(lang).problems_intro}</p>
                <ul>
                    {ps.iter().map(|p| view! {
                        <li>{format!("{}: {}", field_words(lang, &p.field), code_words(lang, &p.field, p.code))}</li>
                    }).collect_view()}
                </ul>
            </div>
        }),
        _ => None,
    }
}

/// The table of `rows` into `host`, boxes ticked for `selected`, each
/// pending request beside its row's state.
fn fill(
    host: &web_sys::Element,
    lang: Lang,
    rows: &[&AccountFeature],
    selected: &[Key],
    waiting: &[portal_core::cloud::Pending],
    today: chrono::NaiveDate,
) {
    host.set_text_content(None);
    let Some(doc) = host.owner_document() else {
        return;
    };
    if rows.is_empty() {
        return;
    }
    let t = cloud_texts(lang);
    let scroll = el(&doc, host, "div", "table-scroll");
    attr(&scroll, "tabindex", "0");
    attr(&scroll, "role", "region");
    attr(&scroll, "aria-label", t.licences_title);
    let cols = [
        t.col_select,
        t.col_account,
        t.col_feature,
        t.col_state,
        t.col_expires,
    ];
    let body = stack_table(&doc, &scroll, "licence-table", &cols);
    for (i, f) in rows.iter().enumerate() {
        let state = effective_state(f, today);
        let tr = row(&doc, &body);
        attr(&tr, "data-account", &f.account);
        attr(&tr, "data-feature", f.feature.as_str());
        attr(&tr, "data-state", state.as_str());
        let td = el(&doc, &tr, "td", "");
        labelled(&td, "cell", cols[0]);
        let input = el(&doc, &td, "input", "");
        let id = format!("licence-row-{i}");
        attr(&input, "type", "checkbox");
        attr(&input, "id", &id);
        attr(&input, "data-account", &f.account);
        attr(&input, "data-feature", f.feature.as_str());
        let name = feature_name(lang, f.feature);
        attr(&input, "aria-label", &(t.select_row)(&f.account, name));
        if selected.contains(&key(f)) {
            if let Some(i) = input.dyn_ref::<web_sys::HtmlInputElement>() {
                i.set_checked(true);
            }
        }
        let th = text_el(&doc, &tr, "th", "", &f.account);
        attr(&th, "scope", "row");
        labelled(&th, "rowheader", cols[1]);
        cell(&doc, &tr, "", cols[2], name);
        let state_cell = el(&doc, &tr, "td", "");
        labelled(&state_cell, "cell", cols[3]);
        text_el(
            &doc,
            &state_cell,
            "span",
            state_class(state, is_expiring(f, today)),
            state_name(lang, state),
        );
        if let Some(p) = pending_for(waiting, f) {
            attr(&tr, "data-pending", p.action.as_str());
            let (words, _) = state_words(lang, p.state);
            text_el(
                &doc,
                &state_cell,
                "span",
                "licence-pending",
                &(t.pending)(action_name(lang, p.action), words),
            );
        }
        let expires = el(&doc, &tr, "td", "");
        labelled(&expires, "cell", cols[4]);
        match f.expires {
            Some(d) => {
                text_el(&doc, &expires, "span", "", &d.to_string());
                if let Some(left) = days_left(f, today) {
                    text_el(
                        &doc,
                        &expires,
                        "span",
                        "muted licence-left",
                        &(t.days_left)(left),
                    );
                }
            }
            None => {
                text_el(&doc, &expires, "span", "", t.no_expiry);
            }
        }
    }
}
