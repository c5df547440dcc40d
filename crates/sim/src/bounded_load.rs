//! Consistent hashing with bounded loads (Mirrokni, Thorup & Zadimoghaddam, 2018).
//!
//! Each node gets a capacity of `(1 + ε)` times its fair share of the keys.
//! Keys are placed one after another; each walks clockwise from its hash and
//! takes the first point whose node still has room. No node can exceed its
//! capacity, while the ring's small-movement behaviour is mostly kept.
//!
//! Skipping full nodes naively would cost O(points) per key. Instead a full
//! node's points are marked dead and a union-find structure with path
//! compression answers "first live point at or after i" in near-constant
//! amortised time.

use crate::hash_ring::Ring;
use crate::keys::Keys;
use crate::topology::{NodeId, Topology};

/// Marks a point whose node is not in the topology.
const NO_NODE: u32 = u32::MAX;

/// Capacity of each node (by index): `ceil((1 + ε) · keys · w_i / W)`.
/// A negative or NaN `ε` counts as 0; a huge one saturates at `usize::MAX`.
pub fn capacities(topology: &Topology, keys: usize, epsilon: f64) -> Vec<usize> {
    let eps = if epsilon > 0.0 { epsilon } else { 0.0 };
    let total = topology.total_weight();
    topology
        .nodes
        .iter()
        .map(|n| {
            let exact = (1.0 + eps) * keys as f64 * n.weight / total;
            // why: 1.1 · 100 000 / 10 evaluates to 11 000.000000000002; snap
            // such rounding noise to the integer the formula really means
            // before taking the ceiling, or the capacity is one too high.
            let nearest = exact.round();
            let c = if (exact - nearest).abs() <= 1e-9 * nearest.max(1.0) {
                nearest
            } else {
                exact.ceil()
            };
            // why: `as` saturates (infinity becomes usize::MAX) and sends NaN to 0.
            c as usize
        })
        .collect()
}

/// "Next live point" finder: `parent[i] == i` means point `i` is alive;
/// otherwise it leads clockwise towards the next live point.
struct NextAlive {
    parent: Vec<u32>,
}

impl NextAlive {
    /// Finds the first live point at or clockwise after `i`. At least one
    /// point must be alive, otherwise this would loop forever.
    fn find(&mut self, i: u32) -> u32 {
        let mut root = i;
        while self.parent[root as usize] != root {
            root = self.parent[root as usize];
        }
        // why: path compression — every visited point now links straight to
        // the live point, so later searches from it take one step.
        let mut cur = i;
        while cur != root {
            let next = self.parent[cur as usize];
            self.parent[cur as usize] = root;
            cur = next;
        }
        root
    }

    /// Marks point `i` dead by linking it to its clockwise neighbour.
    fn kill(&mut self, i: u32) {
        let n = self.parent.len() as u32;
        self.parent[i as usize] = if i + 1 == n { 0 } else { i + 1 };
    }
}

