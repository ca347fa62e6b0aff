//! A comment's text behind its content warning: hidden at first, shown by
//! the fold key or by a search that lands in it.

use super::*;

fn mastodon_reader() -> App {
    let json = include_bytes!("../../../tests/fixtures/mastodon-thread.json");
    let document = formats::load(json, Some(Format::Mastodon))
        .unwrap()
        .document;
    let mut app = app_for(document, 100, 30);
    focus_comments(&mut app);
    app
}

#[test]
fn text_behind_a_content_warning_is_hidden_until_the_fold_key_shows_it() {
    let mut app = mastodon_reader();
    assert_eq!(selected(&app), "bo");
    let screen = drawn(&app);
    assert!(screen.contains("CW: boats"), "{screen}");
    assert!(
        screen.contains("[text hidden behind the warning · Space shows it]"),
        "{screen}"
    );
    assert!(!screen.contains("About time."), "{screen}");
    app.update(Action::ToggleFold);
    let screen = drawn(&app);
    assert!(screen.contains("About time."), "{screen}");
    assert!(!screen.contains("text hidden"), "{screen}");
    assert_eq!(visible(&app), ["bo", "cy", "dee"]);
    // Shown, the key folds the replies as on any comment.
    app.update(Action::ToggleFold);
    assert_eq!(visible(&app), ["bo", "dee"]);
}

#[test]
fn a_search_that_lands_behind_a_warning_shows_the_text() {
    let mut app = mastodon_reader();
    let mut pending = PendingKeys::default();
    type_keys(&mut app, &mut pending, "/ t i m e enter");
    assert_eq!(selected(&app), "bo");
    let screen = drawn(&app);
    assert!(screen.contains("About time."), "{screen}");
}

#[test]
fn a_folded_comment_behind_a_warning_previews_the_warning_not_the_text() {
    let mut app = mastodon_reader();
    app.update(Action::FoldAll);
    let screen = drawn(&app);
    let header = screen.lines().position(|l| l.contains("▸ bo")).unwrap();
    let preview = screen.lines().nth(header + 1).unwrap();
    assert!(preview.contains("CW: boats …"), "{screen}");
    assert!(!screen.contains("About time."), "{screen}");
}
