//! The comment pane: the visible comments from the top line down, each a
//! header (author, age, score, fold state) and its wrapped body, drawn behind
//! tree guides. Only the rows in view are wrapped and drawn.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use crate::app::geometry::COMMENT_GUTTER;
use crate::app::search::{Part, Place};
use crate::app::wrapped::TextLine;
use crate::app::{Action, App};
use crate::document::CommentId;
use crate::input::keymap::Context;
use crate::text::tree_guides::{CommentGuides, GuideWalker};
use crate::text::wrap::display_width;

use super::article::block_style;
use super::draw_line;

const SELECTION_MARK: &str = "▌";
const OPEN_MARKER: &str = "▾ ";
const FOLDED_MARKER: &str = "▸ ";
const LEAF_MARKER: &str = "• ";
/// Marks a stub for replies the file does not hold.
const STUB_MARKER: &str = "⋯ ";

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let comments = &app.document.comments;
    let view = &app.comments;
    let env = app.comments_env(area);
    let Some(top) = view.top else {
        let line = Line::from("  No comments.").style(app.theme.meta);
        draw_line(buf, area, area.y, &line);
        return;
    };
    let text_area = Rect {
        x: area.x + COMMENT_GUTTER.min(area.width),
        width: area.width.saturating_sub(COMMENT_GUTTER),
        ..area
    };
    let mut walker = GuideWalker::starting_at(comments, top.id);
    let mut y = area.y;
    let mut row = view.outline.row_of(top.id);
    let mut first_line = top.line;
    while let Some(index) = row {
        let Some(&id) = view.outline.visible().get(index) else {
            break;
        };
        if y >= area.bottom() {
            break;
        }
        let folded = view.outline.is_folded(id);
        let replies_shown = !folded && comments.get(id).has_replies();
        let guides = walker.next(comments, id, replies_shown, env.style);
        let selected = view.selected == Some(id);
        let height = view.row_height(&env, id);
        let body = if folded { None } else { Some(env.body(id)) };
        let depth = comments.get(id).depth;
        let preview_width = env.style.body_indent(depth as usize) + env.text_width(depth);
        for line_index in first_line..height {
            if y >= area.bottom() {
                break;
            }
            let row = Row {
                id,
                line_index,
                selected,
                guides: &guides,
                body: body.as_deref(),
                folded,
                preview_width,
            };
            draw_row_line(app, &row, area, text_area, y, buf);
            y += 1;
        }
        first_line = 0;
        row = Some(index + 1);
    }
}

/// One comment line on screen: which comment, which of its lines.
struct Row<'a> {
    id: CommentId,
    line_index: usize,
    selected: bool,
    guides: &'a CommentGuides,
    body: Option<&'a [TextLine]>,
    folded: bool,
    /// Columns of a folded comment's preview line, guides included.
    preview_width: usize,
}

/// Draws one line of a comment at row `y`: its selection and visual marks,
/// then the header or the body line.
fn draw_row_line(app: &App, row: &Row, area: Rect, text_area: Rect, y: u16, buf: &mut Buffer) {
    let (id, line_index, selected, guides) = (row.id, row.line_index, row.selected, row.guides);
    let view = &app.comments;
    if selected {
        buf.set_style(Rect::new(area.x, y, area.width, 1), app.theme.selection);
        buf[(area.x, y)]
            .set_symbol(SELECTION_MARK)
            .set_style(app.theme.selection_bar);
    }
    if selected
        && let Some((anchor, head)) = view.visual
        && line_index > 0
        && (anchor.min(head)..=anchor.max(head)).contains(&(line_index - 1))
    {
        buf.set_style(
            Rect::new(text_area.x, y, text_area.width, 1),
            app.theme.visual,
        );
    }
    let text_line = match line_index {
        0 => None,
        _ if row.folded => None,
        n => row.body.and_then(|b| b.get(n - 1)),
    };
    let line = if line_index == 0 {
        super::ellipsized(header_line(app, id, guides), text_area.width.into())
    } else if row.folded {
        preview_line(app, id, guides, row.preview_width)
    } else {
        body_line(app, id, guides, text_line, text_area.width.into())
    };
    draw_line(buf, text_area, y, &line);
    if app.hyperlinks
        && let Some(TextLine::Text { block, lead, range }) = text_line
    {
        let indent = display_width(&guides.body);
        let x = text_area.x + (indent + display_width(lead)) as u16;
        let block = &app.document.comments.get(id).body[*block];
        let row = (x, y, text_area.right());
        super::hyperlinks::mark_block_line(buf, row, block, range.clone());
    }
}

fn header_line<'a>(app: &'a App, id: CommentId, guides: &'a CommentGuides) -> Line<'a> {
    let comments = &app.document.comments;
    let comment = comments.get(id);
    let folded = app.comments.outline.is_folded(id);
    let marker = if comment.is_stub() {
        STUB_MARKER
    } else if !comment.has_replies() {
        LEAF_MARKER
    } else if folded {
        FOLDED_MARKER
    } else {
        OPEN_MARKER
    };
    let theme = &app.theme;
    let mut spans = vec![
        Span::styled(guides.header.as_str(), theme.guide),
        Span::styled(marker, if folded { theme.folded } else { theme.guide }),
    ];
    spans.extend(header_marks(app, id, guides));
    if let Some(more) = comment.more {
        // A stub, not a comment: what the file leaves out, and nothing more.
        spans.push(Span::styled(more.describe(), theme.folded));
        return Line::from(spans);
    }
    let author = if comment.deleted {
        "[deleted]"
    } else {
        comment.author.as_deref().unwrap_or("anonymous")
    };
    let highlights = super::search_highlights(
        app,
        Place {
            comment: Some(id),
            part: Part::Author,
        },
    );
    spans.extend(super::highlighted(author, theme.author, &highlights));
    if app.document.is_op(comment) {
        spans.push(Span::styled(" OP", theme.op));
    }
    if comment.dead {
        spans.push(Span::styled(" [dead]", theme.meta));
    }
    spans.extend(header_details(app, id));
    Line::from(spans)
}

