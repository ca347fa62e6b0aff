//! The loading screen's loop: a document is fetched on a background thread
//! while the screen says what is fetched and how far it got, redrawn a few
//! times a second; q, Esc or Ctrl-C (or a termination signal) cancel.

use std::io;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crossterm::event::{self, KeyCode, KeyModifiers};

use super::Session;
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
        match session.next_key(REDRAW)? {
            None => return Ok(Outcome::Cancelled),
            Some(Some(key)) if is_cancel(key) => return Ok(Outcome::Cancelled),
            Some(_) => {}
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
