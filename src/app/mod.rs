//! The reader's state and the one place it changes: `App::update`.
//!
//! Keys become [`Action`]s through the keymap; mouse and resize events
//! arrive as [`Message`]s too. `update` is a function of the state and the
//! message alone, so nearly all behaviour is tested without a terminal.
//! Rendering (in `ui`) only reads an `&App`. One file per concern:
//! `update` dispatches; `navigation`, `folding`, [`search`], [`bookmarks`],
//! [`links`], [`new_comments`], [`position`], the [`prompt`] and the
//! [`overlay`]s each keep their own.

pub mod article_view;
pub mod bookmark_panel;
pub mod bookmarks;
pub mod code_scroll;
pub mod comments_view;
pub mod effect;
mod folding;
pub mod geometry;
pub mod help;
pub mod jumps;
pub mod library;
pub mod linked_article;
pub mod links;
pub mod loading;
mod matching;
pub mod message;
mod navigation;
pub mod new_comments;
pub mod outside;
pub mod overlay;
pub mod position;
pub mod prompt;
mod reading_within;
mod refresh;
pub mod search;
pub mod sort;
pub mod story;
mod update;
pub mod wrapped;

pub use crate::config::ViewSettings;
pub use crate::input::Action;
pub use effect::Effect;
pub use message::{Message, Opened, PromptKey};
pub use overlay::Overlay;
pub use position::ReadingPosition;

use std::collections::HashSet;

use ratatui::layout::Rect;

use crate::config::Theme;
use crate::document::{CommentId, Document};
use crate::input::keymap::Keymap;
use crate::text::tree_guides::GuideStyle;
use article_view::{ArticleEnv, ArticleView};
use bookmarks::BookmarkMarks;
use comments_view::{CommentsEnv, CommentsView};
use geometry::{ARTICLE_GUTTER, ARTICLE_MARGIN, COMMENT_GUTTER, ScreenAreas};
use wrapped::WrappedText;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Article,
    Comments,
}

/// How the two panes share the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrangement {
    SideBySide,
    Stacked,
}

/// Comment text is never squeezed narrower than this by indentation.
const MIN_COMMENT_TEXT: usize = 24;

pub struct App {
    pub document: Document,
    /// How the input is named in the title bar and messages.
    pub source_name: String,
    pub keymap: Keymap,
    pub settings: ViewSettings,
    pub theme: Theme,
    pub focus: Pane,
    pub area: Rect,
    pub article: ArticleView,
    pub comments: CommentsView,
    /// What covers the panes, if anything.
    pub overlay: Option<Overlay>,
    /// A transient message for the status bar, cleared by the next key.
    pub message: Option<String>,
    pub quit: bool,
    /// Quitting to the library rather than to the shell.
    pub to_library: bool,
    /// Quitting to open the document again.
    pub reload: bool,
    /// What the event loop must carry out.
    pub effects: Vec<Effect>,
    /// The time ages are shown relative to, given as the document opens
    /// and fixed then, so a screen does not change while it is being read.
    pub now: i64,
    /// The zone full dates are shown in, given with `now`.
    pub zone: jiff::tz::TimeZone,
    /// The document's stable key, which bookmarks and positions are filed under.
    pub doc_key: String,
    /// The file the document came from, kept with new bookmarks for display.
    pub doc_path: Option<String>,
    /// This document's bookmarks, oldest first.
    pub bookmarks: Vec<crate::bookmarks::Bookmark>,
    /// Every other document's, for the list of all bookmarks.
    pub other_bookmarks: Vec<crate::bookmarks::Bookmark>,
    /// The document the reader asked to open instead (a bookmark of it
    /// chosen in the list of all): its file or address.
    pub open_other: Option<String>,
    pub marks: BookmarkMarks,
    /// The last search and its matches, highlighted while it is kept.
    pub search: Option<search::Search>,
    /// Comments new since the last visit, in preorder, read or not: their
    /// marks stay for the whole session, so `.` and `,` can walk back.
    pub new_comments: Vec<CommentId>,
    /// Those of `new_comments` not yet read.
    pub unread: Vec<CommentId>,
    /// Whether the reader takes the mouse (clicks, the wheel); off, the
    /// terminal's own selection works without Shift.
    pub mouse: bool,
    /// The order of replies (`S`), and the comments as the source gave
    /// them while another order is shown.
    pub sort_order: sort::SiblingOrder,
    source_comments: Option<crate::document::Comments>,
    /// How far each pane's code is scrolled sideways.
    pub code_scroll: code_scroll::CodeScroll,
    /// Whether links are drawn as terminal hyperlinks (OSC 8): where the
    /// terminal is known to follow them, or the config asks.
    pub hyperlinks: bool,
    /// Keys typed toward a count or a sequence (`5`, `g`), as vim shows them.
    pub typed: String,
    /// Wrapped text, cached per width.
    pub(crate) wrapped: WrappedText,
    /// Comments whose text behind a content warning has been shown.
    pub revealed: HashSet<CommentId>,
    /// The article a link post links to, and how far fetching it got.
    pub linked_article: linked_article::LinkedArticle,
    /// Where the reader was in the linked article last time (top block,
    /// cursor), put back when it arrives.
    article_position: Option<(usize, usize)>,
    /// The arrangement the user chose, or None to follow the terminal width.
    chosen_arrangement: Option<Arrangement>,
    zoomed: bool,
    /// The search prompt's mode and this session's queries.
    searches: search::History,
    /// Where the jumps started, for `JumpBack` and `JumpForward`.
    jumps: jumps::JumpList,
    /// Ids for the bookmarks made in this session.
    ids: crate::bookmarks::IdSource,
    /// The next comment whose lazy body is converted when the reader is
    /// idle; None when there is nothing left to convert.
    convert_from: Option<usize>,
    /// Set while comments are still arriving (a large file read in parts).
    pub loading: Option<loading::Loading>,
    /// Why loading stopped early, shown in the status bar from then on.
    pub load_error: Option<String>,
}

