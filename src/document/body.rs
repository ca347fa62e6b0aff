//! A comment's body: blocks, or source markup turned into blocks the first
//! time anything reads them.
//!
//! Importers of HTML formats hand over the comment's HTML with the function
//! that converts it, instead of converting 100,000 comments while the user
//! waits for the first frame: the comments drawn first, then the rest while
//! the reader waits for keys (or at once when something reads them all, as
//! search and dump do). Reading goes through `Deref<Target = [Block]>`, so
//! callers see blocks either way and cannot tell a lazy body from an eager
//! one. The markup is freed when it has been converted.

use std::cell::{Cell, OnceCell};
use std::fmt;
use std::ops::{Deref, Range};
use std::sync::Arc;

use super::Block;

/// Turns source markup into blocks (the HTML converter of `formats::html`).
pub type Convert = fn(&str) -> Vec<Block>;

#[derive(Default)]
pub struct Body {
    /// A `OnceCell`, not a `OnceLock`: the document is read from one thread,
    /// and the smaller cell keeps 100,000 comments' loading as fast as before
    /// bodies were lazy (the lock cost about 10% on native JSON).
    blocks: OnceCell<Box<[Block]>>,
    /// Markup not yet converted, taken (and freed) when it is. Boxed, so
    /// that a body is 24 bytes, converted or not, in an arena of 100,000.
    source: Cell<Option<Box<Pending>>>,
}

struct Pending {
    markup: Markup,
    convert: Convert,
}

/// Markup not yet converted: a copy of its own, or a stretch of the text
/// the document was read from, shared by every comment of a large thread
/// instead of copied out of it (the file and a copy of its markup were
/// twice the file in memory).
#[derive(Clone)]
enum Markup {
    Owned(Box<str>),
    Shared {
        text: Arc<String>,
        range: Range<usize>,
    },
}

impl Markup {
    fn as_str(&self) -> &str {
        match self {
            Markup::Owned(markup) => markup,
            Markup::Shared { text, range } => text.get(range.clone()).unwrap_or_default(),
        }
    }
}

impl Body {
    /// A body converted from `source` when first read; what `convert` gives
    /// is sanitized then, so no converter can let a control through.
    pub fn lazy(source: impl Into<Box<str>>, convert: Convert) -> Self {
        Body::pending(Markup::Owned(source.into()), convert)
    }

    /// A body converted when first read from `range` of `text`, the text
    /// its document was read from, which it shares rather than copies.
    pub fn shared(text: Arc<String>, range: Range<usize>, convert: Convert) -> Self {
        Body::pending(Markup::Shared { text, range }, convert)
    }

    fn pending(markup: Markup, convert: Convert) -> Self {
        Body {
            blocks: OnceCell::new(),
            source: Cell::new(Some(Box::new(Pending { markup, convert }))),
        }
    }

    pub fn blocks(&self) -> &[Block] {
        self.blocks.get_or_init(|| match self.source.take() {
            Some(pending) => {
                let mut blocks = (pending.convert)(pending.markup.as_str());
                blocks.iter_mut().for_each(super::sanitize::block);
                blocks.into_boxed_slice()
            }
            None => Box::default(),
        })
    }

    /// The blocks to change in place when they are already converted (a
    /// pending body is cleaned when it is converted).
    pub(crate) fn converted_mut(&mut self) -> Option<&mut [Block]> {
        self.blocks.get_mut().map(|blocks| &mut blocks[..])
    }

    pub fn as_slice(&self) -> &[Block] {
        self.blocks()
    }

    /// Whether the markup still to convert is a range of its document's
    /// text rather than a copy.
    pub fn shares_text(&self) -> bool {
        let source = self.source.take();
        let shared = matches!(
            source.as_deref(),
            Some(Pending {
                markup: Markup::Shared { .. },
                ..
            })
        );
        self.source.set(source);
        shared
    }

    /// Whether reading the blocks would still convert markup.
    pub fn is_pending(&self) -> bool {
        // The source is only there until it is converted.
        let source = self.source.take();
        let pending = source.is_some();
        self.source.set(source);
        pending
    }
}

impl From<Vec<Block>> for Body {
    fn from(blocks: Vec<Block>) -> Self {
        // A body lives as long as the document: the room a growing vector
        // kept (four blocks for a one-paragraph comment) would be a third of
        // a large thread's memory. A boxed slice keeps none.
        Body {
            blocks: OnceCell::from(blocks.into_boxed_slice()),
            source: Cell::new(None),
        }
    }
}

impl Deref for Body {
    type Target = [Block];
    fn deref(&self) -> &[Block] {
        self.blocks()
    }
}

impl<'a> IntoIterator for &'a Body {
    type Item = &'a Block;
    type IntoIter = std::slice::Iter<'a, Block>;
    fn into_iter(self) -> Self::IntoIter {
        self.blocks().iter()
    }
}

impl Clone for Body {
    fn clone(&self) -> Self {
        match self.source.take() {
            Some(pending) => {
                let copy = Body::pending(pending.markup.clone(), pending.convert);
                self.source.set(Some(pending));
                copy
            }
            None => Body::from(self.blocks().to_vec()),
        }
    }
}

impl PartialEq for Body {
    fn eq(&self, other: &Self) -> bool {
        self.blocks() == other.blocks()
    }
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.blocks()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    static CONVERSIONS: AtomicUsize = AtomicUsize::new(0);

    fn counting(source: &str) -> Vec<Block> {
        CONVERSIONS.fetch_add(1, Ordering::SeqCst);
        vec![Block::paragraph(source.to_uppercase())]
    }

    #[test]
    fn a_lazy_body_converts_once_on_first_read() {
        let body = Body::lazy("hello", counting);
        assert_eq!(CONVERSIONS.load(Ordering::SeqCst), 0);
        assert_eq!(body[0].text, "HELLO");
        assert_eq!(body.len(), 1);
        assert_eq!(CONVERSIONS.load(Ordering::SeqCst), 1);
        assert_eq!(body, Body::from(vec![Block::paragraph("HELLO")]));
        // The markup is freed once converted.
        assert!(body.source.take().is_none());
        let lazy = Body::lazy("again", counting);
        assert!(lazy.is_pending());
        assert_eq!(lazy.clone()[0].text, "AGAIN");
        assert!(lazy.is_pending(), "cloning does not convert the original");
    }
}
