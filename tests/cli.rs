//! The `tread` binary as a user runs it: commands, standard input, the demo,
//! exit codes and one-line errors.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;
use tread::text::wrap::display_width;

use common::fixture;

/// tread, with dates shown in UTC whatever the machine's zone.
fn tread() -> Command {
    let mut command = Command::cargo_bin("tread").unwrap();
    command.env("TZ", "UTC");
    command
}

fn sample() -> std::path::PathBuf {
    fixture("editorial.txt")
}

/// Runs tread expecting failure with exit 1 and exactly one stderr line.
fn single_error_line(args: &[&str]) -> String {
    let output = tread().args(args).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{args:?}");
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("tread: "), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

#[test]
fn dump_prints_title_article_and_tree() {
    tread()
        .args(["dump", "--width", "80"])
        .arg(sample())
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "Bringing the river ferries back\n",
        ))
        .stdout(predicate::str::contains("└─ hanna_v"))
        .stdout(predicate::str::contains("   └─ Ruben Ortiz"))
        .stdout(predicate::str::contains("2 comments"));
}

#[test]
fn dump_respects_the_width_in_display_columns() {
    for width in ["20", "33", "80"] {
        let output = tread().args(["dump", "--width", width]).output().unwrap();
        assert!(output.status.success());
        let text = String::from_utf8(output.stdout).unwrap();
        let limit: usize = width.parse().unwrap();
        // The demo has CJK and emoji comments.
        assert!(text.contains("田中ゆき"));
        for line in text.lines() {
            assert!(display_width(line) <= limit, "{width}: {line:?}");
        }
    }
}

#[test]
fn dump_defaults_to_80_columns_when_not_a_terminal() {
    let output = tread().arg("dump").arg(sample()).output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.lines().all(|l| display_width(l) <= 80));
    assert!(text.lines().any(|l| display_width(l) > 70));
}

#[test]
fn no_file_uses_the_built_in_demo() {
    let output = tread().args(["convert", "--to", "json"]).output().unwrap();
    assert!(output.status.success());
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let comments = value["comments"].as_array().unwrap();
    assert!(comments.len() >= 25);
    let document = tread::formats::load(&output.stdout, None).unwrap().document;
    assert!(document.comments.max_depth() >= 4);
    let all_text: String = document
        .comments
        .iter()
        .flat_map(|(_, c)| c.body.iter().map(|b| b.text.clone()))
        .collect();
    assert!(
        all_text
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "CJK"
    );
    assert!(
        all_text
            .chars()
            .any(|c| ('\u{1f300}'..='\u{1faff}').contains(&c)),
        "emoji"
    );
}

#[test]
fn dash_reads_standard_input() {
    let input = std::fs::read(sample()).unwrap();
    tread()
        .args(["convert", "-", "--to", "json"])
        .write_stdin(input)
        .assert()
        .success()
        .stdout(predicate::str::contains("\"author\": \"Ruben Ortiz\""));
}

#[test]
fn convert_to_json_then_back_through_the_binary() {
    let first = tread()
        .args(["convert", "--to", "json"])
        .arg(fixture("native-nested.json"))
        .output()
        .unwrap();
    assert!(first.status.success());
    let second = tread()
        .args(["convert", "-", "--to", "json"])
        .write_stdin(first.stdout.clone())
        .output()
        .unwrap();
    assert_eq!(first.stdout, second.stdout);
}

#[test]
fn convert_to_text_reads_back_as_the_same_tree() {
    let text = tread()
        .args(["convert", "--to", "text"])
        .arg(fixture("native-nested.json"))
        .output()
        .unwrap();
    assert!(text.status.success());
    let reread = tread::formats::load(&text.stdout, None).unwrap().document;
    let authors: Vec<_> = reread
        .comments
        .iter()
        .map(|(_, c)| (c.depth, c.author.as_deref().map(str::to_string)))
        .collect();
    assert_eq!(
        authors,
        [
            (0, Some("ann".to_string())),
            (1, Some("bob".to_string())),
            (2, None),
            (1, Some("eve".to_string())),
            (0, Some("dee".to_string())),
        ]
    );
}

#[test]
fn format_flag_forces_the_format() {
    // Native JSON read as text: the first line is the title.
    tread()
        .args(["dump", "--format", "text", "--width", "60"])
        .arg(fixture("native-nested.json"))
        .assert()
        .success()
        .stdout(predicate::str::starts_with("{\n"));
    tread()
        .args(["dump", "--format", "json"])
        .arg(sample())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "invalid JSON: expected value at line 1",
        ));
}

