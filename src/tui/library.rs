//! The library screen's loop: the list read from the store, keys handed to
//! the screen's `update`, and what it asks carried out on disk (forgetting
//! a document and its kept copy, and bringing them back).

use std::collections::HashMap;
use std::io;
use std::time::Duration;

use crossterm::event::{self, KeyCode, KeyModifiers};

use super::Session;
use crate::app::library::{LibraryEffect, LibraryItem, LibraryKey, LibraryScreen};
use crate::bookmarks::BookmarkFile;
use crate::config::Theme;
use crate::store::Store;
use crate::store::library::{LibraryEntry, LibraryFile};
use crate::ui::library::{LibraryView, rows_for};

/// How often the loop wakes without input, to notice signals.
const SIGNAL_CHECK: Duration = Duration::from_millis(100);

/// What the user chose.
pub enum Choice {
    /// Open this document: its address, path, or `<demo>`.
    Open(String),
    Quit,
}

/// What a forgotten document was, for `u`.
type Forgotten = HashMap<String, (LibraryEntry, Option<Vec<u8>>)>;

/// The library, until the user opens a document or quits. `demo` is shown
/// when the library is empty (a first run); `message` first, in the status
/// bar (why the last document could not be opened).
pub fn choose(
    session: &mut Session,
    store: Option<&Store>,
    theme: &Theme,
    demo: LibraryItem,
    message: Option<String>,
) -> io::Result<Choice> {
    let mut screen = LibraryScreen::new(items(store, demo));
    screen.message = message;
    let mut forgotten = Forgotten::new();
    loop {
        let size = session.guard.terminal.size()?;
        screen.rows = rows_for(size.height);
        let now = crate::age::now();
        let view = LibraryView {
            screen: &screen,
            theme,
            now,
        };
        session
            .guard
            .terminal
            .draw(|frame| frame.render_widget(view, frame.area()))?;
        let Some(pressed) = session.next_key(SIGNAL_CHECK)? else {
            return Ok(Choice::Quit);
        };
        let key = pressed.and_then(library_key);
        let Some(effect) = key.and_then(|key| screen.update(key)) else {
            continue;
        };
        match effect {
            LibraryEffect::Open(item) => return Ok(Choice::Open(item.source)),
            LibraryEffect::Quit => return Ok(Choice::Quit),
            LibraryEffect::Forget(item) => {
                if let Some(error) = store.and_then(|s| forget(s, &item.key, &mut forgotten)) {
                    screen.message = Some(error);
                }
            }
            LibraryEffect::Restore(item) => {
                if let Some(error) = store.and_then(|s| restore(s, &item.key, &mut forgotten)) {
                    screen.message = Some(error);
                }
            }
        }
    }
}

/// The library's documents as the screen lists them, or the demo alone.
fn items(store: Option<&Store>, demo: LibraryItem) -> Vec<LibraryItem> {
    let library = store.and_then(|s| s.file::<LibraryFile>().load().ok());
    let bookmarks = store.and_then(|s| s.file::<BookmarkFile>().load().ok());
    let counts = bookmarks
        .as_ref()
        .map(|b| b.value.counts())
        .unwrap_or_default();
    let items: Vec<LibraryItem> = library
        .as_ref()
        .map(|l| l.value.newest_first())
        .unwrap_or_default()
        .into_iter()
        .map(|(key, entry)| LibraryItem {
            key: key.to_string(),
            title: entry.title.clone(),
            source: entry.source.clone(),
            site: entry.site.clone(),
            comments: entry.comments,
            bookmarks: counts.get(entry.doc_key.as_str()).copied().unwrap_or(0),
            read_at: Some(entry.read_at),
        })
        .collect();
    if items.is_empty() { vec![demo] } else { items }
}

/// Forgets `key` on disk, keeping what it was for an undo; an error to say.
fn forget(store: &Store, key: &str, forgotten: &mut Forgotten) -> Option<String> {
    let copy = store.kept_copy(key, u64::MAX).map(|(bytes, _)| bytes);
    match store
        .file::<LibraryFile>()
        .update(|library| library.forget(key))
    {
        Ok((_, entry)) => {
            store.forget_copy(key);
            if let Some(entry) = entry {
                forgotten.insert(key.to_string(), (entry, copy));
            }
            None
        }
        Err(error) => Some(format!("Not forgotten: {error}")),
    }
}

/// Puts back what [`forget`] took; an error to say.
fn restore(store: &Store, key: &str, forgotten: &mut Forgotten) -> Option<String> {
    let (entry, copy) = forgotten.remove(key)?;
    if let Some(bytes) = copy
        && let Err(error) = store.keep_copy(key, &bytes)
    {
        return Some(format!("Kept copy not brought back: {error}"));
    }
    let update = store.file::<LibraryFile>().update(|library| {
        library.documents.insert(key.to_string(), entry);
    });
    update
        .err()
        .map(|error| format!("Not brought back: {error}"))
}

fn library_key(key: event::KeyEvent) -> Option<LibraryKey> {
    Some(match key.code {
        KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
            LibraryKey::Interrupt
        }
        KeyCode::Char(c) => LibraryKey::Char(c),
        KeyCode::Up => LibraryKey::Up,
        KeyCode::Down => LibraryKey::Down,
        KeyCode::Home => LibraryKey::Home,
        KeyCode::End => LibraryKey::End,
        KeyCode::PageUp => LibraryKey::PageUp,
        KeyCode::PageDown => LibraryKey::PageDown,
        KeyCode::Enter => LibraryKey::Enter,
        KeyCode::Esc => LibraryKey::Esc,
        KeyCode::Backspace => LibraryKey::Backspace,
        _ => return None,
    })
}
