//! The plain-text discussion format (DESIGN.md): a title line, article
//! paragraphs, then comments introduced by bullet lines whose body is indented
//! deeper than the bullet. Reading and writing it both live here.
//!
//! Inside the article and comment bodies a small amount of markup is
//! understood, so that `convert --to text` keeps block kinds: `# ` headings,
//! `> ` quotes, bullet lists and fenced code (```).

use crate::document::sanitize::TAB_WIDTH;
use crate::document::{Block, BlockKind, CommentTreeBuilder, Document, NewComment};

use super::LoadError;
use super::native::{STREAM_BATCH, Sink};

mod write;
pub use write::write;

const BULLETS: [char; 5] = ['•', '-', '*', '◦', '‣'];
const FENCE: &str = "```";

/// Parses text whose line endings are `\n` and whose controls are gone
/// ([`sanitize::clean_keeping_tabs`](crate::document::sanitize::clean_keeping_tabs)).
/// Tabs are measured where they stand (to the next multiple of eight
/// columns), never expanded first: a thread indented with one tab per level
/// would otherwise grow eightfold before it is read.
pub fn parse(text: &str) -> Result<Document, LoadError> {
    read(text, None)
}

/// [`parse`], handing the comments to `send` in batches as they are read,
/// the first `skip` left out, with how far into the text they were; the
/// document comes back without them.
pub fn parse_streaming(text: &str, skip: usize, send: Sink) -> Result<Document, LoadError> {
    read(
        text,
        Some(Stream {
            send,
            skip,
            text_start: text.as_ptr() as usize,
            text_len: text.len(),
        }),
    )
}

/// Where a streaming read hands its comments.
struct Stream {
    send: Sink,
    skip: usize,
    text_start: usize,
    text_len: usize,
}

fn read(text: &str, stream: Option<Stream>) -> Result<Document, LoadError> {
    let mut lines = text.split('\n').map(str::trim_end);
    let title = lines
        .by_ref()
        .find(|l| !l.is_empty())
        .ok_or(LoadError::Empty)?
        .trim()
        .to_string();
    let mut reading = Reading {
        builder: builder_for(text, stream.as_ref()),
        stream,
        article: Vec::new(),
        open: Vec::new(),
        current: None,
        dedented: Vec::new(),
        blocks: Vec::new(),
    };
    // A bullet line opens a comment when the next non-blank line is
    // indented deeper: it waits, with the blank lines after it, until that
    // line comes. One pass, and no list of every line.
    let mut waiting: Option<Waiting> = None;
    for line in lines {
        if line.is_empty() {
            match waiting.as_mut() {
                Some(waiting) => waiting.blanks += 1,
                None => reading.line(line),
            }
            continue;
        }
        if let Some(waiting) = waiting.take() {
            if indentation(line) > waiting.indent {
                reading.header(waiting.indent, waiting.name);
            } else {
                reading.line(waiting.line);
            }
            (0..waiting.blanks).for_each(|_| reading.line(""));
        }
        match bullet(line) {
            Some((indent, name)) => {
                waiting = Some(Waiting {
                    line,
                    indent,
                    name,
                    blanks: 0,
                });
            }
            None => reading.line(line),
        }
    }
    if let Some(waiting) = waiting {
        // Nothing indented follows: a list item, not a comment.
        reading.line(waiting.line);
        (0..waiting.blanks).for_each(|_| reading.line(""));
    }
    reading.finish(title)
}

/// The builder for `text`'s comments: sized once by the count of header
/// lines, as growing it by doubling would touch half as much memory again;
/// or handing them out as they come.
fn builder_for(text: &str, stream: Option<&Stream>) -> CommentTreeBuilder {
    match stream {
        Some(stream) => CommentTreeBuilder::streaming(stream.skip),
        None => CommentTreeBuilder::with_capacity(estimated_comments(text)),
    }
}

/// The lines that start with a bullet: at most one comment each (list
/// items start so too), found by a scan of line starts only.
fn estimated_comments(text: &str) -> usize {
    let bytes = text.as_bytes();
    std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', bytes).map(|at| at + 1))
        .filter(|&start| {
            let line = &bytes[start..];
            let indent = line
                .iter()
                .take_while(|b| matches!(b, b' ' | b'\t'))
                .count();
            let rest = &line[indent..];
            BULLETS.iter().any(|bullet| {
                let mut encoded = [0u8; 4];
                let bullet = bullet.encode_utf8(&mut encoded).as_bytes();
                rest.starts_with(bullet) && rest.get(bullet.len()) == Some(&b' ')
            })
        })
        .count()
}

