//! Mailing-list archives in mbox form: messages split at `From ` lines,
//! threaded by Message-ID / In-Reply-To / References the way JWZ's
//! algorithm does (a message the archive lacks becomes a placeholder so its
//! replies stay together), the first thread's first message as the article.
//!
//! Bodies: the first text/plain part of MIME messages, quoted-printable and
//! base64 decoded, converted from their charset; `>` lines become quotes.
//! Headers: RFC 2047 encoded words in Subject and From are decoded.

use std::collections::HashMap;

use std::borrow::Cow;

use compact_str::CompactString;

use crate::document::sanitize::clean_owned;
use crate::document::{Block, BlockKind, CommentTreeBuilder, Document, NewComment};

use super::LoadError;

/// Whether `text` looks like an mbox: a `From ` line, then header lines.
pub fn looks_like_mbox(text: &str) -> bool {
    // Checked first: a one-line 50 MB JSON file would be scanned for its end.
    if !text.starts_with("From ") {
        return false;
    }
    let mut lines = text.lines();
    let first = lines.next().unwrap_or("");
    let second = lines.next().unwrap_or("");
    first.starts_with("From ") && is_header_line(second)
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
    let mut current: Option<Vec<&[u8]>> = None;
    let mut previous_blank = true;
    for line in bytes.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if previous_blank && line.starts_with(b"From ") {
            if let Some(lines) = current.take() {
                messages.push(parse_message(bytes, &lines));
            }
            current = Some(Vec::new());
        } else if let Some(lines) = current.as_mut() {
            lines.push(line);
        }
        previous_blank = line.is_empty();
    }
    if let Some(lines) = current {
        messages.push(parse_message(bytes, &lines));
    }
    messages
}

/// A body line with the `>` that mboxrd put before a "From " line taken
/// off, when it has one.
fn quoted(line: &[u8]) -> Option<&[u8]> {
    line.strip_prefix(b">")
        .filter(|rest| rest.trim_ascii_start().starts_with(b"From ") && rest.starts_with(b"From "))
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
fn parse_message<'a>(archive: &'a [u8], lines: &[&'a [u8]]) -> Message<'a> {
    let mut headers: Vec<(&'static str, Cow<'a, str>)> = Vec::new();
    let mut index = 0;
    while index < lines.len() && !lines[index].is_empty() {
        let line = String::from_utf8_lossy(lines[index]);
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                let value = value.to_mut();
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            // Only the headers tread reads are kept: real mail carries a
            // few dozen (Received, DKIM, ...) that would cost more than the
            // text in a large archive.
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

/// A header parameter such as `charset` or `boundary`.
fn parameter(header: &str, name: &str) -> Option<String> {
    header.split(';').skip(1).find_map(|part| {
        let (key, value) = part.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case(name)
            .then(|| value.trim().trim_matches('"').to_string())
    })
}

/// The text of a message: the first text/plain part, decoded.
fn plain_text(headers: &Headers, body: &[u8]) -> String {
    let header = |name: &str| headers.get(name);
    let content_type = header("Content-Type").unwrap_or("text/plain");
    let media = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if media.starts_with("multipart/") {
        let Some(boundary) = parameter(content_type, "boundary") else {
            return String::from_utf8_lossy(body).into_owned();
        };
        let delimiter = format!("--{boundary}");
        let text = body;
        for part in split_on(text, delimiter.as_bytes()).into_iter().skip(1) {
            if part.starts_with(b"--") {
                break;
            }
            let lines: Vec<&[u8]> = part
                .strip_prefix(b"\r\n")
                .or_else(|| part.strip_prefix(b"\n"))
                .unwrap_or(part)
                .split(|&b| b == b'\n')
                .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
                .collect();
            let inner = parse_message(text, &lines);
            let inner_type = inner
                .header("Content-Type")
                .unwrap_or("text/plain")
                .to_ascii_lowercase();
            if inner_type.starts_with("text/plain") || inner_type.starts_with("multipart/") {
                let text = plain_text(&inner.headers, &inner.body);
                if !text.trim().is_empty() {
                    return text;
                }
            }
        }
        return String::new();
    }
    if !media.is_empty() && !media.starts_with("text/") {
        return String::new();
    }
    let encoding = header("Content-Transfer-Encoding")
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let decoded = match encoding.as_str() {
        "quoted-printable" => quoted_printable(body, false),
        "base64" => base64_decode(body),
        _ => body.to_vec(),
    };
    decode_charset(&decoded, parameter(content_type, "charset").as_deref())
}

fn split_on<'a>(haystack: &'a [u8], needle: &[u8]) -> Vec<&'a [u8]> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut index = 0;
    while index + needle.len() <= haystack.len() {
        let at_line_start = index == 0 || haystack[index - 1] == b'\n';
        if at_line_start && &haystack[index..index + needle.len()] == needle {
            parts.push(&haystack[start..index]);
            start = index + needle.len();
            index = start;
        } else {
            index += 1;
        }
    }
    parts.push(&haystack[start..]);
    parts
}

fn decode_charset(bytes: &[u8], charset: Option<&str>) -> String {
    let encoding = charset
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()))
        .unwrap_or(encoding_rs::UTF_8);
    encoding.decode(bytes).0.into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Quoted-printable; in encoded words (`in_header`) `_` is a space.
fn quoted_printable(bytes: &[u8], in_header: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'=' => {
                let rest = &bytes[index + 1..];
                if rest.starts_with(b"\r\n") {
                    index += 3;
                } else if rest.starts_with(b"\n") {
                    index += 2;
                } else if let (Some(&h), Some(&l)) = (rest.first(), rest.get(1))
                    && let (Some(h), Some(l)) = (hex(h), hex(l))
                {
                    out.push(h << 4 | l);
                    index += 3;
                } else {
                    out.push(b'=');
                    index += 1;
                }
            }
            b'_' if in_header => {
                out.push(b' ');
                index += 1;
            }
            b => {
                out.push(b);
                index += 1;
            }
        }
    }
    out
}

