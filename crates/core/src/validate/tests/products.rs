//! `products.json`, `patches.json`, `licences.json`.

use super::*;

#[test]
fn a_repeated_patch_id_is_reported_where_it_repeats() {
    let mut api = Api::minimal();
    api.edit("patches.json", |v| v[1]["id"] = json!("xt5-p2025-0116"));
    assert_eq!(
        api.problems(),
        [
            problem("patches.json", "$[1].id", "duplicate id `xt5-p2025-0116`"),
            // It now supersedes itself, too.
            problem(
                "patches.json",
                "$[1].supersedes[0]",
                "a patch cannot supersede itself"
            ),
        ]
    );
}

#[test]
fn a_repeated_product_id_is_reported_where_it_repeats() {
    let mut api = Api::minimal();
    api.edit("products.json", |v| {
        let copy = v[0].clone();
        v.as_array_mut().unwrap().push(copy);
    });
    assert_eq!(
        api.problems(),
        [problem("products.json", "$[1].id", "duplicate id `xt5`")]
    );
}

#[test]
fn a_product_without_versions_is_reported() {
    let mut api = Api::minimal();
    api.edit("products.json", |v| {
        v.as_array_mut().unwrap().push(json!({
            "id": "archive2", "name": {"zh": "邮件归档"}, "versions": []
        }))
    });
    assert_eq!(
        api.problems(),
        [problem(
            "products.json",
            "$[1].versions",
            "a product needs at least one version"
        )]
    );
}

#[test]
fn a_version_listed_twice_is_reported_where_it_repeats() {
    let mut api = Api::minimal();
    api.edit("products.json", |v| {
        v[0]["versions"][1]["version"] = json!("V5.0.13")
    });
    assert_eq!(
        api.problems(),
        [
            problem(
                "products.json",
                "$[0].versions[1].version",
                "duplicate version `V5.0.13`"
            ),
            // V5.0.14 is gone, and a patch is for it.
            problem(
                "patches.json",
                "$[1].applies_to[1]",
                "product `xt5` has no version `V5.0.14`"
            ),
        ]
    );
}

#[test]
fn support_ending_before_the_release_is_reported() {
    let mut api = Api::minimal();
    api.edit("products.json", |v| {
        v[0]["versions"][0]["end_of_support"] = json!("2024-02-29")
    });
    assert_eq!(
        api.problems(),
        [problem(
            "products.json",
            "$[0].versions[0].end_of_support",
            "support ends before the version was released"
        )]
    );
}

#[test]
fn a_patch_naming_an_unknown_product_is_reported_at_its_product_not_its_versions() {
    let mut api = Api::minimal();
    api.edit("patches.json", |v| v[0]["product"] = json!("xt6"));
    assert_eq!(
        api.problems(),
        [problem(
            "patches.json",
            "$[0].product",
            "unknown product `xt6` (not in products.json)"
        )]
    );
}

#[test]
fn a_patch_for_a_version_its_product_lacks_is_reported_at_that_version() {
    let mut api = Api::minimal();
    api.edit("patches.json", |v| {
        v[1]["applies_to"] = json!(["V5.0.13", "V5.0.15"])
    });
    assert_eq!(
        api.problems(),
        [problem(
            "patches.json",
            "$[1].applies_to[1]",
            "product `xt5` has no version `V5.0.15`"
        )]
    );
}

#[test]
fn a_patch_that_applies_to_no_version_is_reported() {
    let mut api = Api::minimal();
    api.edit("patches.json", |v| v[0]["applies_to"] = json!([]));
    assert_eq!(
        api.problems(),
        [problem(
            "patches.json",
            "$[0].applies_to",
            "a patch must apply to at least one version"
        )]
    );
}

#[test]
fn a_patch_superseding_one_that_is_not_published_is_reported() {
    let mut api = Api::minimal();
    api.edit("patches.json", |v| {
        v[1]["supersedes"] = json!(["xt5-p1999-0000"])
    });
    assert_eq!(
        api.problems(),
        [problem(
            "patches.json",
            "$[1].supersedes[0]",
            "unknown patch `xt5-p1999-0000`"
        )]
    );
}

#[test]
fn a_supersedence_cycle_is_reported_at_each_patch_in_it() {
    let mut api = Api::minimal();
    api.edit("patches.json", |v| {
        v[0]["supersedes"] = json!(["xt5-p2025-0620"])
    });
    assert_eq!(
        api.problems(),
        [
            problem(
                "patches.json",
                "$[0].supersedes",
                "`xt5-p2025-0116` supersedes itself through a chain of patches (a cycle)"
            ),
            problem(
                "patches.json",
                "$[1].supersedes",
                "`xt5-p2025-0620` supersedes itself through a chain of patches (a cycle)"
            ),
        ]
    );
}

