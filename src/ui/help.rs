//! The help overlay: the help laid out by `app::help` at the screen's width,
//! in one column or two, with what `/` found highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

use crate::app::App;
use crate::app::help::{HelpLine, HelpView};
use crate::text::wrap::display_width;

use super::draw_line;

pub fn render(app: &App, view: &HelpView, area: Rect, buf: &mut Buffer) {
    let inner = crate::app::geometry::help_text_area(area);
    if inner.width < 10 || inner.height < 1 {
        return;
    }
    let popup = Rect::new(inner.x - 1, inner.y - 1, inner.width + 2, inner.height + 2);
    Clear.render(popup, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Keys — / searches, ? or Esc closes ");
    block.render(popup, buf);
    let layout = app.help_layout();
    let column_width = match layout.columns.len() {
        1 => inner.width,
        _ => (inner.width - 3) / 2,
    };
    for (index, column) in layout.columns.iter().enumerate() {
        let x = inner.x + index as u16 * (column_width + 3);
        let area = Rect::new(x, inner.y, column_width, inner.height);
        for (offset, line) in column
            .iter()
            .skip(view.scroll)
            .take(usize::from(inner.height))
            .enumerate()
        {
            let line = styled(app, line, layout.key_width, view.query.as_deref());
            draw_line(buf, area, area.y + offset as u16, &line);
        }
    }
}

/// A help line in the theme's colours, what was searched for highlighted.
fn styled<'a>(app: &App, line: &'a HelpLine, key_width: usize, query: Option<&str>) -> Line<'a> {
    let theme = &app.theme;
    let mut spans = match line {
        HelpLine::Blank => Vec::new(),
        HelpLine::Heading(heading) => vec![Span::styled(*heading, theme.help_heading)],
        HelpLine::Row { keys, text } => {
            let pad = key_width.saturating_sub(display_width(keys));
            vec![
                Span::raw("  "),
                Span::styled(keys.as_str(), theme.help_key),
                Span::raw(" ".repeat(pad + 2)),
                Span::raw(text.as_str()),
            ]
        }
    };
    if let Some(query) = query.filter(|q| !q.is_empty()) {
        spans = spans
            .into_iter()
            .flat_map(|span| highlight(span, query, theme.search_match))
            .collect();
    }
    Line::from(spans)
}

/// `span` split where it holds `query` (ignoring case), those parts styled.
fn highlight<'a>(span: Span<'a>, query: &str, style: ratatui::style::Style) -> Vec<Span<'a>> {
    let text = span.content.to_string();
    let lower = text.to_lowercase();
    let wanted = query.to_lowercase();
    // Lower-casing can change byte lengths; then the text is left plain.
    if lower.len() != text.len() || wanted.is_empty() {
        return vec![span];
    }
    let mut pieces = Vec::new();
    let mut at = 0;
    for (start, found) in lower.match_indices(&wanted) {
        if start > at {
            pieces.push(Span::styled(text[at..start].to_string(), span.style));
        }
        let end = start + found.len();
        pieces.push(Span::styled(
            text[start..end].to_string(),
            span.style.patch(style),
        ));
        at = end;
    }
    if at == 0 {
        return vec![span];
    }
    pieces.push(Span::styled(text[at..].to_string(), span.style));
    pieces
}
