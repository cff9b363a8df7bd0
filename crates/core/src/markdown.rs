//! Knowledge-base articles as the app shows them: a small block model, never
//! HTML. The app renders blocks as elements with text nodes, so raw HTML in
//! an article can only ever appear as literal text, and no input can make the
//! page run script.
//!
//! The published form is `kb/articles/<id>.json`, [`ArticleBlocks`]:
//! `{"v": 1, "blocks": [...]}` (the shape is in `docs/api.md`).
//!
//! Two allow-lists guard the only two attributes that carry URLs, and both
//! run twice: when publishing (a refused target becomes text) and when
//! rendering (a hand-edited file cannot smuggle one in).
//! - [`safe_link`]: links only to `http:`, `https:` and `mailto:`.
//! - [`safe_image`]: images only from plain paths inside the API's `kb/`,
//!   judged after percent-decoding, as a browser would resolve them.

use crate::parse::{files, parse_json, ParseError};
use serde::{Deserialize, Deserializer, Serialize};

/// Version of the published blocks format (`v` in the file).
pub const BLOCKS_VERSION: u32 = 1;

/// `kb/articles/<id>.json`: an article's body as published by `portal index`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleBlocks {
    /// Always [`BLOCKS_VERSION`]; any other version is refused.
    #[serde(deserialize_with = "blocks_version")]
    pub v: u32,
    pub blocks: Vec<Block>,
}

impl ArticleBlocks {
    pub fn new(blocks: Vec<Block>) -> ArticleBlocks {
        ArticleBlocks {
            v: BLOCKS_VERSION,
            blocks,
        }
    }
}

fn blocks_version<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let v = u32::deserialize(d)?;
    if v == BLOCKS_VERSION {
        Ok(v)
    } else {
        Err(serde::de::Error::custom(format!(
            "blocks format version {v} is not supported (this build reads version {BLOCKS_VERSION})"
        )))
    }
}

/// A run of inline content. In JSON, text is a bare string and everything
/// else an object named after its HTML element: `"text"`, `{"code": "df -h"}`,
/// `{"strong": [...]}`, `{"em": [...]}`, `{"a": {"href", "text": [...]}}`,
/// `{"img": {"src", "alt"}}`, `{"br": {}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Inline {
    #[serde(rename = "code")]
    Code(String),
    #[serde(rename = "strong")]
    Strong(Vec<Inline>),
    #[serde(rename = "em")]
    Emphasis(Vec<Inline>),
    /// A link; the app makes it one only if [`safe_link`] allows `href`.
    #[serde(rename = "a")]
    Link { href: String, text: Vec<Inline> },
    /// An image at `src`, a path relative to the API base; the app shows it
    /// only if [`safe_image`] allows it, otherwise its `alt` text.
    #[serde(rename = "img")]
    Image { src: String, alt: String },
    /// A hard line break. (A soft break is a `\n` in the text.)
    #[serde(rename = "br")]
    Break {},
    /// Plain text, including any HTML the article contained, literally.
    #[serde(untagged)]
    Text(String),
}

/// A block. In JSON, an object named after its kind: `{"h": …}`, `{"p": […]}`,
/// `{"list": …}`, `{"pre": …}`, `{"quote": […]}`, `{"table": …}`, `"hr"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Block {
    /// Level 1–6 as written (the app shows 1 and 2 alike: the page title is
    /// the only `h1`).
    #[serde(rename = "h")]
    Heading { level: u8, text: Vec<Inline> },
    #[serde(rename = "p")]
    Paragraph(Vec<Inline>),
    /// `start`: the number of an ordered list's first item; `None` for a
    /// bullet list. A tight list (not `loose`) shows the paragraphs of its
    /// items without paragraph spacing, as CommonMark defines.
    #[serde(rename = "list")]
    List {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        start: Option<u32>,
        #[serde(default, skip_serializing_if = "is_false")]
        loose: bool,
        items: Vec<Vec<Block>>,
    },
    /// A code block; `lang` is the first word of a fence's info string.
    #[serde(rename = "pre")]
    Code {
        #[serde(default, skip_serializing_if = "String::is_empty")]
        lang: String,
        text: String,
    },
    #[serde(rename = "quote")]
    Quote(Vec<Block>),
    /// A table: the header cells and the rows of body cells.
    #[serde(rename = "table")]
    Table {
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    /// A thematic break (`---`).
    #[serde(rename = "hr")]
    Rule,
}

