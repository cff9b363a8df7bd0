//! The publisher's private source (`portal publish <private-src>`):
//! `workspaces/<id>.json` (PrivateWorkspace) and `tickets/<number>.json`
//! (PrivateTicket). Checked like the public files, each secret checked to be
//! a usable one, and turned into the plaintexts `portal publish` seals.

use super::{ApiSource, Problem, ProductVersions, Validator};
use crate::keys::normalise_ticket_number;
use crate::model::*;
use crate::secret::{self, SecretKind};
use std::collections::{HashMap, HashSet};

pub const WORKSPACE_DIR: &str = "workspaces";
pub const TICKET_DIR: &str = "tickets";

/// One file to seal: under which secret, and its plaintext JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct ToSeal {
    /// The private source file it comes from.
    pub source: String,
    pub kind: SecretKind,
    /// The canonical secret.
    pub secret: String,
    /// The ticket number, for a ticket.
    pub number: Option<String>,
    pub json: String,
}

impl ToSeal {
    pub fn labels(&self) -> secret::Labels {
        match &self.number {
            Some(number) => secret::ticket_labels(number),
            None => secret::workspace_labels(),
        }
    }
}

/// Checks the private source against the public API's products (`api`) and
/// returns its problems and, when there are none, what to seal: every
/// ticket, and every workspace with its ticket history filled in (newest
/// first).
pub fn validate_private(
    api: &dyn ApiSource,
    private: &dyn ApiSource,
) -> (Vec<Problem>, Vec<ToSeal>) {
    // Products as the public API lists them; its own problems are reported
    // by `validate`, not again here.
    let (versions, patches) = {
        let mut quiet = Validator {
            src: api,
            to_blocks: &|_| Vec::new(),
            problems: Vec::new(),
            tree: None,
        };
        let versions = quiet
            .load::<Vec<Product>>(crate::files::PRODUCTS)
            .map(|p| quiet.check_products(&p));
        (versions, quiet.load::<Vec<Patch>>(crate::files::PATCHES))
    };
    let mut v = Validator {
        src: private,
        to_blocks: &|_| Vec::new(),
        problems: Vec::new(),
        tree: None,
    };
    let tickets = v.check_private_tickets(versions.as_ref());
    let workspaces = v.check_workspaces(versions.as_ref(), patches.as_deref(), &tickets);
    if !v.problems.is_empty() {
        return (v.problems, Vec::new());
    }
    let mut out = Vec::new();
    for (file, t) in &tickets {
        out.push(ToSeal {
            source: file.clone(),
            kind: SecretKind::TicketCode,
            secret: secret::canonical(SecretKind::TicketCode, &t.access_code).unwrap_or_default(),
            number: Some(normalise_ticket_number(&t.ticket.number)),
            json: serde_json::to_string(&t.ticket).unwrap_or_default(),
        });
    }
    for (file, w) in workspaces {
        let mut workspace = w.workspace;
        let mut mine: Vec<&PrivateTicket> = tickets
            .iter()
            .map(|(_, t)| t)
            .filter(|t| t.workspace == workspace.id)
            .collect();
        mine.sort_by_key(|t| std::cmp::Reverse(t.ticket.received));
        workspace.tickets = mine.into_iter().map(summary).collect();
        out.push(ToSeal {
            source: file,
            kind: SecretKind::AccessKey,
            secret: secret::canonical(SecretKind::AccessKey, &w.access_key).unwrap_or_default(),
            number: None,
            json: serde_json::to_string(&workspace).unwrap_or_default(),
        });
    }
    (Vec::new(), out)
}

/// A ticket as its workspace's history lists it.
fn summary(t: &PrivateTicket) -> TicketSummary {
    let ticket = &t.ticket;
    TicketSummary {
        number: ticket.number.clone(),
        code: secret::canonical(SecretKind::TicketCode, &t.access_code)
            .map(|c| secret::display(&c))
            .unwrap_or_default(),
        title: ticket.title.clone(),
        product: ticket.product.clone(),
        priority: ticket.priority,
        channel: ticket.channel,
        status: ticket.status,
        received: ticket.received,
        first_response: ticket.first_response,
    }
}

