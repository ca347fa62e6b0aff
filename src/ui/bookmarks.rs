//! The bookmark list overlay and the note prompt.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

use crate::app::App;
use crate::app::bookmark_panel::{BookmarkPanel, PanelEntry};
use crate::app::prompt::{Prompt, PromptPurpose};
use crate::text::wrap::{WrapMode, display_width, prefix_fitting, wrap_lines};

use super::draw_line;

/// Lines each entry of the list takes: where and when, two of excerpt,
/// the note.
const ENTRY_LINES: usize = 4;

pub fn render_panel(app: &App, panel: &BookmarkPanel, area: Rect, buf: &mut Buffer) {
    let Some(popup) = super::overlay_box(area, buf, 90, 12, 4) else {
        return;
    };
    let entries = app.panel_entries(panel.all);
    let title = if panel.all {
        format!(" Every document's bookmarks ({}) ", entries.len())
    } else {
        format!(" Bookmarks ({}) ", entries.len())
    };
    let block = Block::default().borders(Borders::ALL).title(title);
    let inner = block.inner(popup);
    block.render(popup, buf);
    if entries.is_empty() {
        let line = Line::from("No bookmarks in this document yet: b bookmarks a passage.");
        draw_line(buf, inner, inner.y, &line.style(app.theme.meta));
        return;
    }
    let visible_entries = (usize::from(inner.height) / ENTRY_LINES).max(1);
    let first = panel.selected.saturating_sub(visible_entries - 1);
    let text_width = usize::from(inner.width).saturating_sub(4);
    for (slot, (index, &entry)) in entries
        .iter()
        .enumerate()
        .skip(first)
        .take(visible_entries)
        .enumerate()
    {
        let y = inner.y + (slot * ENTRY_LINES) as u16;
        let selected = index == panel.selected;
        let lines = entry_lines(app, entry, selected, text_width);
        super::draw_list_entry(app, buf, inner, y, &lines, selected);
    }
}

/// An entry of the list: where and when, the excerpt over two lines (cut
/// with `…`), the note.
fn entry_lines(app: &App, entry: PanelEntry, selected: bool, text_width: usize) -> Vec<Line<'_>> {
    let bookmark = app.panel_bookmark(entry);
    let place = match entry {
        PanelEntry::Here(_) => app.bookmark_place(bookmark),
        PanelEntry::Elsewhere(_) => format!("{} · {}", bookmark.title, bookmark.location()),
    };
    let mut head = vec![
        Span::styled(if selected { "▶ " } else { "  " }, app.theme.selection_bar),
        Span::styled(place, app.theme.author),
        Span::styled(
            format!(" · {}", crate::age::short_age(bookmark.created, app.now)),
            app.theme.meta,
        ),
    ];
    if matches!(entry, PanelEntry::Here(_)) && app.marks.missing.contains(&bookmark.id) {
        head.push(Span::styled(
            "  not found in this version",
            app.theme.folded,
        ));
    }
    let mut lines = vec![super::ellipsized(Line::from(head), text_width + 4)];
    let excerpt = bookmark
        .excerpt
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let wrapped = wrap_lines(&excerpt, text_width.max(1), WrapMode::Prose);
    for (index, line) in wrapped.iter().take(2).enumerate() {
        let more = index == 1 && wrapped.len() > 2;
        let text = if more {
            let (fit, _) = prefix_fitting(line, text_width.saturating_sub(1));
            format!("{fit}…")
        } else {
            line.to_string()
        };
        lines.push(Line::from(vec![
            Span::raw("    "),
            Span::styled(text, app.theme.quote),
        ]));
    }
    while lines.len() < 3 {
        lines.push(Line::raw(""));
    }
    lines.push(match &bookmark.note {
        Some(note) => Line::from(vec![
            Span::raw("    note: "),
            Span::styled(note.clone(), Style::new().add_modifier(Modifier::ITALIC)),
        ]),
        None => Line::raw(""),
    });
    lines
}

/// The prompt takes the status bar's place: a label, the text, a cursor.
pub fn render_prompt(app: &App, prompt: &Prompt, area: Rect, buf: &mut Buffer) {
    Clear.render(area, buf);
    buf.set_style(area, app.theme.status_bar);
    let label = match prompt.purpose {
        PromptPurpose::New(_) => " Note (Enter saves, Esc cancels): ",
        PromptPurpose::EditNote(_) => " Note (Enter saves, Esc cancels): ",
        PromptPurpose::Search { regex: false } => " Search (Ctrl-R: regex): /",
        PromptPurpose::Search { regex: true } => " Regex search (Ctrl-R: plain): /",
        PromptPurpose::HelpSearch => " Search the help: /",
        PromptPurpose::Pipe => " Pipe the text to (a shell command): |",
    };
    let room = usize::from(area.width).saturating_sub(display_width(label) + 1);
    // Show the end of a long note, where the cursor usually is.
    let before: String = prompt.text.chars().take(prompt.cursor).collect();
    let after: String = prompt.text.chars().skip(prompt.cursor).collect();
    let mut shown_before = before.as_str();
    while display_width(shown_before) > room && !shown_before.is_empty() {
        let mut chars = shown_before.chars();
        chars.next();
        shown_before = chars.as_str();
    }
    let (shown_after, _) = prefix_fitting(&after, room.saturating_sub(display_width(shown_before)));
    let mut cursor_char = shown_after.chars();
    let under_cursor = cursor_char.next().map_or(" ".to_string(), String::from);
    let line = Line::from(vec![
        Span::styled(label, app.theme.status_tag),
        Span::raw(shown_before.to_string()),
        Span::styled(under_cursor, Style::new().add_modifier(Modifier::REVERSED)),
        Span::raw(cursor_char.as_str().to_string()),
    ]);
    draw_line(buf, area, area.y, &line);
}
