//! The help overlay: every action and its keys, per context, generated from
//! the keymap so it always shows the bindings in force.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use crate::app::App;
use crate::input::keymap::Context;
use crate::text::wrap::display_width;

use super::draw_line;

fn heading(context: Context) -> &'static str {
    match context {
        Context::Global => "Everywhere",
        Context::Article => "Article pane",
        Context::Comments => "Comment pane",
        Context::Help => "This help",
        Context::Bookmarks => "Bookmark list",
        Context::Links => "Link list",
    }
}

/// The lines of the help text, with the width of the key column.
pub fn help_lines(app: &App) -> Vec<Line<'static>> {
    let sections: Vec<(Context, Vec<(String, &'static str)>)> = Context::ALL
        .iter()
        .map(|&context| {
            let rows = app
                .keymap
                .bindings_in(context)
                .into_iter()
                .map(|(action, keys)| (keys.join(", "), action.description()))
                .collect();
            (context, rows)
        })
        .collect();
    let key_width = sections
        .iter()
        .flat_map(|(_, rows)| rows.iter().map(|(keys, _)| display_width(keys)))
        .max()
        .unwrap_or(0)
        .min(24);
    let mut lines = Vec::new();
    for (context, rows) in sections {
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::from(Span::styled(
            heading(context),
            app.theme.help_heading,
        )));
        for (keys, description) in rows {
            let pad = key_width.saturating_sub(display_width(&keys));
            lines.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(keys, app.theme.help_key),
                Span::raw(" ".repeat(pad + 2)),
                Span::raw(description),
            ]));
        }
    }
    lines
}

pub fn render(app: &App, scroll: usize, area: Rect, buf: &mut Buffer) {
    let Some(popup) = super::overlay_box(area, buf, 76, 10, 3) else {
        return;
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Keys — ? or Esc to close ");
    let inner = block.inner(popup);
    block.render(popup, buf);
    let lines = help_lines(app);
    let max_scroll = lines.len().saturating_sub(usize::from(inner.height));
    for (offset, line) in lines
        .iter()
        .skip(scroll.min(max_scroll))
        .take(usize::from(inner.height))
        .enumerate()
    {
        draw_line(buf, inner, inner.y + offset as u16, line);
    }
}
