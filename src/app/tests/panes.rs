//! Documents with one part missing: comments without an article, a page
//! without comments.

use super::*;

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

#[test]
fn a_document_without_comments_gives_the_article_the_whole_screen() {
    let page = "<!doctype html><html><head><title>A page</title></head><body><article>\
        <p>The city council voted on Tuesday to bring the river ferries back, after twenty \
        years without them, and the first boats are to sail in the spring.</p>\
        <p>Three landings are planned, with a boat every twenty minutes.</p></article></body></html>";
    let document = formats::load(page.as_bytes(), None).unwrap().document;
    let mut app = app_for(document, 100, 30);
    let screen = drawn(&app);
    assert!(!screen.contains("Comments"), "{screen}");
    assert!(screen.contains("The city council voted"), "{screen}");
    app.update(Action::FocusNext);
    assert_eq!(app.focus, Pane::Article);
    assert_eq!(
        app.message.as_deref(),
        Some("This document has no comments")
    );
}

#[test]
fn comments_without_an_article_get_the_screen_and_the_focus() {
    let only_comments = FIXTURE.replace(
        "Paragraph one is long enough to wrap over several lines in a narrow pane, which the scrolling tests rely on.\n\nParagraph two.\n\nParagraph three is also rather long so that the article needs more than one screen at small sizes.\n\nParagraph four.\n\nParagraph five.\n\n",
        "",
    );
    let document = formats::load(only_comments.as_bytes(), Some(Format::Text))
        .unwrap()
        .document;
    assert!(document.article.is_empty());
    let mut app = app_for(document, 100, 30);
    assert_eq!(app.focus, Pane::Comments);
    let screen = drawn(&app);
    let lines: Vec<&str> = screen.lines().collect();
    assert!(
        lines[1].contains("none: this document is its comments"),
        "{screen}"
    );
    assert!(lines[2].contains("Comments"), "{screen}");
    app.update(Action::FocusNext);
    assert_eq!(app.focus, Pane::Comments);
    assert_eq!(
        app.message.as_deref(),
        Some("This document has no article, only comments")
    );
    let pane = app.comment_pane();
    assert_eq!((pane.y, pane.width, pane.height), (3, 100, 26));
}
