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
        .title(" Links — 1-9 or Enter open · y copy URL · Esc close ");
    let inner = block.inner(popup);
    block.render(popup, buf);
    // Two lines a link: its text, then its URL; scrolled to the selection.
    let per_link = 2usize;
    let fits = (usize::from(inner.height) / per_link).max(1);
    let first = overlay.selected.saturating_sub(fits - 1);
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
        let number = if index < 9 {
            format!("{:>2} ", index + 1)
        } else {
            "   ".to_string()
        };
        let lines = [
            Line::from(vec![
                Span::styled(if selected { "▶" } else { " " }, app.theme.selection_bar),
                Span::styled(number, app.theme.help_key),
                Span::styled(link.text.as_str(), app.theme.author),
            ]),
            Line::from(vec![
                Span::raw("    "),
                Span::styled(link.url.as_str(), app.theme.meta),
            ]),
        ];
        super::draw_list_entry(app, buf, inner, y, &lines, selected);
    }
}
