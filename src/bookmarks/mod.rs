//! Bookmarks of passages: what they point at, how they are found again in a
//! changed file, and the versioned file that keeps them.
//!
//! A bookmark stores where it points in text terms (an article block index,
//! or a comment's source id and block, plus a character range inside the
//! block) and the excerpt itself, never a screen line, so it survives any
//! terminal width. When the file changes it is found again by comment id,
//! then by its excerpt; one that cannot be found is reported, never dropped.

use serde::{Deserialize, Serialize};

use crate::document::{CommentId, Document};

use crate::store::json_file::Versioned;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Target {
    /// Article block, counted from 0.
    Article { block: usize },
    /// A comment, by the id its source gave it, and a block of its body.
    Comment { id: String, block: usize },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    pub id: String,
    /// The document's stable key (`Document::stable_key`).
    pub document: String,
    /// The document's title when the bookmark was made, for listings.
    pub title: String,
    /// The file it was last opened from, for display only.
    #[serde(default)]
    pub path: Option<String>,
    pub target: Target,
    /// Characters `[start, end)` of the passage: `start` in the target block,
    /// `end` in `last_block` when the passage runs over several paragraphs.
    pub range: (usize, usize),
    /// The block (of the article, or of the comment's body) the passage ends
    /// in, when it is not the first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_block: Option<usize>,
    pub excerpt: String,
    #[serde(default)]
    pub note: Option<String>,
    /// Unix seconds.
    pub created: i64,
    /// Fields this version does not know (written by a newer tread), kept
    /// as they are so that saving does not drop them.
    #[serde(flatten)]
    pub unknown: crate::store::Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookmarkFile {
    pub version: u32,
    pub bookmarks: Vec<Bookmark>,
    /// Fields this version does not know (written by a newer tread), kept
    /// as they are so that saving does not drop them.
    #[serde(flatten)]
    pub unknown: crate::store::Unknown,
}

impl Default for BookmarkFile {
    fn default() -> Self {
        BookmarkFile {
            version: Self::VERSION,
            bookmarks: Vec::new(),
            unknown: Default::default(),
        }
    }
}

impl Versioned for BookmarkFile {
    const VERSION: u32 = 1;
    const FILE_NAME: &'static str = "bookmarks.json";
    fn version(&self) -> u32 {
        self.version
    }
    fn sanitize(&mut self) {
        self.bookmarks.iter_mut().for_each(Bookmark::sanitize);
    }
}

impl BookmarkFile {
    /// How many bookmarks each document has, by document key.
    pub fn counts(&self) -> std::collections::HashMap<&str, usize> {
        let mut counts = std::collections::HashMap::new();
        for bookmark in &self.bookmarks {
            *counts.entry(bookmark.document.as_str()).or_default() += 1;
        }
        counts
    }
}

impl Bookmark {
    /// Where a bookmark points, as people count: paragraphs from 1.
    pub fn location(&self) -> String {
        match &self.target {
            // Numbers from disk may be anything: no overflow on printing them.
            Target::Article { block } => match self.last_block {
                Some(last) if last > *block => format!(
                    "article paragraphs {}–{}",
                    block.saturating_add(1),
                    last.saturating_add(1)
                ),
                _ => format!("article paragraph {}", block.saturating_add(1)),
            },
            Target::Comment { id, .. } => format!("comment {id}"),
        }
    }

    /// Cleans every string a listing prints or the reader draws: the file
    /// may have been edited by hand or by another program, and a note comes
    /// from the user's keyboard, paste buffer or command line.
    fn sanitize(&mut self) {
        use crate::document::sanitize::{clean_field, clean_owned};
        for text in [
            &mut self.id,
            &mut self.document,
            &mut self.title,
            &mut self.excerpt,
        ] {
            *text = clean_owned(std::mem::take(text));
        }
        if let Target::Comment { id, .. } = &mut self.target {
            *id = clean_owned(std::mem::take(id));
        }
        self.path = clean_field(self.path.take());
        self.note = clean_field(self.note.take());
    }
}

impl BookmarkFile {
    /// Adds a bookmark unless one with its id is there already.
    pub fn add(&mut self, mut bookmark: Bookmark) {
        bookmark.sanitize();
        if !self.bookmarks.iter().any(|b| b.id == bookmark.id) {
            self.bookmarks.push(bookmark);
        }
    }

    /// Removes the bookmark with `id`; returns it.
    pub fn remove(&mut self, id: &str) -> Option<Bookmark> {
        let index = self.bookmarks.iter().position(|b| b.id == id)?;
        Some(self.bookmarks.remove(index))
    }

    pub fn set_note(&mut self, id: &str, note: Option<String>) -> bool {
        match self.bookmarks.iter_mut().find(|b| b.id == id) {
            Some(bookmark) => {
                bookmark.note = note;
                bookmark.sanitize();
                true
            }
            None => false,
        }
    }

    /// This document's bookmarks, oldest first.
    pub fn for_document<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a Bookmark> + 'a {
        self.bookmarks.iter().filter(move |b| b.document == key)
    }
}

