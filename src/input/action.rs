//! Every action a key, a mouse event or the terminal can ask of the reader.
//! The names (snake_case) are the ones the keymap, the help screen and the
//! config file use, and each action's one-line description is its help text.

/// Declares the action enum with a description per variant, taken from the
/// same text as its doc comment so the help screen cannot drift from the code.
macro_rules! actions {
    ($( #[doc = $doc:literal] $name:ident, )*) => {
        /// A key-bindable action.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action {
            $( #[doc = $doc] $name, )*
        }

        impl Action {
            /// Every bindable action, in help-screen order.
            pub const ALL: &'static [Action] = &[$(Action::$name,)*];

            /// The variant's name as written in the code (`FoldBelow3`).
            fn variant_name(self) -> &'static str {
                match self {
                    $(Action::$name => stringify!($name),)*
                }
            }

            pub fn description(self) -> &'static str {
                match self {
                    $(Action::$name => $doc.trim(),)*
                }
            }
        }
    };
}

actions! {
    /// Quit tread
    Quit,
    /// Leave this document for the library of those read recently
    Library,
    /// Load this document again, where you were
    Reload,
    /// Fetch the linked article into the article pane (again)
    FetchArticle,
    /// Show or hide the list of keys
    Help,
    /// Close the overlay that is open
    CloseOverlay,
    /// Suspend tread and go back to the shell (fg brings it back)
    Suspend,
    /// Draw the whole screen again
    Redraw,
    /// Switch focus between the article and the comments
    FocusNext,
    /// Switch between side-by-side and stacked panes
    ToggleLayout,
    /// Show the focused pane alone, or both again
    ToggleZoom,
    /// Scroll down one line
    ScrollDown,
    /// Scroll up one line
    ScrollUp,
    /// Scroll down half a page
    HalfPageDown,
    /// Scroll up half a page
    HalfPageUp,
    /// Scroll down a page
    PageDown,
    /// Scroll up a page
    PageUp,
    /// Scroll code blocks left (they are not wrapped)
    ScrollCodeLeft,
    /// Scroll code blocks right: a line that goes on ends in ›
    ScrollCodeRight,
    /// Go to the top
    Top,
    /// Go to the bottom
    Bottom,
    /// Move the passage cursor to the next paragraph
    NextParagraph,
    /// Move the passage cursor to the previous paragraph
    PreviousParagraph,
    /// Select the next comment; scroll a tall one first
    NextComment,
    /// Select the previous comment; scroll a tall one first
    PreviousComment,
    /// Select the next reply to the same parent
    NextSibling,
    /// Select the previous reply to the same parent
    PreviousSibling,
    /// Select the parent comment
    Parent,
    /// Select the top-level comment of this thread
    ThreadRoot,
    /// Select the next top-level thread
    NextThread,
    /// Select the previous top-level thread
    PreviousThread,
    /// Fold or unfold the selected comment's replies
    ToggleFold,
    /// Fold the replies; on a folded comment, go to its parent
    FoldOrParent,
    /// Unfold the replies; on an open comment, go to its first reply
    UnfoldOrChild,
    /// Fold every comment that has replies
    FoldAll,
    /// Unfold every comment
    UnfoldAll,
    /// Fold the whole thread the selection is in
    FoldThread,
    /// Show only top-level comments, folding every reply
    FoldBelow1,
    /// Show 2 levels of comments and fold deeper ones
    FoldBelow2,
    /// Show 3 levels of comments and fold deeper ones
    FoldBelow3,
    /// Show 4 levels of comments and fold deeper ones
    FoldBelow4,
    /// Show 5 levels of comments and fold deeper ones
    FoldBelow5,
    /// Show 6 levels of comments and fold deeper ones
    FoldBelow6,
    /// Show 7 levels of comments and fold deeper ones
    FoldBelow7,
    /// Show 8 levels of comments and fold deeper ones
    FoldBelow8,
    /// Show 9 levels of comments and fold deeper ones
    FoldBelow9,
    /// Bookmark the paragraph under the cursor (or the selection), or the selected comment
    Bookmark,
    /// Start or end selecting a passage by line ({ } extend by paragraph)
    VisualSelect,
    /// List this document's bookmarks
    ShowBookmarks,
    /// Go to the next bookmark
    NextBookmark,
    /// Go to the previous bookmark
    PreviousBookmark,
    /// Select the next item of the list
    SelectNext,
    /// Select the previous item of the list
    SelectPrevious,
    /// Go to the selected bookmark
    OpenSelected,
    /// Delete the selected bookmark
    DeleteSelected,
    /// Bring back the last deleted bookmark
    UndoDelete,
    /// Edit the selected bookmark's note
    EditNote,
    /// Search the article and every comment, folded too
    Search,
    /// Go to the next match of the search
    SearchNext,
    /// Go to the previous match of the search
    SearchPrevious,
    /// Go to the next comment new since the last visit
    NextNew,
    /// Go to the previous new comment
    PreviousNew,
    /// Go back to where the last jump started (along the jump list)
    JumpBack,
    /// Order replies: as the source gave them, oldest, newest, highest score
    SortComments,
    /// Take the mouse or leave it to the terminal (to select text)
    ToggleMouse,
    /// Go forward again along the jump list
    JumpForward,
    /// Go to where the last jump started, and back again with the same key
    JumpToggle,
    /// List the links of the selected comment or the current paragraph
    ShowLinks,
    /// Open the selected comment's permalink (else the discussion) in the browser
    OpenInBrowser,
    /// Copy the selected comment's text (or the paragraph) to the clipboard
    CopyText,
    /// Pipe the selected comment's text (or the paragraph) to a shell command
    PipeText,
    /// Read the selected comment's text (or the paragraph) in $PAGER
    PageText,
    /// Copy the selected link's URL to the clipboard
    CopyLink,
    /// Open link 1
    OpenLink1,
    /// Open link 2
    OpenLink2,
    /// Open link 3
    OpenLink3,
    /// Open link 4
    OpenLink4,
    /// Open link 5
    OpenLink5,
    /// Open link 6
    OpenLink6,
    /// Open link 7
    OpenLink7,
    /// Open link 8
    OpenLink8,
    /// Open link 9
    OpenLink9,
}

