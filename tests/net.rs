//! Threads opened by their address, against a local server serving
//! recorded responses (ours, and the real ones in ../shared when it is
//! there): every site's requests, HTTP done properly, and failures as one
//! line.

mod common;

use assert_cmd::Command;
use serde_json::{Value, json};

use common::server::{Reply, Server};
use common::{fixture, shared_folder};

/// tread with every site's API at `server`, and no real data directory.
fn tread(server: &Server) -> Command {
    tread_with(&server.base, &tempfile::tempdir().unwrap().keep())
}

/// tread with every site's API at `base`, keeping its data in `data`.
fn tread_with(base: &str, data: &std::path::Path) -> Command {
    let mut command = Command::cargo_bin("tread").unwrap();
    for name in [
        "TREAD_HN_API",
        "TREAD_REDDIT_API",
        "TREAD_LOBSTERS_API",
        "TREAD_GITHUB_API",
    ] {
        command.env(name, base);
    }
    command
        .env("TZ", "UTC")
        .env("TREAD_DATA_DIR", data)
        .env_remove("TREAD_CONFIG");
    command
}

fn dump(server: &Server, address: &str) -> String {
    let output = tread(server)
        .args(["dump", "--width", "100", address])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{address}: {stderr}");
    String::from_utf8(output.stdout).unwrap()
}

/// The one stderr line of a failed run, which exits 1.
fn failure(server: &Server, address: &str) -> String {
    let output = tread(server).args(["dump", address]).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{address}");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

fn file_dump(path: &std::path::Path) -> String {
    let output = Command::cargo_bin("tread")
        .unwrap()
        .env("TZ", "UTC")
        .args(["dump", "--width", "100"])
        .arg(path)
        .output()
        .unwrap();
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).unwrap()
}

#[test]
fn hacker_news_by_its_address_in_one_request_as_the_file_reads() {
    let server = Server::start(vec![(
        "/items/42".into(),
        Reply::json(read("hn-algolia.json")),
    )]);
    let fetched = dump(&server, "https://news.ycombinator.com/item?id=42");
    assert_eq!(fetched, file_dump(&fixture("hn-algolia.json")));
    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    let agent = seen[0].header("user-agent").unwrap();
    assert!(
        agent.starts_with(concat!("tread/", env!("CARGO_PKG_VERSION"))),
        "{agent}"
    );
    assert!(seen[0].header("accept-encoding").unwrap().contains("gzip"));
}

#[test]
fn reddit_lobsters_and_mastodon_by_their_addresses() {
    let thread: Value = serde_json::from_slice(&read("mastodon-thread.json")).unwrap();
    let server = Server::start(vec![
        (
            "/comments/abc123.json?raw_json=1&limit=500".into(),
            Reply::json(read("reddit.json")),
        ),
        (
            "/s/xyz789.json".into(),
            Reply::json(read("lobsters-current.json")),
        ),
        (
            "/api/v1/statuses/100".into(),
            Reply::json(thread[0].to_string()),
        ),
        (
            "/api/v1/statuses/100/context".into(),
            Reply::json(thread[1].to_string()),
        ),
    ]);
    for reddit in [
        "https://old.reddit.com/r/rust/comments/abc123/a_title/",
        "https://redd.it/abc123",
    ] {
        assert_eq!(dump(&server, reddit), file_dump(&fixture("reddit.json")));
    }
    assert_eq!(
        dump(&server, "https://lobste.rs/s/xyz789/a_story"),
        file_dump(&fixture("lobsters-current.json"))
    );
    // Mastodon is asked at the address's own host.
    let mastodon = dump(&server, &format!("{}/@ann/100", server.base));
    assert_eq!(mastodon, file_dump(&fixture("mastodon-thread.json")));
}

#[test]
fn a_discourse_topic_arrives_whole_twenty_posts_at_a_time() {
    let posts: Vec<Value> = (1..=45)
        .map(|n| {
            json!({"id": 1000 + n, "post_number": n, "username": format!("user{n}"),
                   "cooked": format!("<p>post {n}</p>"), "reply_to_post_number": null})
        })
        .collect();
    let stream: Vec<u64> = (1001..=1045).collect();
    let topic = json!({"id": 9, "title": "A long topic", "slug": "a-long-topic",
        "post_stream": {"posts": posts[..20], "stream": stream}});
    let page = |range: std::ops::Range<usize>| {
        let ids: Vec<String> = range
            .clone()
            .map(|i| format!("post_ids[]={}", 1001 + i))
            .collect();
        (
            format!("/t/9/posts.json?{}", ids.join("&")),
            Reply::json(json!({"post_stream": {"posts": posts[range]}}).to_string()),
        )
    };
    let server = Server::start(vec![
        ("/t/9.json".into(), Reply::json(topic.to_string())),
        page(20..40),
        page(40..45),
    ]);
    let text = dump(&server, &format!("{}/t/a-long-topic/9", server.base));
    assert!(text.contains("44 comments"), "{text}");
    assert!(text.contains("post 45"), "{text}");
    assert_eq!(server.seen().len(), 3);
}

