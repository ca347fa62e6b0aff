//! The non-interactive commands: `tread dump` and `tread bookmarks`, which
//! print what a person or a script reads.

pub mod article;
pub mod bookmarks;
pub mod dump;
pub mod library;
