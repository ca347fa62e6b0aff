//! What can happen to the reader: the messages `App::update` takes.

use super::Action;
use crate::bookmarks::Bookmark;

/// An action, or an event that carries data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Action(Action),
    Resize {
        width: u16,
        height: u16,
    },
    Click {
        column: u16,
        row: u16,
    },
    Wheel {
        column: u16,
        row: u16,
        down: bool,
    },
    /// A key typed into the prompt (a bookmark note, a search).
    Prompt(PromptKey),
    /// An action typed after a count (`5j`): movements are repeated.
    Counted(usize, Action),
    /// Nothing happened for a moment: time for background work.
    Idle,
    /// Keys typed toward a count or a sequence, shown in the status bar.
    Typed(String),
    /// The bookmarks as the store has them now (after a save, or at start).
    BookmarksLoaded(Vec<Bookmark>),
    /// Something about the store the user should hear (a failed save, a
    /// recovered file).
    StoreNotice(String),
}

impl From<Action> for Message {
    fn from(action: Action) -> Message {
        Message::Action(action)
    }
}

/// A key typed into the one-line prompt.
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
