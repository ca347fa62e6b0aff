//! Bookmarks in the reader: making one from the passage cursor or the
//! selected comment, the note prompt, the bookmark list, jumping between
//! bookmarks, the marks in the gutters, and the reading position.
//!
//! Nothing here touches the disk: changes to keep are queued as
//! [`Effect`]s, which the event loop carries out against the store, so
//! `App::update` stays free of I/O and testable.

use std::collections::HashSet;

use crate::bookmarks::{self, Bookmark, Resolved, Target};
use crate::document::CommentId;
use crate::store::positions::Position;

use super::wrapped::TextLine;
use super::{Action, App, Pane};

/// A place in text: (block, character within the block).
type TextPoint = (usize, usize);

/// Something the event loop must do with the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    SaveBookmark(Bookmark),
    DeleteBookmark(String),
    SetNote {
        id: String,
        note: Option<String>,
    },
    SavePosition {
        key: String,
        position: Position,
    },
    /// Add these comment ids to what was seen of document `key`.
    SaveSeen {
        key: String,
        ids: Vec<String>,
    },
    /// Hand a link to the system's opener.
    OpenUrl(String),
    /// Put text on the clipboard through the terminal (OSC 52).
    CopyToClipboard(String),
    /// Hand the terminal back to the shell and stop until `fg` (Ctrl-Z).
    Suspend,
    /// Clear the terminal and draw the whole screen again (Ctrl-L).
    Redraw,
}

/// A key typed into the note prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKey {
    Char(char),
    Paste(String),
    Left,
    Right,
    Home,
    End,
    Backspace,
    Delete,
    /// Ctrl-u: clear everything before the cursor.
    ClearToStart,
    /// Ctrl-r in the search prompt: switch between literal and regex.
    ToggleRegex,
    /// Up / Down in the search prompt: earlier / later queries.
    HistoryBack,
    HistoryForward,
    Enter,
    Esc,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptPurpose {
    /// A new bookmark waiting for its note.
    New(Box<Bookmark>),
    /// Editing the note of the bookmark with this id.
    EditNote(String),
    /// A search query; `regex` is toggled with Ctrl-R.
    Search { regex: bool },
}

/// A one-line text prompt with a cursor, counted in characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotePrompt {
    pub text: String,
    pub cursor: usize,
    pub purpose: PromptPurpose,
}

enum PromptOutcome {
    Editing,
    Done(Option<String>),
    Cancelled,
}

impl NotePrompt {
    /// Replaces the text, the cursor going to its end.
    pub fn set_text(&mut self, text: String) {
        self.cursor = text.chars().count();
        self.text = text;
    }

    pub fn new(text: String, purpose: PromptPurpose) -> NotePrompt {
        let cursor = text.chars().count();
        NotePrompt {
            text,
            cursor,
            purpose,
        }
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(i, _)| i)
    }

    fn insert(&mut self, text: &str) {
        // Pasted text is one line: line breaks become spaces, controls go.
        let clean: String = text
            .chars()
            .map(|c| {
                if c == '\n' || c == '\r' || c == '\t' {
                    ' '
                } else {
                    c
                }
            })
            .filter(|c| !c.is_control())
            .collect();
        let at = self.byte_at(self.cursor);
        self.text.insert_str(at, &clean);
        self.cursor += clean.chars().count();
    }

    fn apply(&mut self, key: PromptKey) -> PromptOutcome {
        let length = self.text.chars().count();
        match key {
            PromptKey::Char(c) => self.insert(&c.to_string()),
            PromptKey::Paste(text) => self.insert(&text),
            PromptKey::Left => self.cursor = self.cursor.saturating_sub(1),
            PromptKey::Right => self.cursor = (self.cursor + 1).min(length),
            PromptKey::Home => self.cursor = 0,
            PromptKey::End => self.cursor = length,
            PromptKey::Backspace => {
                if self.cursor > 0 {
                    let start = self.byte_at(self.cursor - 1);
                    let end = self.byte_at(self.cursor);
                    self.text.replace_range(start..end, "");
                    self.cursor -= 1;
                }
            }
            PromptKey::Delete => {
                if self.cursor < length {
                    let start = self.byte_at(self.cursor);
                    let end = self.byte_at(self.cursor + 1);
                    self.text.replace_range(start..end, "");
                }
            }
            PromptKey::ClearToStart => {
                let end = self.byte_at(self.cursor);
                self.text.replace_range(..end, "");
                self.cursor = 0;
            }
            PromptKey::Enter => {
                let note = self.text.trim();
                return PromptOutcome::Done((!note.is_empty()).then(|| note.to_string()));
            }
            PromptKey::Esc => return PromptOutcome::Cancelled,
            PromptKey::ToggleRegex => {
                if let PromptPurpose::Search { regex } = &mut self.purpose {
                    *regex = !*regex;
                }
            }
            // The app, which keeps the history, handles these.
            PromptKey::HistoryBack | PromptKey::HistoryForward => {}
        }
        PromptOutcome::Editing
    }
}

