//! The README's screenshots: screens of the reader drawn by the same code
//! as in a terminal, through the TestBackend, as SVG files in `docs/`. A
//! screenshot that no longer matches what the code draws fails here;
//! `TREAD_UPDATE_SCREENSHOTS=1 cargo test --test screenshots` writes them
//! anew.

mod common;

use std::path::PathBuf;

use common::{FIXED_NOW as NOW, app_named, drawn, load_fixture, select_author, svg};
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use tread::app::library::{LibraryItem, LibraryScreen};
use tread::app::{Action, App, Message, PromptKey};
use tread::source::{DEFAULT_MAX_INPUT, InputSource};
use tread::ui::library::{LibraryView, rows_for};

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

/// The demo, opened as a first run opens it.
fn demo() -> App {
    let source = InputSource::Demo;
    let document = source.load(None, DEFAULT_MAX_INPUT).unwrap().document;
    app_named(document, &source.display_name(), WIDTH, HEIGHT)
}

/// `widget` drawn on a screen of `area`, as an SVG picture titled `title`.
fn picture(widget: impl Widget, area: Rect, title: &str) -> String {
    svg::render(drawn(widget, area).backend().buffer(), title)
}

/// Bookmarks what is selected, with `note`.
fn bookmark(app: &mut App, note: &str) {
    app.update(Action::Bookmark);
    for c in note.chars() {
        app.update(Message::Prompt(PromptKey::Char(c)));
    }
    app.update(Message::Prompt(PromptKey::Enter));
}

/// The demo as it opens: the article beside its discussion.
fn side_by_side() -> String {
    let app = demo();
    picture(
        &app,
        app.area,
        "tread: the demo, the article beside its comments",
    )
}

/// A thread folded to its first line, and a reply folded within another.
fn folded_thread() -> String {
    let mut app = demo();
    app.update(Action::FocusNext);
    app.update(Action::ToggleFold);
    app.update(Action::NextComment);
    app.update(Action::NextComment);
    app.update(Action::ToggleFold);
    picture(&app, app.area, "tread: a folded thread")
}

/// The bookmark panel over the reader: a paragraph with a note, a comment.
fn bookmark_panel() -> String {
    let mut app = demo();
    app.update(Action::NextParagraph);
    app.update(Action::NextParagraph);
    bookmark(&mut app, "the cost comparison, for the piece on rail");
    select_author(&mut app, "pieter_vd");
    bookmark(&mut app, "");
    app.update(Action::ShowBookmarks);
    picture(&app, app.area, "tread: the bookmark panel")
}

/// A library entry for one of our fixtures, read `ago` seconds before now.
fn read(name: &str, source: &str, site: &str, ago: i64, bookmarks: usize) -> LibraryItem {
    let document = load_fixture(name);
    LibraryItem {
        key: source.to_string(),
        title: document.title.clone(),
        source: source.to_string(),
        site: site.to_string(),
        comments: document.comments.comment_count(),
        bookmarks,
        read_at: Some(NOW - ago),
    }
}

/// The library a few days of reading leave, the demo read last.
fn library() -> String {
    let demo = demo();
    let mut items = vec![LibraryItem {
        key: "demo".to_string(),
        title: demo.document.title.clone(),
        source: demo.source_name.clone(),
        site: "demo".to_string(),
        comments: demo.document.comments.comment_count(),
        bookmarks: 2,
        read_at: Some(NOW - 90),
    }];
    items.extend([
        read(
            "github-issue.json",
            "https://github.com/example/river/issues/42",
            "github.com",
            3_600 * 3,
            0,
        ),
        read(
            "hn-algolia.json",
            "https://news.ycombinator.com/item?id=100",
            "news.ycombinator.com",
            3_600 * 26,
            1,
        ),
        read(
            "mastodon-thread.json",
            "https://example.social/@ann/100",
            "example.social",
            86_400 * 3,
            0,
        ),
        read(
            "thread.mbox",
            "/home/ann/mail/cafe-hours.mbox",
            "file",
            86_400 * 9,
            3,
        ),
    ]);
    let mut screen = LibraryScreen::new(items);
    screen.rows = rows_for(HEIGHT);
    let view = LibraryView {
        screen: &screen,
        // The theme the reader starts with when the config names none.
        theme: &demo.theme,
        now: NOW,
    };
    picture(view, demo.area, "tread: the library of what was read")
}

/// Where a screenshot is kept.
fn committed(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("docs")
        .join(format!("{name}.svg"))
}

