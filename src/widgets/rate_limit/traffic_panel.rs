//! Where requests come from: the source, the generator's parameters, or
//! importing timestamps by paste or file.

use super::state::{
    RateState, Source, MAX_CLIENTS, MAX_DURATION, MAX_RATE, MAX_WINDOW_MS, MIN_DURATION, MIN_RATE,
};
use crate::kit::import::read_chosen_text;
use crate::kit::import::{ImportReport, ImportReportView};
use crate::kit::Shared;
use crate::ui::readout::count;
use crate::ui::seed_field::SeedField;
use crate::ui::slider::{Scale, Slider};
use leptos::prelude::*;
use sim::rate_limit::import::{import, Imported, Unit, MAX_INPUT_BYTES, MAX_ROWS};
use sim::rate_limit::traffic::TrafficKind;
use sim::rate_limit::Request;

/// The report of an import of timestamps.
fn report_of(i: &Imported) -> ImportReport {
    let n = i.requests.len();
    ImportReport {
        kept: Some((n, format!("Kept {} requests.", count(n as f64)))),
        problems: i.problems.iter().map(ToString::to_string).collect(),
        more: i.problem_count.saturating_sub(i.problems.len()),
        truncated: i
            .truncated
            .then(|| format!("read the first {} MiB", MAX_INPUT_BYTES / (1024 * 1024))),
    }
}

