//! The knowledge-base search engine, as a specification: what a query
//! finds (every word, as typed), what it counts, when it falls back to
//! partial matches, and how the published files load piece by piece.

use portal_core::search::{
    build_index, Found, IndexMeta, IndexedDoc, Positions, PublishedIndex, SearchIndex, Shard,
    Source,
};

/// (id, category, title, body)
const ARTICLES: &[(&str, &str, &str, &str)] = &[
    (
        "delay",
        "send-receive",
        "收信延迟排查",
        "队列积压时收信变慢。",
    ),
    (
        "delay-body",
        "send-receive",
        "队列说明",
        "用户反馈收信延迟，先看队列。",
    ),
    (
        "apart",
        "send-receive",
        "收信服务器",
        "收信正常，但发信有延迟。",
    ),
    (
        "trigrams-apart",
        "send-receive",
        "日志说明",
        "收信延时告警；发信延迟统计。",
    ),
    ("reversed", "send-receive", "信收说明", "收 信之间有空格。"),
    (
        "trust",
        "security",
        "证书信任链",
        "浏览器不信任自签名证书。",
    ),
    ("weak", "weak-password", "弱密码策略", "禁止使用弱密码。"),
    (
        "weak-apart",
        "weak-password",
        "密码强度",
        "弱 密码与密码弱都不是那个词。",
    ),
    (
        "smtp",
        "send-receive",
        "客户端发信提示 SMTP 535 认证失败",
        "检查授权码。",
    ),
    (
        "port",
        "send-receive",
        "端口 15535 说明",
        "与认证错误无关的端口。",
    ),
    (
        "reject",
        "spam",
        "退信 550 5.7.1",
        "对方拒收：550 5.7.1 relay denied。",
    ),
    ("digits", "spam", "版本说明", "版本 5 7 1 依次发布。"),
];

fn index_of(articles: &[(&str, &str, &str, &str)]) -> SearchIndex {
    SearchIndex::complete(published(articles))
}

fn published(articles: &[(&str, &str, &str, &str)]) -> PublishedIndex {
    build_index(
        articles.iter().map(|&(id, category, title, body)| Source {
            id,
            category,
            title,
            body,
        }),
        4,
    )
}

fn index() -> SearchIndex {
    index_of(ARTICLES)
}

fn ids(index: &SearchIndex, found: &Found) -> Vec<String> {
    found
        .hits
        .iter()
        .map(|h| index.doc(h.doc).expect("docs loaded").id.clone())
        .collect()
}

fn search(query: &str) -> Vec<String> {
    let index = index();
    let found = index.search(query, None, 100);
    assert!(!found.partial, "{query}: partial");
    let mut ids = ids(&index, &found);
    ids.sort();
    ids
}

#[test]
fn a_hit_holds_every_word_of_the_query() {
    // 收信 and 延迟 both: not "队列说明" twice over, not the articles with 收信 only.
    assert_eq!(
        search("收信 延迟"),
        ["apart", "delay", "delay-body", "trigrams-apart"]
    );
    assert_eq!(search("smtp 535"), ["smtp"]);
}

#[test]
fn a_chinese_word_matches_only_as_a_contiguous_run() {
    // "apart" has 收信 and 延迟, "trigrams-apart" even 收信延 and 信延迟:
    // neither has 收信延迟.
    assert_eq!(search("收信延迟"), ["delay", "delay-body"]);
    // Three characters: split by a space or reversed is another word.
    assert_eq!(search("弱密码"), ["weak"]);
    // Two: "信收" and "收 信" are not 收信.
    assert!(!search("收信").contains(&"reversed".to_owned()));
}

#[test]
fn latin_words_and_codes_match_only_whole() {
    assert_eq!(search("535"), ["smtp"]);
    assert_eq!(search("5.7.1"), ["reject"]);
    assert_eq!(search("550 5.7.1"), ["reject"]);
    assert_eq!(search("ＳＭＴＰ"), ["smtp"]);
}

