//! How many keys change owner when the topology changes, against the least
//! any scheme could get away with.

use std::collections::BTreeMap;

use crate::topology::{NodeId, Topology};

/// Keys that changed owner out of all keys compared.
#[derive(Clone, Debug, PartialEq)]
pub struct Moves {
    /// Keys whose owner differs.
    pub moved: usize,
    /// Keys compared.
    pub total: usize,
}

impl Moves {
    /// `moved / total`, or 0 when nothing was compared.
    pub fn share(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.moved as f64 / self.total as f64
        }
    }
}

/// Compares two assignments key by key (over the shorter length).
pub fn count_moved(before: &[NodeId], after: &[NodeId]) -> Moves {
    let moved = before.iter().zip(after).filter(|(b, a)| b != a).count();
    Moves {
        moved,
        total: before.len().min(after.len()),
    }
}

/// The least share of keys any scheme must move to go from `before`'s fair
/// shares to `after`'s: the total-variation distance
/// `½ · Σ |s_after(id) − s_before(id)|` over every id of either topology
/// (an absent id has share 0).
///
/// Why this is a lower bound: a node whose share grows by `d` must receive at
/// least `d` of the keys from elsewhere, and the growths add up to exactly
/// half the total absolute change. It is also reachable, by moving keys only
/// from shrinking nodes to growing ones.
pub fn ideal_moved_share(before: &Topology, after: &Topology) -> f64 {
    let sb = before.fair_shares();
    let sa = after.fair_shares();
    let (mut i, mut j) = (0, 0);
    let mut sum = 0.0;
    // why: both node lists are sorted by id, so one merge walk visits the
    // union of ids.
    while i < sb.len() || j < sa.len() {
        let ib = before.nodes.get(i).map(|n| n.id);
        let ia = after.nodes.get(j).map(|n| n.id);
        match (ib, ia) {
            (Some(x), Some(y)) if x == y => {
                sum += (sa[j] - sb[i]).abs();
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x < y => {
                sum += sb[i];
                i += 1;
            }
            (Some(_), None) => {
                sum += sb[i];
                i += 1;
            }
            _ => {
                sum += sa[j];
                j += 1;
            }
        }
    }
    sum / 2.0
}

/// Number of keys moved per `(from, to)` pair, sorted by the pair.
pub fn moved_pairs(before: &[NodeId], after: &[NodeId]) -> Vec<((NodeId, NodeId), usize)> {
    let mut pairs: BTreeMap<(NodeId, NodeId), usize> = BTreeMap::new();
    for (&b, &a) in before.iter().zip(after) {
        if b != a {
            *pairs.entry((b, a)).or_insert(0) += 1;
        }
    }
    pairs.into_iter().collect()
}

/// The spread of the share of keys a consistent-hashing ring moves when `k`
/// nodes join a ring of `n` (or leave a ring of `n + k`), every node with `v`
/// positions, over `keys` keys: the standard deviation of one run's share
/// around its mean `p = k/(n+k)`, which is [`ideal_moved_share`] for that change.
///
/// Why: the `m = (n+k)·v` positions are independent uniform points, so the
/// arcs the `k` nodes own are `k·v` of the `m` spacings, whose total is
/// Beta(kv, nv): mean `p`, variance `p(1−p)/(m+1)`. Given that share `s`, the
/// keys that move are binomial, which adds `E[s(1−s)]/K = p(1−p)·m/((m+1)K)`.
pub fn ring_moved_std(n: u32, k: u32, v: u32, keys: usize) -> f64 {
    let total = f64::from(n) + f64::from(k);
    if total == 0.0 || keys == 0 {
        return 0.0;
    }
    let p = f64::from(k) / total;
    let m = total * f64::from(v.max(1));
    let arcs = p * (1.0 - p) / (m + 1.0);
    let sampling = p * (1.0 - p) * m / ((m + 1.0) * keys as f64);
    (arcs + sampling).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash_ring::Ring;
    use crate::keys::Keys;
    use crate::topology::Node;
    use crate::{jump, mod_n, rendezvous};
    use proptest::prelude::*;

    /// One run's share moved, over many seeds: its mean is the ideal and its
    /// spread the closed form, with one spot per node and with a hundred.
    #[test]
    fn a_single_join_spreads_as_the_closed_form_says() {
        for (n, v) in [(5u32, 1u32), (5, 100), (9, 10)] {
            let keys_n = 2_000;
            let before = Topology::uniform(n);
            let after = Topology::uniform(n + 1);
            let runs = 400u64;
            let shares: Vec<f64> = (0..runs)
                .map(|seed| {
                    let keys = Keys::generate(keys_n, seed);
                    let a = Ring::build(&before, v, seed).assign_sorted(&keys);
                    let b = Ring::build(&after, v, seed).assign_sorted(&keys);
                    count_moved(&a, &b).share()
                })
                .collect();
            let mean = shares.iter().sum::<f64>() / runs as f64;
            let var = shares.iter().map(|s| (s - mean).powi(2)).sum::<f64>() / (runs - 1) as f64;
            let p = ideal_moved_share(&before, &after);
            let sd = ring_moved_std(n, 1, v, keys_n);
            assert!(
                (mean - p).abs() < 4.0 * sd / (runs as f64).sqrt(),
                "n={n} v={v}: mean {mean} vs {p}"
            );
            let ratio = var.sqrt() / sd;
            assert!(
                (0.85..1.15).contains(&ratio),
                "n={n} v={v}: spread {} vs {sd}",
                var.sqrt()
            );
        }
    }

    #[test]
    fn counting_by_hand() {
        let m = count_moved(&[1, 2, 3, 4], &[1, 5, 3, 6]);
        assert_eq!(m, Moves { moved: 2, total: 4 });
        assert_eq!(m.share(), 0.5);
        assert_eq!(count_moved(&[1, 2, 3], &[2]), Moves { moved: 1, total: 1 });
        assert_eq!(count_moved(&[], &[]).share(), 0.0);
        let pairs = moved_pairs(&[1, 2, 2, 3, 2], &[1, 0, 0, 1, 4]);
        assert_eq!(pairs, vec![((2, 0), 2), ((2, 4), 1), ((3, 1), 1)]);
        assert!(moved_pairs(&[1, 2], &[1, 2]).is_empty());
    }

    #[test]
    fn ideal_by_hand() {
        let u = Topology::uniform;
        for n in [1u32, 3, 10] {
            let add = ideal_moved_share(&u(n), &u(n + 1));
            assert!((add - 1.0 / f64::from(n + 1)).abs() < 1e-12);
            let remove = ideal_moved_share(&u(n + 1), &u(n));
            assert!((remove - 1.0 / f64::from(n + 1)).abs() < 1e-12);
        }
        // removing a middle node of 4 moves exactly its quarter
        let mut nodes = u(4).nodes;
        nodes.remove(1);
        assert!((ideal_moved_share(&u(4), &Topology::new(nodes)) - 0.25).abs() < 1e-12);
        // doubling one node's weight among two: 1/2 -> 2/3
        let w = Topology::new(vec![
            Node { id: 0, weight: 2.0 },
            Node { id: 1, weight: 1.0 },
        ]);
        assert!((ideal_moved_share(&u(2), &w) - 1.0 / 6.0).abs() < 1e-12);
        assert_eq!(ideal_moved_share(&u(5), &u(5)), 0.0);
        // disjoint ids: everything moves
        let far = Topology::new(vec![Node {
            id: 50,
            weight: 1.0,
        }]);
        assert!((ideal_moved_share(&u(3), &far) - 1.0).abs() < 1e-12);
        assert_eq!(
            ideal_moved_share(&Topology::default(), &Topology::default()),
            0.0
        );
    }

    /// Upper bound for the moved share when it should be `ideal` on average.
    ///
    /// The moved share is the mean of K key indicators whose success
    /// probability is itself random with variance `structural` (0 for jump
    /// and rendezvous, whose keys move independently with probability exactly
    /// `ideal`; the new node's arc share for the ring). By the law of total
    /// variance its variance is at most `structural + ideal(1 − ideal)/K`; six
    /// standard deviations plus one key of slack leaves a false-alarm chance
    /// far below one in a million per case.
    fn noise_bound(ideal: f64, structural: f64, keys: usize) -> f64 {
        let var = structural + ideal * (1.0 - ideal) / keys as f64;
        ideal + 6.0 * var.sqrt() + 1.0 / keys as f64
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn adding_a_node_moves_close_to_ideal(n in 1u32..40, nkeys in 1000usize..4000,
                                              vnodes in 100u32..200, seed in any::<u64>()) {
            let before = Topology::uniform(n);
            let after = Topology::uniform(n + 1);
            let ideal = ideal_moved_share(&before, &after);
            let keys = Keys::generate(nkeys, seed);

            // why: with v points per node the newcomer's arc share is
            // Beta(v, n·v): variance n / ((n+1)² ((n+1)v + 1)).
            let nn = f64::from(n);
            let v = f64::from(vnodes);
            let arc_var = nn / ((nn + 1.0).powi(2) * ((nn + 1.0) * v + 1.0));

            let ring_b = Ring::build(&before, vnodes, seed).assign(&keys);
            let ring_a = Ring::build(&after, vnodes, seed).assign(&keys);
            let jump_b = jump::assign(&before, &keys);
            let jump_a = jump::assign(&after, &keys);
            let hrw_b = rendezvous::assign(&before, &keys, seed);
            let hrw_a = rendezvous::assign(&after, &keys, seed);
            for (name, b, a, structural) in [("ring", &ring_b, &ring_a, arc_var),
                                             ("jump", &jump_b, &jump_a, 0.0),
                                             ("hrw", &hrw_b, &hrw_a, 0.0)] {
                // every move goes to the newcomer ...
                for ((from, to), _) in moved_pairs(b, a) {
                    prop_assert_eq!(to, n, "{} moved a key {}->{}", name, from, to);
                }
                // ... and there are not many more of them than the ideal
                let share = count_moved(b, a).share();
                let bound = noise_bound(ideal, structural, nkeys);
                prop_assert!(share <= bound, "{}: {} > {}", name, share, bound);
            }

            // mod N moves about its closed form instead, far above the ideal
            let mb = mod_n::assign(&before, &keys);
            let ma = mod_n::assign(&after, &keys);
            let p = mod_n::expected_moved_share(n as usize, n as usize + 1);
            let got = count_moved(&mb, &ma).share();
            let tol = 6.0 * (p * (1.0 - p) / nkeys as f64).sqrt() + 1.0 / nkeys as f64;
            prop_assert!((got - p).abs() <= tol, "mod-n {} vs {}", got, p);
        }
    }
}
