//! Keys to actions: parsing key strings (`"ctrl-d"`, `"shift-tab"`, `"g g"`),
//! the bindings (the defaults come from `assets/config.toml`), lookup by context
//! with multi-key sequences, and the reverse map (action → keys) that the help
//! screen and status hints are drawn from.

use std::collections::BTreeMap;
use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Context {
    Global,
    Article,
    Comments,
    Help,
    Bookmarks,
    Links,
}

impl Context {
    pub const ALL: [Context; 6] = [
        Context::Global,
        Context::Article,
        Context::Comments,
        Context::Help,
        Context::Bookmarks,
        Context::Links,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Article => "article",
            Context::Comments => "comments",
            Context::Help => "help",
            Context::Bookmarks => "bookmarks",
            Context::Links => "links",
        }
    }

    pub fn from_name(name: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.name() == name)
    }

    /// What `action` does here, for the help and the man page: its
    /// description, but where the lists share an action, what it does to
    /// what this list holds.
    pub fn describe(self, action: Action) -> &'static str {
        match (self, action) {
            (Context::Links, Action::OpenSelected) => "Open the selected link in the browser",
            _ => action.description(),
        }
    }
}

/// One key with its modifiers, normalised so that a binding written `"G"`
/// matches the event a terminal sends for shift+g.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyPress {
    code: KeyCodeOrd,
    modifiers: u8,
}

/// `KeyCode` is not `Ord`; the subset we bind, in an orderable form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum KeyCodeOrd {
    Char(char),
    F(u8),
    Named(NamedKey),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum NamedKey {
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Insert,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
}

const NAMED_KEYS: &[(&str, NamedKey)] = &[
    ("enter", NamedKey::Enter),
    ("esc", NamedKey::Esc),
    ("tab", NamedKey::Tab),
    ("backtab", NamedKey::BackTab),
    ("backspace", NamedKey::Backspace),
    ("delete", NamedKey::Delete),
    ("insert", NamedKey::Insert),
    ("up", NamedKey::Up),
    ("down", NamedKey::Down),
    ("left", NamedKey::Left),
    ("right", NamedKey::Right),
    ("home", NamedKey::Home),
    ("end", NamedKey::End),
    ("pageup", NamedKey::PageUp),
    ("pagedown", NamedKey::PageDown),
];

const CTRL: u8 = 1;
const ALT: u8 = 2;
const SHIFT: u8 = 4;

impl KeyPress {
    /// The press a terminal key event stands for, if it is one we can bind.
    pub fn from_event(event: KeyEvent) -> Option<KeyPress> {
        let mut modifiers = 0;
        if event.modifiers.contains(KeyModifiers::CONTROL) {
            modifiers |= CTRL;
        }
        if event.modifiers.contains(KeyModifiers::ALT) {
            modifiers |= ALT;
        }
        if event.modifiers.contains(KeyModifiers::SHIFT) {
            modifiers |= SHIFT;
        }
        let code = match event.code {
            KeyCode::Char(c) => KeyCodeOrd::Char(c),
            KeyCode::F(n) => KeyCodeOrd::F(n),
            KeyCode::Enter => KeyCodeOrd::Named(NamedKey::Enter),
            KeyCode::Esc => KeyCodeOrd::Named(NamedKey::Esc),
            KeyCode::Tab => KeyCodeOrd::Named(NamedKey::Tab),
            KeyCode::BackTab => KeyCodeOrd::Named(NamedKey::BackTab),
            KeyCode::Backspace => KeyCodeOrd::Named(NamedKey::Backspace),
            KeyCode::Delete => KeyCodeOrd::Named(NamedKey::Delete),
            KeyCode::Insert => KeyCodeOrd::Named(NamedKey::Insert),
            KeyCode::Up => KeyCodeOrd::Named(NamedKey::Up),
            KeyCode::Down => KeyCodeOrd::Named(NamedKey::Down),
            KeyCode::Left => KeyCodeOrd::Named(NamedKey::Left),
            KeyCode::Right => KeyCodeOrd::Named(NamedKey::Right),
            KeyCode::Home => KeyCodeOrd::Named(NamedKey::Home),
            KeyCode::End => KeyCodeOrd::Named(NamedKey::End),
            KeyCode::PageUp => KeyCodeOrd::Named(NamedKey::PageUp),
            KeyCode::PageDown => KeyCodeOrd::Named(NamedKey::PageDown),
            _ => return None,
        };
        Some(KeyPress { code, modifiers }.normalized())
    }

