//! Bookmarks, notes, the list, and the reading position.

use super::*;

use crate::app::{Effect, PromptKey};

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Message::Prompt(PromptKey::Char(c)));
    }
}

fn saved(app: &App) -> Vec<&crate::bookmarks::Bookmark> {
    app.effects
        .iter()
        .filter_map(|e| match e {
            Effect::SaveBookmark(b) => Some(b),
            _ => None,
        })
        .collect()
}

#[test]
fn b_on_the_article_asks_for_a_note_and_saves_the_paragraph() {
    let mut app = app();
    app.update(Action::NextParagraph);
    app.update(Action::Bookmark);
    assert!(app.prompt().is_some());
    type_text(&mut app, "worth it");
    app.update(Message::Prompt(PromptKey::Enter));
    assert!(app.prompt().is_none());
    let saved = saved(&app);
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].note.as_deref(), Some("worth it"));
    assert_eq!(saved[0].excerpt, "Paragraph two.");
    assert!(app.marks.article.contains(&1));
    assert_eq!(app.bookmarks.len(), 1);
}

#[test]
fn esc_cancels_a_new_bookmark_and_an_empty_enter_saves_without_a_note() {
    let mut app = app();
    app.update(Action::Bookmark);
    type_text(&mut app, "abandoned");
    app.update(Message::Prompt(PromptKey::Esc));
    assert!(saved(&app).is_empty());
    assert!(app.overlay.is_none());
    assert_eq!(app.message.as_deref(), Some("No bookmark made"));
    app.update(Action::Bookmark);
    app.update(Message::Prompt(PromptKey::Enter));
    assert_eq!(saved(&app).len(), 1);
    assert_eq!(saved(&app)[0].note, None);
}

#[test]
fn the_prompt_edits_like_a_line_editor() {
    let mut app = app();
    app.update(Action::Bookmark);
    type_text(&mut app, "helo");
    app.update(Message::Prompt(PromptKey::Left));
    app.update(Message::Prompt(PromptKey::Char('l')));
    assert_eq!(app.prompt().unwrap().text, "hello");
    app.update(Message::Prompt(PromptKey::End));
    app.update(Message::Prompt(PromptKey::Backspace));
    app.update(Message::Prompt(PromptKey::Paste(" wor\nld 日本".into())));
    assert_eq!(app.prompt().unwrap().text, "hell wor ld 日本");
    app.update(Message::Prompt(PromptKey::Home));
    app.update(Message::Prompt(PromptKey::Delete));
    app.update(Message::Prompt(PromptKey::Right));
    app.update(Message::Prompt(PromptKey::ClearToStart));
    assert_eq!(app.prompt().unwrap().text, "ll wor ld 日本");
    assert_eq!(app.prompt().unwrap().cursor, 0);
}

#[test]
fn b_on_a_comment_bookmarks_it_by_its_id() {
    let mut app = app();
    focus_comments(&mut app);
    select(&mut app, "c");
    app.update(Action::Bookmark);
    app.update(Message::Prompt(PromptKey::Enter));
    let saved = saved(&app);
    assert!(matches!(&saved[0].target, crate::bookmarks::Target::Comment { id, .. } if id == "3"));
    assert!(app.marks.comments.contains(&id(&app, "c")));
}

#[test]
fn the_panel_jumps_deletes_undoes_and_edits_notes() {
    let mut app = app_sized(60, 12);
    focus_comments(&mut app);
    select(&mut app, "f");
    app.update(Action::Bookmark);
    app.update(Message::Prompt(PromptKey::Enter));
    app.update(Action::FocusNext);
    app.update(Action::Bookmark);
    app.update(Message::Prompt(PromptKey::Enter));
    app.effects.clear();

    // Jump from the panel: folded ancestors open, the pane gets the focus.
    app.update(Action::FoldAll);
    app.update(Action::ShowBookmarks);
    assert_eq!(app.key_contexts()[0], Context::Bookmarks);
    // In document order: the article's paragraph first, then the comment.
    app.update(Action::SelectNext);
    app.update(Action::OpenSelected);
    assert!(app.bookmark_panel().is_none());
    assert_eq!(app.focus, Pane::Comments);
    assert_eq!(selected(&app), "f");
    assert!(selection_on_screen(&app));

    app.update(Action::ShowBookmarks);
    app.update(Action::SelectNext);
    app.update(Action::DeleteSelected);
    assert_eq!(app.bookmarks.len(), 1);
    assert!(matches!(
        app.effects.last(),
        Some(Effect::DeleteBookmark(_))
    ));
    app.update(Action::UndoDelete);
    assert_eq!(app.bookmarks.len(), 2);
    assert!(matches!(app.effects.last(), Some(Effect::SaveBookmark(_))));
    assert_eq!(
        app.bookmark_panel().unwrap().selected,
        1,
        "back at its place in the document, not at the end"
    );

    app.update(Action::SelectPrevious);
    app.update(Action::EditNote);
    type_text(&mut app, "new note");
    app.update(Message::Prompt(PromptKey::Enter));
    assert!(
        matches!(app.effects.last(), Some(Effect::SetNote { note: Some(n), .. }) if n == "new note")
    );
    assert_eq!(app.bookmarks[0].note.as_deref(), Some("new note"));
    app.update(Action::CloseOverlay);
    assert!(app.bookmark_panel().is_none());
}

