//! The link list overlay: numbered links, their text and full URL.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use crate::app::App;
use crate::app::links::LinksOverlay;

pub fn render(app: &App, overlay: &LinksOverlay, area: Rect, buf: &mut Buffer) {
    let Some(popup) = super::overlay_box(area, buf, 100, 16, 4) else {
        return;
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(if overlay.links.len() > 9 {
            " Links — a number or Enter opens · y copies the URL · Esc closes "
        } else {
            " Links — 1-9 or Enter opens · y copies the URL · Esc closes "
        });
    let inner = block.inner(popup);
    block.render(popup, buf);
    // Two lines a link: its text, then its URL; scrolled to the selection.
    let per_link = 2usize;
    let fits = (usize::from(inner.height) / per_link).max(1);
    let first = overlay.selected.saturating_sub(fits - 1);
    let digits = overlay.links.len().to_string().len().max(2);
    for (slot, (index, link)) in overlay
        .links
        .iter()
        .enumerate()
        .skip(first)
        .take(fits)
        .enumerate()
    {
        let y = inner.y + (slot * per_link) as u16;
        let selected = index == overlay.selected;
        let number = format!("{:>width$} ", index + 1, width = digits);
        // A bare address is its own text: shown once.
        let (text, url) = if link.text.trim() == link.url {
            (link.url.as_str(), "")
        } else {
            (link.text.as_str(), link.url.as_str())
        };
        let lines = [
            Line::from(vec![
                Span::styled(if selected { "▶" } else { " " }, app.theme.selection_bar),
                Span::styled(number, app.theme.help_key),
                Span::styled(text, app.theme.author),
            ]),
            Line::from(vec![
                Span::raw(" ".repeat(digits + 2)),
                Span::styled(url, app.theme.meta),
            ]),
        ];
        super::draw_list_entry(app, buf, inner, y, &lines, selected);
    }
}
