//! Submissions: the wire format every receiver reads, and the checks the
//! form and `portal intake` share (crates/core/src/submission.rs).

use portal_core::model::{BookingKind, CloudFeature, Product};
use portal_core::submission::{
    check, from_mail, mail_block, read, LicenceAction, ProblemCode, Request, Scope,
    ATTACHMENTS_MAX, ATTACHMENT_NAME_MAX, LICENCE_ITEMS_MAX, MAX_BODY_BYTES, ONSITE_DAYS_MAX,
};

fn products() -> Vec<Product> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../public/api/products.json"
    ))
    .expect("demo products.json");
    serde_json::from_str(&text).expect("products parse")
}

const NEW_REQUEST: &str = r#"{
  "schema": "coremail-portal/submission/v1",
  "id": "3f2b8c1e-9d4a-4c7e-8b2f-0a1b2c3d4e5f",
  "created_at": "2026-12-07T10:15:00+08:00",
  "lang": "zh",
  "sender": {"scope": "workspace", "id": "huanan", "proof": "0123456789abcdef0123456789abcdef"},
  "request": {
    "kind": "new_request",
    "product": "xt5",
    "version": "XT5.0.13",
    "priority": "P2",
    "title": "部分用户无法收信",
    "description": "自今天 9:30 起，约 30 名用户 IMAP 收信超时。",
    "contact": {"name": "李明", "email": "li.ming@demo-corp.cn", "phone": "138 0000 0000"}
  }
}"#;

const REPLY: &str = r#"{
  "schema": "coremail-portal/submission/v1",
  "id": "9c1d2e3f-4a5b-4c6d-9e7f-8a9b0c1d2e3f",
  "created_at": "2026-12-07T10:20:00+08:00",
  "lang": "en",
  "sender": {"scope": "ticket", "id": "CM2026-001414", "proof": "fedcba9876543210fedcba9876543210"},
  "request": {"kind": "ticket_reply", "ticket": "CM2026-001414", "text": "The logs are attached to the mail we sent."}
}"#;

fn codes(body: &str) -> Vec<(String, ProblemCode)> {
    match read(body.as_bytes(), Some(&products())) {
        Ok(_) => Vec::new(),
        Err(r) => r.problems.into_iter().map(|p| (p.field, p.code)).collect(),
    }
}

#[test]
fn a_new_request_and_a_reply_as_documented_are_accepted() {
    let catalogue = products();
    let version = &catalogue[0].versions[0].version;
    let body = NEW_REQUEST
        .replace("\"xt5\"", &format!("{:?}", catalogue[0].id))
        .replace("\"XT5.0.13\"", &format!("{version:?}"));
    let s = read(body.as_bytes(), Some(&catalogue)).expect("accepted");
    assert_eq!(s.request.kind(), "new_request");
    assert_eq!(s.sender.scope, Scope::Workspace);
    let r = read(REPLY.as_bytes(), Some(&catalogue)).expect("accepted");
    assert!(matches!(r.request, Request::TicketReply(ref t) if t.ticket == "CM2026-001414"));
}

#[test]
fn a_version_not_in_the_catalogue_is_refused() {
    let body = NEW_REQUEST.replace("\"XT5.0.13\"", "\"XT9.9\"");
    assert_eq!(
        codes(&body),
        [("$.request.version".to_owned(), ProblemCode::UnknownProduct)]
    );
}

#[test]
fn an_empty_title_and_a_bad_address_are_each_named() {
    let body = NEW_REQUEST
        .replace("部分用户无法收信", "   ")
        .replace("li.ming@demo-corp.cn", "li.ming at demo-corp");
    let found = codes(&body);
    assert!(found.contains(&("$.request.title".to_owned(), ProblemCode::Empty)));
    assert!(found.contains(&("$.request.contact.email".to_owned(), ProblemCode::Malformed)));
}

#[test]
fn a_title_of_121_characters_is_too_long_and_120_is_not() {
    let ok = NEW_REQUEST.replace("部分用户无法收信", &"收".repeat(120));
    assert!(!codes(&ok).iter().any(|(f, _)| f == "$.request.title"));
    let long = NEW_REQUEST.replace("部分用户无法收信", &"收".repeat(121));
    assert!(codes(&long).contains(&("$.request.title".to_owned(), ProblemCode::TooLong)));
}

