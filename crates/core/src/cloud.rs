//! 云产品授权管理 (manual, appendix 2: "对账号进行云产品功能（coremail push、
//! 海外转发SDN、海外云镜像）的自主开通、续期以及作废"): what the licences page
//! decides about the workspace's account features.
//!
//! - **The state shown** is the recorded one, except that an active feature
//!   whose last day (`expires`) is before today shows as expired: the
//!   published data may be a few days old, the calendar is not.
//! - **What may be asked** follows the state: open what is not working
//!   (never opened, revoked, suspended), renew what runs or ran out, revoke
//!   what runs or is suspended ([`actions`]).
//! - **A request is pending** from the moment it is queued on this device
//!   until the published workspace shows what was asked ([`is_settled`]):
//!   opened → active; renewed → active with a later expiry than the admin
//!   saw; revoked → revoked or not opened. A refused request is not pending.
//!
//! Filter and sort are the page's controls, as names the `<select>`s carry.

use crate::model::{AccountFeature, CloudFeature, FeatureState, Workspace};
use crate::outbox::{Item, State};
use crate::submission::{LicenceAction, LicenceItem, Request, Submission};
use chrono::NaiveDate;
use std::cmp::Ordering;

/// Days before its last day that an active feature counts as expiring
/// (the reminders' first warning is at 30 days too).
pub const EXPIRING_WITHIN_DAYS: i64 = 30;

/// The state to show on `today`: the recorded state, but an active feature
/// past its last day is expired.
pub fn effective_state(f: &AccountFeature, today: NaiveDate) -> FeatureState {
    match (f.state, f.expires) {
        (FeatureState::Active, Some(last)) if last < today => FeatureState::Expired,
        (state, _) => state,
    }
}

/// Days left of an active feature on `today` (0: today is its last day);
/// `None` for any other state or without an expiry.
pub fn days_left(f: &AccountFeature, today: NaiveDate) -> Option<i64> {
    match (effective_state(f, today), f.expires) {
        (FeatureState::Active, Some(last)) => Some((last - today).num_days()),
        _ => None,
    }
}

/// Active, and ending within [`EXPIRING_WITHIN_DAYS`].
pub fn is_expiring(f: &AccountFeature, today: NaiveDate) -> bool {
    days_left(f, today).is_some_and(|d| d < EXPIRING_WITHIN_DAYS)
}

/// The requests that make sense for a feature in `state`.
pub fn actions(state: FeatureState) -> &'static [LicenceAction] {
    match state {
        FeatureState::Active => &[LicenceAction::Renew, LicenceAction::Revoke],
        FeatureState::Expired => &[LicenceAction::Renew],
        FeatureState::Suspended => &[LicenceAction::Open, LicenceAction::Revoke],
        FeatureState::NotOpened | FeatureState::Revoked => &[LicenceAction::Open],
    }
}

/// The state filter: one recorded state, or "expiring within 30 days".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateFilter {
    Is(FeatureState),
    Expiring,
}

impl StateFilter {
    /// The `<select>` value: a state's name, or `expiring`.
    pub fn name(self) -> &'static str {
        match self {
            StateFilter::Is(s) => s.as_str(),
            StateFilter::Expiring => "expiring",
        }
    }

    /// From a `<select>` value; anything else (`""`: all) is `None`.
    pub fn parse(s: &str) -> Option<StateFilter> {
        if s == "expiring" {
            Some(StateFilter::Expiring)
        } else {
            s.parse().ok().map(StateFilter::Is)
        }
    }
}

/// The page's filter: `None` is "all".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FeatureFilter {
    pub feature: Option<CloudFeature>,
    pub state: Option<StateFilter>,
}

impl FeatureFilter {
    pub fn matches(&self, f: &AccountFeature, today: NaiveDate) -> bool {
        self.feature.is_none_or(|x| x == f.feature)
            && match self.state {
                None => true,
                Some(StateFilter::Is(s)) => effective_state(f, today) == s,
                Some(StateFilter::Expiring) => is_expiring(f, today),
            }
    }
}