#[test]
fn a_plain_text_thread_whose_title_starts_with_a_bracket_is_read_as_text() {
    // `[PATCH] …`, `[OC] …`: not broken JSON.
    let output = tread()
        .args(["dump", "--width", "80"])
        .arg(fixture("patch-title.txt"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.starts_with("[PATCH v2 1/3] docs: say where the config file is read from\n"));
    assert!(stdout.contains("Ann Example"), "{stdout}");
    assert!(stdout.contains("Bob Example"), "{stdout}");
}

#[test]
fn a_converted_reddit_thread_reads_back() {
    // Its "continue this thread" stubs once shared one id, so the JSON tread
    // wrote was refused when read again.
    let converted = tread()
        .args(["convert", "--to", "json"])
        .arg(fixture("reddit.json"))
        .output()
        .unwrap();
    assert!(converted.status.success());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.json");
    std::fs::write(&path, &converted.stdout).unwrap();
    tread()
        .args(["dump", "--width", "80"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "4 comments (+12 more not in this file)",
        ))
        .stdout(predicate::str::contains(
            "⋯ 12 more replies not in this file",
        ));
    let again = tread()
        .args(["convert", "--to", "json"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(again.stdout, converted.stdout);
}

#[test]
fn a_mastodon_thread_reads_from_standard_input_by_name() {
    let json = std::fs::read(fixture("mastodon-thread.json")).unwrap();
    tread()
        .args(["dump", "--format", "mastodon", "--width", "80", "-"])
        .write_stdin(json)
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "Ferries are back on the river.\n",
        ))
        .stdout(predicate::str::contains("bo · 1 point · "));
}

#[test]
fn a_mastodon_status_and_its_context_are_read_together_from_two_files() {
    let thread: serde_json::Value =
        serde_json::from_slice(&std::fs::read(fixture("mastodon-thread.json")).unwrap()).unwrap();
    let folder = tempfile::tempdir().unwrap();
    let status = folder.path().join("status.json");
    let context = folder.path().join("context.json");
    std::fs::write(&status, thread[0].to_string()).unwrap();
    std::fs::write(&context, thread[1].to_string()).unwrap();
    let dump = |args: &[&std::path::Path]| {
        let output = tread()
            .args(["dump", "--width", "80"])
            .args(args)
            .output()
            .unwrap();
        assert!(output.status.success(), "{:?}", output);
        String::from_utf8(output.stdout).unwrap()
    };
    let whole = dump(&[&fixture("mastodon-thread.json")]);
    // In either order: the status is told from the context by its fields.
    assert_eq!(dump(&[&status, &context]), whole);
    assert_eq!(dump(&[&context, &status]), whole);
    let error = single_error_line(&[
        "dump",
        "--format",
        "hn",
        status.to_str().unwrap(),
        context.to_str().unwrap(),
    ]);
    assert!(error.contains("status.json + "), "{error}");
    assert!(
        error.contains("only as a Mastodon status and its context"),
        "{error}"
    );
    let not_mastodon = folder.path().join("other.json");
    std::fs::write(&not_mastodon, r#"{"title": "x"}"#).unwrap();
    let error = single_error_line(&[
        "dump",
        not_mastodon.to_str().unwrap(),
        not_mastodon.to_str().unwrap(),
    ]);
    assert!(error.contains("neither a Mastodon status"), "{error}");
}

#[test]
fn a_maildir_folder_is_read_as_a_thread() {
    tread()
        .args(["dump", "--width", "80"])
        .arg(fixture("maildir"))
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Ferries\n"))
        .stdout(predicate::str::contains("1 comment\n"));
}

#[test]
fn missing_file() {
    let stderr = single_error_line(&["dump", "no/such/file.txt"]);
    assert_eq!(
        stderr,
        "tread: no/such/file.txt: no such file or directory\n"
    );
}

#[test]
fn a_directory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_str().unwrap();
    let stderr = single_error_line(&["dump", path]);
    assert_eq!(
        stderr,
        format!("tread: {path}: is a directory, not a file\n")
    );
}

#[test]
fn an_unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("secret.txt");
    std::fs::write(&path, "Title\n\nText").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_err() {
        let stderr = single_error_line(&["dump", path.to_str().unwrap()]);
        assert!(stderr.ends_with(": permission denied\n"), "{stderr}");
    } else {
        // Root reads any file whatever its mode; a file that fails on read
        // (not on open) stands in for an unreadable one.
        let stderr = single_error_line(&["dump", "/proc/self/mem"]);
        assert!(stderr.starts_with("tread: /proc/self/mem: "), "{stderr}");
        assert!(stderr.to_lowercase().contains("error"), "{stderr}");
    }
}

#[test]
fn an_empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.txt");
    std::fs::write(&path, "").unwrap();
    let stderr = single_error_line(&["dump", path.to_str().unwrap()]);
    assert!(
        stderr.ends_with("empty.txt: the file is empty\n"),
        "{stderr}"
    );
    std::fs::write(&path, "  \n\r\n\t").unwrap();
    single_error_line(&["dump", path.to_str().unwrap()]);
}

#[test]
fn binary_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("image.png");
    std::fs::write(&path, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let stderr = single_error_line(&["dump", path.to_str().unwrap()]);
    assert!(stderr.contains("binary data"), "{stderr}");
}

