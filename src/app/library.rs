//! The library screen's state: the documents read recently, newest first,
//! one selected; a filter typed after `/`; a document forgotten with `d`
//! and brought back with `u` while the list is open. Its one `update`
//! takes a key and says what the event loop must do.

/// A document of the library as the screen shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryItem {
    /// The library's key for it.
    pub key: String,
    pub title: String,
    /// The address or path that opens it again ("<demo>" for the demo).
    pub source: String,
    pub site: String,
    pub comments: usize,
    pub bookmarks: usize,
    /// Unix seconds it was last read; None for the demo on a first run.
    pub read_at: Option<i64>,
}

/// The keys the library screen knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LibraryKey {
    Char(char),
    Up,
    Down,
    Home,
    End,
    PageUp,
    PageDown,
    Enter,
    Esc,
    Backspace,
    /// Ctrl-C.
    Interrupt,
}

/// What the event loop must do after a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LibraryEffect {
    Open(LibraryItem),
    /// Forget the document (its kept copy too), remembering it for undo.
    Forget(LibraryItem),
    /// Bring back what was forgotten.
    Restore(LibraryItem),
    Quit,
}

#[derive(Debug, Clone, Default)]
pub struct LibraryScreen {
    items: Vec<LibraryItem>,
    /// Index into [`visible`](Self::visible).
    pub selected: usize,
    /// The first visible row on screen.
    pub top: usize,
    pub filter: String,
    /// Typing into the filter.
    pub filtering: bool,
    /// Forgotten while the list is open, newest last, with where each was.
    forgotten: Vec<(usize, LibraryItem)>,
    /// What the status bar says until the next key.
    pub message: Option<String>,
    /// Rows of documents the screen has room for.
    pub rows: usize,
}

impl LibraryScreen {
    pub fn new(items: Vec<LibraryItem>) -> LibraryScreen {
        LibraryScreen {
            items,
            rows: 10,
            ..LibraryScreen::default()
        }
    }

    /// The documents the filter lets through, in order.
    pub fn visible(&self) -> Vec<&LibraryItem> {
        let filter = self.filter.to_lowercase();
        self.items
            .iter()
            .filter(|item| {
                filter.is_empty()
                    || [&item.title, &item.source, &item.site]
                        .iter()
                        .any(|field| field.to_lowercase().contains(&filter))
            })
            .collect()
    }

    pub fn selected_item(&self) -> Option<&LibraryItem> {
        self.visible().get(self.selected).copied()
    }

    pub fn update(&mut self, key: LibraryKey) -> Option<LibraryEffect> {
        self.message = None;
        if self.filtering {
            self.type_filter(key);
            return None;
        }
        let count = self.visible().len();
        let last = count.saturating_sub(1);
        match key {
            LibraryKey::Char('q') | LibraryKey::Interrupt => return Some(LibraryEffect::Quit),
            LibraryKey::Esc if !self.filter.is_empty() => self.set_filter(String::new()),
            LibraryKey::Esc => return Some(LibraryEffect::Quit),
            LibraryKey::Char('j') | LibraryKey::Down => {
                self.selected = (self.selected + 1).min(last)
            }
            LibraryKey::Char('k') | LibraryKey::Up => {
                self.selected = self.selected.saturating_sub(1)
            }
            LibraryKey::Char('g') | LibraryKey::Home => self.selected = 0,
            LibraryKey::Char('G') | LibraryKey::End => self.selected = last,
            LibraryKey::PageDown => self.selected = (self.selected + self.rows).min(last),
            LibraryKey::PageUp => self.selected = self.selected.saturating_sub(self.rows),
            LibraryKey::Char('/') => self.filtering = true,
            LibraryKey::Enter | LibraryKey::Char('l') => {
                return self.selected_item().cloned().map(LibraryEffect::Open);
            }
            LibraryKey::Char('d') => return self.forget(),
            LibraryKey::Char('u') => return self.undo(),
            _ => {}
        }
        self.keep_selection_on_screen();
        None
    }

    fn type_filter(&mut self, key: LibraryKey) {
        match key {
            LibraryKey::Char(c) => {
                let mut filter = self.filter.clone();
                filter.push(c);
                self.set_filter(filter);
            }
            LibraryKey::Backspace => {
                let mut filter = self.filter.clone();
                filter.pop();
                self.set_filter(filter);
            }
            LibraryKey::Enter => self.filtering = false,
            LibraryKey::Esc | LibraryKey::Interrupt => {
                self.filtering = false;
                self.set_filter(String::new());
            }
            _ => {}
        }
    }

    fn set_filter(&mut self, filter: String) {
        self.filter = filter;
        self.selected = 0;
        self.top = 0;
    }

