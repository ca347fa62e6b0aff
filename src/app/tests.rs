//! `App::update` driven by actions and events, checked on the state.

use super::*;
use crate::formats::{self, Format};
use crate::tui::keys::PendingKeys;

const FIXTURE: &str = "\
Title of the test

Paragraph one is long enough to wrap over several lines in a narrow pane, which the scrolling tests rely on.

Paragraph two.

Paragraph three is also rather long so that the article needs more than one screen at small sizes.

Paragraph four.

Paragraph five.

• a
  body a
  • b
    body b
    • c
      body c
  • d
    body d
• e
  body e
  • f
    body f
• g
  body g
";

fn app_sized(width: u16, height: u16) -> App {
    let document = formats::load(FIXTURE.as_bytes(), Some(Format::Text))
        .unwrap()
        .document;
    app_for(document, width, height)
}

/// The reader on `document` at a terminal size, as at start.
fn app_for(document: Document, width: u16, height: u16) -> App {
    let mut app = App::new(
        document,
        "fixture".into(),
        crate::config::default_keymap(),
        Rect::new(0, 0, width, height),
    );
    app.update(Message::Resize { width, height });
    app
}

fn app() -> App {
    app_sized(100, 30)
}

fn id(app: &App, author: &str) -> CommentId {
    app.document
        .comments
        .iter()
        .find(|(_, c)| c.author.as_deref() == Some(author))
        .map(|(id, _)| id)
        .unwrap()
}

fn selected(app: &App) -> &str {
    let id = app.comments.selected.unwrap();
    app.document.comments.get(id).author.as_deref().unwrap()
}

fn visible(app: &App) -> Vec<&str> {
    app.comments
        .outline
        .visible()
        .iter()
        .map(|&id| app.document.comments.get(id).author.as_deref().unwrap())
        .collect()
}

fn select(app: &mut App, author: &str) {
    let target = id(app, author);
    app.with_comments(|view, env| view.select(env, target));
}

fn focus_comments(app: &mut App) {
    app.update(Action::FocusNext);
    assert_eq!(app.focus, Pane::Comments);
}

/// True when the selected comment's header is on screen in the comment pane.
fn selection_on_screen(app: &App) -> bool {
    let pane = app.comment_pane();
    let env = app.comments_env(pane);
    (0..usize::from(pane.height)).any(|y| {
        app.comments
            .line_at(&env, y)
            .is_some_and(|pos| Some(pos.id) == app.comments.selected && pos.line == 0)
    })
}

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
        let layout = app
            .wrapped
            .article(&app.document, app.article_text_width(pane));
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
    let layout = app
        .wrapped
        .article(&app.document, app.article_text_width(pane));
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
fn help_opens_and_q_closes_it_instead_of_quitting() {
    let mut app = app();
    let mut pending = PendingKeys::default();
    type_keys(&mut app, &mut pending, "?");
    assert!(app.help.is_some());
    assert_eq!(app.key_contexts()[0], Context::Help);
    type_keys(&mut app, &mut pending, "q");
    assert!(app.help.is_none());
    assert!(!app.quit);
    type_keys(&mut app, &mut pending, "q");
    assert!(app.quit);
}

/// Types keys (separated by spaces) through the same path as the terminal.
fn type_keys(app: &mut App, pending: &mut PendingKeys, keys: &str) {
    for key in keys.split(' ') {
        let press = crate::input::keymap::KeyPress::parse(key).unwrap();
        for message in pending.feed(app, press) {
            app.update(message);
        }
    }
}

fn selected_author(app: &App) -> &str {
    let id = app.comments.selected.unwrap();
    app.document.comments.get(id).author.as_deref().unwrap()
}

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

fn search_for(app: &mut App, query: &str) {
    app.update(Action::Search);
    for c in query.chars() {
        app.update(Message::Prompt(PromptKey::Char(c)));
    }
    app.update(Message::Prompt(PromptKey::Enter));
}

