//! Link posts and web pages fetched against a local server (no internet):
//! an HN and a Reddit link post whose story URL points at the server get
//! their article, a page opens by its address, and every way fetching a
//! page fails is one line naming it.

mod common;

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::{Value, json};

use common::fixture;
use common::server::{Reply, Server};

/// A news article page of ours, with the clutter reader mode drops.
fn article_page(title: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} | The Paper</title>\
         <meta property=\"og:site_name\" content=\"The Paper\">\
         <meta name=\"author\" content=\"Ann Example\"></head><body>\
         <nav><a href=\"/\">Home</a> · <a href=\"/news\">News</a> · Subscribe now</nav>\
         <article><h1>{title}</h1>\
         <p>The city council voted on Tuesday to bring the river ferries back, after twenty \
         years without them, and the first boats are to sail in the spring from the old harbour.</p>\
         <p>Three landings are planned, at the old harbour, the market and the university, with \
         a boat every twenty minutes from early morning until late in the evening.</p>\
         <p>Read <a href=\"/plan\">the whole plan</a> and tell us what you think of it.</p>\
         </article><footer>© The Paper · Cookie settings</footer></body></html>"
    )
}

fn html(body: impl Into<Vec<u8>>) -> Reply {
    Reply::status(200)
        .header("Content-Type", "text/html; charset=utf-8")
        .body(body)
}

/// An HN story linking to `url`, with the comments of our fixture.
fn hn_link_post(url: &str) -> String {
    let mut story: Value =
        serde_json::from_slice(&std::fs::read(fixture("hn-algolia.json")).unwrap()).unwrap();
    story["text"] = Value::Null;
    story["url"] = json!(url);
    story.to_string()
}

/// tread with the sites' APIs at `server`, its data in `data`.
fn tread(server: &Server, data: &Path) -> Command {
    let mut command = Command::cargo_bin("tread").unwrap();
    command
        .env("TREAD_HN_API", &server.base)
        .env("TREAD_REDDIT_API", &server.base)
        .env("TZ", "UTC")
        .env("TREAD_DATA_DIR", data)
        .env_remove("TREAD_CONFIG");
    command
}