    fn forget(&mut self) -> Option<LibraryEffect> {
        let item = self.selected_item()?.clone();
        let index = self.items.iter().position(|i| i.key == item.key)?;
        self.items.remove(index);
        self.forgotten.push((index, item.clone()));
        self.selected = self.selected.min(self.visible().len().saturating_sub(1));
        self.keep_selection_on_screen();
        self.message = Some(format!("Forgot {} · u brings it back", item.title));
        Some(LibraryEffect::Forget(item))
    }

    fn undo(&mut self) -> Option<LibraryEffect> {
        let Some((index, item)) = self.forgotten.pop() else {
            self.message = Some("Nothing to bring back".to_string());
            return None;
        };
        self.items.insert(index.min(self.items.len()), item.clone());
        if let Some(at) = self.visible().iter().position(|i| i.key == item.key) {
            self.selected = at;
        }
        self.keep_selection_on_screen();
        self.message = Some(format!("Brought back {}", item.title));
        Some(LibraryEffect::Restore(item))
    }

    fn keep_selection_on_screen(&mut self) {
        let rows = self.rows.max(1);
        if self.selected < self.top {
            self.top = self.selected;
        } else if self.selected >= self.top + rows {
            self.top = self.selected + 1 - rows;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(key: &str, title: &str, site: &str) -> LibraryItem {
        LibraryItem {
            key: key.into(),
            title: title.into(),
            source: format!("https://{site}/{key}"),
            site: site.into(),
            comments: 3,
            bookmarks: 0,
            read_at: Some(0),
        }
    }

    fn screen() -> LibraryScreen {
        LibraryScreen::new(vec![
            item("a", "Ferries are back", "news.ycombinator.com"),
            item("b", "Rust 2.0 plans", "lobste.rs"),
            item("c", "Ferry timetables", "reddit.com"),
        ])
    }

    fn titles(screen: &LibraryScreen) -> Vec<&str> {
        screen.visible().iter().map(|i| i.title.as_str()).collect()
    }

    #[test]
    fn moving_and_opening() {
        let mut screen = screen();
        assert_eq!(screen.update(LibraryKey::Char('j')), None);
        assert_eq!(screen.update(LibraryKey::Char('j')), None);
        assert_eq!(screen.update(LibraryKey::Down), None);
        assert_eq!(screen.selected, 2);
        screen.update(LibraryKey::Char('g'));
        match screen.update(LibraryKey::Enter) {
            Some(LibraryEffect::Open(item)) => assert_eq!(item.key, "a"),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            screen.update(LibraryKey::Char('q')),
            Some(LibraryEffect::Quit)
        );
    }

    #[test]
    fn a_filter_narrows_by_title_site_or_address_and_esc_clears_it() {
        let mut screen = screen();
        for key in [
            LibraryKey::Char('/'),
            LibraryKey::Char('F'),
            LibraryKey::Char('e'),
        ] {
            screen.update(key);
        }
        assert_eq!(titles(&screen), ["Ferries are back", "Ferry timetables"]);
        screen.update(LibraryKey::Enter);
        assert!(!screen.filtering);
        screen.update(LibraryKey::Down);
        match screen.update(LibraryKey::Enter) {
            Some(LibraryEffect::Open(item)) => assert_eq!(item.key, "c"),
            other => panic!("{other:?}"),
        }
        screen.update(LibraryKey::Esc);
        assert_eq!(titles(&screen).len(), 3);
        // With no filter, Esc leaves.
        assert_eq!(screen.update(LibraryKey::Esc), Some(LibraryEffect::Quit));
    }

    #[test]
    fn forgetting_and_bringing_back() {
        let mut screen = screen();
        screen.update(LibraryKey::Down);
        match screen.update(LibraryKey::Char('d')) {
            Some(LibraryEffect::Forget(item)) => assert_eq!(item.key, "b"),
            other => panic!("{other:?}"),
        }
        assert_eq!(titles(&screen), ["Ferries are back", "Ferry timetables"]);
        assert!(
            screen
                .message
                .as_deref()
                .unwrap()
                .contains("u brings it back")
        );
        match screen.update(LibraryKey::Char('u')) {
            Some(LibraryEffect::Restore(item)) => assert_eq!(item.key, "b"),
            other => panic!("{other:?}"),
        }
        assert_eq!(titles(&screen)[1], "Rust 2.0 plans");
        assert_eq!(screen.selected, 1);
        assert_eq!(screen.update(LibraryKey::Char('u')), None);
        assert_eq!(screen.message.as_deref(), Some("Nothing to bring back"));
    }
}