#[test]
fn search_walks_both_panes_in_document_order_and_unfolds_matches() {
    let mut app = app();
    focus_comments(&mut app);
    app.update(Action::FoldAll);
    app.update(Action::FocusNext);
    // "paragraph" is in the article 5 times; "body" once in each comment.
    search_for(&mut app, "body c");
    let c = id(&app, "c");
    assert_eq!(app.focus, Pane::Comments);
    assert_eq!(app.comments.selected, Some(c));
    assert!(app.comments.outline.row_of(c).is_some(), "c was unfolded");
    assert_eq!(app.search.as_ref().unwrap().current, Some(0));
    assert_eq!(app.search.as_ref().unwrap().matches.len(), 1);

    app.update(Action::FocusNext);
    search_for(&mut app, "Paragraph");
    assert_eq!(app.focus, Pane::Article);
    assert_eq!(app.article.cursor, 0);
    assert_eq!(app.search.as_ref().unwrap().matches.len(), 5);
    app.update(Action::SearchNext);
    assert_eq!(app.article.cursor, 1);
    app.update(Message::Counted(3, Action::SearchNext));
    assert_eq!(app.article.cursor, 4);
    app.update(Action::SearchNext);
    assert_eq!(app.article.cursor, 0);
    assert_eq!(
        app.message.as_deref(),
        Some("Search went past the end: continued from the top")
    );
    app.update(Action::SearchPrevious);
    assert_eq!(app.article.cursor, 4);

    // Authors match too, and smart case: "B" finds only the author "b"? No:
    // author "b" is lower case, so an upper-case query finds nothing.
    search_for(&mut app, "body");
    assert_eq!(app.search.as_ref().unwrap().matches.len(), 7);
    search_for(&mut app, "Body");
    assert_eq!(app.message.as_deref(), Some("Not found: Body"));
}

#[test]
fn the_search_prompt_recalls_earlier_queries() {
    let mut app = app();
    search_for(&mut app, "body b");
    search_for(&mut app, "Paragraph");
    search_for(&mut app, "body b");
    app.update(Action::Search);
    let shown = |app: &App| app.prompt.as_ref().unwrap().text.clone();
    app.update(Message::Prompt(PromptKey::HistoryBack));
    assert_eq!(shown(&app), "body b");
    app.update(Message::Prompt(PromptKey::HistoryBack));
    assert_eq!(shown(&app), "Paragraph");
    app.update(Message::Prompt(PromptKey::HistoryBack));
    assert_eq!(shown(&app), "Paragraph", "the oldest stays");
    app.update(Message::Prompt(PromptKey::HistoryForward));
    assert_eq!(shown(&app), "body b");
    app.update(Message::Prompt(PromptKey::HistoryForward));
    assert_eq!(shown(&app), "");
    // An empty query repeats the last search.
    app.update(Message::Prompt(PromptKey::Enter));
    assert_eq!(app.search.as_ref().unwrap().query, "body b");
    // Spaces are part of a query.
    search_for(&mut app, " b");
    assert_eq!(app.search.as_ref().unwrap().query, " b");
    assert_eq!(app.search.as_ref().unwrap().matches.len(), 1);
}

