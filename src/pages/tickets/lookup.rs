//! `/tickets`: the lookup form and the lookups this device remembers, each
//! to reopen or forget.

use super::form::LookupForm;
use super::texts::tickets_texts;
use crate::components::{StoreProblem, StoreUse};
use crate::i18n::use_lang;
use crate::routes;
use crate::store::{self, StoreError};
use crate::time::format_ms;
use leptos::prelude::*;

/// `/tickets`: the lookup form and the recent lookups.
#[component]
pub fn TicketLookup() -> impl IntoView {
    let lang = use_lang();
    let header = move || {
        let t = tickets_texts(lang.get());
        view! {
            <h1>{t.tickets_title}</h1>
            <p class="lead-text">{t.tickets_lead}</p>
        }
    };
    view! {
        <section class="page">
            {header}
            <LookupForm number=String::new()/>
            <RecentLookups/>
        </section>
    }
}

#[component]
fn RecentLookups() -> impl IntoView {
    let lang = use_lang();
    let recent = LocalResource::new(store::recent);
    // Forgetting is a privacy action: if it fails, the user must know.
    let forget_problem = RwSignal::new(None::<StoreError>);
    let forget = move |key: Option<String>| {
        leptos::task::spawn_local(async move {
            let forgotten = match key {
                Some(key) => store::forget(&key).await,
                None => store::forget_all().await,
            };
            forget_problem.set(forgotten.err());
            recent.refetch();
        });
    };
    move || {
        let t = tickets_texts(lang.get());
        let problem = forget_problem
            .get()
            .map(|error| view! { <StoreProblem error used_for=StoreUse::ForgetLookup/> });
        let body = match recent.get() {
            None => ().into_any(),
            Some(Err(error)) => {
                view! { <StoreProblem error used_for=StoreUse::RememberLookup/> }.into_any()
            }
            Some(Ok(list)) if list.is_empty() => {
                view! { <p class="muted">{t.recent_empty}</p> }.into_any()
            }
            Some(Ok(list)) => {
                let items = list
                    .into_iter()
                    .map(|r| {
                        let key = r.key.clone();
                        view! {
                            <li class="recent-item">
                                <a href=routes::ticket(&r.number) class="recent-link">
                                    <span class="recent-number">{r.number.clone()}</span>
                                    <span class="recent-title">{r.title.clone()}</span>
                                </a>
                                <span class="recent-when">{t.looked_up_at}" "{format_ms(r.opened_at)}</span>
                                <button type="button" class="button small" on:click=move |_| forget(Some(key.clone()))>
                                    {t.forget_button}
                                </button>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <ul class="recent-list">{items}</ul>
                    <button type="button" class="button small" on:click=move |_| forget(None)>{t.forget_all_button}</button>
                }
                .into_any()
            }
        };
        view! {
            <section class="section recent" aria-labelledby="recent-title">
                <h2 id="recent-title">{t.recent_title}</h2>
                {problem}
                {body}
            </section>
        }
    }
}
