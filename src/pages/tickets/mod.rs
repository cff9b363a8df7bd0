//! 工单查询 and 历史工单: look a ticket up by number + contact e-mail (no
//! account) with the recent lookups (`lookup`), the ticket itself
//! (`ticket`), and a customer's tickets opened with its access key
//! (`history`). The lookup form (`form`) serves the lookup page and a
//! ticket link this device cannot open yet.
//!
//! A ticket's URL carries only its number (`/tickets/CM2026-001244`): safe
//! to share. The e-mail and the ticket's file key stay in IndexedDB on this
//! device, with the last copy seen, which is shown "as of" when the network
//! is down.

mod form;
mod history;
mod lookup;
mod texts;
mod ticket;

pub use history::History;
pub use lookup::TicketLookup;
pub use ticket::TicketPage;
