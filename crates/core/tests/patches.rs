//! The patch catalogue: what applies to a deployment (supersedence chains,
//! other products, versions outside `applies_to`), the supersedence
//! lookups of the detail view, and the filter kept in the URL. Most cases
//! run on the shipped demo catalogue, whose chains are:
//!
//! ```text
//! xt5:      2024-0116, 2024-0521 ← 2024-1015 ← 2025-0610 ← 2026-0312 ← 2026-1110
//!                      2025-0218 ↗  (V5.0.10–14)  2025-1111 ↗  (V5.0.12–14)  2026-0818 ↗ (V5.0.13–15)
//! archive2: 2024-0618, 2025-0325 ← 2025-0812 ← 2026-1020 (V2.0.4–6)
//! secmgr1:  2024-0910 ← 2025-0520 ← 2026-0210 (V1.0.3–5)
//! ```

use portal_core::model::{Patch, PatchKind, PatchSeverity};
use portal_core::parse_json;
use portal_core::patches::{
    applicable, applies_to, superseded_by, supersedes, PatchFilter, QUERY_MAX,
};

fn demo() -> Vec<Patch> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../public/api/patches.json"
    ))
    .expect("demo patches.json");
    parse_json("patches.json", &text).expect("demo patches parse")
}

fn ids(patches: &[&Patch]) -> Vec<String> {
    patches.iter().map(|p| p.id.clone()).collect()
}

/// A patch of `product` for `versions`, superseding `supersedes`.
fn patch(id: &str, versions: &[&str], supersedes: &[&str], released: &str) -> Patch {
    serde_json::from_value(serde_json::json!({
        "id": id,
        "product": "xt5",
        "applies_to": versions,
        "kind": "security",
        "severity": "high",
        "released": released,
        "title": {"zh": id},
        "notes": {"zh": id},
        "supersedes": supersedes,
        "file": {"name": format!("{id}.tar.gz"), "size_bytes": 1, "sha256": "0".repeat(64)}
    }))
    .unwrap()
}

#[test]
fn on_v5_0_13_the_latest_cumulative_patch_hides_its_whole_chain() {
    let all = demo();
    let got = applicable(&all, &[("xt5", "V5.0.13")]);
    assert_eq!(
        ids(&got),
        [
            // Security first: the Q4 2026 cumulative patch hides 2026-0312,
            // 2026-0818 and, through them, 2025-0610, 2025-1111, 2025-0218,
            // 2024-1015, 2024-0521.
            "xt5-p2026-1110",
            // Then by severity, newest first within one.
            "xt5-p2025-0429",
            "xt5-p2026-0428",
            "xt5-p2025-0916",
            "xt5-p2024-1203",
            "xt5-p2024-0326",
            "xt5-p2026-0120",
            "xt5-p2024-0827",
            "xt5-p2024-0709",
        ]
    );
}

#[test]
fn on_v5_0_12_a_successor_built_only_for_later_versions_hides_nothing() {
    // 2026-1110 supersedes 2026-0312 but applies from V5.0.13 on: a V5.0.12
    // installation still needs 2026-0312, which hides the older chain.
    let all = demo();
    let got = applicable(&all, &[("xt5", "V5.0.12")]);
    assert_eq!(
        ids(&got),
        [
            "xt5-p2026-0312",
            "xt5-p2024-1203",
            "xt5-p2024-0326",
            "xt5-p2024-0709"
        ]
    );
}

#[test]
fn on_v5_0_10_the_chain_stops_at_the_last_patch_built_for_it() {
    // 2025-0610 → 2024-1015 → 2024-0116: two links, both hidden; its own
    // successor 2026-0312 is not built for V5.0.10.
    let all = demo();
    assert_eq!(
        ids(&applicable(&all, &[("xt5", "V5.0.10")])),
        ["xt5-p2025-0610"]
    );
    assert_eq!(
        ids(&applicable(&all, &[("xt5", "V5.0.11")])),
        ["xt5-p2025-0610", "xt5-p2025-1111"]
    );
}

