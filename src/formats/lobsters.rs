//! Lobsters story JSON (`https://lobste.rs/s/ID.json`): a story with a flat
//! list of comments in thread order, threaded by `parent_comment` (current
//! schema, with `depth`) or by the legacy 1-based `indent_level`; users as
//! a name or as an object.

use serde::Deserialize;

use crate::document::sanitize::clean_field;
use crate::document::{Block, Body, CommentTreeBuilder, Comments, Document, NewComment};

use super::value::{self, Chunked, Flag, Int, Text, User, text};
use super::{LoadError, html};

#[derive(Deserialize, Default)]
#[serde(default)]
struct Story {
    title: Option<Text>,
    short_id_url: Option<Text>,
    comments_url: Option<Text>,
    submitter_user: User,
    created_at: Option<Text>,
    description: Option<Text>,
    url: Option<Text>,
    score: Int,
    comments: Chunked<Comment>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Comment {
    short_id: Option<Text>,
    parent_comment: Option<Text>,
    depth: Int,
    indent_level: Int,
    is_deleted: Flag,
    commenting_user: User,
    created_at: Option<Text>,
    score: Int,
    comment: Option<Text>,
}

pub fn parse(json: &str) -> Result<Document, LoadError> {
    let story: Story = value::parse(json, "Lobsters story")?;
    let mut document = Document {
        title: clean_field(text(story.title)).unwrap_or_else(|| "Lobsters story".into()),
        source: text(story.short_id_url).or_else(|| text(story.comments_url)),
        author: story.submitter_user.0.map(|u| u.to_string()),
        published: text(story.created_at),
        score: story.score.0,
        article: html::to_blocks(&text(story.description).unwrap_or_default()),
        ..Document::default()
    };
    if document.article.is_empty()
        && let Some(url) = clean_field(text(story.url))
    {
        document.article.push(Block::paragraph(url));
    }

    document.comments = comments(story.comments)?;
    Ok(document)
}

/// The story's comments, threaded by parent id or, in older files, by depth.
fn comments(list: Chunked<Comment>) -> Result<Comments, LoadError> {
    let mut builder = CommentTreeBuilder::with_capacity(list.len());
    let mut by_short_id = std::collections::HashMap::new();
    // Builder positions of the open ancestors, by depth, for legacy files.
    let mut open: Vec<usize> = Vec::new();
    for comment in list {
        let depth = comment
            .depth
            .0
            .or_else(|| comment.indent_level.0.map(|level| level - 1))
            .unwrap_or(0)
            .max(0) as usize;
        let parent = match text(comment.parent_comment) {
            Some(parent_id) => by_short_id.get(&parent_id).copied(),
            None => {
                open.truncate(depth);
                open.last().copied()
            }
        };
        let deleted = comment.is_deleted.0;
        let short_id = text(comment.short_id);
        let position = builder.push(NewComment {
            key: short_id
                .as_deref()
                .map_or_else(|| (builder.len() + 1).to_string().into(), Into::into),
            parent,
            author: if deleted {
                None
            } else {
                comment.commenting_user.0
            },
            posted: text(comment.created_at).map(Into::into),
            score: comment.score.0,
            deleted,
            dead: false,
            body: Body::lazy(text(comment.comment).unwrap_or_default(), html::to_blocks),
            more: None,
        });
        if let Some(id) = short_id {
            by_short_id.insert(id, position);
        }
        open.truncate(depth);
        open.push(position);
    }
    builder.build().map_err(LoadError::Tree)
}
