//! Discussions fetched by their address: which site an address names
//! (`address`), HTTP as tread does it (`http`), and the requests each site
//! needs for a whole thread, joined into one document its importer reads
//! (`sites`), and Reddit's stubs for more replies expanded in place
//! (`reddit_more`).

mod address;
mod http;
mod reddit_more;
mod sites;

use std::time::Duration;

pub use address::{Address, is_address};
pub use http::{Client, Page, Progress, Timeouts};
pub use reddit_more::expand_more;
pub use sites::{ApiBases, Fetched, fetch, host_of_address};

/// Why a discussion could not be fetched: one line each, naming the host.
#[derive(Debug, thiserror::Error)]
pub enum NetError {
    #[error("{address} is not a web page: {what}")]
    NotAPage { address: String, what: String },
    #[error("{address}: not an address: {why}")]
    BadAddress { address: String, why: String },
    #[error(
        "{address} is not a discussion tread knows (Hacker News, Reddit, Lobsters, Discourse, \
         Mastodon and GitHub threads are)"
    )]
    NotADiscussion { address: String },
    #[error(
        "{address}: plain http:// is only for this machine (127.0.0.1, localhost); use https://"
    )]
    Insecure { address: String },
    #[error("could not find {host} (offline?)")]
    HostNotFound { host: String },
    #[error("could not connect to {host}: {why} (offline?)")]
    Connect { host: String, why: String },
    #[error("{host} did not answer in time ({})", seconds(*.after))]
    Timeout { host: String, after: Duration },
    #[error("secure connection to {host} failed: {why}")]
    Tls { host: String, why: String },
    #[error("no such {what} at {host} (HTTP {status})")]
    NotFound {
        host: String,
        what: &'static str,
        status: u16,
    },
    #[error("{host} refused the request (HTTP {status}){}", private_hint(*.status))]
    Refused { host: String, status: u16 },
    #[error("rate limited by {host} (HTTP 429): try again {}", retry_hint(*.retry_after))]
    RateLimited {
        host: String,
        retry_after: Option<u64>,
    },
    #[error("{host} failed to answer (HTTP {status}); try again later")]
    ServerError { host: String, status: u16 },
    #[error("{host} answered HTTP {status}")]
    Status { host: String, status: u16 },
    #[error("{host} redirected too many times")]
    TooManyRedirects { host: String },
    #[error("{host} sent more than the input limit ({limit} bytes; --max-input raises it)")]
    TooLarge { host: String, limit: u64 },
    #[error("{host} did not send the JSON expected ({got})")]
    NotJson { host: String, got: String },
    #[error("reading from {host} failed: {why}")]
    Read { host: String, why: String },
}

impl NetError {
    /// Whether the site could not be reached at all (no network, a name
    /// not found, no answer), when a kept copy is worth opening instead.
    pub fn is_offline(&self) -> bool {
        matches!(
            self,
            NetError::HostNotFound { .. } | NetError::Connect { .. } | NetError::Timeout { .. }
        )
    }
}

fn seconds(wait: Duration) -> String {
    if wait < Duration::from_secs(1) {
        format!("{} ms", wait.as_millis())
    } else {
        format!("{} s", wait.as_secs())
    }
}

fn private_hint(status: u16) -> &'static str {
    if status == 403 {
        ": the thread may be private, or the site blocks scripts"
    } else {
        ""
    }
}

fn retry_hint(seconds: Option<u64>) -> String {
    match seconds {
        Some(s) if s < 120 => format!("in {s} s"),
        Some(s) => format!("in {} min", s.div_ceil(60)),
        None => "in a minute".to_string(),
    }
}
