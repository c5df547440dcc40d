//! Tests of the placements against their definitions.

use super::*;
use crate::cells::population::Skew;
use proptest::prelude::*;

fn equal(n: usize) -> Population {
    Population::generate(n, Skew::Equal, 0)
}

fn check_consistent(pop: &Population, pl: &Placement) {
    assert_eq!(pl.tenants(), pop.len());
    let mut load = vec![0.0; pl.units as usize];
    let mut count = vec![0u32; pl.units as usize];
    for t in 0..pop.len() as u32 {
        let us = pl.units_of(t);
        assert!(!us.is_empty());
        assert!(us.windows(2).all(|w| w[0] < w[1]), "sorted, distinct");
        for &u in us {
            assert!(u < pl.units);
            load[u as usize] += pop.weights[t as usize] / us.len() as f64;
            count[u as usize] += 1;
        }
    }
    assert_eq!(count, pl.unit_tenants);
    for (a, b) in load.iter().zip(&pl.unit_load) {
        assert!((a - b).abs() < 1e-12);
    }
    assert!((pl.unit_load.iter().sum::<f64>() - 1.0).abs() < 1e-9);
}

#[test]
fn shared_puts_everyone_on_one_unit() {
    let pop = equal(10);
    let pl = place(&pop, Architecture::Shared, 1);
    assert_eq!(pl.units, 1);
    assert_eq!(pl.unit_tenants, vec![10]);
    check_consistent(&pop, &pl);
}

#[test]
fn hash_cells_are_fixed_and_roughly_balanced() {
    let pop = equal(10_000);
    let arch = Architecture::Cells {
        cells: 10,
        strategy: CellStrategy::Hash,
    };
    let pl = place(&pop, arch, 7);
    check_consistent(&pop, &pl);
    assert_eq!(pl.units_of(42), &[(hash::key_hash(7, 42) % 10) as u32]);
    // why: binomial(10 000, 0.1) has sd 30; 200 is over 6 sd.
    assert!(pl
        .unit_tenants
        .iter()
        .all(|&c| (c as i64 - 1000).abs() < 200));
    assert_eq!(pl, place(&pop, arch, 7));
}

#[test]
fn dedicated_isolates_the_largest_and_balances_the_rest() {
    let pop = Population {
        weights: vec![0.05, 0.4, 0.05, 0.2, 0.1, 0.1, 0.1],
    };
    let arch = Architecture::Cells {
        cells: 4,
        strategy: CellStrategy::Dedicated { largest: 2 },
    };
    let pl = place(&pop, arch, 0);
    check_consistent(&pop, &pl);
    assert_eq!(pl.units_of(1), &[0]);
    assert_eq!(pl.units_of(3), &[1]);
    // rest, heaviest first (ties by id), onto the lighter of cells 2, 3:
    // 4 (.1)→2, 5 (.1)→3, 6 (.1)→2 (tie), 0 (.05)→3, 2 (.05)→3 (.15 < .2)
    let rest: Vec<u32> = [4, 5, 6, 0, 2].iter().map(|&t| pl.units_of(t)[0]).collect();
    assert_eq!(rest, vec![2, 3, 2, 3, 3]);
    assert_eq!(pl.unit_tenants, vec![1, 1, 2, 3]);
    // asking for more dedicated cells than exist leaves one shared cell
    let greedy = Architecture::Cells {
        cells: 3,
        strategy: CellStrategy::Dedicated { largest: 50 },
    };
    let pl = place(&pop, greedy, 0);
    assert_eq!(pl.unit_tenants, vec![1, 1, 5]);
}

#[test]
fn random_per_request_uses_every_cell() {
    let pop = equal(5);
    let arch = Architecture::Cells {
        cells: 4,
        strategy: CellStrategy::RandomPerRequest,
    };
    let pl = place(&pop, arch, 0);
    check_consistent(&pop, &pl);
    assert_eq!(pl.units_of(3), &[0, 1, 2, 3]);
    assert_eq!(pl.unit_tenants, vec![5; 4]);
    assert!(pl.units_of(5).is_empty());
}

#[test]
fn shuffle_shards_are_distinct_workers_independent_of_population_size() {
    let arch = Architecture::Shuffle {
        workers: 20,
        shard: 4,
        max_overlap: None,
    };
    let small = equal(50);
    let big = equal(500);
    let a = place(&small, arch, 3);
    let b = place(&big, arch, 3);
    check_consistent(&small, &a);
    check_consistent(&big, &b);
    for t in 0..50 {
        assert_eq!(a.units_of(t).len(), 4);
        assert_eq!(a.units_of(t), b.units_of(t));
    }
    assert_eq!(a.guarantee_kept_for, None);
}

#[test]
fn max_overlap_guarantee_holds_for_every_pair() {
    let pop = equal(300);
    let arch = Architecture::Shuffle {
        workers: 30,
        shard: 4,
        max_overlap: Some(2),
    };
    let pl = place(&pop, arch, 11);
    check_consistent(&pop, &pl);
    assert_eq!(pl.guarantee_kept_for, None);
    let plain = place(
        &pop,
        Architecture::Shuffle {
            workers: 30,
            shard: 4,
            max_overlap: None,
        },
        11,
    );
    let worst = |pl: &Placement| {
        let mut worst = 0;
        for a in 0..300u32 {
            for b in a + 1..300 {
                let shared = pl
                    .units_of(a)
                    .iter()
                    .filter(|u| pl.units_of(b).contains(u))
                    .count();
                worst = worst.max(shared);
            }
        }
        worst
    };
    assert!(worst(&pl) <= 2);
    // without the guarantee some pair does share 3 or more
    assert!(worst(&plain) >= 3);
}

