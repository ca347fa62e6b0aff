//! tread as it ships: the installed binary on its own, away from the source
//! tree; its version and commit; the man page, the completion scripts and
//! the top-level help, each checked against what they must name.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use clap::CommandFactory;
use tread::cli::Cli;
use tread::environment::VARIABLES;

/// Every command's full name, nested ones too: `tread bookmarks add`.
fn command_paths() -> Vec<String> {
    let mut top = Cli::command();
    top.build();
    let mut paths = Vec::new();
    let mut stack: Vec<(String, clap::Command)> = top
        .get_subcommands()
        .map(|c| (format!("tread {}", c.get_name()), c.clone()))
        .collect();
    while let Some((path, command)) = stack.pop() {
        if command.get_name() == "help" {
            continue;
        }
        for sub in command.get_subcommands() {
            stack.push((format!("{path} {}", sub.get_name()), sub.clone()));
        }
        paths.push(path);
    }
    paths.sort();
    paths
}

/// Every action the default keymap binds somewhere.
fn bound_actions() -> BTreeSet<String> {
    let keymap = tread::config::default_keymap();
    tread::input::keymap::Context::ALL
        .iter()
        .flat_map(|&context| keymap.bindings_in(context))
        .map(|(action, _)| action.name())
        .collect()
}

/// The binary copied into an empty folder, run from another with HOME and
/// the XDG folders empty and nothing else of this environment.
struct Installed {
    _root: tempfile::TempDir,
    binary: PathBuf,
    cwd: PathBuf,
    home: PathBuf,
}

impl Installed {
    fn new() -> Installed {
        let root = tempfile::tempdir().unwrap();
        let bin = root.path().join("bin");
        let cwd = root.path().join("elsewhere");
        let home = root.path().join("home");
        for dir in [&bin, &cwd, &home] {
            std::fs::create_dir(dir).unwrap();
        }
        let binary = bin.join("tread");
        std::fs::copy(env!("CARGO_BIN_EXE_tread"), &binary).unwrap();
        Installed {
            _root: root,
            binary,
            cwd,
            home,
        }
    }

    fn run(&self, args: &[&str]) -> Output {
        // Another test's thread that forks while this copy was being
        // written holds it open for writing until its child execs; running
        // the copy meanwhile fails with "Text file busy". It passes.
        for _ in 0..100 {
            match self.command(args).output() {
                Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy => {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                output => return self.succeeded(args, output.unwrap()),
            }
        }
        panic!("{} stayed busy", self.binary.display());
    }

    fn command(&self, args: &[&str]) -> Command {
        let home = &self.home;
        let mut command = Command::new(&self.binary);
        command
            .args(args)
            .current_dir(&self.cwd)
            .env_clear()
            .env("PATH", "/usr/bin:/bin")
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("XDG_CACHE_HOME", home.join(".cache"))
            .env("XDG_STATE_HOME", home.join(".local/state"))
            .env("TZ", "UTC");
        command
    }

    fn succeeded(&self, args: &[&str], output: Output) -> Output {
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "tread {args:?}: {stderr}");
        assert!(stderr.is_empty(), "tread {args:?}: {stderr}");
        output
    }

    fn stdout(&self, args: &[&str]) -> String {
        String::from_utf8(self.run(args).stdout).unwrap()
    }
}

