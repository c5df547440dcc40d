//! The registry of what a page can export: diagrams and charts sign up while
//! they are drawn ([`register_figure`], [`register_table`]) and leave when they go.

use crate::draw::pen::Pen;
use leptos::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Paints a figure on a pen: `(pen, width px, height px, pixels per CSS pixel)`.
pub type PaintFn = Arc<dyn Fn(&mut dyn Pen, f64, f64, f64) + Send + Sync>;
/// The CSS height a painted figure needs at a CSS width.
pub type HeightFn = Arc<dyn Fn(f64) -> f64 + Send + Sync>;

/// Where a figure's picture comes from.
#[derive(Clone)]
pub enum Picture {
    /// The `<svg>` element with the figure's id; its computed styles are
    /// written into the copy, so it looks the same outside the page.
    Svg,
    /// Painted again for the export, at the on-page size of the element with
    /// the figure's id (or at the height `height` gives for its width).
    Painted {
        /// The painting.
        paint: PaintFn,
        /// The height for a width, when the element's own height is not it.
        height: Option<HeightFn>,
    },
}

/// A diagram that can be saved as SVG and PNG.
#[derive(Clone)]
pub struct Figure {
    /// Element id on the page; also names the files.
    pub id: String,
    /// What the reader sees in the panel.
    pub title: String,
    /// How to make the picture.
    pub source: Picture,
    token: u64,
}

/// A chart whose numbers can be saved as CSV.
#[derive(Clone)]
pub struct Table {
    /// Element id of the chart; also names the file.
    pub id: String,
    /// What the reader sees in the panel.
    pub title: String,
    /// The CSV text, made when asked.
    pub csv: Arc<dyn Fn() -> String + Send + Sync>,
    token: u64,
}

/// Everything on the current page that can be exported; provided by the shell.
#[derive(Clone, Copy)]
pub struct Exports {
    pub(super) figures: RwSignal<Vec<Figure>>,
    pub(super) tables: RwSignal<Vec<Table>>,
}

impl Exports {
    /// An empty registry.
    pub fn new() -> Self {
        Self {
            figures: RwSignal::new(Vec::new()),
            tables: RwSignal::new(Vec::new()),
        }
    }
}

impl Default for Exports {
    fn default() -> Self {
        Self::new()
    }
}

// why: a re-rendered figure signs up again before the old one's cleanup runs;
// a token per sign-up makes the cleanup remove only its own entry.
static NEXT_TOKEN: AtomicU64 = AtomicU64::new(1);

/// Signs a diagram up for export while the calling component lives.
pub fn register_figure(id: &str, title: &str, source: Picture) {
    if let Some(ex) = use_context::<Exports>() {
        let (id, title) = (id.to_owned(), title.to_owned());
        sign_up(ex.figures, move |token| Figure {
            id,
            title,
            source,
            token,
        });
    }
}

/// Signs a chart's data up for CSV export while the calling component lives.
pub fn register_table(id: &str, title: &str, csv: Arc<dyn Fn() -> String + Send + Sync>) {
    if let Some(ex) = use_context::<Exports>() {
        let (id, title) = (id.to_owned(), title.to_owned());
        sign_up(ex.tables, move |token| Table {
            id,
            title,
            csv,
            token,
        });
    }
}

/// What [`sign_up`] needs of an entry.
trait Entry {
    fn id(&self) -> &str;
    fn token(&self) -> u64;
}

impl Entry for Figure {
    fn id(&self) -> &str {
        &self.id
    }
    fn token(&self) -> u64 {
        self.token
    }
}

impl Entry for Table {
    fn id(&self) -> &str {
        &self.id
    }
    fn token(&self) -> u64 {
        self.token
    }
}

/// Adds the entry `make` builds (replacing one with the same id) and removes
/// it when the calling component is cleaned up.
fn sign_up<T: Entry + Send + Sync + 'static>(list: RwSignal<Vec<T>>, make: impl FnOnce(u64) -> T) {
    let token = NEXT_TOKEN.fetch_add(1, Ordering::Relaxed);
    let entry = make(token);
    list.update(|v| {
        v.retain(|e| e.id() != entry.id());
        v.push(entry);
    });
    on_cleanup(move || {
        let _ = list.try_update(|v| v.retain(|e| e.token() != token));
    });
}

/// A file name for an element id: `dials-<id><suffix>`.
pub fn file_name(id: &str, suffix: &str) -> String {
    let clean: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("dials-{clean}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe() {
        assert_eq!(file_name("ring-svg", ".svg"), "dials-ring-svg.svg");
        assert_eq!(file_name("a/b c", "@2x.png"), "dials-a-b-c@2x.png");
    }
}
