//! Every figure the cells widget shows, computed from its state.

use super::state::{ArchKind, CellsState, Fault, SkewKind, Strategy};
use crate::ui::line_chart::{LineChartData, Series};
use sim::cells::architecture::{Architecture, CellStrategy};
use sim::cells::cost::{curve, CostModel, CurvePoint};
use sim::cells::deploy::{timeline, Plan, Timeline};
use sim::cells::fault::{impact, poison, Impact};
use sim::cells::placement::{place, Placement};
use sim::cells::population::{Population, Skew};
use sim::cells::shuffle;

/// Cell counts on the trade-off curve.
pub const CURVE_CELLS: [u32; 12] = [1, 2, 3, 5, 8, 10, 20, 30, 50, 100, 300, 1000];

/// The population `s` describes.
pub fn population(s: &CellsState) -> Population {
    let skew = match s.skew {
        SkewKind::Equal => Skew::Equal,
        SkewKind::Zipf => Skew::Zipf(s.skew_param),
        SkewKind::Pareto => Skew::Pareto(s.skew_param),
    };
    Population::generate(s.tenants as usize, skew, s.seed)
}

/// The cell strategy `s` describes.
pub fn strategy(s: &CellsState) -> CellStrategy {
    match s.strategy {
        Strategy::Hash => CellStrategy::Hash,
        Strategy::Dedicated => CellStrategy::Dedicated {
            largest: s.dedicated,
        },
        Strategy::Random => CellStrategy::RandomPerRequest,
    }
}

/// The architecture `s` describes.
pub fn architecture(s: &CellsState) -> Architecture {
    match s.arch {
        ArchKind::Shared => Architecture::Shared,
        ArchKind::Cells => Architecture::Cells {
            cells: s.cells,
            strategy: strategy(s),
        },
        ArchKind::Shuffle => Architecture::Shuffle {
            workers: s.workers,
            shard: s.shard,
            max_overlap: s.max_overlap,
        },
    }
}

/// Tenants to units.
pub fn placement(s: &CellsState, pop: &Population) -> Placement {
    place(pop, architecture(s), s.seed)
}

/// The deploy plan.
pub fn plan(s: &CellsState) -> Plan {
    Plan {
        wave: s.wave,
        bake_min: s.bake,
        detect_min: s.detect,
        rollback_min: s.rollback,
    }
}

/// What the chosen fault breaks: the failed units, the impact, and (for a
/// poison tenant) which tenant it is.
#[derive(Debug)]
pub struct FaultView {
    /// Units broken.
    pub failed: Vec<u32>,
    /// Its impact.
    pub impact: Impact,
    /// The poison tenant, when the fault is one.
    pub poison: Option<u32>,
}

/// The fault's impact; `tl` is the deploy timeline when the fault is a deploy.
pub fn fault_view(
    s: &CellsState,
    pop: &Population,
    pl: &Placement,
    tl: Option<&Timeline>,
) -> FaultView {
    match s.fault {
        Fault::Units => FaultView {
            failed: s.failed.clone(),
            impact: impact(pop, pl, &s.failed),
            poison: None,
        },
        Fault::Poison => {
            let (failed, imp) = poison(pop, pl, s.poison);
            FaultView {
                failed,
                impact: imp,
                poison: Some(s.poison),
            }
        }
        Fault::Deploy => {
            let failed = tl
                .map(|t| sim::cells::deploy::state_at(t, s.minute).0)
                .unwrap_or_default();
            FaultView {
                impact: impact(pop, pl, &failed),
                failed,
                poison: None,
            }
        }
    }
}

/// The deploy timeline, when the fault is a deploy.
pub fn deploy(s: &CellsState, pop: &Population, pl: &Placement) -> Option<Timeline> {
    (s.fault == Fault::Deploy).then(|| timeline(pop, pl, plan(s)))
}

/// The trade-off curve for the cell strategy.
pub fn cost_curve(s: &CellsState, pop: &Population) -> Vec<CurvePoint> {
    cost_curve_at(s, pop, &CURVE_CELLS)
}

/// Points of the trade-off curve at the given cell counts.
pub fn cost_curve_at(s: &CellsState, pop: &Population, counts: &[u32]) -> Vec<CurvePoint> {
    curve(
        pop,
        strategy(s),
        counts,
        CostModel {
            cell_overhead: s.overhead,
            headroom: s.headroom,
        },
        s.seed,
    )
}

