//! Mailing-list archives in mbox form: messages split at `From ` lines,
//! threaded by Message-ID / In-Reply-To / References the way JWZ's
//! algorithm does (a message the archive lacks becomes a placeholder so its
//! replies stay together), the first thread's first message as the article.
//!
//! Bodies: the readable part of MIME messages, as mime.rs finds it through
//! the `mailparse` crate; `>` lines become quotes. Headers: RFC 2047
//! encoded words in Subject and From are decoded.

use std::borrow::Cow;

use compact_str::CompactString;

use crate::document::sanitize::clean_owned;
use crate::document::{Block, BlockKind, CommentTreeBuilder, Comments, Document, NewComment};

use super::LoadError;
use body::body_blocks;
use headers::{header_charset, header_text, sender, subject_changes, subject_key};
use mime::{BodyText, decode_words, readable_part};
use thread::{Threads, containers_parents_first};

mod body;
mod headers;
mod mime;
mod thread;

/// Whether `text` looks like an mbox: a `From ` line, then header lines.
pub fn looks_like_mbox(text: &str) -> bool {
    // Blank or whitespace-only lines may come first (git's own test mbox).
    let text = after_blank_lines(text);
    // Checked first: a one-line 50 MB JSON file would be scanned for its end.
    if !text.starts_with("From ") {
        return false;
    }
    let mut lines = text.lines();
    let first = lines.next().unwrap_or("");
    let second = lines.next().unwrap_or("");
    first.starts_with("From ") && is_header_line(second)
}

/// Whether `text` is one message (an `.eml` file, a Usenet article): a
/// block of header lines with a `From:` and one of the headers every
/// message has, up to the first blank line.
pub fn looks_like_message(text: &str) -> bool {
    let text = after_blank_lines(text);
    // A header name comes first, within a line's reach: JSON and most text
    // are told apart here without reading on.
    let starts_with_name = text
        .bytes()
        .take(80)
        .position(|b| b == b':')
        .is_some_and(|colon| is_header_line(&text[..=colon]));
    if !starts_with_name {
        return false;
    }
    let mut has_from = false;
    let mut has_other = false;
    for (index, line) in text.lines().take(500).enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            return index > 0 && has_from && has_other;
        }
        if line.starts_with([' ', '\t']) && index > 0 {
            continue;
        }
        if !is_header_line(line) {
            return false;
        }
        let name = line.split(':').next().unwrap_or("").to_ascii_lowercase();
        has_from |= name == "from";
        has_other |= matches!(
            name.as_str(),
            "message-id" | "date" | "subject" | "newsgroups" | "path"
        );
    }
    false
}

/// `text` from its first line with something on it. Looks no further than
/// the leading white space: a one-line 50 MB JSON file is not scanned.
fn after_blank_lines(text: &str) -> &str {
    let content = text.len() - text.trim_start().len();
    let line_start = text[..content].rfind('\n').map_or(0, |i| i + 1);
    &text[line_start..]
}

fn is_header_line(line: &str) -> bool {
    line.split_once(':').is_some_and(|(name, _)| {
        !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    })
}

#[derive(Default)]
struct Message<'a> {
    headers: Headers<'a>,
    /// The body as the archive has it: borrowed, unless lines had to be
    /// unquoted or lost a CR. Taken (and freed) when it is converted.
    body: Cow<'a, [u8]>,
}

impl Message<'_> {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name)
    }
}

/// The kept headers of a message, by their name in [`KEPT_HEADERS`]; values
/// borrowed from the archive unless they were folded or not UTF-8, as a
/// large archive would otherwise hold a copy of every header.
#[derive(Default)]
struct Headers<'a>(Vec<(&'static str, Cow<'a, str>)>);

impl Headers<'_> {
    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_ref())
    }
}

/// `part`, a slice of `line`, as borrowed from the archive as `line` is.
fn part_of<'a>(line: &Cow<'a, str>, part: &str) -> Cow<'a, str> {
    match line {
        Cow::Borrowed(whole) => {
            let start = offset_in(whole.as_bytes(), part.as_bytes());
            Cow::Borrowed(&whole[start..start + part.len()])
        }
        Cow::Owned(_) => Cow::Owned(part.to_owned()),
    }
}