/// What the list is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// Soonest last day first; features without one last.
    Expires,
    Account,
    Feature,
    /// In the order of [`FeatureState::ALL`] (active first).
    State,
}

crate::model::named!(SortKey {
    Expires => "expires",
    Account => "account",
    Feature => "feature",
    State => "state",
});

/// What `/licences` shows (filter, sort and order), as its URL keeps it, so
/// that a reload, a bookmark or a link shows the same list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LicenceView {
    pub filter: FeatureFilter,
    pub sort: SortKey,
    pub descending: bool,
}

impl Default for LicenceView {
    fn default() -> LicenceView {
        LicenceView {
            filter: FeatureFilter::default(),
            sort: SortKey::Expires,
            descending: false,
        }
    }
}

impl LicenceView {
    /// Without the `?`: only what differs from the default, in a fixed
    /// order (`feature`, `state`, `sort`, `order`). Empty for the default.
    pub fn to_query_string(&self) -> String {
        let mut pairs = Vec::new();
        if let Some(f) = self.filter.feature {
            pairs.push(format!("feature={}", f.as_str()));
        }
        if let Some(s) = self.filter.state {
            pairs.push(format!("state={}", s.name()));
        }
        if self.sort != SortKey::Expires {
            pairs.push(format!("sort={}", self.sort.as_str()));
        }
        if self.descending {
            pairs.push("order=desc".to_owned());
        }
        pairs.join("&")
    }

    /// Reads a query string (with or without its `?`). Never fails: unknown
    /// keys and values are ignored, a key given twice keeps its last value.
    pub fn from_query_string(query: &str) -> LicenceView {
        let mut v = LicenceView::default();
        let query = query.strip_prefix('?').unwrap_or(query);
        for pair in query.split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "feature" => v.filter.feature = value.parse().ok().or(v.filter.feature),
                "state" => v.filter.state = StateFilter::parse(value).or(v.filter.state),
                "sort" => v.sort = value.parse().unwrap_or(v.sort),
                "order" => v.descending = value == "desc",
                _ => {}
            }
        }
        v
    }
}

/// The features that pass `filter`, sorted by `key` (reversed when
/// `descending`, except that a feature with no expiry stays last when
/// sorting by expiry), ties by account then feature.
pub fn list<'a>(
    features: &'a [AccountFeature],
    filter: &FeatureFilter,
    key: SortKey,
    descending: bool,
    today: NaiveDate,
) -> Vec<&'a AccountFeature> {
    let mut out: Vec<&AccountFeature> = features
        .iter()
        .filter(|f| filter.matches(f, today))
        .collect();
    let ties = |a: &AccountFeature, b: &AccountFeature| {
        a.account
            .to_ascii_lowercase()
            .cmp(&b.account.to_ascii_lowercase())
            .then(a.feature.cmp(&b.feature))
    };
    let order = |a: &AccountFeature, b: &AccountFeature| -> Ordering {
        let main = match key {
            SortKey::Expires => match (a.expires, b.expires) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => return Ordering::Less,
                (None, Some(_)) => return Ordering::Greater,
                (None, None) => Ordering::Equal,
            },
            SortKey::Account => Ordering::Equal,
            SortKey::Feature => a.feature.cmp(&b.feature),
            SortKey::State => effective_state(a, today).cmp(&effective_state(b, today)),
        };
        let whole = main.then_with(|| ties(a, b));
        if descending {
            whole.reverse()
        } else {
            whole
        }
    };
    out.sort_by(|a, b| order(a, b));
    out
}

/// A selection split for one action: the features it applies to, and those
/// it does not (their state allows no such request), in the given order.
pub fn applicable<'a>(
    selected: &[&'a AccountFeature],
    action: LicenceAction,
    today: NaiveDate,
) -> (Vec<&'a AccountFeature>, Vec<&'a AccountFeature>) {
    selected
        .iter()
        .partition(|f| actions(effective_state(f, today)).contains(&action))
}

