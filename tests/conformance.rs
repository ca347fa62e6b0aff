//! Real exports in ../shared/formats (read from there, never copied here):
//! each loads with the comment count, maximum depth and first authors its
//! SOURCE.txt and the file itself give, and dumps cleanly.

mod common;

use common::{load_path, shared};
use tread::wrap::display_width;

struct Expected {
    file: &'static str,
    comments: usize,
    /// Levels of replies, counting top-level comments as level 1.
    levels: u32,
    first_authors: &'static [&'static str],
}

const EXPECTED: &[Expected] = &[
    Expected {
        file: "hackernews/hn_algolia_item_8828543_shazow-communal.json",
        comments: 104,
        levels: 6,
        first_authors: &["silbak04", "emmanueloga_", "otterley"],
    },
    Expected {
        file: "hackernews/hn_algolia_item_48849066_projection_circumflex.json",
        comments: 1079,
        levels: 1,
        first_authors: &["system2", "dude250711", "system2"],
    },
    Expected {
        file: "hnpwa/hnpwa_item_1_circumflex.json",
        // SOURCE.txt counts 20 items; one is a deleted comment without
        // replies, which is not shown (only deleted parents stay, as
        // placeholders for their replies).
        comments: 19,
        levels: 6,
        first_authors: &["sama", "pg", "dmon"],
    },
];

#[test]
fn shared_exports_load_with_their_documented_shape() {
    for expected in EXPECTED {
        let path = shared(&format!("formats/{}", expected.file));
        let document = load_path(&path, None);
        assert_eq!(
            document.comments.len(),
            expected.comments,
            "{}",
            expected.file
        );
        assert_eq!(
            document.comments.max_depth() + 1,
            expected.levels,
            "{}",
            expected.file
        );
        let authors: Vec<&str> = document
            .comments
            .iter()
            .take(3)
            .map(|(_, c)| c.author.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(authors, expected.first_authors, "{}", expected.file);
        let dump = tread::dump::render(&document, 80);
        assert!(
            dump.lines().all(|l| display_width(l) <= 80),
            "{}",
            expected.file
        );
        assert!(
            !dump.chars().any(|c| c.is_control() && c != '\n'),
            "{}",
            expected.file
        );
    }
}
