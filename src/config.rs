//! The config file (`config.toml`): keys, theme and layout, laid over the
//! defaults built into tread (`assets/config.toml`, which is also what
//! `tread config --default` prints).
//!
//! A mistake is an error naming the file, the line and what was expected;
//! tread refuses to start rather than quietly ignore a typo.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ratatui::style::{Color, Style};
use serde::Deserialize;
use toml::Spanned;

use crate::input::action::Action;
use crate::input::keymap::{Context, KeySequence, Keymap, parse_sequence, sequence_label};
use crate::theme::{self, Theme};

/// The default config, embedded.
pub const DEFAULT_CONFIG: &str = include_str!("../assets/config.toml");

#[derive(Debug, Clone)]
pub struct Config {
    pub keymap: Keymap,
    pub theme: Theme,
    pub settings: ViewSettings,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: {reason}")]
    Read { path: String, reason: String },
    #[error("{path}:{line}: {message}")]
    Invalid {
        path: String,
        line: usize,
        message: String,
    },
    #[error("--theme {0}: not a theme (expected dark, light or mono)")]
    UnknownTheme(String),
}

/// Where the config file is: `TREAD_CONFIG`, else `config.toml` in the
/// platform's config directory. The flag says whether the user named it
/// (then it must exist).
pub fn config_path() -> Option<(PathBuf, bool)> {
    if let Some(path) = std::env::var_os("TREAD_CONFIG").filter(|p| !p.is_empty()) {
        return Some((PathBuf::from(path), true));
    }
    crate::dirs::project_dirs().map(|dirs| (dirs.config_dir().join("config.toml"), false))
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    keys: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    #[serde(default)]
    theme: RawTheme,
    #[serde(default)]
    layout: RawLayout,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    name: Option<Spanned<String>>,
    title: Option<Spanned<toml::Value>>,
    author: Option<Spanned<toml::Value>>,
    op: Option<Spanned<toml::Value>>,
    guide: Option<Spanned<toml::Value>>,
    selection: Option<Spanned<toml::Value>>,
    #[serde(rename = "match")]
    search_match: Option<Spanned<toml::Value>>,
    new: Option<Spanned<toml::Value>>,
    quote: Option<Spanned<toml::Value>>,
    code: Option<Spanned<toml::Value>>,
    status: Option<Spanned<toml::Value>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLayout {
    side_by_side_from: Option<Spanned<u16>>,
    reading_width: Option<Spanned<usize>>,
    indent: Option<Spanned<usize>>,
    max_indent_depth: Option<Spanned<usize>>,
    show_scores: Option<bool>,
    show_ages: Option<bool>,
}

/// A theme role: its colour from the file, the styles it colours, and
/// whether it colours their background (bars) or their text.
type Role<'a> = (
    &'a Option<Spanned<toml::Value>>,
    &'a mut [&'a mut Style],
    bool,
);

/// An error at a byte offset of the file, before the file name is known.
struct At {
    offset: usize,
    message: String,
}

fn at<T>(spanned: &Spanned<T>, message: impl Into<String>) -> At {
    At {
        offset: spanned.span().start,
        message: message.into(),
    }
}

/// Settings of the view, from the config's `[layout]` and `[ui]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewSettings {
    /// Panes go side by side from this terminal width.
    pub side_by_side_from: u16,
    /// Text is wrapped to at most this many columns, however wide the pane.
    pub reading_width: usize,
    /// Lines kept above and below the selection when scrolling to it.
    pub scrolloff: usize,
    /// Indentation stops growing past this depth.
    pub max_indent_depth: usize,
    /// Lines the mouse wheel scrolls.
    pub wheel_lines: usize,
    /// Columns of indentation per reply level.
    pub indent: usize,
    /// Points and ages in comment headers.
    pub show_scores: bool,
    pub show_ages: bool,
}

