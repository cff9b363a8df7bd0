//! The outbox's rules: states, answers and back-off (crates/core/src/outbox.rs).

use portal_core::outbox::{
    backoff_ms, badge_count, classify, network_failure, ordered, Answer, Item, Route, State,
    MAX_RETRY_MS, OFFER_MAIL_AFTER, SENT_TIMEOUT_MS,
};
use portal_core::submission::ProblemCode;

const T0: f64 = 1_796_000_000_000.0;

fn item(id: &str, created: f64) -> Item {
    Item::new(
        id.to_owned(),
        "new_request",
        "邮件收发异常".to_owned(),
        None,
        "{}".to_owned(),
        created,
    )
}

#[test]
fn a_new_item_is_queued_and_due_at_once() {
    let i = item("a", T0);
    assert_eq!(i.state, State::Queued);
    assert!(i.is_pending());
    assert!(i.is_due(T0));
    assert!(!i.is_due(T0 - 1.0));
}

#[test]
fn any_2xx_is_accepted_and_leaves_nothing_to_send() {
    for status in [200, 201, 202, 204] {
        let mut i = item("a", T0);
        i.sending(T0);
        i.answered(classify(status, None, ""), T0 + 10.0);
        assert_eq!(i.state, State::Accepted, "{status}");
        assert!(!i.is_pending());
        assert!(!i.is_due(T0 + 1e9));
    }
}

#[test]
fn a_refusal_keeps_the_receivers_reason_and_is_never_retried() {
    let body = r#"{"message":"$.request.title: empty","problems":[{"field":"$.request.title","code":"empty"}]}"#;
    let mut i = item("a", T0);
    i.sending(T0);
    i.answered(classify(422, None, body), T0);
    assert_eq!(i.state, State::Refused);
    let refusal = i.refusal.as_ref().expect("the reason is kept");
    assert_eq!(refusal.problems[0].field, "$.request.title");
    assert_eq!(refusal.problems[0].code, ProblemCode::Empty);
    assert!(!i.is_due(T0 + 1e9));
    // A refusal the user has not dealt with still shows on the badge.
    assert_eq!(badge_count(&[i]), 1);
}

