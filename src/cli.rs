//! The command line, as fixed in DESIGN.md: `tread [FILE]`, `tread dump`,
//! `tread convert`. Parsing only; `main` dispatches.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::formats::Format;

#[derive(Debug, Parser)]
#[command(
    name = "tread",
    version,
    about = "A terminal reader for threaded discussions",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// The discussion to read: a file, '-' for standard input, or nothing for the demo
    pub file: Option<PathBuf>,

    /// Read the input as this format instead of detecting it from the content
    #[arg(long, global = true, value_enum)]
    pub format: Option<Format>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the document as plain text with tree guides
    Dump {
        /// The discussion: a file, '-' for standard input, or nothing for the demo
        file: Option<PathBuf>,
        /// Wrap to this many columns (default: the terminal's width, or 80)
        #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
        width: Option<u16>,
    },
    /// Print the document in another format
    Convert {
        /// The discussion: a file, '-' for standard input, or nothing for the demo
        file: Option<PathBuf>,
        /// The format to write
        #[arg(long, value_enum)]
        to: ConvertTarget,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConvertTarget {
    /// tread's native JSON
    Json,
    /// The plain-text discussion format
    Text,
}
