//! Loading a large document in parts, so the reader can show its start
//! at once: a preview read from the first bytes of the input, then the
//! rest, in preorder batches as it is parsed where the format allows.
//!
//! The preview of a JSON file is its prefix cut after the last complete
//! comment and closed (`]}` as the open arrays and objects need), read by
//! the format's own importer: no second reader to keep in step. Its
//! comments are a start of the whole document's, under the same ids.

use std::borrow::Cow;

use crate::document::sanitize;
use crate::document::{Comment, Document};

use super::events::{Event, Events};
use super::{Format, LoadError, Warning, decode, detect, native, parse};

/// How much of a large input the preview reads: a few thousand comments,
/// read in milliseconds whatever the size of the file.
pub const PREVIEW_BYTES: usize = 1 << 20;

/// The start of a document, its comments open to more.
#[derive(Debug)]
pub struct Preview {
    pub document: Document,
    pub format: Format,
    pub warnings: Vec<Warning>,
}

/// How much of the end of a large input the preview reads too: where a
/// story object's fields after its comments are (HN's keys in alphabetical
/// order put `title` and `id` after `children`).
pub const TAIL_BYTES: usize = 64 << 10;

/// The start of the document whose first bytes are `prefix` (and last
/// bytes `tail`); None when its format is not read in parts (mail, a web
/// page, the small API formats) or the prefix holds no complete start. An
/// error is one the whole input would give too (binary data, JSON of no
/// known format).
pub fn preview(
    prefix: &[u8],
    tail: Option<&[u8]>,
    forced: Option<Format>,
) -> Result<Option<Preview>, LoadError> {
    // Decoded as text first: the format is told by the closed prefix, as a
    // cut in the middle of a string would not be JSON.
    let decoded = decode(prefix, Some(Format::Text), true)?;
    let mut warnings = decoded.warnings;
    let closed = closed_json_prefix(&decoded.text);
    // What the start does not tell is left to the whole file to say.
    let format = match forced {
        Some(format) => format,
        None => match detect(closed.as_deref().unwrap_or(&decoded.text)) {
            Ok(format) => format,
            Err(_) => return Ok(None),
        },
    };
    let Some(start) = readable_start(format, closed, &decoded.text, tail, &mut warnings) else {
        return Ok(None);
    };
    let Ok(mut document) = parse(&start, start.as_bytes(), format) else {
        return Ok(None);
    };
    // A story whose id was not found would be filed (its bookmarks, its
    // reading position) under another key than the whole file's.
    if format == Format::Hn && start.trim_start().starts_with('{') && document.source.is_none() {
        return Ok(None);
    }
    sanitize::document(&mut document);
    document.comments = std::mem::take(&mut document.comments).into_growing();
    if format == Format::Text {
        // Cut at a blank line, the last comment may have more paragraphs
        // past the bytes read: it comes again, whole, with the rest.
        document.comments.drop_last();
    }
    Ok(Some(Preview {
        document,
        format,
        warnings,
    }))
}

/// The part of a preview's text its format's importer reads: the closed
/// JSON prefix (an HN story's tail fields in it, lone surrogates
/// repaired), or the text up to its last blank line; None for a format not
/// read in parts.
fn readable_start(
    format: Format,
    closed: Option<String>,
    text: &str,
    tail: Option<&[u8]>,
    warnings: &mut Vec<Warning>,
) -> Option<String> {
    let closed = closed.map(|closed| match (format, tail) {
        (Format::Hn, Some(tail)) => with_story_tail(closed, tail),
        _ => closed,
    });
    match format {
        Format::Json | Format::Hn | Format::Reddit => {
            closed.map(|closed| match super::surrogates::repair(&closed) {
                Cow::Borrowed(_) => closed,
                Cow::Owned(repaired) => {
                    warnings.push(Warning::LoneSurrogates);
                    repaired
                }
            })
        }
        Format::Text => text.rfind("\n\n").map(|cut| text[..cut].to_string()),
        _ => None,
    }
}

/// The whole document after a preview: its head, and its comments either
/// handed to `send` in batches or, where the format cannot hand them out
/// in order, whole in `document`.
#[derive(Debug)]
pub struct Rest {
    pub document: Document,
    /// Whether `document.comments` holds all the comments (none were sent).
    pub whole: bool,
    pub warnings: Vec<Warning>,
}

