//! What the reader asks of the world outside it: the store, the browser, the
//! clipboard, the terminal. `App::update` queues these; the event loop in
//! `tui` carries them out and tells the app how they went.

use super::position::ReadingPosition;
use crate::bookmarks::Bookmark;

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
        position: ReadingPosition,
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
    /// Run the shell command with the text on its standard input, the
    /// terminal the command's until it ends.
    Pipe {
        command: String,
        text: String,
    },
    /// Show the text in `$PAGER` (less, read-only), the terminal its.
    Page(String),
    /// Hand the terminal back to the shell and stop until `fg` (Ctrl-Z).
    Suspend,
    /// Clear the terminal and draw the whole screen again (Ctrl-L).
    Redraw,
    /// Fetch the replies the stub with this key stands for; the thread with
    /// them comes back as `Message::Refreshed`.
    FetchReplies {
        stub: String,
    },
    /// Fetch the page a link post links to; it comes back as
    /// `Message::ArticleFetched` or `Message::ArticleFailed`.
    FetchArticle {
        address: String,
    },
}
