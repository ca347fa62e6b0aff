//! The `tread bookmarks` commands: list, add, remove and export, printing
//! what a person or a script reads. The reader shares the store underneath.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;

use crate::bookmarks::{self, Bookmark, BookmarkFile, Target};
use crate::error::Error;
use crate::source::InputSource;
use crate::store::Store;
use crate::store::json_file::Loaded;

/// Reports a recovered corrupt file once, on stderr.
fn warn_recovery<T>(loaded: &Loaded<T>) {
    if let Some(message) = &loaded.recovery {
        let message = crate::document::sanitize::clean(message);
        let _ = writeln!(std::io::stderr(), "tread: warning: {message}");
    }
}

fn load(store: &Store) -> Result<BookmarkFile, Error> {
    let loaded = store.file::<BookmarkFile>().load()?;
    warn_recovery(&loaded);
    Ok(loaded.value)
}

/// Bookmarks grouped by document, in the order documents were first bookmarked.
fn grouped(file: &BookmarkFile) -> Vec<(&str, Vec<&Bookmark>)> {
    let mut order: Vec<&str> = Vec::new();
    let mut groups: BTreeMap<&str, Vec<&Bookmark>> = BTreeMap::new();
    for bookmark in &file.bookmarks {
        let key = bookmark.document.as_str();
        if !groups.contains_key(key) {
            order.push(key);
        }
        groups.entry(key).or_default().push(bookmark);
    }
    order
        .into_iter()
        .map(|key| (key, groups.remove(key).unwrap_or_default()))
        .collect()
}

pub fn list(store: &Store, json: bool, now: i64) -> Result<String, Error> {
    let file = load(store)?;
    if json {
        let mut text = serde_json::to_string_pretty(&file.bookmarks).expect("bookmarks serialize");
        text.push('\n');
        return Ok(text);
    }
    if file.bookmarks.is_empty() {
        return Ok("No bookmarks yet.\n".to_string());
    }
    let mut out = String::new();
    for (index, (_, marks)) in grouped(&file).into_iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let first = marks[0];
        let _ = writeln!(out, "{}", first.title);
        if let Some(path) = marks.iter().rev().find_map(|b| b.path.as_deref()) {
            let _ = writeln!(out, "  {path}");
        }
        for bookmark in marks {
            let age = crate::age::short_age(bookmark.created, now);
            let _ = writeln!(out, "  [{}] {} · {age}", bookmark.id, bookmark.location());
            for line in bookmark.excerpt.lines() {
                let _ = writeln!(out, "{}", format!("    > {line}").trim_end());
            }
            if let Some(note) = &bookmark.note {
                let _ = writeln!(out, "    note: {note}");
            }
        }
    }
    Ok(out)
}

/// Parses `article:N` (N from 1) or `comment:ID`.
pub fn parse_at(at: &str) -> Result<Target, Error> {
    let bad = || {
        Error::Usage(format!(
            "--at {at}: expected article:N (paragraphs counted from 1) or comment:ID"
        ))
    };
    match at.split_once(':') {
        Some(("article", n)) => {
            let n: usize = n.parse().map_err(|_| bad())?;
            if n == 0 {
                return Err(bad());
            }
            Ok(Target::Article { block: n - 1 })
        }
        Some(("comment", id)) if !id.is_empty() => Ok(Target::Comment {
            id: id.to_string(),
            block: 0,
        }),
        _ => Err(bad()),
    }
}

pub fn add(
    store: &Store,
    source: &InputSource,
    document: &crate::document::Document,
    target: Target,
    note: Option<String>,
    now: i64,
) -> Result<String, Error> {
    let name = source.display_name();
    let path = source.absolute_path();
    let described = match &target {
        Target::Article { block } => format!("article:{}", block + 1),
        Target::Comment { id, .. } => format!("comment:{id}"),
    };
    let stamp = bookmarks::IdSource::new(bookmarks::id_seed()).stamp(now);
    let bookmark = bookmarks::make(document, path, target, None, note, stamp)
        .ok_or_else(|| Error::Usage(format!("{name}: there is no {described} in this document")))?;
    let id = bookmark.id.clone();
    let (loaded, ()) = store
        .file::<BookmarkFile>()
        .update(|file| file.add(bookmark))?;
    warn_recovery(&loaded);
    Ok(format!("{id}\n"))
}

pub fn remove(store: &Store, id: &str) -> Result<String, Error> {
    let (loaded, removed) = store
        .file::<BookmarkFile>()
        .update(|file| file.remove(id))?;
    warn_recovery(&loaded);
    match removed {
        Some(bookmark) => Ok(format!(
            "removed {} ({})\n",
            bookmark.id,
            bookmark.location()
        )),
        None => Err(Error::Usage(format!("no bookmark with id {id}"))),
    }
}

pub fn export_markdown(store: &Store) -> Result<String, Error> {
    let file = load(store)?;
    Ok(markdown(&file))
}

/// One section per document (title and path), each bookmark a blockquote of
/// its excerpt followed by its note and location.
pub fn markdown(file: &BookmarkFile) -> String {
    let mut out = String::from("# Bookmarks\n");
    for (key, marks) in grouped(file) {
        let _ = writeln!(out, "\n## {}\n", marks[0].title);
        let path = marks.iter().rev().find_map(|b| b.path.as_deref());
        let _ = writeln!(out, "{}\n", path.unwrap_or(key));
        for bookmark in marks {
            for line in bookmark.excerpt.lines() {
                let _ = writeln!(out, "{}", format!("> {line}").trim_end());
            }
            let where_ = bookmark.location();
            match &bookmark.note {
                Some(note) => {
                    let _ = writeln!(out, "\n{note} — {where_}\n");
                }
                None => {
                    let _ = writeln!(out, "\n— {where_}\n");
                }
            }
        }
    }
    out
}

pub fn export_json(store: &Store) -> Result<String, Error> {
    list(store, true, 0)
}
