//! The validator's rules, one test each, over an API directory held in
//! memory: [`Api::minimal`] is a small valid directory, and each test breaks
//! one thing in it and names the exact problems that must come out.

use super::{validate, ApiSource, ApiTree, Entry, EntryKind, Problem};
use crate::markdown::{plain_text, ArticleBlocks, Block, Inline};
use crate::model::KbArticle;
use crate::search::index_kb;
use serde_json::{json, Value};
use std::collections::BTreeMap;

mod community;
mod files;
mod kb;
mod private;
mod products;
mod services;
mod sla;
mod tree;

/// An API directory in memory: path → content, and the entries that are
/// not such a file (a link, a fifo, a file of a given size) with their
/// kind. `list` and `entries` derive the directories from the paths.
#[derive(Debug, Clone, Default)]
struct Api(BTreeMap<String, String>, BTreeMap<String, EntryKind>);

impl ApiSource for Api {
    /// Refuses to read an entry of the second map: the validator must
    /// never read a link, a device or a file over its cap.
    fn read(&self, path: &str) -> Result<Option<String>, String> {
        if self.1.contains_key(path) {
            return Err(format!("test source: {path} must not be read"));
        }
        Ok(self.0.get(path).cloned())
    }

    fn list(&self, dir: &str) -> Result<Vec<String>, String> {
        let prefix = format!("{dir}/");
        Ok(self
            .0
            .keys()
            .filter_map(|path| path.strip_prefix(&prefix))
            .filter(|name| !name.contains('/'))
            .map(String::from)
            .collect())
    }
}

impl ApiTree for Api {
    fn entries(&self) -> Result<Vec<Entry>, String> {
        let mut entries: BTreeMap<String, EntryKind> = BTreeMap::new();
        let files = self.0.iter().map(|(path, text)| {
            let size = text.len() as u64;
            (path, EntryKind::File { size })
        });
        for (path, kind) in files.chain(self.1.iter().map(|(p, k)| (p, k.clone()))) {
            let mut dir = path.as_str();
            while let Some((parent, _)) = dir.rsplit_once('/') {
                entries.entry(parent.to_owned()).or_insert(EntryKind::Dir);
                dir = parent;
            }
            entries.insert(path.clone(), kind);
        }
        Ok(entries
            .into_iter()
            .map(|(path, kind)| Entry { path, kind })
            .collect())
    }
}

