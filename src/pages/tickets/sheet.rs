//! The ticket itself, built with the DOM API instead of `view!`: the
//! header with its facts, the workflow steps, the SLA panel with its
//! timeline, and the conversation.
//!
//! Why: the ticket is static markup made from its data, rebuilt whole when
//! the data or the language changes, with one ticking part (the SLA state
//! and the time left, `tick`). As `view!` every shape of it (with or without
//! a first response, a local time, an event's step, …) is a Rust type for
//! which Leptos compiles its rendering machinery; that made the ticket page
//! the largest deep link of the app (BENCHMARKS.md).
//!
//! Text only ever goes in through `set_text_content` and text nodes, and
//! attribute values through `set_attribute`: ticket text is untrusted and
//! is never parsed as HTML.

use super::texts::tickets_texts;
use crate::components::{
    format_duration, priority_badge_class, sla_error_message, state_label, step_name, stretch_label,
};
use crate::dom::{attr, el, text, text_el, titled_section};
use crate::i18n::Lang;
use crate::time::{format_beijing, format_local_if_different, format_ms};
use chrono::{DateTime, FixedOffset};
use portal_core::model::{Actor, Product, Ticket};
use portal_core::sla::{SlaEngine, SlaError, SlaState, TimelineEntry};
use portal_core::tickets::progress;
use web_sys::{Document, Element};

/// Everything the sheet shows, worked out once per render.
pub struct Sheet {
    pub lang: Lang,
    pub ticket: std::sync::Arc<Ticket>,
    pub product: String,
    pub priority_text: String,
    pub channel: String,
    /// The deadline and the stretches counted towards it, or why there is
    /// none.
    pub timeline: Result<(DateTime<FixedOffset>, Vec<TimelineEntry>), SlaError>,
    /// Shown from the device's copy: when it was saved.
    pub saved_at_ms: Option<f64>,
}

impl Sheet {
    pub fn new(
        lang: Lang,
        ticket: std::sync::Arc<Ticket>,
        engine: &SlaEngine,
        policy: &portal_core::model::SlaPolicy,
        products: &[Product],
        saved_at_ms: Option<f64>,
    ) -> Sheet {
        let en = lang.is_en();
        let product = products
            .iter()
            .find(|p| p.id == ticket.product)
            .map(|p| p.name.get(en).to_owned())
            .unwrap_or_else(|| ticket.product.clone());
        let priority_text = policy
            .priorities
            .iter()
            .find(|l| l.id == ticket.priority)
            .map(|l| format!("{} · {}", l.name.get(en), l.definition.get(en)))
            .unwrap_or_default();
        let channel = policy
            .channels
            .iter()
            .find(|c| c.id == ticket.channel)
            .map(|c| c.name.get(en).to_owned())
            .unwrap_or_default();
        let timeline = engine
            .timeline(ticket.priority, ticket.channel, &ticket.received)
            .map(|t| (t.deadline, t.entries));
        Sheet {
            lang,
            ticket,
            product,
            priority_text,
            channel,
            timeline,
            saved_at_ms,
        }
    }

