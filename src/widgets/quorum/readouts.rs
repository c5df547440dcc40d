//! Two panels of readouts: what the setting survives, and how often a read
//! is stale (the exact figure beside a seeded simulation).

use super::model::{self, Availability};
use super::state::QuorumState;
use super::{whole, yes_no};
use crate::ui::readout::{count, percent, Readout};
use leptos::prelude::*;

/// Whether writes and reads succeed, and how many failures each survives.
#[component]
pub fn AvailabilityPanel(
    /// Quorum arithmetic under the current failures.
    avail: Memo<Availability>,
) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="q-avail-h" data-figure="availability">
            <h2 id="q-avail-h">"Availability"</h2>
            <div class="readouts">
                <Readout metric="can-write" label="Writes succeed" value=Signal::derive(move || Some(f64::from(u8::from(avail.get().can_write)))) format=Callback::new(yes_no)/>
                <Readout metric="can-read" label="Reads succeed" value=Signal::derive(move || Some(f64::from(u8::from(avail.get().can_read)))) format=Callback::new(yes_no)/>
                <Readout metric="write-tolerates" label="Writes survive failures" value=Signal::derive(move || Some(f64::from(avail.get().cfg.write_tolerates()))) format=Callback::new(whole) title="N − W"/>
                <Readout metric="read-tolerates" label="Reads survive failures" value=Signal::derive(move || Some(f64::from(avail.get().cfg.read_tolerates()))) format=Callback::new(whole) title="N − R"/>
                <Readout metric="alive" label="Replicas up" value=Signal::derive(move || Some(f64::from(avail.get().alive))) format=Callback::new(whole)/>
            </div>
        </section>
    }
}

/// The chance a read misses the latest write, exact and simulated.
#[component]
pub fn StalenessPanel(
    /// The widget state.
    state: RwSignal<QuorumState>,
) -> impl IntoView {
    let stale_inputs = Memo::new(move |_| state.with(|s| (s.n, s.r, s.w, s.k, s.trials, s.seed)));
    let staleness = Memo::new(move |_| {
        let _ = stale_inputs.get();
        state.with_untracked(model::staleness)
    });
    let pct = Callback::new(percent);
    view! {
        <section class="panel" aria-labelledby="q-stale-h" data-figure="staleness">
            <h2 id="q-stale-h">"How often a read is stale"</h2>
            <p class="note">"With each operation sent to a random quorum: the exact figure beside a seeded simulation of it."</p>
            <div class="readouts">
                <Readout metric="p-stale" label="Misses the latest write (exact)" value=Signal::derive(move || Some(staleness.get().stale)) format=pct title="C(N−W, R) / C(N, R)"/>
                <Readout metric="p-stale-mc" label="Simulated" value=Signal::derive(move || Some(staleness.get().stale_mc.p)) format=pct/>
                <Readout metric="p-within-k" label="Within the last k versions (exact)" value=Signal::derive(move || Some(staleness.get().within_k)) format=pct title="1 − (C(N−W, R) / C(N, R))^k"/>
                <Readout metric="p-within-k-mc" label="Simulated" value=Signal::derive(move || Some(staleness.get().within_k_mc.p)) format=pct/>
                <Readout metric="mc-trials" label="Trials each" value=Signal::derive(move || Some(staleness.get().stale_mc.trials as f64)) format=Callback::new(count)
                    title="At most 30,000 ÷ N, so a recomputation stays within a frame."/>
            </div>
        </section>
    }
}