fn is_false(b: &bool) -> bool {
    !b
}

/// The allow-list for link targets: `http://`, `https://` or `mailto:`
/// (any case) at the very start, exactly as the browser will read it.
pub fn safe_link(href: &str) -> bool {
    ["https://", "http://", "mailto:"].iter().any(|scheme| {
        href.get(..scheme.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(scheme))
    })
}

/// The allow-list for published image paths: relative to the API base,
/// first segment `kb`, then plain segments. Each segment is judged after
/// percent-decoding (browsers treat `%2e%2e` as `..`): no empty, `.` or
/// `..` segment, and no `/`, `\`, `%` (double encoding), `:`, `?`, `#` or
/// control character in any, so the path can neither climb out of `kb/` nor
/// name a scheme or another host.
pub fn safe_image(src: &str) -> bool {
    let mut segments = src.split('/');
    segments.next() == Some("kb") && src.len() > 3 && segments.all(plain_segment)
}

/// Where an article's image lives, as published: `dest` as written in the
/// article is relative to the article's own file, as a Markdown editor
/// previews it (`images/queue.png` → `kb/articles/images/queue.png`,
/// `../shared/q.png` → `kb/shared/q.png`). `None` when it is not a plain
/// relative path or leaves `kb/` (`%2e%2e/%2e%2e/secret.png`,
/// `..%2fsecret.png`, `/etc/x.png`, `//host/x.png`, `C:\x.png`, `data:…`).
pub fn resolve_image(dest: &str) -> Option<String> {
    if dest.starts_with('/') {
        return None;
    }
    let mut path: Vec<&str> = files::KB_ARTICLE_DIR.split('/').collect();
    for raw in dest.split('/') {
        match percent_decode(raw)?.as_str() {
            "." => {}
            ".." => {
                path.pop()?;
            }
            _ if plain_segment(raw) => path.push(raw),
            _ => return None,
        }
    }
    Some(path.join("/")).filter(|p| safe_image(p))
}

/// A path segment that is a plain name once percent-decoded.
fn plain_segment(raw: &str) -> bool {
    percent_decode(raw).is_some_and(|s| {
        !s.is_empty()
            && s != "."
            && s != ".."
            && !s
                .chars()
                .any(|c| matches!(c, '/' | '\\' | '%' | ':' | '?' | '#') || c.is_control())
    })
}

/// `%XX` decoded; `None` for a broken escape or bytes that are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Every link or image target in `blocks` that the allow-lists refuse, as
/// (JSON path within the file, what is wrong).
pub fn refused_targets(blocks: &[Block]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        block_targets(b, &format!("$.blocks[{i}]"), &mut out);
    }
    out
}

fn block_targets(block: &Block, at: &str, out: &mut Vec<(String, String)>) {
    let inlines = |xs: &[Inline], at: &str, out: &mut Vec<(String, String)>| {
        for (j, x) in xs.iter().enumerate() {
            inline_targets(x, &format!("{at}[{j}]"), out);
        }
    };
    match block {
        Block::Heading { text, .. } => inlines(text, &format!("{at}.h.text"), out),
        Block::Paragraph(text) => inlines(text, &format!("{at}.p"), out),
        Block::List { items, .. } => {
            for (k, item) in items.iter().enumerate() {
                for (m, b) in item.iter().enumerate() {
                    block_targets(b, &format!("{at}.list.items[{k}][{m}]"), out);
                }
            }
        }
        Block::Quote(blocks) => {
            for (k, b) in blocks.iter().enumerate() {
                block_targets(b, &format!("{at}.quote[{k}]"), out);
            }
        }
        Block::Table { head, rows } => {
            for (c, cell) in head.iter().enumerate() {
                inlines(cell, &format!("{at}.table.head[{c}]"), out);
            }
            for (r, row) in rows.iter().enumerate() {
                for (c, cell) in row.iter().enumerate() {
                    inlines(cell, &format!("{at}.table.rows[{r}][{c}]"), out);
                }
            }
        }
        Block::Code { .. } | Block::Rule => {}
    }
}

