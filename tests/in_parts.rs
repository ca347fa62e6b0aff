//! A large file opened in parts, as the reader opens it: the preview of its
//! first megabyte on screen at once, the rest arriving as messages from the
//! thread that reads it, each taken by `App::update` while keys work on
//! what has come.

mod common;

use std::collections::BTreeSet;
use std::io::Write;

use tread::app::{Action, App, Message, Opened, Pane, PromptKey, ReadingPosition};
use tread::bookmarks::{Bookmark, Resolved, Target};
use tread::document::Document;
use tread::formats::native;
use tread::opening::{self, InParts};
use tread::source::InputSource;
use tread::synthetic;

/// Comments enough for a file past the size read in parts (about 6 MB).
const COMMENTS: usize = 10_000;

struct InPartsReader {
    app: App,
    parts: InParts,
    whole: Document,
    _file: tempfile::NamedTempFile,
}

/// `bytes` written to a file and opened in parts; the reader on its start.
fn open_bytes(bytes: &[u8], whole: Document) -> InPartsReader {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(bytes).unwrap();
    let source = InputSource::File(file.path().to_path_buf());
    let parts = opening::open(&source, None, u64::MAX)
        .unwrap()
        .expect("a large file opens in parts");
    let mut app = common::app_for(parts.loaded.document.clone(), 120, 40);
    app.loading = Some(parts.loading.clone());
    InPartsReader {
        app,
        parts,
        whole,
        _file: file,
    }
}

fn open_thread() -> InPartsReader {
    let whole = synthetic::discussion(COMMENTS);
    open_bytes(native::write(&whole).as_bytes(), whole)
}

impl InPartsReader {
    /// The next message from the thread that reads the rest.
    fn next(&mut self) -> Option<Message> {
        self.parts.rest.recv().ok()
    }

    /// Takes the next batch of comments; false when the rest has all come.
    fn take_batch(&mut self) -> bool {
        match self.next() {
            Some(message) => {
                let more = matches!(message, Message::Arrived { .. });
                self.app.update(message);
                more
            }
            None => false,
        }
    }

    fn take_all(&mut self) {
        while let Some(message) = self.next() {
            self.app.update(message);
        }
    }

    fn key_at(&self, index: usize) -> String {
        self.whole
            .comments
            .iter()
            .nth(index)
            .unwrap()
            .1
            .key
            .to_string()
    }

    fn selected_key(&self) -> String {
        let id = self.app.comments.selected.unwrap();
        self.app.document.comments.get(id).key.to_string()
    }
}

#[test]
fn keys_work_on_what_has_arrived_and_counts_say_they_are_not_final() {
    let mut opened = open_thread();
    let shown = opened.app.document.comments.len();
    assert!(shown > 0 && shown < COMMENTS, "a start of {shown} comments");
    assert_eq!(opened.app.document.title, opened.whole.title);
    let screen = common::screen(&opened.app);
    assert!(screen.contains(&format!("{shown}… comments")), "{screen}");
    assert!(screen.contains("Loading"), "{screen}");
    // Moving and folding work before anything else has come.
    let app = &mut opened.app;
    app.update(Action::FocusNext);
    app.update(Action::NextComment);
    assert_eq!(app.comments.selected.unwrap().0, 1);
    app.update(Action::ToggleFold);
    assert!(opened.take_batch());
    let app = &opened.app;
    assert!(app.document.comments.len() > shown);
    assert!(
        app.comments
            .outline
            .is_folded(app.comments.selected.unwrap())
    );
    assert!(
        common::screen(app).contains("comment 2/"),
        "the selection stayed"
    );
    opened.take_all();
    let app = &opened.app;
    assert!(!app.is_loading());
    assert_eq!(app.document.comments, opened.whole.comments);
    let screen = common::screen(app);
    assert!(
        !screen.contains("… comments") && !screen.contains("Loading"),
        "{screen}"
    );
    assert!(screen.contains(&format!("{COMMENTS} comments")), "{screen}");
}

#[test]
fn g_follows_the_end_as_it_arrives_until_another_key() {
    let mut opened = open_thread();
    opened.app.update(Action::FocusNext);
    opened.app.update(Action::Bottom);
    let last = |opened: &InPartsReader| opened.app.document.comments.len() - 1;
    assert_eq!(opened.app.comments.selected.unwrap().index(), last(&opened));
    assert!(opened.take_batch());
    assert_eq!(
        opened.app.comments.selected.unwrap().index(),
        last(&opened),
        "G follows the end"
    );
    opened.app.update(Action::PreviousComment);
    let here = opened.app.comments.selected;
    assert!(opened.take_batch());
    assert_eq!(opened.app.comments.selected, here, "k stops following");
}

