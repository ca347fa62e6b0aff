//! How one block becomes lines of a given width: the lead that marks its kind
//! (a quote bar, a list bullet, a code indent) and the wrapped text after it.
//! `tread dump` and the reader's panes both lay blocks out here, so a block
//! looks the same in both.

use std::ops::Range;

use crate::document::{Block, BlockKind};
use crate::text::wrap::{WrapMode, display_width, wrap_ranges};

/// One screen line of a block: a decoration and a slice of the block's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockLine {
    pub lead: &'static str,
    /// Byte range into `Block::text`.
    pub range: Range<usize>,
}

/// Quotes have their own bar, not the tree guides' `│`: a quote under a
/// leaf comment would read as a branch of the tree.
const QUOTE_LEAD: &str = "▎ ";
const CODE_LEAD: &str = "  ";
const BULLET_LEAD: &str = "• ";
const HANGING_LEAD: &str = "  ";
const WARNING_LEAD: &str = "CW: ";
const WARNING_HANGING_LEAD: &str = "    ";

/// The lead of a block's first line, which marks its kind (`CW: `, `• `).
pub fn first_lead(kind: BlockKind) -> &'static str {
    leads(kind).0
}

/// The lead of a block's first line and of the lines after it.
fn leads(kind: BlockKind) -> (&'static str, &'static str) {
    match kind {
        BlockKind::Paragraph | BlockKind::Heading => ("", ""),
        BlockKind::Quote => (QUOTE_LEAD, QUOTE_LEAD),
        BlockKind::Code => (CODE_LEAD, CODE_LEAD),
        BlockKind::ListItem => (BULLET_LEAD, HANGING_LEAD),
        BlockKind::Warning => (WARNING_LEAD, WARNING_HANGING_LEAD),
    }
}

/// Lays `block` out in `width` columns. Leads are dropped when the width is too
/// small to hold them and a character besides; no line is wider than `width`
/// except a single grapheme wider than the whole width, which callers clip.
pub fn block_lines(block: &Block, width: usize) -> Vec<BlockLine> {
    let (first_lead, rest_lead) = leads(block.kind);
    let lead_width = display_width(first_lead);
    let (first_lead, rest_lead, text_width) = if width > lead_width {
        (first_lead, rest_lead, width - lead_width)
    } else {
        ("", "", width)
    };
    let mode = match block.kind {
        BlockKind::Code => WrapMode::Preformatted,
        _ => WrapMode::Prose,
    };
    wrap_ranges(&block.text, text_width, mode)
        .into_iter()
        .enumerate()
        .map(|(index, range)| BlockLine {
            lead: if index == 0 { first_lead } else { rest_lead },
            range,
        })
        .collect()
}

/// Lays `block` out for a pane, which chops code rather than wrapping it:
/// a code block has a line per line of its text, however wide.
pub fn screen_block_lines(block: &Block, width: usize) -> Vec<BlockLine> {
    if block.kind != BlockKind::Code || width <= display_width(CODE_LEAD) {
        return block_lines(block, width);
    }
    let mut lines = Vec::new();
    let mut start = 0;
    for line in block.text.split('\n') {
        lines.push(BlockLine {
            lead: CODE_LEAD,
            range: start..start + line.len(),
        });
        start += line.len() + 1;
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered(block: &Block, width: usize) -> Vec<String> {
        block_lines(block, width)
            .into_iter()
            .map(|line| format!("{}{}", line.lead, &block.text[line.range]))
            .collect()
    }

    #[test]
    fn list_items_hang_under_their_bullet() {
        let block = Block::new(BlockKind::ListItem, "first second third");
        assert_eq!(rendered(&block, 14), ["• first second", "  third"]);
    }

    #[test]
    fn quotes_carry_a_bar_on_every_line() {
        let block = Block::new(BlockKind::Quote, "one two three");
        assert_eq!(rendered(&block, 9), ["▎ one two", "▎ three"]);
    }

    #[test]
    fn code_keeps_indentation() {
        let block = Block::new(BlockKind::Code, "fn x() {\n    y();\n}");
        assert_eq!(rendered(&block, 40), ["  fn x() {", "      y();", "  }"]);
    }

    #[test]
    fn leads_are_dropped_when_the_width_cannot_hold_them() {
        let block = Block::new(BlockKind::Quote, "ab");
        assert_eq!(rendered(&block, 2), ["ab"]);
    }
}