#[test]
fn control_characters_in_a_reply_are_refused_but_line_breaks_are_not() {
    let ok = REPLY.replace("attached to", "attached\\nto");
    assert!(read(ok.as_bytes(), None).is_ok());
    let bad = REPLY.replace("attached to", "attached\\u0007to");
    assert_eq!(
        codes(&bad),
        [("$.request.text".to_owned(), ProblemCode::ControlCharacters)]
    );
}

#[test]
fn a_reply_to_another_ticket_than_the_code_opens_is_not_authorised() {
    let body = REPLY.replace(
        "\"ticket\": \"CM2026-001414\"",
        "\"ticket\": \"CM2026-001244\"",
    );
    assert_eq!(
        codes(&body),
        [("$.request.ticket".to_owned(), ProblemCode::NotAuthorised)]
    );
}

#[test]
fn a_new_request_must_come_from_a_workspace() {
    let body = NEW_REQUEST.replace(
        r#""scope": "workspace", "id": "huanan""#,
        r#""scope": "ticket", "id": "CM2026-001414""#,
    );
    assert!(codes(&body).contains(&("$.sender.scope".to_owned(), ProblemCode::NotAuthorised)));
}

#[test]
fn an_id_that_is_not_a_uuid_is_refused_since_it_names_a_file() {
    let body = REPLY.replace("9c1d2e3f-4a5b-4c6d-9e7f-8a9b0c1d2e3f", "../../etc/passwd");
    assert_eq!(codes(&body), [("$.id".to_owned(), ProblemCode::Malformed)]);
}

#[test]
fn unknown_fields_and_unknown_kinds_are_unreadable_with_their_path() {
    let extra = REPLY.replace("\"lang\": \"en\",", "\"lang\": \"en\", \"admin\": true,");
    let found = codes(&extra);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].1, ProblemCode::Unreadable);
    let kind = REPLY.replace("ticket_reply", "delete_everything");
    assert_eq!(codes(&kind)[0].1, ProblemCode::Unreadable);
    assert_eq!(
        codes("not json")[0],
        ("$".to_owned(), ProblemCode::Unreadable)
    );
}

#[test]
fn a_body_over_64_kib_is_refused_before_it_is_parsed() {
    let body = vec![b' '; MAX_BODY_BYTES + 1];
    assert_eq!(
        codes(std::str::from_utf8(&body).unwrap()),
        [("$".to_owned(), ProblemCode::TooLarge)]
    );
}

#[test]
fn the_mail_block_reads_back_even_when_a_client_wraps_it() {
    let s = read(REPLY.as_bytes(), None).expect("valid");
    let block = mail_block(&s);
    let mail = format!("您好，\n\n请处理以下回复。\n\n{block}\n\n李明");
    assert_eq!(from_mail(&mail).expect("a block").expect("valid"), s);
    // A client that wraps at 76 columns.
    let json_line = block.lines().nth(1).unwrap();
    let wrapped: String = json_line
        .chars()
        .collect::<Vec<_>>()
        .chunks(76)
        .map(|c| c.iter().collect::<String>() + "\n")
        .collect();
    let rewrapped = block.replace(json_line, wrapped.trim_end());
    assert!(rewrapped.lines().count() > 4, "the test wraps the line");
    assert_eq!(from_mail(&rewrapped).expect("a block").expect("valid"), s);
    assert!(from_mail("no block here").is_none());
    assert!(check(&s, None).is_empty());
}

// ---------------------------------------------------------------- bookings

fn example(kind: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../../docs/examples/submissions/{kind}.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("docs/examples/submissions")
}

/// The example `kind` with `pointer` set to `value` (`null` removes it).
fn with(kind: &str, pointer: &str, value: serde_json::Value) -> String {
    let mut json: serde_json::Value = serde_json::from_str(&example(kind)).unwrap();
    let (object, key) = pointer.rsplit_once('/').unwrap();
    let object = json.pointer_mut(object).unwrap().as_object_mut().unwrap();
    if value.is_null() {
        object.remove(key);
    } else {
        object.insert(key.to_owned(), value);
    }
    serde_json::to_string(&json).unwrap()
}

fn problem(field: &str, code: ProblemCode) -> (String, ProblemCode) {
    (field.to_owned(), code)
}

