//! Search over the whole document: the article, every comment's author and
//! body, folded ones included. Matches are kept in document order, so `n`
//! and `N` walk them across both panes, and the panes find the matches of a
//! block by binary search to highlight them.
//!
//! Smart case: a query without capitals ignores case. A plain query is taken
//! literally; the regex mode (Ctrl-R in the prompt) takes it as a `regex`
//! crate pattern.

use std::ops::Range;

use crate::document::CommentId;

pub use super::matching::{MAX_MATCHES, compile, find_all, find_in_comments};
use super::prompt::{Prompt, PromptPurpose};
use super::wrapped::TextLine;

/// Which text of the document a match is in. The derived order is the
/// document's reading order: the article, then each comment's author line
/// and body blocks, comments in preorder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Place {
    /// None for the article.
    pub comment: Option<CommentId>,
    pub part: Part,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    /// The document's title: first, as it is shown above the article.
    Title,
    Author,
    Block(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub place: Place,
    /// Byte range into the author name or the block's text.
    pub range: Range<usize>,
}

/// A finished search: the query and every match, in document order.
#[derive(Debug, Clone)]
pub struct Search {
    pub query: String,
    pub regex: bool,
    pub matches: Vec<Match>,
    /// False when there were more matches than [`MAX_MATCHES`]: the first
    /// ones are kept.
    pub complete: bool,
    /// The match last gone to, counted from 0.
    pub current: Option<usize>,
}

/// The laid-out line showing byte `at` of block `block`.
fn line_of_match(lines: &[TextLine], block: usize, at: usize) -> Option<usize> {
    lines.iter().position(|line| match line {
        TextLine::Text {
            block: b, range, ..
        } => *b == block && range.contains(&at),
        _ => false,
    })
}

impl Search {
    /// Indices of the matches in one place (a block or an author line).
    pub fn matches_in(&self, place: Place) -> Range<usize> {
        let start = self.matches.partition_point(|m| m.place < place);
        let end = start + self.matches[start..].partition_point(|m| m.place == place);
        start..end
    }

    /// The first match after `here` (or before it, going backwards),
    /// wrapping around the document; None when there are no matches.
    pub fn neighbour(&self, here: Place, forward: bool) -> Option<usize> {
        if self.matches.is_empty() {
            return None;
        }
        let count = self.matches.len();
        if let Some(current) = self.current
            && self.matches[current].place.comment == here.comment
            && (here.comment.is_some() || self.matches[current].place == here)
        {
            // Still where the last match was: step from it.
            return Some(if forward {
                (current + 1) % count
            } else {
                (current + count - 1) % count
            });
        }
        Some(if forward {
            let after = self.matches.partition_point(|m| m.place < here);
            after % count
        } else {
            let before = self.matches.partition_point(|m| m.place < here);
            (before + count - 1) % count
        })
    }
}

/// The queries searched for in this session.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    /// Oldest first, each query once, with whether it was a regex.
    queries: Vec<(String, bool)>,
    /// Which query the prompt shows while Up / Down walk them.
    at: Option<usize>,
}

impl super::App {
    /// Opens the search prompt: plain, unless the config's `[search] regex`
    /// asks for regex mode (a mode that stuck from the last search would
    /// take the next literal query as a pattern unawares).
    pub(super) fn start_search(&mut self) {
        self.searches.at = None;
        let regex = self.settings.search_regex;
        self.open_prompt(Prompt::new(String::new(), PromptPurpose::Search { regex }));
    }

    /// Whether the open prompt is a search in regex mode.
    pub fn prompt_is_regex(&self) -> bool {
        matches!(
            self.prompt().map(|p| &p.purpose),
            Some(PromptPurpose::Search { regex: true })
        )
    }

