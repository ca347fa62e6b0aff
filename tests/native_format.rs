//! tread's native JSON: reading flat and nested comments, errors that name the
//! field, and a byte-identical convert → read → convert round trip.

mod common;

use common::{deep_chain_json, fixture, kinds, load_fixture, load_path, tree};
use tread::document::BlockKind;
use tread::formats::{self, LoadError, native};

fn load_error(name: &str) -> String {
    let bytes = std::fs::read(fixture(name)).unwrap();
    match formats::load(&bytes, None) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("{name} loaded but should not"),
    }
}

#[test]
fn nested_replies_and_late_flat_replies_form_one_tree() {
    let document = load_fixture("native-nested.json");
    assert_eq!(document.title, "Nested replies");
    assert_eq!(
        document.source.as_deref(),
        Some("https://example.org/thread/7")
    );
    let keys: Vec<(u32, &str)> = document
        .comments
        .iter()
        .map(|(_, c)| (c.depth, c.key.as_str()))
        .collect();
    assert_eq!(keys, [(0, "a"), (1, "b"), (2, "c"), (1, "e"), (0, "d")]);
    let (_, ann) = document.comments.iter().next().unwrap();
    assert_eq!(ann.score, Some(12));
    assert_eq!(ann.posted.as_deref(), Some("2026-11-02T10:00:00Z"));
    let c = document
        .comments
        .get(document.comments.find_by_key("c").unwrap());
    assert!(c.deleted);
    assert_eq!(c.author, None);
}

#[test]
fn block_kinds_are_read_and_unknown_kinds_become_paragraphs() {
    let document = load_fixture("native-nested.json");
    assert_eq!(
        kinds(&document.article),
        [
            BlockKind::Heading,
            BlockKind::Paragraph,
            BlockKind::Paragraph
        ]
    );
    let d = document
        .comments
        .get(document.comments.find_by_key("d").unwrap());
    assert_eq!(d.body[0].kind, BlockKind::Code);
    assert_eq!(d.body[0].text, "fn main() {\n    println!(\"hi\");\n}");
}

#[test]
fn strings_are_sanitized_on_the_way_in() {
    let document = load_fixture("native-nested.json");
    assert_eq!(document.article[1].text, "Text with colour codes.");
}

#[test]
fn convert_read_convert_is_byte_identical() {
    for path in [
        fixture("native-nested.json"),
        fixture("nested-dedent.txt"),
        fixture("editorial.txt"),
    ] {
        let first = native::write(&load_path(&path, None));
        let reread = formats::load(first.as_bytes(), None).unwrap().document;
        let second = native::write(&reread);
        assert_eq!(first, second, "{}", path.display());
    }
}

#[test]
fn flat_output_lists_comments_in_preorder_with_parents() {
    let json = native::write(&load_fixture("native-nested.json"));
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let pairs: Vec<(String, Option<String>)> = value["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_string(),
                c["parent"].as_str().map(str::to_string),
            )
        })
        .collect();
    let expected = [
        ("a", None),
        ("b", Some("a")),
        ("c", Some("b")),
        ("e", Some("a")),
        ("d", None),
    ];
    let expected: Vec<(String, Option<String>)> = expected
        .iter()
        .map(|(id, p)| (id.to_string(), p.map(str::to_string)))
        .collect();
    assert_eq!(pairs, expected);
    assert_eq!(value["tread"], 1);
}

#[test]
fn a_wrong_typed_field_is_named() {
    let message = load_error("native-wrong-type.json");
    assert!(message.contains("comments[1].author"), "{message}");
    assert!(message.contains("invalid type"), "{message}");
}

#[test]
fn a_missing_required_field_is_named() {
    let message = load_error("native-missing-id.json");
    assert!(message.contains("comments[0]"), "{message}");
    assert!(message.contains("missing field `id`"), "{message}");
}

#[test]
fn a_parent_that_is_not_an_earlier_comment_is_an_error() {
    let message = load_error("native-bad-parent.json");
    assert!(message.contains("comments[0].parent"), "{message}");
    assert!(message.contains("\"9\""), "{message}");
}

#[test]
fn an_unsupported_version_is_an_error() {
    let error = formats::load(br#"{"tread": 2, "title": "x"}"#, None).unwrap_err();
    assert!(matches!(error, LoadError::Native(_)));
    assert!(error.to_string().contains("version 2"), "{error}");
}

#[test]
fn a_100000_deep_reply_chain_loads_converts_and_dumps() {
    let depth = 100_000;
    let json = deep_chain_json(depth);
    let document = formats::load(json.as_bytes(), None).unwrap().document;
    assert_eq!(document.comments.len(), depth);
    assert_eq!(document.comments.max_depth() as usize, depth - 1);
    let converted = native::write(&document);
    let again = formats::load(converted.as_bytes(), None).unwrap().document;
    assert_eq!(tree(&again), tree(&document));
    let dump = tread::commands::dump::render(&document, 80);
    assert!(dump.contains("[100000] u99999"));
    assert!(
        dump.lines()
            .all(|l| tread::text::wrap::display_width(l) <= 80)
    );
}

#[test]
fn the_storys_points_and_site_survive_conversion() {
    for (name, score, site) in [
        ("hn-algolia.json", Some(42), None),
        ("reddit.json", Some(10), Some("r/x")),
    ] {
        let document = load_fixture(name);
        assert_eq!(document.score, score, "{name}");
        let json = native::write(&document);
        let reread = formats::load(json.as_bytes(), None).unwrap().document;
        assert_eq!(reread.score, score, "{name}");
        if let Some(site) = site {
            assert_eq!(reread.meta.site.as_deref(), Some(site), "{name}");
        }
    }
}
