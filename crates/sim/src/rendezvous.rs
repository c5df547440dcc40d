//! Rendezvous hashing, also called highest random weight (Thaler & Ravishankar).
//!
//! Every key scores every node with a hash of the pair and goes to the node
//! with the highest score. Removing a node only moves that node's keys (each
//! to its runner-up); adding one only takes keys whose new top score is the
//! newcomer. The price is O(nodes) work per key lookup.
//!
//! Weighted nodes use the logarithmic method (Schindelhauer & Schomaker,
//! 2005): with `u` the pair's hash mapped to (0, 1), `−ln(u)` is an Exp(1)
//! draw `E`, so the score `−w / ln(u) = w / E` is highest where `E / w` — an
//! exponential of rate `w` — is lowest, which makes node `i` win with
//! probability exactly `w_i / Σw`.

use crate::hash::{mix64, node_hash, to_unit};
use crate::keys::Keys;
use crate::topology::{NodeId, Topology};

/// Smallest `u` fed to the logarithm, so that `ln(u)` stays finite.
const MIN_UNIT: f64 = 1.0 / (1u64 << 54) as f64;

/// Raw score of the key at hash `key_hash` on a node whose [`node_hash`] is
/// `node_seed`.
#[inline]
pub fn score(key_hash: u64, node_seed: u64) -> u64 {
    mix64(key_hash ^ node_seed)
}

/// Weighted score `−w / ln(u)` where `u = to_unit(raw)` clamped away from 0.
#[inline]
pub fn weighted_score(raw: u64, weight: f64) -> f64 {
    let u = to_unit(raw).max(MIN_UNIT);
    // why: u < 1 so ln(u) < 0 and the score is positive; libm keeps the
    // logarithm identical natively and in wasm.
    -weight / libm::log(u)
}

/// Owner of every key by highest random weight. Equal weights compare the raw
/// 64-bit scores (no logarithms); unequal weights use [`weighted_score`].
/// Ties go to the lower node index. Empty when the topology is empty.
pub fn assign(topology: &Topology, keys: &Keys, seed: u64) -> Vec<NodeId> {
    let Some(first) = topology.nodes.first() else {
        return Vec::new();
    };
    let seeds: Vec<u64> = topology
        .nodes
        .iter()
        .map(|n| node_hash(seed, n.id))
        .collect();
    let equal = topology.nodes.iter().all(|n| n.weight == first.weight);
    let winners = if equal {
        assign_equal(&seeds, keys.hashes())
    } else {
        let weights: Vec<f64> = topology.nodes.iter().map(|n| n.weight).collect();
        assign_weighted(&seeds, &weights, keys.hashes())
    };
    winners
        .into_iter()
        .map(|i| topology.nodes[i as usize].id)
        .collect()
}

/// Winning node index per key when all weights are equal.
fn assign_equal(seeds: &[u64], hashes: &[u64]) -> Vec<u32> {
    let Some((&first, rest)) = seeds.split_first() else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(hashes.len());
    // why: one key's scan is a chain of dependent compare-and-keep steps.
    // Scanning four keys at once, unrolled by hand so it also happens at
    // opt-level "z", gives the CPU independent chains to overlap (~10-15 %
    // on 100k keys × 100 nodes; the two multiplies per score are the floor).
    let mut blocks = hashes.chunks_exact(4);
    for block in &mut blocks {
        let [h0, h1, h2, h3] = [block[0], block[1], block[2], block[3]];
        let (mut s0, mut s1, mut s2, mut s3) = (
            score(h0, first),
            score(h1, first),
            score(h2, first),
            score(h3, first),
        );
        let (mut w0, mut w1, mut w2, mut w3) = (0u32, 0u32, 0u32, 0u32);
        for (i, &s) in (1u32..).zip(rest) {
            // why: strict `>` keeps the lower index on a tie.
            let c0 = score(h0, s);
            if c0 > s0 {
                (s0, w0) = (c0, i);
            }
            let c1 = score(h1, s);
            if c1 > s1 {
                (s1, w1) = (c1, i);
            }
            let c2 = score(h2, s);
            if c2 > s2 {
                (s2, w2) = (c2, i);
            }
            let c3 = score(h3, s);
            if c3 > s3 {
                (s3, w3) = (c3, i);
            }
        }
        out.extend_from_slice(&[w0, w1, w2, w3]);
    }
    for &h in blocks.remainder() {
        let mut best_score = score(h, first);
        let mut best = 0u32;
        for (i, &s) in (1u32..).zip(rest) {
            let sc = score(h, s);
            if sc > best_score {
                (best_score, best) = (sc, i);
            }
        }
        out.push(best);
    }
    out
}

