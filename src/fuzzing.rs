//! Entry points that take arbitrary bytes and must never panic, hang or
//! recurse without bound, whatever they are given: format detection and
//! every importer (through the streaming reader, gzip included), the HTML
//! converter, the config parser, each store file's parser, and the reader
//! driven by actions, keys and resizes. The fuzz targets in `fuzz/` call
//! them, and so do the property tests, so `cargo test` exercises them on
//! stable Rust.

use ratatui::layout::Rect;

use crate::app::PromptKey;
use crate::app::{Action, App, Message};
use crate::bookmarks::BookmarkFile;
use crate::formats::{self, Format};
use crate::store::json_file;
use crate::store::positions::PositionFile;
use crate::store::seen::SeenFile;

/// Every format the user can force, for the importers.
pub const FORMATS: [Format; 7] = [
    Format::Text,
    Format::Json,
    Format::Hn,
    Format::Lobsters,
    Format::Discourse,
    Format::Reddit,
    Format::Mbox,
];

/// Reads `bytes` as a file would be read (sniffed, gzip inflated, limited),
/// then detects the format and imports it.
pub fn load(bytes: &[u8]) {
    let Ok(inflated) = crate::source::read_stream(bytes, 1 << 24, None) else {
        return;
    };
    if let Ok(loaded) = formats::load(&inflated, None) {
        touch(&loaded.document);
    }
}

/// One importer, forced, on `bytes`.
pub fn import(format: Format, bytes: &[u8]) {
    if let Ok(loaded) = formats::load(bytes, Some(format)) {
        touch(&loaded.document);
    }
}

/// Reads every block of a document, converting lazy bodies, and dumps it.
fn touch(document: &crate::document::Document) {
    for (_, comment) in document.comments.iter() {
        let _ = comment.body.len();
    }
    let _ = crate::commands::dump::render(document, 60);
    let _ = formats::native::write(document);
    let _ = formats::text::write(document);
}

/// The event reader against serde_json on the same text: whatever serde_json
/// accepts, the events build the same value from; whatever the events
/// accept, serde_json accepts too, but for what the events read more
/// leniently (controls inside strings, half a surrogate pair).
pub fn json_events(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let expected = {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        deserializer.disable_recursion_limit();
        let stacked = serde_stacker::Deserializer::new(&mut deserializer);
        serde::Deserialize::deserialize(stacked)
            .and_then(|value: serde_json::Value| deserializer.end().map(|()| value))
    };
    let lenient = text.bytes().any(|b| b < 0x20) || text.contains("\\u");
    match (value_from_events(text), expected) {
        (Ok(value), Ok(expected)) => assert_eq!(value, expected, "{text:?}"),
        (Err(error), Ok(_)) => panic!("serde_json reads {text:?}, the events do not: {error}"),
        (Ok(_), Err(error)) if !lenient => {
            panic!("the events read {text:?}, serde_json does not: {error}")
        }
        _ => {}
    }
}

/// The value the events of `text` describe, built without recursion.
fn value_from_events(text: &str) -> Result<serde_json::Value, formats::events::SyntaxError> {
    use formats::events::{Event, Events, SyntaxError};
    use serde_json::Value;
    let mut events = Events::new(text);
    // Open containers, each with the key it goes under in its parent.
    let mut open: Vec<(Value, Option<String>)> = Vec::new();
    let mut key: Option<String> = None;
    loop {
        let value = match events.next()? {
            Event::StartObject => {
                open.push((Value::Object(serde_json::Map::new()), key.take()));
                continue;
            }
            Event::StartArray => {
                open.push((Value::Array(Vec::new()), key.take()));
                continue;
            }
            Event::ObjectKey(name) => {
                key = Some(name.into_owned());
                continue;
            }
            Event::EndObject | Event::EndArray => {
                let (value, its_key) = open.pop().expect("an end closes what was opened");
                key = its_key;
                value
            }
            Event::String(text) => Value::String(text.into_owned()),
            Event::Number(number) => {
                serde_json::from_str(number).map_err(|_| SyntaxError::new("number out of range"))?
            }
            Event::Boolean(b) => Value::Bool(b),
            Event::Null => Value::Null,
            Event::Eof => return Err(SyntaxError::end_of_file()),
        };
        match open.last_mut() {
            None => {
                return match events.next()? {
                    Event::Eof => Ok(value),
                    _ => Err(SyntaxError::new("trailing characters")),
                };
            }
            Some((Value::Array(items), _)) => items.push(value),
            Some((Value::Object(map), _)) => {
                map.insert(key.take().expect("a key before its value"), value);
            }
            Some(_) => unreachable!("only arrays and objects are open"),
        }
    }
}

/// The HTML converter on whatever text the bytes hold.
pub fn html(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let _ = formats::html::to_blocks(&text);
    let _ = formats::html::escaped_to_blocks(&text);
}