/// Splits raw bytes (any charset) into messages.
fn split_messages(bytes: &[u8]) -> Vec<Message<'_>> {
    let mut messages = Vec::new();
    // A single message (no `From ` line first) is a message from the start.
    let first_line = bytes
        .split(|&b| b == b'\n')
        .find(|line| !line.trim_ascii().is_empty())
        .unwrap_or_default();
    let mut current: Option<Vec<&[u8]>> = (!first_line.starts_with(b"From ")).then(Vec::new);
    let mut previous_blank = true;
    for line in bytes.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if current.as_ref().is_some_and(Vec::is_empty) && line.trim_ascii().is_empty() {
            // Blank lines before a message's headers are not its end.
            continue;
        }
        if previous_blank && line.starts_with(b"From ") {
            if let Some(lines) = current.take() {
                messages.push(parse_message(bytes, &lines));
            }
            current = Some(Vec::new());
        } else if let Some(lines) = current.as_mut() {
            lines.push(line);
        }
        // A whitespace-only line counts as blank: before the first message,
        // such lines would otherwise hide its `From ` line.
        previous_blank = line.trim_ascii().is_empty();
    }
    if let Some(lines) = current {
        messages.push(parse_message(bytes, &lines));
    }
    messages
}

/// A body line with the `>` that mboxrd put before a `From ` line (or
/// before one quoted already, `>From `) taken off, when it has one.
fn quoted(line: &[u8]) -> Option<&[u8]> {
    let rest = line.strip_prefix(b">")?;
    let quotes = rest.iter().take_while(|&&b| b == b'>').count();
    rest[quotes..].starts_with(b"From ").then_some(rest)
}

/// Where `part`, a slice of `whole`, starts in it.
fn offset_in(whole: &[u8], part: &[u8]) -> usize {
    part.as_ptr() as usize - whole.as_ptr() as usize
}

/// The headers threading, the article and the comments are made from.
const KEPT_HEADERS: [&str; 8] = [
    "Message-ID",
    "References",
    "In-Reply-To",
    "From",
    "Subject",
    "Date",
    "Content-Type",
    "Content-Transfer-Encoding",
];

/// `lines` are slices of `archive`, in order.
/// The headers tread reads, unfolded. Only these are kept: real mail
/// carries a few dozen (Received, DKIM, ...) that would cost more than the
/// text in a large archive.
fn kept_headers<'a>(lines: &[&'a [u8]]) -> Vec<(&'static str, Cow<'a, str>)> {
    let mut headers: Vec<(&'static str, Cow<'a, str>)> = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        let line = header_text(lines[index], || header_charset(lines));
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                let value = value.to_mut();
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            let name = name.trim();
            match KEPT_HEADERS
                .iter()
                .find(|kept| kept.eq_ignore_ascii_case(name))
            {
                Some(&kept) => headers.push((kept, part_of(&line, value.trim()))),
                // A folded continuation of a dropped header is dropped too.
                None => headers.push(("", Cow::Borrowed(""))),
            }
        }
        index += 1;
    }
    headers
}

