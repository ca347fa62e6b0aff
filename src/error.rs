//! The errors a command can end with. Each carries the name of the input it
//! concerns, so `main` prints one line: `tread: <name>: <why>`.

use crate::io_error::describe_io;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Source(#[from] crate::source::SourceError),
    #[error("{what}: {}", describe_io(source))]
    Write {
        what: String,
        source: std::io::Error,
    },
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Store(#[from] crate::store::StoreError),
    #[error("{0}")]
    Config(#[from] crate::config::ConfigError),
    #[error("standard output is not a terminal; to print the document use `tread dump`")]
    NotATerminal,
    #[error("terminal: {}", describe_io(source))]
    Terminal { source: std::io::Error },
}
