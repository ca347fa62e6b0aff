//! The comment pane's state and movement: which comment is selected, which
//! are folded, and which line is at the top of the pane.
//!
//! Positions are kept as (comment, line within that comment), never as an
//! absolute line number: nothing needs the height of the whole thread, only
//! of the comments that scrolling passes over, so a 100,000-comment thread
//! scrolls as cheaply as a short one and a resize keeps the same comment on top.

use std::collections::HashSet;

use crate::document::{BlockKind, CommentId, Document};
use crate::outline::Outline;
use crate::text::tree_guides::GuideStyle;

use super::wrapped::{TextLine, WrappedText};

/// Whether a folded comment shows a line of its text under its header: one
/// with any text does (a deleted comment has none).
pub fn has_preview(document: &Document, id: CommentId) -> bool {
    !document.comments.get(id).body.is_empty()
}

/// A line of the comment pane: the `line`-th line of comment `id`'s row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinePos {
    pub id: CommentId,
    pub line: usize,
}

/// What the comment pane needs to know about the screen and the document to
/// measure rows.
pub struct CommentsEnv<'a> {
    pub document: &'a Document,
    pub wrapped: &'a WrappedText,
    /// Comments whose text behind a content warning the reader asked for.
    pub revealed: &'a HashSet<CommentId>,
    /// Columns for guides and text (the pane less its gutter).
    pub width: usize,
    /// Lines of text the pane shows.
    pub height: usize,
    pub reading_width: usize,
    pub style: GuideStyle,
    pub scrolloff: usize,
}

impl CommentsEnv<'_> {
    /// Columns of the fold marker in a comment's header, counted from the
    /// left edge of the tree (after the selection gutter), for mouse clicks.
    pub fn fold_marker_columns(&self, id: CommentId) -> std::ops::Range<usize> {
        let depth = self.document.comments.get(id).depth as usize;
        let start = self.style.header_indent(depth);
        start..start + 2
    }

    /// Columns of body text for a comment at `depth`.
    pub fn text_width(&self, depth: u32) -> usize {
        let guides = self.style.body_indent(depth as usize);
        self.width
            .saturating_sub(guides)
            .min(self.reading_width)
            .max(1)
    }

    pub fn body(&self, id: CommentId) -> std::rc::Rc<[TextLine]> {
        let depth = self.document.comments.get(id).depth;
        let hidden = self.is_behind_warning(id);
        self.wrapped
            .comment_body(self.document, id, self.text_width(depth), hidden)
    }

    /// Whether comment `id`'s text is hidden behind its content warning:
    /// until the reader asks for it, as Mastodon's "show more" does.
    pub fn is_behind_warning(&self, id: CommentId) -> bool {
        let body = &self.document.comments.get(id).body;
        body.len() > 1 && body[0].kind == BlockKind::Warning && !self.revealed.contains(&id)
    }
}

#[derive(Debug, Clone)]
pub struct CommentsView {
    pub outline: Outline,
    /// None only when the document has no comments.
    pub selected: Option<CommentId>,
    pub top: Option<LinePos>,
    /// A visual selection in the selected comment's body: (anchor, moving
    /// end) as body line indices. Moving to another comment ends it.
    pub visual: Option<(usize, usize)>,
}

impl CommentsView {
    pub fn new(document: &Document) -> CommentsView {
        let outline = Outline::new(&document.comments);
        let first = outline.visible().first().copied();
        CommentsView {
            outline,
            selected: first,
            top: first.map(|id| LinePos { id, line: 0 }),
            visual: None,
        }
    }

    /// Lines the row of a visible comment takes: its header, and then its
    /// body and a blank line after it, or when it is folded one line that
    /// previews the body, so that a folded thread still says what it is about.
    pub fn row_height(&self, env: &CommentsEnv, id: CommentId) -> usize {
        if self.outline.is_folded(id) {
            1 + usize::from(has_preview(env.document, id))
        } else {
            env.body(id).len() + 2
        }
    }