#[test]
fn regex_search_toggles_in_the_prompt_and_reports_bad_patterns() {
    let mut app = app();
    app.update(Action::Search);
    app.update(Message::Prompt(PromptKey::ToggleRegex));
    for c in "body [bd]".chars() {
        app.update(Message::Prompt(PromptKey::Char(c)));
    }
    app.update(Message::Prompt(PromptKey::Enter));
    let search = app.search.as_ref().unwrap();
    assert!(search.regex);
    assert_eq!(search.matches.len(), 2);
    app.update(Action::Search);
    for c in "(unclosed".chars() {
        app.update(Message::Prompt(PromptKey::Char(c)));
    }
    app.update(Message::Prompt(PromptKey::Enter));
    let message = app.message.clone().unwrap();
    assert!(message.starts_with("Invalid regex:"), "{message}");
    assert!(app.prompt.is_none());
    // The prompt opens in the mode last used, even after a bad pattern.
    app.update(Action::Search);
    assert!(app.prompt_is_regex());
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
    app.update(Message::Click {
        column: article.x + 5,
        row: article.y + 4,
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
    let layout = app
        .wrapped
        .article(&app.document, app.article_text_width(pane));
    assert_eq!(app.article.top_line(&app.article_env(&layout, pane)), 3);
}

#[test]
fn a_document_without_comments_keeps_the_focus_on_the_article() {
    let document = formats::load(b"Only an article\n\nText.", None)
        .unwrap()
        .document;
    let mut app = app_for(document, 80, 24);
    app.update(Action::FocusNext);
    assert_eq!(app.focus, Pane::Article);
    assert!(app.message.is_some());
    app.update(Action::NextComment);
}

mod bookmarks {
    use super::*;
    use crate::app::{Effect, PromptKey};

    fn type_text(app: &mut App, text: &str) {
        for c in text.chars() {
            app.update(Message::Prompt(PromptKey::Char(c)));
        }
    }

    fn saved(app: &App) -> Vec<&crate::bookmarks::Bookmark> {
        app.effects
            .iter()
            .filter_map(|e| match e {
                Effect::SaveBookmark(b) => Some(b),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn b_on_the_article_asks_for_a_note_and_saves_the_paragraph() {
        let mut app = app();
        app.update(Action::NextParagraph);
        app.update(Action::Bookmark);
        assert!(app.prompt.is_some());
        type_text(&mut app, "worth it");
        app.update(Message::Prompt(PromptKey::Enter));
        assert!(app.prompt.is_none());
        let saved = saved(&app);
        assert_eq!(saved.len(), 1);
        assert_eq!(saved[0].note.as_deref(), Some("worth it"));
        assert_eq!(saved[0].excerpt, "Paragraph two.");
        assert!(app.marks.article.contains(&1));
        assert_eq!(app.bookmarks.len(), 1);
    }

    #[test]
    fn esc_saves_without_a_note() {
        let mut app = app();
        app.update(Action::Bookmark);
        type_text(&mut app, "abandoned");
        app.update(Message::Prompt(PromptKey::Esc));
        assert_eq!(saved(&app)[0].note, None);
    }

    #[test]
    fn the_prompt_edits_like_a_line_editor() {
        let mut app = app();
        app.update(Action::Bookmark);
        type_text(&mut app, "helo");
        app.update(Message::Prompt(PromptKey::Left));
        app.update(Message::Prompt(PromptKey::Char('l')));
        assert_eq!(app.prompt.as_ref().unwrap().text, "hello");
        app.update(Message::Prompt(PromptKey::End));
        app.update(Message::Prompt(PromptKey::Backspace));
        app.update(Message::Prompt(PromptKey::Paste(" wor\nld 日本".into())));
        assert_eq!(app.prompt.as_ref().unwrap().text, "hell wor ld 日本");
        app.update(Message::Prompt(PromptKey::Home));
        app.update(Message::Prompt(PromptKey::Delete));
        app.update(Message::Prompt(PromptKey::Right));
        app.update(Message::Prompt(PromptKey::ClearToStart));
        assert_eq!(app.prompt.as_ref().unwrap().text, "ll wor ld 日本");
        assert_eq!(app.prompt.as_ref().unwrap().cursor, 0);
    }

    #[test]
    fn b_on_a_comment_bookmarks_it_by_its_id() {
        let mut app = app();
        focus_comments(&mut app);
        select(&mut app, "c");
        app.update(Action::Bookmark);
        app.update(Message::Prompt(PromptKey::Enter));
        let saved = saved(&app);
        assert!(
            matches!(&saved[0].target, crate::bookmarks::Target::Comment { id, .. } if id == "3")
        );
        assert!(app.marks.comments.contains(&id(&app, "c")));
    }

    #[test]
    fn the_panel_jumps_deletes_undoes_and_edits_notes() {
        let mut app = app_sized(60, 12);
        focus_comments(&mut app);
        select(&mut app, "f");
        app.update(Action::Bookmark);
        app.update(Message::Prompt(PromptKey::Enter));
        app.update(Action::FocusNext);
        app.update(Action::Bookmark);
        app.update(Message::Prompt(PromptKey::Enter));
        app.effects.clear();

        // Jump from the panel: folded ancestors open, the pane gets the focus.
        app.update(Action::FoldAll);
        app.update(Action::ShowBookmarks);
        assert_eq!(app.key_contexts()[0], Context::Bookmarks);
        app.update(Action::OpenSelected);
        assert!(app.panel.is_none());
        assert_eq!(app.focus, Pane::Comments);
        assert_eq!(selected(&app), "f");
        assert!(selection_on_screen(&app));

        app.update(Action::ShowBookmarks);
        app.update(Action::SelectNext);
        app.update(Action::DeleteSelected);
        assert_eq!(app.bookmarks.len(), 1);
        assert!(matches!(
            app.effects.last(),
            Some(Effect::DeleteBookmark(_))
        ));
        app.update(Action::UndoDelete);
        assert_eq!(app.bookmarks.len(), 2);
        assert!(matches!(app.effects.last(), Some(Effect::SaveBookmark(_))));

        app.update(Action::SelectPrevious);
        app.update(Action::EditNote);
        type_text(&mut app, "new note");
        app.update(Message::Prompt(PromptKey::Enter));
        assert!(
            matches!(app.effects.last(), Some(Effect::SetNote { note: Some(n), .. }) if n == "new note")
        );
        assert_eq!(app.bookmarks[0].note.as_deref(), Some("new note"));
        app.update(Action::CloseOverlay);
        assert!(app.panel.is_none());
    }

    #[test]
    fn next_and_previous_bookmark_follow_the_document_and_wrap() {
        let mut app = app();
        for paragraph in [3, 1] {
            app.update(Action::Top);
            for _ in 0..paragraph {
                app.update(Action::NextParagraph);
            }
            app.update(Action::Bookmark);
            app.update(Message::Prompt(PromptKey::Enter));
        }
        focus_comments(&mut app);
        select(&mut app, "d");
        app.update(Action::Bookmark);
        app.update(Message::Prompt(PromptKey::Enter));
        app.update(Action::FocusNext);
        app.update(Action::Top);
        app.update(Action::NextBookmark);
        assert_eq!((app.focus, app.article.cursor), (Pane::Article, 1));
        app.update(Action::NextBookmark);
        assert_eq!(app.article.cursor, 3);
        app.update(Action::NextBookmark);
        assert_eq!((app.focus, selected(&app)), (Pane::Comments, "d"));
        app.update(Action::NextBookmark);
        assert_eq!((app.focus, app.article.cursor), (Pane::Article, 1), "wraps");
        app.update(Action::PreviousBookmark);
        assert_eq!(
            (app.focus, selected(&app)),
            (Pane::Comments, "d"),
            "wraps back"
        );
    }

    #[test]
    fn a_passage_gone_from_the_file_is_reported_not_dropped() {
        let mut app = app();
        let other = formats::load(b"Other\n\nText that is not here.", None)
            .unwrap()
            .document;
        let mut bookmark = crate::bookmarks::make(
            &other,
            None,
            crate::bookmarks::Target::Article { block: 0 },
            None,
            None,
            0,
        )
        .unwrap();
        bookmark.document = app.doc_key.clone();
        app.set_bookmarks(vec![bookmark.clone()]);
        assert_eq!(app.bookmarks.len(), 1);
        assert!(
            app.marks.missing.contains(&bookmark.id),
            "listed as not found"
        );
        app.jump_to(&bookmark);
        assert!(
            app.message
                .as_deref()
                .unwrap()
                .contains("not found in this version")
        );
    }

    #[test]
    fn quitting_saves_the_position_and_restoring_brings_it_back() {
        let mut app = app_sized(60, 12);
        app.update(Action::NextParagraph);
        app.update(Action::NextParagraph);
        focus_comments(&mut app);
        select(&mut app, "b");
        app.update(Action::ToggleFold);
        app.update(Action::Quit);
        assert!(app.quit);
        let Some((key, position)) = app.effects.iter().find_map(|effect| match effect {
            Effect::SavePosition { key, position } => Some((key.clone(), position.clone())),
            _ => None,
        }) else {
            panic!("no position saved");
        };
        assert_eq!(key, app.doc_key);
        assert_eq!(position.folded, ["2"]);

        let mut again = app_sized(60, 12);
        again.restore(&position);
        again.update(Message::Resize {
            width: 60,
            height: 12,
        });
        assert_eq!(again.focus, Pane::Comments);
        assert_eq!(selected(&again), "b");
        assert!(again.comments.outline.is_folded(id(&again, "b")));
        assert_eq!(again.article.cursor, 2);
    }
}

#[test]
fn visual_selection_bookmarks_exactly_the_selected_lines_across_paragraphs() {
    use crate::app::{Effect, PromptKey};
    let mut app = app_sized(60, 20);
    app.update(Action::VisualSelect);
    assert!(app.article.visual.is_some());
    // Paragraph one takes two lines at this width: a line down reaches its
    // end, and } the end of the next paragraph.
    app.update(Action::ScrollDown);
    app.update(Action::NextParagraph);
    assert_eq!(app.article.cursor, 1, "the cursor follows the selection");
    app.update(Action::Bookmark);
    assert!(app.article.visual.is_none());
    app.update(Message::Prompt(PromptKey::Enter));
    let Some(Effect::SaveBookmark(bookmark)) = app.effects.last() else {
        panic!("nothing saved");
    };
    assert_eq!(bookmark.last_block, Some(1));
    assert!(bookmark.excerpt.starts_with("Paragraph one is long"));
    assert!(bookmark.excerpt.ends_with("\n\nParagraph two."));
    assert!(app.marks.article.contains(&0) && app.marks.article.contains(&1));

    // Esc ends a selection without bookmarking.
    app.update(Action::VisualSelect);
    app.update(Action::CloseOverlay);
    assert!(app.article.visual.is_none());
}

#[test]
fn visual_selection_inside_a_comment_bookmarks_those_lines() {
    use crate::app::{Effect, PromptKey};
    let text =
        "T\n\nA.\n\n• ann\n  First paragraph of ann.\n\n  Second paragraph of ann.\n\n  Third.\n";
    let document = formats::load(text.as_bytes(), None).unwrap().document;
    let mut app = app_for(document, 100, 30);
    focus_comments(&mut app);
    app.update(Action::VisualSelect);
    assert_eq!(app.comments.visual, Some((0, 0)));
    // } to the end of the next paragraph, j/k by line within the body.
    app.update(Action::NextThread);
    assert_eq!(app.comments.visual, Some((0, 2)));
    app.update(Action::NextComment);
    app.update(Action::PreviousComment);
    assert_eq!(
        app.comments.visual,
        Some((0, 2)),
        "j and k extend instead of moving"
    );
    assert_eq!(selected(&app), "ann");
    app.update(Action::Bookmark);
    app.update(Message::Prompt(PromptKey::Enter));
    let Some(Effect::SaveBookmark(bookmark)) = app.effects.last() else {
        panic!("nothing saved");
    };
    assert_eq!(
        bookmark.excerpt,
        "First paragraph of ann.\n\nSecond paragraph of ann."
    );
    assert!(
        matches!(&bookmark.target, crate::bookmarks::Target::Comment { id, block: 0 } if id == "1")
    );
    assert_eq!(bookmark.last_block, Some(1));
    assert!(app.comments.visual.is_none());
}

#[test]
fn o_lists_links_and_opens_or_copies_only_web_links() {
    use crate::app::Effect;
    let text = "T\n\nSee https://example.com/page, and more.\n\n• ann\n  Two links: https://a.example/x and mailto:no@example.com plus javascript:alert(1)\n";
    let document = formats::load(text.as_bytes(), None).unwrap().document;
    let mut app = app_for(document, 100, 30);
    app.update(Action::ShowLinks);
    let overlay = app.links.as_ref().unwrap();
    assert_eq!(overlay.links.len(), 1);
    assert_eq!(overlay.links[0].url, "https://example.com/page");
    assert_eq!(app.key_contexts()[0], Context::Links);
    app.update(Action::OpenLink1);
    assert!(app.links.is_none());
    assert_eq!(
        app.effects.last(),
        Some(&Effect::OpenUrl("https://example.com/page".into()))
    );

    app.update(Action::FocusNext);
    app.update(Action::ShowLinks);
    assert_eq!(
        app.links.as_ref().unwrap().links.len(),
        1,
        "bare mailto and javascript are not URLs here"
    );
    app.update(Action::CopyLink);
    assert_eq!(
        app.effects.last(),
        Some(&Effect::CopyToClipboard("https://a.example/x".into()))
    );

    // A marked-up link with a scheme we do not open is refused.
    let mut block = crate::document::Block::paragraph("x");
    block.set_links(vec![crate::document::Link {
        text: "x".into(),
        url: "file:///etc/passwd".into(),
    }]);
    app.links = Some(crate::app::links::LinksOverlay {
        links: block.all_links(),
        selected: 0,
    });
    let before = app.effects.len();
    app.update(Action::OpenSelected);
    assert_eq!(app.effects.len(), before);
    assert!(app.message.as_deref().unwrap().starts_with("Not opened"));
}

#[test]
fn copy_link_copies_only_what_open_would_open() {
    let document = formats::load(b"Title\n\nText.\n", Some(Format::Text))
        .unwrap()
        .document;
    let mut app = app_for(document, 80, 24);
    for url in [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "https://example.com/\nrm -rf ~",
    ] {
        app.links = Some(crate::app::links::LinksOverlay {
            links: vec![crate::document::Link {
                text: "x".into(),
                url: url.into(),
            }],
            selected: 0,
        });
        let before = app.effects.len();
        app.update(Action::CopyLink);
        assert_eq!(app.effects.len(), before, "{url:?} was copied");
        assert!(
            app.message.as_deref().unwrap().starts_with("Not copied"),
            "{url:?}"
        );
    }
}

fn drawn(app: &App) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(
        app.area.width,
        app.area.height,
    ))
    .unwrap();
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .unwrap();
    terminal.backend().to_string()
}

#[test]
fn a_match_deep_in_a_long_paragraph_or_comment_is_scrolled_into_view() {
    let filler = "words that fill the lines ".repeat(60);
    let text = format!(
        "Title\n\n{filler}needle-article at the end.\n\n• someone\n  {filler}needle-comment at the end.\n"
    );
    let document = formats::load(text.as_bytes(), Some(Format::Text))
        .unwrap()
        .document;
    let mut app = app_for(document, 60, 20);
    search_for(&mut app, "needle-article");
    assert!(drawn(&app).contains("needle-article"), "{}", drawn(&app));
    search_for(&mut app, "needle-comment");
    assert_eq!(app.focus, Pane::Comments);
    assert!(drawn(&app).contains("needle-comment"), "{}", drawn(&app));
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
    // top is a line deep inside it.
    app.update(Action::NextComment);
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
fn a_huge_last_block_from_disk_marks_only_the_article_there_is() {
    let document = formats::load(b"Title\n\nOne.\n\nTwo.\n", Some(Format::Text))
        .unwrap()
        .document;
    let mut app = app_for(document, 80, 24);
    let mut bookmark = crate::bookmarks::make(
        &app.document,
        None,
        crate::bookmarks::Target::Article { block: 0 },
        None,
        None,
        0,
    )
    .unwrap();
    for last in [usize::MAX, 400_000_000] {
        bookmark.last_block = Some(last);
        app.set_bookmarks(vec![bookmark.clone()]);
        assert_eq!(app.marks.article.len(), 2, "{last}");
        assert!(bookmark.location().contains("paragraphs 1–"));
    }
}
