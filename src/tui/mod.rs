//! The interactive reader: the only place it touches the terminal, the
//! clock or the disk. The loop draws, waits for an event, turns it into
//! messages for `App::update` and carries out the effects the app queues,
//! until the app says quit or a signal asks.

mod browser;
pub mod effects;
mod external;
pub mod keys;
pub mod library;
pub mod loading;
pub mod saving;
pub mod startup;
pub mod terminal;

use std::io::{self, Write};
use std::time::{Duration, Instant};

use crossterm::event;

use crate::app::{App, Message};
use crate::store::Store;
use effects::{carry_out, carry_out_effects, saves};
use keys::{PendingKeys, messages_for};
use saving::Saver;

/// How often the loop wakes without input, to notice SIGTERM/SIGHUP.
const SIGNAL_CHECK: Duration = Duration::from_millis(100);

/// Batches of a loading document taken in per frame: about 10,000 comments,
/// a millisecond or two of work between looks at the keyboard.
const BATCHES_PER_FRAME: usize = 5;

/// Tells the app what has been typed toward a count or a key sequence, for
/// the status bar, when that changed.
fn show_typed(app: &mut App, pending: &PendingKeys) {
    let typed = pending.typed();
    if typed != app.typed {
        app.update(Message::Typed(typed));
    }
}

/// The terminal taken for tread (its modes undone when dropped), and the
/// signals watched meanwhile: from the loading screen on, for the reader.
pub struct Session {
    guard: terminal::TerminalGuard,
    signals: std::sync::Arc<terminal::SignalFlags>,
}

impl Session {
    pub fn start() -> io::Result<Session> {
        let signals = terminal::watch_signals()?;
        let guard = terminal::enter()?;
        Ok(Session { guard, signals })
    }

    /// A key pressed within `wait`, for the screens before and between
    /// documents (loading, the library); a suspend or continue signal is
    /// answered meanwhile. None when a termination signal asks tread to go.
    fn next_key(&mut self, wait: Duration) -> io::Result<Option<Option<event::KeyEvent>>> {
        if self.signals.take_suspend() {
            terminal::suspend(&mut self.guard)?;
        }
        if self.signals.take_continued() {
            terminal::resume(&mut self.guard)?;
        }
        if self.signals.terminated() {
            return Ok(None);
        }
        // Reading keys fails on purpose once a signal asks tread to go.
        match event::poll(wait).and_then(|ready| ready.then(event::read).transpose()) {
            Ok(Some(event::Event::Key(key))) if key.kind != event::KeyEventKind::Release => {
                Ok(Some(Some(key)))
            }
            Ok(_) => Ok(Some(None)),
            Err(_) if self.signals.terminated() => Ok(None),
            Err(error) => Err(error),
        }
    }
}

/// How the reader ended.
#[derive(Debug, Default)]
pub struct Ended {
    /// The user asked for the library (`L`), not the shell.
    pub to_library: bool,
    /// The user asked to load the document again (`R`).
    pub reload: bool,
    /// The user chose another document's bookmark: its file or address.
    pub open: Option<String>,
    /// What the last saves had to say (a lock waited for, a save that
    /// failed), for stderr once the terminal is the shell's again.
    pub notices: Vec<String>,
    /// The comments of the document as it ended: all of them, for one
    /// that opened in parts and was counted by its start in the library.
    pub comments: usize,
}

/// A fresh copy of the document on its way (fetched on another thread),
/// as the message that hands it to the reader.
pub type Refresh = std::sync::mpsc::Receiver<Message>;

/// Runs `job` on a thread, its message coming back to the reader.
pub fn in_background(job: impl FnOnce() -> Message + Send + 'static) -> Refresh {
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(job());
    });
    receive
}

/// Starts fetching the replies a stub stands for (by its key), the thread
/// with them coming back as a fresh copy; None when its document cannot
/// (a file, a site without such stubs).
pub type Expander = Box<dyn Fn(&str) -> Option<Refresh>>;

