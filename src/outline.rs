//! Which comments are folded, and the list of comments that are visible
//! because none of their ancestors is folded.
//!
//! Folds are kept by `CommentId`, never by row, so they survive any change of
//! what is on screen. The visible list is rebuilt after a fold changes by one
//! pass that jumps over folded subtrees (the arena is in preorder, so a
//! subtree is a range of ids); it stays sorted by id, so finding a comment's
//! row is a binary search.

use crate::document::{CommentId, Comments};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline {
    folded: Vec<bool>,
    visible: Vec<CommentId>,
}

impl Outline {
    /// Everything unfolded.
    pub fn new(comments: &Comments) -> Outline {
        let mut outline = Outline {
            folded: vec![false; comments.len()],
            visible: Vec::new(),
        };
        outline.rebuild(comments);
        outline
    }

    pub fn is_folded(&self, id: CommentId) -> bool {
        self.folded[id.index()]
    }

    /// The visible comments in thread order.
    pub fn visible(&self) -> &[CommentId] {
        &self.visible
    }

    /// The row of a visible comment.
    pub fn row_of(&self, id: CommentId) -> Option<usize> {
        self.visible.binary_search(&id).ok()
    }

    /// Whether `id` is shown (no folded ancestor).
    pub fn is_visible(&self, id: CommentId) -> bool {
        self.row_of(id).is_some()
    }

    /// Folds or unfolds one comment. Folding a comment without replies does
    /// nothing: there would be nothing to hide.
    pub fn set_folded(&mut self, comments: &Comments, id: CommentId, folded: bool) {
        let folded = folded && comments.get(id).has_replies();
        if self.folded[id.index()] != folded {
            self.folded[id.index()] = folded;
            self.rebuild(comments);
        }
    }

    /// Folds every comment with replies at `depth` or deeper... and unfolds the
    /// ones above it; `None` unfolds everything.
    pub fn fold_from_depth(&mut self, comments: &Comments, depth: Option<u32>) {
        for (id, comment) in comments.iter() {
            self.folded[id.index()] =
                depth.is_some_and(|d| comment.depth >= d) && comment.has_replies();
        }
        self.rebuild(comments);
    }

    /// Replaces the whole fold set (restoring a saved reading position).
    pub fn set_all_folded(
        &mut self,
        comments: &Comments,
        ids: impl IntoIterator<Item = CommentId>,
    ) {
        self.folded.iter_mut().for_each(|f| *f = false);
        for id in ids {
            if id.index() < self.folded.len() && comments.get(id).has_replies() {
                self.folded[id.index()] = true;
            }
        }
        self.rebuild(comments);
    }

    /// Unfolds every ancestor of `id`, so that it becomes visible.
    pub fn reveal(&mut self, comments: &Comments, id: CommentId) {
        let mut changed = false;
        for ancestor in comments.ancestors(id) {
            changed |= std::mem::replace(&mut self.folded[ancestor.index()], false);
        }
        if changed {
            self.rebuild(comments);
        }
    }

    /// The nearest visible comment at or above `id`: itself, or the folded
    /// ancestor that hides it.
    pub fn nearest_visible(&self, comments: &Comments, id: CommentId) -> CommentId {
        if self.is_visible(id) {
            return id;
        }
        // The outermost folded ancestor is the one on screen.
        comments
            .ancestors(id)
            .filter(|&a| self.is_folded(a))
            .last()
            .unwrap_or(id)
    }

    pub fn folded_ids(&self) -> impl Iterator<Item = CommentId> + '_ {
        self.folded
            .iter()
            .enumerate()
            .filter(|(_, f)| **f)
            .map(|(i, _)| CommentId(i as u32))
    }

    /// Takes in the comments appended from `from` on (a document that
    /// arrives in parts): each is visible unless an ancestor is folded.
    pub fn extend(&mut self, comments: &Comments, from: usize) {
        self.folded.resize(comments.len(), false);
        let from = from.min(comments.len());
        let mut shown = vec![false; comments.len() - from];
        for index in from..comments.len() {
            let id = CommentId(index as u32);
            let visible = match comments.get(id).parent {
                None => true,
                Some(parent) if parent.index() >= from => {
                    shown[parent.index() - from] && !self.folded[parent.index()]
                }
                Some(parent) => !self.folded[parent.index()] && self.is_visible(parent),
            };
            shown[index - from] = visible;
            if visible {
                self.visible.push(id);
            }
        }
    }

    fn rebuild(&mut self, comments: &Comments) {
        self.visible.clear();
        let mut index = 0;
        while index < comments.len() {
            let id = CommentId(index as u32);
            self.visible.push(id);
            index = if self.folded[index] {
                comments.subtree(id).end
            } else {
                index + 1
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{CommentTreeBuilder, NewComment};

    /// 0 a ─ 1 b ─ 2 c
    ///     └ 3 d
    /// 4 e
    fn comments() -> Comments {
        let mut builder = CommentTreeBuilder::new();
        let parents = [None, Some(0), Some(1), Some(0), None];
        for (i, parent) in parents.into_iter().enumerate() {
            builder.push(NewComment {
                key: i.to_string().into(),
                parent,
                ..NewComment::default()
            });
        }
        builder.build().unwrap()
    }

    fn ids(list: &[CommentId]) -> Vec<u32> {
        list.iter().map(|id| id.0).collect()
    }

    #[test]
    fn folding_hides_the_subtree_and_unfolding_shows_it() {
        let comments = comments();
        let mut outline = Outline::new(&comments);
        assert_eq!(ids(outline.visible()), [0, 1, 2, 3, 4]);
        outline.set_folded(&comments, CommentId(0), true);
        assert_eq!(ids(outline.visible()), [0, 4]);
        outline.set_folded(&comments, CommentId(0), false);
        assert_eq!(ids(outline.visible()), [0, 1, 2, 3, 4]);
    }

    #[test]
    fn a_comment_without_replies_does_not_fold() {
        let comments = comments();
        let mut outline = Outline::new(&comments);
        outline.set_folded(&comments, CommentId(4), true);
        assert!(!outline.is_folded(CommentId(4)));
    }

    #[test]
    fn nested_folds_are_remembered_under_an_outer_fold() {
        let comments = comments();
        let mut outline = Outline::new(&comments);
        outline.set_folded(&comments, CommentId(1), true);
        outline.set_folded(&comments, CommentId(0), true);
        outline.set_folded(&comments, CommentId(0), false);
        assert_eq!(ids(outline.visible()), [0, 1, 3, 4]);
    }

    #[test]
    fn fold_from_depth_and_reveal() {
        let comments = comments();
        let mut outline = Outline::new(&comments);
        outline.fold_from_depth(&comments, Some(1));
        assert_eq!(ids(outline.visible()), [0, 1, 3, 4]);
        outline.fold_from_depth(&comments, Some(0));
        assert_eq!(ids(outline.visible()), [0, 4]);
        assert_eq!(
            outline.nearest_visible(&comments, CommentId(2)),
            CommentId(0)
        );
        outline.reveal(&comments, CommentId(2));
        assert_eq!(ids(outline.visible()), [0, 1, 2, 3, 4]);
        outline.fold_from_depth(&comments, None);
        assert_eq!(outline.folded_ids().count(), 0);
    }
}
