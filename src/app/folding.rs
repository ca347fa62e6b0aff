//! Folding: a thread's replies hidden under its first comment, one at a
//! time, by thread, or from a depth down; and a comment's text hidden
//! behind its content warning, shown on request.

use super::{Action, App, Effect, plural};
use crate::document::CommentId;

impl App {
    /// The fold actions on the selected comment.
    pub(super) fn apply_fold(&mut self, action: Action, selected: CommentId) {
        let comments = &self.document.comments;
        match action {
            Action::ToggleFold => self.toggle_fold(selected),
            Action::FoldOrParent => {
                let has_replies = comments.get(selected).has_replies();
                if has_replies && !self.comments.outline.is_folded(selected) {
                    self.set_folded(selected, true);
                } else if let Some(parent) = comments.get(selected).parent {
                    self.with_comments(|view, env| view.select(env, parent));
                }
            }
            Action::UnfoldOrChild => {
                if self.comments.outline.is_folded(selected) {
                    self.set_folded(selected, false);
                } else if let Some(child) = comments.first_reply(selected) {
                    self.with_comments(|view, env| view.select(env, child));
                }
            }
            Action::FoldAll => self.fold_from_depth(Some(0)),
            Action::UnfoldAll => self.fold_from_depth(None),
            Action::FoldThread => {
                let root = comments.thread_root(selected);
                self.comments.selected = Some(root);
                self.set_folded(root, true);
            }
            other => {
                if let Some(levels) = other.fold_below_levels() {
                    self.fold_from_depth(Some(levels - 1));
                }
            }
        }
    }

    /// Shows the text behind a content warning first, as a reader asks to
    /// see it before the replies; after that, folds and unfolds them.
    pub(super) fn toggle_fold(&mut self, id: CommentId) {
        let comment = self.document.comments.get(id);
        if comment.is_stub() {
            // As Reddit's "load more comments": the replies are fetched.
            let stub = comment.key.to_string();
            self.effects.push(Effect::FetchReplies { stub });
            self.message = Some("Fetching the replies…".to_string());
            return;
        }
        if self.comments_env(self.comment_pane()).is_behind_warning(id) {
            self.reveal(id);
            return;
        }
        let folded = self.comments.outline.is_folded(id);
        self.set_folded(id, !folded);
    }

    /// The stubs whose replies the reader asked for, for the event loop.
    pub fn take_fetch_requests(&mut self) -> Vec<String> {
        self.take_effects(|effect| match effect {
            Effect::FetchReplies { stub } => Some(stub.clone()),
            _ => None,
        })
    }

    /// Shows comment `id`'s text behind its content warning.
    pub(super) fn reveal(&mut self, id: CommentId) {
        if self.revealed.insert(id) {
            self.message = Some("Showing the text behind the content warning".to_string());
            self.with_comments(|view, env| view.after_folding(env));
        }
    }

    pub(super) fn set_folded(&mut self, id: CommentId, folded: bool) {
        let comment = self.document.comments.get(id);
        if !comment.has_replies() {
            self.message = Some("No replies to fold".to_string());
            return;
        }
        let hidden = self.document.comments.replies_under(id);
        self.comments
            .outline
            .set_folded(&self.document.comments, id, folded);
        self.message = Some(if folded {
            format!("Folded {hidden} {}", plural(hidden, "reply", "replies"))
        } else {
            format!("Unfolded {hidden} {}", plural(hidden, "reply", "replies"))
        });
        self.with_comments(|view, env| view.after_folding(env));
    }

    pub(super) fn fold_from_depth(&mut self, depth: Option<u32>) {
        self.comments
            .outline
            .fold_from_depth(&self.document.comments, depth);
        self.with_comments(|view, env| view.after_folding(env));
    }
}
