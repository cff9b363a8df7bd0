//! Nothing in the published API lets a stranger find a ticket by its number:
//! every file that mentions a ticket number is that ticket's own file (named
//! by number *and* e-mail) or a customer history (named by the access key).

use portal_core::keys::{is_sha256_hex, ticket_key};
use portal_core::model::Ticket;
use portal_core::parse_json;
use std::path::{Path, PathBuf};

fn api_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/api")
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn no_ticket_number_can_be_found_without_the_contact_email() {
    let root = api_dir();
    let mut files = Vec::new();
    walk(&root, &mut files);
    let tickets: Vec<(String, Ticket)> = std::fs::read_dir(root.join("tickets"))
        .unwrap()
        .map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            let rel = format!("tickets/{name}");
            let text = std::fs::read_to_string(root.join(&rel)).unwrap();
            (rel.clone(), parse_json::<Ticket>(&rel, &text).unwrap())
        })
        .collect();
    assert!(
        tickets.len() >= 40,
        "the demo API should hold the demo tickets"
    );

    for (_, ticket) in &tickets {
        let own = format!(
            "tickets/{}.json",
            ticket_key(&ticket.number, &ticket.contact_email)
        );
        for file in &files {
            let rel = file
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            assert!(
                !rel.contains(&ticket.number),
                "{rel}: a file name reveals ticket {}",
                ticket.number
            );
            let text = std::fs::read_to_string(file).unwrap();
            if !text.contains(&ticket.number) {
                continue;
            }
            let history = rel
                .strip_prefix("customers/")
                .and_then(|n| n.strip_suffix(".json"))
                .is_some_and(is_sha256_hex);
            assert!(
                rel == own || history,
                "{rel} mentions ticket {} but is neither its capability-keyed file ({own}) nor a customer history",
                ticket.number
            );
        }
    }
}

#[test]
fn ticket_and_history_files_are_named_by_unguessable_keys_only() {
    let root = api_dir();
    for dir in ["tickets", "customers"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            let key = name.strip_suffix(".json").unwrap_or(&name);
            assert!(
                is_sha256_hex(key),
                "{dir}/{name} is not named by a 256-bit key"
            );
        }
    }
}
