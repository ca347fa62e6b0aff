//! Where each part of the screen goes, as a pure function of the terminal
//! size and the view settings. `App::update` uses it to know how tall and wide
//! the panes are (for scrolling and mouse clicks) and the UI to draw them, so
//! both always agree.

use ratatui::layout::Rect;

use super::{Arrangement, Pane};

/// Below this size there is no room to read; a notice is shown instead.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 6;
/// Columns left of the article text: the passage cursor, the bookmark
/// star, and a space so that the star does not touch the text.
pub const ARTICLE_GUTTER: u16 = 3;
/// Columns kept free right of the article text, so it does not touch the divider.
pub const ARTICLE_MARGIN: u16 = 1;
/// Columns left of the comment tree: the selection bar.
pub const COMMENT_GUTTER: u16 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PaneArea {
    /// The pane's title line.
    pub title: Rect,
    /// Where its text goes, gutter included.
    pub body: Rect,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ScreenAreas {
    pub too_small: bool,
    pub title_bar: Rect,
    pub article: Option<PaneArea>,
    pub comments: Option<PaneArea>,
    /// The column between side-by-side panes.
    pub divider: Option<Rect>,
    pub status_bar: Rect,
}

/// Whether panes are side by side at this width, unless the user chose.
pub fn effective_mode(
    width: u16,
    chosen: Option<Arrangement>,
    side_by_side_from: u16,
) -> Arrangement {
    chosen.unwrap_or(if width >= side_by_side_from {
        Arrangement::SideBySide
    } else {
        Arrangement::Stacked
    })
}

/// The areas at `area`'s size: both panes, or the `zoomed` one alone; when
/// `article_empty` (an export of comments only), the article pane is its
/// title line alone, which says so, and the comments get the rest.
pub fn screen_areas(
    area: Rect,
    mode: Arrangement,
    zoomed: Option<Pane>,
    article_empty: bool,
) -> ScreenAreas {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return ScreenAreas {
            too_small: true,
            ..ScreenAreas::default()
        };
    }
    let title_bar = Rect::new(area.x, area.y, area.width, 1);
    let status_bar = Rect::new(area.x, area.bottom() - 1, area.width, 1);
    let main = Rect::new(area.x, area.y + 1, area.width, area.height - 2);
    let mut layout = ScreenAreas {
        too_small: false,
        title_bar,
        status_bar,
        ..ScreenAreas::default()
    };
    match (zoomed, mode) {
        (Some(Pane::Article), _) => layout.article = Some(split(main)),
        (Some(Pane::Comments), _) => layout.comments = Some(split(main)),
        (None, _) if article_empty => {
            let (title_line, rest) = (main.rows().next().unwrap_or(main), main);
            layout.article = Some(split(title_line));
            layout.comments = Some(split(Rect {
                y: rest.y + 1,
                height: rest.height - 1,
                ..rest
            }));
        }
        (None, Arrangement::SideBySide) => {
            let left = main.width / 2;
            let article = Rect::new(main.x, main.y, left, main.height);
            let divider = Rect::new(main.x + left, main.y, 1, main.height);
            let comments = Rect::new(divider.right(), main.y, main.width - left - 1, main.height);
            layout.article = Some(split(article));
            layout.divider = Some(divider);
            layout.comments = Some(split(comments));
        }
        (None, Arrangement::Stacked) => {
            let top = (main.height * 2 / 5).max(2);
            let article = Rect::new(main.x, main.y, main.width, top);
            let comments = Rect::new(main.x, main.y + top, main.width, main.height - top);
            layout.article = Some(split(article));
            layout.comments = Some(split(comments));
        }
    }
    layout
}

/// Where the help's text goes: a box two columns in from each side and a
/// row from the top and bottom, less its border.
pub fn help_text_area(area: Rect) -> Rect {
    let width = area.width.saturating_sub(4);
    let height = area.height.saturating_sub(2);
    Rect::new(
        area.x + (area.width - width) / 2 + 1,
        area.y + (area.height - height) / 2 + 1,
        width.saturating_sub(2),
        height.saturating_sub(2),
    )
}

/// A pane in `rect`: its title line, and its text below.
fn split(rect: Rect) -> PaneArea {
    PaneArea {
        title: Rect::new(rect.x, rect.y, rect.width, 1),
        body: Rect::new(
            rect.x,
            rect.y + 1,
            rect.width,
            rect.height.saturating_sub(1),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn side_by_side_splits_columns_and_stacked_splits_rows() {
        let area = Rect::new(0, 0, 120, 40);
        let wide = screen_areas(area, Arrangement::SideBySide, None, false);
        let (a, c) = (wide.article.unwrap(), wide.comments.unwrap());
        assert_eq!(a.title.y, c.title.y);
        assert_eq!(a.body.width + c.body.width + 1, 120);
        let tall = screen_areas(area, Arrangement::Stacked, None, false);
        let (a, c) = (tall.article.unwrap(), tall.comments.unwrap());
        assert!(a.body.bottom() <= c.title.y);
        assert_eq!(a.body.width, 120);
    }

    #[test]
    fn an_empty_article_is_one_line_and_the_comments_get_the_rest() {
        let area = Rect::new(0, 0, 120, 40);
        for mode in [Arrangement::SideBySide, Arrangement::Stacked] {
            let screen = screen_areas(area, mode, None, true);
            let (a, c) = (screen.article.unwrap(), screen.comments.unwrap());
            assert_eq!((a.title.height, a.body.height), (1, 0));
            assert_eq!(c.title.y, a.title.y + 1);
            assert_eq!(c.body.width, 120);
            assert_eq!(c.body.bottom(), screen.status_bar.y);
            assert!(screen.divider.is_none());
        }
    }

    #[test]
    fn zoom_gives_one_pane_the_whole_screen() {
        let area = Rect::new(0, 0, 80, 24);
        let zoomed = screen_areas(area, Arrangement::Stacked, Some(Pane::Comments), false);
        assert!(zoomed.article.is_none());
        assert_eq!(zoomed.comments.unwrap().body.height, 21);
    }

    #[test]
    fn tiny_terminals_are_too_small() {
        let too_small =
            |w, h| screen_areas(Rect::new(0, 0, w, h), Arrangement::Stacked, None, false).too_small;
        assert!(too_small(1, 1));
        assert!(too_small(30, 5));
        assert!(!too_small(30, 8));
    }
}
