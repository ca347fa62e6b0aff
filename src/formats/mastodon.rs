//! Mastodon (and compatible servers') threads: a status's context
//! (`GET /api/v1/statuses/:id/context`, its `ancestors` and
//! `descendants`), with the status itself when the file holds it
//! (`[status, context]`, `{"status": …, "context": …}`, or a status whose
//! object carries the context's two lists), or one status alone. Statuses
//! are threaded by `in_reply_to_id`; the thread's first status is the
//! article. Without it, the article says which status the replies answer.

use std::collections::HashMap;

use serde::Deserialize;

use crate::document::{Block, BlockKind, CommentTreeBuilder, Document, NewComment};

use super::value::{self, Int, Text, text};
use super::{LoadError, html};

#[derive(Deserialize, Default)]
#[serde(default)]
struct Status {
    id: Option<Text>,
    in_reply_to_id: Option<Text>,
    account: Account,
    created_at: Option<Text>,
    content: Option<Text>,
    spoiler_text: Option<Text>,
    favourites_count: Int,
    reblogs_count: Int,
    url: Option<Text>,
    uri: Option<Text>,
    media_attachments: Vec<Media>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Account {
    acct: Option<Text>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Media {
    #[serde(rename = "type")]
    kind: Option<Text>,
    description: Option<Text>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Context {
    ancestors: Vec<Status>,
    descendants: Vec<Status>,
}

/// One object of the file: a context, a status and its context side by
/// side, or a status (with the context's lists among its own fields, or
/// not). The lists are optional, to tell a context from a status.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Thread {
    ancestors: Option<Vec<Status>>,
    descendants: Option<Vec<Status>>,
    status: Option<Status>,
    context: Option<Context>,
    #[serde(flatten)]
    own: Status,
}

pub fn parse(json: &str) -> Result<Document, LoadError> {
    // An array holds a status and its context in either order (as
    // `tread STATUS CONTEXT` joins two files), either of them null.
    let parts: Vec<Option<Thread>> = if json.trim_start().starts_with('[') {
        value::parse(json, "Mastodon status and context")?
    } else {
        vec![Some(value::parse(json, "Mastodon thread")?)]
    };
    let mut status = None;
    let mut context = Context::default();
    let mut understood = false;
    for part in parts.into_iter().flatten() {
        let lists = part.ancestors.is_some() || part.descendants.is_some();
        let own = part.own.id.is_some().then_some(part.own);
        understood |= lists || part.context.is_some() || part.status.is_some() || own.is_some();
        for found in [
            part.context,
            lists.then_some(Context {
                ancestors: part.ancestors.unwrap_or_default(),
                descendants: part.descendants.unwrap_or_default(),
            }),
        ]
        .into_iter()
        .flatten()
        {
            context.ancestors.extend(found.ancestors);
            context.descendants.extend(found.descendants);
        }
        if status.is_none() {
            status = part.status.or(own);
        }
    }
    if !understood {
        return Err(LoadError::Import(
            "neither a Mastodon status nor a status's context".to_string(),
        ));
    }
    thread_document(status, context)
}

/// The thread in order: its ancestors, the status, its descendants, each
/// status once.
fn in_thread_order(status: Option<Status>, context: Context) -> Vec<Status> {
    let mut statuses: Vec<Status> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let all = context
        .ancestors
        .into_iter()
        .chain(status)
        .chain(context.descendants);
    for status in all {
        let id = status.id.clone().map(|t| t.0);
        if id.is_none() || seen.insert(id) {
            statuses.push(status);
        }
    }
    statuses
}

fn thread_document(status: Option<Status>, context: Context) -> Result<Document, LoadError> {
    let mut statuses = in_thread_order(status, context);
    let ids: HashMap<String, usize> = statuses
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.id.as_ref().map(|id| (id.0.clone(), i)))
        .collect();
    let parent_of = |s: &Status| {
        s.in_reply_to_id
            .as_ref()
            .and_then(|id| ids.get(&id.0).copied())
    };
    // The article: the status the thread starts from, when the file has
    // it; else the replies say which status they answer.
    let root = statuses.iter().position(|s| parent_of(s).is_none());
    let answered = root.and_then(|r| text(statuses[r].in_reply_to_id.clone()));
    let article = root.filter(|_| answered.is_none());
    let mut document = match article {
        Some(root) => article_document(&mut statuses[root]),
        None => replies_document(answered),
    };
    let mut builder = CommentTreeBuilder::with_capacity(statuses.len());
    // Push positions: the statuses in order, the article left out.
    let position = |index: usize| index - usize::from(article.is_some_and(|a| a < index));
    for (index, status) in statuses.iter_mut().enumerate() {
        if Some(index) == article {
            continue;
        }
        let parent = parent_of(status).filter(|&p| Some(p) != article);
        builder.push(NewComment {
            key: text(status.id.take())
                .unwrap_or_else(|| (index + 1).to_string())
                .into(),
            parent: parent.map(position),
            author: text(status.account.acct.take()).map(Into::into),
            posted: text(status.created_at.take()).map(Into::into),
            score: score(status),
            body: status_blocks(status).into(),
            ..NewComment::default()
        });
    }
    // Positions follow the statuses, so a reply listed before its parent
    // still finds it.
    document.comments = builder.build().map_err(LoadError::Tree)?;
    Ok(document)
}

/// Favourites and boosts.
fn score(status: &Status) -> Option<i64> {
    match (status.favourites_count.0, status.reblogs_count.0) {
        (None, None) => None,
        (favourites, boosts) => Some(favourites.unwrap_or(0) + boosts.unwrap_or(0)),
    }
}

/// A status as blocks: its content warning first, then its text, then its
/// media as `[image: description]`.
fn status_blocks(status: &mut Status) -> Vec<Block> {
    let mut blocks = Vec::new();
    if let Some(warning) = text(status.spoiler_text.take()).filter(|w| !w.trim().is_empty()) {
        blocks.push(Block::new(BlockKind::Warning, warning.trim()));
    }
    blocks.extend(html::to_blocks(
        &text(status.content.take()).unwrap_or_default(),
    ));
    for media in std::mem::take(&mut status.media_attachments) {
        let kind = text(media.kind).unwrap_or_else(|| "attachment".to_string());
        let kind = if kind == "gifv" {
            "video".to_string()
        } else {
            kind
        };
        let line = match text(media.description).filter(|d| !d.trim().is_empty()) {
            Some(description) => format!("[{kind}: {}]", description.trim()),
            None => format!("[{kind}]"),
        };
        blocks.push(Block::paragraph(line));
    }
    blocks
}

/// The document of a thread whose first status is in the file.
fn article_document(status: &mut Status) -> Document {
    let author = text(status.account.acct.take());
    let source = text(status.url.take()).or_else(|| text(status.uri.take()));
    let published = text(status.created_at.take());
    let article = status_blocks(status);
    Document {
        title: title_of(&article, author.as_deref()),
        source,
        author: Some(author.unwrap_or_else(|| "unknown".to_string())),
        published,
        article,
        ..Document::default()
    }
}

/// The document of replies whose status is not in the file.
fn replies_document(answered: Option<String>) -> Document {
    let title = match &answered {
        Some(id) => format!("Replies to status {id}"),
        None => "Mastodon replies".to_string(),
    };
    Document {
        title,
        article: vec![Block::paragraph(
            "The status these replies answer is not in this file.",
        )],
        ..Document::default()
    }
}

/// Statuses have no title: the first line of the text, shortened, by whom.
fn title_of(article: &[Block], author: Option<&str>) -> String {
    let first = article
        .iter()
        .find(|b| b.kind != BlockKind::Heading)
        .or(article.first())
        .map(|b| b.text.lines().next().unwrap_or("").trim().to_string())
        .unwrap_or_default();
    let mut title: String = first.chars().take(80).collect();
    if first.chars().count() > 80 {
        title.push('…');
    }
    match (title.is_empty(), author) {
        (true, Some(author)) => format!("A thread by @{author}"),
        (true, None) => "Mastodon thread".to_string(),
        (false, _) => title,
    }
}
