//! The private source: `workspaces/`, `tickets/`, and what publishing seals.

use super::*;
use crate::secret::SecretKind;
use crate::validate::{validate_private, ToSeal};

const TICKET: &str = "tickets/CM2026-001244.json";
const WORKSPACE: &str = "workspaces/huanan.json";
const CODE: &str = "6Q37P-7N7HA-E9884-DNTMR";
const KEY: &str = "0B8DJ-J1AEJ-T355S-2NWSA-EVXA6-B08XB";

/// One workspace (华南, with 防暴卫士 and its report) and one ticket of it.
fn private() -> Api {
    let mut p = Api::default();
    p.put_json(
        TICKET,
        json!({
            "access_code": CODE,
            "workspace": "huanan",
            "ticket": {
                "number": "CM2026-001244",
                "contact_email": "zhang.li@demo-corp.cn",
                "contact_name": "张丽",
                "customer": "华南示范集团",
                "title": "发信报 535 认证失败",
                "product": "xt5",
                "version": "V5.0.14",
                "priority": "P3",
                "channel": "email",
                "status": "accepted",
                "received": "2026-11-26T09:10:00+08:00",
                "first_response": "2026-11-26T09:40:00+08:00",
                "events": [
                    {"at": "2026-11-26T09:10:00+08:00", "step": "submitted", "by": "customer", "text": "Foxmail 发信报 535。"},
                    {"at": "2026-11-26T09:40:00+08:00", "step": "accepted", "by": "specialist", "text": "已受理。"}
                ]
            }
        }),
    );
    p.put_json(
        WORKSPACE,
        json!({
            "access_key": KEY,
            "workspace": {
                "id": "huanan",
                "company": {"zh": "华南示范集团"},
                "contract": {"id": "SVC-1", "starts": "2025-06-01", "ends": "2027-05-31", "products": ["xt5"]},
                "deployments": [{"product": "xt5", "version": "V5.0.14", "label": {"zh": "总部"}}],
                "modules": ["guard"],
                "onsite_days": {"bought": 10, "used": 7},
                "licences": [{
                    "id": "lic-1", "product": "xt5", "version": "V5.0.14", "edition": {"zh": "企业版"},
                    "seats": 2000, "issued": "2025-07-01", "expires": "2028-06-30", "service_until": "2026-06-30"
                }],
                "security": {"guard": {
                    "period_from": "2026-11-25",
                    "period_to": "2026-11-26",
                    "daily": [
                        {"date": "2026-11-25", "brute_force_attempts": 120, "blocked_ips": 8, "attacked_accounts": 5, "phishing_mails": 3, "compromised_accounts": 1, "attacking_ips": 9},
                        {"date": "2026-11-26", "brute_force_attempts": 90, "blocked_ips": 6, "attacked_accounts": 4, "phishing_mails": 1, "compromised_accounts": 0, "attacking_ips": 7}
                    ],
                    "top_attacked_accounts": [{"account": "admin@demo-corp.cn", "attempts": 80}],
                    "top_attacking_ips": [{"ip": "203.0.113.7", "region": {"zh": "境外", "en": "Abroad"}, "attempts": 60}]
                }}
            }
        }),
    );
    p
}

fn check(p: &Api) -> (Vec<Problem>, Vec<ToSeal>) {
    validate_private(&Api::minimal(), p)
}

fn problems(p: &Api) -> Vec<Problem> {
    check(p).0
}

#[test]
fn a_valid_source_seals_each_ticket_and_each_workspace_with_its_history() {
    let (problems, sealed) = check(&private());
    assert_eq!(problems, []);
    assert_eq!(sealed.len(), 2);
    let ticket = &sealed[0];
    assert_eq!(ticket.kind, SecretKind::TicketCode);
    assert_eq!(ticket.secret, "6Q37P7N7HAE9884DNTMR");
    assert_eq!(ticket.number.as_deref(), Some("CM2026-001244"));
    let workspace: crate::model::Workspace = serde_json::from_str(&sealed[1].json).unwrap();
    assert_eq!(sealed[1].kind, SecretKind::AccessKey);
    assert_eq!(workspace.tickets.len(), 1);
    assert_eq!(workspace.tickets[0].number, "CM2026-001244");
    assert_eq!(workspace.tickets[0].code, CODE);
    // Nothing sealed carries the secret that opens it.
    assert!(!sealed
        .iter()
        .any(|s| s.json.contains(&s.secret) || s.json.contains(KEY)));
}

