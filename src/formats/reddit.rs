//! Reddit thread JSON (a thread URL with `.json` appended): two Listings,
//! the post and the comment tree. `replies` is `""` or a nested Listing;
//! `kind: "more"` stubs become a placeholder row saying how many replies the
//! file does not hold; `[deleted]`/`[removed]` authors and bodies are kept as
//! such. The tree is walked with a heap stack and taken apart as it goes, so
//! depth costs no stack.

use serde_json::Value;

use crate::document::sanitize::{clean_field, clean_short};
use crate::document::{Block, Body, CommentTreeBuilder, Document, NewComment};

use super::value::{self, integer, short, text};
use super::{LoadError, html};

/// The author shown on a placeholder for replies the file does not hold.
const MORE_AUTHOR: &str = "more replies";

/// Blocks of a Reddit text: the HTML version when present (it is itself
/// HTML-escaped), else the Markdown source as plain paragraphs.
fn body(data: &Value, html_key: &str, text_key: &str) -> Body {
    if let Some(escaped) = text(data, html_key).filter(|s| !s.trim().is_empty()) {
        return Body::lazy(escaped, html::escaped_to_blocks);
    }
    let blocks: Vec<Block> = text(data, text_key)
        .map(|source| {
            source
                .split("\n\n")
                .filter(|p| !p.trim().is_empty())
                .map(|p| {
                    Block::paragraph(crate::document::sanitize::clean_owned(p.trim().to_string()))
                })
                .collect()
        })
        .unwrap_or_default();
    blocks.into()
}

/// The `children` of a Listing, taken out of it.
fn take_children(listing: &mut Value) -> Vec<Value> {
    match listing.pointer_mut("/data/children").map(Value::take) {
        Some(Value::Array(children)) => children,
        _ => Vec::new(),
    }
}

pub fn parse(json: &str) -> Result<Document, LoadError> {
    let mut root = value::parse(json, "Reddit thread")?;
    let Some(listings) = root.as_array_mut().filter(|l| !l.is_empty()) else {
        return Err(LoadError::Import(
            "Reddit thread: expected two Listings".into(),
        ));
    };
    let mut posts = take_children(&mut listings[0]);
    let post = posts
        .first()
        .and_then(|p| p.get("data"))
        .cloned()
        .unwrap_or(Value::Null);
    let mut document = Document {
        // Reddit sends titles HTML-escaped ("&amp;").
        title: clean_field(text(&post, "title").map(|t| html::unescape(&t)))
            .unwrap_or_else(|| "Reddit thread".into()),
        source: text(&post, "permalink").map(|p| format!("https://www.reddit.com{p}")),
        author: text(&post, "author"),
        published: integer(&post, "created_utc").map(|s| s.to_string()),
        article: body(&post, "selftext_html", "selftext").to_vec(),
        ..Document::default()
    };
    if document.article.is_empty()
        && let Some(url) = clean_field(text(&post, "url"))
    {
        document.article.push(Block::paragraph(url));
    }
    posts.drain(..).for_each(value::dismantle);

    let mut stack: Vec<(Value, Option<usize>)> = match listings.get_mut(1) {
        Some(listing) => take_children(listing)
            .into_iter()
            .rev()
            .map(|c| (c, None))
            .collect(),
        None => Vec::new(),
    };
    let mut builder = CommentTreeBuilder::new();
    while let Some((mut node, parent)) = stack.pop() {
        let kind = text(&node, "kind").unwrap_or_default();
        let mut data = node.get_mut("data").map(Value::take).unwrap_or(Value::Null);
        let key = short(&data, "name")
            .or_else(|| short(&data, "id"))
            .unwrap_or_else(|| (builder.len() + 1).to_string().into());
        if kind == "more" {
            let count = integer(&data, "count").unwrap_or(0);
            let text = if count > 0 {
                format!(
                    "{count} more {} not in this file",
                    if count == 1 { "reply" } else { "replies" }
                )
            } else {
                "The thread goes on; its replies are not in this file".to_string()
            };
            builder.push(NewComment {
                key,
                parent,
                author: Some(MORE_AUTHOR.into()),
                body: vec![Block::paragraph(text)].into(),
                ..NewComment::default()
            });
            value::dismantle(data);
            continue;
        }
        let author = text(&data, "author");
        let raw_body = text(&data, "body").unwrap_or_default();
        let deleted = matches!(raw_body.trim(), "[deleted]" | "[removed]");
        let position = builder.push(NewComment {
            key,
            parent,
            // An account that was deleted shows as Reddit shows it.
            author: clean_short(author.map(Into::into)),
            posted: clean_short(integer(&data, "created_utc").map(|s| s.to_string().into())),
            score: integer(&data, "score"),
            deleted,
            dead: false,
            body: body(&data, "body_html", "body"),
        });
        if let Some(mut replies) = data.get_mut("replies").map(Value::take)
            && replies.is_object()
        {
            let children = take_children(&mut replies);
            stack.extend(children.into_iter().rev().map(|c| (c, Some(position))));
        }
        value::dismantle(data);
    }
    document.comments = builder.build().map_err(LoadError::Tree)?;
    value::dismantle(root);
    Ok(document)
}
