//! Searching both panes.

use super::*;

#[test]
fn search_walks_both_panes_in_document_order_and_unfolds_matches() {
    let mut app = app();
    focus_comments(&mut app);
    app.update(Action::FoldAll);
    app.update(Action::FocusNext);
    // "paragraph" is in the article 5 times; "body" once in each comment.
    search_for(&mut app, "body c");
    let c = id(&app, "c");
    assert_eq!(app.focus, Pane::Comments);
    assert_eq!(app.comments.selected, Some(c));
    assert!(app.comments.outline.row_of(c).is_some(), "c was unfolded");
    assert_eq!(app.search.as_ref().unwrap().current, Some(0));
    assert_eq!(app.search.as_ref().unwrap().matches.len(), 1);

    app.update(Action::FocusNext);
    search_for(&mut app, "Paragraph");
    assert_eq!(app.focus, Pane::Article);
    assert_eq!(app.article.cursor, 0);
    assert_eq!(app.search.as_ref().unwrap().matches.len(), 5);
    app.update(Action::SearchNext);
    assert_eq!(app.article.cursor, 1);
    app.update(Message::Counted(3, Action::SearchNext));
    assert_eq!(app.article.cursor, 4);
    app.update(Action::SearchNext);
    assert_eq!(app.article.cursor, 0);
    assert_eq!(
        app.message.as_deref(),
        Some("Search went past the end: continued from the top")
    );
    app.update(Action::SearchPrevious);
    assert_eq!(app.article.cursor, 4);

    // Authors match too, and smart case: "B" finds only the author "b"? No:
    // author "b" is lower case, so an upper-case query finds nothing.
    search_for(&mut app, "body");
    assert_eq!(app.search.as_ref().unwrap().matches.len(), 7);
    search_for(&mut app, "Body");
    assert_eq!(app.message.as_deref(), Some("Not found: Body"));
}

#[test]
fn the_search_prompt_recalls_earlier_queries() {
    let mut app = app();
    search_for(&mut app, "body b");
    search_for(&mut app, "Paragraph");
    search_for(&mut app, "body b");
    app.update(Action::Search);
    let shown = |app: &App| app.prompt().unwrap().text.clone();
    app.update(Message::Prompt(PromptKey::HistoryBack));
    assert_eq!(shown(&app), "body b");
    app.update(Message::Prompt(PromptKey::HistoryBack));
    assert_eq!(shown(&app), "Paragraph");
    app.update(Message::Prompt(PromptKey::HistoryBack));
    assert_eq!(shown(&app), "Paragraph", "the oldest stays");
    app.update(Message::Prompt(PromptKey::HistoryForward));
    assert_eq!(shown(&app), "body b");
    app.update(Message::Prompt(PromptKey::HistoryForward));
    assert_eq!(shown(&app), "");
    // An empty query repeats the last search.
    app.update(Message::Prompt(PromptKey::Enter));
    assert_eq!(app.search.as_ref().unwrap().query, "body b");
    // Spaces are part of a query.
    search_for(&mut app, " b");
    assert_eq!(app.search.as_ref().unwrap().query, " b");
    assert_eq!(app.search.as_ref().unwrap().matches.len(), 1);
}

#[test]
fn regex_search_toggles_in_the_prompt_and_reports_bad_patterns() {
    let mut app = app();
    app.update(Action::Search);
    app.update(Message::Prompt(PromptKey::ToggleRegex));
    for c in "body [bd]".chars() {
        app.update(Message::Prompt(PromptKey::Char(c)));
    }
    app.update(Message::Prompt(PromptKey::Enter));
    let search = app.search.as_ref().unwrap();
    assert!(search.regex);
    assert_eq!(search.matches.len(), 2);
    app.update(Action::Search);
    assert!(!app.prompt_is_regex(), "a prompt opens plain");
    app.update(Message::Prompt(PromptKey::ToggleRegex));
    for c in "(unclosed".chars() {
        app.update(Message::Prompt(PromptKey::Char(c)));
    }
    app.update(Message::Prompt(PromptKey::Enter));
    let message = app.message.clone().unwrap();
    assert!(message.starts_with("Invalid regex:"), "{message}");
    assert!(app.prompt().is_none());
    // The next prompt opens plain again; a recalled query in its own mode.
    app.update(Action::Search);
    assert!(!app.prompt_is_regex());
    app.update(Message::Prompt(PromptKey::HistoryBack));
    assert_eq!(app.prompt().unwrap().text, "(unclosed");
    assert!(app.prompt_is_regex());
    app.update(Message::Prompt(PromptKey::Esc));
    // `[search] regex = true` makes regex the mode every prompt opens in.
    app.settings.search_regex = true;
    app.update(Action::Search);
    assert!(app.prompt_is_regex());
}

#[test]
fn accented_letters_match_composed_or_decomposed() {
    let composed = "caf\u{e9}";
    let decomposed = "cafe\u{301}";
    let text = format!("Title\n\nA {composed} here.\n\nAnd a {decomposed} there.\n");
    let document = formats::load(text.as_bytes(), Some(Format::Text))
        .unwrap()
        .document;
    for query in [composed, decomposed] {
        let mut app = app_for(document.clone(), 100, 30);
        search_for(&mut app, query);
        let search = app.search.as_ref().unwrap();
        assert_eq!(search.matches.len(), 2, "{query:?}");
    }
}

#[test]
fn a_match_deep_in_a_long_paragraph_or_comment_is_scrolled_into_view() {
    let filler = "words that fill the lines ".repeat(60);
    let text = format!(
        "Title\n\n{filler}needle-article at the end.\n\n• someone\n  {filler}needle-comment at the end.\n"
    );
    let document = formats::load(text.as_bytes(), Some(Format::Text))
        .unwrap()
        .document;
    let mut app = app_for(document, 60, 20);
    search_for(&mut app, "needle-article");
    assert!(drawn(&app).contains("needle-article"), "{}", drawn(&app));
    search_for(&mut app, "needle-comment");
    assert_eq!(app.focus, Pane::Comments);
    assert!(drawn(&app).contains("needle-comment"), "{}", drawn(&app));
}

#[test]
fn an_empty_query_repeats_the_search_as_n_does() {
    let mut app = app();
    search_for(&mut app, "Paragraph");
    assert_eq!(app.article.cursor, 0);
    // `/` then Enter: the next match, as vim and less do.
    search_for(&mut app, "");
    assert_eq!(app.article.cursor, 1);
    assert_eq!(app.search.as_ref().unwrap().current, Some(1));
    search_for(&mut app, "");
    assert_eq!(app.article.cursor, 2);
    // With no search in force, the last query of the history is searched.
    app.update(Action::CloseOverlay);
    assert!(app.search.is_none());
    search_for(&mut app, "");
    assert_eq!(app.search.as_ref().unwrap().query, "Paragraph");
}
