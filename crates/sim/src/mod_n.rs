//! Naive placement: key goes to node number `hash mod N`.
//!
//! Perfectly balanced for uniform hashes, but changing N reshuffles almost
//! everything — the motivating failure for consistent hashing.

use crate::keys::Keys;
use crate::topology::{NodeId, Topology};

/// Owner of every key: the node at index `hash % len` (weights are ignored).
/// Empty when the topology is empty.
pub fn assign(topology: &Topology, keys: &Keys) -> Vec<NodeId> {
    let n = topology.len() as u64;
    if n == 0 {
        return Vec::new();
    }
    keys.hashes()
        .iter()
        .map(|&h| topology.nodes[(h % n) as usize].id)
        .collect()
}

/// Greatest common divisor (Euclid).
fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Expected share of keys that change node when going from `from` to `to`
/// nodes (ids `0..N` kept in place): `1 − min(a, b) / lcm(a, b)`.
///
/// A key stays exactly when `h mod a == h mod b`. By the Chinese remainder
/// theorem that happens for `min(a, b)` of every `lcm(a, b)` consecutive
/// hashes, so for uniform hashes the staying share is `min / lcm`.
/// Returns 0 if either count is 0 or they are equal.
pub fn expected_moved_share(from: usize, to: usize) -> f64 {
    if from == 0 || to == 0 || from == to {
        return 0.0;
    }
    let (a, b) = (from as u64, to as u64);
    let lcm = (a / gcd(a, b)) as f64 * b as f64;
    1.0 - a.min(b) as f64 / lcm
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::movement::count_moved;

    #[test]
    fn hand_values() {
        assert_eq!(expected_moved_share(4, 4), 0.0);
        assert_eq!(expected_moved_share(0, 4), 0.0);
        // 4 -> 5: lcm 20, 4 stay of 20
        assert!((expected_moved_share(4, 5) - 0.8).abs() < 1e-12);
        // 2 -> 4: lcm 4, 2 stay of 4
        assert!((expected_moved_share(2, 4) - 0.5).abs() < 1e-12);
        assert_eq!(expected_moved_share(4, 2), expected_moved_share(2, 4));
    }

    #[test]
    fn expected_matches_measured() {
        let keys = Keys::generate(100_000, 21);
        for (a, b) in [(4u32, 5u32), (10, 11), (10, 9), (3, 6), (8, 12), (1, 7)] {
            let before = assign(&Topology::uniform(a), &keys);
            let after = assign(&Topology::uniform(b), &keys);
            let got = count_moved(&before, &after).share();
            let want = expected_moved_share(a as usize, b as usize);
            // why: binomial sd ≤ sqrt(0.25/1e5) ≈ 0.0016; 0.01 is > 6 sd.
            assert!((got - want).abs() < 0.01, "{a}->{b}: {got} vs {want}");
        }
    }

    #[test]
    fn balanced_and_uses_ids() {
        let t = Topology::new(vec![
            crate::topology::Node {
                id: 10,
                weight: 1.0,
            },
            crate::topology::Node {
                id: 20,
                weight: 5.0,
            },
        ]);
        let keys = Keys::generate(10_000, 2);
        let owners = assign(&t, &keys);
        let tens = owners.iter().filter(|&&o| o == 10).count();
        assert_eq!(owners.iter().filter(|&&o| o == 20).count(), 10_000 - tens);
        // weights are ignored: about half each (sd 50)
        assert!((tens as i64 - 5000).abs() < 400);
        assert!(assign(&Topology::default(), &keys).is_empty());
    }
}
