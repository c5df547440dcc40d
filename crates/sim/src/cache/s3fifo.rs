//! S3-FIFO (Yang, Zhang, Qiu, Yue & Rashmi, SOSP 2023), as its authors run it
//! in libCacheSim (`S3FIFO.c`, parameters `small-size-ratio=0.10`,
//! `ghost-size-ratio=0.90`, `move-to-main-threshold=2`).
//!
//! - **small** (S) holds new keys; its size is ⌊0.10 · c⌋.
//! - **main** (M) holds keys that proved themselves; its size is the rest.
//! - **ghost** (G) remembers, without data, up to ⌊0.90 · c⌋ keys recently
//!   evicted from small, FIFO.
//!
//! Each resident entry has a frequency that starts at 0 and grows by one on
//! every hit; main's reinsertion reads it as a 2-bit counter (at most 3), so
//! it is kept capped at 3, which changes no decision.
//!
//! A miss inserts into main if the key is in the ghost queue (it left small
//! too early), else into small; before the cache has ever evicted, a key that
//! finds small full goes to main, so the first fill uses both queues. To free
//! a slot, evict from main if main holds more than its size or small is
//! empty, else from small:
//!
//! - *evict small*: take small's tail; if its frequency is at least 2 move it
//!   to main's head **with frequency 0**, else drop it into the ghost queue
//!   and stop; repeat while small is not empty. Main may run over its size;
//!   the next eviction then comes from main.
//! - *evict main*: take main's tail; if its frequency is above 0 put it back
//!   at the head with one less, else evict it; repeat.
//!
//! One difference, for caches of fewer than 20 entries: libCacheSim sizes
//! small as ⌊0.10 · c⌋ and refuses a new key as large as small, which with
//! one-unit keys would stop such a cache admitting anything; here small
//! holds at least one entry and every key is admitted.

use super::list::{effective_capacity, fit_key, Chains, List, BYPASS, HIT, NONE};
use super::policy::{Access, Config, Key, Policy, PolicyKind, Why};
use super::snapshot::{Entry, Lane, Mark, Snapshot};

/// Chain id of the small queue.
const SMALL: usize = 0;
/// Chain id of the main queue.
const MAIN: usize = 1;
/// The cap of the 2-bit frequency.
const MAX_FREQ: u8 = 3;
/// Small's share of the capacity (libCacheSim's `small-size-ratio`).
const SMALL_RATIO: f64 = 0.10;
/// The ghost queue's size as a share of the capacity (`ghost-size-ratio`).
const GHOST_RATIO: f64 = 0.90;
/// Frequency at which small's tail moves to main (`move-to-main-threshold`).
const MOVE_TO_MAIN: u8 = 2;

/// An S3-FIFO cache. A capacity of 0 is treated as 1.
#[derive(Clone, Debug)]
pub struct S3Fifo {
    capacity: usize,
    /// Small's size: ⌊0.10 · c⌋, at least 1.
    small_share: usize,
    /// Main's size: the rest (0 when the capacity is 1).
    main_share: usize,
    /// Keys the ghost queue remembers: ⌊0.90 · c⌋ (none when that is 0).
    ghost_capacity: usize,
    /// The cache has evicted at least once (until then a key that finds
    /// small full goes to main).
    has_evicted: bool,
    /// Resident slot of each key, or [`NONE`].
    slot_of: Vec<u32>,
    /// Key in each resident slot in use.
    key_of: Vec<Key>,
    /// Frequency of each resident slot in use.
    freq: Vec<u8>,
    /// Small and main queues over the resident slots, head (newest) first.
    queues: Chains<2>,
    /// Ghost slot of each key, or [`NONE`].
    ghost_slot_of: Vec<u32>,
    /// Key remembered in each ghost slot.
    ghost_key: Vec<Key>,
    /// Ghost slots, newest first.
    ghost: List,
    /// Ghost slots freed by a ghost hit, ready for reuse.
    ghost_free: Vec<u32>,
}

