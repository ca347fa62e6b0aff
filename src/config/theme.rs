//! Styles by role, in three built-in themes. `mono` marks things with bold,
//! reverse and dim only; `NO_COLOR` selects it (see `config`).

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use toml::Spanned;

use super::{At, Config, at};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub title_bar: Style,
    pub pane_title: Style,
    pub pane_title_focused: Style,
    pub divider: Style,
    pub guide: Style,
    pub author: Style,
    /// The "OP" mark on the article author's comments.
    pub op: Style,
    pub meta: Style,
    pub folded: Style,
    pub selection: Style,
    pub selection_bar: Style,
    pub cursor: Style,
    pub cursor_unfocused: Style,
    pub heading: Style,
    pub quote: Style,
    pub code: Style,
    pub status_bar: Style,
    pub status_tag: Style,
    pub message: Style,
    pub help_key: Style,
    pub help_heading: Style,
    pub bookmark: Style,
    /// Lines of a visual selection.
    pub visual: Style,
    /// Search matches on screen, and the one gone to last.
    pub search_match: Style,
    pub current_match: Style,
    /// Comments new since the last visit.
    pub new_comment: Style,
}

pub const DARK: Theme = Theme {
    title_bar: Style::new()
        .fg(Color::Black)
        .bg(Color::Cyan)
        .add_modifier(Modifier::BOLD),
    pane_title: Style::new().fg(Color::Gray).bg(Color::DarkGray),
    pane_title_focused: Style::new()
        .fg(Color::Black)
        .bg(Color::Yellow)
        .add_modifier(Modifier::BOLD),
    divider: Style::new().fg(Color::DarkGray),
    guide: Style::new().fg(Color::DarkGray),
    author: Style::new()
        .fg(Color::LightBlue)
        .add_modifier(Modifier::BOLD),
    op: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
    meta: Style::new().fg(Color::Gray),
    folded: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
    selection: Style::new().bg(Color::Indexed(236)),
    selection_bar: Style::new().fg(Color::Yellow),
    cursor: Style::new().fg(Color::Yellow),
    cursor_unfocused: Style::new().fg(Color::DarkGray),
    heading: Style::new().add_modifier(Modifier::BOLD),
    quote: Style::new().fg(Color::Green),
    code: Style::new().fg(Color::LightMagenta),
    status_bar: Style::new().fg(Color::White).bg(Color::Indexed(236)),
    status_tag: Style::new()
        .fg(Color::Black)
        .bg(Color::Yellow)
        .add_modifier(Modifier::BOLD),
    message: Style::new().fg(Color::LightYellow).bg(Color::Indexed(236)),
    help_key: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
    help_heading: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    bookmark: Style::new()
        .fg(Color::LightRed)
        .add_modifier(Modifier::BOLD),
    visual: Style::new().bg(Color::Indexed(24)),
    search_match: Style::new().fg(Color::Black).bg(Color::Yellow),
    current_match: Style::new()
        .fg(Color::Black)
        .bg(Color::LightRed)
        .add_modifier(Modifier::BOLD),
    new_comment: Style::new()
        .fg(Color::LightGreen)
        .add_modifier(Modifier::BOLD),
};

