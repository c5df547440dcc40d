//! The isolation bill: how the blast radius of one failed cell falls as
//! cells are added, and what that costs in capacity.
//!
//! Cells are identical, so each is provisioned like the busiest one, plus
//! headroom, plus a fixed per-cell overhead:
//!
//! cost(N) = (N·max_cell_load·(1 + headroom) + N·overhead) / ((1 + headroom) + overhead)
//!
//! which is 1 at one cell (the shared deployment with the same headroom).
//! Uneven cells make `N·max_cell_load` exceed 1 and the overhead grows
//! linearly, so isolation is never free.
//!
//! Shuffle sharding keeps one pool of n workers: [`shuffle_curve`] prices it
//! as `n·max_worker_load` against the shard size k, beside the closed forms
//! of who a poison tenant reaches.

use super::architecture::{Architecture, CellStrategy};
use super::placement::{dedicated_sorted, place};
use super::population::{heaviest_first_keys, Population};
use super::shuffle::overlap_pmf;

/// What a cell costs beyond the traffic it carries.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CostModel {
    /// Fixed cost per cell, as a share of the whole fleet's baseline
    /// capacity (e.g. 0.02).
    pub cell_overhead: f64,
    /// Spare capacity each cell keeps over its own peak (e.g. 0.3).
    pub headroom: f64,
}

/// One point of the blast-radius-versus-cost curve.
#[derive(Clone, Debug, PartialEq)]
pub struct CurvePoint {
    /// Cells deployed (after clamping to the architecture's limits).
    pub cells: u32,
    /// Expected share of tenants hit when one uniformly chosen cell fails.
    pub blast_radius: f64,
    /// Expected share of traffic lost when one uniformly chosen cell fails;
    /// always 1/cells, since the cells' loads sum to the whole traffic.
    pub traffic_radius: f64,
    /// Capacity relative to one shared deployment with the same headroom.
    pub cost: f64,
}

/// The curve for `strategy` at each cell count in `counts` (in that order),
/// placing `pop` afresh with `seed` for each count.
pub fn curve(
    pop: &Population,
    strategy: CellStrategy,
    counts: &[u32],
    model: CostModel,
    seed: u64,
) -> Vec<CurvePoint> {
    let headroom = finite_non_negative(model.headroom);
    let overhead = finite_non_negative(model.cell_overhead);
    let tenants = pop.len().max(1) as f64;
    // why: the dedicated strategy sorts every tenant by weight; sorting once
    // for the whole curve instead of once per point saves most of its time.
    let order = matches!(strategy, CellStrategy::Dedicated { .. }).then(|| {
        let mut order = heaviest_first_keys(&pop.weights);
        order.sort_unstable();
        order
    });
    counts
        .iter()
        .map(|&count| {
            let arch = Architecture::Cells {
                cells: count,
                strategy,
            }
            .clamped();
            let pl = match (arch, &order) {
                (
                    Architecture::Cells {
                        cells,
                        strategy: CellStrategy::Dedicated { largest },
                    },
                    Some(order),
                ) => dedicated_sorted(pop, order, cells, largest),
                _ => place(pop, arch, seed),
            };
            let cells = f64::from(pl.units);
            // why: a failed cell hits exactly the tenants placed on it, so
            // the mean over cells is Σ unit_tenants / (cells · tenants).
            let hit: f64 = pl.unit_tenants.iter().map(|&c| f64::from(c)).sum();
            let lost: f64 = pl.unit_load.iter().sum();
            let busiest = pl.unit_load.iter().fold(0.0f64, |m, &x| m.max(x));
            let cost = (cells * busiest * (1.0 + headroom) + cells * overhead)
                / ((1.0 + headroom) + overhead);
            CurvePoint {
                cells: pl.units,
                blast_radius: hit / (cells * tenants),
                traffic_radius: lost / cells,
                cost,
            }
        })
        .collect()
}

/// One point of shuffle sharding's curve: shards of `shard` workers out of
/// one pool.
#[derive(Clone, Debug, PartialEq)]
pub struct ShufflePoint {
    /// Workers per tenant, k (after clamping to the workers).
    pub shard: u32,
    /// Closed form: the share of the other tenants a poison tenant reaches
    /// at all, 1 − C(n − k, k) / C(n, k).
    pub hit_share: f64,
    /// Closed form: the share of the other tenants on exactly its shard,
    /// 1 / C(n, k), who lose everything.
    pub full_share: f64,
    /// Capacity relative to one shared deployment of the same workers: each
    /// worker provisioned like the busiest, `n · max_load` (1 when the load is
    /// even). The pool is one deployment, so no cell overhead is added, and
    /// headroom scales both alike.
    pub cost: f64,
}

