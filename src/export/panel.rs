//! The export panel under a widget.

use crate::draw::pen::xml_escape;
use crate::export::files;
use crate::export::registry::{file_name, Exports};
use leptos::prelude::*;

/// The panel under a widget: a row per diagram (SVG, PNG 1×, PNG 2×) and per
/// chart (CSV), and a line saying what was saved.
///
/// The rows are plain markup, written again when the registry changes, and one
/// click handler on the panel serves every button by its `data-export` and
/// `data-export-of`: a reactive row per entry cost about 15 KB of wasm.
#[component]
pub fn ExportPanel() -> impl IntoView {
    export_list(false)
}

/// The same list behind a small "Export" button, for an embed's footer
/// (`export=1`): it opens in the flow of the page, so the host's resize
/// script makes room for it, and Escape closes it.
#[component]
pub fn ExportMenu() -> impl IntoView {
    export_list(true)
}

/// The panel, or (`compact`) the menu.
fn export_list(compact: bool) -> AnyView {
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
                    report(files::save_svg(&f));
                }
            }
            "png1" | "png2" => {
                if let Some(f) = figure() {
                    let scale = if kind == "png2" { 2.0 } else { 1.0 };
                    files::save_png(&f, scale, Callback::new(report));
                }
            }
            "csv" => {
                let csv = ex
                    .tables
                    .with_untracked(|v| v.iter().find(|t| t.id == id).map(|t| t.csv.clone()));
                if let Some(csv) = csv {
                    let name = file_name(&id, ".csv");
                    report(files::save_text(&name, "text/csv;charset=utf-8", &csv()));
                }
            }
            _ => {}
        }
    };
    if compact {
        let menu = NodeRef::<leptos::html::Details>::new();
        let on_key = move |ev: leptos::ev::KeyboardEvent| {
            if ev.key() != "Escape" {
                return;
            }
            if let Some(d) = menu.get_untracked().filter(|d| d.open()) {
                d.set_open(false);
                ev.stop_propagation();
                if let Ok(Some(s)) = d.query_selector("summary") {
                    use wasm_bindgen::JsCast;
                    if let Ok(s) = s.dyn_into::<web_sys::HtmlElement>() {
                        let _ = s.focus();
                    }
                }
            }
        };
        return view! {
            <details class="export-menu" id="export-menu" node_ref=menu on:click=on_click on:keydown=on_key>
                <summary>"Export"</summary>
                <div class="export-menu-list">
                    <ul class="export-list" aria-label="Diagrams" inner_html=figure_rows></ul>
                    <ul class="export-list" aria-label="Chart data" inner_html=table_rows></ul>
                    <p class="export-status" role="status" aria-live="polite">{move || status.get()}</p>
                </div>
            </details>
        }
        .into_any();
    }
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
            "<button type=\"button\" data-export=\"{kind}\" data-export-of=\"{id}\">{label}</button>"
        ));
    }
    out.push_str("</span></li>");
    out
}

/// The export button a click landed on: its `data-export` and `data-export-of`.
fn clicked_export(ev: &leptos::ev::MouseEvent) -> Option<(String, String)> {
    use wasm_bindgen::JsCast;
    let target: web_sys::Element = ev.target()?.dyn_into().ok()?;
    let button = target.closest("button[data-export]").ok()??;
    Some((
        button.get_attribute("data-export")?,
        button.get_attribute("data-export-of")?,
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
    fn rows_escape_what_they_show() {
        let r = row("A <b> & \"c\"", "x\"y", &[("csv", "CSV")]);
        assert!(r.contains("A &lt;b&gt; &amp; &quot;c&quot;"));
        assert!(r.contains(r#"data-export="csv" data-export-of="x&quot;y">CSV</button>"#));
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(size_label(10), "10 bytes");
        assert_eq!(size_label(2048), "2 KB");
        assert_eq!(size_label(3 * 1024 * 1024), "3.0 MB");
    }
}