/// Owner of every key under bounded loads: keys are placed in index order,
/// each at the first point clockwise from its hash whose node still has
/// spare capacity (see [`capacities`]). Empty when the ring is empty.
///
/// Points of nodes missing from `topology` are never used. If the capacities
/// cannot hold every key (only possible when `ring` and `topology` disagree),
/// the leftover keys go to their plain ring owner.
pub fn assign(ring: &Ring, topology: &Topology, keys: &Keys, epsilon: f64) -> Vec<NodeId> {
    let points = ring.points();
    if points.is_empty() {
        return Vec::new();
    }
    let caps = capacities(topology, keys.len(), epsilon);
    let node_of: Vec<u32> = points
        .iter()
        .map(|p| topology.index_of(p.node).map_or(NO_NODE, |i| i as u32))
        .collect();

    // why: each node's points as one flat list (compressed rows), so a node
    // that fills up can kill all its points in one pass.
    let mut row_start = vec![0usize; topology.len() + 1];
    for &n in &node_of {
        if n != NO_NODE {
            row_start[n as usize + 1] += 1;
        }
    }
    for i in 1..row_start.len() {
        row_start[i] += row_start[i - 1];
    }
    let mut fill = row_start.clone();
    let mut points_of = vec![0u32; row_start[topology.len()]];
    for (p, &n) in (0u32..).zip(&node_of) {
        if n != NO_NODE {
            points_of[fill[n as usize]] = p;
            fill[n as usize] += 1;
        }
    }

    let mut next = NextAlive {
        parent: (0..points.len() as u32).collect(),
    };
    let mut alive = points.len();
    for (p, &n) in (0u32..).zip(&node_of) {
        if n == NO_NODE || caps[n as usize] == 0 {
            next.kill(p);
            alive -= 1;
        }
    }

    let start = ring.successor_indices(keys);
    let mut load = vec![0usize; topology.len()];
    let mut out = Vec::with_capacity(keys.len());
    for &s in &start {
        if alive == 0 {
            out.push(points[s as usize].node);
            continue;
        }
        let p = next.find(s);
        let n = node_of[p as usize] as usize;
        out.push(points[p as usize].node);
        load[n] += 1;
        if load[n] == caps[n] {
            for &q in &points_of[row_start[n]..row_start[n + 1]] {
                next.kill(q);
            }
            alive -= row_start[n + 1] - row_start[n];
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::counts;
    use crate::topology::Node;
    use proptest::prelude::*;

    #[test]
    fn capacity_formula() {
        assert_eq!(capacities(&Topology::uniform(4), 100, 0.25), vec![32; 4]);
        assert_eq!(capacities(&Topology::uniform(3), 100, 0.0), vec![34; 3]);
        assert_eq!(capacities(&Topology::uniform(3), 100, -1.0), vec![34; 3]);
        let t = Topology::new(vec![
            Node { id: 0, weight: 1.0 },
            Node { id: 1, weight: 3.0 },
        ]);
        assert_eq!(capacities(&t, 100, 0.1), vec![28, 83]);
        assert_eq!(capacities(&t, 0, 0.1), vec![0, 0]);
        assert_eq!(capacities(&t, 10, f64::INFINITY), vec![usize::MAX; 2]);
        assert!(capacities(&Topology::default(), 10, 0.1).is_empty());
        // float noise must not add a phantom key of room
        assert_eq!(
            capacities(&Topology::uniform(10), 100_000, 0.1),
            vec![11_000; 10]
        );
        assert_eq!(capacities(&Topology::uniform(7), 700, 0.3), vec![130; 7]);
    }

    #[test]
    fn huge_epsilon_equals_plain_ring() {
        let t = Topology::uniform(9);
        let ring = Ring::build(&t, 5, 3);
        let keys = Keys::generate(10_000, 4);
        assert_eq!(assign(&ring, &t, &keys, 1e9), ring.assign(&keys));
    }

    #[test]
    fn caps_the_maximum_load() {
        let t = Topology::uniform(10);
        let ring = Ring::build(&t, 1, 7);
        let keys = Keys::generate(100_000, 8);
        let plain = counts(&t, &ring.assign(&keys));
        let bounded_owners = assign(&ring, &t, &keys, 0.1);
        assert_eq!(bounded_owners.len(), 100_000);
        let bounded = counts(&t, &bounded_owners);
        assert_eq!(bounded.iter().sum::<usize>(), 100_000);
        assert!(bounded.iter().all(|&c| c <= 11_000), "{bounded:?}");
        // with one point per node the plain ring is far out of balance
        assert!(
            plain.iter().copied().max().unwrap_or(0) > 11_000,
            "{plain:?}"
        );
    }

    #[test]
    fn keys_go_to_their_owner_unless_it_is_full() {
        let t = Topology::uniform(5);
        let ring = Ring::build(&t, 3, 1);
        let keys = Keys::generate(5000, 2);
        let plain = ring.assign(&keys);
        let bounded = assign(&ring, &t, &keys, 0.05);
        let caps = capacities(&t, keys.len(), 0.05);
        let full = counts(&t, &bounded);
        for (p, b) in plain.iter().zip(&bounded) {
            if p != b {
                // a key only overflows when its own node ended up full
                assert_eq!(full[*p as usize], caps[*p as usize]);
            }
        }
    }

    #[test]
    fn ring_with_foreign_nodes() {
        // ring built for 4 nodes, topology only knows 2 of them
        let ring = Ring::build(&Topology::uniform(4), 10, 1);
        let t = Topology::new(vec![
            Node { id: 1, weight: 1.0 },
            Node { id: 2, weight: 1.0 },
        ]);
        let keys = Keys::generate(1000, 1);
        let owners = assign(&ring, &t, &keys, 0.0);
        assert_eq!(owners.len(), 1000);
        assert!(owners.iter().all(|&o| o == 1 || o == 2));
        let c = counts(&t, &owners);
        assert_eq!(c, vec![500, 500]);
        let empty = Ring::build(&Topology::default(), 10, 1);
        assert!(assign(&empty, &t, &keys, 0.1).is_empty());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]
        #[test]
        fn never_exceeds_capacity(weights in proptest::collection::vec(0.2f64..5.0, 1..7),
                                  vnodes in 1u32..12, seed in any::<u64>(),
                                  nkeys in 0usize..600, epsilon in 0.0f64..1.5) {
            let t = Topology::new(weights.iter().enumerate()
                .map(|(i, &w)| Node { id: i as u32 * 2 + 1, weight: w }).collect());
            let ring = Ring::build(&t, vnodes, seed);
            let keys = Keys::generate(nkeys, seed.wrapping_add(1));
            let owners = assign(&ring, &t, &keys, epsilon);
            prop_assert_eq!(owners.len(), nkeys);
            let caps = capacities(&t, nkeys, epsilon);
            let c = counts(&t, &owners);
            prop_assert_eq!(c.iter().sum::<usize>(), nkeys);
            for (got, cap) in c.iter().zip(&caps) {
                prop_assert!(got <= cap, "{:?} > {:?}", c, caps);
            }
        }
    }
}
