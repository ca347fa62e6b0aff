//! `tread library`: the documents read recently, newest first, as a person
//! reads them or (`--json`) as a script does.

use std::fmt::Write as _;

use serde::Serialize;

use crate::bookmarks::BookmarkFile;
use crate::error::Error;
use crate::store::Store;
use crate::store::library::{LibraryEntry, LibraryFile};

/// An entry as `--json` prints it: the library's, with its key and its
/// bookmark count.
#[derive(Serialize)]
struct Listed<'a> {
    key: &'a str,
    #[serde(flatten)]
    entry: &'a LibraryEntry,
    bookmarks: usize,
}

pub fn list(store: &Store, json: bool, now: i64) -> Result<String, Error> {
    let library = store.file::<LibraryFile>().load()?.value;
    let bookmarks = store.file::<BookmarkFile>().load()?.value;
    let marks = bookmarks.counts();
    let listed: Vec<Listed> = library
        .newest_first()
        .into_iter()
        .map(|(key, entry)| Listed {
            key,
            entry,
            bookmarks: marks.get(entry.doc_key.as_str()).copied().unwrap_or(0),
        })
        .collect();
    if json {
        let mut text = serde_json::to_string_pretty(&listed).expect("the library serializes");
        text.push('\n');
        return Ok(text);
    }
    if listed.is_empty() {
        return Ok(
            "The library is empty: documents opened in the reader are listed here.\n".into(),
        );
    }
    let mut out = String::new();
    for item in listed {
        let entry = item.entry;
        let clean = crate::document::sanitize::clean;
        let _ = writeln!(out, "{}", clean(&entry.title));
        let mut details = vec![
            clean(&entry.site).into_owned(),
            count(entry.comments, "comment", "comments"),
            format!("read {}", crate::age::short_age(entry.read_at, now)),
        ];
        if item.bookmarks > 0 {
            details.push(count(item.bookmarks, "bookmark", "bookmarks"));
        }
        let _ = writeln!(out, "  {}", clean(&entry.source));
        let _ = writeln!(out, "  {}", details.join(" · "));
    }
    Ok(out)
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
