//! Compare mode's controls: workload presets that tell one story each, the
//! policies compared, the cache size, the request rate and LRU+TTL's time to
//! live.

use super::model::{policy_colour, Workload};
use super::state::{CacheState, Source, MAX_RATE, MAX_TTL, MIN_RATE};
use crate::kit::Shared;
use crate::ui::readout::count;
use crate::ui::slider::{Scale, Slider};
use leptos::prelude::*;
use sim::cache::workload::Shape;
use sim::cache::PolicyKind;

/// A workload and cache size that tell one story.
struct ComparePreset {
    label: &'static str,
    shape: Shape,
    alpha: f64,
    universe: u32,
    requests: u32,
    hot: u32,
    scan: f64,
    capacity: u32,
}

const PRESETS: [ComparePreset; 6] = [
    ComparePreset {
        label: "Zipf α = 1, cache 1% of keys",
        shape: Shape::Zipf,
        alpha: 1.0,
        universe: 10_000,
        requests: 100_000,
        hot: 100,
        scan: 0.3,
        capacity: 100,
    },
    ComparePreset {
        label: "A loop a little larger than the cache",
        shape: Shape::Loop,
        alpha: 1.0,
        universe: 1_100,
        requests: 100_000,
        hot: 100,
        scan: 0.3,
        capacity: 1_000,
    },
    ComparePreset {
        label: "Scans through a hot set",
        shape: Shape::Scan,
        alpha: 0.8,
        universe: 20_000,
        requests: 200_000,
        hot: 500,
        scan: 0.5,
        capacity: 600,
    },
    ComparePreset {
        label: "The hotspot moves",
        shape: Shape::Shift,
        alpha: 1.0,
        universe: 10_000,
        requests: 200_000,
        hot: 100,
        scan: 0.3,
        capacity: 300,
    },
    ComparePreset {
        label: "Uniform: nothing to learn",
        shape: Shape::Uniform,
        alpha: 1.0,
        universe: 10_000,
        requests: 100_000,
        hot: 100,
        scan: 0.3,
        capacity: 1_000,
    },
    ComparePreset {
        label: "A million requests, 100,000 keys",
        shape: Shape::Zipf,
        alpha: 1.0,
        universe: 100_000,
        requests: 1_000_000,
        hot: 100,
        scan: 0.3,
        capacity: 1_000,
    },
];

/// The preset row, the policy checkboxes and the sliders.
#[component]
pub fn CompareControls(
    /// The widget state.
    state: RwSignal<CacheState>,
    /// The requests.
    workload: Memo<Shared<Workload>>,
    /// The cache size the table describes.
    chosen: Memo<usize>,
) -> impl IntoView {
    view! {
        <div class="presets" role="group" aria-label="Compare presets" data-control="compare-presets">
            {PRESETS.iter().enumerate().map(|(i, p)| {
                let (shape, alpha, universe, requests, hot, scan, capacity) = (p.shape, p.alpha, p.universe, p.requests, p.hot, p.scan, p.capacity);
                view! {
                    <button type="button" class="preset" data-preset=i on:click=move |_| state.update(|s| {
                        s.source = Source::Generated(shape);
                        s.alpha = alpha;
                        s.universe = universe;
                        s.requests = requests;
                        s.hot = hot;
                        s.scan_share = scan;
                        s.capacity = capacity;
                    })>{p.label}</button>
                }
            }).collect_view()}
        </div>
        <fieldset class="policy-picks" data-control="policies">
            <legend>"Policies"</legend>
            {PolicyKind::ALL.into_iter().map(|k| {
                let id = format!("pick-{}", k.slug());
                let label_for = id.clone();
                let swatch = format!("background:{}", policy_colour(k));
                view! {
                    <label class="check" for=label_for>
                        <input type="checkbox" id=id
                            prop:checked=move || state.with(|s| s.policies.contains(&k))
                            on:change=move |_| state.update(|s| s.toggle_policy(k))/>
                        <span class="swatch" style=swatch></span>{k.label()}
                    </label>
                }
            }).collect_view()}
        </fieldset>
        <div class="controls two-col">
            <Slider attr:data-control="capacity" id="cache-cap" label="Cache size (entries)" min=1.0 max=f64::from(sim::cache::workload::MAX_UNIVERSE) scale=Scale::Log
                value=Signal::derive(move || chosen.get() as f64)
                on_change=Callback::new(move |v: f64| {
                    let top = workload.with_untracked(|w| w.universe);
                    state.update(|s| s.capacity = (v.round() as u32).clamp(1, top));
                })
                format=Callback::new(|v: f64| count(v.round()))
                hint="Up to the number of distinct keys."/>
            <Slider attr:data-control="rate" id="cache-rate" label="Requests per second" min=MIN_RATE max=MAX_RATE scale=Scale::Log
                value=Signal::derive(move || state.with(|s| s.rate))
                on_change=Callback::new(move |v: f64| state.update(|s| s.rate = v.round().max(MIN_RATE)))
                format=Callback::new(|v: f64| format!("{}/s", count(v.round())))
                hint="Each miss becomes a request to the backing store."/>
            <Slider attr:data-control="ttl" id="cache-ttl" label="LRU+TTL: time to live (requests)" min=1.0 max=f64::from(MAX_TTL) scale=Scale::Log
                value=Signal::derive(move || f64::from(state.with(|s| s.ttl).max(1)))
                on_change=Callback::new(move |v: f64| state.update(|s| s.ttl = (v.round() as u32).clamp(1, MAX_TTL)))
                format=Callback::new(|v: f64| count(v.round()))/>
        </div>
    }
}
