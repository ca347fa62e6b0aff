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
    use std::fmt::Write as _;
    let document = discussion(comments);
    let tree = &document.comments;
    let escape = |text: &str| serde_json::to_string(text).expect("strings serialize");
    let mut json = String::with_capacity(comments * 700);
    json.push_str(r#"{"author":"op","children":["#);
    // Preorder with an explicit stack of open items: close an item's
    // children array when the next comment is not below it.
    let mut open: Vec<u32> = Vec::new();
    for (id, comment) in tree.iter() {
        while open.len() > comment.depth as usize {
            open.pop();
            json.push_str("]}");
        }
        if json.ends_with('}') {
            json.push(',');
        }
        let html: Vec<String> = comment
            .body
            .iter()
            .map(|b| b.text.replace('&', "&amp;").replace('<', "&lt;"))
            .collect();
        let _ = write!(
            json,
            r#"{{"author":{},"created_at":"2026-11-05T12:00:00.000Z","created_at_i":1793880000,"id":{},"options":[],"parent_id":null,"points":null,"story_id":1,"text":{},"title":null,"type":"comment","url":null,"children":["#,
            escape(comment.author.as_deref().unwrap_or("x")),
            id.0 + 2,
            escape(&html.join("<p>")),
        );
        open.push(id.0);
    }
    for _ in open {
        json.push_str("]}");
    }
    json.push_str(r#"],"created_at":"2026-11-05T11:00:00.000Z","created_at_i":1793876400,"id":1,"options":[],"parent_id":null,"points":512,"story_id":1,"text":"<p>A generated story.","title":"Generated","type":"story","url":null}"#);
    json
}
