//! Tests of `html`.

use super::*;

fn texts(html: &str) -> Vec<(BlockKind, String)> {
    to_blocks(html)
        .into_iter()
        .map(|b| (b.kind, b.text))
        .collect()
}

fn para(text: &str) -> (BlockKind, String) {
    (BlockKind::Paragraph, text.to_string())
}

#[test]
fn paragraphs_both_closed_and_hn_style_bare() {
    assert_eq!(texts("<p>a</p><p>b</p>"), [para("a"), para("b")]);
    assert_eq!(
        texts("first<p>second<p>third"),
        [para("first"), para("second"), para("third")]
    );
}

#[test]
fn entities_are_decoded_exactly_once() {
    assert_eq!(
        texts("it&#x27;s &amp;lt;b&amp;gt; &quot;x&quot; a&#x2F;b"),
        [para("it's &lt;b&gt; \"x\" a/b")]
    );
}

#[test]
fn pre_code_keeps_whitespace() {
    let blocks = texts("<p>Try:<pre><code>  fn main() {\n      x();\n  }\n</code></pre>after");
    assert_eq!(
        blocks,
        [
            para("Try:"),
            (
                BlockKind::Code,
                "  fn main() {\n      x();\n  }".to_string()
            ),
            para("after"),
        ]
    );
}

#[test]
fn quotes_from_blockquote_and_from_greater_than_lines() {
    assert_eq!(
        texts("<blockquote><p>quoted</p></blockquote>"),
        [(BlockKind::Quote, "quoted".into())]
    );
    assert_eq!(
        texts("<p>&gt; said before<p>reply"),
        [(BlockKind::Quote, "said before".into()), para("reply")]
    );
}

#[test]
fn lists_emphasis_and_line_breaks() {
    assert_eq!(
        texts("<ul><li>one</li><li><i>two</i> <b>bold</b></li></ul>a<br>b"),
        [
            (BlockKind::ListItem, "one".into()),
            (BlockKind::ListItem, "two bold".into()),
            para("a\nb"),
        ]
    );
}

fn emphasized(html: &str) -> Vec<(String, bool)> {
    to_blocks(html)
        .iter()
        .flat_map(|block| {
            block
                .emphasis()
                .iter()
                .map(|e| (block.text[e.range.clone()].to_string(), e.strong))
        })
        .collect()
}

#[test]
fn emphasis_is_kept_as_ranges_of_the_text() {
    assert_eq!(
        emphasized("<p>a <i>very</i> <b>bold</b> <em>claim</em>, <strong>really</strong>"),
        [
            ("very".to_string(), false),
            ("bold".to_string(), true),
            ("claim".to_string(), false),
            ("really".to_string(), true),
        ]
    );
    assert_eq!(texts("a <i>very</i> claim"), [para("a very claim")]);
    // Nested, across a line break, in a quote, at the edges, unclosed.
    assert_eq!(
        emphasized("<i>it <b>is</b></i> so<br><i>over\nlines</i>"),
        [
            ("it is".to_string(), false),
            ("is".to_string(), true),
            ("over lines".to_string(), false),
        ]
    );
    assert_eq!(
        emphasized("<p>&gt; they <i>said</i>"),
        [("said".to_string(), false)]
    );
    assert_eq!(
        emphasized("<i> spaced </i>x"),
        [("spaced".to_string(), false)]
    );
    assert_eq!(
        emphasized("x <b>open to the end "),
        [("open to the end".to_string(), true)]
    );
    assert_eq!(
        emphasized("<h2>A <i>title</i></h2>"),
        [("title".to_string(), false)]
    );
    // Empty emphasis and an emphasis-only paragraph of spaces vanish.
    assert_eq!(to_blocks("<p><i> </i><p>x").len(), 1);
}

#[test]
fn text_cannot_forge_emphasis_marks() {
    let blocks = to_blocks("a \u{fdd0}b\u{fdd1} <i>c</i>");
    assert_eq!(blocks[0].text, "a b c");
    assert_eq!(blocks[0].emphasis().len(), 1);
    assert_eq!(&blocks[0].text[blocks[0].emphasis()[0].range.clone()], "c");
}

#[test]
fn shortened_links_show_the_whole_url() {
    let html = r#"see <a href="https://example.com/a/very/long/path" rel="nofollow">https://example.com/a/very/lo...</a> here"#;
    assert_eq!(
        texts(html),
        [para("see https://example.com/a/very/long/path here")]
    );
    let named = r#"<a href="https://example.com/x">the docs</a>"#;
    assert_eq!(texts(named), [para("the docs")]);
    let blocks = to_blocks(named);
    assert_eq!(blocks[0].links()[0].text, "the docs");
    assert_eq!(blocks[0].links()[0].url, "https://example.com/x");
}

#[test]
fn hostile_markup_is_sanitized_and_deep_nesting_is_fine() {
    assert_eq!(texts("<p>a\u{1b}[31mb</p>"), [para("ab")]);
    let deep = "<div>".repeat(1_000) + "deep" + &"</div>".repeat(1_000);
    assert_eq!(texts(&deep), [para("deep")]);
    let hostile = "<div>".repeat(100_000) + "deeper" + &"</div>".repeat(100_000);
    assert_eq!(texts(&hostile), [para("deeper")]);
}

#[test]
fn images_are_shown_by_their_alt_text() {
    let blocks = to_blocks(
        "<p><img src=\"a.png\" alt=\"A ferry at dawn\"></p><p><a href=\"https://x.example/full.png\"><img src=\"x.png\" alt=\"image\"></a></p>",
    );
    let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts, ["[image: A ferry at dawn]", "[image]"]);
    assert_eq!(blocks[1].links()[0].url, "https://x.example/full.png");
}

#[test]
fn a_link_without_text_shows_its_title_or_address() {
    let blocks = to_blocks(
        "<p><a href=\"https://a.example/\" title=\"The article\"></a></p><p><a href=\"https://b.example/\"></a></p>",
    );
    let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts, ["The article", "https://b.example/"]);
    assert_eq!(blocks[0].links()[0].text, "The article");
}
