//! Running a program with the terminal: `$PAGER` for `e`, a shell command
//! for `|`. The reader's screen is left, the program gets the terminal
//! and the text on its standard input, and the reader comes back redrawn
//! when it ends. Meanwhile Ctrl-C and Ctrl-\ are the program's, as in a
//! shell (see `terminal::watch_signals`).

use std::io::{self, BufRead, Write};
use std::process::{Command, Stdio};

use super::terminal::{self, TerminalGuard};

/// What to run.
pub enum Job {
    /// The text in the pager.
    Page(String),
    /// A shell command with the text on its standard input; its output
    /// stays on screen until Enter.
    Pipe { command: String, text: String },
}

/// Runs `job` with the terminal; what the reader is told afterwards.
pub fn run(guard: &mut TerminalGuard, job: Job) -> io::Result<String> {
    terminal::restore();
    terminal::CHILD_RUNNING.store(true, std::sync::atomic::Ordering::SeqCst);
    let outcome = match &job {
        Job::Page(text) => {
            let pager = std::env::var("PAGER")
                .ok()
                .filter(|p| !p.trim().is_empty())
                .unwrap_or_else(|| "less".to_string());
            feed(&pager, text)
        }
        Job::Pipe { command, text } => {
            let outcome = feed(command, text);
            print!("\r\n[tread: press Enter to go back]");
            let _ = io::stdout().flush();
            let _ = io::stdin().lock().read_line(&mut String::new());
            outcome
        }
    };
    terminal::CHILD_RUNNING.store(false, std::sync::atomic::Ordering::SeqCst);
    terminal::resume(guard)?;
    Ok(match (job, outcome) {
        (_, Err(error)) => format!("Could not run it: {error}"),
        (Job::Page(_), Ok(_)) => "Back from the pager".to_string(),
        (Job::Pipe { command, .. }, Ok(status)) if status.success() => {
            format!("Piped to {command}")
        }
        (Job::Pipe { command, .. }, Ok(status)) => format!("{command}: {status}"),
    })
}

/// Runs `command` with `sh -c`, `text` on its standard input.
fn feed(command: &str, text: &str) -> io::Result<std::process::ExitStatus> {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::piped())
        .spawn()?;
    if let Some(mut stdin) = child.stdin.take() {
        // A command that does not read it all (head) closes the pipe early.
        let _ = stdin.write_all(text.as_bytes());
    }
    child.wait()
}
