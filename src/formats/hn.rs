//! Hacker News threads: the Algolia API's `items/ID` (a story with nested
//! `children`, old and current key orders, or a flat array of comments) and
//! the HNPWA / node-hnapi item (`comments` with `level` and `content`).
//!
//! Items are flattened while they are read — each one is appended to a list
//! with its parent's position, never built as a nested value — and the
//! parser runs on a growable stack (serde_stacker), so a thread of any
//! depth loads and drops without overflowing the stack.

use std::borrow::Cow;

use compact_str::CompactString;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::document::sanitize::clean_field;
use crate::document::{Block, Body, CommentTreeBuilder, Comments, Document, NewComment};

use serde_json::value::RawValue;

use super::{LoadError, html, shared};

/// One item as read, before the tree is built; its text as the JSON
/// string it is in the input, unescaped only when it is shown.
#[derive(Debug, Default)]
struct FlatItem<'de> {
    parent: Option<usize>,
    id: Option<CompactString>,
    author: Option<CompactString>,
    posted: Option<CompactString>,
    points: Option<i64>,
    title: Option<String>,
    url: Option<String>,
    text: Option<&'de str>,
    deleted: bool,
    dead: bool,
    has_children: bool,
}

/// Reads one item (a JSON object) into `out`, its children after it.
struct ItemSeed<'a, 'de> {
    out: &'a mut Vec<FlatItem<'de>>,
    parent: Option<usize>,
}

impl<'de> DeserializeSeed<'de> for ItemSeed<'_, 'de> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ItemSeed<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a Hacker News item")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let index = self.out.len();
        self.out.push(FlatItem {
            parent: self.parent,
            ..FlatItem::default()
        });
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if let Cow::Borrowed(key) = &key {
                shared::reached_slice(key);
            }
            let item = &mut self.out[index];
            match key.as_ref() {
                "id" => item.id = map.next_value::<Option<IdValue>>()?.map(|v| v.0),
                "author" | "user" => item.author = map.next_value()?,
                "created_at_i" | "time" => {
                    if let Some(seconds) = map.next_value::<Option<i64>>()? {
                        item.posted = Some(seconds.to_string().into());
                    }
                }
                "created_at" if item.posted.is_none() => item.posted = map.next_value()?,
                "points" | "score" => item.points = map.next_value::<Option<i64>>().unwrap_or(None),
                "title" => item.title = map.next_value()?,
                "url" => item.url = map.next_value()?,
                "text" | "content" => {
                    let raw = map.next_value::<Option<&'de RawValue>>()?;
                    // Null, or a string: anything else is no text.
                    item.text = raw.map(RawValue::get).filter(|raw| raw.starts_with('"'));
                }
                "deleted" => item.deleted = map.next_value::<Option<bool>>()?.unwrap_or(false),
                "dead" => item.dead = map.next_value::<Option<bool>>()?.unwrap_or(false),
                "children" | "comments" => {
                    map.next_value_seed(ChildrenSeed {
                        out: &mut *self.out,
                        parent: Some(index),
                    })?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// An id given as a number or a string.
struct IdValue(CompactString);

impl<'de> serde::Deserialize<'de> for IdValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Number(i64),
            Text(CompactString),
        }
        Ok(IdValue(match Raw::deserialize(deserializer)? {
            Raw::Number(n) => n.to_string().into(),
            Raw::Text(t) => t,
        }))
    }
}

/// Reads an array of items (or null) into `out`.
struct ChildrenSeed<'a, 'de> {
    out: &'a mut Vec<FlatItem<'de>>,
    parent: Option<usize>,
}

impl<'de> DeserializeSeed<'de> for ChildrenSeed<'_, 'de> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ChildrenSeed<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array of items")
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let before = self.out.len();
        while seq
            .next_element_seed(ItemSeed {
                out: &mut *self.out,
                parent: self.parent,
            })?
            .is_some()
        {}
        if let Some(parent) = self.parent {
            self.out[parent].has_children |= self.out.len() > before;
        }
        Ok(())
    }
}

