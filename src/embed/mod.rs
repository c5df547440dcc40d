//! The only code that touches the URL or the host page.
//!
//! [`query`] is pure (parse, validate, format) and tested natively; [`location`]
//! reads and writes the browser's address bar; [`options`] reads the embed
//! options and [`message`] checks host messages (both pure), and [`host`] talks to an
//! embedding page.

pub mod host;
pub mod location;
pub mod message;
pub mod options;
pub mod query;
