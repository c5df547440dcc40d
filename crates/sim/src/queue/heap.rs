//! A binary min-heap of event keys: a time and a server packed into one
//! `u128`, so every comparison is a single integer compare.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// An event key: `time` (non-negative, finite) in the high 64 bits, `id` in
/// the low 32. Keys order by time, then id.
pub(crate) fn pack(time: f64, id: u32) -> u128 {
    // why: non-negative finite floats order exactly like their bit patterns.
    (u128::from(time.max(0.0).to_bits()) << 64) | u128::from(id)
}

/// The time and id of a key made by [`pack`].
pub(crate) fn unpack(key: u128) -> (f64, u32) {
    (f64::from_bits((key >> 64) as u64), key as u32)
}

/// A binary min-heap of packed keys: the standard library's heap (whose
/// sift moves a hole to the bottom first, fewer comparisons than a textbook
/// sift-down) over reversed keys.
#[derive(Clone, Debug, Default)]
pub(crate) struct MinHeap {
    keys: BinaryHeap<Reverse<u128>>,
}

impl MinHeap {
    /// An empty heap with room for `n` keys.
    pub(crate) fn with_capacity(n: usize) -> MinHeap {
        MinHeap {
            keys: BinaryHeap::with_capacity(n),
        }
    }

    /// The smallest key.
    pub(crate) fn peek(&self) -> Option<u128> {
        self.keys.peek().map(|k| k.0)
    }

    /// Adds `key`.
    pub(crate) fn push(&mut self, key: u128) {
        self.keys.push(Reverse(key));
    }

    /// Removes and returns the smallest key.
    pub(crate) fn pop(&mut self) -> Option<u128> {
        self.keys.pop().map(|k| k.0)
    }

    /// Replaces the smallest key by `key` (one sift instead of a pop and a
    /// push); pushes when empty.
    pub(crate) fn replace_top(&mut self, key: u128) {
        if let Some(mut top) = self.keys.peek_mut() {
            *top = Reverse(key);
            return;
        }
        self.keys.push(Reverse(key));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;

    #[test]
    fn pops_in_order() {
        let mut rng = Rng::new(1);
        let mut heap = MinHeap::with_capacity(4);
        let mut mirror = Vec::new();
        for _ in 0..5_000 {
            match rng.below(3) {
                0 | 1 => {
                    let k = pack(rng.below(100) as f64 * 0.5, rng.below(7) as u32);
                    heap.push(k);
                    mirror.push(k);
                }
                _ => {
                    mirror.sort_unstable();
                    let want = (!mirror.is_empty()).then(|| mirror.remove(0));
                    assert_eq!(heap.pop(), want);
                }
            }
            mirror.sort_unstable();
            assert_eq!(heap.peek(), mirror.first().copied());
        }
        heap.replace_top(pack(0.0, 0));
        assert_eq!(heap.peek(), Some(pack(0.0, 0)));
        assert_eq!(unpack(pack(2.5, 9)), (2.5, 9));
        assert!(pack(1.0, 9) < pack(1.5, 0));
    }
}