/// Starts fetching the page at an address, read in reader mode, coming
/// back as `Message::ArticleFetched` or `Message::ArticleFailed`.
pub type ArticleFetcher = Box<dyn Fn(&str) -> Refresh>;

/// The fetches the reader waits for while it runs, and how to start one.
#[derive(Default)]
pub struct Fetches {
    pub pending: Vec<Refresh>,
    /// The rest of a document opened in parts, arriving as it is read.
    pub loading: Option<std::sync::mpsc::Receiver<Message>>,
    pub expander: Option<Expander>,
    pub articles: Option<ArticleFetcher>,
}

impl Fetches {
    /// What has come back since the last look.
    fn arrived(&mut self) -> Vec<Message> {
        let mut arrived = Vec::new();
        if let Some(loading) = &self.loading {
            // A few batches per frame, so that keys are read between them.
            for _ in 0..BATCHES_PER_FRAME {
                match loading.try_recv() {
                    Ok(message) => arrived.push(message),
                    Err(std::sync::mpsc::TryRecvError::Empty) => break,
                    Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                        self.loading = None;
                        break;
                    }
                }
            }
        }
        self.pending.retain(|fetch| match fetch.try_recv() {
            Ok(message) => {
                arrived.push(message);
                false
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => true,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => false,
        });
        arrived
    }

    /// Starts the fetches the app asked for.
    fn start(&mut self, app: &mut App) {
        for stub in app.take_fetch_requests() {
            match self.expander.as_ref().and_then(|expand| expand(&stub)) {
                Some(fetch) => self.pending.push(fetch),
                None => app.update(Message::RepliesFailed(
                    "they are fetched only for a thread opened by its address".into(),
                )),
            }
        }
        for address in app.take_article_requests() {
            match &self.articles {
                Some(fetch) => self.pending.push(fetch(&address)),
                None => app.update(Message::ArticleFailed {
                    address,
                    why: "this reader fetches no pages".into(),
                }),
            }
        }
    }
}

/// Runs the reader until the user quits, a termination signal arrives or
/// the terminal goes away; `fetches` bring fresh copies of the document to
/// replace the one on screen, and start those the reader asks for. Whichever way it ends, what
/// the reader keeps (the reading position, folds, seen comments) is saved
/// before it returns: a closed terminal window or a dropped SSH connection
/// loses nothing.
pub fn run(
    session: &mut Session,
    mut app: App,
    store: Option<Store>,
    mut fetches: Fetches,
) -> io::Result<Ended> {
    let signals = std::sync::Arc::clone(&session.signals);
    let saver = store.map(Saver::start);
    let mut result = event_loop(
        &mut app,
        (saver.as_ref(), &mut fetches),
        &mut session.guard,
        &signals,
    );
    if signals.terminated() {
        // Reading keys was made to fail on purpose (see `terminal`); a
        // signal is a way out, not an error.
        result = Ok(());
    }
    if !app.quit {
        // A signal, or an error from a terminal that hung up.
        app.update(crate::app::Action::Quit);
    }
    let stays = result.is_ok() && !signals.terminated();
    let reload = app.reload && stays;
    // Reloading, and opening another document, stay in the terminal as
    // the library does.
    let to_library = (app.to_library || app.reload || app.open_other.is_some()) && stays;
    if !to_library {
        signals.leaving();
    }
    carry_out_effects(&mut app, saves(saver.as_ref()));
    if !to_library {
        // The screen is the shell's at once, though a save may still wait
        // (for a lock); what it says then goes to stderr as it happens.
        terminal::restore();
    }
    let mut notices = Vec::new();
    if let Some(saver) = saver {
        saver.finish(|message| {
            if let Message::StoreNotice(notice) = message {
                let notice = crate::document::sanitize::clean_owned(notice);
                if to_library {
                    notices.push(notice);
                } else {
                    let _ = writeln!(io::stderr(), "tread: {notice}");
                }
            }
        });
    }
    let open = app.open_other.take().filter(|_| stays);
    result.map(|()| Ended {
        to_library: to_library && !reload && open.is_none(),
        reload,
        open,
        notices,
        comments: app.document.comments.comment_count(),
    })
}

