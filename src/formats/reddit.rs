//! Reddit thread JSON (a thread URL with `.json` appended): two Listings,
//! the post and the comment tree. `replies` is `""` or a nested Listing;
//! `kind: "more"` things become stubs ([`MoreReplies`]) for the replies the
//! file does not hold, counted apart from comments; `[deleted]`/`[removed]` authors and bodies are kept as
//! such.
//!
//! Things are flattened while the JSON is read, event by event: each is
//! appended to a list with its parent's position, its replies after it, and
//! only the fields tread shows are kept (a real comment carries some fifty).
//! Nothing recurses, so a chain of any depth loads in memory close to its
//! size and drops without touching the stack.

use crate::document::sanitize::clean_field;
use crate::document::{Block, Body, CommentTreeBuilder, Document, MoreReplies, NewComment};

use super::events::{self, Event, Events, Scalar};
use super::value::{Int, Text, text};
use super::{LoadError, html, shared};

/// Where a thing's fields go.
#[derive(Debug, Clone, Copy)]
enum Target {
    /// The post: the document's own fields.
    Post,
    /// A comment, at this builder position.
    Comment(u32),
}

/// Which Listing a thing is in, and under whom.
#[derive(Debug, Clone, Copy)]
struct Place {
    /// The comments' Listing (or a reply's), not the post's.
    comments: bool,
    /// Builder position of the comment replied to.
    parent: Option<u32>,
}

/// A thing being read.
#[derive(Debug, Clone, Copy)]
struct Thing {
    target: Target,
    /// `kind: "more"`: a stub for replies the file does not hold.
    more: bool,
    /// The key came from `name`, which wins over `id`.
    named: bool,
}

/// Where the reader is: what the object or array it is inside holds. One
/// frame a thing or Listing, 16 bytes each, so that a chain of any depth is
/// read with the nesting on a vector, not the call stack.
#[derive(Debug)]
enum Frame {
    /// The top array of Listings.
    Top,
    /// A Listing, `{"data": {"children": [...]}}`: one frame for its three
    /// levels, saying which the reader is in.
    Listing { place: Place, level: ListingLevel },
    /// A thing, `{"kind": ..., "data": {...}}`, and whether the reader is
    /// in its `data` (the fields tread shows, and `replies`).
    Thing { thing: Thing, in_data: bool },
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum ListingLevel {
    Listing,
    Data,
    Children,
}

/// The post's fields, as read.
#[derive(Default)]
struct Post {
    title: Option<Text>,
    author: Option<Text>,
    url: Option<Text>,
    permalink: Option<Text>,
    body: Option<Text>,
    body_html: Option<Text>,
    created_utc: Int,
    score: Int,
    /// Where the post was made ("rust"), shown as its site ("r/rust").
    subreddit: Option<Text>,
}

/// What reading puts together: the post, and the comments in preorder, each
/// pushed when its thing starts so that its replies, read inside its data,
/// come after it. Nothing is kept per thing beyond the comment itself.
struct Reader<'a> {
    events: Events<'a>,
    post: Option<Post>,
    builder: CommentTreeBuilder,
    listings: usize,
    /// Every "kind" in the file: at most one thing or Listing each.
    kinds: usize,
}

pub fn parse(json: &str) -> Result<Document, LoadError> {
    let error = |e: events::SyntaxError| LoadError::Import(format!("Reddit thread: {e}"));
    // Every thing and Listing has a "kind": an upper bound of the comments
    // that sizes the arena once (pages it does not fill are never touched).
    let bound = memchr::memmem::find_iter(json.as_bytes(), "\"kind\"").count();
    let mut reader = Reader {
        events: Events::new(json),
        post: None,
        builder: CommentTreeBuilder::with_capacity(bound),
        listings: 0,
        kinds: bound,
    };
    reader.read().map_err(error)?;
    if reader.listings == 0 {
        return Err(LoadError::Import(
            "Reddit thread: expected two Listings".into(),
        ));
    }
    let mut document = Document {
        title: "Reddit thread".into(),
        ..Document::default()
    };
    if let Some(post) = reader.post {
        post_into(&mut document, post);
    }
    document.comments = reader.builder.build().map_err(LoadError::Tree)?;
    Ok(document)
}

