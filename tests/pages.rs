//! Reader mode on the pages of Readability.js's own test suite, in
//! ../shared/pages: the article tread extracts against the one
//! Readability.js does, by word-level F1, and the title.

mod common;

use std::collections::HashMap;

use common::shared_folder;
use tread::formats::Format;

/// Lowercased words of `text`, counted.
fn words(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *counts.entry(word.to_lowercase()).or_default() += 1;
    }
    counts
}

/// Word-level F1 of `got` against `expected`.
fn f1(got: &str, expected: &str) -> f64 {
    let (got, expected) = (words(got), words(expected));
    let common: usize = got
        .iter()
        .map(|(word, &n)| n.min(expected.get(word).copied().unwrap_or(0)))
        .sum();
    let (got_total, expected_total): (usize, usize) = (got.values().sum(), expected.values().sum());
    if got_total == 0 || expected_total == 0 {
        return if got_total == expected_total {
            1.0
        } else {
            0.0
        };
    }
    if common == 0 {
        return 0.0;
    }
    let precision = common as f64 / got_total as f64;
    let recall = common as f64 / expected_total as f64;
    2.0 * precision * recall / (precision + recall)
}

fn text_of(blocks: &[tread::document::Block]) -> String {
    blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn reader_mode_extracts_what_readability_js_does() {
    let Some(shared) = shared_folder("reader_mode_extracts_what_readability_js_does") else {
        return;
    };
    let mut pages: Vec<_> = std::fs::read_dir(shared.join("pages"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    pages.sort();
    assert!(!pages.is_empty());
    let mut scores = Vec::new();
    let mut wrong = Vec::new();
    for page in &pages {
        let name = page.file_name().unwrap().to_string_lossy().into_owned();
        let source = std::fs::read(page.join("source.html")).unwrap();
        let loaded = tread::formats::load(&source, None).unwrap_or_else(|e| panic!("{name}: {e}"));
        let expected_html = std::fs::read_to_string(page.join("expected.html")).unwrap();
        let expected = text_of(&tread::formats::html::to_blocks(&expected_html));
        let got = text_of(&loaded.document.article);
        // Both have an article to compare: an empty page would score 1.
        let counted = |text: &str| words(text).values().sum::<usize>();
        assert!(
            counted(&expected) > 20 && counted(&got) > 20,
            "{name}: too little text"
        );
        let score = f1(&got, &expected);
        let metadata: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(page.join("expected-metadata.json")).unwrap(),
        )
        .unwrap();
        let title = metadata["title"].as_str().unwrap_or("");
        if loaded.document.title != title {
            wrong.push(format!(
                "{name}: title {:?}, expected {title:?}",
                loaded.document.title
            ));
        }
        if score < 0.9 {
            wrong.push(format!("{name}: F1 {score:.3}"));
        }
        // Detected as a page by its content, as the user's file would be.
        let forced = tread::formats::load(&source, Some(Format::Page)).unwrap();
        assert_eq!(forced.document.title, loaded.document.title, "{name}");
        scores.push((name, score));
    }
    let average = scores.iter().map(|(_, s)| s).sum::<f64>() / scores.len() as f64;
    // The figures, for the notes.
    use std::io::Write;
    let mut report = String::new();
    for (name, score) in &scores {
        report.push_str(&format!("{name}: {score:.4}\n"));
    }
    let _ = writeln!(std::io::stderr(), "{report}average F1 {average:.4}");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(average >= 0.99, "average F1 {average:.4}\n{report}");
}

#[test]
fn f1_counts_words_both_ways() {
    assert!((f1("a b c", "a b d") - 2.0 / 3.0).abs() < 1e-9);
    assert!((f1("The the", "the") - 2.0 / 3.0).abs() < 1e-9);
    assert_eq!(f1("x", "y"), 0.0);
}
