//! The comment tree, stored as one arena in preorder.
//!
//! Keeping the arena in preorder makes every subtree a contiguous range of ids:
//! a comment's descendants are the `subtree_len - 1` comments right after it.
//! Folding, skipping a folded thread, counting hidden replies and finding the
//! next sibling are then index arithmetic, and no walk ever recurses, so a
//! 100,000-deep reply chain loads, walks and drops without touching the stack.

use std::ops::Range;

use compact_str::CompactString;

use super::Body;
pub use builder::{CommentTreeBuilder, NewComment, TreeError};
pub use growing::NotPreorder;

mod builder;
mod growing;

/// Index of a comment in the arena. Ids follow preorder: a parent's id is
/// smaller than its replies' ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CommentId(pub u32);

impl CommentId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    /// The id the source gave this comment (HN item id, our native `id`), used
    /// by bookmarks and by `parent` links in native JSON.
    ///
    /// Ids, names and dates are short: `CompactString` keeps them inline,
    /// saving three allocations per comment on large threads.
    pub key: CompactString,
    pub parent: Option<CommentId>,
    /// 0 for a top-level comment.
    pub depth: u32,
    /// Number of comments in this subtree, this one included.
    pub subtree_len: u32,
    pub author: Option<CompactString>,
    pub posted: Option<CompactString>,
    pub score: Option<i64>,
    pub deleted: bool,
    /// Hidden by the site's moderation (HN's "dead"): the text is there, and
    /// shown, but marked.
    pub dead: bool,
    pub body: Body,
    /// Set on a stub that stands for replies the file does not hold, which
    /// is a row of the tree but not a comment.
    pub more: Option<MoreReplies>,
}

/// A stub for replies the file does not hold (Reddit's "load more" and
/// "continue this thread"): how many, when the file says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MoreReplies(pub Option<u32>);

impl MoreReplies {
    /// What the stub's row says.
    pub fn describe(self) -> String {
        match self.0 {
            Some(count) if count > 0 => format!(
                "{count} more {} not in this file",
                if count == 1 { "reply" } else { "replies" }
            ),
            _ => "The thread goes on; its replies are not in this file".to_string(),
        }
    }
}

impl Comment {
    /// Whether anything replied to this comment.
    pub fn has_replies(&self) -> bool {
        self.subtree_len > 1
    }

    /// Whether this row is a stub for replies not in the file.
    pub fn is_stub(&self) -> bool {
        self.more.is_some()
    }
}

/// All comments of a document, in preorder.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Comments {
    items: Vec<Comment>,
    roots: Vec<CommentId>,
    /// Stubs among the rows before each row (and, last, among all), so
    /// that a subtree's stubs are counted at once; empty when there are
    /// none, as in every format but Reddit's.
    stubs_before: Vec<u32>,
    /// The replies the stubs say they stand for.
    replies_not_held: u64,
    /// While the comments still arrive ([`growing`]): the last comment and
    /// its ancestors, whose subtrees may grow; empty once all are in.
    open: Vec<CommentId>,
}

impl Comments {
    /// Rows of the tree: comments and stubs.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Comments, stubs for replies not in the file left out.
    pub fn comment_count(&self) -> usize {
        self.items.len() - self.stubs().0
    }

    /// Stubs for replies the file does not hold, and how many replies they
    /// say they stand for (those that say).
    pub fn stubs(&self) -> (usize, u64) {
        let stubs = self.stubs_before.last().map_or(0, |&n| n as usize);
        (stubs, self.replies_not_held)
    }

    /// What the comment counts leave out: " (+12 more not in this file)",
    /// or nothing when the file holds every reply.
    pub fn describe_not_held(&self) -> String {
        match self.stubs() {
            (0, _) => String::new(),
            (_, 0) => " (+more not in this file)".to_string(),
            (_, replies) => format!(" (+{replies} more not in this file)"),
        }
    }

