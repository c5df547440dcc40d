//! Export: every diagram on a widget's page as SVG and as PNG (1× and 2×, in
//! the current theme) and every chart's numbers as CSV, from one panel the
//! shell shows under each widget.
//!
//! Diagrams and charts sign themselves up when they are drawn ([`register_figure`],
//! [`register_table`]) and leave when they go, so a widget gets export by
//! using the shared pieces, with no code of its own. The files are made by
//! [`crate::export::files`].
//!
//! [`registry`] holds what signed up, [`files`] makes the files, [`panel`]
//! is the panel; [`csv`] writes tables.

pub mod csv;
pub mod files;
pub mod panel;
pub mod registry;

pub use registry::{register_figure, register_table, Exports, Figure, PaintFn, Picture};
