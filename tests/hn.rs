//! Hacker News importers (Algolia items and HNPWA) on our own fixtures, and
//! nesting far deeper than any JSON library's default limit.

mod common;

use common::{load_fixture, tree};
use tread::document::BlockKind;

fn owned(expected: &[(u32, &str)]) -> Vec<(u32, String)> {
    expected.iter().map(|&(d, a)| (d, a.to_string())).collect()
}

#[test]
fn algolia_story_tree_with_a_deleted_parent_kept_as_a_placeholder() {
    let document = load_fixture("hn-algolia.json");
    assert_eq!(document.title, "Ask tread: reading threads");
    assert_eq!(
        document.source.as_deref(),
        Some("https://news.ycombinator.com/item?id=100")
    );
    assert_eq!(document.author.as_deref(), Some("asker"));
    assert_eq!(
        document.article[0].text,
        "Ask: how do you read long threads?"
    );
    // 105 (deleted, no replies) is gone; 103 (deleted, with a reply) stays.
    assert_eq!(
        tree(&document),
        owned(&[(0, "first"), (1, ""), (2, "orphan_saver"), (0, "second")])
    );
    let placeholder = document
        .comments
        .get(document.comments.find_by_key("103").unwrap());
    assert!(placeholder.deleted);
    assert!(placeholder.body.is_empty());
}

#[test]
fn algolia_comment_html_becomes_blocks() {
    let document = load_fixture("hn-algolia.json");
    let first = document
        .comments
        .get(document.comments.find_by_key("101").unwrap());
    let blocks: Vec<(BlockKind, &str)> = first
        .body
        .iter()
        .map(|b| (b.kind, b.text.as_str()))
        .collect();
    assert_eq!(
        blocks,
        [
            (BlockKind::Paragraph, "Bare first"),
            (
                BlockKind::Paragraph,
                "Second paragraph with 'quotes' &lt;kept&gt;"
            ),
            (BlockKind::Quote, "quoted line"),
            (BlockKind::Code, "  indented code"),
        ]
    );
    let second = document
        .comments
        .get(document.comments.find_by_key("102").unwrap());
    assert_eq!(
        second.body[0].text,
        "See https://example.com/a/long/path/to/a/page"
    );
    assert_eq!(first.posted.as_deref(), Some("1795687260"));
}

#[test]
fn hnpwa_levels_and_deleted_items() {
    let document = load_fixture("hnpwa.json");
    assert_eq!(document.title, "A link story");
    assert_eq!(document.article[0].text, "https://example.org/story");
    assert_eq!(
        tree(&document),
        owned(&[(0, "alpha"), (1, ""), (2, "gamma"), (0, "delta")])
    );
    let dead = document
        .comments
        .get(document.comments.find_by_key("205").unwrap());
    assert!(dead.dead && !dead.deleted);
    assert_eq!(dead.body[0].text, "Flagged, still readable");
    let dump = tread::commands::dump::render(&document, 80);
    assert!(dump.contains("delta [dead]"), "{dump}");
}

#[test]
fn algolia_emphasis_is_kept_and_survives_native_json() {
    let document = load_fixture("hn-algolia.json");
    let orphan = document
        .comments
        .get(document.comments.find_by_key("104").unwrap());
    let block = &orphan.body[0];
    assert_eq!(block.text, "My parent was deleted, sadly.");
    let stretches: Vec<(&str, bool)> = block
        .emphasis()
        .iter()
        .map(|e| (&block.text[e.range.clone()], e.strong))
        .collect();
    assert_eq!(stretches, [("deleted", false), ("sadly", true)]);
    let json = tread::formats::native::write(&document);
    let again = tread::formats::load(json.as_bytes(), None)
        .unwrap()
        .document;
    assert_eq!(again, document);
}

