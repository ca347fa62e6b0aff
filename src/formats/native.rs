//! tread's own JSON (`"tread": 1`, DESIGN.md): written by `tread convert --to json`
//! and read back, with comments either flat (`parent` naming an earlier `id`)
//! or nested in `replies`.
//!
//! Writing is deterministic (fixed field order, two-space indentation), so
//! convert → read → convert gives the same bytes.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use compact_str::CompactString;

use crate::document::sanitize::{clean, clean_field, clean_owned};
use crate::document::{
    Block, BlockKind, CommentTreeBuilder, Document, Emphasis, MoreReplies, NewComment,
};

use super::LoadError;

mod ids;
mod streaming;
use ids::Ids;
pub use streaming::{STREAM_BATCH, Sink, parse_streaming};

pub const VERSION: u32 = 1;

#[derive(Deserialize)]
struct RawDocument {
    tread: u32,
    title: String,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    score: Option<i64>,
    /// A web page's site name, language and direction (`"rtl"`), when the
    /// document is one.
    #[serde(default)]
    site: Option<String>,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    direction: Option<String>,
    #[serde(default)]
    article: Vec<RawBlock>,
    #[serde(default)]
    comments: CommentStream,
}

/// `id` and `parent` borrow from the input when they hold no escapes, which
/// saves two allocations per comment on large files.
#[derive(Deserialize)]
struct RawComment<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(default, borrow)]
    parent: Option<Cow<'a, str>>,
    #[serde(default)]
    author: Option<CompactString>,
    #[serde(default)]
    posted: Option<CompactString>,
    #[serde(default)]
    score: Option<i64>,
    #[serde(default)]
    deleted: bool,
    #[serde(default)]
    dead: bool,
    #[serde(default)]
    body: Vec<RawBlock>,
    /// Present on a stub for replies the file does not hold: how many, or
    /// null when unknown.
    #[serde(default, deserialize_with = "present")]
    more: Option<Option<u32>>,
    #[serde(default, borrow)]
    replies: Vec<RawComment<'a>>,
}

/// A field that may be null, told apart from one that is absent.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<u32>>, D::Error> {
    Option::<u32>::deserialize(d).map(Some)
}

#[derive(Deserialize)]
struct RawBlock {
    kind: RawKind,
    text: String,
    #[serde(default)]
    links: Vec<crate::document::Link>,
    #[serde(default)]
    emphasis: Vec<EmphasisJson>,
}

/// An emphasized stretch of a block's text, as UTF-8 byte offsets.
#[derive(Serialize, Deserialize)]
struct EmphasisJson {
    start: usize,
    end: usize,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    strong: bool,
}

/// Block kinds a newer writer may add are read as paragraphs, keeping their text.
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum RawKind {
    Paragraph,
    Heading,
    Quote,
    Code,
    ListItem,
    Warning,
    #[serde(other)]
    Unknown,
}

impl RawBlock {
    fn into_block(self) -> Block {
        let kind = match self.kind {
            RawKind::Paragraph | RawKind::Unknown => BlockKind::Paragraph,
            RawKind::Heading => BlockKind::Heading,
            RawKind::Quote => BlockKind::Quote,
            RawKind::Code => BlockKind::Code,
            RawKind::ListItem => BlockKind::ListItem,
            RawKind::Warning => BlockKind::Warning,
        };
        // Text and links are cleaned by the pass every document goes through
        // (`sanitize::document`), which drops the offsets when that changes
        // the text; here they are only checked to lie inside it.
        let mut block = Block::new(kind, self.text);
        {
            let text = &block.text;
            let emphasis = self
                .emphasis
                .into_iter()
                .filter(|e| {
                    e.start < e.end
                        && text.is_char_boundary(e.start)
                        && text.is_char_boundary(e.end)
                        && e.end <= text.len()
                })
                .map(|e| Emphasis {
                    range: e.start..e.end,
                    strong: e.strong,
                })
                .collect();
            block.set_emphasis(emphasis);
        }
        block.set_links(
            self.links
                .into_iter()
                .map(|link| crate::document::Link {
                    text: link.text,
                    url: link.url,
                })
                .collect(),
        );
        block
    }
}

fn into_blocks(raw: Vec<RawBlock>) -> Vec<Block> {
    raw.into_iter().map(RawBlock::into_block).collect()
}

