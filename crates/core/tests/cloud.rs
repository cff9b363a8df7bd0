//! 云产品授权管理: the state shown, what may be asked, filter and sort, and
//! when a request stops being pending (crates/core/src/cloud.rs).

use chrono::NaiveDate;
use portal_core::cloud::{
    actions, applicable, days_left, effective_state, is_expiring, is_settled, item_of, list,
    pending, FeatureFilter, LicenceView, SortKey, StateFilter,
};
use portal_core::model::{AccountFeature, CloudFeature, FeatureState, Workspace};
use portal_core::outbox::{Item, State};
use portal_core::submission::LicenceAction;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn feature(
    account: &str,
    f: CloudFeature,
    state: FeatureState,
    expires: Option<&str>,
) -> AccountFeature {
    AccountFeature {
        account: account.into(),
        feature: f,
        state,
        expires: expires.map(day),
    }
}

use CloudFeature::{OverseasMirror, OverseasSdn, Push};
use FeatureState::{Active, Expired, NotOpened, Revoked, Suspended};

const TODAY: &str = "2026-12-05";

fn demo() -> Vec<AccountFeature> {
    vec![
        feature("finance.hq@demo-corp.cn", Push, Active, Some("2026-12-12")),
        feature("ceo.office@demo-corp.cn", Push, Active, Some("2027-06-14")),
        feature("finance.hq@demo-corp.cn", OverseasSdn, NotOpened, None),
        feature(
            "it.admin@demo-corp.cn",
            OverseasMirror,
            Suspended,
            Some("2027-02-28"),
        ),
        feature(
            "sales.south@demo-corp.cn",
            Push,
            Expired,
            Some("2026-11-30"),
        ),
        feature("wang.jun@demo-corp.cn", Push, Revoked, Some("2026-10-31")),
        // Recorded active, but its last day has passed.
        feature("hr@demo-corp.cn", OverseasSdn, Active, Some("2026-12-04")),
    ]
}

#[test]
fn an_active_feature_past_its_last_day_shows_as_expired() {
    let f = feature("hr@demo-corp.cn", OverseasSdn, Active, Some("2026-12-04"));
    assert_eq!(effective_state(&f, day("2026-12-04")), Active);
    assert_eq!(effective_state(&f, day(TODAY)), Expired);
    assert_eq!(days_left(&f, day("2026-12-04")), Some(0));
    assert_eq!(days_left(&f, day(TODAY)), None);
}

#[test]
fn seven_days_left_is_expiring_and_thirty_is_not() {
    let soon = feature("finance.hq@demo-corp.cn", Push, Active, Some("2026-12-12"));
    assert_eq!(days_left(&soon, day(TODAY)), Some(7));
    assert!(is_expiring(&soon, day(TODAY)));
    let month = feature("hr@demo-corp.cn", Push, Active, Some("2027-01-04"));
    assert_eq!(days_left(&month, day(TODAY)), Some(30));
    assert!(!is_expiring(&month, day(TODAY)));
    assert!(is_expiring(&month, day("2026-12-06")));
}

#[test]
fn what_may_be_asked_follows_the_state() {
    use LicenceAction::{Open, Renew, Revoke};
    assert_eq!(actions(Active), [Renew, Revoke]);
    assert_eq!(actions(Expired), [Renew]);
    assert_eq!(actions(Suspended), [Open, Revoke]);
    assert_eq!(actions(NotOpened), [Open]);
    assert_eq!(actions(Revoked), [Open]);
}

#[test]
fn a_selection_splits_into_what_an_action_applies_to_and_what_it_skips() {
    let all = demo();
    let selected: Vec<&AccountFeature> = all.iter().collect();
    let (renew, skipped) = applicable(&selected, LicenceAction::Renew, day(TODAY));
    let accounts = |v: &[&AccountFeature]| {
        v.iter()
            .map(|f| (f.account.clone(), f.feature))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        accounts(&renew),
        [
            ("finance.hq@demo-corp.cn".to_owned(), Push),
            ("ceo.office@demo-corp.cn".to_owned(), Push),
            ("sales.south@demo-corp.cn".to_owned(), Push),
            // Past its day: renewable as an expired one.
            ("hr@demo-corp.cn".to_owned(), OverseasSdn),
        ]
    );
    assert_eq!(skipped.len(), 3);
}

#[test]
fn the_filter_by_feature_and_by_state_uses_the_state_shown() {
    let all = demo();
    let today = day(TODAY);
    let by = |filter: FeatureFilter| {
        list(&all, &filter, SortKey::Account, false, today)
            .iter()
            .map(|f| f.account.as_str())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        by(FeatureFilter {
            feature: Some(Push),
            state: None
        }),
        [
            "ceo.office@demo-corp.cn",
            "finance.hq@demo-corp.cn",
            "sales.south@demo-corp.cn",
            "wang.jun@demo-corp.cn"
        ]
    );
    assert_eq!(
        by(FeatureFilter {
            feature: None,
            state: Some(StateFilter::Is(Expired))
        }),
        ["hr@demo-corp.cn", "sales.south@demo-corp.cn"]
    );
    assert_eq!(
        by(FeatureFilter {
            feature: Some(Push),
            state: Some(StateFilter::Expiring)
        }),
        ["finance.hq@demo-corp.cn"]
    );
    assert_eq!(StateFilter::parse("expiring"), Some(StateFilter::Expiring));
    assert_eq!(
        StateFilter::parse("not_opened"),
        Some(StateFilter::Is(NotOpened))
    );
    assert_eq!(StateFilter::parse(""), None);
}

