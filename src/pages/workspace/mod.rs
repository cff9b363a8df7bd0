//! 工作台: one customer's workspace, opened with the customer access key
//! (`components::workspace_gate`). The contract's service period and the
//! products it covers, the deployed versions, the modules bought (and what
//! the others are and how to get them), on-site person-days, licences, the
//! security reports of the modules bought, and the latest tickets.
//!
//! The in-page navigation lists only what this customer has: a module that
//! was not bought is described, never linked to an empty report.

mod texts;

use crate::api::fetch_products;
use crate::components::{step_name, WorkspaceGate};
use crate::i18n::{use_lang, Lang};
use crate::routes;
use crate::time::{format_beijing, now_beijing};
use leptos::prelude::*;
use portal_core::model::{Module, Product, Workspace};
use portal_core::tickets::is_open;
use portal_core::workspace::{
    cac_totals, contract_state, guard_totals, licence_state, licences_by_expiry, modules,
    onsite_left, overseas_totals, ContractState,
};
use texts::{metric_name, module_name, workspace_texts, WorkspaceTexts};

#[component]
pub fn WorkspacePage() -> impl IntoView {
    view! {
        <section class="page workspace-page">
            <WorkspaceGate
                title=|lang| workspace_texts(lang).title
                lead=|lang| workspace_texts(lang).lead
                render=|w: Workspace| view! { <Overview workspace=w/> }.into_any()
            />
        </section>
    }
}

/// A state as words and the badge class that colours it.
fn state_words(t: &WorkspaceTexts, state: ContractState) -> (String, &'static str) {
    match state {
        ContractState::NotStarted { days } => ((t.not_started)(days), "state-badge neutral"),
        ContractState::Active { days_left } => ((t.active)(days_left), "state-badge on-track"),
        ContractState::Expiring { days_left } => ((t.expiring)(days_left), "state-badge due-soon"),
        ContractState::Ended { days_ago } => ((t.ended)(days_ago), "state-badge breached"),
    }
}

fn module_anchor(module: Module) -> &'static str {
    match module {
        Module::Guard => "report-guard",
        Module::Cac => "report-cac",
        Module::Overseas => "report-overseas",
    }
}

