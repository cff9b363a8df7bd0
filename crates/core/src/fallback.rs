//! Network first, the device's copy when the network cannot be reached: the
//! choice the ticket page and the article page make between what the static
//! API answered and the copy kept on this device (IndexedDB).
//!
//! - A usable answer is shown (and the page refreshes its copy).
//! - A file the publisher no longer has is gone, even if the device still
//!   holds a copy: an archived ticket or a removed article is not shown as
//!   if it were current.
//! - No answer at all (offline, DNS, connection reset): the device's copy if
//!   there is a usable one, else the network error.
//! - An answer that cannot be used (an HTTP error, a malformed file): that
//!   error, never the copy. The server is reachable and the problem is
//!   there; the error panel names it, and a retry may clear it.

/// How a request for a published file ended, as far as the choice cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer<T, E> {
    /// The file arrived and is usable.
    Fresh(T),
    /// The publisher no longer has it (HTTP 404, or absent from its index).
    Gone,
    /// No answer at all: offline, DNS failure, connection reset.
    Unreachable(E),
    /// An answer that cannot be used: an HTTP error, a malformed file.
    Broken(E),
}

/// What the page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown<T, C, E> {
    /// What the network gave.
    Fresh(T),
    /// The copy on this device, the network being unreachable; the page says
    /// so, with when the copy was saved.
    DeviceCopy(C),
    /// No longer published: the page says so.
    Gone,
    /// Nothing to show: the error to explain, with a retry.
    Failed(E),
}

impl<T, E> Answer<T, E> {
    /// Whether a device copy would be shown if there were one, so that the
    /// page reads the copy only when it would be used.
    pub fn wants_device_copy(&self) -> bool {
        matches!(self, Answer::Unreachable(_))
    }

    /// Applies the rule of the module doc. `copy` is called only when the
    /// network was unreachable; it gives `None` when the device has no usable
    /// copy (none kept, or one that no longer parses).
    pub fn or_device_copy<C>(self, copy: impl FnOnce() -> Option<C>) -> Shown<T, C, E> {
        match self {
            Answer::Fresh(value) => Shown::Fresh(value),
            Answer::Gone => Shown::Gone,
            Answer::Unreachable(error) => match copy() {
                Some(copy) => Shown::DeviceCopy(copy),
                None => Shown::Failed(error),
            },
            Answer::Broken(error) => Shown::Failed(error),
        }
    }
}
