//! The only code that touches the URL or the host page.
//!
//! [`query`] is pure (parse, validate, format) and tested natively; [`location`]
//! reads and writes the browser's address bar; [`theme`] follows the page's colour
//! scheme; [`panic_panel`] turns a crash into a readable message; [`options`]
//! reads the embed options and checks host messages (pure), and [`host`] talks
//! to an embedding page; [`file`] reads a file the reader chose; [`export`]
//! lists what a page can save and [`download`] makes those files.

pub mod download;
pub mod export;
pub mod file;
pub mod host;
pub mod location;
pub mod options;
pub mod panic_panel;
pub mod query;
pub mod theme;