#[test]
fn json_that_is_no_known_format() {
    let stderr = single_error_line(&["dump", fixture("unknown.json").to_str().unwrap()]);
    assert!(
        stderr.ends_with(
            "unknown.json: JSON, but neither a tread document nor a known export format\n"
        ),
        "{stderr}"
    );
}

#[test]
fn invalid_json() {
    let stderr = tread()
        .arg("dump")
        .arg("-")
        .write_stdin("{\"tread\": 1, \"title\": ")
        .output()
        .unwrap();
    assert_eq!(stderr.status.code(), Some(1));
    let stderr = String::from_utf8(stderr.stderr).unwrap();
    assert!(stderr.starts_with("tread: <stdin>: "), "{stderr}");
    assert!(stderr.contains("line 1"), "{stderr}");
}

#[test]
fn a_native_field_error_names_the_field() {
    let stderr = single_error_line(&["dump", fixture("native-wrong-type.json").to_str().unwrap()]);
    assert!(stderr.contains("comments[1].author"), "{stderr}");
}

#[test]
fn invalid_utf8_is_read_with_one_warning() {
    let output = tread()
        .args(["dump", "-", "--width", "40"])
        .write_stdin(b"Caf\xe9 title\n\nBody \xff\xfe text.\n".to_vec())
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("<stdin>: warning: not valid UTF-8"),
        "{stderr}"
    );
    assert!(
        String::from_utf8(output.stdout)
            .unwrap()
            .starts_with("Caf\u{fffd} title")
    );
}

#[test]
fn hostile_escape_sequences_never_reach_the_output() {
    let output = tread()
        .args(["dump", "-"])
        .write_stdin("Title\u{1b}]0;pwned\u{7}\n\nText \u{1b}[2J\u{1b}[31mred\u{9b}1m\n\n• eve\u{202e}\n  body\u{1b}P1$q\u{1b}\\\n")
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
    assert!(text.contains("Text red"));
    assert!(!text.contains('\u{202e}'));
}

#[test]
fn usage_errors_exit_with_2() {
    tread().args(["dump", "--width", "0"]).assert().code(2);
    tread().args(["convert"]).assert().code(2);
    tread().args(["--format", "yaml", "x"]).assert().code(2);
}

#[test]
fn dev_zero_is_refused_at_once_as_binary() {
    let stderr = single_error_line(&["dump", "/dev/zero"]);
    assert!(stderr.contains("binary data"), "{stderr}");
}

#[test]
fn a_compression_bomb_is_refused_before_it_fills_memory() {
    use std::io::Write;
    let folder = tempfile::tempdir().unwrap();
    // 32 MiB of one repeated line, which gzip squeezes to some 50 KiB.
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let line = b"aaaaaaa\n".repeat(1 << 16);
    for _ in 0..64 {
        encoder.write_all(&line).unwrap();
    }
    let bomb = folder.path().join("bomb.gz");
    std::fs::write(&bomb, encoder.finish().unwrap()).unwrap();
    let stderr = single_error_line(&["dump", bomb.to_str().unwrap()]);
    assert!(stderr.contains("compression bomb"), "{stderr}");
}

#[test]
fn an_endless_pipe_stops_at_the_input_limit_named_with_its_option() {
    use std::process::{Command as Process, Stdio};
    // `yes` never stops writing; tread must.
    let mut endless = Process::new("yes")
        .arg("a line of text")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let output = Process::new(env!("CARGO_BIN_EXE_tread"))
        .args(["dump", "--max-input", "8M", "-"])
        .stdin(endless.stdout.take().unwrap())
        .output()
        .unwrap();
    let _ = endless.kill();
    let _ = endless.wait();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr,
        "tread: <stdin>: larger than 8 MiB (the input limit); `--max-input SIZE` reads larger input\n"
    );
}

#[test]
fn max_input_refuses_a_file_over_it_and_reads_one_under_it() {
    let stderr = single_error_line(&["dump", "--max-input", "1K", sample().to_str().unwrap()]);
    assert!(stderr.contains("larger than 1 KiB"), "{stderr}");
    tread()
        .args(["dump", "--max-input", "1M"])
        .arg(sample())
        .assert()
        .success();
    tread()
        .args(["dump", "--max-input", "lots"])
        .arg(sample())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a size"));
}

#[test]
fn dump_shows_dates_in_the_local_zone_labelled() {
    let dump = |zone: &str| {
        let output = tread()
            .env("TZ", zone)
            .args(["dump", "--width", "100"])
            .arg(fixture("thread.mbox"))
            .output()
            .unwrap();
        assert!(output.status.success());
        String::from_utf8(output.stdout).unwrap()
    };
    let utc = dump("UTC");
    assert!(utc.contains("2026-11-02 11:00 UTC"), "{utc}");
    // A POSIX zone string needs no zone database on the machine.
    let tokyo = dump("JST-9");
    assert!(tokyo.contains("2026-11-02 20:00 JST"), "{tokyo}");
    assert!(!tokyo.contains("UTC"), "{tokyo}");
}
