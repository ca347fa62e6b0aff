//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod hostile;
pub mod server;
pub mod svg;

use std::path::PathBuf;

use tread::document::{BlockKind, Document};
use tread::formats::Format;

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The third-party files in ../shared, beside the checkout, when they are
/// there. A clone on its own has no ../shared: the tests that read it say so
/// on stderr and pass, except under `CI=true`, where a missing folder would
/// let the conformance tests be skipped without anyone noticing.
pub fn shared_folder(test: &str) -> Option<PathBuf> {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if folder.is_dir() {
        return Some(folder);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!(
            "{test}: {} is missing, and CI=true: the conformance tests must run in CI",
            folder.display()
        );
    }
    // Written to the stream itself, not through eprintln!, which the test
    // harness captures: the skip must be seen.
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "{test}: not run: {} is not there (the real third-party exports live beside the checkout)",
        folder.display()
    );
    None
}

/// Loads a file (or a maildir) as `tread` does: through the input source.
pub fn load_path(path: &std::path::Path, format: Option<Format>) -> Document {
    let source = tread::source::InputSource::from_arg(Some(path));
    source
        .load(format, tread::source::DEFAULT_MAX_INPUT)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .document
}

pub fn load_fixture(name: &str) -> Document {
    load_path(&fixture(name), None)
}

/// (depth, author) of every comment in preorder; a stub for replies the
/// file does not hold shows what it says instead.
pub fn tree(document: &Document) -> Vec<(u32, String)> {
    document
        .comments
        .iter()
        .map(|(_, c)| {
            let who = match c.more {
                Some(more) => more.describe(),
                None => c.author.as_deref().unwrap_or_default().to_string(),
            };
            (c.depth, who)
        })
        .collect()
}

pub fn kinds(blocks: &[tread::document::Block]) -> Vec<BlockKind> {
    blocks.iter().map(|b| b.kind).collect()
}

/// The built binary with its data directory at `data` and no user config.
pub fn tread_with_data(data: &std::path::Path) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_tread"));
    command
        .env("TREAD_DATA_DIR", data)
        .env_remove("TREAD_CONFIG");
    command
}

/// The editorial fixture's path, as an argument.
pub fn editorial() -> String {
    fixture("editorial.txt").to_string_lossy().into_owned()
}

/// `tread bookmarks add` on the editorial fixture.
pub fn add_bookmark(data: &std::path::Path, at: &str, note: &str) -> std::process::Output {
    tread_with_data(data)
        .args(["bookmarks", "add", &editorial(), "--at", at, "--note", note])
        .output()
        .unwrap()
}

/// A native document with a reply chain `depth` comments deep.
pub fn deep_chain_json(depth: usize) -> String {
    tread::formats::native::write(&tread::synthetic::chain(depth))
}

/// The moment tests draw at: ages are relative to it, so snapshots and
/// screenshots do not age.
pub const FIXED_NOW: i64 = 1_795_824_000;

/// The reader on `document` at a terminal size, as at start.
pub fn app_for(document: Document, width: u16, height: u16) -> tread::app::App {
    app_named(document, "test", width, height)
}

/// The reader on `document`, opened as `name`, at a terminal size.
pub fn app_named(document: Document, name: &str, width: u16, height: u16) -> tread::app::App {
    let mut app = tread::app::App::new(
        document,
        name.to_string(),
        tread::config::default_keymap(),
        ratatui::layout::Rect::new(0, 0, width, height),
    );
    app.now = FIXED_NOW;
    app.update(tread::app::Message::Resize { width, height });
    app
}

/// Moves to the comments and on to the first comment by `author`.
pub fn select_author(app: &mut tread::app::App, author: &str) {
    app.update(tread::app::Action::FocusNext);
    while app
        .comments
        .selected
        .is_some_and(|id| app.document.comments.get(id).author.as_deref() != Some(author))
    {
        app.update(tread::app::Action::NextComment);
    }
}

/// What the reader draws, as text.
pub fn screen(app: &tread::app::App) -> String {
    drawn(app, app.area).backend().to_string()
}

/// `widget` drawn to a TestBackend of `area`'s size, as the reader draws
/// to the terminal.
pub fn drawn(
    widget: impl ratatui::widgets::Widget,
    area: ratatui::layout::Rect,
) -> ratatui::Terminal<ratatui::backend::TestBackend> {
    let backend = ratatui::backend::TestBackend::new(area.width, area.height);
    let mut terminal = ratatui::Terminal::new(backend).unwrap();
    terminal
        .draw(|frame| frame.render_widget(widget, frame.area()))
        .unwrap();
    terminal
}
