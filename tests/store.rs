//! The bookmark store through the real file system and the real binary:
//! concurrent writers, a writer killed mid-save, a corrupt file, a
//! read-only directory, and the Markdown export.

mod common;

use std::path::Path;
use std::process::Stdio;

use tread::bookmarks::BookmarkFile;
use tread::store::Store;

use common::{add_bookmark as add, editorial as sample, tread_with_data as tread};

fn stored(data: &Path) -> BookmarkFile {
    let text = std::fs::read_to_string(data.join("bookmarks.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn two_processes_adding_100_bookmarks_each_keep_all_200() {
    let data = tempfile::tempdir().unwrap();
    let writers: Vec<_> = (0..2)
        .map(|writer| {
            let data = data.path().to_path_buf();
            std::thread::spawn(move || {
                for i in 0..100 {
                    let output = add(
                        &data,
                        &format!("article:{}", 1 + i % 14),
                        &format!("w{writer}-{i}"),
                    );
                    assert!(output.status.success(), "{output:?}");
                }
            })
        })
        .collect();
    for writer in writers {
        writer.join().unwrap();
    }
    let file = stored(data.path());
    assert_eq!(file.bookmarks.len(), 200);
    let notes: std::collections::HashSet<_> = file
        .bookmarks
        .iter()
        .filter_map(|b| b.note.clone())
        .collect();
    assert_eq!(notes.len(), 200);
}

#[test]
fn a_writer_killed_mid_save_leaves_the_old_or_the_new_file() {
    let data = tempfile::tempdir().unwrap();
    assert!(add(data.path(), "article:1", "first").status.success());
    for round in 0..40u64 {
        let before = stored(data.path()).bookmarks.len();
        let mut child = tread(data.path())
            .args([
                "bookmarks",
                "add",
                &sample(),
                "--at",
                "article:2",
                "--note",
                "killed?",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Kill at a different moment each round, some of them mid-save.
        std::thread::sleep(std::time::Duration::from_micros(round * 250));
        let _ = child.kill();
        let _ = child.wait();
        let after = stored(data.path()).bookmarks.len();
        assert!(
            after == before || after == before + 1,
            "{before} -> {after}"
        );
    }
    // What is left is a good file that a later save builds on, and the
    // temporary files of killed writers are cleaned up by it.
    assert!(add(data.path(), "article:3", "after").status.success());
    let leftovers: Vec<_> = std::fs::read_dir(data.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_corrupt_file_is_quarantined_never_overwritten_and_the_backup_used() {
    let data = tempfile::tempdir().unwrap();
    assert!(add(data.path(), "article:1", "keep me").status.success());
    let garbage = "{ this is not json";
    std::fs::write(data.path().join("bookmarks.json"), garbage).unwrap();
    let output = tread(data.path())
        .args(["bookmarks", "list"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("could not be read"), "{stderr}");
    assert!(
        String::from_utf8(output.stdout)
            .unwrap()
            .contains("note: keep me")
    );
    let quarantined: Vec<_> = std::fs::read_dir(data.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("bookmarks.json.corrupt-")
        })
        .collect();
    assert_eq!(quarantined.len(), 1);
    assert_eq!(
        std::fs::read_to_string(quarantined[0].path()).unwrap(),
        garbage
    );
    assert_eq!(stored(data.path()).bookmarks.len(), 1);
}

#[test]
fn a_file_from_a_newer_tread_is_left_alone() {
    let data = tempfile::tempdir().unwrap();
    let newer = r#"{"version": 2, "bookmarks": []}"#;
    std::fs::write(data.path().join("bookmarks.json"), newer).unwrap();
    let output = add(data.path(), "article:1", "x");
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8(output.stderr)
            .unwrap()
            .contains("newer tread")
    );
    assert_eq!(
        std::fs::read_to_string(data.path().join("bookmarks.json")).unwrap(),
        newer
    );
}

#[test]
fn a_read_only_directory_is_a_clear_error() {
    use std::os::unix::fs::PermissionsExt;
    let parent = tempfile::tempdir().unwrap();
    let data = parent.path().join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o555)).unwrap();
    let probe = data.join("probe");
    if std::fs::write(&probe, "x").is_ok() {
        // Root writes anywhere; a path under a regular file cannot be a
        // directory for anyone, which fails the same way for the store.
        std::fs::remove_file(&probe).unwrap();
        let file = parent.path().join("not-a-dir");
        std::fs::write(&file, "").unwrap();
        check_unwritable(&file.join("data"));
    } else {
        check_unwritable(&data);
    }
}

fn check_unwritable(data: &Path) {
    let output = add(data, "article:1", "x");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("tread: "), "{stderr}");
    assert!(!stderr.contains("panicked"));
}

#[test]
fn markdown_export_matches_the_expected_file() {
    let data = tempfile::tempdir().unwrap();
    std::fs::copy(
        common::fixture("bookmarks-export.json"),
        data.path().join("bookmarks.json"),
    )
    .unwrap();
    let output = tread(data.path())
        .args(["bookmarks", "export", "--format", "markdown"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let expected = std::fs::read_to_string(common::fixture("bookmarks-export.md")).unwrap();
    assert_eq!(String::from_utf8(output.stdout).unwrap(), expected);
}

#[test]
fn list_add_remove_through_the_binary() {
    let data = tempfile::tempdir().unwrap();
    let output = add(data.path(), "comment:2", "Ruben's point");
    let id = String::from_utf8(output.stdout).unwrap().trim().to_string();
    assert_eq!(id.len(), 8);
    let list = tread(data.path())
        .args(["bookmarks", "list"])
        .output()
        .unwrap();
    let list = String::from_utf8(list.stdout).unwrap();
    assert!(list.contains("Bringing the river ferries back"));
    assert!(list.contains(&format!("[{id}] comment 2")));
    assert!(list.contains("> Heated pontoons exist"));
    assert!(list.contains("note: Ruben's point"));
    let json = tread(data.path())
        .args(["bookmarks", "list", "--json"])
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value[0]["id"], id.as_str());
    let removed = tread(data.path())
        .args(["bookmarks", "remove", &id])
        .output()
        .unwrap();
    assert!(removed.status.success());
    let again = tread(data.path())
        .args(["bookmarks", "remove", &id])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
    let bad = add(data.path(), "paragraph:3", "x");
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8(bad.stderr).unwrap().contains("article:N"));
    let store = Store::at(data.path().to_path_buf());
    assert!(
        store
            .file::<BookmarkFile>()
            .load()
            .unwrap()
            .value
            .bookmarks
            .is_empty()
    );
}

#[test]
fn the_reader_reports_a_store_it_cannot_write_and_goes_on() {
    use tread::app::Action;
    let parent = tempfile::tempdir().unwrap();
    let file = parent.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    // A directory below a regular file cannot be created, even by root.
    let store = Store::at(file.join("data"));
    let document = tread::formats::load(tread::source::DEMO.as_bytes(), None)
        .unwrap()
        .document;
    let mut app = common::app_for(document, 100, 30);
    app.update(Action::Bookmark);
    app.update(tread::app::Message::Prompt(tread::app::PromptKey::Enter));
    tread::tui::effects::run_effects(&mut app, Some(&store));
    let message = app.message.clone().unwrap_or_default();
    assert!(message.starts_with("Not saved: "), "{message}");
    assert!(!app.quit);
    app.update(Action::ScrollDown);
    assert_eq!(
        app.bookmarks.len(),
        1,
        "the bookmark stays for this session"
    );
}

/// Opens a fixture as the reader does at start, with the store's saved state.
fn open_with_store(name: &str, store: &Store) -> tread::app::App {
    use ratatui::layout::Rect;
    use tread::app::{App, Message};
    let document = common::load_fixture(name);
    let mut app = App::new(
        document,
        name.into(),
        tread::config::default_keymap(),
        Rect::new(0, 0, 100, 40),
    );
    tread::tui::startup::restore_saved_state(&mut app, store, false);
    app.update(Message::Resize {
        width: 100,
        height: 40,
    });
    app
}

fn quit(mut app: tread::app::App, store: &Store) {
    app.update(tread::app::Action::Quit);
    tread::tui::effects::run_effects(&mut app, Some(store));
    assert!(app.quit);
}

fn new_authors(app: &tread::app::App) -> Vec<String> {
    app.unread
        .iter()
        .map(|&id| {
            app.document
                .comments
                .get(id)
                .author
                .clone()
                .unwrap()
                .to_string()
        })
        .collect()
}

#[test]
fn a_redownloaded_thread_marks_exactly_the_new_comments() {
    use tread::app::Action;
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path().to_path_buf());
    // First visit: nothing is new.
    let app = open_with_store("thread-v1.json", &store);
    assert!(app.unread.is_empty());
    quit(app, &store);

    // The same thread, downloaded again with three more comments.
    let mut app = open_with_store("thread-v2.json", &store);
    assert_eq!(new_authors(&app), ["fay", "gus", "hal"]);
    let shown = common::screen(&app);
    assert!(shown.contains("8 comments  ·  3 new"), "{shown}");
    assert_eq!(shown.matches("● ").count(), 3, "{shown}");
    // A folded thread says how many new comments it hides.
    app.update(Action::FocusNext);
    app.update(Action::FoldAll);
    let shown = common::screen(&app);
    assert!(shown.contains("[+4, 2 new]"), "{shown}");
    // The key for new comments unfolds and selects them; reading marks them.
    app.update(Action::NextNew);
    let selected = app.comments.selected.unwrap();
    assert_eq!(
        app.document.comments.get(selected).author.as_deref(),
        Some("fay")
    );
    assert_eq!(new_authors(&app), ["gus", "hal"]);
    quit(app, &store);

    // What was not read is still new next time.
    let app = open_with_store("thread-v2.json", &store);
    assert_eq!(new_authors(&app), ["gus", "hal"]);
}
