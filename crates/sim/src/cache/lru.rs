//! LRU: evict the entry whose last use lies furthest in the past.
//!
//! Entries live in slots `0..capacity`; a key table maps each key to its slot
//! and one linked list keeps the slots from most to least recently used. A
//! hit moves the slot to the front, a miss on a full cache reuses the back
//! slot for the new key.

use super::list::{effective_capacity, fit_key, List, BYPASS, HIT, NONE};
use super::policy::{Access, Config, Key, Policy, PolicyKind, Why};
use super::snapshot::{Entry, Lane, Mark, Snapshot};

/// A least-recently-used cache. A capacity of 0 is treated as 1.
#[derive(Clone, Debug)]
pub struct Lru {
    capacity: usize,
    /// Slot of each key, or [`NONE`] when it is not resident.
    slot_of: Vec<u32>,
    /// Key held by each slot in use.
    key_of: Vec<Key>,
    /// Slots in use, most recent first.
    list: List,
}

impl Lru {
    /// An empty LRU cache for `config` (capacity and universe only).
    pub fn new(config: &Config) -> Lru {
        let capacity = effective_capacity(config.capacity);
        Lru {
            capacity,
            slot_of: vec![NONE; config.universe as usize],
            key_of: Vec::with_capacity(capacity),
            list: List::new(capacity),
        }
    }

    /// The resident keys, most recent first.
    pub fn keys(&self) -> Vec<Key> {
        self.list.iter().map(|s| self.key_of[s as usize]).collect()
    }
}

impl Policy for Lru {
    fn kind(&self) -> PolicyKind {
        PolicyKind::Lru
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
            self.list.move_to_front(slot);
            return HIT;
        }
        if self.key_of.len() < self.capacity {
            let slot = self.key_of.len() as u32;
            self.key_of.push(key);
            self.slot_of[key as usize] = slot;
            self.list.push_front(slot);
            return Access {
                hit: false,
                evicted: None,
                why: Why::Free,
            };
        }
        // why: the cache is full, so the list is not empty; the fallback only
        // keeps a broken invariant from panicking.
        let Some(victim_slot) = self.list.pop_back() else {
            return BYPASS;
        };
        let victim = self.key_of[victim_slot as usize];
        self.slot_of[victim as usize] = NONE;
        self.key_of[victim_slot as usize] = key;
        self.slot_of[key as usize] = victim_slot;
        self.list.push_front(victim_slot);
        Access {
            hit: false,
            evicted: Some(victim),
            why: Why::LeastRecent,
        }
    }

    /// One lane, "recency", most recent first.
    fn snapshot(&self) -> Snapshot {
        Snapshot {
            lanes: vec![Lane {
                label: "recency",
                order: "most recent → least recent",
                capacity: self.capacity,
                ghost: false,
                entries: self
                    .keys()
                    .into_iter()
                    .map(|key| Entry {
                        key,
                        mark: Mark::None,
                    })
                    .collect(),
                hand: None,
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
    fn evicts_least_recent() {
        let mut lru = Lru::new(&config(3, 10));
        // A B C A D: D evicts B (A was refreshed).
        let out = run(&mut lru, &[0, 1, 2, 0, 3]);
        let hits: Vec<bool> = out.iter().map(|a| a.hit).collect();
        assert_eq!(hits, vec![false, false, false, true, false]);
        assert_eq!(out[2].why, Why::Free);
        assert_eq!(out[4].evicted, Some(1));
        assert_eq!(out[4].why, Why::LeastRecent);
        assert_eq!(lru.keys(), vec![3, 0, 2]);
        // B is gone, C is the least recent now
        assert!(!lru.contains(1));
        let a = lru.access(1, 5);
        assert_eq!(a.evicted, Some(2));
    }

    #[test]
    fn loop_of_capacity_plus_one_never_hits() {
        let mut lru = Lru::new(&config(3, 4));
        let trace: Vec<Key> = (0..40).map(|i| i % 4).collect();
        assert!(run(&mut lru, &trace).iter().all(|a| !a.hit));
    }

    #[test]
    fn zero_capacity_is_one_and_wild_keys_do_not_panic() {
        let mut lru = Lru::new(&config(0, 2));
        assert_eq!(lru.capacity(), 1);
        assert!(!lru.access(7, 0).hit);
        assert!(lru.access(7, 1).hit);
        assert!(lru.contains(7));
        assert!(!lru.contains(1_000_000));
        assert_eq!(lru.access(1, 2).evicted, Some(7));
        assert_eq!(lru.len(), 1);
        assert_eq!(lru.snapshot().resident(), 1);
    }
}