impl Default for ViewSettings {
    fn default() -> Self {
        ViewSettings {
            side_by_side_from: 120,
            reading_width: 100,
            scrolloff: 2,
            max_indent_depth: 12,
            wheel_lines: 3,
            indent: 3,
            show_scores: true,
            show_ages: true,
        }
    }
}

/// The keymap built into tread: the keys of the default config.
pub fn default_keymap() -> Keymap {
    Config::builtin().keymap
}

impl Config {
    /// The built-in defaults.
    pub fn builtin() -> Config {
        let raw: RawConfig = toml::from_str(DEFAULT_CONFIG).expect("the default config parses");
        let mut config = Config {
            keymap: Keymap::default(),
            theme: theme::DARK,
            settings: ViewSettings::default(),
        };
        config
            .apply(raw)
            .unwrap_or_else(|_| panic!("the default config is valid"));
        config
    }

    /// Reads the user's config (if any) over the defaults. `theme_flag` is
    /// `--theme`; without it, `NO_COLOR` selects mono.
    pub fn load(theme_flag: Option<&str>) -> Result<Config, ConfigError> {
        // No file at the default place means the defaults; a file the user
        // named must be there.
        let mut config = match config_path() {
            Some((path, named)) if named || path.exists() => load_file(&path)?,
            _ => Config::builtin(),
        };
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        match theme_flag {
            Some(name) => {
                config.theme = builtin_theme(name)
                    .ok_or_else(|| ConfigError::UnknownTheme(name.to_string()))?
            }
            None if no_color => config.theme = theme::MONO,
            None => {}
        }
        Ok(config)
    }

    /// The defaults with `text` (the content of the file `path`) laid over them.
    pub fn from_toml(text: &str, path: &str) -> Result<Config, ConfigError> {
        let invalid = |at: At| ConfigError::Invalid {
            path: path.to_string(),
            line: line_of(text, at.offset),
            message: at.message,
        };
        let raw: RawConfig = toml::from_str(text).map_err(|error| {
            let offset = error.span().map_or(0, |span| span.start);
            invalid(At {
                offset,
                message: error
                    .message()
                    .trim()
                    .replace('\n', " ")
                    .replace("unknown field", "unknown option")
                    .replace("expected usize", "expected a whole number")
                    .replace("expected u16", "expected a whole number"),
            })
        })?;
        let mut config = Config::builtin();
        config.apply(raw).map_err(invalid)?;
        Ok(config)
    }

