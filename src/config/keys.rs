//! The config's `[keys]`: each entry parsed and bound, and the rules that
//! make the file's own bindings win over the defaults.

use super::{At, Config, RawKeys, at};
use crate::input::action::Action;
use crate::input::keymap::{
    Context, KeyPress, KeySequence, Keymap, parse_sequence, sequence_label,
};

/// What the file binds: place, keys, action, and where it says so.
type UserBinding = (Context, KeySequence, Action, usize);

#[derive(Default)]
struct UserBindings {
    bound: Vec<UserBinding>,
    /// Where the file gives quit its keys.
    quit_entry: Option<usize>,
}

impl Config {
    /// Lays the file's `[keys]` over the keymap. A plain `[keys]` entry
    /// replaces the action's keys wherever the defaults bind it (globally if
    /// nowhere); a `[keys.PLACE]` entry replaces them in that place.
    pub(super) fn apply_keys(&mut self, raw: &RawKeys) -> Result<(), At> {
        let defaults = self.keymap.clone();
        let mut user = UserBindings::default();
        for (name, value) in raw {
            match value.get_ref() {
                toml::Value::Table(table) => {
                    let context = Context::from_name(name.get_ref()).ok_or_else(|| {
                        at(
                            name,
                            format!(
                                "[keys.{}] is not a place for keys (expected global, article, comments, help, bookmarks or links)",
                                name.get_ref()
                            ),
                        )
                    })?;
                    let at = value.span().start;
                    for (action_name, keys) in table {
                        self.bind_entry(&mut user, (action_name, at), (keys, at), context)?;
                    }
                }
                keys => {
                    // The defaults say where this action's keys work.
                    let action = Action::from_name(name.get_ref());
                    let contexts = action.map(|a| defaults.contexts_of(a)).unwrap_or_default();
                    let contexts = (!contexts.is_empty()).then_some(contexts);
                    let entry = (name.get_ref().as_str(), name.span().start);
                    for context in contexts.unwrap_or_else(|| vec![Context::Global]) {
                        self.bind_entry(&mut user, entry, (keys, value.span().start), context)?;
                    }
                }
            }
        }
        self.let_user_keys_win(&defaults, &user.bound, user.quit_entry)
    }

    /// Binds one entry's keys to `action_name` in `context`, replacing the
    /// keys it had there. `entry` is where the file names the action, and
    /// `keys_at` where its keys are.
    fn bind_entry(
        &mut self,
        user: &mut UserBindings,
        (action_name, entry): (&str, usize),
        (keys, keys_at): (&toml::Value, usize),
        context: Context,
    ) -> Result<(), At> {
        let error = |offset, message| At { offset, message };
        let action = Action::from_name(action_name)
            .ok_or_else(|| error(entry, unknown_action(action_name)))?;
        if action == Action::Quit {
            user.quit_entry = Some(entry);
        }
        let keys = key_list(keys).map_err(|m| error(keys_at, format!("{action_name}: {m}")))?;
        self.keymap.unbind(context, action);
        for sequence in keys {
            user.bound.push((context, sequence.clone(), action, entry));
            self.keymap.bind(context, sequence, action);
        }
        Ok(())
    }

    /// The file's own bindings win over the defaults in every place: a
    /// default binding of the same keys, or of keys that begin them, goes
    /// (`quit = ["x"]` takes `x` from the comment pane's fold too). A key
    /// the file binds to two actions in one place, and a config that
    /// leaves no key to quit, are errors at the line that does it.
    fn let_user_keys_win(
        &mut self,
        defaults: &Keymap,
        user: &[UserBinding],
        quit_entry: Option<usize>,
    ) -> Result<(), At> {
        for (index, (context, sequence, action, offset)) in user.iter().enumerate() {
            if let Some((_, _, other, _)) = user[..index]
                .iter()
                .find(|(c, s, a, _)| s == sequence && a != action && c == context)
            {
                return Err(At {
                    offset: *offset,
                    message: format!(
                        "{}: \"{}\" is already bound to {} in this file",
                        action.name(),
                        sequence_label(sequence),
                        other.name()
                    ),
                });
            }
            // Restating a default binding takes nothing from elsewhere.
            if defaults.bound(*context, sequence) == Some(*action) {
                continue;
            }
            // A pane's own keys are looked up before the global ones, so a
            // global binding is shadowed in every place, a pane's only there.
            let shadows = |c: Context| *context == Context::Global || c == *context;
            let could_quit = self.keymap.binds(Action::Quit);
            self.keymap.unbind_shadowing(sequence, |c, s| {
                !shadows(c)
                    || user
                        .iter()
                        .any(|(uc, us, _, _)| *uc == c && us.as_slice() == s)
            });
            if could_quit && !self.keymap.binds(Action::Quit) {
                return Err(At {
                    offset: *offset,
                    message: format!(
                        "{}: \"{}\" takes the key that quit tread, and no key is left to quit; give quit another key",
                        action.name(),
                        sequence_label(sequence)
                    ),
                });
            }
        }
        check_quit_is_left(&self.keymap, defaults, user, quit_entry)
    }
}

/// A config must leave a key that quits. Where the file took the last one
/// is where the error points: its quit entry, else the binding that took a
/// default quit key.
fn check_quit_is_left(
    keymap: &Keymap,
    defaults: &Keymap,
    user: &[UserBinding],
    quit_entry: Option<usize>,
) -> Result<(), At> {
    if !keymap.binds(Action::Quit) {
        let quit_keys = defaults.sequences_of(Action::Quit);
        let taker = user.iter().find(|(_, sequence, action, _)| {
            *action != Action::Quit && quit_keys.contains(sequence)
        });
        let message = match taker {
            Some((_, sequence, action, _)) if quit_entry.is_none() => format!(
                "{}: \"{}\" takes the key that quit tread, and no key is left to quit; give quit another key",
                action.name(),
                sequence_label(sequence)
            ),
            _ => "no key quits tread: give quit a key, like quit = [\"q\"]".to_string(),
        };
        let offset = quit_entry.or(taker.map(|t| t.3)).unwrap_or(0);
        return Err(At { offset, message });
    }
    Ok(())
}

fn unknown_action(name: &str) -> String {
    format!("\"{name}\" is not an action (tread config --default lists them all)")
}

/// A list of key strings, each parsed.
fn key_list(value: &toml::Value) -> Result<Vec<Vec<KeyPress>>, String> {
    let toml::Value::Array(items) = value else {
        return Err("expected a list of keys, like [\"j\", \"down\"]".to_string());
    };
    items
        .iter()
        .map(|item| match item {
            toml::Value::String(text) => parse_sequence(text).map_err(|e| e.to_string()),
            other => Err(format!(
                "expected a key as a string, found {}",
                other.type_str()
            )),
        })
        .collect()
}
