//! `tread dump --with-article`: a link post with the article it links to
//! read into it, fetched (or its kept copy when offline).

use std::io::Write;
use std::sync::Arc;

use crate::document::Document;
use crate::error::Error;
use crate::source::{InputSource, article};

/// Reads the article `document` (read from `source`) links to into it;
/// says on stderr when it is not a link post or the copy is an old one.
pub fn attach(source: &InputSource, document: &mut Document, limit: u64) -> Result<(), Error> {
    let name = source.display_name();
    let Some(address) = article::linked_article(document) else {
        let _ = writeln!(
            std::io::stderr(),
            "tread: {name}: warning: no linked article (not a link post)"
        );
        return Ok(());
    };
    let key = article::linked_key(source.library_key().as_deref(), &address);
    let (page, warning) = article::fetch_or_kept(&address, &key, limit, &Arc::default())?;
    if let Some(warning) = warning {
        let _ = writeln!(std::io::stderr(), "tread: {address}: warning: {warning}");
    }
    document.attach_linked_article(&page);
    Ok(())
}
