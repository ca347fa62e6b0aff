//! What tread keeps on disk: bookmarks, reading positions and seen comments, in the data
//! directory (`TREAD_DATA_DIR`, or the platform's data directory for tread).
//! Every file is versioned JSON saved through [`json_file`], which locks,
//! merges, writes atomically and never overwrites a file it cannot read.

pub mod bookmarks;
pub mod json_file;
pub mod positions;
pub mod seen;

use std::collections::BTreeMap;

use std::path::{Path, PathBuf};

use json_file::JsonFile;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no data directory: set TREAD_DATA_DIR or HOME")]
    NoDataDir,
    #[error("{}: {}", path.display(), describe(source))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: written by a newer tread (version {version}); not touching it", path.display())]
    NewerVersion { path: PathBuf, version: u32 },
}

impl StoreError {
    pub fn io(path: &Path, source: std::io::Error) -> StoreError {
        StoreError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

fn describe(error: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match error.kind() {
        PermissionDenied => "permission denied".to_string(),
        ReadOnlyFilesystem => "read-only file system".to_string(),
        StorageFull => "no space left on the device".to_string(),
        NotFound => "no such file or directory".to_string(),
        _ => {
            let text = error.to_string();
            text.split(" (os error").next().unwrap_or(&text).to_string()
        }
    }
}

/// The data directory and the files in it.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// The directory from `TREAD_DATA_DIR`, or the platform default.
    pub fn from_env() -> Result<Store, StoreError> {
        if let Some(dir) = std::env::var_os("TREAD_DATA_DIR").filter(|d| !d.is_empty()) {
            return Ok(Store::at(PathBuf::from(dir)));
        }
        project_dirs()
            .map(|dirs| Store::at(dirs.data_dir().to_path_buf()))
            .ok_or(StoreError::NoDataDir)
    }

    pub fn at(dir: PathBuf) -> Store {
        Store { dir }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn bookmarks_file(&self) -> JsonFile {
        JsonFile::new(self.dir.join("bookmarks.json"))
    }

    pub fn positions_file(&self) -> JsonFile {
        JsonFile::new(self.dir.join("positions.json"))
    }

    pub fn seen_file(&self) -> JsonFile {
        JsonFile::new(self.dir.join("seen.json"))
    }
}

/// tread's data and config directories on this platform, as DESIGN.md fixes.
pub fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "tread")
}

/// Drops the entries with the oldest `updated` until `keep` are left.
fn forget_oldest<V>(entries: &mut BTreeMap<String, V>, keep: usize, updated: impl Fn(&V) -> i64) {
    if entries.len() <= keep {
        return;
    }
    let mut by_age: Vec<(i64, String)> = entries
        .iter()
        .map(|(key, value)| (updated(value), key.clone()))
        .collect();
    by_age.sort();
    let excess = entries.len() - keep;
    for (_, key) in by_age.into_iter().take(excess) {
        entries.remove(&key);
    }
}