    /// Fills `top` (emptied first) with the device-copy notice, the header,
    /// the steps and the SLA panel, and puts the conversation's heading and
    /// list at the start of `conversation`, before the reply area.
    pub fn build(&self, top: &Element, conversation: &Element) {
        let Some(doc) = top.owner_document() else {
            return;
        };
        let (lang, ticket) = (self.lang, &*self.ticket);
        let t = tickets_texts(lang);
        top.set_text_content(None);

        if let Some(at) = self.saved_at_ms {
            // Not shown from the network: when the copy was saved, and a
            // retry (`data-retry`, handled by the page's listener).
            let notice = el(&doc, top, "div", "notice offline");
            attr(&notice, "role", "status");
            text_el(&doc, &notice, "p", "", &(t.offline_copy)(&format_ms(at)));
            let retry = text_el(&doc, &notice, "button", "button small", lang.texts().retry);
            attr(&retry, "type", "button");
            attr(&retry, "data-retry", "");
        }

        let header = el(&doc, top, "header", "ticket-header");
        text_el(&doc, &header, "p", "ticket-number", &ticket.number);
        text_el(&doc, &header, "h1", "", &ticket.title);
        let facts = el(&doc, &header, "dl", "ticket-facts");
        let dd = fact(&doc, &facts, t.field_priority);
        text_el(
            &doc,
            &dd,
            "span",
            &priority_badge_class(ticket.priority),
            ticket.priority.as_str(),
        );
        text(&doc, &dd, &format!(" {}", self.priority_text));
        fact(&doc, &facts, t.field_product)
            .set_text_content(Some(&format!("{} {}", self.product, ticket.version)));
        fact(&doc, &facts, t.field_channel).set_text_content(Some(&self.channel));
        let status = fact(&doc, &facts, t.field_status);
        attr(&status, "class", "ticket-status");
        status.set_text_content(Some(step_name(lang, ticket.status)));

        let card = titled_section(&doc, top, "card", "progress-title", t.progress_title);
        let steps = el(&doc, &card, "ol", "steps");
        for s in progress(ticket) {
            let class = if s.current {
                "step current"
            } else if s.reached {
                "step reached"
            } else {
                "step"
            };
            let li = el(&doc, &steps, "li", class);
            if s.current {
                attr(&li, "aria-current", "step");
            }
            text_el(&doc, &li, "span", "step-name", step_name(lang, s.step));
            let at = s.at.map(|at| format_beijing(&at)).unwrap_or_default();
            text_el(&doc, &li, "span", "step-time", &at);
        }

        self.sla_panel(&doc, top);

        // The conversation: untrusted text, as text nodes.
        let anchor = conversation.first_child();
        let heading = doc.create_element("h2");
        let events = doc.create_element("ol");
        if let (Ok(heading), Ok(events)) = (heading, events) {
            attr(&heading, "id", "events-title");
            heading.set_text_content(Some(t.events_title));
            attr(&events, "class", "events");
            let _ = conversation.insert_before(&heading, anchor.as_ref());
            let _ = conversation.insert_before(&events, anchor.as_ref());
            for e in &ticket.events {
                let who = match e.by {
                    Actor::Customer => t.actor_customer,
                    Actor::Specialist => t.actor_specialist,
                    Actor::Engineer => t.actor_engineer,
                };
                let li = el(&doc, &events, "li", "event");
                let meta = el(&doc, &li, "p", "event-meta");
                text_el(&doc, &meta, "strong", "", who);
                text(&doc, &meta, &format!(" · {}", format_beijing(&e.at)));
                if let Some(step) = e.step {
                    text(&doc, &meta, " · ");
                    text_el(&doc, &meta, "span", "tag", step_name(lang, step));
                }
                text_el(&doc, &li, "p", "event-text", &e.text);
            }
        }
    }

