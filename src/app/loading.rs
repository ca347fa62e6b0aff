//! A document still arriving: its comments appended in batches as the
//! input is parsed, and what waits for comments not yet here (the saved
//! position, bookmarks, the new-comment marks, a search, `G` following
//! the end as `less +F` does).

use std::collections::{BTreeSet, HashSet};

use super::position::ReadingPosition;
use super::{Action, App, Pane, search, sort};
use crate::document::{Comment, CommentId, Document};

/// How far loading has got, and what is waiting for it.
#[derive(Debug, Clone, Default)]
pub struct Loading {
    /// Bytes of the input read into comments so far, and all of them.
    pub parsed: u64,
    pub total: u64,
    /// `G` was the last key: each batch goes on to the last comment.
    pub following: bool,
    /// The saved position, put back piece by piece as its comments come.
    waiting: Option<ReadingPosition>,
    /// Keys of the comments seen on earlier visits, to mark those that
    /// arrive unseen as new; None on a first visit.
    seen: Option<BTreeSet<String>>,
}

/// The whole document has been read: its head (the title or the article
/// may come late in a file), and all its comments when they came whole
/// rather than in batches.
#[derive(Debug, Clone, PartialEq)]
pub struct Finished {
    pub document: Document,
    pub whole: bool,
    /// What loading had to say (invalid UTF-8), for the status bar.
    pub warning: Option<String>,
}

impl Loading {
    /// Loading `total` bytes, none read yet.
    pub fn of(total: u64) -> Loading {
        Loading {
            total,
            ..Loading::default()
        }
    }

    /// How much of the input is read, in percent.
    pub fn percent(&self) -> u64 {
        (self.parsed.saturating_mul(100))
            .checked_div(self.total)
            .unwrap_or(0)
            .min(100)
    }
}

impl App {
    /// Whether comments are still arriving.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// The saved position and the seen marks, kept to apply to comments
    /// that arrive later.
    pub(super) fn wait_for_comments(
        &mut self,
        position: Option<&ReadingPosition>,
        seen: Option<&BTreeSet<String>>,
    ) {
        if let Some(loading) = self.loading.as_mut() {
            loading.waiting = position.cloned();
            loading.seen = seen.cloned();
            // What has come already was put back by `restore`.
            self.apply_waiting_position();
        }
    }

    /// The comments seen on earlier visits, read after the document opened:
    /// those here are marked now, later arrivals as they come.
    pub(super) fn seen_arrived(&mut self, seen: Option<BTreeSet<String>>) {
        self.set_seen(seen.as_ref());
        if let Some(loading) = self.loading.as_mut() {
            loading.seen = seen;
        }
    }

    /// A batch of comments continuing the document.
    pub(super) fn comments_arrived(&mut self, batch: Vec<Comment>, parsed: u64) {
        let Some(loading) = self.loading.as_mut() else {
            // Loading failed or ended: a batch still on its way is stale.
            return;
        };
        loading.parsed = parsed.max(loading.parsed);
        let wanted = self.wanted_keys();
        let awaited = batch.iter().any(|c| wanted.contains(c.key.as_str()));
        let from = self.document.comments.len();
        if let Err(error) = self.document.comments.append(batch) {
            self.load_failed(error.to_string());
            return;
        }
        self.take_new_comments(from, awaited);
        self.search_arrivals(from);
    }

    /// The whole document is read.
    pub(super) fn finished_loading(&mut self, finished: Finished) {
        if self.loading.is_none() {
            return;
        }
        let mut document = finished.document;
        let comments = std::mem::take(&mut document.comments);
        self.take_head(document);
        // The story header counts the comments, final now.
        self.wrapped.forget_article();
        let from = self.document.comments.len();
        if !finished.whole {
            self.document.comments.finish();
            self.take_new_comments(from, true);
        } else if self.document.comments.is_shape_prefix_of(&comments) {
            // The same tree, grown: every id keeps its comment. The bodies
            // of the first ones may be more complete than the preview's.
            self.document.comments = comments;
            self.wrapped.forget_comments();
            self.take_new_comments(from, true);
            // Once, over everything: a million HTML comments take seconds.
            self.search_again();
        } else {
            // Another tree (a flat file out of order): found again by key.
            self.rearrange_comments(comments);
            let seen = self.loading.as_ref().and_then(|l| l.seen.clone());
            if seen.is_some() {
                self.set_seen(seen.as_ref());
            }
            self.apply_waiting_position();
        }
        let loading = self.loading.take().unwrap_or_default();
        // The reader's order of replies needs every comment to sort.
        if let Some(order) = loading.waiting.as_ref().and_then(|p| p.sort.as_deref()) {
            let order = sort::SiblingOrder::from_name(order).unwrap_or_default();
            let position = self.position();
            // Searched again there, in the new order.
            self.sort_comments(order);
            self.restore(&position);
        }
        if let Some(warning) = finished.warning {
            self.message = Some(warning);
        }
    }

    /// Loading stopped on an error: what arrived stays, the error is shown.
    pub(super) fn load_failed(&mut self, why: String) {
        let percent = self.loading.take().map_or(100, |l| l.percent());
        self.document.comments.finish();
        self.wrapped.forget_article();
        self.load_error = Some(format!("Loading stopped at {percent}%: {why}"));
    }