    fn next_row(&self, id: CommentId) -> Option<CommentId> {
        let row = self.outline.row_of(id)?;
        self.outline.visible().get(row + 1).copied()
    }

    fn previous_row(&self, id: CommentId) -> Option<CommentId> {
        let row = self.outline.row_of(id)?;
        row.checked_sub(1).map(|r| self.outline.visible()[r])
    }

    /// `count` lines after `from`, stopping at the last line of the last row.
    pub fn forward(&self, env: &CommentsEnv, from: LinePos, mut count: usize) -> LinePos {
        let mut pos = from;
        loop {
            let height = self.row_height(env, pos.id);
            if pos.line + count < height {
                pos.line += count;
                return pos;
            }
            match self.next_row(pos.id) {
                Some(next) => {
                    count -= height - pos.line;
                    pos = LinePos { id: next, line: 0 };
                }
                None => {
                    pos.line = height - 1;
                    return pos;
                }
            }
        }
    }

    /// `count` lines before `from`, stopping at the first line.
    pub fn backward(&self, env: &CommentsEnv, from: LinePos, mut count: usize) -> LinePos {
        let mut pos = from;
        loop {
            if count <= pos.line {
                pos.line -= count;
                return pos;
            }
            match self.previous_row(pos.id) {
                Some(previous) => {
                    count -= pos.line + 1;
                    let height = self.row_height(env, previous);
                    pos = LinePos {
                        id: previous,
                        line: height - 1,
                    };
                }
                None => {
                    pos.line = 0;
                    return pos;
                }
            }
        }
    }

    /// Lines from `from` down to the first line of `to`, if `to` comes within
    /// `limit` lines.
    fn distance(
        &self,
        env: &CommentsEnv,
        from: LinePos,
        to: CommentId,
        limit: usize,
    ) -> Option<usize> {
        if to < from.id || (to == from.id && from.line > 0) {
            return None;
        }
        let mut lines = 0;
        let mut id = from.id;
        let mut line = from.line;
        while id != to {
            lines += self.row_height(env, id).saturating_sub(line);
            if lines > limit {
                return None;
            }
            id = self.next_row(id)?;
            line = 0;
        }
        Some(lines)
    }

    /// The highest top line that still fills the pane: the pane never scrolls
    /// past the end of the thread.
    fn max_top(&self, env: &CommentsEnv) -> Option<LinePos> {
        let last = *self.outline.visible().last()?;
        let end = LinePos {
            id: last,
            line: self.row_height(env, last) - 1,
        };
        Some(self.backward(env, end, env.height.saturating_sub(1)))
    }

    pub(super) fn clamp_top(&mut self, env: &CommentsEnv) {
        let (Some(top), Some(max)) = (self.top, self.max_top(env)) else {
            return;
        };
        if (top.id, top.line) > (max.id, max.line) {
            self.top = Some(max);
        }
    }

    /// Scrolls by `lines` (down when positive) and keeps the selection on a
    /// comment that is in view.
    pub fn scroll(&mut self, env: &CommentsEnv, lines: isize) {
        let Some(top) = self.top else { return };
        let top = if lines >= 0 {
            self.forward(env, top, lines.unsigned_abs())
        } else {
            self.backward(env, top, lines.unsigned_abs())
        };
        self.top = Some(top);
        self.clamp_top(env);
        self.keep_selection_in_view(env, lines >= 0);
    }

