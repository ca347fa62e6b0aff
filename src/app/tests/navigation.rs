//! Moving around: panes, comments, the mouse, jumps and arrangement.

use super::*;

#[test]
fn opens_on_the_article_with_the_first_comment_selected() {
    let app = app();
    assert_eq!(app.focus, Pane::Article);
    assert_eq!(selected(&app), "a");
    assert_eq!(app.article.cursor, 0);
}

#[test]
fn tab_switches_focus_both_ways() {
    let mut app = app();
    app.update(Action::FocusNext);
    assert_eq!(app.focus, Pane::Comments);
    app.update(Action::FocusNext);
    assert_eq!(app.focus, Pane::Article);
}

#[test]
fn next_and_previous_comment_walk_visible_comments() {
    let mut app = app();
    focus_comments(&mut app);
    let mut order = vec![selected(&app).to_string()];
    for _ in 0..7 {
        app.update(Action::NextComment);
        order.push(selected(&app).to_string());
    }
    assert_eq!(order, ["a", "b", "c", "d", "e", "f", "g", "g"]);
    app.update(Action::PreviousComment);
    assert_eq!(selected(&app), "f");
}

#[test]
fn sibling_parent_root_and_thread_moves() {
    let mut app = app();
    focus_comments(&mut app);
    select(&mut app, "b");
    app.update(Action::NextSibling);
    assert_eq!(selected(&app), "d");
    app.update(Action::NextSibling);
    assert_eq!(selected(&app), "d", "no later sibling: stays");
    app.update(Action::PreviousSibling);
    assert_eq!(selected(&app), "b");
    select(&mut app, "c");
    app.update(Action::Parent);
    assert_eq!(selected(&app), "b");
    select(&mut app, "c");
    app.update(Action::ThreadRoot);
    assert_eq!(selected(&app), "a");
    app.update(Action::NextThread);
    assert_eq!(selected(&app), "e");
    app.update(Action::NextThread);
    assert_eq!(selected(&app), "g");
    select(&mut app, "f");
    app.update(Action::PreviousThread);
    assert_eq!(selected(&app), "e", "first to the top of the thread");
    app.update(Action::PreviousThread);
    assert_eq!(selected(&app), "a");
}

#[test]
fn selecting_a_comment_unfolds_its_ancestors_and_scrolls_to_it() {
    let mut app = app_sized(60, 12);
    focus_comments(&mut app);
    app.update(Action::FoldAll);
    select(&mut app, "f");
    assert!(visible(&app).contains(&"f"));
    assert!(selection_on_screen(&app));
    app.update(Action::Bottom);
    assert_eq!(selected(&app), "g");
    assert!(selection_on_screen(&app));
    app.update(Action::Top);
    assert_eq!(selected(&app), "a");
    assert!(selection_on_screen(&app));
}

#[test]
fn moving_down_keeps_the_selection_in_view_with_scrolloff() {
    let mut app = app_sized(60, 12);
    focus_comments(&mut app);
    for _ in 0..6 {
        app.update(Action::NextComment);
        assert!(selection_on_screen(&app), "{}", selected(&app));
    }
    assert_ne!(
        app.comments.top.unwrap().id,
        id(&app, "a"),
        "the pane scrolled"
    );
}

#[test]
fn comment_pane_scrolling_moves_the_top_and_keeps_a_selection_in_view() {
    let mut app = app_sized(60, 12);
    focus_comments(&mut app);
    let before = app.comments.top.unwrap();
    app.update(Action::ScrollDown);
    let after = app.comments.top.unwrap();
    assert_ne!(before, after);
    app.update(Action::PageDown);
    app.update(Action::PageDown);
    app.update(Action::PageDown);
    assert!(selection_on_screen(&app) || app.comments.top.unwrap().line > 0);
    // Paging far past the end stops with the last comment on screen.
    for _ in 0..20 {
        app.update(Action::PageDown);
    }
    let pane = app.comment_pane();
    let env = app.comments_env(pane);
    let last = *app.comments.outline.visible().last().unwrap();
    let shown: Vec<_> = (0..usize::from(pane.height))
        .filter_map(|y| app.comments.line_at(&env, y))
        .collect();
    assert!(shown.iter().any(|p| p.id == last));
    assert_eq!(
        shown.len(),
        usize::from(pane.height),
        "no empty space after the end"
    );
    app.update(Action::HalfPageUp);
    app.update(Action::ScrollUp);
    assert!(app.comments.selected.is_some());
}

