//! Writing the plain-text format, which [`parse`](super::parse) reads back.

use std::fmt::Write as _;

use crate::document::{Block, BlockKind, Document};

use super::{FENCE, blocks_from_lines};

/// Writes `document` in the plain-text format, which [`parse`](super::parse) reads back to
/// the same title, blocks and tree (metadata the format has no place for,
/// like scores and dates, is left out, and so are stubs for replies the
/// file did not hold, which are not comments).
pub fn write(document: &Document) -> String {
    let mut out = String::new();
    out.push_str(&document.title);
    out.push_str("\n\n");
    write_blocks(&mut out, &document.article, 0);
    for (_, comment) in document.comments.iter().filter(|(_, c)| !c.is_stub()) {
        // Top-level bullets start at column 0: a list item ending the article
        // must not be followed by a deeper line, or it would read as a comment.
        let indent = 2 * comment.depth as usize;
        let name = match (&comment.author, comment.deleted) {
            (_, true) => "[deleted]",
            (Some(author), false) => author.as_str(),
            (None, false) => "anonymous",
        };
        let _ = writeln!(out, "{:indent$}• {name}\n", "");
        if comment
            .body
            .iter()
            .all(|block| block.text.trim().is_empty())
        {
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
        let lines = block_text_lines(block);
        if block.kind == BlockKind::Paragraph {
            // The format has no escapes: a paragraph that would read back as
            // something else (a list for a first line `* like this`, lines
            // without their leading spaces) is written as it will be read,
            // so that a second convert writes the same bytes.
            let as_lines: Vec<&str> = lines.iter().map(String::as_str).collect();
            let mut read_back = Vec::new();
            blocks_from_lines(&as_lines, &mut read_back);
            let reads_the_same = matches!(read_back.as_slice(),
                [only] if only.kind == BlockKind::Paragraph && only.text == block.text);
            if !reads_the_same {
                for block in &read_back {
                    write_lines(out, &block_text_lines(block), indent);
                }
                continue;
            }
        }
        write_lines(out, &lines, indent);
    }
}

/// A block's lines in the format, its markup included.
fn block_text_lines(block: &Block) -> Vec<String> {
    // Blank lines at a block's end would end it early on reading back.
    let text = block.text.trim_end();
    match block.kind {
        BlockKind::Paragraph => text.lines().map(str::to_string).collect(),
        BlockKind::Heading => vec![format!("## {}", text.replace('\n', " "))],
        // The text format has no folding: the warning is said, and the
        // text follows.
        BlockKind::Warning => vec![format!("CW: {}", text.replace('\n', " "))],
        BlockKind::Quote => text.lines().map(|l| format!("> {l}")).collect(),
        // Lines after the first are not indented: in a comment, a bullet
        // followed by a deeper line would read as a reply.
        BlockKind::ListItem => text
            .lines()
            .enumerate()
            .map(|(i, l)| {
                if i == 0 {
                    format!("- {l}")
                } else {
                    l.to_string()
                }
            })
            .collect(),
        BlockKind::Code => std::iter::once(FENCE.to_string())
            .chain(text.lines().map(str::to_string))
            .chain(std::iter::once(FENCE.to_string()))
            .collect(),
    }
}

/// Lines written at `indent`, then the blank line that ends a block.
fn write_lines(out: &mut String, lines: &[String], indent: usize) {
    if lines.iter().all(|line| line.trim().is_empty()) {
        // A block of white space is nothing the reader would read back.
        return;
    }
    for line in lines {
        // The reader drops trailing white space; so does the writer.
        let line = line.trim_end();
        if line.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{:indent$}{line}", "");
        }
    }
    out.push('\n');
}
