//! The command line, as fixed in DESIGN.md: `tread [FILE]`, `tread dump`,
//! `tread convert`, `tread bookmarks`, `tread library`, `tread config`, and
//! what ships the rest (`tread completions`, `tread manpage`). Parsing only;
//! `main` dispatches.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::formats::Format;

#[derive(Debug, Parser)]
#[command(
    name = "tread",
    // The version and, built from a checkout, its commit (see build.rs).
    version = env!("TREAD_VERSION"),
    about = "A terminal reader for threaded discussions",
    long_about = LONG_ABOUT,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// The discussion to read: a file, an address, '-' for standard input, or nothing for the library
    pub file: Option<PathBuf>,
    /// A file read with FILE as one thread: a Mastodon status and its context
    #[arg(value_name = "CONTEXT")]
    pub second: Option<PathBuf>,

    /// Start at the top instead of where you left this document
    #[arg(long)]
    pub no_resume: bool,

    #[command(flatten)]
    pub input: InputOptions,

    /// Colours: dark, light or mono (overrides the config file and NO_COLOR)
    #[arg(long, value_name = "NAME")]
    pub theme: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// How the input is read, for every command that reads a document.
#[derive(Debug, Clone, Copy, Default, clap::Args)]
pub struct InputOptions {
    /// Read the input as this format instead of detecting it from the content
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Refuse input larger than SIZE once inflated (bytes, or with K, M or G; default 1G)
    #[arg(long, value_name = "SIZE", value_parser = crate::size::parse)]
    pub max_input: Option<u64>,
}

impl InputOptions {
    /// The input limit in force.
    pub fn limit(&self) -> u64 {
        self.max_input.unwrap_or(crate::source::DEFAULT_MAX_INPUT)
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the document as plain text with tree guides
    Dump {
        /// The discussion: a file, an address, '-' for standard input, or nothing for the demo
        file: Option<PathBuf>,
        /// A file read with FILE as one thread: a Mastodon status and its context
        #[arg(value_name = "CONTEXT")]
        second: Option<PathBuf>,
        /// Wrap to this many columns (default: the terminal's width, or 80)
        #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
        width: Option<u16>,
        /// For a link post, fetch the linked article and include it (its kept copy when offline)
        #[arg(long)]
        with_article: bool,
        #[command(flatten)]
        input: InputOptions,
    },
    /// Print the document in another format
    Convert {
        /// The discussion: a file, an address, '-' for standard input, or nothing for the demo
        file: Option<PathBuf>,
        /// A file read with FILE as one thread: a Mastodon status and its context
        #[arg(value_name = "CONTEXT")]
        second: Option<PathBuf>,
        /// The format to write
        #[arg(long, value_enum)]
        to: ConvertTarget,
        #[command(flatten)]
        input: InputOptions,
    },
    /// Manage bookmarks
    #[command(subcommand)]
    Bookmarks(BookmarksCommand),
    /// List the documents read recently, newest first
    Library {
        /// Print JSON for scripts
        #[arg(long)]
        json: bool,
    },
    /// Show where the config file is read from, or print the defaults
    Config {
        /// Print the default config, every option and key documented
        #[arg(long)]
        default: bool,
    },
    /// Print a shell's completion script for tread
    Completions {
        /// The shell to complete in
        shell: clap_complete::Shell,
    },
    /// Print the manual page, tread(1), as roff (`tread manpage | man -l -`)
    Manpage,
}

/// What `tread --help` and the man page say tread is.
/// Broken into lines by hand: clap prints it as it is.
const LONG_ABOUT: &str = "\
A terminal reader for threaded discussions: an article and the comments under
it, a Hacker News, Reddit or Lobsters thread, a forum topic, a mailing-list
thread, from a saved file or opened by its address. Fold and unfold threads,
move around the tree from the keyboard, and bookmark the passages to come back
to; bookmarks and reading positions are kept on disk.

With no FILE, tread opens the library of the documents read before (the
built-in demo on a first run).";

#[derive(Debug, Subcommand)]
pub enum BookmarksCommand {
    /// List every bookmark, grouped by document
    List {
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Bookmark a paragraph of the article or a comment; prints the new id
    Add {
        /// The discussion the bookmark belongs to
        file: PathBuf,
        /// article:N (paragraphs counted from 1) or comment:ID
        #[arg(long)]
        at: String,
        /// A note to keep with the bookmark
        #[arg(long)]
        note: Option<String>,
        #[command(flatten)]
        input: InputOptions,
    },
    /// Remove a bookmark by its id
    Remove {
        /// The bookmark's id, as `tread bookmarks list` shows it
        id: String,
    },
    /// Print all bookmarks as Markdown or JSON
    Export {
        /// What to write
        #[arg(long, value_enum, default_value = "markdown")]
        format: ExportFormat,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Markdown,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConvertTarget {
    /// tread's native JSON
    Json,
    /// The plain-text discussion format
    Text,
}
