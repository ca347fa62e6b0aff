//! Opening a large file in parts: its first megabyte read at once into a
//! preview the reader shows, the whole file read and parsed on a thread,
//! its comments handed over in batches as they are parsed (see
//! [`formats::stream`]).

use std::io::{Read, Seek, SeekFrom};
use std::sync::Arc;

use super::{GZIP_MAGIC, InputSource, SourceError, open_file, read_stream};
use crate::document::Comment;
use crate::formats::stream::{self, PREVIEW_BYTES, Preview, Rest, TAIL_BYTES};
use crate::formats::{Format, LoadError};

/// Files up to this size are read whole before the reader starts: in a few
/// milliseconds, and then all counts are final from the first frame.
pub const IN_PARTS_FROM: u64 = 4 << 20;

/// What the thread that reads the rest hands over, in order.
#[derive(Debug)]
pub enum Part {
    /// Comments continuing the preview's, in preorder, and how far into
    /// the file they were read (bytes).
    Comments { comments: Vec<Comment>, parsed: u64 },
    /// The whole file has been read: its head and, where the format could
    /// not hand its comments out in order, all of them; or why not.
    Done(Box<Result<Rest, SourceError>>),
}

/// A file opened in parts: the preview to show, and the file's size.
#[derive(Debug)]
pub struct Opening {
    pub preview: Preview,
    pub total: u64,
}

/// Opens `source` in parts when it is a large plain file of a format read
/// so, the rest going to `deliver` from a thread; None when it is read
/// whole (small, compressed, standard input, mail). An error is one the
/// whole file would give too, found in its first megabyte.
pub fn open_in_parts(
    source: &InputSource,
    forced: Option<Format>,
    limit: u64,
    deliver: impl Fn(Part) + Send + Sync + 'static,
) -> Result<Option<Opening>, SourceError> {
    let InputSource::File(path) = source else {
        return Ok(None);
    };
    let name = || source.display_name();
    let failed = |failure: super::Failure| failure.named(name());
    if super::is_maildir(path) {
        return Ok(None);
    }
    let (mut file, total) = open_file(path).map_err(failed)?;
    if total < IN_PARTS_FROM || total > limit {
        return Ok(None);
    }
    let (prefix, tail) = ends_of(&mut file, total).map_err(|error| failed(error.into()))?;
    if prefix.starts_with(GZIP_MAGIC) {
        return Ok(None);
    }
    let loaded = |source: LoadError| SourceError::Load {
        name: name(),
        source,
    };
    let Some(preview) = stream::preview(&prefix, Some(&tail), forced).map_err(loaded)? else {
        return Ok(None);
    };
    let format = preview.format;
    let skip = preview.document.comments.len();
    let display_name = name();
    std::thread::spawn(move || {
        let deliver = Arc::new(deliver);
        let rest = read_rest(file, (total, limit), format, skip, Arc::clone(&deliver));
        let rest = rest.map_err(|failure| failure.named(display_name));
        deliver(Part::Done(Box::new(rest)));
    });
    Ok(Some(Opening { preview, total }))
}

/// The first [`PREVIEW_BYTES`] of a file of `size` bytes, and its last
/// [`TAIL_BYTES`].
fn ends_of(file: &mut std::fs::File, size: u64) -> std::io::Result<(Vec<u8>, Vec<u8>)> {
    let mut prefix = Vec::with_capacity(PREVIEW_BYTES);
    (&mut *file)
        .take(PREVIEW_BYTES as u64)
        .read_to_end(&mut prefix)?;
    file.seek(SeekFrom::Start(size.saturating_sub(TAIL_BYTES as u64)))?;
    let mut tail = Vec::with_capacity(TAIL_BYTES);
    file.take(TAIL_BYTES as u64).read_to_end(&mut tail)?;
    Ok((prefix, tail))
}

/// Reads the whole of `file` (the one the preview was read from, so a file
/// renamed or replaced meanwhile is not mixed with another: `size` bytes,
/// at most `limit`) and parses it, the comments after the first `skip`
/// going to `deliver` as they are parsed.
fn read_rest(
    mut file: std::fs::File,
    (size, limit): (u64, u64),
    format: Format,
    skip: usize,
    deliver: Arc<impl Fn(Part) + Send + Sync + 'static>,
) -> Result<Rest, super::Failure> {
    file.seek(SeekFrom::Start(0))?;
    let bytes = read_stream(file, limit, Some(size))?;
    let rest = stream::load_rest(bytes, format, skip, move |comments, at| {
        deliver(Part::Comments {
            comments,
            parsed: at as u64,
        });
    })?;
    Ok(rest)
}
