//! The reading position: where the reader is in a document (focus, article
//! scroll and passage cursor, selected comment, folds), made on quit and
//! put back when the document opens again.

use super::{App, Effect, Pane};
use crate::document::CommentId;

/// Where the reader was; comments are named by their source ids, which
/// survive edits to the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadingPosition {
    pub focus: Pane,
    /// The article block at the top of the pane.
    pub article_block: usize,
    pub article_cursor: usize,
    pub selected: Option<String>,
    pub folded: Vec<String>,
    /// The order of replies chosen with `S`, by name; None: the source's.
    pub sort: Option<String>,
}

impl App {
    /// Where the reader is, to be saved on quit.
    pub fn position(&self) -> ReadingPosition {
        let comments = &self.document.comments;
        let pane = self.article_pane();
        let layout = self.article_layout(pane);
        let env = self.article_env(&layout, pane);
        ReadingPosition {
            focus: self.focus,
            article_block: layout.block_at(self.article.top_line(&env)).unwrap_or(0),
            article_cursor: self.article.cursor,
            selected: self
                .comments
                .selected
                .map(|id| comments.get(id).key.to_string()),
            folded: self
                .comments
                .outline
                .folded_ids()
                .map(|id| comments.get(id).key.to_string())
                .collect(),
            sort: (self.sort_order != super::sort::SiblingOrder::Source)
                .then(|| self.sort_order.name().to_string()),
        }
    }

    /// Puts the reader back where `position` says.
    pub fn restore(&mut self, position: &ReadingPosition) {
        let comments = &self.document.comments;
        let folded: Vec<CommentId> = position
            .folded
            .iter()
            .filter_map(|key| comments.find_by_key(key))
            .collect();
        self.comments.outline.set_all_folded(comments, folded);
        let selected = position
            .selected
            .as_deref()
            .and_then(|key| comments.find_by_key(key));
        self.with_comments(|view, env| {
            view.after_folding(env);
            if let Some(id) = selected {
                view.select(env, id);
            }
        });
        let blocks = self.document.article.len();
        if blocks > 0 {
            let cursor = position.article_cursor.min(blocks - 1);
            let top = position.article_block.min(blocks - 1);
            // The cursor is shown by the first layout (`Resize` reveals it),
            // when the pane's real size is known.
            self.with_article(|view, env| {
                view.scroll_block_to_top(env, top);
                view.cursor = cursor;
            });
        }
        if position.focus == Pane::Comments && !self.document.comments.is_empty() {
            self.focus = Pane::Comments;
        }
    }

    /// Quits, keeping the reading position. Every way out comes here.
    pub(super) fn quit(&mut self) {
        self.quit = true;
        self.effects.push(Effect::SavePosition {
            key: self.doc_key.clone(),
            position: self.position(),
        });
        self.save_seen();
    }
}