#[test]
fn sorting_by_expiry_puts_the_soonest_first_and_those_without_a_day_last_both_ways() {
    let all = demo();
    let today = day(TODAY);
    let order = |descending| {
        list(
            &all,
            &FeatureFilter::default(),
            SortKey::Expires,
            descending,
            today,
        )
        .iter()
        .map(|f| f.expires.map(|d| d.to_string()).unwrap_or_default())
        .collect::<Vec<_>>()
    };
    assert_eq!(
        order(false),
        [
            "2026-10-31",
            "2026-11-30",
            "2026-12-04",
            "2026-12-12",
            "2027-02-28",
            "2027-06-14",
            ""
        ]
    );
    assert_eq!(
        order(true),
        [
            "2027-06-14",
            "2027-02-28",
            "2026-12-12",
            "2026-12-04",
            "2026-11-30",
            "2026-10-31",
            ""
        ]
    );
}

#[test]
fn sorting_by_state_goes_active_suspended_expired_not_opened_revoked() {
    let all = demo();
    let states: Vec<FeatureState> = list(
        &all,
        &FeatureFilter::default(),
        SortKey::State,
        false,
        day(TODAY),
    )
    .iter()
    .map(|f| effective_state(f, day(TODAY)))
    .collect();
    assert_eq!(
        states,
        [Active, Active, Suspended, Expired, Expired, NotOpened, Revoked]
    );
}

#[test]
fn sorting_by_account_ignores_case_and_ties_by_feature() {
    let all = vec![
        feature("b@x.cn", Push, Active, Some("2027-01-01")),
        feature("A@x.cn", OverseasMirror, Active, Some("2027-01-01")),
        feature("a@x.cn", Push, Active, Some("2027-01-01")),
    ];
    let got: Vec<(String, CloudFeature)> = list(
        &all,
        &FeatureFilter::default(),
        SortKey::Account,
        false,
        day(TODAY),
    )
    .iter()
    .map(|f| (f.account.clone(), f.feature))
    .collect();
    assert_eq!(
        got,
        [
            ("a@x.cn".to_owned(), Push),
            ("A@x.cn".to_owned(), OverseasMirror),
            ("b@x.cn".to_owned(), Push)
        ]
    );
}

#[test]
fn a_renewal_is_settled_once_the_published_expiry_is_later_than_the_one_seen() {
    let today = day(TODAY);
    let before = feature("finance.hq@demo-corp.cn", Push, Active, Some("2026-12-12"));
    let item = item_of(&before);
    assert!(!is_settled(
        LicenceAction::Renew,
        &item,
        Some(&before),
        today
    ));
    let renewed = feature("finance.hq@demo-corp.cn", Push, Active, Some("2027-12-12"));
    assert!(is_settled(
        LicenceAction::Renew,
        &item,
        Some(&renewed),
        today
    ));
    // An expired one renewed, but the data still says expired: pending.
    let expired = feature(
        "sales.south@demo-corp.cn",
        Push,
        Expired,
        Some("2026-11-30"),
    );
    assert!(!is_settled(
        LicenceAction::Renew,
        &item_of(&expired),
        Some(&expired),
        today
    ));
}

#[test]
fn an_opening_is_settled_when_active_and_a_revocation_when_revoked_or_gone() {
    let today = day(TODAY);
    let never = feature("finance.hq@demo-corp.cn", OverseasSdn, NotOpened, None);
    let item = item_of(&never);
    assert!(!is_settled(LicenceAction::Open, &item, Some(&never), today));
    let opened = feature(
        "finance.hq@demo-corp.cn",
        OverseasSdn,
        Active,
        Some("2027-12-05"),
    );
    assert!(is_settled(LicenceAction::Open, &item, Some(&opened), today));
    assert!(!is_settled(
        LicenceAction::Revoke,
        &item_of(&opened),
        Some(&opened),
        today
    ));
    let revoked = feature(
        "finance.hq@demo-corp.cn",
        OverseasSdn,
        Revoked,
        Some("2027-12-05"),
    );
    assert!(is_settled(
        LicenceAction::Revoke,
        &item_of(&opened),
        Some(&revoked),
        today
    ));
    assert!(is_settled(
        LicenceAction::Revoke,
        &item_of(&opened),
        None,
        today
    ));
}