#[test]
fn next_and_previous_bookmark_follow_the_document_and_wrap() {
    let mut app = app();
    for paragraph in [3, 1] {
        app.update(Action::Top);
        for _ in 0..paragraph {
            app.update(Action::NextParagraph);
        }
        app.update(Action::Bookmark);
        app.update(Message::Prompt(PromptKey::Enter));
    }
    focus_comments(&mut app);
    select(&mut app, "d");
    app.update(Action::Bookmark);
    app.update(Message::Prompt(PromptKey::Enter));
    app.update(Action::FocusNext);
    app.update(Action::Top);
    app.update(Action::NextBookmark);
    assert_eq!((app.focus, app.article.cursor), (Pane::Article, 1));
    app.update(Action::NextBookmark);
    assert_eq!(app.article.cursor, 3);
    app.update(Action::NextBookmark);
    assert_eq!((app.focus, selected(&app)), (Pane::Comments, "d"));
    app.update(Action::NextBookmark);
    assert_eq!((app.focus, app.article.cursor), (Pane::Article, 1), "wraps");
    app.update(Action::PreviousBookmark);
    assert_eq!(
        (app.focus, selected(&app)),
        (Pane::Comments, "d"),
        "wraps back"
    );
}

/// A bookmark of the whole first paragraph of `document`.
fn first_paragraph_bookmark(document: &Document) -> crate::bookmarks::Bookmark {
    crate::bookmarks::make(
        document,
        None,
        crate::bookmarks::Target::Article { block: 0 },
        None,
        None,
        crate::bookmarks::IdSource::default().stamp(0),
    )
    .unwrap()
}

#[test]
fn a_passage_gone_from_the_file_is_reported_not_dropped() {
    let mut app = app();
    let other = formats::load(b"Other\n\nText that is not here.", None)
        .unwrap()
        .document;
    let mut bookmark = first_paragraph_bookmark(&other);
    bookmark.document = app.doc_key.clone();
    app.set_bookmarks(vec![bookmark.clone()]);
    assert_eq!(app.bookmarks.len(), 1);
    assert!(
        app.marks.missing.contains(&bookmark.id),
        "listed as not found"
    );
    app.jump_to(&bookmark);
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .contains("not found in this version")
    );
}

#[test]
fn quitting_saves_the_position_and_restoring_brings_it_back() {
    let mut app = app_sized(60, 12);
    app.update(Action::NextParagraph);
    app.update(Action::NextParagraph);
    focus_comments(&mut app);
    select(&mut app, "b");
    app.update(Action::ToggleFold);
    app.update(Action::Quit);
    assert!(app.quit);
    let Some((key, position)) = app.effects.iter().find_map(|effect| match effect {
        Effect::SavePosition { key, position } => Some((key.clone(), position.clone())),
        _ => None,
    }) else {
        panic!("no position saved");
    };
    assert_eq!(key, app.doc_key);
    assert_eq!(position.folded, ["2"]);

    let mut again = app_sized(60, 12);
    again.restore(&position);
    again.update(Message::Resize {
        width: 60,
        height: 12,
    });
    assert_eq!(again.focus, Pane::Comments);
    assert_eq!(selected(&again), "b");
    assert!(again.comments.outline.is_folded(id(&again, "b")));
    assert_eq!(again.article.cursor, 2);
}
#[test]
fn visual_selection_bookmarks_exactly_the_selected_lines_across_paragraphs() {
    use crate::app::{Effect, PromptKey};
    let mut app = app_sized(60, 20);
    app.update(Action::VisualSelect);
    assert!(app.article.visual.is_some());
    // Paragraph one takes two lines at this width: a line down reaches its
    // end, and } the end of the next paragraph.
    app.update(Action::ScrollDown);
    app.update(Action::NextParagraph);
    assert_eq!(app.article.cursor, 1, "the cursor follows the selection");
    app.update(Action::Bookmark);
    assert!(app.article.visual.is_none());
    app.update(Message::Prompt(PromptKey::Enter));
    let Some(Effect::SaveBookmark(bookmark)) = app.effects.last() else {
        panic!("nothing saved");
    };
    assert_eq!(bookmark.last_block, Some(1));
    assert!(bookmark.excerpt.starts_with("Paragraph one is long"));
    assert!(bookmark.excerpt.ends_with("\n\nParagraph two."));
    assert!(app.marks.article.contains(&0) && app.marks.article.contains(&1));

    // Esc ends a selection without bookmarking.
    app.update(Action::VisualSelect);
    app.update(Action::CloseOverlay);
    assert!(app.article.visual.is_none());
}

