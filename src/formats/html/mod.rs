//! HTML comment and story text (Hacker News, Reddit's body_html, Lobsters,
//! Discourse) turned into blocks, with a real HTML parser (html5ever's
//! tokenizer) rather than regexes.
//!
//! Paragraphs come from `<p>` (HN's bare `a<p>b` included), `<pre>` keeps
//! its whitespace as code, `<blockquote>` and paragraphs whose lines start
//! with `>` become quotes, `<li>` list items, `<br>` a line break, `<i>`,
//! `<em>`, `<b>` and `<strong>` emphasis. Entities are decoded exactly once,
//! by the parser. A link whose text was cut short
//! with "..." shows its whole URL.
//!
//! Only the tokenizer runs, not the tree builder: blocks need nothing but
//! the stream of open tags, close tags and text, and the tokenizer is linear
//! in its input whatever the nesting (the tree builder slows down with
//! depth, and building a tree per comment was most of an import's time).

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use crate::document::sanitize::clean_owned;
use crate::document::{Block, BlockKind, Emphasis};

/// Where emphasis starts and ends, written into the text being built and
/// taken out when the block is finished: a block's text is trimmed, joined and
/// unquoted on the way, and marks in the text move with it where byte offsets
/// would not. They are Unicode noncharacters, reserved for a program's
/// internal use, and removed from the input so that no text can forge one.
const EMPHASIS_START: char = '\u{fdd0}';
const EMPHASIS_END: char = '\u{fdd1}';
const STRONG_START: char = '\u{fdd2}';
const STRONG_END: char = '\u{fdd3}';
const MARKS: [char; 4] = [EMPHASIS_START, EMPHASIS_END, STRONG_START, STRONG_END];

fn without_marks(text: &str) -> String {
    text.chars().filter(|c| !MARKS.contains(c)).collect()
}

/// Takes the emphasis marks out of `text`, returning the stretches they
/// enclosed. A stretch left open at the end runs to the end.
fn take_emphasis(text: &mut String) -> Vec<Emphasis> {
    // The marks are U+FDD0..U+FDD3, EF B7 90..93 in UTF-8: found by their
    // first byte, the text between them copied in runs, not char by char.
    let marks_at = memchr::memchr_iter(0xEF, text.as_bytes()).filter_map(|at| {
        let mark = text.get(at..at + 3)?.chars().next()?;
        MARKS.contains(&mark).then_some((at, mark))
    });
    let mut marks = marks_at.peekable();
    if marks.peek().is_none() {
        return Vec::new();
    }
    let mut plain = String::with_capacity(text.len());
    let mut emphasis = Vec::new();
    // Start of each open stretch, and whether it is strong.
    let mut open: Vec<(usize, bool)> = Vec::new();
    let mut copied = 0;
    for (at, mark) in marks {
        plain.push_str(&text[copied..at]);
        copied = at + mark.len_utf8();
        match mark {
            EMPHASIS_START | STRONG_START => open.push((plain.len(), mark == STRONG_START)),
            _ => {
                let strong = mark == STRONG_END;
                if let Some(at) = open.iter().rposition(|&(_, s)| s == strong) {
                    let (start, _) = open.remove(at);
                    emphasis.push(Emphasis {
                        range: start..plain.len(),
                        strong,
                    });
                }
            }
        }
    }
    plain.push_str(&text[copied..]);
    let end = plain.trim_end().len();
    for (start, strong) in open {
        emphasis.push(Emphasis {
            range: start..end,
            strong,
        });
    }
    plain.truncate(end);
    for stretch in &mut emphasis {
        stretch.range.end = stretch.range.end.min(end);
        stretch.range.start = stretch.range.start.min(stretch.range.end);
        // Spaces at the edges of a stretch are not emphasized.
        let inner = &plain[stretch.range.clone()];
        stretch.range.start += inner.len() - inner.trim_start().len();
        stretch.range.end -= inner.len() - inner.trim_end().len();
    }
    emphasis.retain(|stretch| !stretch.range.is_empty());
    *text = plain;
    emphasis
}

#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    text: String,
    /// Inside `<pre>`: whitespace is kept.
    preformatted: usize,
    quote_depth: usize,
    list_item: usize,
    /// Where the text of the open `<a>` starts, its href and its title.
    link: Option<(usize, String, Option<String>)>,
    /// Links met in the current block.
    links: Vec<crate::document::Link>,
}

