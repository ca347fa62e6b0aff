//! What tread keeps on disk: bookmarks, reading positions and seen comments, in the data
//! directory (`TREAD_DATA_DIR`, or the platform's data directory for tread).
//! Every file is versioned JSON saved through [`json_file`], which locks,
//! merges, writes atomically and never overwrites a file it cannot read.

pub mod json_file;
pub mod library;
pub mod positions;
pub mod seen;

use std::collections::BTreeMap;
use std::io::Write;

use std::path::{Path, PathBuf};

use json_file::JsonFile;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no data directory: set TREAD_DATA_DIR or HOME")]
    NoDataDir,
    #[error("{}: {}", path.display(), crate::io_error::describe_io(source))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: written by a newer tread (version {version}); not touching it", path.display())]
    NewerVersion { path: PathBuf, version: u32 },
    #[error("{}: not a regular file (a pipe, a device or a directory); not touching it", path.display())]
    NotAFile { path: PathBuf },
    #[error(
        "{}: still locked after {} s (another tread saving, or a stopped one); not saved",
        path.display(),
        waited.as_secs()
    )]
    Locked {
        path: PathBuf,
        waited: std::time::Duration,
    },
}

impl StoreError {
    pub fn io(path: &Path, source: std::io::Error) -> StoreError {
        StoreError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// The fields of a stored object that this version does not know.
pub type Unknown = serde_json::Map<String, serde_json::Value>;

/// Told the lock file's path when a save has waited a moment for the lock:
/// the command line says so on stderr, the reader in its status bar.
pub type LockNotice = std::sync::Arc<dyn Fn(&Path) + Send + Sync>;

/// The data directory and the files in it.
#[derive(Clone)]
pub struct Store {
    dir: PathBuf,
    notice: LockNotice,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("dir", &self.dir).finish()
    }
}

impl Store {
    /// The directory from `TREAD_DATA_DIR`, or the platform default.
    pub fn from_env() -> Result<Store, StoreError> {
        if let Some(dir) = std::env::var_os("TREAD_DATA_DIR").filter(|d| !d.is_empty()) {
            return Ok(Store::at(PathBuf::from(dir)));
        }
        crate::dirs::project_dirs()
            .map(|dirs| Store::at(dirs.data_dir().to_path_buf()))
            .ok_or(StoreError::NoDataDir)
    }

    pub fn at(dir: PathBuf) -> Store {
        Store {
            dir,
            notice: std::sync::Arc::new(|lock: &Path| {
                let lock = crate::document::sanitize::clean_owned(lock.display().to_string());
                // Not eprintln!, which panics when stderr is gone.
                let _ = writeln!(
                    std::io::stderr(),
                    "tread: waiting for {lock} (another tread is saving, or a stopped one holds it)"
                );
            }),
        }
    }

    /// The data directory itself.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The same store, telling `notice` instead of stderr about lock waits.
    pub fn with_lock_notice(mut self, notice: LockNotice) -> Store {
        self.notice = notice;
        self
    }

    /// The file that holds a `T` (`store.file::<PositionFile>()`): its
    /// type names it, so no file can be read as another's type.
    pub fn file<T: json_file::Versioned>(&self) -> JsonFile<T> {
        JsonFile::new(self.dir.join(T::FILE_NAME)).with_lock_notice(self.notice.clone())
    }
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