    /// Lays `raw` over this config. A plain `[keys]` entry replaces the
    /// action's keys wherever the defaults bind it (globally if nowhere);
    /// a `[keys.PLACE]` entry replaces them in that place.
    fn apply(&mut self, raw: RawConfig) -> Result<(), At> {
        let defaults = self.keymap.clone();
        // What the file binds: place, keys, action, and where it says so.
        let mut user: Vec<(Context, KeySequence, Action, usize)> = Vec::new();
        let mut quit_entry = None;
        for (name, value) in &raw.keys {
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
                    for (action_name, keys) in table {
                        let action = parse_action(action_name)
                            .ok_or_else(|| at(value, unknown_action(action_name)))?;
                        if action == Action::Quit {
                            quit_entry = Some(value.span().start);
                        }
                        let keys =
                            key_list(keys).map_err(|m| at(value, format!("{action_name}: {m}")))?;
                        self.keymap.unbind(context, action);
                        for sequence in keys {
                            user.push((context, sequence.clone(), action, value.span().start));
                            self.keymap.bind(context, sequence, action);
                        }
                    }
                }
                keys => {
                    let action = parse_action(name.get_ref())
                        .ok_or_else(|| at(name, unknown_action(name.get_ref())))?;
                    if action == Action::Quit {
                        quit_entry = Some(name.span().start);
                    }
                    let keys = key_list(keys)
                        .map_err(|m| at(value, format!("{}: {m}", name.get_ref())))?;
                    let mut contexts = defaults.contexts_of(action);
                    if contexts.is_empty() {
                        contexts = vec![Context::Global];
                    }
                    for context in contexts {
                        self.keymap.unbind(context, action);
                        for sequence in &keys {
                            user.push((context, sequence.clone(), action, name.span().start));
                            self.keymap.bind(context, sequence.clone(), action);
                        }
                    }
                }
            }
        }
        self.let_user_keys_win(&defaults, &user, quit_entry)?;
        self.apply_theme(&raw.theme)?;
        self.apply_layout(&raw.layout)
    }

    /// The file's own bindings win over the defaults in every place: a
    /// default binding of the same keys, or of keys that begin them, goes
    /// (`quit = ["x"]` takes `x` from the comment pane's fold too). A key
    /// the file binds to two actions in one place, and a config that
    /// leaves no key to quit, are errors at the line that does it.
    fn let_user_keys_win(
        &mut self,
        defaults: &Keymap,
        user: &[(Context, KeySequence, Action, usize)],
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
        if !self.keymap.binds(Action::Quit) {
            // Where the file did it: its quit entry, else the binding that
            // took a default quit key.
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

    fn apply_theme(&mut self, raw: &RawTheme) -> Result<(), At> {
        if let Some(name) = &raw.name {
            self.theme = builtin_theme(name.get_ref()).ok_or_else(|| {
                at(
                    name,
                    format!(
                        "theme \"{}\" is not built in (expected dark, light or mono)",
                        name.get_ref()
                    ),
                )
            })?;
        }
        let theme = &mut self.theme;
        let roles: [Role; 10] = [
            (&raw.title, &mut [&mut theme.title_bar], true),
            (&raw.author, &mut [&mut theme.author], false),
            (&raw.op, &mut [&mut theme.op], false),
            (
                &raw.guide,
                &mut [&mut theme.guide, &mut theme.divider],
                false,
            ),
            (&raw.selection, &mut [&mut theme.selection], true),
            (&raw.search_match, &mut [&mut theme.search_match], true),
            (&raw.new, &mut [&mut theme.new_comment], false),
            (&raw.quote, &mut [&mut theme.quote], false),
            (&raw.code, &mut [&mut theme.code], false),
            (
                &raw.status,
                &mut [&mut theme.status_bar, &mut theme.message],
                true,
            ),
        ];
        for (value, styles, background) in roles {
            let Some(value) = value else { continue };
            let color = parse_color(value.get_ref()).map_err(|m| at(value, m))?;
            for style in styles.iter_mut() {
                **style = if background {
                    style.bg(color)
                } else {
                    style.fg(color)
                };
            }
        }
        Ok(())
    }

    fn apply_layout(&mut self, raw: &RawLayout) -> Result<(), At> {
        let settings = &mut self.settings;
        if let Some(width) = &raw.side_by_side_from {
            settings.side_by_side_from = *width.get_ref();
        }
        if let Some(width) = &raw.reading_width {
            settings.reading_width = in_range(width, 20..=1000, "reading_width")?;
        }
        if let Some(indent) = &raw.indent {
            settings.indent = in_range(indent, 2..=8, "indent")?;
        }
        if let Some(depth) = &raw.max_indent_depth {
            settings.max_indent_depth = in_range(depth, 0..=100, "max_indent_depth")?;
        }
        if let Some(show) = raw.show_scores {
            settings.show_scores = show;
        }
        if let Some(show) = raw.show_ages {
            settings.show_ages = show;
        }
        Ok(())
    }
}

fn in_range(
    value: &Spanned<usize>,
    range: std::ops::RangeInclusive<usize>,
    name: &str,
) -> Result<usize, At> {
    let number = *value.get_ref();
    if range.contains(&number) {
        Ok(number)
    } else {
        Err(at(
            value,
            format!(
                "{name} = {number}: expected {} to {}",
                range.start(),
                range.end()
            ),
        ))
    }
}

fn parse_action(name: &str) -> Option<Action> {
    serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
}

fn unknown_action(name: &str) -> String {
    format!("\"{name}\" is not an action (tread config --default lists them all)")
}

/// A list of key strings, each parsed.
fn key_list(value: &toml::Value) -> Result<Vec<Vec<crate::input::keymap::KeyPress>>, String> {
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

fn builtin_theme(name: &str) -> Option<Theme> {
    match name {
        "dark" => Some(theme::DARK),
        "light" => Some(theme::LIGHT),
        "mono" => Some(theme::MONO),
        _ => None,
    }
}

/// A colour: a name, an index 0–255 (number or string) or `#rrggbb`.
pub fn parse_color(value: &toml::Value) -> Result<Color, String> {
    let expected =
        "expected a colour name (\"red\", \"lightblue\"…), an index 0-255 or \"#rrggbb\"";
    match value {
        toml::Value::Integer(n) => u8::try_from(*n)
            .map(Color::Indexed)
            .map_err(|_| format!("colour {n}: {expected}")),
        toml::Value::String(text) => {
            let lower = text.trim().to_ascii_lowercase();
            if let Some(hex) = lower.strip_prefix('#') {
                if hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0);
                    return Ok(Color::Rgb(channel(0), channel(2), channel(4)));
                }
                return Err(format!("colour \"{text}\": {expected}"));
            }
            if let Ok(index) = lower.parse::<u8>() {
                return Ok(Color::Indexed(index));
            }
            let named = match lower.replace(['_', '-', ' '], "").as_str() {
                "reset" | "default" => Color::Reset,
                "black" => Color::Black,
                "red" => Color::Red,
                "green" => Color::Green,
                "yellow" => Color::Yellow,
                "blue" => Color::Blue,
                "magenta" => Color::Magenta,
                "cyan" => Color::Cyan,
                "gray" | "grey" => Color::Gray,
                "darkgray" | "darkgrey" => Color::DarkGray,
                "lightred" => Color::LightRed,
                "lightgreen" => Color::LightGreen,
                "lightyellow" => Color::LightYellow,
                "lightblue" => Color::LightBlue,
                "lightmagenta" => Color::LightMagenta,
                "lightcyan" => Color::LightCyan,
                "white" => Color::White,
                _ => return Err(format!("colour \"{text}\": {expected}")),
            };
            Ok(named)
        }
        other => Err(format!("found {}: {expected}", other.type_str())),
    }
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// `tread config`: where the file is read from.
pub fn describe_path() -> String {
    match config_path() {
        Some((path, _)) if path.exists() => format!("{}\n", path.display()),
        Some((path, _)) => format!(
            "{} (not there yet; `tread config --default > FILE` writes a starting point)\n",
            path.display()
        ),
        None => "no config directory on this system; set TREAD_CONFIG\n".to_string(),
    }
}

/// The config at `path`, over the defaults.
pub fn load_file(path: &Path) -> Result<Config, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|error| ConfigError::Read {
        path: path.display().to_string(),
        reason: crate::io_error::describe_io(&error),
    })?;
    Config::from_toml(&text, &path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn color(text: &str) -> Result<Color, String> {
        parse_color(&toml::Value::String(text.to_string()))
    }

    #[test]
    fn colours_by_name_index_and_hex() {
        assert_eq!(color("red"), Ok(Color::Red));
        assert_eq!(color("LightBlue"), Ok(Color::LightBlue));
        assert_eq!(color("dark_grey"), Ok(Color::DarkGray));
        assert_eq!(color("reset"), Ok(Color::Reset));
        assert_eq!(color("236"), Ok(Color::Indexed(236)));
        assert_eq!(
            parse_color(&toml::Value::Integer(17)),
            Ok(Color::Indexed(17))
        );
        assert_eq!(color("#FF8000"), Ok(Color::Rgb(255, 128, 0)));
        for bad in ["#ff80", "#gg0000", "blurple", "256", ""] {
            assert!(color(bad).is_err(), "{bad}");
        }
        assert!(parse_color(&toml::Value::Integer(300)).is_err());
        assert!(parse_color(&toml::Value::Boolean(true)).is_err());
    }

    #[test]
    fn lines_are_counted_from_one() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 99), 3);
    }
}
