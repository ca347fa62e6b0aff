//! Whole screens of the reader, drawn to ratatui's TestBackend and compared
//! with insta snapshots (review changes with `cargo insta review`).

mod common;

use common::{app_for, screen, select_author};

use tread::app::{Action, App};
use tread::formats;
use tread::source::DEMO;

fn demo(width: u16, height: u16) -> App {
    let document = formats::load(DEMO.as_bytes(), None).unwrap().document;
    app_for(document, width, height)
}

#[test]
fn demo_80x24() {
    insta::assert_snapshot!(screen(&demo(80, 24)));
}

#[test]
fn demo_120x40() {
    insta::assert_snapshot!(screen(&demo(120, 40)));
}

#[test]
fn demo_200x60() {
    insta::assert_snapshot!(screen(&demo(200, 60)));
}

#[test]
fn folded_thread() {
    let mut app = demo(120, 40);
    app.update(Action::FocusNext);
    app.update(Action::ToggleFold);
    app.update(Action::NextComment);
    app.update(Action::NextComment);
    app.update(Action::ToggleFold);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn help_overlay() {
    let mut app = demo(100, 60);
    app.update(Action::Help);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn cjk_and_emoji_comment() {
    let mut app = demo(80, 24);
    select_author(&mut app, "田中ゆき");
    app.update(Action::ToggleZoom);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn twenty_deep_thread() {
    let mut document = tread::synthetic::chain(20);
    document.title = "A twenty-deep thread".to_string();
    let mut app = app_for(document, 80, 24);
    app.update(Action::FocusNext);
    app.update(Action::ToggleZoom);
    for _ in 0..17 {
        app.update(Action::NextComment);
    }
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn small_30x8() {
    insta::assert_snapshot!(screen(&demo(30, 8)));
}

#[test]
fn too_small_12x3() {
    insta::assert_snapshot!(screen(&demo(12, 3)));
}

#[test]
fn metadata_in_headers() {
    let document = formats::load(
        &std::fs::read(common::fixture("native-nested.json")).unwrap(),
        None,
    )
    .unwrap()
    .document;
    let mut app = app_for(document, 100, 20);
    app.update(Action::FocusNext);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn any_size_draws_without_panicking() {
    for width in [1, 2, 5, 19, 20, 21, 33, 64, 119, 120, 121, 250] {
        for height in [1, 2, 5, 6, 7, 13, 50] {
            let mut app = demo(width, height);
            screen(&app);
            app.update(Action::FocusNext);
            app.update(Action::Bottom);
            app.update(Action::ToggleZoom);
            screen(&app);
        }
    }
}

/// The sizes the reading-comfort screens are checked at.
const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (40, 10)];

fn story(width: u16, height: u16) -> App {
    let json = std::fs::read(common::fixture("story.json")).unwrap();
    let document = formats::load(&json, None).unwrap().document;
    app_for(document, width, height)
}

#[test]
fn the_article_with_its_title_and_story_header() {
    for (width, height) in SIZES {
        insta::assert_snapshot!(
            format!("story_header_{width}x{height}"),
            screen(&story(width, height))
        );
    }
}

#[test]
fn a_code_block_chopped_with_its_marker_and_scrolled() {
    for (width, height) in SIZES {
        let mut app = story(width, height);
        app.update(Action::NextParagraph);
        app.update(Action::ScrollCodeRight);
        insta::assert_snapshot!(format!("code_chopped_{width}x{height}"), screen(&app));
    }
}

#[test]
fn folded_threads_show_their_first_lines() {
    for (width, height) in SIZES {
        let mut app = demo(width, height);
        app.update(Action::FocusNext);
        app.update(Action::FoldAll);
        insta::assert_snapshot!(format!("folded_first_lines_{width}x{height}"), screen(&app));
    }
}

#[test]
fn the_help_at_every_size() {
    for (width, height) in SIZES.into_iter().chain([(200, 60)]) {
        let mut app = demo(width, height);
        app.update(Action::Help);
        insta::assert_snapshot!(format!("help_{width}x{height}"), screen(&app));
    }
}

#[test]
fn the_bookmark_panel_at_every_size() {
    for (width, height) in SIZES {
        let mut app = demo(width, height);
        app.update(Action::Bookmark);
        app.update(tread::app::Message::Prompt(tread::app::PromptKey::Enter));
        select_author(&mut app, "pieter_vd");
        app.update(Action::Bookmark);
        app.update(tread::app::Message::Prompt(tread::app::PromptKey::Enter));
        app.update(Action::ShowBookmarks);
        insta::assert_snapshot!(format!("bookmark_panel_{width}x{height}"), screen(&app));
    }
}
