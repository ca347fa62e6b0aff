//! Native JSON read in a stream: comments handed out in preorder batches
//! while the rest of the file is still being parsed (see
//! [`formats::stream`](crate::formats::stream)).

use crate::document::{Comment, CommentTreeBuilder, Document};
use crate::formats::LoadError;

thread_local! {
    /// Where the comments go while they are read, set by
    /// [`parse_streaming`]: serde gives the comment stream no way to be
    /// told, hence a thread-local, as for the expected count.
    static STREAM: std::cell::RefCell<Option<Stream>> = const { std::cell::RefCell::new(None) };
}

/// Takes each batch of comments in preorder, and how far into the text
/// (in bytes) the parse is.
pub type Sink = Box<dyn FnMut(Vec<Comment>, usize)>;

/// A streaming parse under way.
struct Stream {
    skip: usize,
    /// Where the text starts in memory, to tell how far into it a
    /// borrowed string is, and how long it is.
    text_start: usize,
    text_len: usize,
    /// How far the parse was at the last batch, in bytes.
    last_at: usize,
    send: Sink,
    out_of_order: bool,
}

/// Comments handed out at a time: a few screens, small enough that the
/// reader shows them at once, large enough to cost nothing per batch.
pub const STREAM_BATCH: usize = 2_000;

/// Hands the comments the builder holds to the streaming parse's sink.
pub(super) fn hand_out(builder: &mut CommentTreeBuilder, at: Option<usize>) -> Result<(), String> {
    STREAM.with(|stream| {
        let mut stream = stream.borrow_mut();
        let Some(stream) = stream.as_mut() else {
            return Ok(());
        };
        match builder.take_streamed() {
            Ok(batch) => {
                let at = at.map_or(stream.last_at, |at| at.saturating_sub(stream.text_start));
                stream.last_at = at.clamp(stream.last_at, stream.text_len);
                (stream.send)(batch, stream.last_at);
                Ok(())
            }
            Err(error) => {
                stream.out_of_order = true;
                Err(error.to_string())
            }
        }
    })
}

/// The file cannot be streamed (a parent far back, an id that may repeat):
/// it must be read whole.
pub(super) fn needs_whole() {
    STREAM.with(|stream| {
        if let Some(stream) = stream.borrow_mut().as_mut() {
            stream.out_of_order = true;
        }
    });
}

/// How many comments to leave out, when a streaming parse is under way.
pub(super) fn skip() -> Option<usize> {
    STREAM.with(|stream| stream.borrow().as_ref().map(|s| s.skip))
}

/// Runs `job` with no streaming parse under way (a second reading of the
/// text, to explain an error, hands out nothing).
pub(super) fn suspended<T>(job: impl FnOnce() -> T) -> T {
    let stream = STREAM.with(|stream| stream.borrow_mut().take());
    let result = job();
    STREAM.with(|slot| *slot.borrow_mut() = stream);
    result
}

/// Reads a native document from JSON text, handing its comments to `send`
/// in preorder batches as they are read, the first `skip` left out; the
/// document comes back without them. None when the comments are not in
/// preorder (a flat list whose `parent`s name comments further back than
/// the last one's ancestors): the tree must then be built whole, by
/// [`parse`](super::parse).
pub fn parse_streaming(json: &str, skip: usize, send: Sink) -> Result<Option<Document>, LoadError> {
    STREAM.with(|stream| {
        *stream.borrow_mut() = Some(Stream {
            skip,
            text_start: json.as_ptr() as usize,
            text_len: json.len(),
            last_at: 0,
            send,
            out_of_order: false,
        });
    });
    let parsed = super::parse(json);
    let stream = STREAM.with(|stream| stream.borrow_mut().take());
    if stream.is_some_and(|s| s.out_of_order) {
        return Ok(None);
    }
    parsed.map(Some)
}
