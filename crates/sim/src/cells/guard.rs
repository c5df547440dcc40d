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

/// Most subsets one shard has: C(8, 4).
const MAX_SUBSETS: usize = 70;

/// A set of subset ranks with a fixed layout: no randomised hashing.
pub(crate) struct SubsetSet {
    /// How subsets become keys.
    ranks: Ranks,
    /// Workers per subset.
    size: usize,
    /// Positions within a sorted shard of `k` workers of every subset,
    /// ascending, `size` per subset.
    subsets: Vec<u8>,
    /// Where the keys are kept.
    store: Store,
    /// Scratch for the keys of the shard being admitted.
    keys: [u64; MAX_SUBSETS],
}

/// Colexicographic ranks of subsets of workers.
struct Ranks {
    /// `C(s, j)` for `s < rows`, `1 ≤ j ≤` the subset size, wrapped to 64
    /// bits, at `(j − 1)·rows + s`.
    binom: Vec<u64>,
    /// Workers the table covers (1..=[`MAX_N`]).
    rows: usize,
}

/// Storage for the keys.
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
        let rows = (workers as usize).clamp(1, MAX_N);
        let size = (size as usize).clamp(1, MAX_J);
        let subsets: Vec<u8> = (0u16..(1 << k.min(8)))
            .filter(|m| m.count_ones() as usize == size)
            .flat_map(|m| (0..8u8).filter(move |&i| m & (1 << i) != 0))
            .collect();
        // why: C(workers, size) as u128 is exact (< 2^80); it bounds both
        // the bitmap and how many distinct ranks the table can ever hold.
        let space = {
            let n = rows as u128;
            (1..=size as u128).fold(1u128, |c, i| c * (n + 1).saturating_sub(i) / i)
        };
        let store = if space <= u128::from(BITMAP_MAX) {
            Store::Bits(vec![0; (space as usize).div_ceil(64)])
        } else {
            // why: reserving for the expected entries up front avoids
            // rehashing a million keys several times over.
            let per_shard = subsets.len() / size;
            let expected = (tenants.saturating_mul(per_shard) as u128).min(space) as usize;
            let slots = (2 * expected)
                .clamp(1 << 12, PRESIZE_MAX)
                .next_power_of_two();
            Store::Table {
                slots: vec![EMPTY; slots],
                len: 0,
            }
        };
        SubsetSet {
            ranks: Ranks::new(rows, size),
            size,
            subsets,
            store,
            keys: [0; MAX_SUBSETS],
        }
    }

    /// Adds every subset of the sorted `shard` and returns true if none of
    /// them is in the set yet; otherwise changes nothing and returns false.
    pub(crate) fn admit(&mut self, shard: &[u32]) -> bool {
        let SubsetSet {
            ranks,
            size,
            subsets,
            store,
            keys,
        } = self;
        // why: stop at the first subset already held. Near the end of a
        // guarantee most draws conflict, usually on an early subset, so
        // most keys are never computed. `keys` lives in the set so it is not
        // zeroed on every call.
        let mut count = 0;
        for (slot, members) in keys.iter_mut().zip(subsets.chunks_exact(*size)) {
            let key = ranks.key(shard, members);
            if store.contains(key) {
                return false;
            }
            *slot = key;
            count += 1;
        }
        for &key in &keys[..count] {
            store.insert(key);
        }
        true
    }
}

impl Ranks {
    /// Binomials for subsets of up to `size` of `rows` workers.
    fn new(rows: usize, size: usize) -> Ranks {
        // why: Pascal's rule C(s, j) = C(s−1, j−1) + C(s−1, j) with wrapping
        // adds gives every entry exactly mod 2^64 (addition commutes with the
        // wrap) without a single 128-bit division; only the rows and columns
        // these shards can reach are built.
        let mut binom = vec![0u64; rows * size];
        for s in 1..rows {
            for j in 1..=size {
                let diagonal = if j == 1 {
                    1
                } else {
                    binom[(j - 2) * rows + s - 1]
                };
                binom[(j - 1) * rows + s] = diagonal.wrapping_add(binom[(j - 1) * rows + s - 1]);
            }
        }
        Ranks { binom, rows }
    }

