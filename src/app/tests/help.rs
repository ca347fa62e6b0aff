//! The help: laid out to the screen, scrolled within its length, searched.

use super::*;

fn help_at(width: u16, height: u16) -> App {
    let mut app = app_sized(width, height);
    app.update(Action::Help);
    app
}

#[test]
fn a_wide_screen_shows_the_help_in_two_columns_and_nothing_is_cut() {
    let app = help_at(200, 60);
    assert_eq!(app.help_layout().columns.len(), 2);
    let screen = drawn(&app);
    let first = screen.lines().find(|l| l.contains("Everywhere")).unwrap();
    assert!(
        first.matches("│").count() >= 2 && first.contains("  "),
        "{screen}"
    );
    let narrow = drawn(&help_at(80, 24));
    // A description too long for the box goes on under itself.
    assert!(narrow.contains("the article pane "), "{narrow}");
    assert!(narrow.contains("   (again)"), "{narrow}");
}

#[test]
fn the_help_lists_the_prompt_visual_mode_and_counts() {
    let app = help_at(100, 30);
    let words: String = app
        .help_layout()
        .columns
        .iter()
        .flatten()
        .map(|line| line.text() + "\n")
        .collect();
    for wanted in [
        "Bookmark list",
        "Link list",
        "Search and note prompt",
        "Ctrl-r",
        "Visual selection",
        "Counts",
    ] {
        assert!(words.contains(wanted), "{wanted}: {words}");
    }
}

#[test]
fn scrolling_stops_at_the_end_and_g_keys_go_to_the_ends() {
    let mut app = help_at(80, 24);
    app.update(Action::Bottom);
    let bottom = app.help_scroll().unwrap();
    assert!(bottom > 0);
    app.update(Action::ScrollDown);
    assert_eq!(app.help_scroll(), Some(bottom), "no scrolling past the end");
    app.update(Action::ScrollUp);
    assert_eq!(app.help_scroll(), Some(bottom - 1));
    app.update(Action::Top);
    assert_eq!(app.help_scroll(), Some(0));
}

#[test]
fn slash_searches_the_help_and_n_goes_on() {
    let mut app = help_at(80, 24);
    app.update(Action::Search);
    assert!(app.prompt().is_some());
    for c in "fold".chars() {
        app.update(Message::Prompt(PromptKey::Char(c)));
    }
    app.update(Message::Prompt(PromptKey::Enter));
    assert!(app.prompt().is_none());
    let first = app.help_scroll().expect("the help is open again");
    assert!(first > 0, "scrolled to the match");
    assert!(drawn(&app).contains("fold"), "{}", drawn(&app));
    app.update(Action::SearchNext);
    let second = app.help_scroll().unwrap();
    assert_ne!(first, second, "{:?}", app.message);
    app.update(Action::CloseOverlay);
    assert!(app.help_scroll().is_none());
}
