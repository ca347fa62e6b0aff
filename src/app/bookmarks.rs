//! Bookmarks in the reader: making one from the passage cursor or the
//! selected comment, the bookmark list, jumping between bookmarks, and the
//! marks in the gutters.
//!
//! Nothing here touches the disk: changes to keep are queued as
//! [`Effect`]s, which the event loop carries out against the store, so
//! `App::update` stays free of I/O and testable.

use std::collections::{HashMap, HashSet};

use crate::bookmarks::{self, Bookmark, Resolved, Target};
use crate::document::CommentId;

use super::overlay::{Overlay, panel_in};
use super::prompt::{Prompt, PromptPurpose};
use super::wrapped::TextLine;
use super::{Action, App, Effect, Pane};

/// A place in text: (block, character within the block).
type TextPoint = (usize, usize);

pub use super::bookmark_panel::BookmarkPanel;

/// Where this document's bookmarks are, for the gutter marks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BookmarkMarks {
    pub article: HashSet<usize>,
    pub comments: HashSet<CommentId>,
    /// Ids of bookmarks not found in this version of the document, worked
    /// out once here rather than by the list on every frame.
    pub missing: HashSet<String>,
    /// Where each of this document's bookmarks is, by bookmark id: found
    /// once per change, as finding one that moved searches every comment.
    pub places: HashMap<String, Resolved>,
}

impl App {
    /// The bookmark (its index in the list) on the cursor's paragraph or
    /// the selected comment, if there is one.
    fn bookmark_here(&self) -> Option<usize> {
        let here = match self.focus {
            Pane::Article => (0, self.article.cursor),
            Pane::Comments => (1, self.comments.selected?.index()),
        };
        self.bookmarks
            .iter()
            .position(|b| order_key(self.place_of(b)) == Some(here))
    }

    /// Where `bookmark` is now: as the marks found it, else looked for.
    pub fn place_of(&self, bookmark: &Bookmark) -> Resolved {
        match self.marks.places.get(&bookmark.id) {
            Some(place) => *place,
            None => bookmarks::resolve(bookmark, &self.document),
        }
    }
}

/// A place in the document, ordered as the document reads.
fn order_key(resolved: Resolved) -> Option<(u8, usize)> {
    match resolved {
        Resolved::Article { block } => Some((0, block)),
        Resolved::Comment { id, .. } => Some((1, id.index())),
        Resolved::NotFound => None,
    }
}

impl App {
    /// Sets the bookmarks (every document's, from the store): this
    /// document's, and their marks, and the others' for the list of all.
    pub fn set_bookmarks(&mut self, bookmarks: Vec<Bookmark>) {
        let key = &self.doc_key;
        (self.bookmarks, self.other_bookmarks) =
            bookmarks.into_iter().partition(|b| b.document == *key);
        self.refresh_marks();
        let all = self.bookmark_panel().is_some_and(|p| p.all);
        let count = self.panel_entries(all).len();
        if let Some(panel) = panel_in(&mut self.overlay) {
            panel.selected = panel.selected.min(count.saturating_sub(1));
        }
    }

    /// Finds this document's bookmarks again, after its text changed.
    pub(super) fn find_bookmarks_again(&mut self) {
        let mut all = std::mem::take(&mut self.bookmarks);
        all.append(&mut self.other_bookmarks);
        self.set_bookmarks(all);
    }

    pub(super) fn refresh_marks(&mut self) {
        let mut marks = BookmarkMarks::default();
        for bookmark in &self.bookmarks {
            let place = bookmarks::resolve(bookmark, &self.document);
            marks.places.insert(bookmark.id.clone(), place);
            match place {
                Resolved::Article { block } => {
                    let Target::Article { block: first } = &bookmark.target else {
                        continue;
                    };
                    // Numbers from disk are untrusted: the span is clamped
                    // to the article, whatever `last_block` says.
                    let span = bookmark
                        .last_block
                        .map_or(0, |last| last.saturating_sub(*first));
                    let last = block
                        .saturating_add(span)
                        .min(self.document.article.len().saturating_sub(1));
                    marks.article.extend(block..=last.max(block));
                }
                Resolved::Comment { id, .. } => {
                    marks.comments.insert(id);
                }
                Resolved::NotFound => {
                    marks.missing.insert(bookmark.id.clone());
                }
            }
        }
        self.marks = marks;
    }

    pub(super) fn apply_bookmark_action(&mut self, action: Action) {
        match action {
            Action::Bookmark => self.start_bookmark(),
            Action::ShowBookmarks => {
                self.overlay = Some(Overlay::Bookmarks(BookmarkPanel::default()));
            }
            Action::NextBookmark => self.jump_to_neighbour(true),
            Action::PreviousBookmark => self.jump_to_neighbour(false),
            _ => {}
        }
    }