#[test]
fn an_impossible_guarantee_reports_where_it_broke() {
    // why: 6 workers hold only C(6, 2) = 15 pairs and each 3-shard uses 3,
    // so at most 5 tenants can share at most one worker pairwise.
    let pop = equal(40);
    let arch = Architecture::Shuffle {
        workers: 6,
        shard: 3,
        max_overlap: Some(1),
    };
    let pl = place(&pop, arch, 2);
    check_consistent(&pop, &pl);
    let kept = pl.guarantee_kept_for.unwrap_or(usize::MAX);
    assert!((2..=5).contains(&kept), "{kept}");
    for a in 0..kept as u32 {
        for b in a + 1..kept as u32 {
            let shared = pl
                .units_of(a)
                .iter()
                .filter(|u| pl.units_of(b).contains(u))
                .count();
            assert!(shared <= 1);
        }
    }
}

/// The plain statement of a shard draw that [`fill_shard`] must match
/// draw for draw: ids one at a time, repeats skipped, then sorted.
fn reference_shard<W: Words>(draws: &mut Draws<'_, W>, workers: u32, k: usize) -> Vec<u32> {
    let mut shard = Vec::new();
    while shard.len() < k {
        let w = draws.below(workers);
        if !shard.contains(&w) {
            shard.push(w);
        }
    }
    shard.sort_unstable();
    shard
}

/// Tenants `a` and `b` share at most `m` workers.
fn within(pl: &Placement, a: u32, b: u32, m: usize) -> bool {
    let theirs = pl.units_of(b);
    pl.units_of(a).iter().filter(|u| theirs.contains(u)).count() <= m
}

#[test]
fn shards_read_back_in_order_at_the_bit_set_edges() {
    // fleets whose last worker sits at or next to a word edge of the
    // bit set, down to the smallest and up to the largest
    for workers in [2, 63, 64, 65, 127, 128, 129, 999, MAX_WORKERS] {
        for k in [1, 2, 5, 8] {
            let k = k.min(workers as usize);
            let mut a = Stream { state: 5 };
            let mut b = Stream { state: 5 };
            let mut fast = Draws {
                rng: &mut a,
                word: 0,
                left: 0,
            };
            let mut slow = Draws {
                rng: &mut b,
                word: 0,
                left: 0,
            };
            let mut shard = [0u32; 8];
            for _ in 0..2_000 {
                fill_shard(&mut fast, workers, &mut shard[..k]);
                assert_eq!(shard[..k], reference_shard(&mut slow, workers, k)[..]);
            }
        }
    }
}

proptest! {
    #[test]
    fn shards_match_the_plain_draw_and_are_sorted_distinct_ids(
        state in any::<u64>(),
        workers in 2u32..=MAX_WORKERS,
        k in 1usize..=8,
    ) {
        let k = k.min(workers as usize);
        let mut a = Stream { state };
        let mut b = Stream { state };
        let mut fast = Draws { rng: &mut a, word: 0, left: 0 };
        let mut slow = Draws { rng: &mut b, word: 0, left: 0 };
        let mut shard = [0u32; 8];
        for _ in 0..50 {
            fill_shard(&mut fast, workers, &mut shard[..k]);
            let want = reference_shard(&mut slow, workers, k);
            prop_assert_eq!(&shard[..k], &want[..]);
            prop_assert!(shard[..k].windows(2).all(|w| w[0] < w[1]));
            prop_assert!(shard[..k].iter().all(|&w| w < workers));
        }
    }

    #[test]
    fn shuffle_placements_are_consistent_and_keep_the_guarantee(
        workers in 2u32..=200,
        shard in 1u32..=8,
        overlap in proptest::option::of(0u32..8),
        tenants in 1usize..120,
        seed in any::<u64>(),
    ) {
        let pop = equal(tenants);
        let arch = Architecture::Shuffle { workers, shard, max_overlap: overlap };
        let pl = place(&pop, arch, seed);
        check_consistent(&pop, &pl);
        let Architecture::Shuffle { shard: k, max_overlap, .. } = arch.clamped() else {
            unreachable!("shuffle clamps to shuffle");
        };
        for t in 0..tenants as u32 {
            prop_assert_eq!(pl.units_of(t).len(), k as usize);
        }
        match max_overlap {
            None => prop_assert_eq!(pl.guarantee_kept_for, None),
            Some(m) => {
                let kept = pl.guarantee_kept_for.unwrap_or(tenants) as u32;
                for a in 0..kept {
                    for b in a + 1..kept {
                        prop_assert!(within(&pl, a, b, m as usize), "{} and {}", a, b);
                    }
                }
                // the tenant that broke it did conflict with an earlier one
                if kept < tenants as u32 {
                    prop_assert!((0..kept).any(|a| !within(&pl, a, kept, m as usize)));
                }
            }
        }
    }
}
