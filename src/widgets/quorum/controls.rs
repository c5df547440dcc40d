//! The quorum controls beside the diagram: N, W and R first; the k of "one
//! of the last k versions", the simulations' trials and the seed behind
//! "More" until a scene names one. Each group is a `data-control` block, so
//! slides and scene embeds show only the ones their scene names.

use super::state::{QuorumState, MAX_K, MAX_N, MAX_TRIALS, MIN_TRIALS};
use super::{setter, whole};
use crate::ui::readout::count;
use crate::ui::seed_field::SeedField;
use crate::ui::slider::{Scale, Slider};
use leptos::prelude::*;

/// Controls behind "More" unless a scene names one.
pub const TUCKED: [&str; 3] = ["k", "trials", "seed"];

/// Whether the tucked controls show: asked for, or named by the scene.
pub fn more_open(asked: bool, scene_controls: &[&str]) -> bool {
    asked || scene_controls.iter().any(|c| TUCKED.contains(c))
}

/// The controls.
#[component]
pub fn QuorumControls(
    /// The widget state.
    state: RwSignal<QuorumState>,
    /// The controls the scene on screen offers.
    #[prop(into)]
    scene_controls: Signal<&'static [&'static str]>,
) -> impl IntoView {
    let more = RwSignal::new(false);
    let open = Memo::new(move |_| scene_controls.with(|c| more_open(more.get(), c)));
    let set = move |f| setter(state, f);
    view! {
        <div class="controls quorum-controls">
            <div class="control-group" data-control="n">
                <Slider id="q-n" label="Replicas N" min=1.0 max=f64::from(MAX_N)
                    value=Signal::derive(move || f64::from(state.with(|s| s.n)))
                    on_change=set(|s, v| s.set_n(v as u32)) format=Callback::new(whole)/>
            </div>
            <div class="control-group" data-control="w">
                <Slider id="q-w" label="Write quorum W" min=1.0 max=f64::from(MAX_N)
                    value=Signal::derive(move || f64::from(state.with(|s| s.w)))
                    on_change=set(|s, v| s.w = (v as u32).clamp(1, s.n)) format=Callback::new(whole)
                    hint="Acks a write waits for (at most N)."/>
            </div>
            <div class="control-group" data-control="r">
                <Slider id="q-r" label="Read quorum R" min=1.0 max=f64::from(MAX_N)
                    value=Signal::derive(move || f64::from(state.with(|s| s.r)))
                    on_change=set(|s, v| s.r = (v as u32).clamp(1, s.n)) format=Callback::new(whole)
                    hint="Replies a read waits for (at most N)."/>
            </div>
            <button type="button" class="more-toggle" id="q-more-toggle" aria-controls="q-more"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                on:click=move |_| more.update(|m| *m = !*m)>
                {move || if open.get() { "Fewer controls" } else { "More controls" }}
            </button>
            <div class="more-body" id="q-more" class:open=open>
                <div class="control-group" data-control="k">
                    <Slider id="q-k" label="Last k versions" min=1.0 max=f64::from(MAX_K)
                        value=Signal::derive(move || f64::from(state.with(|s| s.k)))
                        on_change=set(|s, v| s.k = v as u32) format=Callback::new(whole)
                        hint="For the chance a read returns one of the last k writes."/>
                </div>
                <div class="control-group" data-control="trials">
                    <Slider id="q-trials" label="Monte Carlo trials" min=f64::from(MIN_TRIALS) max=f64::from(MAX_TRIALS) scale=Scale::Log
                        value=Signal::derive(move || f64::from(state.with(|s| s.trials)))
                        on_change=set(|s, v| s.trials = (v.round() as u32).clamp(MIN_TRIALS, MAX_TRIALS))
                        format=Callback::new(count)
                        hint="Each simulation runs at most 30,000 ÷ N of them, to stay within a frame."/>
                </div>
                <div class="control-group" data-control="seed">
                    <SeedField id="q" seed=Signal::derive(move || state.with(|s| s.seed))
                        on_change=Callback::new(move |v: u64| state.update(|s| s.seed = v))/>
                </div>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jargon_waits_behind_more_until_a_scene_names_it() {
        assert!(!more_open(false, &["w", "r"]));
        assert!(more_open(false, &["r", "trials"]));
        assert!(more_open(true, &[]));
    }
}
