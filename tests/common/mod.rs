//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

use tread::document::{BlockKind, Document};
use tread::formats::{self, Format};

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A file in ../shared, beside the checkout.
pub fn shared(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(relative)
}

pub fn load_path(path: &std::path::Path, format: Option<Format>) -> Document {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    formats::load(&bytes, format)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .document
}

pub fn load_fixture(name: &str) -> Document {
    load_path(&fixture(name), None)
}

/// (depth, author) of every comment in preorder.
pub fn tree(document: &Document) -> Vec<(u32, String)> {
    document
        .comments
        .iter()
        .map(|(_, c)| (c.depth, c.author.as_deref().unwrap_or_default().to_string()))
        .collect()
}

pub fn kinds(blocks: &[tread::document::Block]) -> Vec<BlockKind> {
    blocks.iter().map(|b| b.kind).collect()
}

/// A native document with a reply chain `depth` comments deep.
pub fn deep_chain_json(depth: usize) -> String {
    tread::formats::native::write(&tread::synthetic::chain(depth))
}
