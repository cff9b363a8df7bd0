//! One file per route.

mod home;
mod not_found;
mod services;
mod sla_calculator;

pub use home::Home;
pub use not_found::NotFound;
pub use services::Services;
pub use sla_calculator::SlaCalculator;
