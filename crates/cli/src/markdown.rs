//! Article Markdown → the core's block model, at publish time. CommonMark as
//! pulldown-cmark reads it (plus pipe tables), mapped onto
//! `portal_core::markdown::Block`: headings, paragraphs, lists (an ordered
//! list's start, tight or loose), code blocks, quotes, tables, thematic
//! breaks; strong, emphasis, code, links, images, soft and hard breaks.
//!
//! What the block model has no room for keeps its text and loses its markup:
//! raw HTML (block or inline) becomes literal text, never markup; a link
//! whose target the core's allow-list refuses becomes its text; an image
//! path that leaves `kb/` becomes its description. Conversion never fails,
//! and runs in linear time (pulldown-cmark is linear; this only builds a
//! tree from its events).
//!
//! This lives in the CLI so the parser never ships to the browser: the app
//! only renders published blocks.

use portal_core::markdown::{resolve_image, safe_link, Block, Inline};
use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};

/// The blocks of an article's Markdown, as `portal index` publishes them.
pub fn to_blocks(md: &str) -> Vec<Block> {
    let mut stack = vec![Frame::new(Kind::Container)];
    for event in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match event {
            Event::Start(tag) => start(&mut stack, tag),
            Event::End(tag) => end(&mut stack, tag),
            Event::Text(t) => match &mut top(&mut stack).kind {
                Kind::Code { text, .. } | Kind::Html(text) => text.push_str(&t),
                _ => push_text(&mut top(&mut stack).inlines, &t),
            },
            Event::Html(t) | Event::InlineHtml(t) => match &mut top(&mut stack).kind {
                Kind::Html(text) => text.push_str(&t),
                _ => push_text(&mut top(&mut stack).inlines, &t),
            },
            // Only with options that are off; kept as text should one appear.
            Event::InlineMath(t) | Event::DisplayMath(t) | Event::FootnoteReference(t) => {
                push_text(&mut top(&mut stack).inlines, &t)
            }
            Event::Code(t) => top(&mut stack).inlines.push(Inline::Code(t.into_string())),
            Event::SoftBreak => push_text(&mut top(&mut stack).inlines, "\n"),
            Event::HardBreak => top(&mut stack).inlines.push(Inline::Break {}),
            Event::Rule => {
                let frame = top(&mut stack);
                frame.flush_text();
                frame.blocks.push(Block::Rule);
            }
            Event::TaskListMarker(_) => {}
        }
    }
    // The parser closes every tag it opens; should one stay open, its
    // content still lands in the root.
    while stack.len() > 1 {
        end_frame(&mut stack);
    }
    let mut root = stack.pop().unwrap_or_else(|| Frame::new(Kind::Container));
    root.flush_text();
    root.blocks
}

/// One open element while the events stream by.
struct Frame {
    kind: Kind,
    blocks: Vec<Block>,
    inlines: Vec<Inline>,
}

enum Kind {
    /// The document, a quote's or a list item's content, or a construct the
    /// block model does not have (kept as its content).
    Container,
    Quote,
    Item,
    List {
        start: Option<u32>,
        loose: bool,
        items: Vec<Vec<Block>>,
    },
    Paragraph,
    Heading(u8),
    Code {
        lang: String,
        text: String,
    },
    Html(String),
    Table {
        in_head: bool,
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
        row: Vec<Vec<Inline>>,
    },
    Cell,
    Strong,
    Emphasis,
    /// An inline construct the block model does not have (strikethrough…).
    Span,
    Link(String),
    Image(String),
}

impl Frame {
    fn new(kind: Kind) -> Frame {
        Frame {
            kind,
            blocks: Vec::new(),
            inlines: Vec::new(),
        }
    }

    /// Inline content directly in a container (a tight list item's text)
    /// becomes a paragraph of it.
    fn flush_text(&mut self) {
        if !self.inlines.is_empty() {
            let text = std::mem::take(&mut self.inlines);
            self.blocks.push(Block::Paragraph(text));
        }
    }
}

