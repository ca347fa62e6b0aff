//! The loading screen's loop: a document is fetched on a background thread
//! while the screen says what is fetched and how far it got, redrawn a few
//! times a second; q, Esc or Ctrl-C (or a termination signal) cancel.

use std::io;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};

use super::{Session, terminal};
use crate::net::Progress;
use crate::ui::loading::LoadingScreen;

/// How often the screen is redrawn while waiting.
const REDRAW: Duration = Duration::from_millis(100);

/// What waiting came to.
pub enum Outcome<T> {
    Done(T),
    Cancelled,
}

/// Runs `job` on a thread, showing the loading screen for `what` with the
/// counts in `progress`, until it is done or the user cancels. A cancelled
/// job is left to end with the process: a fetch writes nothing.
pub fn wait_for<T: Send + 'static>(
    session: &mut Session,
    what: &str,
    progress: &Arc<Progress>,
    job: impl FnOnce() -> T + Send + 'static,
) -> io::Result<Outcome<T>> {
    let (done, result) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(job());
    });
    let started = Instant::now();
    loop {
        if let Ok(value) = result.try_recv() {
            return Ok(Outcome::Done(value));
        }
        if session.signals.terminated() {
            return Ok(Outcome::Cancelled);
        }
        if session.signals.take_suspend() {
            terminal::suspend(&mut session.guard)?;
        }
        if session.signals.take_continued() {
            terminal::resume(&mut session.guard)?;
        }
        let screen = LoadingScreen {
            what,
            requests: progress.requests(),
            bytes: progress.bytes(),
            seconds: started.elapsed().as_secs(),
        };
        session
            .guard
            .terminal
            .draw(|frame| frame.render_widget(screen, frame.area()))?;
        // Reading keys fails on purpose once a signal asks tread to go.
        match event::poll(REDRAW).and_then(|ready| ready.then(event::read).transpose()) {
            Ok(Some(Event::Key(key))) if key.kind != KeyEventKind::Release && is_cancel(key) => {
                return Ok(Outcome::Cancelled);
            }
            Ok(_) => {}
            Err(_) if session.signals.terminated() => return Ok(Outcome::Cancelled),
            Err(error) => return Err(error),
        }
    }
}

fn is_cancel(key: event::KeyEvent) -> bool {
    match key.code {
        KeyCode::Char('q') | KeyCode::Esc => true,
        KeyCode::Char('c') => key.modifiers.contains(KeyModifiers::CONTROL),
        _ => false,
    }
}