/// Blast radius against cells.
pub fn radius_chart(points: &[CurvePoint], cells: u32, dark: bool) -> LineChartData {
    LineChartData {
        series: vec![
            Series {
                label: "tenants hit".into(),
                colour: "#D55E00",
                points: points
                    .iter()
                    .map(|p| (f64::from(p.cells), p.blast_radius))
                    .collect(),
                dashed: false,
            },
            Series {
                label: "traffic hit".into(),
                colour: "#0072B2",
                points: points
                    .iter()
                    .map(|p| (f64::from(p.cells), p.traffic_radius))
                    .collect(),
                dashed: true,
            },
        ],
        gaps: Vec::new(),
        markers: vec![(f64::from(cells), format!("{cells} cells"))],
        x_label: "cells (log scale)".into(),
        y_label: "one cell fails: share hit".into(),
        y_min: 0.0,
        y_max: 1.0,
        y_percent: true,
        dark,
        x_log: true,
        hide_legend: false,
    }
}

/// Cost against cells.
pub fn cost_chart(points: &[CurvePoint], cells: u32, dark: bool) -> LineChartData {
    let top = points.iter().map(|p| p.cost).fold(1.0f64, f64::max);
    LineChartData {
        series: vec![Series {
            label: "cost".into(),
            colour: "#009E73",
            points: points
                .iter()
                .map(|p| (f64::from(p.cells), p.cost))
                .collect(),
            dashed: false,
        }],
        gaps: Vec::new(),
        markers: vec![(f64::from(cells), format!("{cells} cells"))],
        x_label: "cells (log scale)".into(),
        y_label: "cost ÷ one shared deployment".into(),
        y_min: 0.0,
        y_max: (top * 1.1).max(1.5),
        y_percent: false,
        dark,
        x_log: true,
        hide_legend: true,
    }
}

/// Overlap with the tenant of interest: closed form and measured, per j.
#[derive(Clone, Debug, PartialEq)]
pub struct Overlap {
    /// C(n, k).
    pub shards: f64,
    /// Closed form: expected other tenants sharing exactly j workers.
    pub expected: Vec<f64>,
    /// Measured in the seeded population.
    pub measured: Vec<u64>,
    /// Closed form: expected other tenants on exactly the same shard.
    pub full: f64,
    /// The tenant measured.
    pub tenant: u32,
}

/// Overlap figures for shuffle sharding (None for other architectures),
/// measured for the picked tenant, else the poison tenant.
pub fn overlap(s: &CellsState, pl: &Placement) -> Option<Overlap> {
    if s.arch != ArchKind::Shuffle {
        return None;
    }
    let tenant = s.pick.unwrap_or(s.poison);
    let others = f64::from(s.tenants.saturating_sub(1));
    let pmf = shuffle::overlap_pmf(s.workers, s.shard);
    Some(Overlap {
        shards: shuffle::distinct_shards(s.workers, s.shard),
        expected: pmf.iter().map(|p| p * others).collect(),
        measured: shuffle::measured_overlap(pl, tenant),
        full: shuffle::expected_full_overlap(s.workers, s.shard, s.tenants as usize),
        tenant,
    })
}

/// The overlap distribution chart.
pub fn overlap_chart(o: &Overlap, dark: bool) -> LineChartData {
    let others: f64 = o.measured.iter().map(|&m| m as f64).sum::<f64>().max(1.0);
    LineChartData {
        series: vec![
            Series {
                label: "closed form".into(),
                colour: "#0072B2",
                points: o
                    .expected
                    .iter()
                    .enumerate()
                    .map(|(j, &e)| (j as f64, e / others))
                    .collect(),
                dashed: true,
            },
            Series {
                label: "this population".into(),
                colour: "#D55E00",
                points: o
                    .measured
                    .iter()
                    .enumerate()
                    .map(|(j, &m)| (j as f64, m as f64 / others))
                    .collect(),
                dashed: false,
            },
        ],
        gaps: Vec::new(),
        markers: Vec::new(),
        x_label: "workers shared with the tenant".into(),
        y_label: "share of other tenants".into(),
        y_min: 0.0,
        y_max: 1.0,
        y_percent: true,
        dark,
        x_log: false,
        hide_legend: false,
    }
}

/// Per unit: the tenants drawn as (tenant, size relative to the heaviest).
pub type UnitDots = Vec<Vec<(u32, f32)>>;

/// Dots drawn per unit at most, shared out so the whole grid stays legible.
pub fn dots_per_unit(units: u32) -> usize {
    (2_400 / units.max(1) as usize).clamp(1, 64)
}

