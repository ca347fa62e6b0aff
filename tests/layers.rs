//! The code's shape (DESIGN.md, "Module layout"): the modules' imports run
//! one way (each top-level module of the library may use only the modules
//! listed for it here, and the list itself has no circle), no source file
//! is over 500 lines and no function over 60. Read from the source, outside
//! comments and test code, so a `use` that runs back up the layers or a
//! file that grows into a second `app.rs` fails here first.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each module and the modules it may import, lowest layers first.
const ALLOWED: &[(&str, &[&str])] = &[
    ("age", &[]),
    ("dirs", &[]),
    ("environment", &[]),
    ("fnv", &[]),
    ("io_error", &[]),
    ("size", &[]),
    ("input", &[]),
    ("document", &["fnv"]),
    ("synthetic", &["document"]),
    ("formats", &["age", "document", "size"]),
    ("net", &["age", "formats", "io_error", "size"]),
    ("store", &["dirs", "document", "fnv", "io_error"]),
    (
        "source",
        &["document", "formats", "io_error", "net", "store"],
    ),
    ("text", &["document"]),
    ("outline", &["document"]),
    ("config", &["dirs", "input", "io_error"]),
    ("bookmarks", &["document", "fnv", "store"]),
    (
        "app",
        &[
            "age",
            "bookmarks",
            "config",
            "document",
            "input",
            "outline",
            "text",
        ],
    ),
    (
        "ui",
        &[
            "age",
            "app",
            "bookmarks",
            "config",
            "document",
            "input",
            "text",
        ],
    ),
    (
        "tui",
        &[
            "age",
            "app",
            "bookmarks",
            "config",
            "document",
            "input",
            "net",
            "store",
            "ui",
        ],
    ),
    ("error", &["config", "io_error", "source", "store"]),
    (
        "commands",
        &[
            "age",
            "bookmarks",
            "document",
            "error",
            "formats",
            "source",
            "store",
            "text",
        ],
    ),
    ("cli", &["formats", "size", "source"]),
    ("opening", &["app", "cli", "formats", "source", "tui"]),
    (
        "manual",
        &[
            "app",
            "cli",
            "config",
            "document",
            "environment",
            "input",
            "store",
        ],
    ),
    (
        "fuzzing",
        &[
            "app",
            "bookmarks",
            "commands",
            "config",
            "document",
            "formats",
            "net",
            "source",
            "store",
        ],
    ),
];

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The crate modules `source` names (`crate::x`, `crate::{x, y}`), leaving
/// out comments and everything from the first `#[cfg(test)]` on.
fn imports(source: &str) -> BTreeSet<String> {
    let code = source.split("#[cfg(test)]").next().unwrap_or_default();
    let mut names = BTreeSet::new();
    for line in code.lines().map(str::trim).filter(|l| !l.starts_with("//")) {
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let group = rest
                .strip_prefix('{')
                .map(|g| g.split('}').next().unwrap_or(""));
            let words: Vec<&str> = match group {
                Some(group) => group.split(',').collect(),
                None => vec![rest],
            };
            for word in words {
                let name: String = word
                    .trim()
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    names.insert(name);
                }
            }
        }
    }
    names
}

