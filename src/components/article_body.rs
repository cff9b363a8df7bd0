//! A knowledge-base article's blocks (`portal_core::markdown::Block`, as
//! published in `kb/articles/<id>.json`) as elements with text nodes only:
//! no HTML from an article is ever interpreted. Link and image targets pass
//! the core's allow-lists again here; a refused one shows as its text.

use crate::api::api_url;
use leptos::prelude::*;
use portal_core::markdown::{safe_image, safe_link, Block, Inline};

/// `<div class="article-body" lang="zh-CN">` with the article's blocks.
#[component]
pub fn ArticleBody(blocks: Vec<Block>) -> impl IntoView {
    view! { <div class="article-body" lang="zh-CN">{render_blocks(blocks)}</div> }
}

fn render_blocks(blocks: Vec<Block>) -> AnyView {
    blocks
        .into_iter()
        .map(render_block)
        .collect_view()
        .into_any()
}

fn render_block(block: Block) -> AnyView {
    match block {
        Block::Heading { level: 1 | 2, text } => {
            view! { <h2>{render_inlines(text)}</h2> }.into_any()
        }
        Block::Heading { level: 3, text } => view! { <h3>{render_inlines(text)}</h3> }.into_any(),
        Block::Heading { text, .. } => view! { <h4>{render_inlines(text)}</h4> }.into_any(),
        Block::Paragraph(text) => view! { <p>{render_inlines(text)}</p> }.into_any(),
        Block::Quote(blocks) => {
            view! { <blockquote>{render_blocks(blocks)}</blockquote> }.into_any()
        }
        // Focusable: a long line scrolls, and a keyboard user must reach it.
        Block::Code { text, .. } => {
            view! { <pre tabindex="0"><code>{text}</code></pre> }.into_any()
        }
        Block::Rule => view! { <hr/> }.into_any(),
        Block::List {
            start,
            loose,
            items,
        } => {
            let items = items
                .into_iter()
                .map(|item| {
                    // A tight list's paragraphs are the item's own text.
                    let content = item
                        .into_iter()
                        .map(|b| match b {
                            Block::Paragraph(text) if !loose => render_inlines(text),
                            b => render_block(b),
                        })
                        .collect_view();
                    view! { <li>{content}</li> }
                })
                .collect_view();
            match start {
                Some(start) => view! { <ol start=start>{items}</ol> }.into_any(),
                None => view! { <ul>{items}</ul> }.into_any(),
            }
        }
        Block::Table { head, rows } => {
            let head = head
                .into_iter()
                .map(|cell| view! { <th scope="col">{render_inlines(cell)}</th> })
                .collect_view();
            let rows = rows
                .into_iter()
                .map(|row| {
                    let cells = row
                        .into_iter()
                        .map(|cell| view! { <td>{render_inlines(cell)}</td> })
                        .collect_view();
                    view! { <tr>{cells}</tr> }
                })
                .collect_view();
            let lang = crate::i18n::use_lang();
            view! {
                // Focusable, so a keyboard user can scroll a wide table.
                <div class="table-scroll" tabindex="0" role="region" aria-label=move || lang.get().pick("表格", "Table")>
                    <table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>
                </div>
            }
            .into_any()
        }
    }
}

fn render_inlines(inlines: Vec<Inline>) -> AnyView {
    inlines
        .into_iter()
        .map(|i| match i {
            Inline::Text(s) => s.into_any(),
            Inline::Code(s) => view! { <code>{s}</code> }.into_any(),
            Inline::Strong(xs) => view! { <strong>{render_inlines(xs)}</strong> }.into_any(),
            Inline::Emphasis(xs) => view! { <em>{render_inlines(xs)}</em> }.into_any(),
            Inline::Break {} => view! { <br/> }.into_any(),
            Inline::Link { href, text } if safe_link(&href) => {
                view! { <a href=href rel="noopener noreferrer nofollow">{render_inlines(text)}</a> }
                    .into_any()
            }
            Inline::Link { text, .. } => render_inlines(text),
            Inline::Image { src, alt } if safe_image(&src) => {
                view! { <img src=api_url(&src) alt=alt loading="lazy"/> }.into_any()
            }
            Inline::Image { alt, .. } => alt.into_any(),
        })
        .collect_view()
        .into_any()
}
