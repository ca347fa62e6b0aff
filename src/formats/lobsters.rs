//! Lobsters story JSON (`https://lobste.rs/s/ID.json`): a story with a flat
//! list of comments in thread order, threaded by `parent_comment` (current
//! schema, with `depth`) or by the legacy 1-based `indent_level`; users as
//! a name or as an object.

use serde_json::Value;

use crate::document::sanitize::{clean_field, clean_short};
use crate::document::{Block, Body, CommentTreeBuilder, Document, NewComment};

use super::value::{self, flag, integer, short, text, user};
use super::{LoadError, html};

pub fn parse(json: &str) -> Result<Document, LoadError> {
    let story = value::parse(json, "Lobsters story")?;
    let mut document = Document {
        title: clean_field(text(&story, "title")).unwrap_or_else(|| "Lobsters story".into()),
        source: clean_field(text(&story, "short_id_url").or_else(|| text(&story, "comments_url"))),
        author: user(&story, "submitter_user").map(|u| u.to_string()),
        published: clean_field(text(&story, "created_at")),
        article: html::to_blocks(&text(&story, "description").unwrap_or_default()),
        ..Document::default()
    };
    if document.article.is_empty()
        && let Some(url) = clean_field(text(&story, "url"))
    {
        document.article.push(Block::paragraph(url));
    }

    let empty = Vec::new();
    let comments = story
        .get("comments")
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    let mut builder = CommentTreeBuilder::with_capacity(comments.len());
    let mut by_short_id = std::collections::HashMap::new();
    // Builder positions of the open ancestors, by depth, for legacy files.
    let mut open: Vec<usize> = Vec::new();
    for comment in comments {
        let depth = integer(comment, "depth")
            .or_else(|| integer(comment, "indent_level").map(|level| level - 1))
            .unwrap_or(0)
            .max(0) as usize;
        let parent = match text(comment, "parent_comment") {
            Some(parent_id) => by_short_id.get(&parent_id).copied(),
            None => {
                open.truncate(depth);
                open.last().copied()
            }
        };
        let deleted = flag(comment, "is_deleted");
        let position = builder.push(NewComment {
            key: short(comment, "short_id")
                .unwrap_or_else(|| (builder.len() + 1).to_string().into()),
            parent,
            author: if deleted {
                None
            } else {
                clean_short(user(comment, "commenting_user"))
            },
            posted: clean_short(short(comment, "created_at")),
            score: integer(comment, "score"),
            deleted,
            dead: false,
            body: Body::lazy(
                text(comment, "comment").unwrap_or_default(),
                html::to_blocks,
            ),
        });
        if let Some(id) = text(comment, "short_id") {
            by_short_id.insert(id, position);
        }
        open.truncate(depth);
        open.push(position);
    }
    document.comments = builder.build().map_err(LoadError::Tree)?;
    value::dismantle(story);
    Ok(document)
}
