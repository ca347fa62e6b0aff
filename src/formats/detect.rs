//! Which format a text is, by its content, never its file name. JSON is
//! decided by a successful parse of its start: text that merely begins
//! with `[` or `{` (`[PATCH] …`, `[OC] …`) is a plain-text discussion.

use super::events::{Event, Events, SyntaxError};
use super::{Format, LoadError, mbox, page};

/// Chooses a format by looking at the content.
pub fn detect(text: &str) -> Result<Format, LoadError> {
    let start = text.trim_start();
    if mbox::looks_like_mbox(text) || mbox::looks_like_message(text) {
        return Ok(Format::Mbox);
    }
    if page::looks_like_page(start) {
        return Ok(Format::Page);
    }
    if !(start.starts_with('{') || start.starts_with('[')) {
        return Ok(Format::Text);
    }
    // Our own writer puts `"tread"` first; that case skips the probe.
    let after_brace = start[1..].trim_start();
    if start.starts_with('{') && after_brace.starts_with("\"tread\"") {
        return Ok(Format::Json);
    }
    let Some(shape) = json_shape(text)? else {
        return Ok(Format::Text);
    };
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
    let status = has("account") && has("content") && has("in_reply_to_id");
    if (has("ancestors") && has("descendants")) || (has("status") && has("context")) || status {
        return Ok(Format::Mastodon);
    }
    let github_item = has("user") && has("body") && has("created_at") && has_near("login");
    let github_issue = has("number") && has("title") && github_item;
    if (shape.is_array && github_item) || github_issue || (has("issue") && has("comments")) {
        return Ok(Format::Github);
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

/// Bytes before the end of the prefix in which an error is taken for the
/// cut (a literal or an escape cut in two), not for broken JSON.
const CUT_TOKEN: usize = 16;

/// Reads the shape from the first [`SHAPE_PREFIX`] bytes (the whole text
/// when shorter, which is then checked to be valid JSON). None when the
/// start is not JSON at all: the first thing inside the bracket does not
/// parse, or a short value on the first line is followed by more text
/// (`[2023] The year in review`).
fn json_shape(json: &str) -> Result<Option<JsonShape>, LoadError> {
    let whole = json.len() <= SHAPE_PREFIX;
    let mut end = json.len().min(SHAPE_PREFIX);
    while !json.is_char_boundary(end) {
        end -= 1;
    }
    let mut probe = Probe {
        events: Events::new(&json[..end]),
        shape: JsonShape {
            is_array: json.trim_start().starts_with('['),
            ..JsonShape::default()
        },
        read: 0,
    };
    let result = probe.top_value();
    // Where the prefix was cut, the last token may be cut in two.
    let near_the_cut = probe.events.offset() + CUT_TOKEN >= end;
    match result {
        Ok(()) => Ok(Some(probe.shape)),
        // The prefix ends mid-document, as it must.
        Err(_) if !whole && near_the_cut => Ok(Some(probe.shape)),
        Err(error) => {
            let on_first_line = error.line() == Some(1);
            // The top value was read whole: what followed it is the error.
            let trailing = probe.read > 0 && probe.events.at_end_of_value();
            if on_first_line && (probe.read < 2 || trailing) {
                Ok(None)
            } else {
                Err(LoadError::InvalidJson(error.to_string()))
            }
        }
    }
}

/// Walks the start of a JSON text, noting the keys the formats differ by.
struct Probe<'a> {
    events: Events<'a>,
    shape: JsonShape,
    /// Events read without an error.
    read: usize,
}

/// Arrays looked into inside one another: the first element of an array
/// stands for the rest, a few levels down.
const ARRAY_LEVELS: usize = 2;

impl<'a> Probe<'a> {
    fn next(&mut self) -> Result<Event<'a>, SyntaxError> {
        let event = self.events.next()?;
        self.read += 1;
        Ok(event)
    }

    fn top_value(&mut self) -> Result<(), SyntaxError> {
        let first = self.next()?;
        self.value(first, 0, 0)?;
        match self.next()? {
            Event::Eof => Ok(()),
            _ => Err(SyntaxError::new("trailing characters")),
        }
    }

    /// Reads the value that `first` begins, at `depth` (0 = the top);
    /// `arrays` counts the arrays entered on the way.
    fn value(&mut self, first: Event<'a>, depth: usize, arrays: usize) -> Result<(), SyntaxError> {
        match first {
            Event::StartObject => loop {
                match self.next()? {
                    Event::EndObject => return Ok(()),
                    Event::ObjectKey(key) => {
                        match depth {
                            0 => self.shape.top.push(key.into_owned()),
                            1 => self.shape.near.push(key.into_owned()),
                            _ => {}
                        }
                        let value = self.next()?;
                        if depth < 1 {
                            self.value(value, depth + 1, arrays)?;
                        } else {
                            self.skip(value)?;
                        }
                    }
                    _ => return Err(SyntaxError::new("expected a key")),
                }
            },
            Event::StartArray => {
                // The first element stands for the rest: a top-level
                // array's first object gives the top keys; an array value's
                // first object, the near ones.
                let element = self.next()?;
                if element == Event::EndArray {
                    return Ok(());
                }
                if depth < 2 && arrays < ARRAY_LEVELS {
                    self.value(element, depth, arrays + 1)?;
                } else {
                    self.skip(element)?;
                }
                loop {
                    match self.next()? {
                        Event::EndArray => return Ok(()),
                        other => self.skip(other)?,
                    }
                }
            }
            _ => Ok(()),
        }
    }

    fn skip(&mut self, first: Event<'a>) -> Result<(), SyntaxError> {
        self.events.skip(&first)?;
        self.read += 1;
        Ok(())
    }
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
    fn text_that_starts_with_a_bracket_is_text() {
        for title in [
            "[PATCH] mm: fix the thing",
            "[RFC PATCH v2 1/3] net: a change",
            "[OC] A picture I took",
            "{tread} braces in a title",
            "[2023] The year in review",
            "[\"quoted\"] and then words",
            "[1] a footnote first",
        ] {
            let text = format!("{title}\n\nThe article.\n\n• alice\n  A comment.\n");
            assert_eq!(detect(&text).unwrap(), Format::Text, "{title}");
        }
    }

    #[test]
    fn broken_json_is_still_a_json_error() {
        // Broken past its first value, or on a later line: an error that
        // says where, not a text document of braces.
        for broken in [
            "{\"title\": \"x\", \"comments\": [}",
            "[\n  {\"kind\": \"Listing\",\n   \"data\": nope}\n]",
            "{\"a\": 1}\n{\"b\": 2}",
        ] {
            assert!(
                matches!(detect(broken), Err(LoadError::InvalidJson(_))),
                "{broken}"
            );
        }
    }

    #[test]
    fn shape_reads_top_and_near_keys() {
        let shape = json_shape("[{\"kind\": \"Listing\", \"data\": {\"children\": []}}, 2]")
            .unwrap()
            .unwrap();
        assert!(shape.is_array);
        assert_eq!(shape.top, ["kind", "data"]);
        assert_eq!(shape.near, ["children"]);
        let deep = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(json_shape(&deep).unwrap().is_some());
    }
}