fn base64_decode(bytes: &[u8]) -> Vec<u8> {
    let value = |b: u8| -> Option<u32> {
        Some(match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let digits: Vec<u32> = bytes.iter().filter_map(|&b| value(b)).collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, d)| n | d << (18 - 6 * i));
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..chunk.len().saturating_sub(1)]);
    }
    out
}

/// Decodes RFC 2047 encoded words (`=?utf-8?Q?...?=`, `=?iso-8859-1?B?...?=`).
fn decode_words(header: &str) -> String {
    let mut out = String::new();
    let mut rest = header;
    let mut last_was_word = false;
    while let Some(start) = rest.find("=?") {
        let before = &rest[..start];
        let after = &rest[start + 2..];
        let word = after.split_once('?').and_then(|(charset, after)| {
            let (kind, after) = after.split_once('?')?;
            let end = after.find("?=")?;
            Some((charset, kind, &after[..end], &after[end + 2..]))
        });
        match word {
            Some((charset, kind, text, remainder)) => {
                // White space between two encoded words is not shown.
                if !(last_was_word && before.trim().is_empty()) {
                    out.push_str(before);
                }
                let bytes = if kind.eq_ignore_ascii_case("B") {
                    base64_decode(text.as_bytes())
                } else {
                    quoted_printable(text.as_bytes(), true)
                };
                out.push_str(&decode_charset(&bytes, Some(charset)));
                rest = remainder;
                last_was_word = true;
            }
            None => {
                out.push_str(&rest[..start + 2]);
                rest = after;
                last_was_word = false;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The name in `"Name" <address>`, or the address.
fn sender(from: &str) -> String {
    let decoded = decode_words(from);
    match decoded.split_once('<') {
        Some((name, address)) if !name.trim().trim_matches('"').is_empty() => {
            let _ = address;
            name.trim().trim_matches('"').to_string()
        }
        Some((_, address)) => address.trim_end_matches('>').trim().to_string(),
        None => decoded.trim().to_string(),
    }
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

/// Blocks of a plain-text mail body: paragraphs at blank lines, `>` lines as quotes.
fn body_blocks(text: &str) -> Vec<Block> {
    let text = clean_owned(text.to_string());
    let mut blocks = Vec::new();
    let mut group: Vec<&str> = Vec::new();
    let flush = |group: &mut Vec<&str>, blocks: &mut Vec<Block>| {
        if group.is_empty() {
            return;
        }
        let quoted = group.iter().all(|l| l.starts_with('>'));
        let lines: Vec<&str> = if quoted {
            group
                .iter()
                .map(|l| {
                    let l = &l[1..];
                    l.strip_prefix(' ').unwrap_or(l)
                })
                .collect()
        } else {
            group.clone()
        };
        let kind = if quoted {
            BlockKind::Quote
        } else {
            BlockKind::Paragraph
        };
        blocks.push(Block::new(kind, lines.join("\n")));
        group.clear();
    };
    for line in text.lines() {
        let line = line.trim_end();
        // A change between quoted and unquoted lines also ends a block.
        let switches = group
            .last()
            .is_some_and(|last| last.starts_with('>') != line.starts_with('>'));
        if line.is_empty() || switches {
            flush(&mut group, &mut blocks);
        }
        if !line.is_empty() {
            group.push(line);
        }
    }
    flush(&mut group, &mut blocks);
    blocks
}

pub fn parse(bytes: &[u8]) -> Result<Document, LoadError> {
    let mut messages = split_messages(bytes);
    if messages.is_empty() {
        return Err(LoadError::Empty);
    }
    // Containers by Message-ID: a message, or a placeholder for one the
    // archive lacks; with the id of their parent.
    let mut container_of: HashMap<String, usize> = HashMap::new();
    let mut message_at: Vec<Option<usize>> = Vec::new();
    let mut parent_of: Vec<Option<usize>> = Vec::new();
    let mut container =
        |id: &str, message_at: &mut Vec<Option<usize>>, parent_of: &mut Vec<Option<usize>>| {
            *container_of.entry(id.to_string()).or_insert_with(|| {
                message_at.push(None);
                parent_of.push(None);
                message_at.len() - 1
            })
        };
    let mut own_container = Vec::with_capacity(messages.len());
    for (index, message) in messages.iter().enumerate() {
        let id = message_ids(message.header("Message-ID"))
            .pop()
            .unwrap_or_else(|| format!("tread-message-{index}"));
        let this = container(&id, &mut message_at, &mut parent_of);
        let this = if message_at[this].is_some() {
            // A duplicate id: keep both messages.
            container(&format!("{id}#{index}"), &mut message_at, &mut parent_of)
        } else {
            this
        };
        message_at[this] = Some(index);
        own_container.push(this);
        let mut references = message_ids(message.header("References"));
        for id in message_ids(message.header("In-Reply-To")) {
            if !references.contains(&id) {
                references.push(id);
            }
        }
        let chain: Vec<usize> = references
            .iter()
            .map(|id| container(id, &mut message_at, &mut parent_of))
            .collect();
        for pair in chain.windows(2) {
            if parent_of[pair[1]].is_none()
                && pair[1] != pair[0]
                && !is_ancestor(&parent_of, pair[1], pair[0])
            {
                parent_of[pair[1]] = Some(pair[0]);
            }
        }
        if let Some(&last) = chain.last()
            && last != this
            && !is_ancestor(&parent_of, this, last)
        {
            parent_of[this] = Some(last);
        }
    }

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
        title: clean_owned(decode_words(
            article_message.header("Subject").unwrap_or("(no subject)"),
        )),
        author: article_message.header("From").map(sender).map(clean_owned),
        published: article_message.header("Date").map(|d| {
            crate::age::parse_mail_date(d).map_or_else(|| d.to_string(), |s| s.to_string())
        }),
        article: body_blocks(&plain_text(&article_message.headers, &article_body)),
        ..Document::default()
    };
    if document.title.trim().is_empty() {
        document.title = "(no subject)".to_string();
    }

    // Every other container becomes a comment; replies to the article are
    // top-level. Containers are pushed parents first, in archive order.
    let mut builder = CommentTreeBuilder::with_capacity(message_at.len());
    let mut position: Vec<Option<usize>> = vec![None; message_at.len()];
    let order = containers_parents_first(&parent_of);
    let mut ids: Vec<Option<&str>> = vec![None; message_at.len()];
    for (id, &c) in &container_of {
        ids[c] = Some(id);
    }
    for c in order {
        if c == article_container {
            continue;
        }
        let parent = parent_of[c]
            .filter(|&p| p != article_container)
            .and_then(|p| position[p]);
        let key: CompactString = ids[c].map_or_else(|| c.to_string().into(), Into::into);
        let comment = match message_at[c] {
            Some(index) => {
                // Each message is converted once, and freed then.
                let message = std::mem::take(&mut messages[index]);
                let body = &message.body;
                NewComment {
                    key,
                    parent,
                    author: message.header("From").map(|f| sender(f).into()),
                    posted: message
                        .header("Date")
                        .and_then(crate::age::parse_mail_date)
                        .map(|s| s.to_string().into()),
                    body: body_blocks(&plain_text(&message.headers, body)).into(),
                    ..NewComment::default()
                }
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
    document.comments = builder.build().map_err(LoadError::Tree)?;
    Ok(document)
}

fn is_ancestor(parent_of: &[Option<usize>], candidate: usize, of: usize) -> bool {
    let mut current = Some(of);
    let mut steps = 0;
    while let Some(c) = current {
        if c == candidate {
            return true;
        }
        current = parent_of[c];
        steps += 1;
        if steps > parent_of.len() {
            return true;
        }
    }
    false
}

/// Container indices ordered so that each comes after its parent, keeping
/// creation (archive) order otherwise.
fn containers_parents_first(parent_of: &[Option<usize>]) -> Vec<usize> {
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); parent_of.len()];
    let mut roots = Vec::new();
    for (c, parent) in parent_of.iter().enumerate() {
        match parent {
            Some(p) => children[*p].push(c),
            None => roots.push(c),
        }
    }
    let mut order = Vec::with_capacity(parent_of.len());
    let mut stack: Vec<usize> = roots.into_iter().rev().collect();
    while let Some(c) = stack.pop() {
        order.push(c);
        stack.extend(children[c].iter().rev());
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_words_quoted_printable_and_base64() {
        assert_eq!(
            decode_words("=?utf-8?Q?Caf=C3=A9_au_lait?="),
            "Café au lait"
        );
        assert_eq!(
            decode_words("Re: =?iso-8859-1?B?Q2Fm6Q==?= =?utf-8?Q?_ok?="),
            "Re: Café ok"
        );
        assert_eq!(
            quoted_printable(b"soft=\nbreak =3D done", false),
            b"softbreak = done"
        );
        assert_eq!(base64_decode(b"Zm9vYmFy\n"), b"foobar");
        assert_eq!(sender("\"Ann Example\" <ann@example.org>"), "Ann Example");
        assert_eq!(sender("<bob@example.org>"), "bob@example.org");
    }
}