fn top(stack: &mut [Frame]) -> &mut Frame {
    let n = stack.len();
    &mut stack[n - 1]
}

fn start(stack: &mut Vec<Frame>, tag: Tag) {
    let kind = match tag {
        Tag::Paragraph => {
            // Paragraph events inside items are what makes a list loose.
            let n = stack.len();
            if n >= 2 && matches!(stack[n - 1].kind, Kind::Item) {
                if let Kind::List { loose, .. } = &mut stack[n - 2].kind {
                    *loose = true;
                }
            }
            Kind::Paragraph
        }
        Tag::Heading { level, .. } => Kind::Heading(level as u8),
        Tag::BlockQuote(_) => Kind::Quote,
        Tag::CodeBlock(kind) => Kind::Code {
            lang: match kind {
                CodeBlockKind::Fenced(info) => {
                    info.split_whitespace().next().unwrap_or("").to_owned()
                }
                CodeBlockKind::Indented => String::new(),
            },
            text: String::new(),
        },
        Tag::HtmlBlock => Kind::Html(String::new()),
        Tag::List(start) => Kind::List {
            start: start.map(|n| u32::try_from(n).unwrap_or(u32::MAX)),
            loose: false,
            items: Vec::new(),
        },
        Tag::Item => Kind::Item,
        Tag::Table(_) => Kind::Table {
            in_head: false,
            head: Vec::new(),
            rows: Vec::new(),
            row: Vec::new(),
        },
        Tag::TableHead => {
            if let Kind::Table { in_head, .. } = &mut top(stack).kind {
                *in_head = true;
            }
            return;
        }
        Tag::TableRow => return,
        Tag::TableCell => Kind::Cell,
        Tag::Emphasis => Kind::Emphasis,
        Tag::Strong => Kind::Strong,
        Tag::Link {
            link_type,
            dest_url,
            ..
        } => Kind::Link(match link_type {
            LinkType::Email => format!("mailto:{dest_url}"),
            _ => dest_url.into_string(),
        }),
        Tag::Image { dest_url, .. } => Kind::Image(dest_url.into_string()),
        Tag::Strikethrough | Tag::Superscript | Tag::Subscript => Kind::Span,
        Tag::FootnoteDefinition(_)
        | Tag::DefinitionList
        | Tag::DefinitionListTitle
        | Tag::DefinitionListDefinition
        | Tag::MetadataBlock(_) => Kind::Container,
    };
    let block = !matches!(
        kind,
        Kind::Strong | Kind::Emphasis | Kind::Span | Kind::Link(_) | Kind::Image(_)
    );
    if block {
        top(stack).flush_text();
    }
    stack.push(Frame::new(kind));
}

fn end(stack: &mut Vec<Frame>, tag: TagEnd) {
    match tag {
        TagEnd::TableHead => {
            if let Kind::Table { in_head, .. } = &mut top(stack).kind {
                *in_head = false;
            }
        }
        TagEnd::TableRow => {
            if let Kind::Table { rows, row, .. } = &mut top(stack).kind {
                rows.push(std::mem::take(row));
            }
        }
        _ if stack.len() > 1 => end_frame(stack),
        _ => {}
    }
}

