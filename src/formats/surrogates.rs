//! Lone UTF-16 surrogate escapes in JSON (`"\ud83d"` without its pair), as
//! real exports carry where a site cut an emoji in half. serde_json rightly
//! refuses them, which would reject a whole thread for one character; they
//! are turned into `\ufffd` first, and the user is told once, as for bytes
//! that are not UTF-8.

use std::borrow::Cow;

/// The JSON text with every unpaired surrogate escape replaced by `\ufffd`;
/// borrowed when there is none. Escapes are only recognised where JSON has
/// them (a `\\` is a backslash, not the start of an escape), and the
/// replacement has the same length, so offsets in error messages still hold.
pub fn repair(json: &str) -> Cow<'_, str> {
    let bytes = json.as_bytes();
    let mut repaired: Option<Vec<u8>> = None;
    // Escapes end before this offset; a backslash before it is inside one.
    let mut escaped_until = 0;
    for at in memchr::memchr_iter(b'\\', bytes) {
        if at < escaped_until {
            continue;
        }
        escaped_until = at + 2;
        let Some(unit) = unicode_escape(bytes, at) else {
            continue;
        };
        escaped_until = at + 6;
        let paired = match unit {
            0xD800..=0xDBFF => {
                let low = unicode_escape(bytes, at + 6);
                if low.is_some_and(|u| (0xDC00..=0xDFFF).contains(&u)) {
                    // The pair stays; skip its second half too.
                    escaped_until = at + 12;
                    true
                } else {
                    false
                }
            }
            0xDC00..=0xDFFF => false,
            _ => true,
        };
        if !paired {
            let out = repaired.get_or_insert_with(|| bytes.to_vec());
            out[at..at + 6].copy_from_slice(b"\\ufffd");
        }
    }
    match repaired {
        // Only ASCII escapes were overwritten by ASCII.
        Some(out) => Cow::Owned(String::from_utf8(out).expect("ASCII replaced by ASCII")),
        None => Cow::Borrowed(json),
    }
}

/// The code unit of a `\uXXXX` escape starting at `at`.
fn unicode_escape(bytes: &[u8], at: usize) -> Option<u32> {
    let escape = bytes.get(at..at + 6)?;
    if escape[0] != b'\\' || escape[1] != b'u' {
        return None;
    }
    let hex = std::str::from_utf8(&escape[2..]).ok()?;
    u32::from_str_radix(hex, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::repair;

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        assert_eq!(repair(r#"["a\ud83d b"]"#), r#"["a\ufffd b"]"#);
        assert_eq!(repair(r#"["\udc00"]"#), r#"["\ufffd"]"#);
        assert_eq!(repair(r#"["\ud83d\u0041"]"#), r#"["\ufffd\u0041"]"#);
        assert_eq!(repair(r#"["end\uD800"]"#), r#"["end\ufffd"]"#);
        let value: Vec<String> = serde_json::from_str(&repair(r#"["x\ud800y"]"#)).unwrap();
        assert_eq!(value, ["x\u{fffd}y"]);
    }

    #[test]
    fn pairs_other_escapes_and_escaped_backslashes_are_left_alone() {
        for json in [
            r#"["\ud83d\ude00"]"#,
            r#"["\\ud800"]"#,
            r#"["\"\u00e9\n"]"#,
            r#"["\\\ud83d\ude00"]"#,
            "[\"no escapes\"]",
        ] {
            assert!(
                matches!(repair(json), std::borrow::Cow::Borrowed(_)),
                "{json}"
            );
        }
        let value: Vec<String> = serde_json::from_str(&repair(r#"["\\\ud800"]"#)).unwrap();
        assert_eq!(value, ["\\\u{fffd}"]);
    }
}