fn workspace(features: Vec<AccountFeature>) -> Workspace {
    let mut w: Workspace = serde_json::from_value(serde_json::json!({
        "id": "huanan",
        "company": {"zh": "华南示范集团"},
        "contract": {"id": "SVC-1", "starts": "2025-06-01", "ends": "2027-05-31", "products": ["xt5"]},
        "deployments": [],
        "onsite_days": {"bought": 0, "used": 0},
        "licences": []
    }))
    .unwrap();
    w.cloud_features = features;
    w
}

fn request_item(
    id: &str,
    sender: &str,
    action: &str,
    items: serde_json::Value,
    state: State,
    at: f64,
) -> Item {
    let body = serde_json::json!({
        "schema": "coremail-portal/submission/v1",
        "id": id,
        "created_at": "2026-12-05T10:30:00+08:00",
        "lang": "zh",
        "sender": {"scope": "workspace", "id": sender, "proof": "70b07710506e0802af0764ee9d6e064c"},
        "request": {"kind": "licence_request", "action": action, "items": items,
                    "contact": {"name": "李明", "email": "li.ming@demo-corp.cn"}}
    });
    let mut item = Item::new(
        id.into(),
        "licence_request",
        "续期".into(),
        None,
        body.to_string(),
        at,
    );
    item.state = state;
    item
}

#[test]
fn a_request_is_pending_until_the_workspace_shows_it_and_a_refused_one_never_is() {
    let today = day(TODAY);
    let items = vec![
        request_item(
            "5b7e2c90-1d3f-4a6b-9c8d-7e6f5a4b3c2d",
            "huanan",
            "renew",
            serde_json::json!([{"account": "finance.hq@demo-corp.cn", "feature": "push", "expires": "2026-12-12"}]),
            State::Accepted,
            1.0,
        ),
        request_item(
            "6b7e2c90-1d3f-4a6b-9c8d-7e6f5a4b3c2d",
            "huanan",
            "open",
            serde_json::json!([{"account": "finance.hq@demo-corp.cn", "feature": "overseas_sdn"}]),
            State::Refused,
            2.0,
        ),
        // Another customer's request on this device: not this workspace's.
        request_item(
            "7b7e2c90-1d3f-4a6b-9c8d-7e6f5a4b3c2d",
            "dongfang",
            "revoke",
            serde_json::json!([{"account": "ceo.office@demo-corp.cn", "feature": "push"}]),
            State::Queued,
            3.0,
        ),
    ];
    let before = workspace(demo());
    let p = pending(&items, &before, today);
    assert_eq!(p.len(), 1);
    assert_eq!(
        (p[0].account.as_str(), p[0].feature, p[0].action),
        ("finance.hq@demo-corp.cn", Push, LicenceAction::Renew)
    );
    assert_eq!(p[0].state, State::Accepted);

    let mut renewed = demo();
    renewed[0].expires = Some(day("2027-12-12"));
    assert!(pending(&items, &workspace(renewed), today).is_empty());
}

#[test]
fn a_newer_request_for_the_same_feature_replaces_the_older() {
    let today = day(TODAY);
    let f = serde_json::json!([{"account": "ceo.office@demo-corp.cn", "feature": "push", "expires": "2027-06-14"}]);
    let items = vec![
        request_item(
            "1b7e2c90-1d3f-4a6b-9c8d-7e6f5a4b3c2d",
            "huanan",
            "renew",
            f.clone(),
            State::Accepted,
            1.0,
        ),
        request_item(
            "2b7e2c90-1d3f-4a6b-9c8d-7e6f5a4b3c2d",
            "huanan",
            "revoke",
            f,
            State::Queued,
            2.0,
        ),
    ];
    let p = pending(&items, &workspace(demo()), today);
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].action, LicenceAction::Revoke);
}

#[test]
fn the_licence_list_view_round_trips_through_its_url() {
    let default = LicenceView::default();
    assert_eq!(
        default.to_query_string(),
        "",
        "the default view is the bare path"
    );
    assert_eq!(LicenceView::from_query_string(""), default);
    let view = LicenceView {
        filter: FeatureFilter {
            feature: Some(CloudFeature::OverseasSdn),
            state: Some(StateFilter::Expiring),
        },
        sort: SortKey::Account,
        descending: true,
    };
    let q = view.to_query_string();
    assert_eq!(
        q,
        "feature=overseas_sdn&state=expiring&sort=account&order=desc"
    );
    assert_eq!(LicenceView::from_query_string(&format!("?{q}")), view);
    let revoked = LicenceView::from_query_string("state=revoked");
    assert_eq!(
        revoked.filter.state,
        Some(StateFilter::Is(FeatureState::Revoked))
    );
}

#[test]
fn a_licence_url_with_unknown_or_broken_values_shows_the_default_for_them() {
    let v = LicenceView::from_query_string("feature=fax&state=&sort=%3Cscript&order=up&x=1&&=");
    assert_eq!(v, LicenceView::default());
    // A key given twice keeps its last valid value.
    let v = LicenceView::from_query_string("sort=feature&sort=state&feature=push&feature=nope");
    assert_eq!(v.sort, SortKey::State);
    assert_eq!(v.filter.feature, Some(CloudFeature::Push));
}