#[test]
fn the_installed_binary_works_from_any_directory_with_an_empty_home() {
    let installed = Installed::new();
    let version = installed.stdout(&["--version"]);
    assert!(
        version.starts_with(&format!("tread {}", env!("CARGO_PKG_VERSION"))),
        "{version}"
    );

    // The demo is in the binary: what `dump` prints is the built-in demo.
    let demo = tread::formats::load(tread::source::DEMO.as_bytes(), None)
        .unwrap()
        .document;
    let mut expected = Vec::new();
    let zone = jiff::tz::TimeZone::UTC;
    tread::commands::dump::write(&demo, 80, &zone, &mut expected).unwrap();
    assert_eq!(
        installed.stdout(&["dump"]),
        String::from_utf8(expected).unwrap()
    );

    // The default config too.
    assert_eq!(
        installed.stdout(&["config", "--default"]),
        tread::config::DEFAULT_CONFIG
    );

    let bash = installed.stdout(&["completions", "bash"]);
    assert!(bash.contains("complete -F _tread"), "{bash}");
    let page = installed.stdout(&["manpage"]);
    assert!(
        page.lines().any(|l| l.starts_with(".TH TREAD 1 ")),
        "{page}"
    );

    // None of it wrote anything: a first run that only prints leaves the
    // home folder as it was.
    let written: Vec<_> = walk(&installed.home);
    assert!(written.is_empty(), "{written:?}");
}

/// Every file under `dir`.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found
}

#[test]
fn the_version_names_the_commit_of_a_checkout() {
    let manifest = env!("CARGO_MANIFEST_DIR");
    let version = Installed::new().stdout(&["--version"]);
    let head = Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(manifest)
        .output();
    match head {
        Ok(head) if head.status.success() && Path::new(manifest).join(".git").exists() => {
            let commit = String::from_utf8(head.stdout).unwrap();
            assert_eq!(
                version.trim(),
                format!(
                    "tread {} (commit {})",
                    env!("CARGO_PKG_VERSION"),
                    &commit.trim()[..12]
                )
            );
        }
        // Built from a copy with no git history: the version alone.
        _ => assert_eq!(
            version.trim(),
            format!("tread {}", env!("CARGO_PKG_VERSION"))
        ),
    }
}

