//! The bookmark list overlay and the note prompt.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

use crate::app::App;
use crate::app::bookmarks::BookmarkPanel;
use crate::app::prompt::{Prompt, PromptPurpose};
use crate::bookmarks::Bookmark;
use crate::text::wrap::{display_width, prefix_fitting};

use super::draw_line;

/// Lines each entry of the list takes: where and when, excerpt, note.
const ENTRY_LINES: usize = 3;

pub fn render_panel(app: &App, panel: &BookmarkPanel, area: Rect, buf: &mut Buffer) {
    let Some(popup) = super::overlay_box(area, buf, 90, 12, 4) else {
        return;
    };
    let title = format!(
        " Bookmarks ({}) — Enter go · d delete · u undo · e note · Esc close ",
        app.bookmarks.len()
    );
    let block = Block::default().borders(Borders::ALL).title(title);
    let inner = block.inner(popup);
    block.render(popup, buf);
    if app.bookmarks.is_empty() {
        let line = Line::from("No bookmarks in this document yet: b bookmarks a passage.");
        draw_line(buf, inner, inner.y, &line.style(app.theme.meta));
        return;
    }
    let visible_entries = (usize::from(inner.height) / ENTRY_LINES).max(1);
    let first = panel.selected.saturating_sub(visible_entries - 1);
    let text_width = usize::from(inner.width).saturating_sub(4);
    for (slot, (index, bookmark)) in app
        .bookmarks
        .iter()
        .enumerate()
        .skip(first)
        .take(visible_entries)
        .enumerate()
    {
        let y = inner.y + (slot * ENTRY_LINES) as u16;
        let selected = index == panel.selected;
        let lines = entry_lines(app, bookmark, selected, text_width);
        super::draw_list_entry(app, buf, inner, y, &lines, selected);
    }
}

/// An entry of the list: where and when, the excerpt, the note.
fn entry_lines<'a>(
    app: &'a App,
    bookmark: &'a Bookmark,
    selected: bool,
    text_width: usize,
) -> [Line<'a>; ENTRY_LINES] {
    let found = !app.marks.missing.contains(&bookmark.id);
    let mut head = vec![
        Span::styled(if selected { "▶ " } else { "  " }, app.theme.selection_bar),
        Span::styled(bookmark.location(), app.theme.author),
        Span::styled(
            format!(" · {}", crate::age::short_age(bookmark.created, app.now)),
            app.theme.meta,
        ),
    ];
    if !found {
        head.push(Span::styled(
            "  not found in this version",
            app.theme.folded,
        ));
    }
    let excerpt_line = bookmark.excerpt.lines().next().unwrap_or("");
    let (excerpt, used) = prefix_fitting(excerpt_line, text_width);
    let ellipsis = if used < display_width(&bookmark.excerpt) {
        "…"
    } else {
        ""
    };
    [
        Line::from(head),
        Line::from(vec![
            Span::raw("    "),
            Span::styled(format!("{excerpt}{ellipsis}"), app.theme.quote),
        ]),
        match &bookmark.note {
            Some(note) => Line::from(vec![
                Span::raw("    note: "),
                Span::styled(note.as_str(), Style::new().add_modifier(Modifier::ITALIC)),
            ]),
            None => Line::raw(""),
        },
    ]
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
