//! What the reader hands to the world outside: the discussion (or the
//! selected comment's permalink) to the browser (`O`), the selected text to
//! the clipboard (`Y`), to a shell command (`|`) or to `$PAGER` (`e`). The
//! app says what and where as effects; the event loop runs them.

use super::prompt::{Prompt, PromptPurpose};
use super::{Action, App, Effect, Pane};
use crate::document::{Block, CommentId, Document};

/// A comment's own address, where the format gives comments one.
pub fn permalink(document: &Document, id: CommentId) -> Option<String> {
    let source = document.source.as_deref()?;
    let key = document.comments.get(id).key.as_str();
    if source.starts_with("https://news.ycombinator.com/") {
        return Some(format!("https://news.ycombinator.com/item?id={key}"));
    }
    if source.contains("reddit.com/") && source.contains("/comments/") {
        let id = key.strip_prefix("t1_").unwrap_or(key);
        return Some(format!("{}/{id}/", source.trim_end_matches('/')));
    }
    if source.starts_with("https://lobste.rs/") {
        return Some(format!("{}#c_{key}", source.trim_end_matches('/')));
    }
    None
}

/// Blocks as plain text, a blank line between them.
fn plain_text(blocks: &[Block]) -> String {
    blocks
        .iter()
        .map(|block| block.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n")
}

impl App {
    /// The text the reader means: the selected comment's, or the
    /// paragraph under the passage cursor.
    pub fn text_here(&self) -> Option<String> {
        Some(plain_text(self.blocks_here())).filter(|text| !text.is_empty())
    }

    pub(super) fn apply_outside(&mut self, action: Action) {
        match action {
            Action::OpenInBrowser => self.open_in_browser(),
            Action::CopyText => match self.text_here() {
                Some(text) => {
                    let chars = text.chars().count();
                    self.effects.push(Effect::CopyToClipboard(text));
                    self.message = Some(format!("Copied {chars} characters"));
                }
                None => self.message = Some("Nothing here to copy".to_string()),
            },
            Action::PipeText if self.text_here().is_none() => {
                self.message = Some("Nothing here to pipe".to_string());
            }
            Action::PipeText => {
                let prompt = Prompt::new(String::new(), PromptPurpose::Pipe);
                self.open_prompt(prompt);
            }
            Action::PageText => match self.text_here() {
                Some(text) => self.effects.push(Effect::Page(text)),
                None => self.message = Some("Nothing here to read".to_string()),
            },
            _ => {}
        }
    }

    /// The typed command gets the text on its standard input.
    pub(super) fn pipe_to(&mut self, command: String) {
        if let Some(text) = self.text_here() {
            self.effects.push(Effect::Pipe { command, text });
        }
    }

    /// `O`: the selected comment's permalink, else the discussion itself.
    fn open_in_browser(&mut self) {
        let comment = match self.focus {
            Pane::Comments => self.comments.selected,
            Pane::Article => None,
        };
        let address = comment
            .and_then(|id| permalink(&self.document, id))
            .or_else(|| self.document.source.clone())
            .filter(|a| super::links::may_open(a));
        match address {
            Some(address) => {
                self.message = Some(format!("Opening {address}"));
                self.effects.push(Effect::OpenUrl(address));
            }
            None => self.message = Some("This document has no web address".to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permalinks_follow_each_site() {
        let mut document =
            crate::formats::load(include_bytes!("../../tests/fixtures/hn-algolia.json"), None)
                .unwrap()
                .document;
        let first = CommentId(0);
        let key = document.comments.get(first).key.to_string();
        assert_eq!(
            permalink(&document, first),
            Some(format!("https://news.ycombinator.com/item?id={key}"))
        );
        document.source = Some("https://www.reddit.com/r/x/comments/abc/title/".into());
        assert_eq!(
            permalink(&document, first),
            Some(format!(
                "https://www.reddit.com/r/x/comments/abc/title/{key}/"
            ))
        );
        document.source = Some("file.txt".into());
        assert_eq!(permalink(&document, first), None);
    }
}
