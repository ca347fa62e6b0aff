//! Comments that grow at the end while a document streams in: each batch
//! continues the preorder, so the arena is only appended to and every id
//! already given out keeps naming the same comment.
//!
//! Only the last comment and its ancestors can still gain replies; their
//! subtree sizes are kept as "up to the end so far" and fixed as soon as a
//! comment outside them arrives. A batch costs its length plus the depth of
//! that open chain, never a walk of the tree.

use super::{Comment, CommentId, Comments};

/// A comment whose parent is not the last comment or one of its ancestors:
/// the comments do not arrive in preorder, and the tree must be built whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("comment {0} does not follow its parent in preorder")]
pub struct NotPreorder(pub usize);

impl Comments {
    /// Appends comments that continue the preorder: each one's `parent` is
    /// an id already in the arena (or in the batch before it), the last
    /// comment or one of its ancestors. Depths and subtree sizes are set
    /// here; whatever the comments held in them is ignored. On an error
    /// nothing after the offending comment is added.
    pub fn append(&mut self, batch: Vec<Comment>) -> Result<(), NotPreorder> {
        let result = self.append_each(batch);
        self.stretch_open_subtrees();
        result
    }

    fn append_each(&mut self, batch: Vec<Comment>) -> Result<(), NotPreorder> {
        for mut comment in batch {
            let index = self.items.len();
            if u32::try_from(index).is_err() {
                return Err(NotPreorder(index));
            }
            let id = CommentId(index as u32);
            // Whatever is open and not this comment's parent is complete.
            while let Some(&last) = self.open.last() {
                if Some(last) == comment.parent {
                    break;
                }
                self.items[last.index()].subtree_len = id.0 - last.0;
                self.open.pop();
            }
            match comment.parent {
                None => {
                    comment.depth = 0;
                    self.roots.push(id);
                }
                Some(parent) if self.open.last() == Some(&parent) => {
                    comment.depth = self.items[parent.index()].depth + 1;
                }
                Some(_) => return Err(NotPreorder(index)),
            }
            comment.subtree_len = 1;
            self.count_stub(&comment);
            self.items.push(comment);
            self.open.push(id);
        }
        Ok(())
    }

    /// The open subtrees reach the end of what has arrived.
    fn stretch_open_subtrees(&mut self) {
        let end = self.items.len() as u32;
        for &open in &self.open {
            self.items[open.index()].subtree_len = end - open.0;
        }
    }

    /// Keeps the stub counts (see `stubs_before`) for one more row.
    fn count_stub(&mut self, comment: &Comment) {
        if self.stubs_before.is_empty() {
            if !comment.is_stub() {
                return;
            }
            // The first stub: every row before it had none.
            self.stubs_before = vec![0; self.items.len() + 1];
        }
        let mut stubs = *self
            .stubs_before
            .last()
            .expect("one count per row and one more");
        if let Some(more) = comment.more {
            stubs += 1;
            self.replies_not_held += u64::from(more.0.unwrap_or(0));
        }
        self.stubs_before.push(stubs);
    }

    /// Complete comments made the start of a tree that grows: the last one
    /// and its ancestors stay open to replies appended later.
    pub fn into_growing(mut self) -> Comments {
        self.open.clear();
        if let Some(last) = self.items.len().checked_sub(1) {
            let last = CommentId(last as u32);
            self.open
                .extend(self.ancestors(last).collect::<Vec<_>>().into_iter().rev());
            self.open.push(last);
        }
        self
    }

    /// Takes the last comment back off a growing arena: a preview's last
    /// comment may be cut short (its body goes on past the bytes read), and
    /// arrives again, whole, with the rest.
    pub fn drop_last(&mut self) {
        let Some(last) = self.items.pop() else {
            return;
        };
        if last.parent.is_none() {
            self.roots.pop();
        }
        if let Some(more) = last.more {
            self.replies_not_held -= u64::from(more.0.unwrap_or(0));
        }
        if !self.stubs_before.is_empty() {
            self.stubs_before.pop();
        }
        // The comment before it, and its ancestors, are the open ones now.
        let rest = std::mem::take(self);
        *self = rest.into_growing();
        self.stretch_open_subtrees();
    }

    /// Whether replies may still arrive under `id` (it is the last comment
    /// or one of its ancestors while the document loads), so that counts
    /// of its replies are not final.
    pub fn is_open(&self, id: CommentId) -> bool {
        // Ancestors come before their replies: the chain is sorted.
        self.open.binary_search(&id).is_ok()
    }

    /// All comments are in: nothing stays open.
    pub fn finish(&mut self) {
        self.open.clear();
    }

    /// Whether more comments may still be appended.
    pub fn is_growing(&self) -> bool {
        !self.open.is_empty()
    }

    /// Whether `other` holds these comments' tree at the start of its own:
    /// the same parent for each of them. A complete copy of a document
    /// whose start was shown can then take its place under the same ids.
    pub fn is_shape_prefix_of(&self, other: &Comments) -> bool {
        self.items.len() <= other.items.len()
            && self
                .items
                .iter()
                .zip(&other.items)
                .all(|(mine, theirs)| mine.parent == theirs.parent)
    }
}
