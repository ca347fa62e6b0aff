//! MIME through the `mailparse` crate: the readable part of a message
//! (multipart, quoted-printable and base64 undone), its charset with a
//! fallback for mislabelled 8-bit text, and RFC 2047 encoded words.

use std::borrow::Cow;

use mailparse::{DispositionType, ParsedContentType, ParsedMail};

use super::Headers;
use super::body::Flowed;

/// What a message says, as its readable part holds it.
pub(super) enum BodyText {
    Plain {
        text: String,
        flowed: Flowed,
    },
    /// Mail sent as HTML only, for the HTML converter.
    Html(String),
}

/// A Content-Type parameter (`charset`, `format`), unquoted.
pub(super) fn parameter(content_type: &str, name: &str) -> Option<String> {
    mailparse::parse_content_type(content_type)
        .params
        .remove(name)
}

/// The readable part of a message: its first text/plain part that is not
/// an attachment, else its first HTML part, decoded.
pub(super) fn readable_part(headers: &Headers, body: &[u8]) -> BodyText {
    let content_type = headers.get("Content-Type");
    let encoding = headers.get("Content-Transfer-Encoding");
    let parsed = content_type.map_or_else(Default::default, mailparse::parse_content_type);
    let transfer_is_identity = encoding.is_none_or(|e| {
        let e = e.trim();
        e.is_empty()
            || ["7bit", "8bit", "binary"]
                .iter()
                .any(|i| e.eq_ignore_ascii_case(i))
    });
    if transfer_is_identity && !parsed.mimetype.starts_with("multipart/") {
        // Most list mail: nothing to undo, so the archive's bytes are read
        // as they are, without a copy made for the parser.
        return part_text(&parsed, body);
    }
    // The parser reads a whole message: the two headers it needs, then
    // the body.
    let mut raw = Vec::with_capacity(body.len() + 160);
    for (name, value) in [
        ("Content-Type", content_type),
        ("Content-Transfer-Encoding", encoding),
    ] {
        if let Some(value) = value {
            raw.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
        }
    }
    raw.extend_from_slice(b"\r\n");
    raw.extend_from_slice(body);
    match mailparse::parse_mail(&raw) {
        Ok(mail) => first_readable(&mail),
        Err(_) => part_text(&parsed, body),
    }
}

fn first_readable(mail: &ParsedMail) -> BodyText {
    let inline = |part: &&ParsedMail| {
        part.get_content_disposition().disposition != DispositionType::Attachment
    };
    let decoded = |part: &ParsedMail| {
        let bytes = part.get_body_raw().unwrap_or_default();
        part_text(&part.ctype, &bytes)
    };
    let plain = mail
        .parts()
        .filter(inline)
        .filter(|part| part.ctype.mimetype == "text/plain")
        .map(decoded)
        .find(|text| matches!(text, BodyText::Plain { text, .. } if !text.trim().is_empty()));
    if let Some(plain) = plain {
        return plain;
    }
    let html = mail
        .parts()
        .filter(inline)
        .find(|part| part.ctype.mimetype == "text/html");
    match html {
        Some(part) => decoded(part),
        None if mail.subparts.is_empty() && mail.ctype.mimetype.starts_with("text/") => {
            decoded(mail)
        }
        None => BodyText::Plain {
            text: String::new(),
            flowed: Flowed::default(),
        },
    }
}

/// One part's bytes, transfer encoding undone, as text in its charset.
fn part_text(content_type: &ParsedContentType, bytes: &[u8]) -> BodyText {
    let mut text = decode_charset(
        bytes,
        content_type.params.get("charset").map(String::as_str),
    );
    if text.contains('\r') {
        // Quoted-printable decoding ends its lines in CRLF, as the wire does.
        text = text.replace("\r\n", "\n");
    }
    match content_type.mimetype.as_str() {
        "text/html" => BodyText::Html(text),
        // A part that is not text at all (an image sent alone) says nothing.
        media if !media.starts_with("text/") && !media.is_empty() => BodyText::Plain {
            text: String::new(),
            flowed: Flowed::default(),
        },
        _ => BodyText::Plain {
            text,
            flowed: Flowed::of(content_type),
        },
    }
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

/// A header value with its RFC 2047 encoded words (`=?utf-8?Q?...?=`,
/// `=?iso-8859-1?B?...?=`) decoded.
pub(super) fn decode_words(value: &str) -> Cow<'_, str> {
    if !value.contains("=?") {
        return Cow::Borrowed(value);
    }
    if value.is_ascii() {
        return Cow::Owned(decode_ascii_words(value));
    }
    // Encoded words are ASCII, and the parser finds their edges by counting
    // characters where it means bytes: raw 8-bit text before a word (old
    // mail, decoded by header_text) hid it. Each ASCII run is decoded alone.
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while !rest.is_empty() {
        let ascii = rest.find(|c: char| !c.is_ascii()).unwrap_or(rest.len());
        out.push_str(&decode_ascii_words(&rest[..ascii]));
        rest = &rest[ascii..];
        let other = rest.find(|c: char| c.is_ascii()).unwrap_or(rest.len());
        out.push_str(&rest[..other]);
        rest = &rest[other..];
    }
    Cow::Owned(out)
}

