//! `tickets/` and `customers/`: each ticket under its own key, consistent
//! in itself, and each customer history agreeing with the tickets it lists.

use super::{ProductVersions, Validator};
use crate::keys::{self, is_sha256_hex};
use crate::model::*;
use crate::parse::files;
use std::collections::HashMap;

impl Validator<'_> {
    /// Returns ticket key → ticket for the tickets that parsed.
    pub(super) fn check_tickets(
        &mut self,
        versions: Option<&ProductVersions>,
    ) -> HashMap<String, Ticket> {
        let mut by_key = HashMap::new();
        let mut numbers: HashMap<String, String> = HashMap::new();
        for name in self.list(files::TICKET_DIR) {
            let file = format!("{}/{name}", files::TICKET_DIR);
            let Some(key) = name.strip_suffix(".json") else {
                self.problem(
                    &file,
                    "$",
                    "only <ticket-key>.json files belong in tickets/",
                );
                continue;
            };
            let Some(t) = self.load::<Ticket>(&file) else {
                continue;
            };
            let expected = keys::ticket_key(&t.number, &t.contact_email);
            if key != expected {
                self.problem(
                    &file,
                    "$",
                    format!(
                        "stored under the wrong key: ticket {} with its contact e-mail belongs in {}",
                        t.number,
                        files::ticket(&expected)
                    ),
                );
            }
            if let Some(other) =
                numbers.insert(keys::normalise_ticket_number(&t.number), file.clone())
            {
                self.problem(
                    &file,
                    "$.number",
                    format!("ticket {} is also published as {other}", t.number),
                );
            }
            let version = (String::from("$.version"), t.version.as_str());
            self.check_product_ref(&file, versions, "$", &t.product, [version]);
            if t.first_response.is_some_and(|r| r < t.received) {
                self.problem(
                    &file,
                    "$.first_response",
                    "first response is before the request was received",
                );
            }
            let mut last = t.received;
            for (i, e) in t.events.iter().enumerate() {
                if e.at < last {
                    self.problem(
                        &file,
                        format!("$.events[{i}].at"),
                        "events must be in time order, after the request was received",
                    );
                }
                last = last.max(e.at);
            }
            // The workflow step shown is the last one an event reached.
            if let Some(step) = t.events.iter().rev().find_map(|e| e.step) {
                if step != t.status {
                    self.problem(
                        &file,
                        "$.status",
                        format!(
                            "status is `{}` but the last workflow event reached `{}`",
                            json_name(&t.status),
                            json_name(&step)
                        ),
                    );
                }
            }
            by_key.insert(key.to_owned(), t);
        }
        by_key
    }

    pub(super) fn check_customers(&mut self, tickets: &HashMap<String, Ticket>) {
        for name in self.list(files::CUSTOMER_DIR) {
            let file = format!("{}/{name}", files::CUSTOMER_DIR);
            if !name.strip_suffix(".json").is_some_and(is_sha256_hex) {
                self.problem(
                    &file,
                    "$",
                    "only <customer-key>.json files belong in customers/",
                );
                continue;
            }
            let Some(history) = self.load::<CustomerHistory>(&file) else {
                continue;
            };
            for (i, t) in history.tickets.iter().enumerate() {
                match tickets.get(&t.key) {
                    None => self.problem(
                        &file,
                        format!("$.tickets[{i}].key"),
                        format!("no ticket file {}", files::ticket(&t.key)),
                    ),
                    Some(ticket) if ticket.number != t.number => self.problem(
                        &file,
                        format!("$.tickets[{i}].number"),
                        format!("key belongs to ticket {}, not {}", ticket.number, t.number),
                    ),
                    Some(ticket) => {
                        // The history repeats a few fields; they must agree.
                        let stale = [
                            ("title", ticket.title != t.title),
                            ("product", ticket.product != t.product),
                            ("priority", ticket.priority != t.priority),
                            ("channel", ticket.channel != t.channel),
                            ("status", ticket.status != t.status),
                            ("received", ticket.received != t.received),
                            ("first_response", ticket.first_response != t.first_response),
                        ];
                        for (field, differs) in stale {
                            if differs {
                                self.problem(
                                    &file,
                                    format!("$.tickets[{i}].{field}"),
                                    format!("differs from ticket {}", t.number),
                                );
                            }
                        }
                    }
                }
            }
        }
    }
}

/// How a value is spelled in the API files (`handling`, `P2`).
fn json_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::from("?"),
    }
}