fn inline_targets(inline: &Inline, at: &str, out: &mut Vec<(String, String)>) {
    match inline {
        Inline::Link { href, text } => {
            if !safe_link(href) {
                out.push((
                    format!("{at}.a.href"),
                    format!("link target `{href}` is not allowed (only http:, https: and mailto:)"),
                ));
            }
            for (j, x) in text.iter().enumerate() {
                inline_targets(x, &format!("{at}.a.text[{j}]"), out);
            }
        }
        Inline::Image { src, .. } if !safe_image(src) => out.push((
            format!("{at}.img.src"),
            format!("image `{src}` is not allowed (only plain paths inside kb/)"),
        )),
        Inline::Strong(xs) | Inline::Emphasis(xs) => {
            let tag = if matches!(inline, Inline::Strong(_)) {
                "strong"
            } else {
                "em"
            };
            for (j, x) in xs.iter().enumerate() {
                inline_targets(x, &format!("{at}.{tag}[{j}]"), out);
            }
        }
        _ => {}
    }
}

/// All the text of the blocks, for the search index and snippets: one line
/// per paragraph, heading, list item paragraph, table row and code line;
/// link targets and image paths left out, image descriptions kept.
pub fn plain_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        block_text(b, &mut out);
    }
    out
}

fn block_text(block: &Block, out: &mut String) {
    match block {
        Block::Heading { text, .. } | Block::Paragraph(text) => {
            inline_text(text, out);
            out.push('\n');
        }
        Block::List { items, .. } => items.iter().flatten().for_each(|b| block_text(b, out)),
        Block::Quote(blocks) => blocks.iter().for_each(|b| block_text(b, out)),
        Block::Code { text, .. } => {
            out.push_str(text);
            out.push('\n');
        }
        Block::Table { head, rows } => {
            for row in std::iter::once(head).chain(rows) {
                for (c, cell) in row.iter().enumerate() {
                    if c > 0 {
                        out.push(' ');
                    }
                    inline_text(cell, out);
                }
                out.push('\n');
            }
        }
        Block::Rule => {}
    }
}

fn inline_text(inlines: &[Inline], out: &mut String) {
    for i in inlines {
        match i {
            Inline::Text(s) | Inline::Code(s) => out.push_str(s),
            Inline::Strong(xs) | Inline::Emphasis(xs) | Inline::Link { text: xs, .. } => {
                inline_text(xs, out)
            }
            Inline::Image { alt, .. } => out.push_str(alt),
            Inline::Break {} => out.push('\n'),
        }
    }
}

/// The blocks of an article kept on a device. A copy holds the published
/// blocks file as it was fetched; a copy saved before articles were
/// published as blocks holds only its Markdown, which is shown as plain
/// paragraphs of text (nothing saved is lost; opening the article online
/// replaces the copy). `file` names the copy in an error.
pub fn saved_blocks(
    file: &str,
    blocks_json: &str,
    body_md: &str,
) -> Result<Vec<Block>, ParseError> {
    if blocks_json.is_empty() {
        return Ok(text_paragraphs(body_md));
    }
    parse_json::<ArticleBlocks>(file, blocks_json).map(|b| b.blocks)
}

