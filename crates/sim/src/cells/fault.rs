//! What failed units do to tenants: who is fully down, who is degraded, and
//! how much traffic fails — for a set of failed units and for a poison
//! tenant whose requests crash every unit they reach.

use super::placement::Placement;
use super::population::Population;

/// Per-tenant status: every unit of the tenant works.
pub const FINE: u8 = 0;
/// Per-tenant status: some but not all of the tenant's units failed.
pub const PARTIAL: u8 = 1;
/// Per-tenant status: every unit of the tenant failed.
pub const FULL: u8 = 2;

/// The damage done by a set of failed units.
#[derive(Clone, Debug, PartialEq)]
pub struct Impact {
    /// Tenants all of whose units failed.
    pub tenants_full: u32,
    /// Tenants with some but not all units failed.
    pub tenants_partial: u32,
    /// (full + partial) / tenants.
    pub tenant_share: f64,
    /// full / tenants.
    pub full_share: f64,
    /// Share of traffic failing: Σ weight × (failed units of the tenant / its units).
    pub traffic_lost: f64,
    /// Share of traffic from tenants with any failed unit.
    pub traffic_touched: f64,
    /// Per tenant: [`FINE`], [`PARTIAL`] or [`FULL`].
    pub status: Vec<u8>,
}

/// The impact of the units in `failed` failing; ids out of range and
/// duplicates are ignored.
pub fn impact(pop: &Population, pl: &Placement, failed: &[u32]) -> Impact {
    tally(pop, pl, &mark(pl, failed), None)
}

/// A poison tenant: its requests crash every unit they reach, which are
/// exactly its own units. Returns those units and the impact on the *other*
/// tenants: counts and shares leave the poison tenant out (shares are of the
/// other tenants and of their traffic), while `status` still lists it, as
/// [`FULL`]. An unknown tenant crashes nothing.
pub fn poison(pop: &Population, pl: &Placement, tenant: u32) -> (Vec<u32>, Impact) {
    let units = pl.units_of(tenant).to_vec();
    let skip = ((tenant as usize) < pop.len()).then_some(tenant);
    let report = tally(pop, pl, &mark(pl, &units), skip);
    (units, report)
}

/// One flag per unit: did it fail?
fn mark(pl: &Placement, failed: &[u32]) -> Vec<bool> {
    let mut down = vec![false; pl.units as usize];
    for &u in failed {
        if let Some(d) = down.get_mut(u as usize) {
            *d = true;
        }
    }
    down
}

