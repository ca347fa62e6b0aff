//! Where a document's bytes come from: a file, standard input (`-`), or the
//! built-in demo, and the name used for it in messages.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::formats::{self, Format, Loaded};

/// The demo discussion shown when no file is given.
pub const DEMO: &str = include_str!("../assets/demo.txt");

/// What the user asked to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputSource {
    Demo,
    Stdin,
    File(PathBuf),
}

impl InputSource {
    /// `None` is the demo and `-` is standard input, as on the command line.
    pub fn from_arg(arg: Option<&Path>) -> Self {
        match arg {
            None => InputSource::Demo,
            Some(path) if path.as_os_str() == "-" => InputSource::Stdin,
            Some(path) => InputSource::File(path.to_path_buf()),
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
            _ => None,
        }
    }

    pub fn read_bytes(&self) -> Result<Vec<u8>, Error> {
        let result = match self {
            InputSource::Demo => Ok(DEMO.as_bytes().to_vec()),
            InputSource::Stdin => {
                let mut bytes = Vec::new();
                std::io::stdin()
                    .lock()
                    .read_to_end(&mut bytes)
                    .map(|_| bytes)
            }
            InputSource::File(path) => read_file(path),
        };
        result.map_err(|source| Error::Read {
            name: self.display_name(),
            source,
        })
    }

    /// Reads and parses the input.
    pub fn load(&self, forced: Option<Format>) -> Result<Loaded, Error> {
        let bytes = self.read_bytes()?;
        formats::load(&bytes, forced).map_err(|source| Error::Load {
            name: self.display_name(),
            source,
        })
    }
}

fn read_file(path: &Path) -> std::io::Result<Vec<u8>> {
    // Opening a directory succeeds on Unix and only the read fails, with a
    // less clear message; say what it is up front.
    if path.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "is a directory",
        ));
    }
    std::fs::read(path)
}
