//! One JSON file of ours on disk, saved so that nothing is ever lost:
//!
//! * every save takes an exclusive lock on a separate `.lock` file, re-reads
//!   the file and applies the change to what is there now, so two tread
//!   processes never overwrite each other's changes;
//! * the new content goes to a temporary file in the same directory, is
//!   fsynced, renamed over the old one, and the directory is fsynced, so a
//!   crash at any moment leaves either the old or the new file;
//! * a file that does not parse is never overwritten: it is renamed to
//!   `<name>.corrupt-<unix time>` and the `.bak` copy of the last good save
//!   is used instead, and the caller is told.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::StoreError;

/// A stored value: a versioned document with a default for a missing file.
pub trait Versioned: Serialize + DeserializeOwned + Default {
    const VERSION: u32;
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

#[derive(Debug, Clone)]
pub struct JsonFile {
    path: PathBuf,
}

impl JsonFile {
    pub fn new(path: PathBuf) -> JsonFile {
        JsonFile { path }
    }

    pub fn path(&self) -> &Path {
        &self.path
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
    pub fn load<T: Versioned>(&self) -> Result<Loaded<T>, StoreError> {
        match self.read::<T>()? {
            Some(loaded) => Ok(loaded),
            None => {
                let _lock = self.lock()?;
                self.load_locked()
            }
        }
    }

    /// `load` for a caller that holds the lock.
    fn load_locked<T: Versioned>(&self) -> Result<Loaded<T>, StoreError> {
        match self.read::<T>()? {
            Some(loaded) => Ok(loaded),
            None => self.recover(),
        }
    }

    /// The file's value, or None when it does not parse.
    fn read<T: Versioned>(&self) -> Result<Option<Loaded<T>>, StoreError> {
        let text = match fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Some(Loaded {
                    value: T::default(),
                    recovery: None,
                }));
            }
            Err(e) => return Err(StoreError::io(&self.path, e)),
        };
        match parse::<T>(&text) {
            Ok(value) => self.check_version(value).map(Some),
            Err(_) => Ok(None),
        }
    }

    fn lock(&self) -> Result<File, StoreError> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
        let lock_path = self.sibling(".lock");
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| StoreError::io(&lock_path, e))?;
        lock.lock().map_err(|e| StoreError::io(&lock_path, e))?;
        Ok(lock)
    }

    fn check_version<T: Versioned>(&self, value: T) -> Result<Loaded<T>, StoreError> {
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
    fn recover<T: Versioned>(&self) -> Result<Loaded<T>, StoreError> {
        let reason = fs::read_to_string(&self.path)
            .map_err(|e| e.to_string())
            .and_then(|text| parse::<T>(&text).map(|_| String::new()))
            .err()
            .unwrap_or_else(|| "unreadable".to_string());
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let mut quarantine = self.sibling(&format!(".corrupt-{seconds}"));
        let mut n = 1;
        while quarantine.exists() {
            quarantine = self.sibling(&format!(".corrupt-{seconds}-{n}"));
            n += 1;
        }
        fs::rename(&self.path, &quarantine).map_err(|e| StoreError::io(&self.path, e))?;
        let backup_text = fs::read_to_string(self.backup_path()).ok();
        let backup = backup_text
            .as_deref()
            .and_then(|text| parse::<T>(text).ok());
        let used_backup = backup.is_some();
        if let (Some(text), true) = (&backup_text, used_backup) {
            write_atomically(&self.path, text.as_bytes())?;
        }
        let message = format!(
            "{} could not be read ({reason}); it was moved to {}{}",
            self.path.display(),
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
    pub fn update<T: Versioned, R>(
        &self,
        change: impl FnOnce(&mut T) -> R,
    ) -> Result<(Loaded<T>, R), StoreError> {
        let lock = self.lock()?;
        self.remove_stale_temporaries();
        let mut loaded = self.load_locked::<T>()?;
        let result = change(&mut loaded.value);
        let text = serde_json::to_string_pretty(&loaded.value).expect("stored values serialize");
        write_atomically(&self.path, text.as_bytes())?;
        // The backup is the last good save; written the same careful way.
        write_atomically(&self.backup_path(), text.as_bytes())?;
        drop(lock);
        Ok((loaded, result))
    }
}

impl JsonFile {
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

fn parse<T: Versioned>(text: &str) -> Result<T, String> {
    let mut value: T = serde_json::from_str(text).map_err(|e| e.to_string())?;
    value.sanitize();
    Ok(value)
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
