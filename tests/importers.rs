//! Reddit, Lobsters and Discourse importers on our own fixtures: the tree
//! (depth and author of every comment, in order) and the decoded text.

mod common;

use common::{load_fixture, tree};
use tread::document::{BlockKind, MoreReplies};

fn owned(expected: &[(u32, &str)]) -> Vec<(u32, String)> {
    expected.iter().map(|&(d, a)| (d, a.to_string())).collect()
}

fn body(document: &tread::document::Document, key: &str) -> Vec<(BlockKind, String)> {
    let id = document.comments.find_by_key(key).unwrap();
    document
        .comments
        .get(id)
        .body
        .iter()
        .map(|b| (b.kind, b.text.clone()))
        .collect()
}

#[test]
fn reddit_listings_replies_more_stubs_and_removed_comments() {
    let document = load_fixture("reddit.json");
    assert_eq!(
        document.title, "A self post & more",
        "titles come HTML-escaped"
    );
    assert_eq!(
        document.source.as_deref(),
        Some("https://www.reddit.com/r/x/comments/abc/a_self_post/")
    );
    assert_eq!(document.article[0].text, "Body text & more");
    assert_eq!(
        tree(&document),
        owned(&[
            (0, "one"),
            (1, "[deleted]"),
            (2, "three"),
            (2, "The thread goes on; its replies are not in this file"),
            (1, "12 more replies not in this file"),
            (0, "four"),
        ])
    );
    // Stubs are not comments: counted apart, without an author.
    assert_eq!(document.comments.comment_count(), 4);
    assert_eq!(document.comments.stubs(), (2, 12));
    assert_eq!(
        body(&document, "t1_c1"),
        [
            (BlockKind::Quote, "quoted".into()),
            (BlockKind::Paragraph, "Top".into())
        ]
    );
    let removed = document
        .comments
        .get(document.comments.find_by_key("t1_c2").unwrap());
    assert!(removed.deleted);
    assert_eq!(
        body(&document, "t1_c3").len(),
        2,
        "Markdown body split into paragraphs"
    );
    let stub = |key: &str| {
        let id = document.comments.find_by_key(key).unwrap();
        document.comments.get(id).clone()
    };
    assert_eq!(stub("t1_m1").more, Some(MoreReplies(Some(12))));
    assert_eq!(stub("t1_m1").author, None);
    // "Continue this thread" stubs are all named t1__: each takes its
    // parent's name, so ids stay unique.
    assert_eq!(stub("more_t1_c2").more, Some(MoreReplies(None)));
    // What tread writes, it reads back, byte for byte.
    let json = tread::formats::native::write(&document);
    let again = tread::formats::load(json.as_bytes(), None)
        .unwrap()
        .document;
    assert_eq!(tread::formats::native::write(&again), json);
    assert_eq!(again.comments.stubs(), (2, 12));
    let score = document
        .comments
        .get(document.comments.find_by_key("t1_c3").unwrap())
        .score;
    assert_eq!(score, Some(2), "a score given as a string");
}

#[test]
fn reddit_fetched_with_raw_json_keeps_its_paragraphs_and_links() {
    // `raw_json=1` sends the HTML as HTML, not entity-escaped: parsed once,
    // as markup, it keeps every paragraph and link.
    let document = load_fixture("reddit-raw-json.json");
    let texts: Vec<&str> = document.article.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts, ["One", "Two a", "Three & b"]);
    let links: Vec<String> = document
        .article
        .iter()
        .flat_map(|b| b.all_links())
        .map(|l| l.url)
        .collect();
    assert_eq!(links, ["https://a.example/", "https://b.example/"]);
    assert_eq!(
        body(&document, "t1_r1"),
        [
            (BlockKind::Quote, "quoted".to_string()),
            (BlockKind::Paragraph, "Top <3".to_string()),
        ]
    );
}

#[test]
fn lobsters_legacy_indent_levels_and_user_objects() {
    let document = load_fixture("lobsters-legacy.json");
    assert_eq!(document.author.as_deref(), Some("submitter"));
    assert_eq!(
        document.article[0].text, "https://example.org/post",
        "no description: the link"
    );
    assert_eq!(
        tree(&document),
        owned(&[(0, "uno"), (1, "dos"), (2, "tres"), (0, "")])
    );
    let deleted = document
        .comments
        .get(document.comments.find_by_key("c4").unwrap());
    assert!(deleted.deleted);
}

