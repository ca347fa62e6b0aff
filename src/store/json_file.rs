//! One JSON file of ours on disk, saved so that nothing is ever lost:
//!
//! * every save takes an exclusive lock on a separate `.lock` file, re-reads
//!   the file and applies the change to what is there now, so two tread
//!   processes never overwrite each other's changes;
//! * the new content goes to a temporary file in the same directory, is
//!   fsynced, renamed over the old one, and the directory is fsynced, so a
//!   crash at any moment leaves either the old or the new file;
//! * a file that does not parse (bad JSON, or not UTF-8) is never
//!   overwritten: it is renamed to `<name>.corrupt-<unix time>` and the
//!   `.bak` copy of the last good save is used instead, and the caller is told;
//! * a file that is not a regular file (a FIFO, a device) is refused without
//!   being opened in a way that could block;
//! * a file that is a symbolic link (dotfiles, a sync folder) is written
//!   through: the link stays and its target gets the new content;
//! * the lock is waited for a bounded time ([`LOCK_PATIENCE`]), with a notice
//!   after a moment, then the save fails naming the lock file.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::marker::PhantomData;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{LockNotice, StoreError};

/// How long a save waits for another process's lock before it gives up.
pub const LOCK_PATIENCE: Duration = Duration::from_secs(10);
/// After this long waiting, the user is told what tread waits for.
const LOCK_NOTICE_AFTER: Duration = Duration::from_secs(1);

/// A stored value: a versioned document with a default for a missing file.
pub trait Versioned: Serialize + DeserializeOwned + Default {
    const VERSION: u32;
    /// Its file in the data directory: one type, one file.
    const FILE_NAME: &'static str;
    fn version(&self) -> u32;
    /// Cleans the strings that will be printed or drawn: what is read from
    /// disk is as untrusted as any document.
    fn sanitize(&mut self) {}
}

#[derive(Debug)]
pub struct Loaded<T> {
    pub value: T,
    /// Set when the file was corrupt: what happened to it, for the user.
    pub recovery: Option<String>,
}

/// One stored file, typed by what it holds: asking a file for the wrong
/// type does not compile (it would have read a good file as corrupt and
/// moved it aside).
pub struct JsonFile<T> {
    path: PathBuf,
    notice: Option<LockNotice>,
    holds: PhantomData<fn() -> T>,
}

impl<T> Clone for JsonFile<T> {
    fn clone(&self) -> Self {
        JsonFile {
            path: self.path.clone(),
            notice: self.notice.clone(),
            holds: PhantomData,
        }
    }
}

impl<T> std::fmt::Debug for JsonFile<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JsonFile")
            .field("path", &self.path)
            .finish()
    }
}

impl<T: Versioned> JsonFile<T> {
    pub fn new(path: PathBuf) -> JsonFile<T> {
        JsonFile {
            path,
            notice: None,
            holds: PhantomData,
        }
    }

    /// Calls `notice` with the lock file's path when a save waits for it.
    pub fn with_lock_notice(mut self, notice: LockNotice) -> JsonFile<T> {
        self.notice = Some(notice);
        self
    }

    /// Where the content is read from and written to: the file itself, or
    /// the target of a symbolic link (followed whole, relative links from the
    /// link's folder), so that saving does not replace the link.
    fn content_path(&self) -> PathBuf {
        let mut path = self.path.clone();
        // A bounded number of hops: a loop of links is not followed forever.
        for _ in 0..40 {
            match fs::read_link(&path) {
                Ok(target) => {
                    path = match path.parent() {
                        Some(dir) => dir.join(target),
                        None => target,
                    }
                }
                Err(_) => break,
            }
        }
        path
    }

    fn sibling(&self, suffix: &str) -> PathBuf {
        let mut name = self.path.file_name().unwrap_or_default().to_os_string();
        name.push(suffix);
        self.path.with_file_name(name)
    }

    fn backup_path(&self) -> PathBuf {
        self.sibling(".bak")
    }

    /// Reads the file as it is now. A missing file is the default value; a
    /// corrupt one is moved aside under the lock and the backup put back.
    pub fn load(&self) -> Result<Loaded<T>, StoreError> {
        match self.read()? {
            Some(loaded) => Ok(loaded),
            None => {
                let _lock = self.lock()?;
                self.load_locked()
            }
        }
    }

    /// `load` for a caller that holds the lock.
    fn load_locked(&self) -> Result<Loaded<T>, StoreError> {
        match self.read()? {
            Some(loaded) => Ok(loaded),
            None => self.recover(),
        }
    }

    /// The file's value, or None when it does not parse.
    fn read(&self) -> Result<Option<Loaded<T>>, StoreError> {
        let path = self.content_path();
        let Some(bytes) = read_regular(&path)? else {
            return Ok(Some(Loaded {
                value: T::default(),
                recovery: None,
            }));
        };
        match parse::<T>(&bytes) {
            Ok(value) => self.check_version(value).map(Some),
            Err(_) => Ok(None),
        }
    }

