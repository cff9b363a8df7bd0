//! `portal gen-corpus`: a synthetic knowledge base for the search benchmark:
//! N Chinese articles built from the demo articles' own sentences, with
//! labelled queries whose words are planted in a few titles each. Every
//! engine indexes the same articles; an engine does well when those titled
//! articles come first, above the many that mention the word in passing.

use portal_core::model::{KbArticle, Text};
use portal_core::{files, parse_json};
use serde_json::json;
use std::path::Path;

/// The labelled queries: two-character words, longer words and mixed codes.
pub const QUERIES: &[&str] = &[
    "收信",
    "退信",
    "密码",
    "补丁",
    "磁盘",
    "队列",
    "证书",
    "垃圾邮件",
    "弱密码",
    "收信延迟",
    "SMTP 535",
    "POP3",
    "DKIM",
    "550 5.7.1",
    "CNVD",
];
/// Titles each query word is planted in.
const PLANTED: usize = 6;
/// Title words that are none of the query words.
const NEUTRAL: &[&str] = &[
    "服务器",
    "管理员",
    "网关",
    "域名",
    "日志",
    "账号",
    "策略",
    "规则",
    "客户端",
    "备份",
    "监控",
    "升级",
    "迁移",
    "归档",
    "集群",
    "网络",
    "存储",
    "权限",
    "通知",
    "模板",
];

/// Deterministic xorshift, so the same seed gives the same corpus.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Writes the corpus into `out`: an API directory (`kb/…`), `html/<id>.html`
/// for Pagefind, `docs.json` for MiniSearch, `queries.json` with the labels.
pub fn generate(demo_api: &Path, out: &Path, articles: usize, seed: u64) -> Result<(), String> {
    let read = |f: &str| std::fs::read_to_string(demo_api.join(f)).map_err(|e| format!("{f}: {e}"));
    let demo: Vec<KbArticle> =
        parse_json(files::KB_ARTICLES, &read(files::KB_ARTICLES)?).map_err(|e| e.to_string())?;
    let mut sentences: Vec<String> = Vec::new();
    for a in &demo {
        let blocks = crate::markdown::to_blocks(&read(&files::article_body(&a.id))?);
        let body = portal_core::markdown::plain_text(&blocks);
        sentences.extend(
            body.split(['。', '\n'])
                .map(str::trim)
                .filter(|s| s.chars().count() >= 6)
                .map(|s| format!("{s}。")),
        );
    }
    if sentences.is_empty() {
        return Err("the demo articles have no sentences to build from".into());
    }
    let mut rng = Rng(seed | 1);
    // Which articles each query is planted in.
    let mut planted: Vec<Vec<usize>> = Vec::new();
    for _ in QUERIES {
        let mut set = Vec::new();
        while set.len() < PLANTED.min(articles) {
            let n = rng.below(articles);
            if !set.contains(&n) {
                set.push(n);
            }
        }
        planted.push(set);
    }
    for dir in ["kb/articles", "html"] {
        std::fs::create_dir_all(out.join(dir)).map_err(|e| e.to_string())?;
    }
    std::fs::copy(
        demo_api.join(files::KB_CATEGORIES),
        out.join(files::KB_CATEGORIES),
    )
    .map_err(|e| e.to_string())?;
    let categories: Vec<String> = demo.iter().map(|a| a.category.clone()).collect();
    let mut index = Vec::with_capacity(articles);
    let mut docs = Vec::with_capacity(articles);
    for n in 0..articles {
        let id = format!("a{n:05}");
        // Planted words sit inside the title with no space or punctuation
        // around them, as Chinese is written ("升级收信集群说明").
        let mut title = NEUTRAL[rng.below(NEUTRAL.len())].to_owned();
        for (q, set) in QUERIES.iter().zip(&planted) {
            if set.contains(&n) {
                title.push_str(q);
            }
        }
        title.push_str(NEUTRAL[rng.below(NEUTRAL.len())]);
        title.push_str(&format!("说明 {n}"));
        let body: String = (0..8 + rng.below(12))
            .map(|_| sentences[rng.below(sentences.len())].as_str())
            .collect::<Vec<_>>()
            .join("\n\n");
        let category = categories[rng.below(categories.len())].clone();
        std::fs::write(out.join(files::article_body(&id)), &body).map_err(|e| e.to_string())?;
        let html = format!(
            "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{t}</title></head>\
             <body><main data-pagefind-body><h1>{t}</h1><p>{b}</p></main></body></html>",
            t = escape(&title),
            b = escape(&body).replace("\n\n", "</p><p>")
        );
        std::fs::write(out.join(format!("html/{id}.html")), html).map_err(|e| e.to_string())?;
        docs.push(json!({ "id": id, "title": title, "body": body }));
        index.push(KbArticle {
            id,
            category,
            title: Text {
                zh: title,
                en: None,
            },
            summary: Text {
                zh: String::new(),
                en: None,
            },
            updated: "2026-11-26".parse().map_err(|e| format!("{e}"))?,
            revision: 1,
            product: None,
            tags: vec![],
            featured_week: None,
            related: vec![],
        });
    }
    let write_json = |name: &str, v: &serde_json::Value| {
        std::fs::write(out.join(name), v.to_string()).map_err(|e| format!("{name}: {e}"))
    };
    write_json(
        files::KB_ARTICLES,
        &serde_json::to_value(&index).map_err(|e| e.to_string())?,
    )?;
    write_json("docs.json", &serde_json::Value::Array(docs))?;
    let labels: serde_json::Map<String, serde_json::Value> = QUERIES
        .iter()
        .zip(&planted)
        .map(|(q, set)| {
            (
                q.to_string(),
                json!(set.iter().map(|n| format!("a{n:05}")).collect::<Vec<_>>()),
            )
        })
        .collect();
    write_json("queries.json", &serde_json::Value::Object(labels))
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
