//! `tread dump`: the whole document as plain text, wrapped to a width, with the
//! comment tree drawn with guides (`├─ │ └─`). No line is wider than the width,
//! measured in display columns, whatever the text holds.

use std::io::{self, Write};

use jiff::tz::TimeZone;

use crate::document::{Block, Comment, Document};
use crate::text::block_lines::block_lines;
use crate::text::tree_guides::{GuideStyle, GuideWalker};
use crate::text::wrap::{WrapMode, display_width, prefix_fitting, wrap_lines};

/// Indentation stops growing at this depth; deeper comments show their depth.
const MAX_INDENTED_DEPTH: usize = 12;
/// Guides never squeeze a comment's text narrower than this.
const MIN_TEXT_WIDTH: usize = 20;

/// Renders `document` as text lines of at most `width` columns (at least 1),
/// its dates in UTC: the same text on every machine.
pub fn render(document: &Document, width: usize) -> String {
    let mut bytes = Vec::new();
    write(document, width, &TimeZone::UTC, &mut bytes).expect("writing to memory cannot fail");
    String::from_utf8(bytes).expect("the dump is text")
}

/// Writes what [`render`] returns to `sink` as it goes, so that dumping a
/// large thread holds one line at a time, not a second copy of its text.
/// Dates are shown in `zone`.
pub fn write(
    document: &Document,
    width: usize,
    zone: &TimeZone,
    sink: impl Write,
) -> io::Result<()> {
    let width = width.max(1);
    let mut out = Output {
        sink: io::BufWriter::with_capacity(1 << 16, sink),
        line: String::new(),
        blank_lines: 0,
        width,
        zone,
    };
    for line in wrap_lines(&document.title, width, WrapMode::Prose) {
        out.line("", line)?;
    }
    let rule_width = display_width(&document.title).clamp(1, width);
    out.line("", &"═".repeat(rule_width))?;
    let published = (document.published.as_deref()).map(|p| crate::age::readable_date(p, zone));
    let site = &document.meta.site;
    for meta in [&document.source, site, &document.author, &published]
        .into_iter()
        .flatten()
    {
        for line in wrap_lines(meta, width, WrapMode::Prose) {
            out.line("", line)?;
        }
    }
    for (index, block) in document.article.iter().enumerate() {
        let previous = index.checked_sub(1).map(|i| &document.article[i]);
        if !previous.is_some_and(|previous| crate::document::single_spaced(previous, block)) {
            out.line("", "")?;
        }
        out.block("", block, width)?;
    }
    out.line("", "")?;
    let count = document.comments.comment_count();
    let mut heading = match count {
        0 => "No comments".to_string(),
        1 => "1 comment".to_string(),
        n => format!("{n} comments"),
    };
    heading.push_str(&document.comments.describe_not_held());
    out.line("", &heading)?;
    out.line("", &"─".repeat(display_width(&heading).min(width)))?;
    render_comments(document, &mut out)?;
    // Blank lines at the very end are dropped, as they always were.
    out.sink.flush()
}

struct Output<'a, W: Write> {
    sink: io::BufWriter<W>,
    /// The line being made, reused.
    line: String,
    /// Blank lines not written yet: written before the next line with text,
    /// dropped at the end.
    blank_lines: usize,
    width: usize,
    zone: &'a TimeZone,
}

impl<W: Write> Output<'_, W> {
    /// Writes one line, clipped to the width: only a grapheme wider than the
    /// space left (a CJK character in one column) is ever clipped. Prefixes
    /// are made of one-column guide characters, so counting chars measures them.
    fn line(&mut self, prefix: &str, text: &str) -> io::Result<()> {
        let prefix_width = prefix.chars().count();
        let (prefix, used) = if prefix_width <= self.width {
            (prefix, prefix_width)
        } else {
            prefix_fitting(prefix, self.width)
        };
        let room = self.width - used;
        let text = if text.is_ascii() {
            &text[..text.len().min(room)]
        } else {
            prefix_fitting(text, room).0
        };
        self.line.clear();
        self.line.push_str(prefix);
        self.line.push_str(text);
        let trimmed = self.line.trim_end().len();
        self.line.truncate(trimmed);
        if self.line.is_empty() {
            self.blank_lines += 1;
            return Ok(());
        }
        for _ in 0..std::mem::take(&mut self.blank_lines) {
            self.sink.write_all(b"\n")?;
        }
        self.line.push('\n');
        self.sink.write_all(self.line.as_bytes())
    }

    fn block(&mut self, prefix: &str, block: &Block, width: usize) -> io::Result<()> {
        for line in block_lines(block, width) {
            let joined = format!("{}{}", line.lead, &block.text[line.range]);
            self.line(prefix, &joined)?;
        }
        Ok(())
    }
}

