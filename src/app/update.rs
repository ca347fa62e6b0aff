//! `App::update`: the one place the reader's state changes. Each message is
//! handed to the concern it belongs to; what must touch the world outside is
//! queued as an [`Effect`](super::Effect).

use super::message::{Message, Opened};
use super::overlay::Overlay;
use super::{Action, App, Effect, Pane, sort};

/// Comments whose bodies are converted per idle moment: about 3 ms of HTML.
const IDLE_CONVERSIONS: usize = 1_000;

/// A count past this is taken as this (`99999j` should not stall the reader).
const MAX_COUNT: usize = 100_000;

impl App {
    pub fn update(&mut self, message: impl Into<Message>) {
        let message = message.into();
        if matches!(message, Message::Action(_) | Message::Prompt(_)) {
            self.message = None;
        }
        match message {
            Message::Action(action) => self.apply(action),
            Message::Counted(count, action) => self.apply_counted(count, action),
            Message::OpenLink(number) => self.open_link(number.saturating_sub(1)),
            Message::Prompt(key) => self.prompt_key(key),
            Message::BookmarksLoaded(bookmarks) => self.set_bookmarks(bookmarks),
            Message::Opened(opened) => self.opened(*opened),
            Message::StoreNotice(notice) => self.message = Some(notice),
            Message::Refreshed(document) => self.replace_document(*document),
            Message::RepliesFailed(why) => {
                self.message = Some(format!("Replies not fetched: {why}"))
            }
            Message::RefreshFailed(why) => {
                self.message = Some(format!("Not refreshed: {why}; this is the kept copy"));
            }
            Message::ArticleFetched { address, page } => self.article_fetched(address, page),
            Message::ArticleFailed { address, why } => self.article_failed(address, why),
            Message::Resize { width, height } => self.resize(width, height),
            Message::Click { column, row } => self.click(column, row),
            Message::Wheel { column, row, down } => self.wheel(column, row, down),
            Message::Typed(typed) => self.typed = typed,
            Message::Arrived { comments, parsed } => self.comments_arrived(comments, parsed),
            Message::Loaded(finished) => self.finished_loading(*finished),
            Message::LoadFailed(why) => self.load_failed(why),
            Message::SeenLoaded(seen) => self.seen_arrived(seen),
            Message::Idle => {
                if let Some(from) = self.convert_from {
                    self.convert_from = self
                        .document
                        .comments
                        .convert_bodies(from, IDLE_CONVERSIONS);
                }
            }
        }
        self.mark_read();
    }

    /// The document opened: the clock and the saved state arrive.
    fn opened(&mut self, opened: Opened) {
        self.now = opened.now;
        self.zone = opened.zone;
        // The story header's date was laid out in the zone before.
        self.wrapped.forget_article();
        self.ids = crate::bookmarks::IdSource::new(opened.id_seed);
        self.set_bookmarks(opened.bookmarks);
        if let Some(position) = &opened.position {
            // The order first: the place is in the order it was left in.
            // Sorting needs every comment: while they arrive, it waits.
            let order = position
                .sort
                .as_deref()
                .and_then(sort::SiblingOrder::from_name);
            if !self.is_loading() {
                self.sort_comments(order.unwrap_or_default());
            }
            self.restore(position);
        }
        if let Some(offer) = opened.article {
            self.offer_article(offer, opened.position.as_ref());
        }
        self.set_seen(opened.seen.as_ref());
        self.wait_for_comments(opened.position.as_ref(), opened.seen.as_ref());
        if let Some(notice) = opened.notice {
            self.message = Some(notice);
        }
        if let Some(key) = &opened.focus {
            match self.document.comments.find_by_key(key) {
                Some(id) => self.show_comment(id),
                None => {
                    self.message =
                        Some("The comment the address points at is not in this thread".into());
                }
            }
        }
    }

    /// Whether the reader has background work for idle moments.
    pub fn has_idle_work(&self) -> bool {
        self.convert_from.is_some()
    }

    fn apply(&mut self, action: Action) {
        let selected = self.comments.selected;
        self.moving(action.is_jump(), |app| app.apply_action(action));
        if self.is_loading() {
            let moved = self.comments.selected != selected;
            self.acted_while_loading(action, moved);
        }
    }

    /// An action typed after a count. One jump back returns from the whole
    /// counted move.
    fn apply_counted(&mut self, count: usize, action: Action) {
        self.moving(action.is_jump(), |app| {
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
        });
    }

    /// Runs `change`; when it is a `jump` and moved the reader, `JumpBack`
    /// returns to where it started.
    pub(super) fn moving(&mut self, jump: bool, change: impl FnOnce(&mut App)) {
        let origin = self.spot();
        change(self);
        if jump && self.spot() != origin {
            self.jumps.record(origin);
        }
    }

    fn apply_action(&mut self, action: Action) {
        use Action::*;
        // Whatever is open: these end the session or act on the terminal.
        match action {
            Quit => return self.quit(),
            Library => {
                self.to_library = true;
                return self.quit();
            }
            // Leaving saves where the reader is and what it has seen, which
            // the document opened again comes back to, its new comments marked.
            Reload => {
                self.reload = true;
                return self.quit();
            }
            Suspend => return self.effects.push(Effect::Suspend),
            Redraw => return self.effects.push(Effect::Redraw),
            _ => {}
        }
        if self.apply_in_overlay(action) {
            return;
        }
        match action {
            Bookmark | ShowBookmarks | NextBookmark | PreviousBookmark => {
                self.apply_bookmark_action(action);
            }
            ShowLinks => self.show_links(),
            SortComments => self.cycle_sort(),
            OpenInBrowser | CopyText | PipeText | PageText => self.apply_outside(action),
            FetchArticle => self.fetch_article(),
            Help => self.overlay = Some(Overlay::Help(Default::default())),
            Search => self.start_search(),
            SearchNext => self.go_to_match(true),
            SearchPrevious => self.go_to_match(false),
            NextNew => self.go_to_new(true),
            PreviousNew => self.go_to_new(false),
            JumpBack | JumpForward | JumpToggle => self.walk_jumps(action),
            // Esc with nothing open ends a visual selection, else the
            // search's highlighting.
            CloseOverlay => {
                if self.article.visual.is_none() && self.comments.visual.is_none() {
                    self.search = None;
                }
                self.article.visual = None;
                self.comments.visual = None;
            }
            FocusNext => self.focus_next(),
            ToggleMouse => self.toggle_mouse(),
            ScrollCodeLeft | ScrollCodeRight => self.scroll_code(action),
            ToggleLayout | ToggleZoom => self.rearrange(action),
            _ => match self.focus {
                Pane::Article => self.apply_to_article(action),
                Pane::Comments => self.apply_to_comments(action),
            },
        }
    }
}
