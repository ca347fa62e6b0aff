//! MIME as mail bodies use it: the first text/plain part, quoted-printable
//! and base64 transfer encodings, charsets, and RFC 2047 encoded words.

use super::{Headers, parse_message};

pub(super) fn parameter(header: &str, name: &str) -> Option<String> {
    header.split(';').skip(1).find_map(|part| {
        let (key, value) = part.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case(name)
            .then(|| value.trim().trim_matches('"').to_string())
    })
}

/// The text of a message: the first text/plain part, decoded.
pub(super) fn plain_text(headers: &Headers, body: &[u8]) -> String {
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

pub(super) fn split_on<'a>(haystack: &'a [u8], needle: &[u8]) -> Vec<&'a [u8]> {
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

pub(super) fn decode_charset(bytes: &[u8], charset: Option<&str>) -> String {
    let encoding = charset
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()))
        .unwrap_or(encoding_rs::UTF_8);
    let (text, _, malformed) = encoding.decode(bytes);
    // Labelled UTF-8 but holding no UTF-8 at all, only bytes that are not
    // (Latin-1 sent as such, as old mailers did): windows-1252, which
    // every byte is. Text with some real UTF-8 keeps it.
    let no_utf8 = || !text.chars().any(|c| !c.is_ascii() && c != '\u{FFFD}');
    if malformed && encoding == encoding_rs::UTF_8 && no_utf8() {
        return encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned();
    }
    text.into_owned()
}

pub(super) fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Quoted-printable; in encoded words (`in_header`) `_` is a space.
pub(super) fn quoted_printable(bytes: &[u8], in_header: bool) -> Vec<u8> {
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

pub(super) fn base64_decode(bytes: &[u8]) -> Vec<u8> {
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
pub(super) fn decode_words(header: &str) -> String {
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
