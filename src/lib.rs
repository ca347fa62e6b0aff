//! tread: a terminal reader for threaded discussions.
//!
//! Data flows one way:
//!
//! ```text
//! bytes ──formats::load──▶ Document ──layout/wrap──▶ lines ──dump / ui──▶ output
//! ```
//!
//! * [`formats`] detects the format by content and builds an immutable
//!   [`document::Document`]; every string is cleaned by
//!   [`document::sanitize`] on the way in.
//! * Comments live in one preorder arena indexed by [`document::CommentId`];
//!   no code recurses over the tree.
//! * [`wrap`] measures and wraps text by grapheme width; [`layout`] turns a
//!   block into decorated lines; [`dump`] prints a whole document.

pub mod age;
pub mod app;
pub mod bookmarks_cmd;
pub mod cli;
pub mod config;
pub mod document;
pub mod dump;
pub mod error;
pub mod formats;
pub mod input;
pub mod layout;
pub mod outline;
pub mod reader;
pub mod store;
pub mod synthetic;
pub mod terminal;
pub mod tree_guides;
pub mod ui;
pub mod wrap;
