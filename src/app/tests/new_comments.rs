//! Comments new since the last visit: marked for the session, walked by `.` and `,`.

use super::*;

#[test]
fn new_comments_keep_their_marks_and_dot_and_comma_walk_all_of_them_both_ways() {
    let mut app = app();
    let seen: std::collections::BTreeSet<String> = app
        .document
        .comments
        .iter()
        .filter(|(_, c)| !matches!(c.author.as_deref(), Some("b" | "d" | "f")))
        .map(|(_, c)| c.key.to_string())
        .collect();
    app.set_seen(Some(&seen));
    app.update(Action::NextNew);
    assert_eq!(selected(&app), "b");
    assert_eq!(app.message.as_deref(), Some("First new comment (1/3)"));
    app.update(Action::NextNew);
    assert_eq!(selected(&app), "d");
    assert_eq!(app.message.as_deref(), Some("New comment 2/3"));
    app.update(Action::NextNew);
    assert_eq!(selected(&app), "f");
    assert_eq!(app.message.as_deref(), Some("Last new comment (3/3)"));
    assert!(app.unread.is_empty(), "all three were read");
    // Read, they stay marked and walkable, back and around.
    assert!(app.is_new(id(&app, "b")) && !app.is_unread(id(&app, "b")));
    app.update(Action::PreviousNew);
    assert_eq!(selected(&app), "d");
    app.update(Action::PreviousNew);
    app.update(Action::PreviousNew);
    assert_eq!(selected(&app), "f");
    assert_eq!(
        app.message.as_deref(),
        Some("Wrapped to the last new comment (3/3)")
    );
    app.update(Action::NextNew);
    assert_eq!(selected(&app), "b");
    assert_eq!(
        app.message.as_deref(),
        Some("Wrapped to the first new comment (1/3)")
    );
    let screen = drawn(&app);
    assert_eq!(screen.matches("● ").count(), 3, "{screen}");
}
