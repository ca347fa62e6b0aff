//! Code is chopped, not wrapped, and `<` / `>` scroll it sideways.

use super::*;

const LONG: &str = "let answer = compute_the_answer(first_argument, second_argument, third_argument_at_the_far_end);";

fn code_reader() -> App {
    let json = format!(
        r#"{{"tread": 1, "title": "Title", "article": [
            {{"kind": "paragraph", "text": "The code:"}},
            {{"kind": "code", "text": "{LONG}\nshort();"}},
            {{"kind": "paragraph", "text": "After."}}],
          "comments": [{{"id": "a", "author": "ann", "body": [
            {{"kind": "paragraph", "text": "See:"}}, {{"kind": "code", "text": "{LONG}"}}]}}]}}"#
    );
    let document = formats::load(json.as_bytes(), None).unwrap().document;
    assert!(
        document
            .article
            .iter()
            .any(|b| b.kind == crate::document::BlockKind::Code),
        "{:?}",
        document.article
    );
    app_for(document, 60, 30)
}

#[test]
fn a_code_line_wider_than_the_pane_is_chopped_with_a_marker_and_scrolls_sideways() {
    let mut app = code_reader();
    let screen = drawn(&app);
    let line = screen.lines().find(|l| l.contains("let answer")).unwrap();
    assert!(line.trim_end().ends_with("›\""), "{screen}");
    assert!(
        !screen.contains("third_argument_at_the_far_end"),
        "{screen}"
    );
    assert!(
        screen.contains("short();"),
        "a short line is whole: {screen}"
    );
    app.update(Action::ScrollCodeRight);
    app.update(Action::ScrollCodeRight);
    let screen = drawn(&app);
    let line = screen.lines().find(|l| l.contains("‹")).unwrap();
    assert!(line.contains("far_end);"), "{screen}");
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .contains("columns to the right")
    );
    app.update(Action::ScrollCodeRight);
    assert_eq!(app.message.as_deref(), Some("The code's right edge"));
    app.update(Action::ScrollCodeLeft);
    app.update(Action::ScrollCodeLeft);
    app.update(Action::ScrollCodeLeft);
    assert_eq!(app.code_offset(Pane::Article), 0);
    assert!(drawn(&app).contains("let answer"));
}

#[test]
fn the_comment_pane_scrolls_its_own_code() {
    let mut app = code_reader();
    focus_comments(&mut app);
    app.update(Action::ScrollCodeRight);
    assert!(app.code_offset(Pane::Comments) > 0);
    assert_eq!(app.code_offset(Pane::Article), 0);
    let screen = drawn(&app);
    assert!(screen.contains("‹"), "{screen}");
}
