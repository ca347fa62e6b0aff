//! The guides drawn left of each comment (`├─ │ └─`), shared by `tread dump`
//! and the comment pane so both draw the same tree.
//!
//! Comments are visited in thread order; a [`GuideWalker`] remembers, for each
//! ancestor level, whether that ancestor has a later sibling (its line goes
//! on). Indentation stops growing at a maximum depth, past which comments show
//! their depth as a number instead.

use crate::document::{CommentId, Comments};

/// Under a comment with replies shown, a bar leads from its header down to them.
const BAR: &str = "│ ";
const NO_BAR: &str = "  ";
/// Columns one level of indentation takes unless the config says otherwise.
pub const LEVEL_WIDTH: usize = 3;

/// How much indentation a given width affords.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GuideStyle {
    /// False when the width is too small for any guides.
    pub enabled: bool,
    /// Levels of indentation drawn at most.
    pub max_depth: usize,
    /// Columns per level (2 or more).
    pub level_width: usize,
}

impl GuideStyle {
    /// Guides that leave at least `min_text` columns of text, indenting at
    /// most `max_depth` levels of `level_width` columns.
    pub fn for_width(
        width: usize,
        min_text: usize,
        max_depth: usize,
        level_width: usize,
    ) -> GuideStyle {
        let level_width = level_width.max(2);
        let body_extra = level_width + BAR.chars().count();
        if width < body_extra + min_text.min(8) + 3 {
            return GuideStyle {
                enabled: false,
                max_depth: 0,
                level_width,
            };
        }
        let room = width.saturating_sub(body_extra + min_text);
        GuideStyle {
            enabled: true,
            max_depth: (room / level_width).min(max_depth),
            level_width,
        }
    }

    /// Columns of guides before the body of a comment at `depth`.
    pub fn body_indent(&self, depth: usize) -> usize {
        if self.enabled {
            self.level_width * depth.min(self.max_depth) + self.level_width + BAR.chars().count()
        } else {
            0
        }
    }

    /// Columns of guides before the fold marker of a comment at `depth`.
    pub fn header_indent(&self, depth: usize) -> usize {
        if self.enabled {
            self.level_width * depth.min(self.max_depth) + self.level_width
        } else {
            0
        }
    }

    /// Appends one level of guide to `out`: `lead`, then `fill` up to the
    /// level width, then a space (`├─ `, `└─ `, `│  `, or blank).
    fn push_level(&self, out: &mut String, lead: char, fill: char) {
        out.push(lead);
        out.extend(std::iter::repeat_n(fill, self.level_width - 2));
        out.push(' ');
    }
}

/// The guides of one comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentGuides {
    /// Drawn before the header: ancestors' lines and this comment's branch.
    pub header: String,
    /// Drawn before each body line.
    pub body: String,
    /// The 1-based depth, shown when the comment is deeper than the indentation goes.
    pub depth_label: Option<usize>,
}

impl CommentGuides {
    /// Columns of `body` (guide characters are one column each).
    pub fn body_width(&self) -> usize {
        self.body.chars().count()
    }
}

#[derive(Debug, Default)]
pub struct GuideWalker {
    continues: Vec<bool>,
}

impl GuideWalker {
    /// A walker about to visit `first`, possibly in the middle of the tree:
    /// its ancestors' lines are worked out from the tree.
    pub fn starting_at(comments: &Comments, first: CommentId) -> GuideWalker {
        let mut continues: Vec<bool> = comments
            .ancestors(first)
            .map(|a| comments.next_sibling(a).is_some())
            .collect();
        continues.reverse();
        GuideWalker { continues }
    }

    /// The guides of `id`, the next comment in thread order among those shown.
    pub fn next(
        &mut self,
        comments: &Comments,
        id: CommentId,
        replies_shown: bool,
        style: GuideStyle,
    ) -> CommentGuides {
        let depth = comments.get(id).depth as usize;
        self.continues.truncate(depth);
        // A walker started mid-tree may lack levels; fill them from the tree.
        if self.continues.len() < depth {
            *self = GuideWalker::starting_at(comments, id);
        }
        let is_last = comments.next_sibling(id).is_none();
        let guides = if style.enabled {
            let shown = depth.min(style.max_depth);
            let mut header = String::new();
            for &goes_on in &self.continues[..shown] {
                style.push_level(&mut header, if goes_on { '│' } else { ' ' }, ' ');
            }
            let mut body = header.clone();
            style.push_level(&mut header, if is_last { '└' } else { '├' }, '─');
            style.push_level(&mut body, if is_last { ' ' } else { '│' }, ' ');
            body.push_str(if replies_shown { BAR } else { NO_BAR });
            CommentGuides {
                header,
                body,
                depth_label: (depth > shown).then_some(depth + 1),
            }
        } else {
            CommentGuides {
                header: String::new(),
                body: String::new(),
                depth_label: (depth > 0).then_some(depth + 1),
            }
        };
        self.continues.push(!is_last);
        guides
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{CommentTreeBuilder, NewComment};

    fn chain_with_sibling() -> Comments {
        // 0 ─ 1 ─ 2, 0 ─ 3, and 4 at the top.
        let mut builder = CommentTreeBuilder::new();
        for (i, parent) in [None, Some(0), Some(1), Some(0), None]
            .into_iter()
            .enumerate()
        {
            builder.push(NewComment {
                key: i.to_string().into(),
                parent,
                ..NewComment::default()
            });
        }
        builder.build().unwrap()
    }

    #[test]
    fn a_walker_started_mid_tree_draws_what_a_full_walk_draws() {
        let comments = chain_with_sibling();
        let style = GuideStyle::for_width(80, 20, 12, LEVEL_WIDTH);
        let mut full = GuideWalker::default();
        let all: Vec<CommentGuides> = comments
            .ids()
            .map(|id| full.next(&comments, id, true, style))
            .collect();
        let mut partial = GuideWalker::starting_at(&comments, CommentId(2));
        assert_eq!(partial.next(&comments, CommentId(2), true, style), all[2]);
        assert_eq!(partial.next(&comments, CommentId(3), true, style), all[3]);
        assert_eq!(all[0].header, "├─ ");
        assert_eq!(all[2].header, "│  │  └─ ");
        assert_eq!(all[3].body, "│     │ ");
        assert_eq!(all[4].header, "└─ ");
        // Two columns per level, then four.
        let narrow = GuideStyle::for_width(80, 20, 12, 2);
        let mut walker = GuideWalker::default();
        let two: Vec<String> = comments
            .ids()
            .map(|id| walker.next(&comments, id, true, narrow).header)
            .collect();
        assert_eq!(two[2], "│ │ └ ");
        let wide = GuideStyle::for_width(80, 20, 12, 4);
        let mut walker = GuideWalker::default();
        let four: Vec<String> = comments
            .ids()
            .map(|id| walker.next(&comments, id, true, wide).body)
            .collect();
        assert_eq!(four[3], "│       │ ");
        assert_eq!(wide.body_indent(1), 4 + 4 + 2);
    }

    #[test]
    fn narrow_widths_cap_or_drop_the_indentation() {
        assert_eq!(GuideStyle::for_width(40, 20, 12, 3).max_depth, 5);
        assert!(!GuideStyle::for_width(10, 20, 12, 3).enabled);
    }
}
