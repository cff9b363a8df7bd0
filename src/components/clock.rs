use crate::time::now_beijing;
use chrono::{DateTime, FixedOffset};
use leptos::prelude::*;
use std::time::Duration;

/// The current time, refreshed every `every`; the timer stops with the
/// component that asked for it.
pub fn use_clock(every: Duration) -> ReadSignal<DateTime<FixedOffset>> {
    let (now, set_now) = signal(now_beijing());
    if let Ok(handle) = set_interval_with_handle(move || set_now.set(now_beijing()), every) {
        on_cleanup(move || handle.clear());
    }
    now
}