#[test]
fn a_guessable_access_key_or_code_is_refused_with_how_to_make_one() {
    let mut p = private();
    p.edit(WORKSPACE, |v| v["access_key"] = json!("DEMO-HUANAN-2026"));
    p.edit(TICKET, |v| {
        v["access_code"] = json!("ABCDE-ABCDE-ABCDE-ABCDE")
    });
    assert_eq!(
        problems(&p),
        [
            problem(
                TICKET,
                "$.access_code",
                "not a usable ticket access code (a pattern, not a random key): it must be 20 random base32 symbols; make one with `portal new-access-key --ticket`"
            ),
            problem(
                WORKSPACE,
                "$.access_key",
                "not a usable customer access key ('U' is not a base32 symbol): it must be 30 random base32 symbols; make one with `portal new-access-key`"
            ),
        ]
    );
}

#[test]
fn two_tickets_with_one_code_are_reported() {
    let mut p = private();
    let mut copy: Value = serde_json::from_str(&p.0[TICKET]).unwrap();
    copy["ticket"]["number"] = json!("CM2026-001245");
    p.put_json("tickets/CM2026-001245.json", copy);
    assert_eq!(
        problems(&p),
        [problem(
            "tickets/CM2026-001245.json",
            "$.access_code",
            "the same access code as tickets/CM2026-001244.json: every ticket needs its own"
        )]
    );
}

#[test]
fn a_ticket_under_another_number_or_naming_an_unknown_workspace_is_reported() {
    let mut p = private();
    p.edit(TICKET, |v| v["workspace"] = json!("dongfang"));
    let text = p.0.remove(TICKET).unwrap();
    p.put("tickets/CM2026-000001.json", &text);
    assert_eq!(
        problems(&p),
        [
            problem(
                "tickets/CM2026-000001.json",
                "$.ticket.number",
                "ticket CM2026-001244 belongs in tickets/CM2026-001244.json"
            ),
            problem(
                "tickets/CM2026-000001.json",
                "$.workspace",
                "unknown workspace `dongfang` (not in workspaces/)"
            ),
        ]
    );
}

#[test]
fn ticket_rules_apply_inside_the_private_file() {
    let mut p = private();
    p.edit(TICKET, |v| {
        v["ticket"]["version"] = json!("V5.0.15");
        v["ticket"]["first_response"] = json!("2026-11-26T09:00:00+08:00");
        v["ticket"]["events"][1]["at"] = json!("2026-11-26T09:00:00+08:00");
        v["ticket"]["status"] = json!("closed");
    });
    assert_eq!(
        problems(&p),
        [
            problem(
                TICKET,
                "$.ticket.version",
                "product `xt5` has no version `V5.0.15`"
            ),
            problem(
                TICKET,
                "$.ticket.first_response",
                "first response is before the request was received"
            ),
            problem(
                TICKET,
                "$.ticket.events[1].at",
                "events must be in time order, after the request was received"
            ),
            problem(
                TICKET,
                "$.ticket.status",
                "status is `closed` but the last workflow event reached `accepted`"
            ),
        ]
    );
}

#[test]
fn a_report_for_a_module_not_bought_is_reported() {
    let mut p = private();
    p.edit(WORKSPACE, |v| {
        v["workspace"]["modules"] = json!(["cac", "cac"])
    });
    assert_eq!(
        problems(&p),
        [
            problem(
                WORKSPACE,
                "$.workspace.modules[1]",
                "module `cac` is listed twice"
            ),
            problem(
                WORKSPACE,
                "$.workspace.security.guard",
                "a report for module `guard`, which this customer has not bought"
            ),
        ]
    );
}

