//! Folding and unfolding threads.

use super::*;

#[test]
fn toggle_fold_hides_replies_and_counts_them() {
    let mut app = app();
    focus_comments(&mut app);
    app.update(Action::ToggleFold);
    assert_eq!(visible(&app), ["a", "e", "f", "g"]);
    assert_eq!(app.message.as_deref(), Some("Folded 3 replies"));
    assert_eq!(app.document.comments.descendant_count(id(&app, "a")), 3);
    app.update(Action::NextComment);
    assert_eq!(selected(&app), "e", "folded replies are skipped");
    app.update(Action::PreviousComment);
    app.update(Action::ToggleFold);
    assert_eq!(visible(&app), ["a", "b", "c", "d", "e", "f", "g"]);
}

#[test]
fn h_folds_then_goes_to_parent_and_l_unfolds_then_descends() {
    let mut app = app();
    focus_comments(&mut app);
    select(&mut app, "b");
    app.update(Action::FoldOrParent);
    assert!(app.comments.outline.is_folded(id(&app, "b")));
    assert_eq!(selected(&app), "b");
    app.update(Action::FoldOrParent);
    assert_eq!(
        selected(&app),
        "a",
        "on a folded comment h goes to the parent"
    );
    select(&mut app, "b");
    app.update(Action::UnfoldOrChild);
    assert!(!app.comments.outline.is_folded(id(&app, "b")));
    app.update(Action::UnfoldOrChild);
    assert_eq!(
        selected(&app),
        "c",
        "on an open comment l goes to the first reply"
    );
    app.update(Action::FoldOrParent);
    assert_eq!(selected(&app), "b", "a comment without replies: h goes up");
}

#[test]
fn fold_all_unfold_all_and_levels() {
    let mut app = app();
    focus_comments(&mut app);
    select(&mut app, "c");
    app.update(Action::FoldAll);
    assert_eq!(visible(&app), ["a", "e", "g"]);
    assert_eq!(
        selected(&app),
        "a",
        "the selection moves to the visible ancestor"
    );
    app.update(Action::UnfoldAll);
    assert_eq!(visible(&app), ["a", "b", "c", "d", "e", "f", "g"]);
    app.update(Action::FoldBelow2);
    assert_eq!(visible(&app), ["a", "b", "d", "e", "f", "g"]);
    app.update(Action::FoldBelow1);
    assert_eq!(visible(&app), ["a", "e", "g"]);
    app.update(Action::FoldBelow9);
    assert_eq!(visible(&app), ["a", "b", "c", "d", "e", "f", "g"]);
}

#[test]
fn fold_thread_folds_the_top_level_ancestor_and_selects_it() {
    let mut app = app();
    focus_comments(&mut app);
    select(&mut app, "c");
    app.update(Action::FoldThread);
    assert_eq!(selected(&app), "a");
    assert_eq!(visible(&app), ["a", "e", "f", "g"]);
    assert!(selection_on_screen(&app));
}

#[test]
fn the_fold_key_on_a_stub_asks_for_its_replies() {
    let json = include_bytes!("../../../tests/fixtures/reddit.json");
    let document = formats::load(json, Some(Format::Reddit)).unwrap().document;
    let mut app = app_for(document, 120, 40);
    focus_comments(&mut app);
    let stub = app.document.comments.find_by_key("t1_m1").unwrap();
    app.with_comments(|view, env| view.select(env, stub));
    app.update(Action::ToggleFold);
    assert_eq!(app.message.as_deref(), Some("Fetching the replies…"));
    assert_eq!(app.take_fetch_requests(), ["t1_m1"]);
    assert!(app.take_fetch_requests().is_empty());
    app.update(Message::RepliesFailed("offline".into()));
    assert_eq!(app.message.as_deref(), Some("Replies not fetched: offline"));
}

#[test]
fn a_folded_comment_keeps_its_header_and_the_start_of_its_text() {
    let mut app = app();
    focus_comments(&mut app);
    app.update(Action::ToggleFold);
    let screen = drawn(&app);
    let header = screen.lines().position(|l| l.contains("▸ a")).unwrap();
    let preview = screen.lines().nth(header + 1).unwrap();
    assert!(preview.contains("body a"), "{screen}");
    assert!(!preview.contains('…'), "nothing more to show: {screen}");
    assert!(
        !screen.contains("body b"),
        "the replies are hidden: {screen}"
    );
    let env = app.comments_env(app.comment_pane());
    assert_eq!(app.comments.row_height(&env, id(&app, "a")), 2);
}

#[test]
fn folding_by_depth_shows_each_shown_level_with_its_text() {
    let mut app = app();
    focus_comments(&mut app);
    app.update(Action::FoldBelow1);
    let screen = drawn(&app);
    for text in ["body a", "body e", "body g"] {
        assert!(screen.contains(text), "{text}: {screen}");
    }
    app.update(Action::FoldBelow2);
    let screen = drawn(&app);
    for text in ["body a", "body b", "body d", "body e", "body f"] {
        assert!(screen.contains(text), "{text}: {screen}");
    }
    assert!(!screen.contains("body c"), "{screen}");
}
