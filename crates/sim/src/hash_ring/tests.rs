//! Tests of the ring against its definition.

use super::*;

#[test]
fn sorted_assignment_is_the_assignment_in_hash_order() {
    let topo = Topology::uniform(7);
    let ring = Ring::build(&topo, 20, 3);
    let keys = Keys::generate(5_000, 9);
    let by_index = ring.assign(&keys);
    let sorted = ring.assign_sorted(&keys);
    assert_eq!(sorted.len(), keys.len());
    for (i, &k) in keys.by_hash().iter().enumerate() {
        assert_eq!(sorted[i], by_index[k as usize]);
    }
}

use crate::topology::Node;
use proptest::prelude::*;

#[test]
fn vnodes_for_rounds_and_clamps() {
    assert_eq!(vnodes_for(1.0, 100), 100);
    assert_eq!(vnodes_for(2.5, 10), 25);
    assert_eq!(vnodes_for(0.01, 10), 1);
    assert_eq!(vnodes_for(1.0, 0), 1);
    assert_eq!(vnodes_for(f64::NAN, 10), 1);
    assert_eq!(vnodes_for(1e9, 1000), 1_000_000);
    assert_eq!(vnodes_for(f64::INFINITY, 1), 1_000_000);
}

#[test]
fn build_sorts_and_counts_points() {
    let t = Topology::new(vec![
        Node { id: 3, weight: 1.0 },
        Node { id: 8, weight: 2.0 },
    ]);
    let ring = Ring::build(&t, 50, 1);
    assert_eq!(ring.len(), 150);
    assert_eq!(ring.points().iter().filter(|p| p.node == 8).count(), 100);
    for w in ring.points().windows(2) {
        assert!((w[0].hash, w[0].node, w[0].vnode) < (w[1].hash, w[1].node, w[1].vnode));
    }
    for p in ring.points() {
        assert_eq!(p.hash, vnode_hash(1, p.node, p.vnode));
    }
}

#[test]
fn owner_of_agrees_with_assign_for_every_key() {
    let t = Topology::uniform(13);
    let ring = Ring::build(&t, 40, 5);
    let keys = Keys::generate(20_000, 6);
    let owners = ring.assign(&keys);
    assert_eq!(owners.len(), keys.len());
    for (i, &o) in owners.iter().enumerate() {
        assert_eq!(Some(o), ring.owner_of(keys.hash(i)));
    }
    let succ = ring.successor_indices(&keys);
    for (i, &s) in succ.iter().enumerate() {
        assert_eq!(ring.points()[s as usize].node, owners[i]);
    }
}

#[test]
fn owner_of_edges() {
    let ring = Ring::build(&Topology::uniform(3), 4, 9);
    let pts = ring.points();
    // exactly on a point: that point owns it
    assert_eq!(ring.owner_of(pts[2].hash), Some(pts[2].node));
    // just after a point: the next one
    assert_eq!(ring.owner_of(pts[2].hash + 1), Some(pts[3].node));
    // past the last point: wraps to the first
    let last = pts[pts.len() - 1].hash;
    if last < u64::MAX {
        assert_eq!(ring.owner_of(last + 1), Some(pts[0].node));
    }
    assert_eq!(ring.owner_of(0), Some(pts[0].node));
    let empty = Ring::build(&Topology::default(), 10, 1);
    assert!(empty.is_empty());
    assert_eq!(empty.owner_of(5), None);
    assert!(empty.assign(&Keys::generate(10, 1)).is_empty());
    assert!(empty.preference_list(5, 3).is_empty());
}

#[test]
fn preference_list_distinct_starting_at_owner() {
    let t = Topology::uniform(6);
    let ring = Ring::build(&t, 20, 2);
    let keys = Keys::generate(500, 3);
    for &h in keys.hashes() {
        let list = ring.preference_list(h, 3);
        assert_eq!(list.len(), 3);
        assert_eq!(Some(list[0]), ring.owner_of(h));
        let mut d = list.clone();
        d.sort_unstable();
        d.dedup();
        assert_eq!(d.len(), 3);
    }
    // asking for more replicas than nodes gives every node once
    let all = ring.preference_list(12345, 10);
    assert_eq!(all.len(), 6);
    assert!(ring.preference_list(1, 0).is_empty());
}