#[test]
fn a_refusal_without_a_readable_body_says_the_status() {
    match classify(403, None, "<html>Forbidden</html>") {
        Answer::Refused(r) => {
            assert_eq!(r.message, "HTTP 403");
            assert!(r.problems.is_empty());
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn server_errors_rate_limits_and_timeouts_are_retried_not_refused() {
    for status in [408, 425, 429, 500, 502, 503, 504] {
        assert!(
            matches!(classify(status, None, ""), Answer::Retry { .. }),
            "{status}"
        );
    }
}

#[test]
fn retry_after_seconds_sets_the_next_attempt() {
    let mut i = item("a", T0);
    i.sending(T0);
    i.answered(classify(429, Some("60"), ""), T0);
    assert_eq!(i.state, State::Queued);
    assert_eq!(i.next_attempt_at, T0 + 60_000.0);
    assert!(!i.is_due(T0 + 59_999.0));
    assert!(i.is_due(T0 + 60_000.0));
}

#[test]
fn back_off_goes_5_15_45_seconds_and_stops_at_15_minutes() {
    assert_eq!(backoff_ms(1), 5_000.0);
    assert_eq!(backoff_ms(2), 15_000.0);
    assert_eq!(backoff_ms(3), 45_000.0);
    assert_eq!(backoff_ms(7), MAX_RETRY_MS);
    assert_eq!(backoff_ms(1_000), MAX_RETRY_MS);
}

#[test]
fn each_network_failure_counts_and_waits_longer() {
    let mut i = item("a", T0);
    let mut now = T0;
    let mut waits = Vec::new();
    for _ in 0..3 {
        i.sending(now);
        i.answered(network_failure("Failed to fetch"), now);
        waits.push(i.next_attempt_at - now);
        now = i.next_attempt_at;
    }
    assert_eq!(i.attempts, 3);
    assert_eq!(waits, vec![5_000.0, 15_000.0, 45_000.0]);
    assert_eq!(i.last_error.as_deref(), Some("Failed to fetch"));
}

#[test]
fn mail_is_offered_without_an_endpoint_or_after_repeated_failures() {
    let mut i = item("a", T0);
    assert!(i.offers_mail(false));
    assert!(!i.offers_mail(true));
    for _ in 0..OFFER_MAIL_AFTER {
        i.answered(network_failure("offline"), T0);
    }
    assert!(i.offers_mail(true));
    i.answered(Answer::Accepted, T0);
    assert!(!i.offers_mail(false));
}

#[test]
fn a_post_lost_with_its_page_is_sent_again_after_a_minute() {
    let mut i = item("a", T0);
    i.sending(T0);
    assert_eq!(i.state, State::Sent);
    assert!(!i.is_due(T0 + SENT_TIMEOUT_MS - 1.0));
    assert!(i.is_due(T0 + SENT_TIMEOUT_MS));
}

#[test]
fn on_restart_a_post_left_unanswered_is_queued_again_at_once_but_a_mailed_one_is_not() {
    let mut posted = item("a", T0);
    posted.sending(T0);
    assert!(posted.recover(T0 + 2_000.0));
    assert_eq!(posted.state, State::Queued);
    assert!(posted.is_due(T0 + 2_000.0));
    let mut mailed = item("m", T0);
    mailed.mailed(T0);
    assert!(!mailed.recover(T0 + 2_000.0));
    assert_eq!(mailed.state, State::Sent);
    let mut queued = item("q", T0);
    assert!(!queued.recover(T0 + 2_000.0));
}

#[test]
fn a_mailed_item_is_sent_and_never_posted_again() {
    let mut i = item("a", T0);
    i.mailed(T0);
    assert_eq!(i.state, State::Sent);
    assert_eq!(i.route, Some(Route::Mail));
    assert!(i.is_pending());
    assert!(!i.is_due(T0 + 1e9));
}

#[test]
fn the_list_shows_pending_items_first_then_newest_first() {
    let mut done = item("done", T0 + 30.0);
    done.answered(Answer::Accepted, T0 + 40.0);
    let old = item("old", T0);
    let new = item("new", T0 + 20.0);
    let ids: Vec<String> = ordered(vec![done, old, new])
        .into_iter()
        .map(|i| i.id)
        .collect();
    assert_eq!(ids, ["new", "old", "done"]);
}

#[test]
fn the_badge_counts_pending_and_refused_not_accepted() {
    let mut accepted = item("a", T0);
    accepted.answered(Answer::Accepted, T0);
    let queued = item("q", T0);
    let mut sent = item("s", T0);
    sent.sending(T0);
    assert_eq!(badge_count(&[accepted, queued, sent]), 2);
}

mod replies {
    use super::T0;
    use portal_core::model::Ticket;
    use portal_core::outbox::{unpublished_replies, Item};

    fn ticket(events: &str) -> Ticket {
        serde_json::from_str(&format!(
            r#"{{"number":"CM2026-001414","contact_email":"a@demo-corp.cn","contact_name":"李明","customer":"华南示范集团",
            "title":"t","product":"xt5","version":"XT5.0.13","priority":"P1","channel":"email","status":"handling",
            "received":"2026-11-26T08:12:00+08:00","events":[{events}]}}"#
        ))
        .expect("ticket")
    }

    fn reply(id: &str, number: &str, text: &str, at: f64) -> Item {
        let body = format!(
            r#"{{"schema":"coremail-portal/submission/v1","id":"{id}","created_at":"2026-12-07T10:00:00+08:00","lang":"zh",
            "sender":{{"scope":"ticket","id":"{number}","proof":"00000000000000000000000000000000"}},
            "request":{{"kind":"ticket_reply","ticket":"{number}","text":{text:?}}}}}"#
        );
        Item::new(
            id.to_owned(),
            "ticket_reply",
            text.to_owned(),
            Some(number.to_owned()),
            body,
            at,
        )
    }

    #[test]
    fn a_reply_is_pending_until_the_published_ticket_carries_its_text() {
        let items = [
            reply("b", "CM2026-001414", "日志已发送", T0 + 1.0),
            reply("a", "cm2026-001414", "已重启服务", T0),
            reply("c", "CM2026-001244", "别的工单", T0),
        ];
        let none = ticket("");
        let pending: Vec<(String, String)> = unpublished_replies(&items, &none)
            .into_iter()
            .map(|(i, text)| (i.id.clone(), text))
            .collect();
        // Oldest first; the number matched whatever its case.
        assert_eq!(
            pending,
            [
                ("a".to_owned(), "已重启服务".to_owned()),
                ("b".to_owned(), "日志已发送".to_owned())
            ]
        );

        let carried = ticket(
            r#"{"at":"2026-12-07T10:05:00+08:00","by":"customer","text":"  已重启服务\n"},
               {"at":"2026-12-07T10:06:00+08:00","by":"engineer","text":"日志已发送"}"#,
        );
        let left: Vec<String> = unpublished_replies(&items, &carried)
            .into_iter()
            .map(|(i, _)| i.id.clone())
            .collect();
        // The engineer's identical words do not count as the customer's reply.
        assert_eq!(left, ["b"]);
    }
}
