//! The reader's writes to the store: one function that carries out a store
//! effect and says what the app should hear back, and a thread that runs
//! them in the background, so the screen never waits for the disk or for
//! another process holding the lock (a stopped tread). Tests run the same
//! function in the foreground.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::app::{Effect, Message, Pane, ReadingPosition};
use crate::bookmarks::BookmarkFile;
use crate::store::Store;
use crate::store::positions::{Focus, Position, PositionFile};
use crate::store::seen::SeenFile;

/// Carries out one store effect; returns the messages for the app: the
/// bookmarks now on disk (other windows' included), a recovery notice, or
/// why nothing was saved.
pub fn save(store: &Store, effect: Effect, now: i64) -> Vec<Message> {
    let bookmarks = |change: Box<dyn FnOnce(&mut BookmarkFile)>| {
        store
            .file::<BookmarkFile>()
            .update(change)
            .map(|(loaded, ())| {
                let mut messages = vec![Message::BookmarksLoaded(loaded.value.bookmarks)];
                messages.extend(recovery_notice(loaded.recovery));
                messages
            })
    };
    let result = match effect {
        Effect::SaveBookmark(bookmark) => bookmarks(Box::new(|file| file.add(bookmark))),
        Effect::DeleteBookmark(id) => bookmarks(Box::new(move |file| {
            file.remove(&id);
        })),
        Effect::SetNote { id, note } => bookmarks(Box::new(move |file| {
            file.set_note(&id, note);
        })),
        Effect::SavePosition { key, position } => store
            .file::<PositionFile>()
            .update(|file| file.record(key, saved_position(position, now)))
            .map(|(loaded, ())| recovery_notice(loaded.recovery)),
        Effect::SaveSeen { key, ids } => store
            .file::<SeenFile>()
            .update(|file| file.record(key, ids, now))
            .map(|(loaded, ())| recovery_notice(loaded.recovery)),
        Effect::OpenUrl(_)
        | Effect::CopyToClipboard(_)
        | Effect::Suspend
        | Effect::Redraw
        | Effect::Page(_)
        | Effect::Pipe { .. }
        | Effect::FetchReplies { .. }
        | Effect::FetchArticle { .. } => Ok(Vec::new()),
    };
    result.unwrap_or_else(|error| vec![Message::StoreNotice(format!("Not saved: {error}"))])
}

/// The reader's position as the store keeps it, saved at `now`.
fn saved_position(position: ReadingPosition, now: i64) -> Position {
    Position {
        focus: match position.focus {
            Pane::Article => Focus::Article,
            Pane::Comments => Focus::Comments,
        },
        article_block: position.article_block,
        article_cursor: position.article_cursor,
        selected: position.selected,
        folded: position.folded,
        sort: position.sort,
        updated: now,
        unknown: Default::default(),
    }
}

/// What the app hears of a file recovered from corruption, if it was.
fn recovery_notice(recovery: Option<String>) -> Vec<Message> {
    recovery.map(Message::StoreNotice).into_iter().collect()
}

/// A thread that saves, in the order asked, and hands back what the app
/// should hear.
pub struct Saver {
    jobs: Option<Sender<Effect>>,
    answers: Receiver<Message>,
    thread: Option<JoinHandle<()>>,
}

impl Saver {
    /// Starts the thread. A save that waits for the lock says so in the
    /// status bar.
    pub fn start(store: Store) -> Saver {
        let (jobs, incoming) = mpsc::channel::<Effect>();
        let (answer, answers) = mpsc::channel();
        let notice = answer.clone();
        let store = store.with_lock_notice(std::sync::Arc::new(move |lock| {
            let _ = notice.send(Message::StoreNotice(format!(
                "Waiting for {} (another tread is saving, or a stopped one holds it)…",
                lock.display()
            )));
        }));
        let thread = std::thread::spawn(move || {
            for effect in incoming {
                for message in save(&store, effect, crate::age::now()) {
                    let _ = answer.send(message);
                }
            }
        });
        Saver {
            jobs: Some(jobs),
            answers,
            thread: Some(thread),
        }
    }

    pub fn send(&self, effect: Effect) {
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send(effect);
        }
    }

    /// What the saves finished so far have to say.
    pub fn answers(&self) -> impl Iterator<Item = Message> + '_ {
        self.answers.try_iter()
    }

    /// Waits for the saves still queued (each bounded by the lock's patience)
    /// after the reader has left the screen, telling `report` what they say:
    /// nothing asked before quitting is dropped.
    pub fn finish(mut self, mut report: impl FnMut(Message)) {
        drop(self.jobs.take());
        let Some(thread) = self.thread.take() else {
            return;
        };
        loop {
            match self.answers.recv_timeout(Duration::from_millis(50)) {
                Ok(message) => report(message),
                Err(RecvTimeoutError::Timeout) if !thread.is_finished() => {}
                Err(_) => break,
            }
        }
        for message in self.answers.try_iter() {
            report(message);
        }
        let _ = thread.join();
    }
}
