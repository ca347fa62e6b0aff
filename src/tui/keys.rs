//! Keys on their way to the app: a count (`5` of `5j`) and the keys of a
//! longer binding (`g` of `g g`) wait here, the prompt's editing keys are
//! told apart, and every terminal event becomes the messages it means.

use std::time::{Duration, Instant};

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

use crate::app::{Action, App, Message, PromptKey};
use crate::input::keymap::{KeyPress, Lookup};

/// How long a count waits for its key before a digit that has a binding of
/// its own (the fold levels) runs that instead, as vim's `timeoutlen`.
pub const COUNT_TIMEOUT: Duration = Duration::from_millis(1000);

/// Keys typed so far: a count (`5` of `5j`) and keys that begin a longer
/// binding (`g` of `g g`).
#[derive(Debug, Default)]
pub struct PendingKeys {
    keys: Vec<KeyPress>,
    /// The digits of the count as typed, and when the last one was.
    digits: Vec<KeyPress>,
    since: Option<Instant>,
    /// What the keys so far mean on their own, when a longer sequence
    /// they begin keeps them waiting.
    alone: Option<Action>,
}

impl PendingKeys {
    /// Feeds one key press; returns what it completes, if anything.
    pub fn feed(&mut self, app: &App, key: KeyPress) -> Vec<Message> {
        self.feed_at(app, key, Instant::now())
    }

    pub fn feed_at(&mut self, app: &App, key: KeyPress, now: Instant) -> Vec<Message> {
        if let Some(messages) = self.link_number(app, key, now) {
            return messages;
        }
        // Digits start or extend a count, except in the link list where
        // they open links at once.
        if self.keys.is_empty()
            && app.links_overlay().is_none()
            && let Some(digit) = key.digit()
            && (digit > 0 || !self.digits.is_empty())
        {
            self.digits.push(key);
            self.since = Some(now);
            return Vec::new();
        }
        if !self.digits.is_empty() && key.is_esc() {
            self.clear_count();
            return Vec::new();
        }
        self.keys.push(key);
        let alone_before = self.alone.take();
        let contexts = app.key_contexts();
        match app.keymap.lookup(&contexts, &self.keys) {
            Lookup::Action(action) => self.complete(app, action),
            Lookup::Pending { alone } => {
                self.alone = alone;
                if alone.is_some() {
                    self.since = Some(now);
                }
                Vec::new()
            }
            Lookup::Unbound => {
                // A sequence that went nowhere: the keys before the last run
                // what they mean alone, if anything, and the last key is
                // tried on its own.
                let retry = self.keys.len() > 1;
                self.keys.clear();
                if retry {
                    let mut messages = match alone_before {
                        Some(action) => self.complete(app, action),
                        None => Vec::new(),
                    };
                    messages.extend(self.feed_at(app, key, now));
                    messages
                } else {
                    self.clear_count();
                    Vec::new()
                }
            }
        }
    }

    /// The keys typed make `action`: with the count before them, if any.
    fn complete(&mut self, app: &App, action: Action) -> Vec<Message> {
        self.keys.clear();
        self.alone = None;
        let mut messages = Vec::new();
        match self.count() {
            Some(count) if action.takes_count() => {
                messages.push(Message::Counted(count, action));
            }
            Some(_) => {
                messages.extend(self.digit_binding(app));
                messages.push(Message::Action(action));
            }
            None => messages.push(Message::Action(action)),
        }
        self.clear_count();
        messages
    }

    /// In a link list of more than nine links, digits make a link's
    /// number: the first waits for a second one (or Enter, or the count's
    /// timeout) unless no longer number could follow it.
    fn link_number(&mut self, app: &App, key: KeyPress, now: Instant) -> Option<Vec<Message>> {
        let count = app.links_overlay()?.links.len();
        if count <= 9 {
            return None;
        }
        if key
            .digit()
            .is_some_and(|d| d > 0 || !self.digits.is_empty())
        {
            self.digits.push(key);
            self.since = Some(now);
            let number = self.count().unwrap_or(0);
            if number * 10 > count || self.digits.len() >= 2 {
                self.clear_count();
                return Some(vec![Message::OpenLink(number)]);
            }
            return Some(Vec::new());
        }
        let typed = self.count()?;
        if matches!(
            app.keymap.lookup(&app.key_contexts(), &[key]),
            Lookup::Action(Action::OpenSelected)
        ) {
            self.clear_count();
            return Some(vec![Message::OpenLink(typed)]);
        }
        None
    }

