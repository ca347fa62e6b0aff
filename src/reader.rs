//! The interactive reader's loop: draw, wait for an event, turn it into a
//! message for `App::update`, repeat until the app says quit or a signal asks.

use std::io;
use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};

use crate::app::keymap::{KeyPress, Lookup};
use crate::app::{App, Message};
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

/// Turns a terminal event into a message, if it means anything to the reader.
pub fn message_for(event: Event, app: &App, pending: &mut PendingKeys) -> Option<Message> {
    match event {
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

/// Runs the reader until the user quits or a termination signal arrives.
pub fn run(mut app: App) -> io::Result<()> {
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
            if app.quit {
                return Ok(());
            }
            if !event::poll(Duration::ZERO)? {
                break;
            }
        }
    }
}