#[test]
fn patches_for_other_products_never_apply() {
    let all = demo();
    let got = applicable(&all, &[("archive2", "V2.0.5")]);
    assert!(
        got.iter().all(|p| p.product == "archive2"),
        "{:?}",
        ids(&got)
    );
    assert_eq!(ids(&got), ["archive2-p2026-1020", "archive2-p2025-1209"]);
    // A version string another product uses does not match across products.
    assert!(applicable(&all, &[("secmgr1", "V5.0.13")]).is_empty());
    assert!(applicable(&all, &[("nosuch", "V5.0.13")]).is_empty());
}

#[test]
fn a_version_outside_every_applies_to_gets_nothing() {
    let all = demo();
    assert!(applicable(&all, &[("xt5", "V5.0.9")]).is_empty());
    assert!(
        applicable(&all, &[("xt5", "v5.0.13")]).is_empty(),
        "versions are exact"
    );
    assert!(applicable(&all, &[]).is_empty());
}

#[test]
fn a_deployment_of_several_installations_gets_the_union_each_once() {
    let all = demo();
    let got = applicable(
        &all,
        &[
            ("xt5", "V5.0.10"),
            ("xt5", "V5.0.13"),
            ("xt5", "V5.0.13"),
            ("secmgr1", "V1.0.2"),
        ],
    );
    let got = ids(&got);
    // V5.0.10's 2025-0610 stays although V5.0.13's 2026-1110 supersedes it
    // through 2026-0312: each installation is judged on its own.
    assert!(got.contains(&"xt5-p2025-0610".to_owned()));
    assert!(got.contains(&"xt5-p2026-1110".to_owned()));
    assert!(got.contains(&"secmgr1-p2025-0520".to_owned()));
    let mut unique = got.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), got.len(), "each patch once: {got:?}");
    // Security fixes first, critical ones before high ones.
    assert_eq!(
        &got[..3],
        ["xt5-p2026-1110", "xt5-p2025-0610", "secmgr1-p2025-0520"]
    );
}

#[test]
fn a_chain_through_a_patch_for_another_version_still_hides_the_oldest() {
    // A (V1, V2) ← B (V2 only) ← C (V1, V2): C is cumulative, so on V1 it
    // carries A's fix although the link between them was built for V2.
    let all = [
        patch("a", &["V1", "V2"], &[], "2025-01-01"),
        patch("b", &["V2"], &["a"], "2025-02-01"),
        patch("c", &["V1", "V2"], &["b"], "2025-03-01"),
    ];
    assert_eq!(ids(&applicable(&all, &[("xt5", "V1")])), ["c"]);
    assert_eq!(ids(&applicable(&all, &[("xt5", "V2")])), ["c"]);
}

#[test]
fn a_supersedence_cycle_hides_neither_and_ends() {
    let all = [
        patch("a", &["V1"], &["b"], "2025-01-01"),
        patch("b", &["V1"], &["a"], "2025-02-01"),
        patch("c", &["V1"], &["missing"], "2025-03-01"),
    ];
    assert_eq!(ids(&applicable(&all, &[("xt5", "V1")])), ["c", "b", "a"]);
}

#[test]
fn applies_to_needs_the_product_and_the_exact_version() {
    let p = patch("a", &["V5.0.13"], &[], "2025-01-01");
    assert!(applies_to(&p, "xt5", "V5.0.13"));
    assert!(!applies_to(&p, "xt5", "V5.0.1"));
    assert!(!applies_to(&p, "archive2", "V5.0.13"));
}

#[test]
fn the_detail_view_names_what_a_patch_supersedes_and_what_superseded_it() {
    let all = demo();
    assert_eq!(
        ids(&supersedes(&all, "xt5-p2025-0610")),
        ["xt5-p2024-1015", "xt5-p2025-0218"]
    );
    assert_eq!(
        ids(&superseded_by(&all, "xt5-p2025-0610")),
        ["xt5-p2026-0312"]
    );
    assert_eq!(
        ids(&superseded_by(&all, "xt5-p2026-1110")),
        Vec::<String>::new()
    );
    assert!(supersedes(&all, "no-such-patch").is_empty());
}

