//! The limit's controls: L requests per window W, the buckets' burst, and
//! which algorithms are shown. Each is a `data-control` block, so a slide or
//! a scene embed shows only the ones its scene names.

use super::model::ms;
use super::state::{RateState, MAX_LIMIT, MAX_WINDOW_MS, MIN_WINDOW_MS};
use crate::ui::readout::count;
use crate::ui::slider::{Scale, Slider};
use leptos::prelude::*;
use sim::rate_limit::AlgorithmKind;

/// A setter of the state from a slider's value.
fn setter(state: RwSignal<RateState>, f: fn(&mut RateState, f64)) -> Callback<f64> {
    Callback::new(move |v: f64| state.update(|s| f(s, v)))
}

/// The limit L: the control that matters most.
#[component]
pub fn LimitSlider(
    /// The widget state.
    state: RwSignal<RateState>,
) -> impl IntoView {
    view! {
        <Slider attr:data-control="limit" id="rl-limit" label="Requests allowed, L" min=1.0 max=f64::from(MAX_LIMIT) scale=Scale::Log
            value=Signal::derive(move || f64::from(state.with(|s| s.limit)))
            on_change=setter(state, |s, v| {
                let old = s.limit;
                s.limit = (v.round() as u32).clamp(1, MAX_LIMIT);
                // The burst follows the limit unless it was set apart.
                if s.burst == old {
                    s.burst = s.limit;
                }
            })
            format=Callback::new(|v: f64| count(v.round()))/>
    }
}

/// The window W and the buckets' burst.
#[component]
pub fn WindowSliders(
    /// The widget state.
    state: RwSignal<RateState>,
) -> impl IntoView {
    view! {
        <Slider attr:data-control="window" id="rl-window" label="Per window, W" min=f64::from(MIN_WINDOW_MS) max=f64::from(MAX_WINDOW_MS) scale=Scale::Log
            value=Signal::derive(move || f64::from(state.with(|s| s.window_ms)))
            on_change=setter(state, |s, v| s.window_ms = (v.round() as u32).clamp(MIN_WINDOW_MS, MAX_WINDOW_MS))
            format=Callback::new(ms)/>
        <Slider attr:data-control="burst" id="rl-burst" label="Burst (buckets and GCRA)" min=1.0 max=f64::from(MAX_LIMIT) scale=Scale::Log
            value=Signal::derive(move || f64::from(state.with(|s| s.burst)))
            on_change=setter(state, |s, v| s.burst = (v.round() as u32).clamp(1, MAX_LIMIT))
            format=Callback::new(|v: f64| count(v.round()))
            hint="How many may pass at once when the bucket is full (the queue: burst − 1 waiting behind the one leaving); the window counters ignore it."/>
    }
}

/// Which algorithms are shown.
#[component]
pub fn AlgoPicks(
    /// The widget state.
    state: RwSignal<RateState>,
) -> impl IntoView {
    view! {
        <fieldset class="policy-picks" data-control="algos">
            <legend>"Algorithms"</legend>
            {AlgorithmKind::ALL.into_iter().map(|k| {
                let id = format!("algo-{}", k.slug());
                let label_for = id.clone();
                view! {
                    <label class="check" for=label_for>
                        <input type="checkbox" id=id
                            prop:checked=move || state.with(|s| s.algos.contains(&k))
                            on:change=move |_| state.update(|s| s.toggle_algo(k))/>
                        {k.label()}
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}
