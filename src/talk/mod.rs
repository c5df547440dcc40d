//! Talk mode: what a speaker needs on stage, built once in the shell for every
//! widget.
//!
//! [`keys`] maps a key press to an [`keys::Action`] (pure, tested natively);
//! [`shortcuts`] listens for keys on the page and carries the actions out;
//! [`tour`] holds what a tour is and how a beat becomes a widget's state, and
//! [`tours`] the beats of every widget, as data; [`presenter`] is the
//! projector view; [`motion`] says whether animations may run (the tab shown,
//! the widget on screen); [`bar`] and [`help`] are the tour bar and the
//! shortcut overlay.

pub mod bar;
pub mod help;
pub mod keys;
pub mod motion;
pub mod presenter;
pub mod shortcuts;
pub mod tour;
pub mod tours;
