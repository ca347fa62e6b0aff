//! The end of `tread --help`: the config file and data directory this run
//! would use (as the environment says now), the variables that move them,
//! and where the keys and the rest are told.

use std::path::Path;

use crate::document::sanitize::clean_owned;
use crate::environment::VARIABLES;
use crate::store::Store;

/// The footer's text, as clap prints it after the options.
pub fn text() -> String {
    let config = match crate::config::config_path() {
        Some((path, named)) => {
            let from = if named { " (from TREAD_CONFIG)" } else { "" };
            let missing = if path.exists() {
                ""
            } else {
                " (not there: the defaults apply)"
            };
            format!("{}{from}{missing}", shown(&path))
        }
        None => "none on this system (set TREAD_CONFIG)".to_string(),
    };
    let data = match Store::from_env() {
        Ok(store) => {
            let named = std::env::var_os("TREAD_DATA_DIR").is_some_and(|d| !d.is_empty());
            let from = if named { " (from TREAD_DATA_DIR)" } else { "" };
            format!("{}{from}", shown(store.dir()))
        }
        Err(_) => "none on this system (set TREAD_DATA_DIR or HOME)".to_string(),
    };
    let width = VARIABLES.iter().map(|v| v.name.len()).max().unwrap_or(0);
    let variables: Vec<String> = VARIABLES
        .iter()
        .map(|v| format!("  {:width$}  {}", v.name, v.brief))
        .collect();
    format!(
        "Files in use:\n  \
         Config file     {config}\n  \
         Data directory  {data}\n                  \
         (bookmarks, reading positions, seen comments, the library and its kept copies)\n\n\
         Environment:\n{}\n\n\
         Keys: press ? in the reader for every key where you are.\n\
         Everything, keys and files included: tread manpage | man -l -",
        variables.join("\n")
    )
}

/// A path as the terminal may print it: control characters in a name
/// taken from the environment made harmless.
fn shown(path: &Path) -> String {
    clean_owned(path.display().to_string())
}