/// The `comments` array, turned into the comment tree while it is read, so
/// that no array of raw comments is ever held: each entry goes into the
/// builder as soon as serde has it.
#[derive(Default)]
struct CommentStream {
    builder: CommentTreeBuilder,
}

thread_local! {
    /// How many comments the input probably holds, so the arena is allocated
    /// once instead of growing (and copying) a dozen times on a large file.
    /// serde gives the stream no way to ask, hence a thread-local set by `parse`.
    static EXPECTED_COMMENTS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Bytes a comment takes in native JSON, on the small side (the generated
/// and real threads we measured take 500 to 700), so the estimate rarely
/// falls short.
const TYPICAL_COMMENT_BYTES: usize = 400;

/// Marks the errors the stream raises itself, which already name the field.
const STREAM_ERROR: &str = "comments[";

impl<'de> Deserialize<'de> for CommentStream {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(CommentStreamVisitor)
    }
}

struct CommentStreamVisitor;

impl<'de> serde::de::Visitor<'de> for CommentStreamVisitor {
    type Value = CommentStream;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array of comments")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> Result<CommentStream, A::Error> {
        let expected = EXPECTED_COMMENTS.with(std::cell::Cell::get);
        let skip = streaming::skip();
        let mut builder = match skip {
            Some(skip) => CommentTreeBuilder::streaming(skip),
            None => CommentTreeBuilder::with_capacity(expected),
        };
        let mut position_of_id = Ids::new(skip.is_some(), expected);
        // Replies nested inside an entry go through this stack, depth first,
        // so the tree stays in preorder. A stack, not recursion.
        let mut pending: Vec<(RawComment<'de>, Option<usize>)> = Vec::new();
        let mut top = 0;
        while let Some(entry) = seq.next_element::<RawComment<'de>>()? {
            let at = match &entry.id {
                Cow::Borrowed(id) => Some(id.as_ptr() as usize),
                Cow::Owned(_) => None,
            };
            pending.push((entry, None));
            while let Some((raw, nested_parent)) = pending.pop() {
                add_comment(
                    &mut builder,
                    &mut position_of_id,
                    raw,
                    nested_parent,
                    top,
                    &mut pending,
                )
                .map_err(serde::de::Error::custom)?;
            }
            top += 1;
            if skip.is_some() && builder.waiting() >= streaming::STREAM_BATCH {
                streaming::hand_out(&mut builder, at).map_err(serde::de::Error::custom)?;
            }
        }
        if skip.is_some() {
            streaming::hand_out(&mut builder, Some(usize::MAX))
                .map_err(serde::de::Error::custom)?;
        }
        Ok(CommentStream { builder })
    }
}

/// Adds one raw comment to the builder and queues its nested replies.
fn add_comment<'de>(
    builder: &mut CommentTreeBuilder,
    position_of_id: &mut Ids<'de>,
    mut raw: RawComment<'de>,
    nested_parent: Option<usize>,
    top: usize,
    pending: &mut Vec<(RawComment<'de>, Option<usize>)>,
) -> Result<(), String> {
    let path = || match nested_parent {
        None => format!("{STREAM_ERROR}{top}]"),
        Some(_) => format!("{STREAM_ERROR}{top}] (a nested reply)"),
    };
    let parent = match (nested_parent, raw.parent.take()) {
        (Some(position), _) => Some(position),
        (None, None) => None,
        (None, Some(parent_id)) => {
            let parent_id = clean(&parent_id);
            Some(
                position_of_id
                    .position_of(parent_id.as_ref())
                    .ok_or_else(|| {
                        format!(
                            "{}.parent: \"{parent_id}\" does not name an earlier comment's id",
                            path()
                        )
                    })?,
            )
        }
    };
    let replies = std::mem::take(&mut raw.replies);
    let id = match raw.id {
        Cow::Borrowed(id) => clean(id),
        Cow::Owned(id) => Cow::Owned(clean_owned(id)),
    };
    let position = builder.push(NewComment {
        key: CompactString::from(id.as_ref()),
        parent,
        author: raw.author,
        posted: raw.posted,
        score: raw.score,
        deleted: raw.deleted,
        dead: raw.dead,
        body: into_blocks(raw.body).into(),
        more: raw.more.map(MoreReplies),
    });
    if !position_of_id.insert(id.clone(), position, parent) {
        return Err(format!(
            "{}.id: \"{id}\" is used by an earlier comment",
            path()
        ));
    }
    pending.extend(
        replies
            .into_iter()
            .rev()
            .map(|reply| (reply, Some(position))),
    );
    Ok(())
}

