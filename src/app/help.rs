//! The help: every action and its keys, place by place, from the keymap in
//! force (so it shows the user's own keys), and the keys no keymap holds
//! (the prompt's, counts); laid out to the width it is shown at, in one
//! column or two, scrolled, and searched with `/`.

use super::geometry;
use super::{Action, App};
use crate::input::keymap::{Context, Keymap};
use crate::text::wrap::{WrapMode, display_width, wrap_lines};

/// The help's state while it is open.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HelpView {
    /// Rows scrolled past.
    pub scroll: usize,
    /// What `/` looked for, highlighted while the help is open.
    pub query: Option<String>,
}

/// One place's keys: its heading, and (keys, what they do) rows.
pub struct HelpSection {
    pub heading: &'static str,
    pub rows: Vec<(String, String)>,
}

/// A line of the laid-out help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    Blank,
    Heading(&'static str),
    /// Keys (empty on a description's later lines) and a line of text,
    /// the keys padded to `key_width` columns.
    Row {
        keys: String,
        text: String,
    },
}

impl HelpLine {
    /// The line's words, for search.
    pub fn text(&self) -> String {
        match self {
            HelpLine::Blank => String::new(),
            HelpLine::Heading(heading) => heading.to_string(),
            HelpLine::Row { keys, text } => format!("{keys} {text}"),
        }
    }
}

/// The help at one width: its columns of lines, and the key column's width.
pub struct HelpLayout {
    pub columns: Vec<Vec<HelpLine>>,
    pub key_width: usize,
}

impl HelpLayout {
    /// Rows it takes: its longest column.
    pub fn rows(&self) -> usize {
        self.columns.iter().map(Vec::len).max().unwrap_or(0)
    }
}

/// Two columns from this width of the help's text.
const TWO_COLUMNS_FROM: usize = 140;
/// The key column is at most this wide; longer keys take a line of their own.
const MAX_KEY_WIDTH: usize = 22;

/// A place's heading, in the help and the man page.
pub fn heading(context: Context) -> &'static str {
    match context {
        Context::Global => "Everywhere",
        Context::Article => "Article pane",
        Context::Comments => "Comment pane",
        Context::Help => "This help",
        Context::Bookmarks => "Bookmark list",
        Context::Links => "Link list",
    }
}

/// Every place's keys, from `keymap`, then the keys of the search and note
/// prompt, of a visual selection and of counts.
pub fn sections(keymap: &Keymap) -> Vec<HelpSection> {
    let mut sections: Vec<HelpSection> = Context::ALL
        .iter()
        .map(|&context| HelpSection {
            heading: heading(context),
            rows: keymap
                .bindings_in(context)
                .into_iter()
                .map(|(action, keys)| (keys.join(", "), context.describe(action).to_string()))
                .collect(),
        })
        .collect();
    sections.extend(unmapped_sections(keymap));
    sections
}

/// The keys no place of the keymap lists: the prompt's (fixed), a visual
/// selection's and counts.
pub fn unmapped_sections(keymap: &Keymap) -> Vec<HelpSection> {
    let mut sections = Vec::new();
    let fixed = |rows: &[(&str, &str)]| -> Vec<(String, String)> {
        rows.iter()
            .map(|(keys, text)| (keys.to_string(), text.to_string()))
            .collect()
    };
    sections.push(HelpSection {
        heading: "Search and note prompt",
        rows: fixed(&[
            ("Enter", "Search (empty: the next match), or save the note"),
            ("Esc, Ctrl-c", "Cancel"),
            ("Ctrl-r", "Switch this search between plain text and regex"),
            ("↑, ↓", "Earlier / later queries of the session"),
            (
                "←, →, Ctrl-a, Ctrl-e",
                "Move the cursor; to the start / end",
            ),
            ("Ctrl-u", "Clear what is before the cursor"),
        ]),
    });
    let key = |context, action| keymap.key_label(context, action);
    sections.push(HelpSection {
        heading: "Visual selection",
        rows: vec![
            (
                key(Context::Article, Action::VisualSelect),
                "Start selecting lines of the article or of a comment".to_string(),
            ),
            (
                format!(
                    "{}, {}",
                    key(Context::Article, Action::ScrollDown),
                    key(Context::Article, Action::NextParagraph)
                ),
                "Extend the selection by a line / a paragraph".to_string(),
            ),
            (
                key(Context::Article, Action::Bookmark),
                "Bookmark the selected lines".to_string(),
            ),
            (
                key(Context::Article, Action::CloseOverlay),
                "End the selection".to_string(),
            ),
        ],
    });
    sections.push(HelpSection {
        heading: "Counts",
        rows: fixed(&[
            ("5 j", "A number before a movement repeats it"),
            ("12 G", "A number before G goes to comment or paragraph 12"),
        ]),
    });
    sections
}

/// `sections` laid out in `width` columns: in two columns from
/// [`TWO_COLUMNS_FROM`], the second starting at a section, descriptions
/// wrapped under themselves.
pub fn layout(sections: &[HelpSection], width: usize) -> HelpLayout {
    let key_width = sections
        .iter()
        .flat_map(|s| s.rows.iter().map(|(keys, _)| display_width(keys)))
        .max()
        .unwrap_or(0)
        .min(MAX_KEY_WIDTH);
    let two = width >= TWO_COLUMNS_FROM;
    let column_width = if two { (width - 3) / 2 } else { width };
    let text_width = column_width.saturating_sub(key_width + 4).max(10);
    let laid_out: Vec<Vec<HelpLine>> = sections
        .iter()
        .map(|section| section_lines(section, key_width, text_width))
        .collect();
    let total: usize = laid_out.iter().map(Vec::len).sum();
    let mut columns = vec![Vec::new()];
    let mut filled = 0;
    for lines in laid_out {
        // The second column starts at the section that passes the middle.
        if two && columns.len() == 1 && filled > 0 && filled + lines.len() / 2 > total / 2 {
            columns.push(Vec::new());
        }
        filled += lines.len();
        let column = columns.last_mut().expect("a column");
        if !column.is_empty() {
            column.push(HelpLine::Blank);
        }
        column.extend(lines);
    }
    HelpLayout { columns, key_width }
}

