//! Web pages (a saved article, `tread page.html`) read in reader mode: the
//! readable article extracted by `dom_smoothie`, a Rust port of Firefox's
//! Readability.js tested against its own test pages, with its title,
//! byline and date; its HTML turned into blocks by our HTML converter. A
//! page has no comments.

use super::{LoadError, html};
use crate::document::{Document, PageMeta};

/// How far into a page its `<meta charset>` is looked for, as browsers
/// look (the HTML standard's prescan).
const CHARSET_PRESCAN: usize = 1024;

/// The page's text: decoded by its byte-order mark, else the charset the
/// server named (`declared`, from Content-Type), else the one its `<meta>`
/// names, else UTF-8 when it is valid UTF-8, else windows-1252, which is
/// what browsers assume of an undeclared Western page.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> String {
    let label = |name: &str| encoding_rs::Encoding::for_label(name.trim().as_bytes());
    let chosen = encoding_rs::Encoding::for_bom(bytes)
        .map(|(encoding, _)| encoding)
        .or_else(|| declared.and_then(label))
        .or_else(|| meta_charset(bytes).and_then(|name| label(&name)))
        // A page cannot declare itself UTF-16 from inside: its <meta> was
        // read as ASCII, so the bytes are not UTF-16 (the standard's rule).
        .map(|encoding| {
            if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
                encoding_rs::UTF_8
            } else {
                encoding
            }
        });
    let encoding = chosen.unwrap_or(if std::str::from_utf8(bytes).is_ok() {
        encoding_rs::UTF_8
    } else {
        encoding_rs::WINDOWS_1252
    });
    encoding.decode(bytes).0.into_owned()
}

/// The charset a `<meta charset=…>` or `<meta http-equiv content="…;
/// charset=…">` in the first bytes names.
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let start =
        String::from_utf8_lossy(&bytes[..bytes.len().min(CHARSET_PRESCAN)]).to_ascii_lowercase();
    start.match_indices("<meta").find_map(|(at, _)| {
        let tag = &start[at..];
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        let value = &tag[tag.find("charset")? + "charset".len()..];
        let value = value.trim_start().strip_prefix('=')?.trim_start();
        let value = value.trim_start_matches(['"', '\'']);
        let end = value
            .find(|c: char| matches!(c, '"' | '\'' | ';' | '/') || c.is_whitespace())
            .unwrap_or(value.len());
        (end > 0).then(|| value[..end].to_string())
    })
}

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
    let blocks = html::to_blocks(&article.content);
    if blocks.iter().all(|b| b.text.trim().is_empty()) {
        return Err(LoadError::Import(
            "nothing readable found on the page".to_string(),
        ));
    }
    let title = match article.title.trim() {
        "" => "(untitled page)".to_string(),
        title => title.to_string(),
    };
    Ok(Document {
        title,
        source: address.map(str::to_string).or(article.url.clone()),
        author: article.byline.clone().filter(|b| !b.trim().is_empty()),
        published: article.published_time.clone(),
        article: blocks,
        meta: PageMeta {
            site: article.site_name.clone().filter(|s| !s.trim().is_empty()),
            language: article.lang.clone().filter(|l| !l.trim().is_empty()),
            right_to_left: article
                .dir
                .as_deref()
                .is_some_and(|d| d.trim().eq_ignore_ascii_case("rtl")),
        },
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
    fn the_charset_from_the_server_the_meta_tag_or_the_bytes() {
        let latin1 = b"<html><head><meta charset=\"iso-8859-1\"></head><p>Caf\xe9</p>";
        assert!(decode(latin1, None).contains("Caf\u{e9}"));
        let http_equiv =
            b"<meta http-equiv=Content-Type content='text/html; charset=windows-1251'>\xcf\xf0";
        assert!(decode(http_equiv, None).ends_with("\u{41f}\u{440}"));
        // The server's word goes before the page's.
        assert!(decode("<meta charset=iso-8859-1>é".as_bytes(), Some("utf-8")).ends_with('é'));
        assert!(decode(b"<p>\xe9</p>", None).contains('\u{e9}'));
        assert!(decode("<p>é</p>".as_bytes(), None).contains('é'));
        assert!(decode("<meta charset=utf-16>é".as_bytes(), None).ends_with('é'));
    }

    #[test]
    fn a_page_with_nothing_to_read_says_so() {
        let error = parse("<!doctype html><html><body><div></div></body></html>", None)
            .unwrap_err()
            .to_string();
        assert!(error.contains("nothing readable"), "{error}");
    }

    #[test]
    fn site_language_and_direction() {
        let page = "<!doctype html><html lang=\"ar\" dir=\"rtl\"><head><title>عنوان</title>\
            <meta property=\"og:site_name\" content=\"الجريدة\"></head><body><article>\
            <p>هذا نص طويل بما يكفي ليكون مقالا يقرأ في وضع القارئ، وفيه جمل كثيرة وكلمات.</p>\
            </article></body></html>";
        let document = parse(page, None).unwrap();
        assert_eq!(document.meta.site.as_deref(), Some("الجريدة"));
        assert_eq!(document.meta.language.as_deref(), Some("ar"));
        assert!(document.meta.right_to_left);
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
