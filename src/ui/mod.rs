//! Drawing the reader: `impl Widget for &App`, delegating to one function per
//! part of the screen. Rendering only reads the app; the layout of the screen
//! comes from `app::geometry`, the same function `App::update` measures with.

pub mod article;
mod bookmarks;
pub mod comments;
mod help;
mod hyperlinks;
pub mod library;
mod links;
pub mod loading;
mod status;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::ops::Range;

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::app::geometry::PaneArea;
use crate::app::search::Place;
use crate::app::{App, Overlay, Pane};
use crate::document::{Block, Emphasis};

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let screen = crate::app::geometry::screen_areas(
            area,
            self.arrangement(),
            self.zoomed_pane(),
            self.article_is_empty(),
        );
        if screen.too_small {
            render_too_small(area, buf);
            return;
        }
        render_title_bar(self, screen.title_bar, buf);
        if let Some(pane) = screen.article {
            render_pane_title(self, Pane::Article, pane, buf);
            article::render(self, pane.body, buf);
        }
        if let Some(pane) = screen.comments {
            render_pane_title(self, Pane::Comments, pane, buf);
            comments::render(self, pane.body, buf);
        }
        if let Some(divider) = screen.divider {
            for y in divider.top()..divider.bottom() {
                buf[(divider.x, y)]
                    .set_symbol("│")
                    .set_style(self.theme.divider);
            }
        }
        status::render(self, screen.status_bar, buf);
        match &self.overlay {
            Some(Overlay::Help(view)) => help::render(self, view, area, buf),
            Some(Overlay::Bookmarks(panel)) => bookmarks::render_panel(self, panel, area, buf),
            Some(Overlay::Links(overlay)) => links::render(self, overlay, area, buf),
            Some(Overlay::Prompt { prompt, under }) => {
                match under.as_deref() {
                    Some(Overlay::Bookmarks(panel)) => {
                        bookmarks::render_panel(self, panel, area, buf)
                    }
                    Some(Overlay::Help(view)) => help::render(self, view, area, buf),
                    _ => {}
                }
                bookmarks::render_prompt(self, prompt, screen.status_bar, buf);
            }
            None => {}
        }
    }
}

/// Clears and returns a box centred in `area`, at most `max_width` wide and
/// two rows short of its height; None when the box would be smaller than
/// `min_width` x `min_height`.
pub(crate) fn overlay_box(
    area: Rect,
    buf: &mut Buffer,
    max_width: u16,
    min_width: u16,
    min_height: u16,
) -> Option<Rect> {
    let width = area.width.saturating_sub(4).min(max_width);
    let height = area.height.saturating_sub(2);
    if width < min_width || height < min_height {
        return None;
    }
    let popup = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    ratatui::widgets::Clear.render(popup, buf);
    Some(popup)
}

/// Draws one entry of an overlay list (several lines from row `y`),
/// highlighted when selected, clipped to `inner`.
pub(crate) fn draw_list_entry(
    app: &App,
    buf: &mut Buffer,
    inner: Rect,
    y: u16,
    lines: &[Line],
    selected: bool,
) {
    for (offset, line) in lines.iter().enumerate() {
        let row = y + offset as u16;
        if row >= inner.bottom() {
            break;
        }
        if selected {
            buf.set_style(Rect::new(inner.x, row, inner.width, 1), app.theme.selection);
        }
        draw_line(buf, inner, row, line);
    }
}

/// Spans for the slice `range` of a block's text in style `base`: emphasized
/// stretches italic or bold, and `highlights` (byte ranges into the text,
/// such as search matches) patched over them.
pub(crate) fn block_text_spans<'a>(
    block: &'a Block,
    range: Range<usize>,
    base: Style,
    highlights: &[(Range<usize>, Style)],
) -> Vec<Span<'a>> {
    styled_spans(&block.text, range, base, block.emphasis(), highlights)
}

