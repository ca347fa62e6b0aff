//! Hostile documents: every string field of every format carries terminal
//! escape sequences and control characters, and nothing tread prints (dump,
//! convert, bookmark listings, error messages) may pass one on.

mod common;

use std::path::Path;

use assert_cmd::Command;
use common::hostile::{assert_inert, hostile, hostile_documents};
use serde_json::json;

fn tread(data: &Path) -> Command {
    let mut command = Command::cargo_bin("tread").unwrap();
    command
        .env("TREAD_DATA_DIR", data)
        .env("TZ", "UTC")
        .env_remove("TREAD_CONFIG");
    command
}

#[test]
fn no_escape_sequence_from_any_format_reaches_dump_or_convert() {
    let data = tempfile::tempdir().unwrap();
    for (name, bytes) in hostile_documents() {
        let file = data.path().join(format!("{name}.doc"));
        std::fs::write(&file, &bytes).unwrap();
        for args in [
            vec!["dump", "--width", "200"],
            vec!["convert", "--to", "json"],
            vec!["convert", "--to", "text"],
        ] {
            let output = tread(data.path()).args(&args).arg(&file).output().unwrap();
            let what = format!("{name}: {}", args.join(" "));
            assert!(output.status.success(), "{what}: {output:?}");
            assert_inert(&what, &output.stdout);
            assert_inert(&what, &output.stderr);
            let shown = String::from_utf8_lossy(&output.stdout);
            // The fields are there, only cleaned: the title, the comment's
            // author and the body.
            for marker in ["Tmark", "Cmark", "Bmark"] {
                assert!(shown.contains(marker), "{what}: no {marker} in\n{shown}");
            }
        }
    }
}

#[test]
fn document_level_fields_are_printed_clean() {
    let data = tempfile::tempdir().unwrap();
    // The formats whose story carries an author, a date and a source URL.
    for name in [
        "native",
        "hn-algolia",
        "hnpwa",
        "reddit",
        "lobsters",
        "discourse",
    ] {
        let (_, bytes) = hostile_documents()
            .into_iter()
            .find(|(n, _)| *n == name)
            .unwrap();
        let file = data.path().join(format!("{name}.json"));
        std::fs::write(&file, bytes).unwrap();
        let output = tread(data.path())
            .args(["dump", "--width", "300"])
            .arg(&file)
            .output()
            .unwrap();
        assert_inert(name, &output.stdout);
        let shown = String::from_utf8_lossy(&output.stdout);
        assert!(
            shown.contains("Amark"),
            "{name}: the author is shown\n{shown}"
        );
    }
}

#[test]
fn bookmark_listings_and_exports_print_clean_notes_titles_excerpts_and_paths() {
    let data = tempfile::tempdir().unwrap();
    // A file name with an escape sequence in it, too.
    let file = data.path().join("doc\u{1b}]0;PWNED\u{7}.json");
    let (_, bytes) = hostile_documents().remove(0);
    std::fs::write(&file, bytes).unwrap();
    let output = tread(data.path())
        .args(["bookmarks", "add"])
        .arg(&file)
        .args(["--at", "article:1", "--note", &hostile("Nmark")])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert_inert("bookmarks add", &output.stdout);
    // The note on disk is clean as well: it was cleaned when it came in.
    let stored = std::fs::read_to_string(data.path().join("bookmarks.json")).unwrap();
    assert!(
        stored.contains("Nmark") && !stored.contains("\\u001b"),
        "{stored}"
    );

    // A bookmark file edited by hand (or by another program) with escapes.
    let mut edited: serde_json::Value = serde_json::from_str(&stored).unwrap();
    let mark = &mut edited["bookmarks"][0];
    mark["title"] = json!(hostile("Tmark"));
    mark["excerpt"] = json!(hostile("Emark"));
    mark["note"] = json!(hostile("Nmark"));
    mark["path"] = json!(hostile("/Pmark"));
    std::fs::write(data.path().join("bookmarks.json"), edited.to_string()).unwrap();

    for args in [
        vec!["bookmarks", "list"],
        vec!["bookmarks", "list", "--json"],
        vec!["bookmarks", "export"],
        vec!["bookmarks", "export", "--format", "json"],
    ] {
        let output = tread(data.path()).args(&args).output().unwrap();
        let what = args.join(" ");
        assert!(output.status.success(), "{what}: {output:?}");
        assert_inert(&what, &output.stdout);
        assert_inert(&what, &output.stderr);
        let shown = String::from_utf8_lossy(&output.stdout);
        for marker in ["Tmark", "Emark", "Nmark"] {
            assert!(shown.contains(marker), "{what}: no {marker} in\n{shown}");
        }
    }
}

#[test]
fn error_messages_print_file_names_clean() {
    let data = tempfile::tempdir().unwrap();
    let missing = data.path().join(format!("{}.txt", hostile("Fmark")));
    let output = tread(data.path())
        .arg("dump")
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_inert("missing file", &output.stderr);
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(
        message.contains("Fmark") && message.contains("no such file"),
        "{message}"
    );

    // A file name holds any byte but `/` and NUL.
    let broken = data
        .path()
        .join(format!("{}.json", hostile("Gmark").replace('/', "_")));
    std::fs::write(&broken, "{\"tread\": 1, \"title\": ").unwrap();
    let output = tread(data.path())
        .arg("dump")
        .arg(&broken)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_inert("broken file", &output.stderr);
}

#[test]
fn a_lone_surrogate_escape_is_read_as_a_replacement_character_with_one_warning() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("cut-emoji.json");
    // Half an emoji, as real exports cut them, in a comment and the title.
    std::fs::write(
        &file,
        r#"{"tread": 1, "title": "Cut \ud83d here", "article": [],
            "comments": [{"id": "1", "author": "a", "body": [{"kind": "paragraph", "text": "x\udc00y \ud83d\ude00"}]}]}"#,
    )
    .unwrap();
    let output = tread(data.path())
        .args(["convert", "--to", "json"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value["title"], "Cut \u{fffd} here");
    assert_eq!(value["comments"][0]["body"][0]["text"], "x\u{fffd}y 😀");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("surrogate"), "{stderr}");
}
