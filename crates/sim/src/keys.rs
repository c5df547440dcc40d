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
    /// The seed the keys were drawn with.
    seed: u64,
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
        sort_by_hash(&mut pairs, pair_hash);
        let by_hash = pairs.iter().map(|&(_, i)| i).collect();
        // why: merge walks then read hashes sequentially instead of jumping
        // around `hashes` once per key.
        let sorted = pairs.iter().map(|&(h, _)| h).collect();
        Keys {
            hashes,
            by_hash,
            sorted,
            seed,
        }
    }

    /// The keys [`Keys::generate`] would make for `count` and `seed`, found from
    /// these ones. Key `i` depends only on the seed and `i`, so fewer keys are a
    /// filter of the sorted order, and more are the new keys sorted and merged
    /// in: one pass instead of hashing and sorting every key again.
    pub fn update(&self, count: usize, seed: u64) -> Keys {
        let count = count.min(u32::MAX as usize);
        let have = self.len();
        if seed != self.seed || count.saturating_sub(have) > have / 2 {
            return Keys::generate(count, seed);
        }
        if count <= have {
            let limit = count as u32;
            let (by_hash, sorted) = self
                .by_hash
                .iter()
                .zip(&self.sorted)
                .filter(|(&i, _)| i < limit)
                .map(|(&i, &h)| (i, h))
                .unzip();
            return Keys {
                hashes: self.hashes[..count].to_vec(),
                by_hash,
                sorted,
                seed,
            };
        }
        let mut hashes = Vec::with_capacity(count);
        hashes.extend_from_slice(&self.hashes);
        hashes.extend((have as u64..count as u64).map(|i| key_hash(seed, i)));
        let mut added: Vec<(u64, u32)> = hashes[have..]
            .iter()
            .zip(have as u32..)
            .map(|(&h, i)| (h, i))
            .collect();
        sort_by_hash(&mut added, pair_hash);
        let mut by_hash = Vec::with_capacity(count);
        let mut sorted = Vec::with_capacity(count);
        let mut new = added.into_iter().peekable();
        for (&i, &h) in self.by_hash.iter().zip(&self.sorted) {
            // why: on equal hashes the old key has the smaller index, so it goes
            // first: the (hash, index) order `generate` makes.
            while let Some((nh, ni)) = new.next_if(|&(nh, _)| nh < h) {
                by_hash.push(ni);
                sorted.push(nh);
            }
            by_hash.push(i);
            sorted.push(h);
        }
        for (nh, ni) in new {
            by_hash.push(ni);
            sorted.push(nh);
        }
        Keys {
            hashes,
            by_hash,
            sorted,
            seed,
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

/// The sort key of a `(hash, index)` pair. One named function for both sorts,
/// so the sort is compiled once.
fn pair_hash(p: &(u64, u32)) -> u64 {
    p.0
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

    fn same(a: &Keys, b: &Keys) -> bool {
        a.hashes() == b.hashes()
            && a.by_hash() == b.by_hash()
            && a.sorted_hashes() == b.sorted_hashes()
    }

    #[test]
    fn updated_keys_are_the_keys_generated_afresh() {
        let base = Keys::generate(10_000, 5);
        for n in [
            0, 1, 7, 4_321, 9_999, 10_000, 10_001, 12_345, 15_000, 40_000,
        ] {
            assert!(same(&base.update(n, 5), &Keys::generate(n, 5)), "{n} keys");
        }
        assert!(
            same(&base.update(10_000, 6), &Keys::generate(10_000, 6)),
            "another seed"
        );
        let empty = Keys::generate(0, 5);
        assert!(same(&empty.update(3, 5), &Keys::generate(3, 5)));
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
