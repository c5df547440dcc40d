//! The cell blast radius widget: tenants on one deployment, on cells or on
//! shuffle shards; fail a part, poison a tenant or roll out a bad deploy, and
//! count who is hurt and what the isolation costs.
//!
//! [`state`] holds every control (and its URL form), [`model`] computes every
//! figure and [`scenes`] the tour's captions; [`body`] wires them to signals
//! and lays out the page: the [`grid`] beside the [`controls`], then the
//! [`fault_panel`], the [`overlap_panel`] and the [`cost_panel`].

pub mod article;
pub mod body;
pub mod controls;
pub mod cost_panel;
pub mod facts;
pub mod fault_panel;
pub mod figure;
pub mod grid;
pub mod model;
pub mod overlap_panel;
pub mod overlay;
pub mod preview;
pub mod rollout;
pub mod scenes;
pub mod shard;
pub mod shard_cost;
pub mod state;
pub mod update;

use crate::embed::query::{Query, Reader};
use crate::kit::preset::Preset;
use crate::kit::scene::{Layout, Scene};
use crate::kit::{Entry, Stage, Widget};
use facts::CellsFacts;
use leptos::prelude::*;
use state::{ArchKind, CellsState, Fault, SkewKind, Strategy};

/// Presets; each ends by keeping dependent fields in range, as every control does.
const PRESETS: &[Preset<CellsState>] = &[
    Preset {
        label: "One deployment",
        apply: |s| {
            s.arch = ArchKind::Shared;
            s.fault = Fault::Units;
            s.failed = vec![0];
            s.fix();
        },
    },
    Preset {
        label: "10 cells",
        apply: |s| {
            s.arch = ArchKind::Cells;
            s.cells = 10;
            s.strategy = Strategy::Hash;
            s.fault = Fault::Units;
            s.failed = vec![3];
            s.fix();
        },
    },
    Preset {
        label: "100 cells",
        apply: |s| {
            s.arch = ArchKind::Cells;
            s.cells = 100;
            s.strategy = Strategy::Hash;
            s.tenants = s.tenants.max(10_000);
            s.fault = Fault::Units;
            s.failed = vec![3];
            s.fix();
        },
    },
    Preset {
        label: "The largest tenant in its own cell",
        apply: |s| {
            s.arch = ArchKind::Cells;
            s.cells = 10;
            s.strategy = Strategy::Dedicated;
            s.dedicated = 1;
            s.skew = SkewKind::Zipf;
            s.skew_param = 1.2;
            s.fault = Fault::Units;
            s.failed = vec![0];
            s.fix();
        },
    },
    Preset {
        label: "8 workers, shards of 2",
        apply: |s| {
            s.arch = ArchKind::Shuffle;
            s.workers = 8;
            s.shard = 2;
            s.max_overlap = None;
            s.fault = Fault::Poison;
            s.poison = 0;
            s.fix();
        },
    },
    Preset {
        label: "100 workers, shards of 5",
        apply: |s| {
            s.arch = ArchKind::Shuffle;
            s.workers = 100;
            s.shard = 5;
            s.max_overlap = None;
            s.tenants = s.tenants.max(10_000);
            s.fault = Fault::Poison;
            s.poison = 0;
            s.fix();
        },
    },
    Preset {
        label: "A bad deploy in waves",
        apply: |s| {
            s.arch = ArchKind::Cells;
            s.cells = 20;
            s.strategy = Strategy::Hash;
            s.fault = Fault::Deploy;
            s.wave = 3;
            s.bake = 30;
            s.detect = 75;
            s.rollback = 20;
            s.minute = 0;
            s.fix();
        },
    },
];

/// The short explanations.
const EXPLAIN: &str = r#"<h2 id="cells-why-h">Why it works</h2>
<h3>Cells cap the blast radius</h3>
<p>A cell is a complete, independent copy of the service serving a fixed slice of the tenants. Whatever goes wrong inside one cell (a crash, a bad config, an overload) stays there, so with N cells one failure reaches about 1/N of the tenants instead of all of them.</p>
<h3>Big tenants bend the numbers</h3>
<p>When a few tenants carry most of the traffic, the share of tenants hit and the share of traffic hit part ways: a cell holding one giant tenant hurts few customers but much traffic. Giving the largest tenants cells of their own keeps them from sinking their neighbours, and keeps their neighbours from sinking them.</p>
<h3>Shuffle sharding: combinations, not slices</h3>
<p>Give each tenant a random handful of k workers out of n. A poison tenant can take down its own k workers, but another tenant loses everything only if its whole shard sits inside those k, which becomes vanishingly rare as the number of possible shards C(n, k) grows. Everyone else loses a worker or two and carries on with the rest.</p>
<h3>Deploy in waves</h3>
<p>Cells also give deploys a place to fail small: a canary cell first, then waves, with a bake time between them. The earlier a bad change is noticed, the fewer waves have gone out; tenant-minutes of impact add up the harm over the whole incident.</p>
<h3>The bill</h3>
<p>Every cell carries fixed overhead and must keep headroom for its own peak, and the busiest cell sets the size of all of them. More cells buy a smaller blast radius at a growing cost; the curve shows where more isolation stops being worth it.</p>
<p>Shuffle sharding keeps one pool of workers, so no cell pays an overhead of its own; every worker is still sized like the busiest. Larger shards spread each tenant over more workers, which evens the load and shrinks the pool, but let a poison tenant reach more of its neighbours: the curves set both against the shard size.</p>"#;

/// The catalogue entry.
pub const ENTRY: Entry = Entry {
    slug: "cells",
    title: "Cell blast radius",
    blurb: "Split customers into separate groups so that one failure or one bad release reaches only a few of them.",
    article: true,
};

/// The main figure and controls.
const LAYOUT: Layout = Layout {
    figures: &["grid", "fault"],
    controls: &["arch", "cells"],
};

/// The widget.
pub struct CellsWidget;

impl Widget for CellsWidget {
    type State = CellsState;
    type Facts = CellsFacts;
    const ENTRY: &'static Entry = &ENTRY;
    const PARAMS: &'static [&'static str] = &state::PARAMS;
    const LEDE: &'static str = "Put every customer on one deployment and one failure reaches all of them. Split them into cells, or give each a random shard of workers, and the same failure reaches a few. Fail parts, poison a tenant or ship a bad deploy, and count who is hurt and what the isolation costs.";
    const EXPLAIN: &'static str = EXPLAIN;
    const LAYOUT: Layout = LAYOUT;
    const PRESETS: &'static [Preset<CellsState>] = PRESETS;
    const SCENES: &'static [Scene<CellsFacts>] = scenes::SCENES;
    const ARTICLE: &'static [crate::kit::article::Passage<CellsFacts>] = article::ARTICLE;
    fn read(r: &mut Reader<'_>) -> CellsState {
        CellsState::from_query(r)
    }
    fn write(s: &CellsState, q: &mut Query) {
        s.to_query(q);
    }
    // Past this many tenants a guarded placement waits for still controls.
    fn facts_live(s: &CellsState) -> bool {
        s.tenants <= 10_000
    }
    fn facts(s: &CellsState) -> CellsFacts {
        facts::facts(s)
    }
    fn preview(s: &CellsState) -> String {
        preview::preview(s)
    }
    fn body(stage: Stage<CellsState>) -> AnyView {
        body::body(stage)
    }
}

#[cfg(test)]
mod widget_tests {
    #[test]
    fn scenes_presets_and_parameters() {
        crate::widgets::check::<super::CellsWidget>();
    }
}
