//! Keys as typed: counts, sequences and their timeouts, through the
//! pending keys the event loop keeps.

use super::*;

#[test]
fn counts_repeat_movements_and_gg_g_go_to_the_ends() {
    let mut app = app();
    let mut pending = PendingKeys::default();
    focus_comments(&mut app);
    type_keys(&mut app, &mut pending, "3 j");
    assert_eq!(selected_author(&app), "d");
    type_keys(&mut app, &mut pending, "G");
    assert_eq!(selected_author(&app), "g");
    type_keys(&mut app, &mut pending, "g g");
    assert_eq!(selected_author(&app), "a");
    // A count before a sibling move; a two-digit count stops at the end.
    type_keys(&mut app, &mut pending, "2 ]");
    assert_eq!(selected_author(&app), "g");
    type_keys(&mut app, &mut pending, "g g 1 2 j");
    assert_eq!(selected_author(&app), "g");
    // As vim's 5G and 2gg: go to that comment.
    type_keys(&mut app, &mut pending, "5 G");
    assert_eq!(selected_author(&app), "e");
    type_keys(&mut app, &mut pending, "2 g g");
    assert_eq!(selected_author(&app), "b");
    type_keys(&mut app, &mut pending, "' '");
    assert_eq!(selected_author(&app), "e", "a numbered go is a jump");
    // In the article, counts scroll by lines and paragraphs.
    type_keys(&mut app, &mut pending, "tab 3 }");
    assert_eq!(app.article.cursor, 3);
    type_keys(&mut app, &mut pending, "2 G");
    assert_eq!(app.article.cursor, 1);
}

#[test]
fn a_users_key_that_begins_a_default_sequence_runs_after_the_timeout_or_another_key() {
    let config = crate::config::Config::from_toml("[keys]\nhelp = [\"g\"]\n", "test").unwrap();
    let mut app = app();
    app.keymap = config.keymap;
    let mut pending = PendingKeys::default();
    focus_comments(&mut app);
    let g = crate::input::keymap::KeyPress::parse("g").unwrap();
    let start = std::time::Instant::now();
    // `g` begins the comment pane's `g g`: it waits, then means `help`.
    assert!(pending.feed_at(&app, g, start).is_empty());
    assert!(pending.expire(&app, start).is_empty());
    assert_eq!(
        pending.deadline(),
        Some(start + crate::tui::keys::COUNT_TIMEOUT)
    );
    let messages = pending.expire(&app, start + crate::tui::keys::COUNT_TIMEOUT);
    assert_eq!(messages, [Message::Action(Action::Help)]);
    assert_eq!(pending.typed(), "");
    // `g g` still goes to the top; `g` then another key runs both.
    type_keys(&mut app, &mut pending, "G g g");
    assert_eq!(selected_author(&app), "a");
    assert!(pending.feed_at(&app, g, start).is_empty());
    let j = crate::input::keymap::KeyPress::parse("j").unwrap();
    assert_eq!(
        pending.feed_at(&app, j, start),
        [
            Message::Action(Action::Help),
            Message::Action(Action::NextComment)
        ]
    );
}

#[test]
fn a_lone_digit_still_folds_to_its_level_after_the_timeout_or_another_key() {
    let mut app = app();
    let mut pending = PendingKeys::default();
    focus_comments(&mut app);
    let start = std::time::Instant::now();
    let one = crate::input::keymap::KeyPress::parse("1").unwrap();
    assert!(pending.feed_at(&app, one, start).is_empty());
    assert_eq!(pending.count(), Some(1));
    assert_eq!(pending.typed(), "1");
    // The status bar shows what is typed, as vim does.
    app.update(Message::Typed(pending.typed()));
    let status = drawn(&app).lines().last().unwrap().to_string();
    assert!(status.contains(" 1 · comment"), "{status}");
    assert!(pending.expire(&app, start).is_empty());
    let later = start + crate::tui::keys::COUNT_TIMEOUT;
    for message in pending.expire(&app, later) {
        app.update(message);
    }
    assert!(app.comments.outline.is_folded(id(&app, "a")));
    assert_eq!(pending.count(), None);
    // Followed by a key that takes no count: the digit's binding, then the key.
    type_keys(&mut app, &mut pending, "E 2 tab");
    assert!(!app.comments.outline.is_folded(id(&app, "a")));
    assert!(app.comments.outline.is_folded(id(&app, "b")));
    assert_eq!(app.focus, Pane::Article);
    // Esc drops a count.
    type_keys(&mut app, &mut pending, "tab E 1 esc");
    assert!(!app.comments.outline.is_folded(id(&app, "a")));
}
