//! Display width and line wrapping, shared by the reader's panes and `tread dump`.
//!
//! Width is measured per grapheme cluster, the unit a terminal draws in one
//! cell or two: a family emoji joined by ZWJ, a flag, a letter with combining
//! accents each count once, and CJK counts two. ratatui measures the graphemes
//! it draws the same way, so what we wrap is what fits.
//!
//! Wrapped lines are returned as byte ranges into the source text rather than
//! new strings: every line is a contiguous slice, which lets later code map a
//! screen line back to a character range (passages, search matches).

use std::ops::Range;

use textwrap::WordSeparator;
use textwrap::core::Fragment;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Columns a grapheme cluster takes on screen.
pub fn grapheme_width(grapheme: &str) -> usize {
    grapheme.width()
}

/// Columns `text` takes on screen (one line; `\n` counts as nothing).
pub fn display_width(text: &str) -> usize {
    if text.is_ascii() {
        // Sanitized text has no control bytes, so every ASCII byte is one column.
        return text.bytes().filter(|&b| b != b'\n').count();
    }
    text.graphemes(true).map(grapheme_width).sum()
}

/// The longest prefix of `text` that fits in `width` columns, and its width.
pub fn prefix_fitting(text: &str, width: usize) -> (&str, usize) {
    let mut used = 0;
    for (index, grapheme) in text.grapheme_indices(true) {
        let w = grapheme_width(grapheme);
        if used + w > width {
            return (&text[..index], used);
        }
        used += w;
    }
    (text, used)
}

/// How a block's lines are broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WrapMode {
    /// Break between words; spaces at a break are dropped.
    Prose,
    /// Keep every character, breaking a line only where it reaches the width.
    Preformatted,
}

/// Breaks `text` into lines of at most `width` columns, as byte ranges into
/// `text`. Existing line breaks are kept. A single grapheme wider than `width`
/// (a CJK character in a one-column pane) gets a line of its own; drawing code
/// clips it. A `width` of 0 is treated as 1.
pub fn wrap_ranges(text: &str, width: usize, mode: WrapMode) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        match mode {
            WrapMode::Prose => wrap_prose_line(line, line_start, width, &mut lines),
            WrapMode::Preformatted => break_line_hard(line, line_start, width, &mut lines),
        }
        line_start += line.len() + 1;
    }
    lines
}

/// A piece of a line that `textwrap` places: a word (or part of a long one)
/// with the spaces after it, measured by grapheme width.
#[derive(Debug)]
struct Piece {
    start: usize,
    word_end: usize,
    width: usize,
    whitespace_width: usize,
}

impl Fragment for Piece {
    fn width(&self) -> f64 {
        self.width as f64
    }
    fn whitespace_width(&self) -> f64 {
        self.whitespace_width as f64
    }
    fn penalty_width(&self) -> f64 {
        0.0
    }
}

fn wrap_prose_line(line: &str, offset: usize, width: usize, out: &mut Vec<Range<usize>>) {
    if display_width(line) <= width {
        out.push(offset..offset + line.trim_end_matches(' ').len());
        return;
    }
    let mut pieces = Vec::new();
    for (start, word_end, whitespace) in words(line) {
        let word = &line[start..word_end];
        let word_width = display_width(word);
        if word_width <= width {
            pieces.push(Piece {
                start,
                word_end,
                width: word_width,
                whitespace_width: whitespace,
            });
            continue;
        }
        cut_long_word(line, start..word_end, width, &mut pieces);
        if let Some(last) = pieces.last_mut() {
            last.whitespace_width = whitespace;
        }
    }
    if pieces.is_empty() {
        out.push(offset..offset);
        return;
    }
    let wrapped = textwrap::wrap_algorithms::wrap_first_fit(&pieces, &[width as f64]);
    for line_pieces in wrapped {
        let (Some(first), Some(last)) = (line_pieces.first(), line_pieces.last()) else {
            continue;
        };
        out.push(offset + first.start..offset + last.word_end);
    }
}

/// The words of `line` as (start, end, spaces after): where the Unicode
/// line-break rules allow a break, except inside a web address, which stays
/// one word (the rules would break it after every `/` and `?`).
fn words(line: &str) -> Vec<(usize, usize, usize)> {
    let addresses = crate::document::urls::url_words(line);
    let mut words: Vec<(usize, usize, usize)> = Vec::new();
    let mut position = 0;
    for word in WordSeparator::UnicodeBreakProperties.find_words(line) {
        let start = position;
        let end = start + word.word.len();
        position = end + word.whitespace.len();
        let inside = |at: usize| addresses.iter().any(|a| a.start < at && at < a.end);
        match words.last_mut() {
            // Joined to the word before, when the break between them falls
            // inside an address.
            Some(last) if last.1 == start && inside(start) => {
                last.1 = end;
                last.2 = word.whitespace.len();
            }
            _ => words.push((start, end, word.whitespace.len())),
        }
    }
    words
}

