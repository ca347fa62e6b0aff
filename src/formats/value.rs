//! Field types for the importers of formats whose shapes vary by version
//! and site: a text that may come as a number, a whole number that may come
//! as a float or a string, a user given as a name or as an object. Fields
//! are read straight into typed structs, never into a `serde_json::Value`
//! tree, whose maps and boxes cost several times the text they hold (and
//! every field a site sends, used or not).

use compact_str::CompactString;
use serde::Deserialize;
use serde::de::{Deserializer, IgnoredAny};

use super::LoadError;

/// A string field; a number is written out ("123").
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Text(String),
            Integer(i64),
            Float(f64),
            Other(IgnoredAny),
        }
        Ok(Text(match Raw::deserialize(deserializer)? {
            Raw::Text(text) => text,
            Raw::Integer(n) => n.to_string(),
            Raw::Float(f) => f.to_string(),
            Raw::Other(_) => String::new(),
        }))
    }
}

/// A whole number given as an integer, a float or a string; anything else
/// reads as none.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Int(pub Option<i64>);

impl<'de> Deserialize<'de> for Int {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Integer(i64),
            Float(f64),
            Text(String),
            Other(IgnoredAny),
        }
        Ok(Int(match Raw::deserialize(deserializer)? {
            Raw::Integer(n) => Some(n),
            Raw::Float(f) => Some(f as i64),
            Raw::Text(text) => Int::from_text(&text).0,
            Raw::Other(_) => None,
        }))
    }
}

impl Int {
    /// A whole number written as text: "42", " 42 ", "1793880000.0".
    pub fn from_text(text: &str) -> Int {
        let text = text.trim();
        Int(text
            .parse::<i64>()
            .ok()
            .or_else(|| text.parse::<f64>().ok().map(|f| f as i64)))
    }
}

/// A user given as a name, or as an object with a `username`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct User(pub Option<CompactString>);

impl<'de> Deserialize<'de> for User {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Named {
            username: Option<Text>,
        }
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Name(String),
            Object(Named),
            Other(IgnoredAny),
        }
        Ok(User(match Raw::deserialize(deserializer)? {
            Raw::Name(name) => Some(name.into()),
            Raw::Object(Named { username }) => username.map(|u| u.0.into()),
            Raw::Other(_) => None,
        }))
    }
}

/// A true/false field; anything else reads as false.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Flag(pub bool);

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Bool(bool),
            Other(IgnoredAny),
        }
        Ok(Flag(matches!(
            Raw::deserialize(deserializer)?,
            Raw::Bool(true)
        )))
    }
}

/// A JSON array read in chunks of [`CHUNK`] items, for the long lists of a
/// thread (a topic's posts, a story's comments). One vector grown by
/// doubling would hold up to twice the room its items need; here each chunk
/// is freed as soon as its items are taken, so the raw items give their room
/// back while the comments made of them are built.
pub struct Chunked<T> {
    chunks: Vec<Vec<T>>,
}

/// Items a chunk: large enough that chunks cost nothing to keep track of.
const CHUNK: usize = 1024;

impl<T> Default for Chunked<T> {
    fn default() -> Self {
        Chunked { chunks: Vec::new() }
    }
}

impl<T> Chunked<T> {
    pub fn len(&self) -> usize {
        self.chunks.iter().map(Vec::len).sum()
    }

    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.chunks.iter().flatten()
    }
}

impl<T> IntoIterator for Chunked<T> {
    type Item = T;
    type IntoIter = std::iter::Flatten<std::vec::IntoIter<Vec<T>>>;
    fn into_iter(self) -> Self::IntoIter {
        self.chunks.into_iter().flatten()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Chunked<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Items<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Items<T> {
            type Value = Chunked<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list")
            }
            fn visit_unit<E>(self) -> Result<Chunked<T>, E> {
                Ok(Chunked::default())
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Chunked<T>, A::Error> {
                let mut list = Chunked::default();
                while let Some(item) = seq.next_element()? {
                    match list.chunks.last_mut() {
                        Some(chunk) if chunk.len() < CHUNK => chunk.push(item),
                        _ => {
                            let mut chunk = Vec::with_capacity(CHUNK);
                            chunk.push(item);
                            list.chunks.push(chunk);
                        }
                    }
                }
                Ok(list)
            }
        }
        deserializer.deserialize_any(Items(std::marker::PhantomData))
    }
}

/// The text of an optional field, when it is there.
pub fn text(field: Option<Text>) -> Option<String> {
    field.map(|t| t.0)
}

/// Reads `json` into `T` with no nesting limit, on a growable stack, so a
/// thread nested any depth neither hits serde_json's limit nor overflows.
pub fn parse<'de, T: Deserialize<'de>>(json: &'de str, format: &str) -> Result<T, LoadError> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    deserializer.disable_recursion_limit();
    let value = {
        let stacked = serde_stacker::Deserializer::new(&mut deserializer);
        T::deserialize(stacked).map_err(|e| LoadError::Import(format!("{format}: {e}")))?
    };
    deserializer
        .end()
        .map_err(|e| LoadError::Import(format!("{format}: {e}")))?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loose_fields_read_every_shape_sites_send() {
        let texts: Vec<Text> = serde_json::from_str(r#"["a", 12, 1.5, null, {"x": 1}]"#).unwrap();
        let texts: Vec<&str> = texts.iter().map(|t| t.0.as_str()).collect();
        assert_eq!(texts, ["a", "12", "1.5", "", ""]);
        let ints: Vec<Int> = serde_json::from_str(r#"[3, 1793880000.0, "42", "x", null]"#).unwrap();
        let ints: Vec<Option<i64>> = ints.iter().map(|i| i.0).collect();
        assert_eq!(ints, [Some(3), Some(1_793_880_000), Some(42), None, None]);
        let users: Vec<User> =
            serde_json::from_str(r#"["ann", {"username": "bob"}, {"id": 3}, 7]"#).unwrap();
        let users: Vec<Option<&str>> = users.iter().map(|u| u.0.as_deref()).collect();
        assert_eq!(users, [Some("ann"), Some("bob"), None, None]);
        let flags: Vec<Flag> = serde_json::from_str(r#"[true, false, null, "yes"]"#).unwrap();
        let many = format!("[{}0]", "1, ".repeat(2 * CHUNK + 5));
        let chunked: Chunked<u32> = serde_json::from_str(&many).unwrap();
        assert_eq!(chunked.len(), 2 * CHUNK + 6);
        assert_eq!(
            chunked.into_iter().filter(|&n| n == 1).count(),
            2 * CHUNK + 5
        );
        let none: Chunked<u32> = serde_json::from_str("null").unwrap();
        assert_eq!(none.len(), 0);
        assert_eq!(
            flags.iter().map(|f| f.0).collect::<Vec<_>>(),
            [true, false, false, false]
        );
    }
}