#[test]
fn a_github_issue_with_every_page_of_its_comments() {
    let comment = |n: usize| {
        json!({"id": n, "user": {"login": format!("dev{n}")}, "body": format!("comment {n}"),
               "created_at": "2026-11-02T10:00:00Z"})
    };
    let issue = json!({"id": 1, "number": 7, "title": "Crash on start", "user": {"login": "ann"},
        "body": "It **crashes**.", "created_at": "2026-11-01T10:00:00Z"});
    let first: Vec<Value> = (1..=100).map(comment).collect();
    let second: Vec<Value> = (101..=103).map(comment).collect();
    let server = Server::start(vec![
        ("/repos/o/r/issues/7".into(), Reply::json(issue.to_string())),
        (
            "/repos/o/r/issues/7/comments?per_page=100&page=1".into(),
            Reply::json(Value::Array(first).to_string()),
        ),
        (
            "/repos/o/r/issues/7/comments?per_page=100&page=2".into(),
            Reply::json(Value::Array(second).to_string()),
        ),
    ]);
    let text = dump(&server, "https://github.com/o/r/issues/7");
    assert!(text.starts_with("Crash on start"), "{text}");
    assert!(text.contains("103 comments"), "{text}");
    assert!(text.contains("comment 103"), "{text}");
    // The input limit holds for what is fetched as for files.
    let output = tread(&server)
        .args([
            "dump",
            "--max-input",
            "4K",
            "https://github.com/o/r/issues/7",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("more than the input limit"), "{stderr}");
}

#[test]
fn redirects_are_followed_and_failures_are_one_clear_line() {
    let server = Server::start(vec![
        (
            "/items/1".into(),
            Reply::status(301).header("Location", "/items/2"),
        ),
        ("/items/2".into(), Reply::json(read("hn-algolia.json"))),
        (
            "/items/3".into(),
            Reply::status(429).header("Retry-After", "30"),
        ),
        ("/items/4".into(), Reply::status(503)),
        (
            "/items/5".into(),
            Reply::status(200)
                .header("Content-Type", "text/html")
                .body("<html>login</html>"),
        ),
        ("/items/6".into(), Reply::status(403)),
        (
            "/items/7".into(),
            Reply::status(302).header("Location", "http://example.org/x"),
        ),
    ]);
    let hn = |id: u32| format!("https://news.ycombinator.com/item?id={id}");
    assert!(dump(&server, &hn(1)).contains("comments"));
    let cases = [
        (hn(9), "no such item at 127.0.0.1 (HTTP 404)"),
        (
            hn(3),
            "rate limited by 127.0.0.1 (HTTP 429): try again in 30 s",
        ),
        (hn(4), "127.0.0.1 failed to answer (HTTP 503)"),
        (hn(5), "did not send the JSON expected (a web page)"),
        (hn(6), "refused the request (HTTP 403)"),
        (hn(7), "plain http:// is only for this machine"),
        ("http://example.org/t/x/1".into(), "use https://"),
    ];
    for (address, expected) in cases {
        let line = failure(&server, &address);
        assert!(
            line.starts_with("tread: ") && line.contains(expected),
            "{address}: {line}"
        );
    }
}

#[test]
fn no_server_there_says_so() {
    // A port just bound and let go: nothing listens on it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let server = Server::start(Vec::new());
    let line = failure(&server, &format!("http://127.0.0.1:{port}/t/x/1"));
    assert!(line.contains("could not connect to 127.0.0.1"), "{line}");
    assert!(line.contains("(offline?)"), "{line}");
}

#[test]
fn recorded_real_responses_read_as_their_files_do() {
    let Some(shared) = shared_folder("recorded_real_responses_read_as_their_files_do") else {
        return;
    };
    // Each site's recorded answer, served under its API path, reads as the
    // file does.
    let cases = [
        (
            "hackernews/hn_algolia_item_8828543_shazow-communal.json",
            "/items/8828543",
            "https://news.ycombinator.com/item?id=8828543",
        ),
        (
            "reddit/praw_3hahrw_sort_old_2017.json",
            "/comments/3hahrw.json?raw_json=1&limit=500",
            "https://www.reddit.com/r/x/comments/3hahrw/title/",
        ),
        (
            "lobsters/lobsters_s_d9ucpe_2021schema.json",
            "/s/d9ucpe.json",
            "https://lobste.rs/s/d9ucpe/a_story",
        ),
    ];
    for (file, path, address) in cases {
        let file = shared.join("formats").join(file);
        let server = Server::start(vec![(
            path.into(),
            Reply::json(std::fs::read(&file).unwrap()),
        )]);
        assert_eq!(dump(&server, address), file_dump(&file), "{address}");
    }
}

#[test]
fn a_slow_server_a_cut_body_and_an_oversized_one_each_say_so() {
    use std::sync::Arc;
    use std::time::Duration;
    use tread::net::{Client, Timeouts};
    let body = read("hn-algolia.json");
    let server = Server::start(vec![
        (
            "/slow".into(),
            Reply::json(body.clone()).after(Duration::from_millis(1500)),
        ),
        (
            "/cut".into(),
            Reply::json(body.clone()).claiming(body.len() + 500),
        ),
        ("/big".into(), Reply::json(vec![b' '; 300_000])),
    ]);
    let timeouts = Timeouts {
        answer: Duration::from_millis(300),
        ..Timeouts::default()
    };
    let client = Client::with(1 << 20, timeouts, Arc::default());
    let cut = client
        .get_json(&format!("{}/cut", server.base), "item")
        .unwrap_err();
    assert!(
        cut.to_string().starts_with("reading from 127.0.0.1 failed"),
        "{cut}"
    );
    let small = Client::with(100_000, Timeouts::default(), Arc::default());
    let big = small
        .get_json(&format!("{}/big", server.base), "item")
        .unwrap_err();
    assert_eq!(
        big.to_string(),
        "127.0.0.1 sent more than the input limit (100000 bytes; --max-input raises it)"
    );
    let slow = client
        .get_json(&format!("{}/slow", server.base), "item")
        .unwrap_err();
    assert_eq!(
        slow.to_string(),
        "127.0.0.1 did not answer in time (300 ms)"
    );
}

#[test]
fn offline_a_thread_fetched_before_opens_from_its_kept_copy() {
    let data = tempfile::tempdir().unwrap();
    let server = Server::start(vec![(
        "/items/42".into(),
        Reply::json(read("hn-algolia.json")),
    )]);
    let address = "https://news.ycombinator.com/item?id=42";
    let run = |base: &str| {
        tread_with(base, data.path())
            .args(["dump", "--width", "100", address])
            .output()
            .unwrap()
    };
    let online = run(&server.base);
    assert!(online.status.success());
    assert!(online.stderr.is_empty());
    // Nothing listens there any more: the site cannot be reached.
    let gone = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let offline = run(&format!("http://{gone}"));
    assert!(offline.status.success(), "{offline:?}");
    assert_eq!(offline.stdout, online.stdout);
    let stderr = String::from_utf8(offline.stderr).unwrap();
    assert!(
        stderr.contains("warning: offline · the copy fetched just now"),
        "{stderr}"
    );
    // A thread never fetched has no copy: the failure is said.
    let other = tread_with(&format!("http://{gone}"), data.path())
        .args(["dump", "https://news.ycombinator.com/item?id=43"])
        .output()
        .unwrap();
    assert_eq!(other.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&other.stderr).contains("could not connect"));
}

