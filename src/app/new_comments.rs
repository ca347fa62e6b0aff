//! Comments new since the last visit: which ones they are (their source ids
//! were not among those seen before), marking them read as the reader
//! selects them, and jumping between them.

use std::collections::BTreeSet;

use crate::document::CommentId;

use super::{App, Effect, Pane, plural};

impl App {
    /// Tells the app which comments were seen on earlier visits; None on the
    /// first visit, when nothing is marked new.
    pub fn set_seen(&mut self, seen: Option<&BTreeSet<String>>) {
        self.unread = match seen {
            Some(seen) => self
                .document
                .comments
                .iter()
                .filter(|(_, comment)| !comment.is_stub() && !seen.contains(comment.key.as_str()))
                .map(|(id, _)| id)
                .collect(),
            None => Vec::new(),
        };
        if !self.unread.is_empty() {
            let count = self.unread.len();
            self.message = Some(format!(
                "{count} new {} since your last visit; {} goes to the next",
                plural(count, "comment", "comments"),
                self.keymap.key_label(
                    crate::input::keymap::Context::Global,
                    super::Action::NextNew
                ),
            ));
        }
    }

    /// Whether a comment is new and not yet read in this session.
    pub fn is_new(&self, id: CommentId) -> bool {
        self.unread.binary_search(&id).is_ok()
    }

    /// New, unread comments among the replies below `id`.
    pub fn new_below(&self, id: CommentId) -> usize {
        let range = self.document.comments.subtree(id);
        let start = self.unread.partition_point(|&u| u.index() <= id.index());
        let end = self.unread.partition_point(|&u| u.index() < range.end);
        end.saturating_sub(start)
    }

    /// A comment is read once it is selected in the comment pane.
    pub(super) fn mark_read(&mut self) {
        if self.focus == Pane::Comments
            && let Some(selected) = self.comments.selected
            && let Ok(at) = self.unread.binary_search(&selected)
        {
            self.unread.remove(at);
        }
    }

    /// Goes to the next (or previous) new comment, wrapping around.
    pub(super) fn go_to_new(&mut self, forward: bool) {
        if self.unread.is_empty() {
            self.message = Some("No new comments".to_string());
            return;
        }
        let here = match (self.focus, self.comments.selected) {
            (Pane::Comments, Some(id)) => Some(id),
            _ => None,
        };
        let target = match (here, forward) {
            (None, true) => self.unread[0],
            (None, false) => self.unread[self.unread.len() - 1],
            (Some(here), true) => {
                let after = self.unread.partition_point(|&u| u <= here);
                self.unread[after % self.unread.len()]
            }
            (Some(here), false) => {
                let before = self.unread.partition_point(|&u| u < here);
                self.unread[(before + self.unread.len() - 1) % self.unread.len()]
            }
        };
        self.show_comment(target);
        let left = self.unread.len().saturating_sub(1);
        self.message = Some(format!("{left} more new"));
    }

    /// Queues saving what has been seen: every comment but the unread new ones.
    pub(super) fn save_seen(&mut self) {
        let ids = self
            .document
            .comments
            .iter()
            .filter(|(id, _)| !self.is_new(*id))
            .map(|(_, comment)| comment.key.to_string())
            .collect();
        self.effects.push(Effect::SaveSeen {
            key: self.doc_key.clone(),
            ids,
        });
    }
}
