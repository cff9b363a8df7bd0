//! A knowledge-base article's blocks (`portal_core::markdown::Block`, as
//! published in `kb/articles/<id>.json`) as elements with text nodes only:
//! no HTML from an article is ever interpreted. Link and image targets pass
//! the core's allow-lists again here; a refused one shows as its text.
//!
//! Built with the DOM API (`crate::dom`): every text goes in through a text
//! node or `set_text_content`, every attribute through `set_attribute`.

use crate::api::api_url;
use crate::dom::{attr, el, text};
use crate::i18n::Lang;
use portal_core::markdown::{safe_image, safe_link, Block, Inline};
use web_sys::{Document, Element};

/// `<div class="article-body" lang="zh-CN">` with the article's blocks, at
/// the end of `parent`.
pub fn article_body(doc: &Document, parent: &Element, lang: Lang, blocks: &[Block]) {
    let body = el(doc, parent, "div", "article-body");
    attr(&body, "lang", "zh-CN");
    render_blocks(doc, &body, lang, blocks);
}

fn render_blocks(doc: &Document, parent: &Element, lang: Lang, blocks: &[Block]) {
    for block in blocks {
        render_block(doc, parent, lang, block);
    }
}

fn render_block(doc: &Document, parent: &Element, lang: Lang, block: &Block) {
    match block {
        Block::Heading { level, text } => {
            let tag = match level {
                1 | 2 => "h2",
                3 => "h3",
                _ => "h4",
            };
            render_inlines(doc, &el(doc, parent, tag, ""), text);
        }
        Block::Paragraph(text) => render_inlines(doc, &el(doc, parent, "p", ""), text),
        Block::Quote(blocks) => {
            render_blocks(doc, &el(doc, parent, "blockquote", ""), lang, blocks)
        }
        // Focusable: a long line scrolls, and a keyboard user must reach it.
        Block::Code { text, .. } => {
            let pre = el(doc, parent, "pre", "");
            attr(&pre, "tabindex", "0");
            el(doc, &pre, "code", "").set_text_content(Some(text));
        }
        Block::Rule => {
            el(doc, parent, "hr", "");
        }
        Block::List {
            start,
            loose,
            items,
        } => {
            let list = el(doc, parent, if start.is_some() { "ol" } else { "ul" }, "");
            if let Some(start) = start {
                attr(&list, "start", &start.to_string());
            }
            for item in items {
                let li = el(doc, &list, "li", "");
                for b in item {
                    match b {
                        // A tight list's paragraphs are the item's own text.
                        Block::Paragraph(text) if !loose => render_inlines(doc, &li, text),
                        b => render_block(doc, &li, lang, b),
                    }
                }
            }
        }
        Block::Table { head, rows } => {
            // Focusable, so a keyboard user can scroll a wide table.
            let scroll = el(doc, parent, "div", "table-scroll");
            attr(&scroll, "tabindex", "0");
            attr(&scroll, "role", "region");
            attr(&scroll, "aria-label", lang.pick("表格", "Table"));
            let table = el(doc, &scroll, "table", "");
            let tr = el(doc, &el(doc, &table, "thead", ""), "tr", "");
            for cell in head {
                let th = el(doc, &tr, "th", "");
                attr(&th, "scope", "col");
                render_inlines(doc, &th, cell);
            }
            let tbody = el(doc, &table, "tbody", "");
            for row in rows {
                let tr = el(doc, &tbody, "tr", "");
                for cell in row {
                    render_inlines(doc, &el(doc, &tr, "td", ""), cell);
                }
            }
        }
    }
}

fn render_inlines(doc: &Document, parent: &Element, inlines: &[Inline]) {
    for i in inlines {
        match i {
            Inline::Text(s) => text(doc, parent, s),
            Inline::Code(s) => el(doc, parent, "code", "").set_text_content(Some(s)),
            Inline::Strong(xs) => render_inlines(doc, &el(doc, parent, "strong", ""), xs),
            Inline::Emphasis(xs) => render_inlines(doc, &el(doc, parent, "em", ""), xs),
            Inline::Break {} => {
                el(doc, parent, "br", "");
            }
            Inline::Link { href, text } if safe_link(href) => {
                let a = el(doc, parent, "a", "");
                attr(&a, "href", href);
                attr(&a, "rel", "noopener noreferrer nofollow");
                render_inlines(doc, &a, text);
            }
            Inline::Link { text, .. } => render_inlines(doc, parent, text),
            Inline::Image { src, alt } if safe_image(src) => {
                let img = el(doc, parent, "img", "");
                attr(&img, "src", &api_url(src));
                attr(&img, "alt", alt);
                attr(&img, "loading", "lazy");
            }
            Inline::Image { alt, .. } => text(doc, parent, alt),
        }
    }
}
