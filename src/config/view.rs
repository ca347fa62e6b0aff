//! The view settings: the config's `[layout]` (and the settings that have
//! no key yet), with their defaults and ranges.

use serde::Deserialize;
use toml::Spanned;

use super::{At, Config, at};

/// Settings of the view, from the config's `[layout]` and `[ui]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewSettings {
    /// Panes go side by side from this terminal width.
    pub side_by_side_from: u16,
    /// Text is wrapped to at most this many columns, however wide the pane.
    pub reading_width: usize,
    /// Lines kept above and below the selection when scrolling to it.
    pub scrolloff: usize,
    /// Indentation stops growing past this depth.
    pub max_indent_depth: usize,
    /// Lines the mouse wheel scrolls.
    pub wheel_lines: usize,
    /// Columns of indentation per reply level.
    pub indent: usize,
    /// Points and ages in comment headers.
    pub show_scores: bool,
    pub show_ages: bool,
    /// Whether the search prompt opens in regex mode (`[search] regex`).
    pub search_regex: bool,
    /// Whether tread takes the mouse at start (`[ui] mouse`).
    pub mouse: bool,
}

impl Default for ViewSettings {
    fn default() -> Self {
        ViewSettings {
            side_by_side_from: 120,
            reading_width: 100,
            scrolloff: 2,
            max_indent_depth: 12,
            wheel_lines: 3,
            indent: 3,
            show_scores: true,
            show_ages: true,
            search_regex: false,
            mouse: true,
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLayout {
    side_by_side_from: Option<Spanned<u16>>,
    reading_width: Option<Spanned<usize>>,
    indent: Option<Spanned<usize>>,
    max_indent_depth: Option<Spanned<usize>>,
    show_scores: Option<bool>,
    show_ages: Option<bool>,
}

impl Config {
    pub(super) fn apply_layout(&mut self, raw: &RawLayout) -> Result<(), At> {
        let settings = &mut self.settings;
        if let Some(width) = &raw.side_by_side_from {
            settings.side_by_side_from = *width.get_ref();
        }
        if let Some(width) = &raw.reading_width {
            settings.reading_width = in_range(width, 20..=1000, "reading_width")?;
        }
        if let Some(indent) = &raw.indent {
            settings.indent = in_range(indent, 2..=8, "indent")?;
        }
        if let Some(depth) = &raw.max_indent_depth {
            settings.max_indent_depth = in_range(depth, 0..=100, "max_indent_depth")?;
        }
        if let Some(show) = raw.show_scores {
            settings.show_scores = show;
        }
        if let Some(show) = raw.show_ages {
            settings.show_ages = show;
        }
        Ok(())
    }
}

fn in_range(
    value: &Spanned<usize>,
    range: std::ops::RangeInclusive<usize>,
    name: &str,
) -> Result<usize, At> {
    let number = *value.get_ref();
    if range.contains(&number) {
        Ok(number)
    } else {
        Err(at(
            value,
            format!(
                "{name} = {number}: expected {} to {}",
                range.start(),
                range.end()
            ),
        ))
    }
}
