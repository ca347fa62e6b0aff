//! Mailing-list archives: threading, placeholders, MIME and charsets.

mod common;

use common::{load_fixture, tree};
use tread::document::BlockKind;

#[test]
fn an_mbox_is_threaded_with_placeholders_and_decoded() {
    let document = load_fixture("thread.mbox");
    assert_eq!(document.title, "Proposal: café hours");
    assert_eq!(document.author.as_deref(), Some("Ann Author"));
    assert_eq!(document.article[0].text, "Shall we open the café earlier?");
    let shape: Vec<(u32, String)> = tree(&document);
    assert_eq!(
        shape,
        [
            (0, "Bob".to_string()),
            (0, String::new()),
            (1, "carol@example.org".to_string()),
            (0, "Dan".to_string()),
        ]
    );
    let bob = document
        .comments
        .get(document.comments.find_by_key("bob1@example.org").unwrap());
    assert_eq!(bob.body[0].kind, BlockKind::Quote);
    assert_eq!(bob.body[0].text, "Shall we open the café earlier?");
    assert_eq!(
        bob.body[1].text,
        "Yes, a softbreak and an é.\nFrom here on, mboxrd quoting."
    );
    let placeholder = document.comments.get(
        document
            .comments
            .find_by_key("missing@example.org")
            .unwrap(),
    );
    assert!(placeholder.deleted);
    let carol = document
        .comments
        .get(document.comments.find_by_key("carol1@example.org").unwrap());
    assert_eq!(carol.body[0].text, "Replying to a lost message.");
    assert_eq!(carol.posted.as_deref(), Some("1793620800"));
}
