//! Where a document's bytes come from: a file, standard input (`-`), the
//! built-in demo, or two files read as one (a Mastodon status and its
//! context), and the name used for it in messages.
//!
//! Input is read as a stream, never whole before it is looked at: the first
//! 8 KiB are sniffed as they arrive (a NUL there is binary data, refused at
//! once, also inside gzip), gzip is inflated on the way, and reading stops
//! at the input limit (`--max-input`). So `tread dump /dev/zero`, an endless
//! pipe or a compression bomb end at once with a clear error, in little
//! memory.

use std::cell::Cell;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;

use crate::formats::{self, Format, LoadError, Loaded};
use crate::io_error::describe_io;
use crate::net::{Address, NetError, Progress, is_address};
use maildir::{is_maildir, read_maildir};

mod address;
pub mod article;
pub mod in_parts;
mod maildir;

/// Why the input could not be read or loaded, naming the input.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("{name}: {}", describe_io(source))]
    Read { name: String, source: io::Error },
    #[error("{name}: {source}")]
    Load { name: String, source: LoadError },
    /// The error names the host; the address would only repeat it.
    #[error("{0}")]
    Fetch(#[from] NetError),
}

/// The demo discussion shown when no file is given.
pub const DEMO: &str = include_str!("../../assets/demo.txt");

/// How much input is read before giving up, unless `--max-input` says
/// otherwise: twice the largest real thread we have heard of (a 500 MB
/// export), far below what would exhaust a machine's memory.
pub const DEFAULT_MAX_INPUT: u64 = 1 << 30;

const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];

/// gzip output this many times larger than what was read to make it is a
/// compression bomb: text and JSON threads inflate 4 to 20 times, deflate's
/// ceiling is about 1,000.
const BOMB_RATIO: u64 = 100;
/// The ratio is only judged past this much output, where it is stable.
const BOMB_MIN_BYTES: u64 = 16 << 20;

/// Bytes are read in slices of this size, so the limits are checked as they go.
const READ_SLICE: usize = 1 << 16;

/// What the user asked to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputSource {
    Demo,
    Stdin,
    File(PathBuf),
    /// A status and its context, fetched apart (`/statuses/:id` and
    /// `/statuses/:id/context`), in either order: read as one Mastodon
    /// thread, as `[first, second]`.
    Pair(Box<[InputSource; 2]>),
    /// A discussion's web address, fetched from its site's API.
    Address(String),
}

impl InputSource {
    /// `None` is the demo and `-` is standard input, as on the command line.
    pub fn from_arg(arg: Option<&Path>) -> Self {
        match arg {
            None => InputSource::Demo,
            Some(path) if path.as_os_str() == "-" => InputSource::Stdin,
            Some(path) if path.to_str().is_some_and(is_address) => {
                InputSource::Address(path.to_string_lossy().into_owned())
            }
            Some(path) => InputSource::File(path.to_path_buf()),
        }
    }

    /// [`from_arg`](Self::from_arg) of the first argument, or both read as
    /// one when there is a second.
    pub fn from_args(first: Option<&Path>, second: Option<&Path>) -> Self {
        let first = InputSource::from_arg(first);
        match second {
            Some(second) => {
                InputSource::Pair(Box::new([first, InputSource::from_arg(Some(second))]))
            }
            None => first,
        }
    }

    /// The input a saved name opens (a library entry's source, a
    /// bookmark's file): `<demo>`, an address or a path.
    pub fn from_saved(name: &str) -> Self {
        if name == "<demo>" {
            InputSource::Demo
        } else {
            InputSource::from_arg(Some(Path::new(name)))
        }
    }

    /// How messages and the title bar name this input: a file name can hold
    /// any byte but `/` and NUL, escape sequences included, so it is cleaned
    /// like document text.
    pub fn display_name(&self) -> String {
        match self {
            InputSource::Demo => "<demo>".to_string(),
            InputSource::Stdin => "<stdin>".to_string(),
            InputSource::File(path) => {
                crate::document::sanitize::clean_owned(path.display().to_string())
            }
            InputSource::Pair(pair) => {
                format!("{} + {}", pair[0].display_name(), pair[1].display_name())
            }
            InputSource::Address(address) => {
                crate::document::sanitize::clean_owned(address.clone())
            }
        }
    }

