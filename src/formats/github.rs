//! GitHub issues and pull requests from the REST API: the comments of
//! `issues/N/comments` (an array), with the issue itself when the file
//! holds it (`{"issue": …, "comments": […]}`, or `[issue, comment, …]`), or
//! an issue alone. Bodies are Markdown, read by a CommonMark parser; pull
//! request review comments are threaded by `in_reply_to_id`.

use std::collections::HashMap;

use serde::Deserialize;

use crate::document::{Block, CommentTreeBuilder, Document, NewComment};

use super::value::{self, Int, Text, text};
use super::{LoadError, markdown};

#[derive(Deserialize, Default)]
#[serde(default)]
struct Item {
    id: Option<Text>,
    /// Only an issue has a number and a title.
    number: Int,
    title: Option<Text>,
    body: Option<Text>,
    user: User,
    created_at: Option<Text>,
    html_url: Option<Text>,
    url: Option<Text>,
    issue_url: Option<Text>,
    in_reply_to_id: Option<Text>,
    /// A review comment's file.
    path: Option<Text>,
    reactions: Reactions,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct User {
    login: Option<Text>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Reactions {
    total_count: Int,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct IssueWithComments {
    issue: Option<Item>,
    comments: Vec<Item>,
}

pub fn parse(json: &str) -> Result<Document, LoadError> {
    let (issue, comments) = if json.trim_start().starts_with('[') {
        let mut items: Vec<Item> = value::parse(json, "GitHub comments")?;
        let issue = (items.first().is_some_and(is_issue)).then(|| items.remove(0));
        (issue, items)
    } else {
        let wrapped: IssueWithComments = value::parse(json, "GitHub issue")?;
        match wrapped.issue {
            Some(issue) => (Some(issue), wrapped.comments),
            // An issue alone: its `comments` is a count, not a list.
            None => (Some(value::parse(json, "GitHub issue")?), Vec::new()),
        }
    };
    let mut document = match issue {
        Some(issue) => issue_document(issue),
        None => comments_document(comments.first()),
    };
    document.comments = threaded(comments)?;
    Ok(document)
}

fn is_issue(item: &Item) -> bool {
    item.number.0.is_some() && item.title.is_some()
}

fn issue_document(issue: Item) -> Document {
    let number = issue.number.0;
    let title = text(issue.title).unwrap_or_else(|| "GitHub issue".to_string());
    Document {
        title: match number {
            Some(n) => format!("{title} #{n}"),
            None => title,
        },
        source: text(issue.html_url).or_else(|| text(issue.url)),
        author: text(issue.user.login),
        published: text(issue.created_at),
        article: markdown::to_blocks(&text(issue.body).unwrap_or_default()),
        ..Document::default()
    }
}

/// The document of comments whose issue is not in the file: named by the
/// repository and number their addresses give.
fn comments_document(first: Option<&Item>) -> Document {
    let address = first
        .and_then(|c| c.issue_url.as_ref().or(c.url.as_ref()))
        .map(|u| u.0.as_str())
        .unwrap_or("");
    let title = match issue_of(address) {
        Some((repository, Some(number))) => format!("Comments on {repository}#{number}"),
        Some((repository, None)) => format!("Comments on an issue of {repository}"),
        None => "GitHub comments".to_string(),
    };
    Document {
        title,
        article: vec![Block::paragraph(
            "The issue these comments answer is not in this file.",
        )],
        ..Document::default()
    }
}

/// `OWNER/REPO` and the issue number in an API address
/// (`…/repos/OWNER/REPO/issues/28`, `…/issues/comments/ID` has none).
fn issue_of(address: &str) -> Option<(String, Option<u64>)> {
    let rest = address.split("/repos/").nth(1)?;
    let mut parts = rest.split('/');
    let (owner, repository) = (parts.next()?, parts.next()?);
    let number = match (parts.next(), parts.next()) {
        (Some("issues" | "pulls"), Some(n)) => n.parse().ok(),
        _ => None,
    };
    Some((format!("{owner}/{repository}"), number))
}

/// The comments in their order; a review comment goes under the one it
/// answers.
fn threaded(comments: Vec<Item>) -> Result<crate::document::Comments, LoadError> {
    let positions: HashMap<String, usize> = comments
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.id.as_ref().map(|id| (id.0.clone(), i)))
        .collect();
    let mut builder = CommentTreeBuilder::with_capacity(comments.len());
    for (index, comment) in comments.into_iter().enumerate() {
        let parent = comment
            .in_reply_to_id
            .as_ref()
            .and_then(|id| positions.get(&id.0).copied())
            .filter(|&p| p != index);
        let mut body = Vec::new();
        if let Some(path) = text(comment.path) {
            body.push(Block::paragraph(format!("On {path}:")));
        }
        body.extend(markdown::to_blocks(&text(comment.body).unwrap_or_default()));
        builder.push(NewComment {
            key: text(comment.id)
                .unwrap_or_else(|| (index + 1).to_string())
                .into(),
            parent,
            author: text(comment.user.login).map(Into::into),
            posted: text(comment.created_at).map(Into::into),
            score: comment.reactions.total_count.0,
            body: body.into(),
            ..NewComment::default()
        });
    }
    builder.build().map_err(LoadError::Tree)
}
