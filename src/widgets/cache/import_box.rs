//! Importing a trace by paste or file, and the report of what was kept.

use super::state::{CacheState, Source};
use crate::kit::import::read_chosen_text;
use crate::kit::import::{ImportReport, ImportReportView};
use crate::kit::Shared;
use crate::ui::readout::count;
use leptos::prelude::*;
use sim::cache::trace::{parse_import, Parsed, Trace, MAX_IMPORT_BYTES, MAX_IMPORT_REQUESTS};

/// The report of an import of a trace.
fn report_of(p: &Parsed) -> ImportReport {
    let (n, u) = (p.trace.keys.len(), p.trace.universe());
    ImportReport {
        kept: Some((
            n,
            format!(
                "Kept {} requests over {} keys.",
                count(n as f64),
                count(f64::from(u))
            ),
        )),
        problems: p.problems.iter().map(|x| x.message.clone()).collect(),
        more: p.more_problems,
        truncated: p.truncated.clone(),
    }
}

/// The import box: paste or choose a file; the trace stays in this tab.
#[component]
pub fn ImportBox(
    /// The widget state.
    state: RwSignal<CacheState>,
    /// The trace imported in this tab (never in the URL).
    imported: RwSignal<Option<Shared<Trace>>>,
) -> impl IntoView {
    let report = RwSignal::new(ImportReport::default());
    let source = Memo::new(move |_| state.with(|s| s.source));
    let accept = move |p: Parsed| {
        report.set(report_of(&p));
        if !p.trace.keys.is_empty() {
            imported.set(Some(Shared::new(p.trace)));
            state.update(|s| {
                s.source = Source::Imported;
                s.at = 0;
            });
        }
    };
    let paste = NodeRef::<leptos::html::Textarea>::new();
    // why: once parsed, the pasted text is dropped from the box. A box
    // holding megabytes of text makes every later layout of the page slow
    // (compare mode's progress redraws among them), and nothing reads it again.
    let use_paste = move |_| {
        if let Some(t) = paste.get_untracked() {
            let text = t.value();
            t.set_value("");
            accept(parse_import(&text));
        }
    };
    // Only the first MAX_IMPORT_BYTES are read; the parser says so when it cuts.
    let on_file = move |ev: leptos::ev::Event| {
        read_chosen_text(&ev, MAX_IMPORT_BYTES, move |text| {
            accept(parse_import(&text))
        })
    };

    view! {
        <details class="import" data-control="import" open=move || source.get() == Source::Imported>
            <summary>"Import a trace"</summary>
            <p class="note">{format!(
                "One key per line, or CSV with a header naming a \"key\" column (otherwise the first column is the key). Up to {} requests, {} distinct keys and {} MiB; malformed lines are skipped and listed.",
                count(MAX_IMPORT_REQUESTS as f64), count(sim::cache::trace::MAX_IMPORT_KEYS as f64), MAX_IMPORT_BYTES / (1024 * 1024)
            )}</p>
            <label for="cache-paste">"Paste keys"</label>
            <textarea id="cache-paste" rows="4" spellcheck="false" node_ref=paste placeholder="user:17\nuser:4\nuser:17"></textarea>
            <div class="import-actions">
                <button type="button" id="cache-use-paste" on:click=use_paste>"Use pasted keys"</button>
                <label for="cache-file">"or choose a file"</label>
                <input type="file" id="cache-file" accept=".txt,.csv,text/plain,text/csv" on:change=on_file/>
            </div>
            <ImportReportView report=report/>
            <Show when=move || source.get() == Source::Imported>
                <p class="note share-note">"A link to this page carries every setting except the imported trace, which stays in this tab: whoever opens the link sees a Zipf workload instead."</p>
            </Show>
        </details>
    }
}
