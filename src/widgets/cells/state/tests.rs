//! Tests of the cells' state: its link read back, bad values fixed with notices, and failures within the units.

use super::*;
use proptest::prelude::*;

fn round_trip(s: &CellsState) -> (CellsState, usize) {
    let mut q = Query::default();
    s.to_query(&mut q);
    let parsed = Query::parse(&q.to_query_string());
    let mut r = Reader::new(&parsed);
    let back = CellsState::from_query(&mut r);
    (back, r.finish().len())
}

#[test]
fn default_round_trips() {
    let s = CellsState::default();
    assert_eq!(round_trip(&s), (s, 0));
}

#[test]
fn bad_values_are_fixed_with_notices() {
    let q = Query::parse("tenants=0&skew=moon&arch=x&cells=5000&failed=1,99,z&maxov=9&shard=20&workers=4&big=0&wave=0&pick=7");
    let mut r = Reader::new(&q);
    let s = CellsState::from_query(&mut r);
    let params: Vec<String> = r.finish().into_iter().map(|n| n.param).collect();
    assert_eq!(s.tenants, 1);
    assert_eq!(s.cells, MAX_CELLS);
    assert_eq!(s.failed, vec![1, 99]);
    assert_eq!(s.shard, 4, "at most the workers");
    for p in [
        "tenants", "skew", "arch", "cells", "failed", "maxov", "shard", "big", "wave", "pick",
    ] {
        assert!(
            params.iter().any(|x| x == p),
            "no notice for {p}: {params:?}"
        );
    }
}

#[test]
fn toggling_failures_stays_within_the_units() {
    let mut s = CellsState {
        failed: vec![],
        ..CellsState::default()
    };
    s.toggle_failed(4);
    s.toggle_failed(2);
    assert_eq!(s.failed, vec![2, 4]);
    s.toggle_failed(4);
    s.toggle_failed(50);
    assert_eq!(s.failed, vec![2]);
    s.arch = ArchKind::Shared;
    s.fix();
    assert!(s.failed.is_empty());
}

proptest! {
    #[test]
    fn arbitrary_links_never_panic(q in "[a-z=&:,0-9.%-]{0,200}") {
        let parsed = Query::parse(&q);
        let mut r = Reader::new(&parsed);
        let s = CellsState::from_query(&mut r);
        let _ = r.finish();
        prop_assert!(s.shard >= 1 && s.shard <= s.workers && s.failed.iter().all(|&f| f < s.units()));
    }

    #[test]
    fn reachable_states_round_trip(
        tenants in 1u32..=MAX_TENANTS, arch in 0u8..3, cells in 2u32..=MAX_CELLS, workers in 2u32..=MAX_WORKERS,
        shard in 1u32..=MAX_SHARD, fault in 0u8..3, seed in any::<u64>(), fails in proptest::collection::vec(0u32..1000, 0..5),
        overhead in 0.0f64..0.5, headroom in 0.0f64..2.0, minute in 0u32..1000, pick in proptest::option::of(0u32..200_000),
    ) {
        let mut s = CellsState {
            tenants, cells, workers, shard, seed, overhead, headroom, minute, pick, failed: vec![],
            arch: [ArchKind::Shared, ArchKind::Cells, ArchKind::Shuffle][arch as usize],
            fault: [Fault::Units, Fault::Poison, Fault::Deploy][fault as usize],
            ..CellsState::default()
        };
        s.fix();
        for f in fails { s.toggle_failed(f); }
        s.fix();
        let (back, notices) = round_trip(&s);
        prop_assert_eq!(notices, 0);
        prop_assert_eq!(back, s);
    }
}