#[test]
fn a_single_character_finds_the_words_it_is_part_of() {
    // 信 in 收信, 发信, 退信, 信任, 信收 and alone.
    assert_eq!(
        search("信"),
        [
            "apart",
            "delay",
            "delay-body",
            "reject",
            "reversed",
            "smtp",
            "trigrams-apart",
            "trust"
        ]
    );
}

#[test]
fn an_absent_word_finds_nothing_not_even_partly() {
    let index = index();
    assert_eq!(index.search("区块链", None, 10), Found::default());
    // Its characters apart are not the word either.
    assert_eq!(index.search("证书链", None, 10).total, 0);
    assert_eq!(index.search("？！", None, 10), Found::default());
}

#[test]
fn the_total_counts_every_match_not_only_the_page() {
    let index = index();
    let found = index.search("收信", None, 2);
    assert_eq!(found.hits.len(), 2);
    assert_eq!(found.total, 4);
    assert!(!found.partial);
}

#[test]
fn when_nothing_holds_every_word_the_partial_matches_come_marked() {
    let index = index();
    let found = index.search("收信 区块链", None, 10);
    assert!(found.partial);
    assert_eq!(found.total, 4, "the articles with 收信");
    // Those with more of the words come first: 队列 and 收信 before 收信 alone.
    let found = index.search("队列 收信 区块链", None, 10);
    assert!(found.partial);
    assert_eq!(found.total, 4, "the articles with 收信 or 队列");
    let mut top: Vec<String> = ids(&index, &found).into_iter().take(2).collect();
    top.sort();
    assert_eq!(top, ["delay", "delay-body"]);
    // A single word has no partial match.
    assert!(!index.search("区块链", None, 10).partial);
}

#[test]
fn a_category_keeps_only_its_articles_and_counts_them() {
    let index = index();
    let found = index.search("密码", Some("weak-password"), 10);
    let mut got = ids(&index, &found);
    got.sort();
    assert_eq!(got, ["weak", "weak-apart"]);
    assert_eq!(found.total, 2);
    assert_eq!(index.search("收信", Some("spam"), 10).total, 0);
    assert_eq!(index.search("收信", Some("no-such-category"), 10).total, 0);
}

#[test]
fn a_title_match_ranks_above_body_only_matches() {
    let index = index();
    let found = index.search("收信延迟", None, 10);
    assert_eq!(ids(&index, &found), ["delay", "delay-body"]);
    let scores: Vec<f64> = found.hits.iter().map(|h| h.score).collect();
    assert!(scores[0] > scores[1], "{scores:?}");
}

#[test]
fn words_standing_in_the_title_in_order_rank_above_the_same_words_apart() {
    let index = index_of(&[
        ("phrase", "c", "收信 延迟", "正文"),
        ("apart", "c", "延迟 收信", "正文"),
    ]);
    let found = index.search("收信 延迟", None, 10);
    assert_eq!(ids(&index, &found), ["phrase", "apart"]);
    assert!(found.hits[0].score > found.hits[1].score * 1.5);
}

#[test]
fn equal_scores_keep_the_order_of_the_articles() {
    let index = index_of(&[
        ("first", "c", "磁盘告警", "说明"),
        ("second", "c", "磁盘告警", "说明"),
    ]);
    let found = index.search("磁盘", None, 10);
    assert_eq!(ids(&index, &found), ["first", "second"]);
    assert_eq!(found.hits[0].score, found.hits[1].score);
}

#[test]
fn articles_are_numbered_by_category_and_a_category_is_a_range() {
    let published = published(ARTICLES);
    let meta = &published.meta;
    assert_eq!(meta.docs(), 12);
    assert_eq!(
        meta.categories,
        [
            ("send-receive".to_owned(), 7),
            ("security".to_owned(), 1),
            ("weak-password".to_owned(), 2),
            ("spam".to_owned(), 2),
        ]
    );
    assert_eq!(meta.category_range("weak-password"), Some(8..10));
    // "smtp", the 9th article listed, is the 6th of send-receive.
    assert_eq!(published.docs[0][5].id, "smtp");
    assert_eq!(published.docs[0][7].id, "trust");
}