    /// Takes the lock, waiting at most [`LOCK_PATIENCE`] for another
    /// process to let go of it.
    fn lock(&self) -> Result<File, StoreError> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
        let lock_path = self.sibling(".lock");
        refuse_non_regular(&lock_path)?;
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(&lock_path)
            .map_err(|e| StoreError::io(&lock_path, e))?;
        let start = Instant::now();
        let mut told = false;
        loop {
            match lock.try_lock() {
                Ok(()) => return Ok(lock),
                Err(fs::TryLockError::WouldBlock) => {}
                Err(fs::TryLockError::Error(e)) => return Err(StoreError::io(&lock_path, e)),
            }
            let waited = start.elapsed();
            if waited >= LOCK_PATIENCE {
                return Err(StoreError::Locked {
                    path: lock_path,
                    waited,
                });
            }
            if !told && waited >= LOCK_NOTICE_AFTER {
                told = true;
                if let Some(notice) = &self.notice {
                    notice(&lock_path);
                }
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    fn check_version(&self, value: T) -> Result<Loaded<T>, StoreError> {
        if value.version() > T::VERSION {
            return Err(StoreError::NewerVersion {
                path: self.path.clone(),
                version: value.version(),
            });
        }
        Ok(Loaded {
            value,
            recovery: None,
        })
    }

    /// Moves a corrupt file aside and puts the last good backup in its place.
    /// Called with the lock held.
    fn recover(&self) -> Result<Loaded<T>, StoreError> {
        let path = self.content_path();
        let reason = match read_regular(&path) {
            Ok(Some(bytes)) => parse::<T>(&bytes).err(),
            Ok(None) => None,
            Err(e) => Some(e.to_string()),
        }
        .unwrap_or_else(|| "unreadable".to_string());
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let beside = |suffix: &str| {
            let mut name = path.file_name().unwrap_or_default().to_os_string();
            name.push(suffix);
            path.with_file_name(name)
        };
        let mut quarantine = beside(&format!(".corrupt-{seconds}"));
        let mut n = 1;
        while quarantine.exists() {
            quarantine = beside(&format!(".corrupt-{seconds}-{n}"));
            n += 1;
        }
        fs::rename(&path, &quarantine).map_err(|e| StoreError::io(&path, e))?;
        let backup_bytes = read_regular(&self.backup_path()).ok().flatten();
        let backup = backup_bytes
            .as_deref()
            .and_then(|bytes| parse::<T>(bytes).ok());
        let used_backup = backup.is_some();
        if let (Some(bytes), true) = (&backup_bytes, used_backup) {
            write_atomically(&path, bytes)?;
        }
        let message = format!(
            "{} could not be read ({reason}); it was moved to {}{}",
            path.display(),
            quarantine.display(),
            if used_backup {
                " and the last good backup was put back"
            } else {
                " and no backup was found"
            }
        );
        Ok(Loaded {
            value: backup.unwrap_or_default(),
            recovery: Some(message),
        })
    }

    /// Applies `change` to the current content under the lock and saves it.
    /// Returns the saved value and any recovery message from reading.
    pub fn update<R>(
        &self,
        change: impl FnOnce(&mut T) -> R,
    ) -> Result<(Loaded<T>, R), StoreError> {
        let lock = self.lock()?;
        self.remove_stale_temporaries();
        let mut loaded = self.load_locked()?;
        let result = change(&mut loaded.value);
        let text = serde_json::to_string_pretty(&loaded.value).expect("stored values serialize");
        write_atomically(&self.content_path(), text.as_bytes())?;
        // The backup is the last good save; written the same careful way.
        write_atomically(&self.backup_path(), text.as_bytes())?;
        drop(lock);
        Ok((loaded, result))
    }
}

impl<T> JsonFile<T> {
    /// Temporary files are only written under the lock, so any found while
    /// holding it were left by a process that died mid-save.
    fn remove_stale_temporaries(&self) {
        let (Some(dir), Some(name)) = (self.path.parent(), self.path.file_name()) else {
            return;
        };
        let prefix = format!("{}.tmp-", name.to_string_lossy());
        let backup_prefix = format!("{}.bak.tmp-", name.to_string_lossy());
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let entry_name = entry.file_name();
            let entry_name = entry_name.to_string_lossy();
            if entry_name.starts_with(&prefix) || entry_name.starts_with(&backup_prefix) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

/// Parses stored JSON; bytes that are not UTF-8 are as corrupt as bad JSON.
pub fn parse<T: Versioned>(bytes: &[u8]) -> Result<T, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8: {e}"))?;
    let mut value: T = serde_json::from_str(text).map_err(|e| e.to_string())?;
    value.sanitize();
    Ok(value)
}

/// Refuses a path that exists and is not a regular file (after links).
fn refuse_non_regular(path: &Path) -> Result<(), StoreError> {
    match fs::metadata(path) {
        Ok(meta) if !meta.is_file() => Err(StoreError::NotAFile {
            path: path.to_path_buf(),
        }),
        _ => Ok(()),
    }
}

/// The bytes of a regular file; None when it does not exist. A FIFO or a
/// device is refused before it is opened, and opened without blocking in
/// case one took the file's place meanwhile.
fn read_regular(path: &Path) -> Result<Option<Vec<u8>>, StoreError> {
    refuse_non_regular(path)?;
    let mut file = match OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::io(path, e)),
    };
    let meta = file.metadata().map_err(|e| StoreError::io(path, e))?;
    if !meta.is_file() {
        return Err(StoreError::NotAFile {
            path: path.to_path_buf(),
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.read_to_end(&mut bytes)
        .map_err(|e| StoreError::io(path, e))?;
    Ok(Some(bytes))
}

/// Writes `bytes` to a temporary file beside `path`, fsyncs it, renames it
/// over `path` and fsyncs the directory.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".tmp-{}", std::process::id()));
    let temp = path.with_file_name(name);
    let result = (|| {
        let mut file = File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, path)?;
        File::open(dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result.map_err(|e| StoreError::io(path, e))
}
