//! Which discussion an address names: Hacker News, Reddit, Lobsters,
//! GitHub by their hosts; Discourse and Mastodon on any host, by the shape
//! of their paths.

use url::Url;

use super::NetError;
use crate::formats::Format;

/// A discussion tread can fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Address {
    Hn {
        id: u64,
    },
    /// `comment`: the comment a permalink points at, without its `t1_`.
    Reddit {
        id: String,
        comment: Option<String>,
    },
    Lobsters {
        id: String,
    },
    /// `origin`: the forum's `https://host[:port]`, as the API is there.
    Discourse {
        origin: String,
        id: u64,
    },
    Mastodon {
        origin: String,
        id: String,
    },
    Github {
        owner: String,
        repo: String,
        number: u64,
    },
}

/// Whether `text` is a web address rather than a file name.
pub fn is_address(text: &str) -> bool {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

impl Address {
    /// The discussion `text` names, or why it names none tread knows.
    pub fn parse(text: &str) -> Result<Address, NetError> {
        let url = Url::parse(text.trim()).map_err(|error| NetError::BadAddress {
            address: text.to_string(),
            why: error.to_string(),
        })?;
        let host = url.host_str().unwrap_or("").to_ascii_lowercase();
        let host = host.strip_prefix("www.").unwrap_or(&host);
        let segments: Vec<&str> = url
            .path_segments()
            .map(|s| s.filter(|s| !s.is_empty()).collect())
            .unwrap_or_default();
        let found = match host {
            "news.ycombinator.com" => hn(&url),
            "reddit.com" | "old.reddit.com" | "new.reddit.com" | "np.reddit.com" => {
                reddit(&segments)
            }
            "redd.it" => segments.first().map(|id| Address::Reddit {
                id: id.to_string(),
                comment: None,
            }),
            "lobste.rs" => lobsters(&segments),
            "github.com" => github(&segments),
            _ => discourse(&url, &segments).or_else(|| mastodon(&url, &segments)),
        };
        found.ok_or_else(|| NetError::NotADiscussion {
            address: text.to_string(),
        })
    }

    /// The key of the comment the address points at, as the importer
    /// names it (Reddit's `t1_…`).
    pub fn comment_key(&self) -> Option<String> {
        match self {
            Address::Reddit {
                comment: Some(comment),
                ..
            } => Some(format!("t1_{comment}")),
            _ => None,
        }
    }

    /// The format the site's thread arrives in.
    pub fn format(&self) -> Format {
        match self {
            Address::Hn { .. } => Format::Hn,
            Address::Reddit { .. } => Format::Reddit,
            Address::Lobsters { .. } => Format::Lobsters,
            Address::Discourse { .. } => Format::Discourse,
            Address::Mastodon { .. } => Format::Mastodon,
            Address::Github { .. } => Format::Github,
        }
    }

    /// The site's host, for messages.
    pub fn host(&self) -> String {
        match self {
            Address::Hn { .. } => "news.ycombinator.com".to_string(),
            Address::Reddit { .. } => "reddit.com".to_string(),
            Address::Lobsters { .. } => "lobste.rs".to_string(),
            Address::Github { .. } => "github.com".to_string(),
            Address::Discourse { origin, .. } | Address::Mastodon { origin, .. } => {
                origin.split("://").nth(1).unwrap_or(origin).to_string()
            }
        }
    }

    /// A key that is the same however the address was written (`old.` or
    /// `www.`, a slug or none), for the library.
    pub fn key(&self) -> String {
        match self {
            Address::Hn { id } => format!("hn:{id}"),
            Address::Reddit { id, .. } => format!("reddit:{id}"),
            Address::Lobsters { id } => format!("lobsters:{id}"),
            Address::Discourse { origin, id } => format!("discourse:{origin}/t/{id}"),
            Address::Mastodon { origin, id } => format!("mastodon:{origin}/{id}"),
            Address::Github {
                owner,
                repo,
                number,
            } => format!("github:{owner}/{repo}#{number}"),
        }
    }
}

fn hn(url: &Url) -> Option<Address> {
    if url.path() != "/item" {
        return None;
    }
    let id = url.query_pairs().find(|(k, _)| k == "id")?.1.parse().ok()?;
    Some(Address::Hn { id })
}

/// `/r/SUB/comments/ID/SLUG/COMMENT`, `/comments/ID`.
fn reddit(segments: &[&str]) -> Option<Address> {
    let at = segments.iter().position(|&s| s == "comments")?;
    let id = segments.get(at + 1)?;
    let comment = segments.get(at + 3).map(|c| c.to_string());
    id.bytes()
        .all(|b| b.is_ascii_alphanumeric())
        .then(|| Address::Reddit {
            id: id.to_string(),
            comment,
        })
}

/// `/s/ID/SLUG`.
fn lobsters(segments: &[&str]) -> Option<Address> {
    match segments {
        ["s", id, ..] => Some(Address::Lobsters {
            id: id.trim_end_matches(".json").to_string(),
        }),
        _ => None,
    }
}

/// `/OWNER/REPO/issues/N`, `/OWNER/REPO/pull/N`.
fn github(segments: &[&str]) -> Option<Address> {
    match segments {
        [owner, repo, "issues" | "pull", number, ..] => Some(Address::Github {
            owner: owner.to_string(),
            repo: repo.to_string(),
            number: number.parse().ok()?,
        }),
        _ => None,
    }
}

fn origin(url: &Url) -> String {
    url.origin().ascii_serialization()
}

/// `/t/SLUG/ID`, `/t/SLUG/ID/POST`, `/t/ID`.
fn discourse(url: &Url, segments: &[&str]) -> Option<Address> {
    let id = match segments {
        ["t", slug_or_id] => slug_or_id.parse().ok()?,
        ["t", _slug, id, ..] => id.trim_end_matches(".json").parse().ok()?,
        _ => return None,
    };
    Some(Address::Discourse {
        origin: origin(url),
        id,
    })
}

/// `/@USER/ID`, `/@USER@HOST/ID`, `/users/USER/statuses/ID`.
fn mastodon(url: &Url, segments: &[&str]) -> Option<Address> {
    let id = match segments {
        [user, id] if user.starts_with('@') => id,
        ["users", _, "statuses", id] => id,
        _ => return None,
    };
    id.bytes()
        .all(|b| b.is_ascii_alphanumeric())
        .then(|| Address::Mastodon {
            origin: origin(url),
            id: id.to_string(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Address {
        Address::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn every_site_by_its_address() {
        assert_eq!(
            parsed("https://news.ycombinator.com/item?id=8828543"),
            Address::Hn { id: 8828543 }
        );
        for reddit in [
            "https://www.reddit.com/r/rust/comments/1cebxh/some_title/",
            "https://old.reddit.com/r/rust/comments/1cebxh",
            "https://redd.it/1cebxh",
        ] {
            assert_eq!(
                parsed(reddit),
                Address::Reddit {
                    id: "1cebxh".into(),
                    comment: None
                },
                "{reddit}"
            );
        }
        assert_eq!(
            parsed("https://new.reddit.com/r/rust/comments/1cebxh/title/c9fy3ab/"),
            Address::Reddit {
                id: "1cebxh".into(),
                comment: Some("c9fy3ab".into())
            }
        );
        assert_eq!(
            parsed("https://lobste.rs/s/dbm2d4/some_story"),
            Address::Lobsters {
                id: "dbm2d4".into()
            }
        );
        assert_eq!(
            parsed("https://meta.discourse.org/t/some-topic/2144/21"),
            Address::Discourse {
                origin: "https://meta.discourse.org".into(),
                id: 2144
            }
        );
        assert_eq!(
            parsed("https://mastodon.social/@Gargron/109999"),
            Address::Mastodon {
                origin: "https://mastodon.social".into(),
                id: "109999".into()
            }
        );
        assert_eq!(
            parsed("https://github.com/ratatui/ratatui/pull/1234"),
            Address::Github {
                owner: "ratatui".into(),
                repo: "ratatui".into(),
                number: 1234
            }
        );
    }

    #[test]
    fn other_pages_are_not_discussions() {
        for page in [
            "https://example.com/article",
            "https://news.ycombinator.com/news",
            "https://github.com/ratatui/ratatui",
            "https://lobste.rs/",
        ] {
            let error = Address::parse(page).unwrap_err().to_string();
            assert!(
                error.contains("not a discussion tread knows"),
                "{page}: {error}"
            );
        }
        assert!(matches!(
            Address::parse("https://exa mple.com"),
            Err(NetError::BadAddress { .. })
        ));
        assert!(is_address("HTTPS://x.org") && is_address("http://127.0.0.1:8/"));
        assert!(!is_address("thread.json") && !is_address("https"));
    }
}