#[test]
fn the_documented_booking_and_cancellation_are_accepted() {
    let catalogue = products();
    let b = read(example("booking").as_bytes(), Some(&catalogue)).expect("accepted");
    assert_eq!(b.request.kind(), "booking");
    let Request::Booking(booking) = &b.request else {
        panic!("a booking")
    };
    assert_eq!(booking.booking_type, BookingKind::PatchDeployment);
    assert_eq!(booking.start.to_rfc3339(), "2026-12-07T09:00:00+08:00");
    let c = read(example("booking_cancel").as_bytes(), Some(&catalogue)).expect("accepted");
    assert_eq!(c.request.kind(), "booking_cancel");
    let Request::BookingCancel(cancel) = &c.request else {
        panic!("a cancellation")
    };
    assert_eq!(cancel.booking, booking.booking);
    assert_eq!(cancel.sequence, booking.sequence + 1);
}

#[test]
fn a_booking_reads_back_as_written() {
    let s = read(example("booking").as_bytes(), None).unwrap();
    let json = serde_json::to_value(&s).unwrap();
    assert_eq!(json["request"]["type"], "patch_deployment");
    assert_eq!(json["request"].get("site"), None, "absent, not null");
    assert_eq!(read(json.to_string().as_bytes(), None).unwrap(), s);
    assert_eq!(
        from_mail(&mail_block(&s)).expect("a block").expect("valid"),
        s
    );
}

#[test]
fn remote_support_needs_consent_to_remote_access() {
    let body = with("booking", "/request/type", "remote_support".into());
    assert!(codes(&body).is_empty(), "{:?}", codes(&body));
    let mut refused: serde_json::Value = serde_json::from_str(&with(
        "booking",
        "/request/remote_access_consent",
        serde_json::Value::Null,
    ))
    .unwrap();
    refused["request"]["type"] = "remote_support".into();
    assert_eq!(
        codes(&refused.to_string()),
        [problem(
            "$.request.remote_access_consent",
            ProblemCode::Empty
        )]
    );
}

#[test]
fn a_patch_deployment_names_its_patch() {
    let body = with("booking", "/request/patch", serde_json::Value::Null);
    assert_eq!(
        codes(&body),
        [problem("$.request.patch", ProblemCode::Empty)]
    );
    let body = with("booking", "/request/patch", "../etc".into());
    assert_eq!(
        codes(&body),
        [problem("$.request.patch", ProblemCode::Malformed)]
    );
}

#[test]
fn an_onsite_visit_needs_a_site_and_a_number_of_days() {
    let onsite = with("booking", "/request/type", "onsite".into());
    let mut v: serde_json::Value = serde_json::from_str(&onsite).unwrap();
    assert_eq!(
        codes(&v.to_string()),
        [
            problem("$.request.site", ProblemCode::Empty),
            problem("$.request.days", ProblemCode::Empty)
        ]
    );
    v["request"]["site"] = serde_json::json!({
        "city": "foshan", "lat": 23.0215, "lon": 113.1214,
        "address": "佛山市禅城区季华五路 1 号 8 楼机房"
    });
    v["request"]["days"] = 2.into();
    assert!(
        codes(&v.to_string()).is_empty(),
        "{:?}",
        codes(&v.to_string())
    );
    v["request"]["site"]["lat"] = 91.0.into();
    v["request"]["site"]["city"] = "atlantis".into();
    v["request"]["site"]["address"] = " ".into();
    v["request"]["days"] = (ONSITE_DAYS_MAX + 1).into();
    assert_eq!(
        codes(&v.to_string()),
        [
            problem("$.request.site.lat", ProblemCode::Malformed),
            problem("$.request.site.city", ProblemCode::Malformed),
            problem("$.request.site.address", ProblemCode::Empty),
            problem("$.request.days", ProblemCode::Malformed),
        ]
    );
    v["request"]["days"] = 0.into();
    assert!(codes(&v.to_string()).contains(&problem("$.request.days", ProblemCode::Malformed)));
}

#[test]
fn a_slot_that_ends_before_it_starts_is_refused() {
    let body = with(
        "booking",
        "/request/end",
        "2026-12-07T09:00:00+08:00".into(),
    );
    assert_eq!(
        codes(&body),
        [problem("$.request.end", ProblemCode::Malformed)]
    );
}

#[test]
fn a_booking_for_a_version_not_in_the_catalogue_is_refused() {
    let body = with("booking", "/request/version", "V9.9".into());
    assert_eq!(
        codes(&body),
        [problem("$.request.version", ProblemCode::UnknownProduct)]
    );
}