/// Where a bookmark is in the document as it is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    Article { block: usize },
    Comment { id: CommentId, block: usize },
    NotFound,
}

/// A bookmark's excerpt must share this many leading characters with a
/// block for the block to count as the same passage, edited.
const EDITED_PREFIX_CHARS: usize = 24;

fn shares_prefix(text: &str, excerpt: &str) -> bool {
    let wanted: String = excerpt.chars().take(EDITED_PREFIX_CHARS).collect();
    wanted.chars().count() >= EDITED_PREFIX_CHARS.min(excerpt.chars().count())
        && text.starts_with(&wanted)
}

/// Finds `bookmark` in `document`: at its recorded place if the excerpt is
/// still there, else by comment id, else wherever the excerpt now stands.
pub fn resolve(bookmark: &Bookmark, document: &Document) -> Resolved {
    // A passage over several paragraphs is found by its first one.
    let excerpt = bookmark.excerpt.split("\n\n").next().unwrap_or("");
    let contains = |text: &str| excerpt.is_empty() || text.contains(excerpt);
    match &bookmark.target {
        Target::Article { block } => {
            if document
                .article
                .get(*block)
                .is_some_and(|b| contains(&b.text))
            {
                return Resolved::Article { block: *block };
            }
            if let Some(found) = document.article.iter().position(|b| contains(&b.text)) {
                return Resolved::Article { block: found };
            }
            if document
                .article
                .get(*block)
                .is_some_and(|b| shares_prefix(&b.text, excerpt))
            {
                return Resolved::Article { block: *block };
            }
        }
        Target::Comment { id, block } => {
            let by_id = document.comments.find_by_key(id);
            if let Some(comment_id) = by_id {
                let body = &document.comments.get(comment_id).body;
                if let Some(found) = body.iter().position(|b| contains(&b.text)) {
                    return Resolved::Comment {
                        id: comment_id,
                        block: found,
                    };
                }
            }
            // Ids can shift (the text format numbers comments): the excerpt
            // elsewhere wins over an id whose text no longer matches.
            if let Some(found) = find_in_comments(document, excerpt) {
                return found;
            }
            if let Some(comment_id) = by_id {
                // The same comment, edited.
                let blocks = document.comments.get(comment_id).body.len();
                return Resolved::Comment {
                    id: comment_id,
                    block: (*block).min(blocks.saturating_sub(1)),
                };
            }
            return Resolved::NotFound;
        }
    }
    find_in_comments(document, excerpt).unwrap_or(Resolved::NotFound)
}

fn find_in_comments(document: &Document, excerpt: &str) -> Option<Resolved> {
    if excerpt.is_empty() {
        return None;
    }
    document.comments.iter().find_map(|(id, comment)| {
        comment
            .body
            .iter()
            .position(|b| b.text.contains(excerpt))
            .map(|block| Resolved::Comment { id, block })
    })
}

/// The characters `[start, end)` of `text`.
pub fn char_slice(text: &str, (start, end): (usize, usize)) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

/// A seed for this process's bookmark ids, from the clock and the process
/// id: two treads bookmarking at once make different ids. Read by the
/// reader's event loop and the commands, never by `App::update`.
pub fn id_seed() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    nanos ^ (u64::from(std::process::id()) << 40)
}