    /// The file's absolute path, to remember with bookmarks; None for stdin
    /// and the demo.
    pub fn absolute_path(&self) -> Option<String> {
        match self {
            InputSource::File(path) => Some(
                std::fs::canonicalize(path)
                    .unwrap_or_else(|_| path.clone())
                    .display()
                    .to_string(),
            ),
            InputSource::Pair(pair) => {
                let [first, second] = &**pair;
                Some(format!(
                    "{} + {}",
                    first.absolute_path()?,
                    second.absolute_path()?
                ))
            }
            InputSource::Address(_) => Some(self.display_name()),
            _ => None,
        }
    }

    /// The document's bytes, inflated when gzipped, at most `limit` of them.
    pub fn read_bytes(&self, limit: u64) -> Result<Vec<u8>, SourceError> {
        let result = match self {
            InputSource::Demo => Ok(DEMO.as_bytes().to_vec()),
            InputSource::Stdin => read_stream(io::stdin().lock(), limit, None),
            InputSource::File(path) if is_maildir(path) => read_maildir(path, limit),
            InputSource::File(path) => {
                open_file(path).and_then(|(file, size)| read_stream(file, limit, Some(size)))
            }
            InputSource::Pair(pair) => return read_pair(pair, limit),
            InputSource::Address(address) if article::page_address(address).is_some() => {
                let key = article::page_key(address);
                let page = article::fetch_page(address, &key, limit, &Arc::default())?;
                return Ok(formats::native::write(&page).into_bytes());
            }
            InputSource::Address(address) => {
                let address = Address::parse(address)?;
                return Ok(address::fetch(&address, limit, &Arc::default())?.bytes);
            }
        };
        result.map_err(|failure| failure.named(self.display_name()))
    }

    /// Reads and parses the input.
    pub fn load(&self, forced: Option<Format>, limit: u64) -> Result<Loaded, SourceError> {
        self.load_counted(forced, limit, &Arc::default())
    }

    /// [`load`](Self::load), counting what is fetched into `progress`.
    pub fn load_counted(
        &self,
        forced: Option<Format>,
        limit: u64,
        progress: &Arc<Progress>,
    ) -> Result<Loaded, SourceError> {
        if let InputSource::Address(address) = self {
            let name = self.display_name();
            return address::load(&name, address, (forced, limit), progress, true);
        }
        let bytes = self.read_bytes(limit)?;
        // A maildir's messages are read as the archive they make.
        let forced = match self {
            InputSource::File(path) if is_maildir(path) => forced.or(Some(Format::Mbox)),
            InputSource::Pair(_) => match forced {
                None | Some(Format::Mastodon) => Some(Format::Mastodon),
                Some(_) => {
                    return Err(SourceError::Load {
                        name: self.display_name(),
                        source: LoadError::Import(
                            "two files are read together only as a Mastodon status and its \
                             context"
                                .to_string(),
                        ),
                    });
                }
            },
            _ => forced,
        };
        formats::load_owned(bytes, forced).map_err(|source| SourceError::Load {
            name: self.display_name(),
            source,
        })
    }
}

/// Why reading stopped.
#[derive(Debug)]
pub enum Failure {
    Io(io::Error),
    Load(LoadError),
}

impl Failure {
    /// The error, naming the input it happened to.
    fn named(self, name: String) -> SourceError {
        match self {
            Failure::Io(source) => SourceError::Read { name, source },
            Failure::Load(source) => SourceError::Load { name, source },
        }
    }
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Self {
        Failure::Io(error)
    }
}

impl From<LoadError> for Failure {
    fn from(error: LoadError) -> Self {
        Failure::Load(error)
    }
}

/// Two inputs as one JSON array, `[first, second]`; each is read (and
/// inflated) on its own, and together they count against `limit`.
fn read_pair(pair: &[InputSource; 2], limit: u64) -> Result<Vec<u8>, SourceError> {
    let first = pair[0].read_bytes(limit)?;
    let left = limit.saturating_sub(first.len() as u64);
    let second = pair[1].read_bytes(left)?;
    Ok(formats::json_array(&[&first, &second]))
}

