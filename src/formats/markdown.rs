//! Markdown bodies (GitHub's) turned into blocks: parsed by pulldown-cmark,
//! a CommonMark parser with GitHub's tables and strikethrough, rendered to
//! HTML, and read by the HTML converter every body goes through, so a
//! Markdown quote, list or code block looks as an HTML one does.

use pulldown_cmark::{Options, Parser, html};

use crate::document::Block;

pub fn to_blocks(markdown: &str) -> Vec<Block> {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut rendered = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut rendered, Parser::new_ext(markdown, options));
    super::html::to_blocks(&rendered)
}
