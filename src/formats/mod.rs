//! Turning bytes into a `Document`: decoding, format detection by content, and
//! dispatch to one module per format. Every document leaves [`load`] through
//! one sanitizing pass, so callers get clean text whatever the format and
//! whichever field an importer filled.

pub mod discourse;
pub(crate) mod events;
pub mod hn;
pub mod html;
pub mod lobsters;
pub mod mbox;
pub mod native;
pub mod reddit;
mod surrogates;
pub mod text;
mod value;

use serde::de::{IgnoredAny, MapAccess, Visitor};

use crate::document::sanitize;
use crate::document::{Document, TreeError};

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
    /// A mailing-list archive (mbox).
    Mbox,
}

impl Format {
    /// Whether the format is read from JSON text.
    fn is_json(self) -> bool {
        !matches!(self, Format::Text | Format::Mbox)
    }
}

/// Something the user should hear about although loading succeeded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    InvalidUtf8,
    /// JSON escapes of half an emoji (`\ud83d` alone), read as U+FFFD.
    LoneSurrogates,
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
    InvalidJson(#[source] serde_json::Error),
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
    if looks_binary(bytes) {
        return Err(LoadError::Binary);
    }
    let mut warnings = Vec::new();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut decoded = match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => {
            warnings.push(Warning::InvalidUtf8);
            String::from_utf8_lossy(bytes)
        }
    };
    if decoded.trim().is_empty() {
        return Err(LoadError::Empty);
    }
    let looks_like_json = matches!(decoded.trim_start().as_bytes().first(), Some(b'{' | b'['));
    let is_json = match forced {
        Some(format) => format.is_json(),
        None => looks_like_json,
    };
    if is_json && let std::borrow::Cow::Owned(repaired) = surrogates::repair(&decoded) {
        warnings.push(Warning::LoneSurrogates);
        decoded = std::borrow::Cow::Owned(repaired);
    }
    let format = match forced {
        Some(format) => format,
        None => detect(&decoded)?,
    };
    if format == Format::Mbox {
        // Mail declares its charsets per part; bytes that are not UTF-8
        // are decoded by those, not replaced.
        warnings.clear();
    }
    let mut document = match format {
        Format::Json => native::parse(&decoded)?,
        Format::Hn => hn::parse(&decoded)?,
        Format::Lobsters => lobsters::parse(&decoded)?,
        Format::Discourse => discourse::parse(&decoded)?,
        Format::Reddit => reddit::parse(&decoded)?,
        // Mail carries its own charsets: work from the raw bytes.
        Format::Mbox => mbox::parse(bytes)?,
        Format::Text => text::parse(&sanitize::clean_keeping_tabs(&decoded))?,
    };
    // Whatever the importer did, every string leaves here clean.
    sanitize::document(&mut document);
    Ok(Loaded { document, warnings })
}

/// How much of the input is sniffed for NUL bytes, as git and grep do:
/// binary data shows them early.
pub const SNIFF_BYTES: usize = 8192;

/// Whether `bytes` are binary data: a NUL in the first [`SNIFF_BYTES`]. A
/// NUL further on is removed by sanitizing like any control character.
pub fn looks_binary(bytes: &[u8]) -> bool {
    memchr::memchr(0, &bytes[..bytes.len().min(SNIFF_BYTES)]).is_some()
}

/// Chooses a format by looking at the content, never the file name.
pub fn detect(text: &str) -> Result<Format, LoadError> {
    let start = text.trim_start();
    if mbox::looks_like_mbox(text) {
        return Ok(Format::Mbox);
    }
    if !(start.starts_with('{') || start.starts_with('[')) {
        return Ok(Format::Text);
    }
    // Our own writer puts `"tread"` first; that case skips the probe.
    let after_brace = start[1..].trim_start();
    if start.starts_with('{') && after_brace.starts_with("\"tread\"") {
        return Ok(Format::Json);
    }
    let shape = json_shape(text)?;
    let has = |key: &str| shape.top.iter().any(|k| k == key);
    // Keys of the top object or, when a big value came first and the probe
    // stopped inside it, of the first object within.
    let has_near = |key: &str| has(key) || shape.near.iter().any(|k| k == key);
    if !shape.is_array && has("tread") {
        return Ok(Format::Json);
    }
    let hn_algolia = has("children") && (has_near("created_at_i") || has_near("story_id"));
    let hnpwa = has("comments") && has_near("time_ago");
    let hn_comment_list = shape.is_array && has("author") && has("text") && has("id");
    if hn_algolia || hnpwa || hn_comment_list {
        return Ok(Format::Hn);
    }
    if shape.is_array && has("kind") && has("data") {
        return Ok(Format::Reddit);
    }
    if has("post_stream") {
        return Ok(Format::Discourse);
    }
    if has("short_id") && has("comments") && (has("submitter_user") || has("short_id_url")) {
        return Ok(Format::Lobsters);
    }
    Err(LoadError::UnknownJson)
}