/// Shuffle sharding over `workers` at each shard size in `shards` (in that
/// order), placing `pop` afresh with `seed` for each, without an overlap
/// guarantee (the shards the closed forms describe).
pub fn shuffle_curve(
    pop: &Population,
    workers: u32,
    shards: &[u32],
    seed: u64,
) -> Vec<ShufflePoint> {
    shards
        .iter()
        .map(|&k| {
            let arch = Architecture::Shuffle {
                workers,
                shard: k,
                max_overlap: None,
            }
            .clamped();
            let pl = place(pop, arch, seed);
            let (n, k) = match arch {
                Architecture::Shuffle { workers, shard, .. } => (workers, shard),
                _ => (pl.units, 1),
            };
            let pmf = overlap_pmf(n, k);
            let busiest = pl.unit_load.iter().fold(0.0f64, |m, &x| m.max(x));
            ShufflePoint {
                shard: k,
                hit_share: 1.0 - pmf.first().copied().unwrap_or(1.0),
                full_share: pmf.last().copied().unwrap_or(0.0),
                cost: f64::from(pl.units) * busiest,
            }
        })
        .collect()
}

/// `x` if it is finite and non-negative, else 0.
fn finite_non_negative(x: f64) -> f64 {
    if x.is_finite() && x > 0.0 {
        x
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cells::population::Skew;

    const MODEL: CostModel = CostModel {
        cell_overhead: 0.02,
        headroom: 0.3,
    };

    #[test]
    fn one_cell_costs_one_and_hits_everyone() {
        let pop = Population::generate(1_000, Skew::Zipf(1.0), 1);
        for strategy in [
            CellStrategy::Hash,
            CellStrategy::Dedicated { largest: 3 },
            CellStrategy::RandomPerRequest,
        ] {
            let p = &curve(&pop, strategy, &[1], MODEL, 1)[0];
            assert_eq!(p.cells, 1);
            assert!((p.cost - 1.0).abs() < 1e-12, "{strategy:?}");
            assert!((p.blast_radius - 1.0).abs() < 1e-12);
            assert!((p.traffic_radius - 1.0).abs() < 1e-12);
        }
    }

    #[test]
    fn hash_blast_radius_falls_and_cost_rises() {
        let pop = Population::generate(10_000, Skew::Zipf(0.8), 2);
        let counts = [1, 2, 5, 10, 20, 50, 100];
        let c = curve(&pop, CellStrategy::Hash, &counts, MODEL, 3);
        for w in c.windows(2) {
            assert!(w[1].blast_radius < w[0].blast_radius, "{:?}", w);
            assert!(w[1].cost > w[0].cost, "{:?}", w);
        }
        for p in &c {
            // why: one tenant per cell, so the tenant radius is exactly 1/N
            assert!((p.blast_radius - 1.0 / f64::from(p.cells)).abs() < 1e-12);
            assert!((p.traffic_radius - 1.0 / f64::from(p.cells)).abs() < 1e-12);
        }
    }

    #[test]
    fn equal_cells_cost_only_the_overhead() {
        // 100 equal tenants on 4 dedicated-greedy cells: 25 each, perfectly even
        let pop = Population::generate(100, Skew::Equal, 0);
        let c = curve(&pop, CellStrategy::Dedicated { largest: 0 }, &[4], MODEL, 0);
        let want = (1.3 + 4.0 * 0.02) / (1.3 + 0.02);
        assert!((c[0].cost - want).abs() < 1e-12);
    }

    #[test]
    fn random_per_request_never_shrinks_the_tenant_radius() {
        let pop = Population::generate(500, Skew::Equal, 0);
        let c = curve(&pop, CellStrategy::RandomPerRequest, &[2, 10, 0], MODEL, 0);
        assert!(c.iter().all(|p| (p.blast_radius - 1.0).abs() < 1e-12));
        assert!((c[1].traffic_radius - 0.1).abs() < 1e-12);
        assert_eq!(c[2].cells, 1);
    }

    #[test]
    fn larger_shards_even_the_load_and_reach_more_neighbours() {
        let pop = Population::generate(2_000, Skew::Zipf(1.0), 3);
        let pts = shuffle_curve(&pop, 8, &[1, 2, 3, 4, 8], 5);
        assert_eq!(
            pts.iter().map(|p| p.shard).collect::<Vec<_>>(),
            [1, 2, 3, 4, 8]
        );
        // One worker each: another tenant is hit only on the same worker, 1/8.
        assert!(
            (pts[0].hit_share - 0.125).abs() < 1e-12 && (pts[0].full_share - 0.125).abs() < 1e-12
        );
        // Pairs: 1 − C(6,2)/C(8,2) = 13/28 hit, 1/28 on the same pair.
        assert!((pts[1].hit_share - 13.0 / 28.0).abs() < 1e-12);
        assert!((pts[1].full_share - 1.0 / 28.0).abs() < 1e-12);
        assert!(pts.windows(2).all(|w| w[1].hit_share >= w[0].hit_share));
        // Every tenant on every worker: the load is even, the cost one.
        assert!((pts[4].cost - 1.0).abs() < 1e-9 && (pts[4].hit_share - 1.0).abs() < 1e-12);
        assert!(
            pts[0].cost > pts[2].cost && pts[2].cost >= pts[4].cost,
            "{pts:?}"
        );
    }
}