#[test]
fn a_search_covers_what_has_arrived_and_goes_on_with_the_rest() {
    let mut opened = open_thread();
    let app = &mut opened.app;
    app.update(Action::Search);
    for c in "user".chars() {
        app.update(Message::Prompt(PromptKey::Char(c)));
    }
    app.update(Message::Prompt(PromptKey::Enter));
    let first = app.search.as_ref().unwrap().matches.len();
    assert!(first > 0);
    assert!(common::screen(app).contains("…"), "the count is not final");
    opened.take_all();
    let search = opened.app.search.as_ref().unwrap();
    assert!(
        search.matches.len() > first,
        "later comments are searched too"
    );
    let screen = common::screen(&opened.app);
    let status = screen.lines().last().unwrap();
    assert!(status.contains("match 1/"), "{status}");
    assert!(!status.contains('…'), "the count is final: {status}");
}

#[test]
fn the_saved_position_and_a_bookmark_apply_when_their_comment_arrives() {
    let mut opened = open_thread();
    let late = opened.key_at(COMMENTS - 10);
    let late_parent = opened
        .whole
        .comments
        .iter()
        .rev()
        .find(|(_, c)| c.has_replies())
        .map(|(_, c)| c.key.to_string())
        .unwrap();
    let excerpt = opened
        .whole
        .comments
        .iter()
        .nth(COMMENTS - 20)
        .unwrap()
        .1
        .body[0]
        .text
        .chars()
        .take(30)
        .collect::<String>();
    let bookmark = Bookmark {
        id: "b1".into(),
        document: opened.app.doc_key.clone(),
        title: "t".into(),
        path: None,
        target: Target::Comment {
            id: opened.key_at(COMMENTS - 20),
            block: 0,
        },
        range: (0, 30),
        last_block: None,
        excerpt,
        note: None,
        created: 0,
        unknown: Default::default(),
    };
    opened.app.update(Message::Opened(Box::new(Opened {
        bookmarks: vec![bookmark],
        position: Some(ReadingPosition {
            focus: Pane::Comments,
            article_block: 0,
            article_cursor: 0,
            selected: Some(late.clone()),
            folded: vec![late_parent.clone()],
            sort: None,
        }),
        seen: Some(BTreeSet::new()),
        ..Opened::default()
    })));
    assert_ne!(opened.selected_key(), late, "not arrived yet");
    assert_eq!(opened.app.marks.places["b1"], Resolved::NotFound);
    opened.take_all();
    let app = &opened.app;
    assert_eq!(opened.selected_key(), late);
    assert_eq!(app.focus, Pane::Comments);
    let folded = app.document.comments.find_by_key(&late_parent).unwrap();
    assert!(app.comments.outline.is_folded(folded));
    assert!(matches!(app.marks.places["b1"], Resolved::Comment { .. }));
    // Seen on no earlier visit: every comment is new, those that came late too.
    assert_eq!(
        app.new_comments.len(),
        app.document.comments.comment_count()
    );
}

#[test]
fn an_error_late_in_the_file_stays_in_the_status_bar_with_what_arrived() {
    let whole = synthetic::discussion(COMMENTS);
    let mut bytes = native::write(&whole).into_bytes();
    // A download cut short at four fifths.
    bytes.truncate(bytes.len() * 4 / 5);
    let mut opened = open_bytes(&bytes, whole);
    opened.take_all();
    let app = &mut opened.app;
    assert!(!app.is_loading());
    let arrived = app.document.comments.len();
    assert!(arrived > COMMENTS / 2, "what arrived stays: {arrived}");
    let status = |app: &App| common::screen(app).lines().last().unwrap().to_string();
    assert!(
        status(app).contains("Loading stopped at"),
        "{}",
        status(app)
    );
    assert!(status(app).contains("EOF while parsing"), "{}", status(app));
    app.update(Action::FocusNext);
    app.update(Action::NextComment);
    assert!(status(app).contains("Loading stopped at"), "a key keeps it");
}

#[test]
fn the_comments_seen_before_may_come_after_the_first_batches() {
    let mut opened = open_thread();
    assert!(opened.take_batch());
    let seen: BTreeSet<String> = (0..5).map(|i| opened.key_at(i)).collect();
    opened.app.update(Message::SeenLoaded(Some(seen)));
    let arrived = opened.app.document.comments.comment_count();
    assert_eq!(opened.app.new_comments.len(), arrived - 5);
    opened.take_all();
    let app = &opened.app;
    assert_eq!(
        app.new_comments.len(),
        app.document.comments.comment_count() - 5
    );
}