impl Reader<'_> {
    fn read(&mut self) -> Result<(), events::SyntaxError> {
        if !matches!(self.events.next()?, Event::StartArray) {
            return Err(events::SyntaxError::new(
                "expected an array of two Listings",
            ));
        }
        // One frame a thing or Listing: room for the deepest chain the
        // file could hold, made once, as a stack grown by doubling would
        // leave its old copies for the allocator to give back later.
        let mut stack = Vec::with_capacity(self.kinds + 1);
        stack.push(Frame::Top);
        while let Some(frame) = stack.last_mut() {
            let event = self.events.next()?;
            if matches!(event, Event::EndArray | Event::EndObject) {
                self.close(&mut stack);
                continue;
            }
            let opened = match (frame, event) {
                (_, Event::Eof) => return Err(events::SyntaxError::end_of_file()),
                (Frame::Top, Event::StartObject) => {
                    self.listings += 1;
                    Some(Frame::Listing {
                        place: Place {
                            comments: self.listings > 1,
                            parent: None,
                        },
                        level: ListingLevel::Listing,
                    })
                }
                (
                    &mut Frame::Listing {
                        place,
                        level: ListingLevel::Children,
                    },
                    Event::StartObject,
                ) => self.start_thing(place)?,
                (frame, Event::ObjectKey(key)) => self.key(frame, &key)?,
                // Anything else in an array: a value tread does not read.
                (_, other) => {
                    self.events.skip(&other)?;
                    None
                }
            };
            stack.extend(opened);
        }
        match self.events.next()? {
            Event::Eof => Ok(()),
            _ => Err(events::SyntaxError::new("more after the Listings")),
        }
    }

    /// An object or array ends: a level of the frame on top is left, or the
    /// frame itself (a thing is finished then).
    fn close(&mut self, stack: &mut Vec<Frame>) {
        match stack.last_mut() {
            Some(Frame::Listing { level, .. }) if *level == ListingLevel::Children => {
                *level = ListingLevel::Data;
            }
            Some(Frame::Listing { level, .. }) if *level == ListingLevel::Data => {
                *level = ListingLevel::Listing;
            }
            Some(Frame::Thing { in_data, .. }) if *in_data => *in_data = false,
            _ => {
                if let Some(Frame::Thing { thing, .. }) = stack.pop() {
                    self.finish(thing);
                }
            }
        }
    }

    /// A thing opens: the post (the first thing of the first Listing), a
    /// comment, or something of the post's Listing tread does not show,
    /// which is skipped whole.
    fn start_thing(&mut self, place: Place) -> Result<Option<Frame>, events::SyntaxError> {
        shared::reached(self.events.offset());
        let target = if place.comments {
            let position = self.builder.push(NewComment {
                key: (self.builder.len() + 1).to_string().into(),
                parent: place.parent.map(|p| p as usize),
                ..NewComment::default()
            });
            Target::Comment(position as u32)
        } else if self.post.is_none() && place.parent.is_none() {
            self.post = Some(Post::default());
            Target::Post
        } else {
            self.events.skip(&Event::StartObject)?;
            return Ok(None);
        };
        Ok(Some(Frame::Thing {
            thing: Thing {
                target,
                more: false,
                named: false,
            },
            in_data: false,
        }))
    }

    /// Reads the value of `key` in the object `frame` stands for: a field
    /// into its thing, a level of the frame entered, or the frame the value
    /// opens; any other key's value is skipped whole.
    fn key(&mut self, frame: &mut Frame, key: &str) -> Result<Option<Frame>, events::SyntaxError> {
        match (frame, key) {
            (Frame::Listing { level, .. }, "data") if *level == ListingLevel::Listing => {
                self.enter_level(level, Event::StartObject, ListingLevel::Data)?;
            }
            (Frame::Listing { level, .. }, "children") if *level == ListingLevel::Data => {
                self.enter_level(level, Event::StartArray, ListingLevel::Children)?;
            }
            (
                Frame::Thing {
                    thing,
                    in_data: false,
                },
                "kind",
            ) => self.read_kind(thing)?,
            (Frame::Thing { in_data, .. }, "data") if !*in_data => {
                *in_data = self.enters(&Event::StartObject)?;
            }
            (
                Frame::Thing {
                    thing:
                        Thing {
                            target: Target::Comment(position),
                            ..
                        },
                    in_data: true,
                },
                "replies",
            ) => {
                let place = Place {
                    comments: true,
                    parent: Some(*position),
                };
                if self.enters(&Event::StartObject)? {
                    return Ok(Some(Frame::Listing {
                        place,
                        level: ListingLevel::Listing,
                    }));
                }
            }
            (
                Frame::Thing {
                    thing,
                    in_data: true,
                },
                field,
            ) => {
                let start = self.events.offset();
                let value = self.events.scalar()?;
                let raw = self.events.text_since(start);
                self.field(thing, field, value, raw);
            }
            _ => {
                let value = self.events.next()?;
                self.events.skip(&value)?;
            }
        }
        Ok(None)
    }

    /// Enters the next level of a Listing when its value opens as expected.
    fn enter_level(
        &mut self,
        level: &mut ListingLevel,
        opening: Event,
        next: ListingLevel,
    ) -> Result<(), events::SyntaxError> {
        if self.enters(&opening)? {
            *level = next;
        }
        Ok(())
    }

    /// A field of the post or of a comment.
    /// `raw` is the value as the input writes it.
    fn field(&mut self, thing: &mut Thing, field: &str, value: Scalar, raw: &str) {
        match thing.target {
            Target::Post => self.post_field(field, value),
            Target::Comment(position) => {
                self.comment_field(thing, position as usize, (field, raw), value)
            }
        }
    }

    /// A thing's `kind`: a "more" stub stands for replies not in the file.
    fn read_kind(&mut self, thing: &mut Thing) -> Result<(), events::SyntaxError> {
        let kind = self.events.scalar()?.into_text();
        if kind.is_some_and(|k| k.0 == "more") {
            thing.more = true;
            if let Target::Comment(position) = thing.target {
                self.builder.comment_mut(position as usize).more = Some(MoreReplies(None));
            }
        }
        Ok(())
    }

    fn comment_field(
        &mut self,
        thing: &mut Thing,
        position: usize,
        (field, raw): (&str, &str),
        value: Scalar,
    ) {
        let comment = self.builder.comment_mut(position);
        match field {
            "name" | "id" => {
                // A comment's fullname ("t1_abc") names it in permalinks.
                if let Some(key) = clean_field(text(value.into_text()))
                    && (field == "name" || !thing.named)
                {
                    comment.key = key.into();
                    thing.named |= field == "name";
                }
            }
            // An account that was deleted shows as Reddit shows it.
            "author" if !thing.more => comment.author = text(value.into_text()).map(Into::into),
            "created_utc" => comment.posted = value.into_int().0.map(|s| s.to_string().into()),
            "score" => comment.score = value.into_int().0,
            "body" => {
                let source = text(value.into_text());
                comment.deleted = source
                    .as_deref()
                    .is_some_and(|b| matches!(b.trim(), "[deleted]" | "[removed]"));
                // The HTML version, when there is one, is what is shown
                // (asking a pending body whether it is empty would convert it).
                if !comment.body.is_pending() {
                    comment.body = body(None, source);
                }
            }
            "body_html" => {
                if let Some(html) = text(value.into_text()).filter(|h| !h.trim().is_empty()) {
                    // Kept where it is in the input when that is shared.
                    comment.body =
                        shared::lazy_body(raw, string_to_blocks, || body(Some(html), None));
                }
            }
            "count" if thing.more => {
                let count = value.into_int().0.and_then(|n| u32::try_from(n).ok());
                comment.more = Some(MoreReplies(count.filter(|&n| n > 0)));
            }
            _ => {}
        }
    }

    fn post_field(&mut self, field: &str, value: Scalar) {
        let Some(post) = self.post.as_mut() else {
            return;
        };
        match field {
            "title" => post.title = value.into_text(),
            "author" => post.author = value.into_text(),
            "url" => post.url = value.into_text(),
            "permalink" => post.permalink = value.into_text(),
            "selftext" | "body" => post.body = value.into_text(),
            "selftext_html" | "body_html" => post.body_html = value.into_text(),
            "created_utc" => post.created_utc = value.into_int(),
            "score" => post.score = value.into_int(),
            "subreddit" => post.subreddit = value.into_text(),
            _ => {}
        }
    }

    /// A "continue this thread" stub is named `t1__`, as every other one
    /// is: it takes its parent's name instead, so that ids stay unique
    /// (native JSON, bookmarks) and the document reads back.
    fn finish(&mut self, thing: Thing) {
        let (true, Target::Comment(position)) = (thing.more, thing.target) else {
            return;
        };
        let stub = self.builder.comment_mut(position as usize);
        if !matches!(stub.key.as_str(), "t1__" | "_") {
            return;
        }
        let parent = stub.parent;
        let parent_key = parent.map(|p| self.builder.comment_mut(p.index()).key.clone());
        let stub = self.builder.comment_mut(position as usize);
        stub.key = match parent_key {
            Some(key) => format!("more_{key}").into(),
            None => "more".into(),
        };
    }

    /// Whether the next value starts as `start` does (an object, an
    /// array); any other value is skipped whole: a string or null, as
    /// Reddit's `replies` is `""` when there are none.
    fn enters(&mut self, start: &Event) -> Result<bool, events::SyntaxError> {
        let event = self.events.next()?;
        if event == *start {
            return Ok(true);
        }
        self.events.skip(&event)?;
        Ok(false)
    }
}

