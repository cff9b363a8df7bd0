//! Widgets shared by several pages.

mod error_panel;
mod loading;

pub use error_panel::ErrorPanel;
pub use loading::Loading;
