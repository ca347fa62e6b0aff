//! Wrapped lines of the article and of comment bodies at a given width, with
//! caches so that each is wrapped once per width, and only when it is needed:
//! the comment pane asks for the comments on screen (and the few around them
//! that scrolling passes over), never the whole thread.
//!
//! The caches sit behind `RefCell` because both `App::update` (heights, for
//! scrolling) and rendering (which only has `&App`) fill them; what they hold
//! is derived from the immutable document, never state of its own.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use crate::document::{Block, CommentId, Document};
use crate::text::block_lines::screen_block_lines;

/// One line of wrapped text: a slice of a block, or the blank between blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextLine {
    Blank,
    /// A slice of the document's title, above the article.
    Title(Range<usize>),
    /// A line of the story header under the title (see `story`), an index
    /// into [`WrappedArticle::header`].
    StoryHeader(usize),
    /// Where a comment's text hidden behind its content warning would be.
    Hidden,
    Text {
        block: usize,
        lead: &'static str,
        range: Range<usize>,
    },
}

/// Lines of `blocks` at `width`, with a blank line between blocks.
pub fn lay_out_blocks(blocks: &[Block], width: usize) -> Vec<TextLine> {
    let mut lines = Vec::new();
    for (index, block) in blocks.iter().enumerate() {
        if index > 0 && !crate::document::single_spaced(&blocks[index - 1], block) {
            lines.push(TextLine::Blank);
        }
        lines.extend(
            screen_block_lines(block, width)
                .into_iter()
                .map(|line| TextLine::Text {
                    block: index,
                    lead: line.lead,
                    range: line.range,
                }),
        );
    }
    lines
}

/// The article at one width.
#[derive(Debug)]
pub struct WrappedArticle {
    pub width: usize,
    pub lines: Vec<TextLine>,
    /// The first line of each block.
    pub block_starts: Vec<usize>,
    /// The story header's lines.
    pub header: Vec<String>,
}

impl WrappedArticle {
    /// The article of `document` under its title and story header, its
    /// dates in `zone`.
    fn of(document: &Document, width: usize, zone: &jiff::tz::TimeZone) -> WrappedArticle {
        let mut lines = Vec::new();
        if super::story::shows_title(document) {
            let title = &document.title;
            let mode = crate::text::wrap::WrapMode::Prose;
            let ranges = crate::text::wrap::wrap_ranges(title, width, mode);
            lines.extend(ranges.into_iter().map(TextLine::Title));
        }
        let parts = super::story::story_header(document, zone);
        let header = super::story::header_lines(&parts, width);
        lines.extend((0..header.len()).map(TextLine::StoryHeader));
        if !lines.is_empty() && !document.article.is_empty() {
            lines.push(TextLine::Blank);
        }
        let mut layout = WrappedArticle::after(lines, &document.article, width);
        layout.header = header;
        layout
    }

    #[cfg(test)]
    fn new(blocks: &[Block], width: usize) -> WrappedArticle {
        WrappedArticle::after(Vec::new(), blocks, width)
    }

    /// `blocks` laid out after the lines of `heading`.
    fn after(heading: Vec<TextLine>, blocks: &[Block], width: usize) -> WrappedArticle {
        let mut lines = heading;
        lines.extend(lay_out_blocks(blocks, width));
        let mut block_starts = vec![0; blocks.len()];
        for (index, line) in lines.iter().enumerate().rev() {
            if let TextLine::Text { block, .. } = line {
                block_starts[*block] = index;
            }
        }
        WrappedArticle {
            width,
            lines,
            block_starts,
            header: Vec::new(),
        }
    }

    /// The block a line belongs to; a blank line belongs to the block before it.
    pub fn block_at(&self, line: usize) -> Option<usize> {
        if self.block_starts.is_empty() {
            return None;
        }
        let after = self.block_starts.partition_point(|&start| start <= line);
        Some(after.saturating_sub(1))
    }

    /// Lines `block` covers (not the blank line after it, if any: list
    /// items have none between them).
    pub fn block_lines(&self, block: usize) -> Range<usize> {
        let start = self.block_starts[block];
        let end = match self.block_starts.get(block + 1) {
            Some(&next) if next > 0 && self.lines[next - 1] == TextLine::Blank => next - 1,
            Some(&next) => next,
            None => self.lines.len(),
        };
        start..end.max(start)
    }
}

