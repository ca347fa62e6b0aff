//! Generated discussions of any size, for benchmarks and tests: a repeatable
//! mix of short and long comments, deep and shallow threads, and some CJK and
//! emoji, so that measurements see text like real threads have.

use crate::document::{Block, CommentTreeBuilder, Document, NewComment};

const WORDS: &[&str] = &[
    "the",
    "train",
    "night",
    "ticket",
    "border",
    "policy",
    "sleeper",
    "because",
    "really",
    "would",
    "should",
    "cheaper",
    "faster",
    "journey",
    "morning",
    "station",
    "compartment",
    "operator",
    "infrastructure",
    "argument",
    "evidence",
    "experience",
    "I",
    "we",
    "they",
    "think",
    "agree",
    "disagree",
    "however",
    "price",
    "Europe",
    "network",
    "capacity",
    "passengers",
    "delay",
    "connection",
    "and",
    "but",
    "or",
    "not",
    "always",
    "sometimes",
    "寝台特急",
    "東京",
    "快適",
    "🚆",
    "👍",
    "naïve",
    "café",
    "a",
    "of",
    "to",
    "in",
];

/// A small deterministic generator (xorshift64*), so every run sees the same text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn sentence(rng: &mut Rng, words: u64) -> String {
    let mut text = String::new();
    for i in 0..words {
        if i > 0 {
            text.push(' ');
        }
        text.push_str(WORDS[rng.below(WORDS.len() as u64) as usize]);
    }
    text.push('.');
    text
}

/// One to three paragraphs of 5 to 45 words: about 270 characters a comment
/// on average, as in the Hacker News threads in ../shared/formats (265 and
/// 285 characters), with a tail of longer ones.
fn body(rng: &mut Rng) -> Vec<Block> {
    let paragraphs = match rng.below(10) {
        0..=4 => 1,
        5..=7 => 2,
        _ => 3,
    };
    (0..paragraphs)
        .map(|_| {
            let words = 5 + rng.below(41);
            Block::paragraph(sentence(rng, words))
        })
        .collect()
}

/// A document with `comments` comments: threads of varied size and depth
/// (a reply goes to one of the last few dozen comments, so chains form).
pub fn discussion(comments: usize) -> Document {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut builder = CommentTreeBuilder::with_capacity(comments);
    for index in 0..comments {
        let parent = if index == 0 || rng.below(10) == 0 {
            None
        } else {
            Some(index - 1 - rng.below(index.min(40) as u64) as usize)
        };
        builder.push(NewComment {
            key: (index + 1).to_string().into(),
            parent,
            author: Some(format!("user{}", rng.below(5000)).into()),
            posted: Some(format!("2026-11-{:02}T12:00:00Z", 1 + rng.below(28)).into()),
            score: Some(rng.below(500) as i64),
            deleted: false,
            dead: false,
            body: body(&mut rng).into(),
            more: None,
        });
    }
    Document {
        title: format!("A generated discussion with {comments} comments"),
        source: Some("https://example.org/generated".to_string()),
        article: (0..8)
            .map(|_| Block::paragraph(sentence(&mut rng, 60)))
            .collect(),
        comments: builder.build().expect("generated parents come first"),
        ..Document::default()
    }
}

/// A single reply chain `depth` comments deep.
pub fn chain(depth: usize) -> Document {
    let mut builder = CommentTreeBuilder::with_capacity(depth);
    for index in 0..depth {
        builder.push(NewComment {
            key: index.to_string().into(),
            parent: index.checked_sub(1),
            author: Some(format!("u{index}").into()),
            body: vec![Block::paragraph(format!("reply {index}"))].into(),
            ..NewComment::default()
        });
    }
    Document {
        title: "Deep".to_string(),
        comments: builder.build().expect("each parent comes first"),
        ..Document::default()
    }
}