/// Closes the innermost frame into its parent.
fn end_frame(stack: &mut Vec<Frame>) {
    let Some(mut frame) = stack.pop() else { return };
    let parent = top(stack);
    match frame.kind {
        Kind::Container => {
            frame.flush_text();
            parent.blocks.append(&mut frame.blocks);
        }
        Kind::Quote => {
            frame.flush_text();
            parent.blocks.push(Block::Quote(frame.blocks));
        }
        Kind::Item => {
            frame.flush_text();
            match &mut parent.kind {
                Kind::List { items, .. } => items.push(frame.blocks),
                _ => parent.blocks.append(&mut frame.blocks),
            }
        }
        Kind::List {
            start,
            loose,
            items,
        } => parent.blocks.push(Block::List {
            start,
            loose,
            items,
        }),
        Kind::Paragraph => parent.blocks.push(Block::Paragraph(frame.inlines)),
        Kind::Heading(level) => parent.blocks.push(Block::Heading {
            level,
            text: frame.inlines,
        }),
        Kind::Code { lang, mut text } => {
            if text.ends_with('\n') {
                text.pop();
            }
            parent.blocks.push(Block::Code { lang, text });
        }
        Kind::Html(text) => {
            let text = text.trim_end_matches('\n').to_owned();
            parent
                .blocks
                .push(Block::Paragraph(vec![Inline::Text(text)]));
        }
        Kind::Table { head, rows, .. } => parent.blocks.push(Block::Table { head, rows }),
        Kind::Cell => match &mut parent.kind {
            Kind::Table {
                in_head: true,
                head,
                ..
            } => head.push(frame.inlines),
            Kind::Table { row, .. } => row.push(frame.inlines),
            _ => append_inlines(&mut parent.inlines, frame.inlines),
        },
        Kind::Strong => parent.inlines.push(Inline::Strong(frame.inlines)),
        Kind::Emphasis => parent.inlines.push(Inline::Emphasis(frame.inlines)),
        Kind::Span => append_inlines(&mut parent.inlines, frame.inlines),
        Kind::Link(href) if safe_link(&href) => parent.inlines.push(Inline::Link {
            href,
            text: frame.inlines,
        }),
        // A refused target: the text stays, the link goes.
        Kind::Link(_) => append_inlines(&mut parent.inlines, frame.inlines),
        Kind::Image(dest) => {
            let mut alt = String::new();
            alt_text(&frame.inlines, &mut alt);
            match resolve_image(&dest) {
                Some(src) => parent.inlines.push(Inline::Image { src, alt }),
                None => push_text(&mut parent.inlines, &alt),
            }
        }
    }
}

/// Appends text, joining it to the text before (the parser splits text at
/// every character it had to look at).
fn push_text(inlines: &mut Vec<Inline>, text: &str) {
    if text.is_empty() {
        return;
    }
    match inlines.last_mut() {
        Some(Inline::Text(s)) => s.push_str(text),
        _ => inlines.push(Inline::Text(text.to_owned())),
    }
}

fn append_inlines(inlines: &mut Vec<Inline>, more: Vec<Inline>) {
    for i in more {
        match i {
            Inline::Text(t) => push_text(inlines, &t),
            other => inlines.push(other),
        }
    }
}

