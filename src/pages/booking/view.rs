//! Behind the workspace gate: the data the booking page needs, the form and
//! this device's bookings. A split point of its own (`booking_form_view`).

use super::form::BookingForm;
use super::mine::MyBookings;
use super::texts::booking_texts;
use crate::api::{fetch_json, fetch_products, ApiError};
use crate::components::{booking_kind_words, loaded};
use crate::i18n::{use_lang, Lang};
use crate::outbox::{use_outbox, Op};
use crate::time::format_beijing;
use leptos::prelude::*;
use portal_core::booking::DeviceBooking;
use portal_core::files;
use portal_core::model::{BookingKind, Engineer, Patch, Product, ServiceStation, Workspace};
use portal_core::submission::Booking;
use std::sync::Arc;

/// What the page's address fills in.
#[derive(Debug, Clone, Default)]
pub struct Prefill {
    pub kind: Option<BookingKind>,
    pub patch: Option<String>,
}

pub struct BookingArgs {
    pub workspace: Workspace,
    pub prefill: Prefill,
}

/// The API files the page reads besides the SLA setup (policy, calendar).
pub struct BookingData {
    pub engineers: Vec<Engineer>,
    pub stations: Vec<ServiceStation>,
    pub patches: Vec<Patch>,
    pub products: Vec<Product>,
}

impl BookingData {
    /// An engineer's name, or their id if the file does not list them.
    pub fn engineer_name(&self, id: &str, english: bool) -> String {
        self.engineers
            .iter()
            .find(|e| e.id == id)
            .map_or_else(|| id.to_owned(), |e| e.name.get(english).to_owned())
    }

    /// `远程支持 · 2026-10-09 13:30 · 赵敏`: how the outbox and the form name a
    /// booking (type, start in Beijing time, engineer).
    pub fn summary(&self, lang: Lang, b: &Booking) -> String {
        format!(
            "{} · {} · {}",
            booking_kind_words(lang, b.booking_type),
            format_beijing(&b.start),
            self.engineer_name(&b.engineer, lang.is_en())
        )
    }

    /// `Coremail XT V5.0.14`: a product's name with the version.
    pub fn product_version(&self, product: &str, version: &str, english: bool) -> String {
        let name = self
            .products
            .iter()
            .find(|p| p.id == product)
            .map_or(product, |p| p.name.get(english));
        format!("{name} {version}")
    }
}

async fn fetch_booking_data() -> Result<Arc<BookingData>, ApiError> {
    let (engineers, stations, patches, products) = futures::future::join4(
        fetch_json::<Vec<Engineer>>(files::ENGINEERS),
        fetch_json::<Vec<ServiceStation>>(files::STATIONS),
        fetch_json::<Vec<Patch>>(files::PATCHES),
        fetch_products(),
    )
    .await;
    Ok(Arc::new(BookingData {
        engineers: engineers?,
        stations: stations?,
        patches: patches?,
        products: products?,
    }))
}

#[cfg_attr(feature = "split", leptos::lazy)]
pub fn booking_form_view(args: BookingArgs) -> AnyView {
    // Untracked: this runs inside the gate's `Suspend`, which would forward
    // every signal read here to the gate's own render effect, so that a
    // change of the outbox rebuilt the whole page (and disposed the form
    // while its tasks still ran).
    untrack(|| booking_page(args))
}

fn booking_page(args: BookingArgs) -> AnyView {
    let lang = use_lang();
    let outbox = use_outbox();
    // The shell loads the outbox only when something waits; this page lists
    // the device's bookings and leaves out the slots they hold.
    if !outbox.is_loaded() {
        outbox.spawn(Op::Start);
    }
    let data = LocalResource::new(fetch_booking_data);
    let BookingArgs { workspace, prefill } = args;
    if workspace.deployments.is_empty() {
        return view! { <p class="notice">{move || booking_texts(lang.get()).no_deployments}</p> }
            .into_any();
    }
    let workspace = Arc::new(workspace);
    // The booking whose "move" the form is filling in, if any.
    let moving = RwSignal::new(None::<DeviceBooking>);
    let page = loaded(data, move |data: Arc<BookingData>| {
        let (w, d) = (workspace.clone(), data.clone());
        view! {
            <BookingForm workspace=w data=d prefill=prefill.clone() moving/>
            <MyBookings workspace=workspace.id.clone() data moving/>
        }
        .into_any()
    });
    view! {
        <h1>{move || booking_texts(lang.get()).title}</h1>
        <p class="lead-text">{move || booking_texts(lang.get()).lead}</p>
        {page}
    }
    .into_any()
}
