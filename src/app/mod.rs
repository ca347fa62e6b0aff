//! The reader's state and the one place it changes: `App::update`.
//!
//! Keys become [`Action`]s through the [`keymap`]; mouse and resize events
//! arrive as [`Message`]s too. `update` is a function of the state and the
//! message alone, so nearly all behaviour is tested without a terminal.
//! Rendering (in `ui`) only reads an `&App`.

pub mod article_view;
pub mod bookmarks;
pub mod comments_view;
pub mod geometry;
pub mod links;
pub mod new_comments;
pub mod search;
pub mod wrapped;

pub use crate::config::ViewSettings;
pub use crate::input::Action;

use ratatui::layout::Rect;

use crate::config::theme::Theme;
use crate::document::{CommentId, Document};
use crate::input::keymap::{Context, Keymap};
use crate::text::tree_guides::GuideStyle;
use article_view::{ArticleEnv, ArticleView};
use bookmarks::{BookmarkMarks, BookmarkPanel, NotePrompt};
pub use bookmarks::{Effect, PromptKey};
use comments_view::{CommentsEnv, CommentsView};
use geometry::{ARTICLE_GUTTER, ARTICLE_MARGIN, COMMENT_GUTTER, ScreenAreas};
use wrapped::WrappedText;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Article,
    Comments,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrangement {
    SideBySide,
    Stacked,
}

/// What can happen to the reader: an action, or an event that carries data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Action(Action),
    Resize {
        width: u16,
        height: u16,
    },
    Click {
        column: u16,
        row: u16,
    },
    Wheel {
        column: u16,
        row: u16,
        down: bool,
    },
    /// A key typed into the prompt (a bookmark note, a search).
    Prompt(PromptKey),
    /// An action typed after a count (`5j`): movements are repeated.
    Counted(usize, Action),
    /// Nothing happened for a moment: time for background work.
    Idle,
    /// Keys typed toward a count or a sequence, shown in the status bar.
    Typed(String),
    /// The bookmarks as the store has them now (after a save, or at start).
    BookmarksLoaded(Vec<crate::bookmarks::Bookmark>),
    /// Something about the store the user should hear (a failed save, a
    /// recovered file).
    StoreNotice(String),
}

impl From<Action> for Message {
    fn from(action: Action) -> Message {
        Message::Action(action)
    }
}

/// Comments whose bodies are converted per idle moment: about 3 ms of HTML.
const IDLE_CONVERSIONS: usize = 1_000;

/// A count past this is taken as this (`99999j` should not stall the reader).
const MAX_COUNT: usize = 100_000;

/// Comment text is never squeezed narrower than this by indentation.
const MIN_COMMENT_TEXT: usize = 24;