/// Per unit: its heaviest tenants as (tenant, size relative to the heaviest
/// tenant overall), how many tenants it has in all, and whether `order`
/// (tenants heaviest first, see [`heaviest`]) was long enough to fill every unit.
pub fn grid_dots(pop: &Population, pl: &Placement, order: &[u32]) -> (UnitDots, Vec<u32>, bool) {
    let units = pl.units as usize;
    let cap = dots_per_unit(pl.units);
    let top = pop
        .weights
        .iter()
        .copied()
        .fold(0.0f64, f64::max)
        .max(f64::MIN_POSITIVE);
    let mut per: Vec<Vec<(u32, f32)>> = vec![Vec::with_capacity(cap); units];
    let counts: Vec<u32> = pl.unit_tenants.iter().copied().take(units).collect();
    // why: units wanting dots; tenants visited heaviest first fill each
    // unit's `cap` heaviest, and the walk stops once every unit is full
    // (after a few thousand tenants, not the whole population).
    let mut hungry = counts.iter().filter(|&&c| c > 0).count();
    for &t in order {
        if hungry == 0 {
            break;
        }
        let size = (pop.weights[t as usize] / top) as f32;
        for &u in pl.units_of(t) {
            let Some(dots) = per.get_mut(u as usize) else {
                continue;
            };
            if dots.len() < cap {
                dots.push((t, size));
                let full = dots.len() == cap || dots.len() as u32 == counts[u as usize];
                if full {
                    hungry = hungry.saturating_sub(1);
                }
            }
        }
    }
    (per, counts, hungry == 0)
}

/// Tenants heaviest first, but only the `m` heaviest (ties by id): a
/// partial selection is linear, where sorting 100,000 tenants is not.
pub fn heaviest(pop: &Population, m: usize) -> Vec<u32> {
    let n = pop.len();
    let by_weight = |a: &u32, b: &u32| {
        pop.weights[*b as usize]
            .total_cmp(&pop.weights[*a as usize])
            .then(a.cmp(b))
    };
    let mut ids: Vec<u32> = (0..n as u32).collect();
    if m < n {
        ids.select_nth_unstable_by(m, by_weight);
        ids.truncate(m);
    }
    ids.sort_unstable_by(by_weight);
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_shared_deployment_loses_everyone() {
        let s = CellsState {
            arch: ArchKind::Shared,
            failed: vec![0],
            ..CellsState::default()
        };
        let pop = population(&s);
        let pl = placement(&s, &pop);
        let f = fault_view(&s, &pop, &pl, None);
        assert_eq!(f.impact.tenants_full, s.tenants);
        assert!((f.impact.traffic_lost - 1.0).abs() < 1e-9);
    }

    #[test]
    fn ten_hashed_cells_lose_about_a_tenth() {
        let s = CellsState {
            tenants: 10_000,
            failed: vec![3],
            ..CellsState::default()
        };
        let pop = population(&s);
        let pl = placement(&s, &pop);
        let f = fault_view(&s, &pop, &pl, None);
        assert!(
            (f.impact.tenant_share - 0.1).abs() < 0.02,
            "{}",
            f.impact.tenant_share
        );
    }

    #[test]
    fn shuffle_overlap_has_one_entry_per_j_and_the_deploy_chart_spans_the_timeline() {
        let s = CellsState {
            arch: ArchKind::Shuffle,
            workers: 8,
            shard: 2,
            fault: Fault::Deploy,
            ..CellsState::default()
        };
        let pop = population(&s);
        let pl = placement(&s, &pop);
        let o = overlap(&s, &pl).expect("shuffle");
        assert_eq!(o.expected.len(), 3);
        assert_eq!(o.measured.len(), 3);
        assert_eq!(o.measured.iter().sum::<u64>(), u64::from(s.tenants - 1));
        assert!((o.shards - 28.0).abs() < 1e-9);
        let tl = deploy(&s, &pop, &pl).expect("deploy");
        assert_eq!(tl.traffic_lost.len(), tl.minutes as usize);
    }

    #[test]
    fn the_cost_curve_starts_at_one_and_the_radius_falls() {
        let s = CellsState::default();
        let pop = population(&s);
        let c = cost_curve(&s, &pop);
        assert_eq!(c.len(), CURVE_CELLS.len());
        assert!((c[0].cost - 1.0).abs() < 1e-9);
        assert!(c.last().map(|p| p.blast_radius).unwrap_or(1.0) < c[0].blast_radius);
    }
}
