//! End to end: the built `tread` binary in a pseudo-terminal, driven by keys
//! and read back through a vt100 emulator, as a person would use it.

mod common;

use std::io::{Read, Write};
use std::os::fd::{AsFd, FromRawFd};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use nix::poll::{PollFd, PollFlags, PollTimeout};
use std::process::Command;

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const PATIENCE: Duration = Duration::from_secs(20);

struct Session {
    /// The data directory (bookmarks, positions) this session uses.
    data: PathBuf,
    /// Set when the session made its own data directory.
    _own_data: Option<tempfile::TempDir>,
    /// None once the test has hung the terminal up.
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    /// Cleared to make the reading thread stop and close its copy of the master.
    reading: Arc<AtomicBool>,
    child: Box<dyn Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte tread wrote to the terminal, as written.
    raw: Arc<Mutex<Vec<u8>>>,
}

impl Session {
    fn start(args: &[&str], cols: u16, rows: u16) -> Session {
        Session::start_program(env!("CARGO_BIN_EXE_tread"), args, cols, rows, None)
    }

    /// tread on `file` under the config fixture `config`.
    fn with_config(file: &str, config: &str, size: (u16, u16)) -> Session {
        let config = common::fixture(&format!("config/{config}"));
        let config = config.to_string_lossy().into_owned();
        let file = common::fixture(file).to_string_lossy().into_owned();
        let env = [("TREAD_CONFIG", config.as_str())];
        Session::start_with_env(env!("CARGO_BIN_EXE_tread"), &[&file], size, None, &env)
    }

    fn start_program(
        program: &str,
        args: &[&str],
        cols: u16,
        rows: u16,
        data: Option<&Path>,
    ) -> Session {
        Session::start_with_env(program, args, (cols, rows), data, &[])
    }

    fn start_with_env(
        program: &str,
        args: &[&str],
        (cols, rows): (u16, u16),
        data: Option<&Path>,
        env: &[(&str, &str)],
    ) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut command = CommandBuilder::new(program);
        command.args(args);
        command.env("TERM", "xterm-256color");
        command.env("TZ", "UTC");
        command.env_remove("NO_COLOR");
        // What would make tread take the terminal for one that follows
        // hyperlinks: these tests say so through the config when they want it.
        for name in [
            "TERM_PROGRAM",
            "VTE_VERSION",
            "KONSOLE_VERSION",
            "WT_SESSION",
        ] {
            command.env_remove(name);
        }
        for (name, value) in env {
            command.env(name, value);
        }
        // Each test its own data directory: positions saved by one test
        // must not move where the next one opens.
        let own_data = match data {
            Some(_) => None,
            None => Some(tempfile::tempdir().unwrap()),
        };
        let data = data.map_or_else(
            || own_data.as_ref().unwrap().path().to_path_buf(),
            Path::to_path_buf,
        );
        command.env("TREAD_DATA_DIR", &data);
        command.cwd(env!("CARGO_MANIFEST_DIR"));
        let child = pty.slave.spawn_command(command).unwrap();
        drop(pty.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            non_zero(rows),
            non_zero(cols),
            0,
        )));
        let writer = pty.master.take_writer().unwrap();
        let reading = Arc::new(AtomicBool::new(true));
        let feed = Arc::clone(&parser);
        let raw = Arc::new(Mutex::new(Vec::new()));
        let record = Arc::clone(&raw);
        // Our own copy of the master descriptor, read with a timeout so that
        // the thread can let go of it: a hang-up needs every copy closed.
        let fd = nix::unistd::dup(pty.master.as_raw_fd().unwrap()).unwrap();
        // SAFETY: `fd` was just created by dup and is owned by nothing else.
        let mut master_copy = unsafe { std::fs::File::from_raw_fd(fd) };
        let keep_reading = Arc::clone(&reading);
        std::thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            while keep_reading.load(Ordering::SeqCst) {
                let mut fds = [PollFd::new(master_copy.as_fd(), PollFlags::POLLIN)];
                match nix::poll::poll(&mut fds, PollTimeout::from(50u16)) {
                    Ok(0) => continue,
                    Ok(_) => {}
                    Err(_) => break,
                }
                match master_copy.read(&mut buffer) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        record.lock().unwrap().extend_from_slice(&buffer[..n]);
                        feed.lock().unwrap().process(&buffer[..n]);
                    }
                }
            }
        });
        Session {
            data,
            _own_data: own_data,
            master: Some(pty.master),
            writer: Some(writer),
            reading,
            child,
            parser,
            raw,
        }
    }

    fn screen_text(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, what: &str, condition: impl Fn(&str) -> bool) {
        let start = Instant::now();
        loop {
            let text = self.screen_text();
            if condition(&text) {
                return;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "timed out waiting for {what}; screen:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn keys(&mut self, keys: &str) {
        let writer = self.writer.as_mut().expect("the terminal is open");
        writer.write_all(keys.as_bytes()).unwrap();
        writer.flush().unwrap();
    }

    fn signal(&self, signal: nix::sys::signal::Signal) {
        let pid = self.child.process_id().expect("a child pid");
        nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid as i32), signal).unwrap();
    }

    fn resize(&self, cols: u16, rows: u16) {
        self.master
            .as_ref()
            .expect("the terminal is open")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        self.parser
            .lock()
            .unwrap()
            .set_size(non_zero(rows), non_zero(cols));
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader thread take in the last bytes written.
                std::thread::sleep(Duration::from_millis(200));
                return status;
            }
            assert!(start.elapsed() < PATIENCE, "tread did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The terminal is as tread found it: main screen, cursor shown, no mouse
    /// reporting, and the line discipline back in canonical mode with echo.
    fn assert_terminal_restored(&self) {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert!(!screen.hide_cursor(), "cursor left hidden");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse reporting left on"
        );
        if let Some(termios) = self.master.as_ref().and_then(|m| m.get_termios()) {
            use nix::sys::termios::LocalFlags;
            assert!(
                termios.local_flags.contains(LocalFlags::ICANON),
                "raw mode left on"
            );
            assert!(
                termios.local_flags.contains(LocalFlags::ECHO),
                "echo left off"
            );
        }
    }
}

