//! `portal gen-corpus`: a synthetic knowledge base for the search benchmark:
//! N Chinese articles built from the demo articles' own sentences, with
//! queries planted in them, and traps.
//!
//! - Each query is planted in the titles of a few articles (written without
//!   spaces around it, as Chinese is) and in the bodies of a few others; it
//!   also occurs wherever the demo sentences already hold it. Which articles
//!   are relevant is not decided here: the benchmark labels every article
//!   whose text contains the query's words (`bench/search/run.mjs`), and
//!   uses the planted titles only to judge ranking.
//! - Traps: for each Chinese query, a few more bodies hold its characters
//!   apart (收信，延迟; 收信延时；信延迟, every trigram of 收信延迟 but not the
//!   word) and for a code its parts apart (550 5 7 1); for each nonsense
//!   word (absent from the corpus) a few bodies hold its characters apart.
//!   An engine that matches characters or bigrams wherever they are lists
//!   these.

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
    "信",
];
/// Words the corpus must not contain (the benchmark checks), whose
/// characters are planted apart.
pub const NONSENSE: &[&str] = &["区块链", "量子纠缠", "元宇宙", "光合作用", "kubernetes"];
/// Titles each query is planted in, and as many bodies.
const PLANTED: usize = 6;
/// Bodies each trap is planted in.
const TRAPS: usize = 3;
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

/// The query's words written apart so that none of them stands as typed.
fn traps(query: &str) -> Vec<String> {
    let chars: Vec<char> = query.chars().collect();
    if query.contains(['.', '-']) {
        return vec![query.replace(['.', '-'], " ")];
    }
    if !chars.iter().all(|c| ('\u{4E00}'..='\u{9FFF}').contains(c)) || chars.len() < 2 {
        return Vec::new();
    }
    let half = chars.len() / 2;
    let split: String = chars[..half]
        .iter()
        .chain(['，'].iter())
        .chain(&chars[half..])
        .collect();
    let mut out = vec![split];
    if chars.len() >= 3 {
        // Every shorter piece present, in order, yet never the whole word.
        let n = chars.len();
        let head: String = chars[..n - 1].iter().collect();
        let tail: String = chars[1..].iter().collect();
        out.push(format!("{head}时；{tail}"));
    }
    out
}

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
    // Distinct articles for each planting: titles, bodies and traps of
    // every query, then the nonsense traps.
    let mut pick = |taken: &mut Vec<usize>, k: usize| {
        let mut set = Vec::new();
        while set.len() < k.min(articles.saturating_sub(taken.len())) {
            let n = rng.below(articles);
            if !taken.contains(&n) && !set.contains(&n) {
                set.push(n);
            }
        }
        taken.extend(&set);
        set
    };
    let mut planted_title: Vec<Vec<usize>> = Vec::new();
    let mut planted_body: Vec<Vec<usize>> = Vec::new();
    // Sentences added to an article's body.
    let mut extra: Vec<Vec<String>> = vec![Vec::new(); articles];
    for q in QUERIES {
        let mut taken = Vec::new();
        planted_title.push(pick(&mut taken, PLANTED));
        let body = pick(&mut taken, PLANTED);
        for &n in &body {
            extra[n].push(format!("遇到{q}的情况时，先查看日志。"));
        }
        planted_body.push(body);
        for trap in traps(q) {
            for n in pick(&mut taken, TRAPS) {
                extra[n].push(format!("日志里有{trap}等字样。"));
            }
        }
    }
    for word in NONSENSE {
        let mut taken = Vec::new();
        for trap in traps(word) {
            for n in pick(&mut taken, TRAPS) {
                extra[n].push(format!("日志里有{trap}等字样。"));
            }
        }
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
    for (n, added) in extra.iter().enumerate() {
        let id = format!("a{n:05}");
        // Planted words sit inside the title with no space or punctuation
        // around them, as Chinese is written ("升级收信集群说明").
        let mut title = NEUTRAL[rng.below(NEUTRAL.len())].to_owned();
        for (q, set) in QUERIES.iter().zip(&planted_title) {
            if set.contains(&n) {
                // Two codes in a row stay two words (CNVD 550, not CNVD550).
                let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
                if latin(title.chars().last()) && latin(q.chars().next()) {
                    title.push(' ');
                }
                title.push_str(q);
            }
        }
        title.push_str(NEUTRAL[rng.below(NEUTRAL.len())]);
        title.push_str(&format!("说明 {n}"));
        let mut paragraphs: Vec<&str> = (0..8 + rng.below(12))
            .map(|_| sentences[rng.below(sentences.len())].as_str())
            .collect();
        for sentence in added {
            let at = rng.below(paragraphs.len() + 1);
            paragraphs.insert(at, sentence);
        }
        let body = paragraphs.join("\n\n");
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
    let ids = |set: &Vec<usize>| set.iter().map(|n| format!("a{n:05}")).collect::<Vec<_>>();
    let planted: serde_json::Map<String, serde_json::Value> = QUERIES
        .iter()
        .zip(planted_title.iter().zip(&planted_body))
        .map(|(q, (title, body))| {
            (
                q.to_string(),
                json!({ "title": ids(title), "body": ids(body) }),
            )
        })
        .collect();
    write_json(
        "queries.json",
        &json!({ "planted": planted, "nonsense": NONSENSE }),
    )
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
