//! What the workspace pages decide: the state of the service contract and of
//! each licence, the on-site days left, which modules the customer has, and
//! the totals of a security report's period.

use crate::model::{
    CacReport, Contract, GuardReport, Licence, Module, OnsiteDays, OverseasReport, Workspace,
};
use chrono::NaiveDate;

/// How many days before its end a contract counts as expiring.
pub const EXPIRING_WITHIN_DAYS: i64 = 30;

/// The service period on a given day (Beijing date).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContractState {
    /// Not started yet: starts in `days`.
    NotStarted { days: i64 },
    /// Running, more than 30 days left.
    Active { days_left: i64 },
    /// Running, ends within 30 days (`days_left` 0 = today is the last day).
    Expiring { days_left: i64 },
    /// Over: ended `days_ago` days ago (1 = yesterday was the last day).
    Ended { days_ago: i64 },
}

/// The contract's state on `today`. The end date is the last day of service.
pub fn contract_state(contract: &Contract, today: NaiveDate) -> ContractState {
    if today < contract.starts {
        return ContractState::NotStarted {
            days: (contract.starts - today).num_days(),
        };
    }
    let left = (contract.ends - today).num_days();
    if left < 0 {
        ContractState::Ended { days_ago: -left }
    } else if left < EXPIRING_WITHIN_DAYS {
        ContractState::Expiring { days_left: left }
    } else {
        ContractState::Active { days_left: left }
    }
}

/// A licence on a given day: the same 30-day warning as a contract, on the
/// licence's last valid day (`expires`).
pub fn licence_state(licence: &Licence, today: NaiveDate) -> ContractState {
    contract_state(
        &Contract {
            id: String::new(),
            starts: licence.issued,
            ends: licence.expires,
            products: Vec::new(),
        },
        today,
    )
}

/// Licences in the order an admin acts on them: those that end soonest
/// first (ended ones too: they need renewing), then by id.
pub fn licences_by_expiry(licences: &[Licence]) -> Vec<&Licence> {
    let mut sorted: Vec<&Licence> = licences.iter().collect();
    sorted.sort_by(|a, b| a.expires.cmp(&b.expires).then_with(|| a.id.cmp(&b.id)));
    sorted
}

