//! The title and story header at the top of the article pane, the title bar
//! cut to keep its counts, and the title found by search.

use super::*;

fn hn_reader(width: u16, height: u16) -> App {
    let json = include_bytes!("../../../tests/fixtures/hn-algolia.json");
    let document = formats::load(json, None).unwrap().document;
    app_for(document, width, height)
}

#[test]
fn the_article_pane_opens_with_the_title_and_all_the_story_header_carries() {
    let app = hn_reader(120, 40);
    let screen = drawn(&app);
    let lines: Vec<&str> = screen.lines().collect();
    assert!(lines[2].contains("Ask tread: reading threads"), "{screen}");
    let header = lines[3..5].join(" ");
    for part in [
        "by asker",
        "42 points",
        "news.ycombinator.com",
        &format!("{} comments", app.document.comments.comment_count()),
    ] {
        assert!(header.contains(part), "{part}: {screen}");
    }
    assert!(
        lines[6].contains("Ask: how do you read long threads?"),
        "{screen}"
    );
}

#[test]
fn a_long_title_wraps_in_the_pane_and_is_cut_with_an_ellipsis_in_the_title_bar() {
    let mut app = hn_reader(60, 24);
    app.document.title = "A title far too long for any title bar of a terminal this narrow".into();
    app.wrapped.forget_article();
    let screen = drawn(&app);
    let bar = screen.lines().next().unwrap();
    assert!(bar.contains("…"), "{screen}");
    let count = app.document.comments.comment_count();
    assert!(bar.contains(&format!("{count} comments")), "{screen}");
    assert!(
        screen.contains("A title far too long for any title bar"),
        "{screen}"
    );
    assert!(
        screen.contains("   this narrow"),
        "the whole title: {screen}"
    );
}

#[test]
fn search_finds_the_title_and_goes_to_the_top_of_the_article() {
    let mut app = hn_reader(120, 40);
    focus_comments(&mut app);
    search_for(&mut app, "reading threads");
    assert_eq!(
        app.focus,
        Pane::Article,
        "{:?} {:?}",
        app.message,
        app.search.as_ref().map(|s| &s.query)
    );
    let search = app.search.as_ref().unwrap();
    let current = &search.matches[search.current.unwrap()];
    assert_eq!(current.place.part, crate::app::search::Part::Title);
}