fn open_file(path: &Path) -> Result<(std::fs::File, u64), Failure> {
    // Opening a directory succeeds on Unix and only the read fails, with a
    // less clear message; say what it is up front.
    if path.is_dir() {
        return Err(Failure::Io(io::Error::new(
            io::ErrorKind::IsADirectory,
            "is a directory",
        )));
    }
    let file = std::fs::File::open(path)?;
    // Devices and pipes say 0; a regular file's size sizes the buffer once.
    let size = file.metadata().map_or(0, |m| m.len());
    Ok((file, size))
}

/// Reads a whole document from `reader`: sniffs its start, inflates gzip,
/// and stops past `limit` bytes (of inflated data). `size` is what the file
/// says it holds, to allocate once.
pub fn read_stream(reader: impl Read, limit: u64, size: Option<u64>) -> Result<Vec<u8>, Failure> {
    let mut reader = reader;
    let mut head = Vec::with_capacity(formats::SNIFF_BYTES);
    (&mut reader)
        .take(formats::SNIFF_BYTES as u64)
        .read_to_end(&mut head)?;
    if head.starts_with(GZIP_MAGIC) {
        let consumed = Rc::new(Cell::new(0u64));
        let counted = Counting {
            inner: io::Cursor::new(head).chain(reader),
            consumed: Rc::clone(&consumed),
        };
        let inflated = flate2::read::MultiGzDecoder::new(counted);
        return read_plain(inflated, limit, None, Some(&consumed)).map_err(
            |failure| match failure {
                Failure::Io(error) => Failure::Load(LoadError::Import(format!("gzip: {error}"))),
                other => other,
            },
        );
    }
    read_plain(io::Cursor::new(head).chain(reader), limit, size, None)
}

/// Reads uncompressed bytes under the limits; `compressed` counts the bytes
/// the gzip decoder consumed, when there is one.
fn read_plain(
    mut reader: impl Read,
    limit: u64,
    size: Option<u64>,
    compressed: Option<&Cell<u64>>,
) -> Result<Vec<u8>, Failure> {
    let capacity = size.filter(|&s| s <= limit).unwrap_or(0) as usize;
    let mut bytes = Vec::with_capacity(capacity.max(formats::SNIFF_BYTES));
    let mut sniffed = false;
    loop {
        let before = bytes.len();
        // A file's size is read into the room made for it. Past that, grow
        // by doubling, but never past the limit: an endless pipe must not
        // make tread ask for twice the limit.
        let promised_room = before < capacity;
        if bytes.capacity() - before < READ_SLICE && !promised_room {
            let room = limit.saturating_add(1).saturating_sub(before as u64);
            let grow = (before.max(READ_SLICE) as u64)
                .min(room)
                .max(READ_SLICE as u64);
            bytes.reserve_exact(usize::try_from(grow).unwrap_or(usize::MAX));
        }
        let read = (&mut reader)
            .take(READ_SLICE as u64)
            .read_to_end(&mut bytes)?;
        // A file that holds what its size said is done without doubling the
        // buffer (twice the file) only to learn that nothing follows.
        let at_end = read == 0
            || (capacity > 0
                && bytes.len() == capacity
                && !probe_for_more(&mut reader, &mut bytes)?);
        if !sniffed && (bytes.len() >= formats::SNIFF_BYTES || at_end) {
            sniffed = true;
            if formats::looks_binary(&bytes) {
                return Err(LoadError::Binary.into());
            }
        }
        let total = bytes.len() as u64;
        if total > limit {
            return Err(LoadError::TooLarge { limit }.into());
        }
        if let Some(compressed) = compressed
            && total > BOMB_MIN_BYTES
            && total / compressed.get().max(1) > BOMB_RATIO
        {
            return Err(LoadError::CompressionBomb { ratio: BOMB_RATIO }.into());
        }
        if at_end {
            return Ok(bytes);
        }
    }
}

