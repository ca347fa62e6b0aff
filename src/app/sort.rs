//! `S`: the order of replies under each comment (and of the threads): as
//! the source gave it, oldest first, newest first, or highest score first
//! where the format has scores. The tree is rebuilt in the new preorder,
//! so everything that walks the arena (movement, folding, search) follows
//! it; where the reader is, folds and new-comment marks are kept by
//! comment id. The order is kept with the reading position.

use super::{App, search};
use crate::document::{CommentId, CommentTreeBuilder, Comments, NewComment};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SiblingOrder {
    #[default]
    Source,
    Oldest,
    Newest,
    Score,
}

impl SiblingOrder {
    /// The name kept with the reading position.
    pub fn name(self) -> &'static str {
        match self {
            SiblingOrder::Source => "source",
            SiblingOrder::Oldest => "oldest",
            SiblingOrder::Newest => "newest",
            SiblingOrder::Score => "score",
        }
    }

    pub fn from_name(name: &str) -> Option<SiblingOrder> {
        [Self::Source, Self::Oldest, Self::Newest, Self::Score]
            .into_iter()
            .find(|order| order.name() == name)
    }

    fn describe(self) -> &'static str {
        match self {
            SiblingOrder::Source => "as the source gave them",
            SiblingOrder::Oldest => "oldest first",
            SiblingOrder::Newest => "newest first",
            SiblingOrder::Score => "highest score first",
        }
    }
}

/// `comments` with each comment's replies (and the threads) in `order`;
/// stubs for replies not in the file stay last. No recursion: an explicit
/// stack walks the tree.
pub fn sorted(comments: &Comments, order: SiblingOrder) -> Comments {
    let key = |id: &CommentId| {
        let comment = comments.get(*id);
        let posted = comment
            .posted
            .as_deref()
            .and_then(crate::age::parse_timestamp);
        let rank = match order {
            SiblingOrder::Source => 0,
            SiblingOrder::Oldest => posted.unwrap_or(i64::MAX),
            SiblingOrder::Newest => posted.map_or(i64::MAX, |p| -p),
            SiblingOrder::Score => comment.score.map_or(i64::MAX, |s| -s),
        };
        (comment.is_stub(), rank, *id)
    };
    let sort = |mut ids: Vec<CommentId>| {
        ids.sort_by_key(key);
        ids
    };
    let mut stack: Vec<(CommentId, Option<usize>)> = sort(comments.roots().to_vec())
        .into_iter()
        .rev()
        .map(|id| (id, None))
        .collect();
    let mut builder = CommentTreeBuilder::new();
    while let Some((id, parent)) = stack.pop() {
        let comment = comments.get(id);
        let index = builder.push(NewComment {
            key: comment.key.clone(),
            parent,
            author: comment.author.clone(),
            posted: comment.posted.clone(),
            score: comment.score,
            deleted: comment.deleted,
            dead: comment.dead,
            body: comment.body.clone(),
            more: comment.more,
        });
        let replies = sort(comments.replies(id).collect());
        stack.extend(replies.into_iter().rev().map(|reply| (reply, Some(index))));
    }
    builder
        .build()
        .expect("a tree rebuilt from a tree is a tree")
}

impl App {
    /// The next order `S` offers: one the comments have what it needs for.
    fn next_order(&self) -> SiblingOrder {
        let comments = self
            .source_comments
            .as_ref()
            .unwrap_or(&self.document.comments);
        let dated = comments.iter().any(|(_, c)| c.posted.is_some());
        let scored = comments.iter().any(|(_, c)| c.score.is_some());
        let mut order = self.sort_order;
        loop {
            order = match order {
                SiblingOrder::Source => SiblingOrder::Oldest,
                SiblingOrder::Oldest => SiblingOrder::Newest,
                SiblingOrder::Newest => SiblingOrder::Score,
                SiblingOrder::Score => SiblingOrder::Source,
            };
            let possible = match order {
                SiblingOrder::Source => true,
                SiblingOrder::Oldest | SiblingOrder::Newest => dated,
                SiblingOrder::Score => scored,
            };
            if possible {
                return order;
            }
        }
    }

