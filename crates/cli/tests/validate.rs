//! `portal validate` over the shipped demo API and over broken copies of it:
//! each kind of breakage must give its own clear message and a failing exit.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn demo_api() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/api")
}

fn portal(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_portal"))
        .args(args)
        .output()
        .expect("the portal binary runs")
}

/// A fresh copy of the demo API in a temp directory, removed on drop.
struct Fixture(PathBuf);

impl Fixture {
    fn new(name: &str) -> Fixture {
        let dir =
            std::env::temp_dir().join(format!("portal-validate-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        copy_dir(&demo_api(), &dir);
        Fixture(dir)
    }

    fn path(&self, file: &str) -> PathBuf {
        self.0.join(file)
    }

    fn edit_json(&self, file: &str, edit: impl FnOnce(&mut serde_json::Value)) {
        let path = self.path(file);
        let mut value: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        edit(&mut value);
        fs::write(&path, serde_json::to_string_pretty(&value).unwrap()).unwrap();
    }

    /// Runs validate; asserts it fails and returns what it printed.
    fn problems(&self) -> String {
        let out = portal(&["validate", self.0.to_str().unwrap()]);
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert_eq!(
            out.status.code(),
            Some(1),
            "validate must fail; printed:\n{stdout}"
        );
        stdout
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn shipped_demo_api_is_valid() {
    let out = portal(&["validate", demo_api().to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn missing_file_is_named() {
    let fx = Fixture::new("missing");
    fs::remove_file(fx.path("sla/calendar.json")).unwrap();
    assert_eq!(
        fx.problems().trim(),
        "sla/calendar.json: $: file is missing"
    );
}

#[test]
fn missing_article_body_is_named() {
    let fx = Fixture::new("missing-body");
    fs::remove_file(fx.path("kb/articles/sr-smtp-535-auth-failed.md")).unwrap();
    assert!(fx.problems().contains(
        "kb/articles/sr-smtp-535-auth-failed.md: $: file is missing (the body of article `sr-smtp-535-auth-failed`)"
    ));
}

#[test]
fn wrong_type_points_at_the_field() {
    let fx = Fixture::new("wrong-type");
    fx.edit_json("sla/policy.json", |v| {
        v["priorities"][0]["response_minutes"] = "60".into()
    });
    let out = fx.problems();
    assert!(
        out.starts_with("sla/policy.json: $.priorities[0].response_minutes: invalid type: string \"60\", expected u32"),
        "{out}"
    );
}

#[test]
fn unknown_priority_is_reported_with_the_allowed_values() {
    let fx = Fixture::new("priority");
    fx.edit_json("sla/policy.json", |v| {
        v["priorities"][0]["id"] = "P5".into()
    });
    let out = fx.problems();
    assert!(
        out.contains(
            "sla/policy.json: $.priorities[0].id: unknown variant `P5`, expected one of `P1`, `P2`, `P3`, `P4`"
        ),
        "{out}"
    );
}

#[test]
fn bad_date_points_at_the_field() {
    let fx = Fixture::new("date");
    fx.edit_json("patches.json", |v| v[3]["released"] = "2025-02-30".into());
    let out = fx.problems();
    assert!(
        out.starts_with("patches.json: $[3].released: input is out of range"),
        "{out}"
    );
}

#[test]
fn duplicate_id_is_reported_where_it_repeats() {
    let fx = Fixture::new("duplicate");
    fx.edit_json("patches.json", |v| {
        let first = v[0]["id"].clone();
        v[1]["id"] = first;
    });
    assert_eq!(
        fx.problems().trim(),
        "patches.json: $[1].id: duplicate id `xt5-p2024-0116`"
    );
}

#[test]
fn dangling_references_are_reported() {
    let fx = Fixture::new("dangling");
    fx.edit_json("kb/articles.json", |v| {
        v[0]["category"] = "no-such-category".into()
    });
    fx.edit_json("patches.json", |v| {
        v[2]["supersedes"] = serde_json::json!(["xt5-p1999-0000"])
    });
    let out = fx.problems();
    assert!(
        out.contains("kb/articles.json: $[0].category: unknown category `no-such-category` (not in kb/categories.json)"),
        "{out}"
    );
    assert!(
        out.contains("patches.json: $[2].supersedes[0]: unknown patch `xt5-p1999-0000`"),
        "{out}"
    );
}

#[test]
fn adjusted_working_day_on_a_weekday_is_rejected() {
    let fx = Fixture::new("calendar");
    fx.edit_json("sla/calendar.json", |v| {
        v["adjusted_working_days"][0]["date"] = "2024-02-05".into()
    });
    let out = fx.problems();
    assert!(
        out.contains("sla/calendar.json: $.adjusted_working_days[0].date: 2024-02-05 is a weekday"),
        "{out}"
    );
}

#[test]
fn syntax_error_says_not_valid_json() {
    let fx = Fixture::new("syntax");
    fs::write(fx.path("meta.json"), "{\"api_version\": 1,").unwrap();
    let out = fx.problems();
    assert!(out.starts_with("meta.json: $: not valid JSON"), "{out}");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(portal(&["validate"]).status.code(), Some(2));
    assert_eq!(portal(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(portal(&["validate", "/no/such/dir"]).status.code(), Some(2));
}

#[test]
fn an_adjusted_day_must_make_up_for_a_holiday_in_the_calendar() {
    let fx = Fixture::new("for-holiday");
    fx.edit_json("sla/calendar.json", |v| {
        v["adjusted_working_days"][0]["for_holiday"]["zh"] = "圣诞节".into()
    });
    let out = fx.problems();
    assert!(
        out.contains("sla/calendar.json: $.adjusted_working_days[0].for_holiday: `圣诞节` is not the name of any holiday in this calendar"),
        "{out}"
    );
}

const ARTICLE: &str = "sr-smtp-535-auth-failed";

#[test]
fn blocks_that_no_longer_match_the_markdown_are_stale_and_say_how_to_fix_it() {
    let fx = Fixture::new("stale-blocks");
    let md = fx.path(&format!("kb/articles/{ARTICLE}.md"));
    let mut text = fs::read_to_string(&md).unwrap();
    text.push_str("\n新增的一段。\n");
    fs::write(&md, text).unwrap();
    assert_eq!(
        fx.problems().trim(),
        format!(
            "kb/articles/{ARTICLE}.json: $: stale: not what kb/articles/{ARTICLE}.md publishes now (run `portal index` on this directory)"
        )
    );
}

#[test]
fn reformatted_blocks_are_still_fresh() {
    let fx = Fixture::new("pretty-blocks");
    fx.edit_json(&format!("kb/articles/{ARTICLE}.json"), |_| {});
    let out = portal(&["validate", fx.0.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn missing_blocks_are_named_with_the_command_that_makes_them() {
    let fx = Fixture::new("missing-blocks");
    fs::remove_file(fx.path(&format!("kb/articles/{ARTICLE}.json"))).unwrap();
    assert_eq!(
        fx.problems().trim(),
        format!(
            "kb/articles/{ARTICLE}.json: $: file is missing (the published blocks of article `{ARTICLE}`: run `portal index` on this directory)"
        )
    );
}

#[test]
fn a_hand_edited_javascript_link_in_the_blocks_is_refused_where_it_is() {
    let fx = Fixture::new("js-link");
    fx.edit_json(&format!("kb/articles/{ARTICLE}.json"), |v| {
        v["blocks"][1]["p"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({"a": {"href": "javascript:alert(1)", "text": ["点我"]}}));
    });
    let out = fx.problems();
    assert!(
        out.contains(&format!(
            "kb/articles/{ARTICLE}.json: $.blocks[1].p[1].a.href: link target `javascript:alert(1)` is not allowed (only http:, https: and mailto:)"
        )),
        "{out}"
    );
    assert!(out.contains("stale"), "{out}");
}

#[test]
fn a_hand_edited_image_from_outside_kb_is_refused_where_it_is() {
    let fx = Fixture::new("outside-image");
    fx.edit_json(&format!("kb/articles/{ARTICLE}.json"), |v| {
        v["blocks"][1]["p"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({"img": {"src": "kb/%2e%2e/secret.png", "alt": "x"}}));
    });
    let out = fx.problems();
    assert!(
        out.contains(&format!(
            "kb/articles/{ARTICLE}.json: $.blocks[1].p[1].img.src: image `kb/%2e%2e/secret.png` is not allowed (only plain paths inside kb/)"
        )),
        "{out}"
    );
}

#[test]
fn blocks_of_another_format_version_are_refused() {
    let fx = Fixture::new("blocks-version");
    // As published: compact, `v` first.
    let file = fx.path(&format!("kb/articles/{ARTICLE}.json"));
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, text.replacen(r#"{"v":1,"#, r#"{"v":2,"#, 1)).unwrap();
    let out = fx.problems();
    assert!(
        out.contains(&format!(
            "kb/articles/{ARTICLE}.json: $.v: blocks format version 2 is not supported (this build reads version 1)"
        )),
        "{out}"
    );
}

#[test]
fn blocks_without_an_article_are_reported() {
    let fx = Fixture::new("orphan-blocks");
    fs::write(
        fx.path("kb/articles/retired.json"),
        r#"{"v":1,"blocks":[]}"#,
    )
    .unwrap();
    assert_eq!(
        fx.problems().trim(),
        "kb/articles/retired.json: $: published blocks without an entry in kb/articles.json (`portal index` removes them)"
    );
}

// Hostile trees (issue #10 §5): whatever the contract has no place for, and
// whatever is not a regular file, is named and fails the check; nothing of
// it is followed or read.

impl Fixture {
    /// Runs validate, asserts it fails, and returns the line naming `file`.
    fn problem_about(&self, file: &str) -> String {
        let out = self.problems();
        out.lines()
            .find(|line| line.starts_with(&format!("{file}: $: ")))
            .unwrap_or_else(|| panic!("no problem names {file}; printed:\n{out}"))
            .to_owned()
    }
}

#[test]
fn an_unknown_file_has_no_place() {
    let fx = Fixture::new("unknown-file");
    fs::write(fx.path("notes.txt"), "to do: publish").unwrap();
    assert_eq!(
        fx.problems().trim(),
        "notes.txt: $: a file with no place in the API contract (docs/api.md): remove it, or keep it outside the API directory"
    );
}

#[test]
fn dot_files_and_dot_directories_are_refused() {
    let fx = Fixture::new("dot-files");
    fs::write(fx.path(".env"), "SMTP_PASSWORD=hunter2").unwrap();
    fs::create_dir_all(fx.path(".git")).unwrap();
    fs::write(fx.path(".git/config"), "[core]").unwrap();
    fs::write(fx.path("kb/articles/.draft.md.swp"), "x").unwrap();
    let out = fx.problems();
    assert!(fx.problem_about(".env").contains("a hidden file"), "{out}");
    assert!(
        fx.problem_about(".git").contains("a hidden directory"),
        "{out}"
    );
    assert!(
        fx.problem_about("kb/articles/.draft.md.swp")
            .contains("a hidden file"),
        "{out}"
    );
    assert_eq!(
        out.lines().count(),
        3,
        "the directory once, not its files:\n{out}"
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_to_a_file_is_refused_and_never_read() {
    let fx = Fixture::new("link-file");
    std::os::unix::fs::symlink("/etc/passwd", fx.path("kb/passwd.png")).unwrap();
    // In place of a file the contract has: still a link, still not read.
    fs::remove_file(fx.path("courses.json")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", fx.path("courses.json")).unwrap();
    let out = fx.problems();
    for file in ["kb/passwd.png", "courses.json"] {
        assert!(
            fx.problem_about(file)
                .contains("a symbolic link (to `/etc/passwd`): links are never followed"),
            "{out}"
        );
    }
    assert!(!out.contains("root:"), "the link was read:\n{out}");
    assert_eq!(out.lines().count(), 2, "{out}");
}

#[cfg(unix)]
#[test]
fn a_symlink_to_a_directory_is_refused_and_never_entered() {
    let fx = Fixture::new("link-dir");
    std::os::unix::fs::symlink("/etc", fx.path("kb/shared")).unwrap();
    assert_eq!(
        fx.problems().trim(),
        "kb/shared: $: a symbolic link (to `/etc`): links are never followed, and the host refuses them; put the file itself here, or remove the link"
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_opening_it() {
    let fx = Fixture::new("fifo");
    // Opening a fifo for reading would block until a writer comes: the
    // test finishing at all shows it was never opened.
    let status = Command::new("mkfifo")
        .arg(fx.path("kb/search/shard-99.json"))
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
    assert_eq!(
        fx.problems().trim(),
        "kb/search/shard-99.json: $: a fifo, not a regular file: it has no place in an API directory; remove it"
    );
}

#[test]
fn an_oversize_json_file_is_refused_by_its_size_and_not_parsed() {
    let fx = Fixture::new("oversize");
    let path = fx.path("patches.json");
    let mut text = fs::read_to_string(&path).unwrap();
    // Still valid JSON: only its size is wrong.
    text.push_str(&" ".repeat(5 << 20));
    let size = text.len();
    fs::write(&path, text).unwrap();
    assert_eq!(
        fx.problems().trim(),
        format!(
            "patches.json: $: {size} bytes, larger than the 4 MiB a JSON file may be: not read; the app would load it whole: trim or split what it lists"
        )
    );
}

#[test]
fn a_stray_file_in_sealed_is_named_with_what_belongs_there() {
    let fx = Fixture::new("sealed-stray");
    fs::write(fx.path("sealed/backup-of-keys.bin"), "CMS2").unwrap();
    assert_eq!(
        fx.problems().trim(),
        "sealed/backup-of-keys.bin: $: no place in sealed/, which holds only the <32 lower-case hex digits>.bin files `portal publish` writes: remove it, or keep it outside the API directory"
    );
}

#[test]
fn a_sealed_file_outside_sealed_is_refused() {
    let fx = Fixture::new("bin-elsewhere");
    let name = "47a618b2536939cbc78dca205c2b8e74.bin";
    fs::copy(fx.path(&format!("sealed/{name}")), fx.path(name)).unwrap();
    assert_eq!(
        fx.problems().trim(),
        format!(
            "{name}: $: a .bin file outside sealed/: sealed files live only in sealed/, named by `portal publish`: remove it, or keep it outside the API directory"
        )
    );
}

#[test]
fn images_in_folders_under_kb_are_allowed() {
    let fx = Fixture::new("images");
    fs::create_dir_all(fx.path("kb/articles/images")).unwrap();
    fs::write(fx.path("kb/articles/images/queue.png"), b"\x89PNG").unwrap();
    fs::write(fx.path("kb/articles/q.jpg"), b"JPEG").unwrap();
    let out = portal(&["validate", fx.0.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// The two image paths of issue #10 §5 that leave kb/ once percent-decoded.
const ESCAPING_IMAGES: [&str; 2] = ["%2e%2e/%2e%2e/etc/passwd", "..%2F..%2Fmeta.json"];

#[test]
fn published_images_that_escape_kb_after_percent_decoding_are_reported() {
    let fx = Fixture::new("escaping-images");
    let md = fx.path(&format!("kb/articles/{ARTICLE}.md"));
    let mut text = fs::read_to_string(&md).unwrap();
    text.push_str(&format!(
        "\n![x]({}) ![y]({})\n",
        ESCAPING_IMAGES[0], ESCAPING_IMAGES[1]
    ));
    fs::write(&md, text).unwrap();
    // As a tool that only prefixes the article's folder would publish them.
    let mut last = 0;
    fx.edit_json(&format!("kb/articles/{ARTICLE}.json"), |v| {
        let blocks = v["blocks"].as_array_mut().unwrap();
        last = blocks.len();
        blocks.push(serde_json::json!({"p": [
            {"img": {"src": format!("kb/articles/{}", ESCAPING_IMAGES[0]), "alt": "x"}},
            " ",
            {"img": {"src": format!("kb/articles/{}", ESCAPING_IMAGES[1]), "alt": "y"}},
        ]}));
    });
    let out = fx.problems();
    for (i, src) in [(0, ESCAPING_IMAGES[0]), (2, ESCAPING_IMAGES[1])] {
        let line = format!(
            "kb/articles/{ARTICLE}.json: $.blocks[{last}].p[{i}].img.src: image `kb/articles/{src}` is not allowed (only plain paths inside kb/)"
        );
        assert!(out.contains(&line), "{line}\nnot in:\n{out}");
    }
}

#[test]
fn portal_index_publishes_an_escaping_image_as_its_description_only() {
    let fx = Fixture::new("escaping-images-indexed");
    let md = fx.path(&format!("kb/articles/{ARTICLE}.md"));
    let mut text = fs::read_to_string(&md).unwrap();
    text.push_str(&format!(
        "\n![密码文件]({}) ![元数据]({})\n",
        ESCAPING_IMAGES[0], ESCAPING_IMAGES[1]
    ));
    fs::write(&md, text).unwrap();
    let index = portal(&["index", fx.0.to_str().unwrap()]);
    assert!(index.status.success());
    let blocks = fs::read_to_string(fx.path(&format!("kb/articles/{ARTICLE}.json"))).unwrap();
    assert!(!blocks.contains("\"img\""), "{blocks}");
    assert!(
        blocks.contains("密码文件") && blocks.contains("元数据"),
        "{blocks}"
    );
    let out = portal(&["validate", fx.0.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn an_article_retitled_without_portal_index_leaves_the_index_stale() {
    let fx = Fixture::new("stale-index");
    fx.edit_json("kb/articles.json", |v| {
        v[0]["title"]["zh"] = "改过的标题".into()
    });
    let out = fx.problems();
    assert!(!out.is_empty());
    for line in out.lines() {
        assert!(line.starts_with("kb/search"), "{out}");
        assert!(
            line.ends_with("(run `portal index` on this directory)"),
            "{out}"
        );
    }
    assert!(
        out.contains(": $: stale: not what the articles publish now"),
        "{out}"
    );
}

#[test]
fn a_published_patch_file_whose_digest_differs_from_the_catalogue_is_reported() {
    let fx = Fixture::new("patch-digest");
    let patches: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(fx.path("patches.json")).unwrap()).unwrap();
    let name = patches[0]["file"]["name"].as_str().unwrap().to_owned();
    let expected = patches[0]["file"]["sha256"].as_str().unwrap().to_owned();
    // Same size, one byte changed: only the digest can tell.
    let path = fx.path(&format!("patches/files/{name}"));
    let mut bytes = fs::read(&path).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    fs::write(&path, &bytes).unwrap();
    let out = fx.problems();
    assert!(
        out.contains(&format!(
            "patches.json: $[0].file.sha256: {expected}, but patches/files/{name} has SHA-256 "
        )),
        "{out}"
    );
    assert_eq!(out.lines().count(), 1, "{out}");
}
