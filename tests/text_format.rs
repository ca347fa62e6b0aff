//! The plain-text discussion format, on our fixtures (the shared sample is
//! read by the conformance tests).

mod common;

use common::{kinds, load_fixture, tree};
use tread::document::BlockKind;

fn owned(expected: &[(u32, &str)]) -> Vec<(u32, String)> {
    expected.iter().map(|&(d, a)| (d, a.to_string())).collect()
}

#[test]
fn an_editorial_with_reader_comments_loads_with_its_structure() {
    let document = load_fixture("editorial.txt");
    assert_eq!(document.title, "Bringing the river ferries back");
    assert_eq!(document.article.len(), 14);
    assert!(
        document
            .article
            .iter()
            .all(|b| b.kind == BlockKind::Paragraph)
    );
    assert!(
        document.article[0]
            .text
            .starts_with("The city council voted on Tuesday")
    );

    assert_eq!(
        tree(&document),
        owned(&[(0, "hanna_v"), (1, "Ruben Ortiz")])
    );
    let first_id = document.comments.roots()[0];
    let first = document.comments.get(first_id);
    assert_eq!(first.body.len(), 3);
    // Single line breaks inside a paragraph are kept.
    assert_eq!(first.body[0].text.matches('\n').count(), 2);
    assert!(first.body[0].text.starts_with("I remember the old ferries"));
    let reply = document
        .comments
        .get(document.comments.first_reply(first_id).unwrap());
    assert_eq!(reply.body.len(), 1);
    assert!(reply.body[0].text.starts_with("Heated pontoons exist"));
}

#[test]
fn several_levels_and_a_dedent_closing_three_at_once() {
    let document = load_fixture("nested-dedent.txt");
    assert_eq!(
        tree(&document),
        owned(&[
            (0, "alice"),
            (1, "bob"),
            (2, "carol"),
            (3, "dave"),
            (0, "erin"),
            (1, "frank"),
            (1, "grace"),
        ])
    );
    let erin = document.comments.get(document.comments.roots()[1]);
    assert_eq!(
        erin.body[0].text,
        "Second thread: the dedent above closed three levels at once."
    );
}

#[test]
fn article_paragraphs_keep_single_line_breaks() {
    let document = load_fixture("nested-dedent.txt");
    assert_eq!(
        document.article[0].text,
        "An article paragraph\nthat keeps its line break."
    );
    assert_eq!(document.article[1].text, "Second paragraph.");
}

#[test]
fn tab_indentation_of_any_depth() {
    let document = load_fixture("tab-indent.txt");
    assert_eq!(tree(&document), owned(&[(0, "ann"), (1, "ben"), (0, "cy")]));
    let ben = document.comments.get(
        document
            .comments
            .first_reply(document.comments.roots()[0])
            .unwrap(),
    );
    assert_eq!(ben.body[0].text, "Reply by ben.");
}

#[test]
fn crlf_line_endings() {
    let document = load_fixture("crlf.txt");
    assert_eq!(document.title, "Windows line endings");
    assert_eq!(
        document.article[0].text,
        "First paragraph\nwith a second line."
    );
    assert_eq!(tree(&document), owned(&[(0, "winnie"), (1, "xavier")]));
    let winnie = document.comments.get(document.comments.roots()[0]);
    assert_eq!(
        kinds(&winnie.body),
        [BlockKind::Paragraph, BlockKind::Paragraph]
    );
    assert_eq!(winnie.body[0].text, "Body one.\nStill body one.");
    assert!(!winnie.body.iter().any(|b| b.text.contains('\r')));
}

#[test]
fn an_article_with_no_comments() {
    let document = load_fixture("no-comments.txt");
    assert_eq!(document.title, "Just an article");
    assert_eq!(document.article.len(), 2);
    assert!(document.comments.is_empty());
}

#[test]
fn a_bulleted_list_stays_in_the_article() {
    let document = load_fixture("article-with-list.txt");
    let texts: Vec<&str> = document.article.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Before the list.",
            "first item",
            "second item",
            "third item",
            "After the list, still the article.",
            "not a comment either, because nothing below is indented deeper",
        ]
    );
    assert_eq!(document.article[1].kind, BlockKind::ListItem);
    assert_eq!(tree(&document), owned(&[(0, "quinn"), (1, "rae")]));
}

#[test]
fn four_space_levels_and_every_bullet_kind() {
    let document = load_fixture("mixed-bullets-width.txt");
    assert_eq!(
        tree(&document),
        owned(&[(0, "one"), (1, "two"), (2, "three"), (1, "four")])
    );
}

#[test]
fn text_written_by_convert_reads_back_to_the_same_tree() {
    for name in ["nested-dedent.txt", "crlf.txt", "article-with-list.txt"] {
        let document = load_fixture(name);
        let written = tread::formats::text::write(&document);
        let reread = tread::formats::load(written.as_bytes(), None)
            .unwrap()
            .document;
        assert_eq!(reread.title, document.title, "{name}");
        assert_eq!(reread.article, document.article, "{name}");
        assert_eq!(tree(&reread), tree(&document), "{name}");
        for ((_, a), (_, b)) in reread.comments.iter().zip(document.comments.iter()) {
            assert_eq!(a.body, b.body, "{name}");
        }
    }
}

#[test]
fn text_tread_writes_is_written_again_byte_for_byte() {
    use tread::document::{Block, CommentTreeBuilder, Document, NewComment};
    // Blocks the format cannot say as they are: a paragraph whose first line
    // reads as a list, lines with leading and trailing spaces, a quote
    // ending in an empty line, a list item of two lines inside a comment
    // (a bullet and a deeper line would read as a reply) and a blank block.
    let body = vec![
        Block::paragraph("* https://example.org/a"),
        Block::paragraph("      indented\n  lines   "),
        Block::new(BlockKind::Quote, "quoted\n\n"),
        Block::new(BlockKind::ListItem, "first line\nsecond line"),
        Block::paragraph("   "),
    ];
    let mut builder = CommentTreeBuilder::with_capacity(2);
    let ann = builder.push(NewComment {
        key: "1".into(),
        author: Some("ann".into()),
        body: body.clone().into(),
        ..NewComment::default()
    });
    builder.push(NewComment {
        key: "2".into(),
        parent: Some(ann),
        author: Some("bo".into()),
        body: vec![Block::paragraph("reply")].into(),
        ..NewComment::default()
    });
    let document = Document {
        title: "Quirks".into(),
        article: body,
        comments: builder.build().unwrap(),
        ..Document::default()
    };
    let first = tread::formats::text::write(&document);
    let again = tread::formats::load(first.as_bytes(), None)
        .unwrap()
        .document;
    assert_eq!(tread::formats::text::write(&again), first, "{first}");
    assert_eq!(tree(&again), owned(&[(0, "ann"), (1, "bo")]), "{first}");
    let ann = again.comments.get(again.comments.roots()[0]);
    assert_eq!(
        kinds(&ann.body),
        [
            BlockKind::ListItem,
            BlockKind::Paragraph,
            BlockKind::Quote,
            BlockKind::ListItem
        ]
    );
    assert_eq!(ann.body[3].text, "first line\nsecond line");
}