/// A bullet line, and the blank lines after it, until the next line tells
/// whether it opens a comment.
struct Waiting<'a> {
    line: &'a str,
    indent: usize,
    name: &'a str,
    blanks: usize,
}

/// The state of the forward pass over the lines after the title.
struct Reading<'a> {
    builder: CommentTreeBuilder,
    stream: Option<Stream>,
    /// Lines before the first comment.
    article: Vec<&'a str>,
    /// Bullet indentation and builder position of each open ancestor.
    open: Vec<(usize, usize)>,
    /// The comment being read, and its body lines so far.
    current: Option<(usize, Vec<&'a str>)>,
    /// Room reused from one comment to the next.
    dedented: Vec<&'a str>,
    blocks: Vec<Block>,
}

impl<'a> Reading<'a> {
    /// A line of the article or of the current comment's body.
    fn line(&mut self, line: &'a str) {
        match self.current.as_mut() {
            Some((_, body)) => body.push(line),
            None => self.article.push(line),
        }
    }

    fn header(&mut self, indent: usize, name: &'a str) {
        let mut body = Vec::new();
        if let Some((position, previous)) = self.current.take() {
            self.set_body(position, &previous);
            if self.builder.waiting() >= STREAM_BATCH {
                self.hand_out(name.as_ptr() as usize);
            }
            // The next comment's lines reuse the room.
            body = previous;
            body.clear();
        }
        while self
            .open
            .last()
            .is_some_and(|&(open_indent, _)| open_indent >= indent)
        {
            self.open.pop();
        }
        let parent = self.open.last().map(|&(_, position)| position);
        let deleted = name == "[deleted]";
        let position = self.builder.push(NewComment {
            key: (self.builder.len() + 1).to_string().into(),
            parent,
            author: (!deleted).then(|| name.into()),
            deleted,
            ..NewComment::default()
        });
        self.open.push((indent, position));
        self.current = Some((position, body));
    }