    /// `S`: the next order.
    pub(super) fn cycle_sort(&mut self) {
        if self.is_loading() {
            self.message = Some("Replies are sorted once every comment has arrived".into());
            return;
        }
        let order = self.next_order();
        self.sort_comments(order);
        self.message = Some(format!("Replies {}", order.describe()));
    }

    /// Puts the comments in `order`, the reader staying where it is.
    pub(super) fn sort_comments(&mut self, order: SiblingOrder) {
        if order == self.sort_order {
            return;
        }
        let source = match self.source_comments.take() {
            Some(source) => source,
            None => self.document.comments.clone(),
        };
        let comments = match order {
            SiblingOrder::Source => source.clone(),
            _ => sorted(&source, order),
        };
        self.source_comments = (order != SiblingOrder::Source).then_some(source);
        self.sort_order = order;
        self.rearrange_comments(comments);
    }

    /// Swaps in the same comments in another order: what names comments by
    /// arena id is carried over by their source ids.
    pub(super) fn rearrange_comments(&mut self, comments: Comments) {
        let position = self.position();
        let keys = |ids: &[CommentId], old: &Comments| -> Vec<String> {
            ids.iter().map(|&id| old.get(id).key.to_string()).collect()
        };
        let old = &self.document.comments;
        let (new, unread) = (keys(&self.new_comments, old), keys(&self.unread, old));
        let revealed: Vec<CommentId> = self.revealed.iter().copied().collect();
        let revealed = keys(&revealed, old);
        self.document.comments = comments;
        let ids = |keys: Vec<String>, comments: &Comments| -> Vec<CommentId> {
            let mut ids: Vec<CommentId> = keys
                .iter()
                .filter_map(|k| comments.find_by_key(k))
                .collect();
            ids.sort();
            ids
        };
        self.new_comments = ids(new, &self.document.comments);
        self.unread = ids(unread, &self.document.comments);
        self.revealed = ids(revealed, &self.document.comments).into_iter().collect();
        self.comments = super::comments_view::CommentsView::new(&self.document);
        self.wrapped = super::wrapped::WrappedText::default();
        self.jumps.clear();
        if let Some(search) = self.search.take()
            && let Ok(pattern) = search::compile(&search.query, search.regex)
        {
            let matches = search::find_all(&self.document, &pattern, search::MAX_MATCHES);
            self.search = Some(search::Search {
                complete: matches.len() < search::MAX_MATCHES,
                matches,
                current: None,
                ..search
            });
        }
        self.refresh_marks();
        self.restore(&position);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Block;

    fn tree() -> Comments {
        let mut builder = CommentTreeBuilder::new();
        let comment = |key: &str, parent, posted: &str, score| NewComment {
            key: key.into(),
            parent,
            author: Some(key.into()),
            posted: Some(posted.into()),
            score: Some(score),
            body: vec![Block::paragraph(key)].into(),
            ..NewComment::default()
        };
        let a = builder.push(comment("a", None, "300", 1));
        builder.push(comment("a1", Some(a), "500", 1));
        builder.push(comment("a2", Some(a), "400", 9));
        builder.push(comment("b", None, "100", 5));
        builder.build().unwrap()
    }

    fn keys(comments: &Comments) -> Vec<&str> {
        comments.iter().map(|(_, c)| c.key.as_str()).collect()
    }

    #[test]
    fn siblings_are_sorted_at_every_level_in_preorder() {
        let comments = tree();
        assert_eq!(
            keys(&sorted(&comments, SiblingOrder::Oldest)),
            ["b", "a", "a2", "a1"]
        );
        assert_eq!(
            keys(&sorted(&comments, SiblingOrder::Newest)),
            ["a", "a1", "a2", "b"]
        );
        assert_eq!(
            keys(&sorted(&comments, SiblingOrder::Score)),
            ["b", "a", "a2", "a1"]
        );
        let back = sorted(
            &sorted(&comments, SiblingOrder::Oldest),
            SiblingOrder::Source,
        );
        assert_eq!(back.len(), 4);
    }
}