impl Api {
    /// Everything validate reads, as small as it can be while every check
    /// still has something to look at: one product with two versions, two
    /// patches (the second supersedes the first), two articles related to
    /// each other, the 2026 calendar's 元旦 and 春节 with their 调休上班
    /// days.
    fn minimal() -> Api {
        let mut api = Api::default();
        api.put_json(
            "meta.json",
            json!({
                "api_version": 2,
                "generated_at": "2026-11-26T09:00:00+08:00",
                "data_version": "test",
                "support_email": "support@coremail.cn",
                "hotline": "400-888-2488"
            }),
        );
        api.put_json(
            "products.json",
            json!([{
                "id": "xt5",
                "name": {"zh": "Coremail XT V5.0"},
                "versions": [
                    {"version": "V5.0.13", "released": "2024-03-01", "end_of_support": "2027-03-01"},
                    {"version": "V5.0.14", "released": "2025-06-01"}
                ]
            }]),
        );
        api.put_json(
            "patches.json",
            json!([
                {
                    "id": "xt5-p2025-0116",
                    "product": "xt5",
                    "applies_to": ["V5.0.13"],
                    "kind": "security",
                    "severity": "high",
                    "released": "2025-01-16",
                    "title": {"zh": "SMTP 认证安全补丁"},
                    "notes": {"zh": "修复 SMTP 认证绕过。"},
                    "cve": ["CVE-2025-1234"],
                    "cnvd": ["CNVD-2025-01234"],
                    "file": {"name": "xt5-p2025-0116.tar.gz", "size_bytes": 1024, "sha256": sha256_of_a()}
                },
                {
                    "id": "xt5-p2025-0620",
                    "product": "xt5",
                    "applies_to": ["V5.0.13", "V5.0.14"],
                    "kind": "bugfix",
                    "severity": "medium",
                    "released": "2025-06-20",
                    "title": {"zh": "收信队列修复"},
                    "notes": {"zh": "修复收信延迟。"},
                    "supersedes": ["xt5-p2025-0116"],
                    "file": {"name": "xt5-p2025-0620.tar.gz", "size_bytes": 2048, "sha256": sha256_of_a()}
                }
            ]),
        );
        api.put_json(
            "kb/categories.json",
            json!([{"id": "send-receive", "name": {"zh": "收发信"}, "description": {"zh": "收信、发信与退信。"}}]),
        );
        api.put_json(
            "kb/articles.json",
            json!([
                {
                    "id": "smtp-535",
                    "category": "send-receive",
                    "title": {"zh": "发信报 535 认证失败"},
                    "summary": {"zh": "检查账号密码与客户端设置。"},
                    "updated": "2026-11-01",
                    "revision": 1,
                    "product": "xt5",
                    "featured_week": "2026-W48",
                    "related": ["bounce-552"]
                },
                {
                    "id": "bounce-552",
                    "category": "send-receive",
                    "title": {"zh": "退信 552 邮箱已满"},
                    "summary": {"zh": "清理邮箱或扩容。"},
                    "updated": "2026-10-01",
                    "revision": 2,
                    "related": ["smtp-535"]
                }
            ]),
        );
        api.put("kb/articles/smtp-535.md", "检查账号密码。\n");
        api.put(
            "kb/articles/smtp-535.json",
            r#"{"v":1,"blocks":[{"p":["检查账号密码。"]}]}"#,
        );
        api.put("kb/articles/bounce-552.md", "清理邮箱。\n");
        api.put(
            "kb/articles/bounce-552.json",
            r#"{"v":1,"blocks":[{"p":["清理邮箱。"]}]}"#,
        );
        api.put_json(
            "sla/policy.json",
            json!({
                "timezone": "Asia/Shanghai",
                "priorities": [
                    {"id": "P1", "name": {"zh": "严重"}, "definition": {"zh": "系统不可用"}, "response_minutes": 60},
                    {"id": "P2", "name": {"zh": "紧急"}, "definition": {"zh": "主要功能受损"}, "response_minutes": 480},
                    {"id": "P3", "name": {"zh": "标准"}, "definition": {"zh": "部分功能受损"}, "response_minutes": 480},
                    {"id": "P4", "name": {"zh": "咨询"}, "definition": {"zh": "使用咨询"}, "response_minutes": 480}
                ],
                "channels": [
                    {"id": "phone", "name": {"zh": "热线电话"}, "contact": "400-888-2488", "opens": "08:30", "closes": "17:30"},
                    {"id": "email", "name": {"zh": "邮箱"}, "contact": "support@coremail.cn", "opens": "08:30", "closes": "17:30"},
                    {"id": "online", "name": {"zh": "在线咨询"}, "contact": "/online", "opens": "09:00", "closes": "18:00"}
                ],
                "onsite": {"radius_km": 40, "arrival_hours": 24},
                "due_soon_fraction": 0.25
            }),
        );
        api.put_json(
            "sla/calendar.json",
            json!({
                "covers_from": "2026-01-01",
                "covers_until": "2026-12-31",
                "holidays": [
                    {"name": {"zh": "元旦"}, "from": "2026-01-01", "to": "2026-01-03"},
                    {"name": {"zh": "春节"}, "from": "2026-02-15", "to": "2026-02-23"}
                ],
                "adjusted_working_days": [
                    {"date": "2026-01-04", "for_holiday": {"zh": "元旦"}},
                    {"date": "2026-02-14", "for_holiday": {"zh": "春节"}},
                    {"date": "2026-02-28", "for_holiday": {"zh": "春节"}}
                ]
            }),
        );
        api.put_json(
            "services.json",
            json!([{
                "id": "remote",
                "name": {"zh": "远程服务"},
                "items": [
                    {"id": "patch-deployment", "name": {"zh": "补丁部署"}, "delivery": "remote", "description": {"zh": "远程安装补丁。"}},
                    {"id": "health-check", "name": {"zh": "系统巡检"}, "delivery": "onsite", "description": {"zh": "上门巡检。"}}
                ]
            }]),
        );
        api.put_json(
            "stations.json",
            json!([{"id": "guangzhou", "city": {"zh": "广州"}, "address": "天河区", "lat": 23.13, "lon": 113.26}]),
        );
        api.put_json(
            "engineers.json",
            json!([{
                "id": "lin-xiaoyan",
                "name": {"zh": "林晓燕"},
                "station": "guangzhou",
                "offers": ["patch_deployment", "remote_support"],
                "booked": [{"from": "2026-11-27T09:00:00+08:00", "to": "2026-11-27T12:00:00+08:00"}]
            }]),
        );
        api.put_json(
            "courses.json",
            json!([{
                "id": "course-2026-11",
                "title": {"zh": "反垃圾邮件策略"},
                "speaker": "何雨",
                "starts_at": "2026-11-28T14:00:00+08:00",
                "duration_minutes": 60,
                "summary": {"zh": "如何调整反垃圾策略。"}
            }]),
        );
        api.put_json(
            "terms.json",
            json!({
                "version": "2",
                "published": "2026-11-30",
                "title": {"zh": "售后服务手册"},
                "sections": [
                    {"id": "10", "heading": {"zh": "十、免责声明"}, "paragraphs": [{"zh": "十个工作日内。"}]},
                    {"id": "11", "heading": {"zh": "十一、服务变更"}, "paragraphs": [{"zh": "变更。"}]}
                ],
                "history": [
                    {"version": "2", "published": "2026-11-30", "summary": {"zh": "改第十一条。"}, "sections": ["11"]},
                    {"version": "1", "published": "2024-03-01", "summary": {"zh": "首次发布。"}}
                ]
            }),
        );
        api.put_json(
            "community.json",
            json!({
                "threads": [{
                    "id": "imap-timeout",
                    "title": {"zh": "IMAP 收信超时", "en": "IMAP timeouts"},
                    "product": "xt5",
                    "tags": [{"zh": "imap"}],
                    "asked": "2026-11-24T10:00:00+08:00",
                    "question": {"zh": "升级后收信超时。", "en": "Timeouts after the upgrade."},
                    "answers": [{
                        "engineer": "lin-xiaoyan",
                        "answered": "2026-11-24T14:00:00+08:00",
                        "text": {"zh": "调大命令超时。", "en": "Raise the command timeout."}
                    }]
                }],
                "materials": [{
                    "id": "quickstart",
                    "title": {"zh": "快速上手", "en": "Quick start"},
                    "kind": "manual",
                    "product": "xt5",
                    "updated": "2026-10-20",
                    "file": {"name": "quickstart.txt", "size_bytes": 512, "sha256": sha256_of_a()}
                }]
            }),
        );
        api.put_entry(
            "community/files/quickstart.txt",
            EntryKind::File { size: 512 },
        );
        api.publish_search_index();
        // The patch files, listed with their sizes and never read.
        for (name, size) in [
            ("xt5-p2025-0116.tar.gz", 1024),
            ("xt5-p2025-0620.tar.gz", 2048),
        ] {
            api.put_entry(&format!("patches/files/{name}"), EntryKind::File { size });
        }
        api
    }