pub const MONO: Theme = Theme {
    title_bar: Style::new().add_modifier(Modifier::REVERSED),
    pane_title: Style::new().add_modifier(Modifier::DIM),
    pane_title_focused: Style::new().add_modifier(Modifier::REVERSED),
    divider: Style::new(),
    guide: Style::new().add_modifier(Modifier::DIM),
    author: Style::new().add_modifier(Modifier::BOLD),
    op: Style::new().add_modifier(Modifier::BOLD),
    meta: Style::new().add_modifier(Modifier::DIM),
    folded: Style::new().add_modifier(Modifier::BOLD),
    selection: Style::new().add_modifier(Modifier::REVERSED),
    selection_bar: Style::new().add_modifier(Modifier::BOLD),
    cursor: Style::new().add_modifier(Modifier::BOLD),
    cursor_unfocused: Style::new().add_modifier(Modifier::DIM),
    heading: Style::new().add_modifier(Modifier::BOLD),
    quote: Style::new().add_modifier(Modifier::ITALIC),
    code: Style::new(),
    status_bar: Style::new().add_modifier(Modifier::REVERSED),
    status_tag: Style::new().add_modifier(Modifier::BOLD),
    message: Style::new()
        .add_modifier(Modifier::REVERSED)
        .add_modifier(Modifier::BOLD),
    help_key: Style::new().add_modifier(Modifier::BOLD),
    help_heading: Style::new()
        .add_modifier(Modifier::BOLD)
        .add_modifier(Modifier::UNDERLINED),
    bookmark: Style::new().add_modifier(Modifier::BOLD),
    visual: Style::new().add_modifier(Modifier::REVERSED),
    search_match: Style::new().add_modifier(Modifier::REVERSED),
    current_match: Style::new()
        .add_modifier(Modifier::REVERSED)
        .add_modifier(Modifier::BOLD)
        .add_modifier(Modifier::UNDERLINED),
    new_comment: Style::new().add_modifier(Modifier::BOLD),
};

/// For light terminal backgrounds: dark text, pale bars.
pub const LIGHT: Theme = Theme {
    title_bar: Style::new()
        .fg(Color::White)
        .bg(Color::Blue)
        .add_modifier(Modifier::BOLD),
    pane_title: Style::new().fg(Color::Black).bg(Color::Indexed(252)),
    pane_title_focused: Style::new()
        .fg(Color::Black)
        .bg(Color::Indexed(222))
        .add_modifier(Modifier::BOLD),
    divider: Style::new().fg(Color::Indexed(248)),
    guide: Style::new().fg(Color::Indexed(245)),
    author: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
    op: Style::new()
        .fg(Color::Indexed(130))
        .add_modifier(Modifier::BOLD),
    meta: Style::new().fg(Color::Indexed(242)),
    folded: Style::new()
        .fg(Color::Indexed(130))
        .add_modifier(Modifier::BOLD),
    selection: Style::new().bg(Color::Indexed(254)),
    selection_bar: Style::new().fg(Color::Indexed(130)),
    cursor: Style::new().fg(Color::Indexed(130)),
    cursor_unfocused: Style::new().fg(Color::Indexed(248)),
    heading: Style::new().add_modifier(Modifier::BOLD),
    quote: Style::new().fg(Color::Indexed(28)),
    code: Style::new().fg(Color::Magenta),
    status_bar: Style::new().fg(Color::Black).bg(Color::Indexed(252)),
    status_tag: Style::new()
        .fg(Color::White)
        .bg(Color::Blue)
        .add_modifier(Modifier::BOLD),
    message: Style::new().fg(Color::Indexed(88)).bg(Color::Indexed(252)),
    help_key: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
    help_heading: Style::new()
        .fg(Color::Indexed(130))
        .add_modifier(Modifier::BOLD),
    bookmark: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
    visual: Style::new().bg(Color::Indexed(153)),
    search_match: Style::new().fg(Color::Black).bg(Color::Indexed(226)),
    current_match: Style::new()
        .fg(Color::White)
        .bg(Color::Red)
        .add_modifier(Modifier::BOLD),
    new_comment: Style::new()
        .fg(Color::Indexed(28))
        .add_modifier(Modifier::BOLD),
};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTheme {
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

/// A theme role: its colour from the file, the styles it colours, and
/// whether it colours their background (bars) or their text.
type Role<'a> = (
    &'a Option<Spanned<toml::Value>>,
    &'a mut [&'a mut Style],
    bool,
);

impl Config {
    pub(super) fn apply_theme(&mut self, raw: &RawTheme) -> Result<(), At> {
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
}

pub(super) fn builtin_theme(name: &str) -> Option<Theme> {
    match name {
        "dark" => Some(DARK),
        "light" => Some(LIGHT),
        "mono" => Some(MONO),
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
}
