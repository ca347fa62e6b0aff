//! The document model: an article made of blocks and a tree of comments.
//!
//! A `Document` is built once by a format loader and never changes afterwards,
//! except that a large file's comments are appended to in preorder while it
//! loads (ids already given out keep their comments); everything
//! interactive (folds, selection, scroll) lives in app state and refers to
//! comments by `CommentId`. Every string in it has passed through
//! [`sanitize`], so the rest of the program may print it as it is.

mod body;
mod comments;
pub mod sanitize;
pub mod urls;

pub use body::{Body, Convert};
pub use comments::{
    Comment, CommentId, CommentTreeBuilder, Comments, MoreReplies, NewComment, TreeError,
};

use serde::{Deserialize, Serialize};

/// What a block of text is, which decides how it is wrapped and drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Paragraph,
    Heading,
    Quote,
    /// Preformatted: whitespace is kept and lines are not reflowed.
    Code,
    ListItem,
    /// A content warning (Mastodon's `spoiler_text`): a comment whose body
    /// starts with one shows only it until the reader asks for the rest.
    Warning,
}

/// One paragraph-like piece of an article or a comment body. `text` may hold
/// single line breaks, which are kept when wrapping; never blank lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    /// Links and emphasis, boxed apart: most blocks have neither, and a
    /// block of a large thread is 40 bytes instead of 80 without them.
    marks: Option<Box<Marks>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Marks {
    /// Links the source marked up in this block (HTML `<a href>`).
    links: Vec<Link>,
    /// Emphasized stretches of `text` (HTML `<i>`, `<em>`, `<b>`, `<strong>`),
    /// in order of their start; they may nest.
    emphasis: Vec<Emphasis>,
}

/// A stretch of a block's text shown emphasized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Emphasis {
    /// Byte range into `Block::text`.
    pub range: std::ops::Range<usize>,
    /// Strong (bold) rather than plain emphasis (italic).
    pub strong: bool,
}

/// A link: the text it was shown as, and where it goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub text: String,
    pub url: String,
}

impl Block {
    pub fn new(kind: BlockKind, text: impl Into<String>) -> Self {
        Block {
            kind,
            text: text.into(),
            marks: None,
        }
    }

    /// Links the source marked up in this block (HTML `<a href>`).
    pub fn links(&self) -> &[Link] {
        self.marks.as_ref().map_or(&[], |m| &m.links)
    }

    /// Emphasized stretches of the text, in order of their start; they may
    /// nest.
    pub fn emphasis(&self) -> &[Emphasis] {
        self.marks.as_ref().map_or(&[], |m| &m.emphasis)
    }

    pub fn set_links(&mut self, links: Vec<Link>) {
        self.change_marks(|marks| marks.links = links);
    }

    /// Sets the emphasis, sorted by start.
    pub fn set_emphasis(&mut self, mut emphasis: Vec<Emphasis>) {
        emphasis.sort_by_key(|e| e.range.start);
        self.change_marks(|marks| marks.emphasis = emphasis);
    }

    pub fn links_mut(&mut self) -> &mut [Link] {
        self.marks.as_mut().map_or(&mut [], |m| &mut m.links)
    }

    /// Changes the marks, keeping "none" as no box at all, so that blocks
    /// compare equal however they were made.
    fn change_marks(&mut self, change: impl FnOnce(&mut Marks)) {
        let mut marks = self.marks.take().unwrap_or_default();
        change(&mut marks);
        marks.links.shrink_to_fit();
        marks.emphasis.shrink_to_fit();
        if !marks.links.is_empty() || !marks.emphasis.is_empty() {
            self.marks = Some(marks);
        }
    }

    /// Every link in the block: marked-up links first, then bare http(s)
    /// URLs written in the text, without repeats.
    pub fn all_links(&self) -> Vec<Link> {
        let mut links = self.links().to_vec();
        for range in urls::url_ranges(&self.text) {
            let url = &self.text[range];
            if !links.iter().any(|l| l.url == url) {
                links.push(Link {
                    text: url.to_string(),
                    url: url.to_string(),
                });
            }
        }
        links
    }