#[test]
fn article_scrolls_by_line_half_page_page_and_ends() {
    let mut app = app_sized(60, 12);
    let top = |app: &App| {
        let pane = app.article_pane();
        let layout = app.article_layout(pane);
        app.article.top_line(&app.article_env(&layout, pane))
    };
    assert_eq!(top(&app), 0);
    app.update(Action::ScrollDown);
    assert_eq!(top(&app), 1);
    app.update(Action::ScrollUp);
    assert_eq!(top(&app), 0);
    let page = app.article_pane().height as usize;
    app.update(Action::HalfPageDown);
    assert_eq!(top(&app), page / 2);
    app.update(Action::PageUp);
    assert_eq!(top(&app), 0);
    app.update(Action::PageDown);
    assert_eq!(top(&app), page);
    app.update(Action::Bottom);
    assert_eq!(
        app.article.cursor, 4,
        "the cursor goes to the last paragraph"
    );
    let bottom = top(&app);
    app.update(Action::ScrollDown);
    assert_eq!(top(&app), bottom, "no scrolling past the end");
    app.update(Action::Top);
    assert_eq!((top(&app), app.article.cursor), (0, 0));
}

#[test]
fn the_passage_cursor_moves_by_paragraph_and_follows_scrolling() {
    let mut app = app_sized(60, 12);
    app.update(Action::NextParagraph);
    app.update(Action::NextParagraph);
    assert_eq!(app.article.cursor, 2);
    app.update(Action::PreviousParagraph);
    assert_eq!(app.article.cursor, 1);
    app.update(Action::Top);
    // Scroll until paragraph one leaves the screen: the cursor follows.
    for _ in 0..12 {
        app.update(Action::ScrollDown);
    }
    assert!(app.article.cursor > 0);
    let pane = app.article_pane();
    let layout = app.article_layout(pane);
    let env = app.article_env(&layout, pane);
    let top = app.article.top_line(&env);
    let lines = layout.block_lines(app.article.cursor);
    assert!(lines.end > top && lines.start < top + env.height);
}

#[test]
fn layout_follows_width_until_toggled_and_zoom_shows_one_pane() {
    let mut wide = app_sized(120, 40);
    assert_eq!(wide.arrangement(), Arrangement::SideBySide);
    let narrow = app_sized(80, 24);
    assert_eq!(narrow.arrangement(), Arrangement::Stacked);
    wide.update(Action::ToggleLayout);
    assert_eq!(wide.arrangement(), Arrangement::Stacked);
    wide.update(Action::ToggleLayout);
    assert_eq!(wide.arrangement(), Arrangement::SideBySide);
    wide.update(Action::ToggleZoom);
    let screen = wide.screen();
    assert!(screen.article.is_some() && screen.comments.is_none());
    wide.update(Action::FocusNext);
    let screen = wide.screen();
    assert!(screen.article.is_none() && screen.comments.is_some());
    wide.update(Action::ToggleZoom);
    assert!(wide.screen().article.is_some());
}

#[test]
fn jump_back_returns_to_where_the_last_jump_started() {
    let mut app = app();
    let mut pending = PendingKeys::default();
    focus_comments(&mut app);
    type_keys(&mut app, &mut pending, "j j");
    let b = app.comments.selected;
    type_keys(&mut app, &mut pending, "G");
    assert_eq!(selected_author(&app), "g");
    type_keys(&mut app, &mut pending, "' '");
    assert_eq!(app.comments.selected, b);
    // And back again, as vim's ''.
    type_keys(&mut app, &mut pending, "' '");
    assert_eq!(selected_author(&app), "g");
    // Plain movements are not jumps.
    type_keys(&mut app, &mut pending, "k ctrl-o");
    assert_eq!(app.comments.selected, b);
    // From the article, a search match in the comments, then back.
    type_keys(&mut app, &mut pending, "tab");
    search_for(&mut app, "body f");
    assert_eq!(app.focus, Pane::Comments);
    type_keys(&mut app, &mut pending, "ctrl-o");
    assert_eq!(app.focus, Pane::Article);
}

