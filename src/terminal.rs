//! The terminal's modes while the reader runs: raw mode, the alternate screen
//! and mouse reporting on start, and all of it undone on every way out —
//! a normal quit, an error, a panic, SIGTERM or SIGHUP — before anything is
//! printed, so the user's shell is never left garbled.

use std::io::{self, Stdout, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use signal_hook::consts::{SIGHUP, SIGTERM};
use signal_hook::iterator::Signals;

pub type Tui = Terminal<CrosstermBackend<Stdout>>;

/// Undoes everything [`enter`] did. Safe to call more than once.
pub fn restore() {
    let _ = disable_raw_mode();
    let mut stdout = io::stdout();
    let _ = execute!(
        stdout,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = stdout.flush();
}

/// Restores the terminal when dropped, whatever path leaves the reader.
pub struct TerminalGuard {
    pub terminal: Tui,
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Switches the terminal to the reader's modes. The panic hook restores the
/// terminal before the panic message is printed.
pub fn enter() -> io::Result<TerminalGuard> {
    install_panic_hook();
    enable_raw_mode()?;
    let mut stdout = io::stdout();
    if let Err(error) = execute!(
        stdout,
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        cursor::Hide
    ) {
        restore();
        return Err(error);
    }
    match Terminal::new(CrosstermBackend::new(stdout)) {
        Ok(terminal) => Ok(TerminalGuard { terminal }),
        Err(error) => {
            restore();
            Err(error)
        }
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// How long the event loop gets to notice a termination signal and leave by
/// itself before the watcher restores the terminal and exits for it.
const GRACE: Duration = Duration::from_millis(500);

/// Watches for SIGTERM and SIGHUP and returns the flag they raise; the event
/// loop checks it between events and leaves cleanly. When the terminal has
/// hung up, crossterm's read can spin on end-of-file and never return to the
/// loop, so after a grace period the watcher thread restores what it can and
/// exits itself.
pub fn watch_termination() -> io::Result<Arc<AtomicBool>> {
    let flag = Arc::new(AtomicBool::new(false));
    let mut signals = Signals::new([SIGTERM, SIGHUP])?;
    let raised = Arc::clone(&flag);
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            raised.store(true, Ordering::SeqCst);
            std::thread::sleep(GRACE);
            restore();
            std::process::exit(0);
        }
    });
    Ok(flag)
}

pub fn terminated(flag: &AtomicBool) -> bool {
    flag.load(Ordering::SeqCst)
}

/// Puts `text` on the clipboard of the terminal's machine (OSC 52), which
/// works over SSH too. Terminals that do not support it ignore it.
pub fn copy_to_clipboard(text: &str) {
    let mut stdout = io::stdout();
    let _ = write!(stdout, "\x1b]52;c;{}\x07", base64(text.as_bytes()));
    let _ = stdout.flush();
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_matches_the_standard_examples() {
        assert_eq!(super::base64(b""), "");
        assert_eq!(super::base64(b"f"), "Zg==");
        assert_eq!(super::base64(b"fo"), "Zm8=");
        assert_eq!(super::base64(b"foo"), "Zm9v");
        assert_eq!(super::base64(b"foobar"), "Zm9vYmFy");
    }
}
