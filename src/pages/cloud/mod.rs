//! The cloud service centre's modules for the customer's admins (manual,
//! appendix 2): 云产品授权管理 (`/licences`: the accounts' cloud features,
//! and requests to open, renew or revoke them) and the security views of the
//! modules bought (`/security`: 防暴卫士, CAC, 海外通邮 as charts, tables and
//! CSV). One section: their visitors are the same admins.
//!
//! A deep link opens the access-key form (`WorkspaceGate`), which every
//! workspace page shares; what only an open workspace needs (the list and
//! its requests, the charts) is behind a split point of its own,
//! `cloud_workspace_view`, so the form alone does not pay for it.
//!
//! Every decision is the core's: the state shown, what may be asked, the
//! filter, the sort and when a request stops being pending
//! (`portal_core::cloud`); the charts' geometry, the tables' columns and the
//! CSV (`portal_core::security`). Markup is built with the DOM API
//! (`crate::dom`); data from the workspace goes in as text only.

mod licences;
mod security;
mod table;
mod texts;

use crate::components::WorkspaceGate;
use leptos::prelude::*;
use portal_core::model::Workspace;
use texts::cloud_texts;

#[component]
pub fn LicencesPage() -> impl IntoView {
    view! {
        <section class="page cloud-page licences-page">
            <WorkspaceGate
                title=|lang| cloud_texts(lang).licences_title
                lead=|lang| cloud_texts(lang).licences_gate_lead
                render=|workspace: Workspace| {
                    let args = CloudArgs { workspace, security: false };
                    Suspend::new(async move { lazy_call!(cloud_workspace_view(args)) }).into_any()
                }
            />
        </section>
    }
}

#[component]
pub fn SecurityPage() -> impl IntoView {
    view! {
        <section class="page cloud-page security-page">
            <WorkspaceGate
                title=|lang| cloud_texts(lang).security_title
                lead=|lang| cloud_texts(lang).security_gate_lead
                render=|workspace: Workspace| {
                    let args = CloudArgs { workspace, security: true };
                    Suspend::new(async move { lazy_call!(cloud_workspace_view(args)) }).into_any()
                }
            />
        </section>
    }
}

/// Which page, for which workspace.
pub struct CloudArgs {
    workspace: Workspace,
    security: bool,
}

/// Behind the gate, one split point for both pages: each is small, and a
/// second point would add its loader to every page of the site. Untracked:
/// it runs inside the gate's `Suspend`, which would otherwise rebuild the
/// page on every signal read while building it.
#[cfg_attr(feature = "split", leptos::lazy)]
fn cloud_workspace_view(args: CloudArgs) -> AnyView {
    untrack(|| {
        if args.security {
            security::security_view(args.workspace)
        } else {
            licences::licences_view(args.workspace)
        }
    })
}