#[test]
fn a_query_loads_only_what_it_needs_and_never_guesses_what_is_missing() {
    let published = published(ARTICLES);
    let mut index = SearchIndex::new(published.meta.clone());
    // Nothing loaded: nothing found, and the shards to fetch are named.
    assert_eq!(index.search("收信延迟", None, 10).total, 0);
    let shards = index.missing_shards("收信延迟");
    assert!(!shards.is_empty() && shards.len() <= 2, "{shards:?}");
    // Two characters need no positions; four need the trigrams'.
    assert!(index.missing_positions("收信").is_empty());
    assert_eq!(index.missing_positions("收信延迟"), shards);
    for &n in &shards {
        index.add_shard(n, published.shards[n as usize].clone());
    }
    // Without the body positions only the title can show the word.
    let found = index.search("收信延迟", None, 10);
    assert_eq!(found.total, 1);
    for &n in &index.missing_positions("收信延迟") {
        index.add_positions(n, published.positions[n as usize].clone());
    }
    let found = index.search("收信延迟", None, 10);
    assert_eq!(found.total, 2);
    // Ids come with the docs file of the hits, once loaded.
    assert_eq!(index.doc(found.hits[0].doc), None);
    assert_eq!(index.missing_docs(&found.hits), [0]);
    index.add_docs(0, published.docs[0].clone());
    assert_eq!(
        index.doc(found.hits[0].doc),
        Some(&IndexedDoc {
            id: "delay".into(),
            title: "收信延迟排查".into()
        })
    );
    assert!(index.missing_docs(&found.hits).is_empty());
}

#[test]
fn the_published_files_read_back_as_they_were_written() {
    let published = published(ARTICLES);
    let meta_json = serde_json::to_string(&published.meta).unwrap();
    let meta: IndexMeta = serde_json::from_str(&meta_json).unwrap();
    assert_eq!(meta, published.meta);
    let mut index = SearchIndex::new(meta);
    for (n, shard) in published.shards.iter().enumerate() {
        let json = serde_json::to_string(shard).unwrap();
        index.add_shard(n as u32, serde_json::from_str::<Shard>(&json).unwrap());
        let json = serde_json::to_string(&published.positions[n]).unwrap();
        index.add_positions(n as u32, serde_json::from_str::<Positions>(&json).unwrap());
    }
    for (k, docs) in published.docs.iter().enumerate() {
        let json = serde_json::to_string(docs).unwrap();
        index.add_docs(k as u32, serde_json::from_str(&json).unwrap());
    }
    let complete = SearchIndex::complete(published);
    for q in ["收信延迟", "信", "550 5.7.1", "收信 区块链"] {
        assert_eq!(
            index.search(q, None, 10),
            complete.search(q, None, 10),
            "{q}"
        );
    }
}

#[test]
fn the_document_table_is_one_character_per_article_and_field() {
    let meta = published(&[("a", "c", "收信", "一二三四五六七八九十")]).meta;
    let json = serde_json::to_value(&meta).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "version": 3,
            "shards": 4,
            "doc_shard": 32,
            "categories": [["c", 1]],
            "title_len": "C",
            "body_len": "K",
        })
    );
}

#[test]
fn an_index_of_another_version_or_inconsistent_columns_is_refused() {
    let refused = |json: &str| {
        serde_json::from_str::<IndexMeta>(json)
            .unwrap_err()
            .to_string()
    };
    assert!(refused(
        r#"{"version":2,"shards":1,"doc_shard":32,"categories":[],"title_len":"","body_len":""}"#
    )
    .contains("run `portal index`"));
    assert!(refused(
        r#"{"version":3,"shards":1,"doc_shard":32,"categories":[["c",2]],"title_len":"A","body_len":"A"}"#
    )
    .contains("count 2 articles"));
    assert!(serde_json::from_str::<Shard>(r#"{"收信":[0]}"#).is_err());
}