/// A comment body's lines, shared between the cache and its users.
pub type BodyLines = Rc<[TextLine]>;

/// Bodies wrapped above this many are dropped from the cache and wrapped
/// again when next needed, so memory stays bounded on huge threads.
const COMMENT_CACHE_LIMIT: usize = 20_000;

#[derive(Debug, Default)]
pub struct WrappedText {
    article: RefCell<Option<Rc<WrappedArticle>>>,
    /// By comment, width, and whether its text behind a content warning is
    /// hidden.
    comments: RefCell<HashMap<(CommentId, usize, bool), BodyLines>>,
}

impl WrappedText {
    /// Drops the article's lines, when its blocks changed (a linked
    /// article read into it).
    pub fn forget_article(&self) {
        self.article.borrow_mut().take();
    }

    /// Drops the comments' lines, when their bodies changed (a document
    /// that arrived in parts, complete at last).
    pub fn forget_comments(&self) {
        self.comments.borrow_mut().clear();
    }

    /// The article at `width`, its dates in `zone` (which changes only
    /// when a document opens, and forgets the lines then).
    pub fn article(
        &self,
        document: &Document,
        width: usize,
        zone: &jiff::tz::TimeZone,
    ) -> Rc<WrappedArticle> {
        let mut cached = self.article.borrow_mut();
        match cached.as_ref() {
            Some(layout) if layout.width == width => Rc::clone(layout),
            _ => {
                let layout = Rc::new(WrappedArticle::of(document, width, zone));
                *cached = Some(Rc::clone(&layout));
                layout
            }
        }
    }

    /// A comment's body lines at `width`; with `hidden`, only its content
    /// warning, and a line saying the rest is hidden.
    pub fn comment_body(
        &self,
        document: &Document,
        id: CommentId,
        width: usize,
        hidden: bool,
    ) -> Rc<[TextLine]> {
        let mut cache = self.comments.borrow_mut();
        if let Some(lines) = cache.get(&(id, width, hidden)) {
            return Rc::clone(lines);
        }
        if cache.len() >= COMMENT_CACHE_LIMIT {
            cache.clear();
        }
        let body = &document.comments.get(id).body;
        let lines: Rc<[TextLine]> = if hidden {
            let mut lines = lay_out_blocks(&body[..1], width);
            lines.extend([TextLine::Blank, TextLine::Hidden]);
            lines.into()
        } else {
            lay_out_blocks(body, width).into()
        };
        cache.insert((id, width, hidden), Rc::clone(&lines));
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_blocks_know_their_lines() {
        let blocks = vec![
            Block::paragraph("one two three four"),
            Block::paragraph("five"),
        ];
        let layout = WrappedArticle::new(&blocks, 9);
        // "one two", "three", "four", blank, "five"
        assert_eq!(layout.lines.len(), 5);
        assert_eq!(layout.block_starts, [0, 4]);
        assert_eq!(layout.block_lines(0), 0..3);
        assert_eq!(layout.block_lines(1), 4..5);
        assert_eq!(layout.block_at(3), Some(0));
        assert_eq!(layout.block_at(4), Some(1));
    }

    #[test]
    fn items_of_a_list_are_single_spaced() {
        use crate::document::BlockKind::ListItem;
        let blocks = vec![
            Block::paragraph("Three things:"),
            Block::new(ListItem, "one two three"),
            Block::new(ListItem, "four"),
            Block::paragraph("After."),
        ];
        let layout = WrappedArticle::new(&blocks, 9);
        // "Three", "things:", blank, "• one two" "  three", "• four", blank, "After."
        let blank: Vec<bool> = layout.lines.iter().map(|l| *l == TextLine::Blank).collect();
        assert_eq!(
            blank,
            [false, false, true, false, false, false, true, false]
        );
        assert_eq!(layout.block_lines(1), 3..5);
        assert_eq!(layout.block_lines(2), 5..6);
        assert_eq!(layout.block_lines(3), 7..8);
    }
}