    /// When keys have waited long enough: keys that mean something on
    /// their own run it; else a lone digit with a binding of its own runs
    /// that; any other count is dropped.
    pub fn expire(&mut self, app: &App, now: Instant) -> Vec<Message> {
        match self.since {
            Some(since) if now.duration_since(since) >= COUNT_TIMEOUT => {
                if let Some(action) = self.alone.take() {
                    return self.complete(app, action);
                }
                if app.links_overlay().is_some_and(|l| l.links.len() > 9)
                    && let Some(number) = self.count()
                {
                    self.clear_count();
                    return vec![Message::OpenLink(number)];
                }
                let messages = self.digit_binding(app);
                self.clear_count();
                messages
            }
            _ => Vec::new(),
        }
    }

    /// How long until `expire` has something to do.
    pub fn deadline(&self) -> Option<Instant> {
        self.since.map(|since| since + COUNT_TIMEOUT)
    }

    /// The count typed so far.
    pub fn count(&self) -> Option<usize> {
        let digits = self.digits.iter().filter_map(|key| key.digit());
        (!self.digits.is_empty()).then(|| {
            digits.fold(0, |n: usize, d| {
                n.saturating_mul(10).saturating_add(d as usize)
            })
        })
    }

    /// What has been typed toward a count or a sequence ("5", "g", "12g").
    pub fn typed(&self) -> String {
        self.digits
            .iter()
            .chain(&self.keys)
            .map(ToString::to_string)
            .collect()
    }

    /// The action a lone digit is bound to, when the count is one digit.
    fn digit_binding(&self, app: &App) -> Vec<Message> {
        match self.digits.as_slice() {
            [digit] => match app.keymap.lookup(&app.key_contexts(), &[*digit]) {
                Lookup::Action(action) => vec![Message::Action(action)],
                _ => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    fn clear_count(&mut self) {
        self.digits.clear();
        self.since = None;
    }
}

/// The prompt's editing keys; None for keys the prompt ignores.
fn prompt_key(key: KeyEvent) -> Option<PromptKey> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::Char('u') if ctrl => PromptKey::ClearToStart,
        KeyCode::Char('a') if ctrl => PromptKey::Home,
        KeyCode::Char('e') if ctrl => PromptKey::End,
        KeyCode::Char('c') if ctrl => PromptKey::Esc,
        KeyCode::Char('r') if ctrl => PromptKey::ToggleRegex,
        KeyCode::Char(_) if ctrl => return None,
        KeyCode::Char(c) => PromptKey::Char(c),
        KeyCode::Up => PromptKey::HistoryBack,
        KeyCode::Down => PromptKey::HistoryForward,
        KeyCode::Left => PromptKey::Left,
        KeyCode::Right => PromptKey::Right,
        KeyCode::Home => PromptKey::Home,
        KeyCode::End => PromptKey::End,
        KeyCode::Backspace => PromptKey::Backspace,
        KeyCode::Delete => PromptKey::Delete,
        KeyCode::Enter => PromptKey::Enter,
        KeyCode::Esc => PromptKey::Esc,
        _ => return None,
    })
}

/// Turns a terminal event into a message, if it means anything to the reader.
pub fn messages_for(event: Event, app: &App, pending: &mut PendingKeys) -> Vec<Message> {
    let message = match event {
        // While a prompt is open, keys are text, not commands.
        Event::Key(key) if key.kind != KeyEventKind::Release && app.prompt().is_some() => {
            prompt_key(key).map(Message::Prompt)
        }
        Event::Paste(text) if app.prompt().is_some() => {
            Some(Message::Prompt(PromptKey::Paste(text)))
        }
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            return KeyPress::from_event(key)
                .map(|press| pending.feed(app, press))
                .unwrap_or_default();
        }
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Message::Click {
                column: mouse.column,
                row: mouse.row,
            }),
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => Some(Message::Wheel {
                column: mouse.column,
                row: mouse.row,
                down: mouse.kind == MouseEventKind::ScrollDown,
            }),
            _ => None,
        },
        Event::Resize(width, height) => Some(Message::Resize { width, height }),
        _ => None,
    };
    message.into_iter().collect()
}