/// Spans for a line of code, chopped rather than wrapped: the part from
/// column `offset` that fits in `room` columns, with `‹` where it is cut at
/// the left and `›` where it goes on at the right, in `marker`'s style.
pub(crate) fn code_spans<'a>(
    block: &'a Block,
    range: Range<usize>,
    (offset, room): (usize, usize),
    (base, marker): (Style, Style),
    highlights: &[(Range<usize>, Style)],
) -> Vec<Span<'a>> {
    use crate::text::wrap::{display_width, prefix_fitting};
    let line = &block.text[range.clone()];
    if offset == 0 && display_width(line) <= room {
        return block_text_spans(block, range, base, highlights);
    }
    // Skip `offset` columns, and a column more for the `‹`.
    let skip = if offset > 0 { offset + 1 } else { 0 };
    let (skipped, _) = prefix_fitting(line, skip);
    let start = range.start + skipped.len();
    let left = start > range.start;
    let room = room.saturating_sub(usize::from(left));
    let rest = &block.text[start..range.end];
    let (shown, right) = if display_width(rest) <= room {
        (rest, false)
    } else {
        (prefix_fitting(rest, room.saturating_sub(1)).0, true)
    };
    let mut spans = Vec::new();
    if left {
        spans.push(Span::styled("‹", marker));
    }
    spans.extend(block_text_spans(
        block,
        start..start + shown.len(),
        base,
        highlights,
    ));
    if right {
        spans.push(Span::styled("›", marker));
    }
    spans
}

/// Spans for one screen line of a block's text: code chopped to `room`
/// columns from the pane's sideways `offset`, any other text as wrapped.
pub(crate) fn line_spans<'a>(
    app: &App,
    block: &'a Block,
    range: Range<usize>,
    (offset, room): (usize, usize),
    (style, highlights): (Style, &[(Range<usize>, Style)]),
) -> Vec<Span<'a>> {
    if block.kind == crate::document::BlockKind::Code {
        let styles = (style, app.theme.folded);
        code_spans(block, range, (offset, room), styles, highlights)
    } else {
        block_text_spans(block, range, style, highlights)
    }
}

/// Spans for a short text such as an author's name, with highlights.
pub(crate) fn highlighted<'a>(
    text: &'a str,
    base: Style,
    highlights: &[(Range<usize>, Style)],
) -> Vec<Span<'a>> {
    styled_spans(text, 0..text.len(), base, &[], highlights)
}

pub(crate) fn styled_spans<'a>(
    text: &'a str,
    range: Range<usize>,
    base: Style,
    emphasis: &[Emphasis],
    highlights: &[(Range<usize>, Style)],
) -> Vec<Span<'a>> {
    let overlaps = |r: &Range<usize>| r.start < range.end && r.end > range.start;
    let emphasis: Vec<&Emphasis> = emphasis.iter().filter(|e| overlaps(&e.range)).collect();
    let highlights: Vec<&(Range<usize>, Style)> =
        highlights.iter().filter(|(r, _)| overlaps(r)).collect();
    if emphasis.is_empty() && highlights.is_empty() {
        return vec![Span::styled(&text[range], base)];
    }
    let mut cuts = vec![range.start, range.end];
    let ranges = emphasis
        .iter()
        .map(|e| &e.range)
        .chain(highlights.iter().map(|h| &h.0));
    for r in ranges {
        cuts.extend([r.start, r.end].into_iter().filter(|c| range.contains(c)));
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|pair| {
            let piece = pair[0]..pair[1];
            let covers = |r: &Range<usize>| r.start <= piece.start && piece.end <= r.end;
            let mut style = base;
            for stretch in emphasis.iter().filter(|e| covers(&e.range)) {
                style = style.add_modifier(if stretch.strong {
                    Modifier::BOLD
                } else {
                    Modifier::ITALIC
                });
            }
            for (_, highlight) in highlights.iter().filter(|h| covers(&h.0)) {
                style = style.patch(*highlight);
            }
            Span::styled(&text[piece], style)
        })
        .collect()
}

/// The search matches in one place of the document, styled for drawing.
pub(crate) fn search_highlights(app: &App, place: Place) -> Vec<(Range<usize>, Style)> {
    let Some(search) = &app.search else {
        return Vec::new();
    };
    search
        .matches_in(place)
        .map(|index| {
            let style = if search.current == Some(index) {
                app.theme.current_match
            } else {
                app.theme.search_match
            };
            (search.matches[index].range.clone(), style)
        })
        .collect()
}