#[test]
fn the_package_holds_what_the_reader_is_built_from_and_no_tests() {
    let listed = Command::new(env!("CARGO"))
        .args([
            "package",
            "--list",
            "--allow-dirty",
            "--offline",
            "--locked",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&listed.stderr);
    assert!(listed.status.success(), "cargo package refuses: {stderr}");
    let files: BTreeSet<&str> = std::str::from_utf8(&listed.stdout)
        .unwrap()
        .lines()
        .collect();
    for needed in [
        "Cargo.toml",
        "Cargo.lock",
        "build.rs",
        "README.md",
        "src/main.rs",
        "src/lib.rs",
        "assets/demo.txt",
        "assets/config.toml",
    ] {
        assert!(
            files.contains(needed),
            "the package lacks {needed}: {files:?}"
        );
    }
    let extra: Vec<&&str> = files
        .iter()
        .filter(|f| {
            ["tests/", "benches/", "fuzz/", "docs/", "examples/"]
                .iter()
                .any(|d| f.starts_with(d))
        })
        .collect();
    assert!(extra.is_empty(), "the package holds {extra:?}");
}

/// The man page's text with roff's escapes of `-` and `'` undone.
fn man_page() -> String {
    let page = Installed::new().stdout(&["manpage"]);
    page.replace("\\-", "-").replace("\\*(Aq", "'")
}

#[test]
fn the_man_page_names_every_command_action_and_variable() {
    let page = man_page();
    for path in command_paths() {
        assert!(
            page.contains(&format!(".SS \"{path}\"")),
            "{path} has no section"
        );
    }
    for action in bound_actions() {
        assert!(page.contains(&action), "the man page leaves out {action}");
    }
    for variable in VARIABLES {
        assert!(
            page.contains(&format!("\\fB{}\\fR\n", variable.name)),
            "{} is not under ENVIRONMENT",
            variable.name
        );
    }
    for section in [
        "SYNOPSIS",
        "OPTIONS",
        "COMMANDS",
        "KEYS",
        "FILES",
        "ENVIRONMENT",
    ] {
        assert!(page.contains(&format!(".SH {section}")), "no {section}");
    }
    for file in [
        "config.toml",
        "bookmarks.json",
        "positions.json",
        "library.json",
        "cache/",
    ] {
        assert!(page.contains(file), "FILES leaves out {file}");
    }
}

#[test]
fn the_man_page_lists_the_keys_the_default_keymap_binds() {
    let page = man_page();
    let keymap = tread::config::default_keymap();
    let keys = keymap.keys_for(
        tread::input::keymap::Context::Comments,
        tread::input::Action::ToggleFold,
    );
    let entry = format!(
        "\\fB{}\\fR\n{} (",
        keys.join(", "),
        tread::input::Action::ToggleFold.description()
    );
    assert!(page.contains(&entry), "no entry {entry:?}");
    // An action two lists share reads as what it does in each.
    let link_list = page.split(".SS \"Link list\"").nth(1).unwrap();
    let link_list = link_list.split(".SS").next().unwrap();
    assert!(
        link_list.contains("\\fBEnter\\fR\nOpen the selected link in the browser ("),
        "{link_list}"
    );
    assert!(!link_list.contains("bookmark"), "{link_list}");
}

#[test]
fn every_completion_script_names_every_command() {
    let installed = Installed::new();
    let names: BTreeSet<String> = command_paths()
        .iter()
        .map(|path| path.rsplit(' ').next().unwrap().to_string())
        .collect();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = installed.stdout(&["completions", shell]);
        for name in &names {
            assert!(
                script.contains(name.as_str()),
                "{shell} completes no {name}"
            );
        }
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let output = Command::new(env!("CARGO_BIN_EXE_tread"))
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn the_help_names_the_folders_in_use_and_every_variable() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("my.toml");
    std::fs::write(&config, "").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_tread"))
        .arg("--help")
        .env("TREAD_DATA_DIR", dir.path().join("data"))
        .env("TREAD_CONFIG", &config)
        .output()
        .unwrap();
    assert!(output.status.success());
    let help = String::from_utf8(output.stdout).unwrap();
    assert!(
        help.contains(&format!(
            "{} (from TREAD_DATA_DIR)",
            dir.path().join("data").display()
        )),
        "{help}"
    );
    assert!(
        help.contains(&format!("{} (from TREAD_CONFIG)", config.display())),
        "{help}"
    );
    for variable in VARIABLES {
        assert!(
            help.contains(variable.name),
            "{} not in --help",
            variable.name
        );
    }
    assert!(help.contains("press ? in the reader"), "{help}");
    assert!(help.contains("tread manpage"), "{help}");

    // Without the variables, the platform's folders under HOME.
    let output = Installed::new().run(&["--help"]);
    let help = String::from_utf8(output.stdout).unwrap();
    assert!(help.contains("/.local/share/tread"), "{help}");
    assert!(
        help.contains("/.config/tread/config.toml (not there"),
        "{help}"
    );
}

#[test]
fn a_hostile_folder_name_is_shown_harmless_in_the_help() {
    let output = Command::new(env!("CARGO_BIN_EXE_tread"))
        .arg("--help")
        .env("TREAD_DATA_DIR", "/tmp/\u{1b}]0;pwned\u{7}\u{1b}[2J")
        .env_remove("TREAD_CONFIG")
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(
        !output.stdout.contains(&0x1b),
        "an escape reached the terminal"
    );
}

/// The variables the source reads by name (`var("X")`, `var_os("X")`),
/// outside its tests.
fn variables_read_by_the_source() -> BTreeSet<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = BTreeSet::new();
    for path in walk(&src)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
    {
        let text = std::fs::read_to_string(&path).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for call in ["var(\"", "var_os(\""] {
            for (at, _) in code.match_indices(call) {
                let rest = &code[at + call.len()..];
                let name: String = rest.chars().take_while(|&c| c != '"').collect();
                found.insert(name);
            }
        }
    }
    found
}

#[test]
fn every_variable_the_source_reads_is_documented() {
    let documented: BTreeSet<&str> = VARIABLES.iter().map(|v| v.name).collect();
    let read = variables_read_by_the_source();
    assert!(
        read.contains("TREAD_DATA_DIR"),
        "the scan found nothing: {read:?}"
    );
    for name in &read {
        assert!(
            documented.contains(name.as_str()),
            "{name} is read but not documented"
        );
    }
}