fn header_text(comment: &Comment, is_op: bool, zone: &TimeZone) -> String {
    if let Some(more) = comment.more {
        return format!("⋯ {}", more.describe());
    }
    let mut header = if comment.deleted {
        "[deleted]".to_string()
    } else {
        comment.author.as_deref().unwrap_or("anonymous").to_string()
    };
    if is_op {
        header.push_str(" (OP)");
    }
    if comment.dead {
        header.push_str(" [dead]");
    }
    if let Some(score) = comment.score {
        let points = if score == 1 { "point" } else { "points" };
        header.push_str(&format!(" · {score} {points}"));
    }
    if let Some(posted) = &comment.posted {
        header.push_str(&format!(" · {}", crate::age::readable_date(posted, zone)));
    }
    header
}

fn render_comments(document: &Document, out: &mut Output<'_, impl Write>) -> io::Result<()> {
    let comments = &document.comments;
    let style = GuideStyle::for_width(
        out.width,
        MIN_TEXT_WIDTH,
        MAX_INDENTED_DEPTH,
        crate::text::tree_guides::LEVEL_WIDTH,
    );
    let mut walker = GuideWalker::default();
    for (id, comment) in comments.iter() {
        let guides = walker.next(comments, id, comment.has_replies(), style);
        let mut header = header_text(comment, document.is_op(comment), out.zone);
        if let Some(depth) = guides.depth_label {
            header = format!("[{depth}] {header}");
        }
        let text_width = out.width.saturating_sub(guides.body_width()).max(1);
        for (index, line) in wrap_lines(&header, text_width, WrapMode::Prose)
            .into_iter()
            .enumerate()
        {
            let lead = if index == 0 {
                &guides.header
            } else {
                &guides.body
            };
            out.line(lead, line)?;
        }
        for (index, block) in comment.body.iter().enumerate() {
            out.block(&guides.body, block, text_width)?;
            let next = comment.body.get(index + 1);
            if !next.is_some_and(|next| crate::document::single_spaced(block, next)) {
                out.line(&guides.body, "")?;
            }
        }
        if comment.body.is_empty() {
            out.line(&guides.body, "")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_items_are_dumped_single_spaced() {
        let document = Document {
            title: "T".into(),
            article: vec![
                Block::paragraph("Two things:"),
                Block::new(crate::document::BlockKind::ListItem, "one"),
                Block::new(crate::document::BlockKind::ListItem, "two"),
            ],
            ..Document::default()
        };
        let dump = render(&document, 40);
        assert!(
            dump.contains("Two things:\n\n• one\n• two\n\nNo comments"),
            "{dump}"
        );
    }
    use crate::formats::{self, Format};

    fn dump_text(source: &str, width: usize) -> String {
        let document = formats::load(source.as_bytes(), Some(Format::Text))
            .unwrap()
            .document;
        render(&document, width)
    }

    #[test]
    fn tree_guides_connect_replies_and_siblings() {
        let source =
            "Title\n\nArticle.\n\n• ann\n  First.\n  • bob\n    Reply.\n• cat\n  Second.\n";
        let expected = "\
Title
═════

Article.

3 comments
──────────
├─ ann
│  │ First.
│  │
│  └─ bob
│       Reply.
│
└─ cat
     Second.
";
        assert_eq!(dump_text(source, 40), expected);
    }

    #[test]
    fn deep_comments_stop_indenting_and_show_their_depth() {
        let mut source = String::from("Deep\n\nText.\n\n");
        for depth in 0..30 {
            source.push_str(&format!(
                "{:w$}• user{depth}\n{:w2$}text\n",
                "",
                "",
                w = depth * 2,
                w2 = depth * 2 + 2
            ));
        }
        let dump = dump_text(&source, 40);
        assert!(dump.contains("[30] user29"), "{dump}");
        assert!(dump.lines().all(|l| display_width(l) <= 40));
    }

    #[test]
    fn no_line_is_wider_than_the_width_even_at_width_one() {
        let source = "日本語のタイトル\n\n記事の本文です。\n\n• 名前\n  コメント 👨‍👩‍👧\n";
        for width in 1..30 {
            let dump = dump_text(source, width);
            for line in dump.lines() {
                assert!(display_width(line) <= width, "width {width}: {line:?}");
            }
        }
    }
}