#[test]
fn lobsters_current_parent_ids_and_plain_users() {
    let document = load_fixture("lobsters-current.json");
    assert_eq!(document.article[0].text, "Self post text");
    assert_eq!(
        tree(&document),
        owned(&[(0, "alpha"), (1, "beta"), (0, "gamma")])
    );
    assert_eq!(
        body(&document, "x1"),
        [
            (BlockKind::Quote, "quote".into()),
            (BlockKind::Paragraph, "answer".into())
        ]
    );
}

#[test]
fn discourse_first_post_is_the_article_and_missing_targets_start_threads() {
    let document = load_fixture("discourse.json");
    assert_eq!(document.title, "Forum topic");
    assert_eq!(document.author.as_deref(), Some("opener"));
    assert_eq!(document.article[0].text, "The first post is the article.");
    // 2 replies to post 1: top-level. 5 replies to 4, not in the file: top-level.
    assert_eq!(
        tree(&document),
        owned(&[(0, "a"), (1, "b"), (2, "d"), (0, "c")])
    );
    let quoted = body(&document, "2");
    assert!(
        quoted.contains(&(BlockKind::Quote, "article".into())),
        "{quoted:?}"
    );
    assert!(
        document
            .comments
            .get(document.comments.find_by_key("6").unwrap())
            .deleted
    );
}

#[test]
fn mastodon_status_and_context_thread_by_reply_ids() {
    let document = load_fixture("mastodon-thread.json");
    assert_eq!(document.title, "Ferries are back on the river.");
    assert_eq!(document.author.as_deref(), Some("ann@example.social"));
    assert_eq!(
        document.source.as_deref(),
        Some("https://example.social/@ann/100")
    );
    let texts: Vec<&str> = document.article.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Ferries are back on the river.",
            "More at the paper.",
            "[image: A ferry at the old harbour]"
        ]
    );
    // A reply listed before its parent still goes under it; one answering a
    // status the file lacks starts a thread.
    assert_eq!(tree(&document), owned(&[(0, "bo"), (1, "cy"), (0, "dee")]));
    assert_eq!(
        body(&document, "101"),
        [
            (BlockKind::Warning, "boats".to_string()),
            (BlockKind::Paragraph, "About time.".to_string()),
            (BlockKind::Paragraph, "[video]".to_string()),
        ]
    );
    let bo = document
        .comments
        .get(document.comments.find_by_key("101").unwrap());
    assert_eq!(bo.score, Some(1));
    assert_eq!(bo.posted.as_deref(), Some("2026-11-02T10:05:00.000Z"));
    // The warning stays a warning through native JSON, byte for byte.
    let json = tread::formats::native::write(&document);
    assert!(json.contains(r#""kind": "warning""#), "{json}");
    let again = tread::formats::load(json.as_bytes(), None)
        .unwrap()
        .document;
    assert_eq!(tread::formats::native::write(&again), json);
}

#[test]
fn mastodon_context_without_its_status_says_what_the_replies_answer() {
    let json = r#"{"ancestors": [], "descendants": [
        {"id": "2", "in_reply_to_id": "1", "account": {"acct": "bo"}, "content": "<p>Yes.</p>"},
        {"id": "3", "in_reply_to_id": "2", "account": {"acct": "cy"}, "content": "<p>No.</p>"}
    ]}"#;
    let document = tread::formats::load(json.as_bytes(), None)
        .unwrap()
        .document;
    assert_eq!(document.title, "Replies to status 1");
    assert_eq!(tree(&document), owned(&[(0, "bo"), (1, "cy")]));
}

#[test]
fn github_issue_with_comments_and_review_replies() {
    let document = load_fixture("github-issue.json");
    assert_eq!(document.title, "Ferries do not show on the map #42");
    assert_eq!(document.author.as_deref(), Some("ann"));
    let kinds: Vec<(BlockKind, &str)> = document
        .article
        .iter()
        .map(|b| (b.kind, b.text.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (BlockKind::Paragraph, "The map shows no ferries."),
            (BlockKind::Paragraph, "Steps:"),
            (BlockKind::ListItem, "Open the map"),
            (BlockKind::ListItem, "Look at the river"),
            (BlockKind::Code, "map --layer ferries"),
        ]
    );
    assert_eq!(tree(&document), owned(&[(0, "bo"), (0, "cy"), (1, "ann")]));
    let bo = body(&document, "10");
    assert_eq!(
        bo[0],
        (BlockKind::Quote, "The map shows no ferries.".to_string())
    );
    let id = document.comments.find_by_key("10").unwrap();
    let comment = document.comments.get(id);
    assert_eq!(
        comment.body[1].links()[0].url,
        "https://docs.example/layers"
    );
    assert_eq!(comment.score, Some(2));
    assert_eq!(body(&document, "12")[0].1, "On src/map.rs:");
}
