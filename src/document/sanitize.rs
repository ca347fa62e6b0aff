//! Cleaning of every string that enters the model, so that nothing after loading
//! has to think about hostile bytes: line endings become `\n`, tabs become spaces,
//! terminal escape sequences and control characters are removed, and bidi
//! overrides that could make text lie about its order are dropped.
//!
//! What is kept on purpose: `\n`, ZWJ (U+200D), variation selectors and combining
//! marks, because emoji sequences and accented text need them to render.

use std::borrow::Cow;

use compact_str::CompactString;
use unicode_width::UnicodeWidthChar;

use super::{Block, Comment, Document};

/// Tab stops every this many columns, as in less and most terminals.
pub const TAB_WIDTH: usize = 8;

const ESC: char = '\u{1b}';
const BEL: char = '\u{07}';
/// 8-bit forms of CSI, OSC, DCS, SOS, PM, APC and ST.
const C1_CSI: char = '\u{9b}';
const C1_ST: char = '\u{9c}';

/// Returns `text` cleaned; borrows when nothing needed cleaning, which is the
/// common case and keeps loading large files fast.
pub fn clean(text: &str) -> Cow<'_, str> {
    if is_clean(text) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(clean_slow(text))
    }
}

/// `clean`, but tabs are left where they are: for the plain-text format,
/// whose indentation is measured in tab stops as it stands. Everything else
/// (line endings, controls, escape sequences) is cleaned; the text is
/// borrowed when nothing but tabs would change.
pub fn clean_keeping_tabs(text: &str) -> Cow<'_, str> {
    if is_clean_but_tabs(text) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(clean_with(text, false))
    }
}

/// Cleans an owned string in place of a copy when it is already clean.
pub fn clean_owned(text: String) -> String {
    if is_clean(&text) {
        text
    } else {
        clean_slow(&text)
    }
}

/// Cleans an optional field, dropping it when nothing but whitespace is left.
pub fn clean_field(text: Option<String>) -> Option<String> {
    text.map(|t| {
        let cleaned = clean_owned(t);
        let trimmed = cleaned.trim();
        if trimmed.len() == cleaned.len() {
            cleaned
        } else {
            trimmed.to_string()
        }
    })
    .filter(|t| !t.is_empty())
}

/// Cleans a short optional field (a name, an id, a date), dropping it when
/// nothing but whitespace is left.
pub fn clean_short(text: Option<CompactString>) -> Option<CompactString> {
    let text = text?;
    let cleaned = if is_clean(&text) && text.trim().len() == text.len() {
        text
    } else {
        CompactString::from(clean(&text).trim())
    };
    (!cleaned.is_empty()).then_some(cleaned)
}

/// Cleans every string of a block: its text, and its links' text and URL.
/// Emphasis offsets point into the text as it was; when cleaning changed the
/// text they no longer do, and are dropped (the words stay, unemphasized).
pub fn block(block: &mut Block) {
    if !is_clean(&block.text) {
        block.text = clean_slow(&block.text);
        block.set_emphasis(Vec::new());
    }
    for link in block.links_mut() {
        clean_in_place(&mut link.text);
        clean_in_place(&mut link.url);
    }
}

/// Cleans a whole document, every string field of the document, its blocks
/// and its comments, whatever built it. `formats::load` runs every document
/// through this, so no importer can forget a field; comment bodies still
/// waiting to be converted are cleaned by [`Body`](super::Body) when they
/// are. Clean strings are scanned and left as they are, so this costs one
/// fast read of the text.
pub fn document(document: &mut Document) {
    clean_in_place(&mut document.title);
    for field in [
        &mut document.source,
        &mut document.author,
        &mut document.published,
        &mut document.meta.site,
        &mut document.meta.language,
    ] {
        *field = clean_field(field.take());
    }
    document.article.iter_mut().for_each(block);
    document.comments.for_each_mut(comment);
}

/// Cleans one comment's strings: what [`document`] does to each, for the
/// comments of a document that arrives in parts.
pub fn comment(comment: &mut Comment) {
    if !is_clean(&comment.key) {
        comment.key = CompactString::from(clean_slow(&comment.key));
    }
    comment.author = clean_short(comment.author.take());
    comment.posted = clean_short(comment.posted.take());
    if let Some(blocks) = comment.body.converted_mut() {
        blocks.iter_mut().for_each(block);
    }
}

fn clean_in_place(text: &mut String) {
    if !is_clean(text) {
        *text = clean_slow(text);
    }
}

