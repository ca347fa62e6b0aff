//! Reddit thread JSON (a thread URL with `.json` appended): two Listings,
//! the post and the comment tree. `replies` is `""` or a nested Listing;
//! `kind: "more"` stubs become a placeholder row saying how many replies the
//! file does not hold; `[deleted]`/`[removed]` authors and bodies are kept as
//! such.
//!
//! Things are flattened while serde reads them, as the Hacker News importer
//! does: each is appended to a list with its parent's position, its replies
//! after it, and only the fields tread shows are kept (a real comment
//! carries some fifty). The parser runs on a growable stack, so a chain of
//! any depth loads and drops without overflowing it.

use std::borrow::Cow;

use compact_str::CompactString;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::document::sanitize::clean_field;
use crate::document::{Block, Body, CommentTreeBuilder, Document, NewComment};

use super::value::{Int, Text, text};
use super::{LoadError, html};

/// The author shown on a placeholder for replies the file does not hold.
const MORE_AUTHOR: &str = "more replies";

/// One thing (post, comment or "more" stub) as read.
#[derive(Debug, Default)]
struct Thing {
    /// Which Listing of the file it came from: 0 the post, 1 the comments.
    listing: usize,
    parent: Option<usize>,
    kind: Option<String>,
    name: Option<Text>,
    id: Option<Text>,
    author: Option<Text>,
    title: Option<Text>,
    url: Option<Text>,
    permalink: Option<Text>,
    body: Option<Text>,
    body_html: Option<Text>,
    created_utc: Int,
    score: Int,
    count: Int,
}

/// Where things go while they are read.
struct Things {
    list: Vec<Thing>,
}

/// Reads a map, handing the value of one key to `inner` and skipping every
/// other; a string or null reads as nothing (Reddit's `replies` is `""`
/// when there are none). A Listing is `{"data": {"children": [...]}}`: two
/// of these around [`Children`].
struct OnlyKey<S> {
    key: &'static str,
    inner: Option<S>,
}

impl<S> OnlyKey<S> {
    fn new(key: &'static str, inner: S) -> Self {
        OnlyKey {
            key,
            inner: Some(inner),
        }
    }
}

/// A Listing's things, read into `things` with `parent`.
fn listing(
    things: &mut Things,
    listing: usize,
    parent: Option<usize>,
) -> OnlyKey<OnlyKey<Children<'_>>> {
    OnlyKey::new(
        "data",
        OnlyKey::new(
            "children",
            Children {
                things,
                listing,
                parent,
            },
        ),
    )
}

impl<'de, S: DeserializeSeed<'de, Value = ()>> DeserializeSeed<'de> for OnlyKey<S> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, S: DeserializeSeed<'de, Value = ()>> Visitor<'de> for OnlyKey<S> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "an object with {:?}", self.key)
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match self.inner.take() {
                Some(inner) if key == self.key => map.next_value_seed(inner)?,
                inner => {
                    self.inner = inner;
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// An array of things.
struct Children<'a> {
    things: &'a mut Things,
    listing: usize,
    parent: Option<usize>,
}

impl<'de> DeserializeSeed<'de> for Children<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Children<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array of things")
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq
            .next_element_seed(ThingSeed {
                things: &mut *self.things,
                listing: self.listing,
                parent: self.parent,
            })?
            .is_some()
        {}
        Ok(())
    }
}

/// One thing: `{"kind": ..., "data": {...}}`. It is appended before its
/// data is read, so that its replies, read inside the data, come after it.
struct ThingSeed<'a> {
    things: &'a mut Things,
    listing: usize,
    parent: Option<usize>,
}

impl<'de> DeserializeSeed<'de> for ThingSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ThingSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a Reddit thing")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let index = self.things.list.len();
        self.things.list.push(Thing {
            listing: self.listing,
            parent: self.parent,
            ..Thing::default()
        });
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match key.as_ref() {
                "kind" => self.things.list[index].kind = map.next_value::<Option<String>>()?,
                "data" => map.next_value_seed(ThingData {
                    things: &mut *self.things,
                    index,
                })?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// A thing's `data`: the fields tread shows, and `replies`.
struct ThingData<'a> {
    things: &'a mut Things,
    index: usize,
}

