//! The jump list: where each jump (`G`, a search match, a bookmark, a new
//! comment…) started, walked back with `Ctrl-o` and forward again with
//! `Ctrl-i`, as vim's is, and `' '` between the last two places. A jump
//! made after stepping back drops the steps ahead, as a browser's history
//! does.

use super::{App, Spot};

/// Jumps kept; the oldest go first.
const MAX_JUMPS: usize = 100;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JumpList {
    spots: Vec<Spot>,
    /// The entry the reader is at; `spots.len()` when it is past the
    /// newest (not stepped back).
    at: usize,
}

impl JumpList {
    /// A jump started at `origin`.
    pub fn record(&mut self, origin: Spot) {
        self.spots.truncate(self.at);
        if self.spots.last() != Some(&origin) {
            self.spots.push(origin);
        }
        if self.spots.len() > MAX_JUMPS {
            self.spots.remove(0);
        }
        self.at = self.spots.len();
    }

    /// One step back from `here`: the spot to go to, if any.
    fn back(&mut self, here: Spot) -> Option<Spot> {
        if self.at == self.spots.len() {
            // Stepping back from past the newest keeps where the reader
            // was, for Ctrl-i to come back to.
            if self.spots.last() != Some(&here) {
                self.spots.push(here);
            }
            self.at = self.spots.len() - 1;
        }
        // Spots equal to where the reader is are stepped over.
        while self.at > 0 {
            self.at -= 1;
            if self.spots[self.at] != here {
                return Some(self.spots[self.at]);
            }
        }
        None
    }

    fn forward(&mut self, here: Spot) -> Option<Spot> {
        while self.at + 1 < self.spots.len() {
            self.at += 1;
            if self.spots[self.at] != here {
                return Some(self.spots[self.at]);
            }
        }
        None
    }

    /// vim's `''`: to where the latest jump started, which makes this a
    /// jump too, so that the same key comes back.
    fn toggle(&mut self, here: Spot) -> Option<Spot> {
        self.at = self.spots.len();
        let target = *self.spots.iter().rev().find(|&&spot| spot != here)?;
        self.record(here);
        Some(target)
    }

    pub fn clear(&mut self) {
        *self = JumpList::default();
    }
}

impl App {
    /// `Ctrl-o` (back) and `Ctrl-i` (forward) along the jump list.
    pub(super) fn walk_jumps(&mut self, action: super::Action) {
        let here = self.spot();
        let back = action != super::Action::JumpForward;
        let step = match action {
            super::Action::JumpToggle => self.jumps.toggle(here),
            super::Action::JumpForward => self.jumps.forward(here),
            _ => self.jumps.back(here),
        };
        match step {
            Some(spot) => self.go_to_spot(spot),
            None if back => self.message = Some("At the oldest jump".to_string()),
            None => self.message = Some("At the newest jump".to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Pane;

    fn spot(cursor: usize) -> Spot {
        Spot {
            focus: Pane::Article,
            article_cursor: cursor,
            selected: None,
        }
    }

    #[test]
    fn back_and_forward_walk_the_jumps_and_a_new_jump_drops_the_steps_ahead() {
        let mut jumps = JumpList::default();
        jumps.record(spot(1));
        jumps.record(spot(2));
        // At 3 now: back to 2, then 1, then nothing older.
        assert_eq!(jumps.back(spot(3)), Some(spot(2)));
        assert_eq!(jumps.back(spot(2)), Some(spot(1)));
        assert_eq!(jumps.back(spot(1)), None);
        assert_eq!(jumps.forward(spot(1)), Some(spot(2)));
        assert_eq!(jumps.forward(spot(2)), Some(spot(3)));
        assert_eq!(jumps.forward(spot(3)), None);
        jumps.back(spot(3));
        jumps.record(spot(2));
        assert_eq!(jumps.forward(spot(7)), None, "the steps ahead are gone");
        assert_eq!(jumps.back(spot(7)), Some(spot(2)));
    }
}