#[test]
fn a_100000_deep_algolia_chain_loads_without_overflow() {
    let depth = 100_000;
    let mut json = String::from(
        r#"{"id": 1, "type": "story", "title": "Deep", "author": "op", "created_at_i": 1, "story_id": 1, "children": ["#,
    );
    for i in 0..depth {
        json.push_str(&format!(
            r#"{{"id": {}, "type": "comment", "author": "u{i}", "text": "<p>r{i}", "children": ["#,
            i + 2
        ));
    }
    json.push_str(&"]}".repeat(depth));
    json.push_str("]}");
    let document = tread::formats::load(json.as_bytes(), None)
        .unwrap()
        .document;
    assert_eq!(document.comments.len(), depth);
    assert_eq!(document.comments.max_depth() as usize, depth - 1);
    let dump = tread::commands::dump::render(&document, 60);
    assert!(
        dump.lines()
            .all(|l| tread::text::wrap::display_width(l) <= 60)
    );
}

#[test]
fn a_generated_algolia_thread_round_trips_its_tree() {
    let json = tread::synthetic::hn_algolia_json(500);
    let imported = tread::formats::load(json.as_bytes(), None)
        .unwrap()
        .document;
    let generated = tread::synthetic::discussion(500);
    assert_eq!(tree(&imported), tree(&generated));
}

#[test]
fn emphasis_is_drawn_italic_and_bold_in_the_reader() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::style::Modifier;

    let app = common::app_for(load_fixture("hn-algolia.json"), 120, 40);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(&app, frame.area()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    // The modifiers of the cells where `word` is drawn on screen.
    let modifiers_of = |word: &str| {
        for y in 0..40 {
            let row: String = (0..120).map(|x| buffer[(x, y)].symbol()).collect();
            if let Some(column) = row.find(&format!("was {word}")) {
                let x = row[..column].chars().count() as u16 + 4;
                return (x..x + word.len() as u16)
                    .map(|x| buffer[(x, y)].modifier)
                    .collect::<Vec<_>>();
            }
        }
        panic!("{word} not on screen");
    };
    assert!(
        modifiers_of("deleted")
            .iter()
            .all(|m| m.contains(Modifier::ITALIC))
    );
    let row_text = |y: u16| {
        (0..120)
            .map(|x| buffer[(x, y)].symbol())
            .collect::<String>()
    };
    let (y, column) = (0..40)
        .find_map(|y| row_text(y).find("sadly").map(|c| (y, c)))
        .unwrap();
    let x = row_text(y)[..column].chars().count() as u16;
    assert!(buffer[(x, y)].modifier.contains(Modifier::BOLD));
    assert!(!buffer[(x - 2, y)].modifier.contains(Modifier::BOLD));
}

#[test]
fn comment_html_is_converted_when_read_or_while_the_reader_idles() {
    let document = load_fixture("hn-algolia.json");
    let pending = |document: &tread::document::Document| {
        document
            .comments
            .iter()
            .filter(|(_, c)| c.body.is_pending())
            .count()
    };
    // Nothing is converted at import (the deleted placeholder has no text).
    assert_eq!(pending(&document), 3);
    // Reading a body converts that one.
    let first = document.comments.find_by_key("101").unwrap();
    assert_eq!(document.comments.get(first).body[0].text, "Bare first");
    assert_eq!(pending(&document), 2);
    // The reader converts the rest while it waits for keys.
    let mut app = common::app_for(document, 100, 30);
    let mut idle_moments = 0;
    while app.has_idle_work() {
        app.update(tread::app::Message::Idle);
        idle_moments += 1;
    }
    assert_eq!(idle_moments, 1);
    assert_eq!(pending(&app.document), 0);
}

#[test]
fn a_large_algolia_file_is_recognised_from_its_start_and_broken_ends_are_reported() {
    // The story's own keys after "children" are 2 MB away: the probe sees
    // the first comment's keys instead.
    let json = tread::synthetic::hn_algolia_json(5_000);
    assert!(json.len() > 2 << 20);
    let loaded = tread::formats::load(json.as_bytes(), None).unwrap();
    assert_eq!(loaded.document.comments.len(), 5_000);
    // Cut short past what the probe reads: the importer says what is wrong.
    let cut = &json[..json.len() - 100];
    let error = tread::formats::load(cut.as_bytes(), None)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("Hacker News item") && error.contains("EOF"),
        "{error}"
    );
}
