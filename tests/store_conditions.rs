//! The store under strange conditions, through the real binary: a store
//! file that is a FIFO, a lock another process holds, a file that is not
//! UTF-8, a symlinked file, fields from a newer version, and numbers on
//! disk that no document has.

mod common;

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::{editorial as sample, tread_with_data as tread};

fn add(data: &Path, note: &str) -> Output {
    common::add_bookmark(data, "article:2", note)
}

/// Runs `command`, failing the test if it takes longer than `limit` (a
/// hang is the defect these tests guard against).
fn output_within(mut command: Command, limit: Duration) -> Output {
    let mut child = command
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("tread hung for more than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn make_fifo(path: &Path) {
    nix::unistd::mkfifo(path, nix::sys::stat::Mode::S_IRWXU).unwrap();
}

#[test]
fn a_store_file_that_is_a_fifo_is_refused_at_once_not_waited_on() {
    let data = tempfile::tempdir().unwrap();
    make_fifo(&data.path().join("bookmarks.json"));
    for args in [vec!["bookmarks", "list"], vec!["bookmarks", "export"]] {
        let mut command = tread(data.path());
        command.args(&args);
        let output = output_within(command, Duration::from_secs(5));
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("not a regular file"), "{stderr}");
    }
    let mut command = tread(data.path());
    command.args(["bookmarks", "add", &sample(), "--at", "article:1"]);
    let output = output_within(command, Duration::from_secs(5));
    assert_eq!(output.status.code(), Some(1));
    // The FIFO is still there: nothing was written over it.
    let kind = std::fs::symlink_metadata(data.path().join("bookmarks.json")).unwrap();
    assert!(std::os::unix::fs::FileTypeExt::is_fifo(&kind.file_type()));
}

#[test]
fn a_lock_held_elsewhere_is_waited_for_a_bounded_time_then_named_in_the_error() {
    let data = tempfile::tempdir().unwrap();
    assert!(add(data.path(), "first").status.success());
    // Another process (here, this test) holds the lock, as a stopped tread would.
    let lock = std::fs::OpenOptions::new()
        .write(true)
        .open(data.path().join("bookmarks.json.lock"))
        .unwrap();
    lock.lock().unwrap();
    let start = Instant::now();
    let mut command = tread(data.path());
    command.args([
        "bookmarks",
        "add",
        &sample(),
        "--at",
        "article:3",
        "--note",
        "second",
    ]);
    let output = output_within(command, Duration::from_secs(30));
    let waited = start.elapsed();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(
        lines[0].contains("waiting for") && lines[0].contains("bookmarks.json.lock"),
        "{stderr}"
    );
    assert!(
        lines[1].contains("bookmarks.json.lock") && lines[1].contains("still locked"),
        "{stderr}"
    );
    assert!(waited >= Duration::from_secs(5), "gave up after {waited:?}");
    // Once it is let go of, saving works again.
    drop(lock);
    assert!(add(data.path(), "third").status.success());
}

#[test]
fn a_store_file_that_is_not_utf8_is_quarantined_and_the_backup_restored() {
    let data = tempfile::tempdir().unwrap();
    assert!(add(data.path(), "kept in the backup").status.success());
    std::fs::write(
        data.path().join("bookmarks.json"),
        b"{\"version\": 1, \xff\xfe}",
    )
    .unwrap();
    let output = tread(data.path())
        .args(["bookmarks", "list"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("kept in the backup"), "{stdout}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("could not be read") && stderr.contains("UTF-8"),
        "{stderr}"
    );
    let quarantined = std::fs::read_dir(data.path()).unwrap().flatten().any(|e| {
        e.file_name()
            .to_string_lossy()
            .starts_with("bookmarks.json.corrupt-")
    });
    assert!(
        quarantined,
        "the unreadable file was moved aside, not overwritten"
    );
}

#[test]
fn a_symlinked_store_file_is_written_through_to_its_target() {
    let data = tempfile::tempdir().unwrap();
    let dotfiles = tempfile::tempdir().unwrap();
    let target = dotfiles.path().join("tread-bookmarks.json");
    std::fs::write(&target, r#"{"version": 1, "bookmarks": []}"#).unwrap();
    let link = data.path().join("bookmarks.json");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    assert!(add(data.path(), "through the link").status.success());
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link was replaced by a plain file"
    );
    let saved = std::fs::read_to_string(&target).unwrap();
    assert!(saved.contains("through the link"), "{saved}");
}

#[test]
fn fields_a_newer_version_wrote_are_kept_on_rewrite() {
    let data = tempfile::tempdir().unwrap();
    assert!(add(data.path(), "old").status.success());
    let path = data.path().join("bookmarks.json");
    let mut file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    file["sync"] = serde_json::json!({"device": "laptop"});
    file["bookmarks"][0]["colour"] = serde_json::json!("amber");
    std::fs::write(&path, file.to_string()).unwrap();
    assert!(add(data.path(), "new").status.success());
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(file["sync"]["device"], "laptop");
    assert_eq!(file["bookmarks"][0]["colour"], "amber");
    assert_eq!(file["bookmarks"].as_array().unwrap().len(), 2);
}

#[test]
fn absurd_numbers_in_a_bookmark_file_neither_panic_nor_hang() {
    let data = tempfile::tempdir().unwrap();
    assert!(add(data.path(), "n").status.success());
    let path = data.path().join("bookmarks.json");
    for last_block in [u64::MAX, 400_000_000] {
        let mut file: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        file["bookmarks"][0]["last_block"] = serde_json::json!(last_block);
        file["bookmarks"][0]["target"]["block"] = serde_json::json!(u64::MAX);
        file["bookmarks"][0]["range"] = serde_json::json!([u64::MAX, 3]);
        std::fs::write(&path, file.to_string()).unwrap();
        for args in [vec!["bookmarks", "list"], vec!["bookmarks", "export"]] {
            let mut command = tread(data.path());
            command.args(&args);
            let output = output_within(command, Duration::from_secs(5));
            assert!(output.status.success(), "{last_block} {args:?}: {output:?}");
        }
    }
}
