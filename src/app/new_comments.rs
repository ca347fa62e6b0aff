//! Comments new since the last visit: which ones they are (their source ids
//! were not among those seen before), marking them read as the reader
//! selects them (the mark stays, dimmed), and jumping between them.

use std::collections::BTreeSet;

use crate::document::CommentId;

use super::{App, Effect, Pane, plural};

impl App {
    /// Tells the app which comments were seen on earlier visits; None on the
    /// first visit, when nothing is marked new.
    pub fn set_seen(&mut self, seen: Option<&BTreeSet<String>>) {
        self.new_comments = match seen {
            Some(seen) => self
                .document
                .comments
                .iter()
                .filter(|(_, comment)| !comment.is_stub() && !seen.contains(comment.key.as_str()))
                .map(|(id, _)| id)
                .collect(),
            None => Vec::new(),
        };
        self.unread = self.new_comments.clone();
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

    /// Whether a comment is new since the last visit, read since or not.
    pub fn is_new(&self, id: CommentId) -> bool {
        self.new_comments.binary_search(&id).is_ok()
    }

    /// Whether a comment is new and not yet read in this session.
    pub fn is_unread(&self, id: CommentId) -> bool {
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

    /// Goes to the next (or previous) new comment, read or not, wrapping
    /// around at the ends as vim's `n` does, and says where it is.
    pub(super) fn go_to_new(&mut self, forward: bool) {
        let new = &self.new_comments;
        if new.is_empty() {
            self.message = Some("No new comments".to_string());
            return;
        }
        let here = match (self.focus, self.comments.selected) {
            (Pane::Comments, Some(id)) => Some(id),
            _ => None,
        };
        let last = new.len() - 1;
        let (index, wrapped) = match (here, forward) {
            (None, true) => (0, false),
            (None, false) => (last, false),
            (Some(here), true) => {
                let after = new.partition_point(|&u| u <= here);
                if after > last {
                    (0, true)
                } else {
                    (after, false)
                }
            }
            (Some(here), false) => match new.partition_point(|&u| u < here) {
                0 => (last, true),
                before => (before - 1, false),
            },
        };
        self.show_comment(new[index]);
        self.message = Some(new_comment_message(index, self.new_comments.len(), wrapped));
    }

    /// Queues saving what has been seen: every comment but the unread new ones.
    pub(super) fn save_seen(&mut self) {
        let ids = self
            .document
            .comments
            .iter()
            .filter(|(id, _)| !self.is_unread(*id))
            .map(|(_, comment)| comment.key.to_string())
            .collect();
        self.effects.push(Effect::SaveSeen {
            key: self.doc_key.clone(),
            ids,
        });
    }
}

/// Where `.` or `,` landed among `count` new comments: "new comment 2/5",
/// at the ends "last new comment" or "first new comment", and a wrap said.
fn new_comment_message(index: usize, count: usize, wrapped: bool) -> String {
    let place = format!("{}/{count}", index + 1);
    match (wrapped, index) {
        (true, 0) => format!("Wrapped to the first new comment ({place})"),
        (true, _) => format!("Wrapped to the last new comment ({place})"),
        (false, i) if i + 1 == count => format!("Last new comment ({place})"),
        (false, 0) => format!("First new comment ({place})"),
        (false, _) => format!("New comment {place}"),
    }
}
