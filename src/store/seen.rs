//! Which comments of each document the reader has seen, by source id, so that
//! a re-downloaded thread can mark the comments that are new since the last
//! visit. Kept for the most recent documents, like positions.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::json_file::Versioned;
use super::positions::KEPT;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeenComments {
    pub ids: BTreeSet<String>,
    /// Unix seconds of the last save, for keeping the most recent.
    pub updated: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeenFile {
    pub version: u32,
    pub documents: BTreeMap<String, SeenComments>,
}

impl Default for SeenFile {
    fn default() -> Self {
        SeenFile {
            version: Self::VERSION,
            documents: BTreeMap::new(),
        }
    }
}

impl Versioned for SeenFile {
    const VERSION: u32 = 1;
    fn version(&self) -> u32 {
        self.version
    }
}

impl SeenFile {
    /// Adds `ids` to what was seen of document `key` (another window may
    /// have seen others meanwhile: seen is never taken back), and forgets
    /// the oldest documents beyond [`KEPT`].
    pub fn record(&mut self, key: String, ids: Vec<String>, now: i64) {
        let entry = self.documents.entry(key).or_default();
        entry.ids.extend(ids);
        entry.updated = now;
        super::forget_oldest(&mut self.documents, KEPT, |seen| seen.updated);
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
}