    /// Shift is part of a character ('G', '?'), and shift-tab is back-tab.
    fn normalized(mut self) -> KeyPress {
        match self.code {
            KeyCodeOrd::Char(c) if c == ' ' || !c.is_alphabetic() || c.is_uppercase() => {
                self.modifiers &= !SHIFT;
            }
            KeyCodeOrd::Char(c) if self.modifiers & SHIFT != 0 && self.modifiers & CTRL == 0 => {
                self.code = KeyCodeOrd::Char(c.to_uppercase().next().unwrap_or(c));
                self.modifiers &= !SHIFT;
            }
            KeyCodeOrd::Named(NamedKey::Tab) if self.modifiers & SHIFT != 0 => {
                self.code = KeyCodeOrd::Named(NamedKey::BackTab);
                self.modifiers &= !SHIFT;
            }
            KeyCodeOrd::Named(NamedKey::BackTab) => self.modifiers &= !SHIFT,
            _ => {}
        }
        self
    }

    /// The digit of a plain digit key (no modifiers), for counts.
    pub fn digit(self) -> Option<u32> {
        match self.code {
            KeyCodeOrd::Char(c) if self.modifiers == 0 => c.to_digit(10),
            _ => None,
        }
    }

    pub fn is_esc(self) -> bool {
        self.code == KeyCodeOrd::Named(NamedKey::Esc)
    }

    /// Parses one key: `j`, `G`, `ctrl-d`, `shift-tab`, `space`, `f1`.
    pub fn parse(text: &str) -> Result<KeyPress, KeyParseError> {
        let bad = || KeyParseError(text.to_string());
        let mut modifiers = 0;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (flag, len) = if lower.starts_with("ctrl-") {
                (CTRL, 5)
            } else if lower.starts_with("alt-") {
                (ALT, 4)
            } else if lower.starts_with("shift-") {
                (SHIFT, 6)
            } else {
                break;
            };
            // "-" alone after a modifier is the minus key, not another modifier.
            if rest.len() == len {
                break;
            }
            modifiers |= flag;
            rest = &rest[len..];
        }
        let lower = rest.to_ascii_lowercase();
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCodeOrd::Char(c),
            _ if lower == "space" => KeyCodeOrd::Char(' '),
            _ if lower == "pgup" => KeyCodeOrd::Named(NamedKey::PageUp),
            _ if lower == "pgdn" => KeyCodeOrd::Named(NamedKey::PageDown),
            _ if lower == "escape" => KeyCodeOrd::Named(NamedKey::Esc),
            _ if lower == "return" => KeyCodeOrd::Named(NamedKey::Enter),
            _ if lower.starts_with('f') && lower.len() > 1 => {
                let n: u8 = lower[1..].parse().map_err(|_| bad())?;
                if !(1..=12).contains(&n) {
                    return Err(bad());
                }
                KeyCodeOrd::F(n)
            }
            _ => {
                let named = NAMED_KEYS
                    .iter()
                    .find(|(name, _)| *name == lower)
                    .ok_or_else(bad)?;
                KeyCodeOrd::Named(named.1)
            }
        };
        let code = match code {
            // Ctrl combinations arrive lower-case from terminals.
            KeyCodeOrd::Char(c) if modifiers & CTRL != 0 => {
                KeyCodeOrd::Char(c.to_lowercase().next().unwrap_or(c))
            }
            other => other,
        };
        Ok(KeyPress { code, modifiers }.normalized())
    }
}

impl fmt::Display for KeyPress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers & CTRL != 0 {
            f.write_str("Ctrl-")?;
        }
        if self.modifiers & ALT != 0 {
            f.write_str("Alt-")?;
        }
        if self.modifiers & SHIFT != 0 {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCodeOrd::Char(' ') => f.write_str("Space"),
            KeyCodeOrd::Char(c) => write!(f, "{c}"),
            KeyCodeOrd::F(n) => write!(f, "F{n}"),
            KeyCodeOrd::Named(named) => f.write_str(match named {
                NamedKey::Enter => "Enter",
                NamedKey::Esc => "Esc",
                NamedKey::Tab => "Tab",
                NamedKey::BackTab => "Shift-Tab",
                NamedKey::Backspace => "Backspace",
                NamedKey::Delete => "Delete",
                NamedKey::Insert => "Insert",
                NamedKey::Up => "↑",
                NamedKey::Down => "↓",
                NamedKey::Left => "←",
                NamedKey::Right => "→",
                NamedKey::Home => "Home",
                NamedKey::End => "End",
                NamedKey::PageUp => "PgUp",
                NamedKey::PageDown => "PgDn",
            }),
        }
    }
}

/// A key sequence: one press, or several typed in a row (`g g`).
pub type KeySequence = Vec<KeyPress>;

pub fn parse_sequence(text: &str) -> Result<KeySequence, KeyParseError> {
    let presses: Vec<KeyPress> = text
        .split(' ')
        .filter(|part| !part.is_empty())
        .map(KeyPress::parse)
        .collect::<Result<_, _>>()?;
    if presses.is_empty() {
        // A lone space is the space key.
        if text == " " {
            return KeyPress::parse("space").map(|k| vec![k]);
        }
        return Err(KeyParseError(text.to_string()));
    }
    Ok(presses)
}

pub fn sequence_label(sequence: &[KeyPress]) -> String {
    sequence
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "\"{0}\" is not a key (expected e.g. \"j\", \"ctrl-d\", \"shift-tab\", \"pagedown\", \"g g\")"
)]
pub struct KeyParseError(pub String);