    /// Runs the query typed into the prompt (an empty one repeats the last
    /// search) and goes to the first match after the current place.
    pub(super) fn finish_search(&mut self, query: Option<String>, regex: bool) {
        self.close_prompt();
        self.searches.at = None;
        // An empty query repeats the search in force, as `n` does (vim's
        // and less's `/` Enter).
        if query.is_none() && self.search.is_some() {
            self.moving(true, |app| app.go_to_match(true));
            return;
        }
        let (query, regex) = match query {
            Some(query) => (query, regex),
            None => match self.searches.queries.last() {
                Some(last) => last.clone(),
                None => return,
            },
        };
        // Latest last, each query once.
        self.searches
            .queries
            .retain(|(earlier, _)| *earlier != query);
        self.searches.queries.push((query.clone(), regex));
        let pattern = match compile(&query, regex) {
            Ok(pattern) => pattern,
            Err(message) => {
                self.message = Some(message);
                return;
            }
        };
        let matches = find_all(&self.document, &pattern, MAX_MATCHES);
        self.search = Some(Search {
            query,
            regex,
            complete: matches.len() < MAX_MATCHES,
            matches,
            current: None,
        });
        self.moving(true, |app| app.go_to_match(true));
    }

    /// Up / Down in the search prompt: puts an earlier (or later) query in
    /// it; past the latest, the prompt is empty again.
    pub(super) fn recall_search(&mut self, back: bool) {
        if !matches!(
            self.prompt().map(|p| &p.purpose),
            Some(PromptPurpose::Search { .. })
        ) {
            return;
        }
        let history = &mut self.searches;
        let count = history.queries.len();
        let at = match (history.at, back) {
            (None, true) => count.checked_sub(1),
            (None, false) => None,
            (Some(at), true) => Some(at.saturating_sub(1)),
            (Some(at), false) => (at + 1 < count).then_some(at + 1),
        };
        history.at = at;
        // A recalled query comes back in the mode it was searched in.
        let default_mode = self.settings.search_regex;
        let (text, mode) = at
            .map(|at| history.queries[at].clone())
            .unwrap_or((String::new(), default_mode));
        if let Some(prompt) = self.prompt_mut() {
            prompt.set_text(text);
            if let PromptPurpose::Search { regex } = &mut prompt.purpose {
                *regex = mode;
            }
        }
    }

    /// Where search steps from: the passage cursor, or the selected comment.
    fn search_here(&self) -> Place {
        match (self.focus, self.comments.selected) {
            (super::Pane::Comments, Some(id)) => Place {
                comment: Some(id),
                part: Part::Author,
            },
            _ => Place {
                comment: None,
                part: Part::Block(self.article.cursor),
            },
        }
    }

