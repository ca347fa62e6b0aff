//! Property tests: no input makes a parser or `dump` panic, and `dump` never
//! prints a line wider than asked, whatever characters the input holds.

use proptest::prelude::*;
use tread::formats::{self, Format};
use tread::text::wrap::{WrapMode, display_width, wrap_lines};

/// Text shaped like the plain-text format: bullets, indentation, blank lines,
/// wide characters, emoji sequences, combining marks and control characters.
fn discussion_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("  ".to_string()),
        Just("\t".to_string()),
        Just("• ".to_string()),
        Just("- ".to_string()),
        Just("* ".to_string()),
        Just("> ".to_string()),
        Just("```".to_string()),
        Just("# ".to_string()),
        Just("日本語".to_string()),
        Just("👨\u{200d}👩\u{200d}👧".to_string()),
        Just("e\u{301}".to_string()),
        Just("\u{1b}[31m".to_string()),
        Just("\r\n".to_string()),
        "[a-z]{1,12}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|pieces| pieces.concat())
}

/// Text shaped like JSON, often valid, often a near miss.
fn json_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("{".to_string()),
        Just("}".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just(",".to_string()),
        Just(":".to_string()),
        Just("\"tread\": 1".to_string()),
        Just("\"title\": \"t\"".to_string()),
        Just("\"comments\": ".to_string()),
        Just("\"replies\": ".to_string()),
        Just("\"id\": \"1\"".to_string()),
        Just("\"parent\": \"1\"".to_string()),
        Just("\"body\": [{\"kind\": \"code\", \"text\": \"x\"}]".to_string()),
        Just("\"children\": ".to_string()),
        Just("\"data\": ".to_string()),
        Just("\"replies\": \"\"".to_string()),
        Just("\"post_stream\": {\"posts\": ".to_string()),
        Just("\"text\": \"<p>a<pre>b\"".to_string()),
        Just("\"commenting_user\": {\"username\": 1}".to_string()),
        Just("\"ancestors\": ".to_string()),
        Just("\"user\": {\"login\": \"a\"}".to_string()),
        Just("\"body\": \"# h\\n\\n```\\nx\"".to_string()),
        Just("\"descendants\": ".to_string()),
        Just("\"in_reply_to_id\": \"1\"".to_string()),
        Just("\"account\": {\"acct\": \"a\"}".to_string()),
        Just("\"media_attachments\": [{\"type\": \"image\"}]".to_string()),
        Just("null".to_string()),
        Just("\"\\u001b[2J\"".to_string()),
        "-?[0-9]{1,20}",
        "\"[a-z]{0,5}\"",
    ];
    prop::collection::vec(piece, 0..60)
        .prop_map(|pieces| format!("{{\"tread\": 1, {}", pieces.concat()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn text_parser_never_panics(input in discussion_like()) {
        let _ = formats::load(input.as_bytes(), Some(Format::Text));
    }

    #[test]
    fn arbitrary_bytes_never_panic_detection_or_either_parser(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = formats::load(&bytes, None);
        let _ = formats::load(&bytes, Some(Format::Text));
        let _ = formats::load(&bytes, Some(Format::Json));
    }

    #[test]
    fn every_importer_survives_arbitrary_bytes_and_json(bytes in prop::collection::vec(any::<u8>(), 0..300), input in json_like()) {
        for format in [Format::Hn, Format::Lobsters, Format::Discourse, Format::Reddit, Format::Mastodon, Format::Github, Format::Mbox, Format::Page] {
            let _ = formats::load(&bytes, Some(format));
            let _ = formats::load(input.as_bytes(), Some(format));
            let _ = formats::load(input.replacen("{\"tread\": 1, ", "[{\"kind\": \"Listing\", ", 1).as_bytes(), Some(format));
        }
    }

    #[test]
    fn native_reader_never_panics(input in json_like()) {
        let _ = formats::load(input.as_bytes(), Some(Format::Json));
        let _ = formats::load(input.as_bytes(), None);
    }

    #[test]
    fn dump_never_exceeds_the_width(input in discussion_like(), width in 1usize..100) {
        if let Ok(loaded) = formats::load(input.as_bytes(), Some(Format::Text)) {
            let dump = tread::commands::dump::render(&loaded.document, width);
            for line in dump.lines() {
                prop_assert!(display_width(line) <= width, "width {}: {:?}", width, line);
                prop_assert!(!line.chars().any(|c| c.is_control()), "{:?}", line);
            }
        }
    }

    #[test]
    fn wrapping_keeps_every_word_and_fits(words in prop::collection::vec("[a-z日本👍]{1,15}", 0..30), width in 2usize..40) {
        let text = words.join(" ");
        let lines = wrap_lines(&text, width, WrapMode::Prose);
        for line in &lines {
            prop_assert!(display_width(line) <= width, "{:?}", line);
        }
        let rejoined: String = lines.concat().split_whitespace().collect();
        let original: String = text.split_whitespace().collect();
        prop_assert_eq!(rejoined, original);
    }
}

// The entry points the fuzz targets in fuzz/ drive, on stable Rust.
proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn loading_any_bytes_through_the_stream_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..600), input in json_like(), text in discussion_like()) {
        for input in [&bytes[..], input.as_bytes(), text.as_bytes()] {
            tread::fuzzing::load(input);
            for format in tread::fuzzing::FORMATS {
                tread::fuzzing::import(format, input);
            }
        }
        tread::fuzzing::json_events(input.as_bytes());
        tread::fuzzing::json_events(&bytes);
        // The same, gzipped.
        use std::io::Write;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(text.as_bytes()).unwrap();
        tread::fuzzing::load(&encoder.finish().unwrap());
    }

    #[test]
    fn reader_mode_never_panics_on_any_page(html in html_like()) {
        let page = format!("<!doctype html><html><body>{html}</body></html>");
        let _ = tread::formats::load(page.as_bytes(), None);
    }

    #[test]
    fn a_fetched_page_of_any_bytes_and_any_charset_reads_or_fails_cleanly(
        bytes in prop::collection::vec(any::<u8>(), 0..400),
        meta in "[a-z0-9 =;'\"<>-]{0,30}",
        charset in prop::option::of("[a-zA-Z0-9_-]{0,16}"),
    ) {
        let mut page = format!("<html><head><meta charset={meta}>").into_bytes();
        page.extend_from_slice(&bytes);
        let address = "https://paper.example/a/b";
        if let Ok(document) = tread::formats::load_page(&page, charset.as_deref(), address) {
            prop_assert!(!document.title.contains(|c: char| c.is_control()));
        }
    }

    #[test]
    fn the_html_converter_never_panics(html in html_like()) {
        tread::fuzzing::html(html.as_bytes());
    }

    #[test]
    fn the_config_parser_never_panics(text in config_like()) {
        tread::fuzzing::config(text.as_bytes());
    }

    #[test]
    fn store_file_parsers_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300), input in store_like()) {
        for input in [&bytes[..], input.as_bytes()] {
            tread::fuzzing::bookmarks_file(input);
            tread::fuzzing::positions_file(input);
            tread::fuzzing::seen_file(input);
            tread::fuzzing::library_file(input);
        }
    }

    #[test]
    fn any_text_as_an_address_never_panics(text in "(https?://)?([a-z.]{0,12}(news\\.ycombinator\\.com|reddit\\.com|redd\\.it|lobste\\.rs|github\\.com)?)(/[@a-z0-9_?=.%-]{0,12}){0,6}", bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        tread::fuzzing::address(text.as_bytes());
        let mut answered = text.into_bytes();
        answered.push(b'\n');
        answered.extend_from_slice(&bytes);
        tread::fuzzing::address(&answered);
    }

    #[test]
    fn the_reader_survives_any_script_of_actions_keys_and_resizes(script in prop::collection::vec(any::<u8>(), 0..300), text in discussion_like()) {
        tread::fuzzing::reader(&script);
        let mut own_document = vec![1u8];
        own_document.extend_from_slice(text.as_bytes());
        own_document.push(0);
        own_document.extend_from_slice(&script);
        tread::fuzzing::reader(&own_document);
    }
}