/// Bookmark ids for one session: unique across processes by the seed, and
/// within the session by a count of those made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IdSource {
    seed: u64,
    made: u64,
}

/// What a new bookmark is named and dated by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub id: String,
    /// Unix seconds.
    pub created: i64,
}

impl IdSource {
    pub fn new(seed: u64) -> IdSource {
        IdSource { seed, made: 0 }
    }

    /// The next id: eight base-36 characters.
    pub fn next_id(&mut self) -> String {
        let mixed = self.seed ^ self.made.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self.made += 1;
        // FNV-1a over the parts, written in base 36 for a short id.
        let mut hash = crate::fnv::Fnv1a::new();
        hash.feed(&mixed.to_le_bytes());
        let mut id = String::new();
        let mut n = hash.finish();
        for _ in 0..8 {
            id.push(char::from_digit((n % 36) as u32, 36).unwrap_or('0'));
            n /= 36;
        }
        id
    }

    /// A fresh id, and the time a bookmark made now is dated by.
    pub fn stamp(&mut self, created: i64) -> Stamp {
        Stamp {
            id: self.next_id(),
            created,
        }
    }
}

/// Makes a bookmark of `range` (characters) in `target` of `document`.
pub fn make(
    document: &Document,
    path: Option<String>,
    target: Target,
    range: Option<(usize, usize)>,
    note: Option<String>,
    stamp: Stamp,
) -> Option<Bookmark> {
    let text = match &target {
        Target::Article { block } => &document.article.get(*block)?.text,
        Target::Comment { id, block } => {
            let comment = document.comments.get(document.comments.find_by_key(id)?);
            match comment.body.get(*block) {
                Some(b) => &b.text,
                None if comment.body.is_empty() => "",
                None => return None,
            }
        }
    };
    let length = text.chars().count();
    let range = range.map_or((0, length), |(s, e)| {
        (s.min(length), e.min(length).max(s.min(length)))
    });
    Some(Bookmark {
        id: stamp.id,
        document: document.stable_key(),
        title: document.title.clone(),
        path,
        target,
        range,
        last_block: None,
        excerpt: char_slice(text, range),
        note: note.filter(|n| !n.trim().is_empty()),
        created: stamp.created,
        unknown: Default::default(),
    })
}

/// The blocks a target points into: the article, or a comment's body.
fn blocks_of<'a>(document: &'a Document, target: &Target) -> Option<&'a [crate::document::Block]> {
    match target {
        Target::Article { .. } => Some(&document.article),
        Target::Comment { id, .. } => document
            .comments
            .find_by_key(id)
            .map(|c| document.comments.get(c).body.as_slice()),
    }
}

/// A bookmark of a passage from character `first.1` of block `first.0` to
/// character `last.1` of block `last.0`, in the article or in one comment
/// (`target` names which; its block is replaced by `first.0`).
pub fn make_passage(
    document: &Document,
    path: Option<String>,
    target: Target,
    first: (usize, usize),
    last: (usize, usize),
    stamp: Stamp,
) -> Option<Bookmark> {
    let target = match target {
        Target::Article { .. } => Target::Article { block: first.0 },
        Target::Comment { id, .. } => Target::Comment { id, block: first.0 },
    };
    if last.0 == first.0 {
        return make(document, path, target, Some((first.1, last.1)), None, stamp);
    }
    let blocks = blocks_of(document, &target)?.get(first.0..=last.0)?;
    let mut parts = Vec::with_capacity(blocks.len());
    for (offset, block) in blocks.iter().enumerate() {
        let length = block.text.chars().count();
        let start = if offset == 0 { first.1.min(length) } else { 0 };
        let end = if offset + 1 == blocks.len() {
            last.1.min(length)
        } else {
            length
        };
        parts.push(char_slice(&block.text, (start, end.max(start))));
    }
    let mut bookmark = make(document, path, target, None, None, stamp)?;
    bookmark.range = (first.1, last.1);
    bookmark.last_block = Some(last.0);
    bookmark.excerpt = parts.join("\n\n");
    Some(bookmark)
}

#[cfg(test)]
mod tests;