/// Writes the screenshot when asked to; otherwise says whether it matches
/// the committed one. CI always compares: a picture drawn there anew would
/// pass whatever the screen had become.
fn check(name: &str, drawn: &str) {
    let path = committed(name);
    let is = |variable: &str, value: &str| std::env::var(variable).is_ok_and(|v| v == value);
    if is("TREAD_UPDATE_SCREENSHOTS", "1") && !is("CI", "true") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, drawn).unwrap();
        return;
    }
    let kept = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        kept == drawn,
        "{} does not show what the reader draws now; if the change is meant, \
         run `TREAD_UPDATE_SCREENSHOTS=1 cargo test --test screenshots` and commit docs/",
        path.display()
    );
}

#[test]
fn the_demo_side_by_side_matches_its_screenshot() {
    check("demo", &side_by_side());
}

#[test]
fn a_folded_thread_matches_its_screenshot() {
    check("folded-thread", &folded_thread());
}

#[test]
fn the_bookmark_panel_matches_its_screenshot() {
    check("bookmark-panel", &bookmark_panel());
}

#[test]
fn the_library_matches_its_screenshot() {
    check("library", &library());
}

#[test]
fn the_readme_shows_every_screenshot() {
    let readme =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    for name in ["demo", "folded-thread", "bookmark-panel", "library"] {
        assert!(
            readme.contains(&format!("(docs/{name}.svg)")),
            "README.md does not show docs/{name}.svg"
        );
    }
}

#[test]
fn a_screen_that_changes_changes_its_screenshot() {
    let mut app = demo();
    app.update(Action::FocusNext);
    let moved = picture(&app, app.area, "moved");
    let first = picture(&demo(), app.area, "moved");
    assert_ne!(
        moved, first,
        "focusing the comments must show in the picture"
    );
}

#[test]
fn cells_keep_their_columns_colours_and_text() {
    use ratatui::buffer::Buffer;
    use ratatui::style::{Color, Modifier, Style};
    let mut buffer = Buffer::empty(Rect::new(0, 0, 12, 2));
    let bold_red_on_yellow = Style::new()
        .fg(Color::Red)
        .bg(Color::Yellow)
        .add_modifier(Modifier::BOLD);
    buffer.set_string(0, 0, "a<b", bold_red_on_yellow);
    buffer.set_string(4, 0, "日本x", Style::new().fg(Color::Indexed(24)));
    buffer.set_string(1, 1, "&", Style::new().add_modifier(Modifier::REVERSED));
    buffer.set_string(4, 1, "a  b  ", Style::new());
    let picture = svg::render(&buffer, "cells & <colours>");

    assert!(
        picture
            .starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"108\" height=\"36\"")
    );
    assert!(picture.contains("<title>cells &amp; &lt;colours&gt;</title>"));
    // The styled run: its background, its text, bold, in xterm's colours.
    assert!(
        picture.contains("<rect x=\"0\" y=\"0\" width=\"27\" height=\"18\" fill=\"#cdcd00\"/>")
    );
    assert!(picture.contains(
        "<text x=\"0\" y=\"14\" textLength=\"27\" fill=\"#cd0000\" font-weight=\"bold\">a&lt;b</text>"
    ));
    // Each wide character on its own, two cells wide; what follows them
    // starts four cells on, in the 256-colour cube's colour.
    assert!(
        picture.contains("<text x=\"36\" y=\"14\" textLength=\"18\" fill=\"#005f87\">日</text>")
    );
    assert!(
        picture.contains("<text x=\"54\" y=\"14\" textLength=\"18\" fill=\"#005f87\">本</text>")
    );
    assert!(picture.contains("<text x=\"72\" y=\"14\" textLength=\"9\" fill=\"#005f87\">x</text>"));
    // Reversed: the terminal's background as text on its foreground.
    assert!(
        picture.contains("<rect x=\"9\" y=\"18\" width=\"9\" height=\"18\" fill=\"#d0d0d0\"/>")
    );
    assert!(
        picture.contains("<text x=\"9\" y=\"32\" textLength=\"9\" fill=\"#121212\">&amp;</text>")
    );
    // Blanks inside a run stay, as spaces no renderer collapses; at its
    // ends there is nothing to draw.
    assert!(picture.contains(
        "<text x=\"36\" y=\"32\" textLength=\"36\" fill=\"#d0d0d0\">a\u{a0}\u{a0}b</text>"
    ));
    assert!(picture.trim_end().ends_with("</svg>"));
}
