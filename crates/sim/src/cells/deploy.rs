//! A bad deploy rolled out in waves, minute by minute.
//!
//! Wave 0 is a one-unit canary starting at minute 0; wave `i ≥ 1` starts at
//! minute `i·bake_min` and covers the next `wave` units, in unit order
//! 0, 1, 2, …. Every unit breaks when its wave starts. At `detect_min` the
//! problem is noticed: waves that have not started by then (start ≥
//! `detect_min`) never start, and every broken unit is healthy again at
//! `detect_min + rollback_min`. The canary always starts.
//!
//! Broken units are therefore always a prefix `0..b` of the unit order, and
//! each unit's damage is fixed, so the timeline is built from per-unit
//! prefix sums in O(members + units + minutes).

use super::placement::Placement;
use super::population::Population;

/// Longest detection delay and rollback time honoured, in minutes (a week).
pub const MAX_PLAN_MINUTES: u32 = 10_080;

/// How a deploy is rolled out and how fast a problem is caught.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plan {
    /// Units per wave after the one-unit canary (at least 1).
    pub wave: u32,
    /// Minutes between wave starts.
    pub bake_min: u32,
    /// Minutes after the canary starts until the problem is detected
    /// (clamped to [`MAX_PLAN_MINUTES`]).
    pub detect_min: u32,
    /// Minutes to roll every broken unit back once detected (clamped to
    /// [`MAX_PLAN_MINUTES`]).
    pub rollback_min: u32,
}

/// What the bad deploy did, minute by minute.
#[derive(Clone, Debug, PartialEq)]
pub struct Timeline {
    /// Minutes in the timeline: until every unit is healthy again.
    pub minutes: u32,
    /// Minute each planned wave starts (wave 0 = canary); waves after
    /// `halted_after_wave` never started.
    pub wave_start: Vec<u32>,
    /// Units of each planned wave, in unit order; the canary is unit 0.
    pub wave_units: Vec<Vec<u32>>,
    /// Per minute: units broken during that minute (always units `0..b`).
    pub broken: Vec<u32>,
    /// Per minute: share of traffic failing.
    pub traffic_lost: Vec<f64>,
    /// Per minute: Σ over tenants of (their broken units / their units).
    pub tenants_hit: Vec<f64>,
    /// Σ of `tenants_hit` over the minutes: tenant-minutes of outage.
    pub tenant_minutes: f64,
    /// Minute the problem is detected.
    pub detected_at: u32,
    /// Last wave that started.
    pub halted_after_wave: u32,
    /// Minute every unit is healthy again (= `minutes`).
    pub healthy_at: u32,
}

/// The timeline of a bad deploy rolled out under `plan` on `pl`.
pub fn timeline(pop: &Population, pl: &Placement, plan: Plan) -> Timeline {
    let units = pl.units.max(1);
    let wave = plan.wave.max(1);
    let detect = plan.detect_min.min(MAX_PLAN_MINUTES);
    let healthy = detect + plan.rollback_min.min(MAX_PLAN_MINUTES);

    let waves = 1 + (units - 1).div_ceil(wave);
    let mut wave_start = Vec::with_capacity(waves as usize);
    let mut wave_units = Vec::with_capacity(waves as usize);
    for i in 0..waves {
        let (lo, hi) = if i == 0 {
            (0, 1)
        } else {
            (1 + (i - 1) * wave, (1 + i * wave).min(units))
        };
        // why: a start beyond any timeline is as good as never; saturating
        // keeps huge bake times from overflowing.
        wave_start.push(i.saturating_mul(plan.bake_min));
        wave_units.push((lo..hi).collect::<Vec<u32>>());
    }
    let halted = (1..waves)
        .take_while(|&i| wave_start[i as usize] < detect)
        .last()
        .unwrap_or(0);

    let (unit_loss, unit_hit) = per_unit(pop, pl);
    // why: prefix[b] is the damage of units 0..b; broken sets are prefixes.
    let prefix = |per: &[f64]| {
        let mut acc = vec![0.0; per.len() + 1];
        for (i, &x) in per.iter().enumerate() {
            acc[i + 1] = acc[i] + x;
        }
        acc
    };
    let (loss_prefix, hit_prefix) = (prefix(&unit_loss), prefix(&unit_hit));

    let mut broken = Vec::with_capacity(healthy as usize);
    let mut current = 0usize;
    let mut end = 0u32;
    for minute in 0..healthy {
        while current <= halted as usize && wave_start[current] <= minute {
            end = wave_units[current].last().map_or(end, |&u| u + 1);
            current += 1;
        }
        broken.push(end);
    }
    let traffic_lost: Vec<f64> = broken.iter().map(|&b| loss_prefix[b as usize]).collect();
    let tenants_hit: Vec<f64> = broken.iter().map(|&b| hit_prefix[b as usize]).collect();
    let tenant_minutes = tenants_hit.iter().sum();
    Timeline {
        minutes: healthy,
        wave_start,
        wave_units,
        broken,
        traffic_lost,
        tenants_hit,
        tenant_minutes,
        detected_at: detect,
        halted_after_wave: halted,
        healthy_at: healthy,
    }
}

