//! Web addresses written out in text: where they are, so that wrapping
//! keeps them whole, the reader can make them links, and the link list
//! can offer them.

use std::ops::Range;

/// Punctuation that ends a sentence more often than an address.
const TRAILING: &[char] = &['.', ',', ')', ';', ':', '!', '?', '"', '\'', '>'];

/// The http(s) addresses in `text`, as byte ranges: each from its scheme to
/// the next whitespace, less the punctuation that follows it in a sentence.
pub fn url_ranges(text: &str) -> Vec<Range<usize>> {
    url_words(text)
        .into_iter()
        .filter_map(|word| {
            let url = text[word.clone()].trim_end_matches(TRAILING);
            (url.len() > "https://".len()).then(|| word.start..word.start + url.len())
        })
        .collect()
}

/// The stretches of `text` from each address's scheme to the next
/// whitespace: what wrapping keeps on one line.
pub fn url_words(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find("http") {
        let start = from + found;
        let rest = &text[start..];
        let end = start + rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
        if rest.starts_with("https://") || rest.starts_with("http://") {
            ranges.push(start..end);
            from = end;
        } else {
            from = start + "http".len();
        }
    }
    ranges
}

/// The host and port a web address names (`example.com:8080`), without
/// the user; None for anything but an http(s) address.
pub fn authority(address: &str) -> Option<&str> {
    let rest = address
        .strip_prefix("https://")
        .or_else(|| address.strip_prefix("http://"))?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit('@').next()?;
    (!authority.is_empty()).then_some(authority)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_found_without_the_punctuation_after_them() {
        let text = "See (https://example.com/a?b=1&c=2), or http://x.org/.";
        let found: Vec<&str> = url_ranges(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["https://example.com/a?b=1&c=2", "http://x.org/"]);
        let words: Vec<&str> = url_words(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(words, ["https://example.com/a?b=1&c=2),", "http://x.org/."]);
        assert!(url_ranges("httpd and https:// alone").is_empty());
    }
}