impl S3Fifo {
    /// An empty S3-FIFO cache for `config` (capacity and universe only).
    pub fn new(config: &Config) -> S3Fifo {
        let capacity = effective_capacity(config.capacity);
        // why: libCacheSim multiplies the size by the ratio in doubles and
        // truncates; the same operations in f64 give the same sizes.
        let small_share = ((capacity as f64 * SMALL_RATIO) as usize).max(1);
        let main_share = capacity - small_share;
        let ghost_capacity = (capacity as f64 * GHOST_RATIO) as usize;
        S3Fifo {
            capacity,
            small_share,
            main_share,
            ghost_capacity,
            has_evicted: false,
            slot_of: vec![NONE; config.universe as usize],
            key_of: Vec::with_capacity(capacity),
            freq: Vec::with_capacity(capacity),
            queues: Chains::new(capacity),
            ghost_slot_of: vec![NONE; config.universe as usize],
            ghost_key: Vec::with_capacity(ghost_capacity),
            ghost: List::new(ghost_capacity),
            ghost_free: Vec::with_capacity(ghost_capacity),
        }
    }

    /// Small's share of the capacity.
    pub fn small_share(&self) -> usize {
        self.small_share
    }

    /// The small queue, head (newest) to tail: (key, frequency).
    pub fn small(&self) -> Vec<(Key, u8)> {
        self.queue(SMALL)
    }

    /// The main queue, head (newest) to tail: (key, frequency).
    pub fn main(&self) -> Vec<(Key, u8)> {
        self.queue(MAIN)
    }

    /// The ghost queue, newest first.
    pub fn ghosts(&self) -> Vec<Key> {
        self.ghost
            .iter()
            .map(|g| self.ghost_key[g as usize])
            .collect()
    }

    fn queue(&self, c: usize) -> Vec<(Key, u8)> {
        self.queues
            .iter(c)
            .map(|s| (self.key_of[s as usize], self.freq[s as usize]))
            .collect()
    }

    /// Remembers `key` in the ghost queue, forgetting the oldest if it is full.
    fn remember(&mut self, key: Key) {
        if self.ghost_capacity == 0 {
            return;
        }
        let g = if self.ghost.len() >= self.ghost_capacity {
            let Some(old) = self.ghost.pop_back() else {
                return;
            };
            self.ghost_slot_of[self.ghost_key[old as usize] as usize] = NONE;
            old
        } else if let Some(g) = self.ghost_free.pop() {
            g
        } else {
            self.ghost_key.push(key);
            (self.ghost_key.len() - 1) as u32
        };
        self.ghost_key[g as usize] = key;
        self.ghost_slot_of[key as usize] = g;
        self.ghost.push_front(g);
    }

    /// Frees one resident slot; returns it and why. Each round is one of
    /// libCacheSim's `S3FIFO_evict` calls: from main if main is over its size
    /// or small is empty, else from small, until one entry has left.
    fn evict(&mut self) -> Option<(u32, Why)> {
        let mut promoted = 0u32;
        loop {
            if self.queues.len(MAIN) > self.main_share || self.queues.is_empty(SMALL) {
                return self.evict_main(promoted);
            }
            if let Some(out) = self.evict_small(&mut promoted) {
                return Some(out);
            }
        }
    }

    /// `S3FIFO_evict_small`: moves small's tail to main (frequency reset to 0)
    /// while it was hit at least twice; the first one that was not leaves the
    /// cache for the ghost queue. `None` if small emptied first.
    fn evict_small(&mut self, promoted: &mut u32) -> Option<(u32, Why)> {
        while let Some(t) = self.queues.pop_back(SMALL) {
            if self.freq[t as usize] >= MOVE_TO_MAIN {
                self.freq[t as usize] = 0;
                self.queues.push_front(MAIN, t);
                *promoted += 1;
            } else {
                self.remember(self.key_of[t as usize]);
                return Some((
                    t,
                    Why::SmallToGhost {
                        promoted: *promoted,
                    },
                ));
            }
        }
        None
    }

    /// `S3FIFO_evict_main`: reinserts tails with one less until one is at 0.
    fn evict_main(&mut self, promoted: u32) -> Option<(u32, Why)> {
        let mut reinserted = 0u32;
        // why: each reinsertion lowers a 2-bit count, so this ends within
        // 3 × |main| + 1 steps.
        while let Some(t) = self.queues.pop_back(MAIN) {
            if self.freq[t as usize] > 0 {
                self.freq[t as usize] -= 1;
                self.queues.push_front(MAIN, t);
                reinserted += 1;
            } else {
                return Some((
                    t,
                    Why::MainEvict {
                        reinserted,
                        promoted,
                    },
                ));
            }
        }
        None
    }
}

impl Policy for S3Fifo {
    fn kind(&self) -> PolicyKind {
        PolicyKind::S3Fifo
    }

