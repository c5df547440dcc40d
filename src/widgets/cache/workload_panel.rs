//! The workload controls shared by both modes, under the figure: the source
//! and a typed sequence first; the generator's parameters, importing a trace
//! by paste or file ([`super::import_box`]) and the seed behind "More" until a
//! scene names one of them.

use super::import_box::ImportBox;
use super::model::Workload;
use super::state::{CacheState, Source, MIN_REQUESTS};
use crate::kit::Shared;
use crate::ui::readout::count;
use crate::ui::seed_field::SeedField;
use crate::ui::slider::{Scale, Slider};
use leptos::prelude::*;
use sim::cache::trace::{parse_sequence, to_sequence, Trace, MAX_TYPED};
use sim::cache::workload::{Shape, MAX_REQUESTS, MAX_UNIVERSE};

/// Controls behind "More" unless a scene names one.
const TUCKED: [&str; 7] = ["alpha", "keys", "requests", "hot", "scan", "import", "seed"];

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
    /// The controls the scene on screen offers.
    #[prop(into)]
    scene_controls: Signal<&'static [&'static str]>,
) -> impl IntoView {
    let more = RwSignal::new(false);
    let seq_problems = RwSignal::new(Vec::<String>::new());
    let source = Memo::new(move |_| state.with(|s| s.source));
    // An imported trace keeps its report in view.
    let open = Memo::new(move |_| {
        more.get()
            || source.get() == Source::Imported
            || scene_controls.with(|c| c.iter().any(|n| TUCKED.contains(n)))
    });
    let shape = move || match source.get() {
        Source::Generated(s) => Some(s),
        _ => None,
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
        <section class="panel workload-panel" aria-labelledby="cache-work-h" data-figure="workload">
            <h2 id="cache-work-h">"Workload"</h2>
            <div class="field" data-control="source">
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
                <div class="field wide" data-control="sequence">
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
            <p class="note" data-metric="requests" data-value=move || workload.with(|w| w.keys.len().to_string())>
                {move || workload.with(|w| format!("{} requests over {} distinct keys.", count(w.keys.len() as f64), count(f64::from(w.universe))))}
                <span class="updating" id="cache-updating" aria-live="polite">{move || if updating.get() { " Updating…" } else { "" }}</span>
            </p>
            <button type="button" class="more-toggle" id="cache-more-toggle" aria-controls="cache-more"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                on:click=move |_| more.update(|m| *m = !*m)>
                {move || if open.get() { "Fewer workload settings" } else { "More workload settings" }}
            </button>
            <div class="more-body" id="cache-more" class:open=open>
            <Show when=move || shape().is_some()>
                <div class="controls two-col">
                    <Show when=move || matches!(shape(), Some(Shape::Zipf | Shape::Scan | Shape::Shift))>
                        <Slider attr:data-control="alpha" id="cache-alpha" label="Zipf skew α" min=0.0 max=2.0 step=0.05
                            value=Signal::derive(move || state.with(|s| s.alpha))
                            on_change=set(|s, v| s.alpha = v)
                            format=Callback::new(|v: f64| format!("{v:.2}"))
                            hint="0 is uniform; around 1 is typical of web and key-value traffic."/>
                    </Show>
                    <Slider attr:data-control="keys" id="cache-keys" label="Distinct keys"
                        min=1.0 max=f64::from(MAX_UNIVERSE) scale=Scale::Log
                        value=Signal::derive(move || f64::from(state.with(|s| s.universe)))
                        on_change=set(|s, v| {
                            s.universe = (v.round() as u32).clamp(1, MAX_UNIVERSE);
                            s.hot = s.hot.min(s.universe);
                        })
                        format=Callback::new(|v: f64| count(v.round()))
                        hint="For a loop, its length."/>
                    <Slider attr:data-control="requests" id="cache-reqs" label="Requests" min=f64::from(MIN_REQUESTS) max=MAX_REQUESTS as f64 scale=Scale::Log
                        value=Signal::derive(move || f64::from(state.with(|s| s.requests)))
                        on_change=set(|s, v| s.requests = (v.round() as u32).clamp(MIN_REQUESTS, MAX_REQUESTS as u32))
                        format=Callback::new(|v: f64| count(v.round()))
                        hint="Step mode walks through the first 200."/>
                    <Show when=move || shape() == Some(Shape::Scan)>
                        <Slider attr:data-control="hot" id="cache-hot" label="Hot keys" min=1.0 max=f64::from(MAX_UNIVERSE) scale=Scale::Log
                            value=Signal::derive(move || f64::from(state.with(|s| s.hot)))
                            on_change=set(|s, v| s.hot = (v.round() as u32).clamp(1, s.universe))
                            format=Callback::new(|v: f64| count(v.round()))/>
                        <Slider attr:data-control="scan" id="cache-scan" label="Share of scan requests" min=0.0 max=0.95 step=0.05
                            value=Signal::derive(move || state.with(|s| s.scan_share))
                            on_change=set(|s, v| s.scan_share = v)
                            format=Callback::new(|v: f64| format!("{:.0}%", v * 100.0))/>
                    </Show>
                </div>
            </Show>
            <ImportBox state=state imported=imported/>
            <SeedField attr:data-control="seed" id="cache" seed=Signal::derive(move || state.with(|s| s.seed))
                on_change=Callback::new(move |v: u64| state.update(|s| s.seed = v))/>
            </div>
        </section>
    }
}