/// Reads a native document from JSON text.
pub fn parse(json: &str) -> Result<Document, LoadError> {
    EXPECTED_COMMENTS.with(|expected| expected.set(json.len() / TYPICAL_COMMENT_BYTES));
    let raw: RawDocument = match serde_json::from_str(json) {
        Ok(raw) => raw,
        Err(plain) if plain.is_syntax() || plain.is_eof() => {
            return Err(LoadError::InvalidJson(plain.to_string()));
        }
        Err(plain) if plain.to_string().starts_with(STREAM_ERROR) => {
            return Err(LoadError::Native(plain.to_string()));
        }
        // Tracking the path costs time on every field, so it is done only
        // to explain an error.
        Err(plain) => return Err(LoadError::Native(explain_error(json, plain))),
    };
    if raw.tread != VERSION {
        return Err(LoadError::Native(format!(
            "\"tread\": version {} is not supported (this build reads version {VERSION})",
            raw.tread
        )));
    }
    Ok(Document {
        title: clean_field(Some(raw.title)).unwrap_or_default(),
        source: raw.source,
        author: raw.author,
        published: raw.published,
        score: raw.score,
        article: into_blocks(raw.article),
        comments: raw.comments.builder.build().map_err(LoadError::Tree)?,
        meta: crate::document::PageMeta {
            site: raw.site,
            language: raw.language,
            right_to_left: raw.direction.as_deref() == Some("rtl"),
        },
    })
}

/// Parses again with path tracking to say which field is wrong.
fn explain_error(json: &str, plain: serde_json::Error) -> String {
    streaming::suspended(|| {
        let mut deserializer = serde_json::Deserializer::from_str(json);
        match serde_path_to_error::deserialize::<_, RawDocument>(&mut deserializer) {
            Err(tracked) if tracked.path().iter().next().is_some() => tracked.to_string(),
            _ => plain.to_string(),
        }
    })
}

#[derive(Serialize)]
struct OutDocument<'a> {
    tread: u32,
    title: &'a str,
    source: Option<&'a str>,
    author: Option<&'a str>,
    published: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    site: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    direction: Option<&'a str>,
    article: Vec<OutBlock<'a>>,
    comments: Vec<OutComment<'a>>,
}

#[derive(Serialize)]
struct OutComment<'a> {
    id: &'a str,
    parent: Option<&'a str>,
    author: Option<&'a str>,
    posted: Option<&'a str>,
    score: Option<i64>,
    deleted: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    dead: bool,
    /// Only on stubs: `"more": 12`, or null when the count is unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    more: Option<Option<u32>>,
    body: Vec<OutBlock<'a>>,
}

#[derive(Serialize)]
struct OutBlock<'a> {
    kind: BlockKind,
    text: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    links: &'a [crate::document::Link],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    emphasis: Vec<EmphasisJson>,
}

fn out_blocks(blocks: &[Block]) -> Vec<OutBlock<'_>> {
    blocks
        .iter()
        .map(|b| OutBlock {
            kind: b.kind,
            text: &b.text,
            links: b.links(),
            emphasis: b
                .emphasis()
                .iter()
                .map(|e| EmphasisJson {
                    start: e.range.start,
                    end: e.range.end,
                    strong: e.strong,
                })
                .collect(),
        })
        .collect()
}

/// Writes `document` as native JSON, comments flat in preorder, ending in a newline.
pub fn write(document: &Document) -> String {
    let comments = &document.comments;
    let out = OutDocument {
        tread: VERSION,
        title: &document.title,
        source: document.source.as_deref(),
        author: document.author.as_deref(),
        published: document.published.as_deref(),
        score: document.score,
        site: document.meta.site.as_deref(),
        language: document.meta.language.as_deref(),
        direction: document.meta.right_to_left.then_some("rtl"),
        article: out_blocks(&document.article),
        comments: comments
            .iter()
            .map(|(_, c)| OutComment {
                id: &c.key,
                parent: c.parent.map(|p| comments.get(p).key.as_str()),
                author: c.author.as_deref(),
                posted: c.posted.as_deref(),
                score: c.score,
                deleted: c.deleted,
                dead: c.dead,
                more: c.more.map(|more| more.0),
                body: out_blocks(&c.body),
            })
            .collect(),
    };
    let mut json = serde_json::to_string_pretty(&out).expect("plain structs always serialize");
    json.push('\n');
    json
}
