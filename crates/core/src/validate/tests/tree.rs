//! The whole directory against the allow-list: what has no place, what is
//! not a regular file, what is over its cap; and that none of it is read
//! (the test source fails any read of an entry put with `put_entry`, which
//! would add a "cannot be read" problem).

use super::*;

#[test]
fn a_file_with_no_place_in_the_contract_is_named() {
    let mut api = Api::minimal();
    api.put("notes.txt", "todo");
    assert_eq!(
        api.problems(),
        [problem(
            "notes.txt",
            "$",
            "a file with no place in the API contract (docs/api.md): remove it, or keep it outside the API directory"
        )]
    );
}

#[test]
fn a_hidden_directory_is_named_once_not_file_by_file() {
    let mut api = Api::minimal();
    api.put(".git/config", "[core]");
    api.put(".git/HEAD", "ref: refs/heads/main");
    api.put(".env", "SECRET=1");
    let problems = api.problems();
    let files: Vec<&str> = problems.iter().map(|p| p.file.as_str()).collect();
    assert_eq!(files, [".env", ".git"]);
    assert!(problems[1].message.starts_with("a hidden directory"));
}

#[test]
fn a_symlink_is_refused_never_followed_even_where_a_file_belongs() {
    let mut api = Api::minimal();
    api.put_entry(
        "sla/calendar.json",
        EntryKind::Symlink {
            target: "/etc/passwd".into(),
        },
    );
    assert_eq!(
        api.problems(),
        [problem(
            "sla/calendar.json",
            "$",
            "a symbolic link (to `/etc/passwd`): links are never followed, and the host refuses them; put the file itself here, or remove the link"
        )]
    );
}

#[test]
fn a_link_in_place_of_the_article_directory_is_reported_once() {
    let mut api = Api::minimal();
    api.0.retain(|path, _| !path.starts_with("kb/articles/"));
    api.put_entry(
        "kb/articles",
        EntryKind::Symlink {
            target: "/srv/drafts".into(),
        },
    );
    let problems = api.problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].file, "kb/articles");
}

#[test]
fn a_linked_article_body_is_not_also_missing() {
    let mut api = Api::minimal();
    api.put_entry(
        "kb/articles/smtp-535.md",
        EntryKind::Symlink {
            target: "../../../private/smtp-535.md".into(),
        },
    );
    let problems = api.problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].file, "kb/articles/smtp-535.md");
}

#[test]
fn a_fifo_is_not_a_regular_file() {
    let mut api = Api::minimal();
    api.put_entry(
        "kb/search/shard-0.json",
        EntryKind::Special {
            what: "fifo".into(),
        },
    );
    assert_eq!(
        api.problems(),
        [problem(
            "kb/search/shard-0.json",
            "$",
            "a fifo, not a regular file: it has no place in an API directory; remove it"
        )]
    );
}

#[test]
fn a_file_over_its_cap_is_reported_by_size_and_not_read() {
    let mut api = Api::minimal();
    api.put_entry("patches.json", EntryKind::File { size: 5 << 20 });
    assert_eq!(
        api.problems(),
        [problem(
            "patches.json",
            "$",
            "5242880 bytes, larger than the 4 MiB a JSON file may be: not read; the app would load it whole: trim or split what it lists"
        )]
    );
}

#[test]
fn an_article_over_its_cap_is_reported_and_the_index_left_alone() {
    let mut api = Api::minimal();
    api.put_entry(
        "kb/articles/smtp-535.md",
        EntryKind::File {
            size: (1 << 20) + 1,
        },
    );
    assert_eq!(
        api.problems(),
        [problem(
            "kb/articles/smtp-535.md",
            "$",
            "1048577 bytes, larger than the 1 MiB an article's Markdown may be: not read; split the article"
        )]
    );
}

#[test]
fn a_file_exactly_at_its_cap_is_allowed() {
    let mut api = Api::minimal();
    let name = format!("sealed/{}.bin", "0f".repeat(16));
    api.put(&name, &" ".repeat(1 << 20));
    assert_eq!(api.problems(), []);
}

#[test]
fn stray_files_in_sealed_and_in_the_index_are_named_with_what_belongs_there() {
    let mut api = Api::minimal();
    api.put("sealed/README.txt", "x");
    api.put("kb/search/notes.txt", "x");
    let problems = api.problems();
    assert_eq!(
        problems.iter().map(|p| p.file.as_str()).collect::<Vec<_>>(),
        ["kb/search/notes.txt", "sealed/README.txt"],
        "{problems:?}"
    );
    assert!(problems[0].message.contains("`portal index`"));
    assert!(problems[1].message.contains("`portal publish`"));
}

#[test]
fn images_beside_the_articles_are_allowed() {
    let mut api = Api::minimal();
    api.put("kb/articles/images/queue.png", "PNG");
    api.put("kb/articles/q.jpg", "JPG");
    api.put("kb/shared/logo.webp", "WEBP");
    assert_eq!(api.problems(), []);
}

#[test]
fn a_directory_that_cannot_be_listed_is_named_with_the_walks_reason() {
    let mut api = Api::minimal();
    api.put_entry(
        "kb/shared",
        EntryKind::Unlistable {
            why: "permission denied".into(),
        },
    );
    assert_eq!(
        api.problems(),
        [problem(
            "kb/shared",
            "$",
            "a directory that cannot be listed (permission denied): nothing in it was checked; make it readable, or remove it"
        )]
    );
}

#[test]
fn a_tree_that_cannot_be_walked_is_one_problem() {
    struct Unwalkable;
    impl ApiSource for Unwalkable {
        fn read(&self, _: &str) -> Result<Option<String>, String> {
            unreachable!("nothing is read when the directory cannot be listed")
        }
        fn list(&self, _: &str) -> Result<Vec<String>, String> {
            unreachable!("nothing is listed when the directory cannot be listed")
        }
    }
    impl ApiTree for Unwalkable {
        fn entries(&self) -> Result<Vec<Entry>, String> {
            Err("permission denied".into())
        }
    }
    assert_eq!(
        validate(&Unwalkable, &to_blocks),
        [problem(
            ".",
            "$",
            "the API directory cannot be listed: permission denied"
        )]
    );
}

#[test]
fn tree_problems_come_first_in_path_order() {
    let mut api = Api::minimal();
    api.put("zz.txt", "x");
    api.put("aa.txt", "x");
    api.remove("courses.json");
    let files: Vec<String> = api.problems().into_iter().map(|p| p.file).collect();
    assert_eq!(files, ["aa.txt", "zz.txt", "courses.json"]);
}
