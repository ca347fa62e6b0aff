//! The terminal's modes while the reader runs: raw mode, the alternate screen
//! and mouse reporting on start, and all of it undone on every way out —
//! a normal quit, an error, a panic, SIGTERM, SIGHUP, SIGINT or SIGQUIT —
//! before anything is printed, and for the time of a suspend (Ctrl-Z,
//! SIGTSTP), so the user's shell is never left garbled.

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
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;

pub type Tui = Terminal<CrosstermBackend<Stdout>>;

/// Set while a program has the terminal (the pager, a piped command): the
/// keyboard's SIGINT and SIGQUIT are then its, not tread's.
pub static CHILD_RUNNING: AtomicBool = AtomicBool::new(false);

/// Whether the terminal sends mouse events now: [`enter`] and [`resume`]
/// turn it on, [`restore`] off, and the reader as it asks.
static MOUSE_CAPTURED: AtomicBool = AtomicBool::new(false);

/// Turns mouse capture on or off (off: the terminal's own selection works
/// without Shift); nothing is written when it already is so.
pub fn set_mouse(on: bool) -> io::Result<()> {
    if MOUSE_CAPTURED.swap(on, Ordering::SeqCst) != on {
        if on {
            execute!(io::stdout(), EnableMouseCapture)?;
        } else {
            execute!(io::stdout(), DisableMouseCapture)?;
        }
    }
    Ok(())
}

/// Undoes everything [`enter`] did. Safe to call more than once.
pub fn restore() {
    MOUSE_CAPTURED.store(false, Ordering::SeqCst);
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
    pub terminal: std::mem::ManuallyDrop<Tui>,
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
        // ratatui's own drop shows the cursor again and, when that fails (a
        // terminal that hung up), reports it with eprintln!, which panics
        // when stderr is that dead terminal too. restore() has shown the
        // cursor already; the terminal's buffers are left to the process's
        // end instead.
        if self.terminal.show_cursor().is_ok() {
            // SAFETY: dropped once, here, and never used again.
            unsafe { std::mem::ManuallyDrop::drop(&mut self.terminal) };
        }
    }
}

/// Switches the terminal to the reader's modes. The panic hook restores the
/// terminal before the panic message is printed.
pub fn enter() -> io::Result<TerminalGuard> {
    install_panic_hook();
    keys_from_the_terminal()?;
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
    MOUSE_CAPTURED.store(true, Ordering::SeqCst);
    match Terminal::new(CrosstermBackend::new(stdout)) {
        Ok(terminal) => Ok(TerminalGuard {
            terminal: std::mem::ManuallyDrop::new(terminal),
        }),
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

/// What the signal watcher tells the event loop, and the loop the watcher.
#[derive(Debug, Default)]
pub struct SignalFlags {
    /// SIGTERM, SIGHUP, SIGINT or SIGQUIT arrived: save and leave.
    terminate: AtomicBool,
    /// The loop has begun its way out (saving): the watcher must not exit
    /// the process under the save.
    leaving: AtomicBool,
    /// SIGTSTP from outside (`kill -TSTP`): suspend as Ctrl-Z does.
    suspend: AtomicBool,
    /// SIGCONT: the process was stopped and goes on; the terminal may have
    /// been changed meanwhile, so the reader's modes are set again.
    continued: AtomicBool,
}

impl SignalFlags {
    pub fn terminated(&self) -> bool {
        self.terminate.load(Ordering::SeqCst)
    }

    /// Tells the watcher the loop is on its way out, saving.
    pub fn leaving(&self) {
        self.leaving.store(true, Ordering::SeqCst);
    }

    /// Whether a SIGTSTP asked for a suspend since the last call.
    pub fn take_suspend(&self) -> bool {
        self.suspend.swap(false, Ordering::SeqCst)
    }

    /// Whether a SIGCONT arrived since the last call.
    pub fn take_continued(&self) -> bool {
        self.continued.swap(false, Ordering::SeqCst)
    }
}

/// Watches for the signals the reader answers and returns the flags they
/// raise, which the event loop checks between events:
///
/// * SIGTERM, SIGHUP, SIGINT and SIGQUIT (from `kill`, `timeout`, a closed
///   terminal window; in raw mode the keyboard sends none of them) end the
///   reader, which saves what it keeps and restores the terminal. When the
///   terminal has hung up, crossterm's read spins on end-of-file without
///   returning; `unblock_key_reading` hands the loop back its control,
///   and should it still not leave within a grace period, the watcher
///   restores what it can and exits for it.
/// * SIGTSTP suspends the reader as Ctrl-Z does; SIGCONT sets the terminal's
///   modes again and redraws.
pub fn watch_signals() -> io::Result<Arc<SignalFlags>> {
    let flags = Arc::new(SignalFlags::default());
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT])?;
    let raised = Arc::clone(&flags);
    std::thread::spawn(move || {
        for signal in signals.forever() {
            match signal {
                SIGTSTP => raised.suspend.store(true, Ordering::SeqCst),
                SIGCONT => raised.continued.store(true, Ordering::SeqCst),
                SIGINT | SIGQUIT if CHILD_RUNNING.load(Ordering::SeqCst) => {}
                _ => {
                    raised.terminate.store(true, Ordering::SeqCst);
                    unblock_key_reading();
                    std::thread::sleep(GRACE);
                    if !raised.leaving.load(Ordering::SeqCst) {
                        restore();
                        std::process::exit(0);
                    }
                    return;
                }
            }
        }
    });
    Ok(flags)
}