#[test]
fn visual_selection_inside_a_comment_bookmarks_those_lines() {
    use crate::app::{Effect, PromptKey};
    let text =
        "T\n\nA.\n\n• ann\n  First paragraph of ann.\n\n  Second paragraph of ann.\n\n  Third.\n";
    let document = formats::load(text.as_bytes(), None).unwrap().document;
    let mut app = app_for(document, 100, 30);
    focus_comments(&mut app);
    app.update(Action::VisualSelect);
    assert_eq!(app.comments.visual, Some((0, 0)));
    // } to the end of the next paragraph, j/k by line within the body.
    app.update(Action::NextThread);
    assert_eq!(app.comments.visual, Some((0, 2)));
    app.update(Action::NextComment);
    app.update(Action::PreviousComment);
    assert_eq!(
        app.comments.visual,
        Some((0, 2)),
        "j and k extend instead of moving"
    );
    assert_eq!(selected(&app), "ann");
    app.update(Action::Bookmark);
    app.update(Message::Prompt(PromptKey::Enter));
    let Some(Effect::SaveBookmark(bookmark)) = app.effects.last() else {
        panic!("nothing saved");
    };
    assert_eq!(
        bookmark.excerpt,
        "First paragraph of ann.\n\nSecond paragraph of ann."
    );
    assert!(
        matches!(&bookmark.target, crate::bookmarks::Target::Comment { id, block: 0 } if id == "1")
    );
    assert_eq!(bookmark.last_block, Some(1));
    assert!(app.comments.visual.is_none());
}

#[test]
fn a_huge_last_block_from_disk_marks_only_the_article_there_is() {
    let document = formats::load(b"Title\n\nOne.\n\nTwo.\n", Some(Format::Text))
        .unwrap()
        .document;
    let mut app = app_for(document, 80, 24);
    let mut bookmark = first_paragraph_bookmark(&app.document);
    for last in [usize::MAX, 400_000_000] {
        bookmark.last_block = Some(last);
        app.set_bookmarks(vec![bookmark.clone()]);
        assert_eq!(app.marks.article.len(), 2, "{last}");
        assert!(bookmark.location().contains("paragraphs 1–"));
    }
}

#[test]
fn m_says_when_it_wraps_around() {
    let mut app = app();
    let bookmark = first_paragraph_bookmark(&app.document);
    app.update(Message::BookmarksLoaded(vec![bookmark]));
    app.article.cursor = 2;
    app.update(Action::NextBookmark);
    assert_eq!(app.article.cursor, 0);
    assert_eq!(
        app.message.as_deref(),
        Some("Past the last bookmark: continued from the first")
    );
    app.update(Action::PreviousBookmark);
    assert_eq!(
        app.message.as_deref(),
        Some("Before the first bookmark: continued from the last")
    );
}

#[test]
fn b_on_a_bookmarked_paragraph_opens_that_bookmark_instead_of_a_duplicate() {
    let mut app = app();
    app.update(Action::Bookmark);
    app.update(Message::Prompt(PromptKey::Enter));
    let made: Vec<_> = saved(&app).into_iter().cloned().collect();
    assert_eq!(made.len(), 1);
    // The store answers with what it keeps.
    app.effects.clear();
    app.update(Message::BookmarksLoaded(made));
    app.update(Action::Bookmark);
    assert!(saved(&app).is_empty(), "no second bookmark");
    assert!(matches!(
        app.overlay,
        Some(Overlay::Bookmarks(crate::app::bookmarks::BookmarkPanel {
            selected: 0,
            ..
        }))
    ));
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .starts_with("Already bookmarked")
    );
    // d there deletes it.
    app.update(Action::DeleteSelected);
    assert!(app.bookmarks.is_empty());
    assert!(matches!(
        app.effects.last(),
        Some(Effect::DeleteBookmark(_))
    ));
}
