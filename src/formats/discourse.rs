//! Discourse topic JSON (`/t/ID.json`, `/t/SLUG/ID/N.json`, `/t/ID/posts.json`):
//! `post_stream.posts`, threaded by `reply_to_post_number`. Post 1, when it
//! is in the file, is the article; a reply to post 1 or to a post the file
//! does not hold starts a thread of its own. Posts are read in post-number
//! order whatever order the file has them in (`posts.json?post_number=N`
//! serves them newest first), so every parent is placed before its replies.

use std::collections::HashMap;

use serde::Deserialize;

use crate::document::sanitize::clean_field;
use crate::document::{Body, CommentTreeBuilder, Document, NewComment};

use super::value::{self, Chunked, Flag, Int, Text, text};
use super::{LoadError, html};

#[derive(Deserialize, Default)]
#[serde(default)]
struct Topic {
    id: Option<Text>,
    title: Option<Text>,
    slug: Option<Text>,
    created_at: Option<Text>,
    post_stream: PostStream,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct PostStream {
    posts: Chunked<Post>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Post {
    id: Option<Text>,
    post_number: Int,
    reply_to_post_number: Int,
    username: Option<Text>,
    created_at: Option<Text>,
    cooked: Option<Text>,
    like_count: Int,
    deleted_at: Option<Text>,
    user_deleted: Flag,
}

pub fn parse(json: &str) -> Result<Document, LoadError> {
    let topic: Topic = value::parse(json, "Discourse topic")?;
    let topic_id = text(topic.id);
    let mut document = Document {
        title: clean_field(text(topic.title))
            .or_else(|| topic_id.as_ref().map(|id| format!("Discourse topic {id}")))
            .unwrap_or_else(|| "Discourse topic".to_string()),
        source: match (text(topic.slug), &topic_id) {
            (Some(slug), Some(id)) => Some(format!("discourse:t/{slug}/{id}")),
            (None, Some(id)) => Some(format!("discourse:t/{id}")),
            _ => None,
        },
        published: text(topic.created_at),
        ..Document::default()
    };

    let posts = topic.post_stream.posts;
    let mut builder = CommentTreeBuilder::with_capacity(posts.len());
    let mut by_number: HashMap<i64, usize> = HashMap::new();
    for post in in_post_order(posts) {
        let number = post.post_number.0;
        let cooked = text(post.cooked).unwrap_or_default();
        if number == Some(1) {
            document.author = text(post.username);
            document.article = html::to_blocks(&cooked);
            continue;
        }
        let parent = post
            .reply_to_post_number
            .0
            .and_then(|n| by_number.get(&n).copied());
        let deleted = post.deleted_at.is_some() || post.user_deleted.0;
        let key = number
            .map(|n| n.to_string())
            .or_else(|| text(post.id))
            .unwrap_or_else(|| (builder.len() + 1).to_string());
        let position = builder.push(NewComment {
            key: key.into(),
            parent,
            author: text(post.username).map(Into::into),
            posted: text(post.created_at).map(Into::into),
            score: post.like_count.0,
            deleted,
            dead: false,
            body: Body::lazy(cooked, html::to_blocks),
            more: None,
        });
        if let Some(number) = number {
            by_number.insert(number, position);
        }
    }
    document.comments = builder.build().map_err(LoadError::Tree)?;
    Ok(document)
}

/// The posts by post number (those without one last, as they came). Files
/// in order already, as most are, are not copied.
fn in_post_order(posts: Chunked<Post>) -> Box<dyn Iterator<Item = Post>> {
    let number = |post: &Post| post.post_number.0.unwrap_or(i64::MAX);
    let mut previous = i64::MIN;
    let ascending = posts.iter().all(|post| {
        let ordered = number(post) >= previous;
        previous = number(post);
        ordered
    });
    if ascending {
        return Box::new(posts.into_iter());
    }
    let mut all: Vec<Post> = posts.into_iter().collect();
    all.sort_by_key(number);
    Box::new(all.into_iter())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posts_newest_first_are_threaded_by_post_number() {
        let json = r#"{"post_stream": {"posts": [
            {"post_number": 4, "reply_to_post_number": 3, "username": "dan", "cooked": "<p>d</p>"},
            {"post_number": 3, "reply_to_post_number": 2, "username": "cy", "cooked": "<p>c</p>"},
            {"post_number": 2, "username": "bo", "cooked": "<p>b</p>"},
            {"post_number": 1, "username": "al", "cooked": "<p>the topic</p>"}
        ]}}"#;
        let document = parse(json).unwrap();
        assert_eq!(document.author.as_deref(), Some("al"));
        let rows: Vec<(&str, u32)> = document
            .comments
            .iter()
            .map(|(_, c)| (c.key.as_str(), c.depth))
            .collect();
        assert_eq!(rows, [("2", 0), ("3", 1), ("4", 2)]);
    }
}