/// Where the reader is, as far as jumping back is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spot {
    pub focus: Pane,
    pub article_cursor: usize,
    pub selected: Option<CommentId>,
}

impl App {
    pub fn new(document: Document, source_name: String, keymap: Keymap, area: Rect) -> App {
        let comments = CommentsView::new(&document);
        let doc_key = document.stable_key();
        let mut app = App {
            document,
            source_name,
            keymap,
            settings: ViewSettings::default(),
            theme: crate::config::theme::DARK,
            focus: Pane::Article,
            area,
            article: ArticleView::default(),
            comments,
            overlay: None,
            message: None,
            quit: false,
            to_library: false,
            reload: false,
            effects: Vec::new(),
            now: 0,
            zone: jiff::tz::TimeZone::UTC,
            doc_key,
            doc_path: None,
            bookmarks: Vec::new(),
            other_bookmarks: Vec::new(),
            open_other: None,
            marks: BookmarkMarks::default(),
            search: None,
            new_comments: Vec::new(),
            unread: Vec::new(),
            hyperlinks: false,
            mouse: true,
            code_scroll: Default::default(),
            sort_order: Default::default(),
            source_comments: None,
            typed: String::new(),
            wrapped: WrappedText::default(),
            revealed: HashSet::new(),
            linked_article: linked_article::LinkedArticle::None,
            article_position: None,
            chosen_arrangement: None,
            zoomed: false,
            searches: search::History::default(),
            jumps: Default::default(),
            ids: crate::bookmarks::IdSource::default(),
            convert_from: Some(0),
            loading: None,
            load_error: None,
        };
        // Comments alone: they have the focus from the start.
        if app.article_is_empty() {
            app.focus = Pane::Comments;
        }
        app
    }

    /// Takes the queued effects `pick` picks, leaving the others queued:
    /// the fetches, which the event loop starts apart from the rest.
    pub(crate) fn take_effects<T>(&mut self, pick: impl Fn(&Effect) -> Option<T>) -> Vec<T> {
        let mut taken = Vec::new();
        self.effects.retain(|effect| match pick(effect) {
            Some(value) => {
                taken.push(value);
                false
            }
            None => true,
        });
        taken
    }

    pub fn arrangement(&self) -> Arrangement {
        geometry::effective_mode(
            self.area.width,
            self.chosen_arrangement,
            self.settings.side_by_side_from,
        )
    }