impl Builder {
    fn kind(&self) -> BlockKind {
        if self.preformatted > 0 {
            BlockKind::Code
        } else if self.quote_depth > 0 {
            BlockKind::Quote
        } else if self.list_item > 0 {
            BlockKind::ListItem
        } else {
            BlockKind::Paragraph
        }
    }

    fn push_text(&mut self, text: &str) {
        if text.contains(MARKS) {
            return self.push_text(&without_marks(text));
        }
        if self.preformatted > 0 {
            self.text.push_str(text);
            return;
        }
        // Runs of HTML (ASCII) white space become one space; a no-break
        // space is text and stays. Most text has single spaces only and is
        // copied whole.
        let simple = !text
            .bytes()
            .any(|b| matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
            && !text.contains("  ");
        if simple {
            let at_break = self.text.is_empty() || self.text.ends_with([' ', '\n']);
            self.text.push_str(if at_break {
                text.trim_start_matches(' ')
            } else {
                text
            });
            return;
        }
        let mut start = 0;
        for (index, byte) in text.bytes().enumerate() {
            if byte.is_ascii_whitespace() {
                self.text.push_str(&text[start..index]);
                if !self.text.is_empty() && !self.text.ends_with([' ', '\n']) {
                    self.text.push(' ');
                }
                start = index + 1;
            }
        }
        self.text.push_str(&text[start..]);
    }

    fn flush(&mut self) {
        let kind = self.kind();
        let text = std::mem::take(&mut self.text);
        let text = if kind == BlockKind::Code {
            text.trim_end_matches('\n').to_string()
        } else {
            text.lines()
                .map(str::trim)
                .collect::<Vec<_>>()
                .join("\n")
                .trim()
                .to_string()
        };
        let text = clean_owned(text);
        let links = std::mem::take(&mut self.links);
        if text
            .trim_matches(|c: char| c.is_whitespace() || MARKS.contains(&c))
            .is_empty()
        {
            return;
        }
        // HN and others quote with "> " at the start of a paragraph.
        let quoted = kind == BlockKind::Paragraph
            && text.lines().all(|line| line.trim_start().starts_with('>'));
        let (kind, mut text) = if quoted {
            let unquoted: Vec<&str> = text
                .lines()
                .map(|line| {
                    let line = line.trim_start().trim_start_matches('>');
                    line.strip_prefix(' ').unwrap_or(line)
                })
                .collect();
            (BlockKind::Quote, unquoted.join("\n"))
        } else {
            (kind, text)
        };
        let emphasis = take_emphasis(&mut text);
        let mut block = Block::new(kind, text);
        block.set_links(links);
        block.set_emphasis(emphasis);
        self.blocks.push(block);
    }
}

fn is_block_element(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "aside"
            | "article"
            | "pre"
            | "blockquote"
            | "li"
            | "ul"
            | "ol"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "table"
            | "tr"
            | "hr"
    )
}

/// The attributes of a start tag that the conversion reads.
#[derive(Default)]
struct Attributes {
    href: Option<String>,
    alt: Option<String>,
    title: Option<String>,
}

impl Attributes {
    fn of(tag: &html5ever::tokenizer::Tag) -> Attributes {
        let value = |name: &str| {
            tag.attrs
                .iter()
                .find(|a| &*a.name.local == name)
                .map(|a| a.value.to_string())
        };
        Attributes {
            href: value("href"),
            alt: value("alt"),
            title: value("title"),
        }
    }
}

/// An image, as text: `[image: what its alt text (else title) says]`; one
/// that says only "image" (Discourse's default) adds nothing.
fn image_text(alt: Option<&str>) -> String {
    let alt = alt.map(str::trim);
    match alt.filter(|a| !a.is_empty() && !a.eq_ignore_ascii_case("image")) {
        Some(alt) => format!("[image: {alt}]"),
        None => "[image]".to_string(),
    }
}