impl Validator<'_> {
    /// Reports a secret that derivation would refuse.
    fn check_secret(&mut self, file: &str, path: &str, kind: SecretKind, typed: &str) -> bool {
        match secret::canonical(kind, typed) {
            Ok(_) => true,
            Err(e) => {
                let what = match kind {
                    SecretKind::AccessKey => "customer access key",
                    SecretKind::TicketCode => "ticket access code",
                };
                let make = match kind {
                    SecretKind::AccessKey => "portal new-access-key",
                    SecretKind::TicketCode => "portal new-access-key --ticket",
                };
                self.problem(
                    file,
                    path,
                    format!(
                        "not a usable {what} ({e}): it must be {} random base32 symbols; make one with `{make}`",
                        kind.symbols()
                    ),
                );
                false
            }
        }
    }

    fn check_private_tickets(
        &mut self,
        versions: Option<&ProductVersions>,
    ) -> Vec<(String, PrivateTicket)> {
        let mut out = Vec::new();
        let mut codes: HashMap<String, String> = HashMap::new();
        for name in self.list(TICKET_DIR) {
            let file = format!("{TICKET_DIR}/{name}");
            let Some(p) = self.load::<PrivateTicket>(&file) else {
                continue;
            };
            let t = &p.ticket;
            let number = normalise_ticket_number(&t.number);
            if name != format!("{number}.json") {
                self.problem(
                    &file,
                    "$.ticket.number",
                    format!("ticket {} belongs in {TICKET_DIR}/{number}.json", t.number),
                );
            }
            if self.check_secret(
                &file,
                "$.access_code",
                SecretKind::TicketCode,
                &p.access_code,
            ) {
                let canonical =
                    secret::canonical(SecretKind::TicketCode, &p.access_code).unwrap_or_default();
                if let Some(other) = codes.insert(canonical, file.clone()) {
                    self.problem(
                        &file,
                        "$.access_code",
                        format!("the same access code as {other}: every ticket needs its own"),
                    );
                }
            }
            self.check_ticket(&file, "$.ticket", t, versions);
            out.push((file, p));
        }
        out
    }

    fn check_ticket(
        &mut self,
        file: &str,
        at: &str,
        t: &Ticket,
        versions: Option<&ProductVersions>,
    ) {
        let version = (format!("{at}.version"), t.version.as_str());
        self.check_product_ref(file, versions, at, &t.product, [version]);
        if t.first_response.is_some_and(|r| r < t.received) {
            self.problem(
                file,
                format!("{at}.first_response"),
                "first response is before the request was received",
            );
        }
        let mut last = t.received;
        for (i, e) in t.events.iter().enumerate() {
            if e.at < last {
                self.problem(
                    file,
                    format!("{at}.events[{i}].at"),
                    "events must be in time order, after the request was received",
                );
            }
            last = last.max(e.at);
        }
        // The workflow step shown is the last one an event reached.
        if let Some(step) = t.events.iter().rev().find_map(|e| e.step) {
            if step != t.status {
                self.problem(
                    file,
                    format!("{at}.status"),
                    format!(
                        "status is `{}` but the last workflow event reached `{}`",
                        json_name(&t.status),
                        json_name(&step)
                    ),
                );
            }
        }
    }

    fn check_workspaces(
        &mut self,
        versions: Option<&ProductVersions>,
        patches: Option<&[Patch]>,
        tickets: &[(String, PrivateTicket)],
    ) -> Vec<(String, PrivateWorkspace)> {
        let mut out = Vec::new();
        let mut keys: HashMap<String, String> = HashMap::new();
        for name in self.list(WORKSPACE_DIR) {
            let file = format!("{WORKSPACE_DIR}/{name}");
            let Some(p) = self.load::<PrivateWorkspace>(&file) else {
                continue;
            };
            let w = &p.workspace;
            if name != format!("{}.json", w.id) || !is_slug(&w.id) {
                self.problem(
                    &file,
                    "$.workspace.id",
                    format!(
                        "workspace `{}` belongs in {WORKSPACE_DIR}/<id>.json, its id a slug (a-z, 0-9, -)",
                        w.id
                    ),
                );
            }
            if self.check_secret(&file, "$.access_key", SecretKind::AccessKey, &p.access_key) {
                let canonical =
                    secret::canonical(SecretKind::AccessKey, &p.access_key).unwrap_or_default();
                if let Some(other) = keys.insert(canonical, file.clone()) {
                    self.problem(
                        &file,
                        "$.access_key",
                        format!("the same access key as {other}: every customer needs their own"),
                    );
                }
            }
            self.check_workspace(&file, w, versions);
            if let Some(patches) = patches {
                self.check_downloads(&file, &w.downloads, patches);
            }
            out.push((file, p));
        }
        let ids: HashSet<&str> = out.iter().map(|(_, p)| p.workspace.id.as_str()).collect();
        let mut unknown = Vec::new();
        for (file, t) in tickets {
            if !ids.contains(t.workspace.as_str()) {
                unknown.push((file.clone(), t.workspace.clone()));
            }
        }
        for (file, id) in unknown {
            self.problem(
                &file,
                "$.workspace",
                format!("unknown workspace `{id}` (not in {WORKSPACE_DIR}/)"),
            );
        }
        out
    }

    /// The recorded downloads name a published patch, for a version it applies to.
    fn check_downloads(&mut self, file: &str, downloads: &[PatchDownload], patches: &[Patch]) {
        for (i, d) in downloads.iter().enumerate() {
            let at = format!("$.workspace.downloads[{i}]");
            match patches.iter().find(|p| p.id == d.patch) {
                None => self.problem(
                    file,
                    format!("{at}.patch"),
                    format!("unknown patch `{}` (not in patches.json)", d.patch),
                ),
                Some(p) if !p.applies_to.contains(&d.version) => self.problem(
                    file,
                    format!("{at}.version"),
                    format!(
                        "`{}` does not apply to {} (it applies to {})",
                        p.id,
                        d.version,
                        p.applies_to.join(", ")
                    ),
                ),
                Some(_) => {}
            }
        }
    }

    fn check_workspace(&mut self, file: &str, w: &Workspace, versions: Option<&ProductVersions>) {
        let at = "$.workspace";
        let c = &w.contract;
        if c.ends < c.starts {
            self.problem(
                file,
                format!("{at}.contract.ends"),
                "the contract ends before it starts",
            );
        }
        for (i, product) in c.products.iter().enumerate() {
            let path = format!("{at}.contract.products[{i}]");
            self.check_product_ref(file, versions, &path, product, []);
        }
        for (i, d) in w.deployments.iter().enumerate() {
            let path = format!("{at}.deployments[{i}]");
            let version = (format!("{path}.version"), d.version.as_str());
            self.check_product_ref(file, versions, &path, &d.product, [version]);
        }
        let mut modules = HashSet::new();
        for (i, m) in w.modules.iter().enumerate() {
            if !modules.insert(*m) {
                self.problem(
                    file,
                    format!("{at}.modules[{i}]"),
                    format!("module `{}` is listed twice", json_name(m)),
                );
            }
        }
        let reports = [
            (Module::Guard, w.security.guard.is_some()),
            (Module::Cac, w.security.cac.is_some()),
            (Module::Overseas, w.security.overseas.is_some()),
        ];
        for (module, present) in reports {
            if present && !modules.contains(&module) {
                let name = json_name(&module);
                self.problem(
                    file,
                    format!("{at}.security.{name}"),
                    format!("a report for module `{name}`, which this customer has not bought"),
                );
            }
        }
        self.check_licences_at(file, &format!("{at}.licences"), &w.licences, versions);
        if let Some(g) = &w.security.guard {
            let days: Vec<_> = g.daily.iter().map(|d| d.date).collect();
            self.check_report(
                file,
                &format!("{at}.security.guard"),
                g.period_from,
                g.period_to,
                &days,
            );
        }
        if let Some(r) = &w.security.cac {
            let days: Vec<_> = r.daily.iter().map(|d| d.date).collect();
            self.check_report(
                file,
                &format!("{at}.security.cac"),
                r.period_from,
                r.period_to,
                &days,
            );
        }
        if let Some(r) = &w.security.overseas {
            let days: Vec<_> = r.daily.iter().map(|d| d.date).collect();
            self.check_report(
                file,
                &format!("{at}.security.overseas"),
                r.period_from,
                r.period_to,
                &days,
            );
        }
        self.check_cloud_features(file, &w.cloud_features);
        if !w.tickets.is_empty() {
            self.problem(
                file,
                format!("{at}.tickets"),
                "leave the ticket history out: `portal publish` writes it from the tickets that name this workspace",
            );
        }
    }
}