/// Winning node index per key with weights.
fn assign_weighted(seeds: &[u64], weights: &[f64], hashes: &[u64]) -> Vec<u32> {
    let mut out = Vec::with_capacity(hashes.len());
    for &h in hashes {
        let mut best_score = f64::NEG_INFINITY;
        let mut best = 0u32;
        for ((i, &s), &w) in (0u32..).zip(seeds).zip(weights) {
            let sc = weighted_score(score(h, s), w);
            if sc > best_score {
                best_score = sc;
                best = i;
            }
        }
        out.push(best);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::topology::Node;

    #[test]
    fn adding_a_node_moves_only_to_it() {
        let keys = Keys::generate(50_000, 8);
        let before = assign(&Topology::uniform(10), &keys, 3);
        let after = assign(&Topology::uniform(11), &keys, 3);
        let mut moved = 0;
        for (b, a) in before.iter().zip(&after) {
            if b != a {
                assert_eq!(*a, 10);
                moved += 1;
            }
        }
        let share = moved as f64 / 5e4;
        // why: each key moves with probability 1/11; sd ≈ 0.0013, bound 6 sd.
        assert!((share - 1.0 / 11.0).abs() < 0.008, "{share}");
    }

    #[test]
    fn removing_a_node_moves_only_its_keys() {
        let keys = Keys::generate(20_000, 4);
        let full = Topology::uniform(8);
        let mut nodes = full.nodes.clone();
        nodes.remove(3);
        let less = Topology::new(nodes);
        let before = assign(&full, &keys, 1);
        let after = assign(&less, &keys, 1);
        for (b, a) in before.iter().zip(&after) {
            if b != a {
                assert_eq!(*b, 3);
            }
            assert_ne!(*a, 3);
        }
    }

    #[test]
    fn weights_are_proportional() {
        let t = Topology::new(vec![
            Node { id: 0, weight: 1.0 },
            Node { id: 1, weight: 2.0 },
            Node { id: 2, weight: 1.0 },
        ]);
        let keys = Keys::generate(100_000, 12);
        let owners = assign(&t, &keys, 5);
        let c: Vec<usize> = (0..3)
            .map(|id| owners.iter().filter(|&&o| o == id).count())
            .collect();
        // why: expected 25k/50k/25k, binomial sd ≈ 137/158; 1000 is > 6 sd.
        assert!((c[1] as i64 - 50_000).abs() < 1000, "{c:?}");
        assert!((c[0] as i64 - 25_000).abs() < 1000, "{c:?}");
        let ratio = c[1] as f64 / c[0] as f64;
        assert!((ratio - 2.0).abs() < 0.1, "{ratio}");
    }

    #[test]
    fn weighted_path_agrees_with_fast_path_for_equal_weights() {
        let keys = Keys::generate(20_000, 2);
        let seeds: Vec<u64> = (0..9).map(|id| node_hash(7, id)).collect();
        let fast = assign_equal(&seeds, keys.hashes());
        let slow = assign_weighted(&seeds, &[3.0; 9], keys.hashes());
        // why: the weighted score is increasing in the raw score, so the two
        // can only differ on a tie in the top 53 bits — essentially never.
        assert_eq!(fast, slow);
    }

    #[test]
    fn unrolled_loop_matches_plain_argmax() {
        let seeds: Vec<u64> = (0..13).map(|id| node_hash(2, id)).collect();
        for n in [0usize, 1, 3, 4, 5, 103] {
            let keys = Keys::generate(n, 4);
            let want: Vec<u32> = keys
                .hashes()
                .iter()
                .map(|&h| {
                    let mut best = 0;
                    for (i, &s) in seeds.iter().enumerate() {
                        if score(h, s) > score(h, seeds[best]) {
                            best = i;
                        }
                    }
                    best as u32
                })
                .collect();
            assert_eq!(assign_equal(&seeds, keys.hashes()), want);
        }
        assert!(assign_equal(&[], &[1, 2]).is_empty());
    }

    #[test]
    fn deterministic_and_seeded() {
        let keys = Keys::generate(1000, 1);
        let t = Topology::uniform(5);
        assert_eq!(assign(&t, &keys, 1), assign(&t, &keys, 1));
        assert_ne!(assign(&t, &keys, 1), assign(&t, &keys, 2));
        assert!(assign(&Topology::default(), &keys, 1).is_empty());
        assert!(assign(&Topology::uniform(1), &keys, 1)
            .iter()
            .all(|&o| o == 0));
    }
}
