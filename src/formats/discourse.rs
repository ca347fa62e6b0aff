//! Discourse topic JSON (`/t/ID.json`, `/t/SLUG/ID/N.json`, `/t/ID/posts.json`):
//! `post_stream.posts`, threaded by `reply_to_post_number`. Post 1, when it
//! is in the file, is the article; a reply to post 1 or to a post the file
//! does not hold starts a thread of its own.

use std::collections::HashMap;

use serde_json::Value;

use crate::document::sanitize::{clean_field, clean_short};
use crate::document::{Body, CommentTreeBuilder, Document, NewComment};

use super::value::{self, flag, integer, short, text};
use super::{LoadError, html};

pub fn parse(json: &str) -> Result<Document, LoadError> {
    let topic = value::parse(json, "Discourse topic")?;
    let empty = Vec::new();
    let posts = topic
        .get("post_stream")
        .and_then(|s| s.get("posts"))
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    let topic_id = text(&topic, "id");
    let mut document = Document {
        title: clean_field(text(&topic, "title"))
            .or_else(|| topic_id.as_ref().map(|id| format!("Discourse topic {id}")))
            .unwrap_or_else(|| "Discourse topic".to_string()),
        source: match (text(&topic, "slug"), &topic_id) {
            (Some(slug), Some(id)) => Some(format!("discourse:t/{slug}/{id}")),
            (None, Some(id)) => Some(format!("discourse:t/{id}")),
            _ => None,
        },
        published: clean_field(text(&topic, "created_at")),
        ..Document::default()
    };

    let mut builder = CommentTreeBuilder::with_capacity(posts.len());
    let mut by_number: HashMap<i64, usize> = HashMap::new();
    for post in posts {
        let number = integer(post, "post_number");
        let cooked = text(post, "cooked").unwrap_or_default();
        if number == Some(1) {
            document.author = text(post, "username");
            document.article = html::to_blocks(&cooked);
            continue;
        }
        let parent = integer(post, "reply_to_post_number").and_then(|n| by_number.get(&n).copied());
        let deleted = text(post, "deleted_at").is_some() || flag(post, "user_deleted");
        let position = builder.push(NewComment {
            key: short(post, "post_number")
                .or_else(|| short(post, "id"))
                .unwrap_or_else(|| (builder.len() + 1).to_string().into()),
            parent,
            author: clean_short(short(post, "username")),
            posted: clean_short(short(post, "created_at")),
            score: integer(post, "like_count"),
            deleted,
            dead: false,
            body: Body::lazy(cooked, html::to_blocks),
        });
        if let Some(number) = number {
            by_number.insert(number, position);
        }
    }
    document.comments = builder.build().map_err(LoadError::Tree)?;
    value::dismantle(topic);
    Ok(document)
}
