//! The interactive reader's loop: draw, wait for an event, turn it into a
//! message for `App::update`, repeat until the app says quit or a signal asks.

use std::io::{self, Write};
use std::time::{Duration, Instant};

use crossterm::event::{
    self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

use crate::app::bookmarks::{Effect, PromptKey};
use crate::app::{Action, App, Message};
use crate::bookmarks::BookmarkFile;
use crate::input::keymap::{KeyPress, Lookup};
use crate::saving::{self, Saver};
use crate::store::Store;
use crate::store::positions::PositionFile;
use crate::store::seen::SeenFile;
use crate::terminal;

/// How often the loop wakes without input, to notice SIGTERM/SIGHUP.
const SIGNAL_CHECK: Duration = Duration::from_millis(100);

/// How long a count waits for its key before a digit that has a binding of
/// its own (the fold levels) runs that instead, as vim's `timeoutlen`.
pub const COUNT_TIMEOUT: Duration = Duration::from_millis(1000);

/// Keys typed so far: a count (`5` of `5j`) and keys that begin a longer
/// binding (`g` of `g g`).
#[derive(Debug, Default)]
pub struct PendingKeys {
    keys: Vec<KeyPress>,
    /// The digits of the count as typed, and when the last one was.
    digits: Vec<KeyPress>,
    since: Option<Instant>,
    /// What the keys so far mean on their own, when a longer sequence
    /// they begin keeps them waiting.
    alone: Option<Action>,
}

impl PendingKeys {
    /// Feeds one key press; returns what it completes, if anything.
    pub fn feed(&mut self, app: &App, key: KeyPress) -> Vec<Message> {
        self.feed_at(app, key, Instant::now())
    }

    pub fn feed_at(&mut self, app: &App, key: KeyPress, now: Instant) -> Vec<Message> {
        // Digits start or extend a count, except in the link list where
        // they open links at once.
        if self.keys.is_empty()
            && app.links.is_none()
            && let Some(digit) = key.digit()
            && (digit > 0 || !self.digits.is_empty())
        {
            self.digits.push(key);
            self.since = Some(now);
            return Vec::new();
        }
        if !self.digits.is_empty() && key.is_esc() {
            self.clear_count();
            return Vec::new();
        }
        self.keys.push(key);
        let alone_before = self.alone.take();
        let contexts = app.key_contexts();
        match app.keymap.lookup(&contexts, &self.keys) {
            Lookup::Action(action) => self.complete(app, action),
            Lookup::Pending { alone } => {
                self.alone = alone;
                if alone.is_some() {
                    self.since = Some(now);
                }
                Vec::new()
            }
            Lookup::Unbound => {
                // A sequence that went nowhere: the keys before the last run
                // what they mean alone, if anything, and the last key is
                // tried on its own.
                let retry = self.keys.len() > 1;
                self.keys.clear();
                if retry {
                    let mut messages = match alone_before {
                        Some(action) => self.complete(app, action),
                        None => Vec::new(),
                    };
                    messages.extend(self.feed_at(app, key, now));
                    messages
                } else {
                    self.clear_count();
                    Vec::new()
                }
            }
        }
    }

    /// The keys typed make `action`: with the count before them, if any.
    fn complete(&mut self, app: &App, action: Action) -> Vec<Message> {
        self.keys.clear();
        self.alone = None;
        let mut messages = Vec::new();
        match self.count() {
            Some(count) if action.takes_count() => {
                messages.push(Message::Counted(count, action));
            }
            Some(_) => {
                messages.extend(self.digit_binding(app));
                messages.push(Message::Action(action));
            }
            None => messages.push(Message::Action(action)),
        }
        self.clear_count();
        messages
    }

    /// When keys have waited long enough: keys that mean something on
    /// their own run it; else a lone digit with a binding of its own runs
    /// that; any other count is dropped.
    pub fn expire(&mut self, app: &App, now: Instant) -> Vec<Message> {
        match self.since {
            Some(since) if now.duration_since(since) >= COUNT_TIMEOUT => {
                if let Some(action) = self.alone.take() {
                    return self.complete(app, action);
                }
                let messages = self.digit_binding(app);
                self.clear_count();
                messages
            }
            _ => Vec::new(),
        }
    }

    /// How long until `expire` has something to do.
    pub fn deadline(&self) -> Option<Instant> {
        self.since.map(|since| since + COUNT_TIMEOUT)
    }

    /// The count typed so far.
    pub fn count(&self) -> Option<usize> {
        let digits = self.digits.iter().filter_map(|key| key.digit());
        (!self.digits.is_empty()).then(|| {
            digits.fold(0, |n: usize, d| {
                n.saturating_mul(10).saturating_add(d as usize)
            })
        })
    }

    /// What has been typed toward a count or a sequence ("5", "g", "12g").
    pub fn typed(&self) -> String {
        self.digits
            .iter()
            .chain(&self.keys)
            .map(ToString::to_string)
            .collect()
    }

    /// The action a lone digit is bound to, when the count is one digit.
    fn digit_binding(&self, app: &App) -> Vec<Message> {
        match self.digits.as_slice() {
            [digit] => match app.keymap.lookup(&app.key_contexts(), &[*digit]) {
                Lookup::Action(action) => vec![Message::Action(action)],
                _ => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    fn clear_count(&mut self) {
        self.digits.clear();
        self.since = None;
    }
}

/// The prompt's editing keys; None for keys the prompt ignores.
fn prompt_key(key: KeyEvent) -> Option<PromptKey> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::Char('u') if ctrl => PromptKey::ClearToStart,
        KeyCode::Char('a') if ctrl => PromptKey::Home,
        KeyCode::Char('e') if ctrl => PromptKey::End,
        KeyCode::Char('c') if ctrl => PromptKey::Esc,
        KeyCode::Char('r') if ctrl => PromptKey::ToggleRegex,
        KeyCode::Char(_) if ctrl => return None,
        KeyCode::Char(c) => PromptKey::Char(c),
        KeyCode::Up => PromptKey::HistoryBack,
        KeyCode::Down => PromptKey::HistoryForward,
        KeyCode::Left => PromptKey::Left,
        KeyCode::Right => PromptKey::Right,
        KeyCode::Home => PromptKey::Home,
        KeyCode::End => PromptKey::End,
        KeyCode::Backspace => PromptKey::Backspace,
        KeyCode::Delete => PromptKey::Delete,
        KeyCode::Enter => PromptKey::Enter,
        KeyCode::Esc => PromptKey::Esc,
        _ => return None,
    })
}

/// Turns a terminal event into a message, if it means anything to the reader.
pub fn messages_for(event: Event, app: &App, pending: &mut PendingKeys) -> Vec<Message> {
    let message = match event {
        // While a prompt is open, keys are text, not commands.
        Event::Key(key) if key.kind != KeyEventKind::Release && app.prompt.is_some() => {
            prompt_key(key).map(Message::Prompt)
        }
        Event::Paste(text) if app.prompt.is_some() => Some(Message::Prompt(PromptKey::Paste(text))),
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            return KeyPress::from_event(key)
                .map(|press| pending.feed(app, press))
                .unwrap_or_default();
        }
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Message::Click {
                column: mouse.column,
                row: mouse.row,
            }),
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => Some(Message::Wheel {
                column: mouse.column,
                row: mouse.row,
                down: mouse.kind == MouseEventKind::ScrollDown,
            }),
            _ => None,
        },
        Event::Resize(width, height) => Some(Message::Resize { width, height }),
        _ => None,
    };
    message.into_iter().collect()
}