/// The config file parser.
pub fn config(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let _ = crate::config::Config::from_toml(&text, "config.toml");
}

/// The parser of `bookmarks.json`.
pub fn bookmarks_file(bytes: &[u8]) {
    let _ = json_file::parse::<BookmarkFile>(bytes);
}

/// The parser of `positions.json`.
pub fn positions_file(bytes: &[u8]) {
    let _ = json_file::parse::<PositionFile>(bytes);
}

/// The parser of `seen.json`.
pub fn seen_file(bytes: &[u8]) {
    let _ = json_file::parse::<SeenFile>(bytes);
}

/// The parser of `library.json`.
pub fn library_file(bytes: &[u8]) {
    let _ = json_file::parse::<crate::store::library::LibraryFile>(bytes);
}

/// An address and what its site answered: the first line as the address,
/// the rest as the response, read by the importer the address names.
pub fn address(bytes: &[u8]) {
    let (line, response) = match bytes.iter().position(|&b| b == b'\n') {
        Some(end) => (&bytes[..end], &bytes[end + 1..]),
        None => (bytes, &[][..]),
    };
    let text = String::from_utf8_lossy(line);
    let _ = crate::net::is_address(&text);
    if let Ok(address) = crate::net::Address::parse(&text) {
        let _ = (address.key(), address.host(), address.comment_key());
        let _ = crate::formats::load(response, Some(address.format()));
    }
}

/// The reader: the first byte says which document (the demo, or the rest of
/// the input up to a NUL read as one), every byte after is a step — an
/// action, a count, a resize (to any size, zero included), a click, a
/// wheel turn or a key typed into a prompt — and every few steps the screen
/// is drawn to a test backend.
pub fn reader(bytes: &[u8]) {
    let Some((&choice, rest)) = bytes.split_first() else {
        return;
    };
    let (document_bytes, script) = match rest.iter().position(|&b| b == 0) {
        Some(end) if choice % 2 == 1 => (&rest[..end], &rest[end + 1..]),
        _ => (crate::source::DEMO.as_bytes(), rest),
    };
    let document = match formats::load(document_bytes, None) {
        Ok(loaded) => loaded.document,
        Err(_) => match formats::load(crate::source::DEMO.as_bytes(), None) {
            Ok(loaded) => loaded.document,
            Err(_) => return,
        },
    };
    let mut app = App::new(
        document,
        "fuzz".into(),
        crate::config::default_keymap(),
        Rect::new(0, 0, 80, 24),
    );
    app.update(Message::Resize {
        width: 80,
        height: 24,
    });
    let mut steps = script.iter().copied();
    let mut drawn = 0usize;
    while let Some(step) = steps.next() {
        let argument = steps.next().unwrap_or(0);
        let message = step_message(step, argument);
        app.update(message);
        // Effects are the event loop's; here they are only dropped.
        app.effects.clear();
        drawn += 1;
        if drawn.is_multiple_of(4) {
            draw(&app);
        }
        if app.quit {
            break;
        }
    }
    draw(&app);
}

/// The message a step of the reader's script stands for.
fn step_message(step: u8, argument: u8) -> Message {
    match step % 8 {
        0 => Message::Resize {
            width: u16::from(argument),
            height: u16::from(step / 8),
        },
        1 => Message::Counted(usize::from(argument), action(step / 8)),
        2 => Message::Click {
            column: u16::from(argument),
            row: u16::from(step / 8),
        },
        3 => Message::Wheel {
            column: u16::from(argument),
            row: u16::from(step / 8),
            down: argument.is_multiple_of(2),
        },
        4 => Message::Prompt(prompt_key(argument)),
        5 => Message::Idle,
        _ => Message::Action(action(argument)),
    }
}

fn action(n: u8) -> Action {
    Action::ALL[usize::from(n) % Action::ALL.len()]
}

fn prompt_key(n: u8) -> PromptKey {
    match n % 16 {
        0 => PromptKey::Left,
        1 => PromptKey::Right,
        2 => PromptKey::Home,
        3 => PromptKey::End,
        4 => PromptKey::Backspace,
        5 => PromptKey::Delete,
        6 => PromptKey::ClearToStart,
        7 => PromptKey::ToggleRegex,
        8 => PromptKey::HistoryBack,
        9 => PromptKey::HistoryForward,
        10 => PromptKey::Enter,
        11 => PromptKey::Esc,
        12 => PromptKey::Paste("(a|b*)+ [x".into()),
        13 => PromptKey::Char('日'),
        _ => PromptKey::Char(char::from(b'a' + n % 26)),
    }
}

/// Draws the reader as the terminal would, on a backend of its size.
fn draw(app: &App) {
    let area = app.area;
    let backend = ratatui::backend::TestBackend::new(area.width, area.height);
    let Ok(mut terminal) = ratatui::Terminal::new(backend);
    let _ = terminal.draw(|frame| frame.render_widget(app, frame.area()));
}
