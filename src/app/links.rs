//! The link list: the links of the selected comment or of the paragraph
//! under the passage cursor, numbered, to open in the browser or copy.
//! Opening and copying are effects for the event loop; only http, https and
//! mailto links are ever handed to the system.

use crate::document::Link;

use super::overlay::Overlay;
use super::{Action, App, Effect, Pane};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinksOverlay {
    pub links: Vec<Link>,
    pub selected: usize,
}

/// Whether tread may hand `url` to the system opener or the clipboard: a
/// web or mail address, with no control character or space anywhere (a URL
/// pasted into a shell must not carry a second line, or a second word).
pub fn may_open(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
        && !url.chars().any(|c| c.is_control() || c.is_whitespace())
}

/// What the reader says when it will not open or copy a link.
const REFUSED: &str = "only http, https and mailto links are opened or copied";

impl App {
    /// The blocks where the reader is: the selected comment's, or the
    /// paragraph under the passage cursor.
    pub fn blocks_here(&self) -> &[crate::document::Block] {
        let blocks = match self.focus {
            Pane::Article => self
                .document
                .article
                .get(self.article.cursor..=self.article.cursor),
            Pane::Comments => self
                .comments
                .selected
                .map(|id| self.document.comments.get(id).body.as_slice()),
        };
        blocks.unwrap_or_default()
    }

    /// The links where the reader is: the selected comment's, or the
    /// current paragraph's.
    pub fn links_here(&self) -> Vec<Link> {
        let mut links: Vec<Link> = Vec::new();
        for block in self.blocks_here() {
            for link in block.all_links() {
                if !links.iter().any(|l| l.url == link.url) {
                    links.push(link);
                }
            }
        }
        links
    }

    pub(super) fn show_links(&mut self) {
        let links = self.links_here();
        if links.is_empty() {
            self.message = Some("No links here".to_string());
        } else {
            self.overlay = Some(Overlay::Links(LinksOverlay { links, selected: 0 }));
        }
    }

    pub(super) fn apply_in_links(&mut self, action: Action) {
        let Some(Overlay::Links(overlay)) = &mut self.overlay else {
            return;
        };
        let count = overlay.links.len();
        let open = |overlay: &LinksOverlay, index: usize| overlay.links.get(index).cloned();
        match action {
            Action::CloseOverlay | Action::ShowLinks => self.overlay = None,
            Action::SelectNext => {
                overlay.selected = (overlay.selected + 1).min(count.saturating_sub(1))
            }
            Action::SelectPrevious => overlay.selected = overlay.selected.saturating_sub(1),
            Action::CopyLink => {
                if let Some(link) = open(overlay, overlay.selected) {
                    self.overlay = None;
                    if may_open(&link.url) {
                        self.effects.push(Effect::CopyToClipboard(link.url.clone()));
                        self.message = Some(format!("Copied {}", link.url));
                    } else {
                        self.message = Some(format!("Not copied: {REFUSED}"));
                    }
                }
            }
            Action::OpenSelected => {
                let selected = overlay.selected;
                self.open_link(selected);
            }
            other => {
                if let Some(number) = other.link_number() {
                    self.open_link(number - 1);
                }
            }
        }
    }

    /// Opens link `index` (from 0) of the open link list.
    pub(super) fn open_link(&mut self, index: usize) {
        let Some(Overlay::Links(overlay)) = &self.overlay else {
            return;
        };
        let Some(link) = overlay.links.get(index).cloned() else {
            self.message = Some(format!("No link {} here", index + 1));
            return;
        };
        self.overlay = None;
        if may_open(&link.url) {
            self.effects.push(Effect::OpenUrl(link.url.clone()));
            self.message = Some(format!("Opening {}", link.url));
        } else {
            self.message = Some(format!("Not opened: {REFUSED}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::may_open;

    #[test]
    fn only_web_and_mail_links_are_opened() {
        assert!(may_open("https://example.com/a?b=c"));
        assert!(may_open("HTTP://EXAMPLE.COM"));
        assert!(may_open("mailto:someone@example.com"));
        assert!(!may_open("file:///etc/passwd"));
        assert!(!may_open("javascript:alert(1)"));
        assert!(!may_open("https://example.com/\u{1b}]52;c;x"));
        assert!(!may_open("-flag"));
        assert!(!may_open("https://example.com/\nrm -rf ~"));
        assert!(!may_open("https://example.com/ rm"));
        assert!(!may_open(" https://example.com/"));
    }
}
