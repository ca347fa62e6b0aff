//! Web pages read in reader mode from the web: a page opened by its
//! address (`tread https://any.site/article`), and the article a link post
//! links to, fetched as its thread opens. Both are kept in the library's
//! cache, as tread's native JSON of the article extracted, so that they
//! open offline and without extracting again.

use std::sync::Arc;

use super::SourceError;
use crate::document::{BlockKind, Document};
use crate::formats::{self, Format, Warning, native};
use crate::net::{Address, Client, NetError, Progress, Timeouts, is_address};
use crate::store::Store;

/// The address of the page a link post links to: its article is that one
/// paragraph, a web address that is not itself a discussion tread reads
/// (a Reddit self post's own permalink, an HN item).
pub fn linked_article(document: &Document) -> Option<String> {
    let [block] = document.article.as_slice() else {
        return None;
    };
    let address = block.text.trim();
    let plain = block.kind == BlockKind::Paragraph
        && is_address(address)
        && !address.contains(char::is_whitespace);
    (plain && page_address(address).is_some()).then(|| address.to_string())
}

/// `address` without its fragment, when it names a web page rather than a
/// discussion tread knows.
pub fn page_address(address: &str) -> Option<String> {
    if !matches!(
        Address::parse(address),
        Err(NetError::NotADiscussion { .. })
    ) {
        return None;
    }
    let mut url = url::Url::parse(address.trim()).ok()?;
    url.set_fragment(None);
    Some(url.to_string())
}

/// What the cache keeps the page at `address` under, opened by itself.
pub fn page_key(address: &str) -> String {
    format!(
        "page:{}",
        page_address(address).as_deref().unwrap_or(address)
    )
}

/// What the cache keeps a link post's article at `address` under: with
/// its thread (`thread`, the thread's library key), so that forgetting the
/// thread forgets it too; by itself for a thread the library does not keep.
pub fn linked_key(thread: Option<&str>, address: &str) -> String {
    thread.map_or_else(|| page_key(address), crate::store::library::article_key)
}

/// The page at `address`, read in reader mode, and kept for next time
/// under `key`; counted into `progress`.
pub fn fetch_page(
    address: &str,
    key: &str,
    limit: u64,
    progress: &Arc<Progress>,
) -> Result<Document, SourceError> {
    let client = Client::with(limit, Timeouts::default(), Arc::clone(progress));
    let page = client.get_page(address)?;
    let document = formats::load_page(&page.bytes, page.charset.as_deref(), &page.address)
        .map_err(|source| SourceError::Load {
            name: crate::document::sanitize::clean_owned(address.to_string()),
            source,
        })?;
    // Kept only once it reads; a copy that cannot be kept costs the
    // offline copy, not this reading.
    if let Ok(store) = Store::from_env() {
        let _ = store.keep_copy(key, native::write(&document).as_bytes());
    }
    Ok(document)
}

/// The page kept under `key`, and when it was fetched.
pub fn kept_page(key: &str, limit: u64) -> Option<(Document, i64)> {
    let (bytes, fetched_at) = Store::from_env().ok()?.kept_copy(key, limit)?;
    let loaded = formats::load(&bytes, Some(Format::Json)).ok()?;
    Some((loaded.document, fetched_at))
}

/// The page at `address`, fetched; when the site cannot be reached, the
/// kept copy, with a warning saying how old it is.
pub fn fetch_or_kept(
    address: &str,
    key: &str,
    limit: u64,
    progress: &Arc<Progress>,
) -> Result<(Document, Option<Warning>), SourceError> {
    match fetch_page(address, key, limit, progress) {
        Ok(document) => Ok((document, None)),
        Err(SourceError::Fetch(error)) if error.is_offline() => match kept_page(key, limit) {
            Some((document, fetched_at)) => Ok((document, Some(Warning::Offline { fetched_at }))),
            None => Err(error.into()),
        },
        Err(error) => Err(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Block;

    fn with_article(text: &str) -> Document {
        Document {
            article: vec![Block::paragraph(text)],
            ..Document::default()
        }
    }

    #[test]
    fn a_link_post_links_to_its_page() {
        let link = "https://example.com/ferries#top";
        assert_eq!(linked_article(&with_article(link)).as_deref(), Some(link));
        assert_eq!(page_key(link), "page:https://example.com/ferries");
        for not_a_link in [
            "https://www.reddit.com/r/rust/comments/abc123/title/",
            "https://news.ycombinator.com/item?id=1",
            "See https://example.com/ferries",
            "example.com/ferries",
        ] {
            assert_eq!(
                linked_article(&with_article(not_a_link)),
                None,
                "{not_a_link}"
            );
        }
        let mut two = with_article(link);
        two.article.push(Block::paragraph("and a text"));
        assert_eq!(linked_article(&two), None);
    }
}
