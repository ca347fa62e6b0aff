//! A link post's article: fetched as the thread opens, shown under the
//! link, bookmarked, fetched again, kept across a fresh copy of the thread.

use super::*;
use crate::app::linked_article::{ArticleOffer, LinkedArticle};
use crate::document::Block;

const LINK: &str = "https://paper.example/ferries";

fn link_post() -> Document {
    let text = format!("Ferries are back\n\n{LINK}\n\n• ann\n  body a\n• bob\n  body b\n");
    formats::load(text.as_bytes(), Some(Format::Text))
        .unwrap()
        .document
}

fn page(paragraphs: &[&str]) -> Box<Document> {
    Box::new(Document {
        title: "Ferries return".into(),
        author: Some("Ann Example".into()),
        article: paragraphs.iter().map(|p| Block::paragraph(*p)).collect(),
        ..Document::default()
    })
}

fn opened_with(app: &mut App, fetch_now: bool, kept: Option<Box<Document>>) {
    let offer = ArticleOffer {
        address: LINK.into(),
        fetch_now,
        kept,
    };
    app.update(Message::Opened(Box::new(Opened {
        article: Some(offer),
        ..Opened::default()
    })));
}

fn arrives(app: &mut App, page: Box<Document>) {
    app.update(Message::ArticleFetched {
        address: LINK.into(),
        page,
    });
}

fn article_text(app: &App) -> Vec<&str> {
    app.document
        .article
        .iter()
        .map(|b| b.text.as_str())
        .collect()
}

#[test]
fn a_link_post_fetches_its_article_and_the_comments_work_meanwhile() {
    let mut app = app_for(link_post(), 120, 30);
    opened_with(&mut app, true, None);
    assert_eq!(app.take_article_requests(), [LINK]);
    assert!(
        drawn(&app).contains("Fetching article from paper.example…"),
        "{}",
        drawn(&app)
    );
    focus_comments(&mut app);
    app.update(Action::NextComment);
    assert_eq!(selected(&app), "bob");
    arrives(&mut app, page(&["The council voted.", "Three landings."]));
    assert_eq!(
        article_text(&app),
        [
            LINK,
            "Ferries return",
            "Ann Example",
            "The council voted.",
            "Three landings."
        ]
    );
    let screen = drawn(&app);
    assert!(
        screen.contains("Three landings.") && !screen.contains("Fetching"),
        "{screen}"
    );
    // The reader stayed where it was.
    assert_eq!(selected(&app), "bob");
    assert_eq!(app.focus, Pane::Comments);
}

#[test]
fn a_bookmark_in_the_article_finds_its_passage_after_a_fetch_that_changed_the_page() {
    let mut app = app_for(link_post(), 120, 30);
    opened_with(&mut app, true, None);
    assert_eq!(app.take_article_requests(), [LINK]);
    arrives(
        &mut app,
        page(&["First.", "The passage worth keeping.", "Last."]),
    );
    let block = article_text(&app)
        .iter()
        .position(|t| t.starts_with("The passage"))
        .unwrap();
    // Bookmarked as a user does, with `b` and a note.
    app.article.cursor = block;
    app.update(Action::Bookmark);
    app.update(Message::Prompt(PromptKey::Char('x')));
    app.update(Message::Prompt(PromptKey::Enter));
    let Some(Effect::SaveBookmark(bookmark)) = app.effects.pop() else {
        panic!("no bookmark saved: {:?}", app.effects);
    };
    assert_eq!(bookmark.document, app.doc_key);
    app.update(Message::BookmarksLoaded(vec![bookmark]));
    assert!(app.marks.article.contains(&block));
    // Fetched again: a paragraph came in before it.
    app.update(Action::FetchArticle);
    assert_eq!(app.take_article_requests(), [LINK]);
    arrives(
        &mut app,
        page(&[
            "First.",
            "A correction.",
            "The passage worth keeping.",
            "Last.",
        ]),
    );
    assert!(app.marks.article.contains(&(block + 1)), "{:?}", app.marks);
    assert!(!app.marks.article.contains(&block));
}

#[test]
fn a_failure_says_why_under_the_link_and_the_key_tries_again() {
    let mut app = app_for(link_post(), 120, 30);
    opened_with(&mut app, true, None);
    assert_eq!(app.take_article_requests(), [LINK]);
    // Asked again while on its way: one fetch.
    app.update(Action::FetchArticle);
    assert!(app.take_article_requests().is_empty());
    app.update(Message::ArticleFailed {
        address: LINK.into(),
        why: "paper.example/ferries is not a web page: a PDF, 2.3 MB".into(),
    });
    let note = app.article_note().unwrap();
    assert!(
        note.starts_with(
            "Article not fetched: paper.example/ferries is not a web page: a PDF, 2.3 MB"
        ),
        "{note}"
    );
    assert!(
        note.contains("o lists the link") && note.contains("A tries again"),
        "{note}"
    );
    assert!(drawn(&app).contains("Article not fetched"));
    app.update(Action::FetchArticle);
    assert!(matches!(app.linked_article, LinkedArticle::Fetching { .. }));
    assert_eq!(app.take_article_requests(), [LINK]);
    // An answer for another address (a fetch made before) is not this one's.
    app.update(Message::ArticleFetched {
        address: "https://elsewhere.example/".into(),
        page: page(&["Other."]),
    });
    assert_eq!(article_text(&app), [LINK]);
}

#[test]
fn with_fetching_turned_off_the_key_fetches() {
    let mut app = app_for(link_post(), 120, 30);
    opened_with(&mut app, false, None);
    assert!(app.take_article_requests().is_empty());
    assert_eq!(
        app.article_note().as_deref(),
        Some("A fetches the linked article")
    );
    let mut pending = PendingKeys::default();
    type_keys(&mut app, &mut pending, "A");
    assert_eq!(app.take_article_requests(), [LINK]);
}

#[test]
fn a_kept_article_shows_at_once_and_stays_through_a_fresh_copy_of_the_thread() {
    let mut app = app_for(link_post(), 120, 30);
    opened_with(&mut app, true, Some(page(&["Kept text."])));
    assert!(app.take_article_requests().is_empty());
    assert_eq!(app.article_note(), None);
    assert!(article_text(&app).contains(&"Kept text."));
    app.update(Message::Refreshed(Box::new(link_post())));
    assert!(
        article_text(&app).contains(&"Kept text."),
        "{:?}",
        article_text(&app)
    );
}

#[test]
fn the_place_in_the_article_is_put_back_when_it_arrives() {
    let mut app = app_for(link_post(), 120, 30);
    let position = ReadingPosition {
        focus: Pane::Article,
        article_block: 0,
        article_cursor: 4,
        selected: None,
        folded: Vec::new(),
        sort: None,
    };
    app.update(Message::Opened(Box::new(Opened {
        position: Some(position),
        article: Some(ArticleOffer {
            address: LINK.into(),
            fetch_now: true,
            kept: None,
        }),
        ..Opened::default()
    })));
    assert_eq!(app.article.cursor, 0);
    arrives(&mut app, page(&["One.", "Two.", "Three."]));
    assert_eq!(app.article.cursor, 4);
    assert_eq!(article_text(&app)[4], "Two.");
}

#[test]
fn a_post_with_text_has_no_article_to_fetch() {
    let mut app = app();
    app.update(Action::FetchArticle);
    assert!(app.take_article_requests().is_empty());
    assert!(app.message.as_deref().unwrap().contains("not a link post"));
}
