//! `tickets/`, `customers/`.

use super::*;

/// `portal ticket-key --number CM2026-001244 --email li.ming@demo-corp.cn`.
const KEY_FOR_LI_MING: &str = "c149ddfec37d3a6172edde6fc7d371f7e0d3b0b62d0b4afef9c03550f44a3773";

#[test]
fn a_ticket_naming_an_unknown_product_is_reported_with_its_path() {
    let mut api = Api::minimal();
    api.edit(TICKET, |v| v["product"] = json!("xt6"));
    api.edit(CUSTOMER, |v| v["tickets"][0]["product"] = json!("xt6"));
    assert_eq!(
        api.problems(),
        [problem(
            TICKET,
            "$.product",
            "unknown product `xt6` (not in products.json)"
        )]
    );
}

#[test]
fn a_ticket_for_a_version_its_product_lacks_is_reported_at_its_version() {
    let mut api = Api::minimal();
    api.edit(TICKET, |v| v["version"] = json!("V5.0.15"));
    assert_eq!(
        api.problems(),
        [problem(
            TICKET,
            "$.version",
            "product `xt5` has no version `V5.0.15`"
        )]
    );
}

#[test]
fn a_ticket_under_another_key_than_its_number_and_email_give_is_reported_with_the_right_file() {
    let mut api = Api::minimal();
    api.edit(TICKET, |v| {
        v["contact_email"] = json!("li.ming@demo-corp.cn")
    });
    assert_eq!(
        api.problems(),
        [problem(
            TICKET,
            "$",
            &format!("stored under the wrong key: ticket CM2026-001244 with its contact e-mail belongs in tickets/{KEY_FOR_LI_MING}.json")
        )]
    );
}

#[test]
fn a_ticket_number_published_twice_is_reported_at_the_second_file() {
    let mut api = Api::minimal();
    let mut copy: Value = serde_json::from_str(&api.0[TICKET]).unwrap();
    copy["number"] = json!("cm2026-001244");
    copy["contact_email"] = json!("li.ming@demo-corp.cn");
    api.put_json(&format!("tickets/{KEY_FOR_LI_MING}.json"), copy);
    assert_eq!(
        api.problems(),
        [problem(
            &format!("tickets/{KEY_FOR_LI_MING}.json"),
            "$.number",
            &format!("ticket cm2026-001244 is also published as {TICKET}")
        )]
    );
}

#[test]
fn only_ticket_files_belong_in_tickets() {
    let mut api = Api::minimal();
    api.put("tickets/README.md", "工单目录");
    assert_eq!(
        api.problems(),
        [problem(
            "tickets/README.md",
            "$",
            "only <ticket-key>.json files belong in tickets/"
        )]
    );
}

#[test]
fn a_first_response_before_the_request_was_received_is_reported() {
    let mut api = Api::minimal();
    api.edit(TICKET, |v| {
        v["first_response"] = json!("2026-11-26T09:05:00+08:00")
    });
    api.edit(CUSTOMER, |v| {
        v["tickets"][0]["first_response"] = json!("2026-11-26T09:05:00+08:00")
    });
    assert_eq!(
        api.problems(),
        [problem(
            TICKET,
            "$.first_response",
            "first response is before the request was received"
        )]
    );
}

#[test]
fn an_event_earlier_than_the_one_before_it_is_reported() {
    let mut api = Api::minimal();
    api.edit(TICKET, |v| {
        v["events"][2]["at"] = json!("2026-11-26T09:30:00+08:00")
    });
    assert_eq!(
        api.problems(),
        [problem(
            TICKET,
            "$.events[2].at",
            "events must be in time order, after the request was received"
        )]
    );
}

#[test]
fn a_ticket_status_other_than_its_last_workflow_step_is_reported() {
    let mut api = Api::minimal();
    // The last event is a customer's note, which moves no step: the last
    // step reached is the specialist's `accepted`.
    api.edit(TICKET, |v| v["status"] = json!("handling"));
    api.edit(CUSTOMER, |v| v["tickets"][0]["status"] = json!("handling"));
    assert_eq!(
        api.problems(),
        [problem(
            TICKET,
            "$.status",
            "status is `handling` but the last workflow event reached `accepted`"
        )]
    );
}

#[test]
fn only_customer_key_files_belong_in_customers() {
    let mut api = Api::minimal();
    api.put("customers/demo-corp.json", "{}");
    assert_eq!(
        api.problems(),
        [problem(
            "customers/demo-corp.json",
            "$",
            "only <customer-key>.json files belong in customers/"
        )]
    );
}

#[test]
fn a_history_entry_without_its_ticket_file_is_reported() {
    let mut api = Api::minimal();
    api.edit(CUSTOMER, |v| {
        v["tickets"][0]["key"] = json!(KEY_FOR_LI_MING)
    });
    assert_eq!(
        api.problems(),
        [problem(
            CUSTOMER,
            "$.tickets[0].key",
            &format!("no ticket file tickets/{KEY_FOR_LI_MING}.json")
        )]
    );
}

#[test]
fn a_history_entry_whose_key_opens_another_ticket_is_reported() {
    let mut api = Api::minimal();
    api.edit(CUSTOMER, |v| {
        v["tickets"][0]["number"] = json!("CM2026-001245")
    });
    assert_eq!(
        api.problems(),
        [problem(
            CUSTOMER,
            "$.tickets[0].number",
            "key belongs to ticket CM2026-001244, not CM2026-001245"
        )]
    );
}

#[test]
fn each_field_a_history_entry_repeats_must_agree_with_its_ticket() {
    let mut api = Api::minimal();
    api.edit(TICKET, |v| {
        v["title"] = json!("发信报 535");
        v["priority"] = json!("P2");
        v["first_response"] = Value::Null;
    });
    assert_eq!(
        api.problems(),
        [
            problem(
                CUSTOMER,
                "$.tickets[0].title",
                "differs from ticket CM2026-001244"
            ),
            problem(
                CUSTOMER,
                "$.tickets[0].priority",
                "differs from ticket CM2026-001244"
            ),
            problem(
                CUSTOMER,
                "$.tickets[0].first_response",
                "differs from ticket CM2026-001244"
            ),
        ]
    );
}