/// Cuts `range` of `line`, a word wider than `width`, into pieces that fit:
/// after a `/`, `?` or `&` where one falls in the line (an address breaks
/// where its parts meet), else between graphemes.
fn cut_long_word(line: &str, range: Range<usize>, width: usize, pieces: &mut Vec<Piece>) {
    let word = &line[range.clone()];
    // No break inside `https://`: the first place is after the host.
    let scheme_end = word.find("://").map_or(0, |i| i + "://".len());
    let mut chunk_start = range.start;
    let mut chunk_width = 0;
    // The last place the chunk may end, and its width there.
    let mut last_break: Option<(usize, usize)> = None;
    for (index, grapheme) in word.grapheme_indices(true) {
        let at = range.start + index;
        let w = grapheme_width(grapheme);
        if chunk_width > 0 && chunk_width + w > width {
            let (end, end_width) = last_break
                .filter(|&(end, _)| end > chunk_start)
                .unwrap_or((at, chunk_width));
            pieces.push(Piece {
                start: chunk_start,
                word_end: end,
                width: end_width,
                whitespace_width: 0,
            });
            chunk_start = end;
            chunk_width -= end_width;
            last_break = None;
        }
        chunk_width += w;
        if index >= scheme_end && matches!(grapheme, "/" | "?" | "&") {
            last_break = Some((at + grapheme.len(), chunk_width));
        }
    }
    pieces.push(Piece {
        start: chunk_start,
        word_end: range.end,
        width: chunk_width,
        whitespace_width: 0,
    });
}

fn break_line_hard(line: &str, offset: usize, width: usize, out: &mut Vec<Range<usize>>) {
    let mut start = 0;
    let mut used = 0;
    for (index, grapheme) in line.grapheme_indices(true) {
        let w = grapheme_width(grapheme);
        if used > 0 && used + w > width {
            out.push(offset + start..offset + index);
            start = index;
            used = 0;
        }
        used += w;
    }
    out.push(offset + start..offset + line.len());
}

/// Convenience for callers that want the lines as string slices.
pub fn wrap_lines(text: &str, width: usize, mode: WrapMode) -> Vec<&str> {
    wrap_ranges(text, width, mode)
        .into_iter()
        .map(|range| &text[range])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(text: &str, width: usize) -> Vec<&str> {
        wrap_lines(text, width, WrapMode::Prose)
    }

    #[test]
    fn widths_count_graphemes() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("日本語"), 6);
        assert_eq!(display_width("e\u{301}"), 1);
        assert_eq!(display_width("👨\u{200d}👩\u{200d}👧"), 2);
        assert_eq!(display_width("🇯🇵"), 2);
    }

    #[test]
    fn prose_breaks_between_words_and_drops_the_spaces() {
        assert_eq!(
            prose("the quick brown fox jumps", 10),
            ["the quick", "brown fox", "jumps"]
        );
    }

    #[test]
    fn kept_line_breaks_and_empty_lines() {
        assert_eq!(prose("one\ntwo\n\nthree", 80), ["one", "two", "", "three"]);
    }

    #[test]
    fn cjk_breaks_between_ideographs_within_width() {
        let lines = prose("日本とロシアの平和条約について考える", 10);
        assert!(lines.len() > 1);
        for line in &lines {
            assert!(display_width(line) <= 10, "{line:?}");
        }
        assert_eq!(lines.concat(), "日本とロシアの平和条約について考える");
    }

    #[test]
    fn long_words_are_cut_between_graphemes() {
        let lines = prose("https://example.com/a/very/long/path", 10);
        assert!(lines.iter().all(|l| display_width(l) <= 10));
        assert_eq!(lines.concat(), "https://example.com/a/very/long/path");
        let family = "👨\u{200d}👩\u{200d}👧";
        let three = family.repeat(3);
        let lines = prose(&three, 4);
        assert_eq!(lines, [family.repeat(2), family.to_string()]);
    }

    #[test]
    fn an_address_is_never_broken_when_it_fits_on_a_line() {
        let text = "See https://news.ycombinator.com/item?id=8252093 for more";
        assert_eq!(
            prose(text, 45),
            [
                "See",
                "https://news.ycombinator.com/item?id=8252093",
                "for more"
            ]
        );
    }

    #[test]
    fn an_address_longer_than_the_line_breaks_after_a_slash_a_question_mark_or_an_ampersand() {
        let url = "https://en.wikipedia.org/wiki/Attitude_indicator?a=1&b=2";
        let lines = prose(url, 30);
        assert_eq!(
            lines,
            [
                "https://en.wikipedia.org/wiki/",
                "Attitude_indicator?a=1&b=2"
            ]
        );
        // A part longer than the line is cut where it must.
        let lines = prose("https://example.com/abcdefghijklmnopqrstuvwxyz", 16);
        assert!(lines.iter().all(|l| display_width(l) <= 16), "{lines:?}");
        assert_eq!(lines[0], "https://example.");
    }

    #[test]
    fn a_grapheme_wider_than_the_width_gets_its_own_line() {
        assert_eq!(prose("日本", 1), ["日", "本"]);
    }

    #[test]
    fn preformatted_keeps_spaces_and_breaks_hard() {
        let lines = wrap_lines("    let x = 1;", 8, WrapMode::Preformatted);
        assert_eq!(lines, ["    let ", "x = 1;"]);
    }

    #[test]
    fn ranges_point_into_the_source() {
        let text = "alpha beta\ngamma";
        let ranges = wrap_ranges(text, 5, WrapMode::Prose);
        assert_eq!(ranges, [0..5, 6..10, 11..16]);
    }

    #[test]
    fn prefix_fitting_stops_before_a_wide_grapheme() {
        assert_eq!(prefix_fitting("ab日c", 3), ("ab", 2));
        assert_eq!(prefix_fitting("abc", 5), ("abc", 3));
    }
}
