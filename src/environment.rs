//! The environment variables tread reads, named and described once, for
//! `tread --help` and the man page (a test checks that every variable the
//! source reads is here).

/// A variable tread reads, and what it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Variable {
    pub name: &'static str,
    /// A few words, for `--help`.
    pub brief: &'static str,
    /// A sentence, for the man page.
    pub about: &'static str,
}

/// Every variable tread reads, tread's own first.
pub const VARIABLES: &[Variable] = &[
    Variable {
        name: "TREAD_DATA_DIR",
        brief: "the data directory",
        about: "The data directory: bookmarks, reading positions, seen comments, the library \
                and its kept copies",
    },
    Variable {
        name: "TREAD_CONFIG",
        brief: "the config file",
        about: "The config file (it must exist when named)",
    },
    Variable {
        name: "TREAD_HN_API",
        brief: "Hacker News's API",
        about: "Where Hacker News threads are fetched from (the Algolia API's base address)",
    },
    Variable {
        name: "TREAD_REDDIT_API",
        brief: "Reddit's API",
        about: "Where Reddit threads are fetched from",
    },
    Variable {
        name: "TREAD_LOBSTERS_API",
        brief: "Lobsters' API",
        about: "Where Lobsters threads are fetched from",
    },
    Variable {
        name: "TREAD_GITHUB_API",
        brief: "GitHub's API",
        about: "Where GitHub issues and pull requests are fetched from (the REST API's base)",
    },
    Variable {
        name: "NO_COLOR",
        brief: "no colours",
        about: "When set and not empty, the mono theme (no colours) unless --theme says otherwise",
    },
    Variable {
        name: "BROWSER",
        brief: "opens links",
        about: "The program links and permalinks open in, instead of xdg-open (open on \
                macOS); a %s in it marks where the address goes",
    },
    Variable {
        name: "PAGER",
        brief: "reads a comment",
        about: "The pager the selected comment or paragraph is read in (default less)",
    },
    Variable {
        name: "XDG_DATA_HOME",
        brief: "the data directory's parent",
        about: "On Linux, the data directory's parent when TREAD_DATA_DIR is not set \
                (default ~/.local/share)",
    },
    Variable {
        name: "XDG_CONFIG_HOME",
        brief: "the config file's folder's parent",
        about: "On Linux, the config file's folder's parent when TREAD_CONFIG is not set \
                (default ~/.config)",
    },
    Variable {
        name: "HOME",
        brief: "the default folders' home",
        about: "Where the default data and config folders are",
    },
];
