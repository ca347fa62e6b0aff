//! The bookmark list: this document's bookmarks in the order the document
//! reads (those not found in this version last), named by where they are
//! (`kelly · reply to topolcats`); or, after Tab, every document's, from
//! which Enter opens another document. Deleting, undoing and editing a
//! note work in both.

use crate::bookmarks::{Bookmark, Resolved};

use super::overlay::panel_in;
use super::prompt::{Prompt, PromptPurpose};
use super::{Action, App, Effect};

/// The bookmark list overlay.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BookmarkPanel {
    /// The entry selected, counted in [`App::panel_entries`].
    pub selected: usize,
    /// Every document's bookmarks rather than this one's.
    pub all: bool,
    /// Deleted while the panel was open, for undo; newest last.
    pub deleted: Vec<Bookmark>,
}

/// An entry of the list: a bookmark of this document or of another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PanelEntry {
    /// An index into `App::bookmarks`.
    Here(usize),
    /// An index into `App::other_bookmarks`.
    Elsewhere(usize),
}

/// Where a bookmark of this document is, for sorting: the article first,
/// then comments in preorder, then those not found.
fn reading_order(bookmark: &Bookmark, place: Resolved) -> (u8, usize, i64) {
    match place {
        Resolved::Article { block } => (0, block, bookmark.created),
        Resolved::Comment { id, .. } => (1, id.index(), bookmark.created),
        Resolved::NotFound => (2, 0, bookmark.created),
    }
}

impl App {
    /// The entries of the list, in the order shown.
    pub fn panel_entries(&self, all: bool) -> Vec<PanelEntry> {
        let mut here: Vec<usize> = (0..self.bookmarks.len()).collect();
        here.sort_by_key(|&i| {
            let bookmark = &self.bookmarks[i];
            reading_order(bookmark, self.place_of(bookmark))
        });
        let mut entries: Vec<PanelEntry> = here.into_iter().map(PanelEntry::Here).collect();
        if all {
            let mut elsewhere: Vec<usize> = (0..self.other_bookmarks.len()).collect();
            let others = &self.other_bookmarks;
            elsewhere.sort_by(|&a, &b| {
                (&others[a].title, &others[a].document, others[a].created).cmp(&(
                    &others[b].title,
                    &others[b].document,
                    others[b].created,
                ))
            });
            entries.extend(elsewhere.into_iter().map(PanelEntry::Elsewhere));
        }
        entries
    }

    /// The bookmark an entry stands for.
    pub fn panel_bookmark(&self, entry: PanelEntry) -> &Bookmark {
        match entry {
            PanelEntry::Here(i) => &self.bookmarks[i],
            PanelEntry::Elsewhere(i) => &self.other_bookmarks[i],
        }
    }

    /// Where a bookmark of this document is, as a reader names it: the
    /// comment's author and what it replies to, or the article's paragraph.
    pub fn bookmark_place(&self, bookmark: &Bookmark) -> String {
        match self.place_of(bookmark) {
            Resolved::Comment { id, .. } => {
                let comments = &self.document.comments;
                let comment = comments.get(id);
                let author = comment.author.as_deref().unwrap_or("anonymous");
                match comment.parent {
                    Some(parent) => {
                        let to = comments
                            .get(parent)
                            .author
                            .as_deref()
                            .unwrap_or("anonymous");
                        format!("{author} · reply to {to}")
                    }
                    None => format!("{author} · top-level comment"),
                }
            }
            Resolved::Article { .. } | Resolved::NotFound => bookmark.location(),
        }
    }

    /// The entry (in the list's order) of bookmark `index` of this document.
    pub(super) fn panel_position(&self, index: usize) -> usize {
        self.panel_entries(false)
            .iter()
            .position(|&e| e == PanelEntry::Here(index))
            .unwrap_or(0)
    }

