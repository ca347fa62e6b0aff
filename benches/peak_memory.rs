//! Peak memory per format: the built `tread` binary runs `dump` on generated
//! inputs of every format tread reads, and the reader opens them as `tread
//! FILE` does (in parts when large, without a terminal); the kernel's count
//! of each process's peak resident memory (`wait4`'s `ru_maxrss`, what
//! `/usr/bin/time -v` shows) is set against the input's size. The goal: at
//! most 2 times the input for the reader.
//!
//! Run: `cargo bench --bench peak_memory` (a few minutes; the inputs are
//! written to a temporary folder first). Not a criterion bench: one run of
//! a process is the measurement, and its peak does not vary between runs.

use std::fmt::Write as _;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};

use tread::document::Document;
use tread::formats::{native, text};
use tread::synthetic;

/// Peak resident memory of `tread dump FILE`, in bytes.
fn peak_of_dump(file: &Path) -> u64 {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tread"));
    command.args(["dump", "--width", "100"]).arg(file);
    peak_of(command)
}

/// Peak resident memory of the reader opening `file` as `tread FILE` does
/// (in parts when it is large), taking in all of it and drawing a frame,
/// in a process of its own (this bench again, see [`read_like_the_reader`]).
fn peak_of_reader(file: &Path) -> u64 {
    let mut command = Command::new(std::env::current_exe().expect("this bench's path"));
    command.env("TREAD_PEAK_READ", file);
    peak_of(command)
}

/// What `tread FILE` does before and while the reader runs, without a
/// terminal: the file opened in parts (or whole when small), the rest taken
/// in through `App::update`, a frame drawn at 200x60.
fn read_like_the_reader(file: &Path) {
    use tread::app::{App, Message};
    let source = tread::source::InputSource::File(file.to_path_buf());
    let limit = u64::MAX;
    let area = ratatui::layout::Rect::new(0, 0, 200, 60);
    let keymap = tread::config::default_keymap();
    let mut app = match tread::opening::open(&source, None, limit).expect("opens") {
        Some(parts) => {
            let mut app = App::new(parts.loaded.document, "peak".into(), keymap, area);
            app.loading = Some(parts.loading);
            for message in parts.rest.iter() {
                app.update(message);
            }
            app
        }
        None => {
            let document = source.load(None, limit).expect("loads").document;
            App::new(document, "peak".into(), keymap, area)
        }
    };
    app.update(Message::Resize {
        width: 200,
        height: 60,
    });
    let backend = ratatui::backend::TestBackend::new(200, 60);
    let mut terminal = ratatui::Terminal::new(backend).expect("a test terminal");
    terminal
        .draw(|frame| frame.render_widget(&app, frame.area()))
        .expect("a frame");
    assert!(!app.is_loading(), "all of it arrived");
}

// The child is reaped by wait4, which also reports its peak; `Child::wait`
// would reap it without.
#[allow(clippy::zombie_processes)]
fn peak_of(mut command: Command) -> u64 {
    let child = command
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the measured process runs");
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: wait4 on our own child's pid, with valid out pointers.
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as i32, "wait4");
    let status = std::process::ExitStatus::from_raw(status);
    assert!(status.success(), "{command:?}: {status}");
    // Linux reports kilobytes.
    usage.ru_maxrss as u64 * 1024
}

/// Text indented with one tab per level, `depth` replies deep.
fn tab_indented_chain(depth: usize) -> String {
    let mut out = String::from("A deep thread\n\nThe article.\n\n");
    for level in 0..depth {
        let tabs = "\t".repeat(level);
        let _ = write!(out, "{tabs}• user{level}\n{tabs}\treply {level}\n\n");
    }
    out
}

/// The inputs, by name and file name.
const CASES: &[(&str, &str)] = &[
    ("plain text, 100k comments", "text-100k"),
    ("plain text, 1M comments", "text-1m"),
    ("native JSON, 100k comments", "native-100k"),
    ("native JSON, 1M comments", "native-1m"),
    ("HN Algolia, 100k comments", "hn-100k"),
    ("Reddit, 100k comments", "reddit-100k"),
    ("Reddit, a chain 100k deep", "reddit-chain-100k"),
    ("Lobsters, 100k comments", "lobsters-100k"),
    ("Discourse, 100k posts", "discourse-100k"),
    ("mbox, 100k messages", "mbox-100k"),
    ("mbox, 1M messages", "mbox-1m"),
    ("plain text, tab-indented 10k deep", "text-tabs-10k"),
];

/// Writes every input into `folder`. Run in a process of its own: a child
/// inherits its parent's peak memory through fork, so the process that
/// starts `tread` must stay small.
fn generate(folder: &Path) {
    let discussion: Document = synthetic::discussion(100_000);
    for (_, file) in CASES {
        let bytes = match *file {
            "text-100k" => text::write(&discussion),
            "text-1m" => text::write(&synthetic::discussion(1_000_000)),
            "native-100k" => native::write(&discussion),
            "native-1m" => native::write(&synthetic::discussion(1_000_000)),
            "hn-100k" => synthetic::hn_algolia_json_of(&discussion),
            "reddit-100k" => synthetic::reddit_json(&discussion),
            "reddit-chain-100k" => synthetic::reddit_json(&synthetic::chain(100_000)),
            "lobsters-100k" => synthetic::lobsters_json(&discussion),
            "discourse-100k" => synthetic::discourse_json(&discussion),
            "mbox-100k" => synthetic::mbox(&discussion),
            "mbox-1m" => synthetic::mbox(&synthetic::discussion(1_000_000)),
            "text-tabs-10k" => tab_indented_chain(10_000),
            other => unreachable!("no input {other}"),
        };
        std::fs::write(folder.join(file), bytes).expect("the input is written");
    }
}

fn main() {
    if let Some(folder) = std::env::var_os("TREAD_PEAK_GENERATE") {
        generate(Path::new(&folder));
        return;
    }
    if let Some(file) = std::env::var_os("TREAD_PEAK_READ") {
        read_like_the_reader(Path::new(&file));
        return;
    }
    // `cargo bench` passes `--bench`; a word picks cases by name.
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let folder = tempfile::tempdir().expect("a temporary folder");
    let generated = Command::new(std::env::current_exe().expect("this bench's path"))
        .env("TREAD_PEAK_GENERATE", folder.path())
        .status()
        .expect("the generator runs");
    assert!(generated.success(), "generating the inputs failed");
    println!(
        "{:<36} {:>10} {:>10} {:>6} {:>12} {:>6}",
        "input", "size MiB", "dump MiB", "ratio", "reader MiB", "ratio"
    );
    for (name, file) in CASES {
        if filter.as_deref().is_some_and(|f| !name.contains(f)) {
            continue;
        }
        let file = folder.path().join(file);
        let size = std::fs::metadata(&file).expect("the input is there").len();
        let peak = peak_of_dump(&file);
        let reader = peak_of_reader(&file);
        let mib = |n: u64| n as f64 / f64::from(1 << 20);
        println!(
            "{name:<36} {:>10.1} {:>10.1} {:>6.2} {:>12.1} {:>6.2}",
            mib(size),
            mib(peak),
            peak as f64 / size as f64,
            mib(reader),
            reader as f64 / size as f64
        );
    }
}