/// The bookmark list overlay.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BookmarkPanel {
    pub selected: usize,
    /// Deleted while the panel was open, for undo; newest last.
    pub deleted: Vec<Bookmark>,
}

/// Where this document's bookmarks are, for the gutter marks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BookmarkMarks {
    pub article: HashSet<usize>,
    pub comments: HashSet<CommentId>,
    /// Ids of bookmarks not found in this version of the document, worked
    /// out once here rather than by the list on every frame.
    pub missing: HashSet<String>,
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
    /// Sets this document's bookmarks (from the store) and their marks.
    pub fn set_bookmarks(&mut self, bookmarks: Vec<Bookmark>) {
        self.bookmarks = bookmarks
            .into_iter()
            .filter(|b| b.document == self.doc_key)
            .collect();
        self.refresh_marks();
        if let Some(panel) = &mut self.panel {
            panel.selected = panel.selected.min(self.bookmarks.len().saturating_sub(1));
        }
    }

    fn refresh_marks(&mut self) {
        let mut marks = BookmarkMarks::default();
        for bookmark in &self.bookmarks {
            match bookmarks::resolve(bookmark, &self.document) {
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
                self.panel = Some(BookmarkPanel::default());
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
                self.now,
            )
        } else {
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
                self.now,
            )
        };
        if let Some(bookmark) = made {
            self.prompt = Some(NotePrompt::new(
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
                let layout = self
                    .wrapped
                    .article(&self.document, self.article_text_width(pane));
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
                TextLine::Blank => None,
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

    /// A key typed while the note prompt is open.
    pub(super) fn prompt_key(&mut self, key: PromptKey) {
        if matches!(key, PromptKey::HistoryBack | PromptKey::HistoryForward) {
            self.recall_search(key == PromptKey::HistoryBack);
            return;
        }
        let Some(prompt) = self.prompt.as_mut() else {
            return;
        };
        let outcome = prompt.apply(key);
        let purpose = prompt.purpose.clone();
        // Notes are trimmed; a search query is taken as typed (" the ").
        let typed = prompt.text.clone();
        match (outcome, purpose) {
            (PromptOutcome::Editing, _) => {}
            (PromptOutcome::Done(note), PromptPurpose::New(bookmark)) => {
                self.finish_bookmark(*bookmark, note);
            }
            // Esc on a new bookmark still saves it, without a note.
            (PromptOutcome::Cancelled, PromptPurpose::New(bookmark)) => {
                self.finish_bookmark(*bookmark, None);
            }
            (PromptOutcome::Done(note), PromptPurpose::EditNote(id)) => {
                self.prompt = None;
                if let Some(bookmark) = self.bookmarks.iter_mut().find(|b| b.id == id) {
                    bookmark.note = note.clone();
                }
                self.effects.push(Effect::SetNote { id, note });
                self.message = Some("Note saved".to_string());
            }
            (
                PromptOutcome::Cancelled,
                PromptPurpose::EditNote(_) | PromptPurpose::Search { .. },
            ) => self.prompt = None,
            (PromptOutcome::Done(_), PromptPurpose::Search { regex }) => {
                self.finish_search((!typed.is_empty()).then_some(typed), regex);
            }
        }
    }

    fn finish_bookmark(&mut self, mut bookmark: Bookmark, note: Option<String>) {
        self.prompt = None;
        bookmark.note = note;
        self.message = Some(match &bookmark.note {
            Some(_) => "Bookmarked, with a note".to_string(),
            None => "Bookmarked".to_string(),
        });
        self.effects.push(Effect::SaveBookmark(bookmark.clone()));
        self.bookmarks.push(bookmark);
        self.refresh_marks();
    }

    pub(super) fn apply_in_panel(&mut self, action: Action) {
        let Some(panel) = self.panel.as_mut() else {
            return;
        };
        let count = self.bookmarks.len();
        match action {
            Action::Quit => self.quit(),
            Action::CloseOverlay | Action::ShowBookmarks => self.panel = None,
            Action::SelectNext => {
                panel.selected = (panel.selected + 1).min(count.saturating_sub(1))
            }
            Action::SelectPrevious => panel.selected = panel.selected.saturating_sub(1),
            Action::OpenSelected => {
                if let Some(bookmark) = self.bookmarks.get(panel.selected).cloned() {
                    self.panel = None;
                    self.jump_to(&bookmark);
                }
            }
            Action::DeleteSelected if panel.selected < count => {
                let bookmark = self.bookmarks.remove(panel.selected);
                panel.selected = panel.selected.min(self.bookmarks.len().saturating_sub(1));
                self.effects
                    .push(Effect::DeleteBookmark(bookmark.id.clone()));
                panel.deleted.push(bookmark);
                self.message = Some("Deleted; u brings it back".to_string());
                self.refresh_marks();
            }
            Action::UndoDelete => {
                if let Some(bookmark) = panel.deleted.pop() {
                    self.effects.push(Effect::SaveBookmark(bookmark.clone()));
                    let at = self
                        .bookmarks
                        .iter()
                        .position(|b| b.created > bookmark.created)
                        .unwrap_or(self.bookmarks.len());
                    panel.selected = at;
                    self.bookmarks.insert(at, bookmark);
                    self.message = Some("Bookmark restored".to_string());
                    self.refresh_marks();
                }
            }
            Action::EditNote => {
                if let Some(bookmark) = self.bookmarks.get(panel.selected) {
                    self.prompt = Some(NotePrompt::new(
                        bookmark.note.clone().unwrap_or_default(),
                        PromptPurpose::EditNote(bookmark.id.clone()),
                    ));
                }
            }
            _ => {}
        }
    }

    /// Shows the bookmarked passage: unfolds and selects a comment, or puts
    /// the passage cursor on an article block, focusing the pane.
    pub fn jump_to(&mut self, bookmark: &Bookmark) {
        match bookmarks::resolve(bookmark, &self.document) {
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
            .filter_map(|(i, b)| order_key(bookmarks::resolve(b, &self.document)).map(|k| (k, i)))
            .collect();
        if places.is_empty() {
            self.message = Some("No bookmarks in this document".to_string());
            return;
        }
        places.sort();
        let chosen = if forward {
            places.iter().find(|(k, _)| *k > here).or(places.first())
        } else {
            places
                .iter()
                .rev()
                .find(|(k, _)| *k < here)
                .or(places.last())
        };
        if let Some(&(_, index)) = chosen {
            let bookmark = self.bookmarks[index].clone();
            self.jump_to(&bookmark);
        }
    }

    /// Where the reader is, to be saved on quit.
    pub fn position(&self) -> Position {
        let comments = &self.document.comments;
        let pane = self.article_pane();
        let layout = self
            .wrapped
            .article(&self.document, self.article_text_width(pane));
        let env = self.article_env(&layout, pane);
        Position {
            focus: match self.focus {
                Pane::Article => "article".to_string(),
                Pane::Comments => "comments".to_string(),
            },
            article_block: layout.block_at(self.article.top_line(&env)).unwrap_or(0),
            article_cursor: self.article.cursor,
            selected: self
                .comments
                .selected
                .map(|id| comments.get(id).key.to_string()),
            folded: self
                .comments
                .outline
                .folded_ids()
                .map(|id| comments.get(id).key.to_string())
                .collect(),
            updated: self.now,
            unknown: Default::default(),
        }
    }

    /// Puts the reader back where `position` says.
    pub fn restore(&mut self, position: &Position) {
        let comments = &self.document.comments;
        let folded: Vec<CommentId> = position
            .folded
            .iter()
            .filter_map(|key| comments.find_by_key(key))
            .collect();
        self.comments.outline.set_all_folded(comments, folded);
        let selected = position
            .selected
            .as_deref()
            .and_then(|key| comments.find_by_key(key));
        self.with_comments(|view, env| {
            view.after_folding(env);
            if let Some(id) = selected {
                view.select(env, id);
            }
        });
        let blocks = self.document.article.len();
        if blocks > 0 {
            let cursor = position.article_cursor.min(blocks - 1);
            let top = position.article_block.min(blocks - 1);
            // The cursor is shown by the first layout (`Resize` reveals it),
            // when the pane's real size is known.
            self.with_article(|view, env| {
                view.scroll_block_to_top(env, top);
                view.cursor = cursor;
            });
        }
        if position.focus == "comments" && !self.document.comments.is_empty() {
            self.focus = Pane::Comments;
        }
    }

    /// Quits, keeping the reading position.
    pub(super) fn quit(&mut self) {
        self.quit = true;
        self.effects.push(Effect::SavePosition {
            key: self.doc_key.clone(),
            position: self.position(),
        });
        self.save_seen();
    }
}
