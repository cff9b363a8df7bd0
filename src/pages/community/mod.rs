//! 管理员社区 and 产品建议与反馈 (issue #12 §5): one section for the pages
//! an administrator moves between when the knowledge base has no answer.
//! - `/community` (`list`): the threads with search (the core's
//!   `community::search_threads`: the knowledge base's words and
//!   normalisation, without its engine) and 资料下载, each material with
//!   its size and SHA-256;
//! - `/community/t/:id` (`thread`): a question and its engineers' answers;
//! - `/community/ask?q=` and `/feedback`: the question and feedback forms,
//!   behind the workspace key form. The key form (`community_gate_view`)
//!   and the forms behind it (`forms::community_form_view`) are split
//!   points of their own: the threads do not pay for the key form, a deep
//!   link to a form pays for the key form alone, and the forms load once
//!   the workspace is open; they send through the outbox as the request
//!   form does.
//!
//! The markup is built with the DOM API (`crate::dom`) into host elements a
//! `view!` keeps; every text from the data goes in as a text node.

mod forms;
mod list;
mod texts;
mod thread;

pub use list::CommunityPage;
pub use thread::CommunityThreadPage;

use crate::api::{fetch_json_once, ApiError};
use crate::components::WorkspaceGate;
use crate::dom::{attr, text_el};
use crate::i18n::Lang;
use forms::{community_form_view, FormArgs, FormKind};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use portal_core::files;
use portal_core::model::{Community, Engineer, Workspace};
use std::sync::Arc;
use texts::community_texts;
use web_sys::{Document, Element};

/// community.json and the engineers who answer, loaded once per visit
/// (the list and a thread share the copy).
#[derive(Clone)]
pub(super) struct CommunityData {
    pub community: Arc<Community>,
    pub engineers: Arc<Vec<Engineer>>,
}

impl CommunityData {
    /// An engineer's name, or the generic "Coremail engineer" for an id
    /// the file does not list.
    fn engineer(&self, id: &str, lang: crate::i18n::Lang) -> String {
        self.engineers.iter().find(|e| e.id == id).map_or_else(
            || community_texts(lang).engineer.to_owned(),
            |e| e.name.get(lang.is_en()).to_owned(),
        )
    }
}

async fn fetch_community() -> Result<CommunityData, ApiError> {
    let (c, e) = futures::future::join(
        fetch_json_once::<Community>(files::COMMUNITY),
        fetch_json_once::<Vec<Engineer>>(files::ENGINEERS),
    )
    .await;
    Ok(CommunityData {
        community: Arc::new(c?),
        engineers: Arc::new(e?),
    })
}

/// `<a href>` with `text` at the end of `parent`.
fn link(doc: &Document, parent: &Element, href: &str, text: &str) -> Element {
    let a = text_el(doc, parent, "a", "", text);
    attr(&a, "href", href);
    a
}

/// `/community/ask?q=…`: the question form behind the key form.
#[component]
pub fn CommunityAskPage() -> impl IntoView {
    let query = use_query_map().with_untracked(|q| q.get("q").unwrap_or_default());
    let kind = FormKind::Ask { query };
    view! {
        <section class="page community-form-page">
            {Suspend::new(async move { lazy_call!(community_gate_view(kind)) })}
        </section>
    }
}

/// `/feedback`: the feedback form behind the key form.
#[component]
pub fn FeedbackPage() -> impl IntoView {
    view! {
        <section class="page community-form-page">
            {Suspend::new(async move { lazy_call!(community_gate_view(FormKind::Feedback)) })}
        </section>
    }
}

/// A string of the section's texts in a language.
type Words = fn(Lang) -> &'static str;

/// The workspace key form of `/community/ask` and `/feedback`, a split
/// point of its own: the threads and materials, which most visitors of
/// the section read, do not carry the key form and the opening of sealed
/// workspaces (about 25 KB brotli), and the key form does not carry the
/// forms behind it (`forms::community_form_view`). Untracked: it runs
/// inside a `Suspend`.
#[cfg_attr(feature = "split", leptos::lazy)]
fn community_gate_view(kind: FormKind) -> AnyView {
    untrack(move || {
        let (title, lead): (Words, Words) = match kind {
            FormKind::Ask { .. } => (
                |lang| community_texts(lang).ask_title,
                |lang| community_texts(lang).ask_gate_lead,
            ),
            FormKind::Feedback => (
                |lang| community_texts(lang).feedback_title,
                |lang| community_texts(lang).feedback_gate_lead,
            ),
        };
        view! {
            <WorkspaceGate
                title
                lead
                render=move |workspace: Workspace| {
                    let args = FormArgs { workspace, kind: kind.clone() };
                    Suspend::new(async move { lazy_call!(community_form_view(args)) }).into_any()
                }
            />
        }
        .into_any()
    })
}
