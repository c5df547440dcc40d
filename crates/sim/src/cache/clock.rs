//! CLOCK (second chance): a ring of slots, one reference bit each, and a hand.
//!
//! A hit only sets the entry's bit. A miss on a full cache sweeps the hand
//! round the ring: a set bit is cleared (the entry gets a second chance) and
//! the hand moves on; the first slot with a clear bit is the victim, the new
//! key takes its slot with a clear bit, and the hand steps past it. With every
//! bit clear it is exactly FIFO.

use super::list::{effective_capacity, fit_key, BYPASS, HIT, NONE};
use super::policy::{Access, Config, Key, Policy, PolicyKind, Why};
use super::snapshot::{Entry, Lane, Mark, Snapshot};

/// A CLOCK cache. A capacity of 0 is treated as 1.
#[derive(Clone, Debug)]
pub struct Clock {
    capacity: usize,
    /// Slot of each key, or [`NONE`].
    slot_of: Vec<u32>,
    /// Key in each slot in use; slots fill in order `0, 1, …`.
    key_of: Vec<Key>,
    /// Reference bit of each slot in use.
    bit: Vec<bool>,
    /// The slot the next sweep starts at.
    hand: usize,
}

impl Clock {
    /// An empty CLOCK cache for `config` (capacity and universe only).
    pub fn new(config: &Config) -> Clock {
        let capacity = effective_capacity(config.capacity);
        Clock {
            capacity,
            slot_of: vec![NONE; config.universe as usize],
            key_of: Vec::with_capacity(capacity),
            bit: Vec::with_capacity(capacity),
            hand: 0,
        }
    }

    /// The slots in ring order: (key, reference bit).
    pub fn slots(&self) -> Vec<(Key, bool)> {
        self.key_of
            .iter()
            .copied()
            .zip(self.bit.iter().copied())
            .collect()
    }

    /// The slot the hand points at.
    pub fn hand(&self) -> usize {
        self.hand
    }
}

impl Policy for Clock {
    fn kind(&self) -> PolicyKind {
        PolicyKind::Clock
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
            self.bit[slot as usize] = true;
            return HIT;
        }
        if self.key_of.len() < self.capacity {
            // why: while filling, the hand stays at slot 0, the oldest entry.
            self.slot_of[key as usize] = self.key_of.len() as u32;
            self.key_of.push(key);
            self.bit.push(false);
            return Access {
                hit: false,
                evicted: None,
                why: Why::Free,
            };
        }
        let n = self.capacity;
        let mut h = self.hand;
        let mut cleared = 0u32;
        // why: each pass clears a bit, so after at most one lap a clear bit is found.
        while self.bit[h] {
            self.bit[h] = false;
            cleared += 1;
            h = if h + 1 == n { 0 } else { h + 1 };
        }
        let victim = self.key_of[h];
        self.slot_of[victim as usize] = NONE;
        self.key_of[h] = key;
        self.slot_of[key as usize] = h as u32;
        self.hand = if h + 1 == n { 0 } else { h + 1 };
        Access {
            hit: false,
            evicted: Some(victim),
            why: Why::ClockHand { cleared },
        }
    }

    /// One lane of slots in ring order with each reference bit ([`Mark::Bit`])
    /// and the hand.
    fn snapshot(&self) -> Snapshot {
        let entries: Vec<Entry> = self
            .slots()
            .into_iter()
            .map(|(key, b)| Entry {
                key,
                mark: Mark::Bit(b),
            })
            .collect();
        let hand = (!entries.is_empty()).then_some(self.hand);
        Snapshot {
            lanes: vec![Lane {
                label: "ring",
                order: "slot order (the hand sweeps left to right and wraps)",
                capacity: self.capacity,
                ghost: false,
                entries,
                hand,
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
    fn second_chance() {
        let mut clock = Clock::new(&config(3, 10));
        // A B C A: A's bit is set.
        let out = run(&mut clock, &[0, 1, 2, 0]);
        assert!(out[3].hit);
        assert_eq!(clock.slots(), vec![(0, true), (1, false), (2, false)]);
        // D: the hand clears A's bit, takes B.
        let d = clock.access(3, 4);
        assert_eq!(d.evicted, Some(1));
        assert_eq!(d.why, Why::ClockHand { cleared: 1 });
        assert_eq!(clock.slots(), vec![(0, false), (3, false), (2, false)]);
        assert_eq!(clock.hand(), 2);
        // E: takes C at the hand; then F wraps round and takes A.
        assert_eq!(clock.access(4, 5).evicted, Some(2));
        assert_eq!(clock.access(5, 6).evicted, Some(0));
        assert_eq!(clock.hand(), 1);
    }

    #[test]
    fn full_lap_when_every_bit_is_set() {
        let mut clock = Clock::new(&config(3, 10));
        run(&mut clock, &[0, 1, 2, 0, 1, 2]);
        let d = clock.access(3, 6);
        assert_eq!(d.why, Why::ClockHand { cleared: 3 });
        assert_eq!(d.evicted, Some(0));
        let snap = clock.snapshot();
        assert_eq!(snap.lanes[0].hand, Some(1));
        assert_eq!(snap.resident(), 3);
    }
}
