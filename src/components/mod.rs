//! Widgets shared by several pages.

mod article_body;
mod choice;
mod clock;
mod deadline;
mod error_panel;
mod focus;
mod loaded;
mod loading;
mod offline;
mod sealed_problem;
mod service_info;
mod severity;
mod sla_error;
mod sla_timeline;
mod store_problem;
mod submission_words;
mod ticket_labels;
mod workspace_gate;

pub use article_body::article_body;
pub use choice::radio_choice;
pub use clock::use_clock;
pub use deadline::deadline_block;
pub use error_panel::{ErrorDetail, ErrorPanel};
pub use focus::focus_by_id;
pub use loaded::loaded;
pub use loading::Loading;
pub use offline::DeviceCopyNotice;
pub use sealed_problem::{sealed_message, SealedProblem};
pub use service_info::service_info;
pub use severity::{priority_badge_class, response_target, severity_list, target_amount};
pub use sla_error::{sla_error_message, SlaErrorMessage};
pub use sla_timeline::{format_duration, stretch_label, timeline_list};
pub use store_problem::{store_error_message, store_problem_role, StoreProblem, StoreUse};
pub use submission_words::{
    booking_kind_words, code_words, field_words, kind_words, labelled, problem_words, state_words,
};
pub use ticket_labels::{state_label, step_name};
pub use workspace_gate::{load_workspace, WorkspaceGate};
