//! The man page's KEYS section: every place's keys from the default keymap,
//! as the help screen (`?`) lists them, each with the action's name that
//! `[keys]` in config.toml rebinds it by; then the keys no keymap holds,
//! and the actions bound to no key by default.

use roff::{Roff, bold, italic, roman};

use crate::app::help;
use crate::input::Action;
use crate::input::keymap::{Context, Keymap};

/// Writes the section into `roff`.
pub fn section(roff: &mut Roff, keymap: &Keymap) {
    roff.control("SH", ["KEYS"]);
    roff.text([roman(
        "The default keys, place by place, as the help (?) lists them. Each action's name, \
         in parentheses, is what the [keys] table of config.toml binds it by; \
         tread config --default prints that table whole.",
    )]);
    for context in Context::ALL {
        roff.control("SS", [help::heading(context)]);
        for (action, keys) in keymap.bindings_in(context) {
            entry(
                roff,
                &keys.join(", "),
                context.describe(action),
                Some(action),
            );
        }
    }
    for unmapped in help::unmapped_sections(keymap) {
        roff.control("SS", [unmapped.heading]);
        for (keys, text) in &unmapped.rows {
            entry(roff, keys, text, None);
        }
    }
    let unbound: Vec<Action> = Action::ALL
        .iter()
        .copied()
        .filter(|&action| !keymap.binds(action))
        .collect();
    if !unbound.is_empty() {
        roff.control("SS", ["Bound to no key by default"]);
        for action in unbound {
            entry(roff, "", action.description(), Some(action));
        }
    }
}

/// One key's paragraph: the keys in bold, then what they do and the
/// action's name.
fn entry(roff: &mut Roff, keys: &str, text: &str, action: Option<Action>) {
    roff.control("TP", []);
    if keys.is_empty() {
        roff.text([italic(action.map(Action::name).unwrap_or_default())]);
    } else {
        roff.text([bold(keys)]);
    }
    match action {
        Some(action) if !keys.is_empty() => roff.text([
            roman(format!("{text} (")),
            italic(action.name()),
            roman(")"),
        ]),
        _ => roff.text([roman(text)]),
    };
}