#[test]
fn imports_run_one_way() {
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = Vec::new();
    for (file, is_test) in library_files() {
        let relative = file.strip_prefix(&src).unwrap();
        let module = relative.components().next().unwrap().as_os_str();
        let module = module.to_str().unwrap().trim_end_matches(".rs");
        if matches!(module, "lib" | "main") || is_test {
            continue;
        }
        let Some(may) = allowed.get(module) else {
            wrong.push(format!("{module}: not in the table of layers"));
            continue;
        };
        let text = std::fs::read_to_string(&file).unwrap();
        for name in imports(&text) {
            if name != module && !may.contains(&name.as_str()) {
                wrong.push(format!("{}: imports {name}", relative.display()));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the layers:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_layers_have_no_circle() {
    // Each module may only import modules listed before it.
    let mut seen: Vec<&str> = Vec::new();
    for (module, may) in ALLOWED {
        for name in *may {
            assert!(
                seen.contains(name),
                "{module} imports {name}, which comes later"
            );
        }
        seen.push(module);
    }
}

#[test]
fn imports_are_read_from_paths_groups_and_not_comments() {
    let names = imports(
        "use crate::document::Block;\nuse crate::{app, text::wrap};\n// crate::ui in a comment\nfn f() { crate::age::now(); }\n#[cfg(test)]\nmod tests { use crate::tui; }\n",
    );
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    assert_eq!(names, ["age", "app", "document", "text"]);
}

/// Library files and whether each is test code (a `tests` module's file).
fn library_files() -> Vec<(PathBuf, bool)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files
        .into_iter()
        .map(|file| {
            let relative = file.strip_prefix(&src).unwrap().to_path_buf();
            let is_test = relative.components().any(|c| c.as_os_str() == "tests")
                || relative.file_name().is_some_and(|n| n == "tests.rs");
            (file, is_test)
        })
        .collect()
}

#[test]
fn no_source_file_is_over_500_lines() {
    let long: Vec<String> = library_files()
        .into_iter()
        .filter_map(|(file, _)| {
            let lines = std::fs::read_to_string(&file).unwrap().lines().count();
            (lines > 500).then(|| format!("{}: {lines} lines", file.display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "files over 500 lines:\n{}",
        long.join("\n")
    );
}

/// Functions longer than `limit` lines in rustfmt-formatted `source`, as
/// (first line, name, length): a function runs from its `fn` line to the
/// first `}` at the same indentation. Test code is left out.
fn long_functions(source: &str, limit: usize) -> Vec<(usize, String, usize)> {
    let code = source.split("#[cfg(test)]").next().unwrap_or_default();
    let lines: Vec<&str> = code.lines().collect();
    let mut long = Vec::new();
    for (start, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let Some(at) = trimmed.find("fn ") else {
            continue;
        };
        let before = &trimmed[..at];
        let is_item = before.split_whitespace().all(|word| {
            matches!(word, "pub" | "const" | "unsafe" | "async") || word.starts_with("pub(")
        });
        if !is_item || trimmed.ends_with(';') || trimmed.ends_with('}') {
            continue;
        }
        let indent = line.len() - trimmed.len();
        let closing = format!("{}}}", " ".repeat(indent));
        let Some(length) = lines[start..].iter().position(|l| *l == closing) else {
            continue;
        };
        if length + 1 > limit {
            let name = trimmed[at + 3..]
                .split(['(', '<'])
                .next()
                .unwrap_or("")
                .to_string();
            long.push((start + 1, name, length + 1));
        }
    }
    long
}

#[test]
fn no_function_is_over_60_lines_outside_tests() {
    let mut long = Vec::new();
    for (file, is_test) in library_files() {
        if is_test {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for (line, name, length) in long_functions(&text, 60) {
            long.push(format!("{}:{line}: {name}, {length} lines", file.display()));
        }
    }
    assert!(
        long.is_empty(),
        "functions over 60 lines:\n{}",
        long.join("\n")
    );
}

#[test]
fn function_lengths_are_counted_from_fn_to_its_closing_brace() {
    let body: String = (0..61).map(|_| "    x();\n").collect();
    let source = format!(
        "pub(crate) fn long() {{\n{body}}}\n\nfn short() {{\n    y();\n}}\n\nimpl A {{\n    fn inner(&self) {{\n{body}    }}\n}}\n#[cfg(test)]\nfn test_code() {{\n{body}}}\n"
    );
    let found: Vec<(String, usize)> = long_functions(&source, 60)
        .into_iter()
        .map(|(_, name, length)| (name, length))
        .collect();
    assert_eq!(found, [("long".to_string(), 63), ("inner".to_string(), 63)]);
}