#[test]
fn bookings_and_cancellations_come_from_a_workspace() {
    for kind in ["booking", "booking_cancel"] {
        let body = with(
            kind,
            "/sender",
            serde_json::json!({"scope": "ticket", "id": "CM2026-001414",
                               "proof": "ca7eb6d5690d7a165cbe56cca97169de"}),
        );
        assert_eq!(
            codes(&body),
            [problem("$.sender.scope", ProblemCode::NotAuthorised)],
            "{kind}"
        );
    }
}

#[test]
fn a_cancellation_raises_the_sequence_and_names_a_booking_id() {
    let body = with("booking_cancel", "/request/sequence", 0.into());
    assert_eq!(
        codes(&body),
        [problem("$.request.sequence", ProblemCode::Malformed)]
    );
    let body = with("booking_cancel", "/request/booking", "B-42".into());
    assert_eq!(
        codes(&body),
        [problem("$.request.booking", ProblemCode::Malformed)]
    );
    let body = with("booking_cancel", "/request/reason", serde_json::Value::Null);
    assert!(codes(&body).is_empty(), "a reason is optional");
    let body = with("booking_cancel", "/request/reason", "x\u{7}".into());
    assert_eq!(
        codes(&body),
        [problem("$.request.reason", ProblemCode::ControlCharacters)]
    );
}

#[test]
fn unknown_fields_in_a_booking_are_unreadable() {
    let body = with("booking", "/request/price", 0.into());
    assert_eq!(codes(&body).len(), 1);
    assert_eq!(codes(&body)[0].1, ProblemCode::Unreadable);
    let body = with("booking", "/request/type", "dinner".into());
    assert_eq!(codes(&body)[0].1, ProblemCode::Unreadable);
}

fn settings_submission(scope: &str, id: &str, settings: serde_json::Value) -> String {
    serde_json::json!({
        "schema": "coremail-portal/submission/v1",
        "id": "5a6b7c8d-1e2f-4a3b-9c4d-5e6f7a8b9c0d",
        "created_at": "2026-12-08T10:00:00+08:00",
        "lang": "zh",
        "sender": {"scope": scope, "id": id, "proof": "0123456789abcdef0123456789abcdef"},
        "request": {"kind": "notification_settings", "settings": settings}
    })
    .to_string()
}

fn default_settings() -> serde_json::Value {
    serde_json::to_value(portal_core::settings::NotificationSettings::default()).unwrap()
}

#[test]
fn notification_settings_from_a_workspace_are_accepted() {
    let body = settings_submission("workspace", "huanan", default_settings());
    let s = read(body.as_bytes(), Some(&products())).expect("accepted");
    assert_eq!(s.request.kind(), "notification_settings");
}

#[test]
fn notification_settings_need_a_workspace_a_channel_per_type_on_and_this_format() {
    let body = settings_submission("ticket", "CM2026-001414", default_settings());
    assert!(codes(&body).contains(&("$.sender.scope".into(), ProblemCode::NotAuthorised)));
    let mut v = default_settings();
    v["types"]["patches"]["channels"] =
        serde_json::json!({"email": false, "sms": false, "browser": false});
    assert_eq!(
        codes(&settings_submission("workspace", "huanan", v.clone())),
        [(
            "$.request.settings.types.patches.channels".into(),
            ProblemCode::Empty
        )]
    );
    // Switched off, no channel is fine.
    v["types"]["patches"]["enabled"] = false.into();
    assert!(codes(&settings_submission("workspace", "huanan", v)).is_empty());
    let mut v = default_settings();
    v["format"] = "coremail-portal/notification-settings/v9".into();
    assert_eq!(
        codes(&settings_submission("workspace", "huanan", v)),
        [("$.request.settings.format".into(), ProblemCode::Malformed)]
    );
    let mut v = default_settings();
    v["quiet_hours"] = serde_json::json!({"mode": "daily", "from": "7pm", "to": "08:00"});
    assert_eq!(
        codes(&settings_submission("workspace", "huanan", v)),
        [(
            "$.request.settings.quiet_hours.from".into(),
            ProblemCode::Malformed
        )]
    );
}

// ------------------------------------------------------ licence requests