/// Text as paragraphs split at blank lines, every character kept literally.
pub fn text_paragraphs(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut lines: Vec<&str> = Vec::new();
    let mut flush = |lines: &mut Vec<&str>| {
        if !lines.is_empty() {
            out.push(Block::Paragraph(vec![Inline::Text(lines.join("\n"))]));
            lines.clear();
        }
    };
    for line in text.lines() {
        if line.trim().is_empty() {
            flush(&mut lines);
        } else {
            lines.push(line);
        }
    }
    flush(&mut lines);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    // ------------------------------------------------------ the JSON shape

    #[test]
    fn the_published_shape_is_compact_and_reads_back() {
        let body = ArticleBlocks::new(vec![
            Block::Heading {
                level: 2,
                text: vec![text("现象")],
            },
            Block::Paragraph(vec![
                text("运行 "),
                Inline::Code("df -h".into()),
                Inline::Break {},
                Inline::Strong(vec![text("注意 "), Inline::Emphasis(vec![text("根")])]),
                Inline::Link {
                    href: "https://help.coremail.cn".into(),
                    text: vec![text("帮助")],
                },
                Inline::Image {
                    src: "kb/articles/images/q.png".into(),
                    alt: "队列".into(),
                },
            ]),
            Block::List {
                start: Some(3),
                loose: false,
                items: vec![vec![Block::Paragraph(vec![text("三")])]],
            },
            Block::List {
                start: None,
                loose: true,
                items: vec![vec![Block::Code {
                    lang: String::new(),
                    text: "mailq".into(),
                }]],
            },
            Block::Quote(vec![Block::Rule]),
            Block::Table {
                head: vec![vec![text("端口")]],
                rows: vec![vec![vec![text("993")]]],
            },
        ]);
        let json = serde_json::to_string(&body).unwrap();
        assert_eq!(
            json,
            concat!(
                r#"{"v":1,"blocks":[{"h":{"level":2,"text":["现象"]}},"#,
                r#"{"p":["运行 ",{"code":"df -h"},{"br":{}},{"strong":["注意 ",{"em":["根"]}]},"#,
                r#"{"a":{"href":"https://help.coremail.cn","text":["帮助"]}},"#,
                r#"{"img":{"src":"kb/articles/images/q.png","alt":"队列"}}]},"#,
                r#"{"list":{"start":3,"items":[[{"p":["三"]}]]}},"#,
                r#"{"list":{"loose":true,"items":[[{"pre":{"text":"mailq"}}]]}},"#,
                r#"{"quote":["hr"]},"#,
                r#"{"table":{"head":[["端口"]],"rows":[[["993"]]]}}]}"#
            )
        );
        assert_eq!(serde_json::from_str::<ArticleBlocks>(&json).unwrap(), body);
    }

    #[test]
    fn text_that_spells_a_tag_name_stays_text() {
        let body: ArticleBlocks =
            serde_json::from_str(r#"{"v":1,"blocks":[{"p":["br","code","hr"]}]}"#).unwrap();
        assert_eq!(
            body.blocks,
            [Block::Paragraph(vec![text("br"), text("code"), text("hr")])]
        );
    }

    #[test]
    fn another_format_version_is_refused_with_the_reason() {
        let err =
            crate::parse_json::<ArticleBlocks>("kb/articles/x.json", r#"{"v":2,"blocks":[]}"#)
                .unwrap_err();
        assert_eq!(err.path, "$.v");
        assert!(err.message.contains("version 2 is not supported"), "{err}");
    }

    #[test]
    fn unknown_fields_are_refused() {
        for json in [
            r#"{"v":1,"blocks":[],"html":"<b>"}"#,
            r#"{"v":1,"blocks":[{"h":{"level":2,"text":[],"id":"x"}}]}"#,
            r#"{"v":1,"blocks":[{"p":[{"a":{"href":"https://a.example","text":[],"onclick":"x"}}]}]}"#,
            r#"{"v":1,"blocks":[{"script":"alert(1)"}]}"#,
        ] {
            assert!(
                serde_json::from_str::<ArticleBlocks>(json).is_err(),
                "{json}"
            );
        }
    }

    // -------------------------------------------------------- allow-lists

    #[test]
    fn only_http_https_and_mailto_links_are_allowed() {
        for ok in [
            "https://help.coremail.cn",
            "HTTP://x.example",
            "mailto:support@coremail.cn",
        ] {
            assert!(safe_link(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:x",
            " javascript:alert(1)",
            "data:text/html,x",
            "vbscript:x",
            "//evil.example",
            "/kb/a/x",
            " https://x.example",
            "",
        ] {
            assert!(!safe_link(bad), "{bad}");
        }
    }

    #[test]
    fn an_article_image_resolves_beside_the_article_inside_kb() {
        assert_eq!(
            resolve_image("images/queue.png").as_deref(),
            Some("kb/articles/images/queue.png")
        );
        assert_eq!(
            resolve_image("./images/%E9%98%9F%E5%88%97.png").as_deref(),
            Some("kb/articles/images/%E9%98%9F%E5%88%97.png")
        );
        assert_eq!(
            resolve_image("../shared/logo.png").as_deref(),
            Some("kb/shared/logo.png")
        );
    }

    #[test]
    fn image_paths_that_climb_out_of_kb_or_name_a_host_are_refused() {
        for bad in [
            "../../secret.png",
            "%2e%2e/%2e%2e/secret.png",
            "%2E%2E/%2e%2E/secret.png",
            ".%2e/.%2e/secret.png",
            "..%2f..%2fsecret.png",
            "..%2F..%2Fsecret.png",
            "images%2F..%2F..%2F..%2Fsecret.png",
            "..\\..\\secret.png",
            "images\\x.png",
            "%5c..%5csecret.png",
            "%252e%252e/%252e%252e/secret.png",
            "/etc/passwd",
            "//evil.example/x.png",
            "https://evil.example/x.png",
            "javascript:alert(1)",
            "data:image/png;base64,AAAA",
            "C:\\x.png",
            "images/x.png?../../y",
            "images/x.png#top",
            "images//x.png",
            "images/.\t./.\t./.\t./secret.png",
            "images/%0a",
            "%zz.png",
            "",
        ] {
            assert_eq!(resolve_image(bad), None, "{bad}");
        }
    }

    #[test]
    fn published_image_paths_must_stay_plain_inside_kb() {
        assert!(safe_image("kb/articles/images/queue.png"));
        assert!(safe_image("kb/shared/%E9%98%9F%E5%88%97.png"));
        for bad in [
            "kb/",
            "kb",
            "kb/../secret.png",
            "kb/%2e%2e/secret.png",
            "kb/images%2f..%2f..%2fsecret.png",
            "kb\\..\\secret.png",
            "kb/a\\..\\..\\secret.png",
            "/kb/x.png",
            "//kb/x.png",
            "images/queue.png",
            "kbx/queue.png",
            "https://evil.example/kb/x.png",
            "kb/x.png?y",
        ] {
            assert!(!safe_image(bad), "{bad}");
        }
    }

    #[test]
    fn refused_targets_are_found_at_their_json_path() {
        let blocks = vec![
            Block::Paragraph(vec![text("a")]),
            Block::List {
                start: None,
                loose: false,
                items: vec![vec![Block::Paragraph(vec![Inline::Strong(vec![
                    Inline::Link {
                        href: "javascript:alert(1)".into(),
                        text: vec![Inline::Image {
                            src: "https://evil.example/t.png".into(),
                            alt: "t".into(),
                        }],
                    },
                ])])]],
            },
        ];
        let found: Vec<String> = refused_targets(&blocks)
            .into_iter()
            .map(|(p, _)| p)
            .collect();
        assert_eq!(
            found,
            [
                "$.blocks[1].list.items[0][0].p[0].strong[0].a.href",
                "$.blocks[1].list.items[0][0].p[0].strong[0].a.text[0].img.src",
            ]
        );
    }

    #[test]
    fn plain_text_keeps_words_and_code_but_not_targets() {
        let blocks = vec![
            Block::Heading {
                level: 2,
                text: vec![text("标题")],
            },
            Block::Paragraph(vec![
                Inline::Link {
                    href: "https://x.example/y".into(),
                    text: vec![text("说明")],
                },
                Inline::Image {
                    src: "kb/articles/q.png".into(),
                    alt: "队列截图".into(),
                },
            ]),
            Block::Code {
                lang: "bash".into(),
                text: "tail -f log".into(),
            },
            Block::Table {
                head: vec![vec![text("端口")], vec![text("加密")]],
                rows: vec![vec![vec![text("993")], vec![text("SSL")]]],
            },
        ];
        assert_eq!(
            plain_text(&blocks),
            "标题\n说明队列截图\ntail -f log\n端口 加密\n993 SSL\n"
        );
    }

    // ------------------------------------------------------ device copies

    #[test]
    fn a_device_copy_reads_its_saved_blocks() {
        let blocks = saved_blocks("x", r#"{"v":1,"blocks":[{"p":["已保存"]}]}"#, "").unwrap();
        assert_eq!(blocks, [Block::Paragraph(vec![text("已保存")])]);
    }

    #[test]
    fn a_copy_saved_as_markdown_reads_as_plain_paragraphs_with_nothing_lost() {
        let md = "## 现象\n\n用户发信时弹出：\n535 Error\n\n<script>x</script>\n";
        assert_eq!(
            saved_blocks("x", "", md).unwrap(),
            [
                Block::Paragraph(vec![text("## 现象")]),
                Block::Paragraph(vec![text("用户发信时弹出：\n535 Error")]),
                Block::Paragraph(vec![text("<script>x</script>")]),
            ]
        );
    }

    #[test]
    fn a_damaged_device_copy_is_an_error_naming_it() {
        let err = saved_blocks("kb/articles/x.json", "{", "").unwrap_err();
        assert_eq!(err.file, "kb/articles/x.json");
    }
}
