//! Tests of `events`.

use super::*;

/// Every event of `json`, or the error.
fn events(json: &str) -> Result<Vec<Event<'_>>, String> {
    let mut events = Events::new(json);
    let mut all = Vec::new();
    loop {
        match events.next().map_err(|e| e.to_string())? {
            Event::Eof => return Ok(all),
            event => all.push(event),
        }
    }
}

#[test]
fn events_follow_the_document_and_strings_are_unescaped() {
    use Event::*;
    let json =
        r#" {"a": [1, -2.5e3, true, false, null], "b\n": "x\"y\u00e9\ud83d\ude00", "c": {}} "#;
    assert_eq!(
        events(json).unwrap(),
        [
            StartObject,
            ObjectKey("a".into()),
            StartArray,
            Number("1"),
            Number("-2.5e3"),
            Boolean(true),
            Boolean(false),
            Null,
            EndArray,
            ObjectKey("b\n".into()),
            String("x\"yé😀".into()),
            ObjectKey("c".into()),
            StartObject,
            EndObject,
            EndObject,
        ]
    );
    // A string without escapes is the input's own bytes.
    let mut plain = Events::new(r#""plain""#);
    assert!(matches!(
        plain.next().unwrap(),
        String(Cow::Borrowed("plain"))
    ));
    // Half a surrogate pair is U+FFFD, not an error.
    assert_eq!(
        events(r#"["\ud83d!"]"#).unwrap()[1],
        String("\u{FFFD}!".into())
    );
}

#[test]
fn what_serde_json_refuses_is_refused_with_its_place() {
    for bad in [
        "",
        "[",
        "[1,]",
        "[1 2]",
        "{\"a\" 1}",
        "{\"a\":}",
        "{1: 2}",
        "[01]",
        "[1.]",
        "[-]",
        "[1e]",
        "[tru]",
        "\"open",
        "[\"\\x\"]",
        "[\"\\u12\"]",
        "[\"\\u+123\"]",
        "[] []",
        "{\"a\": 1]",
        "[}",
    ] {
        assert!(
            serde_json::from_str::<serde_json::Value>(bad).is_err(),
            "{bad}"
        );
        assert!(events(bad).is_err(), "{bad:?} was read");
    }
    let error = events("[\n  1,\n  x]").unwrap_err();
    assert_eq!(error, "expected a value at line 3 column 3");
    for good in ["0", "-0.5", "1E+2", "[]", "{}", "[[], {}]", " \"\" "] {
        assert!(events(good).is_ok(), "{good}");
    }
}

#[test]
fn scalars_read_as_the_loose_field_types_do() {
    let mut events = Events::new(r#"["a", 12, 1.5, null, {"x": [1]}, true, "42", 1793880000.0]"#);
    assert!(matches!(events.next().unwrap(), Event::StartArray));
    let texts: Vec<Option<std::string::String>> = (0..6)
        .map(|_| events.scalar().unwrap().into_text().map(|t| t.0))
        .collect();
    let strings = |v: &[Option<&str>]| v.iter().map(|s| s.map(Into::into)).collect::<Vec<_>>();
    assert_eq!(
        texts,
        strings(&[Some("a"), Some("12"), Some("1.5"), None, Some(""), Some("")])
    );
    assert_eq!(events.scalar().unwrap().into_int().0, Some(42));
    assert_eq!(events.scalar().unwrap().into_int().0, Some(1_793_880_000));
    assert!(matches!(events.next().unwrap(), Event::EndArray));
    assert!(matches!(events.next().unwrap(), Event::Eof));
}

#[test]
fn nesting_of_any_depth_is_read_without_recursion() {
    let depth = 1_000_000;
    let json = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let mut events = Events::new(&json);
    let first = events.next().unwrap();
    events.skip(&first).unwrap();
    assert!(matches!(events.next().unwrap(), Event::Eof));
    let broken = format!("{}{}", "[".repeat(depth), "]".repeat(depth - 1));
    let mut events = Events::new(&broken);
    let first = events.next().unwrap();
    assert!(events.skip(&first).is_err());
}