#[test]
fn the_documented_licence_renewal_is_accepted_and_reads_back() {
    let s = read(example("licence_request").as_bytes(), None).expect("accepted");
    assert_eq!(s.request.kind(), "licence_request");
    let Request::LicenceRequest(r) = &s.request else {
        panic!("a licence request")
    };
    assert_eq!(r.action, LicenceAction::Renew);
    assert_eq!(r.items.len(), 2);
    assert_eq!(r.items[0].account, "finance.hq@demo-corp.cn");
    assert_eq!(r.items[0].feature, CloudFeature::Push);
    assert_eq!(
        r.items[0].expires.map(|d| d.to_string()).as_deref(),
        Some("2026-12-12")
    );
}

#[test]
fn a_licence_request_names_at_least_one_account_feature() {
    let body = with("licence_request", "/request/items", serde_json::json!([]));
    assert_eq!(
        codes(&body),
        [problem("$.request.items", ProblemCode::Empty)]
    );
}

// ------------------------------------------------------------ question, feedback

const QUESTION: &str = r#"{
  "schema": "coremail-portal/submission/v1",
  "id": "5a6b7c8d-1e2f-4a3b-8c4d-5e6f7a8b9c0d",
  "created_at": "2026-12-07T11:00:00+08:00",
  "lang": "zh",
  "sender": {"scope": "workspace", "id": "huanan", "proof": "0123456789abcdef0123456789abcdef"},
  "request": {
    "kind": "question",
    "title": "如何批量导出离职员工的邮件",
    "details": "知识库没有找到相关文章。我们需要把 20 名离职员工的邮件导出为 EML。",
    "kb_query": "离职 导出",
    "contact": {"name": "李明", "email": "li.ming@demo-corp.cn"}
  }
}"#;

const FEEDBACK: &str = r#"{
  "schema": "coremail-portal/submission/v1",
  "id": "6b7c8d9e-2f3a-4b4c-9d5e-6f7a8b9c0d1e",
  "created_at": "2026-12-07T11:05:00+08:00",
  "lang": "en",
  "sender": {"scope": "workspace", "id": "huanan", "proof": "0123456789abcdef0123456789abcdef"},
  "request": {
    "kind": "feedback",
    "type": "defect",
    "product": "xt5",
    "version": "V5.0.14",
    "title": "Quota warning arrives after the mailbox is full",
    "description": "The 90 % warning is sent by the nightly job only.",
    "attachments": ["quota-log.txt", "截图 1.png"],
    "contact": {"name": "Li Ming", "email": "li.ming@demo-corp.cn", "phone": "+86 20 5555 0100"}
  }
}"#;

fn edited(body: &str, pointer: &str, value: serde_json::Value) -> String {
    let mut json: serde_json::Value = serde_json::from_str(body).unwrap();
    *json.pointer_mut(pointer).expect("the field exists") = value;
    json.to_string()
}

#[test]
fn a_question_and_a_feedback_as_documented_are_accepted() {
    let catalogue = products();
    let q = read(QUESTION.as_bytes(), Some(&catalogue)).expect("question accepted");
    assert_eq!(q.request.kind(), "question");
    let f = read(FEEDBACK.as_bytes(), Some(&catalogue)).expect("feedback accepted");
    assert_eq!(f.request.kind(), "feedback");
    let Request::Feedback(feedback) = &f.request else {
        panic!("a feedback");
    };
    assert_eq!(feedback.attachments.len(), 2);
}

#[test]
fn a_question_needs_a_title_details_and_a_contact() {
    let body = edited(QUESTION, "/request/title", "  ".into());
    let body = edited(&body, "/request/details", "".into());
    let body = edited(&body, "/request/contact/email", "li.ming".into());
    assert_eq!(
        codes(&body),
        [
            ("$.request.title".to_owned(), ProblemCode::Empty),
            ("$.request.details".to_owned(), ProblemCode::Empty),
            ("$.request.contact.email".to_owned(), ProblemCode::Malformed),
        ]
    );
}

#[test]
fn a_licence_request_names_each_account_feature_once() {
    let body = with(
        "licence_request",
        "/request/items",
        serde_json::json!([
            {"account": "hr@demo-corp.cn", "feature": "push"},
            {"account": "HR@demo-corp.cn", "feature": "push"},
            {"account": "hr@demo-corp.cn", "feature": "overseas_sdn"}
        ]),
    );
    assert_eq!(
        codes(&body),
        [problem("$.request.items[1]", ProblemCode::Malformed)]
    );
}

