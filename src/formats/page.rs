//! Web pages (a saved article, `tread page.html`) read in reader mode: the
//! readable article extracted by `dom_smoothie`, a Rust port of Firefox's
//! Readability.js tested against its own test pages, with its title,
//! byline and date; its HTML turned into blocks by our HTML converter. A
//! page has no comments.

use super::{LoadError, html};
use crate::document::Document;

/// Whether `text` is a web page: a doctype or an `<html>` tag near its
/// start, after white space and comments.
pub fn looks_like_page(text: &str) -> bool {
    let start: String = text
        .trim_start()
        .chars()
        .take(1024)
        .collect::<String>()
        .to_ascii_lowercase();
    let mut rest = start.as_str();
    // Comments before the doctype (a saved page's "saved from url").
    while let Some(after) = rest.strip_prefix("<!--") {
        rest = match after.find("-->") {
            Some(end) => after[end + 3..].trim_start(),
            None => return false,
        };
    }
    rest.starts_with("<!doctype html")
        || rest.starts_with("<html")
        || rest.starts_with("<?xml") && rest.contains("<html")
}

/// The article in `page`; `address` is where the page was fetched from
/// (relative links are resolved against it), when known.
pub fn parse(page: &str, address: Option<&str>) -> Result<Document, LoadError> {
    let mut readability = dom_smoothie::Readability::new(page, address, None)
        .map_err(|error| LoadError::Import(format!("not a readable page: {error}")))?;
    let article = readability
        .parse()
        .map_err(|error| LoadError::Import(format!("nothing readable found: {error}")))?;
    let title = match article.title.trim() {
        "" => "(untitled page)".to_string(),
        title => title.to_string(),
    };
    Ok(Document {
        title,
        source: address.map(str::to_string).or(article.url.clone()),
        author: article.byline.clone().filter(|b| !b.trim().is_empty()),
        published: article.published_time.clone(),
        article: html::to_blocks(&article.content),
        ..Document::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_told_by_their_start() {
        assert!(looks_like_page(
            "<!DOCTYPE html><html><body>x</body></html>"
        ));
        assert!(looks_like_page("\n  <html lang=\"en\">"));
        assert!(looks_like_page(
            "<!-- saved from url=(0042)https://x.org/ -->\n<!doctype html>"
        ));
        assert!(!looks_like_page("Title\n\n<html> in a sentence"));
        assert!(!looks_like_page("{\"html\": 1}"));
    }

    #[test]
    fn an_article_with_its_title_and_byline() {
        let page = "<!doctype html><html><head><title>Ferries return | The Paper</title>\
            <meta name=\"author\" content=\"Ann Example\"></head><body><nav>Home · News</nav>\
            <article><h1>Ferries return</h1>\
            <p>The city council voted on Tuesday to bring the river ferries back, after \
            twenty years without them, and the first boats are to sail in the spring.</p>\
            <p>Three landings are planned, at the old harbour, the market and the \
            university, with a boat every twenty minutes from early morning.</p>\
            <p>Read <a href=\"/more\">more</a> about the plan.</p></article>\
            <footer>© The Paper</footer></body></html>";
        let document = parse(page, Some("https://paper.example/news/ferries")).unwrap();
        assert!(
            document.title.starts_with("Ferries return"),
            "{}",
            document.title
        );
        assert_eq!(document.author.as_deref(), Some("Ann Example"));
        let text: Vec<&str> = document.article.iter().map(|b| b.text.as_str()).collect();
        assert!(
            text.iter().any(|t| t.starts_with("The city council voted")),
            "{text:?}"
        );
        assert!(!text.iter().any(|t| t.contains("Home · News")), "{text:?}");
        let links: Vec<&str> = document
            .article
            .iter()
            .flat_map(|b| b.links().iter().map(|l| l.url.as_str()))
            .collect();
        assert!(links.contains(&"https://paper.example/more"), "{links:?}");
        assert_eq!(document.comments.comment_count(), 0);
    }
}