/// The same discussion as [`discussion`], written as a Hacker News Algolia
/// `items/ID` response (nested `children`, HTML text), for importer benches.
pub fn hn_algolia_json(comments: usize) -> String {
    hn_algolia_json_of(&discussion(comments))
}

/// Each comment's text as the HTML a site would send: paragraphs, escaped.
fn html_of(comment: &crate::document::Comment) -> String {
    let html: Vec<String> = comment
        .body
        .iter()
        .map(|b| b.text.replace('&', "&amp;").replace('<', "&lt;"))
        .collect();
    format!("<p>{}</p>", html.join("</p><p>"))
}

fn json_string(text: &str) -> String {
    serde_json::to_string(text).expect("strings serialize")
}

/// Writes a nested export: `open(comment)` starts a comment's object up to
/// its replies, `close` ends one; replies are written inside their parent.
/// Preorder with an explicit stack of open comments, so a chain of any
/// depth is written without recursion.
fn nested(
    document: &Document,
    out: &mut String,
    separator: &str,
    mut open: impl FnMut(&mut String, crate::document::CommentId, &crate::document::Comment),
    close: &str,
) {
    let mut depth_open = 0usize;
    let mut first_at_level = true;
    for (id, comment) in document.comments.iter() {
        while depth_open > comment.depth as usize {
            depth_open -= 1;
            out.push_str(close);
            first_at_level = false;
        }
        if !first_at_level {
            out.push_str(separator);
        }
        open(out, id, comment);
        depth_open += 1;
        first_at_level = true;
    }
    for _ in 0..depth_open {
        out.push_str(close);
    }
}

