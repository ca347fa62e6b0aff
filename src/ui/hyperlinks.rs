//! Links on screen as terminal hyperlinks (OSC 8). After a line of text is
//! drawn, the cells of each link on it are rewritten to carry the link's
//! target, so a click opens it, and an address wrapped over two lines is
//! still one link. Only where the terminal is known to follow OSC 8 (the
//! app's `hyperlinks`), and only for http, https and mailto targets,
//! percent-encoded so that nothing but printable ASCII is ever written
//! inside the sequence: a hostile target cannot end it early.

use std::num::NonZeroU16;
use std::ops::Range;

use ratatui::buffer::{Buffer, CellDiffOption};

use crate::document::{Block, BlockKind};
use crate::text::wrap::display_width;

/// Marks the links of `block` on the screen line showing `range` of its
/// text from column `x` of row `y`, up to column `right`. Not in code,
/// which is scrolled sideways: its columns are not its text's.
pub fn mark_block_line(
    buf: &mut Buffer,
    (x, y, right): (u16, u16, u16),
    block: &Block,
    range: Range<usize>,
) {
    if block.kind == BlockKind::Code {
        return;
    }
    for (span, url) in block.link_spans() {
        let start = span.start.max(range.start);
        let end = span.end.min(range.end);
        if start >= end {
            continue;
        }
        let before = display_width(&block.text[range.start..start]);
        let from = x.saturating_add(before as u16);
        let width = display_width(&block.text[start..end]) as u16;
        let to = from.saturating_add(width).min(right);
        if from < to {
            mark(buf, (from..to, y), url);
        }
    }
}

/// Rewrites the cells `columns` of row `y` as a hyperlink to `url`: each
/// run of one style becomes one cell holding the sequence and the run's
/// text, as wide as the run, and the cells it covers are skipped.
pub fn mark(buf: &mut Buffer, (columns, y): (Range<u16>, u16), url: &str) {
    let Some(target) = target(url) else {
        return;
    };
    let mut x = columns.start;
    while x < columns.end {
        let style = buf[(x, y)].style();
        let start = x;
        let mut text = String::new();
        while x < columns.end && buf[(x, y)].style() == style {
            let symbol = buf[(x, y)].symbol().to_string();
            // A wide character's second cell is part of it.
            x += (display_width(&symbol) as u16).max(1);
            text.push_str(&symbol);
        }
        let Some(width) = NonZeroU16::new(x.min(columns.end) - start) else {
            break;
        };
        let cell = &mut buf[(start, y)];
        cell.set_symbol(&format!("\x1b]8;;{target}\x1b\\{text}\x1b]8;;\x1b\\"));
        cell.set_diff_option(CellDiffOption::ForcedWidth(width));
        for covered in start + 1..x.min(columns.end) {
            buf[(covered, y)].set_diff_option(CellDiffOption::Skip);
        }
    }
}

/// What a hyperlink to `url` may point at: a web or mail address, every
/// byte outside printable ASCII percent-encoded; None for anything else.
pub fn target(url: &str) -> Option<String> {
    if !crate::app::links::may_open(url) {
        return None;
    }
    let mut encoded = String::with_capacity(url.len());
    for byte in url.bytes() {
        if (0x21..=0x7e).contains(&byte) {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    Some(encoded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    #[test]
    fn targets_are_web_or_mail_addresses_in_printable_ascii() {
        assert_eq!(
            target("https://example.com/caf\u{e9}?q=1").as_deref(),
            Some("https://example.com/caf%C3%A9?q=1")
        );
        assert_eq!(target("javascript:alert(1)"), None);
        assert_eq!(
            target("https://x.org/\u{1b}]8;;evil"),
            None,
            "a control is refused"
        );
        assert_eq!(target("file:///etc/passwd"), None);
    }

    #[test]
    fn a_link_becomes_cells_that_carry_the_sequence_and_keep_their_width() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 1));
        buf.set_string(0, 0, "see example.org now", ratatui::style::Style::new());
        mark(&mut buf, (4..15, 0), "https://example.org");
        let cell = &buf[(4, 0)];
        assert_eq!(
            cell.symbol(),
            "\x1b]8;;https://example.org\x1b\\example.org\x1b]8;;\x1b\\"
        );
        assert_eq!(
            cell.diff_option,
            CellDiffOption::ForcedWidth(NonZeroU16::new(11).unwrap())
        );
        assert_eq!(buf[(5, 0)].diff_option, CellDiffOption::Skip);
        assert_eq!(buf[(15, 0)].diff_option, CellDiffOption::None);
        assert_eq!(buf[(3, 0)].symbol(), " ");
    }
}
