//! The top of the page: the replicas with a sampled write set and read set,
//! beside the controls of N, W, R, k, the trials and the seed.

use super::model::{self, Availability};
use super::replicas::{ReplicaSvg, ReplicaView};
use super::state::{QuorumState, MAX_K, MAX_N, MAX_TRIALS, MIN_TRIALS};
use super::{setter, whole};
use crate::ui::readout::count;
use crate::ui::seed_field::SeedField;
use crate::ui::slider::{Scale, Slider};
use leptos::prelude::*;

/// The replica diagram and the quorum controls.
#[component]
pub fn Setup(
    /// The widget state.
    state: RwSignal<QuorumState>,
    /// Quorum arithmetic under the current failures.
    avail: Memo<Availability>,
) -> impl IntoView {
    let set_inputs = Memo::new(move |_| state.with(|s| (s.n, s.r, s.w, s.failed.clone(), s.seed)));
    let replica_view = Memo::new(move |_| {
        let (n, _, _, failed, _) = set_inputs.get();
        let (write_set, read_set) = state.with_untracked(model::sample_sets);
        ReplicaView {
            n,
            write_set,
            read_set,
            failed,
        }
    });
    let set = move |f| setter(state, f);

    view! {
        <div class="widget-grid">
            <figure class="diagram" data-figure="replicas">
                <ReplicaSvg view=replica_view on_toggle=Callback::new(move |i| state.update(|s| s.toggle_failed(i)))/>
                <p class="badge-line" data-metric="overlap-guaranteed"
                    data-value=Signal::derive(move || if avail.get().cfg.overlaps() { "1" } else { "0" })>
                    {Signal::derive(move || {
                        let a = avail.get();
                        if a.cfg.overlaps() {
                            let m = a.cfg.min_overlap();
                            let noun = if m == 1 { "replica" } else { "replicas" };
                            format!("R + W > N: every read overlaps the latest write in at least {m} {noun}.")
                        } else {
                            "R + W ≤ N: a read can miss the latest write entirely.".to_owned()
                        }
                    })}
                </p>
                <figcaption>"Orange lines: a sampled write set. Blue dashed: a sampled read set; a replica in both gets both lines and a dot. Click a replica (or focus it and press Enter) to crash it."</figcaption>
            </figure>
            <div class="controls">
                <Slider attr:data-control="n" id="q-n" label="Replicas N" min=1.0 max=f64::from(MAX_N)
                    value=Signal::derive(move || f64::from(state.with(|s| s.n)))
                    on_change=set(|s, v| s.set_n(v as u32)) format=Callback::new(whole)/>
                <Slider attr:data-control="w" id="q-w" label="Write quorum W" min=1.0 max=f64::from(MAX_N)
                    value=Signal::derive(move || f64::from(state.with(|s| s.w)))
                    on_change=set(|s, v| s.w = (v as u32).clamp(1, s.n)) format=Callback::new(whole)
                    hint="Acks a write waits for (clamped to N)."/>
                <Slider attr:data-control="r" id="q-r" label="Read quorum R" min=1.0 max=f64::from(MAX_N)
                    value=Signal::derive(move || f64::from(state.with(|s| s.r)))
                    on_change=set(|s, v| s.r = (v as u32).clamp(1, s.n)) format=Callback::new(whole)
                    hint="Replies a read waits for (clamped to N)."/>
                <Slider attr:data-control="k" id="q-k" label="Last k versions" min=1.0 max=f64::from(MAX_K)
                    value=Signal::derive(move || f64::from(state.with(|s| s.k)))
                    on_change=set(|s, v| s.k = v as u32) format=Callback::new(whole)/>
                <Slider attr:data-control="trials" id="q-trials" label="Monte Carlo trials" min=f64::from(MIN_TRIALS) max=f64::from(MAX_TRIALS) scale=Scale::Log
                    value=Signal::derive(move || f64::from(state.with(|s| s.trials)))
                    on_change=set(|s, v| s.trials = (v.round() as u32).clamp(MIN_TRIALS, MAX_TRIALS))
                    format=Callback::new(count)
                    hint="Each simulation runs at most 30,000 ÷ N of them, to stay within a frame."/>
                <SeedField attr:data-control="seed" id="q" seed=Signal::derive(move || state.with(|s| s.seed))
                    on_change=Callback::new(move |v: u64| state.update(|s| s.seed = v))/>
            </div>
        </div>
    }
}