    /// Writes `kb/search/` as `portal index` would for the articles and
    /// blocks in the directory now (4 shards), replacing what was there.
    fn publish_search_index(&mut self) {
        let articles: Vec<KbArticle> =
            serde_json::from_str(&self.0["kb/articles.json"]).expect("the fixture's articles");
        let bodies: Vec<String> = articles
            .iter()
            .map(|a| {
                let blocks: ArticleBlocks =
                    serde_json::from_str(&self.0[&format!("kb/articles/{}.json", a.id)])
                        .expect("the fixture's blocks");
                plain_text(&blocks.blocks)
            })
            .collect();
        self.0.retain(|path, _| !path.starts_with("kb/search/"));
        for (name, text) in index_kb(&articles, &bodies, 4).files() {
            self.put(&name, &text);
        }
    }

    /// An entry that is not a small regular file: it is listed with its
    /// kind and must never be read.
    fn put_entry(&mut self, path: &str, kind: EntryKind) {
        self.1.insert(path.to_owned(), kind);
    }

    fn put(&mut self, file: &str, text: &str) {
        self.0.insert(file.to_owned(), text.to_owned());
    }

    fn put_json(&mut self, file: &str, value: Value) {
        let text = serde_json::to_string_pretty(&value).expect("a JSON value serialises");
        self.put(file, &text);
    }

    fn remove(&mut self, file: &str) {
        assert!(self.0.remove(file).is_some(), "no {file} to remove");
    }

    /// Changes one JSON file in place, as a publisher's hand edit would.
    fn edit(&mut self, file: &str, change: impl FnOnce(&mut Value)) {
        let mut value: Value = serde_json::from_str(&self.0[file]).expect("the fixture is JSON");
        change(&mut value);
        self.put_json(file, value);
    }

    /// What validate reports, with [`to_blocks`] as the converter.
    fn problems(&self) -> Vec<Problem> {
        validate(self, &to_blocks)
    }
}

/// The test's stand-in for the publisher's Markdown converter: each
/// non-empty line a paragraph of plain text (for these one-line articles,
/// what `portal index` publishes too).
fn to_blocks(md: &str) -> Vec<Block> {
    md.lines()
        .filter(|line| !line.is_empty())
        .map(|line| Block::Paragraph(vec![Inline::Text(line.to_owned())]))
        .collect()
}

/// SHA-256 of the single byte `a`, a well-formed checksum.
fn sha256_of_a() -> &'static str {
    "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"
}

fn problem(file: &str, path: &str, message: &str) -> Problem {
    Problem {
        file: file.to_owned(),
        path: path.to_owned(),
        message: message.to_owned(),
    }
}

#[test]
fn the_minimal_api_is_valid() {
    assert_eq!(Api::minimal().problems(), []);
}
