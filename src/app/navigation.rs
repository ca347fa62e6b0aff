//! Moving around: the panes' scrolling and cursor, the selected comment and
//! its neighbours, mouse clicks and the wheel, jumps and jumping back, and
//! how the panes are arranged.

use ratatui::layout::Rect;

use super::article_view::{ArticleEnv, ArticleView, VisualStep};
use super::comments_view::{CommentsEnv, CommentsView};
use super::geometry::COMMENT_GUTTER;
use super::{Action, App, Arrangement, CommentsParts, Pane, Spot, comments_env};
use crate::document::CommentId;

impl App {
    /// The pane whose text is at a screen cell, and the cell's row within it.
    pub(super) fn pane_at(&self, column: u16, row: u16) -> Option<(Pane, Rect)> {
        let screen = self.screen();
        let hit = |rect: Rect| rect.contains(ratatui::layout::Position::new(column, row));
        if let Some(article) = screen.article.filter(|p| hit(p.body)) {
            return Some((Pane::Article, article.body));
        }
        if let Some(comments) = screen.comments.filter(|p| hit(p.body)) {
            return Some((Pane::Comments, comments.body));
        }
        None
    }

    pub(super) fn click(&mut self, column: u16, row: u16) {
        if self.overlay.is_some() {
            return;
        }
        match self.pane_at(column, row) {
            Some((Pane::Article, pane)) => {
                self.focus = Pane::Article;
                let y = usize::from(row - pane.y);
                self.with_article(|view, env| view.place_cursor_at(env, y));
            }
            Some((Pane::Comments, pane)) => {
                self.focus = Pane::Comments;
                let y = usize::from(row - pane.y);
                let x = usize::from(column - pane.x);
                let env = self.comments_env(pane);
                let Some(pos) = self.comments.line_at(&env, y) else {
                    return;
                };
                let on_marker = pos.line == 0 && {
                    let marker = env.fold_marker_columns(pos.id);
                    marker.contains(&x.saturating_sub(usize::from(COMMENT_GUTTER)))
                };
                self.comments.selected = Some(pos.id);
                if on_marker {
                    self.toggle_fold(pos.id);
                }
            }
            None => {}
        }
    }

    pub(super) fn with_article(&mut self, change: impl FnOnce(&mut ArticleView, &ArticleEnv)) {
        let pane = self.article_pane();
        let layout = self.article_layout(pane);
        let env = self.article_env(&layout, pane);
        change(&mut self.article, &env);
    }

    pub(super) fn with_comments(&mut self, change: impl FnOnce(&mut CommentsView, &CommentsEnv)) {
        let pane = self.comment_pane();
        // The environment borrows the document and caches; the view is a
        // separate field, so it can change while they are read.
        let parts = CommentsParts {
            document: &self.document,
            wrapped: &self.wrapped,
            revealed: &self.revealed,
        };
        let env = comments_env(parts, &self.settings, pane);
        change(&mut self.comments, &env);
    }

    pub(super) fn page_lines(&self, pane: Pane) -> usize {
        let rect = match pane {
            Pane::Article => self.article_pane(),
            Pane::Comments => self.comment_pane(),
        };
        usize::from(rect.height).max(1)
    }

    /// Goes to visible comment `number` (from 1) in the comment pane, or to
    /// paragraph `number` in the article; past the end, to the last.
    pub(super) fn go_to_number(&mut self, number: usize) {
        if self.overlay_takes_keys() {
            return;
        }
        let index = number.max(1) - 1;
        match self.focus {
            Pane::Comments => {
                let visible = self.comments.outline.visible();
                if let Some(&id) = visible.get(index).or(visible.last()) {
                    self.with_comments(|view, env| view.select(env, id));
                }
            }
            Pane::Article => {
                let last = self.document.article.len().saturating_sub(1);
                self.show_article_block(index.min(last));
            }
        }
    }

    /// Where the reader is now.
    pub fn spot(&self) -> Spot {
        Spot {
            focus: self.focus,
            article_cursor: self.article.cursor,
            selected: self.comments.selected,
        }
    }

    pub(super) fn go_to_spot(&mut self, spot: Spot) {
        self.show_article_block(spot.article_cursor);
        if let Some(id) = spot.selected {
            self.show_comment(id);
        }
        self.focus = spot.focus;
    }

