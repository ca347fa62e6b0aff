//! tread's own JSON (`"tread": 1`, DESIGN.md): written by `tread convert --to json`
//! and read back, with comments either flat (`parent` naming an earlier `id`)
//! or nested in `replies`.
//!
//! Writing is deterministic (fixed field order, two-space indentation), so
//! convert → read → convert gives the same bytes.

use std::borrow::Cow;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::document::sanitize::{clean, clean_field, clean_owned};
use crate::document::{Block, BlockKind, CommentTreeBuilder, Document, NewComment};

use super::LoadError;

pub const VERSION: u32 = 1;

#[derive(Deserialize)]
struct RawDocument<'a> {
    tread: u32,
    title: String,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    article: Vec<RawBlock>,
    #[serde(default, borrow)]
    comments: Vec<RawComment<'a>>,
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
    author: Option<String>,
    #[serde(default)]
    posted: Option<String>,
    #[serde(default)]
    score: Option<i64>,
    #[serde(default)]
    deleted: bool,
    #[serde(default)]
    body: Vec<RawBlock>,
    #[serde(default, borrow)]
    replies: Vec<RawComment<'a>>,
}

#[derive(Deserialize)]
struct RawBlock {
    kind: RawKind,
    text: String,
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
        };
        Block::new(kind, clean_owned(self.text))
    }
}

fn into_blocks(raw: Vec<RawBlock>) -> Vec<Block> {
    raw.into_iter().map(RawBlock::into_block).collect()
}

/// Reads a native document from JSON text.
pub fn parse(json: &str) -> Result<Document, LoadError> {
    let raw: RawDocument = match serde_json::from_str(json) {
        Ok(raw) => raw,
        // Tracking the path costs time on every field, so it is done only
        // to explain an error.
        Err(plain) if plain.is_syntax() || plain.is_eof() => {
            return Err(LoadError::InvalidJson(plain));
        }
        Err(plain) => return Err(LoadError::Native(explain_error(json, plain))),
    };
    if raw.tread != VERSION {
        return Err(LoadError::Native(format!(
            "\"tread\": version {} is not supported (this build reads version {VERSION})",
            raw.tread
        )));
    }

    let mut builder = CommentTreeBuilder::with_capacity(raw.comments.len());
    let mut position_of_id: HashMap<Cow<str>, usize> = HashMap::with_capacity(raw.comments.len());
    // Comments still to add, with the position of their parent when they came
    // nested in `replies`, and the index of the top-level entry they came in
    // (for error messages). A stack, not recursion: nesting may be deep.
    let mut pending: Vec<(RawComment, Option<usize>, usize)> = raw
        .comments
        .into_iter()
        .enumerate()
        .rev()
        .map(|(index, c)| (c, None, index))
        .collect();
    while let Some((mut raw_comment, nested_parent, top)) = pending.pop() {
        let path = || match nested_parent {
            None => format!("comments[{top}]"),
            Some(_) => format!("a reply inside comments[{top}]"),
        };
        let parent = match (nested_parent, raw_comment.parent.take()) {
            (Some(position), _) => Some(position),
            (None, None) => None,
            (None, Some(parent_id)) => {
                let parent_id = clean(&parent_id);
                Some(*position_of_id.get(parent_id.as_ref()).ok_or_else(|| {
                    LoadError::Native(format!(
                        "{}.parent: \"{parent_id}\" does not name an earlier comment's id",
                        path()
                    ))
                })?)
            }
        };
        let replies = std::mem::take(&mut raw_comment.replies);
        let id = match raw_comment.id {
            Cow::Borrowed(id) => clean(id),
            Cow::Owned(id) => Cow::Owned(clean_owned(id)),
        };
        let position = builder.push(NewComment {
            key: id.clone().into_owned(),
            parent,
            author: clean_field(raw_comment.author),
            posted: clean_field(raw_comment.posted),
            score: raw_comment.score,
            deleted: raw_comment.deleted,
            body: into_blocks(raw_comment.body),
        });
        if position_of_id.insert(id.clone(), position).is_some() {
            return Err(LoadError::Native(format!(
                "{}.id: \"{id}\" is used by an earlier comment",
                path()
            )));
        }
        pending.extend(
            replies
                .into_iter()
                .rev()
                .map(|reply| (reply, Some(position), top)),
        );
    }

    Ok(Document {
        title: clean_field(Some(raw.title)).unwrap_or_default(),
        source: clean_field(raw.source),
        author: clean_field(raw.author),
        published: clean_field(raw.published),
        article: into_blocks(raw.article),
        comments: builder.build().map_err(LoadError::Tree)?,
    })
}

/// Parses again with path tracking to say which field is wrong.
fn explain_error(json: &str, plain: serde_json::Error) -> String {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    match serde_path_to_error::deserialize::<_, RawDocument>(&mut deserializer) {
        Err(tracked) if tracked.path().iter().next().is_some() => tracked.to_string(),
        _ => plain.to_string(),
    }
}

#[derive(Serialize)]
struct OutDocument<'a> {
    tread: u32,
    title: &'a str,
    source: Option<&'a str>,
    author: Option<&'a str>,
    published: Option<&'a str>,
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
    body: Vec<OutBlock<'a>>,
}

#[derive(Serialize)]
struct OutBlock<'a> {
    kind: BlockKind,
    text: &'a str,
}

fn out_blocks(blocks: &[Block]) -> Vec<OutBlock<'_>> {
    blocks
        .iter()
        .map(|b| OutBlock {
            kind: b.kind,
            text: &b.text,
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
                body: out_blocks(&c.body),
            })
            .collect(),
    };
    let mut json = serde_json::to_string_pretty(&out).expect("plain structs always serialize");
    json.push('\n');
    json
}
