//! The bookmark list: document order, entries named by place, excerpts
//! over two lines, hints that work there, and every document's bookmarks.

use super::*;

use crate::app::PromptKey;

/// A bookmark of the selected comment (or the cursor's paragraph), made
/// with the keys.
fn bookmark_here(app: &mut App) {
    app.update(Action::Bookmark);
    app.update(Message::Prompt(PromptKey::Enter));
}

#[test]
fn entries_follow_the_document_and_name_comments_by_author_and_place() {
    let mut app = app_sized(100, 30);
    focus_comments(&mut app);
    select(&mut app, "c");
    bookmark_here(&mut app);
    select(&mut app, "a");
    bookmark_here(&mut app);
    app.update(Action::FocusNext);
    bookmark_here(&mut app);
    app.update(Action::ShowBookmarks);
    let entries = app.panel_entries(false);
    let places: Vec<String> = entries
        .iter()
        .map(|&e| app.bookmark_place(app.panel_bookmark(e)))
        .collect();
    assert_eq!(
        places,
        [
            "article paragraph 1",
            "a · top-level comment",
            "c · reply to b"
        ]
    );
    let screen = drawn(&app);
    assert!(screen.contains("c · reply to b"), "{screen}");
    assert!(!screen.contains("comment 3"), "{screen}");
    let status = screen.lines().last().unwrap();
    assert!(
        status.contains("BOOKMARKS") && status.contains("Enter go"),
        "{status}"
    );
    assert!(status.contains("Tab all documents"), "{status}");
    assert!(!status.contains("? help"), "{status}");
}

#[test]
fn a_long_excerpt_takes_two_lines_and_ends_in_an_ellipsis() {
    let mut app = app_sized(60, 30);
    bookmark_here(&mut app);
    app.update(Action::ShowBookmarks);
    let screen = drawn(&app);
    let lines: Vec<&str> = screen.lines().collect();
    let first = lines
        .iter()
        .position(|l| l.contains("Paragraph one is long"))
        .unwrap();
    assert!(lines[first + 1].contains("…"), "{screen}");
    assert!(!lines[first + 2].contains("tests rely on"), "{screen}");
}

#[test]
fn tab_lists_every_documents_bookmarks_and_enter_opens_another_document() {
    let mut app = app();
    bookmark_here(&mut app);
    let mut other = app.bookmarks[0].clone();
    other.id = "elsewhere".into();
    other.document = "https://example.org/other-thread".into();
    other.title = "Another thread".into();
    other.path = None;
    let mut from_stdin = other.clone();
    from_stdin.id = "stdin".into();
    from_stdin.document = "fnv1a:0000".into();
    from_stdin.title = "Read from a pipe".into();
    let mine = app.bookmarks.clone();
    app.set_bookmarks(mine.into_iter().chain([other, from_stdin]).collect());
    assert_eq!(app.bookmarks.len(), 1, "the others are not this document's");
    app.update(Action::ShowBookmarks);
    assert_eq!(app.panel_entries(false).len(), 1);
    app.update(Action::FocusNext);
    assert!(app.bookmark_panel().unwrap().all);
    assert_eq!(app.panel_entries(true).len(), 3);
    let screen = drawn(&app);
    assert!(
        screen.contains("Another thread · article paragraph 1"),
        "{screen}"
    );
    // The others come after this document's, by title.
    app.update(Action::SelectNext);
    app.update(Action::SelectNext);
    app.update(Action::OpenSelected);
    assert_eq!(
        app.message.as_deref(),
        Some("Not known where that document is: it was read from stdin")
    );
    app.update(Action::SelectPrevious);
    app.update(Action::OpenSelected);
    assert_eq!(
        app.open_other.as_deref(),
        Some("https://example.org/other-thread")
    );
    assert!(app.quit, "the reader leaves for it, saving its place");
}
