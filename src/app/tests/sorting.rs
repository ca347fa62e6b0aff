//! S: replies in another order, the reader staying where it is, the order
//! kept with the reading position.

use super::*;

fn story_reader() -> App {
    let json = include_bytes!("../../../tests/fixtures/story.json");
    let document = formats::load(json, None).unwrap().document;
    app_for(document, 100, 30)
}

#[test]
fn s_cycles_the_order_of_replies_and_keeps_the_selection() {
    let mut app = story_reader();
    focus_comments(&mut app);
    select(&mut app, "second_reader");
    assert_eq!(visible(&app), ["first_reader", "maker", "second_reader"]);
    app.update(Action::SortComments);
    assert_eq!(app.message.as_deref(), Some("Replies oldest first"));
    assert_eq!(visible(&app), ["first_reader", "maker", "second_reader"]);
    app.update(Action::SortComments);
    assert_eq!(app.message.as_deref(), Some("Replies newest first"));
    assert_eq!(visible(&app), ["second_reader", "first_reader", "maker"]);
    assert_eq!(
        selected(&app),
        "second_reader",
        "the reader stays on its comment"
    );
    app.update(Action::SortComments);
    assert_eq!(app.message.as_deref(), Some("Replies highest score first"));
    assert_eq!(visible(&app)[0], "first_reader", "12 points before none");
    assert_eq!(app.position().sort.as_deref(), Some("score"));
    app.update(Action::SortComments);
    assert_eq!(
        app.message.as_deref(),
        Some("Replies as the source gave them")
    );
    assert_eq!(visible(&app), ["first_reader", "maker", "second_reader"]);
    assert_eq!(app.position().sort, None);
}

#[test]
fn the_saved_order_is_put_back_when_the_document_opens() {
    let mut app = story_reader();
    focus_comments(&mut app);
    app.update(Action::SortComments);
    app.update(Action::SortComments);
    select(&mut app, "maker");
    let position = app.position();
    let mut again = story_reader();
    again.update(Message::Opened(Box::new(Opened {
        position: Some(position),
        ..Opened::default()
    })));
    assert_eq!(visible(&again), ["second_reader", "first_reader", "maker"]);
    assert_eq!(selected(&again), "maker");
}