/// Counts the damage of the `down` units, leaving out tenant `skip`.
fn tally(pop: &Population, pl: &Placement, down: &[bool], skip: Option<u32>) -> Impact {
    let n = pop.len().min(pl.tenants());
    let mut status = vec![FINE; n];
    let (mut full, mut partial) = (0u32, 0u32);
    let (mut lost, mut touched) = (0.0, 0.0);
    if pl.everywhere {
        // why: every tenant sees the same cells, so one count answers for
        // all of them in O(tenants) instead of O(tenants × cells).
        let broken = down.iter().filter(|&&d| d).count();
        let frac = broken as f64 / f64::from(pl.units.max(1));
        let s = match broken {
            0 => FINE,
            b if b == pl.units as usize => FULL,
            _ => PARTIAL,
        };
        status.fill(s);
        for (t, &w) in pop.weights[..n].iter().enumerate() {
            if skip == Some(t as u32) {
                continue;
            }
            lost += w * frac;
            if s != FINE {
                touched += w;
            }
        }
        let others = (n - usize::from(skip.is_some())) as u32;
        match s {
            FULL => full = others,
            PARTIAL => partial = others,
            _ => {}
        }
    } else {
        // why: a slice, not the Vec: the size-optimised release build
        // leaves Vec indexing as a call per tenant.
        let weights = pop.weights.as_slice();
        for (t, st) in status.iter_mut().enumerate() {
            let units = pl.units_of(t as u32);
            let mut broken = 0;
            for &u in units {
                broken += usize::from(down[u as usize]);
            }
            if broken == 0 {
                continue;
            }
            *st = if broken == units.len() { FULL } else { PARTIAL };
            if skip == Some(t as u32) {
                continue;
            }
            let w = weights[t];
            lost += w * broken as f64 / units.len() as f64;
            touched += w;
            if *st == FULL {
                full += 1;
            } else {
                partial += 1;
            }
        }
    }
    let total: f64 = pop.weights[..n].iter().sum();
    let (tenants, traffic) = match skip {
        Some(s) => (n - 1, total - pop.weights[s as usize]),
        None => (n, total),
    };
    let per_tenant = |c: u32| {
        if tenants == 0 {
            0.0
        } else {
            f64::from(c) / tenants as f64
        }
    };
    let per_traffic = |x: f64| if traffic > 0.0 { x / traffic } else { 0.0 };
    Impact {
        tenants_full: full,
        tenants_partial: partial,
        tenant_share: per_tenant(full + partial),
        full_share: per_tenant(full),
        traffic_lost: per_traffic(lost),
        traffic_touched: per_traffic(touched),
        status,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cells::architecture::{Architecture, CellStrategy};
    use crate::cells::placement::place;
    use crate::cells::population::Skew;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    /// Four tenants, weights .4 .3 .2 .1, on a hand-written placement.
    fn four() -> Population {
        Population {
            weights: vec![0.4, 0.3, 0.2, 0.1],
        }
    }

    fn hand(units: u32, lists: &[&[u32]]) -> Placement {
        let pop = four();
        let mut offsets = vec![0u32];
        let mut members = Vec::new();
        let mut unit_load = vec![0.0; units as usize];
        let mut unit_tenants = vec![0u32; units as usize];
        for (t, l) in lists.iter().enumerate() {
            members.extend_from_slice(l);
            offsets.push(members.len() as u32);
            for &u in *l {
                unit_load[u as usize] += pop.weights[t] / l.len() as f64;
                unit_tenants[u as usize] += 1;
            }
        }
        Placement {
            units,
            offsets,
            members,
            unit_load,
            unit_tenants,
            guarantee_kept_for: None,
            everywhere: false,
        }
    }

    #[test]
    fn shared_failure_takes_everyone_down() {
        let pop = four();
        let pl = place(&pop, Architecture::Shared, 0);
        let i = impact(&pop, &pl, &[0]);
        assert_eq!((i.tenants_full, i.tenants_partial), (4, 0));
        assert!(close(i.tenant_share, 1.0) && close(i.full_share, 1.0));
        assert!(close(i.traffic_lost, 1.0) && close(i.traffic_touched, 1.0));
        assert_eq!(i.status, vec![FULL; 4]);
        let none = impact(&pop, &pl, &[]);
        assert_eq!(none.tenants_full + none.tenants_partial, 0);
        assert_eq!(none.traffic_lost, 0.0);
    }

    #[test]
    fn random_per_request_degrades_everyone_partially() {
        let pop = four();
        let arch = Architecture::Cells {
            cells: 4,
            strategy: CellStrategy::RandomPerRequest,
        };
        let pl = place(&pop, arch, 0);
        let i = impact(&pop, &pl, &[2, 2, 99]);
        assert_eq!((i.tenants_full, i.tenants_partial), (0, 4));
        assert!(close(i.tenant_share, 1.0) && close(i.full_share, 0.0));
        assert!(close(i.traffic_lost, 0.25) && close(i.traffic_touched, 1.0));
        let all = impact(&pop, &pl, &[0, 1, 2, 3]);
        assert_eq!(all.tenants_full, 4);
    }

    #[test]
    fn hand_counted_mixed_placement() {
        // units: t0 {0,1}, t1 {1}, t2 {2,3}, t3 {0,2,3}; units 1 and 2 fail
        let pop = four();
        let pl = hand(4, &[&[0, 1], &[1], &[2, 3], &[0, 2, 3]]);
        let i = impact(&pop, &pl, &[2, 1]);
        assert_eq!(i.status, vec![PARTIAL, FULL, PARTIAL, PARTIAL]);
        assert_eq!((i.tenants_full, i.tenants_partial), (1, 3));
        assert!(close(i.tenant_share, 1.0) && close(i.full_share, 0.25));
        // .4·½ + .3·1 + .2·½ + .1·⅓
        assert!(close(i.traffic_lost, 0.2 + 0.3 + 0.1 + 0.1 / 3.0));
        assert!(close(i.traffic_touched, 1.0));
        let j = impact(&pop, &pl, &[3]);
        assert_eq!(j.status, vec![FINE, FINE, PARTIAL, PARTIAL]);
        assert!(close(j.traffic_touched, 0.3));
        assert!(close(j.tenant_share, 0.5));
    }

    #[test]
    fn poison_on_each_architecture() {
        let pop = Population::generate(200, Skew::Zipf(1.0), 4);
        // shared: everybody else goes down with it
        let pl = place(&pop, Architecture::Shared, 0);
        let (units, i) = poison(&pop, &pl, 5);
        assert_eq!(units, vec![0]);
        assert_eq!(i.tenants_full, 199);
        assert!(close(i.tenant_share, 1.0) && close(i.traffic_lost, 1.0));
        assert_eq!(i.status[5], FULL);
        // hash cells: exactly its cell-mates
        let arch = Architecture::Cells {
            cells: 10,
            strategy: CellStrategy::Hash,
        };
        let pl = place(&pop, arch, 1);
        let (units, i) = poison(&pop, &pl, 5);
        let mates = pl.unit_tenants[units[0] as usize] - 1;
        assert_eq!((i.tenants_full, i.tenants_partial), (mates, 0));
        assert!(close(i.tenant_share, f64::from(mates) / 199.0));
        // dedicated: the largest tenant poisons only itself
        let arch = Architecture::Cells {
            cells: 10,
            strategy: CellStrategy::Dedicated { largest: 3 },
        };
        let pl = place(&pop, arch, 1);
        let big = pop.largest(1)[0];
        let (units, i) = poison(&pop, &pl, big);
        assert_eq!(units, vec![0]);
        assert_eq!(i.tenants_full + i.tenants_partial, 0);
        assert_eq!(i.traffic_lost, 0.0);
        // random per request: the poison reaches every cell, so all is lost
        let arch = Architecture::Cells {
            cells: 10,
            strategy: CellStrategy::RandomPerRequest,
        };
        let pl = place(&pop, arch, 1);
        let (units, i) = poison(&pop, &pl, 5);
        assert_eq!(units.len(), 10);
        assert_eq!(i.tenants_full, 199);
        assert!(close(i.traffic_lost, 1.0));
        // shuffle: its own shard fails; nobody else loses every worker
        // unless they hold the very same shard
        let arch = Architecture::Shuffle {
            workers: 50,
            shard: 4,
            max_overlap: Some(3),
        };
        let pl = place(&pop, arch, 1);
        let (units, i) = poison(&pop, &pl, 5);
        assert_eq!(units.len(), 4);
        assert_eq!(i.tenants_full, 0);
        assert!(i.tenants_partial > 0 && i.traffic_lost < 0.5);
        // an unknown tenant crashes nothing
        let (units, i) = poison(&pop, &pl, 10_000);
        assert!(units.is_empty());
        assert_eq!(i.tenant_share, 0.0);
    }
}
