//! The library: every document opened in the reader, file or address, with
//! what the list shows of it; and the fetched copies of threads opened by
//! their address (gzip-compressed, one file each under `cache/`), so that
//! they open offline.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::json_file::{Versioned, write_atomically};
use super::{Store, StoreError};

/// The library keeps this many documents, the longest unread forgotten
/// first (their kept copies too).
pub const KEPT_DOCUMENTS: usize = 1_000;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LibraryEntry {
    /// The address, or the file's absolute path: what opens it again.
    pub source: String,
    pub title: String,
    /// Where it is from: a site's host, or "file".
    pub site: String,
    pub comments: usize,
    /// The key its bookmarks and reading position are filed under.
    pub doc_key: String,
    /// Unix seconds it was last opened.
    pub read_at: i64,
    /// Unix seconds its kept copy was fetched (addresses only).
    pub fetched_at: Option<i64>,
    /// Fields this version does not know, kept as they are.
    #[serde(flatten)]
    pub unknown: super::Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LibraryFile {
    pub version: u32,
    /// By library key: an address's (the same however it was written) or
    /// a file's absolute path.
    pub documents: BTreeMap<String, LibraryEntry>,
    #[serde(flatten)]
    pub unknown: super::Unknown,
}

impl Default for LibraryFile {
    fn default() -> Self {
        LibraryFile {
            version: Self::VERSION,
            documents: BTreeMap::new(),
            unknown: Default::default(),
        }
    }
}

impl Versioned for LibraryFile {
    const VERSION: u32 = 1;
    const FILE_NAME: &'static str = "library.json";
    fn version(&self) -> u32 {
        self.version
    }
    /// What is read back is drawn and printed: cleaned like document text.
    fn sanitize(&mut self) {
        use crate::document::sanitize::clean_owned;
        for entry in self.documents.values_mut() {
            for field in [&mut entry.title, &mut entry.source, &mut entry.site] {
                *field = clean_owned(std::mem::take(field));
            }
        }
    }
}

impl LibraryFile {
    /// Files `entry` under `key`, keeping what it does not say (when it
    /// was fetched) from the entry it replaces; forgets the longest
    /// unread beyond [`KEPT_DOCUMENTS`], whose keys are returned so their
    /// kept copies go too.
    pub fn record(&mut self, key: String, mut entry: LibraryEntry) -> Vec<String> {
        if let Some(old) = self.documents.get(&key) {
            entry.fetched_at = entry.fetched_at.or(old.fetched_at);
            entry.unknown = old.unknown.clone();
        }
        self.documents.insert(key, entry);
        let before: Vec<String> = self.documents.keys().cloned().collect();
        super::forget_oldest(&mut self.documents, KEPT_DOCUMENTS, |e| e.read_at);
        before
            .into_iter()
            .filter(|key| !self.documents.contains_key(key))
            .collect()
    }

    /// Takes document `key` out, for an undo to put back.
    pub fn forget(&mut self, key: &str) -> Option<LibraryEntry> {
        self.documents.remove(key)
    }

    /// The documents, the most recently read first.
    pub fn newest_first(&self) -> Vec<(&str, &LibraryEntry)> {
        let mut entries: Vec<(&str, &LibraryEntry)> = self
            .documents
            .iter()
            .map(|(key, entry)| (key.as_str(), entry))
            .collect();
        entries.sort_by(|a, b| b.1.read_at.cmp(&a.1.read_at).then(a.0.cmp(b.0)));
        entries
    }
}

impl Store {
    fn kept_copy_path(&self, key: &str) -> PathBuf {
        let mut hash = crate::fnv::Fnv1a::new();
        hash.feed(key.as_bytes());
        self.dir
            .join("cache")
            .join(format!("{:016x}.json.gz", hash.finish()))
    }

    /// Keeps the fetched bytes of the thread at library key `key`.
    pub fn keep_copy(&self, key: &str, bytes: &[u8]) -> Result<(), StoreError> {
        let path = self.kept_copy_path(key);
        let folder = path.parent().expect("the cache is a folder");
        std::fs::create_dir_all(folder).map_err(|e| StoreError::io(folder, e))?;
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gzip.write_all(bytes)
            .map_err(|e| StoreError::io(&path, e))?;
        let compressed = gzip.finish().map_err(|e| StoreError::io(&path, e))?;
        write_atomically(&path, &compressed)
    }

    /// The kept bytes of the thread at `key` (at most `limit` of them once
    /// inflated) and when they were kept, in Unix seconds; None without a
    /// kept copy.
    pub fn kept_copy(&self, key: &str, limit: u64) -> Option<(Vec<u8>, i64)> {
        let file = std::fs::File::open(self.kept_copy_path(key)).ok()?;
        let kept = file
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_secs() as i64);
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(file)
            .take(limit)
            .read_to_end(&mut bytes)
            .ok()?;
        Some((bytes, kept))
    }

    /// Forgets the kept copy of `key`; one that is not there is forgotten.
    pub fn forget_copy(&self, key: &str) {
        let _ = std::fs::remove_file(self.kept_copy_path(key));
        // A link post's article goes with its thread.
        let _ = std::fs::remove_file(self.kept_copy_path(&article_key(key)));
    }
}

/// What the cache keeps the article of the thread at `thread` under.
pub fn article_key(thread: &str) -> String {
    format!("{thread}#article")
}

impl Store {}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(title: &str, read_at: i64) -> LibraryEntry {
        LibraryEntry {
            source: format!("/{title}"),
            title: title.to_string(),
            read_at,
            ..LibraryEntry::default()
        }
    }

    #[test]
    fn the_newest_read_first_and_a_fetch_time_kept() {
        let mut library = LibraryFile::default();
        library.record("a".into(), entry("a", 10));
        library.record(
            "b".into(),
            LibraryEntry {
                fetched_at: Some(15),
                ..entry("b", 20)
            },
        );
        library.record("b".into(), entry("b", 30));
        let order: Vec<&str> = library.newest_first().iter().map(|(k, _)| *k).collect();
        assert_eq!(order, ["b", "a"]);
        assert_eq!(library.documents["b"].fetched_at, Some(15));
    }

    #[test]
    fn kept_copies_round_trip_compressed() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path().to_path_buf());
        assert_eq!(store.kept_copy("hn:1", 1 << 20), None);
        let bytes = br#"{"title": "x"}"#.repeat(100);
        store.keep_copy("hn:1", &bytes).unwrap();
        let (kept, at) = store.kept_copy("hn:1", 1 << 20).unwrap();
        assert_eq!(kept, bytes);
        assert!(at > 0);
        let on_disk = std::fs::read_dir(dir.path().join("cache")).unwrap().count();
        assert_eq!(on_disk, 1);
        store.forget_copy("hn:1");
        assert_eq!(store.kept_copy("hn:1", 1 << 20), None);
    }

    #[test]
    fn a_threads_article_is_forgotten_with_it() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path().to_path_buf());
        store.keep_copy("hn:1", b"thread").unwrap();
        store.keep_copy(&article_key("hn:1"), b"article").unwrap();
        store.keep_copy(&article_key("hn:2"), b"another").unwrap();
        store.forget_copy("hn:1");
        assert_eq!(store.kept_copy(&article_key("hn:1"), 100), None);
        assert!(store.kept_copy(&article_key("hn:2"), 100).is_some());
    }
}
