//! The Markdown of knowledge-base articles, parsed into a small block model
//! that the app renders as text nodes. Nothing here produces HTML, so raw
//! HTML in an article can only ever appear as literal text, and no input can
//! make the page run script. Links survive only to `http:`, `https:` and
//! `mailto:`; images only from relative paths (the API's own origin).
//!
//! The subset is what admin articles use: `#`–`####` headings, paragraphs,
//! `-`/`*` and `1.` lists, fenced code, `>` quotes; inline `**strong**`,
//! `*em*`, `` `code` ``, `[text](url)` and `![alt](src)`. Anything else is
//! kept as text. Parsing never fails and never panics.

/// A run of inline content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Strong(String),
    Emphasis(String),
    Code(String),
    /// A link whose target passed the allow-list.
    Link {
        text: String,
        href: String,
    },
    /// An image from a relative path (resolved against the API base by the app).
    Image {
        alt: String,
        src: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading {
        level: u8,
        text: Vec<Inline>,
    },
    Paragraph(Vec<Inline>),
    /// `start`: the number of the first item of an ordered list (a list
    /// resumed after a code block goes on counting).
    List {
        ordered: bool,
        start: u32,
        items: Vec<Vec<Inline>>,
    },
    Code {
        lang: String,
        text: String,
    },
    Quote(Vec<Inline>),
}

/// Parses an article body.
pub fn parse(md: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut list: Option<(bool, u32, Vec<Vec<Inline>>)> = None;
    let mut lines = md.lines();

    fn flush_paragraph(paragraph: &mut Vec<&str>, blocks: &mut Vec<Block>) {
        if !paragraph.is_empty() {
            blocks.push(Block::Paragraph(inlines(&paragraph.join("\n"))));
            paragraph.clear();
        }
    }
    fn flush_list(list: &mut Option<(bool, u32, Vec<Vec<Inline>>)>, blocks: &mut Vec<Block>) {
        if let Some((ordered, start, items)) = list.take() {
            blocks.push(Block::List {
                ordered,
                start,
                items,
            });
        }
    }

    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if let Some(lang) = trimmed.strip_prefix("```") {
            flush_paragraph(&mut paragraph, &mut blocks);
            flush_list(&mut list, &mut blocks);
            let mut code = Vec::new();
            for l in lines.by_ref() {
                if l.trim_start().starts_with("```") {
                    break;
                }
                code.push(l);
            }
            blocks.push(Block::Code {
                lang: lang.trim().to_owned(),
                text: code.join("\n"),
            });
            continue;
        }
        if trimmed.is_empty() {
            flush_paragraph(&mut paragraph, &mut blocks);
            flush_list(&mut list, &mut blocks);
            continue;
        }
        if let Some((level, text)) = heading(trimmed) {
            flush_paragraph(&mut paragraph, &mut blocks);
            flush_list(&mut list, &mut blocks);
            blocks.push(Block::Heading {
                level,
                text: inlines(text),
            });
            continue;
        }
        if let Some(quote) = trimmed.strip_prefix('>') {
            flush_paragraph(&mut paragraph, &mut blocks);
            flush_list(&mut list, &mut blocks);
            blocks.push(Block::Quote(inlines(quote.trim_start())));
            continue;
        }
        if let Some((ordered, number, item)) = list_item(trimmed) {
            flush_paragraph(&mut paragraph, &mut blocks);
            match &mut list {
                Some((o, _, items)) if *o == ordered => items.push(inlines(item)),
                _ => {
                    flush_list(&mut list, &mut blocks);
                    list = Some((ordered, number, vec![inlines(item)]));
                }
            }
            continue;
        }
        flush_list(&mut list, &mut blocks);
        paragraph.push(trimmed);
    }
    flush_paragraph(&mut paragraph, &mut blocks);
    flush_list(&mut list, &mut blocks);
    blocks
}

fn heading(line: &str) -> Option<(u8, &str)> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    let rest = &line[hashes..];
    ((1..=4).contains(&hashes) && rest.starts_with(' ')).then(|| (hashes as u8, rest.trim()))
}

