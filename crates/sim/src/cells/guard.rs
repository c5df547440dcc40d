//! The bookkeeping behind shuffle sharding's overlap guarantee: a set of
//! every (m+1)-subset of workers some tenant already holds.
//!
//! Two shards share more than `m` workers exactly when they share some
//! (m+1)-subset, so a new shard honours "no two tenants share more than `m`
//! workers" against everyone placed so far iff none of its C(k, m+1)
//! subsets is in the set. With k ≤ 8 that is at most 70 look-ups per draw.
//!
//! A subset is encoded as its colexicographic rank Σ C(s_i, i+1) over its
//! sorted members s_0 < s_1 < …: a bijection onto 0..C(n, m+1), so distinct
//! subsets get distinct keys whenever C(n, m+1) fits in 64 bits. The one
//! case that does not fit (shard 8, overlap 7, more than ~960 workers)
//! wraps; a wrapped collision can only reject a shard that was fine, never
//! accept one that breaks the guarantee.

use crate::hash::mix64;

/// Marks an empty slot of the table.
const EMPTY: u64 = u64::MAX;
/// Most workers the binomial table covers (the architecture's maximum).
const MAX_N: usize = 1_000;
/// Largest subset size the table covers (the largest shard).
const MAX_J: usize = 8;

/// Subsets covering at most this many ranks are kept in a plain bitmap
/// (2^26 bits = 8 MiB); larger spaces use a hash table.
const BITMAP_MAX: u64 = 1 << 26;
/// Most slots the hash table reserves up front (it still grows past this).
const PRESIZE_MAX: usize = 1 << 22;

/// A set of subset ranks with a fixed layout: no randomised hashing.
pub(crate) struct SubsetSet {
    /// `C(s, j)` for `s < MAX_N`, `j ≤ MAX_J`, wrapped to 64 bits, row-major.
    binom: Vec<u64>,
    /// Index masks over a sorted shard of `k` workers, one per subset.
    masks: Vec<u8>,
    /// Where the ranks are kept.
    store: Store,
}

/// Storage for the ranks.
enum Store {
    /// One bit per possible rank: used when there are few possible subsets.
    Bits(Vec<u64>),
    /// Open addressing with linear probing; [`EMPTY`] marks a free slot.
    Table {
        /// The slots, a power of two of them.
        slots: Vec<u64>,
        /// Occupied slots.
        len: usize,
    },
}

impl SubsetSet {
    /// An empty set for shards of `k` of `workers` workers (at most
    /// [`MAX_N`]), subsets of `size` workers (`1 ≤ size ≤ k ≤ 8`), and about
    /// `tenants` shards to come.
    pub(crate) fn new(workers: u32, k: u32, size: u32, tenants: usize) -> SubsetSet {
        let mut binom = vec![0u64; MAX_N * (MAX_J + 1)];
        for s in 0..MAX_N {
            let mut c: u128 = 1;
            for j in 0..=MAX_J {
                // why: C(s, j) = C(s, j−1)·(s−j+1)/j is exact at every step
                // and stays below 2^80 here, so u128 never overflows.
                if j > 0 {
                    c = c * (s as u128 + 1).saturating_sub(j as u128) / j as u128;
                }
                binom[s * (MAX_J + 1) + j] = c as u64;
            }
        }
        let masks: Vec<u8> = (0u16..(1 << k))
            .filter(|m| m.count_ones() == size)
            .map(|m| m as u8)
            .collect();
        // why: C(workers, size) as u128 is exact (< 2^80); it bounds both
        // the bitmap and how many distinct ranks the table can ever hold.
        let space = {
            let n = (workers as usize).min(MAX_N) as u128;
            (1..=u128::from(size)).fold(1u128, |c, i| c * (n + 1).saturating_sub(i) / i)
        };
        let store = if space <= u128::from(BITMAP_MAX) {
            Store::Bits(vec![0; (space as usize).div_ceil(64)])
        } else {
            // why: reserving for the expected entries up front avoids
            // rehashing a million keys several times over.
            let expected = (tenants.saturating_mul(masks.len()) as u128).min(space) as usize;
            let slots = (2 * expected)
                .clamp(1 << 12, PRESIZE_MAX)
                .next_power_of_two();
            Store::Table {
                slots: vec![EMPTY; slots],
                len: 0,
            }
        };
        SubsetSet {
            binom,
            masks,
            store,
        }
    }