/// What a JSON document looks like near its start: the keys of the top
/// object (for an array, of its first element), and every key of the
/// objects one level inside.
#[derive(Debug, Default)]
struct JsonShape {
    is_array: bool,
    top: Vec<String>,
    near: Vec<String>,
}

/// How much of a JSON file the format probe reads. The keys that tell the
/// formats apart come early; validating a whole 50 MB file here, only for
/// the importer to read it again, was a quarter of an HN import's time. A
/// file broken past this point is reported by its importer.
const SHAPE_PREFIX: usize = 1 << 20;

/// Visits a value at `depth` (0 = the top), noting keys in `shape`.
struct KeysOf<'a> {
    shape: &'a std::cell::RefCell<JsonShape>,
    depth: usize,
}
impl<'de> serde::de::DeserializeSeed<'de> for KeysOf<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}
impl<'de> Visitor<'de> for KeysOf<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            {
                let mut shape = self.shape.borrow_mut();
                match self.depth {
                    0 => shape.top.push(key.into_owned()),
                    1 => shape.near.push(key.into_owned()),
                    _ => {}
                }
            }
            if self.depth < 1 {
                map.next_value_seed(KeysOf {
                    shape: self.shape,
                    depth: self.depth + 1,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        // The first element of an array stands for the rest: a top-level
        // array's first object gives the top keys; an array value's
        // first object, the near ones.
        let first = KeysOf {
            shape: self.shape,
            depth: self.depth,
        };
        if self.depth < 2 {
            seq.next_element_seed(first)?;
        }
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(())
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
}

/// Reads the shape from the first [`SHAPE_PREFIX`] bytes (the whole text
/// when shorter, which is then checked to be valid JSON). Nesting depth is
/// unbounded (a growable stack), as real threads nest deeper than
/// serde_json's default limit.
fn json_shape(json: &str) -> Result<JsonShape, LoadError> {
    let whole = json.len() <= SHAPE_PREFIX;
    let mut end = json.len().min(SHAPE_PREFIX);
    while !json.is_char_boundary(end) {
        end -= 1;
    }
    let shape = std::cell::RefCell::new(JsonShape {
        is_array: json.trim_start().starts_with('['),
        ..JsonShape::default()
    });
    let mut deserializer = serde_json::Deserializer::from_str(&json[..end]);
    deserializer.disable_recursion_limit();
    let result = {
        let stacked = serde_stacker::Deserializer::new(&mut deserializer);
        serde::de::DeserializeSeed::deserialize(
            KeysOf {
                shape: &shape,
                depth: 0,
            },
            stacked,
        )
    }
    .and_then(|()| deserializer.end());
    match result {
        Ok(()) => {}
        // The prefix ends mid-document, as it must.
        Err(error) if !whole && error.is_eof() => {}
        Err(error) => return Err(LoadError::InvalidJson(error)),
    }
    Ok(shape.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection_is_by_content() {
        assert_eq!(detect("Title\n\nText").unwrap(), Format::Text);
        assert_eq!(
            detect("  {\"tread\": 1, \"title\": \"x\"}").unwrap(),
            Format::Json
        );
        assert_eq!(
            detect("{\"title\": \"x\", \"tread\": 1}").unwrap(),
            Format::Json
        );
        assert!(matches!(
            detect("{\"kind\": \"Listing\"}"),
            Err(LoadError::UnknownJson)
        ));
        assert!(matches!(detect("[1, 2]"), Err(LoadError::UnknownJson)));
        assert!(matches!(
            detect("{\"title\": 1,"),
            Err(LoadError::InvalidJson(_))
        ));
    }

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
    fn a_byte_order_mark_is_not_part_of_the_title() {
        let loaded = load("\u{feff}Title\n\nBody".as_bytes(), None).unwrap();
        assert_eq!(loaded.document.title, "Title");
    }
}
