//! tread: a terminal reader for threaded discussions.
//!
//! Data flows one way:
//!
//! ```text
//! source ──bytes──▶ formats::load ──▶ Document ──text──▶ lines ──commands / ui──▶ output
//! ```
//!
//! * [`source`] reads a file or standard input as a stream: gzip is
//!   inflated on the way, binary data is refused from its first 8 KiB, and
//!   nothing larger than the input limit is ever held.
//! * [`formats`] detects the format by content and builds an immutable
//!   [`document::Document`]; every string is cleaned by
//!   [`document::sanitize`] on the way in.
//! * Comments live in one preorder arena indexed by [`document::CommentId`];
//!   no code recurses over the tree. [`outline`] keeps the folds.
//! * [`text`] measures and wraps text by grapheme width, turns a block into
//!   decorated lines and draws the tree guides, for [`commands`] (`tread
//!   dump`) and the reader's [`ui`] alike.
//! * The interactive reader: [`tui`] owns the terminal, the clock and the
//!   disk; it turns terminal events into [`app::Message`]s (keys through the
//!   [`input`] keymap, counts and sequences), [`app::App::update`] is the
//!   only place state changes and queues what must reach the world as
//!   effects, and [`ui`] draws an `&App`.
//! * A large file opens in parts ([`opening`]): a preview of its first
//!   megabyte ([`formats::stream`]) is on screen at once, and the rest
//!   arrives from a thread as messages, comments appended in preorder.
//! * [`config`] lays the user's `config.toml` (keys, theme, layout) over the
//!   defaults in `assets/config.toml`; [`bookmarks`] makes and re-finds
//!   bookmarks; [`store`] keeps them, reading positions and seen comments
//!   in the data directory.
//!
//! Imports run one way: `document` ← `formats` ← `source`; `text`,
//! `input`, `config`, `bookmarks` ← `app` ← `ui` ← `tui`; `store` is
//! reached by `bookmarks`, `tui` and `commands`, never by `app`.
//! `tests/layers.rs` holds the table of what each module may use.

pub mod age;
pub mod app;
pub mod bookmarks;
pub mod cli;
pub mod commands;
pub mod config;
pub mod dirs;
pub mod document;
pub mod environment;
pub mod error;
pub mod fnv;
pub mod formats;
pub mod fuzzing;
pub mod input;
pub mod io_error;
pub mod manual;
pub mod net;
pub mod opening;
pub mod outline;
pub mod size;
pub mod source;
pub mod store;
pub mod synthetic;
pub mod text;
pub mod tui;
pub mod ui;