    /// After scrolling: if the selected comment's header left the pane, select
    /// the first comment whose header is in view (or the last, scrolling up).
    fn keep_selection_in_view(&mut self, env: &CommentsEnv, scrolled_down: bool) {
        let (Some(top), Some(selected)) = (self.top, self.selected) else {
            return;
        };
        let in_view = self
            .distance(env, top, selected, env.height.saturating_sub(1))
            .is_some_and(|d| d < env.height);
        if in_view {
            return;
        }
        // Headers in view, top to bottom.
        let mut headers = Vec::new();
        let mut pos = if top.line == 0 {
            Some(top.id)
        } else {
            self.next_row(top.id)
        };
        let mut lines = if top.line == 0 {
            0
        } else {
            self.row_height(env, top.id) - top.line
        };
        while let Some(id) = pos {
            if lines >= env.height {
                break;
            }
            headers.push(id);
            lines += self.row_height(env, id);
            pos = self.next_row(id);
        }
        let choice = if scrolled_down {
            headers.first()
        } else {
            headers.last()
        };
        // A comment taller than the pane may leave no header in view; it is
        // then the one being read.
        self.selected = Some(choice.copied().unwrap_or(top.id));
    }

    /// Scrolls so that the selected comment is in view with `scrolloff` lines
    /// around it, showing as much of it as fits.
    pub fn reveal_selection(&mut self, env: &CommentsEnv) {
        let Some(selected) = self.selected else {
            return;
        };
        let height = env.height.max(1);
        let scrolloff = env.scrolloff.min(height.saturating_sub(1) / 2);
        let row_height = self.row_height(env, selected);
        let wanted = row_height.min(height - 2 * scrolloff).max(1);
        let header = LinePos {
            id: selected,
            line: 0,
        };
        let top = self.top.unwrap_or(header);
        let new_top = match self.distance(env, top, selected, height) {
            Some(y) if y < scrolloff => self.backward(env, header, scrolloff),
            Some(y) if y + wanted + scrolloff <= height => top,
            Some(y) => self.forward(env, top, y + wanted + scrolloff - height),
            // Above the pane, or far below it.
            None if selected < top.id || (selected == top.id && top.line > 0) => {
                self.backward(env, header, scrolloff)
            }
            None => self.backward(env, header, height - wanted - scrolloff),
        };
        self.top = Some(new_top);
        self.clamp_top(env);
    }

    /// Starts a visual selection on the first line of the selected comment.
    pub fn start_visual(&mut self, env: &CommentsEnv) {
        if let Some(id) = self.selected
            && !self.outline.is_folded(id)
            && !env.body(id).is_empty()
        {
            self.visual = Some((0, 0));
        }
    }

    /// Moves the selection's moving end within the comment's body, by lines
    /// or to the edge of the next or previous paragraph, keeping it on screen.
    pub fn extend_visual(&mut self, env: &CommentsEnv, step: super::article_view::VisualStep) {
        let (Some((anchor, head)), Some(id)) = (self.visual, self.selected) else {
            return;
        };
        let head = visual_head(&env.body(id), head, step);
        self.visual = Some((anchor, head));
        // The header is line 0 of the row; body line n is row line n + 1.
        let wanted = LinePos { id, line: head + 1 };
        let top = self.top.unwrap_or(wanted);
        match self.distance_to_line(env, top, wanted, env.height) {
            Some(y) if y < env.height => {}
            Some(y) => self.top = Some(self.forward(env, top, y + 1 - env.height)),
            None => self.top = Some(wanted),
        }
    }

    /// Lines from `from` down to `to`, if `to` is not above `from` and comes
    /// within `limit` lines.
    pub(super) fn distance_to_line(
        &self,
        env: &CommentsEnv,
        from: LinePos,
        to: LinePos,
        limit: usize,
    ) -> Option<usize> {
        if (to.id, to.line) < (from.id, from.line) {
            return None;
        }
        if to.id == from.id {
            return Some(to.line.saturating_sub(from.line));
        }
        self.distance(env, from, to.id, limit + to.line)
            .map(|d| d + to.line)
    }

    /// Scrolls so that line `line` of the selected comment's row (0 is the
    /// header) is in view, if it is not already: a search match deep in a
    /// long comment.
    pub fn reveal_line(&mut self, env: &CommentsEnv, line: usize) {
        let Some(id) = self.selected else {
            return;
        };
        let wanted = LinePos { id, line };
        let top = self.top.unwrap_or(wanted);
        let scrolloff = env.scrolloff.min(env.height.saturating_sub(1) / 2);
        match self.distance_to_line(env, top, wanted, env.height) {
            Some(y) if y + scrolloff < env.height => {}
            _ => {
                // Not in view: put it a third of the way down the pane.
                self.top = Some(self.backward(env, wanted, env.height / 3));
                self.clamp_top(env);
            }
        }
    }