    /// Puts the passage cursor on an article block, in view, focusing the article.
    pub(crate) fn show_article_block(&mut self, block: usize) {
        self.focus = Pane::Article;
        self.with_article(|view, env| {
            view.cursor = block;
            view.reveal_cursor(env);
        });
    }

    /// Selects a comment, unfolding its ancestors and scrolling it into
    /// view, focusing the comments.
    pub(crate) fn show_comment(&mut self, id: CommentId) {
        self.focus = Pane::Comments;
        self.with_comments(|view, env| view.select(env, id));
    }

    pub(super) fn resize(&mut self, width: u16, height: u16) {
        // Visual selections are kept in lines, which a new width re-wraps.
        if (width, height) != (self.area.width, self.area.height) {
            self.article.visual = None;
            self.comments.visual = None;
        }
        self.area = Rect::new(0, 0, width, height);
        self.after_resize();
    }

    pub(super) fn wheel(&mut self, column: u16, row: u16, down: bool) {
        let lines = self.settings.wheel_lines as isize * if down { 1 } else { -1 };
        match self.pane_at(column, row) {
            Some((Pane::Article, _)) => self.with_article(|v, env| v.scroll(env, lines)),
            Some((Pane::Comments, _)) => self.with_comments(|v, env| v.scroll(env, lines)),
            None => {}
        }
    }

    /// After the panes changed size: keep the selection and the passage
    /// cursor in view.
    pub(super) fn after_resize(&mut self) {
        self.with_comments(|view, env| {
            view.after_rewrap(env);
            view.reveal_selection(env);
        });
        self.with_article(|view, env| view.reveal_cursor(env));
    }

    /// Takes the mouse, or leaves it to the terminal to select text with.
    pub(super) fn toggle_mouse(&mut self) {
        self.mouse = !self.mouse;
        let key = self
            .keymap
            .key_label(crate::input::keymap::Context::Global, Action::ToggleMouse);
        self.message = Some(if self.mouse {
            format!("Mouse on: clicks and the wheel are tread's ({key} gives them back)")
        } else {
            format!("Mouse off: the terminal selects text ({key} takes the mouse again)")
        });
    }

    pub(super) fn focus_next(&mut self) {
        self.article.visual = None;
        self.comments.visual = None;
        self.focus = match self.focus {
            Pane::Article => Pane::Comments,
            Pane::Comments => Pane::Article,
        };
        if self.focus == Pane::Comments && self.document.comments.is_empty() {
            self.focus = Pane::Article;
            self.message = Some("This document has no comments".to_string());
        }
        if self.focus == Pane::Article && self.article_is_empty() {
            self.focus = Pane::Comments;
            self.message = Some("This document has no article, only comments".to_string());
        }
    }

    /// `ToggleLayout` switches side by side and stacked; `ToggleZoom` shows
    /// the focused pane alone, or both again.
    pub(super) fn rearrange(&mut self, action: Action) {
        if action == Action::ToggleLayout {
            self.chosen_arrangement = Some(match self.arrangement() {
                Arrangement::SideBySide => Arrangement::Stacked,
                Arrangement::Stacked => Arrangement::SideBySide,
            });
            self.zoomed = false;
        } else {
            self.zoomed = !self.zoomed;
        }
        self.after_resize();
    }

    pub(super) fn apply_to_article(&mut self, action: Action) {
        use Action::*;
        let page = self.page_lines(Pane::Article) as isize;
        if self.article.visual.is_some() {
            let step = match action {
                ScrollDown => Some(VisualStep::Lines(1)),
                ScrollUp => Some(VisualStep::Lines(-1)),
                HalfPageDown => Some(VisualStep::Lines(page / 2)),
                HalfPageUp => Some(VisualStep::Lines(-page / 2)),
                NextParagraph => Some(VisualStep::NextParagraph),
                PreviousParagraph => Some(VisualStep::PreviousParagraph),
                _ => None,
            };
            if let Some(step) = step {
                self.with_article(|view, env| view.extend_visual(env, step));
                return;
            }
        }
        self.with_article(|view, env| match action {
            VisualSelect if view.visual.is_some() => view.visual = None,
            VisualSelect => view.start_visual(env),
            ScrollDown => view.scroll(env, 1),
            ScrollUp => view.scroll(env, -1),
            HalfPageDown => view.scroll(env, page / 2),
            HalfPageUp => view.scroll(env, -page / 2),
            PageDown => view.scroll(env, page),
            PageUp => view.scroll(env, -page),
            Top => view.to_top(env),
            Bottom => view.to_bottom(env),
            NextParagraph => view.move_cursor(env, 1),
            PreviousParagraph => view.move_cursor(env, -1),
            _ => {}
        });
    }