/// `document` as a Hacker News Algolia `items/ID` response.
pub fn hn_algolia_json_of(document: &Document) -> String {
    use std::fmt::Write as _;
    let mut json = String::with_capacity(document.comments.len() * 700);
    json.push_str(r#"{"author":"op","children":["#);
    nested(
        document,
        &mut json,
        ",",
        |json, id, comment| {
            let _ = write!(
                json,
                r#"{{"author":{},"created_at":"2026-11-05T12:00:00.000Z","created_at_i":1793880000,"id":{},"options":[],"parent_id":null,"points":null,"story_id":1,"text":{},"title":null,"type":"comment","url":null,"children":["#,
                json_string(comment.author.as_deref().unwrap_or("x")),
                id.0 + 2,
                json_string(&html_of(comment)),
            );
        },
        "]}",
    );
    json.push_str(r#"],"created_at":"2026-11-05T11:00:00.000Z","created_at_i":1793876400,"id":1,"options":[],"parent_id":null,"points":512,"story_id":1,"text":"<p>A generated story.","title":"Generated","type":"story","url":null}"#);
    json
}

/// `document` as a Reddit thread's `.json` (two Listings, replies nested
/// in `replies` Listings, entity-escaped `body_html` as Reddit sends it).
pub fn reddit_json(document: &Document) -> String {
    use std::fmt::Write as _;
    let mut json = String::with_capacity(document.comments.len() * 800);
    let _ = write!(
        json,
        r#"[{{"kind":"Listing","data":{{"children":[{{"kind":"t3","data":{{"id":"abc","name":"t3_abc","title":{},"author":"op","selftext":"","url":"https://example.org/story","permalink":"/r/x/comments/abc/x/","score":1,"created_utc":1793876400.0}}}}]}}}},{{"kind":"Listing","data":{{"children":["#,
        json_string(&document.title)
    );
    nested(
        document,
        &mut json,
        ",",
        |json, id, comment| {
            let html = html_of(comment)
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            let _ = write!(
                json,
                r#"{{"kind":"t1","data":{{"id":"c{}","name":"t1_c{}","author":{},"body":"","body_html":{},"score":1,"created_utc":1793880000.0,"replies":{{"kind":"Listing","data":{{"children":["#,
                id.0,
                id.0,
                json_string(comment.author.as_deref().unwrap_or("x")),
                json_string(&format!("&lt;div class=\"md\"&gt;{html}&lt;/div&gt;")),
            );
        },
        "]}}}}",
    );
    json.push_str("]}}]");
    json
}

/// `document` as a Lobsters story's `.json`: flat comments naming their parent.
pub fn lobsters_json(document: &Document) -> String {
    use std::fmt::Write as _;
    let mut json = String::with_capacity(document.comments.len() * 700);
    let _ = write!(
        json,
        r#"{{"short_id":"abcdef","short_id_url":"https://lobste.rs/s/abcdef","created_at":"2026-11-05T11:00:00.000-05:00","title":{},"url":"","score":1,"description":"<p>A story.</p>","submitter_user":"op","comments":["#,
        json_string(&document.title)
    );
    for (id, comment) in document.comments.iter() {
        if id.0 > 0 {
            json.push(',');
        }
        let parent = comment
            .parent
            .map_or("null".to_string(), |p| format!("\"c{}\"", p.0));
        let _ = write!(
            json,
            r#"{{"short_id":"c{}","created_at":"2026-11-05T12:00:00.000-05:00","is_deleted":false,"score":1,"parent_comment":{parent},"comment":{},"depth":{},"commenting_user":{}}}"#,
            id.0,
            json_string(&html_of(comment)),
            comment.depth,
            json_string(comment.author.as_deref().unwrap_or("x")),
        );
    }
    json.push_str("]}");
    json
}

/// `document` as a Discourse topic's JSON: post 1 the article, the rest
/// replying by post number.
pub fn discourse_json(document: &Document) -> String {
    use std::fmt::Write as _;
    let mut json = String::with_capacity(document.comments.len() * 700);
    let _ = write!(
        json,
        r#"{{"id":7,"title":{},"slug":"generated","created_at":"2026-11-05T11:00:00.000Z","post_stream":{{"posts":[{{"id":1,"post_number":1,"username":"op","created_at":"2026-11-05T11:00:00.000Z","cooked":"<p>The article.</p>","reply_to_post_number":null}}"#,
        json_string(&document.title)
    );
    for (id, comment) in document.comments.iter() {
        let parent = comment
            .parent
            .map_or("null".to_string(), |p| (p.0 + 2).to_string());
        let _ = write!(
            json,
            r#",{{"id":{},"post_number":{},"username":{},"created_at":"2026-11-05T12:00:00.000Z","cooked":{},"reply_to_post_number":{parent}}}"#,
            id.0 + 2,
            id.0 + 2,
            json_string(comment.author.as_deref().unwrap_or("x")),
            json_string(&html_of(comment)),
        );
    }
    json.push_str("]}}");
    json
}

/// `document` as an mbox mailing-list archive threaded by In-Reply-To.
pub fn mbox(document: &Document) -> String {
    use std::fmt::Write as _;
    let mut mbox = String::with_capacity(document.comments.len() * 700);
    let _ = write!(
        mbox,
        "From op@example.org Thu Nov  5 11:00:00 2026\nFrom: op <op@example.org>\nSubject: {}\nDate: Thu, 5 Nov 2026 11:00:00 +0000\nMessage-ID: <root@example.org>\n\nThe article.\n\n",
        document.title
    );
    for (id, comment) in document.comments.iter() {
        let parent = comment.parent.map_or("root@example.org".to_string(), |p| {
            format!("m{}@example.org", p.0)
        });
        let author = comment.author.as_deref().unwrap_or("x");
        let _ = write!(
            mbox,
            "From {author}@example.org Thu Nov  5 12:00:00 2026\nFrom: {author} <{author}@example.org>\nSubject: Re: x\nDate: Thu, 5 Nov 2026 12:00:00 +0000\nMessage-ID: <m{}@example.org>\nIn-Reply-To: <{parent}>\n\n",
            id.0
        );
        for block in comment.body.iter() {
            mbox.push_str(&block.text.replace("\nFrom ", "\n>From "));
            mbox.push_str("\n\n");
        }
    }
    mbox
}
