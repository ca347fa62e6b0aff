//! What covers the panes: the help, the bookmark list, the link list or the
//! prompt. One at a time, so they are one value; only the prompt can sit on
//! another, the bookmark list (editing a note) or the help (searching it),
//! which waits under it.

use super::bookmarks::BookmarkPanel;
use super::help::HelpView;
use super::links::LinksOverlay;
use super::prompt::Prompt;
use super::{Action, App, Pane};
use crate::input::keymap::Context;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The list of keys.
    Help(HelpView),
    Bookmarks(BookmarkPanel),
    Links(LinksOverlay),
    /// The prompt, and the bookmark list or help it returns to when it
    /// closes.
    Prompt {
        prompt: Prompt,
        under: Option<Box<Overlay>>,
    },
}

/// The bookmark list in `overlay`, under the prompt or not. A function of
/// the field alone, so the app's other fields can change while it is held.
pub(super) fn panel_in(overlay: &mut Option<Overlay>) -> Option<&mut BookmarkPanel> {
    match overlay {
        Some(Overlay::Bookmarks(panel)) => Some(panel),
        Some(Overlay::Prompt {
            under: Some(under), ..
        }) => match under.as_mut() {
            Overlay::Bookmarks(panel) => Some(panel),
            _ => None,
        },
        _ => None,
    }
}

impl App {
    /// How far the help is scrolled, when it is open.
    pub fn help_scroll(&self) -> Option<usize> {
        match &self.overlay {
            Some(Overlay::Help(view)) => Some(view.scroll),
            _ => None,
        }
    }

    /// The bookmark list, when it is open (under the prompt or not).
    pub fn bookmark_panel(&self) -> Option<&BookmarkPanel> {
        match &self.overlay {
            Some(Overlay::Bookmarks(panel)) => Some(panel),
            Some(Overlay::Prompt {
                under: Some(under), ..
            }) => match under.as_ref() {
                Overlay::Bookmarks(panel) => Some(panel),
                _ => None,
            },
            _ => None,
        }
    }

    pub fn links_overlay(&self) -> Option<&LinksOverlay> {
        match &self.overlay {
            Some(Overlay::Links(links)) => Some(links),
            _ => None,
        }
    }

    pub fn prompt(&self) -> Option<&Prompt> {
        match &self.overlay {
            Some(Overlay::Prompt { prompt, .. }) => Some(prompt),
            _ => None,
        }
    }

    pub(super) fn prompt_mut(&mut self) -> Option<&mut Prompt> {
        match &mut self.overlay {
            Some(Overlay::Prompt { prompt, .. }) => Some(prompt),
            _ => None,
        }
    }

    /// Opens the prompt over whatever is open; the bookmark list or the
    /// help stays under it.
    pub(super) fn open_prompt(&mut self, prompt: Prompt) {
        let under = match self.overlay.take() {
            Some(overlay @ (Overlay::Bookmarks(_) | Overlay::Help(_))) => Some(Box::new(overlay)),
            _ => None,
        };
        self.overlay = Some(Overlay::Prompt { prompt, under });
    }

    /// Closes the prompt, going back to what was under it.
    pub(super) fn close_prompt(&mut self) {
        if let Some(Overlay::Prompt { under, .. }) = self.overlay.take() {
            self.overlay = under.map(|overlay| *overlay);
        }
    }

    /// Whether an overlay takes the keys (the help or a list; a prompt
    /// alone takes only typing).
    pub(super) fn overlay_takes_keys(&self) -> bool {
        !matches!(
            self.overlay,
            None | Some(Overlay::Prompt { under: None, .. })
        )
    }

    /// The key contexts in force, most specific first.
    pub fn key_contexts(&self) -> Vec<Context> {
        let specific = match &self.overlay {
            Some(Overlay::Help(_)) => Context::Help,
            Some(Overlay::Bookmarks(_)) => Context::Bookmarks,
            Some(Overlay::Prompt {
                under: Some(under), ..
            }) => match under.as_ref() {
                Overlay::Help(_) => Context::Help,
                _ => Context::Bookmarks,
            },
            Some(Overlay::Links(_)) => Context::Links,
            // The prompt takes keys as text before any context is asked.
            Some(Overlay::Prompt { under: None, .. }) | None => match self.focus {
                Pane::Article => Context::Article,
                Pane::Comments => Context::Comments,
            },
        };
        vec![specific, Context::Global]
    }

    /// Gives `action` to the open overlay; false when none is open.
    pub(super) fn apply_in_overlay(&mut self, action: Action) -> bool {
        match &self.overlay {
            Some(Overlay::Help(_)) => self.apply_in_help(action),
            Some(Overlay::Bookmarks(_) | Overlay::Prompt { under: Some(_), .. }) => {
                self.apply_in_panel(action)
            }
            Some(Overlay::Links(_)) => self.apply_in_links(action),
            Some(Overlay::Prompt { under: None, .. }) | None => return false,
        }
        true
    }
}