fn run(server: &Server, data: &Path, args: &[&str]) -> (bool, String, String) {
    let output = tread(server, data).args(args).output().unwrap();
    (
        output.status.success(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn dump_with_article(server: &Server, address: &str) -> String {
    let data = tempfile::tempdir().unwrap();
    let (ok, out, err) = run(
        server,
        data.path(),
        &["dump", "--width", "100", "--with-article", address],
    );
    assert!(ok, "{address}: {err}");
    out
}

fn assert_has_the_article(dump: &str, base: &str) {
    for expected in [
        "Ferries return",
        "Ann Example · The Paper",
        "The city council voted on Tuesday",
        "Three landings are planned",
    ] {
        assert!(dump.contains(expected), "{expected:?} in\n{dump}");
    }
    assert!(
        !dump.contains("Subscribe now") && !dump.contains("Cookie"),
        "{dump}"
    );
    // The link is there first, and still a link.
    assert!(dump.contains(&format!("{base}/ferries")), "{dump}");
}

#[test]
fn an_hn_link_post_gets_its_article() {
    let server = Server::start(vec![(
        "/ferries".into(),
        html(article_page("Ferries return")),
    )]);
    let thread = Server::start(vec![(
        "/items/7".into(),
        Reply::json(hn_link_post(&format!("{}/ferries", server.base))),
    )]);
    let dump = dump_with_article(&thread, "https://news.ycombinator.com/item?id=7");
    assert_has_the_article(&dump, &server.base);
    // The thread is all there too.
    assert!(
        dump.contains("4 comments") && dump.contains("orphan_saver"),
        "{dump}"
    );
    // Without the flag the article pane holds the link alone.
    let data = tempfile::tempdir().unwrap();
    let (ok, plain, _) = run(
        &thread,
        data.path(),
        &["dump", "https://news.ycombinator.com/item?id=7"],
    );
    assert!(ok && !plain.contains("The city council"), "{plain}");
}

#[test]
fn a_reddit_link_post_gets_its_article_with_links_resolved() {
    let page = Server::start(vec![(
        "/ferries".into(),
        html(article_page("Ferries return")),
    )]);
    let mut listing: Value =
        serde_json::from_slice(&std::fs::read(fixture("reddit.json")).unwrap()).unwrap();
    let post = &mut listing[0]["data"]["children"][0]["data"];
    post["selftext"] = json!("");
    post["selftext_html"] = Value::Null;
    post["is_self"] = json!(false);
    post["url"] = json!(format!("{}/ferries", page.base));
    let thread = Server::start(vec![(
        "/comments/abc.json?raw_json=1&limit=500".into(),
        Reply::json(listing.to_string()),
    )]);
    let address = "https://www.reddit.com/r/x/comments/abc/a_self_post/";
    let dump = dump_with_article(&thread, address);
    assert_has_the_article(&dump, &page.base);
    // The native JSON of the page, by its address: the relative link made
    // whole against it, the site named.
    let data = tempfile::tempdir().unwrap();
    let ferries = format!("{}/ferries", page.base);
    let (ok, json, err) = run(&page, data.path(), &["convert", "--to", "json", &ferries]);
    assert!(ok, "{err}");
    let document: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(document["site"], "The Paper");
    assert_eq!(document["language"], "en");
    let links: Vec<&str> = document["article"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|b| b["links"].as_array().into_iter().flatten())
        .map(|l| l["url"].as_str().unwrap())
        .collect();
    assert!(
        links.contains(&format!("{}/plan", page.base).as_str()),
        "{links:?}"
    );
}

#[test]
fn a_web_page_opens_by_its_address_and_then_offline_from_its_kept_copy() {
    // Two connections, then the site is gone.
    let server = Server::for_connections(
        vec![("/ferries".into(), html(article_page("Ferries return")))],
        2,
    );
    let data = tempfile::tempdir().unwrap();
    let address = format!("{}/ferries#comments", server.base);
    let (ok, first, err) = run(&server, data.path(), &["dump", "--width", "100", &address]);
    assert!(ok, "{err}");
    assert!(first.starts_with("Ferries return"), "{first}");
    assert!(
        first.contains("No comments") && first.contains("The Paper"),
        "{first}"
    );
    let (ok, _, _) = run(&server, data.path(), &["dump", &address]);
    assert!(ok);
    // Offline now: the kept copy, said to be one.
    let (ok, offline, err) = run(&server, data.path(), &["dump", "--width", "100", &address]);
    assert!(ok, "{err}");
    assert_eq!(offline, first);
    assert!(err.contains("offline · the copy fetched"), "{err}");
}

/// The one stderr line of `dump --with-article` on a link post linking to
/// `path` on `server`.
fn failure_for(server: &Server, path: &str, extra: &[&str]) -> String {
    let thread_file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(
        thread_file.path(),
        hn_link_post(&format!("{}{path}", server.base)),
    )
    .unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut args = vec!["dump", "--with-article"];
    args.extend_from_slice(extra);
    args.push(thread_file.path().to_str().unwrap());
    let output = tread(server, data.path()).args(&args).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{path}");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("tread: ") && !stderr.contains("panicked"),
        "{stderr}"
    );
    stderr
}

#[test]
fn every_way_a_page_fails_is_one_line_naming_it() {
    let pdf = vec![b'%'; 2_345_678];
    let server = Server::start(vec![
        (
            "/paper.pdf".into(),
            Reply::status(200)
                .header("Content-Type", "application/pdf")
                .body(pdf),
        ),
        (
            "/photo".into(),
            Reply::status(200)
                .header("Content-Type", "image/jpeg")
                .body(vec![0xff; 40_000]),
        ),
        (
            "/empty".into(),
            html("<!doctype html><html><body><div></div></body></html>"),
        ),
        ("/gone".into(), Reply::status(410)),
        ("/broken".into(), Reply::status(502)),
        (
            "/big".into(),
            html(article_page("Ferries return").repeat(20)),
        ),
    ]);
    let cases: [(&str, &[&str], &str); 6] = [
        ("/missing", &[], "no such page at 127.0.0.1 (HTTP 404)"),
        ("/gone", &[], "no such page at 127.0.0.1 (HTTP 410)"),
        ("/broken", &[], "127.0.0.1 failed to answer (HTTP 502)"),
        (
            "/paper.pdf",
            &[],
            "/paper.pdf is not a web page: a PDF, 2.3 MB",
        ),
        (
            "/photo",
            &[],
            "/photo is not a web page: an image (JPEG), 40 KB",
        ),
        ("/empty", &[], "nothing readable found"),
    ];
    for (path, extra, expected) in cases {
        let line = failure_for(&server, path, extra);
        assert!(line.contains(expected), "{path}: {line}");
    }
    let line = failure_for(&server, "/big", &["--max-input", "8K"]);
    assert!(line.contains("sent more than the input limit"), "{line}");
    // A site that is not there.
    let gone = Server::gone();
    let line = failure_for(&gone, "/ferries", &[]);
    assert!(
        line.contains("could not connect to 127.0.0.1") && line.contains("offline?"),
        "{line}"
    );
}

#[test]
fn a_slow_page_comes_and_its_charset_is_read_from_its_meta_or_header() {
    let cyrillic = "<!doctype html><html><head>\
        <meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">\
        <title>Паромы возвращаются</title></head><body><article><h1>Паромы возвращаются</h1>\
        <p>Городской совет во вторник проголосовал за возвращение речных паромов после двадцати \
        лет без них, и первые суда отправятся весной от старой гавани.</p>\
        <p>Запланированы три причала: у старой гавани, у рынка и у университета.</p>\
        </article></body></html>";
    let (encoded, _, _) = encoding_rs::WINDOWS_1251.encode(cyrillic);
    let latin = article_page("Café society").replace("<meta charset=\"utf-8\">", "");
    let (latin, _, _) = encoding_rs::WINDOWS_1252.encode(&latin);
    let server = Server::start(vec![
        (
            "/slow".into(),
            html(article_page("Ferries return")).after(Duration::from_millis(1500)),
        ),
        (
            "/ru".into(),
            Reply::status(200)
                .header("Content-Type", "text/html")
                .body(encoded.into_owned()),
        ),
        (
            "/fr".into(),
            Reply::status(200)
                .header("Content-Type", "text/html; charset=ISO-8859-1")
                .body(latin.into_owned()),
        ),
    ]);
    let data = tempfile::tempdir().unwrap();
    let page = |path: &str| {
        let (ok, out, err) = run(
            &server,
            data.path(),
            &["dump", "--width", "100", &format!("{}{path}", server.base)],
        );
        assert!(ok, "{path}: {err}");
        out
    };
    assert!(page("/slow").contains("The city council voted"));
    let russian = page("/ru");
    assert!(russian.starts_with("Паромы возвращаются"), "{russian}");
    assert!(russian.contains("Городской совет во вторник"), "{russian}");
    assert!(page("/fr").starts_with("Café society"));
}
