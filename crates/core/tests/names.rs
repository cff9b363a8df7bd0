//! The names of the enums that forms and the command line pass around as
//! text: `<select>` values, `portal sla --priority`. One table per enum
//! gives `as_str`, `Display` and `FromStr`; these pin the names.

use portal_core::model::{BookingKind, Channel, PatchKind, PatchSeverity, Priority, TicketStatus};
use portal_core::tickets::{HistorySort, StatusFilter};

#[test]
fn priorities_are_named_p1_to_p4() {
    assert_eq!("P1".parse(), Ok(Priority::P1));
    assert_eq!("P4".parse(), Ok(Priority::P4));
    assert_eq!(Priority::P2.to_string(), "P2");
}

#[test]
fn a_lower_case_or_padded_priority_is_refused() {
    assert!("p1".parse::<Priority>().is_err());
    assert!(" P1".parse::<Priority>().is_err());
    assert!("".parse::<Priority>().is_err());
}

#[test]
fn an_unknown_priority_says_what_would_be_accepted() {
    let err = "P5".parse::<Priority>().unwrap_err();
    assert_eq!(err.given, "P5");
    assert_eq!(
        err.to_string(),
        "unknown value `P5`: expected P1, P2, P3 or P4"
    );
}

#[test]
fn channels_are_named_phone_email_online() {
    assert_eq!("phone".parse(), Ok(Channel::Phone));
    assert_eq!("email".parse(), Ok(Channel::Email));
    assert_eq!("online".parse(), Ok(Channel::Online));
    assert_eq!(Channel::Email.to_string(), "email");
    assert_eq!(
        "e-mail".parse::<Channel>().unwrap_err().to_string(),
        "unknown value `e-mail`: expected phone, email or online"
    );
}

#[test]
fn ticket_statuses_are_named_as_in_the_ticket_files() {
    assert_eq!("submitted".parse(), Ok(TicketStatus::Submitted));
    assert_eq!("handling".parse(), Ok(TicketStatus::Handling));
    assert_eq!(TicketStatus::Replied.to_string(), "replied");
}

#[test]
fn the_names_are_the_ones_the_static_api_uses() {
    // The same words must work in a form and in a JSON file.
    let wire = |v: serde_json::Value| v.as_str().map(str::to_owned);
    for p in Priority::ALL {
        assert_eq!(
            wire(serde_json::to_value(p).unwrap()).as_deref(),
            Some(p.as_str())
        );
    }
    for c in Channel::ALL {
        assert_eq!(
            wire(serde_json::to_value(c).unwrap()).as_deref(),
            Some(c.as_str())
        );
    }
    for s in portal_core::tickets::WORKFLOW {
        assert_eq!(
            wire(serde_json::to_value(s).unwrap()).as_deref(),
            Some(s.as_str())
        );
    }
    for k in PatchKind::ALL {
        assert_eq!(
            wire(serde_json::to_value(k).unwrap()).as_deref(),
            Some(k.as_str())
        );
    }
    for s in PatchSeverity::ALL {
        assert_eq!(
            wire(serde_json::to_value(s).unwrap()).as_deref(),
            Some(s.as_str())
        );
    }
    for k in BookingKind::ALL {
        assert_eq!(
            wire(serde_json::to_value(k).unwrap()).as_deref(),
            Some(k.as_str())
        );
    }
}

#[test]
fn patch_filters_and_booking_types_are_named_as_in_the_api() {
    assert_eq!("security".parse(), Ok(PatchKind::Security));
    assert_eq!("critical".parse(), Ok(PatchSeverity::Critical));
    assert_eq!("remote_support".parse(), Ok(BookingKind::RemoteSupport));
    assert_eq!(
        "on-site".parse::<BookingKind>().unwrap_err().to_string(),
        "unknown value `on-site`: expected patch_deployment, remote_support or onsite"
    );
    // The order of ALL is the order of severity.
    assert!(PatchSeverity::ALL.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn history_select_values_name_the_filter_and_the_sort() {
    assert_eq!("all".parse(), Ok(StatusFilter::All));
    assert_eq!("open".parse(), Ok(StatusFilter::Open));
    assert_eq!("closed".parse(), Ok(StatusFilter::Closed));
    assert_eq!("newest".parse(), Ok(HistorySort::NewestFirst));
    assert_eq!("deadline".parse(), Ok(HistorySort::DeadlineFirst));
    assert_eq!(StatusFilter::Open.as_str(), "open");
    assert_eq!(HistorySort::DeadlineFirst.as_str(), "deadline");
    assert!("oldest".parse::<HistorySort>().is_err());
}