/// Where requests come from: the control that matters beside the limit.
#[component]
pub fn SourcePicker(
    /// The widget state.
    state: RwSignal<RateState>,
) -> impl IntoView {
    let source = Memo::new(move |_| state.with(|s| s.source));
    view! {
        <div class="field" data-control="traffic">
            <label for="rl-traffic">"Requests from"</label>
            <select id="rl-traffic" on:change=move |ev| {
                if let Some(src) = Source::from_slug(&event_target_value(&ev)) {
                    state.update(|s| {
                        s.source = src;
                        s.t_ms = 0.0;
                        s.zoom = None;
                        if src == Source::Hand {
                            s.live = true;
                        }
                    });
                }
            }>
                {Source::all().into_iter().map(|src| view! {
                    <option value=src.slug() selected=move || source.get() == src>{src.label()}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// The generator's parameters for the chosen source, the requests fired by
/// hand, importing timestamps, and the seed.
#[component]
pub fn TrafficDetails(
    /// The widget state.
    state: RwSignal<RateState>,
    /// Timestamps imported in this tab (never in the URL).
    imported: RwSignal<Option<Shared<Vec<Request>>>>,
) -> impl IntoView {
    let source = Memo::new(move |_| state.with(|s| s.source));
    let kind = move || match source.get() {
        Source::Generated(k) => Some(k),
        _ => None,
    };
    let has = move |ks: &'static [TrafficKind]| move || kind().is_some_and(|k| ks.contains(&k));
    let set =
        move |f: fn(&mut RateState, f64)| Callback::new(move |v: f64| state.update(|s| f(s, v)));
    let int = |v: f64| count(v.round());
    let msf = |v: f64| format!("{} ms", count(v.round()));

    view! {
        <div class="traffic-details">
            <div class="controls two-col">
                <Show when=has(&[TrafficKind::Poisson, TrafficKind::OnOff, TrafficKind::Spike, TrafficKind::Clients])>
                    <Slider attr:data-control="rate" id="rl-rate" label="Arrival rate" min=MIN_RATE max=MAX_RATE scale=Scale::Log
                        value=Signal::derive(move || state.with(|s| s.rate))
                        on_change=set(|s, v| s.rate = v.clamp(MIN_RATE, MAX_RATE))
                        format=Callback::new(|v: f64| if v < 10.0 { format!("{v:.1}/s") } else { format!("{}/s", count(v.round())) })
                        hint="Mean requests per second (the background for a spike, the noisiest client for several)."/>
                    <Slider attr:data-control="dur" id="rl-dur" label="Stream length" min=MIN_DURATION max=MAX_DURATION scale=Scale::Log
                        value=Signal::derive(move || state.with(|s| s.duration))
                        on_change=set(|s, v| s.duration = v.clamp(MIN_DURATION, MAX_DURATION))
                        format=Callback::new(|v: f64| format!("{v:.1} s"))/>
                </Show>
                <Show when=has(&[TrafficKind::OnOff])>
                    <Slider attr:data-control="on" id="rl-on" label="On for" min=10.0 max=60_000.0 scale=Scale::Log
                        value=Signal::derive(move || f64::from(state.with(|s| s.on_ms)))
                        on_change=set(|s, v| s.on_ms = v.round().max(1.0) as u32) format=Callback::new(msf)/>
                    <Slider attr:data-control="off" id="rl-off" label="Off for" min=10.0 max=60_000.0 scale=Scale::Log
                        value=Signal::derive(move || f64::from(state.with(|s| s.off_ms).max(10)))
                        on_change=set(|s, v| s.off_ms = v.round() as u32) format=Callback::new(msf)/>
                </Show>
                <Show when=has(&[TrafficKind::Spike])>
                    <Slider attr:data-control="at" id="rl-at" label="Spike at" min=0.0 max=MAX_DURATION step=0.1
                        value=Signal::derive(move || state.with(|s| s.spike_at))
                        on_change=set(|s, v| s.spike_at = v.clamp(0.0, s.duration)) format=Callback::new(|v: f64| format!("{v:.1} s"))/>
                    <Slider attr:data-control="count" id="rl-count" label="Requests in the spike" min=1.0 max=100_000.0 scale=Scale::Log
                        value=Signal::derive(move || f64::from(state.with(|s| s.spike_count)))
                        on_change=set(|s, v| s.spike_count = v.round().max(1.0) as u32) format=Callback::new(int)/>
                    <Slider attr:data-control="width" id="rl-width" label="Spike lasts" min=1.0 max=60_000.0 scale=Scale::Log
                        value=Signal::derive(move || f64::from(state.with(|s| s.spike_ms)))
                        on_change=set(|s, v| s.spike_ms = v.round().max(1.0) as u32) format=Callback::new(msf)/>
                </Show>
                <Show when=has(&[TrafficKind::Boundary])>
                    <Slider attr:data-control="spread" id="rl-spread" label="Each half spreads over" min=1.0 max=f64::from(MAX_WINDOW_MS) scale=Scale::Log
                        value=Signal::derive(move || f64::from(state.with(|s| s.spread_ms)))
                        on_change=set(|s, v| s.spread_ms = (v.round() as u32).clamp(1, s.window_ms)) format=Callback::new(msf)
                        hint="L requests in this long before the first window boundary, L more in this long after it."/>
                </Show>
                <Show when=has(&[TrafficKind::Clients])>
                    <Slider attr:data-control="clients" id="rl-clients" label="Clients" min=1.0 max=f64::from(MAX_CLIENTS)
                        value=Signal::derive(move || f64::from(state.with(|s| s.clients)))
                        on_change=set(|s, v| s.clients = (v as u32).clamp(1, MAX_CLIENTS)) format=Callback::new(int)
                        hint="Client 0 sends at the full rate, the others at a quarter of it; each has its own limiter."/>
                </Show>
            </div>
            <ImportDetails state=state imported=imported source=source/>
            <SeedField attr:data-control="seed" id="rl" seed=Signal::derive(move || state.with(|s| s.seed))
                on_change=Callback::new(move |v: u64| state.update(|s| s.seed = v))/>
        </div>
    }
}

/// Importing timestamps: pasted or from a file, with the report of what was
/// kept and skipped.
#[component]
fn ImportDetails(
    state: RwSignal<RateState>,
    imported: RwSignal<Option<Shared<Vec<Request>>>>,
    source: Memo<Source>,
) -> impl IntoView {
    let report = RwSignal::new(ImportReport::default());
    let unit = RwSignal::new(Unit::Millis);
    let accept = move |text: String| {
        let got = import(&text, unit.get_untracked());
        report.set(report_of(&got));
        if !got.requests.is_empty() {
            imported.set(Some(Shared::new(got.requests)));
            state.update(|s| {
                s.source = Source::Imported;
                s.t_ms = 0.0;
            });
        }
    };
    let paste = NodeRef::<leptos::html::Textarea>::new();
    // Only the first MAX_INPUT_BYTES are read; the parser says so when it cuts.
    let on_file = move |ev: leptos::ev::Event| read_chosen_text(&ev, MAX_INPUT_BYTES, accept);

    view! {
        <details class="import" data-control="import" open=move || source.get() == Source::Imported>
            <summary>"Import timestamps"</summary>
            <p class="note">{format!(
                "One request per line: a time, optionally followed by a client name (comma or tab separated). Times may end in s, ms or us; bare numbers use the unit below. Up to {} requests and {} MiB; malformed lines are skipped and listed.",
                count(MAX_ROWS as f64), MAX_INPUT_BYTES / (1024 * 1024)
            )}</p>
            <div class="field">
                <label for="rl-unit">"Bare numbers are"</label>
                <select id="rl-unit" on:change=move |ev| unit.set(match event_target_value(&ev).as_str() {
                    "s" => Unit::Seconds,
                    "us" => Unit::Micros,
                    _ => Unit::Millis,
                })>
                    <option value="s">"seconds"</option>
                    <option value="ms" selected>"milliseconds"</option>
                    <option value="us">"microseconds"</option>
                </select>
            </div>
            <label for="rl-paste">"Paste timestamps"</label>
            <textarea id="rl-paste" rows="4" spellcheck="false" node_ref=paste placeholder="0\n120\n125,alice\n900ms,bob"></textarea>
            <div class="import-actions">
                <button type="button" id="rl-use-paste" on:click=move |_| {
                    if let Some(t) = paste.get_untracked() {
                        accept(t.value());
                    }
                }>"Use pasted timestamps"</button>
                <label for="rl-file">"or choose a file"</label>
                <input type="file" id="rl-file" accept=".txt,.csv,text/plain,text/csv" on:change=on_file/>
            </div>
            <ImportReportView report=report/>
            <Show when=move || source.get() == Source::Imported>
                <p class="note share-note">"A link to this page carries every setting except the imported timestamps, which stay in this tab."</p>
            </Show>
        </details>
    }
}
