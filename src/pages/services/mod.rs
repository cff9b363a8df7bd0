//! 服务目录: the service catalogue of the manual's appendix 1, the channels
//! with a live "open now / opens at …" badge from the calendar, the
//! severity levels and the on-site rule.

mod texts;

use crate::api::{fetch_json, use_sla};
use crate::components::{loaded, service_info, use_clock};
use crate::i18n::{use_lang, Lang};
use leptos::prelude::*;
use portal_core::files;
use portal_core::model::{Delivery, ServiceClass};
use std::time::Duration;
use texts::services_texts;

#[component]
pub fn Services() -> impl IntoView {
    let lang = use_lang();
    let setup = use_sla();
    let catalogue = LocalResource::new(|| fetch_json::<Vec<ServiceClass>>(files::SERVICES));
    let now = use_clock(Duration::from_secs(30));

    let header = move || {
        let t = services_texts(lang.get());
        view! {
            <h1>{t.title}</h1>
            <p class="lead-text">{t.lead}</p>
        }
    };
    let policy = loaded(setup, move |setup| {
        service_info(lang.get(), setup, now).into_any()
    });
    let catalogue_view = loaded(catalogue, move |classes| {
        catalogue_section(lang.get(), classes).into_any()
    });
    view! {
        <section class="page">
            {header}
            {policy}
            {catalogue_view}
        </section>
    }
}

fn catalogue_section(lang: Lang, classes: Vec<ServiceClass>) -> impl IntoView {
    let (t, en) = (services_texts(lang), lang.is_en());
    let classes = classes
        .into_iter()
        .map(|class| {
            let count = (t.items)(class.items.len());
            let items = class
                .items
                .into_iter()
                .map(|item| {
                    let delivery = match item.delivery {
                        Delivery::Remote => t.remote,
                        Delivery::Onsite => t.onsite,
                    };
                    view! {
                        <li class="service-item" data-service=item.id>
                            <div>
                                <h4>{item.name.get(en).to_owned()}</h4>
                                <p>{item.description.get(en).to_owned()}</p>
                            </div>
                            <span class="tag">{delivery}</span>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="card service-class" data-class=class.id>
                    <h3>{class.name.get(en).to_owned()}" "<span class="count">{count}</span></h3>
                    <ul class="service-items">{items}</ul>
                </section>
            }
        })
        .collect_view();
    view! {
        <section class="section" aria-labelledby="catalogue-title">
            <h2 id="catalogue-title">{t.catalogue_title}</h2>
            <p>{t.book_lead}" "<a href=crate::routes::BOOKING>{t.book_link}</a></p>
            <p>{t.consult_lead}" "<a href=crate::routes::CONSULT>{t.consult_link}</a></p>
            <div class="service-classes">{classes}</div>
        </section>
    }
}
