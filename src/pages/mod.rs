//! One folder per section, one file per page, each section's strings in its
//! `texts.rs`. A section never imports from another: what they share lives
//! in `components/` (or `api`, `store`, `visit`, `i18n`).

mod home;
mod kb;
mod not_found;
mod offline;
mod services;
mod sla;
mod tickets;

pub use home::Home;
pub use kb::{KbArticlePage, KbCategoryPage, KnowledgeBase};
pub use not_found::NotFound;
pub use offline::OfflineLibrary;
pub use services::Services;
pub use sla::SlaCalculator;
pub use tickets::{History, TicketLookup, TicketPage};
