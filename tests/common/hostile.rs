//! The same hostile discussion in every format tread reads, and the check
//! that output holds nothing a terminal would act on: shared by the command
//! tests (tests/hostile.rs) and the reader in a pseudo-terminal (tests/pty.rs).

use serde_json::json;

/// What a hostile field carries after its visible marker: a window title
/// (OSC 0 and 2), a hyperlink (OSC 8), a clipboard write (OSC 52), a screen
/// clear (CSI 2J), DCS and APC strings, BEL, backspace, CR, UTF-8-encoded C1
/// controls (CSI and OSC) and bidi overrides.
pub const PAYLOAD: &str = concat!(
    "\u{1b}]0;PWNED\u{7}",
    "\u{1b}]2;PWNED\u{1b}\\",
    "\u{1b}]8;;https://evil.example/PWNED\u{1b}\\",
    "\u{1b}]52;c;cm0gLXJmIH4K\u{7}",
    "\u{1b}[2J",
    "\u{1b}P+q544e\u{1b}\\",
    "\u{1b}_PWNED\u{1b}\\",
    "\u{7}\u{8}\r",
    "\u{9b}2J",
    "\u{9d}0;PWNED\u{9c}",
    "\u{202e}\u{2066}",
);

/// A raw (not UTF-8) C1 CSI byte, put into files as it is.
const RAW_C1: &[u8] = b"\x9b2J";

pub fn hostile(marker: &str) -> String {
    format!("{marker}{PAYLOAD}")
}

/// Puts raw C1 bytes where `RAWC1` stands, after the file was written as text.
fn with_raw_c1(text: String) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("RAWC1") {
        out.extend_from_slice(&rest.as_bytes()[..at]);
        out.extend_from_slice(RAW_C1);
        rest = &rest[at + "RAWC1".len()..];
    }
    out.extend_from_slice(rest.as_bytes());
    out
}

/// The same hostile discussion in every format tread reads: (name, bytes,
/// the markers of the fields that format shows).
pub fn hostile_documents() -> Vec<(&'static str, Vec<u8>)> {
    let title = format!("{}RAWC1", hostile("Tmark"));
    let author = hostile("Amark");
    let date = hostile("Dmark");
    let url = format!("https://example.org/{}", hostile("Umark"));
    let body = hostile("Bmark");
    let commenter = hostile("Cmark");
    let link_html = format!(
        "<p>{}<a href=\"https://example.org/{}\">{}</a></p>",
        body,
        hostile("Lmark"),
        hostile("Kmark")
    );
    let native = json!({
        "tread": 1, "title": title, "source": url, "author": author, "published": date,
        "article": [{"kind": "paragraph", "text": body,
                     "links": [{"text": hostile("Kmark"), "url": format!("https://example.org/{}", hostile("Lmark"))}]}],
        "comments": [{"id": hostile("Imark"), "parent": null, "author": commenter,
                      "posted": date, "score": 1, "deleted": false,
                      "body": [{"kind": "paragraph", "text": body}]}]
    });
    let algolia = json!({
        "id": 1, "type": "story", "author": author, "title": title, "url": url,
        "created_at": date, "created_at_i": 1_795_687_200, "points": 3, "text": null,
        "children": [{"id": 2, "type": "comment", "author": commenter, "created_at": date,
                      "created_at_i": 1_795_687_260, "parent_id": 1, "story_id": 1,
                      "text": link_html, "children": []}]
    });
    let hnpwa = json!({
        "id": 1, "title": title, "user": author, "time": 1_795_687_200, "time_ago": date,
        "type": "link", "url": url, "points": 3,
        "comments": [{"id": 2, "level": 0, "user": commenter, "time": 1_795_687_260,
                      "time_ago": date, "content": link_html, "comments": []}]
    });
    let reddit = json!([
        {"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {
            "id": "abc", "name": "t3_abc", "title": title, "author": author, "url": url,
            "selftext": body, "permalink": "/r/x/comments/abc/x/", "score": 1,
            "created_utc": 1_795_687_200.0}}]}},
        {"kind": "Listing", "data": {"children": [{"kind": "t1", "data": {
            "id": "c1", "name": "t1_c1", "author": commenter, "body": body,
            "body_html": link_html.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;"),
            "score": 1, "created_utc": 1_795_687_260.0, "replies": ""}}]}}
    ]);
    let lobsters = json!({
        "short_id": "bbbbbb", "short_id_url": url, "created_at": date, "title": title,
        "url": url, "score": 1, "description": link_html, "submitter_user": author,
        "comments": [{"short_id": "x1", "created_at": date, "is_deleted": false, "score": 1,
                      "parent_comment": null, "comment": link_html, "depth": 0,
                      "commenting_user": commenter}]
    });
    let discourse = json!({
        "id": 77, "title": title, "slug": "topic", "created_at": date,
        "post_stream": {"posts": [
            {"id": 1, "post_number": 1, "username": author, "created_at": date,
             "cooked": link_html, "reply_to_post_number": null},
            {"id": 2, "post_number": 2, "username": commenter, "created_at": date,
             "cooked": link_html, "reply_to_post_number": null}
        ]}
    });
    let mbox = format!(
        "From a@example.org Mon Nov  2 10:00:00 2026\nFrom: \"{author}\" <a@example.org>\n\
         Subject: {title}\nDate: {date}\nMessage-ID: <root@example.org>\n\n{body}\n\n\
         From b@example.org Mon Nov  2 11:00:00 2026\nFrom: \"{commenter}\" <b@example.org>\n\
         Subject: Re: x\nDate: {date}\nMessage-ID: <b@example.org>\nIn-Reply-To: <root@example.org>\n\n{body}\n"
    );
    let text = format!("{title}\n\n{body} {url}\n\n  • {commenter}\n\n    {body}\n");
    vec![
        ("native", with_raw_c1(native.to_string())),
        ("hn-algolia", with_raw_c1(algolia.to_string())),
        ("hnpwa", with_raw_c1(hnpwa.to_string())),
        ("reddit", with_raw_c1(reddit.to_string())),
        ("lobsters", with_raw_c1(lobsters.to_string())),
        ("discourse", with_raw_c1(discourse.to_string())),
        ("mbox", with_raw_c1(mbox)),
        ("text", with_raw_c1(text)),
    ]
}

/// Panics when `output` holds anything that a terminal would act on, or the
/// payload's words, which cleaning removes along with their sequences.
pub fn assert_inert(what: &str, output: &[u8]) {
    let text = String::from_utf8_lossy(output);
    for (at, c) in text.char_indices() {
        let bad = (c.is_control() && c != '\n')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}');
        assert!(
            !bad,
            "{what}: {:?} at byte {at}: …{}…",
            c,
            text[..at]
                .chars()
                .rev()
                .take(40)
                .collect::<String>()
                .chars()
                .rev()
                .collect::<String>()
        );
    }
    for word in ["PWNED", "cm0gLXJmIH4K", "\\u001b", "\\u0007", "\\u009b"] {
        assert!(!text.contains(word), "{what}: {word} in\n{text}");
    }
}