/// The request's item for a feature: what it is, and the expiry the admin saw.
pub fn item_of(f: &AccountFeature) -> LicenceItem {
    LicenceItem {
        account: f.account.clone(),
        feature: f.feature,
        expires: f.expires,
    }
}

/// Whether the published data shows what was asked of `item`; `current` is
/// the workspace's entry for the same account and feature, if any.
pub fn is_settled(
    action: LicenceAction,
    item: &LicenceItem,
    current: Option<&AccountFeature>,
    today: NaiveDate,
) -> bool {
    let state = current.map(|c| effective_state(c, today));
    match action {
        LicenceAction::Open => state == Some(FeatureState::Active),
        LicenceAction::Renew => {
            state == Some(FeatureState::Active)
                && match (item.expires, current.and_then(|c| c.expires)) {
                    (Some(seen), Some(now)) => now > seen,
                    (None, _) => true,
                    (Some(_), None) => false,
                }
        }
        // An account that is no longer listed has nothing left to revoke.
        LicenceAction::Revoke => matches!(
            state,
            None | Some(FeatureState::Revoked) | Some(FeatureState::NotOpened)
        ),
    }
}

/// A request of this device for one account feature that the published
/// workspace does not show yet.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    pub account: String,
    pub feature: CloudFeature,
    pub action: LicenceAction,
    /// The outbox item's id and state (queued, sent or accepted).
    pub item: String,
    pub state: State,
}

/// This device's licence requests for `workspace` that are still pending,
/// one per account feature (the newest request for it), in the order the
/// items were made. Refused requests and items that do not read are left out.
pub fn pending(items: &[Item], workspace: &Workspace, today: NaiveDate) -> Vec<Pending> {
    let mut made: Vec<&Item> = items.iter().filter(|i| i.state != State::Refused).collect();
    made.sort_by(|a, b| a.created_at.total_cmp(&b.created_at));
    let mut out: Vec<Pending> = Vec::new();
    for item in made {
        let Ok(s) = serde_json::from_str::<Submission>(&item.body) else {
            continue;
        };
        let Request::LicenceRequest(r) = s.request else {
            continue;
        };
        if s.sender.id != workspace.id {
            continue;
        }
        for asked in &r.items {
            let current = workspace.cloud_features.iter().find(|f| {
                f.feature == asked.feature && f.account.eq_ignore_ascii_case(&asked.account)
            });
            // A newer request for the same feature replaces an older one.
            out.retain(|p| {
                !(p.feature == asked.feature && p.account.eq_ignore_ascii_case(&asked.account))
            });
            if !is_settled(r.action, asked, current, today) {
                out.push(Pending {
                    account: asked.account.clone(),
                    feature: asked.feature,
                    action: r.action,
                    item: item.id.clone(),
                    state: item.state,
                });
            }
        }
    }
    out
}

/// The pending request for one account feature, if any.
pub fn pending_for<'a>(pending: &'a [Pending], f: &AccountFeature) -> Option<&'a Pending> {
    pending
        .iter()
        .find(|p| p.feature == f.feature && p.account.eq_ignore_ascii_case(&f.account))
}

/// Counts per effective state on `today`, in the order of
/// [`FeatureState::ALL`], and how many are expiring.
pub fn counts(features: &[AccountFeature], today: NaiveDate) -> ([usize; 5], usize) {
    let mut by_state = [0; 5];
    let mut expiring = 0;
    for f in features {
        let s = effective_state(f, today);
        if let Some(i) = FeatureState::ALL.iter().position(|x| *x == s) {
            by_state[i] += 1;
        }
        if is_expiring(f, today) {
            expiring += 1;
        }
    }
    (by_state, expiring)
}