/// Where the store effects go.
enum Saves<'a> {
    /// No data directory: nothing can be saved, and the reader says so.
    Nowhere,
    /// Saved here and now, the answers applied before returning.
    Here(&'a Store),
    /// Handed to the saving thread; its answers come back to the loop.
    Background(&'a Saver),
}

/// Carries out the app's queued effects (store changes, opening a link,
/// copying) in the foreground, telling the app how they went. Without a
/// store (no data directory) the reader goes on and says so.
pub fn run_effects(app: &mut App, store: Option<&Store>) {
    carry_out_effects(app, store.map_or(Saves::Nowhere, Saves::Here));
}

fn carry_out_effects(app: &mut App, saves: Saves) {
    let effects = std::mem::take(&mut app.effects);
    for effect in effects {
        match effect {
            Effect::OpenUrl(url) => {
                if let Err(error) = open_url(&url) {
                    app.update(Message::StoreNotice(format!(
                        "Could not open {url}: {error}"
                    )));
                }
            }
            Effect::CopyToClipboard(text) => terminal::copy_to_clipboard(&text),
            // Carried out by the event loop, which has the terminal.
            Effect::Suspend | Effect::Redraw => {}
            effect => match saves {
                Saves::Nowhere => app.update(Message::StoreNotice(
                    "Not saved: no data directory (set TREAD_DATA_DIR)".to_string(),
                )),
                Saves::Here(store) => {
                    for message in saving::save(store, effect, crate::age::now()) {
                        app.update(message);
                    }
                }
                Saves::Background(saver) => saver.send(effect),
            },
        }
    }
}

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
                    app.restore(position);
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

/// Opens `url` with `$BROWSER`, else the desktop's opener, detached and with
/// its output discarded so the screen is not disturbed. The URL was checked
/// by the app (http, https or mailto, no control characters).
fn open_url(url: &str) -> io::Result<()> {
    use std::process::{Command, Stdio};
    let browser = std::env::var("BROWSER")
        .ok()
        .filter(|b| !b.trim().is_empty());
    let (program, mut args): (String, Vec<String>) = match browser {
        Some(browser) => {
            let mut words = browser.split_whitespace().map(str::to_string);
            let program = words.next().unwrap_or_default();
            (program, words.collect())
        }
        None if cfg!(target_os = "macos") => ("open".to_string(), Vec::new()),
        None => ("xdg-open".to_string(), Vec::new()),
    };
    // `$BROWSER` may say where the URL goes with %s.
    if let Some(slot) = args.iter_mut().find(|a| a.contains("%s")) {
        *slot = slot.replace("%s", url);
    } else {
        args.push(url.to_string());
    }
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    // Reap it whenever it ends, without waiting here.
    std::thread::spawn(move || child.wait());
    Ok(())
}

/// Tells the app what has been typed toward a count or a key sequence, for
/// the status bar, when that changed.
fn show_typed(app: &mut App, pending: &PendingKeys) {
    let typed = pending.typed();
    if typed != app.typed {
        app.update(Message::Typed(typed));
    }
}

/// Runs the reader until the user quits, a termination signal arrives or
/// the terminal goes away. Whichever way it ends, what the reader keeps (the
/// reading position, folds, seen comments) is saved before it returns: a
/// closed terminal window or a dropped SSH connection loses nothing.
pub fn run(mut app: App, store: Option<Store>) -> io::Result<()> {
    let signals = terminal::watch_signals()?;
    let mut guard = terminal::enter()?;
    let saver = store.map(Saver::start);
    let mut result = event_loop(&mut app, saver.as_ref(), &mut guard, &signals);
    if signals.terminated() {
        // Reading keys was made to fail on purpose (see `terminal`); a
        // signal is a way out, not an error.
        result = Ok(());
    }
    if !app.quit {
        // A signal, or an error from a terminal that hung up.
        app.update(crate::app::Action::Quit);
    }
    signals.leaving();
    carry_out_effects(&mut app, saves(saver.as_ref()));
    drop(guard);
    // The screen is the shell's again; what is still being saved (say,
    // waiting for a lock) reports on stderr, which may be gone (a hang-up).
    if let Some(saver) = saver {
        saver.finish(|message| {
            if let Message::StoreNotice(notice) = message {
                let notice = crate::document::sanitize::clean_owned(notice);
                let _ = writeln!(io::stderr(), "tread: {notice}");
            }
        });
    }
    result
}

fn saves(saver: Option<&Saver>) -> Saves<'_> {
    saver.map_or(Saves::Nowhere, Saves::Background)
}

