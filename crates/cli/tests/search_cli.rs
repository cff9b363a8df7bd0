//! `portal index` / `portal search` over the shipped knowledge base.

use std::path::{Path, PathBuf};
use std::process::Command;

fn api() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/api")
}

/// What `portal search` prints: `{"total", "partial", "hits"}`.
fn found(args: &[&str]) -> serde_json::Value {
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
    serde_json::from_slice(&out.stdout).expect("a JSON object")
}

fn search(args: &[&str]) -> Vec<serde_json::Value> {
    found(args)["hits"].as_array().expect("hits").clone()
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
    let names = |dir: &Path| {
        let mut names: Vec<String> = std::fs::read_dir(dir.join("kb/search"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(
        names(&api()),
        names(&tmp),
        "public/api/kb/search holds other files than the index: run `portal index public/api`"
    );
    for name in names(&tmp) {
        let fresh = std::fs::read(tmp.join("kb/search").join(&name)).unwrap();
        let shipped = std::fs::read(api().join("kb/search").join(&name)).unwrap();
        assert!(
            fresh == shipped,
            "kb/search/{name} is stale: run `portal index public/api`"
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
    assert_eq!(
        found(&["区块链"]),
        serde_json::json!({ "total": 0, "partial": false, "hits": [] })
    );
}

#[test]
fn every_hit_holds_every_word_and_the_total_counts_them_all() {
    let all = found(&["收信", "--limit", "100"]);
    let total = all["total"].as_u64().unwrap() as usize;
    assert_eq!(all["hits"].as_array().unwrap().len(), total);
    // Counted without the engine: plain containment in titles and Markdown.
    let containing = std::fs::read_dir(api().join("kb/articles"))
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.strip_suffix(".md").map(str::to_owned)
        })
        .filter(|id| {
            let title = search_title(id);
            title.contains("收信") || article_text(id).contains("收信")
        })
        .count();
    assert_eq!(total, containing);
    let page = found(&["收信", "--limit", "3"]);
    assert_eq!(
        page["total"], all["total"],
        "the total is not the page size"
    );
    assert_eq!(page["hits"].as_array().unwrap().len(), 3);
    for h in search(&["收信 延迟", "--limit", "100"]) {
        let id = h["id"].as_str().unwrap();
        let text = format!("{}\n{}", h["title"].as_str().unwrap(), article_text(id));
        assert!(text.contains("收信") && text.contains("延迟"), "{id}");
    }
}

fn search_title(id: &str) -> String {
    let articles: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(api().join("kb/articles.json")).unwrap())
            .unwrap();
    articles
        .iter()
        .find(|a| a["id"] == id)
        .map(|a| a["title"]["zh"].as_str().unwrap().to_owned())
        .unwrap_or_default()
}

#[test]
fn a_longer_chinese_word_matches_only_where_it_is_written_as_one() {
    for h in search(&["收信延迟", "--limit", "100"]) {
        let id = h["id"].as_str().unwrap();
        let text = format!("{}\n{}", h["title"].as_str().unwrap(), article_text(id));
        assert!(text.contains("收信延迟"), "{id}: 收信延迟 apart");
    }
}

#[test]
fn when_no_article_holds_every_word_the_partial_matches_say_so() {
    let partial = found(&["收信 量子纠缠"]);
    assert_eq!(partial["partial"], true);
    assert_eq!(partial["total"], found(&["收信"])["total"]);
    assert_eq!(found(&["收信 延迟"])["partial"], false);
}

#[test]
fn a_single_character_finds_the_words_it_is_part_of() {
    let hits = search(&["信", "--limit", "100"]);
    assert!(hits.len() > search(&["收信", "--limit", "100"]).len());
    for h in &hits {
        let id = h["id"].as_str().unwrap();
        let text = format!("{}\n{}", h["title"].as_str().unwrap(), article_text(id));
        assert!(text.contains('信'), "{id}");
    }
}

/// Full-width ASCII to half-width, ASCII lower case: the benchmark's own
/// normalisation, written here again so the labels owe nothing to the engine.
fn plain(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap(),
            c => c,
        })
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// `text` holds `word` as typed; a Latin word only whole (no letter or
/// digit right before or after it).
fn holds(text: &str, word: &str) -> bool {
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !(latin(word.chars().next()) && latin(before) || latin(word.chars().last()) && latin(after))
    })
}

#[test]
fn on_a_generated_corpus_every_article_holding_the_query_is_found_and_nothing_else() {
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
    let queries: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("queries.json")).unwrap()).unwrap();
    let docs: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("docs.json")).unwrap()).unwrap();
    let search = |q: &str| -> Vec<String> {
        let found: serde_json::Value =
            serde_json::from_slice(&run(&["search", d, q, "--limit", "100000"])).unwrap();
        assert_eq!(found["partial"], false, "{q}");
        ids(found["hits"].as_array().unwrap())
    };
    let planted = queries["planted"].as_object().unwrap();
    assert!(planted.len() >= 15);
    for (query, sets) in planted {
        let words: Vec<String> = plain(query).split(' ').map(str::to_owned).collect();
        let mut relevant: Vec<String> = docs
            .iter()
            .filter(|doc| {
                let (title, body) = (
                    plain(doc["title"].as_str().unwrap()),
                    plain(doc["body"].as_str().unwrap()),
                );
                words.iter().all(|w| holds(&title, w) || holds(&body, w))
            })
            .map(|doc| doc["id"].as_str().unwrap().to_owned())
            .collect();
        relevant.sort();
        let hits = search(query);
        let mut found = hits.clone();
        found.sort();
        assert_eq!(
            found, relevant,
            "{query}: found ≠ the articles that hold it"
        );
        // The articles with the query in their title come first (not judged
        // for 信: the titles planted with 收信 or 退信 hold it just as well).
        if query.chars().count() == 1 {
            continue;
        }
        let titled: Vec<&str> = sets["title"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let top = hits
            .iter()
            .take(10)
            .filter(|id| titled.contains(&id.as_str()))
            .count();
        assert!(
            top * 10 >= titled.len() * 8,
            "{query}: {top} of {} titled articles in the top 10: {:?}",
            titled.len(),
            &hits[..hits.len().min(10)]
        );
    }
    for word in queries["nonsense"].as_array().unwrap() {
        let word = word.as_str().unwrap();
        assert!(docs
            .iter()
            .all(|doc| !doc["body"].as_str().unwrap().contains(word)));
        assert!(search(word).is_empty(), "{word}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