    /// Makes a bookmark of the visual selection, else of the cursor's
    /// paragraph or the selected comment, and asks for its note.
    fn start_bookmark(&mut self) {
        let made = if let Some((target, first, last)) = self.visual_passage() {
            self.article.visual = None;
            self.comments.visual = None;
            bookmarks::make_passage(
                &self.document,
                self.doc_path.clone(),
                target,
                first,
                last,
                self.ids.stamp(self.now),
            )
        } else {
            if let Some(existing) = self.bookmark_here() {
                // A second `b` opens the bookmark rather than making a
                // duplicate: its note is edited, or it is deleted, there.
                self.overlay = Some(Overlay::Bookmarks(BookmarkPanel {
                    selected: self.panel_position(existing),
                    ..BookmarkPanel::default()
                }));
                self.message = Some("Already bookmarked: e edits the note, d deletes it".into());
                return;
            }
            let target = match self.focus {
                Pane::Article if self.document.article.is_empty() => return,
                Pane::Article => Target::Article {
                    block: self.article.cursor,
                },
                Pane::Comments => {
                    let Some(id) = self.comments.selected else {
                        return;
                    };
                    Target::Comment {
                        id: self.document.comments.get(id).key.to_string(),
                        block: 0,
                    }
                }
            };
            bookmarks::make(
                &self.document,
                self.doc_path.clone(),
                target,
                None,
                None,
                self.ids.stamp(self.now),
            )
        };
        if let Some(mut bookmark) = made {
            // Filed under the key the document opened with: a linked
            // article read into it since changes what its text hashes to.
            bookmark.document = self.doc_key.clone();
            self.open_prompt(Prompt::new(
                String::new(),
                PromptPurpose::New(Box::new(bookmark)),
            ));
        }
    }

    /// The visual selection of the focused pane: what it is in, and its ends
    /// as (block, character).
    fn visual_passage(&self) -> Option<(Target, TextPoint, TextPoint)> {
        let (target, lines, (anchor, head), blocks) = match self.focus {
            Pane::Article => {
                let pane = self.article_pane();
                let layout = self.article_layout(pane);
                let lines: Vec<TextLine> = layout.lines.clone();
                (
                    Target::Article { block: 0 },
                    lines,
                    self.article.visual?,
                    self.document.article.as_slice(),
                )
            }
            Pane::Comments => {
                let (anchor, head) = self.comments.visual?;
                let id = self.comments.selected?;
                let env = self.comments_env(self.comment_pane());
                let lines = env.body(id).to_vec();
                let comment = self.document.comments.get(id);
                (
                    Target::Comment {
                        id: comment.key.to_string(),
                        block: 0,
                    },
                    lines,
                    (anchor, head),
                    comment.body.as_slice(),
                )
            }
        };
        let (from, to) = (anchor.min(head), anchor.max(head));
        let texts: Vec<(usize, std::ops::Range<usize>)> = lines
            .get(from..=to.min(lines.len().saturating_sub(1)))?
            .iter()
            .filter_map(|line| match line {
                TextLine::Text { block, range, .. } => Some((*block, range.clone())),
                _ => None,
            })
            .collect();
        let (first_block, first_range) = texts.first()?.clone();
        let (last_block, last_range) = texts.last()?.clone();
        let chars = |block: usize, byte: usize| blocks[block].text[..byte].chars().count();
        Some((
            target,
            (first_block, chars(first_block, first_range.start)),
            (last_block, chars(last_block, last_range.end)),
        ))
    }

    pub(super) fn finish_bookmark(&mut self, mut bookmark: Bookmark, note: Option<String>) {
        self.close_prompt();
        bookmark.note = note;
        self.message = Some(match &bookmark.note {
            Some(_) => "Bookmarked, with a note".to_string(),
            None => "Bookmarked".to_string(),
        });
        self.effects.push(Effect::SaveBookmark(bookmark.clone()));
        self.bookmarks.push(bookmark);
        self.refresh_marks();
    }

    /// Shows the bookmarked passage: unfolds and selects a comment, or puts
    /// the passage cursor on an article block, focusing the pane.
    pub fn jump_to(&mut self, bookmark: &Bookmark) {
        match self.place_of(bookmark) {
            Resolved::Article { block } => self.show_article_block(block),
            Resolved::Comment { id, .. } => self.show_comment(id),
            Resolved::NotFound => {
                self.message = Some("That passage is not found in this version".to_string());
            }
        }
    }

    /// The bookmark after (or before) the current place, wrapping around.
    fn jump_to_neighbour(&mut self, forward: bool) {
        let here = match self.focus {
            Pane::Article => (0, self.article.cursor),
            Pane::Comments => (1, self.comments.selected.map_or(0, CommentId::index)),
        };
        let mut places: Vec<((u8, usize), usize)> = self
            .bookmarks
            .iter()
            .enumerate()
            .filter_map(|(i, b)| order_key(self.place_of(b)).map(|k| (k, i)))
            .collect();
        if places.is_empty() {
            self.message = Some("No bookmarks in this document".to_string());
            return;
        }
        places.sort();
        let ahead = if forward {
            places.iter().find(|(k, _)| *k > here)
        } else {
            places.iter().rev().find(|(k, _)| *k < here)
        };
        let wrapped = ahead.is_none();
        let chosen = ahead.or(if forward {
            places.first()
        } else {
            places.last()
        });
        if let Some(&(_, index)) = chosen {
            let bookmark = self.bookmarks[index].clone();
            self.jump_to(&bookmark);
            // Said as vim says a search that wrapped.
            if wrapped && self.message.is_none() {
                self.message = Some(
                    if forward {
                        "Past the last bookmark: continued from the first"
                    } else {
                        "Before the first bookmark: continued from the last"
                    }
                    .to_string(),
                );
            }
        }
    }
}
