//! The comment tree, stored as one arena in preorder.
//!
//! Keeping the arena in preorder makes every subtree a contiguous range of ids:
//! a comment's descendants are the `subtree_len - 1` comments right after it.
//! Folding, skipping a folded thread, counting hidden replies and finding the
//! next sibling are then index arithmetic, and no walk ever recurses, so a
//! 100,000-deep reply chain loads, walks and drops without touching the stack.

use std::ops::Range;

use compact_str::CompactString;

use super::{Block, Body};

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
    /// Rows that are stubs, not comments, and the replies they stand for.
    stubs: usize,
    replies_not_held: u64,
}

impl Comments {
    /// Rows of the tree: comments and stubs.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Comments, stubs for replies not in the file left out.
    pub fn comment_count(&self) -> usize {
        self.items.len() - self.stubs
    }

    /// Stubs for replies the file does not hold, and how many replies they
    /// say they stand for (those that say).
    pub fn stubs(&self) -> (usize, u64) {
        (self.stubs, self.replies_not_held)
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
        let range = self.subtree(id);
        if self.stubs == 0 {
            return range.len() - 1;
        }
        self.items[range.start + 1..range.end]
            .iter()
            .filter(|c| !c.is_stub())
            .count()
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

/// A comment as a loader sees it, before the tree is known: `parent` is the
/// position of its parent in the order the loader pushed comments.
#[derive(Debug, Clone, Default)]
pub struct NewComment {
    pub key: CompactString,
    pub parent: Option<usize>,
    pub author: Option<CompactString>,
    pub posted: Option<CompactString>,
    pub score: Option<i64>,
    pub deleted: bool,
    /// Hidden by the site's moderation (HN's "dead"): the text is there, and
    /// shown, but marked.
    pub dead: bool,
    pub body: Body,
    pub more: Option<MoreReplies>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TreeError {
    #[error("comment {child} names parent {parent}, which does not exist")]
    MissingParent { child: usize, parent: usize },
    #[error("comment {0} is its own ancestor")]
    Cycle(usize),
    #[error("more than {} comments", u32::MAX)]
    TooMany,
}

/// Collects comments in any order and lays them out as a preorder arena.
///
/// Comments are stored as `Comment`s from the start, with `parent` holding
/// the push position; when they were pushed in preorder, as nearly every file
/// has them, `build` links the tree in place without moving them again.
#[derive(Debug, Default)]
pub struct CommentTreeBuilder {
    pending: Vec<Comment>,
}

impl CommentTreeBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_capacity(capacity: usize) -> Self {
        CommentTreeBuilder {
            pending: Vec::with_capacity(capacity),
        }
    }

    /// Adds a comment and returns its position, to be named as a later
    /// comment's `parent`.
    pub fn push(&mut self, comment: NewComment) -> usize {
        let NewComment {
            key,
            parent,
            author,
            posted,
            score,
            deleted,
            dead,
            body,
            more,
        } = comment;
        self.pending.push(Comment {
            key,
            // A push position until `build` makes it an id; positions past
            // u32 are caught there.
            parent: parent.map(|p| CommentId(u32::try_from(p).unwrap_or(u32::MAX))),
            depth: 0,
            subtree_len: 1,
            author,
            posted,
            score,
            deleted,
            dead,
            body,
            more,
        });
        self.pending.len() - 1
    }

    /// Replaces the body of the comment pushed at `position`, for loaders that
    /// read a comment's header before its text.
    /// The comment pushed at `position`, for fields a loader reads after
    /// pushing it (a streaming reader pushes a comment when it starts, so
    /// that replies read inside it come after it). Its tree fields are the
    /// builder's to set.
    pub fn comment_mut(&mut self, position: usize) -> &mut Comment {
        &mut self.pending[position]
    }

    pub fn set_body(&mut self, position: usize, body: Vec<Block>) {
        self.pending[position].body = body.into();
    }

    pub fn len(&self) -> usize {
        self.pending.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pending.is_empty()
    }

    /// Orders the comments in preorder (replies after their parent, siblings
    /// in the order they were pushed) and links the tree.
    pub fn build(self) -> Result<Comments, TreeError> {
        let pending = self.pending;
        if u32::try_from(pending.len()).is_err() {
            return Err(TreeError::TooMany);
        }
        let pushed = PushedTree::of(&pending)?;
        let order = pushed.preorder()?;
        let mut items = reorder(pending, &order);
        let roots = link(&mut items, pushed.roots.len());
        // A loader that sized the arena by an upper bound gives the rest back.
        items.shrink_to_fit();
        let (stubs, replies_not_held) = items
            .iter()
            .filter_map(|c| c.more)
            .fold((0, 0), |(n, held), more| {
                (n + 1, held + u64::from(more.0.unwrap_or(0)))
            });
        Ok(Comments {
            items,
            roots,
            stubs,
            replies_not_held,
        })
    }
}

/// No comment: the end of a list of children.
const NONE: usize = usize::MAX;

/// The tree as pushed: each comment's first child and next sibling, and
/// the roots, all by push position and in push order.
struct PushedTree {
    first_child: Vec<usize>,
    next_sibling: Vec<usize>,
    roots: Vec<usize>,
}

impl PushedTree {
    fn of(pending: &[Comment]) -> Result<PushedTree, TreeError> {
        let count = pending.len();
        let mut tree = PushedTree {
            first_child: vec![NONE; count],
            next_sibling: vec![NONE; count],
            roots: Vec::new(),
        };
        let mut last_child = vec![NONE; count];
        for (position, comment) in pending.iter().enumerate() {
            match comment.parent.map(CommentId::index) {
                None => tree.roots.push(position),
                Some(parent) if parent >= count => {
                    return Err(TreeError::MissingParent {
                        child: position,
                        parent,
                    });
                }
                Some(parent) if parent == position => return Err(TreeError::Cycle(position)),
                Some(parent) => {
                    if last_child[parent] == NONE {
                        tree.first_child[parent] = position;
                    } else {
                        tree.next_sibling[last_child[parent]] = position;
                    }
                    last_child[parent] = position;
                }
            }
        }
        Ok(tree)
    }

    /// Push positions in preorder, walked with an explicit stack; a comment
    /// the walk does not reach hangs off a cycle.
    fn preorder(&self) -> Result<Vec<usize>, TreeError> {
        let count = self.first_child.len();
        let mut order = Vec::with_capacity(count);
        let mut stack: Vec<usize> = self.roots.iter().rev().copied().collect();
        let mut children_buffer = Vec::new();
        while let Some(position) = stack.pop() {
            order.push(position);
            children_buffer.clear();
            let mut child = self.first_child[position];
            while child != NONE {
                children_buffer.push(child);
                child = self.next_sibling[child];
            }
            stack.extend(children_buffer.iter().rev());
        }
        if order.len() != count {
            let mut reached = vec![false; count];
            for &p in &order {
                reached[p] = true;
            }
            let unreached = reached.iter().position(|r| !r).unwrap_or(0);
            return Err(TreeError::Cycle(unreached));
        }
        Ok(order)
    }
}

/// The comments moved into `order`, their parents renumbered to match;
/// as they are when they were pushed in preorder already.
fn reorder(mut pending: Vec<Comment>, order: &[usize]) -> Vec<Comment> {
    if order.iter().enumerate().all(|(index, &p)| index == p) {
        return pending;
    }
    let mut new_id = vec![0u32; order.len()];
    for (index, &position) in order.iter().enumerate() {
        new_id[position] = index as u32;
    }
    let mut slots: Vec<Option<Comment>> = pending.drain(..).map(Some).collect();
    order
        .iter()
        .map(|&position| {
            let mut comment = slots[position].take().expect("each comment is placed once");
            comment.parent = comment.parent.map(|p| CommentId(new_id[p.index()]));
            comment
        })
        .collect()
}

/// Parents come before their replies now: depths forwards, then subtree
/// sizes backwards. Returns the roots.
fn link(items: &mut [Comment], root_count: usize) -> Vec<CommentId> {
    let mut roots = Vec::with_capacity(root_count);
    for index in 0..items.len() {
        let id = CommentId(index as u32);
        match items[index].parent {
            Some(parent) => items[index].depth = items[parent.index()].depth + 1,
            None => roots.push(id),
        }
    }
    for index in (0..items.len()).rev() {
        if let Some(parent) = items[index].parent {
            let len = items[index].subtree_len;
            items[parent.index()].subtree_len += len;
        }
    }
    roots
}

#[cfg(test)]
mod tests;
