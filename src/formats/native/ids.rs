//! The comment ids of a native file read so far: where each was pushed,
//! to find the `parent` a flat list names and to refuse an id used twice.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use super::streaming;

/// Where each comment's id was pushed, to find the `parent` a flat list
/// names and to refuse an id used twice.
pub(super) enum Ids<'de> {
    All(HashMap<Cow<'de, str>, usize>),
    /// While streaming, what preorder needs: a parent is the last comment
    /// or one of its ancestors, so only that chain is kept, and of the
    /// other ids their hashes. A parent off the chain, or a hash seen
    /// before, sends the file to be read whole (by `Ids::All`), which
    /// tells a file out of order or an id used twice from a collision: a
    /// map of a million ids was a tenth of the file's size in memory.
    Open {
        chain: Vec<(Cow<'de, str>, usize)>,
        hashes: HashSet<u64>,
    },
}

impl<'de> Ids<'de> {
    /// For a file of about `expected` comments, read whole or `streaming`.
    pub(super) fn new(streaming: bool, expected: usize) -> Ids<'de> {
        if streaming {
            Ids::Open {
                chain: Vec::new(),
                hashes: HashSet::new(),
            }
        } else {
            Ids::All(HashMap::with_capacity(expected))
        }
    }

    /// Where the comment `id` was pushed.
    pub(super) fn position_of(&mut self, id: &str) -> Option<usize> {
        match self {
            Ids::All(map) => map.get(id).copied(),
            Ids::Open { chain, .. } => {
                while let Some((last, position)) = chain.last() {
                    if last == id {
                        return Some(*position);
                    }
                    chain.pop();
                }
                streaming::needs_whole();
                None
            }
        }
    }

    /// Notes `id` pushed at `position` under `parent`; false when the id
    /// was used before (or, streaming, may have been).
    pub(super) fn insert(
        &mut self,
        id: Cow<'de, str>,
        position: usize,
        parent: Option<usize>,
    ) -> bool {
        match self {
            Ids::All(map) => map.insert(id, position).is_none(),
            Ids::Open { chain, hashes } => {
                while chain.last().is_some_and(|&(_, last)| Some(last) != parent) {
                    chain.pop();
                }
                let fresh = hashes.insert(std::hash::BuildHasher::hash_one(
                    &std::hash::BuildHasherDefault::<std::hash::DefaultHasher>::default(),
                    id.as_ref(),
                ));
                chain.push((id, position));
                if !fresh {
                    streaming::needs_whole();
                }
                fresh
            }
        }
    }
}
