//! The cost section: blast radius and cost against the number of cells,
//! with each cell's overhead and headroom. The curve places every tenant a
//! dozen times, so it follows the controls once they have been still.

use super::model;
use super::state::CellsState;
use super::update::setter;
use crate::kit::settle::settle;
use crate::kit::Shared;
use crate::ui::line_chart::LineChart;
use crate::ui::readout::percent;
use crate::ui::slider::Slider;
use crate::ui::theme::Theme;
use leptos::prelude::*;
use sim::cells::population::Population;

/// How long the controls must be still before the trade-off curve (a dozen
/// placements of the whole population) is recomputed, ms.
const CURVE_SETTLE_MS: u32 = 250;

/// The cost section.
#[component]
pub fn CostPanel(
    /// The widget state.
    state: RwSignal<CellsState>,
    /// The tenants.
    pop: Memo<Shared<Population>>,
) -> impl IntoView {
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
        <section class="panel" aria-labelledby="cells-cost-h" data-figure="cost">
            <h2 id="cells-cost-h">"What isolation costs"</h2>
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
        </section>
    }
}
