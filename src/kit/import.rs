//! Reading a file the reader chose in an `<input type="file">`, bounded.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Reads the first file chosen in the input behind `ev` as text, at most
/// `max_bytes` plus one (so a parser can tell it was cut), and hands the text
/// to `done`. Nothing happens when no file was chosen or it cannot be read.
pub fn read_chosen_text(
    ev: &web_sys::Event,
    max_bytes: usize,
    done: impl FnOnce(String) + 'static,
) {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    let Some(file) = input.files().and_then(|f| f.get(0)) else {
        return;
    };
    let Ok(reader) = web_sys::FileReader::new() else {
        return;
    };
    let Ok(blob) = file.slice_with_f64_and_f64(0.0, max_bytes as f64 + 1.0) else {
        return;
    };
    let r2 = reader.clone();
    // why: the callback runs once, when the file is read; handed to the JS
    // side, it is freed when it runs.
    let onload = Closure::once_into_js(move || {
        done(
            r2.result()
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default(),
        )
    });
    reader.set_onload(Some(onload.unchecked_ref()));
    let _ = reader.read_as_text(&blob);
}

/// What an import kept and skipped, for the report under an import box.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportReport {
    /// Requests kept, and the sentence that says so.
    pub kept: Option<(usize, String)>,
    /// "line N: …" for each skipped line listed.
    pub problems: Vec<String>,
    /// Problems beyond those listed.
    pub more: usize,
    /// Which size limit cut the input, if one did.
    pub truncated: Option<String>,
}

/// The report: what was kept (its count in `data-value`), the size limit
/// that cut the input, and each line skipped.
#[component]
pub fn ImportReportView(
    /// The last import's report.
    #[prop(into)]
    report: Signal<ImportReport>,
) -> impl IntoView {
    view! {
        <div class="import-report" role="status" data-metric="import-kept"
            data-value=move || report.with(|r| r.kept.as_ref().map(|k| k.0.to_string()).unwrap_or_default())>
            {move || report.with(|r| r.kept.as_ref().map(|(_, said)| view! { <p>{said.clone()}</p> }))}
            {move || report.with(|r| r.truncated.clone().map(|t| view! { <p class="warn">{format!("Size limit: {t}.")}</p> }))}
            <ul class="problems">
                {move || report.with(|r| r.problems.iter().map(|m| view! { <li>{format!("Skipped {m}")}</li> }).collect_view())}
                {move || report.with(|r| (r.more > 0).then(|| view! { <li>{format!("…and {} more lines skipped.", r.more)}</li> }))}
            </ul>
        </div>
    }
}
