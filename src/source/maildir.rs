//! A maildir folder read as one mbox archive, for the mail importer.

use std::path::Path;

use super::{Failure, read_stream};
use crate::formats::LoadError;

/// Whether `path` is a maildir: a directory with `cur/` or `new/` in it.
pub(super) fn is_maildir(path: &Path) -> bool {
    path.is_dir() && (path.join("cur").is_dir() || path.join("new").is_dir())
}

/// The messages of a maildir (`cur/` and `new/`, by file name), joined into
/// one mbox: each after a `From ` line, its own `From ` lines quoted as
/// mboxrd does. Together they count against `limit`, as one file would.
pub(super) fn read_maildir(path: &Path, limit: u64) -> Result<Vec<u8>, Failure> {
    let mut files = Vec::new();
    for folder in ["cur", "new"] {
        let Ok(entries) = std::fs::read_dir(path.join(folder)) else {
            continue;
        };
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name();
            // Dot files (`.keep`, editors' temporaries) are not messages.
            if entry.file_type()?.is_file() && !name.to_string_lossy().starts_with('.') {
                files.push(entry.path());
            }
        }
    }
    files.sort();
    let mut archive = Vec::new();
    for file in files {
        let message = read_stream(std::fs::File::open(&file)?, limit, None)?;
        archive.extend_from_slice(b"From maildir@localhost Thu Jan  1 00:00:00 1970\n");
        for line in message.split_inclusive(|&b| b == b'\n') {
            let quotes = line.iter().take_while(|&&b| b == b'>').count();
            if line[quotes..].starts_with(b"From ") {
                archive.push(b'>');
            }
            archive.extend_from_slice(line);
        }
        if !archive.ends_with(b"\n") {
            archive.push(b'\n');
        }
        archive.push(b'\n');
        if archive.len() as u64 > limit {
            return Err(LoadError::TooLarge { limit }.into());
        }
    }
    if archive.is_empty() {
        return Err(LoadError::Empty.into());
    }
    Ok(archive)
}
