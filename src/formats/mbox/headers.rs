//! What mail headers say, read as mail readers show them: senders by
//! name, subjects compared without `Re:` and list tags, and header bytes
//! that are not UTF-8 decoded by the message's charset or windows-1252.

use std::borrow::Cow;

use super::mime::{self, decode_words};
use super::thread::Threads;

/// The charset a message's Content-Type declares, for header bytes that are
/// not UTF-8 (raw 8-bit headers, as old mailers sent them).
pub(super) fn header_charset(headers: &[&[u8]]) -> Option<&'static encoding_rs::Encoding> {
    headers
        .iter()
        .filter(|line| line.len() > 13 && line[..13].eq_ignore_ascii_case(b"content-type:"))
        .find_map(|line| mime::parameter(&String::from_utf8_lossy(line), "charset"))
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()))
}

/// A header line as text: UTF-8 when it is, else in the message's charset,
/// else windows-1252 (what 8-bit mail without one was, nearly always).
/// The charset is looked for only then, as nearly every header is UTF-8.
pub(super) fn header_text<'a>(
    line: &'a [u8],
    charset: impl FnOnce() -> Option<&'static encoding_rs::Encoding>,
) -> Cow<'a, str> {
    match std::str::from_utf8(line) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => {
            let encoding = charset()
                .filter(|e| *e != encoding_rs::UTF_8)
                .unwrap_or(encoding_rs::WINDOWS_1252);
            Cow::Owned(encoding.decode_without_bom_handling(line).0.into_owned())
        }
    }
}

/// Whether container `c` shows its subject: a thread's first message does,
/// and a reply whose subject is not its parent's (the nearest ancestor the
/// archive holds), `Re:` and list tags aside.
pub(super) fn subject_changes(threads: &Threads, keys: &[Option<String>], c: usize) -> bool {
    let mut parent = threads.parent_of[c];
    while let Some(p) = parent {
        if threads.message_at[p].is_some() {
            return keys[p] != keys[c];
        }
        parent = threads.parent_of[p];
    }
    true
}

/// A subject as threads compare it: without `Re:`, `AW:`, `Fwd:` and the
/// like, or list tags such as `[Rd]`, and with its spaces and case evened.
pub(super) fn subject_key(subject: &str) -> String {
    let decoded = decode_words(subject);
    let mut rest = decoded.trim();
    loop {
        let before = rest.len();
        if rest.starts_with('[')
            && let Some(end) = rest.find(']')
            && !rest[1..end].contains(['[', ' '])
        {
            rest = rest[end + 1..].trim_start();
        }
        if let Some((word, after)) = rest.split_once(':') {
            let word = word.trim();
            let word = word.split('[').next().unwrap_or(word);
            if matches!(
                word.to_ascii_lowercase().as_str(),
                "re" | "aw" | "sv" | "vs" | "antw" | "fwd" | "fw" | "wg" | "tr"
            ) {
                rest = after.trim_start();
            }
        }
        if rest.len() == before {
            break;
        }
    }
    rest.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The name in `"Name" <address>` or in the older `address (Name)` (and
/// pipermail's `ripley at stats.ox.ac.uk (Prof Brian Ripley)`), else the
/// address.
pub(super) fn sender(from: &str) -> String {
    let decoded = decode_words(from);
    if !decoded.contains('<')
        && let Some((address, comment)) = decoded
            .trim()
            .strip_suffix(')')
            .and_then(|d| d.split_once('('))
    {
        let name = comment.trim().trim_matches('"').trim();
        return if name.is_empty() {
            address.trim().to_string()
        } else {
            name.to_string()
        };
    }
    match decoded.split_once('<') {
        Some((name, address)) if !name.trim().trim_matches('"').is_empty() => {
            let _ = address;
            name.trim().trim_matches('"').to_string()
        }
        Some((_, address)) => address.trim_end_matches('>').trim().to_string(),
        None => decoded.trim().to_string(),
    }
}