impl Builder {
    fn open(&mut self, name: &str, attributes: Attributes) {
        if is_block_element(name) {
            self.flush();
        }
        match name {
            "pre" => self.preformatted += 1,
            "blockquote" => self.quote_depth += 1,
            "li" => self.list_item += 1,
            "br" => self.text.push('\n'),
            "i" | "em" => self.text.push(EMPHASIS_START),
            "b" | "strong" => self.text.push(STRONG_START),
            "a" => {
                let href = attributes.href.unwrap_or_default();
                self.link = Some((self.text.len(), href, attributes.title));
            }
            "img" => {
                let described = attributes.alt.filter(|a| !a.trim().is_empty());
                let text = image_text(described.or(attributes.title).as_deref());
                self.push_text(&text);
            }
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        if name == "a"
            && let Some((start, href, title)) = self.link.take()
        {
            // A link with no text shows its title, else where it goes.
            if without_marks(self.text.get(start..).unwrap_or_default())
                .trim()
                .is_empty()
            {
                let shown = title
                    .filter(|t| !t.trim().is_empty())
                    .unwrap_or(href.clone());
                self.push_text(shown.trim());
            }
            expand_shortened_link(&mut self.text, start, &href);
            let url = clean_owned(href);
            if !url.is_empty() {
                let text = self.text.get(start..).unwrap_or_default().trim();
                self.links.push(crate::document::Link {
                    text: clean_owned(without_marks(text)),
                    url,
                });
            }
        }
        if is_block_element(name) {
            if name.len() == 2 && name.starts_with('h') && name != "hr" {
                let text = std::mem::take(&mut self.text);
                let mut text = clean_owned(text.trim().to_string());
                let emphasis = take_emphasis(&mut text);
                if !text.is_empty() {
                    let mut heading = Block::new(BlockKind::Heading, text);
                    heading.set_emphasis(emphasis);
                    self.blocks.push(heading);
                }
            } else {
                self.flush();
            }
        }
        match name {
            "i" | "em" => self.text.push(EMPHASIS_END),
            "b" | "strong" => self.text.push(STRONG_END),
            "pre" => self.preformatted = self.preformatted.saturating_sub(1),
            "blockquote" => self.quote_depth = self.quote_depth.saturating_sub(1),
            "li" => self.list_item = self.list_item.saturating_sub(1),
            _ => {}
        }
    }
}

/// Receives the tokenizer's tokens.
struct Sink {
    builder: RefCell<Builder>,
    /// For `unescape`: only the text is wanted.
    text_only: bool,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut builder = self.builder.borrow_mut();
        match token {
            Token::CharacterTokens(text) => builder.push_text(&text),
            Token::TagToken(tag) if !self.text_only => {
                let name: &str = &tag.name;
                match tag.kind {
                    TagKind::StartTag => {
                        builder.open(name, Attributes::of(&tag));
                        if tag.self_closing && name != "br" {
                            builder.close(name);
                        }
                    }
                    TagKind::EndTag => builder.close(name),
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

fn tokenize(html: &str, text_only: bool) -> Builder {
    let sink = Sink {
        builder: RefCell::new(Builder {
            // `unescape` keeps text as it is, line breaks and all.
            preformatted: usize::from(text_only),
            ..Builder::default()
        }),
        text_only,
    };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.builder.into_inner()
}

/// Blocks of an HTML fragment.
pub fn to_blocks(html: &str) -> Vec<Block> {
    let mut builder = tokenize(html, false);
    builder.flush();
    builder.blocks
}

/// Blocks of HTML that was escaped once more (Reddit's `body_html`).
pub fn escaped_to_blocks(escaped: &str) -> Vec<Block> {
    to_blocks(&unescape(escaped))
}

/// The text of an HTML-escaped string (as Reddit's `body_html`), decoded once.
pub fn unescape(escaped: &str) -> String {
    tokenize(escaped, true).text
}

/// HN shortens long link texts ("https://example.com/a/very/lo..."); when
/// the text is a cut-short form of the href, show the whole URL.
fn expand_shortened_link(text: &mut String, start: usize, href: &str) {
    let Some(shown) = text.get(start..) else {
        return;
    };
    let cut = shown.trim_end_matches("...").trim_end_matches('…');
    if cut.len() < shown.len() && !cut.is_empty() && href.starts_with(cut) {
        text.truncate(start);
        text.push_str(href);
    }
}

#[cfg(test)]
mod tests;