/// Reads all of `bytes` (a document in `format`), sending the comments
/// after the first `skip` (which the reader has from the preview) to
/// `send` with how far into the input they were read, in bytes.
pub fn load_rest(
    bytes: Vec<u8>,
    format: Format,
    skip: usize,
    send: impl FnMut(Vec<Comment>, usize) + 'static,
) -> Result<Rest, LoadError> {
    // Shared by the batches (native JSON) and the progress of a format
    // read whole, only one of which is used.
    let send = std::rc::Rc::new(std::cell::RefCell::new(send));
    if matches!(format, Format::Json | Format::Text) {
        let decoded = decode(&bytes, Some(format), false)?;
        let sink = sanitizing(&send);
        let streamed = match format {
            Format::Json => native::parse_streaming(&decoded.text, skip, sink)?,
            _ => {
                let clean = sanitize::clean_keeping_tabs(&decoded.text);
                Some(super::text::parse_streaming(&clean, skip, sink)?)
            }
        };
        if let Some(mut document) = streamed {
            sanitize::document(&mut document);
            return Ok(Rest {
                document,
                whole: false,
                warnings: decoded.warnings,
            });
        }
    }
    // No comments come before the end, but how far reading is does.
    let progress = Box::new(move |at| (send.borrow_mut())(Vec::new(), at));
    let loaded = super::load_owned_telling(bytes, Some(format), Some(progress))?;
    Ok(Rest {
        document: loaded.document,
        whole: true,
        warnings: loaded.warnings,
    })
}

/// `closed`, an HN story's closed prefix (`{"author":…,"children":[…]}`),
/// with the story's fields that follow its comments at the end of the file
/// (`tail`) put in before its last brace.
fn with_story_tail(mut closed: String, tail: &[u8]) -> String {
    let tail = String::from_utf8_lossy(tail);
    if !closed.trim_start().starts_with('{') || !closed.ends_with('}') {
        return closed;
    }
    if let Some(fields) = story_fields_after_comments(&tail) {
        closed.pop();
        closed.push(',');
        closed.push_str(fields);
    }
    closed
}

/// The fields of the outermost object that follow its last array, from
/// the end of a JSON file: `"id":1,"title":"…"}` of
/// `…]}],"id":1,"title":"…"}`. Each `],` in `tail` is tried from the
/// earliest; the first after which the rest reads as the end of an object
/// is the one that closes the comments (one inside a comment or a string
/// leaves brackets unmatched).
fn story_fields_after_comments(tail: &str) -> Option<&str> {
    let bytes = tail.as_bytes();
    memchr::memchr_iter(b']', bytes).find_map(|at| {
        let rest = tail[at + 1..].trim_start().strip_prefix(',')?;
        let fields = rest.trim_start();
        if !fields.starts_with('"') {
            return None;
        }
        let object = format!("{{{fields}");
        let mut events = Events::new(&object);
        loop {
            match events.next() {
                Ok(Event::Eof) => return Some(fields),
                Ok(_) => {}
                Err(_) => return None,
            }
        }
    })
}

/// A sink that cleans each batch's strings before `send` has it.
fn sanitizing<F: FnMut(Vec<Comment>, usize) + 'static>(
    send: &std::rc::Rc<std::cell::RefCell<F>>,
) -> native::Sink {
    let send = std::rc::Rc::clone(send);
    Box::new(move |mut batch: Vec<Comment>, at: usize| {
        batch.iter_mut().for_each(sanitize::comment);
        (send.borrow_mut())(batch, at);
    })
}

/// Keys whose arrays hold comments, in the formats read in parts: native
/// `comments` and `replies`, HN's and Reddit's `children`.
const COMMENT_LISTS: [&str; 4] = ["comments", "replies", "children", "descendants"];

/// `text`, the start of a JSON document, cut after the last object that
/// ended in a list of comments and closed; None when there is no such cut.
fn closed_json_prefix(text: &str) -> Option<String> {
    let cut = last_comment_end(text)?;
    let mut events = Events::new(text);
    while events.offset() < cut {
        events.next().ok()?;
    }
    let mut closed = String::with_capacity(cut + events.open_containers().len());
    closed.push_str(&text[..cut]);
    for &open in events.open_containers().iter().rev() {
        closed.push(if open == b'[' { ']' } else { '}' });
    }
    Some(closed)
}

/// Where the last complete comment of `text` ends: an object closed inside
/// a list of comments (or the top-level array, HN's list of comments).
fn last_comment_end(text: &str) -> Option<usize> {
    let mut events = Events::new(text);
    // For each open array or object: whether it is a list of comments.
    let mut lists: Vec<bool> = Vec::new();
    let mut after_list_key = false;
    let mut cut = None;
    loop {
        let event = match events.next() {
            Ok(Event::Eof) | Err(_) => return cut,
            Ok(event) => event,
        };
        match event {
            Event::ObjectKey(key) => {
                after_list_key = COMMENT_LISTS.contains(&key.as_ref());
                continue;
            }
            Event::StartArray => lists.push(after_list_key || lists.is_empty()),
            Event::StartObject => lists.push(false),
            Event::EndObject => {
                lists.pop();
                if lists.last() == Some(&true) {
                    cut = Some(events.offset());
                }
            }
            Event::EndArray => {
                lists.pop();
            }
            _ => {}
        }
        after_list_key = false;
    }
}

#[cfg(test)]
mod tests;
