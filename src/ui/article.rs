//! The article pane: the wrapped article from the top line down, with the
//! passage cursor marked in the gutter.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::app::geometry::ARTICLE_GUTTER;
use crate::app::search::{Part, Place};
use crate::app::wrapped::{TextLine, WrappedArticle};
use crate::app::{App, Pane};
use crate::document::BlockKind;

use super::draw_line;
use crate::text::wrap::WrapMode;

const CURSOR_MARK: &str = "▌";
/// Marks a bookmarked passage in the gutter (and in comment headers).
pub const BOOKMARK_MARK: &str = "★";

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let layout = app.article_layout(area);
    let env = app.article_env(&layout, area);
    let top = app.article.top_line(&env);
    let text_area = Rect {
        x: area.x + ARTICLE_GUTTER.min(area.width),
        width: area.width.saturating_sub(ARTICLE_GUTTER),
        ..area
    };
    let cursor_lines = if layout.block_starts.is_empty() {
        0..0
    } else {
        layout.block_lines(app.article.cursor)
    };
    for (offset, line) in layout.lines[top.min(layout.lines.len())..]
        .iter()
        .take(usize::from(area.height))
        .enumerate()
    {
        let y = area.y + offset as u16;
        let on_cursor = cursor_lines.contains(&(top + offset));
        render_gutter(app, (&layout, top + offset), on_cursor, area, y, buf);
        if let Some((anchor, head)) = app.article.visual
            && (anchor.min(head)..=anchor.max(head)).contains(&(top + offset))
        {
            buf.set_style(
                Rect::new(text_area.x, y, text_area.width, 1),
                app.theme.selection,
            );
        }
        let drawn = match line {
            TextLine::Text { block, lead, range } => {
                block_line(app, *block, (lead, range.clone()), text_area.width.into())
            }
            TextLine::Title(range) => title_line(app, range.clone()),
            TextLine::StoryHeader(index) => {
                Line::from(Span::styled(layout.header[*index].as_str(), app.theme.meta))
            }
            TextLine::Blank | TextLine::Hidden => continue,
        };
        draw_line(buf, text_area, y, &drawn);
        if app.hyperlinks
            && let TextLine::Text { block, lead, range } = line
        {
            let x = text_area.x + crate::text::wrap::display_width(lead) as u16;
            let block = &app.document.article[*block];
            let row = (x, y, text_area.right());
            super::hyperlinks::mark_block_line(buf, row, block, range.clone());
        }
    }
    let drawn = layout
        .lines
        .len()
        .saturating_sub(top)
        .min(area.height.into());
    render_note(app, text_area, drawn, buf);
}

/// The gutter beside layout line `index`, drawn at row `y`: the passage
/// cursor when the line is `on_cursor`, and a star on the first line of a
/// bookmarked block.
fn render_gutter(
    app: &App,
    (layout, index): (&WrappedArticle, usize),
    on_cursor: bool,
    area: Rect,
    y: u16,
    buf: &mut Buffer,
) {
    if on_cursor && area.width > 0 {
        let style = if app.focus == Pane::Article {
            app.theme.cursor
        } else {
            app.theme.cursor_unfocused
        };
        buf[(area.x, y)].set_symbol(CURSOR_MARK).set_style(style);
    }
    if let Some(TextLine::Text { block, .. }) = layout.lines.get(index)
        && app.marks.article.contains(block)
        && layout.block_starts[*block] == index
        && area.width > 1
    {
        buf[(area.x + 1, y)]
            .set_symbol(BOOKMARK_MARK)
            .set_style(app.theme.bookmark);
    }
}

/// Under the link of a link post, a line on its article: on its way, or
/// why it is not there; a blank line apart from the text.
fn render_note(app: &App, text_area: Rect, drawn: usize, buf: &mut Buffer) {
    let Some(note) = app.article_note() else {
        return;
    };
    let width = usize::from(text_area.width).min(app.settings.reading_width);
    let wrapped = crate::text::wrap::wrap_lines(&note, width.max(1), WrapMode::Prose);
    for (offset, line) in wrapped.into_iter().enumerate() {
        let y = text_area.y as usize + drawn + 1 + offset;
        let Ok(y) = u16::try_from(y) else { return };
        draw_line(
            buf,
            text_area,
            y,
            &Line::from(Span::styled(line.to_string(), app.theme.meta)),
        );
    }
}

/// A line of the title above the article, with search matches highlighted.
fn title_line(app: &App, range: std::ops::Range<usize>) -> Line<'_> {
    let highlights = super::search_highlights(
        app,
        Place {
            comment: None,
            part: Part::Title,
        },
    );
    let style = app.theme.heading;
    Line::from(super::styled_spans(
        &app.document.title,
        range,
        style,
        &[],
        &highlights,
    ))
}

/// A line of article text, with search matches highlighted.
fn block_line<'a>(
    app: &'a App,
    index: usize,
    (lead, range): (&'a str, std::ops::Range<usize>),
    room: usize,
) -> Line<'a> {
    let highlights = super::search_highlights(
        app,
        Place {
            comment: None,
            part: Part::Block(index),
        },
    );
    let block = &app.document.article[index];
    let style = block_style(app, block.kind);
    let mut spans = vec![Span::styled(lead, style)];
    let room = room.saturating_sub(crate::text::wrap::display_width(lead));
    let offset = app.code_offset(Pane::Article);
    spans.extend(super::line_spans(
        app,
        block,
        range,
        (offset, room),
        (style, &highlights),
    ));
    Line::from(spans)
}

/// How a block kind looks, in the article and in comments.
pub fn block_style(app: &App, kind: BlockKind) -> Style {
    match kind {
        BlockKind::Heading | BlockKind::Warning => app.theme.heading,
        BlockKind::Quote => app.theme.quote,
        BlockKind::Code => app.theme.code,
        BlockKind::Paragraph | BlockKind::ListItem => Style::new(),
    }
}

/// "paragraph 3/14 · 42%" for the pane title.
pub fn position_label(app: &App, area: Rect) -> String {
    let layout = app.article_layout(area);
    let env = app.article_env(&layout, area);
    let blocks = layout.block_starts.len();
    if blocks == 0 {
        return "empty".to_string();
    }
    format!(
        "paragraph {}/{blocks} · {}%",
        app.article.cursor + 1,
        app.article.percent(&env)
    )
}
