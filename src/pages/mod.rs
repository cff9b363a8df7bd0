//! One file per route.

mod history;
mod home;
mod kb;
mod not_found;
mod offline;
mod services;
mod sla_calculator;
mod ticket;

pub use history::History;
pub use home::Home;
pub use kb::{KbArticlePage, KbCategoryPage, KnowledgeBase};
pub use not_found::NotFound;
pub use offline::OfflineLibrary;
pub use services::Services;
pub use sla_calculator::SlaCalculator;
pub use ticket::{TicketLookup, TicketPage};