/// What a key typed so far means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    Action(Action),
    /// The keys so far begin a longer sequence: wait for the next key. When
    /// they are also a whole binding of their own (a user's `z` where a
    /// default `z c` begins), that runs if no key comes in time, as vim's
    /// `timeoutlen` does.
    Pending {
        alone: Option<Action>,
    },
    Unbound,
}

#[derive(Debug, Clone, Default)]
pub struct Keymap {
    bindings: BTreeMap<(Context, KeySequence), Action>,
    /// The same bindings in the order they were written, for listing keys.
    listing: Vec<(Context, KeySequence, Action)>,
}

impl Keymap {
    /// Removes every key of `action` in `context`.
    pub fn unbind(&mut self, context: Context, action: Action) {
        self.bindings
            .retain(|(c, _), a| !(*c == context && *a == action));
        self.listing
            .retain(|(c, _, a)| !(*c == context && *a == action));
    }

    /// The contexts where `action` has keys.
    pub fn contexts_of(&self, action: Action) -> Vec<Context> {
        let mut contexts: Vec<Context> = self
            .listing
            .iter()
            .filter(|(_, _, a)| *a == action)
            .map(|(c, _, _)| *c)
            .collect();
        contexts.sort();
        contexts.dedup();
        contexts
    }

    /// Binds `sequence` to `action` in `context`, replacing what it meant before.
    pub fn bind(&mut self, context: Context, sequence: KeySequence, action: Action) {
        if self
            .bindings
            .insert((context, sequence.clone()), action)
            .is_some()
        {
            self.listing
                .retain(|(c, s, _)| !(*c == context && *s == sequence));
        }
        self.listing.push((context, sequence, action));
    }

    /// Looks `keys` up in each context in turn, the first that knows it
    /// winning; a context where they begin a longer sequence makes them wait.
    pub fn lookup(&self, contexts: &[Context], keys: &[KeyPress]) -> Lookup {
        let mut waiting = false;
        for &context in contexts {
            if let Some(&action) = self.bindings.get(&(context, keys.to_vec())) {
                return match waiting {
                    true => Lookup::Pending {
                        alone: Some(action),
                    },
                    false => Lookup::Action(action),
                };
            }
            waiting |= self
                .bindings
                .range((context, keys.to_vec())..)
                .next()
                .is_some_and(|((c, seq), _)| *c == context && seq.starts_with(keys));
        }
        match waiting {
            true => Lookup::Pending { alone: None },
            false => Lookup::Unbound,
        }
    }

    /// Removes, in every context, the bindings whose keys are `sequence` or
    /// begin it, unless `keep` says to keep one: what makes a user's
    /// binding win over the defaults wherever they would shadow it.
    pub fn unbind_shadowing(
        &mut self,
        sequence: &[KeyPress],
        keep: impl Fn(Context, &[KeyPress]) -> bool,
    ) {
        let shadows = |c: Context, s: &KeySequence| sequence.starts_with(s) && !keep(c, s);
        self.bindings.retain(|(c, s), _| !shadows(*c, s));
        self.listing.retain(|(c, s, _)| !shadows(*c, s));
    }

    /// What `sequence` runs in `context`, if anything.
    pub fn bound(&self, context: Context, sequence: &[KeyPress]) -> Option<Action> {
        self.bindings.get(&(context, sequence.to_vec())).copied()
    }

    /// Every key sequence bound to `action`, anywhere.
    pub fn sequences_of(&self, action: Action) -> Vec<KeySequence> {
        self.listing
            .iter()
            .filter(|(_, _, a)| *a == action)
            .map(|(_, sequence, _)| sequence.clone())
            .collect()
    }

    /// Whether any key runs `action`, anywhere.
    pub fn binds(&self, action: Action) -> bool {
        self.listing.iter().any(|(_, _, a)| *a == action)
    }

    /// The first key bound to `action` in `context`, for a message that
    /// teaches it ("n next new"); the action's config name when no key is.
    pub fn key_label(&self, context: Context, action: Action) -> String {
        (self.keys_for(context, action).into_iter().next()).unwrap_or_else(|| action.name())
    }

    /// The keys bound to `action` in `context`, as labels ("j", "Ctrl-d").
    pub fn keys_for(&self, context: Context, action: Action) -> Vec<String> {
        self.listing
            .iter()
            .filter(|(c, _, a)| *c == context && *a == action)
            .map(|(_, sequence, _)| sequence_label(sequence))
            .collect()
    }

    /// Every (action, keys) bound in `context`, in the order of `Action::ALL`.
    pub fn bindings_in(&self, context: Context) -> Vec<(Action, Vec<String>)> {
        Action::ALL
            .iter()
            .map(|&action| (action, self.keys_for(context, action)))
            .filter(|(_, keys)| !keys.is_empty())
            .collect()
    }
}

#[cfg(test)]
mod tests;
