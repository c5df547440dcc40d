//! A stable, linear-time sort for items keyed by well-mixed 64-bit hashes.
//!
//! Ring points and keys are ordered by hashes that are uniform over 2^64. Two
//! least-significant-digit radix passes of 11 bits order the items by the top
//! 22 bits of their hash; with uniform hashes almost every such prefix is then
//! unique, and the rare runs sharing a prefix are finished with a small stable
//! sort. That is O(n) expected and about twice as fast as a comparison sort at
//! 100k items. Skewed inputs stay correct: long runs fall back to
//! [`stable_by_key`].
//!
//! [`stable_by_key`] is the one comparison sort the ring's code uses. It sorts
//! `(key, position)` pairs, whose order is total, so an unstable sort gives
//! the stable order, and that sort is compiled once for every item type
//! (each use of the standard stable sort adds about 3 KB of wasm).

/// Bits of the hash consumed by one radix pass.
const DIGIT_BITS: u32 = 11;
/// Buckets per radix pass.
const RADIX: usize = 1 << DIGIT_BITS;
/// Hash bits ordered by the two radix passes.
const TOP_BITS: u32 = 2 * DIGIT_BITS;
/// Runs (or whole inputs) at most this long are finished by insertion sort.
const INSERTION_MAX: usize = 32;

/// Sorts `items` by `key`, keeping the input order of equal keys (stable).
pub(crate) fn sort_by_hash<T: Copy, F: Fn(&T) -> u64>(items: &mut Vec<T>, key: F) {
    let n = items.len();
    if n <= INSERTION_MAX {
        insertion_sort(items, &key);
        return;
    }
    let prefix = |item: &T| key(item) >> (64 - TOP_BITS);

    // why: one counting pass fills both digits' histograms at once.
    let mut offsets = vec![0usize; 2 * RADIX];
    for item in items.iter() {
        let p = prefix(item) as usize;
        offsets[p & (RADIX - 1)] += 1;
        offsets[RADIX + (p >> DIGIT_BITS)] += 1;
    }
    let mut src = std::mem::take(items);
    let mut dst = src.clone();
    for (pass, table) in offsets.chunks_exact_mut(RADIX).enumerate() {
        let mut sum = 0;
        for slot in table.iter_mut() {
            let count = *slot;
            *slot = sum;
            sum += count;
        }
        let shift = pass as u32 * DIGIT_BITS;
        // why: scanning in order and appending to each bucket keeps equal
        // digits in their previous order, which is what makes LSD radix
        // sorting (and this whole function) stable.
        for item in src.iter() {
            let digit = (prefix(item) >> shift) as usize & (RADIX - 1);
            dst[table[digit]] = *item;
            table[digit] += 1;
        }
        std::mem::swap(&mut src, &mut dst);
    }

    let mut start = 0;
    while start < n {
        let p = prefix(&src[start]);
        let mut end = start + 1;
        while end < n && prefix(&src[end]) == p {
            end += 1;
        }
        let run = &mut src[start..end];
        if run.len() <= INSERTION_MAX {
            insertion_sort(run, &key);
        } else {
            stable_by_key(run, &key);
        }
        start = end;
    }
    *items = src;
}

/// Sorts `items` by `key`, keeping the input order of equal keys (stable).
pub fn stable_by_key<T: Clone, F: Fn(&T) -> u64>(items: &mut [T], key: F) {
    let mut order: Vec<(u64, usize)> = items.iter().map(&key).zip(0..).collect();
    order.sort_unstable();
    let copy = items.to_vec();
    for (slot, &(_, i)) in items.iter_mut().zip(&order) {
        *slot = copy[i].clone();
    }
}

/// Stable insertion sort; fast for a few items.
fn insertion_sort<T: Copy, F: Fn(&T) -> u64>(items: &mut [T], key: &F) {
    for i in 1..items.len() {
        let item = items[i];
        let k = key(&item);
        let mut j = i;
        // why: strict `>` never moves an item past an equal one: stability.
        while j > 0 && key(&items[j - 1]) > k {
            items[j] = items[j - 1];
            j -= 1;
        }
        items[j] = item;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::mix64;
    use proptest::prelude::*;

    fn check(mut v: Vec<(u64, u32)>) {
        let mut expected = v.clone();
        expected.sort_by_key(|p| p.0);
        sort_by_hash(&mut v, |p| p.0);
        assert_eq!(v, expected);
    }

    #[test]
    fn sorts_uniform_hashes() {
        check((0..100_000u32).map(|i| (mix64(u64::from(i)), i)).collect());
    }

    #[test]
    fn stable_on_heavy_ties_and_skew() {
        // all in one bucket, many ties: falls back to the std stable sort
        check((0..5000u32).map(|i| (u64::from(i % 7), i)).collect());
        check(
            (0..5000u32)
                .map(|i| (u64::MAX - u64::from(i % 3), i))
                .collect(),
        );
        check((0..5000u32).map(|i| (u64::from(i % 40) << 30, i)).collect());
        check(Vec::new());
        check(vec![(5, 0)]);
    }

    #[test]
    fn stable_by_key_keeps_the_order_of_ties() {
        let mut v: Vec<(u64, u32)> = (0..300u32).map(|i| (mix64(u64::from(i)) % 9, i)).collect();
        let mut expected = v.clone();
        expected.sort_by_key(|p| p.0);
        stable_by_key(&mut v, |p| p.0);
        assert_eq!(v, expected);
    }

    proptest! {
        #[test]
        fn matches_std_stable_sort(v in proptest::collection::vec((any::<u64>(), any::<u32>()), 0..600),
                                   narrow in any::<bool>()) {
            let v: Vec<(u64, u32)> = if narrow {
                // few distinct values spread over the whole range: many ties
                v.into_iter().map(|(h, i)| ((h % 5) << 61, i)).collect()
            } else { v };
            check(v);
        }
    }
}