#[test]
fn a_patch_superseding_one_of_another_product_is_reported() {
    let mut api = Api::minimal();
    api.edit("products.json", |v| {
        v.as_array_mut().unwrap().push(json!({
            "id": "archive2",
            "name": {"zh": "邮件归档 V2.0"},
            "versions": [{"version": "V2.0.5", "released": "2025-01-01"}]
        }))
    });
    api.edit("patches.json", |v| {
        v[0]["product"] = json!("archive2");
        v[0]["applies_to"] = json!(["V2.0.5"]);
    });
    assert_eq!(
        api.problems(),
        [problem(
            "patches.json",
            "$[1].supersedes[0]",
            "`xt5-p2025-0116` is a patch of `archive2`, not of `xt5`"
        )]
    );
}

#[test]
fn a_checksum_that_is_not_64_lower_case_hex_digits_is_reported() {
    let mut api = Api::minimal();
    let upper = sha256_of_a().to_uppercase();
    api.edit("patches.json", |v| v[0]["file"]["sha256"] = json!(upper));
    assert_eq!(
        api.problems(),
        [problem(
            "patches.json",
            "$[0].file.sha256",
            "must be 64 lower-case hex digits"
        )]
    );
}

#[test]
fn an_empty_patch_file_is_reported() {
    let mut api = Api::minimal();
    api.edit("patches.json", |v| v[1]["file"]["size_bytes"] = json!(0));
    // Published as it is listed: empty.
    api.put_entry(
        "patches/files/xt5-p2025-0620.tar.gz",
        EntryKind::File { size: 0 },
    );
    assert_eq!(
        api.problems(),
        [problem(
            "patches.json",
            "$[1].file.size_bytes",
            "a patch file cannot be empty"
        )]
    );
}

#[test]
fn advisory_ids_must_be_written_as_cve_and_cnvd_write_them() {
    let mut api = Api::minimal();
    api.edit("patches.json", |v| {
        v[0]["cve"] = json!(["CVE-2025-1234", "CVE-25-1234", "cve-2025-1234"]);
        v[0]["cnvd"] = json!(["CNVD-2025-123"]);
    });
    assert_eq!(
        api.problems(),
        [
            problem(
                "patches.json",
                "$[0].cve[1]",
                "`CVE-25-1234` is not a CVE id (CVE-YYYY-NNNN)"
            ),
            problem(
                "patches.json",
                "$[0].cve[2]",
                "`cve-2025-1234` is not a CVE id (CVE-YYYY-NNNN)"
            ),
            problem(
                "patches.json",
                "$[0].cnvd[0]",
                "`CNVD-2025-123` is not a CNVD id (CNVD-YYYY-NNNNN)"
            ),
        ]
    );
}

#[test]
fn a_patch_file_that_is_missing_or_of_another_size_is_reported_and_never_read() {
    let mut api = Api::minimal();
    api.1.remove("patches/files/xt5-p2025-0116.tar.gz");
    api.put_entry(
        "patches/files/xt5-p2025-0620.tar.gz",
        EntryKind::File { size: 2047 },
    );
    assert_eq!(
        api.problems(),
        [
            problem(
                "patches.json",
                "$[0].file.name",
                "patches/files/xt5-p2025-0116.tar.gz is missing: publish the file the catalogue offers, or remove the patch"
            ),
            problem(
                "patches.json",
                "$[1].file.size_bytes",
                "2048, but patches/files/xt5-p2025-0620.tar.gz has 2047 bytes: publish the right file, or correct the catalogue"
            ),
        ]
    );
}

#[test]
fn a_patch_file_no_patch_offers_and_a_name_that_could_climb_out_are_reported() {
    let mut api = Api::minimal();
    api.put_entry("patches/files/old.tar.gz", EntryKind::File { size: 10 });
    api.edit("patches.json", |v| {
        v[0]["file"]["name"] = json!("../sealed/x.bin")
    });
    let problems = api.problems();
    assert!(problems.contains(&problem(
        "patches.json",
        "$[0].file.name",
        "`../sealed/x.bin` is not a patch file name: letters, digits, '.', '_' and '-' (at most 100), published as patches/files/<name>"
    )));
    assert!(problems.contains(&problem(
        "patches/files/old.tar.gz",
        "$",
        "no patch in patches.json offers this file: remove it, or list its patch"
    )));
    // The file of the patch renamed away is now offered by none either.
    assert!(problems
        .iter()
        .any(|p| p.file == "patches/files/xt5-p2025-0116.tar.gz"));
}

#[test]
fn a_file_in_patches_files_with_an_odd_name_has_no_place() {
    let mut api = Api::minimal();
    api.put_entry("patches/files/.hidden", EntryKind::File { size: 1 });
    api.put_entry("patches/notes.txt", EntryKind::File { size: 1 });
    let files: Vec<String> = api.problems().into_iter().map(|p| p.file).collect();
    assert_eq!(files, ["patches/files/.hidden", "patches/notes.txt"]);
}