/// The blocks of a comment's `body_html` as its JSON string holds it.
fn string_to_blocks(raw: &str) -> Vec<Block> {
    html_to_blocks(&shared::unescaped(raw))
}

/// Reddit's HTML, entity-escaped or not, as blocks.
fn html_to_blocks(html_text: &str) -> Vec<Block> {
    if html_text.trim_start().starts_with('<') {
        html::to_blocks(html_text)
    } else {
        html::escaped_to_blocks(html_text)
    }
}

/// Blocks of a Reddit text: the HTML version when present, else the
/// Markdown source as plain paragraphs. Reddit's JSON carries that HTML
/// entity-escaped (`&lt;div class="md"&gt;`), or as HTML itself when asked
/// with `raw_json=1` (as PRAW and Reddit's own apps ask); each is parsed
/// once, as what it is.
fn body(html_text: Option<String>, source: Option<String>) -> Body {
    if let Some(html_text) = html_text.filter(|s| !s.trim().is_empty()) {
        return Body::lazy(html_text, html_to_blocks);
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

/// Fills the document's fields from the post.
fn post_into(document: &mut Document, post: Post) {
    // Reddit sends titles HTML-escaped ("&amp;").
    if let Some(title) = clean_field(text(post.title).map(|t| html::unescape(&t))) {
        document.title = title;
    }
    document.source = text(post.permalink).map(|p| format!("https://www.reddit.com{p}"));
    document.author = text(post.author);
    document.published = post.created_utc.0.map(|s| s.to_string());
    document.score = post.score.0;
    document.meta.site = clean_field(text(post.subreddit)).map(|name| format!("r/{name}"));
    document.article = body(text(post.body_html), text(post.body)).to_vec();
    if document.article.is_empty()
        && let Some(url) = clean_field(text(post.url))
    {
        document.article.push(Block::paragraph(url));
    }
}
