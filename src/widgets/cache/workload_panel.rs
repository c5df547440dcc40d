//! The workload controls shared by both modes: the source, its parameters, a
//! typed sequence, and importing a trace by paste or file.

use super::model::Workload;
use super::state::{CacheState, Source, MIN_REQUESTS};
use crate::kit::import::read_chosen_text;
use crate::kit::Shared;
use crate::ui::readout::count;
use crate::ui::seed_field::SeedField;
use crate::ui::slider::{Scale, Slider};
use leptos::prelude::*;
use sim::cache::trace::{
    parse_import, parse_sequence, to_sequence, Parsed, Trace, MAX_IMPORT_BYTES,
    MAX_IMPORT_REQUESTS, MAX_TYPED,
};
use sim::cache::workload::{Shape, MAX_REQUESTS, MAX_UNIVERSE};

/// What the last import kept and skipped, for the report under the import box.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportReport {
    /// Requests and distinct keys kept.
    pub kept: Option<(usize, u32)>,
    /// "line N: …" for each skipped line listed.
    pub problems: Vec<String>,
    /// Problems beyond those listed.
    pub more: usize,
    /// Which size limit cut the input, if one did.
    pub truncated: Option<String>,
}

impl ImportReport {
    fn of(p: &Parsed) -> ImportReport {
        ImportReport {
            kept: Some((p.trace.keys.len(), p.trace.universe())),
            problems: p.problems.iter().map(|x| x.message.clone()).collect(),
            more: p.more_problems,
            truncated: p.truncated.clone(),
        }
    }
}