    /// The pane shown alone: the one zoomed, or the article of a document
    /// without comments (a web page), which gets the whole screen.
    pub fn zoomed_pane(&self) -> Option<Pane> {
        if self.document.comments.is_empty() {
            return Some(Pane::Article);
        }
        self.zoomed.then_some(self.focus)
    }

    pub fn screen(&self) -> ScreenAreas {
        self.screen_with(self.zoomed_pane())
    }

    fn screen_with(&self, zoomed: Option<Pane>) -> ScreenAreas {
        geometry::screen_areas(
            self.area,
            self.arrangement(),
            zoomed,
            self.article_is_empty(),
        )
    }

    /// Whether the document is comments alone (an export of a comment, a
    /// Discourse topic without its first post): the article pane is then one
    /// line that says so, and the comments have the screen and the focus.
    pub fn article_is_empty(&self) -> bool {
        self.document.article.is_empty() && !self.document.comments.is_empty()
    }

    /// The article's lines as pane `pane` shows them.
    pub fn article_layout(&self, pane: Rect) -> std::rc::Rc<wrapped::WrappedArticle> {
        self.wrapped
            .article(&self.document, self.article_text_width(pane), &self.zone)
    }

    /// Columns of article text at the current size.
    pub fn article_text_width(&self, pane: Rect) -> usize {
        usize::from(pane.width.saturating_sub(ARTICLE_GUTTER + ARTICLE_MARGIN))
            .min(self.settings.reading_width)
            .max(1)
    }

    pub fn article_env<'a>(
        &self,
        layout: &'a wrapped::WrappedArticle,
        pane: Rect,
    ) -> ArticleEnv<'a> {
        ArticleEnv {
            layout,
            height: usize::from(pane.height).max(1),
            scrolloff: self.settings.scrolloff,
        }
    }

    /// Everything the comment pane needs to measure rows in `pane`.
    pub fn comments_env(&self, pane: Rect) -> CommentsEnv<'_> {
        comments_env(self.comments_parts(), &self.settings, pane)
    }

    /// What the comment pane's measures are made from, borrowed apart from
    /// the view so that the view can change while they are read.
    fn comments_parts(&self) -> CommentsParts<'_> {
        CommentsParts {
            document: &self.document,
            wrapped: &self.wrapped,
            revealed: &self.revealed,
        }
    }

    /// The comment pane's area, or where it would be if it is hidden by zoom.
    pub(crate) fn comment_pane(&self) -> Rect {
        let zoomed = self.zoomed.then_some(Pane::Comments);
        let screen = self.screen_with(zoomed);
        screen.comments.map(|p| p.body).unwrap_or_default()
    }

    pub(crate) fn article_pane(&self) -> Rect {
        let alone = self.zoomed || self.document.comments.is_empty();
        let zoomed = alone.then_some(Pane::Article);
        let screen = self.screen_with(zoomed);
        screen.article.map(|p| p.body).unwrap_or_default()
    }
}

/// The document, the line caches and the revealed warnings, for
/// [`comments_env`].
#[derive(Clone, Copy)]
struct CommentsParts<'a> {
    document: &'a Document,
    wrapped: &'a WrappedText,
    revealed: &'a HashSet<CommentId>,
}

fn comments_env<'a>(
    parts: CommentsParts<'a>,
    settings: &ViewSettings,
    pane: Rect,
) -> CommentsEnv<'a> {
    let width = usize::from(pane.width.saturating_sub(COMMENT_GUTTER));
    let CommentsParts {
        document,
        wrapped,
        revealed,
    } = parts;
    CommentsEnv {
        document,
        wrapped,
        revealed,
        width,
        height: usize::from(pane.height).max(1),
        reading_width: settings.reading_width,
        style: GuideStyle::for_width(
            width,
            MIN_COMMENT_TEXT,
            settings.max_indent_depth,
            settings.indent,
        ),
        scrolloff: settings.scrolloff,
    }
}

pub fn plural<'a>(count: usize, one: &'a str, many: &'a str) -> &'a str {
    if count == 1 { one } else { many }
}

#[cfg(test)]
mod tests;