/// `- item` / `* item` → (false, 1, item); `3. item` → (true, 3, item).
fn list_item(line: &str) -> Option<(bool, u32, &str)> {
    if let Some(rest) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
        return Some((false, 1, rest));
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits <= 3 {
        if let Some(rest) = line[digits..].strip_prefix(". ") {
            return Some((true, line[..digits].parse().unwrap_or(1), rest));
        }
    }
    None
}

/// The allow-list for link targets.
pub fn safe_link(href: &str) -> bool {
    let lower = href.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:")
}

/// Images only from the API's own origin: a relative path, no scheme, no
/// `//host`, no `..`.
pub fn safe_image(src: &str) -> bool {
    let s = src.trim();
    !s.is_empty()
        && !s.contains(':')
        && !s.starts_with("//")
        && !s.starts_with('\\')
        && !s.contains("..")
}

/// Parses inline markup. Unclosed markers are kept as text.
pub fn inlines(text: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    let push_plain = |plain: &mut String, out: &mut Vec<Inline>| {
        if !plain.is_empty() {
            out.push(Inline::Text(std::mem::take(plain)));
        }
    };
    while let Some(c) = rest.chars().next() {
        let after = &rest[c.len_utf8()..];
        // `code`
        if c == '`' {
            if let Some(end) = after.find('`') {
                push_plain(&mut plain, &mut out);
                out.push(Inline::Code(after[..end].to_owned()));
                rest = &after[end + 1..];
                continue;
            }
        }
        // **strong**
        if let Some(inner) = rest.strip_prefix("**") {
            if let Some(end) = inner.find("**").filter(|&e| e > 0) {
                push_plain(&mut plain, &mut out);
                out.push(Inline::Strong(inner[..end].to_owned()));
                rest = &inner[end + 2..];
                continue;
            }
        }
        // *em*
        if c == '*' {
            if let Some(end) = after.find('*').filter(|&e| e > 0) {
                push_plain(&mut plain, &mut out);
                out.push(Inline::Emphasis(after[..end].to_owned()));
                rest = &after[end + 1..];
                continue;
            }
        }
        // ![alt](src) and [text](href)
        let (is_image, bracket) = match (c, after.chars().next()) {
            ('!', Some('[')) => (true, &after[1..]),
            ('[', _) => (false, after),
            _ => (false, ""),
        };
        if !bracket.is_empty() || c == '[' {
            if let Some((label, target, tail)) = link_parts(bracket) {
                push_plain(&mut plain, &mut out);
                match (is_image, target) {
                    (true, src) if safe_image(src) => out.push(Inline::Image {
                        alt: label.to_owned(),
                        src: src.trim().to_owned(),
                    }),
                    (false, href) if safe_link(href) => out.push(Inline::Link {
                        text: label.to_owned(),
                        href: href.trim().to_owned(),
                    }),
                    // A refused target: keep the label, drop the target.
                    _ => plain.push_str(label),
                }
                rest = tail;
                continue;
            }
        }
        plain.push(c);
        rest = after;
    }
    push_plain(&mut plain, &mut out);
    out
}

/// `label](target)tail` → (label, target, tail).
fn link_parts(s: &str) -> Option<(&str, &str, &str)> {
    let close = s.find(']')?;
    let after = s[close + 1..].strip_prefix('(')?;
    let end = after.find(')')?;
    Some((&s[..close], &after[..end], &after[end + 1..]))
}