    /// Comments, stubs left out, among the replies at any depth under `id`.
    pub fn replies_under(&self, id: CommentId) -> usize {
        let replies = self.subtree(id);
        // The replies are the rows after `id` in its subtree.
        let stubs = match (
            self.stubs_before.get(replies.start + 1),
            self.stubs_before.get(replies.end),
        ) {
            (Some(&before), Some(&after)) => (after - before) as usize,
            _ => 0,
        };
        self.descendant_count(id) - stubs
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn get(&self, id: CommentId) -> &Comment {
        &self.items[id.index()]
    }

    /// Every comment in preorder, with its id.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (CommentId, &Comment)> + '_ {
        self.items
            .iter()
            .enumerate()
            .map(|(i, c)| (CommentId(i as u32), c))
    }

    pub fn ids(&self) -> impl DoubleEndedIterator<Item = CommentId> + use<> {
        (0..self.items.len() as u32).map(CommentId)
    }

    /// Visits every comment to change it in place; for the sanitizing pass,
    /// which touches strings only, never the tree.
    pub(crate) fn for_each_mut(&mut self, change: impl FnMut(&mut Comment)) {
        self.items.iter_mut().for_each(change);
    }

    /// Converts the lazy bodies of up to `count` comments from `from` on
    /// (see [`Body`]); returns where to go on, or None when all are done.
    /// The reader calls this while it waits for keys, so that a search soon
    /// after opening a large HTML thread finds the work already done.
    pub fn convert_bodies(&self, from: usize, count: usize) -> Option<usize> {
        let end = from.saturating_add(count).min(self.items.len());
        for comment in self.items.get(from..end).unwrap_or_default() {
            if comment.body.is_pending() {
                comment.body.blocks();
            }
        }
        (end < self.items.len()).then_some(end)
    }

    /// Top-level comments in order.
    pub fn roots(&self) -> &[CommentId] {
        &self.roots
    }

    /// The ids of `id` and all its descendants.
    pub fn subtree(&self, id: CommentId) -> Range<usize> {
        let start = id.index();
        start..start + self.get(id).subtree_len as usize
    }

    /// How many replies, at any depth, sit under `id`.
    pub fn descendant_count(&self, id: CommentId) -> usize {
        self.get(id).subtree_len as usize - 1
    }

    /// The direct replies to `id`, in order. Not stored: in preorder, the
    /// first reply follows its parent and each next one follows the
    /// previous one's subtree, so they are found by jumping over subtrees.
    pub fn replies(&self, id: CommentId) -> impl Iterator<Item = CommentId> + '_ {
        let end = self.subtree(id).end;
        let first = (id.index() + 1 < end).then_some(CommentId(id.0 + 1));
        std::iter::successors(first, move |&reply| {
            let next = self.subtree(reply).end;
            (next < end).then_some(CommentId(next as u32))
        })
    }

    /// The first reply to `id`, if it has any.
    pub fn first_reply(&self, id: CommentId) -> Option<CommentId> {
        self.get(id).has_replies().then_some(CommentId(id.0 + 1))
    }

    pub fn next_sibling(&self, id: CommentId) -> Option<CommentId> {
        let next = self.subtree(id).end;
        (next < self.items.len() && self.items[next].parent == self.get(id).parent)
            .then_some(CommentId(next as u32))
    }

    pub fn previous_sibling(&self, id: CommentId) -> Option<CommentId> {
        match self.get(id).parent {
            // The walk is as long as the replies before `id`: microseconds
            // even under a post with thousands of direct replies.
            Some(parent) => self.replies(parent).take_while(|&r| r != id).last(),
            None => {
                // Roots are in preorder, so their ids are sorted.
                let position = self.roots.binary_search(&id).ok()?;
                position.checked_sub(1).map(|p| self.roots[p])
            }
        }
    }

    /// Parent, grandparent, ... up to the root, nearest first.
    pub fn ancestors(&self, id: CommentId) -> impl Iterator<Item = CommentId> + '_ {
        std::iter::successors(self.get(id).parent, |&p| self.get(p).parent)
    }

    /// The top-level comment whose thread holds `id`.
    pub fn thread_root(&self, id: CommentId) -> CommentId {
        self.ancestors(id).last().unwrap_or(id)
    }

    /// The comment whose source id is `key`.
    pub fn find_by_key(&self, key: &str) -> Option<CommentId> {
        self.iter().find(|(_, c)| c.key == key).map(|(id, _)| id)
    }

    /// Deepest nesting in the tree: 0 when every comment is top-level.
    pub fn max_depth(&self) -> u32 {
        self.items.iter().map(|c| c.depth).max().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests;
