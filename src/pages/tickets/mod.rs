//! 工单查询 and 历史工单: look a ticket up by number + access code (no
//! account) with the recent lookups (`lookup`), the ticket itself
//! (`ticket`) with the reply box and pending replies (`reply`), and a
//! customer's tickets from the workspace (`history`). The lookup form
//! (`form`) serves the lookup page and a ticket link this device cannot
//! open yet.
//!
//! A ticket's path carries only its number (`/t/CM2026-001244`); the code
//! travels in the fragment, which never reaches a server. The code stays in
//! IndexedDB on this device, with the last copy seen, which is shown "as
//! of" when the network is down.

mod form;
mod history;
mod lookup;
mod reply;
mod sheet;
mod texts;
mod ticket;

pub use history::History;
pub use lookup::TicketLookup;
pub use ticket::TicketPage;
