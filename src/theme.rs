//! Styles by role, in three built-in themes. `mono` marks things with bold,
//! reverse and dim only; `NO_COLOR` selects it (see `config`).

use ratatui::style::{Color, Modifier, Style};

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