#[test]
fn the_filter_combines_product_version_kind_severity_and_dates() {
    let all = demo();
    let f = PatchFilter {
        product: Some("xt5".into()),
        version: Some("V5.0.14".into()),
        kind: Some(PatchKind::Security),
        severity: Some(PatchSeverity::Critical),
        from: "2025-01-01".parse().ok(),
        to: "2026-06-30".parse().ok(),
        query: String::new(),
        mine: false,
    };
    assert_eq!(ids(&f.apply(&all)), ["xt5-p2026-0312", "xt5-p2025-0610"]);
}

#[test]
fn the_text_query_finds_ids_titles_and_advisories_in_any_case() {
    let all = demo();
    let find = |q: &str| {
        ids(&PatchFilter {
            query: q.into(),
            ..PatchFilter::default()
        }
        .apply(&all))
    };
    assert_eq!(find("cve-2025-41562"), ["xt5-p2025-0610"]);
    assert_eq!(find("CNVD-2025-12045"), ["xt5-p2025-0610"]);
    assert_eq!(find("XT5-P2024-0116"), ["xt5-p2024-0116"]);
    assert_eq!(find("SSRF"), ["xt5-p2025-0218"]);
    assert_eq!(find("附件 预览"), ["xt5-p2025-0218"]);
    assert_eq!(
        find("附件 归档"),
        ["archive2-p2025-1209"],
        "every word must match"
    );
    assert!(find("SSRF 归档").is_empty(), "every word must match");
    assert_eq!(find("").len(), all.len());
}

#[test]
fn a_filter_round_trips_through_its_query_string() {
    let f = PatchFilter {
        product: Some("xt5".into()),
        version: Some("V5.0.13".into()),
        kind: Some(PatchKind::Bugfix),
        severity: Some(PatchSeverity::Medium),
        from: "2025-01-01".parse().ok(),
        to: "2026-12-31".parse().ok(),
        query: "收信 & CVE-2025+x".into(),
        mine: true,
    };
    let q = f.to_query_string();
    assert_eq!(
        q,
        "product=xt5&version=V5.0.13&kind=bugfix&severity=medium&from=2025-01-01&to=2026-12-31\
         &q=%E6%94%B6%E4%BF%A1%20%26%20CVE-2025%2Bx&mine=1"
    );
    // `mine` is on only as `1`.
    assert!(!PatchFilter::from_query_string("mine=yes").mine);
    assert_eq!(PatchFilter::from_query_string(&q), f);
    assert_eq!(PatchFilter::from_query_string(&format!("?{q}")), f);
    assert_eq!(PatchFilter::default().to_query_string(), "");
    assert!(PatchFilter::from_query_string("").is_empty());
}

#[test]
fn odd_query_strings_are_ignored_piece_by_piece() {
    let f = PatchFilter::from_query_string(
        "kind=exploit&severity=HIGH&from=2026-02-30&to=yesterday&product=&version=%zz\
         &unknown=1&&=&q&severity=low&product=archive2&product=%00",
    );
    assert_eq!(
        f,
        PatchFilter {
            product: Some("archive2".into()),
            severity: Some(PatchSeverity::Low),
            ..PatchFilter::default()
        }
    );
    // A browser's form encoding: `+` for a space.
    assert_eq!(
        PatchFilter::from_query_string("q=SMTP+AUTH").query,
        "SMTP AUTH"
    );
    let long = PatchFilter::from_query_string(&format!("q={}", "补".repeat(500)));
    assert_eq!(long.query.chars().count(), QUERY_MAX);
}

#[test]
fn any_bytes_in_a_query_string_give_a_filter_not_a_panic() {
    // Every short string over an alphabet of the characters that matter.
    let alphabet = ['%', '=', '&', '+', '?', 'q', 'E', '5', '0', '-', '补'];
    let mut inputs = vec![String::new()];
    for _ in 0..4 {
        inputs = inputs
            .iter()
            .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
            .collect();
        for s in &inputs {
            let f = PatchFilter::from_query_string(s);
            // Whatever was read writes out and reads back the same.
            assert_eq!(
                PatchFilter::from_query_string(&f.to_query_string()),
                f,
                "{s:?}"
            );
        }
    }
}
