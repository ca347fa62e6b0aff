//! Code is not wrapped: a code line wider than its pane is chopped, with a
//! `›` where it goes on, and `<` / `>` scroll the focused pane's code
//! sideways, half the pane at a time, as `less -S` does.

use super::{Action, App, Pane};
use crate::document::{Block, BlockKind};
use crate::text::wrap::display_width;

/// How far each pane's code is scrolled sideways, in columns.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CodeScroll {
    pub article: usize,
    pub comments: usize,
}

/// Columns of the widest code line among `blocks`.
fn widest_code(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .filter(|block| block.kind == BlockKind::Code)
        .flat_map(|block| block.text.split('\n'))
        .map(display_width)
        .max()
        .unwrap_or(0)
}

impl App {
    /// How far the code in `pane` is scrolled sideways.
    pub fn code_offset(&self, pane: Pane) -> usize {
        match pane {
            Pane::Article => self.code_scroll.article,
            Pane::Comments => self.code_scroll.comments,
        }
    }

    /// `<` and `>`: the focused pane's code, sideways; the comment pane's
    /// as far as the selected comment's widest line needs.
    pub(super) fn scroll_code(&mut self, action: Action) {
        let (blocks, pane) = match self.focus {
            Pane::Article => (self.document.article.as_slice(), self.article_pane()),
            Pane::Comments => match self.comments.selected {
                Some(id) => (
                    self.document.comments.get(id).body.as_slice(),
                    self.comment_pane(),
                ),
                None => (&[][..], self.comment_pane()),
            },
        };
        let widest = widest_code(blocks);
        let room = usize::from(pane.width).saturating_sub(8).max(1);
        if widest <= room {
            self.message = Some("No code here wider than the pane".to_string());
            return;
        }
        let step = (room / 2).max(4);
        let most = widest - room;
        let offset = match self.focus {
            Pane::Article => &mut self.code_scroll.article,
            Pane::Comments => &mut self.code_scroll.comments,
        };
        let before = *offset;
        *offset = if action == Action::ScrollCodeRight {
            (*offset + step).min(most + 1)
        } else {
            offset.saturating_sub(step)
        };
        self.message = Some(match *offset {
            0 if before == 0 => "The code's left edge".to_string(),
            0 => "Code back at its left edge".to_string(),
            o if o == before => "The code's right edge".to_string(),
            o => format!("Code scrolled {o} columns to the right"),
        });
    }
}