    /// Writes the keys of every subset of the sorted `shard` into `keys`
    /// and returns how many there are.
    pub(crate) fn keys(&self, shard: &[u32], keys: &mut [u64; 70]) -> usize {
        for (out, &mask) in keys.iter_mut().zip(&self.masks) {
            let mut rank = 0u64;
            let mut j = 0;
            for (i, &w) in shard.iter().enumerate() {
                if mask & (1 << i) != 0 {
                    j += 1;
                    let s = (w as usize).min(MAX_N - 1);
                    rank = rank.wrapping_add(self.binom[s * (MAX_J + 1) + j]);
                }
            }
            // why: the sentinel cannot be a key; folding it onto its
            // neighbour can only cause a harmless extra rejection.
            *out = if rank == EMPTY { EMPTY - 1 } else { rank };
        }
        self.masks.len()
    }

    /// Whether `key` is in the set.
    pub(crate) fn contains(&self, key: u64) -> bool {
        match &self.store {
            Store::Bits(bits) => bits
                .get((key / 64) as usize)
                .is_some_and(|b| b & (1 << (key % 64)) != 0),
            Store::Table { slots, .. } => {
                let mask = slots.len() - 1;
                let mut i = mix64(key) as usize & mask;
                loop {
                    match slots[i] {
                        EMPTY => return false,
                        k if k == key => return true,
                        _ => i = (i + 1) & mask,
                    }
                }
            }
        }
    }

    /// Adds `key` (a no-op if present).
    pub(crate) fn insert(&mut self, key: u64) {
        match &mut self.store {
            Store::Bits(bits) => {
                if let Some(b) = bits.get_mut((key / 64) as usize) {
                    *b |= 1 << (key % 64);
                }
            }
            Store::Table { slots, len } => {
                // why: growing at half full keeps linear-probing runs short.
                if 2 * (*len + 1) > slots.len() {
                    let grown = vec![EMPTY; 2 * slots.len()];
                    let old = std::mem::replace(slots, grown);
                    *len = 0;
                    for k in old.into_iter().filter(|&k| k != EMPTY) {
                        table_insert(slots, len, k);
                    }
                }
                table_insert(slots, len, key);
            }
        }
    }
}

/// Inserts `key` into a table with room to spare.
fn table_insert(slots: &mut [u64], len: &mut usize, key: u64) {
    let mask = slots.len() - 1;
    let mut i = mix64(key) as usize & mask;
    loop {
        match slots[i] {
            EMPTY => {
                slots[i] = key;
                *len += 1;
                return;
            }
            k if k == key => return,
            _ => i = (i + 1) & mask,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_are_a_bijection_on_small_sets() {
        // every 3-subset of 0..10 gets a distinct rank in 0..C(10, 3)
        let set = SubsetSet::new(10, 3, 3, 0);
        let mut seen = [false; 120];
        let mut keys = [0u64; 70];
        for a in 0..10u32 {
            for b in a + 1..10 {
                for c in b + 1..10 {
                    assert_eq!(set.keys(&[a, b, c], &mut keys), 1);
                    let r = keys[0] as usize;
                    assert!(r < 120 && !seen[r]);
                    seen[r] = true;
                }
            }
        }
        assert!(seen.iter().all(|&s| s));
    }

    #[test]
    fn subsets_of_a_shard_and_membership() {
        // 1000 workers: C(1000, 3) ranks is too many for the bitmap
        check_membership(SubsetSet::new(1_000, 5, 3, 10));
        // 10 workers: C(10, 3) = 120 ranks fit a bitmap
        check_membership(SubsetSet::new(10, 5, 3, 10));
    }

    fn check_membership(mut set: SubsetSet) {
        let mut keys = [0u64; 70];
        let n = set.keys(&[1, 4, 6, 7, 9], &mut keys);
        assert_eq!(n, 10);
        for &k in &keys[..n] {
            assert!(!set.contains(k));
            set.insert(k);
        }
        // another shard sharing {4, 6, 9} hits one of those subsets
        let m = set.keys(&[0, 4, 6, 8, 9], &mut keys);
        assert_eq!(keys[..m].iter().filter(|&&k| set.contains(k)).count(), 1);
    }

    #[test]
    fn the_table_grows_and_keeps_everything() {
        let mut set = SubsetSet::new(1_000, 8, 5, 0);
        for k in 1_000..200_000u64 {
            set.insert(k);
        }
        assert!((1_000..200_000u64).all(|k| set.contains(k)));
        assert!(!set.contains(500_000));
    }
}