pub struct App {
    pub document: Document,
    /// How the input is named in the title bar and messages.
    pub source_name: String,
    pub keymap: Keymap,
    pub settings: ViewSettings,
    pub focus: Pane,
    /// The layout the user chose, or None to follow the terminal width.
    pub chosen_arrangement: Option<Arrangement>,
    pub zoomed: bool,
    /// The help overlay, with its scroll offset.
    pub help: Option<usize>,
    pub area: Rect,
    pub article: ArticleView,
    pub comments: CommentsView,
    /// A transient message for the status bar, cleared by the next key.
    pub message: Option<String>,
    pub quit: bool,
    pub wrapped: WrappedText,
    pub theme: Theme,
    /// The time ages are shown relative to, fixed at start so a screen does
    /// not change while it is being read.
    pub now: i64,
    /// The document's stable key, which bookmarks and positions are filed under.
    pub doc_key: String,
    /// The file the document came from, kept with new bookmarks for display.
    pub doc_path: Option<String>,
    /// This document's bookmarks, oldest first.
    pub bookmarks: Vec<crate::bookmarks::Bookmark>,
    pub marks: BookmarkMarks,
    pub panel: Option<BookmarkPanel>,
    pub links: Option<links::LinksOverlay>,
    pub prompt: Option<NotePrompt>,
    /// Store changes for the event loop to carry out.
    pub effects: Vec<Effect>,
    /// The last search and its matches, highlighted while it is kept.
    pub search: Option<search::Search>,
    /// Whether the search prompt opens in regex mode (as it was last used).
    pub regex_search: bool,
    /// Queries searched for in this session, oldest first, and which one
    /// the prompt shows while Up / Down walk them.
    pub search_history: Vec<String>,
    pub history_at: Option<usize>,
    /// Where the last jump started, for `JumpBack`.
    pub jump_origin: Option<Spot>,
    /// Comments new since the last visit and not yet read, in preorder.
    pub unread: Vec<CommentId>,
    /// The next comment whose lazy body is converted when the reader is
    /// idle; None when there is nothing left to convert.
    pub convert_from: Option<usize>,
    /// Keys typed toward a count or a sequence (`5`, `g`), as vim shows them.
    pub typed: String,
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
        App {
            document,
            source_name,
            keymap,
            settings: ViewSettings::default(),
            focus: Pane::Article,
            chosen_arrangement: None,
            zoomed: false,
            help: None,
            area,
            article: ArticleView::default(),
            comments,
            message: None,
            quit: false,
            wrapped: WrappedText::default(),
            theme: crate::config::theme::DARK,
            now: crate::age::now(),
            doc_key,
            doc_path: None,
            bookmarks: Vec::new(),
            marks: BookmarkMarks::default(),
            panel: None,
            links: None,
            prompt: None,
            effects: Vec::new(),
            search: None,
            regex_search: false,
            search_history: Vec::new(),
            history_at: None,
            jump_origin: None,
            unread: Vec::new(),
            convert_from: Some(0),
            typed: String::new(),
        }
    }

    pub fn arrangement(&self) -> Arrangement {
        geometry::effective_mode(
            self.area.width,
            self.chosen_arrangement,
            self.settings.side_by_side_from,
        )
    }

    pub fn screen(&self) -> ScreenAreas {
        let zoomed = self.zoomed.then_some(self.focus);
        geometry::screen_areas(self.area, self.arrangement(), zoomed)
    }

    /// The key contexts in force, most specific first.
    pub fn key_contexts(&self) -> Vec<Context> {
        if self.help.is_some() {
            return vec![Context::Help, Context::Global];
        }
        if self.panel.is_some() {
            return vec![Context::Bookmarks, Context::Global];
        }
        if self.links.is_some() {
            return vec![Context::Links, Context::Global];
        }
        let pane = match self.focus {
            Pane::Article => Context::Article,
            Pane::Comments => Context::Comments,
        };
        vec![pane, Context::Global]
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
        comments_env(&self.document, &self.wrapped, &self.settings, pane)
    }

    /// The comment pane's area, or where it would be if it is hidden by zoom.
    pub(crate) fn comment_pane(&self) -> Rect {
        let zoomed = self.zoomed.then_some(Pane::Comments);
        let screen = geometry::screen_areas(self.area, self.arrangement(), zoomed);
        screen.comments.map(|p| p.body).unwrap_or_default()
    }

    pub(crate) fn article_pane(&self) -> Rect {
        let zoomed = self.zoomed.then_some(Pane::Article);
        let screen = geometry::screen_areas(self.area, self.arrangement(), zoomed);
        screen.article.map(|p| p.body).unwrap_or_default()
    }

    pub fn update(&mut self, message: impl Into<Message>) {
        let message = message.into();
        if matches!(message, Message::Action(_) | Message::Prompt(_)) {
            self.message = None;
        }
        match message {
            Message::Action(action) => self.apply(action),
            // One jump back returns from the whole counted move.
            Message::Counted(count, action) => self.moving(action.is_jump(), |app| {
                if matches!(action, Action::Top | Action::Bottom) {
                    // As vim's 5G: the count is where to go, not how often.
                    app.go_to_number(count);
                } else if action.takes_count() {
                    for _ in 0..count.clamp(1, MAX_COUNT) {
                        app.apply_action(action);
                    }
                } else {
                    app.apply_action(action);
                }
            }),
            Message::Prompt(key) => self.prompt_key(key),
            Message::BookmarksLoaded(bookmarks) => self.set_bookmarks(bookmarks),
            Message::StoreNotice(notice) => self.message = Some(notice),
            Message::Resize { width, height } => {
                // Visual selections are kept in lines, which a new width re-wraps.
                if (width, height) != (self.area.width, self.area.height) {
                    self.article.visual = None;
                    self.comments.visual = None;
                }
                self.area = Rect::new(0, 0, width, height);
                self.after_resize();
            }
            Message::Click { column, row } => self.click(column, row),
            Message::Typed(typed) => self.typed = typed,
            Message::Idle => {
                if let Some(from) = self.convert_from {
                    self.convert_from = self
                        .document
                        .comments
                        .convert_bodies(from, IDLE_CONVERSIONS);
                }
            }
            Message::Wheel { column, row, down } => {
                let lines = self.settings.wheel_lines as isize * if down { 1 } else { -1 };
                match self.pane_at(column, row) {
                    Some((Pane::Article, _)) => self.with_article(|v, env| v.scroll(env, lines)),
                    Some((Pane::Comments, _)) => self.with_comments(|v, env| v.scroll(env, lines)),
                    None => {}
                }
            }
        }
        self.mark_read();
    }

    /// The pane whose text is at a screen cell, and the cell's row within it.
    fn pane_at(&self, column: u16, row: u16) -> Option<(Pane, Rect)> {
        let screen = self.screen();
        let hit = |rect: Rect| rect.contains(ratatui::layout::Position::new(column, row));
        if let Some(article) = screen.article.filter(|p| hit(p.body)) {
            return Some((Pane::Article, article.body));
        }
        if let Some(comments) = screen.comments.filter(|p| hit(p.body)) {
            return Some((Pane::Comments, comments.body));
        }
        None
    }

    fn click(&mut self, column: u16, row: u16) {
        if self.help.is_some()
            || self.panel.is_some()
            || self.links.is_some()
            || self.prompt.is_some()
        {
            return;
        }
        match self.pane_at(column, row) {
            Some((Pane::Article, pane)) => {
                self.focus = Pane::Article;
                let y = usize::from(row - pane.y);
                self.with_article(|view, env| view.place_cursor_at(env, y));
            }
            Some((Pane::Comments, pane)) => {
                self.focus = Pane::Comments;
                let y = usize::from(row - pane.y);
                let x = usize::from(column - pane.x);
                let env = self.comments_env(pane);
                let Some(pos) = self.comments.line_at(&env, y) else {
                    return;
                };
                let on_marker = pos.line == 0 && {
                    let marker = env.fold_marker_columns(pos.id);
                    marker.contains(&x.saturating_sub(usize::from(COMMENT_GUTTER)))
                };
                self.comments.selected = Some(pos.id);
                if on_marker {
                    self.toggle_fold(pos.id);
                }
            }
            None => {}
        }
    }

    fn with_article(&mut self, change: impl FnOnce(&mut ArticleView, &ArticleEnv)) {
        let pane = self.article_pane();
        let layout = self
            .wrapped
            .article(&self.document, self.article_text_width(pane));
        let env = self.article_env(&layout, pane);
        change(&mut self.article, &env);
    }

    fn with_comments(&mut self, change: impl FnOnce(&mut CommentsView, &CommentsEnv)) {
        let pane = self.comment_pane();
        // The environment borrows the document and caches; the view is a
        // separate field, so it can change while they are read.
        let env = comments_env(&self.document, &self.wrapped, &self.settings, pane);
        change(&mut self.comments, &env);
    }

    fn page_lines(&self, pane: Pane) -> usize {
        let rect = match pane {
            Pane::Article => self.article_pane(),
            Pane::Comments => self.comment_pane(),
        };
        usize::from(rect.height).max(1)
    }

    /// Goes to visible comment `number` (from 1) in the comment pane, or to
    /// paragraph `number` in the article; past the end, to the last.
    fn go_to_number(&mut self, number: usize) {
        if self.help.is_some() || self.panel.is_some() || self.links.is_some() {
            return;
        }
        let index = number.max(1) - 1;
        match self.focus {
            Pane::Comments => {
                let visible = self.comments.outline.visible();
                if let Some(&id) = visible.get(index).or(visible.last()) {
                    self.with_comments(|view, env| view.select(env, id));
                }
            }
            Pane::Article => {
                let last = self.document.article.len().saturating_sub(1);
                self.show_article_block(index.min(last));
            }
        }
    }

    /// Whether the reader has background work for idle moments.
    pub fn has_idle_work(&self) -> bool {
        self.convert_from.is_some()
    }

    /// Where the reader is now.
    pub fn spot(&self) -> Spot {
        Spot {
            focus: self.focus,
            article_cursor: self.article.cursor,
            selected: self.comments.selected,
        }
    }

    fn go_to_spot(&mut self, spot: Spot) {
        self.show_article_block(spot.article_cursor);
        if let Some(id) = spot.selected {
            self.show_comment(id);
        }
        self.focus = spot.focus;
    }

    /// Puts the passage cursor on an article block, in view, focusing the article.
    pub(crate) fn show_article_block(&mut self, block: usize) {
        self.focus = Pane::Article;
        self.with_article(|view, env| {
            view.cursor = block;
            view.reveal_cursor(env);
        });
    }

    /// Selects a comment, unfolding its ancestors and scrolling it into
    /// view, focusing the comments.
    pub(crate) fn show_comment(&mut self, id: CommentId) {
        self.focus = Pane::Comments;
        self.with_comments(|view, env| view.select(env, id));
    }

    fn apply(&mut self, action: Action) {
        self.moving(action.is_jump(), |app| app.apply_action(action));
    }

    /// Runs `change`; when it is a `jump` and moved the reader, `JumpBack`
    /// returns to where it started.
    pub(super) fn moving(&mut self, jump: bool, change: impl FnOnce(&mut App)) {
        let origin = self.spot();
        change(self);
        if jump && self.spot() != origin {
            self.jump_origin = Some(origin);
        }
    }

    fn apply_action(&mut self, action: Action) {
        use Action::*;
        // Whatever is open: these act on the terminal, not on the screen.
        match action {
            Suspend => return self.effects.push(Effect::Suspend),
            Redraw => return self.effects.push(Effect::Redraw),
            _ => {}
        }
        if self.help.is_some() {
            self.apply_in_help(action);
            return;
        }
        if self.panel.is_some() {
            self.apply_in_panel(action);
            return;
        }
        if self.links.is_some() {
            self.apply_in_links(action);
            return;
        }
        match action {
            Quit => self.quit(),
            Bookmark | ShowBookmarks | NextBookmark | PreviousBookmark => {
                self.apply_bookmark_action(action);
            }
            ShowLinks => self.show_links(),
            Help => self.help = Some(0),
            Search => self.start_search(),
            SearchNext => self.go_to_match(true),
            SearchPrevious => self.go_to_match(false),
            NextNew => self.go_to_new(true),
            PreviousNew => self.go_to_new(false),
            JumpBack => match self.jump_origin.take() {
                Some(origin) => {
                    let here = self.spot();
                    self.go_to_spot(origin);
                    self.jump_origin = Some(here);
                }
                None => self.message = Some("No jump to go back from".to_string()),
            },
            // Esc with nothing open ends a visual selection, else the
            // search's highlighting.
            CloseOverlay => {
                if self.article.visual.is_none() && self.comments.visual.is_none() {
                    self.search = None;
                }
                self.article.visual = None;
                self.comments.visual = None;
            }
            FocusNext => {
                self.article.visual = None;
                self.comments.visual = None;
                self.focus = match self.focus {
                    Pane::Article => Pane::Comments,
                    Pane::Comments => Pane::Article,
                };
                if self.focus == Pane::Comments && self.document.comments.is_empty() {
                    self.focus = Pane::Article;
                    self.message = Some("This document has no comments".to_string());
                }
            }
            ToggleLayout => {
                self.chosen_arrangement = Some(match self.arrangement() {
                    Arrangement::SideBySide => Arrangement::Stacked,
                    Arrangement::Stacked => Arrangement::SideBySide,
                });
                self.zoomed = false;
                self.after_resize();
            }
            ToggleZoom => {
                self.zoomed = !self.zoomed;
                self.after_resize();
            }
            _ => match self.focus {
                Pane::Article => self.apply_to_article(action),
                Pane::Comments => self.apply_to_comments(action),
            },
        }
    }

    /// After the panes changed size: keep the selection and the passage
    /// cursor in view.
    fn after_resize(&mut self) {
        self.with_comments(|view, env| {
            view.after_rewrap(env);
            view.reveal_selection(env);
        });
        self.with_article(|view, env| view.reveal_cursor(env));
    }

    fn apply_in_help(&mut self, action: Action) {
        let help = self.help.get_or_insert(0);
        match action {
            Action::Quit => self.quit(),
            Action::CloseOverlay | Action::Help => self.help = None,
            Action::ScrollDown => *help += 1,
            Action::ScrollUp => *help = help.saturating_sub(1),
            Action::PageDown => *help += 10,
            Action::PageUp => *help = help.saturating_sub(10),
            _ => {}
        }
    }

    fn apply_to_article(&mut self, action: Action) {
        use Action::*;
        use article_view::VisualStep;
        let page = self.page_lines(Pane::Article) as isize;
        if self.article.visual.is_some() {
            let step = match action {
                ScrollDown => Some(VisualStep::Lines(1)),
                ScrollUp => Some(VisualStep::Lines(-1)),
                HalfPageDown => Some(VisualStep::Lines(page / 2)),
                HalfPageUp => Some(VisualStep::Lines(-page / 2)),
                NextParagraph => Some(VisualStep::NextParagraph),
                PreviousParagraph => Some(VisualStep::PreviousParagraph),
                _ => None,
            };
            if let Some(step) = step {
                self.with_article(|view, env| view.extend_visual(env, step));
                return;
            }
        }
        self.with_article(|view, env| match action {
            VisualSelect if view.visual.is_some() => view.visual = None,
            VisualSelect => view.start_visual(env),
            ScrollDown => view.scroll(env, 1),
            ScrollUp => view.scroll(env, -1),
            HalfPageDown => view.scroll(env, page / 2),
            HalfPageUp => view.scroll(env, -page / 2),
            PageDown => view.scroll(env, page),
            PageUp => view.scroll(env, -page),
            Top => view.to_top(env),
            Bottom => view.to_bottom(env),
            NextParagraph => view.move_cursor(env, 1),
            PreviousParagraph => view.move_cursor(env, -1),
            _ => {}
        });
    }

    fn apply_to_comments(&mut self, action: Action) {
        use Action::*;
        use article_view::VisualStep;
        let Some(selected) = self.comments.selected else {
            return;
        };
        if self.comments.visual.is_some() {
            let step = match action {
                NextComment | ScrollDown => Some(VisualStep::Lines(1)),
                PreviousComment | ScrollUp => Some(VisualStep::Lines(-1)),
                NextThread => Some(VisualStep::NextParagraph),
                PreviousThread => Some(VisualStep::PreviousParagraph),
                _ => None,
            };
            if let Some(step) = step {
                self.with_comments(|view, env| view.extend_visual(env, step));
                return;
            }
        }
        if action == VisualSelect {
            self.with_comments(|view, env| {
                if view.visual.is_some() {
                    view.visual = None;
                } else {
                    view.start_visual(env);
                }
            });
            return;
        }
        let comments = &self.document.comments;
        let visible = self.comments.outline.visible();
        let row = self.comments.outline.row_of(selected).unwrap_or(0);
        let page = self.page_lines(Pane::Comments) as isize;
        let target: Option<CommentId> = match action {
            NextComment => visible.get(row + 1).copied(),
            PreviousComment => row.checked_sub(1).map(|r| visible[r]),
            NextSibling => comments.next_sibling(selected),
            PreviousSibling => comments.previous_sibling(selected),
            Parent => comments.get(selected).parent,
            ThreadRoot => Some(comments.thread_root(selected)),
            NextThread => comments.next_sibling(comments.thread_root(selected)),
            PreviousThread => {
                let root = comments.thread_root(selected);
                // From inside a thread, go to its top first, as `{` in vim.
                if root != selected {
                    Some(root)
                } else {
                    comments.previous_sibling(root)
                }
            }
            Top => visible.first().copied(),
            Bottom => visible.last().copied(),
            _ => None,
        };
        if let Some(target) = target {
            self.with_comments(|view, env| view.select(env, target));
            return;
        }
        match action {
            ScrollDown => self.with_comments(|v, env| v.scroll(env, 1)),
            ScrollUp => self.with_comments(|v, env| v.scroll(env, -1)),
            HalfPageDown => self.with_comments(|v, env| v.scroll(env, page / 2)),
            HalfPageUp => self.with_comments(|v, env| v.scroll(env, -page / 2)),
            PageDown => self.with_comments(|v, env| v.scroll(env, page)),
            PageUp => self.with_comments(|v, env| v.scroll(env, -page)),
            ToggleFold => self.toggle_fold(selected),
            FoldOrParent => {
                let has_replies = comments.get(selected).has_replies();
                if has_replies && !self.comments.outline.is_folded(selected) {
                    self.set_folded(selected, true);
                } else if let Some(parent) = comments.get(selected).parent {
                    self.with_comments(|view, env| view.select(env, parent));
                }
            }
            UnfoldOrChild => {
                if self.comments.outline.is_folded(selected) {
                    self.set_folded(selected, false);
                } else if let Some(child) = comments.first_reply(selected) {
                    self.with_comments(|view, env| view.select(env, child));
                }
            }
            FoldAll => self.fold_from_depth(Some(0)),
            UnfoldAll => self.fold_from_depth(None),
            FoldThread => {
                let root = comments.thread_root(selected);
                self.comments.selected = Some(root);
                self.set_folded(root, true);
            }
            other => {
                if let Some(levels) = other.fold_below_levels() {
                    self.fold_from_depth(Some(levels - 1));
                }
            }
        }
    }

    fn toggle_fold(&mut self, id: CommentId) {
        let folded = self.comments.outline.is_folded(id);
        self.set_folded(id, !folded);
    }

    fn set_folded(&mut self, id: CommentId, folded: bool) {
        let comment = self.document.comments.get(id);
        if !comment.has_replies() {
            self.message = Some("No replies to fold".to_string());
            return;
        }
        let hidden = self.document.comments.descendant_count(id);
        self.comments
            .outline
            .set_folded(&self.document.comments, id, folded);
        self.message = Some(if folded {
            format!("Folded {hidden} {}", plural(hidden, "reply", "replies"))
        } else {
            format!("Unfolded {hidden} {}", plural(hidden, "reply", "replies"))
        });
        self.with_comments(|view, env| view.after_folding(env));
    }

    fn fold_from_depth(&mut self, depth: Option<u32>) {
        self.comments
            .outline
            .fold_from_depth(&self.document.comments, depth);
        self.with_comments(|view, env| view.after_folding(env));
    }
}

fn comments_env<'a>(
    document: &'a Document,
    wrapped: &'a WrappedText,
    settings: &ViewSettings,
    pane: Rect,
) -> CommentsEnv<'a> {
    let width = usize::from(pane.width.saturating_sub(COMMENT_GUTTER));
    CommentsEnv {
        document,
        wrapped,
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
