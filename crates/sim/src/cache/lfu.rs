//! LFU in O(1): evict the entry used least often, ties to the least recent.
//!
//! A count is kept only while a key is resident: a new entry starts at 1 and
//! an evicted key forgets its history. All resident slots sit on one linked
//! list ordered by (count descending, then most recent first), so the victim
//! is always the back slot. The list is a run of frequency buckets, and
//! `first[c]` names the front slot of the bucket with count `c`: a hit moves
//! its slot to the front of the next bucket up, which is either in front of
//! that bucket's first slot or, if the bucket is empty, right where the
//! entry's own bucket begins. Every step is a few array writes (the
//! frequency-bucket scheme of Shah, Mitra & Matani, 2010, flattened onto a
//! single list).

use super::list::{effective_capacity, fit_key, List, BYPASS, HIT, NONE};
use super::policy::{Access, Config, Key, Policy, PolicyKind, Why};
use super::snapshot::{Entry, Lane, Mark, Snapshot};

/// A least-frequently-used cache. A capacity of 0 is treated as 1.
#[derive(Clone, Debug)]
pub struct Lfu {
    capacity: usize,
    /// Slot of each key, or [`NONE`].
    slot_of: Vec<u32>,
    /// Key held by each slot in use.
    key_of: Vec<Key>,
    /// Access count of each slot in use.
    count: Vec<u32>,
    /// Slots ordered by (count desc, recency desc); the back is the next victim.
    list: List,
    /// Front slot of each count's bucket, or [`NONE`] when no entry has that count.
    first: Vec<u32>,
}

impl Lfu {
    /// An empty LFU cache for `config` (capacity and universe only).
    pub fn new(config: &Config) -> Lfu {
        let capacity = effective_capacity(config.capacity);
        Lfu {
            capacity,
            slot_of: vec![NONE; config.universe as usize],
            key_of: Vec::with_capacity(capacity),
            count: Vec::with_capacity(capacity),
            list: List::new(capacity),
            first: vec![NONE; 16],
        }
    }

    /// The resident keys with their counts, most used first (ties: most recent first).
    pub fn entries(&self) -> Vec<(Key, u32)> {
        self.list
            .iter()
            .map(|s| (self.key_of[s as usize], self.count[s as usize]))
            .collect()
    }

    /// Raises slot `s` by one count and makes it the most recent of its new bucket.
    #[inline]
    fn bump(&mut self, s: u32) {
        let c = self.count[s as usize];
        let front_c = self.first[c as usize];
        // why: a count at u32::MAX stays there; the entry still becomes the
        // most recent of its bucket.
        let Some(up) = c.checked_add(1) else {
            if front_c != s {
                self.list.remove(s);
                self.list.insert_before(front_c, s);
                self.first[c as usize] = s;
            }
            return;
        };
        if up as usize >= self.first.len() {
            self.first.resize(up as usize + 1, NONE);
        }
        if front_c == s {
            let after = self.list.next(s);
            self.first[c as usize] = if after != NONE && self.count[after as usize] == c {
                after
            } else {
                NONE
            };
        }
        let front_up = self.first[up as usize];
        // why: bucket up+1 sits right in front of bucket c. If it has entries,
        // go before its front; if not, the new bucket starts where bucket c
        // began, which is where `s` already is when it led bucket c.
        let at = if front_up != NONE { front_up } else { front_c };
        if at != s {
            self.list.remove(s);
            self.list.insert_before(at, s);
        }
        self.count[s as usize] = up;
        self.first[up as usize] = s;
    }

    /// Puts slot `s` in as a new entry with count 1 (the most recent of bucket 1).
    #[inline]
    fn place_new(&mut self, s: u32) {
        // why: bucket 1 is the lowest, so with no such bucket the entry goes last.
        self.list.insert_before(self.first[1], s);
        self.count[s as usize] = 1;
        self.first[1] = s;
    }
}

impl Policy for Lfu {
    fn kind(&self) -> PolicyKind {
        PolicyKind::Lfu
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
            self.bump(slot);
            return HIT;
        }
        if self.key_of.len() < self.capacity {
            let s = self.key_of.len() as u32;
            self.key_of.push(key);
            self.count.push(1);
            self.slot_of[key as usize] = s;
            self.place_new(s);
            return Access {
                hit: false,
                evicted: None,
                why: Why::Free,
            };
        }
        let Some(s) = self.list.pop_back() else {
            return BYPASS;
        };
        let victim = self.key_of[s as usize];
        let vc = self.count[s as usize];
        // why: the back entry is its bucket's last; if it also led the bucket
        // it was alone there, and the bucket is now empty.
        if self.first[vc as usize] == s {
            self.first[vc as usize] = NONE;
        }
        self.slot_of[victim as usize] = NONE;
        self.key_of[s as usize] = key;
        self.slot_of[key as usize] = s;
        self.place_new(s);
        Access {
            hit: false,
            evicted: Some(victim),
            why: Why::LeastFrequent { count: vc },
        }
    }

    /// One lane listing every entry with its count ([`Mark::Count`]), most
    /// used first and, within a count, most recent first — so the next victim
    /// is always the last box, as under LRU. One lane reads better than one
    /// lane per count: the counts are written on the boxes and the learner
    /// sees a single queue whose right end is the eviction point.
    fn snapshot(&self) -> Snapshot {
        Snapshot {
            lanes: vec![Lane {
                label: "by count",
                order: "most used → least used (ties: most recent first)",
                capacity: self.capacity,
                ghost: false,
                entries: self
                    .entries()
                    .into_iter()
                    .map(|(key, c)| Entry {
                        key,
                        mark: Mark::Count(c),
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
    fn evicts_least_frequent_with_recency_tie_break() {
        let mut lfu = Lfu::new(&config(3, 10));
        // A A B C: counts A2 B1 C1; D evicts B (tie at 1, B older than C).
        let out = run(&mut lfu, &[0, 0, 1, 2, 3]);
        assert_eq!(out[4].evicted, Some(1));
        assert_eq!(out[4].why, Why::LeastFrequent { count: 1 });
        assert_eq!(lfu.entries(), vec![(0, 2), (3, 1), (2, 1)]);
        // C hit -> C2 is more recent than A2; E evicts D (the only count 1).
        assert!(lfu.access(2, 5).hit);
        assert_eq!(lfu.entries(), vec![(2, 2), (0, 2), (3, 1)]);
        let e = lfu.access(4, 6);
        assert_eq!(e.evicted, Some(3));
        // A hit -> A3 leads; F evicts E (count 1).
        assert!(lfu.access(0, 7).hit);
        assert_eq!(lfu.entries(), vec![(0, 3), (2, 2), (4, 1)]);
        assert_eq!(lfu.access(5, 8).evicted, Some(4));
        // counts are forgotten on eviction: E comes back at 1 and evicts F
        assert_eq!(lfu.access(4, 9).evicted, Some(5));
        assert_eq!(lfu.entries(), vec![(0, 3), (2, 2), (4, 1)]);
    }

    #[test]
    fn buckets_stay_sorted_under_many_hits() {
        let mut lfu = Lfu::new(&config(4, 8));
        let trace = [0, 1, 2, 3, 1, 1, 2, 0, 3, 3, 3, 2, 4, 5, 4, 2];
        run(&mut lfu, &trace);
        let e = lfu.entries();
        assert!(e.windows(2).all(|w| w[0].1 >= w[1].1), "{e:?}");
        assert_eq!(e.len(), 4);
        // 2 and 3 both reached 4; 2 was used last, so it leads.
        assert_eq!(e[0], (2, 4));
        assert_eq!(e[1], (3, 4));
    }
}
