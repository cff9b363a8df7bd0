//! `portal index` / `portal search` over the shipped knowledge base.

use std::path::{Path, PathBuf};
use std::process::Command;

fn api() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/api")
}

fn search(args: &[&str]) -> Vec<serde_json::Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_portal"))
        .arg("search")
        .arg(api())
        .args(args)
        .output()
        .expect("portal runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("a JSON array")
}

fn ids(hits: &[serde_json::Value]) -> Vec<String> {
    hits.iter()
        .map(|h| h["id"].as_str().unwrap().to_owned())
        .collect()
}

fn article_text(id: &str) -> String {
    std::fs::read_to_string(api().join(format!("kb/articles/{id}.md"))).unwrap()
}

#[test]
fn the_published_blocks_and_index_are_up_to_date() {
    // Rebuild into a temp copy and compare with what public/api ships.
    let tmp = std::env::temp_dir().join(format!("portal-index-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    for dir in ["kb/articles"] {
        std::fs::create_dir_all(tmp.join(dir)).unwrap();
        for e in std::fs::read_dir(api().join(dir)).unwrap() {
            let e = e.unwrap();
            std::fs::copy(e.path(), tmp.join(dir).join(e.file_name())).unwrap();
        }
    }
    std::fs::copy(api().join("kb/articles.json"), tmp.join("kb/articles.json")).unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_portal"))
        .arg("index")
        .arg(&tmp)
        .status()
        .unwrap();
    assert!(status.success());
    let mut blocks = 0;
    for e in std::fs::read_dir(tmp.join("kb/articles")).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        if let Some(id) = name.strip_suffix(".json") {
            blocks += 1;
            let fresh = std::fs::read(tmp.join("kb/articles").join(&name)).unwrap();
            let shipped = std::fs::read(api().join("kb/articles").join(&name)).unwrap();
            assert!(
                fresh == shipped,
                "kb/articles/{name} is stale: run `portal index public/api`"
            );
            assert!(tmp.join(format!("kb/articles/{id}.md")).exists());
        }
    }
    assert_eq!(blocks, 65, "one block file per demo article");
    for e in std::fs::read_dir(tmp.join("kb/search")).unwrap() {
        let name = e.unwrap().file_name();
        let fresh = std::fs::read(tmp.join("kb/search").join(&name)).unwrap();
        let shipped = std::fs::read(api().join("kb/search").join(&name)).unwrap_or_else(|_| {
            panic!("kb/search/{name:?} missing: run `portal index public/api`")
        });
        assert!(
            fresh == shipped,
            "kb/search/{name:?} is stale: run `portal index public/api`"
        );
    }
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn index_removes_the_blocks_of_an_article_no_longer_listed() {
    let tmp = std::env::temp_dir().join(format!("portal-index-gone-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(tmp.join("kb/articles")).unwrap();
    std::fs::write(tmp.join("kb/articles.json"), "[]").unwrap();
    std::fs::write(
        tmp.join("kb/articles/retired.json"),
        r#"{"v":1,"blocks":[]}"#,
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_portal"))
        .arg("index")
        .arg(&tmp)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!tmp.join("kb/articles/retired.json").exists());
    assert!(String::from_utf8_lossy(&out.stderr).contains("kb/articles/retired.json: removed"));
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn two_character_chinese_words_find_articles_that_contain_them() {
    for word in ["收信", "退信", "密码", "补丁"] {
        let hits = search(&[word]);
        assert!(hits.len() >= 5, "{word}: {hits:?}");
        for h in &hits {
            let id = h["id"].as_str().unwrap();
            let title = h["title"].as_str().unwrap();
            assert!(
                title.contains(word) || article_text(id).contains(word),
                "{word}: {id} contains neither in title nor body"
            );
        }
        let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
        assert!(
            scores.windows(2).all(|w| w[0] >= w[1]),
            "{word}: not ranked: {scores:?}"
        );
    }
}

#[test]
fn a_title_match_ranks_above_body_only_matches() {
    let hits = search(&["磁盘空间"]);
    assert!(
        hits[0]["title"].as_str().unwrap().contains("磁盘空间"),
        "{hits:?}"
    );
}

#[test]
fn latin_codes_and_a_phrase_find_the_specific_article() {
    let hits = search(&["SMTP 535"]);
    assert!(
        hits[0]["title"].as_str().unwrap().contains("SMTP 535"),
        "{hits:?}"
    );
    let pop = search(&["pop3"]);
    assert!(pop
        .iter()
        .any(|h| h["title"].as_str().unwrap().contains("POP3")));
}

#[test]
fn full_width_input_finds_the_same_as_half_width() {
    assert_eq!(
        ids(&search(&["ＳＭＴＰ　５３５"])),
        ids(&search(&["smtp 535"]))
    );
}

#[test]
fn a_category_filter_keeps_only_that_category() {
    let articles: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(api().join("kb/articles.json")).unwrap())
            .unwrap();
    let hits = search(&["密码", "--category", "weak-password", "--limit", "20"]);
    assert!(!hits.is_empty());
    for h in hits {
        let a = articles.iter().find(|a| a["id"] == h["id"]).unwrap();
        assert_eq!(a["category"], "weak-password");
    }
}

#[test]
fn a_query_with_nothing_to_find_returns_an_empty_list() {
    assert!(search(&["量子纠缠"]).is_empty());
    assert!(search(&["   "]).is_empty());
}

#[test]
fn on_a_generated_corpus_the_labelled_articles_rank_in_the_top_ten() {
    let dir = std::env::temp_dir().join(format!("portal-corpus-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_portal"))
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let d = dir.to_str().unwrap();
    let from = api();
    run(&[
        "gen-corpus",
        d,
        "--articles",
        "600",
        "--seed",
        "7",
        "--from",
        from.to_str().unwrap(),
    ]);
    run(&["index", d]);
    let labels: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("queries.json")).unwrap()).unwrap();
    assert!(labels.len() >= 10);
    for (query, expected) in &labels {
        let expected: Vec<&str> = expected
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let hits: Vec<serde_json::Value> =
            serde_json::from_slice(&run(&["search", d, query])).unwrap();
        let found = ids(&hits)
            .iter()
            .filter(|id| expected.contains(&id.as_str()))
            .count();
        assert!(
            found * 10 >= expected.len().min(10) * 8,
            "{query}: {found} of {} labelled articles in the top 10: {:?}",
            expected.len(),
            ids(&hits)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
