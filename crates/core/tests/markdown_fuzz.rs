//! Hostile Markdown, generated: the parser never panics, and nothing it
//! returns can run script (links only to http/https/mailto, images only from
//! relative paths; everything else is text, rendered as text by the app).

use portal_core::markdown::{parse, refused_targets};

const PIECES: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "JaVaScRiPt:",
    "data:text/html,<b>",
    "vbscript:",
    "[",
    "]",
    "(",
    ")",
    "![",
    "](",
    "**",
    "*",
    "`",
    "```",
    "\n",
    "\n\n",
    "# ",
    "## ",
    "- ",
    "* ",
    "1. ",
    "> ",
    "收信",
    "退信",
    "https://ok.example/",
    "mailto:a@b.c",
    "//evil.example",
    "../",
    "\u{0}",
    "\u{FEFF}",
    "\u{202E}",
    "🙂",
    " ",
    "\t",
    "&lt;",
    "\"",
    "'",
    "onload=",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn hostile_markdown_never_panics_and_never_yields_an_unsafe_target() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..20_000 {
        let n = 1 + rng.next() % 24;
        let doc: String = (0..n)
            .map(|_| PIECES[(rng.next() % PIECES.len() as u64) as usize])
            .collect();
        let refused = refused_targets(&parse(&doc));
        assert!(refused.is_empty(), "{doc:?}: {refused:?}");
    }
}
