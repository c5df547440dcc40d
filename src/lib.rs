//! # Dials
//!
//! Interactive system-design explainers. Every figure is computed in the browser
//! by the `sim` crate; this crate only shows it.
//!
//! # Layout
//! - [`app`]: the shell — header, gallery, routing by the `view` query parameter,
//!   404, which binary carries which page, and [`app::start`], every binary's entry.
//! - [`widgets`]: the catalogue, and one folder per widget with its state, model,
//!   figures and scenes.
//! - [`kit`]: what every widget is made of: scenes, presets, the frame around a
//!   widget (header, tour, slides, embeds, share), settling values, imports.
//! - [`ui`]: presentational pieces any widget can use (slider, readout, charts,
//!   canvases, notices, theme, listeners); they know no simulation and no URL.
//! - [`draw`]: the pen that paints on a canvas or writes SVG, drawing maths, the palette.
//! - [`export`]: the registry of what a page can save, the files, the panel.
//! - [`embed`]: everything that touches the URL or the host page.
//! - [`talk`]: talk mode — presenter view, keyboard shortcuts, when animations run.
//! - [`decimal`]: decimal text ↔ `f64`, exact and small (the standard library's is large in wasm).

pub mod app;
pub mod decimal;
pub mod draw;
pub mod embed;
pub mod export;
pub mod kit;
pub mod talk;
pub mod ui;
pub mod widgets;
