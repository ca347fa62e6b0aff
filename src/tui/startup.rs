//! What the reader is told as a document opens: the time, a seed for
//! bookmark ids, and what the store keeps for the document (its bookmarks,
//! the comments seen on earlier visits, the last reading position).

use crate::app::{App, Message, Opened, Pane, ReadingPosition};
use crate::bookmarks::BookmarkFile;
use crate::store::library::{LibraryEntry, LibraryFile};
use crate::store::positions::{Focus, Position, PositionFile};
use crate::store::seen::SeenFile;
use crate::store::{Store, StoreError};

/// How the document was asked for, beside what the store keeps.
#[derive(Debug, Default)]
pub struct Opening {
    /// Start at the top, not where the reader was.
    pub no_resume: bool,
    /// From loading, shown when the store has nothing to say.
    pub warning: Option<String>,
    /// What the library files the document as, under its key.
    pub remember: Option<(String, LibraryEntry)>,
    /// The comment the address points at, by source id.
    pub focus: Option<String>,
    /// A link post's article, and whether it is kept or to be fetched.
    pub article: Option<crate::app::linked_article::ArticleOffer>,
}

/// Opens the store and tells the app what it keeps for its document.
/// Returns the store, or None when there is no data directory: reading
/// goes on either way, and the status bar says what went wrong. For a
/// document still loading, the comments seen before (a file of every
/// comment of every thread read, seconds to read for a million) come
/// later, from the second value, so that the first frame need not wait.
pub fn open(app: &mut App, opening: Opening) -> (Option<Store>, Option<super::Refresh>) {
    let seen_later = app.is_loading();
    let Opening {
        no_resume,
        warning,
        remember,
        focus,
        article,
    } = opening;
    let (store, mut opened) = match Store::from_env() {
        Ok(store) => {
            let mut opened = saved_state(&store, &app.doc_key, (no_resume, !seen_later));
            if let Some((key, entry)) = remember
                && let Err(error) = record_in_library(&store, key, entry)
            {
                opened.notice = opened
                    .notice
                    .or(Some(format!("Library not saved: {error}")));
            }
            (Some(store), opened)
        }
        Err(error) => (
            None,
            Opened {
                notice: Some(format!("Bookmarks unavailable: {error}")),
                ..fresh()
            },
        ),
    };
    opened.notice = opened.notice.or(warning);
    opened.focus = focus;
    opened.article = article;
    app.update(Message::Opened(Box::new(opened)));
    let seen = store.clone().filter(|_| seen_later).map(|store| {
        let key = app.doc_key.clone();
        super::in_background(move || {
            let mut notices = Vec::new();
            let seen = read_seen(&store, &key, &mut notices);
            match notices.into_iter().next() {
                Some(notice) if seen.is_none() => Message::StoreNotice(notice),
                _ => Message::SeenLoaded(seen),
            }
        })
    });
    (store, seen)
}

/// Files the document opened in the library; the kept copies of the
/// documents it forgets go too.
fn record_in_library(store: &Store, key: String, entry: LibraryEntry) -> Result<(), StoreError> {
    let (_, forgotten) = store
        .file::<LibraryFile>()
        .update(|library| library.record(key, entry))?;
    for key in forgotten {
        store.forget_copy(&key);
    }
    Ok(())
}

/// Files the count of comments of document `key` in the library: for one
/// opened in parts, filed by the count of its start. Nothing when there is
/// no library or no such document in it.
pub fn recount_in_library(key: &str, comments: usize) {
    if let Ok(store) = Store::from_env() {
        let _ = store.file::<LibraryFile>().update(|library| {
            if let Some(entry) = library.documents.get_mut(key) {
                entry.comments = comments;
            }
        });
    }
}

/// Tells the app what `store` keeps for its document, unless `no_resume`
/// its last reading position too.
pub fn restore_saved_state(app: &mut App, store: &Store, no_resume: bool) {
    let opened = saved_state(store, &app.doc_key, (no_resume, true));
    app.update(Message::Opened(Box::new(opened)));
}

/// The clock and an id seed, with nothing saved.
fn fresh() -> Opened {
    Opened {
        now: crate::age::now(),
        zone: crate::age::local_zone(),
        id_seed: crate::bookmarks::id_seed(),
        ..Opened::default()
    }
}

/// What the store keeps for document `key` (the seen comments unless told
/// not to); the first thing that went wrong reading it becomes the notice.
fn saved_state(store: &Store, key: &str, (no_resume, with_seen): (bool, bool)) -> Opened {
    let mut opened = fresh();
    let mut notices = Vec::new();
    match store.file::<BookmarkFile>().load() {
        Ok(loaded) => {
            opened.bookmarks = loaded.value.bookmarks;
            notices.extend(loaded.recovery);
        }
        Err(error) => notices.push(format!("Bookmarks unavailable: {error}")),
    }
    if !no_resume {
        match store.file::<PositionFile>().load() {
            Ok(loaded) => {
                opened.position = loaded.value.positions.get(key).map(reading_position);
                notices.extend(loaded.recovery);
            }
            Err(error) => notices.push(format!("Position not restored: {error}")),
        }
    }
    if with_seen {
        opened.seen = read_seen(store, key, &mut notices);
    }
    opened.notice = notices.into_iter().next();
    opened
}

/// The comments of document `key` seen on earlier visits; None on a first
/// visit, or when they cannot be read (the reason is in `notices`).
fn read_seen(
    store: &Store,
    key: &str,
    notices: &mut Vec<String>,
) -> Option<std::collections::BTreeSet<String>> {
    match store.file::<SeenFile>().load() {
        Ok(mut loaded) => {
            notices.extend(loaded.recovery);
            loaded.value.documents.remove(key).map(|s| s.ids)
        }
        Err(error) => {
            notices.push(format!("New comments not marked: {error}"));
            None
        }
    }
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
        sort: saved.sort.clone(),
    }
}
