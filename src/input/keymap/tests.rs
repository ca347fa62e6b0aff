//! Tests of `keymap`.

use super::*;

fn press(text: &str) -> KeyPress {
    KeyPress::parse(text).unwrap()
}

fn event(code: KeyCode, modifiers: KeyModifiers) -> KeyPress {
    KeyPress::from_event(KeyEvent::new(code, modifiers)).unwrap()
}

#[test]
fn key_strings_match_terminal_events() {
    assert_eq!(press("j"), event(KeyCode::Char('j'), KeyModifiers::NONE));
    assert_eq!(press("G"), event(KeyCode::Char('G'), KeyModifiers::SHIFT));
    assert_eq!(press("shift-g"), press("G"));
    assert_eq!(press("?"), event(KeyCode::Char('?'), KeyModifiers::SHIFT));
    assert_eq!(
        press("ctrl-d"),
        event(KeyCode::Char('d'), KeyModifiers::CONTROL)
    );
    assert_eq!(press("Ctrl-D"), press("ctrl-d"));
    assert_eq!(
        press("shift-tab"),
        event(KeyCode::BackTab, KeyModifiers::SHIFT)
    );
    assert_eq!(
        press("space"),
        event(KeyCode::Char(' '), KeyModifiers::NONE)
    );
    assert_eq!(
        press("pagedown"),
        event(KeyCode::PageDown, KeyModifiers::NONE)
    );
    assert_eq!(press("pgdn"), press("pagedown"));
    assert_eq!(press("f1"), event(KeyCode::F(1), KeyModifiers::NONE));
    assert_eq!(press("alt-x"), event(KeyCode::Char('x'), KeyModifiers::ALT));
    assert_eq!(
        press("ctrl--"),
        event(KeyCode::Char('-'), KeyModifiers::CONTROL)
    );
}

#[test]
fn every_named_key_and_modifier_combination_parses() {
    for (name, _) in NAMED_KEYS {
        let key = press(name);
        assert_eq!(KeyPress::parse(&name.to_uppercase()).unwrap(), key);
        for modifiers in [
            "ctrl-",
            "alt-",
            "ctrl-alt-",
            "alt-shift-",
            "ctrl-alt-shift-",
        ] {
            let combined = press(&format!("{modifiers}{name}"));
            assert_ne!(combined, key, "{modifiers}{name}");
        }
    }
    assert_eq!(
        press("ctrl-alt-x"),
        event(
            KeyCode::Char('x'),
            KeyModifiers::CONTROL | KeyModifiers::ALT
        )
    );
    assert_eq!(
        press("alt-shift-left"),
        event(KeyCode::Left, KeyModifiers::ALT | KeyModifiers::SHIFT)
    );
    for n in 1..=12 {
        assert_eq!(
            press(&format!("f{n}")),
            event(KeyCode::F(n), KeyModifiers::NONE)
        );
    }
    assert_eq!(parse_sequence("g g").unwrap(), [press("g"), press("g")]);
    assert_eq!(parse_sequence("' '").unwrap(), [press("'"), press("'")]);
    assert_eq!(parse_sequence(" ").unwrap(), [press("space")]);
    assert_eq!(
        sequence_label(&parse_sequence("ctrl-x ctrl-s").unwrap()),
        "Ctrl-x Ctrl-s"
    );
}

#[test]
fn bad_key_strings_are_errors() {
    for bad in ["", "ctrl-", "f13", "hyper-x", "pagesideways"] {
        assert!(parse_sequence(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn sequences_wait_for_their_next_key() {
    let mut keymap = Keymap::default();
    keymap.bind(Context::Global, parse_sequence("g g").unwrap(), Action::Top);
    keymap.bind(
        Context::Global,
        parse_sequence("G").unwrap(),
        Action::Bottom,
    );
    let contexts = [Context::Global];
    assert_eq!(
        keymap.lookup(&contexts, &[press("g")]),
        Lookup::Pending { alone: None }
    );
    assert_eq!(
        keymap.lookup(&contexts, &[press("g"), press("g")]),
        Lookup::Action(Action::Top)
    );
    assert_eq!(keymap.lookup(&contexts, &[press("x")]), Lookup::Unbound);
}

#[test]
fn a_key_shadowed_by_a_longer_sequence_waits_then_means_itself() {
    let mut keymap = Keymap::default();
    keymap.bind(
        Context::Comments,
        parse_sequence("z c").unwrap(),
        Action::FoldThread,
    );
    keymap.bind(Context::Global, parse_sequence("z").unwrap(), Action::Quit);
    let contexts = [Context::Comments, Context::Global];
    assert_eq!(
        keymap.lookup(&contexts, &[press("z")]),
        Lookup::Pending {
            alone: Some(Action::Quit)
        }
    );
    assert_eq!(
        keymap.lookup(&contexts, &[press("z"), press("c")]),
        Lookup::Action(Action::FoldThread)
    );
    // In a place without the longer sequence, the key runs at once.
    assert_eq!(
        keymap.lookup(&[Context::Article, Context::Global], &[press("z")]),
        Lookup::Action(Action::Quit)
    );
}

#[test]
fn the_first_context_that_knows_a_key_wins() {
    let keymap = crate::config::default_keymap();
    let j = [press("j")];
    assert_eq!(
        keymap.lookup(&[Context::Comments, Context::Global], &j),
        Lookup::Action(Action::NextComment)
    );
    assert_eq!(
        keymap.lookup(&[Context::Article, Context::Global], &j),
        Lookup::Action(Action::ScrollDown)
    );
    assert_eq!(
        keymap.lookup(&[Context::Help, Context::Global], &[press("q")]),
        Lookup::Action(Action::CloseOverlay)
    );
}

#[test]
fn the_default_keymap_parses_and_binds_every_pane_action() {
    let keymap = crate::config::default_keymap();
    assert_eq!(
        keymap.keys_for(Context::Global, Action::Quit),
        ["q", "Ctrl-c"]
    );
    for &action in Action::ALL {
        let bound = Context::ALL
            .iter()
            .any(|&c| !keymap.keys_for(c, action).is_empty());
        assert!(bound, "{action:?} has no key");
    }
}
