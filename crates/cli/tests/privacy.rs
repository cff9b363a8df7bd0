//! Nothing in the published demo API tells a stranger anything about a
//! customer: no e-mail address, ticket number, company name, licence or
//! security figure appears in any public file in plain form, and every
//! private file is sealed under a name that only its random secret gives.

use portal_core::model::{PrivateTicket, PrivateWorkspace};
use portal_core::parse_json;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::Command;

fn root(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(dir)
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

fn private() -> (Vec<PrivateTicket>, Vec<PrivateWorkspace>) {
    let read = |dir: &str| -> Vec<String> {
        let mut files = Vec::new();
        walk(&root("demo/private").join(dir), &mut files);
        files
            .iter()
            .map(|f| std::fs::read_to_string(f).unwrap())
            .collect()
    };
    let tickets = read("tickets")
        .iter()
        .map(|t| parse_json::<PrivateTicket>("ticket", t).unwrap())
        .collect();
    let workspaces = read("workspaces")
        .iter()
        .map(|t| parse_json::<PrivateWorkspace>("workspace", t).unwrap())
        .collect();
    (tickets, workspaces)
}

/// Every string a stranger must not find: addresses, numbers, names, the
/// licence and report details of each workspace, each secret.
fn secrets_and_facts() -> Vec<String> {
    let (tickets, workspaces) = private();
    assert!(tickets.len() >= 40 && workspaces.len() == 3);
    let mut out = Vec::new();
    for t in &tickets {
        let t2 = &t.ticket;
        out.extend([
            t.access_code.clone(),
            t2.number.clone(),
            t2.contact_email.clone(),
            t2.contact_name.clone(),
            t2.customer.clone(),
            t2.title.clone(),
        ]);
    }
    for w in &workspaces {
        let w2 = &w.workspace;
        out.push(w.access_key.clone());
        out.push(w2.company.zh.clone());
        out.extend(w2.company.en.clone());
        out.push(w2.contract.id.clone());
        for l in &w2.licences {
            out.push(l.id.clone());
            out.push(l.edition.zh.clone());
        }
        out.extend(w2.cloud_features.iter().map(|f| f.account.clone()));
        if let Some(o) = &w2.security.overseas {
            for e in &o.abnormal_log {
                out.push(e.account.clone());
                out.push(e.peer.clone());
                out.push(e.reason.clone());
            }
        }
        if let Some(g) = &w2.security.guard {
            out.extend(g.top_attacked_accounts.iter().map(|a| a.account.clone()));
            out.extend(g.top_attacking_ips.iter().map(|a| a.ip.clone()));
            // A day's figures in the order the report writes them.
            out.extend(g.daily.iter().map(|d| {
                format!(
                    "\"brute_force_attempts\":{},\"blocked_ips\":{}",
                    d.brute_force_attempts, d.blocked_ips
                )
            }));
        }
    }
    out
}

#[test]
fn no_public_file_holds_a_customer_fact_in_plain_form() {
    let mut files = Vec::new();
    walk(&root("public/api"), &mut files);
    let facts = secrets_and_facts();
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        // JSON may write the same text compactly or pretty: compare both.
        let compact = String::from_utf8_lossy(&bytes)
            .replace(": ", ":")
            .replace(",\n", ",");
        let text = String::from_utf8_lossy(&bytes);
        let rel = file
            .strip_prefix(root("public/api"))
            .unwrap()
            .display()
            .to_string();
        for fact in &facts {
            assert!(
                !text.contains(fact.as_str()) && !compact.contains(fact.as_str()),
                "{rel} holds `{fact}` in plain form"
            );
            assert!(
                !rel.contains(fact.as_str()),
                "the name {rel} reveals `{fact}`"
            );
        }
    }
}

#[test]
fn no_file_name_comes_from_a_ticket_number_and_an_email() {
    let (tickets, _) = private();
    let mut names = Vec::new();
    walk(&root("public/api"), &mut names);
    let names: Vec<String> = names
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for t in &tickets {
        let (n, e) = (&t.ticket.number, &t.ticket.contact_email);
        // The old scheme's key, and the obvious hashes anyone would try.
        let tries = [
            format!("coremail-portal/ticket/v1\0{n}\0{e}"),
            format!("{n}{e}"),
            format!("{n}:{e}"),
            format!("{n}\0{e}"),
            format!("{e}{n}"),
            n.clone(),
            e.clone(),
        ];
        for t in tries {
            let hex = portal_core::keys::to_hex(&Sha256::digest(t.as_bytes()));
            for name in &names {
                assert!(
                    !name.contains(&hex[..16]),
                    "{name} is a hash of a ticket's number and e-mail ({t:?})"
                );
            }
        }
    }
}

#[test]
fn every_sealed_file_is_named_by_its_own_random_secret_and_nothing_else_is_private() {
    // `portal validate --private` derives every name from its secret,
    // opens every file with the key that secret gives, and refuses any
    // sealed file that no secret gives.
    let out = Command::new(env!("CARGO_BIN_EXE_portal"))
        .args(["validate"])
        .arg(root("public/api"))
        .arg("--private")
        .arg(root("demo/private"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let (tickets, workspaces) = private();
    let sealed = std::fs::read_dir(root("public/api/sealed"))
        .unwrap()
        .count();
    assert_eq!(sealed, tickets.len() + workspaces.len());
    // Nothing private is left outside sealed/.
    for gone in ["tickets", "customers", "licences.json", "security"] {
        assert!(
            !root("public/api").join(gone).exists(),
            "{gone} is still public"
        );
    }
}
