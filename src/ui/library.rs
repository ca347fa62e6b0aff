//! The library screen: the documents read recently, two lines each (title;
//! site, comments, when read, bookmarks, address), the selected one marked,
//! and a status bar with the filter or the keys.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::draw_line;
use crate::app::library::{LibraryItem, LibraryScreen};
use crate::app::plural;
use crate::config::Theme;

/// Lines each document takes: its two and a blank.
pub const ROW_HEIGHT: u16 = 3;

pub struct LibraryView<'a> {
    pub screen: &'a LibraryScreen,
    pub theme: &'a Theme,
    /// Ages are shown relative to this.
    pub now: i64,
}

/// Documents the list has room for in `height` rows of screen.
pub fn rows_for(height: u16) -> usize {
    usize::from(height.saturating_sub(2) / ROW_HEIGHT).max(1)
}

impl Widget for LibraryView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height < 3 || area.width < 10 {
            return;
        }
        let (screen, theme) = (self.screen, self.theme);
        let visible = screen.visible();
        let title_row = Rect::new(area.x, area.y, area.width, 1);
        buf.set_style(title_row, theme.title_bar);
        let count = visible.len();
        let title = format!(
            " Library  ·  {count} {}",
            plural(count, "document", "documents")
        );
        draw_line(buf, area, area.y, &Line::from(title).style(theme.title_bar));
        let list_bottom = area.bottom() - 1;
        let mut y = area.y + 1;
        for (index, item) in visible.iter().enumerate().skip(screen.top) {
            if y + 1 >= list_bottom {
                break;
            }
            let selected = index == screen.selected;
            draw_line(buf, area, y, &self.title_line(item, selected));
            draw_line(buf, area, y + 1, &self.detail_line(item, selected));
            y += ROW_HEIGHT;
        }
        if visible.is_empty() {
            let empty = if screen.filter.is_empty() {
                "  Nothing here yet: documents opened in the reader are listed here."
            } else {
                "  No document matches the filter."
            };
            draw_line(buf, area, area.y + 1, &Line::from(empty).style(theme.meta));
        }
        let status = Rect::new(area.x, list_bottom, area.width, 1);
        buf.set_style(status, theme.status_bar);
        draw_line(buf, area, list_bottom, &self.status_line());
    }
}

impl LibraryView<'_> {
    fn gutter(&self, selected: bool) -> Span<'static> {
        if selected {
            Span::styled("▌ ", self.theme.selection_bar)
        } else {
            Span::raw("  ")
        }
    }

    fn title_line<'b>(&self, item: &'b LibraryItem, selected: bool) -> Line<'b> {
        let style = if selected {
            self.theme.selection.add_modifier(Modifier::BOLD)
        } else {
            self.theme.author
        };
        Line::from(vec![
            self.gutter(selected),
            Span::styled(item.title.as_str(), style),
        ])
    }

    fn detail_line(&self, item: &LibraryItem, selected: bool) -> Line<'static> {
        let mut details = vec![
            item.site.clone(),
            format!(
                "{} {}",
                item.comments,
                plural(item.comments, "comment", "comments")
            ),
        ];
        if let Some(read_at) = item.read_at {
            details.push(format!("read {}", crate::age::short_age(read_at, self.now)));
        }
        if item.bookmarks > 0 {
            details.push(format!(
                "{} {}",
                item.bookmarks,
                plural(item.bookmarks, "bookmark", "bookmarks")
            ));
        }
        details.push(item.source.clone());
        Line::from(vec![
            self.gutter(selected),
            Span::styled(details.join(" · "), self.theme.meta),
        ])
    }

    fn status_line(&self) -> Line<'static> {
        let screen = self.screen;
        if screen.filtering {
            return Line::from(format!(" /{}▏", screen.filter)).style(self.theme.status_bar);
        }
        if let Some(message) = &screen.message {
            return Line::from(format!(" {message}")).style(self.theme.message);
        }
        let mut spans = vec![Span::styled(" LIBRARY ", self.theme.status_tag)];
        if !screen.filter.is_empty() {
            spans.push(Span::raw(format!("  /{}  Esc clear", screen.filter)));
        }
        for (key, hint) in [
            ("Enter", "open"),
            ("d", "forget"),
            ("u", "undo"),
            ("/", "filter"),
            ("q", "quit"),
        ] {
            spans.push(Span::styled(format!("  {key}"), self.theme.help_key));
            spans.push(Span::raw(format!(" {hint}")));
        }
        Line::from(spans).style(self.theme.status_bar)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_document_by_title_with_what_it_is() {
        let item = LibraryItem {
            key: "hn:1".into(),
            title: "Ask tread: reading threads".into(),
            source: "https://news.ycombinator.com/item?id=1".into(),
            site: "news.ycombinator.com".into(),
            comments: 4,
            bookmarks: 2,
            read_at: Some(1_000 - 3 * 3600),
        };
        let screen = LibraryScreen::new(vec![item]);
        let area = Rect::new(0, 0, 110, 8);
        let mut buf = Buffer::empty(area);
        let theme = crate::config::theme::DARK;
        LibraryView {
            screen: &screen,
            theme: &theme,
            now: 1_000,
        }
        .render(area, &mut buf);
        let text: Vec<String> = (0..area.height)
            .map(|y| {
                (0..area.width)
                    .map(|x| buf[(x, y)].symbol())
                    .collect::<String>()
            })
            .collect();
        assert!(text[0].starts_with(" Library  ·  1 document"), "{text:?}");
        assert!(
            text[1].starts_with("▌ Ask tread: reading threads"),
            "{text:?}"
        );
        assert!(
            text[2].contains(
                "news.ycombinator.com · 4 comments · read 3h ago · 2 bookmarks · https://news"
            ),
            "{text:?}"
        );
        assert!(
            text[7].contains("Enter open  d forget  u undo  / filter  q quit"),
            "{text:?}"
        );
    }
}
