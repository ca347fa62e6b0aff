//! The top of the article pane: the whole title, wrapped, and the story
//! header under it (who posted it, when, its points, where: the site and the
//! linked page's domain, and how many comments), as far as the format
//! carries them. The title bar has room for a cut title only.

use jiff::tz::TimeZone;

use super::plural;
use crate::document::{BlockKind, Document};

/// The story header's parts in the order shown, joined by ` · `; empty
/// when the format carries none of them.
pub fn story_header(document: &Document, zone: &TimeZone) -> Vec<String> {
    let mut parts = Vec::new();
    if let Some(author) = document.author.as_deref().filter(|a| !a.trim().is_empty()) {
        parts.push(format!("by {author}"));
    }
    if let Some(published) = &document.published {
        parts.push(crate::age::readable_date(published, zone));
    }
    if let Some(score) = document.score {
        let points = plural(score.unsigned_abs() as usize, "point", "points");
        parts.push(format!("{score} {points}"));
    }
    let site = document.meta.site.clone().or_else(|| {
        document
            .source
            .as_deref()
            .and_then(web_host)
            .map(str::to_string)
    });
    let domain = link_domain(document).filter(|domain| site.as_deref() != Some(domain));
    parts.extend(site);
    parts.extend(domain.map(str::to_string));
    let count = document.comments.comment_count();
    // While comments arrive the count is not final: the title bar and the
    // status bar keep the live one.
    if count > 0 && !document.comments.is_growing() {
        parts.push(format!("{count} {}", plural(count, "comment", "comments")));
    }
    parts
}

/// The header's parts laid out in lines of `width` columns, joined by
/// ` · `; a part is never split, and one wider than a line is cut with `…`.
pub fn header_lines(parts: &[String], width: usize) -> Vec<String> {
    use crate::text::wrap::display_width;
    let mut lines: Vec<String> = Vec::new();
    for part in parts {
        let part = cut(part, width);
        match lines.last_mut() {
            Some(line) if display_width(line) + 3 + display_width(&part) <= width => {
                line.push_str(" · ");
                line.push_str(&part);
            }
            _ => lines.push(part),
        }
    }
    lines
}

/// `text` in at most `width` columns, cut with `…` when wider.
fn cut(text: &str, width: usize) -> String {
    use crate::text::wrap::{display_width, prefix_fitting};
    if display_width(text) <= width {
        return text.to_string();
    }
    let (fit, _) = prefix_fitting(text, width.saturating_sub(1));
    format!("{fit}…")
}

/// Whether the article pane shows the title above the article: not when
/// the article starts with the same heading (a page, a plain-text file).
pub fn shows_title(document: &Document) -> bool {
    let title = document.title.trim();
    !title.is_empty()
        && !document
            .article
            .first()
            .is_some_and(|b| b.kind == BlockKind::Heading && b.text.trim() == title)
}

/// The host of a web address; None for anything else (a file, an id).
fn web_host(address: &str) -> Option<&str> {
    let authority = crate::document::urls::authority(address)?;
    authority.split(':').next()
}

/// The domain a link post links to: its article's first paragraph when that
/// is a web address alone.
fn link_domain(document: &Document) -> Option<&str> {
    let first = document.article.first()?;
    let text = first.text.trim();
    if first.kind != BlockKind::Paragraph || text.contains(char::is_whitespace) {
        return None;
    }
    web_host(text).map(|host| host.strip_prefix("www.").unwrap_or(host))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Block;

    #[test]
    fn the_header_names_all_the_format_carries_in_order() {
        let document = Document {
            title: "Night trains".into(),
            source: Some("https://news.ycombinator.com/item?id=1".into()),
            author: Some("pg".into()),
            published: Some("1700000000".into()),
            score: Some(1),
            article: vec![Block::paragraph("https://www.example.com/trains")],
            ..Document::default()
        };
        assert_eq!(
            story_header(&document, &TimeZone::UTC),
            [
                "by pg",
                "2023-11-14 22:13 UTC",
                "1 point",
                "news.ycombinator.com",
                "example.com"
            ]
        );
        let page = Document {
            source: Some("https://www.example.com/trains".into()),
            ..Document::default()
        };
        assert_eq!(story_header(&page, &TimeZone::UTC), ["www.example.com"]);
        assert!(story_header(&Document::default(), &TimeZone::UTC).is_empty());
    }

    #[test]
    fn header_parts_fill_lines_and_are_never_split() {
        let parts: Vec<String> = ["by someone", "2026-11-02 10:05 UTC", "42 points"]
            .map(String::from)
            .into();
        assert_eq!(
            header_lines(&parts, 40),
            ["by someone · 2026-11-02 10:05 UTC", "42 points"]
        );
        assert_eq!(header_lines(&parts, 80).len(), 1);
        assert_eq!(
            header_lines(&parts, 8),
            ["by some…", "2026-11…", "42 poin…"]
        );
    }

    #[test]
    fn the_title_is_not_repeated_over_a_heading_that_says_it() {
        let mut document = Document {
            title: "Night trains".into(),
            article: vec![Block::new(BlockKind::Heading, "Night trains")],
            ..Document::default()
        };
        assert!(!shows_title(&document));
        document.article[0] = Block::paragraph("Night trains");
        assert!(shows_title(&document));
    }
}