/// Hands the terminal back to the shell and stops, as less and vim do on
/// Ctrl-Z: the terminal is restored first, so the shell is usable, and set
/// to the reader's modes again and redrawn whole when the job goes on.
pub fn suspend(guard: &mut TerminalGuard) -> io::Result<()> {
    restore();
    // The default action of SIGTSTP, which our own handler replaced: stop
    // the process until the shell's `fg` (SIGCONT).
    signal_hook::low_level::emulate_default_handler(SIGTSTP)?;
    resume(guard)
}

/// Sets the reader's modes again and redraws everything on the next frame:
/// after a suspend, or when the process was stopped and continued by
/// someone else (the terminal may have been used meanwhile).
pub fn resume(guard: &mut TerminalGuard) -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        cursor::Hide
    )?;
    MOUSE_CAPTURED.store(true, Ordering::SeqCst);
    redraw_whole(guard)
}

/// Clears the screen and makes the next frame draw every cell (Ctrl-L).
/// Not ratatui's `clear`, which asks the terminal where its cursor is and
/// waits for the answer: a needless round trip, and an error where nothing
/// answers.
pub fn redraw_whole(guard: &mut TerminalGuard) -> io::Result<()> {
    execute!(
        io::stdout(),
        crossterm::terminal::Clear(crossterm::terminal::ClearType::All)
    )?;
    // Swapping twice after a draw leaves both buffers blank, so the next
    // draw differs from the "previous" screen in every drawn cell.
    guard.terminal.swap_buffers();
    guard.terminal.swap_buffers();
    Ok(())
}

/// Makes standard input the terminal when the document came through it
/// (`tread -`), as less does: keys are then always read from descriptor 0,
/// which [`unblock_key_reading`] can take away.
fn keys_from_the_terminal() -> io::Result<()> {
    use std::io::IsTerminal;
    use std::os::fd::AsRawFd;
    if io::stdin().is_terminal() {
        return Ok(());
    }
    let tty = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")?;
    // SAFETY: dup2 on two descriptors we own; 0 is replaced atomically.
    if unsafe { libc::dup2(tty.as_raw_fd(), 0) } < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Puts an empty non-blocking pipe where the keys are read from. After a
/// hang-up the terminal reads as endless end-of-file, and crossterm's reader
/// retries every read that does not say "would block", so it spins without
/// ever returning to the event loop. An empty pipe whose writing end stays
/// open says exactly that; the loop gets control back, sees the signal's
/// flag, saves and leaves.
fn unblock_key_reading() {
    let mut ends = [0; 2];
    // SAFETY: pipe2 writes two new descriptors into `ends`; dup2 replaces
    // descriptor 0 atomically. The writing end is kept open on purpose
    // (never closed), so the pipe never reads as end-of-file.
    unsafe {
        if libc::pipe2(ends.as_mut_ptr(), libc::O_NONBLOCK | libc::O_CLOEXEC) == 0 {
            libc::dup2(ends[0], 0);
        }
    }
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

/// Whether the terminal is known to follow OSC 8 hyperlinks, by what it
/// says of itself in the environment. Unknown terminals get plain text:
/// one that does not follow them may print the sequence's text.
pub fn follows_hyperlinks() -> bool {
    follows_hyperlinks_by(|name| std::env::var(name).ok())
}

fn follows_hyperlinks_by(var: impl Fn(&str) -> Option<String>) -> bool {
    let term = var("TERM").unwrap_or_default();
    let program = var("TERM_PROGRAM").unwrap_or_default();
    // tmux and screen pass the sequence on only when set up to.
    if term.starts_with("screen") || term.starts_with("tmux") || program == "tmux" {
        return false;
    }
    let known_program = ["iTerm.app", "WezTerm", "vscode", "ghostty", "Hyper", "rio"];
    let known_term = [
        "xterm-kitty",
        "foot",
        "wezterm",
        "xterm-ghostty",
        "alacritty",
    ];
    known_program.contains(&program.as_str())
        || known_term.iter().any(|t| term.starts_with(t))
        || var("WT_SESSION").is_some()
        || var("KONSOLE_VERSION").is_some()
        || var("VTE_VERSION")
            .and_then(|v| v.parse::<u32>().ok())
            .is_some_and(|v| v >= 5000)
}

#[cfg(test)]
mod hyperlink_tests {
    use super::follows_hyperlinks_by;

    fn with(pairs: &[(&str, &str)]) -> bool {
        follows_hyperlinks_by(|name| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn known_terminals_follow_hyperlinks_and_unknown_ones_do_not() {
        assert!(with(&[("TERM", "xterm-kitty")]));
        assert!(with(&[("TERM", "xterm-256color"), ("VTE_VERSION", "7600")]));
        assert!(with(&[("TERM_PROGRAM", "WezTerm")]));
        assert!(!with(&[("TERM", "xterm-256color")]));
        assert!(!with(&[("TERM", "linux")]));
        assert!(!with(&[("TERM", "tmux-256color"), ("VTE_VERSION", "7600")]));
    }
}