    /// The key of the subset of the sorted `shard` at positions `members`
    /// (ascending): its rank Σ C(s_j, j+1).
    #[inline(always)]
    fn key(&self, shard: &[u32], members: &[u8]) -> u64 {
        // why: always inlined (it runs up to 70 times per shard) even in the
        // size-optimised release build; a slice, not the Vec, so indexing
        // is not a call either.
        let binom = self.binom.as_slice();
        let mut rank = 0u64;
        for (j, &i) in members.iter().enumerate() {
            let s = (shard[usize::from(i)] as usize).min(self.rows - 1);
            rank = rank.wrapping_add(binom[j * self.rows + s]);
        }
        // why: the sentinel cannot be a key; folding it onto its neighbour
        // can only cause a harmless extra rejection.
        if rank == EMPTY {
            EMPTY - 1
        } else {
            rank
        }
    }
}

impl Store {
    /// Whether `key` is in the set.
    fn contains(&self, key: u64) -> bool {
        match self {
            Store::Bits(bits) => bits
                .as_slice()
                .get((key / 64) as usize)
                .is_some_and(|b| b & (1 << (key % 64)) != 0),
            Store::Table { slots, .. } => {
                let slots = slots.as_slice();
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
    fn insert(&mut self, key: u64) {
        match self {
            Store::Bits(bits) => {
                if let Some(b) = bits.as_mut_slice().get_mut((key / 64) as usize) {
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
        assert_eq!(set.subsets, vec![0, 1, 2]);
        let ranks = &set.ranks;
        let mut seen = [false; 120];
        for a in 0..10u32 {
            for b in a + 1..10 {
                for c in b + 1..10 {
                    let r = ranks.key(&[a, b, c], &[0, 1, 2]) as usize;
                    assert!(r < 120 && !seen[r]);
                    seen[r] = true;
                }
            }
        }
        assert!(seen.iter().all(|&s| s));
    }

    #[test]
    fn binomials_match_the_exact_values_wrapped() {
        let ranks = Ranks::new(1_000, 8);
        for s in 0..1_000usize {
            let mut c: u128 = 1;
            for j in 1..=8usize {
                // why: the multiplicative form is exact in u128 here (< 2^80).
                c = c * (s as u128 + 1).saturating_sub(j as u128) / j as u128;
                assert_eq!(ranks.binom[(j - 1) * 1_000 + s], c as u64, "C({s}, {j})");
            }
        }
    }

    #[test]
    fn subsets_of_a_shard_and_membership() {
        // 1000 workers: C(1000, 3) ranks is too many for the bitmap
        check_membership(SubsetSet::new(1_000, 5, 3, 10));
        // 10 workers: C(10, 3) = 120 ranks fit a bitmap
        check_membership(SubsetSet::new(10, 5, 3, 10));
    }

    fn check_membership(mut set: SubsetSet) {
        assert_eq!(set.subsets.len(), 10 * 3, "C(5, 3) subsets of 3");
        assert!(set.admit(&[1, 4, 6, 7, 9]));
        // another shard sharing {4, 6, 9} is turned away, and adds nothing
        assert!(!set.admit(&[0, 4, 6, 8, 9]));
        assert!(!set.admit(&[1, 4, 6, 7, 9]));
        // sharing two workers with each is fine, and so is {0, 8, …}: the
        // rejected shard left no subsets behind
        assert!(set.admit(&[0, 1, 4, 5, 8]));
        // but now {0, 1, 8} is held
        assert!(!set.admit(&[0, 1, 2, 3, 8]));
    }

    #[test]
    fn the_table_grows_and_keeps_everything() {
        let mut set = SubsetSet::new(1_000, 8, 5, 0);
        assert!(matches!(set.store, Store::Table { .. }));
        for k in 1_000..200_000u64 {
            set.store.insert(k);
        }
        assert!((1_000..200_000u64).all(|k| set.store.contains(k)));
        assert!(!set.store.contains(500_000));
    }
}
