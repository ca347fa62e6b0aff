//! The article pane's state: the top line and the passage cursor.
//!
//! The top is kept as (block, line within the block), so a resize, which
//! re-wraps every block, keeps the same paragraph on top. The passage cursor
//! is a block index: it is what bookmarks attach to, and it follows scrolling
//! so it is always on screen.

use super::wrapped::WrappedArticle;

/// Where block `block` starts for scrolling: the first block at the top,
/// with the title and story header above its text.
fn row_start(env: &ArticleEnv, block: usize) -> usize {
    if block == 0 {
        0
    } else {
        env.layout.block_starts[block]
    }
}

/// How a visual selection grows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VisualStep {
    Lines(isize),
    NextParagraph,
    PreviousParagraph,
}

pub struct ArticleEnv<'a> {
    pub layout: &'a WrappedArticle,
    pub height: usize,
    pub scrolloff: usize,
}

impl ArticleEnv<'_> {
    fn max_top(&self) -> usize {
        self.layout.lines.len().saturating_sub(self.height)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleView {
    top_block: usize,
    /// Lines from where the top block starts: for the first block, the
    /// top of the pane, with the title and story header above its text.
    top_offset: usize,
    /// The block the passage cursor is on.
    pub cursor: usize,
    /// A visual selection: (anchor line, moving line), in lines of the
    /// layout at the current width. A resize ends it.
    pub visual: Option<(usize, usize)>,
}

impl ArticleView {
    /// The line at the top of the pane.
    pub fn top_line(&self, env: &ArticleEnv) -> usize {
        if self.top_block >= env.layout.block_starts.len() {
            return 0;
        }
        (row_start(env, self.top_block) + self.top_offset).min(env.max_top())
    }

    fn set_top_line(&mut self, env: &ArticleEnv, line: usize) {
        let line = line.min(env.max_top());
        match env.layout.block_at(line) {
            Some(block) => {
                self.top_block = block;
                self.top_offset = line - row_start(env, block);
            }
            None => {
                self.top_block = 0;
                self.top_offset = 0;
            }
        }
    }

    /// Scrolls by `lines`; the passage cursor moves onto the screen if it left it.
    pub fn scroll(&mut self, env: &ArticleEnv, lines: isize) {
        let top = self.top_line(env);
        let new_top = top.saturating_add_signed(lines);
        self.set_top_line(env, new_top);
        self.keep_cursor_in_view(env, lines >= 0);
    }

    pub fn to_top(&mut self, env: &ArticleEnv) {
        self.set_top_line(env, 0);
        self.cursor = 0;
    }

    pub fn to_bottom(&mut self, env: &ArticleEnv) {
        self.set_top_line(env, env.max_top());
        self.cursor = env.layout.block_starts.len().saturating_sub(1);
        self.keep_cursor_in_view(env, false);
    }

    fn visible_lines(&self, env: &ArticleEnv) -> std::ops::Range<usize> {
        let top = self.top_line(env);
        top..(top + env.height).min(env.layout.lines.len())
    }

    /// Scrolls so that `block` starts at the top (as far as the end
    /// allows); the first block, with the title above it.
    pub fn scroll_block_to_top(&mut self, env: &ArticleEnv, block: usize) {
        if let Some(&start) = env.layout.block_starts.get(block) {
            self.set_top_line(env, if block == 0 { 0 } else { start });
        }
    }

    fn keep_cursor_in_view(&mut self, env: &ArticleEnv, scrolled_down: bool) {
        if env.layout.block_starts.is_empty() {
            return;
        }
        let view = self.visible_lines(env);
        let cursor_lines = env.layout.block_lines(self.cursor);
        if cursor_lines.start < view.end && view.start < cursor_lines.end {
            return;
        }
        let line = if scrolled_down {
            view.start
        } else {
            view.end.saturating_sub(1)
        };
        if let Some(block) = env.layout.block_at(line) {
            // A blank line at the top belongs to the block above; take the next.
            let below = env.layout.block_lines(block).end <= line;
            self.cursor = if below && scrolled_down {
                (block + 1).min(env.layout.block_starts.len() - 1)
            } else {
                block
            };
        }
    }

    /// Moves the passage cursor by `blocks` and scrolls it into view.
    pub fn move_cursor(&mut self, env: &ArticleEnv, blocks: isize) {
        let count = env.layout.block_starts.len();
        if count == 0 {
            return;
        }
        self.cursor = self.cursor.saturating_add_signed(blocks).min(count - 1);
        self.reveal_cursor(env);
    }

    /// Scrolls so the cursor's block starts in view, with `scrolloff` lines of
    /// context, showing as much of the block as fits.
    pub fn reveal_cursor(&mut self, env: &ArticleEnv) {
        if env.layout.block_starts.is_empty() {
            return;
        }
        let lines = env.layout.block_lines(self.cursor);
        let scrolloff = env.scrolloff.min(env.height.saturating_sub(1) / 2);
        let top = self.top_line(env);
        let wanted_end = lines
            .end
            .min(lines.start + env.height.saturating_sub(2 * scrolloff).max(1));
        let new_top = if self.cursor == 0 && (top == 0 || lines.start < top + scrolloff) {
            // The first block comes with the title and header above it,
            // even when a small pane then shows little of the block.
            0
        } else if lines.start < top + scrolloff {
            lines.start.saturating_sub(scrolloff)
        } else if wanted_end + scrolloff > top + env.height {
            wanted_end + scrolloff - env.height
        } else {
            top
        };
        self.set_top_line(env, new_top);
    }

    /// Scrolls so that layout line `line` is in view, if it is not already.
    pub fn reveal_line(&mut self, env: &ArticleEnv, line: usize) {
        let top = self.top_line(env);
        let scrolloff = env.scrolloff.min(env.height.saturating_sub(1) / 2);
        if line < top + scrolloff || line + scrolloff >= top + env.height {
            self.set_top_line(env, line.saturating_sub(env.height / 3));
        }
    }

    /// Puts the cursor on the block shown `y` lines below the top (a click).
    pub fn place_cursor_at(&mut self, env: &ArticleEnv, y: usize) {
        let line = self.top_line(env) + y;
        if line < env.layout.lines.len()
            && let Some(block) = env.layout.block_at(line)
        {
            self.cursor = block;
        }
    }

    /// Starts a visual selection on the first line of the cursor's paragraph.
    pub fn start_visual(&mut self, env: &ArticleEnv) {
        if let Some(&start) = env.layout.block_starts.get(self.cursor) {
            self.visual = Some((start, start));
        }
    }

    /// Moves the selection's moving end by `lines`, or to the edge of the
    /// next or previous paragraph, keeping it on screen.
    pub fn extend_visual(&mut self, env: &ArticleEnv, step: VisualStep) {
        let Some((anchor, head)) = self.visual else {
            return;
        };
        let last_line = env.layout.lines.len().saturating_sub(1);
        let blocks = env.layout.block_starts.len();
        let block = env.layout.block_at(head).unwrap_or(0);
        let head = match step {
            VisualStep::Lines(n) => head.saturating_add_signed(n).min(last_line),
            VisualStep::NextParagraph => {
                let here = env.layout.block_lines(block);
                if head + 1 < here.end {
                    here.end - 1
                } else {
                    env.layout.block_lines((block + 1).min(blocks - 1)).end - 1
                }
            }
            VisualStep::PreviousParagraph => {
                let here = env.layout.block_lines(block);
                if head > here.start {
                    here.start
                } else {
                    env.layout.block_lines(block.saturating_sub(1)).start
                }
            }
        };
        self.visual = Some((anchor, head));
        if let Some(block) = env.layout.block_at(head) {
            self.cursor = block;
        }
        let top = self.top_line(env);
        if head < top {
            self.set_top_line(env, head);
        } else if head >= top + env.height {
            self.set_top_line(env, head + 1 - env.height);
        }
    }

    /// How far down the article the pane is, 0–100.
    pub fn percent(&self, env: &ArticleEnv) -> usize {
        (self.top_line(env) * 100)
            .checked_div(env.max_top())
            .unwrap_or(100)
    }
}
