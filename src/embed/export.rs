//! Export: every diagram on a widget's page as SVG and as PNG (1× and 2×, in
//! the current theme) and every chart's numbers as CSV, from one panel the
//! shell shows under each widget.
//!
//! Diagrams and charts sign themselves up when they are drawn ([`register_figure`],
//! [`register_table`]) and leave when they go, so a widget gets export by
//! using the shared pieces, with no code of its own. The files are made by
//! [`crate::embed::download`].

use crate::embed::download;
use crate::ui::pen::{xml_escape, Pen};
use leptos::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Paints a figure on a pen: `(pen, width px, height px, pixels per CSS pixel)`.
pub type PaintFn = Arc<dyn Fn(&mut dyn Pen, f64, f64, f64) + Send + Sync>;
/// The CSS height a painted figure needs at a CSS width.
pub type HeightFn = Arc<dyn Fn(f64) -> f64 + Send + Sync>;

/// Where a figure's picture comes from.
#[derive(Clone)]
pub enum Source {
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
    pub source: Source,
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
    figures: RwSignal<Vec<Figure>>,
    tables: RwSignal<Vec<Table>>,
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
pub fn register_figure(id: &str, title: &str, source: Source) {
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

/// The panel under a widget: a row per diagram (SVG, PNG 1×, PNG 2×) and per
/// chart (CSV), and a line saying what was saved.
///
/// The rows are plain markup, written again when the registry changes, and one
/// click handler on the panel serves every button by its `data-export` and
/// `data-figure`: a reactive row per entry cost about 15 KB of wasm.
#[component]
pub fn ExportPanel() -> impl IntoView {
    let Some(ex) = use_context::<Exports>() else {
        return ().into_any();
    };
    let status = RwSignal::new(String::new());
    let report = move |r: Result<(String, usize), String>| match r {
        Ok((name, bytes)) => status.set(format!("Saved {name} ({}).", size_label(bytes))),
        Err(e) => status.set(format!("Could not export: {e}")),
    };
    let figure_rows = move || {
        ex.figures.with(|v| {
            v.iter()
                .map(|f| {
                    row(
                        &f.title,
                        &f.id,
                        &[("svg", "SVG"), ("png1", "PNG 1×"), ("png2", "PNG 2×")],
                    )
                })
                .collect::<String>()
        })
    };
    let table_rows = move || {
        ex.tables.with(|v| {
            v.iter()
                .map(|t| row(&t.title, &t.id, &[("csv", "CSV")]))
                .collect::<String>()
        })
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some((kind, id)) = clicked_export(&ev) else {
            return;
        };
        let figure = || {
            ex.figures
                .with_untracked(|v| v.iter().find(|f| f.id == id).cloned())
        };
        match kind.as_str() {
            "svg" => {
                if let Some(f) = figure() {
                    report(download::save_svg(&f));
                }
            }
            "png1" | "png2" => {
                if let Some(f) = figure() {
                    let scale = if kind == "png2" { 2.0 } else { 1.0 };
                    download::save_png(&f, scale, Callback::new(report));
                }
            }
            "csv" => {
                let csv = ex
                    .tables
                    .with_untracked(|v| v.iter().find(|t| t.id == id).map(|t| t.csv.clone()));
                if let Some(csv) = csv {
                    let name = file_name(&id, ".csv");
                    report(download::save_text(&name, "text/csv;charset=utf-8", &csv()));
                }
            }
            _ => {}
        }
    };
    view! {
        <details class="panel export" id="export" on:click=on_click>
            <summary><h2>"Export"</h2></summary>
            <p class="note">"Diagrams as SVG or PNG, in the theme you are viewing; each chart's numbers as CSV."</p>
            <ul class="export-list" aria-label="Diagrams" inner_html=figure_rows></ul>
            <ul class="export-list" aria-label="Chart data" inner_html=table_rows></ul>
            <p class="export-status" role="status" aria-live="polite">{move || status.get()}</p>
        </details>
    }
    .into_any()
}

/// One row of the panel: the title, then a button per `(kind, label)`.
fn row(title: &str, id: &str, buttons: &[(&str, &str)]) -> String {
    let (title, id) = (xml_escape(title), xml_escape(id));
    let mut out = format!(
        "<li class=\"export-row\"><span class=\"export-title\">{title}</span><span class=\"export-buttons\">"
    );
    for (kind, label) in buttons {
        out.push_str(&format!(
            "<button type=\"button\" data-export=\"{kind}\" data-figure=\"{id}\">{label}</button>"
        ));
    }
    out.push_str("</span></li>");
    out
}

/// The export button a click landed on: its `data-export` and `data-figure`.
fn clicked_export(ev: &leptos::ev::MouseEvent) -> Option<(String, String)> {
    use wasm_bindgen::JsCast;
    let target: web_sys::Element = ev.target()?.dyn_into().ok()?;
    let button = target.closest("button[data-export]").ok()??;
    Some((
        button.get_attribute("data-export")?,
        button.get_attribute("data-figure")?,
    ))
}

/// Bytes as a short human figure.
fn size_label(bytes: usize) -> String {
    if bytes < 1024 {
        format!("{bytes} bytes")
    } else if bytes < 1024 * 1024 {
        format!("{} KB", crate::decimal::fixed(bytes as f64 / 1024.0, 0))
    } else {
        format!(
            "{} MB",
            crate::decimal::fixed(bytes as f64 / (1024.0 * 1024.0), 1)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe() {
        assert_eq!(file_name("ring-svg", ".svg"), "dials-ring-svg.svg");
        assert_eq!(file_name("a/b c", "@2x.png"), "dials-a-b-c@2x.png");
    }

    #[test]
    fn rows_escape_what_they_show() {
        let r = row("A <b> & \"c\"", "x\"y", &[("csv", "CSV")]);
        assert!(r.contains("A &lt;b&gt; &amp; &quot;c&quot;"));
        assert!(r.contains(r#"data-export="csv" data-figure="x&quot;y">CSV</button>"#));
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(size_label(10), "10 bytes");
        assert_eq!(size_label(2048), "2 KB");
        assert_eq!(size_label(3 * 1024 * 1024), "3.0 MB");
    }
}