/// Reads one byte past the end that a file's size promised, into `bytes`;
/// false when there is none (a file that grew since it was measured goes on).
fn probe_for_more(reader: &mut impl Read, bytes: &mut Vec<u8>) -> io::Result<bool> {
    let mut probe = [0u8; 1];
    loop {
        match reader.read(&mut probe) {
            Ok(0) => return Ok(false),
            Ok(_) => {
                bytes.push(probe[0]);
                return Ok(true);
            }
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
}

/// Counts the bytes read through it.
struct Counting<R> {
    inner: R,
    consumed: Rc<Cell<u64>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buffer)?;
        self.consumed.set(self.consumed.get() + n as u64);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    fn read(bytes: &[u8], limit: u64) -> Result<Vec<u8>, Failure> {
        read_stream(bytes, limit, None)
    }

    #[test]
    fn a_file_of_known_size_is_read_into_room_for_just_that() {
        // Sizes around the slice and sniff lengths, where a last partial
        // slice or the end-of-file probe could have doubled the buffer.
        for size in [
            1,
            100,
            8192,
            READ_SLICE - 1,
            READ_SLICE,
            3 * READ_SLICE + 17,
        ] {
            let content: Vec<u8> = (0..size).map(|i| b'a' + (i % 26) as u8).collect();
            let bytes = read_stream(&content[..], 1 << 30, Some(size as u64)).unwrap();
            assert_eq!(bytes, content);
            assert!(
                bytes.capacity() <= size.max(formats::SNIFF_BYTES),
                "{size} bytes read into {}",
                bytes.capacity()
            );
        }
        // A file that grew after it was measured is read whole.
        let grown = vec![b'x'; 2 * READ_SLICE];
        assert_eq!(
            read_stream(&grown[..], 1 << 30, Some(READ_SLICE as u64)).unwrap(),
            grown
        );
    }

    #[test]
    fn gzip_input_is_inflated_transparently_and_a_truncated_one_is_an_error() {
        let zipped = gzip(b"Zipped title\n\nBody.\n");
        assert_eq!(read(&zipped, 1 << 20).unwrap(), b"Zipped title\n\nBody.\n");
        let mut twice = zipped.clone();
        twice.extend_from_slice(&gzip(b"more\n"));
        assert_eq!(
            read(&twice, 1 << 20).unwrap(),
            b"Zipped title\n\nBody.\nmore\n",
            "every member is read, as `cat a.gz b.gz` makes"
        );
        let truncated = &zipped[..zipped.len() / 2];
        assert!(matches!(
            read(truncated, 1 << 20),
            Err(Failure::Load(LoadError::Import(_)))
        ));
    }

    #[test]
    fn an_endless_stream_of_nul_bytes_is_refused_from_its_start() {
        // `io::repeat` never ends: only the sniff can stop this.
        let endless_zeros = io::repeat(0);
        assert!(matches!(
            read_stream(endless_zeros, u64::MAX, None),
            Err(Failure::Load(LoadError::Binary))
        ));
        let zipped_zeros = gzip(&vec![0; 1 << 20]);
        assert!(matches!(
            read(&zipped_zeros, u64::MAX),
            Err(Failure::Load(LoadError::Binary))
        ));
    }

    #[test]
    fn an_endless_text_stream_stops_at_the_limit() {
        let endless_text = io::repeat(b'a');
        assert!(matches!(
            read_stream(endless_text, 1 << 20, None),
            Err(Failure::Load(LoadError::TooLarge { limit: 1_048_576 }))
        ));
        assert_eq!(read(b"abc", 3).unwrap(), b"abc");
        assert!(matches!(
            read(b"abcd", 3),
            Err(Failure::Load(LoadError::TooLarge { .. }))
        ));
    }

    #[test]
    fn a_compression_bomb_is_refused_before_it_is_inflated() {
        let bomb = gzip(&b"aaaaaaa\n".repeat(8 << 20));
        assert!(matches!(
            read(&bomb, u64::MAX),
            Err(Failure::Load(LoadError::CompressionBomb { .. }))
        ));
    }
}
