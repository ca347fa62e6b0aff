//! The status bar: which pane has the focus, then a transient message or key
//! hints read from the keymap (so they show the user's real keys).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::keymap::Context;
use crate::app::{Action, App, Pane};

use super::draw_line;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    buf.set_style(area, app.theme.status_bar);
    let (tag, hints): (&str, &[(Action, &str)]) = if app.help.is_some() {
        (
            " HELP ",
            &[
                (Action::ScrollDown, "scroll"),
                (Action::CloseOverlay, "close"),
            ],
        )
    } else {
        match app.focus {
            Pane::Article => (
                " ARTICLE ",
                &[
                    (Action::ScrollDown, "scroll"),
                    (Action::NextParagraph, "paragraph"),
                    (Action::FocusNext, "comments"),
                    (Action::Help, "help"),
                    (Action::Quit, "quit"),
                ],
            ),
            Pane::Comments => (
                " COMMENTS ",
                &[
                    (Action::NextComment, "next"),
                    (Action::ToggleFold, "fold"),
                    (Action::Parent, "parent"),
                    (Action::FocusNext, "article"),
                    (Action::Help, "help"),
                    (Action::Quit, "quit"),
                ],
            ),
        }
    };
    let mut spans = vec![Span::styled(tag, app.theme.status_tag), Span::raw(" ")];
    if let Some(message) = &app.message {
        spans.push(Span::styled(message.as_str(), app.theme.message));
    } else {
        let contexts = app.key_contexts();
        for (action, label) in hints {
            let key = contexts
                .iter()
                .find_map(|&context| first_key(app, context, *action));
            if let Some(key) = key {
                spans.push(Span::styled(key, app.theme.help_key));
                spans.push(Span::raw(format!(" {label}  ")));
            }
        }
    }
    draw_line(buf, area, area.y, &Line::from(spans));
}

fn first_key(app: &App, context: Context, action: Action) -> Option<String> {
    app.keymap.keys_for(context, action).into_iter().next()
}
