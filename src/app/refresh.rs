//! A fresh copy of the document, fetched in the background, replacing the
//! one on screen in place: where the reader is, what it folded and
//! selected, its bookmarks kept; the comments the fresh copy adds marked
//! new.

use std::collections::BTreeSet;

use super::article_view::ArticleView;
use super::comments_view::CommentsView;
use super::wrapped::WrappedText;
use super::{Action, App, plural};
use crate::document::Document;
use crate::input::keymap::Context;

impl App {
    pub(super) fn replace_document(&mut self, document: Document) {
        let position = self.position();
        // Seen: what was on screen, less what was still marked new there.
        let unread: BTreeSet<&str> = self
            .unread
            .iter()
            .map(|&id| self.document.comments.get(id).key.as_str())
            .collect();
        let seen: BTreeSet<String> = self
            .document
            .comments
            .iter()
            .filter(|(_, c)| !c.is_stub() && !unread.contains(c.key.as_str()))
            .map(|(_, c)| c.key.to_string())
            .collect();
        self.comments = CommentsView::new(&document);
        self.document = document;
        // Everything that named the old copy's comments or lines goes.
        self.article = ArticleView::default();
        self.wrapped = WrappedText::default();
        self.revealed.clear();
        self.search = None;
        self.jumps.clear();
        self.overlay = None;
        self.convert_from = Some(0);
        self.find_bookmarks_again();
        self.keep_article_shown();
        // The fresh copy comes in the source's order: the reader's again.
        let order = std::mem::take(&mut self.sort_order);
        self.source_comments = None;
        self.sort_comments(order);
        self.restore(&position);
        self.set_seen(Some(&seen));
        let new = self.unread.len();
        self.message = Some(if new == 0 {
            "Refreshed: no new comments".to_string()
        } else {
            let key = self.keymap.key_label(Context::Global, Action::NextNew);
            format!(
                "{new} new {} · {key} next new",
                plural(new, "comment", "comments")
            )
        });
    }
}