impl Validator<'_> {
    /// 云产品授权管理: each account feature once, a mailbox for an account,
    /// and a last day for what is (or was) active.
    fn check_cloud_features(&mut self, file: &str, features: &[AccountFeature]) {
        let mut seen = HashSet::new();
        for (i, f) in features.iter().enumerate() {
            let at = format!("$.workspace.cloud_features[{i}]");
            if !crate::submission::is_email(&f.account) {
                self.problem(file, format!("{at}.account"), "not a mailbox address");
            }
            if !seen.insert((f.account.to_ascii_lowercase(), f.feature)) {
                self.problem(
                    file,
                    &at,
                    format!(
                        "`{}` has feature `{}` twice: one entry per account and feature",
                        f.account, f.feature
                    ),
                );
            }
            let needs_expiry = matches!(
                f.state,
                FeatureState::Active | FeatureState::Expired | FeatureState::Suspended
            );
            if needs_expiry && f.expires.is_none() {
                self.problem(
                    file,
                    format!("{at}.expires"),
                    format!("a `{}` feature needs its last day", f.state),
                );
            }
            if f.state == FeatureState::NotOpened && f.expires.is_some() {
                self.problem(
                    file,
                    format!("{at}.expires"),
                    "a feature never opened has no last day",
                );
            }
        }
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// How a value is spelled in the API files (`handling`, `P2`).
pub(super) fn json_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::from("?"),
    }
}
