//! The cost section, following the architecture shown: for cells, blast
//! radius and cost against the number of cells, with each cell's overhead
//! and headroom; for shuffle sharding, who a poison tenant reaches and what
//! the pool costs against the shard size; for one deployment, the baseline.
//! Each curve places every tenant several times, so it follows the controls
//! once they have been still.

use super::model;
use super::shard_cost;
use super::state::{ArchKind, CellsState};
use super::update::setter;
use crate::kit::settle::settle;
use crate::kit::Shared;
use crate::ui::line_chart::LineChart;
use crate::ui::readout::percent;
use crate::ui::slider::Slider;
use crate::ui::theme::Theme;
use leptos::prelude::*;
use sim::cells::population::Population;

/// How long the controls must be still before a curve (a placement of the
/// whole population per point) is recomputed, ms.
const CURVE_SETTLE_MS: u32 = 250;

/// The cost section.
#[component]
pub fn CostPanel(
    /// The widget state.
    state: RwSignal<CellsState>,
    /// The tenants.
    pop: Memo<Shared<Population>>,
) -> impl IntoView {
    let arch = Memo::new(move |_| state.with(|s| s.arch));
    view! {
        <section class="panel" aria-labelledby="cells-cost-h" data-figure="cost" data-arch=move || match arch.get() {
            ArchKind::Shared => "shared",
            ArchKind::Cells => "cells",
            ArchKind::Shuffle => "shuffle",
        }>
            <h2 id="cells-cost-h">"What isolation costs"</h2>
            {move || match arch.get() {
                ArchKind::Shared => view! {
                    <p class="note">"One shared deployment is the baseline the other architectures are priced against: it costs 1 by definition, and one failure in it reaches every tenant. Choose cells or shuffle sharding to see what isolation buys and what it costs."</p>
                }.into_any(),
                ArchKind::Cells => view! { <CellsCost state=state pop=pop/> }.into_any(),
                ArchKind::Shuffle => view! { <ShuffleCost state=state pop=pop/> }.into_any(),
            }}
        </section>
    }
}

/// Cells: blast radius and cost against the number of cells.
#[component]
fn CellsCost(state: RwSignal<CellsState>, pop: Memo<Shared<Population>>) -> impl IntoView {
    let theme = expect_context::<Theme>();
    // The trade-off curve follows the controls once they have been still.
    let curve_key = Memo::new(move |_| {
        state.with(|s| {
            (
                s.tenants,
                s.skew,
                s.skew_param.to_bits(),
                s.seed,
                s.strategy,
                s.dedicated,
                s.overhead.to_bits(),
                s.headroom.to_bits(),
            )
        })
    });
    let (curve_settled, curve_updating) = settle(curve_key, CURVE_SETTLE_MS, |_| true);
    let curve = Memo::new(move |_| {
        let _ = curve_settled.get();
        Shared::new(pop.with_untracked(|p| state.with_untracked(|s| model::cost_curve(s, p))))
    });
    let cells_now = Memo::new(move |_| state.with(|s| s.cells));
    let radius_chart = Memo::new(move |_| {
        curve.with(|c| model::radius_chart(c, cells_now.get(), theme.dark.get()))
    });
    let cost_chart =
        Memo::new(move |_| curve.with(|c| model::cost_chart(c, cells_now.get(), theme.dark.get())));
    let set = setter(state);
    let pct = Callback::new(percent);
    view! {
        <p class="note">"Each cell is provisioned like the busiest one, with its own headroom and a fixed overhead. More cells shrink what one failure reaches and raise the bill."
            <span class="updating" id="cells-curve-updating">{move || if curve_updating.get() { " Updating…" } else { "" }}</span></p>
        <div class="controls two-col">
            <Slider attr:data-control="overhead" id="cells-overhead" label="Fixed overhead per cell" min=0.0 max=0.2 step=0.005
                value=Signal::derive(move || state.with(|s| s.overhead))
                on_change=set(|s, v| s.overhead = v) format=pct
                hint="As a share of the whole fleet's baseline capacity: control planes, minimum sizes, tooling."/>
            <Slider attr:data-control="headroom" id="cells-headroom" label="Headroom each cell keeps" min=0.0 max=1.0 step=0.05
                value=Signal::derive(move || state.with(|s| s.headroom))
                on_change=set(|s, v| s.headroom = v) format=pct/>
        </div>
        <div class="chart-pair">
            <LineChart id="cells-radius-chart" title="Blast radius against cells" data=radius_chart label=Signal::derive(move || "Share of tenants and of traffic hit when one cell fails, against the number of cells".to_owned())/>
            <LineChart id="cells-cost-chart" title="Cost against cells" data=cost_chart label=Signal::derive(move || "Cost relative to one shared deployment, against the number of cells".to_owned())/>
        </div>
    }
}

/// Shuffle sharding: who a poison tenant reaches and what the pool costs,
/// against the shard size, over the workers shown.
#[component]
fn ShuffleCost(state: RwSignal<CellsState>, pop: Memo<Shared<Population>>) -> impl IntoView {
    let theme = expect_context::<Theme>();
    let curve_key = Memo::new(move |_| {
        state.with(|s| (s.tenants, s.skew, s.skew_param.to_bits(), s.seed, s.workers))
    });
    let (curve_settled, curve_updating) = settle(curve_key, CURVE_SETTLE_MS, |_| true);
    let curve = Memo::new(move |_| {
        let _ = curve_settled.get();
        Shared::new(pop.with_untracked(|p| state.with_untracked(|s| shard_cost::curve(s, p))))
    });
    let k = Memo::new(move |_| state.with(|s| s.shard));
    let radius_chart =
        Memo::new(move |_| curve.with(|c| shard_cost::radius_chart(c, k.get(), theme.dark.get())));
    let cost_chart =
        Memo::new(move |_| curve.with(|c| shard_cost::cost_chart(c, k.get(), theme.dark.get())));
    let workers = move || state.with(|s| s.workers);
    view! {
        <p class="note">{move || format!(
            "The {} workers are one pool: no cell pays an overhead of its own, but every worker is provisioned like the busiest. Larger shards spread each tenant over more workers, which evens the load and shrinks the pool, and let a poison tenant reach more of its neighbours.",
            workers()
        )}<span class="updating" id="cells-curve-updating">{move || if curve_updating.get() { " Updating…" } else { "" }}</span></p>
        <div class="chart-pair">
            <LineChart id="cells-shard-radius-chart" title="Blast radius against shard size" data=radius_chart label=Signal::derive(move || "Share of the other tenants a poison tenant hits at all, and on its very shard, against the shard size (closed form)".to_owned())/>
            <LineChart id="cells-shard-cost-chart" title="Cost against shard size" data=cost_chart label=Signal::derive(move || "Cost of the worker pool relative to one shared deployment, against the shard size".to_owned())/>
        </div>
    }
}
