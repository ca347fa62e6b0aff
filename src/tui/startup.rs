//! What the store keeps for a document, handed to the reader when it opens.

use crate::app::{App, Pane, ReadingPosition};
use crate::bookmarks::BookmarkFile;
use crate::store::Store;
use crate::store::positions::{Focus, Position, PositionFile};
use crate::store::seen::SeenFile;

/// Gives the reader what the store keeps for this document: its bookmarks,
/// the comments seen on earlier visits and, unless `no_resume`, the last
/// reading position. Returns what went wrong, for the status bar; reading
/// goes on either way.
pub fn restore_saved_state(app: &mut App, store: &Store, no_resume: bool) -> Option<String> {
    let mut message = match store.file::<BookmarkFile>().load() {
        Ok(loaded) => {
            app.set_bookmarks(loaded.value.bookmarks);
            loaded.recovery
        }
        Err(error) => Some(format!("Bookmarks unavailable: {error}")),
    };
    if !no_resume {
        match store.file::<PositionFile>().load() {
            Ok(loaded) => {
                if let Some(position) = loaded.value.positions.get(&app.doc_key) {
                    app.restore(&reading_position(position));
                }
                message = message.or(loaded.recovery);
            }
            Err(error) => message = message.or(Some(format!("Position not restored: {error}"))),
        }
    }
    match store.file::<SeenFile>().load() {
        Ok(loaded) => {
            app.set_seen(loaded.value.documents.get(&app.doc_key).map(|s| &s.ids));
            message = message.or(loaded.recovery);
        }
        Err(error) => message = message.or(Some(format!("New comments not marked: {error}"))),
    }
    message
}

/// A saved position as the reader takes it.
fn reading_position(saved: &Position) -> ReadingPosition {
    ReadingPosition {
        focus: match saved.focus {
            Focus::Article => Pane::Article,
            Focus::Comments => Pane::Comments,
        },
        article_block: saved.article_block,
        article_cursor: saved.article_cursor,
        selected: saved.selected.clone(),
        folded: saved.folded.clone(),
    }
}