/// Carries out what needs the terminal itself (suspending, redrawing it
/// whole), then the other effects.
fn carry_out(
    app: &mut App,
    saver: Option<&Saver>,
    guard: &mut terminal::TerminalGuard,
) -> io::Result<()> {
    let mut suspend = false;
    let mut redraw = false;
    app.effects.retain(|effect| match effect {
        Effect::Suspend => {
            suspend = true;
            false
        }
        Effect::Redraw => {
            redraw = true;
            false
        }
        _ => true,
    });
    carry_out_effects(app, saves(saver));
    if suspend {
        terminal::suspend(guard)?;
    } else if redraw {
        terminal::redraw_whole(guard)?;
    }
    Ok(())
}

fn event_loop(
    app: &mut App,
    saver: Option<&Saver>,
    guard: &mut terminal::TerminalGuard,
    signals: &terminal::SignalFlags,
) -> io::Result<()> {
    let size = guard.terminal.size()?;
    app.update(Message::Resize {
        width: size.width,
        height: size.height,
    });
    let mut pending = PendingKeys::default();
    loop {
        guard
            .terminal
            .draw(|frame| frame.render_widget(&*app, frame.area()))?;
        // Wait for an event, doing background work meanwhile; a count that
        // times out changes the screen without one.
        let event_ready = loop {
            if signals.terminated() {
                return Ok(());
            }
            if signals.take_suspend() {
                terminal::suspend(guard)?;
                break false;
            }
            if signals.take_continued() {
                terminal::resume(guard)?;
                break false;
            }
            // What the saving thread finished: the bookmarks on disk, or
            // why a save failed.
            let answers: Vec<Message> = saver.map(|s| s.answers().collect()).unwrap_or_default();
            if !answers.is_empty() {
                for message in answers {
                    app.update(message);
                }
                break false;
            }
            let wait = pending.deadline().map_or(SIGNAL_CHECK, |deadline| {
                deadline
                    .saturating_duration_since(Instant::now())
                    .min(SIGNAL_CHECK)
            });
            // With background work left, do a slice of it between events.
            let wait = if app.has_idle_work() {
                Duration::ZERO
            } else {
                wait
            };
            if event::poll(wait)? {
                break true;
            }
            if app.has_idle_work() {
                app.update(Message::Idle);
            }
            let waiting = pending.deadline().is_some();
            let expired = pending.expire(app, Instant::now());
            if waiting && pending.deadline().is_none() {
                for message in expired {
                    app.update(message);
                }
                show_typed(app, &pending);
                carry_out(app, saver, guard)?;
                break false;
            }
        };
        // Handle everything already queued before drawing again, so a burst of
        // keys or wheel events costs one frame.
        if event_ready {
            loop {
                let event = event::read()?;
                for message in messages_for(event, app, &mut pending) {
                    app.update(message);
                }
                show_typed(app, &pending);
                carry_out(app, saver, guard)?;
                if app.quit {
                    return Ok(());
                }
                if signals.terminated() || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
    }
}
