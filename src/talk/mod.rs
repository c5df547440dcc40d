//! Talk mode: what a speaker needs on stage, built once in the shell for every
//! widget.
//!
//! [`keys`] maps a key press to an [`keys::Action`] (pure, tested natively);
//! [`shortcuts`] listens for keys on the page and carries the actions out;
//! [`presenter`] is the projector view; [`motion`] says whether animations
//! may run (the tab shown, the widget on screen); [`help`] is the shortcut
//! overlay. Tours are the widgets' scenes (see [`crate::kit::scene`]).

pub mod help;
pub mod keys;
pub mod motion;
pub mod presenter;
pub mod shortcuts;
