//! The status bar: which pane has the focus, then a transient message or key
//! hints read from the keymap (so they show the user's real keys).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::{Action, App, Pane};
use crate::input::keymap::Context;

use super::draw_line;
use crate::text::wrap::display_width;

/// The search's place ("match 3/41 · ") and the focused pane's position,
/// for the right end of the bar.
fn position(app: &App) -> String {
    let search = match &app.search {
        Some(search) => {
            let mut query: String = search.query.chars().take(20).collect();
            if query.len() < search.query.len() {
                query.push('…');
            }
            match search.current {
                Some(current) => {
                    let more = match (search.complete, app.is_loading()) {
                        (false, _) => "+",
                        (true, true) => "…",
                        (true, false) => "",
                    };
                    format!(
                        "/{query} match {}/{}{more} · ",
                        current + 1,
                        search.matches.len()
                    )
                }
                None if app.is_loading() => format!("/{query} no match yet… · "),
                None => format!("/{query} no match · "),
            }
        }
        None => String::new(),
    };
    let typed = if app.typed.is_empty() {
        String::new()
    } else {
        format!("{} · ", app.typed)
    };
    format!("{typed}{search}{}", pane_position(app))
}

fn pane_position(app: &App) -> String {
    let screen = app.screen();
    match app.focus {
        Pane::Article => screen
            .article
            .map(|pane| super::article::position_label(app, pane.body))
            .unwrap_or_default(),
        Pane::Comments => match super::comments::selected_date(app) {
            Some(date) => format!("{date} · comment {}", super::comments::position_label(app)),
            None => format!("comment {}", super::comments::position_label(app)),
        },
    }
}

type Hints = &'static [(Action, &'static str)];

const HELP_HINTS: Hints = &[
    (Action::ScrollDown, "scroll"),
    (Action::CloseOverlay, "close"),
];
const ARTICLE_VISUAL_HINTS: Hints = &[
    (Action::ScrollDown, "extend"),
    (Action::NextParagraph, "paragraph"),
    (Action::Bookmark, "bookmark"),
    (Action::CloseOverlay, "cancel"),
];
/// In the comments j and k extend a selection, and `}` `{` go by paragraph.
const COMMENTS_VISUAL_HINTS: Hints = &[
    (Action::NextComment, "extend"),
    (Action::NextThread, "paragraph"),
    (Action::Bookmark, "bookmark"),
    (Action::CloseOverlay, "cancel"),
];
const ARTICLE_HINTS: Hints = &[
    (Action::ScrollDown, "scroll"),
    (Action::NextParagraph, "paragraph"),
    (Action::FocusNext, "comments"),
    (Action::Help, "help"),
    (Action::Quit, "quit"),
];
/// On a comment that goes on below the pane, j scrolls it.
const LONG_COMMENT_HINTS: Hints = &[
    (Action::NextComment, "more of this comment"),
    (Action::NextSibling, "next reply"),
    (Action::ToggleFold, "fold"),
    (Action::Parent, "parent"),
    (Action::Help, "help"),
];
const COMMENTS_HINTS: Hints = &[
    (Action::NextComment, "next"),
    (Action::ToggleFold, "fold"),
    (Action::Parent, "parent"),
    (Action::FocusNext, "article"),
    (Action::Help, "help"),
    (Action::Quit, "quit"),
];

/// In the bookmark list: its own keys, which work there.
const BOOKMARK_HINTS: Hints = &[
    (Action::OpenSelected, "go"),
    (Action::DeleteSelected, "delete"),
    (Action::UndoDelete, "undo"),
    (Action::EditNote, "note"),
    (Action::FocusNext, "all documents"),
    (Action::CloseOverlay, "close"),
];
const LINK_HINTS: Hints = &[
    (Action::OpenSelected, "open"),
    (Action::CopyLink, "copy"),
    (Action::CloseOverlay, "close"),
];

/// The mode tag at the left of the status bar, and the keys it hints at.
fn mode(app: &App) -> (&'static str, Hints) {
    if app.help_scroll().is_some() {
        return (" HELP ", HELP_HINTS);
    }
    if app.bookmark_panel().is_some() {
        return (" BOOKMARKS ", BOOKMARK_HINTS);
    }
    if app.links_overlay().is_some() {
        return (" LINKS ", LINK_HINTS);
    }
    match app.focus {
        _ if app.article.visual.is_some() => (" VISUAL ", ARTICLE_VISUAL_HINTS),
        _ if app.comments.visual.is_some() => (" VISUAL ", COMMENTS_VISUAL_HINTS),
        Pane::Article => (" ARTICLE ", ARTICLE_HINTS),
        Pane::Comments if reading_on(app) => (" COMMENTS ", LONG_COMMENT_HINTS),
        Pane::Comments => (" COMMENTS ", COMMENTS_HINTS),
    }
}

/// Whether the selected comment goes on below the pane, so that `j`
/// scrolls it rather than moving on.
fn reading_on(app: &App) -> bool {
    let env = app.comments_env(app.comment_pane());
    app.comments.continues_below(&env)
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    buf.set_style(area, app.theme.status_bar);
    let (tag, hints) = mode(app);
    let position = if app.help_scroll().is_none() {
        format!(" {} ", position(app))
    } else {
        String::new()
    };
    let position_width = display_width(&position);
    let mut spans = vec![Span::styled(tag, app.theme.status_tag), Span::raw(" ")];
    // Messages quote file names, URLs and errors from outside the document:
    // cleaned here, the one place they are drawn. Why loading stopped stays
    // once the message has gone; while loading, how far it is.
    let message = app.message.as_ref().or(app.load_error.as_ref());
    if let Some(message) = message {
        spans.push(Span::styled(
            crate::document::sanitize::clean(message),
            app.theme.message,
        ));
    } else if let Some(loading) = &app.loading {
        let count = app.document.comments.comment_count();
        spans.push(Span::styled(
            format!(
                "Loading {}% · {count} {} so far",
                loading.percent(),
                crate::app::plural(count, "comment", "comments")
            ),
            app.theme.message,
        ));
    } else {
        let room = usize::from(area.width).saturating_sub(position_width);
        spans.extend(hint_spans(app, tag, hints, room));
    }
    draw_line(buf, area, area.y, &Line::from(spans));
    if position_width > 0 && position_width < usize::from(area.width) {
        let width = position_width as u16;
        let right = Rect::new(area.right() - width, area.y, width, 1);
        draw_line(
            buf,
            right,
            area.y,
            &Line::from(position).style(app.theme.status_tag),
        );
    }
}

/// The hints after the tag: whole ones only, as many as fit in `room`.
fn hint_spans(app: &App, tag: &str, hints: &[(Action, &str)], room: usize) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut used = display_width(tag) + 1;
    let contexts = app.key_contexts();
    for (action, label) in hints {
        let key = contexts
            .iter()
            .find_map(|&context| first_key(app, context, *action));
        if let Some(key) = key {
            let hint = format!(" {label}  ");
            used += display_width(&key) + display_width(&hint);
            if used > room {
                break;
            }
            spans.push(Span::styled(key, app.theme.help_key));
            spans.push(Span::raw(hint));
        }
    }
    spans
}

fn first_key(app: &App, context: Context, action: Action) -> Option<String> {
    app.keymap.keys_for(context, action).into_iter().next()
}