/// What Reddit's `morechildren` answers for the fixture's stub `t1_m1`
/// (children `x`, `y`): flat, each after its parent, `y` a reply to `x`.
fn more_children() -> String {
    json!({"json": {"errors": [], "data": {"things": [
        {"kind": "t1", "data": {"id": "x", "name": "t1_x", "parent_id": "t1_c1",
            "author": "ex", "body": "Loaded later", "score": 2, "created_utc": 1795687440.0, "replies": ""}},
        {"kind": "t1", "data": {"id": "y", "name": "t1_y", "parent_id": "t1_x",
            "author": "why", "body": "Under ex", "score": 1, "created_utc": 1795687440.0, "replies": ""}}
    ]}}})
    .to_string()
}

#[test]
fn a_reddit_stub_is_replaced_by_the_replies_it_stands_for() {
    use tread::net::{ApiBases, Client, expand_more};
    let target = "/api/morechildren.json?api_type=json&raw_json=1&link_id=t3_abc&children=x,y";
    let server = Server::start(vec![(target.into(), Reply::json(more_children()))]);
    let bases = ApiBases {
        reddit: server.base.clone(),
        ..ApiBases::default()
    };
    let expanded =
        expand_more(&read("reddit.json"), "t1_m1", &bases, &Client::new(1 << 20)).unwrap();
    let document = tread::formats::load(&expanded, None).unwrap().document;
    let comments = &document.comments;
    let ex = comments.get(comments.find_by_key("t1_x").unwrap());
    let one = comments.find_by_key("t1_c1").unwrap();
    assert_eq!(ex.parent, Some(one));
    let why = comments.get(comments.find_by_key("t1_y").unwrap());
    assert_eq!(why.parent, comments.find_by_key("t1_x"));
    assert!(comments.find_by_key("t1_m1").is_none(), "the stub is gone");
    // The other stub ("continue this thread") stays.
    assert_eq!(comments.stubs().0, 1);
}
