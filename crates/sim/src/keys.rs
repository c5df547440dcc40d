//! The population of keys being placed.

use crate::hash::key_hash;
use crate::sort::sort_by_hash;

/// `count` keys numbered `0..count`; key `i` sits at `key_hash(seed, i)`.
#[derive(Clone, Debug)]
pub struct Keys {
    hashes: Vec<u64>,
    by_hash: Vec<u32>,
    /// `hashes` in `by_hash` order.
    sorted: Vec<u64>,
}

impl Keys {
    /// Generates `count` keys for `seed` (at most `u32::MAX` keys; more are
    /// clamped) and sorts them by hash once, for merge walks against a ring.
    pub fn generate(count: usize, seed: u64) -> Keys {
        // why: key indices are stored as u32 to halve the sorted index.
        let count = count.min(u32::MAX as usize);
        let hashes: Vec<u64> = (0..count as u64).map(|i| key_hash(seed, i)).collect();
        let mut pairs: Vec<(u64, u32)> = hashes.iter().zip(0u32..).map(|(&h, i)| (h, i)).collect();
        // why: the sort is stable and pairs start in index order, so ties in
        // hash end up ordered by index: the (hash, index) order.
        sort_by_hash(&mut pairs, |p| p.0);
        let by_hash = pairs.iter().map(|&(_, i)| i).collect();
        // why: merge walks then read hashes sequentially instead of jumping
        // around `hashes` once per key.
        let sorted = pairs.iter().map(|&(h, _)| h).collect();
        Keys {
            hashes,
            by_hash,
            sorted,
        }
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    /// True when there are no keys.
    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }

    /// Hash of key `i` (panics if `i >= len()`, like slice indexing).
    pub fn hash(&self, i: usize) -> u64 {
        self.hashes[i]
    }

    /// All key hashes, indexed by key number.
    pub fn hashes(&self) -> &[u64] {
        &self.hashes
    }

    /// Key numbers sorted by `(hash, index)`.
    pub fn by_hash(&self) -> &[u32] {
        &self.by_hash
    }

    /// Key hashes in ascending order (the hashes of [`Keys::by_hash`]).
    pub fn sorted_hashes(&self) -> &[u64] {
        &self.sorted
    }

    /// Display name of key `i`: `"key-{i}"`.
    pub fn name(i: usize) -> String {
        format!("key-{i}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generate_matches_key_hash_and_sorts() {
        let keys = Keys::generate(5000, 17);
        assert_eq!(keys.len(), 5000);
        assert!(!keys.is_empty());
        for i in [0usize, 1, 999, 4999] {
            assert_eq!(keys.hash(i), key_hash(17, i as u64));
        }
        let order = keys.by_hash();
        assert_eq!(order.len(), 5000);
        for w in order.windows(2) {
            let (a, b) = (w[0] as usize, w[1] as usize);
            assert!((keys.hash(a), a) < (keys.hash(b), b));
        }
        for (&k, &h) in order.iter().zip(keys.sorted_hashes()) {
            assert_eq!(keys.hash(k as usize), h);
        }
        let mut seen = order.to_vec();
        seen.sort_unstable();
        assert!(seen.iter().copied().eq(0..5000u32));
    }

    #[test]
    fn empty_and_names() {
        let keys = Keys::generate(0, 1);
        assert!(keys.is_empty());
        assert!(keys.by_hash().is_empty());
        assert_eq!(Keys::name(12), "key-12");
    }

    #[test]
    fn same_seed_same_keys() {
        assert_eq!(
            Keys::generate(100, 3).hashes(),
            Keys::generate(100, 3).hashes()
        );
        assert_ne!(
            Keys::generate(100, 3).hashes(),
            Keys::generate(100, 4).hashes()
        );
    }
}