    /// Where the block's links are in its text, with their targets: each
    /// marked-up link at the next place its text appears, then the bare
    /// addresses not inside one of those.
    pub fn link_spans(&self) -> Vec<(std::ops::Range<usize>, &str)> {
        let mut spans = Vec::new();
        let mut from = 0;
        for link in self.links() {
            if link.text.is_empty() {
                continue;
            }
            if let Some(found) = self.text[from..].find(link.text.as_str()) {
                let start = from + found;
                from = start + link.text.len();
                spans.push((start..from, link.url.as_str()));
            }
        }
        for range in urls::url_ranges(&self.text) {
            if !spans
                .iter()
                .any(|(r, _)| r.start < range.end && range.start < r.end)
            {
                spans.push((range.clone(), &self.text[range]));
            }
        }
        spans.sort_by_key(|(range, _)| range.start);
        spans
    }

    pub fn paragraph(text: impl Into<String>) -> Self {
        Block::new(BlockKind::Paragraph, text)
    }
}

/// Whether `next` follows `previous` without a blank line between: items
/// of one list are single-spaced, as they are printed.
pub fn single_spaced(previous: &Block, next: &Block) -> bool {
    previous.kind == BlockKind::ListItem && next.kind == BlockKind::ListItem
}

impl Document {
    /// Reads `page`, the article a link post links to, into this post's
    /// article: the link first, as it was (so that a page fetched again
    /// replaces the last), then the page's title, who wrote it, where and
    /// when, then its text.
    pub fn attach_linked_article(&mut self, page: &Document) {
        self.article.truncate(1);
        self.article
            .push(Block::new(BlockKind::Heading, page.title.clone()));
        let about: Vec<&str> = [&page.author, &page.meta.site, &page.published]
            .into_iter()
            .flatten()
            .map(|field| field.trim())
            .filter(|field| !field.is_empty())
            .collect();
        if !about.is_empty() {
            self.article.push(Block::paragraph(about.join(" · ")));
        }
        self.article.extend(page.article.iter().cloned());
    }

    /// Whether a comment was written by the article's author.
    pub fn is_op(&self, comment: &Comment) -> bool {
        !comment.deleted
            && comment.author.is_some()
            && comment.author.as_deref() == self.author.as_deref()
    }

    /// A key that names this discussion wherever its file lives: the source
    /// URL or id when the format has one, else a hash of the title and the
    /// article text (FNV-1a, stable across builds and machines).
    pub fn stable_key(&self) -> String {
        if let Some(source) = &self.source {
            return source.clone();
        }
        let mut hash = crate::fnv::Fnv1a::new();
        hash.feed(self.title.as_bytes());
        for block in &self.article {
            hash.feed(b"\0");
            hash.feed(block.text.as_bytes());
        }
        format!("fnv1a:{:016x}", hash.finish())
    }
}

/// A whole discussion: the article and the comments under it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    pub title: String,
    /// Where the discussion came from (a URL or an id), when the format knows.
    pub source: Option<String>,
    pub author: Option<String>,
    /// Publication date as the source gave it.
    pub published: Option<String>,
    /// The story's points, where the site counts them (HN, Reddit, Lobsters).
    pub score: Option<i64>,
    pub article: Vec<Block>,
    pub comments: Comments,
    /// What a web page says of itself, beyond the fields above.
    pub meta: PageMeta,
}

/// What a web page read in reader mode says of itself: the site's name, the
/// language and the direction of its text. Empty for other formats.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    pub site: Option<String>,
    /// A BCP 47 tag as the page gives it (`en`, `pt-BR`).
    pub language: Option<String>,
    /// Whether the text runs right to left (`dir="rtl"`: Arabic, Hebrew).
    pub right_to_left: bool,
}
