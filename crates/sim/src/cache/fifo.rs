//! FIFO: evict the entry inserted earliest; hits change nothing.
//!
//! The slots form a ring filled in order, so the oldest entry is always the
//! slot after the newest: a miss on a full cache overwrites the slot at
//! `next` and steps `next` on. No list is needed at all.

use super::list::{effective_capacity, fit_key, BYPASS, HIT, NONE};
use super::policy::{Access, Config, Key, Policy, PolicyKind, Why};
use super::snapshot::{Entry, Lane, Mark, Snapshot};

/// A first-in, first-out cache. A capacity of 0 is treated as 1.
#[derive(Clone, Debug)]
pub struct Fifo {
    capacity: usize,
    /// Slot of each key, or [`NONE`].
    slot_of: Vec<u32>,
    /// Key in each slot in use; slots fill in order `0, 1, …`.
    key_of: Vec<Key>,
    /// The slot the next insertion overwrites once full: the oldest entry.
    next: usize,
}

impl Fifo {
    /// An empty FIFO cache for `config` (capacity and universe only).
    pub fn new(config: &Config) -> Fifo {
        let capacity = effective_capacity(config.capacity);
        Fifo {
            capacity,
            slot_of: vec![NONE; config.universe as usize],
            key_of: Vec::with_capacity(capacity),
            next: 0,
        }
    }

    /// The resident keys, newest first.
    pub fn keys(&self) -> Vec<Key> {
        let n = self.key_of.len();
        // why: the newest entry is the slot just before `next` (`next` is 0
        // while filling, and then the newest is the last slot filled).
        (1..=n)
            .map(|back| self.key_of[(self.next + n - back) % n])
            .collect()
    }
}

impl Policy for Fifo {
    fn kind(&self) -> PolicyKind {
        PolicyKind::Fifo
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
        if self.slot_of[key as usize] != NONE {
            return HIT;
        }
        if self.key_of.len() < self.capacity {
            self.slot_of[key as usize] = self.key_of.len() as u32;
            self.key_of.push(key);
            return Access {
                hit: false,
                evicted: None,
                why: Why::Free,
            };
        }
        let s = self.next;
        let victim = self.key_of[s];
        self.slot_of[victim as usize] = NONE;
        self.key_of[s] = key;
        self.slot_of[key as usize] = s as u32;
        self.next = if s + 1 == self.capacity { 0 } else { s + 1 };
        Access {
            hit: false,
            evicted: Some(victim),
            why: Why::Oldest,
        }
    }

    /// One lane, newest first (the right end leaves next).
    fn snapshot(&self) -> Snapshot {
        Snapshot {
            lanes: vec![Lane {
                label: "queue",
                order: "newest → oldest",
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
    fn evicts_in_insertion_order_regardless_of_hits() {
        let mut fifo = Fifo::new(&config(3, 10));
        // A B C A D: the hit on A does not save it; D evicts A.
        let out = run(&mut fifo, &[0, 1, 2, 0, 3]);
        assert!(out[3].hit);
        assert_eq!(out[4].evicted, Some(0));
        assert_eq!(out[4].why, Why::Oldest);
        assert_eq!(fifo.keys(), vec![3, 2, 1]);
        assert_eq!(fifo.access(4, 5).evicted, Some(1));
        assert_eq!(fifo.keys(), vec![4, 3, 2]);
    }

    #[test]
    fn loop_of_capacity_plus_one_never_hits() {
        let mut fifo = Fifo::new(&config(5, 6));
        let trace: Vec<Key> = (0..60).map(|i| i % 6).collect();
        assert!(run(&mut fifo, &trace).iter().all(|a| !a.hit));
    }
}
