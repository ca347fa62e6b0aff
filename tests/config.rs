//! The config file: every failure mode reported with file and line, the user's
//! keys laid over the defaults, themes and layout, `tread config --default`,
//! and the help screen showing a remapped key.

mod common;

use assert_cmd::Command;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::style::Color;
use tread::app::{Action, App, Message, ViewSettings};
use tread::config::{Config, DEFAULT_CONFIG, load_file};
use tread::formats;
use tread::input::keymap::{Context, KeyPress, Lookup};
use tread::source::DEMO;

use common::fixture;

fn config_error(name: &str) -> String {
    let path = fixture(&format!("config/{name}"));
    let error = load_file(&path).unwrap_err().to_string();
    let prefix = format!("{}:", path.display());
    assert!(error.starts_with(&prefix), "{error}");
    error[prefix.len()..].to_string()
}

#[test]
fn every_config_mistake_names_the_line_and_what_was_expected() {
    let cases = [
        ("bad-syntax.toml", "2: unclosed table, expected `]`"),
        (
            "unknown-action.toml",
            "4: \"fly\" is not an action (tread config --default lists them all)",
        ),
        (
            "bad-key.toml",
            "3: search: \"ctrl-\" is not a key (expected e.g.",
        ),
        (
            "bad-colour.toml",
            "3: colour \"blurple\": expected a colour name",
        ),
        (
            "unknown-option.toml",
            "3: unknown option `widht`, expected one of `side_by_side_from`",
        ),
        (
            "bad-type.toml",
            "2: invalid type: string \"wide\", expected a whole number",
        ),
        ("out-of-range.toml", "3: indent = 1: expected 2 to 8"),
        (
            "unknown-place.toml",
            "1: [keys.sidebar] is not a place for keys (expected global, article",
        ),
        (
            "unknown-theme.toml",
            "2: theme \"solarized\" is not built in (expected dark, light or mono)",
        ),
        (
            "keys-not-a-list.toml",
            "2: quit: expected a list of keys, like [\"j\", \"down\"]",
        ),
        (
            "key-twice.toml",
            "1: next_comment: \"n\" is already bound to fold_thread in this file",
        ),
        (
            "no-quit.toml",
            "3: no key quits tread: give quit a key, like quit = [\"q\"]",
        ),
        (
            "quit-taken.toml",
            "2: help: \"q\" takes the key that quit tread, and no key is left to quit; give quit another key",
        ),
    ];
    for (name, expected) in cases {
        let error = config_error(name);
        assert!(error.starts_with(expected), "{name}: {error}");
        assert!(!error.contains('\n'), "{name}: {error}");
    }
}

#[test]
fn the_default_config_is_the_built_in_one_and_binds_every_action() {
    let config = Config::from_toml(DEFAULT_CONFIG, "default").unwrap();
    assert_eq!(config.settings, ViewSettings::default());
    assert_eq!(config.theme, tread::config::theme::DARK);
    for &action in Action::ALL {
        assert!(
            !config.keymap.contexts_of(action).is_empty(),
            "{action:?} has no key in assets/config.toml"
        );
    }
    // Every action is spelled out in the file, so users can find them all.
    for &action in Action::ALL {
        assert!(
            DEFAULT_CONFIG.contains(&format!("\n{} = [", action.name())),
            "{}",
            action.name()
        );
    }
}

#[test]
fn user_keys_theme_and_layout_are_laid_over_the_defaults() {
    let config = load_file(&fixture("config/remap.toml")).unwrap();
    let keys = |context, action| config.keymap.keys_for(context, action);
    // Plain [keys]: replaces the action's keys where the defaults had them.
    assert_eq!(keys(Context::Global, Action::Quit), ["Q"]);
    assert_eq!(keys(Context::Global, Action::Search), ["Ctrl-s", "/"]);
    // [keys.comments]: that place only; the article keeps its own keys.
    assert_eq!(
        keys(Context::Comments, Action::NextComment),
        ["j", "Ctrl-j"]
    );
    assert_eq!(
        keys(Context::Article, Action::ScrollDown),
        ["j", "↓", "Ctrl-e", "Ctrl-n"]
    );
    // Untouched actions keep their defaults.
    assert_eq!(keys(Context::Global, Action::Help), ["?", "F1"]);
    assert_eq!(config.theme.author.fg, Some(Color::Rgb(0xaa, 0x33, 0x00)));
    assert_eq!(config.theme.search_match.bg, Some(Color::Indexed(208)));
    assert_eq!(
        config.theme.title_bar,
        tread::config::theme::LIGHT.title_bar
    );
    assert_eq!(config.settings.reading_width, 72);
    assert_eq!(config.settings.indent, 2);
    assert!(!config.settings.show_scores);
    assert!(config.settings.show_ages);
}