    /// Selects `id` (made visible first) and scrolls it into view.
    pub fn select(&mut self, env: &CommentsEnv, id: CommentId) {
        if self.selected != Some(id) {
            self.visual = None;
        }
        self.outline.reveal(&env.document.comments, id);
        self.selected = Some(id);
        self.reveal_selection(env);
    }

    /// After the pane changed size: the top is a line of a comment, and a
    /// comment wraps to fewer lines in a wider pane, so a top line past its
    /// new end moves to its last line. Every walk from the top relies on it
    /// lying inside its row.
    pub fn after_rewrap(&mut self, env: &CommentsEnv) {
        if let Some(top) = self.top {
            let last = self.row_height(env, top.id).saturating_sub(1);
            self.top = Some(LinePos {
                id: top.id,
                line: top.line.min(last),
            });
        }
    }

    /// After folds change: keep the selection and the top line on visible comments.
    pub fn after_folding(&mut self, env: &CommentsEnv) {
        self.visual = None;
        let comments = &env.document.comments;
        if let Some(selected) = self.selected {
            self.selected = Some(self.outline.nearest_visible(comments, selected));
        }
        if let Some(top) = self.top {
            let visible = self.outline.nearest_visible(comments, top.id);
            let line = if visible == top.id {
                top.line.min(self.row_height(env, visible) - 1)
            } else {
                0
            };
            self.top = Some(LinePos { id: visible, line });
        }
        self.reveal_selection(env);
    }

    /// The comment and the line of its row shown `y` lines below the top,
    /// or None below the end of the thread.
    pub fn line_at(&self, env: &CommentsEnv, y: usize) -> Option<LinePos> {
        let mut pos = self.top?;
        let mut remaining = y;
        loop {
            let height = self.row_height(env, pos.id);
            if pos.line + remaining < height {
                pos.line += remaining;
                return Some(pos);
            }
            remaining -= height - pos.line;
            pos = LinePos {
                id: self.next_row(pos.id)?,
                line: 0,
            };
        }
    }
}

/// Where a visual selection's moving end goes in a comment's body lines: by
/// lines, or to the last (first) line of this paragraph or of the next
/// (previous) one.
fn visual_head(body: &[TextLine], head: usize, step: super::article_view::VisualStep) -> usize {
    use super::article_view::VisualStep;
    let last = body.len().saturating_sub(1);
    let block_of = |line: usize| match body.get(line) {
        Some(TextLine::Text { block, .. }) => Some(*block),
        _ => None,
    };
    match step {
        VisualStep::Lines(n) => head.saturating_add_signed(n).min(last),
        VisualStep::NextParagraph => {
            let here = block_of(head);
            let mut line = head + 1;
            while line <= last && block_of(line) == here {
                line += 1;
            }
            if line - 1 > head {
                return line - 1;
            }
            let next = (line..=last)
                .find(|&l| block_of(l).is_some())
                .unwrap_or(head);
            let block = block_of(next);
            let mut end = next;
            while end < last && block_of(end + 1) == block {
                end += 1;
            }
            end
        }
        VisualStep::PreviousParagraph => {
            let here = block_of(head);
            let mut line = head;
            while line > 0 && block_of(line - 1) == here {
                line -= 1;
            }
            if line < head {
                return line;
            }
            let previous = (0..line)
                .rev()
                .find(|&l| block_of(l).is_some())
                .unwrap_or(head);
            let block = block_of(previous);
            let mut start = previous;
            while start > 0 && block_of(start - 1) == block {
                start -= 1;
            }
            start
        }
    }
}
