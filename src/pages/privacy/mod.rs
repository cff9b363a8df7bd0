//! 隐私 (《Coremail隐私政策声明》, manual §12): exactly what this browser
//! keeps for the portal, with sizes, and one button that erases all of it
//! (`device_data`). Nothing here leaves the device.

mod texts;

use crate::components::{store_error_message, Loading, StoreUse};
use crate::device_data::{erase_everything, inventory, EraseFailure, Inventory};
use crate::i18n::{use_lang, Lang};
use crate::session::use_session;
use crate::visit::use_visit_lookups;
use leptos::prelude::*;
use texts::{local_key_name, privacy_texts, store_name, PrivacyTexts};

/// `1.2 KB`, `340 B`, `5.0 MB`.
fn size(bytes: f64) -> String {
    if bytes < 1024.0 {
        format!("{bytes:.0} B")
    } else if bytes < 1024.0 * 1024.0 {
        format!("{:.1} KB", bytes / 1024.0)
    } else {
        format!("{:.1} MB", bytes / (1024.0 * 1024.0))
    }
}

/// Where erasing stands.
#[derive(Debug, Clone, PartialEq)]
enum Erase {
    NotAsked,
    Confirming,
    Erasing,
    Done(Vec<EraseFailure>),
}

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let lookups = use_visit_lookups();
    let listed = LocalResource::new(inventory);
    let erase = RwSignal::new(Erase::NotAsked);
    let outbox = crate::outbox::use_outbox();

    let run_erase = move |_| {
        erase.set(Erase::Erasing);
        leptos::task::spawn_local(async move {
            let failures = erase_everything().await;
            // This tab forgets too: the open workspace and this visit's lookups.
            session.sign_out();
            lookups.0.set(Vec::new());
            let _ = outbox.run(crate::outbox::Op::Reload).await;
            erase.set(Erase::Done(failures));
            listed.refetch();
        });
    };

    let list = move || {
        let lang = lang.get();
        let t = privacy_texts(lang);
        match listed.get() {
            None => view! { <Loading/> }.into_any(),
            Some(inv) => inventory_view(lang, t, inv).into_any(),
        }
    };

    let erase_part = move || {
        let lang = lang.get();
        let t = privacy_texts(lang);
        match erase.get() {
            Erase::NotAsked => view! {
                <button type="button" class="button danger" on:click=move |_| erase.set(Erase::Confirming)>
                    {t.erase_button}
                </button>
            }
            .into_any(),
            Erase::Confirming => view! {
                <div class="notice confirm" role="alert">
                    <p>{t.erase_confirm}</p>
                    {move || {
                        let unsent = outbox.items().iter().filter(|i| i.is_pending()).count();
                        (unsent > 0).then(|| view! { <p><strong>{(t.erase_unsent)(unsent)}</strong></p> })
                    }}
                    <button type="button" class="button danger" on:click=run_erase>{t.erase_yes}</button>
                    " "
                    <button type="button" class="button" on:click=move |_| erase.set(Erase::NotAsked)>{t.erase_no}</button>
                </div>
            }
            .into_any(),
            Erase::Erasing => view! { <p role="status">{t.erasing}</p> }.into_any(),
            Erase::Done(failures) if failures.is_empty() => {
                view! { <p class="notice ok" role="status" data-erased="">{t.erased}</p> }.into_any()
            }
            Erase::Done(failures) => view! {
                <div class="notice" role="alert">
                    <p>{t.erase_partly}</p>
                    <ul>{failures.into_iter().map(|f| view! { <li>{failure_words(lang, t, f)}</li> }).collect_view()}</ul>
                </div>
            }
            .into_any(),
        }
    };

    view! {
        <section class="page privacy-page">
            {move || {
                let t = privacy_texts(lang.get());
                view! {
                    <h1>{t.title}</h1>
                    <p class="lead-text">{t.lead}</p>
                    <h2 id="kept-title">{t.kept_title}</h2>
                }
            }}
            {list}
            <h2>{move || privacy_texts(lang.get()).erase_title}</h2>
            <p>{move || privacy_texts(lang.get()).erase_lead}</p>
            {erase_part}
            {move || {
                let t = privacy_texts(lang.get());
                view! {
                    <h2>{t.policy_title}</h2>
                    {t.policy.iter().map(|p| view! { <p>{*p}</p> }).collect_view()}
                }
            }}
        </section>
    }
}

fn failure_words(lang: Lang, t: &PrivacyTexts, failure: EraseFailure) -> String {
    match failure {
        EraseFailure::Database(e) => format!(
            "{} {}",
            t.failed_database,
            store_error_message(lang, &e, StoreUse::ForgetLookup)
        ),
        EraseFailure::LocalStorage => t.failed_local.to_owned(),
        EraseFailure::Cache(name) => format!("{} {name}", t.failed_cache),
        EraseFailure::ServiceWorker => t.failed_worker.to_owned(),
    }
}

fn inventory_view(lang: Lang, t: &'static PrivacyTexts, inv: Inventory) -> impl IntoView {
    let mut rows: Vec<(String, String, String)> = Vec::new();
    let stores_problem = match &inv.stores {
        Ok(stores) => {
            for (name, count, bytes) in stores {
                rows.push((
                    store_name(lang, name).to_owned(),
                    (t.records)(*count),
                    size(*bytes as f64),
                ));
            }
            None
        }
        Err(e) => Some(store_error_message(lang, e, StoreUse::RememberLookup)),
    };
    for entry in &inv.local {
        rows.push((
            local_key_name(lang, &entry.key),
            t.one_setting.to_owned(),
            size(entry.bytes as f64),
        ));
    }
    for (name, entries) in &inv.caches {
        rows.push((
            format!("{} {name}", t.cache_label),
            (t.records)(*entries),
            "—".to_owned(),
        ));
    }
    let empty = rows.is_empty();
    view! {
        {stores_problem.map(|m| view! { <p class="notice" role="status">{m}</p> })}
        {if empty {
            view! { <p class="muted" data-kept-nothing="">{t.nothing_kept}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="kept-title">
                    <table class="data-table kept-table">
                        <thead>
                            <tr>
                                <th scope="col">{t.col_what}</th>
                                <th scope="col">{t.col_count}</th>
                                <th scope="col">{t.col_size}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {rows.into_iter().map(|(what, count, bytes)| view! {
                                <tr><th scope="row">{what}</th><td>{count}</td><td class="number">{bytes}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
            .into_any()
        }}
        {inv.estimate.map(|(usage, quota)| view! { <p class="muted">{(t.estimate)(&size(usage), &size(quota))}</p> })}
    }
}
