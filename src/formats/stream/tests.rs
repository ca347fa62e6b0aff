//! Tests of `stream`: a preview and the rest make the document loaded whole.

use std::sync::mpsc;

use super::*;
use crate::document::Comments;
use crate::formats::load;
use crate::synthetic;

/// The last bytes of `bytes`, as the preview reads them from a file.
fn tail_of(bytes: &[u8]) -> &[u8] {
    &bytes[bytes.len().saturating_sub(TAIL_BYTES)..]
}

/// The preview of the first third of `bytes`, then the rest appended to it
/// as the reader does: batch by batch, or whole where the format says; and
/// whether the comments came whole.
fn in_parts(bytes: &[u8]) -> (Preview, Comments, bool) {
    let preview = preview(&bytes[..bytes.len() / 3], Some(tail_of(bytes)), None)
        .unwrap()
        .expect("a preview");
    let shown = preview.document.comments.len();
    assert!(shown > 0, "the preview holds comments");
    let (batches, arrived) = mpsc::channel();
    let rest = load_rest(bytes.to_vec(), preview.format, shown, move |batch, at| {
        batches.send((batch, at)).unwrap();
    })
    .unwrap();
    let mut comments = preview.document.comments.clone();
    let mut last_at = 0;
    for (batch, at) in arrived.try_iter() {
        assert!(at >= last_at, "progress only goes forward");
        last_at = at;
        comments.append(batch).unwrap();
    }
    if rest.whole {
        // The reader keeps its ids when the preview's tree is the start of
        // the whole one, and finds its place again by key when not.
        comments = rest.document.comments;
    }
    comments.finish();
    (preview, comments, rest.whole)
}

#[test]
fn native_json_streams_in_batches_that_continue_the_preview() {
    let whole = synthetic::discussion(5_000);
    let bytes = native::write(&whole);
    let (preview, comments, all_at_once) = in_parts(bytes.as_bytes());
    assert!(
        !all_at_once,
        "native JSON in preorder is handed out in batches"
    );
    assert_eq!(preview.document.title, whole.title);
    assert_eq!(preview.document.article, whole.article);
    assert_eq!(
        comments,
        load(bytes.as_bytes(), None).unwrap().document.comments
    );
}

#[test]
fn hn_and_reddit_previews_are_the_start_of_the_whole_thread() {
    let whole = synthetic::discussion(3_000);
    for bytes in [
        synthetic::hn_algolia_json_of(&whole),
        synthetic::reddit_json(&whole),
    ] {
        let loaded = load(bytes.as_bytes(), None).unwrap().document;
        let (preview, comments, all_at_once) = in_parts(bytes.as_bytes());
        assert!(all_at_once);
        // The key bookmarks are filed under is known from the start, for
        // HN from the story's fields at the end of the file.
        assert_eq!(preview.document.title, loaded.title);
        assert_eq!(preview.document.stable_key(), loaded.stable_key());
        assert!(preview.document.comments.len() < loaded.comments.len());
        assert!(
            preview
                .document
                .comments
                .is_shape_prefix_of(&loaded.comments)
        );
        assert_eq!(comments, loaded.comments);
    }
}

#[test]
fn a_flat_list_out_of_preorder_comes_whole() {
    let mut json = String::from(r#"{"tread": 1, "title": "T", "article": [], "comments": ["#);
    for n in 0..400 {
        json.push_str(&format!(
            r#"{{"id": "r{n}", "body": [{{"kind": "paragraph", "text": "root {n}"}}]}},"#
        ));
    }
    // A reply to the first comment, after all the others.
    json.push_str(r#"{"id": "late", "parent": "r0"}]}"#);
    let (preview, comments, all_at_once) = in_parts(json.as_bytes());
    assert!(all_at_once);
    assert_eq!(comments.get(crate::document::CommentId(1)).key, "late");
    assert!(!preview.document.comments.is_shape_prefix_of(&comments));
}

#[test]
fn the_plain_text_format_is_previewed_up_to_a_blank_line() {
    let whole = synthetic::discussion(2_000);
    let text = crate::formats::text::write(&whole);
    let (preview, comments, _) = in_parts(text.as_bytes());
    assert_eq!(preview.document.title, whole.title);
    assert_eq!(
        comments,
        load(text.as_bytes(), None).unwrap().document.comments
    );
}

#[test]
fn an_error_past_the_preview_is_the_rest_s_error() {
    // A download cut short: the file ends four fifths in.
    let mut bytes = native::write(&synthetic::discussion(2_000)).into_bytes();
    bytes.truncate(bytes.len() * 4 / 5);
    let shown = preview(&bytes[..bytes.len() / 3], None, None)
        .unwrap()
        .unwrap();
    let rest = load_rest(
        bytes.clone(),
        shown.format,
        shown.document.comments.len(),
        |_, _| {},
    );
    assert!(matches!(rest, Err(LoadError::InvalidJson(_))), "{rest:?}");
}

#[test]
fn formats_read_whole_give_no_preview() {
    let mbox = synthetic::mbox(&synthetic::discussion(50));
    assert!(preview(mbox.as_bytes(), None, None).unwrap().is_none());
    // Cut inside a string of a format whose comments are not in a list
    // the preview knows (Discourse's `posts`).
    let discourse = synthetic::discourse_json(&synthetic::discussion(500));
    let cut = &discourse.as_bytes()[..discourse.len() / 3];
    assert!(preview(cut, None, None).unwrap().is_none());
    assert!(matches!(
        preview(b"\0\0binary", None, None),
        Err(LoadError::Binary)
    ));
}

#[test]
fn the_story_fields_after_the_comments_are_found_from_the_end() {
    let tail = r#"xt":"a ],"trap": in a string","children":[]}]}],"id":7,"title":"T ]"}"#;
    assert_eq!(
        story_fields_after_comments(tail),
        Some(r#""id":7,"title":"T ]"}"#)
    );
    assert_eq!(story_fields_after_comments(r#"{"children":[]}]}"#), None);
}

#[test]
fn an_id_used_twice_past_the_preview_is_refused_as_a_whole_reading_does() {
    let mut json = String::from(r#"{"tread": 1, "title": "T", "article": [], "comments": ["#);
    for n in 0..400 {
        json.push_str(&format!(
            r#"{{"id": "c{n}", "body": [{{"kind": "paragraph", "text": "comment {n}"}}]}},"#
        ));
    }
    json.push_str(r#"{"id": "c3"}]}"#);
    let bytes = json.as_bytes();
    let shown = preview(&bytes[..bytes.len() / 3], None, None)
        .unwrap()
        .unwrap();
    let rest = load_rest(
        bytes.to_vec(),
        shown.format,
        shown.document.comments.len(),
        |_, _| {},
    );
    match rest {
        Err(LoadError::Native(why)) => assert!(why.contains("used by an earlier comment"), "{why}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_format_read_whole_still_tells_how_far_it_has_read() {
    let bytes = synthetic::reddit_json(&synthetic::discussion(6_000)).into_bytes();
    let total = bytes.len();
    let (told, heard) = mpsc::channel();
    load_rest(bytes, Format::Reddit, 0, move |comments, at| {
        told.send((comments.len(), at)).unwrap();
    })
    .unwrap();
    let heard: Vec<(usize, usize)> = heard.try_iter().collect();
    assert!(heard.len() >= 2, "{heard:?}");
    assert!(
        heard
            .iter()
            .all(|&(comments, at)| comments == 0 && at < total)
    );
    assert!(heard.windows(2).all(|w| w[0].1 < w[1].1));
}
