//! The config file (`config.toml`): keys, theme and layout, laid over the
//! defaults built into tread (`assets/config.toml`, which is also what
//! `tread config --default` prints).
//!
//! A mistake is an error naming the file, the line and what was expected;
//! tread refuses to start rather than quietly ignore a typo.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod keys;
pub mod theme;
mod view;

use serde::Deserialize;
use toml::Spanned;

use crate::input::keymap::Keymap;
pub use theme::Theme;
use theme::{RawTheme, builtin_theme};
use view::RawLayout;
pub use view::ViewSettings;

/// The default config, embedded.
pub const DEFAULT_CONFIG: &str = include_str!("../../assets/config.toml");

#[derive(Debug, Clone)]
pub struct Config {
    pub keymap: Keymap,
    pub theme: Theme,
    pub settings: ViewSettings,
    /// Whether a link post's article is fetched as the thread opens
    /// (`[reader] fetch_articles`); when not, a key fetches it.
    pub fetch_articles: bool,
    /// Links as terminal hyperlinks (`[ui] hyperlinks`); None: where the
    /// terminal is known to follow them, and colour is not turned off.
    pub hyperlinks: Option<bool>,
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

/// The `[keys]` table: an action's keys, or a place's table of them.
type RawKeys = BTreeMap<Spanned<String>, Spanned<toml::Value>>;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    keys: RawKeys,
    #[serde(default)]
    theme: RawTheme,
    #[serde(default)]
    layout: RawLayout,
    #[serde(default)]
    reader: RawReader,
    #[serde(default)]
    search: RawSearch,
    #[serde(default)]
    ui: RawUi,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUi {
    hyperlinks: Option<bool>,
    mouse: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSearch {
    regex: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReader {
    fetch_articles: Option<bool>,
}

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
            fetch_articles: true,
            hyperlinks: None,
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

    /// Lays `raw` over this config: its keys, its theme, its layout.
    fn apply(&mut self, raw: RawConfig) -> Result<(), At> {
        self.apply_keys(&raw.keys)?;
        self.apply_theme(&raw.theme)?;
        if let Some(hyperlinks) = raw.ui.hyperlinks {
            self.hyperlinks = Some(hyperlinks);
        }
        if let Some(mouse) = raw.ui.mouse {
            self.settings.mouse = mouse;
        }
        if let Some(regex) = raw.search.regex {
            self.settings.search_regex = regex;
        }
        if let Some(fetch) = raw.reader.fetch_articles {
            self.fetch_articles = fetch;
        }
        self.apply_layout(&raw.layout)
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

    #[test]
    fn hyperlinks_follow_the_terminal_unless_the_config_says() {
        assert_eq!(Config::builtin().hyperlinks, None);
        let off = Config::from_toml("[ui]\nhyperlinks = false\n", "c.toml").unwrap();
        assert_eq!(off.hyperlinks, Some(false));
        assert!(Config::builtin().settings.mouse);
        let no_mouse = Config::from_toml("[ui]\nmouse = false\n", "c.toml").unwrap();
        assert!(!no_mouse.settings.mouse);
    }

    #[test]
    fn the_search_prompt_opens_plain_unless_asked() {
        assert!(!Config::builtin().settings.search_regex);
        let on = Config::from_toml("[search]\nregex = true\n", "c.toml").unwrap();
        assert!(on.settings.search_regex);
    }

    #[test]
    fn article_fetching_can_be_turned_off() {
        assert!(Config::builtin().fetch_articles);
        let off = Config::from_toml("[reader]\nfetch_articles = false\n", "c.toml").unwrap();
        assert!(!off.fetch_articles);
        let error = Config::from_toml("[reader]\nfetch = 1\n", "c.toml").unwrap_err();
        assert!(
            error.to_string().starts_with("c.toml:2: unknown option"),
            "{error}"
        );
    }

    #[test]
    fn lines_are_counted_from_one() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 99), 3);
    }
}