#[test]
fn arc_shares_sum_to_one_and_single_node_owns_all() {
    let t = Topology::uniform(7);
    let ring = Ring::build(&t, 30, 4);
    let shares = ring.arc_shares(&t);
    assert_eq!(shares.len(), 7);
    assert!((shares.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    assert!(shares.iter().all(|&s| s > 0.0));

    let one = Topology::uniform(1);
    for v in [1, 5] {
        let ring = Ring::build(&one, v, 4);
        assert_eq!(ring.arc_shares(&one), vec![1.0]);
        let keys = Keys::generate(1000, 1);
        assert!(ring.assign(&keys).iter().all(|&o| o == 0));
    }
}

#[test]
fn arc_shares_predict_key_shares() {
    let t = Topology::uniform(5);
    let ring = Ring::build(&t, 3, 8);
    let shares = ring.arc_shares(&t);
    let keys = Keys::generate(100_000, 9);
    let owners = ring.assign(&keys);
    for (idx, share) in shares.iter().enumerate() {
        let got = owners.iter().filter(|&&o| o == idx as u32).count() as f64 / 1e5;
        // why: binomial sd ≤ sqrt(0.25/1e5) ≈ 0.0016; 0.01 is > 6 sd.
        assert!((got - share).abs() < 0.01, "node {idx}: {got} vs {share}");
    }
}

fn topology_of(nodes: &[(u32, f64)]) -> Topology {
    Topology::new(
        nodes
            .iter()
            .map(|&(id, weight)| Node { id, weight })
            .collect(),
    )
}

#[test]
fn updating_for_one_more_node_adds_only_its_points() {
    let before = Ring::build(&Topology::uniform(10), 100, 5);
    let after = before.update(&Topology::uniform(11), 100, 5);
    assert_eq!(after.len(), 1_100);
    assert_eq!(
        after.points(),
        Ring::build(&Topology::uniform(11), 100, 5).points()
    );
    let back = after.update(&Topology::uniform(10), 100, 5);
    assert_eq!(back.points(), before.points());
    assert_eq!(back.distinct_nodes, 10);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn an_updated_ring_is_the_ring_built_afresh(
        a in proptest::collection::btree_map(0u32..12, 0.2f64..3.0, 0..8),
        b in proptest::collection::btree_map(0u32..12, 0.2f64..3.0, 0..8),
        vnodes in 1u32..40, vnodes2 in 1u32..40, same in any::<bool>(), seed in any::<u64>()) {
        let ta = topology_of(&a.into_iter().collect::<Vec<_>>());
        let tb = topology_of(&b.into_iter().collect::<Vec<_>>());
        let v2 = if same { vnodes } else { vnodes2 };
        let updated = Ring::build(&ta, vnodes, seed).update(&tb, v2, seed);
        let fresh = Ring::build(&tb, v2, seed);
        prop_assert_eq!(updated.points(), fresh.points());
        prop_assert_eq!(updated.distinct_nodes, fresh.distinct_nodes);
    }

    #[test]
    fn assign_equals_owner_of(weights in proptest::collection::vec(0.1f64..4.0, 1..8),
                              vnodes in 1u32..20, seed in any::<u64>(), nkeys in 0usize..400) {
        let t = Topology::new(weights.iter().enumerate()
            .map(|(i, &w)| Node { id: (i * 3) as u32, weight: w }).collect());
        let ring = Ring::build(&t, vnodes, seed);
        let keys = Keys::generate(nkeys, seed ^ 1);
        let owners = ring.assign(&keys);
        prop_assert_eq!(owners.len(), nkeys);
        for (i, &o) in owners.iter().enumerate() {
            prop_assert_eq!(Some(o), ring.owner_of(keys.hash(i)));
        }
        let s: f64 = ring.arc_shares(&t).iter().sum();
        prop_assert!((s - 1.0).abs() < 1e-9);
    }
}