fn parse_message<'a>(archive: &'a [u8], lines: &[&'a [u8]]) -> Message<'a> {
    let header_count = lines
        .iter()
        .position(|l| l.is_empty())
        .unwrap_or(lines.len());
    let mut headers = kept_headers(&lines[..header_count]);
    let index = header_count;
    let body_lines = lines.get(index + 1..).unwrap_or_default();
    // Lines lost their CR when split; a body with none, and nothing to
    // unquote, is the archive's own bytes, borrowed.
    let as_is = body_lines.iter().all(|line| {
        let end = offset_in(archive, line) + line.len();
        archive.get(end) != Some(&b'\r') && quoted(line).is_none()
    });
    let body = match (body_lines.first(), body_lines.last()) {
        (Some(first), Some(last)) if as_is => {
            let end = offset_in(archive, last) + last.len();
            // The newline after the last line, as every line has one.
            let end = (end + 1).min(archive.len());
            Cow::Borrowed(&archive[offset_in(archive, first)..end])
        }
        _ => {
            let mut body = Vec::new();
            for line in body_lines {
                body.extend_from_slice(quoted(line).unwrap_or(line));
                body.push(b'\n');
            }
            Cow::Owned(body)
        }
    };
    headers.retain(|(name, _)| !name.is_empty());
    headers.shrink_to_fit();
    Message {
        headers: Headers(headers),
        body,
    }
}

/// A message's readable part as blocks: plain text as mail is written,
/// HTML-only mail through the HTML converter.
fn readable_blocks(headers: &Headers, body: &[u8]) -> Vec<Block> {
    match readable_part(headers, body) {
        BodyText::Plain { text, flowed } => body_blocks(&text, flowed),
        BodyText::Html(html) => super::html::to_blocks(&html),
    }
}

/// A message as a comment, headed by its subject when `shows_subject`.
fn message_comment(
    message: &Message,
    key: CompactString,
    parent: Option<usize>,
    shows_subject: bool,
) -> NewComment {
    let mut blocks = readable_blocks(&message.headers, &message.body);
    if shows_subject && let Some(subject) = message.header("Subject") {
        let subject = clean_owned(decode_words(subject).into_owned());
        if !subject.trim().is_empty() {
            blocks.insert(0, Block::new(BlockKind::Heading, subject));
        }
    }
    NewComment {
        key,
        parent,
        author: message.header("From").map(|f| sender(f).into()),
        posted: message
            .header("Date")
            .and_then(crate::age::parse_mail_date)
            .map(|s| s.to_string().into()),
        body: blocks.into(),
        ..NewComment::default()
    }
}

/// Every container but the article's, as comments: a message converted
/// once and freed then, a placeholder for one the archive lacks. Replies to
/// the article are top-level; containers go parents first, in archive order.
fn comments(
    mut messages: Vec<Message>,
    threads: &Threads,
    article_container: usize,
) -> Result<Comments, LoadError> {
    let Threads {
        container_of,
        message_at,
        parent_of,
        ..
    } = threads;
    let mut builder = CommentTreeBuilder::with_capacity(message_at.len());
    let mut position: Vec<Option<usize>> = vec![None; message_at.len()];
    let order = containers_parents_first(parent_of);
    let mut ids: Vec<Option<&str>> = vec![None; message_at.len()];
    for (id, &c) in container_of {
        ids[c] = Some(id);
    }
    let subject_keys: Vec<Option<String>> = message_at
        .iter()
        .map(|m| {
            m.and_then(|i| messages[i].header("Subject"))
                .map(subject_key)
        })
        .collect();
    let needed = threads.kept(&order, article_container);
    for c in order {
        if !needed[c] {
            continue;
        }
        let parent = parent_of[c]
            .filter(|&p| p != article_container)
            .and_then(|p| position[p]);
        let shows_subject = subject_changes(threads, &subject_keys, c);
        let key: CompactString = ids[c].map_or_else(|| c.to_string().into(), Into::into);
        let comment = match message_at[c] {
            Some(index) => {
                let message = std::mem::take(&mut messages[index]);
                message_comment(&message, key, parent, shows_subject)
            }
            None => NewComment {
                key,
                parent,
                deleted: true,
                body: vec![Block::paragraph("(a message not in this archive)")].into(),
                ..NewComment::default()
            },
        };
        position[c] = Some(builder.push(comment));
    }
    builder.build().map_err(LoadError::Tree)
}

fn message_ids(header: Option<&str>) -> Vec<String> {
    header
        .unwrap_or("")
        .split('<')
        .skip(1)
        .filter_map(|part| part.split_once('>').map(|(id, _)| id.trim().to_string()))
        .filter(|id| !id.is_empty())
        .collect()
}

pub fn parse(bytes: &[u8]) -> Result<Document, LoadError> {
    let mut messages = split_messages(bytes);
    if messages.is_empty() {
        return Err(LoadError::Empty);
    }
    let threads = Threads::of(&messages);
    let Threads {
        message_at,
        parent_of,
        own_container,
        ..
    } = &threads;

    // The article: the first message that starts a thread.
    let article_container = own_container
        .iter()
        .copied()
        .find(|&c| parent_of[c].is_none())
        .unwrap_or(own_container[0]);
    let article_index = message_at[article_container].unwrap_or(0);
    let article_body = std::mem::take(&mut messages[article_index].body);
    let article_message = &messages[article_index];
    let mut document = Document {
        title: clean_owned(
            decode_words(article_message.header("Subject").unwrap_or("(no subject)")).into_owned(),
        ),
        author: article_message.header("From").map(sender).map(clean_owned),
        published: article_message.header("Date").map(|d| {
            crate::age::parse_mail_date(d).map_or_else(|| d.to_string(), |s| s.to_string())
        }),
        article: readable_blocks(&article_message.headers, &article_body),
        ..Document::default()
    };
    if document.title.trim().is_empty() {
        document.title = "(no subject)".to_string();
    }

    document.comments = comments(messages, &threads, article_container)?;
    Ok(document)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn senders_by_name_else_address() {
        assert_eq!(sender("\"Ann Example\" <ann@example.org>"), "Ann Example");
        assert_eq!(sender("<bob@example.org>"), "bob@example.org");
    }
}