    /// Goes to the next (or previous) match, unfolding and scrolling to it.
    pub(super) fn go_to_match(&mut self, forward: bool) {
        let here = self.search_here();
        let Some(search) = self.search.as_mut() else {
            self.message = Some("No search yet: / searches".to_string());
            return;
        };
        let Some(index) = search.neighbour(here, forward) else {
            self.message = Some(format!("Not found: {}", search.query));
            return;
        };
        let wrapped = match search.current {
            Some(current) => (index < current) == forward && index != current,
            None => false,
        };
        search.current = Some(index);
        let Match { place, range } = search.matches[index].clone();
        match (place.comment, place.part) {
            (None, Part::Block(block)) => {
                self.show_article_block(block);
                self.with_article(|view, env| {
                    if let Some(line) = line_of_match(&env.layout.lines, block, range.start) {
                        view.reveal_line(env, line);
                    }
                });
            }
            (None, Part::Title) => {
                self.show_article_block(0);
                self.with_article(|view, env| view.to_top(env));
            }
            (None, Part::Author) => {}
            (Some(id), part) => {
                self.show_comment(id);
                if let Part::Block(block) = part {
                    // A match behind a content warning is shown, as vim
                    // opens the fold a match is in.
                    if block > 0 && self.comments_env(self.comment_pane()).is_behind_warning(id) {
                        self.revealed.insert(id);
                    }
                    self.with_comments(|view, env| {
                        if let Some(line) = line_of_match(&env.body(id), block, range.start) {
                            // Body line n is line n + 1 of the row.
                            view.reveal_line(env, line + 1);
                        }
                    });
                }
            }
        }
        // The status bar always shows "match N/M"; say so when it wrapped.
        if wrapped {
            self.message = Some(
                if forward {
                    "Search went past the end: continued from the top"
                } else {
                    "Search went past the top: continued from the end"
                }
                .to_string(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Block, CommentTreeBuilder, Document, NewComment};
    use regex::Regex;

    fn document() -> Document {
        let mut builder = CommentTreeBuilder::new();
        let comment = |parent, author: &str, text: &str| NewComment {
            key: author.into(),
            parent,
            author: Some(author.into()),
            body: vec![Block::paragraph(text)].into(),
            ..NewComment::default()
        };
        let first = builder.push(comment(None, "ann", "Rust is fine"));
        builder.push(comment(Some(first), "bob", "rust? RUST!"));
        builder.push(comment(None, "Rusty", "nothing here"));
        Document {
            title: "t".into(),
            article: vec![Block::paragraph("About Rust."), Block::paragraph("More")],
            comments: builder.build().unwrap(),
            ..Document::default()
        }
    }

    fn find_all_of(document: &Document, pattern: &Regex) -> Vec<Match> {
        find_all(document, pattern, MAX_MATCHES)
    }

    #[test]
    fn matches_stop_at_the_limit() {
        let document = document();
        let pattern = compile("rust", false).unwrap();
        let first_three = find_all(&document, &pattern, 3);
        assert_eq!(first_three, find_all_of(&document, &pattern)[..3]);
    }

    fn places(matches: &[Match]) -> Vec<(Option<u32>, Part)> {
        matches
            .iter()
            .map(|m| (m.place.comment.map(|c| c.0), m.place.part))
            .collect()
    }

    #[test]
    fn matches_come_in_document_order_across_article_authors_and_bodies() {
        let document = document();
        let matches = find_all_of(&document, &compile("rust", false).unwrap());
        assert_eq!(
            places(&matches),
            [
                (None, Part::Block(0)),
                (Some(0), Part::Block(0)),
                (Some(1), Part::Block(0)),
                (Some(1), Part::Block(0)),
                (Some(2), Part::Author),
            ]
        );
        assert_eq!(matches[3].range, 6..10);
    }

    #[test]
    fn smart_case_only_ignores_case_for_lower_case_queries() {
        let document = document();
        assert_eq!(
            find_all_of(&document, &compile("rust", false).unwrap()).len(),
            5
        );
        assert_eq!(
            find_all_of(&document, &compile("Rust", false).unwrap()).len(),
            3
        );
        assert_eq!(
            find_all_of(&document, &compile("RUST", false).unwrap()).len(),
            1
        );
    }

    #[test]
    fn plain_queries_are_literal_and_regex_mode_reports_bad_patterns() {
        let document = document();
        assert_eq!(
            find_all_of(&document, &compile("rust?", false).unwrap()).len(),
            1
        );
        assert_eq!(
            find_all_of(&document, &compile("r.st", true).unwrap()).len(),
            5
        );
        let error = compile("ru(st", true).unwrap_err();
        assert!(error.starts_with("Invalid regex: "), "{error}");
        assert!(!error.contains('\n'));
        assert!(compile("ru(st", false).is_ok());
    }

    #[test]
    fn neighbours_wrap_and_step_from_the_current_match() {
        let document = document();
        let mut search = Search {
            query: "rust".into(),
            regex: false,
            matches: find_all_of(&document, &compile("rust", false).unwrap()),
            complete: true,
            current: None,
        };
        let article = Place {
            comment: None,
            part: Part::Block(1),
        };
        assert_eq!(search.neighbour(article, true), Some(1));
        assert_eq!(search.neighbour(article, false), Some(0));
        let bob = Place {
            comment: Some(CommentId(1)),
            part: Part::Author,
        };
        assert_eq!(search.neighbour(bob, true), Some(2));
        search.current = Some(2);
        assert_eq!(search.neighbour(bob, true), Some(3));
        search.current = Some(4);
        let rusty = Place {
            comment: Some(CommentId(2)),
            part: Part::Author,
        };
        assert_eq!(search.neighbour(rusty, true), Some(0));
        assert_eq!(
            search
                .matches_in(Place {
                    comment: Some(CommentId(1)),
                    part: Part::Block(0),
                })
                .len(),
            2
        );
        assert!(search.matches_in(article).is_empty());
    }
}
