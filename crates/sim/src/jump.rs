//! Jump consistent hash (Lamping & Veach, 2014).
//!
//! Maps a key to one of `n` numbered buckets with no memory at all. Imagine
//! the key's bucket as n grows one step at a time: it jumps to the new bucket
//! with probability 1/(n+1) and otherwise stays. The algorithm skips straight
//! from one jump to the next with a pseudo-random stream seeded by the key.
//!
//! Buckets are numbers, not names: buckets can only be added or removed at the
//! end. Removing a node from the middle of a topology renumbers every node
//! after it, which moves far more keys than necessary.

use crate::keys::Keys;
use crate::topology::{NodeId, Topology};

/// Multiplier of the 64-bit linear congruential generator from the paper.
const LCG_MUL: u64 = 2_862_933_555_777_941_757;

/// The bucket in `0..buckets` for `key` (0 when `buckets` is 0).
pub fn jump_hash(key: u64, buckets: u32) -> u32 {
    let mut state = key;
    let mut bucket: i64 = -1;
    let mut next: i64 = 0;
    while next < i64::from(buckets) {
        bucket = next;
        state = state.wrapping_mul(LCG_MUL).wrapping_add(1);
        // why: (state >> 33) + 1 is uniform in [1, 2^31]; 2^31 divided by it
        // is the ratio by which the bucket count must grow before the next
        // jump. Only IEEE-exact operations are used, so it is portable.
        let ratio = (1u64 << 31) as f64 / ((state >> 33) + 1) as f64;
        next = ((bucket + 1) as f64 * ratio) as i64;
    }
    bucket.max(0) as u32
}

/// Owner of every key: node number `jump_hash(hash, len)` of the topology
/// (weights are ignored). Empty when the topology is empty.
pub fn assign(topology: &Topology, keys: &Keys) -> Vec<NodeId> {
    let n = topology.len().min(u32::MAX as usize) as u32;
    if n == 0 {
        return Vec::new();
    }
    keys.hashes()
        .iter()
        .map(|&h| topology.nodes[jump_hash(h, n) as usize].id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_cases() {
        for key in 0..1000u64 {
            assert_eq!(jump_hash(key, 1), 0);
            assert_eq!(jump_hash(key, 0), 0);
            assert!(jump_hash(key, 7) < 7);
        }
    }

    #[test]
    fn golden() {
        // why: pinned once from this implementation so that a refactor cannot
        // silently remap keys.
        let got: Vec<u32> = (0..8u64).map(|k| jump_hash(k * 1_000_003, 100)).collect();
        assert_eq!(got, GOLDEN.to_vec());
    }
    const GOLDEN: [u32; 8] = [0, 7, 71, 67, 17, 82, 74, 40];

    #[test]
    fn growing_moves_only_to_new_bucket() {
        let keys = Keys::generate(100_000, 77);
        for n in [1u32, 2, 5, 10, 33] {
            let mut moved = 0usize;
            for &h in keys.hashes() {
                let a = jump_hash(h, n);
                let b = jump_hash(h, n + 1);
                if a != b {
                    assert_eq!(b, n, "a key may only move to the new bucket");
                    moved += 1;
                }
            }
            let share = moved as f64 / 1e5;
            let want = 1.0 / f64::from(n + 1);
            // why: binomial sd ≤ 0.0016; 0.01 is > 6 sd.
            assert!((share - want).abs() < 0.01, "n={n}: {share} vs {want}");
        }
    }

    #[test]
    fn balanced() {
        let keys = Keys::generate(100_000, 5);
        let t = Topology::uniform(10);
        let owners = assign(&t, &keys);
        for id in 0..10 {
            let c = owners.iter().filter(|&&o| o == id).count() as i64;
            // why: expected 10 000, sd ≈ 95; 700 is > 7 sd.
            assert!((c - 10_000).abs() < 700, "node {id}: {c}");
        }
    }
}
