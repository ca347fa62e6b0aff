//! The text a document is being read from, shared with the bodies that
//! are converted from it when first read (HTML formats): each keeps a
//! range of the text rather than a copy of its markup, so a large thread
//! is in memory once, not as the file and a copy of its comments.

use std::cell::RefCell;
use std::sync::Arc;

use crate::document::{Body, Convert};

thread_local! {
    /// Set while [`reading`] runs; the importers find it here, as serde
    /// gives their visitors no way to be handed it.
    static TEXT: RefCell<Option<Arc<String>>> = const { RefCell::new(None) };
    /// Told how far into the text the reading is, now and then, with the
    /// offset it was last told.
    static PROGRESS: RefCell<Option<(Progress, usize)>> = const { RefCell::new(None) };
}

/// Takes how far into the text reading is, in bytes.
pub type Progress = Box<dyn FnMut(usize)>;

/// Progress is told when reading has gone this much further.
const PROGRESS_STEP: usize = 1 << 20;

/// Runs `job` on `text`, its slices shareable by the bodies read from it,
/// telling `progress` how far it has read.
pub(super) fn reading<T>(
    text: &Arc<String>,
    progress: Option<Progress>,
    job: impl FnOnce(&str) -> T,
) -> T {
    TEXT.with(|shared| *shared.borrow_mut() = Some(Arc::clone(text)));
    PROGRESS.with(|slot| *slot.borrow_mut() = progress.map(|p| (p, 0)));
    let result = job(text);
    TEXT.with(|shared| shared.borrow_mut().take());
    PROGRESS.with(|slot| slot.borrow_mut().take());
    result
}

/// Reading has reached byte `at` of the shared text.
pub(super) fn reached(at: usize) {
    PROGRESS.with(|slot| {
        if let Some((progress, told)) = slot.borrow_mut().as_mut()
            && at >= *told + PROGRESS_STEP
        {
            *told = at;
            progress(at);
        }
    });
}

/// Reading has reached `slice`, a slice of the shared text.
pub(super) fn reached_slice(slice: &str) {
    if let Some((_, range)) = place_of(slice) {
        reached(range.start);
    }
}

/// A body converted by `convert` from `raw` when first read: a range of
/// the shared text when `raw` is a slice of it, else `copy` of it.
pub(super) fn lazy_body(raw: &str, convert: Convert, copy: impl FnOnce() -> Body) -> Body {
    match place_of(raw) {
        Some((text, range)) => Body::shared(text, range, convert),
        None => copy(),
    }
}

/// The shared text and where `slice` is in it, when it is a slice of it.
fn place_of(slice: &str) -> Option<(Arc<String>, std::ops::Range<usize>)> {
    TEXT.with(|shared| {
        let shared = shared.borrow();
        let text = shared.as_ref()?;
        let start = (slice.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
        let end = start + slice.len();
        (end <= text.len()).then(|| (Arc::clone(text), start..end))
    })
}

/// A JSON string literal (`"a \"b\""`) as the text it stands for; an
/// invalid one (which the parser has already refused) as nothing.
pub(super) fn unescaped(literal: &str) -> String {
    serde_json::from_str(literal).unwrap_or_default()
}
