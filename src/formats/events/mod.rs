//! JSON read as a stream of events (start of an object, a key, a string,
//! ...) by a parser that keeps its nesting on a vector, not the call stack:
//! for formats whose threads nest as deep as their replies, where a reader
//! that recurses per level touches kilobytes of stack for each (a
//! 100,000-deep Reddit chain took 13 times its size in memory that way).
//!
//! Written here rather than taken from a crate: the event parsers on
//! crates.io validate UTF-8 again for every string and read a Reddit thread
//! 45% slower than serde_json; the input here is a `&str` already, and
//! strings without escapes are borrowed from it.

use std::borrow::Cow;

use super::value::{Int, Text};

/// A piece of JSON, in document order.
#[derive(Debug, Clone, PartialEq)]
pub enum Event<'a> {
    StartObject,
    EndObject,
    StartArray,
    EndArray,
    ObjectKey(Cow<'a, str>),
    String(Cow<'a, str>),
    Number(&'a str),
    Boolean(bool),
    Null,
    /// The end of the input, after the one top-level value.
    Eof,
}

/// A syntax error, with its line and column.
#[derive(Debug)]
pub struct SyntaxError {
    message: String,
    /// The 1-based line it is on, when known.
    line: Option<usize>,
}

impl SyntaxError {
    pub fn new(message: &str) -> Self {
        SyntaxError {
            message: message.to_string(),
            line: None,
        }
    }

    pub fn end_of_file() -> Self {
        SyntaxError::new("unexpected end of file")
    }

    pub fn line(&self) -> Option<usize> {
        self.line
    }
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// What may come next.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    Value,
    /// Right after `[`.
    ValueOrEnd,
    /// Right after `{`.
    KeyOrEnd,
    /// After a `,` in an object.
    Key,
    /// After a value inside an array or object.
    CommaOrEnd,
    /// After the top-level value.
    Done,
}

pub struct Events<'a> {
    text: &'a str,
    position: usize,
    expect: Expect,
    /// The open arrays and objects, as their opening bytes.
    open: Vec<u8>,
}

/// A value that is not an object or an array.
pub enum Scalar<'a> {
    Text(Cow<'a, str>),
    Number(&'a str),
    Bool,
    Null,
    /// An object or an array, skipped.
    Nested,
}

impl<'a> Events<'a> {
    pub fn new(json: &'a str) -> Self {
        Events {
            text: json,
            position: 0,
            expect: Expect::Value,
            open: Vec::new(),
        }
    }

    pub fn next(&mut self) -> Result<Event<'a>, SyntaxError> {
        loop {
            self.skip_whitespace();
            let Some(&byte) = self.text.as_bytes().get(self.position) else {
                return match self.expect {
                    Expect::Done => Ok(Event::Eof),
                    _ => Err(self.error("unexpected end of file")),
                };
            };
            match self.expect {
                Expect::ValueOrEnd if byte == b']' => return Ok(self.close()),
                Expect::Value | Expect::ValueOrEnd => return self.value(byte),
                Expect::KeyOrEnd if byte == b'}' => return Ok(self.close()),
                Expect::KeyOrEnd | Expect::Key => return self.key(byte),
                Expect::CommaOrEnd => {
                    let container = *self.open.last().expect("a value inside something");
                    match (container, byte) {
                        (b'[', b',') => self.expect = Expect::Value,
                        (b'{', b',') => self.expect = Expect::Key,
                        (b'[', b']') | (b'{', b'}') => return Ok(self.close()),
                        (b'[', _) => return Err(self.error("expected `,` or `]`")),
                        _ => return Err(self.error("expected `,` or `}`")),
                    }
                    self.position += 1;
                }
                Expect::Done => return Err(self.error("trailing characters")),
            }
        }
    }

    /// How far into the text the reader is, in bytes.
    pub fn offset(&self) -> usize {
        self.position
    }

    /// The input from byte `start` up to where the reader is: the raw text
    /// of a value just read, when `start` was the offset before it.
    pub fn text_since(&self, start: usize) -> &'a str {
        self.text
            .get(start..self.position)
            .unwrap_or_default()
            .trim_start()
    }

    /// The arrays and objects open at this point, outermost first, as
    /// their opening bytes (`[`, `{`).
    pub fn open_containers(&self) -> &[u8] {
        &self.open
    }

    /// Whether the top-level value has been read whole.
    pub fn at_end_of_value(&self) -> bool {
        self.expect == Expect::Done
    }

    /// Skips the rest of a value whose first event was `first`.
    pub fn skip(&mut self, first: &Event<'_>) -> Result<(), SyntaxError> {
        let mut open = match first {
            Event::StartArray | Event::StartObject => 1usize,
            _ => return Ok(()),
        };
        while open > 0 {
            match self.next()? {
                Event::StartArray | Event::StartObject => open += 1,
                Event::EndArray | Event::EndObject => open -= 1,
                Event::Eof => return Err(SyntaxError::end_of_file()),
                _ => {}
            }
        }
        Ok(())
    }

    /// The next value as a scalar; an object or array is skipped.
    pub fn scalar(&mut self) -> Result<Scalar<'a>, SyntaxError> {
        let event = self.next()?;
        Ok(match event {
            Event::String(text) => Scalar::Text(text),
            Event::Number(number) => Scalar::Number(number),
            Event::Boolean(_) => Scalar::Bool,
            Event::Null => Scalar::Null,
            other => {
                self.skip(&other)?;
                Scalar::Nested
            }
        })
    }

    fn skip_whitespace(&mut self) {
        let bytes = self.text.as_bytes();
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = bytes.get(self.position) {
            self.position += 1;
        }
    }

    /// After a value: a comma or the end of what holds it, or nothing.
    fn after_value(&mut self) {
        self.expect = if self.open.is_empty() {
            Expect::Done
        } else {
            Expect::CommaOrEnd
        };
    }

    fn close(&mut self) -> Event<'a> {
        self.position += 1;
        let opened = self.open.pop();
        self.after_value();
        match opened {
            Some(b'[') => Event::EndArray,
            _ => Event::EndObject,
        }
    }

    fn value(&mut self, byte: u8) -> Result<Event<'a>, SyntaxError> {
        let event = match byte {
            b'{' | b'[' => {
                self.position += 1;
                self.open.push(byte);
                if byte == b'{' {
                    self.expect = Expect::KeyOrEnd;
                    return Ok(Event::StartObject);
                }
                self.expect = Expect::ValueOrEnd;
                return Ok(Event::StartArray);
            }
            b'"' => Event::String(self.string()?),
            b't' => self.literal("true", Event::Boolean(true))?,
            b'f' => self.literal("false", Event::Boolean(false))?,
            b'n' => self.literal("null", Event::Null)?,
            b'-' | b'0'..=b'9' => Event::Number(self.number()?),
            _ => return Err(self.error("expected a value")),
        };
        self.after_value();
        Ok(event)
    }

    fn key(&mut self, byte: u8) -> Result<Event<'a>, SyntaxError> {
        if byte != b'"' {
            return Err(self.error("expected a key in quotes"));
        }
        let key = self.string()?;
        self.skip_whitespace();
        if self.text.as_bytes().get(self.position) != Some(&b':') {
            return Err(self.error("expected `:`"));
        }
        self.position += 1;
        self.expect = Expect::Value;
        Ok(Event::ObjectKey(key))
    }

    fn literal(&mut self, word: &str, event: Event<'a>) -> Result<Event<'a>, SyntaxError> {
        if !self.text[self.position..].starts_with(word) {
            return Err(self.error("expected a value"));
        }
        self.position += word.len();
        Ok(event)
    }

    /// A number, checked against JSON's grammar:
    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    fn number(&mut self) -> Result<&'a str, SyntaxError> {
        let bytes = self.text.as_bytes();
        let start = self.position;
        let mut at = start;
        let digits = |at: &mut usize| {
            let from = *at;
            while bytes.get(*at).is_some_and(u8::is_ascii_digit) {
                *at += 1;
            }
            *at > from
        };
        if bytes.get(at) == Some(&b'-') {
            at += 1;
        }
        let leading_zero = bytes.get(at) == Some(&b'0');
        let whole_from = at;
        let mut valid = digits(&mut at) && (!leading_zero || at == whole_from + 1);
        if valid && bytes.get(at) == Some(&b'.') {
            at += 1;
            valid = digits(&mut at);
        }
        if valid && matches!(bytes.get(at), Some(b'e' | b'E')) {
            at += 1;
            if matches!(bytes.get(at), Some(b'+' | b'-')) {
                at += 1;
            }
            valid = digits(&mut at);
        }
        if !valid {
            self.position = at;
            return Err(self.error("invalid number"));
        }
        self.position = at;
        Ok(&self.text[start..at])
    }

    /// A string, from its opening quote: borrowed when it has no escapes.
    fn string(&mut self) -> Result<Cow<'a, str>, SyntaxError> {
        let bytes = self.text.as_bytes();
        let start = self.position + 1;
        let mut at = start;
        let mut owned: Option<String> = None;
        loop {
            let Some(found) = memchr::memchr2(b'"', b'\\', &bytes[at..]) else {
                self.position = bytes.len();
                return Err(self.error("unterminated string"));
            };
            let stop = at + found;
            if bytes[stop] == b'"' {
                self.position = stop + 1;
                let tail = &self.text[at..stop];
                return Ok(match owned {
                    None => Cow::Borrowed(tail),
                    Some(mut text) => {
                        text.push_str(tail);
                        Cow::Owned(text)
                    }
                });
            }
            let text = owned.get_or_insert_with(String::new);
            text.push_str(&self.text[at..stop]);
            at = self.escape(stop, text)?;
        }
    }

    /// Appends the escape at `at` (its backslash) to `text`; returns where
    /// the string goes on. Half a surrogate pair reads as U+FFFD.
    fn escape(&mut self, at: usize, text: &mut String) -> Result<usize, SyntaxError> {
        let bytes = self.text.as_bytes();
        let simple = match bytes.get(at + 1) {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                let (c, next) = self.unicode_escape(at)?;
                text.push(c);
                return Ok(next);
            }
            _ => {
                self.position = at;
                return Err(self.error("invalid escape"));
            }
        };
        text.push(simple);
        Ok(at + 2)
    }

    /// The character of `\uXXXX` at `at`, joined with a following
    /// `\uXXXX` when the two are a surrogate pair; and where it ends.
    fn unicode_escape(&mut self, at: usize) -> Result<(char, usize), SyntaxError> {
        let hex = |from: usize| {
            self.text
                .get(from..from + 4)
                .filter(|digits| digits.bytes().all(|b| b.is_ascii_hexdigit()))
                .and_then(|digits| u32::from_str_radix(digits, 16).ok())
        };
        let Some(first) = hex(at + 2) else {
            self.position = at;
            return Err(self.error("invalid \\u escape"));
        };
        if (0xD800..0xDC00).contains(&first)
            && self.text[at + 6..].starts_with("\\u")
            && let Some(second) = hex(at + 8).filter(|s| (0xDC00..0xE000).contains(s))
        {
            let joined = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
            return Ok((char::from_u32(joined).unwrap_or('\u{FFFD}'), at + 12));
        }
        Ok((char::from_u32(first).unwrap_or('\u{FFFD}'), at + 6))
    }

    /// An error at the current position, with its line and column.
    fn error(&self, message: &str) -> SyntaxError {
        let before = &self.text.as_bytes()[..self.position.min(self.text.len())];
        let line = memchr::memchr_iter(b'\n', before).count() + 1;
        let column = before.len() - memchr::memrchr(b'\n', before).map_or(0, |n| n + 1) + 1;
        SyntaxError {
            message: format!("{message} at line {line} column {column}"),
            line: Some(line),
        }
    }
}

impl Scalar<'_> {
    /// Read as [`Text`] reads a field: a number written out, null as
    /// nothing, anything else as an empty text.
    pub fn into_text(self) -> Option<Text> {
        Some(Text(match self {
            Scalar::Text(text) => text.into_owned(),
            Scalar::Number(number) => match number.parse::<i64>() {
                Ok(n) => n.to_string(),
                Err(_) => number
                    .parse::<f64>()
                    .map_or(number.to_string(), |f| f.to_string()),
            },
            Scalar::Null => return None,
            Scalar::Bool | Scalar::Nested => String::new(),
        }))
    }

    /// Read as [`Int`] reads a field: an integer, a float or a string of one.
    pub fn into_int(self) -> Int {
        match self {
            Scalar::Number(n) => Int::from_text(n),
            Scalar::Text(n) => Int::from_text(&n),
            _ => Int(None),
        }
    }
}

#[cfg(test)]
mod tests;
