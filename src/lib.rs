//! # Dials
//!
//! Interactive system-design explainers. Every figure is computed in the browser
//! by the `sim` crate; this crate only shows it.
//!
//! # Layout
//! - [`app`]: the shell — header, gallery, routing by the `view` query parameter, 404.
//! - [`bundle`]: which binary carries which page, and [`bundle::start`], every binary's entry.
//! - [`decimal`]: decimal text ↔ `f64`, exact and small (the standard library's is large in wasm).
//! - [`widgets`]: one module per widget, named like the `sim` module it explains.
//! - [`ui`]: presentational pieces that take plain data (slider, readout, chart, ring).
//! - [`embed`]: everything that touches the URL or the host page.
//! - [`talk`]: talk mode — presenter view, tours, keyboard shortcuts, when animations run.

pub mod app;
pub mod bundle;
pub mod decimal;
pub mod embed;
pub mod talk;
pub mod ui;
pub mod widgets;