    fn capacity(&self) -> usize {
        self.capacity
    }

    fn len(&self) -> usize {
        self.queues.len(SMALL) + self.queues.len(MAIN)
    }

    fn contains(&self, key: Key) -> bool {
        self.slot_of.get(key as usize).is_some_and(|&s| s != NONE)
    }

    #[inline(always)]
    fn access(&mut self, key: Key, _now: u64) -> Access {
        if key as usize >= self.slot_of.len()
            && !(fit_key(&mut self.slot_of, key, NONE)
                && fit_key(&mut self.ghost_slot_of, key, NONE))
        {
            return BYPASS;
        }
        let slot = self.slot_of[key as usize];
        if slot != NONE {
            let f = &mut self.freq[slot as usize];
            *f = (*f + 1).min(MAX_FREQ);
            return HIT;
        }
        let g = self.ghost_slot_of[key as usize];
        let from_ghost = g != NONE;
        if from_ghost {
            // why: forget the key before evicting, so the eviction's own ghost
            // insertion cannot push this key out a second time.
            self.ghost.remove(g);
            self.ghost_slot_of[key as usize] = NONE;
            self.ghost_free.push(g);
        }
        let (s, evicted, why) = if self.len() < self.capacity {
            self.key_of.push(key);
            self.freq.push(0);
            ((self.key_of.len() - 1) as u32, None, Why::Free)
        } else {
            self.has_evicted = true;
            let Some((s, why)) = self.evict() else {
                return BYPASS;
            };
            let victim = self.key_of[s as usize];
            self.slot_of[victim as usize] = NONE;
            (s, Some(victim), why)
        };
        self.key_of[s as usize] = key;
        self.freq[s as usize] = 0;
        self.slot_of[key as usize] = s;
        // why: before the first eviction, a key that finds small full fills
        // main instead (libCacheSim's `S3FIFO_insert`).
        let to_main =
            from_ghost || (!self.has_evicted && self.queues.len(SMALL) >= self.small_share);
        self.queues
            .push_front(if to_main { MAIN } else { SMALL }, s);
        Access {
            hit: false,
            evicted,
            why,
        }
    }

