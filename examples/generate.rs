//! Writes a generated thread to standard output, for trying the reader on
//! large files: `cargo run --release --example generate -- native 1000000 > big.json`
//! (formats: native, hn, reddit, text).

use std::io::Write;

use tread::formats::{native, text};
use tread::synthetic;

fn main() {
    let mut args = std::env::args().skip(1);
    let format = args.next().unwrap_or_else(|| "native".to_string());
    let comments: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(100_000);
    let document = synthetic::discussion(comments);
    let out = match format.as_str() {
        "native" => native::write(&document),
        "hn" => synthetic::hn_algolia_json_of(&document),
        "reddit" => synthetic::reddit_json(&document),
        "text" => text::write(&document),
        other => {
            eprintln!("generate: unknown format {other} (native, hn, reddit, text)");
            std::process::exit(2);
        }
    };
    std::io::stdout()
        .lock()
        .write_all(out.as_bytes())
        .expect("standard output takes the thread");
}
