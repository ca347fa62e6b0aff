//! `App::update` driven by actions and events, checked on the state: one
//! file per behaviour, sharing the reader built here.

mod bookmark_panel;
mod bookmarks;
mod code;
mod folding;
mod help;
mod jumps;
mod keys;
mod linked_article;
mod navigation;
mod new_comments;
mod outside;
mod overlays;
mod panes;
mod reading_within;
mod search;
mod sorting;
mod story;
mod warnings;

use super::*;
pub(crate) use crate::input::keymap::Context;
// Typing goes through the event loop's pending keys, as a user's does.
use crate::formats::{self, Format};
pub(crate) use crate::tui::keys::PendingKeys;

pub(crate) const FIXTURE: &str = "\
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

pub(crate) fn app_sized(width: u16, height: u16) -> App {
    let document = formats::load(FIXTURE.as_bytes(), Some(Format::Text))
        .unwrap()
        .document;
    app_for(document, width, height)
}

/// The reader on `document` at a terminal size, as at start.
pub(crate) fn app_for(document: Document, width: u16, height: u16) -> App {
    let mut app = App::new(
        document,
        "fixture".into(),
        crate::config::default_keymap(),
        Rect::new(0, 0, width, height),
    );
    app.update(Message::Resize { width, height });
    app
}

pub(crate) fn app() -> App {
    app_sized(100, 30)
}

pub(crate) fn id(app: &App, author: &str) -> CommentId {
    app.document
        .comments
        .iter()
        .find(|(_, c)| c.author.as_deref() == Some(author))
        .map(|(id, _)| id)
        .unwrap()
}

pub(crate) fn selected(app: &App) -> &str {
    let id = app.comments.selected.unwrap();
    app.document.comments.get(id).author.as_deref().unwrap()
}

pub(crate) fn visible(app: &App) -> Vec<&str> {
    app.comments
        .outline
        .visible()
        .iter()
        .map(|&id| app.document.comments.get(id).author.as_deref().unwrap())
        .collect()
}

pub(crate) fn select(app: &mut App, author: &str) {
    let target = id(app, author);
    app.with_comments(|view, env| view.select(env, target));
}

pub(crate) fn focus_comments(app: &mut App) {
    app.update(Action::FocusNext);
    assert_eq!(app.focus, Pane::Comments);
}

/// True when the selected comment's header is on screen in the comment pane.
pub(crate) fn selection_on_screen(app: &App) -> bool {
    let pane = app.comment_pane();
    let env = app.comments_env(pane);
    (0..usize::from(pane.height)).any(|y| {
        app.comments
            .line_at(&env, y)
            .is_some_and(|pos| Some(pos.id) == app.comments.selected && pos.line == 0)
    })
}

/// The screen as text.
pub(crate) fn drawn(app: &App) -> String {
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

pub(crate) fn type_keys(app: &mut App, pending: &mut PendingKeys, keys: &str) {
    for key in keys.split(' ') {
        let press = crate::input::keymap::KeyPress::parse(key).unwrap();
        for message in pending.feed(app, press) {
            app.update(message);
        }
    }
}

pub(crate) fn selected_author(app: &App) -> &str {
    let id = app.comments.selected.unwrap();
    app.document.comments.get(id).author.as_deref().unwrap()
}

pub(crate) fn search_for(app: &mut App, query: &str) {
    app.update(Action::Search);
    for c in query.chars() {
        app.update(Message::Prompt(PromptKey::Char(c)));
    }
    app.update(Message::Prompt(PromptKey::Enter));
}