    /// Three lanes: small and main, head (newest) to tail, each entry with its
    /// frequency ([`Mark::Count`]), then the ghost queue. A lane's capacity is
    /// its share, or its length when it runs over (small holds more than its
    /// share while main is still filling).
    fn snapshot(&self) -> Snapshot {
        let lane = |label, c: usize, share: usize| {
            let entries: Vec<Entry> = self
                .queue(c)
                .into_iter()
                .map(|(key, f)| Entry {
                    key,
                    mark: Mark::Count(u32::from(f)),
                })
                .collect();
            Lane {
                label,
                order: "head (newest) → tail (oldest)",
                capacity: share.max(entries.len()),
                ghost: false,
                entries,
                hand: None,
            }
        };
        Snapshot {
            lanes: vec![
                lane("small", SMALL, self.small_share),
                lane("main", MAIN, self.main_share),
                Lane {
                    label: "ghost",
                    order: "newest → oldest",
                    capacity: self.ghost_capacity,
                    ghost: true,
                    entries: self
                        .ghosts()
                        .into_iter()
                        .map(|key| Entry {
                            key,
                            mark: Mark::None,
                        })
                        .collect(),
                    hand: None,
                },
            ],
            target: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::run::testing::{config, run};

    /// Keys `from..to`, in order.
    fn keys(from: Key, to: Key) -> Vec<Key> {
        (from..to).collect()
    }

    #[test]
    fn sizes_truncate_like_libcachesim() {
        let sizes = |c| {
            let s = S3Fifo::new(&config(c, 10));
            (s.small_share, s.main_share, s.ghost_capacity)
        };
        // ⌊0.1 c⌋, c − that, ⌊0.9 c⌋
        assert_eq!(sizes(20), (2, 18, 18));
        assert_eq!(sizes(25), (2, 23, 22));
        assert_eq!(sizes(100), (10, 90, 90));
        assert_eq!(sizes(1000), (100, 900, 900));
        // below 20 small still holds one entry; below 2 there is no ghost
        assert_eq!(sizes(10), (1, 9, 9));
        assert_eq!(sizes(1), (1, 0, 0));
    }

    #[test]
    fn first_fill_spills_into_main() {
        // c = 20: small 2, main 18. Before any eviction, a key that finds
        // small full goes to main.
        let mut s = S3Fifo::new(&config(20, 40));
        run(&mut s, &keys(0, 20));
        assert_eq!(s.small(), vec![(1, 0), (0, 0)]);
        assert_eq!(s.main().len(), 18);
        assert_eq!(s.main()[0], (19, 0));
        assert_eq!(s.main()[17], (2, 0));
    }

    /// c = 20 filled with 0..20, then hits: 0 twice, 1 once, 2 four times.
    fn warmed() -> S3Fifo {
        let mut s = S3Fifo::new(&config(20, 40));
        run(&mut s, &keys(0, 20));
        run(&mut s, &[0, 0, 1, 2, 2, 2, 2]);
        s
    }

    #[test]
    fn promotion_resets_the_frequency_to_zero() {
        let mut s = warmed();
        assert_eq!(s.small(), vec![(1, 1), (0, 2)]);
        // 20: main holds 18 (not over), small is not empty: evict small.
        // Its tail 0 was hit twice, so it moves to main's head with
        // frequency 0; the next tail 1 was hit once: it leaves for the ghost.
        let a = s.access(20, 0);
        assert_eq!(a.evicted, Some(1));
        assert_eq!(a.why, Why::SmallToGhost { promoted: 1 });
        assert_eq!(s.main()[0], (0, 0));
        assert_eq!(s.main().len(), 19);
        assert_eq!(s.small(), vec![(20, 0)]);
        assert_eq!(s.ghosts(), vec![1]);
    }

    #[test]
    fn main_over_its_size_evicts_next_and_reinserts_with_one_less() {
        let mut s = warmed();
        s.access(20, 0);
        // 21: main holds 19 > 18, so main evicts. Its tail 2 has frequency 3:
        // back to the head with 2; the next tail 3 (0) leaves.
        let b = s.access(21, 1);
        assert_eq!(b.evicted, Some(3));
        assert_eq!(
            b.why,
            Why::MainEvict {
                reinserted: 1,
                promoted: 0
            }
        );
        assert_eq!(&s.main()[..2], &[(2, 2), (0, 0)]);
        assert_eq!(s.main().len(), 18);
        assert_eq!(s.small(), vec![(21, 0), (20, 0)]);
    }

    #[test]
    fn a_ghost_hit_is_a_miss_that_enters_main() {
        let mut s = warmed();
        run(&mut s, &[20, 21]);
        // 1 is remembered: a miss; small's tail 20 (0) goes to the ghost,
        // and 1 enters main's head with frequency 0.
        let c = s.access(1, 2);
        assert!(!c.hit);
        assert_eq!(c.evicted, Some(20));
        assert_eq!(s.main()[0], (1, 0));
        assert_eq!(s.small(), vec![(21, 0)]);
        assert_eq!(s.ghosts(), vec![20]);
        // A hit in main counts up.
        assert!(s.access(1, 3).hit);
        assert_eq!(s.main()[0], (1, 1));
    }

    #[test]
    fn small_emptied_by_promotions_then_main_evicts() {
        let mut s = S3Fifo::new(&config(20, 40));
        run(&mut s, &keys(0, 20));
        run(&mut s, &[0, 0, 1, 1]);
        // 20: both of small's entries were hit twice and move to main (20
        // entries); small is empty, so main evicts its tail 2.
        let a = s.access(20, 0);
        assert_eq!(a.evicted, Some(2));
        assert_eq!(
            a.why,
            Why::MainEvict {
                reinserted: 0,
                promoted: 2
            }
        );
        assert_eq!(&s.main()[..2], &[(1, 0), (0, 0)]);
        assert_eq!(s.small(), vec![(20, 0)]);
        assert!(s.ghosts().is_empty());
    }

    #[test]
    fn frequency_caps_at_three() {
        let mut s = S3Fifo::new(&config(2, 5));
        run(&mut s, &[0, 0, 0, 0, 0, 0]);
        assert_eq!(s.small(), vec![(0, 3)]);
    }

    #[test]
    fn tiny_caches_still_admit() {
        let mut s = S3Fifo::new(&config(1, 5));
        for (i, k) in [0, 1, 0, 2].into_iter().enumerate() {
            s.access(k, i as u64);
            assert_eq!(s.len(), 1);
            assert!(s.contains(k));
        }
    }
}