/// [`decode_words`] of ASCII text, its leading and trailing white space
/// kept (the parser reads a header value without them).
fn decode_ascii_words(value: &str) -> String {
    let words = value.trim();
    if !words.contains("=?") {
        return value.to_string();
    }
    let decode = |words: &str| {
        let header = format!("X: {words}");
        mailparse::parse_header(header.as_bytes())
            .map(|(header, _)| header.get_value())
            .unwrap_or_else(|_| words.to_string())
    };
    let mut decoded = decode(words);
    if decoded.contains('\u{FFFD}') {
        // Words labelled UTF-8 that hold Latin-1 bytes (`=?UTF-8?Q?Luc=eda?=`,
        // as some gateways wrote them) are read as windows-1252, as 8-bit
        // bodies are.
        let relabelled = decode(&utf8_words_as_windows_1252(words));
        if !relabelled.contains('\u{FFFD}') {
            decoded = relabelled;
        }
    }
    let start = value.len() - value.trim_start().len();
    let end = value.trim_end().len();
    format!("{}{decoded}{}", &value[..start], &value[end..])
}

/// `value` with each encoded word's `utf-8` label made `windows-1252`.
fn utf8_words_as_windows_1252(value: &str) -> String {
    const LABEL: &str = "=?utf-8?";
    let mut out = String::with_capacity(value.len() + 16);
    let mut rest = value;
    while let Some(start) = rest.find("=?") {
        out.push_str(&rest[..start]);
        let word = &rest[start..];
        if word.len() >= LABEL.len() && word[..LABEL.len()].eq_ignore_ascii_case(LABEL) {
            out.push_str("=?windows-1252?");
            rest = &word[LABEL.len()..];
        } else {
            out.push_str("=?");
            rest = &word[2..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(list: &[(&'static str, &'static str)]) -> Headers<'static> {
        Headers(list.iter().map(|&(n, v)| (n, Cow::Borrowed(v))).collect())
    }

    fn plain(body: BodyText) -> String {
        match body {
            BodyText::Plain { text, .. } => text,
            BodyText::Html(html) => panic!("HTML where text was expected: {html}"),
        }
    }

    #[test]
    fn encoded_words_in_any_charset_and_mislabelled_ones() {
        assert_eq!(
            decode_words("=?utf-8?Q?Caf=C3=A9_au_lait?="),
            "Café au lait"
        );
        assert_eq!(
            decode_words("Re: =?iso-8859-1?B?Q2Fm6Q==?= =?utf-8?Q?_ok?="),
            "Re: Café ok"
        );
        assert_eq!(decode_words("=?UTF-8?Q?Luc=eda?= Ortiz"), "Lucía Ortiz");
        assert_eq!(
            decode_words("lucía at example.com (=?UTF-8?Q?Luc=eda_Ortiz?=)"),
            "lucía at example.com (Lucía Ortiz)"
        );
        assert!(matches!(
            decode_words("no words"),
            Cow::Borrowed("no words")
        ));
    }

    #[test]
    fn quoted_printable_and_base64_bodies_are_decoded() {
        let qp = headers(&[
            ("Content-Type", "text/plain; charset=iso-8859-1"),
            ("Content-Transfer-Encoding", "quoted-printable"),
        ]);
        assert_eq!(
            plain(readable_part(&qp, b"soft=\nbreak =3D caf=E9\n")),
            "softbreak = café\n"
        );
        let base64 = headers(&[("Content-Transfer-Encoding", "base64")]);
        assert_eq!(plain(readable_part(&base64, b"Zm9vYmFy\n")), "foobar");
    }

    #[test]
    fn multipart_gives_its_inline_plain_part_else_its_html() {
        let multipart = headers(&[("Content-Type", "multipart/mixed; boundary=\"b\"")]);
        let body = b"preamble\n--b\nContent-Type: text/plain\nContent-Disposition: attachment\n\n\
attached notes\n--b\nContent-Type: text/plain; format=flowed\n\nthe message\n--b--\n";
        assert_eq!(plain(readable_part(&multipart, body)).trim(), "the message");
        let html_only = b"--b\nContent-Type: text/html\n\n<p>only <b>HTML</b></p>\n--b--\n";
        match readable_part(&multipart, html_only) {
            BodyText::Html(html) => assert!(html.contains("<b>HTML</b>")),
            BodyText::Plain { text, .. } => panic!("plain text {text:?}"),
        }
    }

    #[test]
    fn nested_parts_with_folded_headers_and_dashed_boundaries() {
        let signed = headers(&[("Content-Type", "multipart/signed; boundary=\"out\"")]);
        let body =
            b"--out\nContent-Type: multipart/alternative;\n boundary=\"------------0903\"\n\n\
This is a multi-part message in MIME format.\n--------------0903\n\
Content-Type: text/plain; charset=windows-1252\nContent-Transfer-Encoding: quoted-printable\n\n\
both work for me =96 links\n\n--------------0903\nContent-Type: text/html\n\n<p>x</p>\n\
--------------0903--\n\n--out\nContent-Type: application/pgp-signature\n\nSIG\n--out--\n";
        assert_eq!(
            plain(readable_part(&signed, body)).trim_end(),
            "both work for me \u{2013} links"
        );
    }
}