#[test]
fn a_key_the_user_binds_wins_over_a_default_of_the_same_key_in_every_place() {
    let config = load_file(&fixture("config/quit-on-x.toml")).unwrap();
    let keymap = &config.keymap;
    // `x` folds a thread in the comment pane by default; now it quits there
    // too, and the pane's hints and help no longer offer it for folding.
    for pane in [Context::Comments, Context::Article] {
        assert_eq!(
            keymap.lookup(&[pane, Context::Global], &[KeyPress::parse("x").unwrap()]),
            Lookup::Action(Action::Quit),
            "{pane:?}"
        );
    }
    assert!(
        keymap
            .keys_for(Context::Comments, Action::FoldThread)
            .is_empty()
    );
    assert_eq!(keymap.keys_for(Context::Global, Action::Quit), ["x"]);
    // Restating a default takes nothing away: `q` still closes the help.
    let restated = Config::from_toml("[keys]\nquit = [\"q\", \"x\"]\n", "restated").unwrap();
    assert_eq!(
        restated.keymap.lookup(
            &[Context::Help, Context::Global],
            &[KeyPress::parse("q").unwrap()]
        ),
        Lookup::Action(Action::CloseOverlay)
    );
    // A key that begins a default sequence (`g g`) waits for the next key
    // before it means itself.
    let prefix = Config::from_toml("[keys]\nhelp = [\"g\"]\n", "prefix").unwrap();
    assert_eq!(
        prefix.keymap.lookup(
            &[Context::Comments, Context::Global],
            &[KeyPress::parse("g").unwrap()]
        ),
        Lookup::Pending {
            alone: Some(Action::Help)
        }
    );
}

#[test]
fn the_help_screen_shows_a_remapped_key() {
    let config = load_file(&fixture("config/remap.toml")).unwrap();
    let document = formats::load(DEMO.as_bytes(), None).unwrap().document;
    let mut app = App::new(
        document,
        "demo".to_string(),
        config.keymap,
        Rect::new(0, 0, 100, 30),
    );
    app.theme = config.theme;
    app.settings = config.settings;
    app.update(Message::Resize {
        width: 100,
        height: 30,
    });
    app.update(Action::Help);
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(&app, frame.area()))
        .unwrap();
    let screen = terminal.backend().to_string();
    insta::assert_snapshot!(screen);
    assert!(screen.contains("Q  "), "{screen}");
    assert!(screen.contains("Ctrl-s, /"), "{screen}");
}

/// tread, with dates shown in UTC whatever the machine's zone.
fn tread() -> Command {
    let mut command = Command::cargo_bin("tread").unwrap();
    command.env("TZ", "UTC");
    command
}

#[test]
fn a_broken_config_stops_tread_with_one_line() {
    let path = fixture("config/unknown-action.toml");
    let output = tread()
        .env("TREAD_CONFIG", &path)
        .arg(common::fixture("crlf.txt"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr,
        format!(
            "tread: {}:4: \"fly\" is not an action (tread config --default lists them all)\n",
            path.display()
        )
    );
    // A config file named by TREAD_CONFIG must exist.
    let output = tread()
        .env("TREAD_CONFIG", "/nonexistent/tread.toml")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "tread: /nonexistent/tread.toml: no such file or directory\n"
    );
    let output = tread().args(["--theme", "neon"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8(output.stderr)
            .unwrap()
            .contains("--theme neon: not a theme (expected dark, light or mono)")
    );
}

#[test]
fn config_default_prints_a_config_that_reads_back() {
    let output = tread().args(["config", "--default"]).output().unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(text, DEFAULT_CONFIG);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, &text).unwrap();
    load_file(&path).unwrap();
    let output = tread()
        .arg("config")
        .env("TREAD_CONFIG", &path)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        format!("{}\n", path.display())
    );
}

#[test]
fn the_readme_documents_every_action_and_its_example_config_is_valid() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for &action in Action::ALL {
        let name = action.name();
        let numbered = name.trim_end_matches(|c: char| c.is_ascii_digit());
        let documented = readme.contains(&format!("`{name}`"))
            || readme.contains(&format!("`{numbered}1`…`{numbered}9`"));
        assert!(documented, "README does not list `{name}`");
    }
    let start = readme.find("```toml\n").expect("an example config") + "```toml\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let config = Config::from_toml(&readme[start..end], "README.md").unwrap();
    assert_eq!(
        config.keymap.keys_for(Context::Global, Action::Quit),
        ["Q", "Ctrl-c"]
    );
}