#[test]
fn a_question_from_a_ticket_is_not_authorised() {
    let body = edited(QUESTION, "/sender/scope", "ticket".into());
    assert!(codes(&body).contains(&("$.sender.scope".to_owned(), ProblemCode::NotAuthorised)));
}

#[test]
fn feedback_names_a_product_version_the_catalogue_has() {
    let body = edited(FEEDBACK, "/request/version", "V9.9".into());
    assert_eq!(
        codes(&body),
        [("$.request.version".to_owned(), ProblemCode::UnknownProduct)]
    );
}

#[test]
fn a_licence_request_account_must_be_a_mailbox() {
    let body = with(
        "licence_request",
        "/request/items",
        serde_json::json!([{"account": "finance hq", "feature": "push"}]),
    );
    assert_eq!(
        codes(&body),
        [problem(
            "$.request.items[0].account",
            ProblemCode::Malformed
        )]
    );
}

#[test]
fn an_attachment_is_a_name_never_a_path() {
    for (name, code) in [
        ("C:\\Users\\li\\log.txt", ProblemCode::Malformed),
        ("/var/log/maillog", ProblemCode::Malformed),
        ("../secret.txt", ProblemCode::Malformed),
        ("..", ProblemCode::Malformed),
        ("", ProblemCode::Empty),
        ("tab\there.txt", ProblemCode::ControlCharacters),
    ] {
        let body = edited(FEEDBACK, "/request/attachments/1", name.into());
        assert_eq!(
            codes(&body),
            [("$.request.attachments[1]".to_owned(), code)],
            "{name:?}"
        );
    }
    let long = format!("{}.png", "图".repeat(ATTACHMENT_NAME_MAX));
    let body = edited(FEEDBACK, "/request/attachments/0", long.into());
    assert_eq!(
        codes(&body),
        [("$.request.attachments[0]".to_owned(), ProblemCode::TooLong)]
    );
}

#[test]
fn more_than_200_account_features_in_one_request_are_too_many() {
    let items: Vec<_> = (0..=LICENCE_ITEMS_MAX)
        .map(|i| serde_json::json!({"account": format!("u{i}@demo-corp.cn"), "feature": "push"}))
        .collect();
    let body = with(
        "licence_request",
        "/request/items",
        serde_json::Value::Array(items),
    );
    assert_eq!(
        codes(&body),
        [problem("$.request.items", ProblemCode::TooLong)]
    );
}

#[test]
fn an_unknown_feature_or_action_is_unreadable() {
    let body = with(
        "licence_request",
        "/request/action",
        serde_json::json!("extend"),
    );
    assert_eq!(codes(&body)[0].1, ProblemCode::Unreadable);
    let body = with(
        "licence_request",
        "/request/items",
        serde_json::json!([{"account": "hr@demo-corp.cn", "feature": "sdn"}]),
    );
    assert_eq!(codes(&body)[0].1, ProblemCode::Unreadable);
}

#[test]
fn a_licence_request_comes_from_a_workspace_with_a_contact() {
    let mut s = read(example("licence_request").as_bytes(), None).expect("accepted");
    s.sender.scope = Scope::Ticket;
    s.sender.id = "CM2026-001414".into();
    assert!(check(&s, None)
        .iter()
        .any(|p| p.field == "$.sender.scope" && p.code == ProblemCode::NotAuthorised));
    let body = with(
        "licence_request",
        "/request/contact/email",
        serde_json::json!(""),
    );
    assert_eq!(
        codes(&body),
        [problem("$.request.contact.email", ProblemCode::Empty)]
    );
}

#[test]
fn an_attachment_list_holds_at_most_ten_names() {
    let names: Vec<String> = (1..=ATTACHMENTS_MAX + 1)
        .map(|i| format!("log-{i}.txt"))
        .collect();
    let body = edited(FEEDBACK, "/request/attachments", names.into());
    assert_eq!(
        codes(&body),
        [("$.request.attachments".to_owned(), ProblemCode::TooLong)]
    );
    let names: Vec<String> = (1..=ATTACHMENTS_MAX)
        .map(|i| format!("log-{i}.txt"))
        .collect();
    assert!(codes(&edited(FEEDBACK, "/request/attachments", names.into())).is_empty());
}

#[test]
fn feedback_of_an_unknown_type_is_unreadable() {
    let body = edited(FEEDBACK, "/request/type", "praise".into());
    assert_eq!(
        codes(&body),
        [("$.request".to_owned(), ProblemCode::Unreadable)]
    );
}