impl<'de> DeserializeSeed<'de> for ThingData<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ThingData<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a thing's data")
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let index = self.index;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            let thing = &mut self.things.list[index];
            match key.as_ref() {
                "name" => thing.name = map.next_value()?,
                "id" => thing.id = map.next_value()?,
                "author" => thing.author = map.next_value()?,
                "title" => thing.title = map.next_value()?,
                "url" => thing.url = map.next_value()?,
                "permalink" => thing.permalink = map.next_value()?,
                // A post's text and a comment's share the fields.
                "body" | "selftext" => thing.body = map.next_value()?,
                "body_html" | "selftext_html" => thing.body_html = map.next_value()?,
                "created_utc" => thing.created_utc = map.next_value()?,
                "score" => thing.score = map.next_value()?,
                "count" => thing.count = map.next_value()?,
                "replies" => {
                    let from = thing.listing;
                    map.next_value_seed(listing(&mut *self.things, from, Some(index)))?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// The top: an array of Listings (the post's, then the comments').
struct Thread<'a> {
    things: &'a mut Things,
}

impl<'de> DeserializeSeed<'de> for Thread<'_> {
    type Value = usize;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Thread<'_> {
    type Value = usize;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("two Listings")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<usize, A::Error> {
        let mut listings = 0;
        while seq
            .next_element_seed(listing(&mut *self.things, listings, None))?
            .is_some()
        {
            listings += 1;
        }
        Ok(listings)
    }
}

/// Blocks of a Reddit text: the HTML version when present (it is itself
/// HTML-escaped), else the Markdown source as plain paragraphs.
fn body(html_text: Option<String>, source: Option<String>) -> Body {
    if let Some(escaped) = html_text.filter(|s| !s.trim().is_empty()) {
        return Body::lazy(escaped, html::escaped_to_blocks);
    }
    let blocks: Vec<Block> = source
        .map(|source| {
            source
                .split("\n\n")
                .filter(|p| !p.trim().is_empty())
                .map(|p| Block::paragraph(p.trim()))
                .collect()
        })
        .unwrap_or_default();
    blocks.into()
}

fn read_things(json: &str) -> Result<Vec<Thing>, LoadError> {
    let error = |e: serde_json::Error| LoadError::Import(format!("Reddit thread: {e}"));
    let mut things = Things { list: Vec::new() };
    let mut deserializer = serde_json::Deserializer::from_str(json);
    deserializer.disable_recursion_limit();
    let listings = Thread {
        things: &mut things,
    }
    .deserialize(serde_stacker::Deserializer::new(&mut deserializer))
    .map_err(error)?;
    deserializer.end().map_err(error)?;
    if listings == 0 {
        return Err(LoadError::Import(
            "Reddit thread: expected two Listings".into(),
        ));
    }
    Ok(things.list)
}

pub fn parse(json: &str) -> Result<Document, LoadError> {
    let things = read_things(json)?;
    let mut document = Document {
        title: "Reddit thread".into(),
        ..Document::default()
    };
    let mut builder = CommentTreeBuilder::with_capacity(things.len());
    // Builder position of each thing that became a comment.
    let mut position: Vec<Option<usize>> = vec![None; things.len()];
    let mut post_seen = false;
    for (index, thing) in things.into_iter().enumerate() {
        if thing.listing == 0 {
            // The first thing of the first Listing is the post.
            if !post_seen && thing.parent.is_none() {
                post_seen = true;
                post_into(&mut document, thing);
            }
            continue;
        }
        let parent = thing.parent.and_then(|p| position[p]);
        let key: CompactString = text(thing.name)
            .or_else(|| text(thing.id))
            .map_or_else(|| (builder.len() + 1).to_string().into(), Into::into);
        if thing.kind.as_deref() == Some("more") {
            let count = thing.count.0.unwrap_or(0);
            let text = if count > 0 {
                format!(
                    "{count} more {} not in this file",
                    if count == 1 { "reply" } else { "replies" }
                )
            } else {
                "The thread goes on; its replies are not in this file".to_string()
            };
            position[index] = Some(builder.push(NewComment {
                key,
                parent,
                author: Some(MORE_AUTHOR.into()),
                body: vec![Block::paragraph(text)].into(),
                ..NewComment::default()
            }));
            continue;
        }
        let raw_body = text(thing.body);
        let deleted = raw_body
            .as_deref()
            .is_some_and(|b| matches!(b.trim(), "[deleted]" | "[removed]"));
        position[index] = Some(builder.push(NewComment {
            key,
            parent,
            // An account that was deleted shows as Reddit shows it.
            author: text(thing.author).map(Into::into),
            posted: thing.created_utc.0.map(|s| s.to_string().into()),
            score: thing.score.0,
            deleted,
            dead: false,
            body: body(text(thing.body_html), raw_body),
        }));
    }
    document.comments = builder.build().map_err(LoadError::Tree)?;
    Ok(document)
}

/// Fills the document's fields from the post.
fn post_into(document: &mut Document, post: Thing) {
    // Reddit sends titles HTML-escaped ("&amp;").
    if let Some(title) = clean_field(text(post.title).map(|t| html::unescape(&t))) {
        document.title = title;
    }
    document.source = text(post.permalink).map(|p| format!("https://www.reddit.com{p}"));
    document.author = text(post.author);
    document.published = post.created_utc.0.map(|s| s.to_string());
    document.article = body(text(post.body_html), text(post.body)).to_vec();
    if document.article.is_empty()
        && let Some(url) = clean_field(text(post.url))
    {
        document.article.push(Block::paragraph(url));
    }
}
