//! `kb/categories.json`, `kb/articles.json`, `kb/articles/`.

use super::*;

const ARTICLES: &str = "kb/articles.json";

/// A third article, `id`, with no files of its own.
fn new_article(id: &str) -> Value {
    json!({
        "id": id,
        "category": "send-receive",
        "title": {"zh": "新文章"},
        "summary": {"zh": "摘要。"},
        "updated": "2026-11-20",
        "revision": 1
    })
}

#[test]
fn a_repeated_category_id_is_reported_where_it_repeats() {
    let mut api = Api::minimal();
    api.edit("kb/categories.json", |v| {
        let copy = v[0].clone();
        v.as_array_mut().unwrap().push(copy);
    });
    assert_eq!(
        api.problems(),
        [problem(
            "kb/categories.json",
            "$[1].id",
            "duplicate id `send-receive`"
        )]
    );
}

#[test]
fn an_article_in_an_unknown_category_is_reported() {
    let mut api = Api::minimal();
    api.edit(ARTICLES, |v| v[1]["category"] = json!("no-such-category"));
    assert_eq!(
        api.problems(),
        [problem(
            ARTICLES,
            "$[1].category",
            "unknown category `no-such-category` (not in kb/categories.json)"
        )]
    );
}

#[test]
fn an_article_about_an_unknown_product_is_reported() {
    let mut api = Api::minimal();
    api.edit(ARTICLES, |v| v[0]["product"] = json!("xt6"));
    assert_eq!(
        api.problems(),
        [problem(
            ARTICLES,
            "$[0].product",
            "unknown product `xt6` (not in products.json)"
        )]
    );
}

#[test]
fn an_article_related_to_itself_or_to_no_article_is_reported() {
    let mut api = Api::minimal();
    api.edit(ARTICLES, |v| {
        v[0]["related"] = json!(["smtp-535", "bounce-552", "sr-retired"])
    });
    assert_eq!(
        api.problems(),
        [
            problem(
                ARTICLES,
                "$[0].related[0]",
                "unknown related article `smtp-535`"
            ),
            problem(
                ARTICLES,
                "$[0].related[2]",
                "unknown related article `sr-retired`"
            ),
        ]
    );
}

#[test]
fn a_featured_week_that_is_not_an_iso_week_is_reported() {
    let mut api = Api::minimal();
    api.edit(ARTICLES, |v| v[0]["featured_week"] = json!("2026-48"));
    assert_eq!(
        api.problems(),
        [problem(
            ARTICLES,
            "$[0].featured_week",
            "`2026-48` is not an ISO week like 2026-W48"
        )]
    );
}

#[test]
fn an_article_id_that_is_not_a_slug_is_reported_and_names_no_file() {
    let mut api = Api::minimal();
    api.edit(ARTICLES, |v| {
        v.as_array_mut().unwrap().push(new_article("../secret"))
    });
    assert_eq!(
        api.problems(),
        [problem(
            ARTICLES,
            "$[2].id",
            "ids may hold only a-z, 0-9 and '-'"
        )]
    );
}

#[test]
fn an_article_without_its_markdown_is_reported_at_the_missing_file() {
    let mut api = Api::minimal();
    api.remove("kb/articles/bounce-552.md");
    assert_eq!(
        api.problems(),
        [problem(
            "kb/articles/bounce-552.md",
            "$",
            "file is missing (the body of article `bounce-552`)"
        )]
    );
}

#[test]
fn a_kb_article_without_its_blocks_file_is_reported_with_the_command_that_makes_it() {
    let mut api = Api::minimal();
    api.remove("kb/articles/smtp-535.json");
    assert_eq!(
        api.problems(),
        [problem(
            "kb/articles/smtp-535.json",
            "$",
            "file is missing (the published blocks of article `smtp-535`: run `portal index` on this directory)"
        )]
    );
}

#[test]
fn blocks_that_are_not_what_the_markdown_publishes_now_are_stale() {
    let mut api = Api::minimal();
    api.put(
        "kb/articles/smtp-535.md",
        "检查账号密码。\n再检查客户端。\n",
    );
    assert_eq!(
        api.problems(),
        [problem(
            "kb/articles/smtp-535.json",
            "$",
            "stale: not what kb/articles/smtp-535.md publishes now (run `portal index` on this directory)"
        )]
    );
}

#[test]
fn a_hand_edited_link_target_in_the_blocks_is_refused_where_it_is() {
    let mut api = Api::minimal();
    api.put(
        "kb/articles/smtp-535.json",
        r#"{"v":1,"blocks":[{"p":["检查账号密码。",{"a":{"href":"javascript:alert(1)","text":["点我"]}}]}]}"#,
    );
    assert_eq!(
        api.problems(),
        [
            problem(
                "kb/articles/smtp-535.json",
                "$.blocks[0].p[1].a.href",
                "link target `javascript:alert(1)` is not allowed (only http:, https: and mailto:)"
            ),
            problem(
                "kb/articles/smtp-535.json",
                "$",
                "stale: not what kb/articles/smtp-535.md publishes now (run `portal index` on this directory)"
            ),
        ]
    );
}

