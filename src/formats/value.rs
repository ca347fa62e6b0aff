//! Reading fields out of parsed JSON values, for the importers of formats
//! whose shapes vary by version (user as a string or an object, numbers as
//! strings, timestamps as floats). Values are parsed without a depth limit,
//! on a growable stack, and taken apart without recursion.

use compact_str::CompactString;
use serde_json::Value;

use super::LoadError;

/// Parses `json` with no nesting limit and without overflowing the stack.
pub fn parse(json: &str, format: &str) -> Result<Value, LoadError> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    deserializer.disable_recursion_limit();
    let value = {
        let stacked = serde_stacker::Deserializer::new(&mut deserializer);
        serde::Deserialize::deserialize(stacked)
            .map_err(|e| LoadError::Import(format!("{format}: {e}")))?
    };
    deserializer
        .end()
        .map_err(|e| LoadError::Import(format!("{format}: {e}")))?;
    Ok(value)
}

/// Drops a value of any depth without recursion, by moving its children
/// onto a heap stack first.
pub fn dismantle(value: Value) {
    let mut stack = vec![value];
    while let Some(mut value) = stack.pop() {
        match &mut value {
            Value::Array(items) => stack.append(items),
            Value::Object(map) => {
                stack.extend(std::mem::take(map).into_iter().map(|(_, child)| child));
            }
            _ => {}
        }
    }
}

/// A string field; numbers are written out.
pub fn text(value: &Value, key: &str) -> Option<String> {
    match value.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

pub fn short(value: &Value, key: &str) -> Option<CompactString> {
    text(value, key).map(CompactString::from)
}

/// A whole number, given as a number (integer or float) or a string.
pub fn integer(value: &Value, key: &str) -> Option<i64> {
    match value.get(key)? {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        Value::String(s) => s.parse::<f64>().ok().map(|f| f as i64),
        _ => None,
    }
}

pub fn flag(value: &Value, key: &str) -> bool {
    value.get(key).and_then(Value::as_bool).unwrap_or(false)
}

/// A user given as a name, or as an object with a `username`.
pub fn user(value: &Value, key: &str) -> Option<CompactString> {
    match value.get(key)? {
        Value::String(s) => Some(s.as_str().into()),
        Value::Object(_) => short(value.get(key)?, "username"),
        _ => None,
    }
}
