//! tread: a terminal reader for threaded discussions.
//!
//! Data flows one way:
//!
//! ```text
//! source ──bytes──▶ formats::load ──▶ Document ──layout/wrap──▶ lines ──dump / ui──▶ output
//! ```
//!
//! * [`source`] reads a file or standard input as a stream: gzip is
//!   inflated on the way, binary data is refused from its first 8 KiB, and
//!   nothing larger than the input limit is ever held.
//! * [`formats`] detects the format by content and builds an immutable
//!   [`document::Document`]; every string is cleaned by
//!   [`document::sanitize`] on the way in.
//! * Comments live in one preorder arena indexed by [`document::CommentId`];
//!   no code recurses over the tree.
//! * [`wrap`] measures and wraps text by grapheme width; [`layout`] turns a
//!   block into decorated lines; [`dump`] prints a whole document.
//! * The interactive reader: [`reader`] turns terminal events into
//!   [`app::Message`]s (keys through the keymap, counts and sequences);
//!   [`app::App::update`] is the only place state changes, and queues what
//!   must touch the disk as effects; [`ui`] draws an `&App`.
//! * [`config`] lays the user's `config.toml` (keys, theme, layout) over the
//!   defaults in `assets/config.toml`; [`store`] keeps bookmarks, reading
//!   positions and seen comments in the data directory.

pub mod age;
pub mod app;
pub mod bookmarks;

pub mod cli;
pub mod commands;
pub mod config;
pub mod dirs;
pub mod document;
pub mod error;
pub mod fnv;
pub mod formats;
pub mod fuzzing;
pub mod input;
pub mod io_error;

pub mod outline;
pub mod tui;

pub mod size;
pub mod source;
pub mod store;
pub mod synthetic;

pub mod text;
pub mod ui;
