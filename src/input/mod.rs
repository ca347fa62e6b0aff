//! What the keyboard means: the actions a user can take, key names as the
//! config writes them, and the keymap that turns key presses into actions.
//! Depends on no app, ui or config module, so both the config and the app
//! can use it.

pub mod action;
pub mod keymap;

pub use action::Action;
