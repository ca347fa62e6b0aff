//! The errors a command can end with. Each carries the name of the input it
//! concerns, so `main` prints one line: `tread: <name>: <why>`.

use crate::formats::LoadError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{name}: {}", describe_io(source))]
    Read {
        name: String,
        source: std::io::Error,
    },
    #[error("{name}: {source}")]
    Load { name: String, source: LoadError },
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

/// An I/O error in words, without Rust's "(os error 2)" suffix.
pub fn describe_io(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => "no such file or directory".to_string(),
        ErrorKind::PermissionDenied => "permission denied".to_string(),
        ErrorKind::IsADirectory => "is a directory, not a file".to_string(),
        ErrorKind::InvalidData => "not valid UTF-8".to_string(),
        _ => {
            let text = error.to_string();
            let text = match text.find(" (os error") {
                Some(cut) => &text[..cut],
                None => &text,
            };
            // "Input/output error" reads as the middle of our sentence.
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => String::new(),
            }
        }
    }
}