/// Draws `line` in one row of `area`, clipped to its width.
/// `line` cut to `width` columns with `…` at the end when it is wider, so
/// that a cut name or header shows it was cut.
pub(crate) fn ellipsized(line: Line<'_>, width: usize) -> Line<'_> {
    if width == 0 || line.width() <= width {
        return line;
    }
    let mut room = width - 1;
    let mut spans = Vec::new();
    for span in line.spans {
        let (fit, used) = crate::text::wrap::prefix_fitting(&span.content, room);
        let whole = fit.len() == span.content.len();
        spans.push(Span::styled(fit.to_string(), span.style));
        room -= used;
        if !whole || room == 0 {
            break;
        }
    }
    let style = spans.last().map(|span| span.style).unwrap_or_default();
    spans.push(Span::styled("…", style));
    Line::from(spans)
}

pub(crate) fn draw_line(buf: &mut Buffer, area: Rect, y: u16, line: &Line) {
    if y < area.bottom() {
        line.render(Rect::new(area.x, y, area.width, 1), buf);
    }
}

fn render_too_small(area: Rect, buf: &mut Buffer) {
    let lines = [
        "Terminal too small".to_string(),
        format!(
            "need {}x{}",
            crate::app::geometry::MIN_WIDTH,
            crate::app::geometry::MIN_HEIGHT
        ),
    ];
    draw_centered(&lines, area, buf);
}

/// `lines` in the middle of `area`, each centred when it fits.
pub(crate) fn draw_centered(lines: &[String], area: Rect, buf: &mut Buffer) {
    let top = area.y + area.height.saturating_sub(lines.len() as u16) / 2;
    for (i, text) in lines.iter().enumerate() {
        let y = top + i as u16;
        if y >= area.bottom() {
            break;
        }
        // Centred when it fits; otherwise its start is the part worth reading.
        let line = Line::from(text.as_str());
        let line = if text.len() <= usize::from(area.width) {
            line.centered()
        } else {
            line
        };
        draw_line(buf, area, y, &line);
    }
}

fn render_title_bar(app: &App, area: Rect, buf: &mut Buffer) {
    buf.set_style(area, app.theme.title_bar);
    let count = app.document.comments.comment_count();
    let origin = app
        .document
        .source
        .as_deref()
        .unwrap_or(app.source_name.as_str());
    let mut counts = format!(
        "  ·  {count}{} {}{}",
        if app.is_loading() { "…" } else { "" },
        crate::app::plural(count, "comment", "comments"),
        app.document.comments.describe_not_held()
    );
    if !app.unread.is_empty() {
        counts.push_str(&format!("  ·  {} new", app.unread.len()));
    }
    // A long title or path is cut with `…`; the counts always show.
    let room = usize::from(area.width).saturating_sub(Line::from(counts.as_str()).width());
    let named = Line::from(vec![
        Span::raw(" "),
        Span::raw(app.document.title.as_str()),
        Span::raw(format!("  ·  {origin}")),
    ]);
    let mut line = ellipsized(named, room);
    line.spans.push(Span::raw(counts));
    draw_line(buf, area, area.y, &line.style(app.theme.title_bar));
}

fn render_pane_title(app: &App, pane: Pane, area: PaneArea, buf: &mut Buffer) {
    let (area, body) = (area.title, area.body);
    let focused = app.focus == pane && app.help_scroll().is_none();
    let style = if focused {
        app.theme.pane_title_focused
    } else {
        app.theme.pane_title
    };
    buf.set_style(area, style);
    let (name, position) = match pane {
        Pane::Article if app.article_is_empty() => {
            ("Article", "none: this document is its comments".to_string())
        }
        Pane::Article => ("Article", article::position_label(app, body)),
        Pane::Comments => ("Comments", comments::position_label(app)),
    };
    let marker = if focused { "▶ " } else { "  " };
    let line = Line::from(vec![
        Span::raw(marker),
        Span::raw(name),
        Span::raw("  "),
        Span::styled(position, Style::new()),
    ]);
    draw_line(buf, area, area.y, &line.style(style));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn a_line_too_wide_is_cut_with_an_ellipsis() {
        let line = Line::from(vec![
            Span::raw("├─ • "),
            Span::raw("Bartholomew_Featherstonehaugh"),
        ]);
        assert_eq!(text(&ellipsized(line.clone(), 14)), "├─ • Bartholo…");
        assert_eq!(ellipsized(line.clone(), 14).width(), 14);
        assert_eq!(text(&ellipsized(line.clone(), 60)), text(&line));
        // A wide character that would straddle the edge is left out whole.
        let wide = Line::from("名前は田中ゆきです");
        let cut = ellipsized(wide, 8);
        assert_eq!(text(&cut), "名前は…");
        assert!(cut.width() <= 8);
    }
}
