//! Pure logic of the Coremail Cloud Service Centre: the models of the static
//! JSON API, parsing with readable errors, capability keys and validation.
//!
//! This crate never does I/O and never depends on the web platform: the app
//! (wasm) and the `portal` CLI (native) both build on it, and its tests run
//! natively without compiling Leptos.

pub mod booking;
pub mod calendar;
pub mod cloud;
pub mod community;
pub mod consult;
pub mod courses;
pub mod fallback;
pub mod geo;
pub mod ics;
pub mod kb;
pub mod keys;
pub mod library;
pub mod markdown;
pub mod model;
pub mod outbox;
pub mod parse;
pub mod patches;
pub mod reminders;
pub mod routes;
pub mod search;
pub mod secret;
pub mod security;
pub mod settings;
pub mod sla;
pub mod submission;
pub mod terms;
pub mod tickets;
pub mod validate;
pub mod workspace;

pub use parse::{files, parse_json, ParseError};