/// The workload section.
#[component]
pub fn WorkloadPanel(
    /// The widget state.
    state: RwSignal<CacheState>,
    /// The requests in use.
    workload: Memo<Shared<Workload>>,
    /// The trace imported in this tab (never in the URL).
    imported: RwSignal<Option<Shared<Trace>>>,
    /// Whether a large trace is waiting for the controls to be still.
    #[prop(into)]
    updating: Signal<bool>,
) -> impl IntoView {
    let report = RwSignal::new(ImportReport::default());
    let seq_problems = RwSignal::new(Vec::<String>::new());
    let source = Memo::new(move |_| state.with(|s| s.source));
    let shape = move || match source.get() {
        Source::Generated(s) => Some(s),
        _ => None,
    };
    let accept = move |p: Parsed| {
        report.set(ImportReport::of(&p));
        if !p.trace.keys.is_empty() {
            imported.set(Some(Shared::new(p.trace)));
            state.update(|s| {
                s.source = Source::Imported;
                s.at = 0;
            });
        }
    };
    let paste = NodeRef::<leptos::html::Textarea>::new();
    let use_paste = move |_| {
        if let Some(t) = paste.get_untracked() {
            accept(parse_import(&t.value()));
        }
    };
    // Only the first MAX_IMPORT_BYTES are read; the parser says so when it cuts.
    let on_file = move |ev: leptos::ev::Event| {
        read_chosen_text(&ev, MAX_IMPORT_BYTES, move |text| {
            accept(parse_import(&text))
        })
    };
    let set = move |f: fn(&mut CacheState, f64)| {
        Callback::new(move |v: f64| {
            state.update(|s| {
                f(s, v);
                s.at = 0;
            })
        })
    };

    view! {
        <section class="panel workload-panel" aria-labelledby="cache-work-h">
            <h2 id="cache-work-h">"Workload"</h2>
            <div class="field">
                <label for="cache-work">"Requests from"</label>
                <select id="cache-work" on:change=move |ev| {
                    if let Some(src) = Source::from_slug(&event_target_value(&ev)) {
                        state.update(|s| {
                            s.source = src;
                            s.at = 0;
                        });
                    }
                }>
                    {Source::all().into_iter().map(|src| view! {
                        <option value=src.slug() selected=move || source.get() == src>{src.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <Show when=move || source.get() == Source::Typed>
                <div class="field wide">
                    <label for="cache-seq">{format!("Sequence (up to {MAX_TYPED} keys, separated by spaces)")}</label>
                    <input id="cache-seq" type="text" spellcheck="false" autocomplete="off"
                        prop:value=move || state.with(|s| s.sequence.clone())
                        on:change=move |ev| {
                            let p = parse_sequence(&event_target_value(&ev));
                            let mut msgs: Vec<String> = p.problems.iter().map(|x| format!("{}; skipped", x.message)).collect();
                            msgs.extend(p.truncated.clone());
                            if p.trace.keys.is_empty() {
                                msgs.push("no usable keys; the sequence was not changed".into());
                            } else {
                                state.update(|s| {
                                    s.sequence = to_sequence(&p.trace);
                                    s.at = 0;
                                });
                            }
                            seq_problems.set(msgs);
                        }/>
                    <ul class="problems" role="status">
                        {move || seq_problems.get().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                    </ul>
                </div>
            </Show>
            <Show when=move || shape().is_some()>
                <div class="controls two-col">
                    <Show when=move || matches!(shape(), Some(Shape::Zipf | Shape::Scan | Shape::Shift))>
                        <Slider id="cache-alpha" label="Zipf skew α" min=0.0 max=2.0 step=0.05
                            value=Signal::derive(move || state.with(|s| s.alpha))
                            on_change=set(|s, v| s.alpha = v)
                            format=Callback::new(|v: f64| format!("{v:.2}"))
                            hint="0 is uniform; around 1 is typical of web and key-value traffic."/>
                    </Show>
                    <Slider id="cache-keys" label="Distinct keys"
                        min=1.0 max=f64::from(MAX_UNIVERSE) scale=Scale::Log
                        value=Signal::derive(move || f64::from(state.with(|s| s.universe)))
                        on_change=set(|s, v| {
                            s.universe = (v.round() as u32).clamp(1, MAX_UNIVERSE);
                            s.hot = s.hot.min(s.universe);
                        })
                        format=Callback::new(|v: f64| count(v.round()))
                        hint="For a loop, its length."/>
                    <Slider id="cache-reqs" label="Requests" min=f64::from(MIN_REQUESTS) max=MAX_REQUESTS as f64 scale=Scale::Log
                        value=Signal::derive(move || f64::from(state.with(|s| s.requests)))
                        on_change=set(|s, v| s.requests = (v.round() as u32).clamp(MIN_REQUESTS, MAX_REQUESTS as u32))
                        format=Callback::new(|v: f64| count(v.round()))
                        hint="Step mode walks through the first 200."/>
                    <Show when=move || shape() == Some(Shape::Scan)>
                        <Slider id="cache-hot" label="Hot keys" min=1.0 max=f64::from(MAX_UNIVERSE) scale=Scale::Log
                            value=Signal::derive(move || f64::from(state.with(|s| s.hot)))
                            on_change=set(|s, v| s.hot = (v.round() as u32).clamp(1, s.universe))
                            format=Callback::new(|v: f64| count(v.round()))/>
                        <Slider id="cache-scan" label="Share of scan requests" min=0.0 max=0.95 step=0.05
                            value=Signal::derive(move || state.with(|s| s.scan_share))
                            on_change=set(|s, v| s.scan_share = v)
                            format=Callback::new(|v: f64| format!("{:.0}%", v * 100.0))/>
                    </Show>
                </div>
            </Show>
            <details class="import" open=move || source.get() == Source::Imported>
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
                <div class="import-report" role="status" data-metric="import-kept"
                    data-value=move || report.with(|r| r.kept.map(|k| k.0.to_string()).unwrap_or_default())>
                    {move || report.with(|r| r.kept.map(|(n, u)| view! {
                        <p>{format!("Kept {} requests over {} keys.", count(n as f64), count(f64::from(u)))}</p>
                    }))}
                    {move || report.with(|r| r.truncated.clone().map(|t| view! { <p class="warn">{format!("Size limit: {t}.")}</p> }))}
                    <ul class="problems">
                        {move || report.with(|r| r.problems.iter().map(|m| view! { <li>{format!("Skipped {m}")}</li> }).collect_view())}
                        {move || report.with(|r| (r.more > 0).then(|| view! { <li>{format!("…and {} more lines skipped.", r.more)}</li> }))}
                    </ul>
                </div>
                <Show when=move || source.get() == Source::Imported>
                    <p class="note share-note">"A link to this page carries every setting except the imported trace, which stays in this tab: whoever opens the link sees a Zipf workload instead."</p>
                </Show>
            </details>
            <SeedField id="cache" seed=Signal::derive(move || state.with(|s| s.seed))
                on_change=Callback::new(move |v: u64| state.update(|s| s.seed = v))/>
            <p class="note" data-metric="requests" data-value=move || workload.with(|w| w.keys.len().to_string())>
                {move || workload.with(|w| format!("{} requests over {} distinct keys.", count(w.keys.len() as f64), count(f64::from(w.universe))))}
                <span class="updating" id="cache-updating" aria-live="polite">{move || if updating.get() { " Updating…" } else { "" }}</span>
            </p>
        </section>
    }
}