#[component]
fn Overview(workspace: Workspace) -> impl IntoView {
    let lang = use_lang();
    let products = LocalResource::new(fetch_products);
    move || {
        let lang = lang.get();
        let t = workspace_texts(lang);
        let catalogue: Vec<Product> = products.get().and_then(Result::ok).unwrap_or_default();
        let name_of = |id: &str| {
            catalogue
                .iter()
                .find(|p| p.id == id)
                .map(|p| p.name.get(lang.is_en()).to_owned())
                .unwrap_or_else(|| id.to_owned())
        };
        let today = now_beijing().date_naive();
        let w = &workspace;
        let bought: Vec<Module> = modules(w)
            .into_iter()
            .filter(|(_, b)| *b)
            .map(|(m, _)| m)
            .collect();

        // In-page navigation: the overview's parts, then one entry per report
        // the customer has. `target="_self"`: the browser scrolls and moves
        // focus; the router leaves fragment links alone.
        let mut nav: Vec<(String, String)> = vec![
            ("contract".into(), t.contract_title.into()),
            ("deployments".into(), t.deployments_title.into()),
            ("modules".into(), t.modules_title.into()),
            ("onsite".into(), t.onsite_title.into()),
            ("licences".into(), t.licences_title.into()),
            ("tickets".into(), t.tickets_title.into()),
        ];
        nav.extend(bought.iter().map(|&m| {
            (
                module_anchor(m).to_owned(),
                module_name(lang, m).0.to_owned(),
            )
        }));
        let nav = view! {
            <nav class="workspace-nav" aria-label=t.sections_label>
                <ul>
                    {nav.into_iter().map(|(id, label)| view! {
                        <li><a href=format!("#{id}") target="_self">{label}</a></li>
                    }).collect_view()}
                </ul>
            </nav>
        };

        let (contract_words, contract_class) = state_words(t, contract_state(&w.contract, today));
        let renew = matches!(
            contract_state(&w.contract, today),
            ContractState::Expiring { .. } | ContractState::Ended { .. }
        );
        let contract = view! {
            <section id="contract" class="card workspace-card" aria-labelledby="contract-title">
                <h2 id="contract-title">{t.contract_title}</h2>
                <dl class="facts">
                    <dt>{t.contract_id}</dt>
                    <dd>{w.contract.id.clone()}</dd>
                    <dt>{t.period}</dt>
                    <dd>
                        {format!("{} – {}", w.contract.starts, w.contract.ends)}" "
                        <span class=contract_class data-contract-state="">{contract_words}</span>
                    </dd>
                    <dt>{t.covers}</dt>
                    <dd>
                        <ul class="inline-list">
                            {w.contract.products.iter().map(|p| view! { <li>{name_of(p)}</li> }).collect_view()}
                        </ul>
                    </dd>
                </dl>
                {renew.then(|| view! { <p class="notice">{t.renew_hint}</p> })}
                <p><a href=routes::TERMS data-terms-link="">{t.terms_link}</a></p>
            </section>
        };

        let deployments = view! {
            <section id="deployments" class="card workspace-card" aria-labelledby="deployments-title">
                <h2 id="deployments-title">{t.deployments_title}</h2>
                // Focusable: a keyboard user can scroll it on a phone.
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="deployments-title">
                    <table class="data-table">
                        <thead>
                            <tr>
                                <th scope="col">{t.col_installation}</th>
                                <th scope="col">{t.col_product}</th>
                                <th scope="col">{t.col_version}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {w.deployments.iter().map(|d| view! {
                                <tr>
                                    <td>{d.label.get(lang.is_en()).to_owned()}</td>
                                    <td>{name_of(&d.product)}</td>
                                    <td>{d.version.clone()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <p><a href=routes::patches("mine=1")>{t.patches_for_deployment}</a></p>
            </section>
        };

        let modules_view = view! {
            <section id="modules" class="card workspace-card" aria-labelledby="modules-title">
                <h2 id="modules-title">{t.modules_title}</h2>
                <ul class="module-list">
                    {modules(w).into_iter().map(|(m, has)| module_item(lang, t, m, has)).collect_view()}
                </ul>
            </section>
        };

        let (left, extra) = onsite_left(w.onsite_days);
        let onsite = view! {
            <section id="onsite" class="card workspace-card" aria-labelledby="onsite-title">
                <h2 id="onsite-title">{t.onsite_title}</h2>
                <dl class="figures">
                    <div><dt>{t.onsite_bought}</dt><dd>{w.onsite_days.bought}</dd></div>
                    <div><dt>{t.onsite_used}</dt><dd>{w.onsite_days.used}</dd></div>
                    <div><dt>{t.onsite_left}</dt><dd data-onsite-left="">{left}</dd></div>
                </dl>
                {(extra > 0).then(|| view! { <p class="notice">{(t.onsite_extra)(extra)}</p> })}
                <p class="muted">{t.onsite_rule}</p>
                <p class="request-cta">
                    <a class="button" href=routes::BOOKING data-booking-link="">{t.book_engineer}</a>" "
                    <span class="muted">{t.book_engineer_hint}</span>
                </p>
            </section>
        };

        let licences = view! {
            <section id="licences" class="card workspace-card" aria-labelledby="licences-title">
                <h2 id="licences-title">{t.licences_title}</h2>
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="licences-title">
                    <table class="data-table">
                        <thead>
                            <tr>
                                <th scope="col">{t.col_licence}</th>
                                <th scope="col">{t.col_product}</th>
                                <th scope="col">{t.col_seats}</th>
                                <th scope="col">{t.col_expires}</th>
                                <th scope="col">{t.col_service_until}</th>
                                <th scope="col">{t.col_state}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {licences_by_expiry(&w.licences).into_iter().map(|l| {
                                let (words, class) = state_words(t, licence_state(l, today));
                                view! {
                                    <tr data-licence=l.id.clone()>
                                        <td>{l.edition.get(lang.is_en()).to_owned()}</td>
                                        <td>{format!("{} {}", name_of(&l.product), l.version)}</td>
                                        <td class="number">{l.seats}</td>
                                        <td>{l.expires.to_string()}</td>
                                        <td>{l.service_until.to_string()}</td>
                                        <td><span class=class>{words}</span></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <p><a href=routes::LICENCES data-licences-link="">{t.cloud_features_link}</a></p>
            </section>
        };

        let open_count = w.tickets.iter().filter(|s| is_open(s.status)).count();
        let tickets = view! {
            <section id="tickets" class="card workspace-card" aria-labelledby="tickets-title">
                <h2 id="tickets-title">{t.tickets_title}</h2>
                <p class="request-cta">
                    <a class="button primary" href=routes::REQUEST>{t.new_request}</a>" "
                    <span class="muted">{t.new_request_hint}</span>
                </p>
                <p>{(t.tickets_counts)(w.tickets.len(), open_count)}</p>
                {if w.tickets.is_empty() {
                    view! { <p class="muted">{t.no_tickets}</p> }.into_any()
                } else {
                    view! {
                        <ul class="history-list">
                            {w.tickets.iter().take(5).map(|s| view! {
                                <li class="history-row compact">
                                    <span class="history-title">{s.number.clone()}" "{s.title.clone()}</span>
                                    <a class="button small" href=routes::ticket_link(&s.number, &s.code)>{t.open_button}</a>
                                    <span class="history-meta">{step_name(lang, s.status)}" · "{format_beijing(&s.received)}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
                <p><a href=routes::HISTORY>{t.all_tickets}</a></p>
            </section>
        };

        let reports = (!bought.is_empty()).then(|| {
            let s = &w.security;
            let mut parts = Vec::new();
            if let (true, Some(r)) = (bought.contains(&Module::Guard), &s.guard) {
                parts.push(report(
                    lang,
                    t,
                    Module::Guard,
                    (r.period_from, r.period_to),
                    guard_totals(r).to_vec(),
                ));
            }
            if let (true, Some(r)) = (bought.contains(&Module::Cac), &s.cac) {
                parts.push(report(
                    lang,
                    t,
                    Module::Cac,
                    (r.period_from, r.period_to),
                    cac_totals(r).to_vec(),
                ));
            }
            if let (true, Some(r)) = (bought.contains(&Module::Overseas), &s.overseas) {
                parts.push(report(
                    lang,
                    t,
                    Module::Overseas,
                    (r.period_from, r.period_to),
                    overseas_totals(r).to_vec(),
                ));
            }
            view! {
                <h2 class="section-title">{t.security_title}</h2>
                <p><a href=routes::SECURITY data-security-link="">{t.security_link}</a></p>
                {parts}
            }
        });

        view! {
            <h1>{t.title}</h1>
            {nav}
            <p class="workspace-links">
                <a href=routes::REMINDERS data-reminders-link="">{t.reminders_link}</a>" · "
                <a href=routes::SETTINGS>{t.settings_link}</a>
            </p>
            <div class="workspace-grid">
                {contract}
                {deployments}
                {modules_view}
                {onsite}
            </div>
            {licences}
            {tickets}
            {reports}
        }
    }
}

fn module_item(lang: Lang, t: &'static WorkspaceTexts, module: Module, has: bool) -> impl IntoView {
    let (name, what) = module_name(lang, module);
    let subject = format!("{} {name}", t.ask_about);
    let mailto = format!(
        "mailto:support@coremail.cn?subject={}",
        js_sys::encode_uri_component(&subject)
    );
    view! {
        <li class="module-item" data-module=format!("{module:?}").to_lowercase() data-bought=has.to_string()>
            <h3>{name}" "
                <span class=if has { "state-badge on-track" } else { "state-badge neutral" }>
                    {if has { t.bought } else { t.not_bought }}
                </span>
            </h3>
            <p>{what}</p>
            {if has {
                view! { <p><a href=format!("#{}", module_anchor(module)) target="_self">{t.see_report}</a></p> }.into_any()
            } else {
                view! {
                    <p class="muted">{t.how_to_buy}" "<a href=mailto>{t.ask_about}</a></p>
                }
                .into_any()
            }}
        </li>
    }
}

fn report(
    lang: Lang,
    t: &'static WorkspaceTexts,
    module: Module,
    (from, to): (chrono::NaiveDate, chrono::NaiveDate),
    totals: Vec<(&'static str, u64)>,
) -> impl IntoView {
    let id = module_anchor(module);
    let title_id = format!("{id}-title");
    view! {
        <section id=id class="card workspace-card report" aria-labelledby=title_id.clone()>
            <h3 id=format!("{id}-title")>{module_name(lang, module).0}</h3>
            <p class="muted">{(t.report_period)(&from.to_string(), &to.to_string())}</p>
            <table class="data-table">
                <thead>
                    <tr><th scope="col">{t.col_metric}</th><th scope="col">{t.col_total}</th></tr>
                </thead>
                <tbody>
                    {totals.into_iter().map(|(metric, total)| view! {
                        <tr data-metric=metric>
                            <th scope="row">{metric_name(lang, metric)}</th>
                            <td class="number">{total}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