fn event_loop(
    app: &mut App,
    (saver, fetches): (Option<&Saver>, &mut Fetches),
    guard: &mut terminal::TerminalGuard,
    signals: &terminal::SignalFlags,
) -> io::Result<()> {
    let size = guard.terminal.size()?;
    app.update(Message::Resize {
        width: size.width,
        height: size.height,
    });
    let mut pending = PendingKeys::default();
    // What the opening asked for (a link post's article) starts at once.
    fetches.start(app);
    loop {
        terminal::set_mouse(app.mouse)?;
        guard
            .terminal
            .draw(|frame| frame.render_widget(&*app, frame.area()))?;
        match wait(app, (saver, &mut *fetches), guard, signals, &mut pending)? {
            Waited::Terminated => return Ok(()),
            Waited::Changed => {}
            Waited::Event => {
                handle_queued_events(app, saver, guard, signals, &mut pending)?;
                if app.quit {
                    return Ok(());
                }
            }
        }
        fetches.start(app);
    }
}

/// How waiting ended.
enum Waited {
    /// A terminal event is ready to read.
    Event,
    /// Something changed the screen without an event (a signal, the saving
    /// thread's answer, a count that timed out).
    Changed,
    /// A termination signal arrived.
    Terminated,
}

/// Waits for an event, doing background work meanwhile.
fn wait(
    app: &mut App,
    (saver, fetches): (Option<&Saver>, &mut Fetches),
    guard: &mut terminal::TerminalGuard,
    signals: &terminal::SignalFlags,
    pending: &mut PendingKeys,
) -> io::Result<Waited> {
    loop {
        if signals.terminated() {
            return Ok(Waited::Terminated);
        }
        if signals.take_suspend() {
            terminal::suspend(guard)?;
            return Ok(Waited::Changed);
        }
        if signals.take_continued() {
            terminal::resume(guard)?;
            return Ok(Waited::Changed);
        }
        // What the saving thread finished: the bookmarks on disk, or
        // why a save failed.
        let mut answers: Vec<Message> = saver.map(|s| s.answers().collect()).unwrap_or_default();
        // The fresh copy, once it has come.
        answers.extend(fetches.arrived());
        if !answers.is_empty() {
            for message in answers {
                app.update(message);
            }
            return Ok(Waited::Changed);
        }
        // With background work left, do a slice of it between events.
        let wait = if app.has_idle_work() {
            Duration::ZERO
        } else {
            pending.deadline().map_or(SIGNAL_CHECK, |deadline| {
                deadline
                    .saturating_duration_since(Instant::now())
                    .min(SIGNAL_CHECK)
            })
        };
        if event::poll(wait)? {
            return Ok(Waited::Event);
        }
        if app.has_idle_work() {
            app.update(Message::Idle);
        }
        // A count or a sequence that waited past its timeout runs now.
        let waiting = pending.deadline().is_some();
        let expired = pending.expire(app, Instant::now());
        if waiting && pending.deadline().is_none() {
            for message in expired {
                app.update(message);
            }
            show_typed(app, pending);
            carry_out(app, saver, guard)?;
            return Ok(Waited::Changed);
        }
    }
}

/// Handles every event already queued before drawing again, so a burst of
/// keys or wheel events costs one frame.
fn handle_queued_events(
    app: &mut App,
    saver: Option<&Saver>,
    guard: &mut terminal::TerminalGuard,
    signals: &terminal::SignalFlags,
    pending: &mut PendingKeys,
) -> io::Result<()> {
    loop {
        let event = event::read()?;
        for message in messages_for(event, app, pending) {
            app.update(message);
        }
        show_typed(app, pending);
        carry_out(app, saver, guard)?;
        if app.quit || signals.terminated() || !event::poll(Duration::ZERO)? {
            return Ok(());
        }
    }
}
