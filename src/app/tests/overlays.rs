//! The help and the link list.

use super::*;

#[test]
fn help_opens_and_q_closes_it_instead_of_quitting() {
    let mut app = app();
    let mut pending = PendingKeys::default();
    type_keys(&mut app, &mut pending, "?");
    assert!(app.help_scroll().is_some());
    assert_eq!(app.key_contexts()[0], Context::Help);
    type_keys(&mut app, &mut pending, "q");
    assert!(app.help_scroll().is_none());
    assert!(!app.quit);
    type_keys(&mut app, &mut pending, "q");
    assert!(app.quit);
}

/// Types keys (separated by spaces) through the same path as the terminal.
#[test]
fn o_lists_links_and_opens_or_copies_only_web_links() {
    use crate::app::Effect;
    let text = "T\n\nSee https://example.com/page, and more.\n\n• ann\n  Two links: https://a.example/x and mailto:no@example.com plus javascript:alert(1)\n";
    let document = formats::load(text.as_bytes(), None).unwrap().document;
    let mut app = app_for(document, 100, 30);
    app.update(Action::ShowLinks);
    let overlay = app.links_overlay().unwrap();
    assert_eq!(overlay.links.len(), 1);
    assert_eq!(overlay.links[0].url, "https://example.com/page");
    assert_eq!(app.key_contexts()[0], Context::Links);
    app.update(Action::OpenLink1);
    assert!(app.links_overlay().is_none());
    assert_eq!(
        app.effects.last(),
        Some(&Effect::OpenUrl("https://example.com/page".into()))
    );

    app.update(Action::FocusNext);
    app.update(Action::ShowLinks);
    assert_eq!(
        app.links_overlay().unwrap().links.len(),
        1,
        "bare mailto and javascript are not URLs here"
    );
    app.update(Action::CopyLink);
    assert_eq!(
        app.effects.last(),
        Some(&Effect::CopyToClipboard("https://a.example/x".into()))
    );

    // A marked-up link with a scheme we do not open is refused.
    let mut block = crate::document::Block::paragraph("x");
    block.set_links(vec![crate::document::Link {
        text: "x".into(),
        url: "file:///etc/passwd".into(),
    }]);
    app.overlay = Some(Overlay::Links(crate::app::links::LinksOverlay {
        links: block.all_links(),
        selected: 0,
    }));
    let before = app.effects.len();
    app.update(Action::OpenSelected);
    assert_eq!(app.effects.len(), before);
    assert!(app.message.as_deref().unwrap().starts_with("Not opened"));
}

#[test]
fn copy_link_copies_only_what_open_would_open() {
    let document = formats::load(b"Title\n\nText.\n", Some(Format::Text))
        .unwrap()
        .document;
    let mut app = app_for(document, 80, 24);
    for url in [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "https://example.com/\nrm -rf ~",
    ] {
        app.overlay = Some(Overlay::Links(crate::app::links::LinksOverlay {
            links: vec![crate::document::Link {
                text: "x".into(),
                url: url.into(),
            }],
            selected: 0,
        }));
        let before = app.effects.len();
        app.update(Action::CopyLink);
        assert_eq!(app.effects.len(), before, "{url:?} was copied");
        assert!(
            app.message.as_deref().unwrap().starts_with("Not copied"),
            "{url:?}"
        );
    }
}

/// The link list over twelve bare links, each its own text.
fn twelve_links() -> App {
    let links: Vec<String> = (1..=12)
        .map(|n| format!("https://example.org/{n}"))
        .collect();
    let text = format!("T\n\nLinks: {}.\n", links.join(" "));
    let document = formats::load(text.as_bytes(), None).unwrap().document;
    let mut app = app_for(document, 100, 40);
    app.update(Action::ShowLinks);
    assert_eq!(app.links_overlay().unwrap().links.len(), 12);
    app
}

fn opened(app: &App) -> Option<&str> {
    match app.effects.last() {
        Some(crate::app::Effect::OpenUrl(url)) => Some(url),
        _ => None,
    }
}

#[test]
fn links_past_nine_are_numbered_and_opened_by_two_digits() {
    let start = std::time::Instant::now();
    let press = |k: &str| crate::input::keymap::KeyPress::parse(k).unwrap();
    let mut app = twelve_links();
    let screen = drawn(&app);
    assert!(screen.contains("12 https://example.org/12"), "{screen}");
    assert_eq!(
        screen.matches("https://example.org/12").count(),
        1,
        "an address that is its own text is listed once: {screen}"
    );
    let mut pending = PendingKeys::default();
    // `1` could begin 10, 11 or 12: it waits; `2` makes 12.
    assert!(pending.feed_at(&app, press("1"), start).is_empty());
    for message in pending.feed_at(&app, press("2"), start) {
        app.update(message);
    }
    assert_eq!(opened(&app), Some("https://example.org/12"));
    // `3` can begin no number of the list: it opens at once.
    let mut app = twelve_links();
    for message in pending.feed_at(&app, press("3"), start) {
        app.update(message);
    }
    assert_eq!(opened(&app), Some("https://example.org/3"));
    // `1` then Enter, or `1` then the wait: link 1.
    for finish in ["enter", "wait"] {
        let mut app = twelve_links();
        assert!(pending.feed_at(&app, press("1"), start).is_empty());
        let messages = match finish {
            "enter" => pending.feed_at(&app, press("enter"), start),
            _ => pending.expire(&app, start + crate::tui::keys::COUNT_TIMEOUT),
        };
        for message in messages {
            app.update(message);
        }
        assert_eq!(opened(&app), Some("https://example.org/1"), "{finish}");
    }
}
