//! Reading positions: where the reader was in each document (focus, article
//! scroll and passage cursor, selected comment, folded comments), kept for
//! the most recent documents.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::json_file::Versioned;

/// Positions of this many documents are kept; older ones are forgotten.
pub const KEPT: usize = 500;

/// The pane that had the focus: "article" or "comments" in the file; any
/// other word (from a newer tread) reads as the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Focus {
    Comments,
    #[serde(other)]
    Article,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub focus: Focus,
    pub article_block: usize,
    pub article_cursor: usize,
    /// The selected comment's source id.
    #[serde(default)]
    pub selected: Option<String>,
    /// Source ids of folded comments.
    #[serde(default)]
    pub folded: Vec<String>,
    /// The order of replies chosen in the reader (`S`), when not the source's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<String>,
    /// Unix seconds of the last save, for keeping the most recent.
    pub updated: i64,
    /// Fields this version does not know (written by a newer tread), kept
    /// as they are so that saving does not drop them.
    #[serde(flatten)]
    pub unknown: super::Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositionFile {
    pub version: u32,
    pub positions: BTreeMap<String, Position>,
    /// Fields this version does not know (written by a newer tread), kept
    /// as they are so that saving does not drop them.
    #[serde(flatten)]
    pub unknown: super::Unknown,
}

impl Default for PositionFile {
    fn default() -> Self {
        PositionFile {
            version: Self::VERSION,
            positions: BTreeMap::new(),
            unknown: Default::default(),
        }
    }
}

impl Versioned for PositionFile {
    const VERSION: u32 = 1;
    const FILE_NAME: &'static str = "positions.json";
    fn version(&self) -> u32 {
        self.version
    }
}

impl PositionFile {
    /// Records `position` for `key` and forgets the oldest beyond [`KEPT`].
    pub fn record(&mut self, key: String, mut position: Position) {
        // What a newer tread kept with this document's position stays.
        if let Some(previous) = self.positions.remove(&key) {
            position.unknown = previous.unknown;
        }
        self.positions.insert(key, position);
        super::forget_oldest(&mut self.positions, KEPT, |p| p.updated);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(updated: i64) -> Position {
        Position {
            focus: Focus::Article,
            article_block: 0,
            article_cursor: 0,
            selected: None,
            folded: Vec::new(),
            sort: None,
            updated,
            unknown: Default::default(),
        }
    }

    #[test]
    fn only_the_most_recent_are_kept() {
        let mut file = PositionFile::default();
        for i in 0..(KEPT as i64 + 20) {
            file.record(format!("doc{i}"), at(i));
        }
        assert_eq!(file.positions.len(), KEPT);
        assert!(!file.positions.contains_key("doc0"));
        assert!(file.positions.contains_key(&format!("doc{}", KEPT + 19)));
    }
}