impl Action {
    /// For the `FoldBelowN` actions, N.
    pub fn fold_below_levels(self) -> Option<u32> {
        use Action::*;
        let levels = match self {
            FoldBelow1 => 1,
            FoldBelow2 => 2,
            FoldBelow3 => 3,
            FoldBelow4 => 4,
            FoldBelow5 => 5,
            FoldBelow6 => 6,
            FoldBelow7 => 7,
            FoldBelow8 => 8,
            FoldBelow9 => 9,
            _ => return None,
        };
        Some(levels)
    }

    /// For the `OpenLinkN` actions, N.
    pub fn link_number(self) -> Option<usize> {
        use Action::*;
        let number = match self {
            OpenLink1 => 1,
            OpenLink2 => 2,
            OpenLink3 => 3,
            OpenLink4 => 4,
            OpenLink5 => 5,
            OpenLink6 => 6,
            OpenLink7 => 7,
            OpenLink8 => 8,
            OpenLink9 => 9,
            _ => return None,
        };
        Some(number)
    }

    /// Whether a count typed before the key (`5j`) repeats this action (for
    /// `Top` and `Bottom`, says where to go: `5G`).
    pub fn takes_count(self) -> bool {
        use Action::*;
        matches!(
            self,
            ScrollDown
                | ScrollUp
                | Top
                | Bottom
                | HalfPageDown
                | HalfPageUp
                | PageDown
                | PageUp
                | NextParagraph
                | PreviousParagraph
                | NextComment
                | PreviousComment
                | NextSibling
                | PreviousSibling
                | Parent
                | NextThread
                | PreviousThread
                | NextBookmark
                | PreviousBookmark
                | SearchNext
                | SearchPrevious
                | NextNew
                | PreviousNew
                | SelectNext
                | SelectPrevious
        )
    }

    /// Whether this action moves far enough that `JumpBack` should be able
    /// to return from it.
    pub fn is_jump(self) -> bool {
        use Action::*;
        matches!(
            self,
            Top | Bottom
                | ThreadRoot
                | NextBookmark
                | PreviousBookmark
                | OpenSelected
                | SearchNext
                | SearchPrevious
                | NextNew
                | PreviousNew
        )
    }

    /// The snake_case name used in the keymap and config: a word break
    /// before each capital (`FoldBelow3` is `fold_below3`).
    pub fn name(self) -> String {
        let mut name = String::new();
        for c in self.variant_name().chars() {
            if c.is_ascii_uppercase() && !name.is_empty() {
                name.push('_');
            }
            name.push(c.to_ascii_lowercase());
        }
        name
    }

    /// The action a config or keymap names, if any.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL
            .iter()
            .copied()
            .find(|action| action.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::Action;

    #[test]
    fn names_are_snake_case_and_round_trip() {
        assert_eq!(Action::FoldBelow3.name(), "fold_below3");
        assert_eq!(Action::NextComment.name(), "next_comment");
        for &action in Action::ALL {
            assert_eq!(Action::from_name(&action.name()), Some(action));
            assert!(!action.description().is_empty());
        }
    }
}