fn html_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<pre><code>".to_string()),
        Just("</code></pre>".to_string()),
        Just("<blockquote>".to_string()),
        Just("</blockquote>".to_string()),
        Just("<a href=\"https://x.example/\">".to_string()),
        Just("</a>".to_string()),
        Just("<i><b>".to_string()),
        Just("</b></i>".to_string()),
        Just("<ul><li>".to_string()),
        Just("<br>".to_string()),
        Just("&amp;lt;".to_string()),
        Just("&#x1b;[2J".to_string()),
        Just("\u{fdd0}".to_string()),
        Just("<h2>".to_string()),
        "[a-z ]{1,12}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
}

fn config_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("[layout]\n".to_string()),
        Just("[theme]\n".to_string()),
        Just("[keys]\n".to_string()),
        Just("[keys.comments]\n".to_string()),
        Just("indent = 3\n".to_string()),
        Just("reading_width = 0\n".to_string()),
        Just("name = \"mono\"\n".to_string()),
        Just("author = \"#zzzzzz\"\n".to_string()),
        Just("match = 300\n".to_string()),
        Just("quit = [\"ctrl-q\", \"g g g\"]\n".to_string()),
        Just("next_comment = []\n".to_string()),
        Just("fly = [\"x\"]\n".to_string()),
        "[a-z_]{1,10} = [0-9]{1,4}\n",
        "[a-z_]{1,10} = \"[a-z-]{0,8}\"\n",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..30).prop_map(|pieces| pieces.concat())
}

fn store_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("{\"version\": 1, ".to_string()),
        Just("\"bookmarks\": [".to_string()),
        Just("\"positions\": {".to_string()),
        Just("\"documents\": {".to_string()),
        Just("{\"id\": \"b\", \"document\": \"d\", \"title\": \"t\", \"target\": {\"kind\": \"article\", \"block\": 18446744073709551615}, \"range\": [0, 1], \"last_block\": 18446744073709551615, \"excerpt\": \"\\u001b]0;x\", \"created\": 0}".to_string()),
        Just("\"k\": {\"focus\": \"comments\", \"article_block\": 9, \"article_cursor\": 9, \"updated\": 1}".to_string()),
        Just("\"k\": {\"ids\": [\"1\"], \"updated\": -1}".to_string()),
        Just("]".to_string()),
        Just("}".to_string()),
        Just(",".to_string()),
        "\"[a-z]{0,5}\": [0-9]{1,5}",
    ];
    prop::collection::vec(piece, 0..20).prop_map(|pieces| pieces.concat())
}