    /// The title, the article and the rest of the head, which a format may
    /// give only at the end of the file (HN's keys in alphabetical order).
    fn take_head(&mut self, document: Document) {
        let blocks = document.article.len();
        self.article.cursor = self.article.cursor.min(blocks.saturating_sub(1));
        let comments = std::mem::take(&mut self.document.comments);
        self.document = Document {
            comments,
            ..document
        };
        // The preview is read so that the key comes out the same; should a
        // hand-made file put its title after its comments, what is saved
        // from now on goes under the whole document's key.
        self.doc_key = self.document.stable_key();
    }

    /// Comments from `from` on are new in the arena: shown, marked, and
    /// where `awaited` (a bookmark's or the saved position's
    /// comment among them) put to use.
    fn take_new_comments(&mut self, from: usize, awaited: bool) {
        self.comments.outline.extend(&self.document.comments, from);
        if self.comments.selected.is_none() {
            self.comments = super::comments_view::CommentsView::new(&self.document);
        }
        self.mark_new_arrivals(from);
        if awaited {
            self.refresh_marks();
            self.apply_waiting_position();
        }
        if self.loading.as_ref().is_some_and(|l| l.following)
            && let Some(&last) = self.comments.outline.visible().last()
        {
            self.with_comments(|view, env| view.select(env, last));
        }
        if self.convert_from.is_none() {
            self.convert_from = Some(from);
        }
    }

    /// Keys of the comments something waits for: the saved position's
    /// selection and folds, and bookmarks not yet found on their comment.
    fn wanted_keys(&self) -> HashSet<&str> {
        let mut wanted = HashSet::new();
        if let Some(position) = self.loading.as_ref().and_then(|l| l.waiting.as_ref()) {
            wanted.extend(position.selected.as_deref());
            wanted.extend(position.folded.iter().map(String::as_str));
        }
        for bookmark in &self.bookmarks {
            if let crate::bookmarks::Target::Comment { id, .. } = &bookmark.target
                && !matches!(
                    self.marks.places.get(&bookmark.id),
                    Some(crate::bookmarks::Resolved::Comment { .. })
                )
            {
                wanted.insert(id.as_str());
            }
        }
        wanted
    }

    /// Folds the saved position's comments that have come, and selects its
    /// comment once it has, unless the reader has moved on meanwhile.
    fn apply_waiting_position(&mut self) {
        let Some(loading) = self.loading.as_mut() else {
            return;
        };
        let Some(position) = loading.waiting.as_mut() else {
            return;
        };
        let comments = &self.document.comments;
        let mut folds = Vec::new();
        // Each fold is put back once: the reader may unfold it since.
        position
            .folded
            .retain(|key| match comments.find_by_key(key) {
                Some(id) => {
                    folds.push(id);
                    false
                }
                None => true,
            });
        let selected = position
            .selected
            .as_deref()
            .and_then(|k| comments.find_by_key(k));
        let focus = position.focus;
        for id in folds {
            let comments = &self.document.comments;
            self.comments.outline.set_folded(comments, id, true);
        }
        self.with_comments(|view, env| {
            view.after_folding(env);
            if let Some(id) = selected {
                view.select(env, id);
            }
        });
        if selected.is_some() {
            if focus == Pane::Comments {
                self.focus = Pane::Comments;
            }
            // Put back once; from now on the reader moves.
            if let Some(waiting) = self.loading.as_mut().and_then(|l| l.waiting.as_mut()) {
                waiting.selected = None;
            }
        }
    }

    /// After `action`: `G` follows the end only as long as it was the last
    /// key, and once the reader has `moved` to another comment the saved
    /// selection no longer applies.
    pub(super) fn acted_while_loading(&mut self, action: Action, moved: bool) {
        let focus = self.focus;
        if let Some(loading) = self.loading.as_mut() {
            loading.following = action == Action::Bottom && focus == Pane::Comments;
            if let Some(waiting) = loading.waiting.as_mut()
                && moved
            {
                waiting.selected = None;
            }
        }
    }

    /// Marks the arrivals from `from` on that earlier visits did not see.
    fn mark_new_arrivals(&mut self, from: usize) {
        let Some(seen) = self.loading.as_ref().and_then(|l| l.seen.as_ref()) else {
            return;
        };
        let comments = &self.document.comments;
        let new: Vec<CommentId> = (from..comments.len())
            .map(|index| CommentId(index as u32))
            .filter(|&id| {
                let comment = comments.get(id);
                !comment.is_stub() && !seen.contains(comment.key.as_str())
            })
            .collect();
        self.unread.extend(&new);
        self.new_comments.extend(new);
    }

    /// Extends the search in force over the arrivals from `from` on.
    fn search_arrivals(&mut self, from: usize) {
        let Some(search) = self.search.as_mut() else {
            return;
        };
        let room = search::MAX_MATCHES.saturating_sub(search.matches.len());
        if room == 0 {
            return;
        }
        if let Ok(pattern) = search::compile(&search.query, search.regex) {
            let more = search::find_in_comments(&self.document, from, &pattern, room);
            search.complete = more.len() < room;
            search.matches.extend(more);
        }
    }

    /// The search in force, run again over everything (the comments were
    /// swapped for their complete copies).
    fn search_again(&mut self) {
        if let Some(search) = self.search.as_mut()
            && let Ok(pattern) = search::compile(&search.query, search.regex)
        {
            let matches = search::find_all(&self.document, &pattern, search::MAX_MATCHES);
            search.complete = matches.len() < search::MAX_MATCHES;
            search.current = search.current.filter(|&c| c < matches.len());
            search.matches = matches;
        }
    }
}
