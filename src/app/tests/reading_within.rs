//! `j` / `k` on a comment taller than the pane scroll through it first.

use super::*;

fn long_comment_reader() -> App {
    let filler = "words that fill the lines of a long comment ".repeat(40);
    let text = format!(
        "Title\n\nArticle.\n\n• first\n  short\n• long\n  {filler}the very end.\n• after\n  short too\n"
    );
    let document = formats::load(text.as_bytes(), Some(Format::Text))
        .unwrap()
        .document;
    let mut app = app_for(document, 60, 20);
    focus_comments(&mut app);
    app.update(Action::ToggleZoom);
    app
}

#[test]
fn j_scrolls_through_a_comment_taller_than_the_pane_before_moving_on() {
    let mut app = long_comment_reader();
    app.update(Action::NextComment);
    assert_eq!(selected(&app), "long");
    assert!(!drawn(&app).contains("the very end"));
    assert!(
        drawn(&app).contains("more of this comment"),
        "{}",
        drawn(&app)
    );
    let mut presses = 0;
    while !drawn(&app).contains("the very end") {
        app.update(Action::NextComment);
        assert_eq!(selected(&app), "long", "no line is jumped over");
        presses += 1;
        assert!(presses < 100, "the end never came");
    }
    assert!(presses > 1, "one line at a time");
    app.update(Action::NextComment);
    assert_eq!(selected(&app), "after");
    // k goes back up through it, to its header, then to the one before.
    app.update(Action::PreviousComment);
    assert_eq!(selected(&app), "long");
    let mut presses = 0;
    while app.comments.continues_above() {
        app.update(Action::PreviousComment);
        assert_eq!(selected(&app), "long");
        presses += 1;
        assert!(presses < 100);
    }
    app.update(Action::PreviousComment);
    assert_eq!(selected(&app), "first");
}

#[test]
fn the_visual_hint_in_the_comments_names_the_key_that_extends_there() {
    let mut app = long_comment_reader();
    app.update(Action::VisualSelect);
    let status = drawn(&app).lines().last().unwrap().to_string();
    assert!(status.contains("VISUAL"), "{status}");
    assert!(status.contains("j extend"), "{status}");
    assert!(!status.contains("Ctrl-e"), "{status}");
}
