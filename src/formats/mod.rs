//! Turning bytes into a `Document`: decoding, format detection by content, and
//! dispatch to one module per format. Every document leaves [`load`] through
//! one sanitizing pass, so callers get clean text whatever the format and
//! whichever field an importer filled.

mod detect;
pub mod discourse;
pub(crate) mod events;
pub mod github;
pub mod hn;
pub mod html;
pub mod lobsters;
pub mod markdown;
pub mod mastodon;
pub mod mbox;
pub mod native;
pub mod page;
pub mod reddit;
mod shared;
pub mod stream;
mod surrogates;
pub mod text;
mod value;

use crate::document::sanitize;
use crate::document::{Document, TreeError};
pub use detect::detect;

/// A format the user can force with `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The plain-text discussion format.
    Text,
    /// tread's native JSON.
    Json,
    /// A Hacker News thread: Algolia `items/ID` or HNPWA / node-hnapi item.
    Hn,
    /// A Lobsters story's JSON.
    Lobsters,
    /// A Discourse topic's JSON.
    Discourse,
    /// A Reddit thread's JSON.
    Reddit,
    /// A Mastodon status's context (and the status), from the API.
    Mastodon,
    /// A GitHub issue's or pull request's comments (and the issue), from the API.
    Github,
    /// A mailing-list archive (mbox).
    Mbox,
    /// A web page, read in reader mode: its article, without the rest.
    Page,
}

impl Format {
    /// Whether the format is read from JSON text.
    fn is_json(self) -> bool {
        !matches!(self, Format::Text | Format::Mbox | Format::Page)
    }
}

/// JSON documents joined as the elements of one array, `[a,b]`: how a
/// thread fetched or given in parts (a Mastodon status and its context)
/// reaches its importer.
pub fn json_array(parts: &[&[u8]]) -> Vec<u8> {
    let mut joined = Vec::with_capacity(parts.iter().map(|p| p.len() + 1).sum::<usize>() + 2);
    joined.push(b'[');
    for (index, part) in parts.iter().enumerate() {
        if index > 0 {
            joined.push(b',');
        }
        joined.extend_from_slice(part);
    }
    joined.push(b']');
    joined
}

/// Something the user should hear about although loading succeeded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    InvalidUtf8,
    /// JSON escapes of half an emoji (`\ud83d` alone), read as U+FFFD.
    LoneSurrogates,
    /// The site could not be reached: this is the copy kept when it was
    /// fetched, at these Unix seconds.
    Offline {
        fetched_at: i64,
    },
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Warning::InvalidUtf8 => {
                f.write_str("not valid UTF-8; undecodable bytes are shown as U+FFFD")
            }
            Warning::LoneSurrogates => f.write_str(
                "JSON escapes of unpaired UTF-16 surrogates (half an emoji); shown as U+FFFD",
            ),
            Warning::Offline { fetched_at } => {
                let age = crate::age::short_age(*fetched_at, crate::age::now());
                let age = if age == "now" { "just now" } else { &age };
                write!(f, "offline · the copy fetched {age}")
            }
        }
    }
}

#[derive(Debug)]
pub struct Loaded {
    pub document: Document,
    pub warnings: Vec<Warning>,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("the file is empty")]
    Empty,
    #[error("binary data (NUL bytes), not a discussion")]
    Binary,
    #[error(
        "larger than {} (the input limit); `--max-input SIZE` reads larger input",
        crate::size::describe(*limit)
    )]
    TooLarge { limit: u64 },
    #[error(
        "gzip data that inflates more than {ratio} times: a compression bomb, not a discussion"
    )]
    CompressionBomb { ratio: u64 },
    #[error("invalid JSON: {0}")]
    InvalidJson(String),
    #[error("JSON, but neither a tread document nor a known export format")]
    UnknownJson,
    #[error("not a tread JSON document: {0}")]
    Native(String),
    #[error("{0}")]
    Import(String),
    #[error("broken comment tree: {0}")]
    Tree(#[source] TreeError),
}

