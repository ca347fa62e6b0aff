//! Tests of `bookmarks`.

use super::*;
use crate::formats;

const ORIGINAL: &str = "Title\n\nFirst paragraph.\n\nSecond paragraph, the one we keep.\n\n• ann\n  A comment worth keeping.\n  • bob\n    A reply.\n";

fn doc(text: &str) -> Document {
    formats::load(text.as_bytes(), None).unwrap().document
}

/// A bookmark with a note and an id of its own.
fn bookmark(document: &Document, target: Target) -> Bookmark {
    use std::sync::atomic::{AtomicU64, Ordering};
    static SEED: AtomicU64 = AtomicU64::new(0);
    let stamp = IdSource::new(SEED.fetch_add(1, Ordering::Relaxed)).stamp(0);
    make(document, None, target, None, Some("note".into()), stamp).unwrap()
}

#[test]
fn a_moved_block_is_found_by_its_excerpt() {
    let original = doc(ORIGINAL);
    let mark = bookmark(&original, Target::Article { block: 1 });
    assert_eq!(mark.excerpt, "Second paragraph, the one we keep.");
    let moved = doc(&ORIGINAL.replace("First paragraph.\n\n", "New lead.\n\nFirst paragraph.\n\n"));
    assert_eq!(resolve(&mark, &moved), Resolved::Article { block: 2 });
}

#[test]
fn an_edited_block_at_the_same_place_is_still_found() {
    let original = doc(ORIGINAL);
    let mark = bookmark(&original, Target::Article { block: 1 });
    let edited = doc(&ORIGINAL.replace("the one we keep.", "the one we keep, now longer."));
    assert_eq!(resolve(&mark, &edited), Resolved::Article { block: 1 });
}

#[test]
fn a_comment_is_found_by_id_then_by_excerpt() {
    let original = doc(ORIGINAL);
    let mark = bookmark(
        &original,
        Target::Comment {
            id: "1".into(),
            block: 0,
        },
    );
    assert_eq!(mark.excerpt, "A comment worth keeping.");
    // A new first comment shifts the text format's ids: found by excerpt.
    let shifted = doc(&ORIGINAL.replace("• ann", "• zed\n  New first comment.\n• ann"));
    let Resolved::Comment { id, .. } = resolve(&mark, &shifted) else {
        panic!("not found");
    };
    assert_eq!(shifted.comments.get(id).author.as_deref(), Some("ann"));
}

#[test]
fn a_removed_passage_is_not_found_but_kept() {
    let original = doc(ORIGINAL);
    let mark = bookmark(&original, Target::Article { block: 1 });
    let removed = doc("Title\n\nFirst paragraph.\n");
    assert_eq!(resolve(&mark, &removed), Resolved::NotFound);
    let mut file = BookmarkFile::default();
    file.add(mark.clone());
    assert_eq!(file.for_document(&removed.stable_key()).count(), 0);
    assert_eq!(file.for_document(&original.stable_key()).count(), 1);
}

#[test]
fn ranges_select_characters_not_bytes() {
    let document = doc("T\n\n日本語のテキスト\n");
    let mark = make(
        &document,
        None,
        Target::Article { block: 0 },
        Some((2, 4)),
        None,
        IdSource::default().stamp(0),
    )
    .unwrap();
    assert_eq!(mark.excerpt, "語の");
}

#[test]
fn the_document_key_follows_content_not_path() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("moved/b.txt"));
    std::fs::create_dir_all(b.parent().unwrap()).unwrap();
    std::fs::write(&a, ORIGINAL).unwrap();
    std::fs::write(&b, ORIGINAL.replace('\n', "\r\n")).unwrap();
    let key = |path: &std::path::Path| {
        formats::load(&std::fs::read(path).unwrap(), None)
            .unwrap()
            .document
            .stable_key()
    };
    assert_eq!(key(&a), key(&b));
    let other = doc("Title\n\nA different article.\n");
    assert_ne!(other.stable_key(), key(&a));
    let mut with_source = doc(ORIGINAL);
    with_source.source = Some("https://news.example/item?id=1".into());
    assert_eq!(with_source.stable_key(), "https://news.example/item?id=1");
}

#[test]
fn an_edited_comment_is_found_by_its_id() {
    let original = doc(ORIGINAL);
    let mark = bookmark(
        &original,
        Target::Comment {
            id: "2".into(),
            block: 0,
        },
    );
    let edited = doc(&ORIGINAL.replace("A reply.", "A reply, edited later."));
    let Resolved::Comment { id, .. } = resolve(&mark, &edited) else {
        panic!("not found");
    };
    assert_eq!(edited.comments.get(id).author.as_deref(), Some("bob"));
}

#[test]
fn merging_keeps_other_writers_bookmarks_and_applies_deletions() {
    let document = doc(ORIGINAL);
    let mut file = BookmarkFile::default();
    let first = bookmark(&document, Target::Article { block: 0 });
    let second = bookmark(&document, Target::Article { block: 1 });
    file.add(first.clone());
    file.add(second.clone());
    file.add(first.clone());
    assert_eq!(
        file.bookmarks.len(),
        2,
        "adding the same id twice keeps one"
    );
    assert!(file.set_note(&second.id, Some("edited".into())));
    assert_eq!(file.remove(&first.id).map(|b| b.id), Some(first.id.clone()));
    assert_eq!(file.remove(&first.id), None);
    assert_eq!(
        file.bookmarks,
        [Bookmark {
            note: Some("edited".into()),
            ..second
        }]
    );
}

#[test]
fn a_passage_over_paragraphs_keeps_its_text_and_is_found_by_its_start() {
    let original = doc(ORIGINAL);
    let mark = make_passage(
        &original,
        None,
        Target::Article { block: 0 },
        (0, 6),
        (1, 6),
        IdSource::default().stamp(0),
    )
    .unwrap();
    assert_eq!(mark.excerpt, "paragraph.\n\nSecond");
    assert_eq!(mark.last_block, Some(1));
    let moved = doc(&ORIGINAL.replace("First paragraph.", "Lead.\n\nFirst paragraph."));
    assert_eq!(resolve(&mark, &moved), Resolved::Article { block: 1 });
}

#[test]
fn ids_are_distinct() {
    let mut source = IdSource::new(id_seed());
    let ids: std::collections::HashSet<String> = (0..1000).map(|_| source.next_id()).collect();
    assert_eq!(ids.len(), 1000);
    // Another process (another seed) makes other ids.
    let mut other = IdSource::new(id_seed() ^ (1 << 40));
    assert!((0..1000).all(|_| !ids.contains(&other.next_id())));
}
