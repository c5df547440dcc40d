//! SIEVE (Zhang, Yang, Yue, Vigfusson & Rashmi, NSDI 2024).
//!
//! One FIFO queue: new entries go in at the head, a hit only sets the entry's
//! visited bit. To evict, a hand walks from the tail towards the head,
//! clearing visited bits, and evicts the first unvisited entry it meets. The
//! hand keeps its place between evictions (it is left at the entry just
//! towards the head of the victim) and wraps to the tail when it passes the
//! head. Unlike CLOCK, survivors are not moved: entries that prove popular
//! stay where they are while new entries pile up at the head, so the hand
//! sifts newcomers out quickly ("lazy promotion, quick demotion").

use super::list::{effective_capacity, fit_key, List, BYPASS, HIT, NONE};
use super::policy::{Access, Config, Key, Policy, PolicyKind, Why};
use super::snapshot::{Entry, Lane, Mark, Snapshot};

/// A SIEVE cache. A capacity of 0 is treated as 1.
#[derive(Clone, Debug)]
pub struct Sieve {
    capacity: usize,
    /// Slot of each key, or [`NONE`].
    slot_of: Vec<u32>,
    /// Key in each slot in use.
    key_of: Vec<Key>,
    /// Visited bit of each slot in use.
    visited: Vec<bool>,
    /// Slots from head (newest) to tail (oldest).
    queue: List,
    /// The slot the next eviction starts from; [`NONE`] means the tail.
    hand: u32,
}

impl Sieve {
    /// An empty SIEVE cache for `config` (capacity and universe only).
    pub fn new(config: &Config) -> Sieve {
        let capacity = effective_capacity(config.capacity);
        Sieve {
            capacity,
            slot_of: vec![NONE; config.universe as usize],
            key_of: Vec::with_capacity(capacity),
            visited: Vec::with_capacity(capacity),
            queue: List::new(capacity),
            hand: NONE,
        }
    }

    /// The resident keys with their visited bits, head (newest) to tail.
    pub fn entries(&self) -> Vec<(Key, bool)> {
        self.queue
            .iter()
            .map(|s| (self.key_of[s as usize], self.visited[s as usize]))
            .collect()
    }

    /// Index into [`Sieve::entries`] where the next eviction starts (the
    /// tail when the hand has wrapped or not yet moved); `None` when empty.
    pub fn hand_index(&self) -> Option<usize> {
        if self.queue.is_empty() {
            return None;
        }
        let at = if self.hand == NONE {
            self.queue.back()
        } else {
            self.hand
        };
        self.queue.iter().position(|s| s == at)
    }
}

impl Policy for Sieve {
    fn kind(&self) -> PolicyKind {
        PolicyKind::Sieve
    }

    fn capacity(&self) -> usize {
        self.capacity
    }

    fn len(&self) -> usize {
        self.key_of.len()
    }

    fn contains(&self, key: Key) -> bool {
        self.slot_of.get(key as usize).is_some_and(|&s| s != NONE)
    }

    #[inline(always)]
    fn access(&mut self, key: Key, _now: u64) -> Access {
        if key as usize >= self.slot_of.len() && !fit_key(&mut self.slot_of, key, NONE) {
            return BYPASS;
        }
        let slot = self.slot_of[key as usize];
        if slot != NONE {
            self.visited[slot as usize] = true;
            return HIT;
        }
        if self.key_of.len() < self.capacity {
            let s = self.key_of.len() as u32;
            self.key_of.push(key);
            self.visited.push(false);
            self.slot_of[key as usize] = s;
            self.queue.push_front(s);
            return Access {
                hit: false,
                evicted: None,
                why: Why::Free,
            };
        }
        let mut h = if self.hand == NONE {
            self.queue.back()
        } else {
            self.hand
        };
        if h == NONE {
            return BYPASS;
        }
        let mut cleared = 0u32;
        // why: every step past a visited entry clears its bit, so within one
        // lap the hand meets an unvisited entry.
        while self.visited[h as usize] {
            self.visited[h as usize] = false;
            cleared += 1;
            h = self.queue.prev(h);
            if h == NONE {
                h = self.queue.back();
            }
        }
        // why: the hand stays where the victim was, i.e. at its neighbour
        // towards the head; past the head it wraps to the tail next time.
        self.hand = self.queue.prev(h);
        self.queue.remove(h);
        let victim = self.key_of[h as usize];
        self.slot_of[victim as usize] = NONE;
        self.key_of[h as usize] = key;
        self.visited[h as usize] = false;
        self.slot_of[key as usize] = h;
        self.queue.push_front(h);
        Access {
            hit: false,
            evicted: Some(victim),
            why: Why::SieveHand { cleared },
        }
    }

