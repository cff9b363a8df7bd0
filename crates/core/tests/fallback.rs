//! The choice between the network's answer and the device's copy, for a
//! ticket or an article.

use portal_core::fallback::{Answer, Shown};

type Ticket = &'static str;
type Kept = &'static str;
type Error = &'static str;

const COPY: Option<Kept> = Some("copy fetched 2026-11-20 10:00");

fn shown(answer: Answer<Ticket, Error>, copy: Option<Kept>) -> Shown<Ticket, Kept, Error> {
    answer.or_device_copy(|| copy)
}

#[test]
fn a_fresh_answer_is_shown_and_the_copy_is_not_even_read() {
    let answer: Answer<Ticket, Error> = Answer::Fresh("ticket as published");
    assert!(!answer.wants_device_copy());
    let shown: Shown<Ticket, Kept, Error> =
        answer.or_device_copy(|| panic!("the copy is read only when it would be shown"));
    assert_eq!(shown, Shown::Fresh("ticket as published"));
}

#[test]
fn with_the_network_unreachable_the_device_copy_is_shown() {
    let answer = Answer::Unreachable("tickets/k.json: network error");
    assert!(answer.wants_device_copy());
    assert_eq!(
        shown(answer, COPY),
        Shown::DeviceCopy("copy fetched 2026-11-20 10:00")
    );
}

#[test]
fn with_the_network_unreachable_and_no_copy_the_network_error_is_shown() {
    assert_eq!(
        shown(Answer::Unreachable("tickets/k.json: network error"), None),
        Shown::Failed("tickets/k.json: network error")
    );
}

#[test]
fn a_file_no_longer_published_is_gone_even_with_a_copy_on_the_device() {
    // An archived ticket is not shown as if it were current.
    assert!(!Answer::<Ticket, Error>::Gone.wants_device_copy());
    assert_eq!(shown(Answer::Gone, COPY), Shown::Gone);
}

#[test]
fn a_malformed_or_refused_answer_is_its_error_not_the_copy() {
    let answer = Answer::Broken("tickets/k.json: $.number: invalid type");
    assert!(!answer.wants_device_copy());
    assert_eq!(
        shown(answer, COPY),
        Shown::Failed("tickets/k.json: $.number: invalid type")
    );
    assert_eq!(
        shown(Answer::Broken("tickets/k.json: HTTP 500"), COPY),
        Shown::Failed("tickets/k.json: HTTP 500")
    );
}