#[test]
fn blocks_of_another_format_version_are_refused_at_v() {
    let mut api = Api::minimal();
    api.put(
        "kb/articles/smtp-535.json",
        r#"{"v":2,"blocks":[{"p":["检查账号密码。"]}]}"#,
    );
    assert_eq!(
        api.problems(),
        [problem(
            "kb/articles/smtp-535.json",
            "$.v",
            "blocks format version 2 is not supported (this build reads version 1)"
        )]
    );
}

#[test]
fn files_without_an_entry_in_the_article_list_are_reported_in_name_order() {
    let mut api = Api::minimal();
    api.put("kb/articles/retired.md", "旧文。\n");
    api.put("kb/articles/retired.json", r#"{"v":1,"blocks":[]}"#);
    api.put("kb/articles/draft.md", "草稿。\n");
    assert_eq!(
        api.problems(),
        [
            problem(
                "kb/articles/draft.md",
                "$",
                "article body without an entry in kb/articles.json"
            ),
            problem(
                "kb/articles/retired.json",
                "$",
                "published blocks without an entry in kb/articles.json (`portal index` removes them)"
            ),
            problem(
                "kb/articles/retired.md",
                "$",
                "article body without an entry in kb/articles.json"
            ),
        ]
    );
}

#[test]
fn a_search_index_not_rebuilt_after_an_article_change_is_stale() {
    let mut api = Api::minimal();
    // A new body for an article, its blocks republished, the index not.
    api.put("kb/articles/bounce-552.md", "清理邮箱或扩容。\n");
    api.put(
        "kb/articles/bounce-552.json",
        r#"{"v":1,"blocks":[{"p":["清理邮箱或扩容。"]}]}"#,
    );
    let problems = api.problems();
    assert!(!problems.is_empty());
    for p in &problems {
        assert!(p.file.starts_with("kb/search"), "{p}");
        assert!(
            p.message
                .ends_with("(run `portal index` on this directory)"),
            "{p}"
        );
    }
    assert!(problems.iter().any(|p| p
        .message
        .starts_with("stale: not what the articles publish now")));
    api.publish_search_index();
    assert_eq!(api.problems(), []);
}

#[test]
fn a_hand_edited_index_file_is_stale() {
    let mut api = Api::minimal();
    api.edit("kb/search/docs-0.json", |v| v[0][1] = json!("改过的标题"));
    assert_eq!(
        api.problems(),
        [problem(
            "kb/search/docs-0.json",
            "$",
            "stale: not what the articles publish now (run `portal index` on this directory)"
        )]
    );
}

#[test]
fn a_missing_search_index_is_reported_with_the_command_that_makes_it() {
    let mut api = Api::minimal();
    api.0.retain(|path, _| !path.starts_with("kb/search/"));
    assert_eq!(
        api.problems(),
        [problem(
            "kb/search/meta.json",
            "$",
            "file is missing (run `portal index` on this directory)"
        )]
    );
}

#[test]
fn a_missing_shard_and_a_file_the_index_does_not_publish_are_reported() {
    let mut api = Api::minimal();
    api.remove("kb/search/shard-2.json");
    api.put("kb/search/shard-9.json", "{}");
    assert_eq!(
        api.problems(),
        [
            problem(
                "kb/search/shard-2.json",
                "$",
                "file is missing (run `portal index` on this directory)"
            ),
            problem(
                "kb/search/shard-9.json",
                "$",
                "not part of the index the articles publish now (run `portal index` on this directory)"
            ),
        ]
    );
}

#[test]
fn an_index_of_an_older_format_is_refused_with_the_command_that_replaces_it() {
    let mut api = Api::minimal();
    api.edit("kb/search/meta.json", |v| v["version"] = json!(2));
    assert_eq!(
        api.problems(),
        [problem(
            "kb/search/meta.json",
            "$",
            "index version 2, this build reads version 3 (run `portal index`)"
        )]
    );
}

#[test]
fn many_stale_index_files_are_named_three_then_counted() {
    let mut api = Api::minimal();
    for n in 0..4 {
        api.put(&format!("kb/search/shard-{n}.json"), "{}");
    }
    let problems = api.problems();
    assert_eq!(problems.len(), 4, "{problems:?}");
    assert_eq!(
        problems[3],
        problem(
            "kb/search",
            "$",
            "1 more index files stale, missing or extra (run `portal index` on this directory)"
        )
    );
}

#[test]
fn the_index_is_not_checked_while_an_article_has_problems_of_its_own() {
    let mut api = Api::minimal();
    // The index is stale now too, but the missing blocks are what to fix first.
    api.remove("kb/articles/bounce-552.json");
    assert_eq!(api.problems().len(), 1);
}