    /// One lane from head (newest) to tail with each visited bit
    /// ([`Mark::Bit`]) and the hand, which moves right to left.
    fn snapshot(&self) -> Snapshot {
        Snapshot {
            lanes: vec![Lane {
                label: "queue",
                order: "head (newest) → tail (oldest); the hand moves right to left",
                capacity: self.capacity,
                ghost: false,
                entries: self
                    .entries()
                    .into_iter()
                    .map(|(key, v)| Entry {
                        key,
                        mark: Mark::Bit(v),
                    })
                    .collect(),
                hand: self.hand_index(),
            }],
            target: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::run::testing::{config, run};

    #[test]
    fn hand_clears_bits_and_keeps_its_place() {
        let mut s = Sieve::new(&config(4, 20));
        // A B C D, hits on A and C. Queue head→tail: D C B A; visited A, C.
        run(&mut s, &[0, 1, 2, 3, 0, 2]);
        assert_eq!(
            s.entries(),
            vec![(3, false), (2, true), (1, false), (0, true)]
        );
        // E: hand starts at the tail A (visited: clear), moves to B, evicts B.
        let e = s.access(4, 6);
        assert_eq!(e.evicted, Some(1));
        assert_eq!(e.why, Why::SieveHand { cleared: 1 });
        assert_eq!(
            s.entries(),
            vec![(4, false), (3, false), (2, true), (0, false)]
        );
        // the hand waits at C, B's neighbour towards the head
        assert_eq!(s.hand_index(), Some(2));
        // F: C is visited (cleared), D is not: D leaves. A, though older, stays.
        let f = s.access(5, 7);
        assert_eq!(f.evicted, Some(3));
        assert_eq!(f.why, Why::SieveHand { cleared: 1 });
        assert_eq!(
            s.entries(),
            vec![(5, false), (4, false), (2, false), (0, false)]
        );
        // The hand is at E now and walks on towards the head, sifting out
        // newcomers: G evicts E, H evicts F, I evicts G, J evicts H. Each
        // victim's head-side neighbour is the entry that came in after it.
        assert_eq!(s.access(6, 8).evicted, Some(4));
        assert_eq!(s.access(7, 9).evicted, Some(5));
        assert_eq!(s.access(8, 10).evicted, Some(6));
        assert_eq!(s.access(9, 11).evicted, Some(7));
        assert_eq!(
            s.entries(),
            vec![(9, false), (8, false), (2, false), (0, false)]
        );
        assert_eq!(s.hand_index(), Some(1));
        // I is used: K clears its bit and evicts J, the head, so the hand
        // wraps to the tail and A, untouched for long, goes next.
        assert!(s.access(8, 12).hit);
        let k = s.access(10, 13);
        assert_eq!((k.evicted, k.why), (Some(9), Why::SieveHand { cleared: 1 }));
        assert_eq!(s.hand_index(), Some(3));
        assert_eq!(s.access(11, 14).evicted, Some(0));
    }

    #[test]
    fn hot_set_survives_a_scan() {
        // 3 hot keys reused constantly, then a long scan of one-time keys.
        let mut s = Sieve::new(&config(6, 1_000));
        let mut trace = vec![];
        for round in 0..200u32 {
            trace.extend([0, 1, 2]);
            trace.push(100 + round);
        }
        let hits = run(&mut s, &trace).iter().filter(|a| a.hit).count();
        // every hot request after the first round hits
        assert_eq!(hits, 3 * 199);
    }
}
