//! The plain-text discussion format (DESIGN.md): a title line, article
//! paragraphs, then comments introduced by bullet lines whose body is indented
//! deeper than the bullet. Reading and writing it both live here.
//!
//! Inside the article and comment bodies a small amount of markup is
//! understood, so that `convert --to text` keeps block kinds: `# ` headings,
//! `> ` quotes, bullet lists and fenced code (```).

use std::fmt::Write as _;

use crate::document::sanitize::TAB_WIDTH;
use crate::document::{Block, BlockKind, CommentTreeBuilder, Document, NewComment};

use super::LoadError;

const BULLETS: [char; 5] = ['•', '-', '*', '◦', '‣'];
const FENCE: &str = "```";

/// Parses text whose line endings are `\n` and whose controls are gone
/// ([`sanitize::clean_keeping_tabs`](crate::document::sanitize::clean_keeping_tabs)).
/// Tabs are measured where they stand (to the next multiple of eight
/// columns), never expanded first: a thread indented with one tab per level
/// would otherwise grow eightfold before it is read.
pub fn parse(text: &str) -> Result<Document, LoadError> {
    let lines: Vec<&str> = text.split('\n').map(|l| l.trim_end()).collect();
    let Some(title_index) = lines.iter().position(|l| !l.is_empty()) else {
        return Err(LoadError::Empty);
    };
    let title = lines[title_index].trim().to_string();
    let rest = &lines[title_index + 1..];
    let headers = comment_headers(rest);
    let comments_start = headers.iter().position(|&h| h).unwrap_or(rest.len());

    let article = blocks_from_lines(&rest[..comments_start]);

    // The arena is allocated once: growing it by doubling would touch
    // half as much memory again as the comments take.
    let mut builder = CommentTreeBuilder::with_capacity(headers.iter().filter(|&&h| h).count());
    // Bullet indentation and builder position of each open ancestor.
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut current: Option<(usize, Vec<&str>)> = None;
    for (line, &is_header) in rest.iter().zip(&headers).skip(comments_start) {
        if !is_header {
            if let Some((_, body)) = current.as_mut() {
                body.push(line);
            }
            continue;
        }
        if let Some((position, body)) = current.take() {
            set_body(&mut builder, position, &body);
        }
        let (indent, name) = bullet(line).expect("a header line has a bullet");
        while open
            .last()
            .is_some_and(|&(open_indent, _)| open_indent >= indent)
        {
            open.pop();
        }
        let parent = open.last().map(|&(_, position)| position);
        let deleted = name == "[deleted]";
        let position = builder.push(NewComment {
            key: (builder.len() + 1).to_string().into(),
            parent,
            author: (!deleted).then(|| name.into()),
            deleted,
            ..NewComment::default()
        });
        open.push((indent, position));
        current = Some((position, Vec::new()));
    }
    if let Some((position, body)) = current.take() {
        set_body(&mut builder, position, &body);
    }

    let comments = builder.build().map_err(LoadError::Tree)?;
    Ok(Document {
        title,
        article,
        comments,
        ..Document::default()
    })
}

fn set_body(builder: &mut CommentTreeBuilder, position: usize, lines: &[&str]) {
    let indent = lines
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| indentation(l))
        .min()
        .unwrap_or(0);
    let dedented: Vec<&str> = lines
        .iter()
        .map(|l| if l.is_empty() { *l } else { dedent(l, indent) })
        .collect();
    builder.set_body(position, blocks_from_lines(&dedented));
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
    let indent = indentation(line);
    let rest = line.trim_start_matches([' ', '\t']);
    let mut chars = rest.chars();
    let marker = chars.next()?;
    if !BULLETS.contains(&marker) {
        return None;
    }
    let after = chars.as_str();
    let name = after.strip_prefix(' ')?.trim();
    (!name.is_empty()).then_some((indent, name))
}

/// For each line, whether it opens a comment: a bullet line whose next
/// non-blank line is indented deeper than the bullet. One backward pass finds
/// every line's next non-blank line.
fn comment_headers(lines: &[&str]) -> Vec<bool> {
    let mut headers = vec![false; lines.len()];
    let mut next_indent: Option<usize> = None;
    for (index, line) in lines.iter().enumerate().rev() {
        if line.is_empty() {
            continue;
        }
        if let (Some((indent, _)), Some(next)) = (bullet(line), next_indent) {
            headers[index] = next > indent;
        }
        next_indent = Some(indentation(line));
    }
    headers
}

/// Splits lines into blocks at blank lines, keeping blank lines inside fenced code.
fn blocks_from_lines(lines: &[&str]) -> Vec<Block> {
    let mut blocks = Vec::new();
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
            flush_group(&mut group, &mut blocks);
            in_code = Some(Vec::new());
        } else if line.is_empty() {
            flush_group(&mut group, &mut blocks);
        } else {
            group.push(line);
        }
    }
    if let Some(code) = in_code {
        // An unclosed fence keeps its text as code rather than losing it.
        blocks.push(Block::new(BlockKind::Code, code.join("\n")));
    }
    flush_group(&mut group, &mut blocks);
    blocks
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

/// Writes `document` in the plain-text format, which [`parse`] reads back to
/// the same title, blocks and tree (metadata the format has no place for,
/// like scores and dates, is left out).
pub fn write(document: &Document) -> String {
    let mut out = String::new();
    out.push_str(&document.title);
    out.push_str("\n\n");
    write_blocks(&mut out, &document.article, 0);
    for (_, comment) in document.comments.iter() {
        // Top-level bullets start at column 0: a list item ending the article
        // must not be followed by a deeper line, or it would read as a comment.
        let indent = 2 * comment.depth as usize;
        let name = match (&comment.author, comment.deleted) {
            (_, true) => "[deleted]",
            (Some(author), false) => author.as_str(),
            (None, false) => "anonymous",
        };
        let _ = writeln!(out, "{:indent$}• {name}\n", "");
        if comment.body.is_empty() {
            // The format recognises a comment by its indented body.
            let placeholder = if comment.deleted {
                "[deleted]"
            } else {
                "[empty]"
            };
            let body = [Block::paragraph(placeholder)];
            write_blocks(&mut out, &body, indent + 2);
        } else {
            write_blocks(&mut out, &comment.body, indent + 2);
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn write_blocks(out: &mut String, blocks: &[Block], indent: usize) {
    for block in blocks {
        let lines: Vec<String> = match block.kind {
            BlockKind::Paragraph => block.text.lines().map(str::to_string).collect(),
            BlockKind::Heading => vec![format!("## {}", block.text.replace('\n', " "))],
            BlockKind::Quote => block.text.lines().map(|l| format!("> {l}")).collect(),
            BlockKind::ListItem => block
                .text
                .lines()
                .enumerate()
                .map(|(i, l)| {
                    if i == 0 {
                        format!("- {l}")
                    } else {
                        format!("  {l}")
                    }
                })
                .collect(),
            BlockKind::Code => std::iter::once(FENCE.to_string())
                .chain(block.text.lines().map(str::to_string))
                .chain(std::iter::once(FENCE.to_string()))
                .collect(),
        };
        for line in lines {
            if line.is_empty() {
                out.push('\n');
            } else {
                let _ = writeln!(out, "{:indent$}{line}", "");
            }
        }
        out.push('\n');
    }
}
