//! `j` and `k` on a comment taller than the pane: they scroll through it a
//! line at a time, as a pager does, before moving to the next or previous
//! comment, so that no part of a long comment is jumped over unseen.

use super::comments_view::{CommentsEnv, CommentsView, LinePos};

impl CommentsView {
    /// Whether the selected comment's text goes on below the pane.
    pub fn continues_below(&self, env: &CommentsEnv) -> bool {
        let (Some(top), Some(id)) = (self.top, self.selected) else {
            return false;
        };
        if self.outline.is_folded(id) {
            return false;
        }
        // Its last line of text, not the blank line after it.
        let last = LinePos {
            id,
            line: self.row_height(env, id).saturating_sub(2),
        };
        if (last.id, last.line) < (top.id, top.line) {
            return false;
        }
        self.distance_to_line(env, top, last, env.height)
            .is_none_or(|y| y >= env.height)
    }

    /// Whether the selected comment begins above the pane: its header
    /// scrolled out of view while it was read.
    pub fn continues_above(&self) -> bool {
        matches!((self.top, self.selected), (Some(top), Some(id)) if top.id == id && top.line > 0)
    }

    /// Moves the top by `lines` (down when positive), the selection kept.
    pub fn scroll_within(&mut self, env: &CommentsEnv, lines: isize) {
        let Some(top) = self.top else { return };
        self.top = Some(if lines >= 0 {
            self.forward(env, top, lines.unsigned_abs())
        } else {
            self.backward(env, top, lines.unsigned_abs())
        });
        self.clamp_top(env);
    }
}