#[test]
fn resize_keeps_the_selected_comment_and_the_article_paragraph() {
    let mut app = app_sized(120, 40);
    focus_comments(&mut app);
    select(&mut app, "f");
    app.update(Action::FocusNext);
    app.update(Action::NextParagraph);
    app.update(Action::NextParagraph);
    for (width, height) in [(40, 10), (200, 60), (1, 1), (80, 24)] {
        app.update(Message::Resize { width, height });
        assert_eq!(selected(&app), "f");
        assert_eq!(app.article.cursor, 2);
    }
    assert!(selection_on_screen(&app));
}

#[test]
fn mouse_clicks_select_fold_and_place_the_cursor() {
    let mut app = app_sized(120, 40);
    let screen = app.screen();
    let comments = screen.comments.unwrap().body;
    // Row 0 of the pane is a's header; its fold marker follows the branch.
    let env = app.comments_env(comments);
    let marker = env.fold_marker_columns(id(&app, "a"));
    let marker_x = comments.x + COMMENT_GUTTER + marker.start as u16;
    app.update(Message::Click {
        column: comments.x + 10,
        row: comments.y + 3,
    });
    assert_eq!(app.focus, Pane::Comments);
    assert_eq!(
        selected(&app),
        "b",
        "a's header, body and blank line come first"
    );
    app.update(Message::Click {
        column: marker_x,
        row: comments.y,
    });
    assert_eq!(selected(&app), "a");
    assert!(app.comments.outline.is_folded(id(&app, "a")));
    let article = screen.article.unwrap().body;
    let shown = drawn(&app);
    let two = shown
        .lines()
        .position(|l| l.contains("Paragraph two"))
        .unwrap();
    app.update(Message::Click {
        column: article.x + 5,
        row: two as u16,
    });
    assert_eq!(app.focus, Pane::Article);
    assert_eq!(app.article.cursor, 1);
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer() {
    let mut app = app_sized(60, 12);
    let screen = app.screen();
    let comments = screen.comments.unwrap().body;
    let before = app.comments.top;
    app.update(Message::Wheel {
        column: comments.x + 2,
        row: comments.y + 1,
        down: true,
    });
    assert_ne!(app.comments.top, before);
    assert_eq!(
        app.focus,
        Pane::Article,
        "the wheel does not move the focus"
    );
    let article = screen.article.unwrap().body;
    app.update(Message::Wheel {
        column: article.x + 2,
        row: article.y,
        down: true,
    });
    let pane = app.article_pane();
    let layout = app.article_layout(pane);
    assert_eq!(app.article.top_line(&app.article_env(&layout, pane)), 3);
}

#[test]
fn a_top_line_deep_in_a_comment_survives_widening_the_pane() {
    // Regression: the comment pane's top is (comment, line); widening the
    // pane shortens the comment, and counting lines from a top past its new
    // end subtracted with overflow.
    let long = "word ".repeat(400);
    let text = format!(
        "Title\n\nText.\n\n• long\n  {long}\n\n• after\n  Short.\n\n• last\n  Short too.\n"
    );
    let document = formats::load(text.as_bytes(), Some(Format::Text))
        .unwrap()
        .document;
    let mut app = app_for(document, 40, 12);
    app.update(Action::FocusNext);
    // Selecting the next comment scrolls the long one's end into view: the
    // top is a line deep inside it. (`j` would scroll the long one first.)
    app.update(Action::NextSibling);
    let top = app.comments.top.unwrap();
    assert!(top.id == CommentId(0) && top.line > 20, "{top:?}");
    for (width, height) in [(300, 12), (30, 6), (300, 40), (25, 8)] {
        app.update(Message::Resize { width, height });
        for action in [
            Action::NextComment,
            Action::PreviousComment,
            Action::PageDown,
            Action::ScrollUp,
            Action::Bottom,
        ] {
            app.update(action);
            drawn(&app);
        }
    }
    assert!(app.comments.selected.is_some());
}

#[test]
fn the_selected_comments_date_is_shown_in_the_zone_given_at_opening() {
    let mail = include_bytes!("../../../tests/fixtures/thread.mbox");
    let document = formats::load(mail, Some(Format::Mbox)).unwrap().document;
    let mut app = app_for(document, 120, 30);
    app.update(Message::Opened(Box::new(Opened {
        zone: jiff::tz::TimeZone::posix("JST-9").unwrap(),
        ..Opened::default()
    })));
    focus_comments(&mut app);
    let screen = drawn(&app);
    assert!(
        screen.contains("2026-11-02 20:00 JST · comment 1/"),
        "{screen}"
    );
}

#[test]
fn the_comment_an_address_points_at_is_selected_over_the_saved_position() {
    let json = include_bytes!("../../../tests/fixtures/reddit.json");
    let document = formats::load(json, Some(Format::Reddit)).unwrap().document;
    let mut app = app_for(document, 120, 30);
    app.update(Message::Opened(Box::new(Opened {
        position: Some(ReadingPosition {
            focus: Pane::Article,
            article_block: 0,
            article_cursor: 0,
            selected: Some("t1_c1".into()),
            folded: Vec::new(),
            sort: None,
        }),
        focus: Some("t1_c4".into()),
        ..Opened::default()
    })));
    assert_eq!(app.focus, Pane::Comments);
    assert_eq!(selected(&app), "four");
    let mut app = app_for(
        formats::load(json, Some(Format::Reddit)).unwrap().document,
        120,
        30,
    );
    app.update(Message::Opened(Box::new(Opened {
        focus: Some("t1_gone".into()),
        ..Opened::default()
    })));
    assert_eq!(
        app.message.as_deref(),
        Some("The comment the address points at is not in this thread")
    );
}

#[test]
fn a_fresh_copy_replaces_the_document_where_the_reader_was_and_marks_what_it_adds() {
    let mut app = app_sized(100, 30);
    focus_comments(&mut app);
    select(&mut app, "d");
    let e = id(&app, "e");
    app.comments
        .outline
        .set_folded(&app.document.comments, e, true);
    let fresh = format!("{FIXTURE}  • h\n    body h\n");
    let fresh = formats::load(fresh.as_bytes(), Some(Format::Text))
        .unwrap()
        .document;
    app.update(Message::Refreshed(Box::new(fresh)));
    assert_eq!(app.document.comments.len(), 8);
    assert_eq!(selected(&app), "d");
    assert!(app.comments.outline.is_folded(id(&app, "e")));
    let h = id(&app, "h");
    assert!(app.is_new(h));
    assert_eq!(app.unread.len(), 1);
    assert_eq!(app.message.as_deref(), Some("1 new comment · . next new"));
    // A second refresh keeps h new: it was not read.
    let same = app.document.clone();
    app.update(Message::Refreshed(Box::new(same)));
    assert_eq!(app.unread.len(), 1);
    app.update(Message::RefreshFailed(
        "could not connect (offline?)".into(),
    ));
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .contains("this is the kept copy")
    );
}

#[test]
fn a_movement_that_goes_nowhere_says_why() {
    let mut app = app();
    focus_comments(&mut app);
    // a is the first top-level comment: no parent, no earlier thread.
    assert_eq!(selected(&app), "a");
    for (action, said) in [
        (Action::Parent, "A top-level comment: no parent"),
        (Action::PreviousThread, "This is the first thread"),
        (Action::PreviousSibling, "No previous reply at this level"),
        (Action::PreviousComment, "The first comment"),
    ] {
        app.update(action);
        assert_eq!(selected(&app), "a");
        assert_eq!(app.message.as_deref(), Some(said), "{action:?}");
    }
    select(&mut app, "g");
    app.update(Action::NextThread);
    assert_eq!(app.message.as_deref(), Some("This is the last thread"));
    app.update(Action::NextSibling);
    assert_eq!(app.message.as_deref(), Some("No next reply at this level"));
    app.update(Action::NextComment);
    assert_eq!(app.message.as_deref(), Some("The last comment"));
    // A movement that moves says nothing.
    app.update(Action::PreviousThread);
    assert_eq!(selected(&app), "e");
    assert_eq!(app.message, None);
}
