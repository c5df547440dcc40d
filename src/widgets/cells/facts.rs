//! What the cells' captions and article quote: the facts of a state, each
//! computed from the model, at most once per state.

use super::model;
use super::state::{ArchKind, CellsState, Strategy};

/// The damage the chosen fault does, as the readouts under the grid show it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Damage {
    /// Tenants that lost every unit.
    pub full: u32,
    /// Tenants that lost some of their units.
    pub partial: u32,
    /// Share of tenants hit at all.
    pub tenant_share: f64,
    /// Share of traffic failing.
    pub traffic_lost: f64,
}

/// Shuffle sharding: the closed form beside the seeded population.
#[derive(Clone, Debug, PartialEq)]
pub struct ShuffleFacts {
    /// Workers, n.
    pub workers: u32,
    /// Workers per tenant, k.
    pub shard: u32,
    /// C(n, k).
    pub shards: f64,
    /// Closed form: other tenants expected on exactly the same shard.
    pub expected_full: f64,
    /// Other tenants sharing exactly j workers with the poison tenant, j = 0..=k.
    pub measured: Vec<u64>,
}

/// The bad deploy, as its timeline and readouts show it.
#[derive(Clone, Debug, PartialEq)]
pub struct DeployFacts {
    /// Units per wave after the canary.
    pub wave: u32,
    /// Minutes between waves.
    pub bake: u32,
    /// Minute the problem is noticed.
    pub detected_at: u32,
    /// Minute every unit is healthy again.
    pub healthy_at: u32,
    /// Minutes the rollback takes.
    pub rollback: u32,
    /// Waves that went out, the canary included.
    pub waves_out: u32,
    /// Units the deploy reached.
    pub units_out: u32,
    /// Minute the first wave that never went out was due, if any.
    pub stopped_wave_at: Option<u32>,
    /// Tenant-minutes of impact.
    pub tenant_minutes: f64,
    /// Whether any unit broke after the problem was noticed.
    pub spread_after_detect: bool,
    /// The minute shown.
    pub minute: u32,
    /// Units broken at that minute.
    pub broken_now: u32,
}

/// What the cells captions say, computed by the same model functions as
/// the grid, the readouts, the overlap table and the charts.
#[derive(Clone, Debug, PartialEq)]
pub struct CellsFacts {
    /// Tenants.
    pub tenants: u32,
    /// The architecture.
    pub arch: ArchKind,
    /// How tenants go to cells.
    pub strategy: Strategy,
    /// Cells or workers.
    pub units: u32,
    /// The units the fault broke.
    pub failed: Vec<u32>,
    /// Tenants placed on each failed unit.
    pub failed_tenants: Vec<u32>,
    /// What it did.
    pub damage: Damage,
    /// The heaviest tenant and its share of the traffic.
    pub largest: (u32, f64),
    /// The busiest unit and its share of the traffic.
    pub busiest: (u32, f64),
    /// Whether the heaviest tenant is alone in its cell.
    pub largest_alone: bool,
    /// The units of the heaviest tenant.
    pub largest_units: Vec<u32>,
    /// The poison tenant, when the fault is one.
    pub poison: Option<u32>,
    /// Shuffle sharding's overlap figures.
    pub shuffle: Option<ShuffleFacts>,
    /// Cells: (cells, cost relative to one shared deployment, the share of
    /// tenants one failed cell hits on average), as the cost curve has them.
    pub cost: Option<(u32, f64, f64)>,
    /// The deploy.
    pub deploy: Option<DeployFacts>,
}

/// The facts of a state: every figure the captions quote.
pub fn facts(s: &CellsState) -> CellsFacts {
    let pop = model::population(s);
    let pl = model::placement(s, &pop);
    let tl = model::deploy(s, &pop, &pl);
    let fault = model::fault_view(s, &pop, &pl, tl.as_ref());
    let largest = pop.largest(1).first().copied().unwrap_or(0);
    let largest_units = pl.units_of(largest).to_vec();
    let cost = (s.arch == ArchKind::Cells).then(|| {
        let at = model::cost_curve_at(s, &pop, &[s.cells]);
        at.first()
            .map_or((s.cells, 1.0, 1.0), |p| (p.cells, p.cost, p.blast_radius))
    });
    let deploy = tl.as_ref().map(|t| {
        let at_detect = t
            .broken
            .get(t.detected_at.saturating_sub(1) as usize)
            .copied()
            .unwrap_or(0);
        DeployFacts {
            wave: s.wave,
            bake: s.bake,
            detected_at: t.detected_at,
            healthy_at: t.healthy_at,
            rollback: t.healthy_at - t.detected_at,
            waves_out: t.halted_after_wave + 1,
            units_out: t.broken.iter().copied().max().unwrap_or(0),
            stopped_wave_at: t.wave_start.get(t.halted_after_wave as usize + 1).copied(),
            tenant_minutes: t.tenant_minutes,
            spread_after_detect: t
                .broken
                .iter()
                .skip(t.detected_at as usize)
                .any(|&b| b > at_detect),
            minute: s.minute,
            broken_now: t.broken.get(s.minute as usize).copied().unwrap_or(0),
        }
    });
    CellsFacts {
        tenants: s.tenants,
        arch: s.arch,
        strategy: s.strategy,
        units: pl.units,
        failed_tenants: fault
            .failed
            .iter()
            .map(|&u| pl.unit_tenants.get(u as usize).copied().unwrap_or(0))
            .collect(),
        failed: fault.failed,
        damage: Damage {
            full: fault.impact.tenants_full,
            partial: fault.impact.tenants_partial,
            tenant_share: fault.impact.tenant_share,
            traffic_lost: fault.impact.traffic_lost,
        },
        largest: (
            largest,
            pop.weights.get(largest as usize).copied().unwrap_or(0.0),
        ),
        busiest: pl
            .unit_load
            .iter()
            .enumerate()
            .fold(
                (0, 0.0),
                |b, (u, &l)| if l > b.1 { (u as u32, l) } else { b },
            ),
        largest_alone: largest_units.len() == 1
            && pl.unit_tenants.get(largest_units[0] as usize) == Some(&1),
        largest_units,
        poison: fault.poison,
        shuffle: model::overlap(s, &pl).map(|o| ShuffleFacts {
            workers: s.workers,
            shard: s.shard,
            shards: o.shards,
            expected_full: o.full,
            measured: o.measured,
        }),
        cost,
        deploy,
    }
}