/// The marks before the author: bookmarked, depth, new since the last visit.
fn header_marks(app: &App, id: CommentId, guides: &CommentGuides) -> Vec<Span<'static>> {
    let theme = &app.theme;
    let mut spans = Vec::new();
    if app.marks.comments.contains(&id) {
        spans.push(Span::styled(
            format!("{} ", super::article::BOOKMARK_MARK),
            theme.bookmark,
        ));
    }
    if let Some(depth) = guides.depth_label {
        spans.push(Span::styled(format!("[{depth}] "), theme.meta));
    }
    if app.is_new(id) {
        // Read, the mark stays for the session, dimmed.
        let style = if app.is_unread(id) {
            theme.new_comment
        } else {
            theme.new_comment.add_modifier(Modifier::DIM)
        };
        spans.push(Span::styled("● ", style));
    }
    spans
}

/// What follows the author in a header: age, points, and what a fold hides.
fn header_details(app: &App, id: CommentId) -> Vec<Span<'static>> {
    let comments = &app.document.comments;
    let comment = comments.get(id);
    let theme = &app.theme;
    let folded = app.comments.outline.is_folded(id);
    let mut spans = Vec::new();
    if let Some(posted) = comment.posted.as_ref().filter(|_| app.settings.show_ages) {
        let age = match crate::age::parse_timestamp(posted) {
            Some(then) => crate::age::short_age(then, app.now),
            None => posted.to_string(),
        };
        spans.push(Span::styled(format!(" · {age}"), theme.meta));
    }
    if let Some(score) = comment.score.filter(|_| app.settings.show_scores) {
        spans.push(Span::styled(
            format!(
                " · {score} {}",
                crate::app::plural(score.unsigned_abs() as usize, "point", "points")
            ),
            theme.meta,
        ));
    }
    if folded {
        let hidden = comments.replies_under(id);
        let new = app.new_below(id);
        // Replies still arriving: the count is not final.
        let more = if comments.is_open(id) { "…" } else { "" };
        let label = if new > 0 {
            format!("  [+{hidden}{more}, {new} new]")
        } else {
            format!("  [+{hidden}{more}]")
        };
        spans.push(Span::styled(label, theme.folded));
    }
    spans
}

/// The line under a folded comment's header: the start of its text, dimmed,
/// cut with `…` where more follows. Only the first block, which for a
/// comment behind a content warning is the warning, never what it hides.
fn preview_line<'a>(
    app: &'a App,
    id: CommentId,
    guides: &'a CommentGuides,
    width: usize,
) -> Line<'a> {
    let body = &app.document.comments.get(id).body;
    let style = app.theme.meta.add_modifier(Modifier::DIM);
    let mut spans = vec![Span::styled(guides.body.as_str(), app.theme.guide)];
    if let Some(first) = body.first() {
        let end = first.text.find('\n').unwrap_or(first.text.len());
        let highlights = super::search_highlights(
            app,
            Place {
                comment: Some(id),
                part: Part::Block(0),
            },
        );
        let lead = crate::text::block_lines::first_lead(first.kind);
        spans.push(Span::styled(lead, style));
        spans.extend(super::block_text_spans(first, 0..end, style, &highlights));
        if end < first.text.len() || body.len() > 1 {
            spans.push(Span::styled(" …", style));
        }
    }
    super::ellipsized(Line::from(spans), width)
}

fn body_line<'a>(
    app: &'a App,
    id: CommentId,
    guides: &'a CommentGuides,
    text_line: Option<&TextLine>,
    room: usize,
) -> Line<'a> {
    let mut spans = vec![Span::styled(guides.body.as_str(), app.theme.guide)];
    if let Some(TextLine::Hidden) = text_line {
        let key = app.keymap.key_label(Context::Comments, Action::ToggleFold);
        spans.push(Span::styled(
            format!("[text hidden behind the warning · {key} shows it]"),
            app.theme.folded,
        ));
    }
    if let Some(TextLine::Text { block, lead, range }) = text_line {
        let highlights = super::search_highlights(
            app,
            Place {
                comment: Some(id),
                part: Part::Block(*block),
            },
        );
        let block = &app.document.comments.get(id).body[*block];
        let style = block_style(app, block.kind);
        spans.push(Span::styled(*lead, style));
        let used = display_width(&guides.body) + display_width(lead);
        let offset = app.code_offset(crate::app::Pane::Comments);
        spans.extend(super::line_spans(
            app,
            block,
            range.clone(),
            (offset, room.saturating_sub(used)),
            (style, &highlights),
        ));
    }
    Line::from(spans)
}

/// The selected comment's full date, for the status bar.
pub fn selected_date(app: &App) -> Option<String> {
    let id = app.comments.selected?;
    let posted = app.document.comments.get(id).posted.as_deref()?;
    Some(crate::age::readable_date(posted, &app.zone))
}

/// "comment 3/26" for the pane title.
pub fn position_label(app: &App) -> String {
    let view = &app.comments;
    let Some(selected) = view.selected else {
        return "none".to_string();
    };
    let visible = view.outline.visible().len();
    let row = view.outline.row_of(selected).map_or(0, |r| r + 1);
    let total = app.document.comments.len();
    let more = if app.is_loading() { "…" } else { "" };
    if visible == total {
        format!("{row}/{visible}{more}")
    } else {
        format!("{row}/{visible} shown of {total}{more}")
    }
}
