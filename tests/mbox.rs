//! Mailing-list archives: threading, placeholders, MIME and charsets.

mod common;

use common::{fixture, load_fixture, load_path, tree};
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

#[test]
fn real_archives_quirks_are_read_as_mail_readers_show_them() {
    // Blank and whitespace-only lines before the first `From ` line (git's
    // own test mbox): still an mbox, and its first message is kept.
    let document = load_fixture("mail-quirks.mbox");
    assert_eq!(document.title, "[Rd] Opening hours");
    // Pipermail's `address (Name)` senders show the name.
    assert_eq!(document.author.as_deref(), Some("Ann Example"));
    let comment = |key: &str| {
        let id = document.comments.find_by_key(key).unwrap();
        document.comments.get(id).clone()
    };
    // Raw 8-bit headers: the declared charset (ISO-8859-2: 0xED is í
    // there too), else windows-1252, never U+FFFD.
    assert_eq!(
        comment("two@example.org").author.as_deref(),
        Some("Bob Café")
    );
    assert_eq!(
        comment("three@example.org").author.as_deref(),
        Some("Lucía")
    );
    // The same message twice is one comment.
    assert_eq!(document.comments.len(), 2);
    // A reply shows its subject only where it changes (Re:, AW: and list
    // tags aside).
    let two = comment("two@example.org");
    assert_eq!(two.body[0].text, "Yes.");
    let three = comment("three@example.org");
    assert_eq!(three.body[0].kind, BlockKind::Heading);
    assert_eq!(three.body[0].text, "AW: Opening hours and closing hours");
    assert_eq!(three.body[1].text, "And closing later.");
}

#[test]
fn a_thread_that_starts_a_topic_of_its_own_shows_its_subject() {
    let document = load_fixture("thread.mbox");
    let dan = document
        .comments
        .get(document.comments.find_by_key("dan1@example.org").unwrap());
    assert_eq!(dan.body[0].kind, BlockKind::Heading);
    assert_eq!(dan.body[0].text, "Another thread");
}

#[test]
fn a_maildir_is_read_as_the_thread_its_messages_make() {
    // cur/ and new/, copies merged, dot files and tmp/ left alone; a body
    // line that starts with "From " stays the message's own.
    let document = load_path(&fixture("maildir"), None);
    assert_eq!(document.title, "Ferries");
    assert_eq!(
        document.article[0].text,
        "Back on the river.\nFrom now on, every twenty minutes."
    );
    assert_eq!(tree(&document), [(0, "Bob".to_string())]);
    let bob = document
        .comments
        .get(document.comments.find_by_key("b@example.org").unwrap());
    assert_eq!(bob.body[0].kind, BlockKind::Quote);
    assert_eq!(bob.body[0].text, "From the harbour?");
}

#[test]
fn a_single_article_is_a_thread_of_one() {
    let document = load_fixture("usenet-article.txt");
    assert_eq!(document.title, "Ferry timetables");
    assert_eq!(document.author.as_deref(), Some("Dee"));
    assert_eq!(document.article[0].text, "Where are the winter timetables?");
    assert!(document.comments.is_empty());
}