    pub(super) fn apply_in_panel(&mut self, action: Action) {
        let Some((all, selected)) = self.bookmark_panel().map(|p| (p.all, p.selected)) else {
            return;
        };
        let entries = self.panel_entries(all);
        let entry = entries.get(selected).copied();
        let Some(panel) = panel_in(&mut self.overlay) else {
            return;
        };
        match action {
            Action::CloseOverlay | Action::ShowBookmarks => self.overlay = None,
            Action::FocusNext => {
                panel.all = !all;
                panel.selected = 0;
                self.message = Some(if all {
                    "This document's bookmarks".to_string()
                } else {
                    "Every document's bookmarks: Enter opens one".to_string()
                });
            }
            Action::SelectNext => {
                panel.selected = (panel.selected + 1).min(entries.len().saturating_sub(1));
            }
            Action::SelectPrevious => panel.selected = panel.selected.saturating_sub(1),
            Action::OpenSelected => match entry {
                Some(PanelEntry::Here(index)) => {
                    let bookmark = self.bookmarks[index].clone();
                    self.overlay = None;
                    self.jump_to(&bookmark);
                }
                Some(PanelEntry::Elsewhere(index)) => {
                    let bookmark = self.other_bookmarks[index].clone();
                    self.open_elsewhere(&bookmark);
                }
                None => {}
            },
            Action::DeleteSelected => {
                if let Some(entry) = entry {
                    self.delete_entry(entry);
                }
            }
            Action::UndoDelete => self.undo_delete(),
            Action::EditNote => {
                if let Some(entry) = entry {
                    let bookmark = self.panel_bookmark(entry);
                    let prompt = Prompt::new(
                        bookmark.note.clone().unwrap_or_default(),
                        PromptPurpose::EditNote(bookmark.id.clone()),
                    );
                    self.open_prompt(prompt);
                }
            }
            _ => {}
        }
    }

    fn delete_entry(&mut self, entry: PanelEntry) {
        let bookmark = match entry {
            PanelEntry::Here(i) => self.bookmarks.remove(i),
            PanelEntry::Elsewhere(i) => self.other_bookmarks.remove(i),
        };
        self.effects
            .push(Effect::DeleteBookmark(bookmark.id.clone()));
        let Some(panel) = panel_in(&mut self.overlay) else {
            return;
        };
        panel.deleted.push(bookmark);
        let all = panel.all;
        let count = self.panel_entries(all).len();
        if let Some(panel) = panel_in(&mut self.overlay) {
            panel.selected = panel.selected.min(count.saturating_sub(1));
        }
        self.message = Some("Deleted; u brings it back".to_string());
        self.refresh_marks();
    }

    /// Brings the last deleted bookmark back, at its place in the list.
    fn undo_delete(&mut self) {
        let Some(bookmark) = panel_in(&mut self.overlay).and_then(|p| p.deleted.pop()) else {
            return;
        };
        self.effects.push(Effect::SaveBookmark(bookmark.clone()));
        let entry = if bookmark.document == self.doc_key {
            self.bookmarks.push(bookmark);
            PanelEntry::Here(self.bookmarks.len() - 1)
        } else {
            self.other_bookmarks.push(bookmark);
            PanelEntry::Elsewhere(self.other_bookmarks.len() - 1)
        };
        self.refresh_marks();
        let all = self.bookmark_panel().is_some_and(|p| p.all);
        let at = self.panel_entries(all).iter().position(|&e| e == entry);
        if let Some(panel) = panel_in(&mut self.overlay) {
            panel.selected = at.unwrap_or(0);
        }
        self.message = Some("Bookmark restored".to_string());
    }

    /// Leaves this document for the one `bookmark` is in, as the library
    /// does, when tread knows where it is: its file, or its address.
    fn open_elsewhere(&mut self, bookmark: &Bookmark) {
        let source = bookmark.path.clone().or_else(|| {
            let key = &bookmark.document;
            (key.starts_with("https://") || key.starts_with("http://")).then(|| key.clone())
        });
        match source {
            Some(source) => {
                self.overlay = None;
                self.open_other = Some(source);
                self.quit();
            }
            None => {
                self.message =
                    Some("Not known where that document is: it was read from stdin".to_string())
            }
        }
    }
}