/// A fast byte scan: true when no character in `text` needs attention.
/// Every character we remove or rewrite starts with a byte below 0x20, 0x7f,
/// or one of the lead bytes 0xC2 (C1 controls), 0xD8 (U+061C) and 0xE2
/// (bidi controls, U+200E/F), so other text passes without decoding, eight
/// printable ASCII bytes at a time.
fn is_clean(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in chunks.by_ref() {
        let word = u64::from_le_bytes(chunk.try_into().expect("chunks of eight"));
        if !has_suspicious_byte(word) {
            offset += 8;
            continue;
        }
        if !(offset..offset + 8)
            .all(|i| !SUSPICIOUS[usize::from(bytes[i])] || byte_is_clean(bytes, i))
        {
            return false;
        }
        offset += 8;
    }
    (offset..bytes.len()).all(|i| byte_is_clean(bytes, i))
}

/// Bytes that may start something to clean; all others are passed over.
static SUSPICIOUS: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = byte != b'\n' as usize;
        byte += 1;
    }
    table[0x7f] = true;
    table[0xc2] = true;
    table[0xd8] = true;
    table[0xe2] = true;
    table
};

const ONES: u64 = u64::MAX / 0xff;
const HIGH_BITS: u64 = ONES * 0x80;

/// Whether any of eight bytes is a byte [`SUSPICIOUS`] lists: below 0x20
/// (a newline too, which is then looked at again), 0x7F, or one of the lead
/// bytes 0xC2, 0xD8, 0xE2. The usual SWAR tests for a byte below a value and
/// a byte equal to one, exact as to whether one exists; text in any script
/// passes eight bytes at a time.
fn has_suspicious_byte(word: u64) -> bool {
    let below_space = word.wrapping_sub(ONES * 0x20) & !word;
    let equal = |byte: u64| {
        let x = word ^ (ONES * byte);
        x.wrapping_sub(ONES) & !x
    };
    (below_space | equal(0x7f) | equal(0xc2) | equal(0xd8) | equal(0xe2)) & HIGH_BITS != 0
}

fn byte_is_clean(bytes: &[u8], i: usize) -> bool {
    let next = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
    match bytes[i] {
        b'\n' => true,
        0x00..=0x1f | 0x7f => false,
        0xc2 => !(0x80..=0x9f).contains(&next(1)),
        0xd8 => next(1) != 0x9c,
        0xe2 => !needs_attention_e2(next(1), next(2)),
        _ => true,
    }
}

/// U+200E/F, U+2028/9 and U+202A–U+202E are E2 80 xx; U+2066–U+2069 are E2 81 A6–A9.
fn needs_attention_e2(b1: u8, b2: u8) -> bool {
    (b1 == 0x80 && matches!(b2, 0x8e | 0x8f | 0xa8..=0xae))
        || (b1 == 0x81 && matches!(b2, 0xa6..=0xa9))
}

fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{061c}'
    )
}

fn clean_slow(text: &str) -> String {
    clean_with(text, true)
}

/// Whether nothing but tabs needs cleaning: the fast scan, with each flagged
/// byte looked at again.
fn is_clean_but_tabs(text: &str) -> bool {
    is_clean(text) || {
        let bytes = text.as_bytes();
        (0..bytes.len()).all(|i| bytes[i] == b'\t' || byte_is_clean(bytes, i))
    }
}

fn clean_with(text: &str, expand_tabs: bool) -> String {
    let mut out = String::with_capacity(text.len());
    // Display column since the last line break, for tab stops.
    let mut column = 0usize;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => {
                out.push('\n');
                column = 0;
            }
            // Unicode line and paragraph separators break lines like LF does.
            '\u{2028}' | '\u{2029}' => {
                out.push('\n');
                column = 0;
            }
            '\r' => {
                // CRLF and a lone CR both end a line.
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
                column = 0;
            }
            '\t' if !expand_tabs => {
                out.push('\t');
                column += TAB_WIDTH - column % TAB_WIDTH;
            }
            '\t' => {
                let spaces = TAB_WIDTH - column % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            ESC => skip_escape_sequence(&mut chars),
            C1_CSI => skip_csi_body(&mut chars),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string_body(&mut chars),
            c if c.is_control() || is_bidi_control(c) => {}
            c => {
                out.push(c);
                column += c.width().unwrap_or(0);
            }
        }
    }
    out
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// Skips what follows an ESC: a CSI or a control string whole, otherwise the
/// intermediate bytes and the final byte of a short escape (`ESC ( B`, `ESC c`).
fn skip_escape_sequence(chars: &mut Chars) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            skip_csi_body(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_string_body(chars);
        }
        Some(_) => {
            while let Some(&c) = chars.peek() {
                if ('\u{20}'..='\u{2f}').contains(&c) {
                    chars.next();
                } else {
                    break;
                }
            }
            if let Some(&c) = chars.peek()
                && ('\u{30}'..='\u{7e}').contains(&c)
            {
                chars.next();
            }
        }
        None => {}
    }
}

/// CSI: parameter bytes 0x30–0x3F, intermediate bytes 0x20–0x2F, one final
/// byte 0x40–0x7E. Anything else ends the sequence without being eaten.
fn skip_csi_body(chars: &mut Chars) {
    while let Some(&c) = chars.peek() {
        match c {
            '\u{30}'..='\u{3f}' | '\u{20}'..='\u{2f}' => {
                chars.next();
            }
            '\u{40}'..='\u{7e}' => {
                chars.next();
                return;
            }
            _ => return,
        }
    }
}

