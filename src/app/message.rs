//! What can happen to the reader: the messages `App::update` takes.

use std::collections::BTreeSet;

use super::{Action, ReadingPosition};
use crate::bookmarks::Bookmark;

/// An action, or an event that carries data.
#[derive(Debug, Clone, PartialEq)]
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
    /// Link number N (from 1) of the link list, typed as digits: two of
    /// them when the list holds more than nine.
    OpenLink(usize),
    /// Nothing happened for a moment: time for background work.
    Idle,
    /// Comments continuing the document while it loads, in preorder, and
    /// how far into the input (in bytes) they were read.
    Arrived {
        comments: Vec<crate::document::Comment>,
        parsed: u64,
    },
    /// The whole document has been read.
    Loaded(Box<super::loading::Finished>),
    /// Loading stopped on an error, in one line; what arrived stays.
    LoadFailed(String),
    /// The comments seen on earlier visits, read after the document opened
    /// (a large one, which does not wait for them); None on a first visit.
    SeenLoaded(Option<BTreeSet<String>>),
    /// Keys typed toward a count or a sequence, shown in the status bar.
    Typed(String),
    /// The bookmarks as the store has them now (after a save, or at start).
    BookmarksLoaded(Vec<Bookmark>),
    /// The document is open: what the reader needs from outside to begin.
    Opened(Box<Opened>),
    /// Something about the store the user should hear (a failed save, a
    /// recovered file).
    StoreNotice(String),
    /// A fresh copy of the document, fetched while the kept one was read.
    Refreshed(Box<crate::document::Document>),
    /// Why the fresh copy could not be fetched.
    RefreshFailed(String),
    /// Why the replies of a stub could not be fetched.
    RepliesFailed(String),
    /// The page a link post links to, read in reader mode.
    ArticleFetched {
        address: String,
        page: Box<crate::document::Document>,
    },
    /// Why it could not be fetched, in one line.
    ArticleFailed {
        address: String,
        why: String,
    },
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

/// What the event loop tells the reader as a document opens: the time and
/// a seed for bookmark ids (so that `update` reads no clock), and what the
/// store keeps for the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    /// Unix seconds; ages are shown relative to this while the reader runs.
    pub now: i64,
    /// The zone full dates are shown in, labelled.
    pub zone: jiff::tz::TimeZone,
    /// Makes this session's bookmark ids differ from any other process's.
    pub id_seed: u64,
    /// Every bookmark in the store; the reader keeps this document's.
    pub bookmarks: Vec<Bookmark>,
    /// Where the reader was last time, unless asked not to resume.
    pub position: Option<ReadingPosition>,
    /// Source ids of the comments seen on earlier visits; None on the first.
    pub seen: Option<BTreeSet<String>>,
    /// What the user should hear first (a store that could not be read, a
    /// warning from loading).
    pub notice: Option<String>,
    /// The comment the address pointed at (a Reddit permalink), by source
    /// id: selected over the saved position.
    pub focus: Option<String>,
    /// A link post's article: shown from its kept copy, fetched, or offered.
    pub article: Option<super::linked_article::ArticleOffer>,
}

impl Default for Opened {
    fn default() -> Opened {
        Opened {
            now: 0,
            zone: jiff::tz::TimeZone::UTC,
            id_seed: 0,
            bookmarks: Vec::new(),
            position: None,
            seen: None,
            notice: None,
            focus: None,
            article: None,
        }
    }
}