impl Drop for Session {
    /// A test that failed half-way must not leave tread running.
    fn drop(&mut self) {
        self.reading.store(false, Ordering::SeqCst);
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

fn non_zero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a terminal has at least one row and column")
}

fn sample_arg() -> String {
    common::fixture("editorial.txt")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn read_fold_unfold_resize_and_quit() {
    let mut session = Session::start(&[&sample_arg()], 100, 30);
    session.wait_for("the title and the first comment", |s| {
        s.contains("Bringing the river ferries back") && s.contains("hanna_v")
    });
    assert!(session.parser.lock().unwrap().screen().alternate_screen());

    // Focus the comments; hanna_v is selected; fold its thread.
    session.keys("\t");
    session.wait_for("the comment pane focused", |s| s.contains("COMMENTS"));
    session.keys(" ");
    session.wait_for("Ruben Ortiz hidden and a hidden count", |s| {
        !s.contains("Ruben Ortiz") && s.contains("[+1]")
    });
    session.keys(" ");
    session.wait_for("the thread unfolded", |s| {
        !s.contains("[+1]") && s.contains("Unfolded 1 reply")
    });
    // The reply is below hanna_v' long comment: move to it.
    session.keys("j");
    session.wait_for("Ruben Ortiz back", |s| s.contains("Ruben Ortiz"));

    // Wider than 120 columns: the panes go side by side.
    session.resize(150, 40);
    // The selected reply stays in view through the re-layout.
    session.wait_for("a side-by-side layout with Ruben Ortiz in view", |s| {
        s.lines()
            .any(|line| line.contains("▶ Comments") && line.contains("Article"))
            && s.contains("Ruben Ortiz")
    });

    session.keys("q");
    let status = session.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    session.assert_terminal_restored();
}

#[test]
fn termination_signals_from_outside_restore_the_terminal_and_save() {
    use nix::sys::signal::Signal;
    for signal in [
        Signal::SIGTERM,
        Signal::SIGINT,
        Signal::SIGQUIT,
        Signal::SIGHUP,
    ] {
        let mut session = Session::start(&[&sample_arg()], 100, 30);
        session.wait_for("the reader", |s| s.contains("hanna_v"));
        session.keys("}");
        session.wait_for("the cursor moved", |s| s.contains("paragraph 2/14"));
        session.signal(signal);
        let status = session.wait_exit();
        assert!(status.success(), "{signal}: exit status {status:?}");
        session.assert_terminal_restored();
        assert!(
            session.data.join("positions.json").exists(),
            "{signal}: the position was not saved"
        );
    }
}

/// The state letter of a process in /proc (R, S, T for stopped, ...).
fn process_state(pid: u32) -> char {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // The state follows the command name, which is in parentheses.
    let after_name = &stat[stat.rfind(')').unwrap() + 1..];
    after_name.trim_start().chars().next().unwrap()
}

fn wait_for_state(pid: u32, wanted: char) {
    let start = Instant::now();
    while process_state(pid) != wanted {
        assert!(
            start.elapsed() < PATIENCE,
            "tread never reached state {wanted}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The reader is running in its modes: alternate screen, raw, cursor hidden.
fn assert_reader_modes(session: &Session) {
    let parser = session.parser.lock().unwrap();
    assert!(
        parser.screen().alternate_screen(),
        "not on the alternate screen"
    );
    let termios = session.master.as_ref().unwrap().get_termios().unwrap();
    assert!(
        !termios
            .local_flags
            .contains(nix::sys::termios::LocalFlags::ICANON),
        "not in raw mode"
    );
}

#[test]
fn ctrl_z_and_sigtstp_suspend_like_less_and_continuing_redraws() {
    use nix::sys::signal::Signal;
    // Ctrl-Z from the keyboard, then SIGTSTP as a shell's `kill -TSTP` sends.
    for suspend_by_key in [true, false] {
        let mut session = Session::start(&[&sample_arg()], 100, 30);
        session.wait_for("the reader", |s| s.contains("hanna_v"));
        let pid = session.child.process_id().unwrap();
        if suspend_by_key {
            session.keys("\x1a");
        } else {
            session.signal(Signal::SIGTSTP);
        }
        wait_for_state(pid, 'T');
        // Stopped, with the terminal as the shell needs it.
        std::thread::sleep(Duration::from_millis(100));
        session.assert_terminal_restored();
        // Something else draws on the terminal meanwhile, as the shell does.
        session
            .parser
            .lock()
            .unwrap()
            .process(b"\x1b[2J\x1b[Hshell prompt$ ");
        session.signal(Signal::SIGCONT);
        session.wait_for("the reader redrawn whole", |s| {
            s.contains("hanna_v") && s.contains("Bringing the river") && !s.contains("shell prompt")
        });
        assert_reader_modes(&session);
        // And it still answers keys.
        session.keys("}");
        session.wait_for("the cursor moved", |s| s.contains("paragraph 2/14"));
        session.keys("q");
        assert!(session.wait_exit().success());
        session.assert_terminal_restored();
    }
}

#[test]
fn ctrl_l_redraws_the_whole_screen() {
    let mut session = Session::start(&[&sample_arg()], 100, 30);
    session.wait_for("the reader", |s| s.contains("hanna_v"));
    // Garbage from elsewhere (a background job writing to the terminal).
    session
        .parser
        .lock()
        .unwrap()
        .process(b"\x1b[5;5Hgarbage from a background job");
    session.wait_for("the garbage", |s| s.contains("garbage from"));
    session.keys("\x0c");
    session.wait_for("the screen drawn again", |s| {
        !s.contains("garbage from") && s.contains("hanna_v")
    });
    session.keys("q");
    assert!(session.wait_exit().success());
}

#[test]
fn the_document_can_come_from_standard_input_while_keys_come_from_the_terminal() {
    let sample = sample_arg();
    let mut session = Session::start_program(
        "sh",
        &[
            "-c",
            "exec \"$0\" - < \"$1\"",
            env!("CARGO_BIN_EXE_tread"),
            &sample,
        ],
        100,
        30,
        None,
    );
    session.wait_for("the reader", |s| s.contains("hanna_v"));
    session.keys("q");
    assert!(session.wait_exit().success());
    session.assert_terminal_restored();
}

/// Reads from a forked terminal's master until `wanted` has been written.
fn read_until(master: &mut std::fs::File, seen: &mut Vec<u8>, wanted: &str) {
    let start = Instant::now();
    while !String::from_utf8_lossy(seen).contains(wanted) {
        let mut fds = [PollFd::new(master.as_fd(), PollFlags::POLLIN)];
        if nix::poll::poll(&mut fds, PollTimeout::from(100u16)).unwrap_or(0) > 0 {
            let mut buffer = [0u8; 8192];
            match master.read(&mut buffer) {
                Ok(n) if n > 0 => seen.extend_from_slice(&buffer[..n]),
                _ => break,
            }
        }
        assert!(start.elapsed() < PATIENCE, "never saw {wanted:?}");
    }
}

#[test]
fn a_hung_up_terminal_ends_the_reader_and_keeps_the_reading_position() {
    use nix::sys::wait::{WaitPidFlag, WaitStatus, waitpid};
    use nix::unistd::ForkResult;
    use std::ffi::CString;

    let data = tempfile::tempdir().unwrap();
    // Everything the child needs is made before fork: after it, the child
    // only execs.
    let program = CString::new(env!("CARGO_BIN_EXE_tread")).unwrap();
    let args = [program.clone(), CString::new(sample_arg()).unwrap()];
    let environment = [
        CString::new(format!("TREAD_DATA_DIR={}", data.path().display())).unwrap(),
        CString::new("TERM=xterm-256color").unwrap(),
    ];
    let size = nix::pty::Winsize {
        ws_row: 30,
        ws_col: 100,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: the child calls only exec (or _exit) before replacing itself.
    let forked = unsafe { nix::pty::forkpty(Some(&size), None) }.unwrap();
    let child = match forked.fork_result {
        ForkResult::Child => {
            let _ = nix::unistd::execve(&program, &args, &environment);
            // SAFETY: _exit is async-signal-safe; exec failed.
            unsafe { nix::libc::_exit(127) };
        }
        ForkResult::Parent { child } => child,
    };
    let mut master = std::fs::File::from(forked.master);
    let mut seen = Vec::new();
    read_until(&mut master, &mut seen, "hanna_v");
    // Somewhere to come back to: the third paragraph.
    // (Only changed cells are redrawn, so the status line cannot be waited
    // for in the raw bytes; the keys take well under this.)
    master.write_all(b"}}").unwrap();
    std::thread::sleep(Duration::from_millis(800));
    // Closing the only master descriptor hangs the terminal up, as closing
    // a terminal window or a dropped SSH connection does.
    drop(master);
    let start = Instant::now();
    loop {
        let status = waitpid(child, Some(WaitPidFlag::WNOHANG)).unwrap();
        if status != WaitStatus::StillAlive {
            // Not a panic (101) on the way out through a dead terminal.
            assert!(
                matches!(status, WaitStatus::Exited(_, 0 | 1)),
                "tread ended with {status:?}"
            );
            break;
        }
        if start.elapsed() > PATIENCE {
            let _ = nix::sys::signal::kill(child, nix::sys::signal::Signal::SIGKILL);
            let _ = waitpid(child, None);
            panic!("tread kept running after its terminal hung up");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let positions = std::fs::read_to_string(data.path().join("positions.json"))
        .expect("the position was saved on hang-up");
    let positions: serde_json::Value = serde_json::from_str(&positions).unwrap();
    let saved = positions["positions"].as_object().unwrap();
    assert_eq!(saved.len(), 1, "{positions}");
    let position = saved.values().next().unwrap();
    assert_eq!(position["article_cursor"], 2, "{positions}");
    assert!(
        data.path().join("seen.json").exists(),
        "seen comments saved"
    );
}

#[test]
fn a_non_terminal_stdout_is_an_error_pointing_to_dump() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_tread"))
        .arg(sample_arg())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("tread dump"), "{stderr}");
}

#[test]
fn bookmark_a_paragraph_quit_list_reopen_and_jump_back() {
    let data = tempfile::tempdir().unwrap();
    let program = env!("CARGO_BIN_EXE_tread");
    let sample = sample_arg();
    let mut session = Session::start_program(program, &[&sample], 100, 30, Some(data.path()));
    session.wait_for("the reader", |s| s.contains("hanna_v"));
    session.keys("}}");
    session.wait_for("the cursor on the third paragraph", |s| {
        s.contains("paragraph 3/14")
    });
    session.keys("b");
    session.wait_for("the note prompt", |s| s.contains("Note ("));
    session.keys("worth rereading");
    session.wait_for("the typed note", |s| s.contains("worth rereading"));
    session.keys("\r");
    session.wait_for("the bookmark saved", |s| {
        s.contains("Bookmarked, with a note")
    });
    session.keys("q");
    assert!(session.wait_exit().success());
    assert_eq!(session.data, data.path());

    let list = Command::new(program)
        .args(["bookmarks", "list"])
        .env("TREAD_DATA_DIR", data.path())
        .output()
        .unwrap();
    let list = String::from_utf8(list.stdout).unwrap();
    assert!(
        list.contains("> Crucially, the council voted to run"),
        "{list}"
    );
    assert!(list.contains("note: worth rereading"), "{list}");

    // Reopen: the position comes back and the passage is marked.
    let mut session = Session::start_program(program, &[&sample], 100, 30, Some(data.path()));
    session.wait_for("the restored position and the gutter mark", |s| {
        s.contains("paragraph 3/14") && s.contains("★ Crucially")
    });
    session.keys("G");
    session.wait_for("the end of the article", |s| s.contains("paragraph 14/14"));
    session.keys("B");
    session.wait_for("the bookmark list", |s| {
        s.contains("Bookmarks (1)") && s.contains("note: worth rereading")
    });
    session.keys("\r");
    session.wait_for("the bookmarked paragraph again", |s| {
        s.contains("paragraph 3/14") && s.contains("★ Crucially") && !s.contains("Bookmarks (1)")
    });
    session.keys("q");
    assert!(session.wait_exit().success());
    session.assert_terminal_restored();

    // --no-resume starts at the top all the same.
    let mut session = Session::start_program(
        program,
        &["--no-resume", &sample],
        100,
        30,
        Some(data.path()),
    );
    session.wait_for("the top of the article", |s| s.contains("paragraph 1/14"));
    session.keys("q");
    assert!(session.wait_exit().success());
}

/// Where `word` is on screen: (row, column) of its first letter.
fn find_on_screen(screen: &vt100::Screen, word: &str) -> Option<(u16, u16)> {
    let (rows, cols) = screen.size();
    let (rows, cols) = (rows.get(), cols.get());
    (0..rows).find_map(|row| {
        let text: String = (0..cols)
            .map(|col| {
                screen
                    .cell(row, col)
                    .map_or(" ".to_string(), |c| c.contents().to_string())
            })
            .map(|c| if c.is_empty() { " ".to_string() } else { c })
            .collect();
        text.find(word)
            .map(|at| (row, text[..at].chars().count() as u16))
    })
}

/// Searches for a word found only in a reply inside a folded thread.
fn search_inside_a_folded_thread(session: &mut Session) -> (u16, u16) {
    session.wait_for("the reader", |s| s.contains("hanna_v"));
    session.keys("\tC");
    session.wait_for("every thread folded", |s| {
        s.contains("[+1]") && !s.contains("Ruben Ortiz")
    });
    session.keys("/");
    session.wait_for("the search prompt", |s| {
        s.contains("Search (Ctrl-R: regex)")
    });
    session.keys("ramshackle\r");
    session.wait_for("the match unfolded and shown", |s| {
        s.contains("Ruben Ortiz") && s.contains("ramshackle") && s.contains("match 1/1")
    });
    let parser = session.parser.lock().unwrap();
    find_on_screen(parser.screen(), "ramshackle").expect("the match is on screen")
}

#[test]
fn search_finds_a_word_inside_a_folded_thread_and_highlights_it() {
    let mut session = Session::start(&[&sample_arg()], 100, 30);
    let (row, col) = search_inside_a_folded_thread(&mut session);
    {
        let parser = session.parser.lock().unwrap();
        let screen = parser.screen();
        let highlight = screen.cell(row, col).unwrap().bgcolor();
        assert_ne!(highlight, vt100::Color::Default, "not highlighted");
        for offset in 0.."ramshackle".len() as u16 {
            let cell = screen.cell(row, col + offset).unwrap();
            assert_eq!(cell.bgcolor(), highlight);
        }
        // The text after the match is not highlighted (only selected).
        let after = screen.cell(row, col + 11).unwrap();
        assert_ne!(after.bgcolor(), highlight);
    }
    session.keys("q");
    assert!(session.wait_exit().success());
}

#[test]
fn no_color_draws_without_colour_and_still_marks_the_match() {
    let mut session = Session::start_with_env(
        env!("CARGO_BIN_EXE_tread"),
        &[&sample_arg()],
        (100, 30),
        None,
        &[("NO_COLOR", "1")],
    );
    let (row, col) = search_inside_a_folded_thread(&mut session);
    {
        let parser = session.parser.lock().unwrap();
        let screen = parser.screen();
        let (rows, cols) = screen.size();
        let (rows, cols) = (rows.get(), cols.get());
        for r in 0..rows {
            for c in 0..cols {
                let cell = screen.cell(r, c).unwrap();
                assert_eq!(cell.fgcolor(), vt100::Color::Default, "colour at {r},{c}");
                assert_eq!(cell.bgcolor(), vt100::Color::Default, "colour at {r},{c}");
            }
        }
        // Marked by reverse video instead.
        assert!(screen.cell(row, col).unwrap().inverse());
    }
    session.keys("q");
    assert!(session.wait_exit().success());
}

#[test]
fn a_lone_digit_folds_after_a_pause_and_a_count_moves() {
    let mut session = Session::start(&[], 100, 30);
    open_the_demo_from_the_library(&mut session);
    session.keys("\t");
    session.wait_for("the comment pane focused", |s| s.contains("COMMENTS"));
    session.keys("3j");
    session.wait_for("three comments down", |s| s.contains("comment 4/26"));
    // A digit shows while it waits, then folds to that level by itself.
    session.keys("1");
    session.wait_for("the count shown", |s| s.contains(" 1 · "));
    session.wait_for(
        "everything below the top level folded, without a key",
        |s| s.contains("[+") && !s.contains(" 1 · "),
    );
    session.keys("q");
    assert!(session.wait_exit().success());
}

/// What `tread library --json` lists for data directory `data`.
fn library_json(data: &Path) -> serde_json::Value {
    let output = Command::new(env!("CARGO_BIN_EXE_tread"))
        .args(["library", "--json"])
        .env("TREAD_DATA_DIR", data)
        .output()
        .unwrap();
    assert!(output.status.success());
    serde_json::from_slice(&output.stdout).unwrap()
}

/// With nothing given, tread opens the library, which on a first run holds
/// the demo: Enter opens it.
fn open_the_demo_from_the_library(session: &mut Session) {
    session.wait_for("the library with the demo", |s| {
        s.contains("Library") && s.contains("<demo>") && s.contains("Enter open")
    });
    session.keys("\r");
    session.wait_for("the demo", |s| s.contains("marta_k"));
}

/// The demo under the config fixture `name`, once its hints show `hint`.
fn demo_with_config(name: &str, hint: &str) -> Session {
    let config = common::fixture(&format!("config/{name}"));
    let config = config.to_string_lossy().into_owned();
    let mut session = Session::start_with_env(
        env!("CARGO_BIN_EXE_tread"),
        &[],
        (100, 30),
        None,
        &[("TREAD_CONFIG", &config)],
    );
    open_the_demo_from_the_library(&mut session);
    session.wait_for(&format!("the demo, with {hint:?} in the hints"), |s| {
        s.contains("marta_k") && s.contains(hint)
    });
    session
}

#[test]
fn a_user_config_remaps_keys_in_the_running_reader() {
    let mut session = demo_with_config("remap.toml", "Q quit");
    // `q` no longer quits; the help lists `Q`.
    session.keys("q?");
    session.wait_for("the help with the user's key", |s| {
        s.lines()
            .any(|l| l.contains("  Q ") && l.contains("Quit tread"))
    });
    session.keys("\x1b");
    session.wait_for("the help closed", |s| !s.contains("Quit tread"));
    session.keys("Q");
    assert!(session.wait_exit().success());
    session.assert_terminal_restored();
}

#[test]
fn a_user_quit_key_quits_from_either_pane_over_a_default_of_the_same_key() {
    for pane_keys in ["", "\t"] {
        let mut session = demo_with_config("quit-on-x.toml", "x quit");
        // Tab moves to the other pane first; `x` folds a thread there by
        // default, and quits now.
        session.keys(pane_keys);
        session.keys("x");
        assert!(session.wait_exit().success(), "pane keys {pane_keys:?}");
        session.assert_terminal_restored();
    }
}

/// Panics when the bytes tread wrote hold a control string (OSC, DCS, APC,
/// PM, SOS), a bare BEL or backspace, a C1 control or a bidi override, or
/// any word of the hostile payload: tread draws with CSI sequences only.
fn assert_only_our_own_sequences(raw: &[u8]) {
    for (at, window) in raw.windows(2).enumerate() {
        assert!(
            !(window[0] == 0x1b && matches!(window[1], b']' | b'P' | b'_' | b'^' | b'X')),
            "a control string at byte {at}: {:?}",
            String::from_utf8_lossy(&raw[at..(at + 40).min(raw.len())])
        );
    }
    assert!(!raw.contains(&0x07), "BEL written");
    assert!(!raw.contains(&0x08), "backspace written");
    let text = String::from_utf8_lossy(raw);
    assert!(
        !text.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')),
        "a C1 control or bidi override written"
    );
    for word in ["PWNED", "cm0gLXJmIH4K"] {
        assert!(!text.contains(word), "{word} written");
    }
}

#[test]
fn a_hostile_document_writes_no_escape_sequence_to_the_terminal() {
    let folder = tempfile::tempdir().unwrap();
    for (name, bytes) in common::hostile::hostile_documents() {
        // The file name is hostile too: the title bar shows it.
        let file = folder.path().join(format!("{name}\u{1b}]0;PWNED\u{7}.doc"));
        std::fs::write(&file, bytes).unwrap();
        let file = file.to_string_lossy().into_owned();
        let mut session = Session::start(&[&file], 120, 40);
        session.wait_for("the hostile document", |s| {
            s.contains("Tmark") && s.contains("Cmark")
        });
        // The links of the first paragraph, the comments, the bookmark
        // panel and help: every overlay draws document text.
        // (An Esc right before another key would read as Alt and that key.)
        let pause = || std::thread::sleep(Duration::from_millis(150));
        session.keys("o");
        session.wait_for("the link list", |s| {
            s.contains("Links") || s.contains("No links here")
        });
        session.keys("\x1b");
        pause();
        session.keys("\tjB");
        session.wait_for("the bookmark panel", |s| s.contains("Bookmarks"));
        session.keys("\x1b");
        pause();
        session.keys("?");
        session.wait_for("help", |s| s.contains("Quit tread"));
        session.keys("\x1b");
        pause();
        session.keys("q");
        assert!(session.wait_exit().success(), "{name}");
        assert_only_our_own_sequences(&session.raw.lock().unwrap());
    }
}

#[test]
fn a_held_lock_never_freezes_the_screen_and_the_save_waits_for_it_after_quit() {
    let data = tempfile::tempdir().unwrap();
    let program = env!("CARGO_BIN_EXE_tread");
    let sample = sample_arg();
    let lock = std::fs::File::create(data.path().join("bookmarks.json.lock")).unwrap();
    // Held by "another tread" (this test) for the whole session.
    lock.lock().unwrap();
    let mut session = Session::start_program(program, &[&sample], 100, 30, Some(data.path()));
    session.wait_for("the reader", |s| s.contains("hanna_v"));
    session.keys("b");
    session.wait_for("the note prompt", |s| s.contains("Note ("));
    session.keys("kept\r");
    session.wait_for("the wait reported in the status bar", |s| {
        s.contains("Waiting for") && s.contains("bookmarks.json.lock")
    });
    // The reader still answers while the save waits.
    session.keys("}}");
    session.wait_for("the cursor moved", |s| s.contains("paragraph 3/14"));
    session.keys("q");
    // The screen is the shell's at once, though the save still waits.
    session.wait_for("the terminal restored", |s| !s.contains("hanna_v"));
    session.assert_terminal_restored();
    assert!(
        session.child.try_wait().unwrap().is_none(),
        "the save was dropped"
    );
    drop(lock);
    assert!(session.wait_exit().success());
    let saved = std::fs::read_to_string(data.path().join("bookmarks.json")).unwrap();
    assert!(saved.contains("\"note\": \"kept\""), "{saved}");
}

#[test]
fn a_bookmark_file_with_absurd_numbers_opens_the_reader() {
    let data = tempfile::tempdir().unwrap();
    let program = env!("CARGO_BIN_EXE_tread");
    let sample = sample_arg();
    let output = Command::new(program)
        .args(["bookmarks", "add", &sample, "--at", "article:1"])
        .env("TREAD_DATA_DIR", data.path())
        .output()
        .unwrap();
    assert!(output.status.success());
    let path = data.path().join("bookmarks.json");
    let mut file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    file["bookmarks"][0]["last_block"] = serde_json::json!(u64::MAX);
    std::fs::write(&path, file.to_string()).unwrap();
    let mut session = Session::start_program(program, &[&sample], 100, 30, Some(data.path()));
    session.wait_for("the reader, with the bookmark marked", |s| {
        s.contains("hanna_v") && s.contains("★")
    });
    session.keys("q");
    assert!(session.wait_exit().success());
}

#[test]
fn an_address_shows_the_loading_screen_until_it_arrives_and_q_cancels_it() {
    use common::server::{Reply, Server};
    let thread = std::fs::read(common::fixture("hn-algolia.json")).unwrap();
    let server = Server::start(vec![
        (
            "/items/1".into(),
            Reply::json(thread.clone()).after(Duration::from_secs(60)),
        ),
        (
            "/items/2".into(),
            Reply::json(thread).after(Duration::from_millis(800)),
        ),
    ]);
    let api = [("TREAD_HN_API", server.base.as_str())];
    let program = env!("CARGO_BIN_EXE_tread");
    let address = "https://news.ycombinator.com/item?id=1";
    // The server keeps the answer back: the loading screen is up meanwhile.
    let mut session = Session::start_with_env(program, &[address], (100, 30), None, &api);
    session.wait_for("the loading screen", |screen| {
        screen.contains(&format!("Fetching {address}")) && screen.contains("q cancel")
    });
    assert_reader_modes(&session);
    session.keys("q");
    assert!(session.wait_exit().success());
    session.assert_terminal_restored();
    drop(session);
    // The second answer comes: the reader opens on it.
    let address = "https://news.ycombinator.com/item?id=2";
    let mut session = Session::start_with_env(program, &[address], (100, 30), None, &api);
    session.wait_for("the thread", |screen| {
        screen.contains("Ask tread: reading threads") && !screen.contains("q cancel")
    });
    session.keys("q");
    assert!(session.wait_exit().success());
    session.assert_terminal_restored();
    // The library has it under its address, fetched.
    let listed = library_json(&session.data);
    assert_eq!(listed[0]["key"], "hn:2");
    assert_eq!(listed[0]["source"], address);
    assert_eq!(listed[0]["site"], "news.ycombinator.com");
    assert!(listed[0]["fetched_at"].is_i64());
}

#[test]
fn a_fetch_that_fails_gives_the_terminal_back_before_its_one_line() {
    use common::server::Server;
    let server = Server::start(Vec::new());
    let api = [("TREAD_HN_API", server.base.as_str())];
    let address = "https://news.ycombinator.com/item?id=404";
    let mut session = Session::start_with_env(
        env!("CARGO_BIN_EXE_tread"),
        &[address],
        (100, 30),
        None,
        &api,
    );
    let status = session.wait_exit();
    assert_eq!(status.exit_code(), 1);
    session.assert_terminal_restored();
    let screen = session.screen_text();
    assert!(
        screen.contains("tread: no such item at 127.0.0.1 (HTTP 404)"),
        "{screen}"
    );
}

#[test]
fn what_the_reader_opens_is_listed_by_tread_library() {
    let mut session = Session::start(&[&sample_arg()], 100, 30);
    session.wait_for("the reader", |screen| {
        screen.contains("Bringing the river ferries back")
    });
    session.keys("q");
    assert!(session.wait_exit().success());
    let listed = library_json(&session.data);
    let entry = &listed[0];
    let path = std::fs::canonicalize(sample_arg()).unwrap();
    assert_eq!(entry["source"], path.to_string_lossy().as_ref());
    assert_eq!(entry["title"], "Bringing the river ferries back");
    assert_eq!(entry["site"], "file");
    assert_eq!(entry["comments"], 2);
    assert_eq!(entry["bookmarks"], 0);
    assert!(entry["fetched_at"].is_null());
    let output = Command::new(env!("CARGO_BIN_EXE_tread"))
        .arg("library")
        .env("TREAD_DATA_DIR", &session.data)
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.starts_with("Bringing the river ferries back\n"),
        "{text}"
    );
    assert!(text.contains("file · 2 comments · read now"), "{text}");
}

#[test]
fn the_library_opens_a_document_l_returns_to_it_and_d_forgets_until_u() {
    let mut session = Session::start(&[], 100, 30);
    open_the_demo_from_the_library(&mut session);
    session.keys("L");
    session.wait_for("the library again, the demo read", |s| {
        s.contains("Library  ·  1 document") && s.contains("read now") && s.contains("<demo>")
    });
    assert_reader_modes(&session);
    session.keys("d");
    session.wait_for("the demo forgotten", |s| {
        s.contains("0 documents") && s.contains("u brings it back")
    });
    session.keys("u");
    session.wait_for("the demo back", |s| {
        s.contains("1 document") && s.contains("Brought back")
    });
    session.keys("/zzz");
    session.wait_for("nothing matching", |s| s.contains("No document matches"));
    session.keys("\x1b");
    session.wait_for("the filter gone", |s| s.contains("<demo>"));
    session.keys("q");
    assert!(session.wait_exit().success());
    session.assert_terminal_restored();
    let listed = library_json(&session.data);
    assert_eq!(listed[0]["key"], "demo");
    assert_eq!(listed.as_array().unwrap().len(), 1);
}

#[test]
fn r_reloads_a_file_changed_on_disk_where_the_reader_was_and_marks_what_is_new() {
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("thread.txt");
    std::fs::copy(sample_arg(), &file).unwrap();
    let path = file.to_string_lossy().into_owned();
    let mut session = Session::start(&[&path], 100, 30);
    session.wait_for("the reader", |s| s.contains("hanna_v"));
    session.keys("\t");
    session.wait_for("the comments focused", |s| s.contains("comment 1/2"));
    // The thread was downloaded again with one more comment.
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str("\n• late_reader\n\n  Arrived after everyone else.\n");
    std::fs::write(&file, text).unwrap();
    session.keys("R");
    session.wait_for("the new comment marked", |s| {
        s.contains("1 new comment since your last visit") && s.contains("3 comments")
    });
    // Where the reader was: the comment pane, the first comment.
    assert!(session.screen_text().contains("comment 1/3"));
    session.keys("q");
    assert!(session.wait_exit().success());
    session.assert_terminal_restored();
}

#[test]
fn a_thread_read_before_opens_from_its_copy_at_once_and_the_fresh_one_marks_what_is_new() {
    use common::server::{Reply, Server};
    let data = tempfile::tempdir().unwrap();
    let program = env!("CARGO_BIN_EXE_tread");
    let address = "https://news.ycombinator.com/item?id=100";
    let thread: serde_json::Value =
        serde_json::from_slice(&std::fs::read(common::fixture("hn-algolia.json")).unwrap())
            .unwrap();
    let first = Server::start(vec![("/items/100".into(), Reply::json(thread.to_string()))]);
    let mut session = Session::start_with_env(
        program,
        &[address],
        (100, 30),
        Some(data.path()),
        &[("TREAD_HN_API", &first.base)],
    );
    session.wait_for("the thread", |s| s.contains("4 comments"));
    session.keys("q");
    assert!(session.wait_exit().success());
    // A day later the thread has three more comments; the site is slow.
    let mut grown = thread.clone();
    for id in [997, 998, 999] {
        grown["children"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({
                "id": id, "author": format!("latecomer{id}"), "text": "<p>Made it.</p>",
                "created_at_i": 1_700_000_000, "parent_id": 100, "children": []
            }));
    }
    let second = Server::start(vec![(
        "/items/100".into(),
        Reply::json(grown.to_string()).after(Duration::from_millis(1500)),
    )]);
    let mut session = Session::start_with_env(
        program,
        &[address],
        (100, 30),
        Some(data.path()),
        &[("TREAD_HN_API", &second.base)],
    );
    // The kept copy, at once: no loading screen while the site is asked.
    session.wait_for("the kept copy", |s| {
        s.contains("4 comments") && !s.contains("q cancel")
    });
    session.wait_for("the fresh copy in its place", |s| {
        s.contains("7 comments") && s.contains("3 new comments · . next new")
    });
    // Exactly those three: `.` goes to each of them in turn.
    session.keys("\t");
    for id in [997, 998, 999] {
        session.keys(".");
        session.wait_for("the next new comment", |s| {
            s.lines()
                .any(|l| l.starts_with("▌") && l.contains(&format!("latecomer{id}")))
        });
    }
    session.keys("q");
    assert!(session.wait_exit().success());
    session.assert_terminal_restored();
}

#[test]
fn enter_on_a_reddit_stub_fetches_its_replies_into_the_thread() {
    use common::server::{Reply, Server};
    let listing = std::fs::read(common::fixture("reddit.json")).unwrap();
    let more = serde_json::json!({"json": {"data": {"things": [
        {"kind": "t1", "data": {"id": "x", "name": "t1_x", "parent_id": "t1_c1",
            "author": "ex", "body": "Loaded later", "score": 2, "replies": ""}}
    ]}}});
    let server = Server::start(vec![
        (
            "/comments/abc.json?raw_json=1&limit=500".into(),
            Reply::json(listing),
        ),
        (
            "/api/morechildren.json?api_type=json&raw_json=1&link_id=t3_abc&children=x,y".into(),
            Reply::json(more.to_string()),
        ),
    ]);
    let api = [("TREAD_REDDIT_API", server.base.as_str())];
    let address = "https://www.reddit.com/r/x/comments/abc/title/";
    let mut session = Session::start_with_env(
        env!("CARGO_BIN_EXE_tread"),
        &[address],
        (100, 40),
        None,
        &api,
    );
    session.wait_for("the thread", |s| s.contains("12 more replies"));
    session.keys("\t");
    session.wait_for("the comments focused", |s| s.contains("COMMENTS"));
    session.keys("jjjj");
    std::thread::sleep(Duration::from_millis(200));
    session.keys("\r");
    session.wait_for("the replies in the stub's place", |s| {
        s.contains("Loaded later") && s.contains("1 new comment · . next new")
    });
    assert!(!session.screen_text().contains("12 more replies"));
    session.keys("q");
    assert!(session.wait_exit().success());
}

#[test]
fn a_link_posts_article_arrives_by_itself_while_the_comments_are_read() {
    use common::server::{Reply, Server};
    let page = "<!doctype html><html><head><title>Ferries return</title></head><body>\
        <nav>Home · News</nav><article><h1>Ferries return</h1>\
        <p>The city council voted on Tuesday to bring the river ferries back, after twenty \
        years without them, and the first boats are to sail in the spring.</p>\
        <p>Three landings are planned, at the old harbour, the market and the university.</p>\
        </article></body></html>";
    let server = Server::start(vec![(
        "/ferries".into(),
        Reply::status(200)
            .header("Content-Type", "text/html")
            .body(page)
            .after(Duration::from_secs(3)),
    )]);
    let mut story: serde_json::Value =
        serde_json::from_slice(&std::fs::read(common::fixture("hn-algolia.json")).unwrap())
            .unwrap();
    story["text"] = serde_json::Value::Null;
    story["url"] = serde_json::json!(format!("{}/ferries", server.base));
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), story.to_string()).unwrap();
    let mut session = Session::start(&[file.path().to_str().unwrap()], 120, 40);
    session.wait_for("the fetch under the link", |s| {
        s.contains("Fetching article from 127.0.0.1")
    });
    // The comments answer keys while the page is on its way.
    session.keys("\tj");
    session.wait_for("the second comment selected", |s| {
        s.contains("2/4") && s.contains("Fetching article")
    });
    // The article comes without a key.
    session.wait_for("the article", |s| {
        s.contains("The city council voted on Tuesday") && !s.contains("Fetching article")
    });
    assert!(session.screen_text().contains("2/4"));
    session.keys("q");
    assert!(session.wait_exit().success());
    session.assert_terminal_restored();
}

/// The raw bytes' OSC sequences, each checked to be a hyperlink (OSC 8)
/// whose target is printable ASCII and which ends with ST; their targets.
fn hyperlink_targets(raw: &[u8]) -> Vec<String> {
    let mut targets = Vec::new();
    let mut at = 0;
    while let Some(found) = raw[at..].windows(2).position(|w| w == b"\x1b]") {
        let start = at + found + 2;
        let rest = &raw[start..];
        assert!(rest.starts_with(b"8;;"), "an OSC that is not a hyperlink");
        let end = rest
            .windows(2)
            .position(|w| w == b"\x1b\\")
            .expect("a hyperlink ends with ST");
        let target = &rest[3..end];
        assert!(
            target.iter().all(|b| (0x21..=0x7e).contains(b)),
            "a target outside printable ASCII: {:?}",
            String::from_utf8_lossy(target)
        );
        // The empty target closes a link.
        if !target.is_empty() {
            targets.push(String::from_utf8_lossy(target).into_owned());
        }
        at = start + end + 2;
    }
    targets
}

#[test]
fn links_are_hyperlinks_when_asked_and_a_long_address_stays_whole_on_screen() {
    let session = Session::with_config("links.txt", "hyperlinks.toml", (50, 30));
    session.wait_for("the addresses broken only after a slash", |s| {
        s.lines()
            .any(|l| l.contains("https://example.org/timetable"))
            && s.lines().any(|l| {
                l.trim_end()
                    .ends_with("https://example.org/council/ferries/plan-2026?")
            })
            && s.lines().any(|l| l.contains("  format=html&lang=en for"))
    });
    let raw = session.raw.lock().unwrap().clone();
    let targets = hyperlink_targets(&raw);
    assert!(
        targets.iter().any(|t| t == "https://example.org/timetable"),
        "{targets:?}"
    );
    // The long address, broken after a slash, is one link on both lines.
    let long = "https://example.org/council/ferries/plan-2026?format=html&lang=en";
    assert!(
        targets.iter().filter(|t| *t == long).count() >= 2,
        "{targets:?}"
    );
    let mut session = session;
    session.keys("q");
    assert!(session.wait_exit().success());
}

#[test]
fn an_unknown_terminal_gets_no_hyperlinks() {
    let file = common::fixture("links.txt").to_string_lossy().into_owned();
    let mut session = Session::start(&[&file], 100, 30);
    session.wait_for("the document", |s| s.contains("example.org/timetable"));
    session.keys("q");
    assert!(session.wait_exit().success());
    let raw = session.raw.lock().unwrap().clone();
    assert!(hyperlink_targets(&raw).is_empty());
}

#[test]
fn hostile_links_become_hyperlinks_with_nothing_but_printable_targets() {
    let config = common::fixture("config/hyperlinks.toml");
    let config = config.to_string_lossy().into_owned();
    let folder = tempfile::tempdir().unwrap();
    for (name, bytes) in common::hostile::hostile_documents() {
        let file = folder.path().join(format!("{name}.doc"));
        std::fs::write(&file, bytes).unwrap();
        let file = file.to_string_lossy().into_owned();
        let mut session = Session::start_with_env(
            env!("CARGO_BIN_EXE_tread"),
            &[&file],
            (120, 40),
            None,
            &[("TREAD_CONFIG", &config)],
        );
        session.wait_for("the hostile document", |s| {
            s.contains("Tmark") && s.contains("Cmark")
        });
        session.keys("\tjjjjjjjj");
        std::thread::sleep(Duration::from_millis(200));
        session.keys("q");
        assert!(session.wait_exit().success(), "{name}");
        let raw = session.raw.lock().unwrap().clone();
        hyperlink_targets(&raw);
        assert!(!raw.contains(&0x07), "{name}: BEL written");
    }
}

#[test]
fn ctrl_o_and_g_o_walk_the_jump_list_in_the_running_reader() {
    let file = common::fixture("story.json").to_string_lossy().into_owned();
    let mut session = Session::start(&[&file], 100, 30);
    session.wait_for("the story", |s| s.contains("first_reader"));
    session.keys("\tG");
    session.wait_for("the last comment", |s| s.contains("comment 3/3"));
    session.keys("\x0f");
    session.wait_for("back at the first", |s| s.contains("comment 1/3"));
    session.keys("go");
    session.wait_for("forward at the last again", |s| s.contains("comment 3/3"));
    session.keys("q");
    assert!(session.wait_exit().success());
}

/// Whether the last mouse-capture switch tread wrote turned it on.
fn mouse_captured(raw: &[u8]) -> Option<bool> {
    let text = String::from_utf8_lossy(raw);
    let on = text.rfind("\x1b[?1000h");
    let off = text.rfind("\x1b[?1000l");
    match (on, off) {
        (Some(on), Some(off)) => Some(on > off),
        (Some(_), None) => Some(true),
        (None, Some(_)) => Some(false),
        (None, None) => None,
    }
}

#[test]
fn the_mouse_can_be_left_to_the_terminal_by_config_and_taken_back_with_a_key() {
    let mut session = Session::with_config("story.json", "no-mouse.toml", (100, 30));
    session.wait_for("the story", |s| s.contains("first_reader"));
    let raw = || session.raw.lock().unwrap().clone();
    assert_eq!(
        mouse_captured(&raw()),
        Some(false),
        "mouse = false in the config"
    );
    session.keys("gm");
    session.wait_for("the mouse taken", |s| s.contains("Mouse on"));
    assert_eq!(mouse_captured(&session.raw.lock().unwrap()), Some(true));
    session.keys("gm");
    session.wait_for("the mouse left", |s| s.contains("Mouse off"));
    assert_eq!(mouse_captured(&session.raw.lock().unwrap()), Some(false));
    session.keys("q");
    assert!(session.wait_exit().success());
}

#[test]
fn e_shows_the_comment_in_the_pager_and_pipe_hands_it_to_a_command() {
    let out = tempfile::tempdir().unwrap();
    let paged = out.path().join("paged.txt");
    let piped = out.path().join("piped.txt");
    let pager = format!("cat > '{}'", paged.display());
    let file = common::fixture("story.json").to_string_lossy().into_owned();
    let mut session = Session::start_with_env(
        env!("CARGO_BIN_EXE_tread"),
        &[&file],
        (100, 30),
        None,
        &[("PAGER", &pager)],
    );
    session.wait_for("the story", |s| s.contains("first_reader"));
    session.keys("\te");
    session.wait_for("back from the pager", |s| s.contains("Back from the pager"));
    let text = std::fs::read_to_string(&paged).unwrap();
    assert!(text.starts_with("Does it keep my place"), "{text}");
    session.keys(&format!("|cat > '{}'\r", piped.display()));
    session.wait_for("the command's screen", |s| {
        s.contains("press Enter to go back")
    });
    session.keys("\r");
    session.wait_for("back in the reader", |s| s.contains("Piped to cat"));
    assert_eq!(std::fs::read_to_string(&piped).unwrap(), text);
    session.keys("q");
    assert!(session.wait_exit().success());
    session.assert_terminal_restored();
}

#[test]
fn code_is_chopped_and_scrolls_sideways_in_the_running_reader() {
    let file = common::fixture("story.json").to_string_lossy().into_owned();
    let mut session = Session::start(&[&file], 80, 30);
    session.wait_for("the code chopped with its marker", |s| {
        s.lines()
            .any(|l| l.contains("$ cargo install") && l.trim_end().ends_with('›'))
    });
    session.keys("}>");
    session.wait_for("the code scrolled", |s| {
        s.lines()
            .any(|l| l.contains('‹') && l.contains("--with-a-flag"))
    });
    session.keys("q");
    assert!(session.wait_exit().success());
}

#[test]
fn the_help_fills_a_wide_terminal_in_two_columns_and_slash_searches_it() {
    let file = common::fixture("story.json").to_string_lossy().into_owned();
    let mut session = Session::start(&[&file], 200, 50);
    session.wait_for("the story", |s| s.contains("first_reader"));
    session.keys("?");
    // The first row holds the start of both columns: a heading on the
    // left, another section's text on the right half.
    session.wait_for("the help in two columns", |s| {
        s.lines()
            .any(|l| l.contains("Everywhere") && l.chars().skip(100).any(char::is_alphabetic))
    });
    session.keys("/Counts\r");
    session.wait_for("the help scrolled to the match", |s| {
        s.contains("A number before a movement repeats it")
    });
    session.keys("\x1b");
    std::thread::sleep(Duration::from_millis(150));
    session.keys("q");
    assert!(session.wait_exit().success());
}

/// A file large enough to open in parts: 100,000 comments, about 60 MB.
fn large_thread(dir: &Path) -> PathBuf {
    let path = dir.join("large.json");
    let document = tread::synthetic::discussion(100_000);
    std::fs::write(&path, tread::formats::native::write(&document)).unwrap();
    path
}

#[test]
fn a_large_file_shows_its_start_while_the_rest_loads_and_q_quits_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = large_thread(dir.path());
    let mut session = Session::start(&[path.to_str().unwrap()], 120, 40);
    session.wait_for("the title and the first comments, while loading", |s| {
        s.contains("A generated discussion with 100000 comments") && s.contains("so far")
    });
    let screen = session.screen_text();
    assert!(
        screen.contains("… comments"),
        "counts not final yet:\n{screen}"
    );
    // Keys work on what has come while the rest is read.
    session.keys("\tj");
    session.wait_for("the second comment selected", |s| s.contains("comment 2/"));
    session.keys("q");
    let status = session.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    session.assert_terminal_restored();
}

#[test]
fn g_on_a_loading_file_follows_the_end_until_all_has_come() {
    let dir = tempfile::tempdir().unwrap();
    let path = large_thread(dir.path());
    let mut session = Session::start(&[path.to_str().unwrap()], 120, 40);
    session.wait_for("the start, loading", |s| s.contains("so far"));
    session.keys("\tG");
    // Once everything has arrived, G has followed to the very last comment.
    session.wait_for("the last of all comments selected", |s| {
        s.contains("comment 100000/100000") && !s.contains("so far")
    });
    session.keys("q");
    assert!(session.wait_exit().success());
    // The library counts all of them, not the start it was filed with.
    let library = library_json(&session.data);
    assert_eq!(library[0]["comments"], 100_000, "{library}");
}