    /// The comment's blocks, from its lines less their common indentation.
    fn set_body(&mut self, position: usize, lines: &[&'a str]) {
        let indent = lines
            .iter()
            .filter(|l| !l.is_empty())
            .map(|l| indentation(l))
            .min()
            .unwrap_or(0);
        self.dedented.clear();
        self.dedented.extend(
            lines
                .iter()
                .map(|l| if l.is_empty() { *l } else { dedent(l, indent) }),
        );
        blocks_from_lines(&self.dedented, &mut self.blocks);
        // Collected anew, the blocks take only the room they need.
        self.builder
            .set_body(position, self.blocks.drain(..).collect::<Vec<_>>());
    }

    /// Hands the finished comments to the stream, if there is one: all but
    /// the one whose body is being read. `at` is where reading is.
    fn hand_out(&mut self, at: usize) {
        let Some(stream) = self.stream.as_mut() else {
            return;
        };
        let unfinished = usize::from(self.current.is_some());
        // In preorder always: a parent is the nearest open comment.
        if let Ok(batch) = self.builder.take_streamed_leaving(unfinished) {
            let at = at.saturating_sub(stream.text_start).min(stream.text_len);
            (stream.send)(batch, at);
        }
    }

    fn finish(mut self, title: String) -> Result<Document, LoadError> {
        if let Some((position, body)) = self.current.take() {
            self.set_body(position, &body);
        }
        self.hand_out(usize::MAX);
        let mut article = Vec::new();
        blocks_from_lines(&self.article, &mut article);
        Ok(Document {
            title,
            article,
            comments: self.builder.build().map_err(LoadError::Tree)?,
            ..Document::default()
        })
    }
}

/// Columns of leading whitespace: a space is one, a tab reaches the next
/// tab stop, as a terminal shows it.
fn indentation(line: &str) -> usize {
    let mut columns = 0;
    for byte in line.bytes() {
        match byte {
            b' ' => columns += 1,
            b'\t' => columns += TAB_WIDTH - columns % TAB_WIDTH,
            _ => break,
        }
    }
    columns
}

/// `line` without its first `columns` columns of leading whitespace (a tab
/// that reaches past them goes too).
fn dedent(line: &str, columns: usize) -> &str {
    let mut seen = 0;
    for (at, byte) in line.bytes().enumerate() {
        if seen >= columns {
            return &line[at..];
        }
        match byte {
            b' ' => seen += 1,
            b'\t' => seen += TAB_WIDTH - seen % TAB_WIDTH,
            _ => return &line[at..],
        }
    }
    ""
}

/// The indentation and name of a bullet line (`  • name`).
fn bullet(line: &str) -> Option<(usize, &str)> {
    let rest = line.trim_start_matches([' ', '\t']);
    // Every line is asked; most start with a letter. Each bullet starts
    // with one of these bytes ('•', '◦' and '‣' with 0xE2).
    if !matches!(rest.as_bytes().first(), Some(b'-' | b'*' | 0xE2)) {
        return None;
    }
    let indent = indentation(line);
    let mut chars = rest.chars();
    let marker = chars.next()?;
    if !BULLETS.contains(&marker) {
        return None;
    }
    let after = chars.as_str();
    let name = after.strip_prefix(' ')?.trim();
    (!name.is_empty()).then_some((indent, name))
}

/// Splits lines into blocks at blank lines, keeping blank lines inside fenced
/// code; the blocks are added to `blocks`.
fn blocks_from_lines(lines: &[&str], blocks: &mut Vec<Block>) {
    let mut group: Vec<&str> = Vec::new();
    let mut in_code: Option<Vec<&str>> = None;
    for &line in lines {
        if let Some(code) = in_code.as_mut() {
            if line.trim() == FENCE {
                blocks.push(Block::new(BlockKind::Code, code.join("\n")));
                in_code = None;
            } else {
                code.push(line);
            }
            continue;
        }
        if line.trim_start().starts_with(FENCE) {
            flush_group(&mut group, blocks);
            in_code = Some(Vec::new());
        } else if line.is_empty() {
            flush_group(&mut group, blocks);
        } else {
            group.push(line);
        }
    }
    if let Some(code) = in_code {
        // An unclosed fence keeps its text as code rather than losing it.
        blocks.push(Block::new(BlockKind::Code, code.join("\n")));
    }
    flush_group(&mut group, blocks);
}

fn flush_group(group: &mut Vec<&str>, blocks: &mut Vec<Block>) {
    if group.is_empty() {
        return;
    }
    let first = group[0].trim_start();
    if group.iter().all(|l| l.trim_start().starts_with('>')) {
        let text: Vec<&str> = group
            .iter()
            .map(|l| {
                let l = l.trim_start().strip_prefix('>').unwrap_or(l);
                l.strip_prefix(' ').unwrap_or(l)
            })
            .collect();
        blocks.push(Block::new(BlockKind::Quote, text.join("\n")));
    } else if let Some(heading) = heading_text(first).filter(|_| group.len() == 1) {
        blocks.push(Block::new(BlockKind::Heading, heading));
    } else if list_marker_text(first).is_some() {
        push_list_items(group, blocks);
    } else {
        let text: Vec<&str> = group.iter().map(|l| l.trim()).collect();
        blocks.push(Block::paragraph(text.join("\n")));
    }
    group.clear();
}

fn heading_text(line: &str) -> Option<&str> {
    let hashes = line.len() - line.trim_start_matches('#').len();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let text = line[hashes..].strip_prefix(' ')?.trim();
    (!text.is_empty()).then_some(text)
}

fn list_marker_text(line: &str) -> Option<&str> {
    let mut chars = line.chars();
    let marker = chars.next()?;
    if !BULLETS.contains(&marker) {
        return None;
    }
    chars.as_str().strip_prefix(' ').map(str::trim)
}

/// A list: each bullet line starts an item, other lines continue the item.
fn push_list_items(group: &[&str], blocks: &mut Vec<Block>) {
    let mut item: Vec<&str> = Vec::new();
    for line in group {
        let trimmed = line.trim_start();
        if let Some(text) = list_marker_text(trimmed) {
            if !item.is_empty() {
                blocks.push(Block::new(BlockKind::ListItem, item.join("\n")));
                item.clear();
            }
            item.push(text);
        } else {
            item.push(trimmed);
        }
    }
    if !item.is_empty() {
        blocks.push(Block::new(BlockKind::ListItem, item.join("\n")));
    }
}