#[test]
fn workspace_references_periods_and_licences_are_checked() {
    let mut p = private();
    p.edit(WORKSPACE, |v| {
        let w = &mut v["workspace"];
        w["contract"]["ends"] = json!("2025-01-01");
        w["contract"]["products"] = json!(["xt6"]);
        w["deployments"][0]["version"] = json!("V5.1");
        w["licences"][0]["expires"] = json!("2025-06-30");
        w["security"]["guard"]["daily"][1]["date"] = json!("2026-11-25");
    });
    assert_eq!(
        problems(&p),
        [
            problem(
                WORKSPACE,
                "$.workspace.contract.ends",
                "the contract ends before it starts"
            ),
            problem(
                WORKSPACE,
                "$.workspace.contract.products[0].product",
                "unknown product `xt6` (not in products.json)"
            ),
            problem(
                WORKSPACE,
                "$.workspace.deployments[0].version",
                "product `xt5` has no version `V5.1`"
            ),
            problem(
                WORKSPACE,
                "$.workspace.licences[0].expires",
                "licence expires before it was issued"
            ),
            problem(
                WORKSPACE,
                "$.workspace.security.guard.daily[1].date",
                "2026-11-25 has more than one row"
            ),
        ]
    );
}

#[test]
fn the_source_may_not_write_the_history_itself() {
    let mut p = private();
    p.edit(WORKSPACE, |v| {
        v["workspace"]["tickets"] = json!([{
            "number": "CM2026-001244", "code": CODE, "title": "x", "product": "xt5",
            "priority": "P3", "channel": "email", "status": "accepted",
            "received": "2026-11-26T09:10:00+08:00"
        }])
    });
    assert_eq!(
        problems(&p),
        [problem(
            WORKSPACE,
            "$.workspace.tickets",
            "leave the ticket history out: `portal publish` writes it from the tickets that name this workspace"
        )]
    );
}

#[test]
fn a_recorded_download_names_a_published_patch_for_a_version_it_applies_to() {
    let mut p = private();
    p.edit(WORKSPACE, |v| {
        v["workspace"]["downloads"] = json!([
            {"patch": "xt5-p2025-0620", "version": "V5.0.14", "at": "2026-11-20T10:00:00+08:00"},
            {"patch": "xt5-p2099-0101", "version": "V5.0.14", "at": "2026-11-21T10:00:00+08:00"},
            {"patch": "xt5-p2025-0116", "version": "V5.0.14", "at": "2026-11-22T10:00:00+08:00"}
        ])
    });
    assert_eq!(
        problems(&p),
        [
            problem(
                WORKSPACE,
                "$.workspace.downloads[1].patch",
                "unknown patch `xt5-p2099-0101` (not in patches.json)"
            ),
            problem(
                WORKSPACE,
                "$.workspace.downloads[2].version",
                "`xt5-p2025-0116` does not apply to V5.0.14 (it applies to V5.0.13)"
            ),
        ]
    );
}

#[test]
fn a_cloud_feature_twice_for_one_account_or_active_without_a_last_day_is_named() {
    let mut p = private();
    p.edit(WORKSPACE, |w| w["workspace"]["cloud_features"] = json!([
        {"account": "li.ming@demo-corp.cn", "feature": "push", "state": "active", "expires": "2027-01-01"},
        {"account": "LI.MING@demo-corp.cn", "feature": "push", "state": "expired", "expires": "2026-01-01"},
        {"account": "hr@demo-corp.cn", "feature": "overseas_sdn", "state": "active"},
        {"account": "hr", "feature": "overseas_mirror", "state": "not_opened", "expires": "2027-01-01"}
    ]));
    let found: Vec<String> = problems(&p).iter().map(|x| x.path.clone()).collect();
    assert_eq!(
        found,
        [
            "$.workspace.cloud_features[1]",
            "$.workspace.cloud_features[2].expires",
            "$.workspace.cloud_features[3].account",
            "$.workspace.cloud_features[3].expires",
        ]
    );
}
