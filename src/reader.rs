//! The interactive reader's loop: draw, wait for an event, turn it into a
//! message for `App::update`, repeat until the app says quit or a signal asks.

use std::io;
use std::time::Duration;

use crossterm::event::{
    self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

use crate::app::bookmarks::{Effect, PromptKey};
use crate::app::keymap::{KeyPress, Lookup};
use crate::app::{App, Message};
use crate::store::Store;
use crate::store::bookmarks::BookmarkFile;
use crate::store::positions::PositionFile;
use crate::terminal;

/// How often the loop wakes without input, to notice SIGTERM/SIGHUP.
const SIGNAL_CHECK: Duration = Duration::from_millis(100);

/// Keys typed so far that begin a longer binding (`g` of `g g`).
#[derive(Debug, Default)]
pub struct PendingKeys(Vec<KeyPress>);

impl PendingKeys {
    /// Feeds one key press; returns the action it completes, if any.
    pub fn feed(&mut self, app: &App, key: KeyPress) -> Option<crate::app::Action> {
        self.0.push(key);
        let contexts = app.key_contexts();
        match app.keymap.lookup(&contexts, &self.0) {
            Lookup::Action(action) => {
                self.0.clear();
                Some(action)
            }
            Lookup::Pending => None,
            Lookup::Unbound => {
                // A sequence that went nowhere: try the last key on its own.
                let retry = self.0.len() > 1;
                self.0.clear();
                if retry { self.feed(app, key) } else { None }
            }
        }
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
        KeyCode::Char(_) if ctrl => return None,
        KeyCode::Char(c) => PromptKey::Char(c),
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
pub fn message_for(event: Event, app: &App, pending: &mut PendingKeys) -> Option<Message> {
    match event {
        // While the note prompt is open, keys are text, not commands.
        Event::Key(key) if key.kind != KeyEventKind::Release && app.prompt.is_some() => {
            prompt_key(key).map(Message::Prompt)
        }
        Event::Paste(text) if app.prompt.is_some() => Some(Message::Prompt(PromptKey::Paste(text))),
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            let press = KeyPress::from_event(key)?;
            pending.feed(app, press).map(Message::Action)
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
    }
}

/// Carries out the app's queued effects (store changes, opening a link,
/// copying), telling the app how they went. Without a store (no data
/// directory) the reader goes on and says so.
pub fn run_effects(app: &mut App, store: Option<&Store>) {
    let effects = std::mem::take(&mut app.effects);
    for effect in effects {
        let needs_store = !matches!(effect, Effect::OpenUrl(_) | Effect::CopyToClipboard(_));
        let Some(store) = store.filter(|_| needs_store) else {
            match effect {
                Effect::OpenUrl(url) => {
                    if let Err(error) = open_url(&url) {
                        app.update(Message::StoreNotice(format!(
                            "Could not open {url}: {error}"
                        )));
                    }
                }
                Effect::CopyToClipboard(text) => terminal::copy_to_clipboard(&text),
                _ => app.update(Message::StoreNotice(
                    "Not saved: no data directory (set TREAD_DATA_DIR)".to_string(),
                )),
            }
            continue;
        };
        let result = match effect {
            Effect::SaveBookmark(bookmark) => save_bookmarks(app, store, |file| file.add(bookmark)),
            Effect::DeleteBookmark(id) => save_bookmarks(app, store, |file| {
                file.remove(&id);
            }),
            Effect::SetNote { id, note } => save_bookmarks(app, store, |file| {
                file.set_note(&id, note);
            }),
            Effect::SavePosition { key, position } => store
                .positions_file()
                .update::<PositionFile, _>(|file| file.record(key, position))
                .map(|_| ()),
            Effect::OpenUrl(_) | Effect::CopyToClipboard(_) => Ok(()),
        };
        if let Err(error) = result {
            app.update(Message::StoreNotice(format!("Not saved: {error}")));
        }
    }
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

fn save_bookmarks(
    app: &mut App,
    store: &Store,
    change: impl FnOnce(&mut BookmarkFile),
) -> Result<(), crate::store::StoreError> {
    let (loaded, ()) = store.bookmarks_file().update::<BookmarkFile, ()>(change)?;
    // What is on disk now, other tread windows' bookmarks included.
    app.update(Message::BookmarksLoaded(loaded.value.bookmarks));
    if let Some(notice) = loaded.recovery {
        app.update(Message::StoreNotice(notice));
    }
    Ok(())
}

/// Runs the reader until the user quits or a termination signal arrives.
pub fn run(mut app: App, store: Option<Store>) -> io::Result<()> {
    let flag = terminal::watch_termination()?;
    let mut guard = terminal::enter()?;
    let size = guard.terminal.size()?;
    app.update(Message::Resize {
        width: size.width,
        height: size.height,
    });
    let mut pending = PendingKeys::default();
    loop {
        guard
            .terminal
            .draw(|frame| frame.render_widget(&app, frame.area()))?;
        loop {
            if terminal::terminated(&flag) {
                app.update(crate::app::Action::Quit);
                run_effects(&mut app, store.as_ref());
                return Ok(());
            }
            if event::poll(SIGNAL_CHECK)? {
                break;
            }
        }
        // Handle everything already queued before drawing again, so a burst of
        // keys or wheel events costs one frame.
        loop {
            let event = event::read()?;
            if let Some(message) = message_for(event, &app, &mut pending) {
                app.update(message);
            }
            run_effects(&mut app, store.as_ref());
            if app.quit {
                return Ok(());
            }
            if !event::poll(Duration::ZERO)? {
                break;
            }
        }
    }
}
