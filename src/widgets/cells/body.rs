//! The cells widget's body: the population, its placement and the fault's
//! damage computed from the state, the deploy's clock, and the page: the grid
//! first with its legend, the controls that matter beside it (the rest behind
//! "More"), then the fault, the overlap and the cost.

use super::controls::ArchControls;
use super::cost_panel::CostPanel;
use super::fault_panel::DeployClock;
use super::fault_panel::FaultPanel;
use super::figure::GridFigure;
use super::model::{self, FaultView};
use super::overlap_panel::OverlapPanel;
use super::state::{ArchKind, CellsState, Fault};
use crate::kit::later::Later;
use crate::kit::settle::settle;
use crate::kit::{Shared, Stage};
use leptos::prelude::*;
use sim::cells::deploy::Timeline;
use sim::cells::placement::Placement;
use sim::cells::population::Population;
use std::sync::Arc;

/// Populations larger than this wait for still controls before a guarded
/// shuffle placement: keeping every pair of tenants' shards apart costs about a
/// million set insertions at 100,000 tenants, longer than a frame.
const LARGE_GUARDED: u32 = 10_000;
/// How long the controls must be still before such a placement runs, ms.
const PLACE_SETTLE_MS: u32 = 150;

/// Tenants sorted for the grid before falling back to the whole population.
const HEAVIEST: usize = 20_000;

/// The tenants, where they are placed, and what the fault does to them.
#[derive(Clone, Copy)]
pub struct Placed {
    /// The tenants.
    pub pop: Memo<Shared<Population>>,
    /// Where they are.
    pub placement: Memo<Shared<Placement>>,
    /// Per unit: its heaviest tenants as dots, and its tenant count.
    pub dots: Memo<(Arc<model::UnitDots>, Arc<Vec<u32>>)>,
    /// The deploy, when the fault is one.
    pub timeline: Memo<Shared<Option<Timeline>>>,
    /// What the fault breaks.
    pub fault: Memo<Shared<FaultView>>,
    /// Shuffle sharding: how much the picked (or poison) tenant's shard
    /// overlaps the others'.
    pub overlap: Memo<Option<model::Overlap>>,
    /// The placement lags behind the controls (a large guarded one waits).
    pub placing: Memo<bool>,
}

/// The population, the placement, the grid's dots, the deploy timeline and
/// the fault's damage, each following only the controls it depends on.
fn placed(state: RwSignal<CellsState>) -> Placed {
    let pop_inputs =
        Memo::new(move |_| state.with(|s| (s.tenants, s.skew, s.skew_param.to_bits(), s.seed)));
    let pop = Memo::new(move |_| {
        let _ = pop_inputs.get();
        Shared::new(state.with_untracked(model::population))
    });
    let arch_inputs = Memo::new(move |_| state.with(CellsState::placement_inputs));
    // The placement follows its controls at once, except a shuffle placement
    // with an overlap guarantee over a large population: that one follows once
    // the controls have been still, so a drag costs one placement at its end.
    let (arch_calc, placing) = settle(arch_inputs, PLACE_SETTLE_MS, move |a: &CellsState| {
        a.arch == ArchKind::Shuffle
            && a.max_overlap.is_some()
            && state.with_untracked(|s| s.tenants) > LARGE_GUARDED
    });
    let placement =
        Memo::new(move |_| arch_calc.with(|a| pop.with(|p| Shared::new(model::placement(a, p)))));
    // Heaviest first, the top few thousand, once per population: enough for
    // the grid to show each unit's heaviest tenants; the whole order only
    // when those do not fill every unit.
    let order = Memo::new(move |_| pop.with(|p| Shared::new(model::heaviest(p, HEAVIEST))));
    let dots = Memo::new(move |_| {
        placement.with(|pl| {
            pop.with(|p| {
                let (mut d, mut c, full) = order.with(|o| model::grid_dots(p, pl, o));
                if !full && p.len() > HEAVIEST {
                    (d, c, _) = model::grid_dots(p, pl, &model::heaviest(p, p.len()));
                }
                (Arc::new(d), Arc::new(c))
            })
        })
    });
    let deploy_inputs =
        Memo::new(move |_| state.with(|s| (s.fault, s.wave, s.bake, s.detect, s.rollback)));
    let timeline = Memo::new(move |_| {
        let _ = deploy_inputs.get();
        placement
            .with(|pl| pop.with(|p| Shared::new(state.with_untracked(|s| model::deploy(s, p, pl)))))
    });
    let fault_inputs =
        Memo::new(move |_| state.with(|s| (s.fault, s.failed.clone(), s.poison, s.minute)));
    let fault = Memo::new(move |_| {
        let _ = fault_inputs.get();
        placement.with(|pl| {
            pop.with(|p| {
                timeline.with(|tl| {
                    Shared::new(state.with_untracked(|s| model::fault_view(s, p, pl, tl.as_ref())))
                })
            })
        })
    });
    let overlap = Memo::new(move |_| {
        let _ = state.with(|s| (s.poison, s.pick, s.arch));
        placement.with(|pl| state.with_untracked(|s| model::overlap(s, pl)))
    });
    Placed {
        pop,
        placement,
        dots,
        timeline,
        fault,
        overlap,
        placing,
    }
}

/// Deploy playback: a minute every tick while playing. An embed may ask to
/// start playing (the `play` option).
fn deploy_clock(
    state: RwSignal<CellsState>,
    timeline: Memo<Shared<Option<Timeline>>>,
) -> DeployClock {
    let autoplay = use_context::<crate::embed::options::AutoPlay>()
        .unwrap_or_default()
        .0;
    let playing = RwSignal::new(autoplay && state.with_untracked(|s| s.fault == Fault::Deploy));
    let speed = RwSignal::new(1u32);
    let last_minute =
        Memo::new(move |_| timeline.with(|t| t.as_ref().as_ref().map_or(0, |t| t.minutes)));
    crate::talk::motion::use_clock(
        playing,
        || 100,
        move || {
            if state.with_untracked(|s| s.minute) >= last_minute.get_untracked() {
                state.update(|s| s.minute = 0);
            }
        },
        move || {
            let end = last_minute.get_untracked();
            let next = state.with_untracked(|s| s.minute) + speed.get_untracked();
            state.update(|s| s.minute = next.min(end));
            if next >= end {
                playing.set(false);
            }
        },
    );
    DeployClock {
        playing,
        speed,
        last_minute,
    }
}

/// The figures and controls.
pub fn body(stage: Stage<CellsState>) -> AnyView {
    let state = stage.state;
    let placed = placed(state);
    let clock = deploy_clock(state, placed.timeline);
    view! {
        <div class="cells-body">
            <div class="cells-stage">
                <div class="cells-main">
                    <GridFigure state=state placed=placed mark=stage.mark/>
                </div>
                <div class="cells-side">
                    <ArchControls state=state pop=placed.pop scene_controls=stage.controls/>
                </div>
            </div>

            // Below the first screen: built once the browser is idle.

            <Later><FaultPanel state=state pop=placed.pop fault=placed.fault timeline=placed.timeline clock=clock/></Later>

            <Later><OverlapPanel state=state overlap=placed.overlap/></Later>

            <Later><CostPanel state=state pop=placed.pop/></Later>
        </div>
    }
    .into_any()
}
