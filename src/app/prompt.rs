//! The one-line prompt at the bottom of the screen: a bookmark's note or a
//! search query, edited with a cursor, and what Enter or Esc does with it.

use super::message::PromptKey;
use super::{App, Effect};
use crate::bookmarks::Bookmark;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptPurpose {
    /// A new bookmark waiting for its note.
    New(Box<Bookmark>),
    /// Editing the note of the bookmark with this id.
    EditNote(String),
    /// A search query; `regex` is toggled with Ctrl-R.
    Search { regex: bool },
    /// Words to find in the help.
    HelpSearch,
    /// A shell command to pipe the text here to.
    Pipe,
}

/// A one-line text prompt with a cursor, counted in characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub text: String,
    pub cursor: usize,
    pub purpose: PromptPurpose,
}

enum PromptOutcome {
    Editing,
    Done(Option<String>),
    Cancelled,
}

impl Prompt {
    /// Replaces the text, the cursor going to its end.
    pub fn set_text(&mut self, text: String) {
        self.cursor = text.chars().count();
        self.text = text;
    }

    pub fn new(text: String, purpose: PromptPurpose) -> Prompt {
        let cursor = text.chars().count();
        Prompt {
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

impl App {
    /// A key typed while the prompt is open.
    pub(super) fn prompt_key(&mut self, key: PromptKey) {
        if matches!(key, PromptKey::HistoryBack | PromptKey::HistoryForward) {
            self.recall_search(key == PromptKey::HistoryBack);
            return;
        }
        let Some(prompt) = self.prompt_mut() else {
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
            // Esc is the universal cancel: it makes nothing (less, vim,
            // mutt); Enter on an empty note saves without one.
            (PromptOutcome::Cancelled, PromptPurpose::New(_)) => {
                self.close_prompt();
                self.message = Some("No bookmark made".to_string());
            }
            (PromptOutcome::Done(note), PromptPurpose::EditNote(id)) => {
                self.close_prompt();
                let mut kept = self.bookmarks.iter_mut().chain(&mut self.other_bookmarks);
                if let Some(bookmark) = kept.find(|b| b.id == id) {
                    bookmark.note = note.clone();
                }
                self.effects.push(Effect::SetNote { id, note });
                self.message = Some("Note saved".to_string());
            }
            (
                PromptOutcome::Cancelled,
                PromptPurpose::EditNote(_) | PromptPurpose::Search { .. },
            ) => self.close_prompt(),
            (PromptOutcome::Done(_), PromptPurpose::Search { regex }) => {
                self.finish_search((!typed.is_empty()).then_some(typed), regex);
            }
            (PromptOutcome::Done(_), PromptPurpose::HelpSearch) => {
                self.close_prompt();
                self.find_in_help(Some(typed), true);
            }
            (PromptOutcome::Cancelled, PromptPurpose::HelpSearch | PromptPurpose::Pipe) => {
                self.close_prompt()
            }
            (PromptOutcome::Done(_), PromptPurpose::Pipe) => {
                self.close_prompt();
                if !typed.trim().is_empty() {
                    self.pipe_to(typed);
                }
            }
        }
    }
}