/// A report's period in totals: `(metric, sum over the days)`, in the order
/// the report's days list them. The metric is the JSON field's name, which
/// the page turns into words.
pub fn guard_totals(report: &GuardReport) -> [(&'static str, u64); 5] {
    let sum =
        |f: fn(&crate::model::GuardDay) -> u32| report.daily.iter().map(|d| u64::from(f(d))).sum();
    [
        ("brute_force_attempts", sum(|d| d.brute_force_attempts)),
        ("blocked_ips", sum(|d| d.blocked_ips)),
        ("attacked_accounts", sum(|d| d.attacked_accounts)),
        ("compromised_accounts", sum(|d| d.compromised_accounts)),
        ("phishing_mails", sum(|d| d.phishing_mails)),
    ]
}

pub fn cac_totals(report: &CacReport) -> [(&'static str, u64); 2] {
    let sum =
        |f: fn(&crate::model::CacDay) -> u32| report.daily.iter().map(|d| u64::from(f(d))).sum();
    [
        ("phishing_mails", sum(|d| d.phishing_mails)),
        ("anomalous_logins", sum(|d| d.anomalous_logins)),
    ]
}

pub fn overseas_totals(report: &OverseasReport) -> [(&'static str, u64); 3] {
    let sum = |f: fn(&crate::model::OverseasDay) -> u32| {
        report.daily.iter().map(|d| u64::from(f(d))).sum()
    };
    [
        ("forwarded", sum(|d| d.forwarded)),
        ("received", sum(|d| d.received)),
        ("abnormal", sum(|d| d.abnormal)),
    ]
}

/// On-site person-days still available, and how many used days were beyond
/// what was bought (extra, paid separately).
pub fn onsite_left(days: OnsiteDays) -> (u32, u32) {
    (
        days.bought.saturating_sub(days.used),
        days.used.saturating_sub(days.bought),
    )
}

/// What an on-site booking of some person-days means for the days bought
/// (manual §13): the days the purchase still covers, and those Coremail
/// bills on top (现场人天 beyond the purchase are paid separately).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OnsiteDaysQuote {
    /// Bought and not yet used, before this request.
    pub remaining: u32,
    /// Days of this request the purchase covers.
    pub covered: u32,
    /// Days of this request beyond the purchase: extra, paid days.
    pub extra_paid: u32,
    /// Bought and not yet used after this request.
    pub remaining_after: u32,
}

/// The quote for `requested` on-site person-days against the workspace's
/// days. Days used beyond the purchase earlier (already billed) do not
/// count against this request.
pub fn onsite_days_quote(days: OnsiteDays, requested: u32) -> OnsiteDaysQuote {
    let (remaining, _) = onsite_left(days);
    let covered = requested.min(remaining);
    OnsiteDaysQuote {
        remaining,
        covered,
        extra_paid: requested - covered,
        remaining_after: remaining - covered,
    }
}

/// Every module in a fixed order, with whether this customer bought it.
pub fn modules(workspace: &Workspace) -> [(Module, bool); 3] {
    Module::ALL.map(|m| (m, workspace.modules.contains(&m)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contract(starts: &str, ends: &str) -> Contract {
        Contract {
            id: "SVC-1".into(),
            starts: starts.parse().unwrap(),
            ends: ends.parse().unwrap(),
            products: vec!["xt5".into()],
        }
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_contract_is_active_then_expiring_for_its_last_30_days_then_ended() {
        let c = contract("2025-06-01", "2026-12-15");
        assert_eq!(
            contract_state(&c, day("2026-11-15")),
            ContractState::Active { days_left: 30 }
        );
        assert_eq!(
            contract_state(&c, day("2026-11-16")),
            ContractState::Expiring { days_left: 29 }
        );
        assert_eq!(
            contract_state(&c, day("2026-12-15")),
            ContractState::Expiring { days_left: 0 }
        );
        assert_eq!(
            contract_state(&c, day("2026-12-16")),
            ContractState::Ended { days_ago: 1 }
        );
        assert_eq!(
            contract_state(&c, day("2025-05-30")),
            ContractState::NotStarted { days: 2 }
        );
    }

    fn licence(id: &str, issued: &str, expires: &str) -> Licence {
        Licence {
            id: id.into(),
            product: "xt5".into(),
            version: "V5.0.14".into(),
            edition: crate::model::Text {
                zh: "企业版".into(),
                en: None,
            },
            seats: 100,
            issued: day(issued),
            expires: day(expires),
            service_until: day(expires),
        }
    }

    #[test]
    fn a_licence_warns_30_days_before_its_last_valid_day() {
        let l = licence("a", "2024-12-16", "2026-12-15");
        assert_eq!(
            licence_state(&l, day("2026-12-05")),
            ContractState::Expiring { days_left: 10 }
        );
        assert_eq!(
            licence_state(&l, day("2026-11-15")),
            ContractState::Active { days_left: 30 }
        );
        assert_eq!(
            licence_state(&l, day("2026-12-16")),
            ContractState::Ended { days_ago: 1 }
        );
    }

    #[test]
    fn licences_are_listed_soonest_end_first() {
        let ls = [
            licence("late", "2025-01-01", "2028-05-31"),
            licence("ended", "2024-10-01", "2026-09-30"),
            licence("soon", "2024-12-16", "2026-12-15"),
        ];
        let ids: Vec<&str> = licences_by_expiry(&ls)
            .iter()
            .map(|l| l.id.as_str())
            .collect();
        assert_eq!(ids, ["ended", "soon", "late"]);
    }

    #[test]
    fn report_totals_sum_every_day_of_the_period() {
        use crate::model::{CacDay, CacReport};
        let r = CacReport {
            period_from: day("2026-11-01"),
            period_to: day("2026-11-02"),
            daily: vec![
                CacDay {
                    date: day("2026-11-01"),
                    phishing_mails: u32::MAX,
                    anomalous_logins: 2,
                },
                CacDay {
                    date: day("2026-11-02"),
                    phishing_mails: 1,
                    anomalous_logins: 3,
                },
            ],
        };
        assert_eq!(
            cac_totals(&r),
            [
                ("phishing_mails", u64::from(u32::MAX) + 1),
                ("anomalous_logins", 5)
            ]
        );
    }

    #[test]
    fn a_request_within_the_days_left_is_covered_and_leaves_the_rest() {
        let quote = onsite_days_quote(
            OnsiteDays {
                bought: 10,
                used: 7,
            },
            2,
        );
        assert_eq!(
            quote,
            OnsiteDaysQuote {
                remaining: 3,
                covered: 2,
                extra_paid: 0,
                remaining_after: 1
            }
        );
    }

    #[test]
    fn a_request_beyond_the_days_left_says_how_many_are_extra_paid_days() {
        let quote = onsite_days_quote(
            OnsiteDays {
                bought: 10,
                used: 7,
            },
            5,
        );
        assert_eq!((quote.covered, quote.extra_paid), (3, 2));
        assert_eq!(quote.remaining_after, 0);
        // Nothing bought, or all used: every day is extra.
        let none = onsite_days_quote(OnsiteDays { bought: 0, used: 0 }, 2);
        assert_eq!((none.remaining, none.covered, none.extra_paid), (0, 0, 2));
        // Days already used beyond the purchase were billed then.
        let over = onsite_days_quote(OnsiteDays { bought: 2, used: 3 }, 1);
        assert_eq!((over.remaining, over.extra_paid), (0, 1));
        // Asking for nothing costs nothing.
        let zero = onsite_days_quote(OnsiteDays { bought: 4, used: 1 }, 0);
        assert_eq!(
            (zero.covered, zero.extra_paid, zero.remaining_after),
            (0, 0, 3)
        );
    }

    #[test]
    fn onsite_days_left_and_extra() {
        assert_eq!(
            onsite_left(OnsiteDays {
                bought: 10,
                used: 7
            }),
            (3, 0)
        );
        assert_eq!(onsite_left(OnsiteDays { bought: 5, used: 5 }), (0, 0));
        assert_eq!(onsite_left(OnsiteDays { bought: 2, used: 3 }), (0, 1));
    }
}