/// OSC, DCS, SOS, PM and APC run to BEL or ST (`ESC \` or U+009C). An
/// unterminated one stops at the end of the line rather than swallowing the
/// rest of the document: the newline is kept.
fn skip_string_body(chars: &mut Chars) {
    while let Some(&c) = chars.peek() {
        match c {
            '\n' | '\r' => return,
            BEL | C1_ST => {
                chars.next();
                return;
            }
            ESC => {
                chars.next();
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                return;
            }
            _ => {
                chars.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn clean_text_is_borrowed_unchanged() {
        let text = "Plain — “quoted” text, 日本語 and 👩‍👩‍👧 emoji.\nSecond line.";
        assert!(matches!(clean(text), std::borrow::Cow::Borrowed(_)));
        assert_eq!(clean(text), text);
    }

    #[test]
    fn controls_are_found_at_every_position_of_the_fast_scan() {
        for len in 1..40 {
            for position in 0..len {
                for control in ["\u{7}", "\u{7f}", "\u{85}", "\u{202e}", "\u{61c}", "\r"] {
                    let mut text = "x".repeat(len);
                    text.replace_range(position..position + 1, control);
                    assert!(!super::is_clean(&text), "{text:?}");
                }
            }
            assert!(super::is_clean(&"x~ ".repeat(len)));
        }
    }

    #[test]
    fn crlf_and_lone_cr_become_lf() {
        assert_eq!(clean("a\r\nb\rc\n"), "a\nb\nc\n");
        assert_eq!(clean("a\u{2028}b\u{2029}c"), "a\nb\nc");
    }

    #[test]
    fn tabs_expand_to_the_next_stop_by_display_column() {
        assert_eq!(clean("\tx"), "        x");
        assert_eq!(clean("ab\tx"), "ab      x");
        // A wide character takes two columns before the tab.
        assert_eq!(clean("日\tx"), "日      x");
        assert_eq!(clean("a\n\tb"), "a\n        b");
    }

    #[test]
    fn c0_controls_and_del_are_removed_but_newline_kept() {
        assert_eq!(clean("a\u{0}b\u{7}c\u{8}d\u{1f}e\u{7f}f\ng"), "abcdef\ng");
    }

    #[test]
    fn c1_controls_are_removed() {
        assert_eq!(clean("a\u{80}b\u{85}c\u{8a}d"), "abcd");
    }

    #[test]
    fn bidi_controls_are_removed() {
        let hostile = "safe\u{202e}txt.exe\u{202c} \u{2066}x\u{2069} \u{200e}\u{200f}\u{61c}end";
        assert_eq!(clean(hostile), "safetxt.exe x end");
    }

    #[test]
    fn csi_sequences_are_removed_whole() {
        assert_eq!(clean("\u{1b}[31mred\u{1b}[0m"), "red");
        assert_eq!(clean("\u{1b}[2J\u{1b}[1;1Hclear"), "clear");
        assert_eq!(clean("\u{1b}[?1049hx"), "x");
        assert_eq!(clean("8-bit \u{9b}31mcsi"), "8-bit csi");
    }

    #[test]
    fn osc_and_dcs_sequences_are_removed_whole() {
        assert_eq!(clean("\u{1b}]0;pwned title\u{7}text"), "text");
        assert_eq!(
            clean("\u{1b}]8;;http://evil\u{1b}\\link\u{1b}]8;;\u{1b}\\"),
            "link"
        );
        assert_eq!(clean("\u{1b}Pq#0;2;0;0;0\u{1b}\\after"), "after");
        assert_eq!(clean("\u{1b}_apc\u{9c}after"), "after");
    }

    #[test]
    fn unterminated_osc_stops_at_end_of_line() {
        assert_eq!(clean("\u{1b}]0;title\nnext line"), "\nnext line");
    }

    #[test]
    fn short_escapes_are_removed_with_their_final_byte() {
        assert_eq!(clean("\u{1b}(Bx\u{1b}cy\u{1b}7z"), "xyz");
        assert_eq!(clean("trailing\u{1b}"), "trailing");
    }

    #[test]
    fn zwj_variation_selectors_and_combining_marks_are_kept() {
        let text = "👨\u{200d}👩\u{200d}👧 ❤\u{fe0f} e\u{301} ﷽";
        assert_eq!(clean(text), text);
    }

    #[test]
    fn clean_field_trims_and_drops_empty() {
        assert_eq!(
            super::clean_field(Some("  x \u{1b}[1m".into())).as_deref(),
            Some("x")
        );
        assert_eq!(super::clean_field(Some(" \u{7} ".into())), None);
        assert_eq!(super::clean_field(None), None);
    }
}