/// Decodes, detects and parses `bytes` (already inflated: gzip is
/// [`source`](crate::source)'s). `forced` skips detection.
pub fn load(bytes: &[u8], forced: Option<Format>) -> Result<Loaded, LoadError> {
    let decoded = decode(bytes, forced, false)?;
    let document = parse(&decoded.text, without_bom(bytes), decoded.format)?;
    Ok(cleaned(document, decoded.warnings))
}

/// Whatever the importer did, every string leaves here clean.
fn cleaned(mut document: Document, warnings: Vec<Warning>) -> Loaded {
    sanitize::document(&mut document);
    Loaded { document, warnings }
}

/// [`load`] of bytes the caller hands over: for the formats whose comments
/// are converted when first read (HN, Reddit), the text read from them is
/// kept, shared by those comments, instead of a copy of each comment's
/// markup beside the input.
pub fn load_owned(bytes: Vec<u8>, forced: Option<Format>) -> Result<Loaded, LoadError> {
    load_owned_telling(bytes, forced, None)
}

/// [`load_owned`], telling `progress` how far into the text it has read
/// (HN, Reddit).
pub(crate) fn load_owned_telling(
    bytes: Vec<u8>,
    forced: Option<Format>,
    progress: Option<shared::Progress>,
) -> Result<Loaded, LoadError> {
    let decoded = decode(&bytes, forced, false)?;
    let format = decoded.format;
    if !matches!(format, Format::Hn | Format::Reddit) {
        let document = parse(&decoded.text, without_bom(&bytes), format)?;
        return Ok(cleaned(document, decoded.warnings));
    }
    let warnings = decoded.warnings;
    let owned = match decoded.text {
        std::borrow::Cow::Owned(text) => Some(text),
        std::borrow::Cow::Borrowed(_) => None,
    };
    let text = std::sync::Arc::new(owned.unwrap_or_else(|| text_of(bytes)));
    let document = shared::reading(&text, progress, |text| parse(text, text.as_bytes(), format))?;
    Ok(cleaned(document, warnings))
}

/// `bytes` that [`decode`] found to be UTF-8 as they are, as a string.
fn text_of(mut bytes: Vec<u8>) -> String {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes)
        .unwrap_or_else(|invalid| String::from_utf8_lossy(invalid.as_bytes()).into_owned())
}

/// Input read as text, with its format and what decoding it found.
struct Decoded<'a> {
    text: std::borrow::Cow<'a, str>,
    format: Format,
    warnings: Vec<Warning>,
}

fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// `bytes` as text: invalid UTF-8 replaced, the format detected (unless
/// `forced`), JSON's lone surrogates repaired. A `prefix` (the start of a
/// larger input) may end in the first bytes of a character.
fn decode(bytes: &[u8], forced: Option<Format>, prefix: bool) -> Result<Decoded<'_>, LoadError> {
    if looks_binary(bytes) {
        return Err(LoadError::Binary);
    }
    let mut warnings = Vec::new();
    let bytes = without_bom(bytes);
    let mut decoded = match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(cut) if prefix && cut.error_len().is_none() => std::borrow::Cow::Borrowed(
            std::str::from_utf8(&bytes[..cut.valid_up_to()]).expect("valid up to there"),
        ),
        Err(_) => {
            warnings.push(Warning::InvalidUtf8);
            String::from_utf8_lossy(bytes)
        }
    };
    if decoded.trim().is_empty() {
        return Err(LoadError::Empty);
    }
    let format = match forced {
        Some(format) => format,
        None => detect(&decoded)?,
    };
    if format.is_json()
        && let std::borrow::Cow::Owned(repaired) = surrogates::repair(&decoded)
    {
        warnings.push(Warning::LoneSurrogates);
        decoded = std::borrow::Cow::Owned(repaired);
    }
    if matches!(format, Format::Mbox | Format::Page) {
        // Mail declares its charsets per part, a page in its <meta>; bytes
        // that are not UTF-8 are decoded by those, not replaced.
        warnings.clear();
    }
    Ok(Decoded {
        text: decoded,
        format,
        warnings,
    })
}