/// Reads `json` (a story object, or an array of comments) into flat items.
fn read_items(json: &str) -> Result<Vec<FlatItem<'_>>, LoadError> {
    let mut items = Vec::new();
    let mut deserializer = serde_json::Deserializer::from_str(json);
    deserializer.disable_recursion_limit();
    let stacked = serde_stacker::Deserializer::new(&mut deserializer);
    let is_array = json.trim_start().starts_with('[');
    let result = if is_array {
        ChildrenSeed {
            out: &mut items,
            parent: None,
        }
        .deserialize(stacked)
    } else {
        ItemSeed {
            out: &mut items,
            parent: None,
        }
        .deserialize(stacked)
    };
    result.map_err(|e| LoadError::Import(format!("Hacker News item: {e}")))?;
    deserializer
        .end()
        .map_err(|e| LoadError::Import(format!("Hacker News item: {e}")))?;
    Ok(items)
}

/// Text of an item (a JSON string) as blocks; an empty or missing text
/// gives none.
fn blocks(text: Option<&str>) -> Vec<Block> {
    match text.map(shared::unescaped) {
        Some(text) if !text.trim().is_empty() => html::to_blocks(&text),
        _ => Vec::new(),
    }
}

/// A comment's text (a JSON string), converted when first read: an import
/// of 100,000 comments converts only those the user looks at (or searches,
/// or dumps), and keeps their text where it is in the input.
fn lazy_body(text: Option<&str>) -> Body {
    match text {
        Some(raw) if !raw[1..raw.len() - 1].trim().is_empty() => {
            shared::lazy_body(raw, string_to_blocks, || {
                Body::lazy(shared::unescaped(raw), html::to_blocks)
            })
        }
        _ => Body::default(),
    }
}

/// The blocks of a comment's text as its JSON string holds it.
fn string_to_blocks(raw: &str) -> Vec<Block> {
    html::to_blocks(&shared::unescaped(raw))
}

pub fn parse(json: &str) -> Result<Document, LoadError> {
    let items = read_items(json)?;
    let is_array = json.trim_start().starts_with('[');
    let story = (!is_array).then(|| items.first()).flatten();
    let first_comment = usize::from(story.is_some());

    let mut document = Document::default();
    if let Some(story) = story {
        document.title = clean_field(story.title.clone())
            .unwrap_or_else(|| "Hacker News discussion".to_string());
        document.author = story.author.as_deref().map(str::to_string);
        document.published = story.posted.as_deref().map(str::to_string);
        document.score = story.points;
        document.source = story
            .id
            .as_ref()
            .map(|id| format!("https://news.ycombinator.com/item?id={id}"));
        document.article = blocks(story.text);
        if document.article.is_empty()
            && let Some(url) = clean_field(story.url.clone())
        {
            document.article.push(Block::paragraph(url));
        }
    } else {
        document.title = "Hacker News comments".to_string();
    }

    document.comments = comments(items, first_comment)?;
    Ok(document)
}

/// The items from `first_comment` on, as comments under their parents.
fn comments(items: Vec<FlatItem<'_>>, first_comment: usize) -> Result<Comments, LoadError> {
    let mut builder = CommentTreeBuilder::with_capacity(items.len());
    // Builder position of each flat item that became a comment.
    let mut position: Vec<Option<usize>> = vec![None; items.len()];
    // Items are moved into comments, their text with them, not copied.
    for (index, item) in items.into_iter().enumerate().skip(first_comment) {
        let gone = item.deleted || item.author.is_none() && item.text.is_none();
        // A deleted comment stays only as a placeholder for its replies.
        if gone && !item.has_children {
            continue;
        }
        let parent = item.parent.and_then(|p| position[p]);
        if item.parent.is_some_and(|p| p >= first_comment) && parent.is_none() {
            // Its parent was dropped: only deleted leaves are, so this
            // cannot happen; skip rather than misplace it.
            continue;
        }
        let body = if gone {
            Body::default()
        } else {
            lazy_body(item.text)
        };
        position[index] = Some(builder.push(NewComment {
            key: item.id.unwrap_or_else(|| (index + 1).to_string().into()),
            parent,
            author: if gone { None } else { item.author },
            posted: item.posted,
            score: item.points,
            deleted: gone,
            dead: item.dead,
            body,
            more: None,
        }));
    }
    builder.build().map_err(LoadError::Tree)
}
