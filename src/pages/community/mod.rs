//! 管理员社区 and 产品建议与反馈 (issue #12 §5): one section for the pages
//! an administrator moves between when the knowledge base has no answer.
//! - `/community` (`list`): the threads with search (the core's
//!   `community::search_threads`: the knowledge base's words and
//!   normalisation, without its engine) and 资料下载, each material with
//!   its size and SHA-256;
//! - `/community/t/:id` (`thread`): a question and its engineers' answers;
//! - `/community/ask?q=` and `/feedback`: the question and feedback forms,
//!   behind the workspace key form. The forms (`forms`) are a split point
//!   of their own, loaded once the workspace is open, so a deep link pays
//!   for the key form alone; they send through the outbox as the request
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
    view! {
        <section class="page community-form-page">
            <WorkspaceGate
                title=|lang| community_texts(lang).ask_title
                lead=|lang| community_texts(lang).ask_gate_lead
                render=move |workspace: Workspace| {
                    let args = FormArgs { workspace, kind: FormKind::Ask { query: query.clone() } };
                    Suspend::new(async move { lazy_call!(community_form_view(args)) }).into_any()
                }
            />
        </section>
    }
}

/// `/feedback`: the feedback form behind the key form.
#[component]
pub fn FeedbackPage() -> impl IntoView {
    view! {
        <section class="page community-form-page">
            <WorkspaceGate
                title=|lang| community_texts(lang).feedback_title
                lead=|lang| community_texts(lang).feedback_gate_lead
                render=move |workspace: Workspace| {
                    let args = FormArgs { workspace, kind: FormKind::Feedback };
                    Suspend::new(async move { lazy_call!(community_form_view(args)) }).into_any()
                }
            />
        </section>
    }
}
