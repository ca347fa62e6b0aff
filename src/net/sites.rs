//! The requests each site needs for a whole thread, joined into the one
//! document its importer reads: HN's Algolia item (one request for the
//! tree), Reddit's `.json` listing, Lobsters' story JSON, a Discourse topic
//! and the rest of its posts 20 at a time, a Mastodon status and its
//! context, a GitHub issue with every page of its comments.

use serde_json::{Value, json};

use super::{Address, Client, NetError};
use crate::formats::Format;

/// Where each site's API is: the public ones, or a mirror or test server
/// named by `TREAD_HN_API`, `TREAD_REDDIT_API`, `TREAD_LOBSTERS_API`,
/// `TREAD_GITHUB_API`. Discourse and Mastodon are asked at the address's
/// own host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiBases {
    pub hn: String,
    pub reddit: String,
    pub lobsters: String,
    pub github: String,
}

impl Default for ApiBases {
    fn default() -> ApiBases {
        ApiBases {
            hn: "https://hn.algolia.com/api/v1".to_string(),
            reddit: "https://www.reddit.com".to_string(),
            lobsters: "https://lobste.rs".to_string(),
            github: "https://api.github.com".to_string(),
        }
    }
}

impl ApiBases {
    pub fn from_env() -> ApiBases {
        let base = |name: &str, default: String| {
            std::env::var(name)
                .ok()
                .filter(|v| !v.trim().is_empty())
                .map_or(default, |v| v.trim().trim_end_matches('/').to_string())
        };
        let default = ApiBases::default();
        ApiBases {
            hn: base("TREAD_HN_API", default.hn),
            reddit: base("TREAD_REDDIT_API", default.reddit),
            lobsters: base("TREAD_LOBSTERS_API", default.lobsters),
            github: base("TREAD_GITHUB_API", default.github),
        }
    }
}

/// A fetched thread: bytes its importer reads.
#[derive(Debug)]
pub struct Fetched {
    pub bytes: Vec<u8>,
    pub format: Format,
}

/// Discourse serves a topic's first posts with it, the rest on request.
const DISCOURSE_CHUNK: usize = 20;
/// GitHub's largest page of comments, and how many pages are asked at most.
const GITHUB_PAGE: usize = 100;
const GITHUB_MAX_PAGES: usize = 100;

pub fn fetch(address: &Address, bases: &ApiBases, client: &Client) -> Result<Fetched, NetError> {
    let bytes = match address {
        Address::Hn { id } => client.get_json(&format!("{}/items/{id}", bases.hn), "item")?,
        Address::Reddit { id, .. } => client.get_json(
            &format!("{}/comments/{id}.json?raw_json=1&limit=500", bases.reddit),
            "thread",
        )?,
        Address::Lobsters { id } => {
            client.get_json(&format!("{}/s/{id}.json", bases.lobsters), "story")?
        }
        Address::Discourse { origin, id } => discourse(client, origin, *id)?,
        Address::Mastodon { origin, id } => mastodon(client, origin, id)?,
        Address::Github {
            owner,
            repo,
            number,
        } => github(
            client,
            &format!("{}/repos/{owner}/{repo}", bases.github),
            *number,
        )?,
    };
    // A thread of many requests counts against the limit as one file would.
    if bytes.len() as u64 > client.limit() {
        return Err(NetError::TooLarge {
            host: address.host(),
            limit: client.limit(),
        });
    }
    Ok(Fetched {
        bytes,
        format: address.format(),
    })
}

fn json_of(bytes: &[u8], host: &str) -> Result<Value, NetError> {
    serde_json::from_slice(bytes).map_err(|error| NetError::NotJson {
        host: host.to_string(),
        got: format!("broken JSON: {error}"),
    })
}

pub(super) fn host(address: &str) -> String {
    host_of_address(address).unwrap_or_default()
}

/// The host `address` names (`example.com`), when it is a URL with one.
pub fn host_of_address(address: &str) -> Option<String> {
    url::Url::parse(address.trim())
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
}

/// The topic, with every post of its stream that it did not hold itself.
fn discourse(client: &Client, origin: &str, id: u64) -> Result<Vec<u8>, NetError> {
    let address = format!("{origin}/t/{id}.json");
    let mut topic = json_of(&client.get_json(&address, "topic")?, &host(origin))?;
    let held: std::collections::HashSet<u64> = topic["post_stream"]["posts"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|post| post["id"].as_u64())
        .collect();
    let missing: Vec<u64> = topic["post_stream"]["stream"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_u64)
        .filter(|id| !held.contains(id))
        .collect();
    let mut more = Vec::new();
    for chunk in missing.chunks(DISCOURSE_CHUNK) {
        let ids: Vec<String> = chunk.iter().map(|id| format!("post_ids[]={id}")).collect();
        let address = format!("{origin}/t/{id}/posts.json?{}", ids.join("&"));
        let page = json_of(&client.get_json(&address, "topic")?, &host(origin))?;
        if let Some(Value::Array(posts)) = page["post_stream"].get("posts").cloned() {
            more.extend(posts);
        }
    }
    if let Some(Value::Array(posts)) = topic["post_stream"].get_mut("posts") {
        posts.extend(more);
    }
    Ok(serde_json::to_vec(&topic).expect("a JSON value serializes"))
}

/// `[status, context]`, as the Mastodon importer reads them.
fn mastodon(client: &Client, origin: &str, id: &str) -> Result<Vec<u8>, NetError> {
    let base = format!("{origin}/api/v1/statuses/{id}");
    let status = client.get_json(&base, "status")?;
    let context = client.get_json(&format!("{base}/context"), "status")?;
    Ok(crate::formats::json_array(&[&status, &context]))
}

/// `{"issue": …, "comments": […]}`: the issue, every page of its comments,
/// and for a pull request its review comments too.
fn github(client: &Client, repo: &str, number: u64) -> Result<Vec<u8>, NetError> {
    let issue = json_of(
        &client.get_json(&format!("{repo}/issues/{number}"), "issue")?,
        &host(repo),
    )?;
    let mut comments = all_pages(client, &format!("{repo}/issues/{number}/comments"))?;
    if issue.get("pull_request").is_some() {
        comments.extend(all_pages(
            client,
            &format!("{repo}/pulls/{number}/comments"),
        )?);
    }
    let joined = json!({ "issue": issue, "comments": comments });
    Ok(serde_json::to_vec(&joined).expect("a JSON value serializes"))
}

fn all_pages(client: &Client, address: &str) -> Result<Vec<Value>, NetError> {
    let mut items = Vec::new();
    for page in 1..=GITHUB_MAX_PAGES {
        let address = format!("{address}?per_page={GITHUB_PAGE}&page={page}");
        let Value::Array(batch) = json_of(&client.get_json(&address, "issue")?, &host(&address))?
        else {
            break;
        };
        let last = batch.len() < GITHUB_PAGE;
        items.extend(batch);
        if last {
            break;
        }
    }
    Ok(items)
}