    pub(super) fn apply_to_comments(&mut self, action: Action) {
        let Some(selected) = self.comments.selected else {
            return;
        };
        if self.comments.visual.is_some() {
            let step = match action {
                Action::NextComment | Action::ScrollDown => Some(VisualStep::Lines(1)),
                Action::PreviousComment | Action::ScrollUp => Some(VisualStep::Lines(-1)),
                Action::NextThread => Some(VisualStep::NextParagraph),
                Action::PreviousThread => Some(VisualStep::PreviousParagraph),
                _ => None,
            };
            if let Some(step) = step {
                self.with_comments(|view, env| view.extend_visual(env, step));
                return;
            }
        }
        if action == Action::VisualSelect {
            self.with_comments(|view, env| {
                if view.visual.is_some() {
                    view.visual = None;
                } else {
                    view.start_visual(env);
                }
            });
            return;
        }
        let env = self.comments_env(self.comment_pane());
        let within = match action {
            Action::NextComment if self.comments.continues_below(&env) => 1,
            Action::PreviousComment if self.comments.continues_above() => -1,
            _ => 0,
        };
        if within != 0 {
            return self.with_comments(|view, env| view.scroll_within(env, within));
        }
        if let Some(target) = self.comment_target(action, selected) {
            self.with_comments(|view, env| view.select(env, target));
            return;
        }
        if let Some(boundary) = boundary_message(action) {
            self.message = Some(boundary.to_string());
            return;
        }
        let page = self.page_lines(Pane::Comments) as isize;
        let lines = match action {
            Action::ScrollDown => 1,
            Action::ScrollUp => -1,
            Action::HalfPageDown => page / 2,
            Action::HalfPageUp => -page / 2,
            Action::PageDown => page,
            Action::PageUp => -page,
            _ => return self.apply_fold(action, selected),
        };
        self.with_comments(|view, env| view.scroll(env, lines));
    }

    /// The comment a movement from `selected` goes to, if it is one and goes
    /// anywhere (else [`boundary_message`] says why not).
    pub(super) fn comment_target(&self, action: Action, selected: CommentId) -> Option<CommentId> {
        use Action::*;
        let comments = &self.document.comments;
        let visible = self.comments.outline.visible();
        let row = self.comments.outline.row_of(selected).unwrap_or(0);
        match action {
            NextComment => visible.get(row + 1).copied(),
            PreviousComment => row.checked_sub(1).map(|r| visible[r]),
            NextSibling => comments.next_sibling(selected),
            PreviousSibling => comments.previous_sibling(selected),
            Parent => comments.get(selected).parent,
            ThreadRoot => Some(comments.thread_root(selected)),
            NextThread => comments.next_sibling(comments.thread_root(selected)),
            PreviousThread => {
                let root = comments.thread_root(selected);
                // From inside a thread, go to its top first, as `{` in vim.
                if root != selected {
                    Some(root)
                } else {
                    comments.previous_sibling(root)
                }
            }
            Top => visible.first().copied(),
            Bottom => visible.last().copied(),
            _ => None,
        }
    }
}

/// What a tree movement that goes nowhere says, as vim says why a motion
/// failed: the reader learns where it is rather than thinking the key
/// did not work.
fn boundary_message(action: Action) -> Option<&'static str> {
    Some(match action {
        Action::NextSibling => "No next reply at this level",
        Action::PreviousSibling => "No previous reply at this level",
        Action::Parent => "A top-level comment: no parent",
        Action::NextThread => "This is the last thread",
        Action::PreviousThread => "This is the first thread",
        Action::NextComment => "The last comment",
        Action::PreviousComment => "The first comment",
        _ => return None,
    })
}
