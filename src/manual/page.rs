//! `tread manpage`: tread(1) in roff. The name, synopsis, options and every
//! command's usage and options come from the clap definitions (through
//! clap_mangen), the keys from the default keymap; the files and the
//! environment are written here, from [`crate::environment`].

use clap::CommandFactory;
use clap_mangen::Man;
use roff::{Roff, bold, italic, roman};

use crate::cli::Cli;
use crate::environment::VARIABLES;

/// The whole page.
pub fn render() -> String {
    let mut command = Cli::command();
    command.build();
    let man = Man::new(command.clone()).title("TREAD");
    // Writing to memory cannot fail.
    let mut page = rendered(|out| man.render_title(out));
    for section in [
        Man::render_name_section,
        Man::render_synopsis_section,
        Man::render_description_section,
        Man::render_options_section,
    ] {
        page.push_str(&without_preamble(&rendered(|out| section(&man, out))));
    }
    page.push_str(&commands(&command));
    let mut roff = Roff::new();
    super::keys::section(&mut roff, &crate::config::default_keymap());
    files(&mut roff);
    environment(&mut roff);
    exit_status(&mut roff);
    page.push_str(&without_preamble(&roff.render()));
    page.push_str(&without_preamble(&rendered(|out| {
        man.render_version_section(out)
    })));
    page
}

/// What a clap_mangen or roff writer writes, as text.
fn rendered(write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut out = Vec::new();
    let _ = write(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// A rendered part without the lines that define the apostrophe string,
/// which every part starts with and the page needs once, at its top.
fn without_preamble(part: &str) -> String {
    part.lines()
        .filter(|line| !line.starts_with(".ie \\n(.g .ds Aq") && !line.starts_with(".el .ds Aq"))
        .map(|line| format!("{line}\n"))
        .collect()
}

/// COMMANDS: each subcommand, nested ones too, with its usage, what it
/// does and its options, in the order `tread --help` gives them.
fn commands(top: &clap::Command) -> String {
    let mut text = String::from(".SH COMMANDS\n");
    // An explicit stack, the first subcommand on top: preorder.
    let shared = valued_options(top);
    let mut stack = subcommands_reversed(top, "tread");
    while let Some((path, command)) = stack.pop() {
        if command.get_name() == "help" {
            continue;
        }
        let mut heading = Roff::new();
        heading.control("SS", [path.as_str()]);
        text.push_str(&heading.to_roff());
        let listed = as_listed(command, &shared, &path);
        let has_options = listed.get_arguments().any(|a| !a.is_hide_set());
        let man = Man::new(listed);
        let mut usage = rendered(|out| man.render_synopsis_section(out));
        usage.push_str(".PP\n");
        usage.push_str(&rendered(|out| man.render_description_section(out)));
        if has_options {
            usage.push_str(&rendered(|out| man.render_options_section(out)));
        }
        text.push_str(&without_headings(&without_preamble(&usage)));
        stack.extend(subcommands_reversed(command, &path));
    }
    text
}

/// A subcommand as COMMANDS lists it: under its full name, without the
/// `--help` every command has, and an option the top level shares (as
/// `--format`) without its values again.
fn as_listed(command: &clap::Command, shared: &[Valued], path: &str) -> clap::Command {
    command.clone().bin_name(path).mut_args(|arg| {
        let id = arg.get_id().to_string();
        if id == "help" {
            arg.hide(true)
        } else if shared.contains(&(id, values(&arg))) {
            let help = format!(
                "{} (values under OPTIONS)",
                arg.get_help().map(|h| h.to_string()).unwrap_or_default()
            );
            arg.hide_possible_values(true).help(help)
        } else {
            arg
        }
    })
}

/// An option's id and the values it takes, for those that take a list.
type Valued = (String, Vec<String>);

/// The options of `command` that take one of a list of values.
fn valued_options(command: &clap::Command) -> Vec<Valued> {
    command
        .get_arguments()
        .map(|arg| (arg.get_id().to_string(), values(arg)))
        .filter(|(_, values)| !values.is_empty())
        .collect()
}

fn values(arg: &clap::Arg) -> Vec<String> {
    let values = arg.get_possible_values();
    values.iter().map(|v| v.get_name().to_string()).collect()
}

/// `command`'s subcommands, last first, each with its full name.
fn subcommands_reversed<'a>(
    command: &'a clap::Command,
    path: &str,
) -> Vec<(String, &'a clap::Command)> {
    let mut found: Vec<_> = command
        .get_subcommands()
        .map(|c| (format!("{path} {}", c.get_name()), c))
        .collect();
    found.reverse();
    found
}

/// clap_mangen's sections with their `.SH` lines taken out, to sit under
/// a command's `.SS`.
fn without_headings(roff: &str) -> String {
    roff.lines()
        .filter(|line| !line.starts_with(".SH "))
        .map(|line| format!("{line}\n"))
        .collect()
}

/// FILES: the config file, the data directory and what is in it.
fn files(roff: &mut Roff) {
    roff.control("SH", ["FILES"]);
    let entries: [(&str, &str); 8] = [
        (
            "config.toml",
            "The config file: keys, theme, layout. TREAD_CONFIG names it; else it is in the \
             config folder: $XDG_CONFIG_HOME/tread/ (~/.config/tread/) on Linux, \
             ~/Library/Application Support/tread/ on macOS, %APPDATA%\\tread\\config\\ on \
             Windows. tread config says which file is read; tread config --default prints \
             every option with its default.",
        ),
        (
            "the data directory",
            "TREAD_DATA_DIR names it; else $XDG_DATA_HOME/tread/ (~/.local/share/tread/) on \
             Linux, ~/Library/Application Support/tread/ on macOS, %APPDATA%\\tread\\data\\ on \
             Windows. It holds the files below. tread --help shows the folders in use.",
        ),
        ("bookmarks.json", "The bookmarks, with their notes."),
        (
            "positions.json",
            "Where each document was left: the place, the folds, the order of replies.",
        ),
        (
            "seen.json",
            "The comments read of each thread, so that new ones are marked on the next visit.",
        ),
        (
            "library.json",
            "Every document opened in the reader, newest first (tread library).",
        ),
        (
            "cache/",
            "The library's kept copies of threads opened by their address, and of linked \
             articles, gzip-compressed, so that they open offline.",
        ),
        (
            "*.bak, *.lock",
            "Each file's last good copy, put back if the file is found damaged; and the lock \
             taken while a file is saved, so that two treads never overwrite each other's \
             changes.",
        ),
    ];
    for (name, about) in entries {
        roff.control("TP", []);
        roff.text([italic(name)]);
        roff.text([roman(about)]);
    }
}

/// ENVIRONMENT: every variable tread reads.
fn environment(roff: &mut Roff) {
    roff.control("SH", ["ENVIRONMENT"]);
    for variable in VARIABLES {
        roff.control("TP", []);
        roff.text([bold(variable.name)]);
        roff.text([roman(format!("{}.", variable.about))]);
    }
}

/// EXIT STATUS, as DESIGN.md fixes it.
fn exit_status(roff: &mut Roff) {
    roff.control("SH", ["EXIT STATUS"]);
    for (status, about) in [
        ("0", "Success."),
        (
            "1",
            "A runtime error, told in one line on standard error: tread: what: why.",
        ),
        ("2", "A usage error: an unknown option, a missing argument."),
    ] {
        roff.control("TP", []);
        roff.text([bold(status)]);
        roff.text([roman(about)]);
    }
}
