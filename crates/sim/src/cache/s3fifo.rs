//! S3-FIFO (Yang, Zhang, Qiu, Yue & Rashmi, SOSP 2023): three static FIFO queues.
//!
//! - **small** (S) holds new keys; its share is 10% of the capacity (at least 1).
//! - **main** (M) holds keys that proved themselves; its share is the rest.
//! - **ghost** (G) remembers, without data, as many keys as main's share
//!   (at least 1), FIFO: keys recently evicted from small.
//!
//! Each resident entry has a 2-bit frequency (0..=3): it starts at 0 and a
//! hit adds one, capped at 3. A miss inserts into main if the key is in the
//! ghost queue (it was evicted from small too early), else into small.
//!
//! This follows the paper's Algorithm 1 exactly. To free a slot, evict from
//! small if it holds at least its share, else from main:
//!
//! - *evictS*: take small's tail; if its frequency is **greater than 1** move
//!   it to main's head (and, if main is now over its share, evict from main),
//!   else drop it into the ghost queue and stop; repeat while small is not empty.
//! - *evictM*: take main's tail; if its frequency is above 0 put it back at
//!   the head with one less, else evict it; repeat.
//!
//! The `> 1` test is the published pseudo-code's (Algorithm 1, `t.freq > 1`);
//! the authors' libCacheSim exposes the same choice as
//! `move-to-main-threshold` (2 in the artifact, 1 in later defaults). The
//! frequency travels with an entry promoted to main, as in the pseudo-code.

use super::list::{effective_capacity, fit_key, Chains, List, BYPASS, HIT, NONE};
use super::policy::{Access, Config, Key, Policy, PolicyKind, Why};
use super::snapshot::{Entry, Lane, Mark, Snapshot};

/// Chain id of the small queue.
const SMALL: usize = 0;
/// Chain id of the main queue.
const MAIN: usize = 1;
/// The cap of the 2-bit frequency.
const MAX_FREQ: u8 = 3;

/// An S3-FIFO cache. A capacity of 0 is treated as 1.
#[derive(Clone, Debug)]
pub struct S3Fifo {
    capacity: usize,
    /// Small's share: 10% of the capacity, at least 1.
    small_share: usize,
    /// Main's share: the rest (0 when the capacity is 1).
    main_share: usize,
    /// Keys the ghost queue remembers: main's share, at least 1.
    ghost_capacity: usize,
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
        let small_share = (capacity / 10).max(1);
        let main_share = capacity - small_share;
        // why: with a capacity of 1 main has no share, yet a ghost of 0 keys
        // would make main unreachable; remembering one key keeps the idea.
        let ghost_capacity = main_share.max(1);
        S3Fifo {
            capacity,
            small_share,
            main_share,
            ghost_capacity,
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

    /// Frees one resident slot (Algorithm 1's `evict`); returns it and why.
    fn evict(&mut self) -> Option<(u32, Why)> {
        let mut promoted = 0u32;
        if self.queues.len(SMALL) >= self.small_share || self.queues.is_empty(MAIN) {
            while let Some(t) = self.queues.pop_back(SMALL) {
                if self.freq[t as usize] > 1 {
                    self.queues.push_front(MAIN, t);
                    promoted += 1;
                    // why: "if M is full then evictM" — main went over its share.
                    if self.queues.len(MAIN) > self.main_share {
                        return self.evict_main(promoted);
                    }
                } else {
                    self.remember(self.key_of[t as usize]);
                    return Some((t, Why::SmallToGhost { promoted }));
                }
            }
        }
        self.evict_main(promoted)
    }

    /// Algorithm 1's `evictM`: reinserts tails with one less until one is at 0.
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
        self.queues
            .push_front(if from_ghost { MAIN } else { SMALL }, s);
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

    #[test]
    fn shares() {
        let s = S3Fifo::new(&config(10, 10));
        assert_eq!((s.small_share, s.main_share, s.ghost_capacity), (1, 9, 9));
        let s = S3Fifo::new(&config(1, 10));
        assert_eq!((s.small_share, s.main_share, s.ghost_capacity), (1, 0, 1));
        let s = S3Fifo::new(&config(25, 10));
        assert_eq!((s.small_share, s.main_share), (2, 23));
    }

    #[test]
    fn small_to_ghost_to_main() {
        let mut s = S3Fifo::new(&config(3, 20));
        // A B C fill small (main still empty).
        run(&mut s, &[0, 1, 2]);
        assert_eq!(s.small(), vec![(2, 0), (1, 0), (0, 0)]);
        // hits: A twice (freq 2), B once (freq 1)
        run(&mut s, &[0, 0, 1]);
        // D: small's tail A has freq 2 > 1 -> main; main (share 3 - 1 = 2) is
        // not over; next tail B has freq 1 -> ghost.
        let d = s.access(3, 6);
        assert_eq!(d.evicted, Some(1));
        assert_eq!(d.why, Why::SmallToGhost { promoted: 1 });
        assert_eq!(s.main(), vec![(0, 2)]);
        assert_eq!(s.small(), vec![(3, 0), (2, 0)]);
        assert_eq!(s.ghosts(), vec![1]);
        // B again: a ghost hit is a miss that goes straight to main.
        // Small (2 entries) is at/over its share 1: its tail C (freq 0) -> ghost.
        let b = s.access(1, 7);
        assert!(!b.hit);
        assert_eq!(b.evicted, Some(2));
        assert_eq!(s.main(), vec![(1, 0), (0, 2)]);
        assert_eq!(s.small(), vec![(3, 0)]);
        assert_eq!(s.ghosts(), vec![2]);
    }

    #[test]
    fn main_reinserts_with_one_less() {
        let mut s = S3Fifo::new(&config(3, 20));
        run(&mut s, &[0, 1, 2, 0, 0, 1, 3]);
        // as above: main [A(2)], small [D, C], ghost [B]
        // B from the ghost: main [B0, A2], small [D], ghost [C]
        run(&mut s, &[1]);
        // E: small holds its share (1) -> evictS: D (freq 0) -> ghost.
        let e = s.access(4, 8);
        assert_eq!(e.evicted, Some(3));
        // C from the ghost goes to main; small [E] is at its share -> E to ghost.
        s.access(2, 9);
        assert_eq!(s.main(), vec![(2, 0), (1, 0), (0, 2)]);
        assert!(s.small().is_empty());
        // F: small is empty, so main evicts: A (2) reinserted as 1, B (0) leaves.
        let f = s.access(5, 10);
        assert_eq!(f.evicted, Some(1));
        assert_eq!(
            f.why,
            Why::MainEvict {
                reinserted: 1,
                promoted: 0
            }
        );
        assert_eq!(s.main(), vec![(0, 1), (2, 0)]);
        assert_eq!(s.small(), vec![(5, 0)]);
    }

    #[test]
    fn frequency_caps_at_three() {
        let mut s = S3Fifo::new(&config(2, 5));
        run(&mut s, &[0, 0, 0, 0, 0, 0]);
        assert_eq!(s.small(), vec![(0, 3)]);
    }
}
