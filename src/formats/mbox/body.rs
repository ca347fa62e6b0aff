//! A plain-text mail body as blocks: paragraphs at blank lines, `>` lines
//! as quotes. Mail is hard-wrapped at about 72 columns, which the reader's
//! own wrapping would turn ragged, so prose is reflowed: `format=flowed`
//! text as RFC 3676 says (a line ending in a space goes on), and other
//! paragraphs whose lines all run near the wrap. Code-like, list, short
//! and signature lines keep their breaks.

use crate::document::sanitize::clean_owned;
use crate::document::{Block, BlockKind};

/// Whether a body is `format=flowed`, and with `delsp=yes`.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Flowed {
    on: bool,
    delete_space: bool,
}

impl Flowed {
    /// As a part's Content-Type says.
    pub(crate) fn of(content_type: &mailparse::ParsedContentType) -> Flowed {
        let parameter = |name: &str, on: &str| {
            content_type
                .params
                .get(name)
                .is_some_and(|v| v.eq_ignore_ascii_case(on))
        };
        Flowed {
            on: parameter("format", "flowed"),
            delete_space: parameter("delsp", "yes"),
        }
    }
}

/// A line shorter than this ends its paragraph's hard wrap: a paragraph
/// whose other lines are all at least this long was wrapped, not broken.
const WRAPPED_LINE: usize = 50;

pub(crate) fn body_blocks(text: &str, flowed: Flowed) -> Vec<Block> {
    let text = clean_owned(text.to_string());
    let text = if flowed.on {
        unflow(&text, flowed.delete_space)
    } else {
        text
    };
    let mut blocks = Vec::new();
    let mut group: Vec<&str> = Vec::new();
    let mut in_signature = false;
    for line in text.lines() {
        if line == "-- " || line == "--" {
            flush(&mut group, &mut blocks, false);
            in_signature = true;
        }
        let line = line.trim_end();
        // A change between quoted and unquoted lines also ends a block.
        let switches = group
            .last()
            .is_some_and(|last| last.starts_with('>') != line.starts_with('>'));
        if line.is_empty() || switches {
            flush(&mut group, &mut blocks, !in_signature);
        }
        if !line.is_empty() {
            group.push(line);
        }
    }
    flush(&mut group, &mut blocks, !in_signature);
    blocks
}

/// Ends the block `group` holds; `reflow` when prose may be rejoined.
fn flush(group: &mut Vec<&str>, blocks: &mut Vec<Block>, reflow: bool) {
    if group.is_empty() {
        return;
    }
    let quoted = group.iter().all(|l| l.starts_with('>'));
    let lines: Vec<&str> = if quoted {
        group
            .iter()
            .map(|l| {
                let l = &l[1..];
                l.strip_prefix(' ').unwrap_or(l)
            })
            .collect()
    } else {
        group.clone()
    };
    let kind = if quoted {
        BlockKind::Quote
    } else {
        BlockKind::Paragraph
    };
    // Quotes nest (`> >`): their lines are kept as they are.
    let nested = quoted && lines.iter().any(|l| l.starts_with('>'));
    let separator = if reflow && !nested && was_wrapped(&lines) {
        " "
    } else {
        "\n"
    };
    blocks.push(Block::new(kind, lines.join(separator)));
    group.clear();
}

/// Whether `lines` are one paragraph hard-wrapped: more than one line,
/// every line but the last near the wrap, and none that looks like code, a
/// list, a table or a patch.
fn was_wrapped(lines: &[&str]) -> bool {
    let Some((_, wrapped)) = lines.split_last() else {
        return false;
    };
    !wrapped.is_empty()
        && wrapped.iter().all(|l| l.chars().count() >= WRAPPED_LINE)
        && lines.iter().all(|l| !keeps_its_break(l))
}

/// A line whose break means something: indented or tabbed (code, a patch's
/// context), a list item, a table row, a diff line, an address alone.
fn keeps_its_break(line: &str) -> bool {
    let lone_address = !line.contains(' ') && line.contains("://");
    let list_item = line.starts_with(['-', '*', '+', '•'])
        && line.chars().nth(1).is_some_and(char::is_whitespace)
        || line.split_once(['.', ')']).is_some_and(|(n, rest)| {
            !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) && rest.starts_with(' ')
        });
    line.starts_with([' ', '\t'])
        || line.contains('\t')
        || line.contains(" | ")
        || line.starts_with("@@")
        || line.starts_with("diff ")
        || list_item
        || lone_address
}

/// RFC 3676: a line ending in a space (but the signature's `-- `) goes on
/// in the next; with `delsp=yes` that space is not part of the text.
fn unflow(text: &str, delete_space: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        // Space-stuffing: a leading space was added to protect the line.
        let bare = bare.strip_prefix(' ').unwrap_or(bare);
        if bare.ends_with(' ') && bare != "-- " {
            out.push_str(if delete_space {
                &bare[..bare.len() - 1]
            } else {
                bare
            });
        } else {
            out.push_str(bare);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(blocks: &[Block]) -> Vec<(BlockKind, &str)> {
        blocks.iter().map(|b| (b.kind, b.text.as_str())).collect()
    }

    #[test]
    fn hard_wrapped_prose_is_reflowed_and_the_rest_keeps_its_lines() {
        let body = "\
The council voted on Tuesday to restore the passenger ferry service on
the river, twenty-two years after the last boat was taken out of it.

> Shall we open the cafe earlier than we do now, say at seven in the
> morning on weekdays?

https://example.org/a/first/address/that/is/long/enough/to/wrap
https://example.org/b/second/address

Steps:
- open the map
- look at the river

 file1.txt | 12 ++++++++++++
 2 files changed, 24 insertions(+)

-- \nAnn Example
Ferry Office
";
        let blocks = body_blocks(body, Flowed::default());
        assert_eq!(
            texts(&blocks),
            [
                (
                    BlockKind::Paragraph,
                    "The council voted on Tuesday to restore the passenger ferry service on the river, twenty-two years after the last boat was taken out of it."
                ),
                (
                    BlockKind::Quote,
                    "Shall we open the cafe earlier than we do now, say at seven in the morning on weekdays?"
                ),
                (
                    BlockKind::Paragraph,
                    "https://example.org/a/first/address/that/is/long/enough/to/wrap\nhttps://example.org/b/second/address"
                ),
                (
                    BlockKind::Paragraph,
                    "Steps:\n- open the map\n- look at the river"
                ),
                (
                    BlockKind::Paragraph,
                    " file1.txt | 12 ++++++++++++\n 2 files changed, 24 insertions(+)"
                ),
                (BlockKind::Paragraph, "--\nAnn Example\nFerry Office"),
            ]
        );
    }

    #[test]
    fn format_flowed_lines_ending_in_a_space_go_on() {
        let body = "Short lines \nthat flow \non.\nA hard break.\n";
        let flowed = Flowed::of(&mailparse::parse_content_type(
            "text/plain; charset=utf-8; format=flowed",
        ));
        assert_eq!(
            texts(&body_blocks(body, flowed)),
            [(
                BlockKind::Paragraph,
                "Short lines that flow on.\nA hard break."
            )]
        );
        let deleted = Flowed::of(&mailparse::parse_content_type(
            "text/plain; format=flowed; delsp=yes",
        ));
        assert_eq!(
            texts(&body_blocks("one-\nword \nhere\n", deleted)),
            [(BlockKind::Paragraph, "one-\nwordhere")]
        );
    }
}
