//! What tread says of itself outside the reader, generated so it cannot
//! drift: the man page, tread(1), from the clap definitions and the default
//! keymap ([`page`]); the shell completion scripts; and the end of `tread
//! --help`, naming the files and variables in force ([`footer`]).

pub mod footer;
mod keys;
pub mod page;

use clap::{CommandFactory, FromArgMatches};

use crate::cli::Cli;

/// `tread completions SHELL`: the shell's completion script for every
/// command and option. Made in memory: the generator panics when its
/// writer fails, and `tread completions bash | head` must not.
pub fn completions(shell: clap_complete::Shell) -> String {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "tread", &mut script);
    String::from_utf8_lossy(&script).into_owned()
}

/// The command line, parsed. Only when help is asked for is the command
/// made again with the top-level help's footer: finding the files in use
/// is work no other start needs. A usage error exits 2, as clap does.
pub fn parse_args() -> Cli {
    let matches = Cli::command().try_get_matches().or_else(|error| {
        if error.kind() == clap::error::ErrorKind::DisplayHelp {
            command().try_get_matches()
        } else {
            Err(error)
        }
    });
    matches
        .and_then(|matches| Cli::from_arg_matches(&matches))
        .unwrap_or_else(|error| error.exit())
}

/// The clap definitions with the end of the top-level help filled in from
/// the files and variables in force.
pub fn command() -> clap::Command {
    Cli::command().after_help(footer::text())
}
