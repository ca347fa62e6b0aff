//! Building the arena: comments pushed in any order, with parents by push
//! position, laid out in preorder and linked (depths, subtree sizes, stub
//! counts), without recursion.

use compact_str::CompactString;

use super::{Comment, CommentId, Comments, MoreReplies, NotPreorder};
use crate::document::{Block, Body};

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
    /// Set when the comments leave in batches as they are pushed.
    streaming: Option<Streaming>,
}

/// What a builder that hands its comments out in batches keeps of them.
#[derive(Debug, Default)]
struct Streaming {
    /// Pushes handed out (or skipped) so far: `pending` starts there.
    handed: usize,
    /// The first pushes, which the reader has already (from a preview),
    /// are not handed out again.
    skip: usize,
    /// Push positions of the last comment and its ancestors.
    open: Vec<usize>,
    /// The first push out of preorder, which ends the streaming.
    out_of_order: Option<usize>,
}

impl CommentTreeBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_capacity(capacity: usize) -> Self {
        CommentTreeBuilder {
            pending: Vec::with_capacity(capacity),
            streaming: None,
        }
    }

    /// A builder whose comments leave in preorder batches
    /// ([`take_streamed`](Self::take_streamed)) as they are pushed, the
    /// first `skip` of them left out; [`Comments::append`] puts the batches
    /// together. For loaders that push every comment complete, never
    /// changing it afterwards.
    pub fn streaming(skip: usize) -> Self {
        CommentTreeBuilder {
            pending: Vec::new(),
            streaming: Some(Streaming {
                skip,
                ..Streaming::default()
            }),
        }
    }

    /// The comments pushed since the last call, their parents as arena
    /// ids; an error once a comment was pushed out of preorder, when the
    /// loader must build the tree whole instead.
    pub fn take_streamed(&mut self) -> Result<Vec<Comment>, NotPreorder> {
        self.take_streamed_leaving(0)
    }

    /// [`take_streamed`](Self::take_streamed), leaving the last `unfinished`
    /// comments, which the loader is still filling in (the one whose body
    /// is being read).
    pub fn take_streamed_leaving(
        &mut self,
        unfinished: usize,
    ) -> Result<Vec<Comment>, NotPreorder> {
        let Some(streaming) = self.streaming.as_mut() else {
            return Ok(Vec::new());
        };
        if let Some(position) = streaming.out_of_order {
            return Err(NotPreorder(position));
        }
        let kept = self.pending.len().saturating_sub(unfinished);
        let unfinished = self.pending.split_off(kept);
        let mut batch = std::mem::replace(&mut self.pending, unfinished);
        let skipped = streaming
            .skip
            .saturating_sub(streaming.handed)
            .min(batch.len());
        streaming.handed += batch.len();
        batch.drain(..skipped);
        Ok(batch)
    }

    /// Comments pushed and not yet handed out.
    pub fn waiting(&self) -> usize {
        self.pending.len()
    }

    /// Where the next push goes: pushes already handed out come first.
    fn next_position(&self) -> usize {
        self.streaming.as_ref().map_or(0, |s| s.handed) + self.pending.len()
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
        let position = self.next_position();
        if let Some(streaming) = self.streaming.as_mut() {
            streaming.follow(position, parent);
        }
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
        position
    }

    /// Replaces the body of the comment pushed at `position`, for loaders that
    /// read a comment's header before its text.
    /// The comment pushed at `position`, for fields a loader reads after
    /// pushing it (a streaming reader pushes a comment when it starts, so
    /// that replies read inside it come after it). Its tree fields are the
    /// builder's to set.
    pub fn comment_mut(&mut self, position: usize) -> &mut Comment {
        let base = self.next_position() - self.pending.len();
        &mut self.pending[position - base]
    }

    pub fn set_body(&mut self, position: usize, body: Vec<Block>) {
        self.comment_mut(position).body = body.into();
    }

    /// Comments pushed so far, those handed out included.
    pub fn len(&self) -> usize {
        self.next_position()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
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
        let (stubs_before, replies_not_held) = count_stubs(&items);
        Ok(Comments {
            items,
            roots,
            stubs_before,
            replies_not_held,
            open: Vec::new(),
        })
    }
}

/// Stubs before each of `items` and among all of them (nothing when there
/// are none), and the replies they stand for.
fn count_stubs(items: &[Comment]) -> (Vec<u32>, u64) {
    if !items.iter().any(Comment::is_stub) {
        return (Vec::new(), 0);
    }
    let mut before = Vec::with_capacity(items.len() + 1);
    let (mut stubs, mut replies) = (0u32, 0u64);
    before.push(0);
    for comment in items {
        if let Some(more) = comment.more {
            stubs += 1;
            replies += u64::from(more.0.unwrap_or(0));
        }
        before.push(stubs);
    }
    (before, replies)
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

impl Streaming {
    /// Notes the push at `position` under `parent`, and whether it still
    /// continues the preorder.
    fn follow(&mut self, position: usize, parent: Option<usize>) {
        if self.out_of_order.is_some() {
            return;
        }
        match parent {
            None => self.open.clear(),
            Some(parent) => {
                while self.open.last().is_some_and(|&last| last != parent) {
                    self.open.pop();
                }
                if self.open.is_empty() {
                    self.out_of_order = Some(position);
                    return;
                }
            }
        }
        self.open.push(position);
    }
}
