//! Turning bytes into a `Document`: decoding, format detection by content, and
//! dispatch to one module per format. Every loader sanitizes what it puts in
//! the model, so callers get clean text whatever the format.

pub mod html;
pub mod native;
pub mod text;

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
}

/// Something the user should hear about although loading succeeded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    InvalidUtf8,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Warning::InvalidUtf8 => {
                f.write_str("not valid UTF-8; undecodable bytes are shown as U+FFFD")
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
    #[error("invalid JSON: {0}")]
    InvalidJson(#[source] serde_json::Error),
    #[error("JSON, but neither a tread document nor a known export format")]
    UnknownJson,
    #[error("not a tread JSON document: {0}")]
    Native(String),
    #[error("broken comment tree: {0}")]
    Tree(#[source] TreeError),
}

/// Decodes, detects and parses `bytes`. `forced` skips detection.
pub fn load(bytes: &[u8], forced: Option<Format>) -> Result<Loaded, LoadError> {
    if looks_binary(bytes) {
        return Err(LoadError::Binary);
    }
    let mut warnings = Vec::new();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let decoded = match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
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
    let document = match format {
        Format::Json => native::parse(&decoded)?,
        Format::Text => text::parse(&sanitize::clean(&decoded))?,
    };
    Ok(Loaded { document, warnings })
}

/// How much of the input is searched for NUL bytes, as git and grep do:
/// binary files show them early, and the rest of a large thread is not
/// scanned twice. A NUL further on is removed by sanitizing like any control.
const BINARY_SNIFF_BYTES: usize = 8192;

fn looks_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(BINARY_SNIFF_BYTES)].contains(&0)
}

/// Chooses a format by looking at the content, never the file name.
pub fn detect(text: &str) -> Result<Format, LoadError> {
    let start = text.trim_start();
    if !(start.starts_with('{') || start.starts_with('[')) {
        return Ok(Format::Text);
    }
    // Our own writer puts `"tread"` first; that case skips the probe.
    let after_brace = start[1..].trim_start();
    if start.starts_with('{') && after_brace.starts_with("\"tread\"") {
        return Ok(Format::Json);
    }
    let keys = top_level_keys(text)?;
    if keys.iter().any(|k| k == "tread") {
        return Ok(Format::Json);
    }
    Err(LoadError::UnknownJson)
}

/// The keys of a top-level JSON object (empty for an array), checking that the
/// whole text is valid JSON without building it.
fn top_level_keys(json: &str) -> Result<Vec<String>, LoadError> {
    struct KeysVisitor;
    impl<'de> Visitor<'de> for KeysVisitor {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a JSON object or array")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<String>, A::Error> {
            let mut keys = Vec::new();
            while let Some(key) = map.next_key::<String>()? {
                map.next_value::<IgnoredAny>()?;
                keys.push(key);
            }
            Ok(keys)
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Vec<String>, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(Vec::new())
        }
    }
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let keys = serde::Deserializer::deserialize_any(&mut deserializer, KeysVisitor)
        .map_err(LoadError::InvalidJson)?;
    deserializer.end().map_err(LoadError::InvalidJson)?;
    Ok(keys)
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