    /// The deadline in Beijing (and local) time, the live state (filled by
    /// `tick`) and what was counted; or why there is no deadline.
    fn sla_panel(&self, doc: &Document, top: &Element) {
        let lang = self.lang;
        let t = tickets_texts(lang);
        let (deadline, entries) = match &self.timeline {
            Ok(timeline) => timeline,
            Err(error) => {
                let card = el(doc, top, "section", "card");
                let notice = el(doc, &card, "div", "notice");
                attr(&notice, "role", "status");
                text_el(doc, &notice, "p", "", &sla_error_message(error, lang));
                error_detail(doc, &notice, lang, &error.to_string());
                return;
            }
        };
        let card = titled_section(doc, top, "card", "sla-title", t.result_deadline);
        attr(&card, "class", "card sla-panel");
        let beijing = format_beijing(deadline);
        let p = el(doc, &card, "p", "deadline");
        let time = text_el(doc, &p, "time", "", &beijing);
        attr(&time, "datetime", &format!("{beijing}+08:00"));
        text(doc, &p, " ");
        text_el(
            doc,
            &p,
            "span",
            "tz",
            &format!("({})", lang.texts().beijing_time),
        );
        if let Some(local) = format_local_if_different(deadline) {
            let line = format!("{} {local}", lang.texts().your_time);
            text_el(doc, &card, "p", "result-local", &line);
        }
        // The state is a polite live region that stays while the countdown
        // beside it ticks: `tick` changes its text only when the state
        // changes (on track → due soon → breached), so that is what screen
        // readers hear.
        let state = el(doc, &card, "p", "sla-state");
        attr(&state, "hidden", "");
        let live = el(doc, &state, "span", "");
        attr(&live, "role", "status");
        el(doc, &live, "span", "state-badge");
        text(doc, &state, " ");
        el(doc, &state, "span", "sla-detail");

        let why = el(doc, &card, "details", "why");
        text_el(doc, &why, "summary", "", t.timeline_title);
        let list = el(doc, &why, "ol", "timeline");
        for e in entries {
            let (class, label) = stretch_label(lang, &e.stretch);
            let li = el(doc, &list, "li", &format!("stretch {class}"));
            let span = format!("{} – {}", format_beijing(&e.from), format_beijing(&e.to));
            text_el(doc, &li, "span", "stretch-time", &span);
            text_el(doc, &li, "span", "stretch-label", &label);
            let length = format_duration(lang, (e.to - e.from).num_seconds(), false);
            text_el(doc, &li, "span", "stretch-length", &length);
        }
    }

    /// Sets the SLA state and the time left at `now` in the panel `build`
    /// made, touching a text only when it changes.
    pub fn tick(&self, top: &Element, engine: &SlaEngine, now: &DateTime<FixedOffset>) {
        let Ok((deadline, _)) = &self.timeline else {
            return;
        };
        let Ok(Some(state)) = top.query_selector(".sla-state") else {
            return;
        };
        let (Ok(Some(badge)), Ok(Some(detail))) = (
            state.query_selector(".state-badge"),
            state.query_selector(".sla-detail"),
        ) else {
            return;
        };
        let ticket = &*self.ticket;
        let status = engine.status(
            ticket.priority,
            ticket.channel,
            &ticket.received,
            ticket.first_response.as_ref(),
            now,
        );
        let Ok(status) = status else {
            attr(&state, "hidden", "");
            return;
        };
        let _ = state.remove_attribute("hidden");
        let (lang, t) = (self.lang, tickets_texts(self.lang));
        let text = match (status.state, ticket.first_response) {
            (_, Some(r)) => format!("{} {}", t.first_response, format_beijing(&r)),
            (SlaState::Breached, None) => t.awaiting_response.to_owned(),
            _ => format!(
                "{} {}",
                t.time_left,
                format_duration(lang, (*deadline - *now).num_seconds(), true)
            ),
        };
        let (label, class) = state_label(lang, status.state);
        set_if_changed(&badge, label);
        let class = format!("state-badge {class}");
        if badge.get_attribute("class").as_deref() != Some(class.as_str()) {
            attr(&badge, "class", &class);
        }
        set_if_changed(&detail, &text);
    }
}

fn set_if_changed(e: &Element, text: &str) {
    if e.text_content().as_deref() != Some(text) {
        e.set_text_content(Some(text));
    }
}

/// `<div><dt>name</dt><dd></dd></div>` in `dl`; returns the `dd`.
fn fact(doc: &Document, dl: &Element, name: &str) -> Element {
    let div = el(doc, dl, "div", "");
    text_el(doc, &div, "dt", "", name);
    el(doc, &div, "dd", "")
}

/// "详情: <code>…</code>", as `components::ErrorDetail` shows it.
fn error_detail(doc: &Document, parent: &Element, lang: Lang, detail: &str) {
    let p = el(doc, parent, "p", "error-detail");
    text_el(
        doc,
        &p,
        "span",
        "",
        &format!("{}: ", lang.texts().error_detail),
    );
    text_el(doc, &p, "code", "", detail);
}