fn section_lines(section: &HelpSection, key_width: usize, text_width: usize) -> Vec<HelpLine> {
    let mut lines = vec![HelpLine::Heading(section.heading)];
    for (keys, description) in &section.rows {
        let mut keys = Some(keys.clone());
        if display_width(keys.as_deref().unwrap_or("")) > key_width {
            lines.push(HelpLine::Row {
                keys: keys.take().unwrap_or_default(),
                text: String::new(),
            });
        }
        for line in wrap_lines(description, text_width, WrapMode::Prose) {
            lines.push(HelpLine::Row {
                keys: keys.take().unwrap_or_default(),
                text: line.to_string(),
            });
        }
    }
    lines
}

impl App {
    /// The help as the screen shows it now.
    pub fn help_layout(&self) -> HelpLayout {
        let width = geometry::help_text_area(self.area).width;
        layout(&sections(&self.keymap), usize::from(width))
    }

    /// Keys in the help: scroll, search, close.
    pub(super) fn apply_in_help(&mut self, action: Action) {
        let rows = self.help_layout().rows();
        let height = usize::from(geometry::help_text_area(self.area).height).max(1);
        let max_scroll = rows.saturating_sub(height);
        let Some(super::Overlay::Help(view)) = &mut self.overlay else {
            return;
        };
        let scroll = &mut view.scroll;
        match action {
            Action::CloseOverlay | Action::Help => self.overlay = None,
            Action::ScrollDown => *scroll += 1,
            Action::ScrollUp => *scroll = scroll.saturating_sub(1),
            Action::HalfPageDown => *scroll += height / 2,
            Action::HalfPageUp => *scroll = scroll.saturating_sub(height / 2),
            Action::PageDown => *scroll += height,
            Action::PageUp => *scroll = scroll.saturating_sub(height),
            Action::Top => *scroll = 0,
            Action::Bottom => *scroll = max_scroll,
            Action::Search => {
                let prompt = super::prompt::Prompt::new(
                    String::new(),
                    super::prompt::PromptPurpose::HelpSearch,
                );
                self.open_prompt(prompt);
            }
            Action::SearchNext => self.find_in_help(None, true),
            Action::SearchPrevious => self.find_in_help(None, false),
            _ => {}
        }
        if let Some(super::Overlay::Help(view)) = &mut self.overlay {
            view.scroll = view.scroll.min(max_scroll);
        }
    }

    /// Scrolls the help to the next (or previous) row holding `query`, or
    /// the query in force; wrapping around, as a search does.
    pub(super) fn find_in_help(&mut self, query: Option<String>, forward: bool) {
        let layout = self.help_layout();
        let height = usize::from(geometry::help_text_area(self.area).height).max(1);
        let Some(super::Overlay::Help(view)) = &mut self.overlay else {
            return;
        };
        if let Some(query) = query.filter(|q| !q.is_empty()) {
            view.query = Some(query);
        }
        let Some(query) = view.query.clone() else {
            self.message = Some("No search yet: / searches the help".to_string());
            return;
        };
        let wanted = query.to_lowercase();
        let mut rows: Vec<usize> = (0..layout.rows())
            .filter(|&row| {
                layout
                    .columns
                    .iter()
                    .filter_map(|column| column.get(row))
                    .any(|line| line.text().to_lowercase().contains(&wanted))
            })
            .collect();
        rows.dedup();
        // The row a match is shown on: a third of the way down.
        let shown = |row: usize| row.saturating_sub(height / 3);
        let here = view.scroll;
        let next = if forward {
            rows.iter().find(|&&row| shown(row) > here).or(rows.first())
        } else {
            rows.iter()
                .rev()
                .find(|&&row| shown(row) < here)
                .or(rows.last())
        };
        match next {
            Some(&row) => {
                let max_scroll = layout.rows().saturating_sub(height);
                view.scroll = shown(row).min(max_scroll);
                self.message = Some(format!("{} lines of the help match “{query}”", rows.len()));
            }
            None => self.message = Some(format!("Not in the help: {query}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_wrap_under_themselves_and_nothing_is_cut() {
        let sections = sections(&crate::config::default_keymap());
        for width in [40, 76, 120, 200] {
            let layout = layout(&sections, width);
            let column_width = if width >= TWO_COLUMNS_FROM {
                (width - 3) / 2
            } else {
                width
            };
            for line in layout.columns.iter().flatten() {
                if let HelpLine::Row { text, .. } = line {
                    assert!(
                        2 + layout.key_width + 2 + display_width(text) <= column_width.max(36),
                        "{width}: {text}"
                    );
                }
            }
            let words: String = layout
                .columns
                .iter()
                .flatten()
                .map(HelpLine::text)
                .collect();
            assert!(words.contains("tall one first"), "{width}");
        }
        assert_eq!(layout(&sections, 200).columns.len(), 2);
        assert_eq!(layout(&sections, 120).columns.len(), 1);
    }
}
