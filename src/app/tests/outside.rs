//! O, Y, | and e: the selected text or address handed outside, as effects.

use super::*;

use crate::app::{Effect, PromptKey};

fn hn_reader() -> App {
    let json = include_bytes!("../../../tests/fixtures/hn-algolia.json");
    let document = formats::load(json, None).unwrap().document;
    app_for(document, 120, 40)
}

#[test]
fn o_opens_the_comments_permalink_or_the_discussion() {
    let mut app = hn_reader();
    app.update(Action::OpenInBrowser);
    assert_eq!(
        app.effects.last(),
        Some(&Effect::OpenUrl(
            "https://news.ycombinator.com/item?id=100".into()
        ))
    );
    focus_comments(&mut app);
    let key = app
        .document
        .comments
        .get(app.comments.selected.unwrap())
        .key
        .to_string();
    app.update(Action::OpenInBrowser);
    assert_eq!(
        app.effects.last(),
        Some(&Effect::OpenUrl(format!(
            "https://news.ycombinator.com/item?id={key}"
        )))
    );
}

#[test]
fn y_copies_the_selected_comment_and_pipe_and_page_hand_it_on() {
    let mut app = app();
    focus_comments(&mut app);
    app.update(Action::CopyText);
    assert_eq!(
        app.effects.last(),
        Some(&Effect::CopyToClipboard("body a".into()))
    );
    app.update(Action::PageText);
    assert_eq!(app.effects.last(), Some(&Effect::Page("body a".into())));
    app.update(Action::PipeText);
    assert!(app.prompt().is_some());
    for c in "wc -w".chars() {
        app.update(Message::Prompt(PromptKey::Char(c)));
    }
    app.update(Message::Prompt(PromptKey::Enter));
    assert_eq!(
        app.effects.last(),
        Some(&Effect::Pipe {
            command: "wc -w".into(),
            text: "body a".into()
        })
    );
    // In the article: the paragraph under the cursor.
    app.update(Action::FocusNext);
    app.update(Action::CopyText);
    assert!(matches!(
        app.effects.last(),
        Some(Effect::CopyToClipboard(text)) if text.starts_with("Paragraph one")
    ));
}