/// The broken units and the traffic share lost during `minute` (nothing
/// once the timeline is over).
pub fn state_at(tl: &Timeline, minute: u32) -> (Vec<u32>, f64) {
    match tl.broken.get(minute as usize) {
        Some(&b) => ((0..b).collect(), tl.traffic_lost[minute as usize]),
        None => (Vec::new(), 0.0),
    }
}

/// For each unit: the traffic share lost and the fractional tenants hit when
/// it alone is broken.
fn per_unit(pop: &Population, pl: &Placement) -> (Vec<f64>, Vec<f64>) {
    let units = pl.units as usize;
    let loss = pl.unit_load.clone();
    let mut hit = vec![0.0; units];
    let n = pop.len().min(pl.tenants());
    if pl.everywhere {
        hit.fill(n as f64 / units.max(1) as f64);
    } else {
        // why: a slice, not the Vec: the size-optimised release build
        // leaves Vec indexing as a call per member. Every tenant of a cell
        // or shuffle placement has as many units as the last, so 1 / len
        // is divided out once per change of length, not 100,000 times.
        let hit = hit.as_mut_slice();
        let (mut len, mut part) = (0, 0.0);
        for t in 0..n as u32 {
            let us = pl.units_of(t);
            if us.len() != len {
                len = us.len();
                part = 1.0 / len as f64;
            }
            for &u in us {
                hit[u as usize] += part;
            }
        }
    }
    (loss, hit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cells::architecture::{Architecture, CellStrategy};
    use crate::cells::placement::place;
    use crate::cells::population::Skew;
    use proptest::prelude::*;

    fn plan(wave: u32, bake_min: u32, detect_min: u32, rollback_min: u32) -> Plan {
        Plan {
            wave,
            bake_min,
            detect_min,
            rollback_min,
        }
    }

    /// Five equal tenants, tenant t alone in cell t.
    fn five() -> (Population, Placement) {
        let pop = Population::generate(5, Skew::Equal, 0);
        let arch = Architecture::Cells {
            cells: 5,
            strategy: CellStrategy::Dedicated { largest: 4 },
        };
        let pl = place(&pop, arch, 0);
        (pop, pl)
    }

    #[test]
    fn hand_counted_full_rollout() {
        let (pop, pl) = five();
        let tl = timeline(&pop, &pl, plan(2, 10, 25, 5));
        assert_eq!(tl.wave_start, vec![0, 10, 20]);
        assert_eq!(tl.wave_units, vec![vec![0], vec![1, 2], vec![3, 4]]);
        assert_eq!(
            (tl.halted_after_wave, tl.healthy_at, tl.minutes),
            (2, 30, 30)
        );
        assert_eq!(tl.broken[9], 1);
        assert_eq!(tl.broken[10], 3);
        assert_eq!(tl.broken[29], 5);
        assert!((tl.traffic_lost[15] - 0.6).abs() < 1e-12);
        // 10 minutes each of 1, 3 and 5 tenants
        assert!((tl.tenant_minutes - 90.0).abs() < 1e-9);
        assert_eq!(state_at(&tl, 12), (vec![0, 1, 2], tl.traffic_lost[12]));
        assert_eq!(state_at(&tl, 30), (vec![], 0.0));
    }

    #[test]
    fn detection_halts_waves_not_yet_started() {
        let (pop, pl) = five();
        // wave 2 would start at minute 20, exactly at detection: halted
        let tl = timeline(&pop, &pl, plan(2, 10, 20, 0));
        assert_eq!(tl.halted_after_wave, 1);
        assert_eq!(tl.minutes, 20);
        assert!((tl.tenant_minutes - 40.0).abs() < 1e-9);
        // caught during the canary: one tenant for detect + rollback minutes
        let tl = timeline(&pop, &pl, plan(2, 10, 3, 4));
        assert_eq!(tl.halted_after_wave, 0);
        assert!((tl.tenant_minutes - 7.0).abs() < 1e-9);
        // caught instantly and rolled back instantly: nothing happens
        let tl = timeline(&pop, &pl, plan(2, 10, 0, 0));
        assert_eq!(tl.minutes, 0);
        assert_eq!(tl.tenant_minutes, 0.0);
    }

    #[test]
    fn shared_and_spread_placements() {
        let pop = Population::generate(8, Skew::Zipf(1.0), 1);
        let pl = place(&pop, Architecture::Shared, 0);
        let tl = timeline(&pop, &pl, plan(3, 5, 12, 3));
        assert_eq!(tl.wave_units, vec![vec![0]]);
        assert!((tl.tenant_minutes - 8.0 * 15.0).abs() < 1e-9);
        assert!(tl.traffic_lost.iter().all(|&x| (x - 1.0).abs() < 1e-12));
        let arch = Architecture::Cells {
            cells: 4,
            strategy: CellStrategy::RandomPerRequest,
        };
        let pl = place(&pop, arch, 0);
        let tl = timeline(&pop, &pl, plan(1, 1, 2, 0));
        // minute 0: one cell of four for all 8 tenants, minute 1: two
        assert_eq!(tl.tenants_hit, vec![2.0, 4.0]);
        assert!((tl.traffic_lost[0] - 0.25).abs() < 1e-12);
        assert!((tl.traffic_lost[1] - 0.5).abs() < 1e-12);
    }

    fn small_case() -> impl Strategy<Value = (Population, Placement)> {
        (1usize..60, 0u64..1_000, 1u32..20, 1u32..4, any::<bool>()).prop_map(
            |(n, seed, units, shard, cells)| {
                let pop = Population::generate(n, Skew::Pareto(1.2), seed);
                let arch = if cells {
                    Architecture::Cells {
                        cells: units,
                        strategy: CellStrategy::Hash,
                    }
                } else {
                    Architecture::Shuffle {
                        workers: units + 1,
                        shard,
                        max_overlap: None,
                    }
                };
                let pl = place(&pop, arch, seed);
                (pop, pl)
            },
        )
    }

    proptest! {
        #[test]
        fn tenant_minutes_grow_with_detection_time_and_wave_size(
            (pop, pl) in small_case(),
            wave in 1u32..6,
            bake in 0u32..8,
            detect in 0u32..40,
            rollback in 0u32..10,
            more in 1u32..20,
        ) {
            let base = timeline(&pop, &pl, plan(wave, bake, detect, rollback)).tenant_minutes;
            let later = timeline(&pop, &pl, plan(wave, bake, detect + more, rollback)).tenant_minutes;
            let wider = timeline(&pop, &pl, plan(wave + more, bake, detect, rollback)).tenant_minutes;
            prop_assert!(later >= base, "{later} < {base}");
            prop_assert!(wider >= base, "{wider} < {base}");
        }
    }
}
