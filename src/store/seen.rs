//! Which comments of each document the reader has seen, by source id, so that
//! a re-downloaded thread can mark the comments that are new since the last
//! visit. Kept for the most recent documents, like positions.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::json_file::Versioned;
use super::positions::KEPT;

/// The file holds at most about this many ids (some 12 MB), the oldest
/// documents forgotten first, so that reading a few huge threads does not
/// make every save slow.
pub const MAX_IDS: usize = 1_000_000;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeenComments {
    pub ids: BTreeSet<String>,
    /// Unix seconds of the last save, for keeping the most recent.
    pub updated: i64,
    /// Fields this version does not know (written by a newer tread), kept
    /// as they are so that saving does not drop them.
    #[serde(flatten)]
    pub unknown: super::Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeenFile {
    pub version: u32,
    pub documents: BTreeMap<String, SeenComments>,
    /// Fields this version does not know (written by a newer tread), kept
    /// as they are so that saving does not drop them.
    #[serde(flatten)]
    pub unknown: super::Unknown,
}

impl Default for SeenFile {
    fn default() -> Self {
        SeenFile {
            version: Self::VERSION,
            documents: BTreeMap::new(),
            unknown: Default::default(),
        }
    }
}

impl Versioned for SeenFile {
    const VERSION: u32 = 1;
    const FILE_NAME: &'static str = "seen.json";
    fn version(&self) -> u32 {
        self.version
    }
}

impl SeenFile {
    /// Adds `ids` to what was seen of document `key` (another window may
    /// have seen others meanwhile: seen is never taken back), and forgets
    /// the oldest documents beyond [`KEPT`].
    pub fn record(&mut self, key: String, ids: Vec<String>, now: i64) {
        self.record_capped(key, ids, now, MAX_IDS);
    }

    fn record_capped(&mut self, key: String, ids: Vec<String>, now: i64, max_ids: usize) {
        let entry = self.documents.entry(key.clone()).or_default();
        entry.ids.extend(ids);
        entry.updated = now;
        super::forget_oldest(&mut self.documents, KEPT, |seen| seen.updated);
        self.keep_ids_under(max_ids, &key);
    }

    /// Forgets the oldest documents, never `current`, until at most
    /// `max_ids` ids are left (or only `current`).
    fn keep_ids_under(&mut self, max_ids: usize, current: &str) {
        let mut total: usize = self.documents.values().map(|seen| seen.ids.len()).sum();
        while total > max_ids {
            let Some(oldest) = self
                .documents
                .iter()
                .filter(|(key, _)| key.as_str() != current)
                .min_by_key(|(_, seen)| seen.updated)
                .map(|(key, _)| key.clone())
            else {
                break;
            };
            total -= self
                .documents
                .remove(&oldest)
                .map_or(0, |seen| seen.ids.len());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seen_ids_accumulate_and_old_documents_are_forgotten() {
        let mut file = SeenFile::default();
        file.record("doc".into(), vec!["1".into(), "2".into()], 10);
        file.record("doc".into(), vec!["3".into()], 11);
        assert_eq!(file.documents["doc"].ids.len(), 3);
        for i in 0..KEPT as i64 {
            file.record(format!("other{i}"), vec![], 20 + i);
        }
        assert_eq!(file.documents.len(), KEPT);
        assert!(!file.documents.contains_key("doc"));
    }

    #[test]
    fn a_few_huge_threads_push_out_the_oldest_but_never_the_current_one() {
        let mut file = SeenFile::default();
        let ids = |prefix: &str| (0..10).map(|i| format!("{prefix}{i}")).collect::<Vec<_>>();
        let record = |file: &mut SeenFile, key: &str, updated| {
            file.record_capped(key.to_string(), ids(key), updated, 25);
        };
        record(&mut file, "old", 1);
        record(&mut file, "middle", 2);
        // Saved in the same second as "middle": still "middle" goes, not it.
        record(&mut file, "new", 2);
        assert!(!file.documents.contains_key("old"));
        assert!(file.documents.contains_key("middle"));
        assert!(file.documents.contains_key("new"));
        record(&mut file, "zzz", 1);
        assert!(
            file.documents.contains_key("zzz"),
            "the one just saved stays"
        );
        assert_eq!(file.documents.len(), 2);
        // One document bigger than the cap is still kept whole.
        file.documents
            .get_mut("zzz")
            .unwrap()
            .ids
            .extend(ids("more"));
        file.documents
            .get_mut("zzz")
            .unwrap()
            .ids
            .extend(ids("most"));
        file.keep_ids_under(25, "zzz");
        assert_eq!(file.documents.len(), 1);
    }
}