/// An image's description: the text of its content, markup dropped.
fn alt_text(inlines: &[Inline], out: &mut String) {
    for i in inlines {
        match i {
            Inline::Text(s) | Inline::Code(s) => out.push_str(s),
            Inline::Strong(xs) | Inline::Emphasis(xs) | Inline::Link { text: xs, .. } => {
                alt_text(xs, out)
            }
            Inline::Image { alt, .. } => out.push_str(alt),
            Inline::Break {} => out.push('\n'),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_core::markdown::refused_targets;

    fn text(s: &str) -> Inline {
        Inline::Text(s.into())
    }
    fn p(inlines: Vec<Inline>) -> Block {
        Block::Paragraph(inlines)
    }

    #[test]
    fn headings_of_every_level_and_both_styles() {
        assert_eq!(
            to_blocks("# 一\n\n###### 六\n\n二级\n---\n"),
            [
                Block::Heading {
                    level: 1,
                    text: vec![text("一")]
                },
                Block::Heading {
                    level: 6,
                    text: vec![text("六")]
                },
                Block::Heading {
                    level: 2,
                    text: vec![text("二级")]
                },
            ]
        );
    }

    #[test]
    fn lines_of_a_paragraph_keep_their_soft_break_and_a_hard_break_is_its_own() {
        assert_eq!(
            to_blocks("普通段落\n第二行  \n第三行\\\n第四行"),
            [p(vec![
                text("普通段落\n第二行"),
                Inline::Break {},
                text("第三行"),
                Inline::Break {},
                text("第四行"),
            ])]
        );
    }

    #[test]
    fn strong_emphasis_and_code_nest() {
        assert_eq!(
            to_blocks("查看 **队列 *deliver* 目录** 和 `mailq | tail`"),
            [p(vec![
                text("查看 "),
                Inline::Strong(vec![
                    text("队列 "),
                    Inline::Emphasis(vec![text("deliver")]),
                    text(" 目录"),
                ]),
                text(" 和 "),
                Inline::Code("mailq | tail".into()),
            ])]
        );
    }

    #[test]
    fn an_ordered_list_keeps_its_start_and_a_tight_list_its_tightness() {
        assert_eq!(
            to_blocks("3. 运行 `df -h`\n4. 查看队列\n"),
            [Block::List {
                start: Some(3),
                loose: false,
                items: vec![
                    vec![p(vec![text("运行 "), Inline::Code("df -h".into())])],
                    vec![p(vec![text("查看队列")])],
                ]
            }]
        );
        assert_eq!(
            to_blocks("- 一\n\n- 二\n"),
            [Block::List {
                start: None,
                loose: true,
                items: vec![vec![p(vec![text("一")])], vec![p(vec![text("二")])]]
            }]
        );
    }

    #[test]
    fn list_items_hold_nested_lists_and_code() {
        assert_eq!(
            to_blocks("1. 检查\n   - 磁盘\n   - 队列\n2. 运行\n\n   ```bash\n   mailq\n   ```\n"),
            [Block::List {
                start: Some(1),
                loose: true,
                items: vec![
                    vec![
                        p(vec![text("检查")]),
                        Block::List {
                            start: None,
                            loose: false,
                            items: vec![vec![p(vec![text("磁盘")])], vec![p(vec![text("队列")])]]
                        }
                    ],
                    vec![
                        p(vec![text("运行")]),
                        Block::Code {
                            lang: "bash".into(),
                            text: "mailq".into()
                        }
                    ],
                ]
            }]
        );
    }

    #[test]
    fn fenced_and_indented_code_keep_their_text_exactly() {
        assert_eq!(
            to_blocks(
                "```bash title=x\ngrep \"535\" smtp.log\n\n  | tail -20\n```\n\n    indented <b>\n"
            ),
            [
                Block::Code {
                    lang: "bash".into(),
                    text: "grep \"535\" smtp.log\n\n  | tail -20".into()
                },
                Block::Code {
                    lang: String::new(),
                    text: "indented <b>".into()
                },
            ]
        );
    }

    #[test]
    fn quotes_hold_blocks() {
        assert_eq!(
            to_blocks("> 提示：不要关闭认证\n>\n> - 一\n"),
            [Block::Quote(vec![
                p(vec![text("提示：不要关闭认证")]),
                Block::List {
                    start: None,
                    loose: false,
                    items: vec![vec![p(vec![text("一")])]]
                },
            ])]
        );
    }

    #[test]
    fn a_pipe_table_becomes_head_and_rows() {
        assert_eq!(
            to_blocks("| 协议 | 端口 |\n|---|---:|\n| IMAP | **993** |\n| SMTP | 465 |\n"),
            [Block::Table {
                head: vec![vec![text("协议")], vec![text("端口")]],
                rows: vec![
                    vec![vec![text("IMAP")], vec![Inline::Strong(vec![text("993")])]],
                    vec![vec![text("SMTP")], vec![text("465")]],
                ]
            }]
        );
    }

    #[test]
    fn a_thematic_break_is_a_rule() {
        assert_eq!(
            to_blocks("前\n\n---\n\n后"),
            [p(vec![text("前")]), Block::Rule, p(vec![text("后")])]
        );
    }

    #[test]
    fn links_keep_their_target_and_text_and_autolinks_work() {
        assert_eq!(
            to_blocks("[帮助 *中心*](https://help.coremail.cn \"t\") <support@coremail.cn> <https://www.coremail.cn>"),
            [p(vec![
                Inline::Link {
                    href: "https://help.coremail.cn".into(),
                    text: vec![text("帮助 "), Inline::Emphasis(vec![text("中心")])]
                },
                text(" "),
                Inline::Link {
                    href: "mailto:support@coremail.cn".into(),
                    text: vec![text("support@coremail.cn")]
                },
                text(" "),
                Inline::Link {
                    href: "https://www.coremail.cn".into(),
                    text: vec![text("https://www.coremail.cn")]
                },
            ])]
        );
    }

    #[test]
    fn reference_links_resolve() {
        assert_eq!(
            to_blocks("见[手册][m]。\n\n[m]: https://help.coremail.cn/manual\n"),
            [p(vec![
                text("见"),
                Inline::Link {
                    href: "https://help.coremail.cn/manual".into(),
                    text: vec![text("手册")]
                },
                text("。"),
            ])]
        );
    }

    #[test]
    fn an_image_beside_the_article_is_published_under_kb() {
        assert_eq!(
            to_blocks("![队列 *截图*](images/queue.png)"),
            [p(vec![Inline::Image {
                src: "kb/articles/images/queue.png".into(),
                alt: "队列 截图".into()
            }])]
        );
    }

    #[test]
    fn a_script_tag_in_an_article_stays_literal_text() {
        assert_eq!(
            to_blocks("<script>alert(1)</script>\n\n段落里的 <img src=x onerror=alert(1)> 标签"),
            [
                p(vec![text("<script>alert(1)</script>")]),
                p(vec![text("段落里的 <img src=x onerror=alert(1)> 标签")]),
            ]
        );
    }

    #[test]
    fn a_javascript_link_loses_its_link_and_keeps_its_text() {
        for md in [
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "[x](  javascript:alert(1) )",
            "[x](data:text/html,<b>)",
            "[x](/kb/a/other)",
        ] {
            assert_eq!(to_blocks(md), [p(vec![text("x")])], "{md}");
        }
        assert_eq!(
            to_blocks("<javascript:alert(1)>"),
            [p(vec![text("javascript:alert(1)")])]
        );
    }

    #[test]
    fn images_that_climb_out_of_kb_or_come_from_elsewhere_become_their_description() {
        for src in [
            "%2e%2e/%2e%2e/secret.png",
            "..%2f..%2fsecret.png",
            "images%2F..%2F..%2F..%2Fsecret.png",
            "../../secret.png",
            "..\\..\\secret.png",
            "/etc/secret.png",
            "//evil.example/t.png",
            "https://evil.example/t.png",
            "javascript:alert(1)",
            "data:image/png;base64,AAAA",
        ] {
            assert_eq!(
                to_blocks(&format!("![a]({src})")),
                [p(vec![text("a")])],
                "{src}"
            );
        }
    }

    #[test]
    fn a_hundred_thousand_unclosed_link_openers_convert() {
        // The hand-written parser this replaces was quadratic here.
        let md = "[](".repeat(100_000);
        let blocks = to_blocks(&md);
        assert_eq!(blocks, [p(vec![text(&md)])]);
    }

    #[test]
    fn hostile_markdown_never_yields_a_refused_target() {
        const PIECES: &[&str] = &[
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "javascript:alert(1)",
            "JaVaScRiPt:",
            "data:text/html,<b>",
            "[",
            "]",
            "(",
            ")",
            "![",
            "](",
            "<",
            ">",
            "**",
            "*",
            "_",
            "`",
            "```",
            "\n",
            "\n\n",
            "# ",
            "- ",
            "1. ",
            "> ",
            "|",
            "|---|",
            "收信",
            "https://ok.example/",
            "mailto:a@b.c",
            "//evil.example",
            "../",
            "%2e%2e/",
            "%2f",
            "\\",
            "\u{0}",
            "🙂",
            " ",
            "    ",
            "\t",
            "&lt;",
            "&#106;avascript:",
            "\"",
        ];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let n = 1 + next() % 24;
            let doc: String = (0..n)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            let blocks = to_blocks(&doc);
            let refused = refused_targets(&blocks);
            assert!(refused.is_empty(), "{doc:?}: {refused:?}");
        }
    }
}
