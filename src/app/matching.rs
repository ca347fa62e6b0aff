//! Finding a query in the document: the pattern the query stands for
//! (literal or regex, smart case, composed or decomposed accents), and its
//! matches in reading order, the title first.

use regex::{Regex, RegexBuilder};

use super::search::{Match, Part, Place};
use crate::document::{Block, CommentId, Document};

/// Turns the user's query into a pattern: literal unless `regex`, case
/// ignored unless the query has a capital letter. An accented letter
/// matches whether the text has it composed (é) or decomposed (e + ◌́):
/// the pattern is the query's NFC form or its NFD form.
pub fn compile(query: &str, regex: bool) -> Result<Regex, String> {
    let composed = icu_normalizer::ComposingNormalizerBorrowed::new_nfc().normalize(query);
    let decomposed = icu_normalizer::DecomposingNormalizerBorrowed::new_nfd().normalize(query);
    let escaped = |text: &str| {
        if regex {
            text.to_string()
        } else {
            regex::escape(text)
        }
    };
    let case_insensitive = !query.chars().any(char::is_uppercase);
    let build = |pattern: &str| {
        RegexBuilder::new(pattern)
            .case_insensitive(case_insensitive)
            .build()
    };
    let plain = escaped(&composed);
    if composed != decomposed
        && let Ok(either) = build(&format!("(?:{plain})|(?:{})", escaped(&decomposed)))
    {
        return Ok(either);
    }
    build(&plain).map_err(|error| {
        // The regex crate's message spans lines, pointing under the
        // pattern; the status bar has one. Its last line says what is wrong.
        let text = error.to_string();
        let reason = text
            .lines()
            .rev()
            .find(|line| !line.trim().is_empty())
            .unwrap_or("invalid pattern")
            .trim()
            .trim_start_matches("error: ")
            .to_string();
        format!("Invalid regex: {reason}")
    })
}

/// Matches are kept up to this many: a one-letter query on a huge thread
/// would otherwise take a second and hundreds of megabytes, for matches
/// nobody steps through.
pub const MAX_MATCHES: usize = 100_000;

/// Collects matches in reading order, up to a limit.
struct Finder<'a> {
    pattern: &'a Regex,
    matches: Vec<Match>,
    limit: usize,
}

impl Finder<'_> {
    fn full(&self) -> bool {
        self.matches.len() >= self.limit
    }

    fn find_in(&mut self, text: &str, place: Place) {
        let room = self.limit.saturating_sub(self.matches.len());
        self.matches.extend(
            self.pattern
                .find_iter(text)
                .filter(|m| !m.is_empty())
                .take(room)
                .map(|m| Match {
                    place,
                    range: m.range(),
                }),
        );
    }

    fn find_in_blocks(&mut self, blocks: &[Block], comment: Option<CommentId>) {
        for (index, block) in blocks.iter().enumerate() {
            let place = Place {
                comment,
                part: Part::Block(index),
            };
            self.find_in(&block.text, place);
        }
    }
}

/// The matches of `pattern` in the document in reading order, at most
/// `limit` of them.
pub fn find_all(document: &Document, pattern: &Regex, limit: usize) -> Vec<Match> {
    let mut finder = Finder {
        pattern,
        matches: Vec::new(),
        limit,
    };
    let title = Place {
        comment: None,
        part: Part::Title,
    };
    finder.find_in(&document.title, title);
    finder.find_in_blocks(&document.article, None);
    finder.find_in_comments(document, 0);
    finder.matches
}

/// The matches of `pattern` in the comments from `from` on (those that
/// arrived since a search ran), at most `limit` of them.
pub fn find_in_comments(
    document: &Document,
    from: usize,
    pattern: &Regex,
    limit: usize,
) -> Vec<Match> {
    let mut finder = Finder {
        pattern,
        matches: Vec::new(),
        limit,
    };
    finder.find_in_comments(document, from);
    finder.matches
}

impl Finder<'_> {
    fn find_in_comments(&mut self, document: &Document, from: usize) {
        let comments = &document.comments;
        for index in from..comments.len() {
            if self.full() {
                break;
            }
            let id = CommentId(index as u32);
            let comment = comments.get(id);
            if let Some(author) = &comment.author {
                let place = Place {
                    comment: Some(id),
                    part: Part::Author,
                };
                self.find_in(author, place);
            }
            self.find_in_blocks(&comment.body, Some(id));
        }
    }
}
