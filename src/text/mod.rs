//! Text as the reader and `tread dump` both show it: display width and
//! wrapping, a block turned into decorated lines, and the tree guides drawn
//! left of comments. Shared by `commands` and `ui`, so that both draw the same.

pub mod block_lines;
pub mod tree_guides;
pub mod wrap;