/// All the text of the blocks (for snippets).
pub fn plain_text(blocks: &[Block]) -> String {
    let inline_text = |xs: &[Inline]| -> String {
        xs.iter()
            .map(|x| match x {
                Inline::Text(s) | Inline::Strong(s) | Inline::Emphasis(s) | Inline::Code(s) => {
                    s.as_str()
                }
                Inline::Link { text, .. } => text.as_str(),
                Inline::Image { alt, .. } => alt.as_str(),
            })
            .collect()
    };
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Heading { text, .. } | Block::Paragraph(text) | Block::Quote(text) => {
                out.push(inline_text(text))
            }
            Block::List { items, .. } => out.extend(items.iter().map(|i| inline_text(i))),
            Block::Code { text, .. } => out.push(text.clone()),
        }
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_subset_parses_into_blocks() {
        let md = "## 排查步骤\n\n1. 运行 `df -h`\n2. 查看 **队列**\n\n- 一\n- 二\n\n```bash\nmailq | tail\n```\n> 注意\n普通段落\n第二行";
        let b = parse(md);
        assert_eq!(
            b[0],
            Block::Heading {
                level: 2,
                text: vec![Inline::Text("排查步骤".into())]
            }
        );
        assert!(
            matches!(&b[1], Block::List { ordered: true, start: 1, items } if items.len() == 2)
        );
        assert!(
            matches!(&b[1], Block::List { items, .. } if items[0][1] == Inline::Code("df -h".into()))
        );
        assert!(matches!(&b[2], Block::List { ordered: false, items, .. } if items.len() == 2));
        assert_eq!(
            b[3],
            Block::Code {
                lang: "bash".into(),
                text: "mailq | tail".into()
            }
        );
        assert_eq!(b[4], Block::Quote(vec![Inline::Text("注意".into())]));
        assert_eq!(
            b[5],
            Block::Paragraph(vec![Inline::Text("普通段落\n第二行".into())])
        );
    }

    #[test]
    fn a_list_resumed_after_code_keeps_counting() {
        let b = parse("1. 一\n2. 二\n```\nx\n```\n3. 三");
        assert!(
            matches!(
                &b[2],
                Block::List {
                    ordered: true,
                    start: 3,
                    ..
                }
            ),
            "{b:?}"
        );
    }

    #[test]
    fn raw_html_stays_text() {
        let b = parse("<script>alert(1)</script> <img src=x onerror=alert(1)>");
        assert_eq!(
            b,
            [Block::Paragraph(vec![Inline::Text(
                "<script>alert(1)</script> <img src=x onerror=alert(1)>".into()
            )])]
        );
    }

    #[test]
    fn only_http_https_and_mailto_links_survive() {
        let x = inlines("[a](https://help.coremail.cn) [b](javascript:alert(1)) [c](JaVaScRiPt:x) [d](mailto:support@coremail.cn) [e](data:text/html,x)");
        let links: Vec<&Inline> = x
            .iter()
            .filter(|i| matches!(i, Inline::Link { .. }))
            .collect();
        assert_eq!(links.len(), 2);
        assert!(x.contains(&Inline::Link {
            text: "a".into(),
            href: "https://help.coremail.cn".into()
        }));
        assert!(x.contains(&Inline::Link {
            text: "d".into(),
            href: "mailto:support@coremail.cn".into()
        }));
        let text: String = x
            .iter()
            .filter_map(|i| {
                if let Inline::Text(t) = i {
                    Some(t.as_str())
                } else {
                    None
                }
            })
            .collect();
        assert!(!text.contains("javascript"), "{text}");
    }

    #[test]
    fn images_only_from_relative_paths() {
        assert!(
            matches!(&inlines("![图](images/queue.png)")[0], Inline::Image { src, .. } if src == "images/queue.png")
        );
        for bad in [
            "https://evil.example/x.png",
            "//evil.example/x.png",
            "javascript:alert(1)",
            "../../secret.png",
            "data:image/png;base64,AAAA",
        ] {
            let x = inlines(&format!("![图]({bad})"));
            assert!(
                !x.iter().any(|i| matches!(i, Inline::Image { .. })),
                "{bad}: {x:?}"
            );
        }
    }

    #[test]
    fn unclosed_markers_are_text_and_nothing_panics() {
        assert_eq!(
            inlines("**未闭合 `代码 [链接](http"),
            vec![Inline::Text("**未闭合 `代码 [链接](http".into())]
        );
        for s in [
            "",
            "*",
            "**",
            "`",
            "[",
            "![",
            "](",
            "#",
            "####### x",
            "```",
            "1.",
            "- ",
            "\u{0}",
            "[]()",
            "![]()",
        ] {
            let _ = parse(s);
        }
    }
}
