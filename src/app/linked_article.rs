//! The article a link post links to, fetched in the background and read
//! into the article pane: offered, on its way, shown, or why not.

use super::article_view::ArticleView;
use super::position::ReadingPosition;
use super::{Action, App, Effect};
use crate::document::Document;
use crate::input::keymap::Context;

/// What the reader is told of a link post's article as the thread opens.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleOffer {
    /// The page the post links to.
    pub address: String,
    /// Fetch it at once (`[reader] fetch_articles`), else when asked.
    pub fetch_now: bool,
    /// The copy kept when it was last fetched, shown at once.
    pub kept: Option<Box<Document>>,
}

/// Where the linked article is.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum LinkedArticle {
    /// Not a link post.
    #[default]
    None,
    /// Not fetched: the fetch key fetches it.
    Offered {
        address: String,
    },
    Fetching {
        address: String,
    },
    Failed {
        address: String,
        why: String,
    },
    /// Read into the article pane; kept to read into a fresh copy of the
    /// thread too.
    Shown {
        address: String,
        page: Box<Document>,
    },
}

impl LinkedArticle {
    pub fn address(&self) -> Option<&str> {
        match self {
            LinkedArticle::None => None,
            LinkedArticle::Offered { address }
            | LinkedArticle::Fetching { address }
            | LinkedArticle::Failed { address, .. }
            | LinkedArticle::Shown { address, .. } => Some(address),
        }
    }
}

/// The host an address names, for "Fetching article from example.com…".
fn host(address: &str) -> &str {
    crate::document::urls::authority(address).unwrap_or(address)
}

impl App {
    /// The thread opened: its article shown from the kept copy, fetched,
    /// or offered. `position` is where the reader was, put back in the
    /// article once it has arrived.
    pub(super) fn offer_article(
        &mut self,
        offer: ArticleOffer,
        position: Option<&ReadingPosition>,
    ) {
        let address = offer.address;
        if let Some(page) = offer.kept {
            return self.show_article(address, page);
        }
        self.article_position = position.map(|p| (p.article_block, p.article_cursor));
        self.linked_article = LinkedArticle::Offered { address };
        if offer.fetch_now {
            self.fetch_article();
        }
    }

    /// Fetches the linked article (again).
    pub(super) fn fetch_article(&mut self) {
        let Some(address) = self.linked_article.address().map(str::to_string) else {
            self.message = Some("This is not a link post: there is no article to fetch".into());
            return;
        };
        if matches!(self.linked_article, LinkedArticle::Fetching { .. }) {
            self.message = Some("The article is on its way".into());
            return;
        }
        self.effects.push(Effect::FetchArticle {
            address: address.clone(),
        });
        self.linked_article = LinkedArticle::Fetching { address };
    }

    /// The article came: read into the pane, where the reader's bookmarks
    /// find their passages again.
    pub(super) fn article_fetched(&mut self, address: String, page: Box<Document>) {
        if self.linked_article.address() != Some(address.as_str()) {
            return;
        }
        self.show_article(address, page);
        if let Some((top, cursor)) = self.article_position.take()
            && self.article == ArticleView::default()
        {
            let position = ReadingPosition {
                article_block: top,
                article_cursor: cursor,
                ..self.position()
            };
            self.restore(&position);
        }
    }

    pub(super) fn article_failed(&mut self, address: String, why: String) {
        if self.linked_article.address() == Some(address.as_str()) {
            self.linked_article = LinkedArticle::Failed { address, why };
        }
    }

    fn show_article(&mut self, address: String, page: Box<Document>) {
        self.document.attach_linked_article(&page);
        self.linked_article = LinkedArticle::Shown { address, page };
        self.article_changed();
    }

    /// A fresh copy of the thread replaced the document: the article shown
    /// is read into it again.
    pub(super) fn keep_article_shown(&mut self) {
        let LinkedArticle::Shown { address, page } = &self.linked_article else {
            return;
        };
        let same_link =
            matches!(self.document.article.as_slice(), [link] if link.text.trim() == address);
        if same_link {
            self.document.attach_linked_article(page);
            self.article_changed();
        }
    }

    /// The article's blocks changed: its lines are wrapped again, the
    /// cursor kept within it, the bookmarks resolved again.
    fn article_changed(&mut self) {
        self.wrapped.forget_article();
        let last = self.document.article.len().saturating_sub(1);
        self.article.cursor = self.article.cursor.min(last);
        self.find_bookmarks_again();
    }

    /// The line the article pane shows under the link while the article is
    /// not there: on its way, why it is not, or the key that fetches it.
    pub fn article_note(&self) -> Option<String> {
        let key = |context, action| self.keymap.key_label(context, action);
        Some(match &self.linked_article {
            LinkedArticle::None | LinkedArticle::Shown { .. } => return None,
            LinkedArticle::Offered { .. } => {
                let fetch = key(Context::Global, Action::FetchArticle);
                format!("{fetch} fetches the linked article")
            }
            LinkedArticle::Fetching { address } => {
                format!("Fetching article from {}…", host(address))
            }
            LinkedArticle::Failed { why, .. } => format!(
                "Article not fetched: {why} · {} lists the link to open it, {} tries again",
                key(Context::Article, Action::ShowLinks),
                key(Context::Global, Action::FetchArticle)
            ),
        })
    }

    /// Takes the article fetches the reader asked for, for the event loop.
    pub fn take_article_requests(&mut self) -> Vec<String> {
        self.take_effects(|effect| match effect {
            Effect::FetchArticle { address } => Some(address.clone()),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::host;

    #[test]
    fn the_host_of_an_address() {
        assert_eq!(host("https://example.com/a/b?c"), "example.com");
        assert_eq!(host("http://127.0.0.1:8080/x"), "127.0.0.1:8080");
        assert_eq!(host("https://u@example.org"), "example.org");
    }
}