/// The document in `decoded` (the text of `bytes`), by its format's reader.
fn parse(decoded: &str, bytes: &[u8], format: Format) -> Result<Document, LoadError> {
    Ok(match format {
        Format::Json => native::parse(decoded)?,
        Format::Hn => hn::parse(decoded)?,
        Format::Lobsters => lobsters::parse(decoded)?,
        Format::Discourse => discourse::parse(decoded)?,
        Format::Reddit => reddit::parse(decoded)?,
        Format::Mastodon => mastodon::parse(decoded)?,
        Format::Github => github::parse(decoded)?,
        // Mail carries its own charsets: work from the raw bytes.
        Format::Mbox => mbox::parse(bytes)?,
        Format::Text => text::parse(&sanitize::clean_keeping_tabs(decoded))?,
        Format::Page => page::parse(&page::decode(bytes, None), None)?,
    })
}

/// A web page fetched from `address`, read in reader mode: decoded by the
/// `charset` its server named (else its own), relative links resolved
/// against the address.
pub fn load_page(
    bytes: &[u8],
    charset: Option<&str>,
    address: &str,
) -> Result<Document, LoadError> {
    if looks_binary(bytes) {
        return Err(LoadError::Binary);
    }
    let text = page::decode(bytes, charset);
    if text.trim().is_empty() {
        return Err(LoadError::Empty);
    }
    let mut document = page::parse(&text, Some(address))?;
    sanitize::document(&mut document);
    Ok(document)
}

/// How much of the input is sniffed for NUL bytes, as git and grep do:
/// binary data shows them early.
pub const SNIFF_BYTES: usize = 8192;

/// Whether `bytes` are binary data: a NUL in the first [`SNIFF_BYTES`]. A
/// NUL further on is removed by sanitizing like any control character.
pub fn looks_binary(bytes: &[u8]) -> bool {
    memchr::memchr(0, &bytes[..bytes.len().min(SNIFF_BYTES)]).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forcing_text_reads_json_looking_input_as_text() {
        let loaded = load(b"{\"tread\": 1}\n\nbody", Some(Format::Text)).unwrap();
        assert_eq!(loaded.document.title, "{\"tread\": 1}");
    }

    #[test]
    fn empty_whitespace_and_binary_input_are_errors() {
        assert!(matches!(load(b"", None), Err(LoadError::Empty)));
        assert!(matches!(load(b" \n\t\r\n", None), Err(LoadError::Empty)));
        assert!(matches!(load(b"ab\0cd", None), Err(LoadError::Binary)));
    }

    #[test]
    fn a_nul_far_into_a_text_file_is_cleaned_not_refused() {
        let mut text = String::from("Title\n\n");
        text.push_str(&"word ".repeat(4000));
        text.push('\0');
        text.push_str(" end");
        let loaded = load(text.as_bytes(), None).unwrap();
        assert!(loaded.document.article[0].text.ends_with("word  end"));
    }

    #[test]
    fn invalid_utf8_is_decoded_lossily_with_one_warning() {
        let loaded = load(b"Title \xff\xfe here\n\nBody \xc3", None).unwrap();
        assert_eq!(loaded.warnings, [Warning::InvalidUtf8]);
        assert_eq!(loaded.document.title, "Title \u{fffd}\u{fffd} here");
    }

    #[test]
    fn html_comments_of_owned_input_share_its_text_and_read_the_same() {
        let thread = crate::synthetic::discussion(300);
        for json in [
            crate::synthetic::hn_algolia_json_of(&thread),
            crate::synthetic::reddit_json(&thread),
        ] {
            let owned = load_owned(json.clone().into_bytes(), None)
                .unwrap()
                .document;
            let (_, first) = owned.comments.iter().next().unwrap();
            assert!(first.body.shares_text());
            assert!(
                !load(json.as_bytes(), None)
                    .unwrap()
                    .document
                    .comments
                    .iter()
                    .next()
                    .unwrap()
                    .1
                    .body
                    .shares_text()
            );
            assert_eq!(owned, load(json.as_bytes(), None).unwrap().document);
        }
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_title() {
        let loaded = load("\u{feff}Title\n\nBody".as_bytes(), None).unwrap();
        assert_eq!(loaded.document.title, "Title");
    }
}
