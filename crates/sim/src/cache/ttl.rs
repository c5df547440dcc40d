//! LRU with a time to live: entries expire a fixed number of requests after
//! they were fetched.
//!
//! Time is the request index. An entry fetched at `t` expires at `t + ttl`:
//! a request for it at or after that time finds it resident but stale, counts
//! as a miss ([`Why::Expired`]), fetches it again and restarts its clock. Hits
//! do not extend the life of an entry (it is the data's age that matters, not
//! its popularity). A miss on a full cache evicts the LRU tail; the reason is
//! [`Why::EvictedExpired`] when that tail had expired (the slot was dead
//! anyway) and [`Why::LeastRecent`] otherwise. A `ttl` of 0 means entries
//! never expire, which makes this plain LRU.

use super::list::{effective_capacity, fit_key, List, BYPASS, HIT, NONE};
use super::policy::{Access, Config, Key, Policy, PolicyKind, Why};
use super::snapshot::{Entry, Lane, Mark, Snapshot};

/// An LRU cache whose entries expire `ttl` requests after being fetched. A
/// capacity of 0 is treated as 1.
#[derive(Clone, Debug)]
pub struct LruTtl {
    capacity: usize,
    /// Time to live in requests; 0 means never.
    ttl: u64,
    /// Slot of each key, or [`NONE`].
    slot_of: Vec<u32>,
    /// Key in each slot in use.
    key_of: Vec<Key>,
    /// Request index at which each slot's entry expires ([`u64::MAX`] with no TTL).
    expires: Vec<u64>,
    /// Slots, most recent first.
    list: List,
}

impl LruTtl {
    /// An empty cache for `config` (capacity, universe and ttl).
    pub fn new(config: &Config) -> LruTtl {
        let capacity = effective_capacity(config.capacity);
        LruTtl {
            capacity,
            ttl: config.ttl,
            slot_of: vec![NONE; config.universe as usize],
            key_of: Vec::with_capacity(capacity),
            expires: Vec::with_capacity(capacity),
            list: List::new(capacity),
        }
    }

    /// When an entry fetched at `now` expires.
    #[inline]
    fn expiry(&self, now: u64) -> u64 {
        if self.ttl == 0 {
            u64::MAX
        } else {
            now.saturating_add(self.ttl)
        }
    }

    /// The resident keys with their expiry times, most recent first.
    pub fn entries(&self) -> Vec<(Key, u64)> {
        self.list
            .iter()
            .map(|s| (self.key_of[s as usize], self.expires[s as usize]))
            .collect()
    }
}

impl Policy for LruTtl {
    fn kind(&self) -> PolicyKind {
        PolicyKind::LruTtl
    }

    fn capacity(&self) -> usize {
        self.capacity
    }

    fn len(&self) -> usize {
        self.key_of.len()
    }

    /// `key` is resident, fresh or not (freshness depends on the time of the next request).
    fn contains(&self, key: Key) -> bool {
        self.slot_of.get(key as usize).is_some_and(|&s| s != NONE)
    }

    #[inline(always)]
    fn access(&mut self, key: Key, now: u64) -> Access {
        if key as usize >= self.slot_of.len() && !fit_key(&mut self.slot_of, key, NONE) {
            return BYPASS;
        }
        let slot = self.slot_of[key as usize];
        if slot != NONE {
            self.list.move_to_front(slot);
            if now < self.expires[slot as usize] {
                return HIT;
            }
            self.expires[slot as usize] = self.expiry(now);
            return Access {
                hit: false,
                evicted: None,
                why: Why::Expired,
            };
        }
        let expires = self.expiry(now);
        if self.key_of.len() < self.capacity {
            let s = self.key_of.len() as u32;
            self.key_of.push(key);
            self.expires.push(expires);
            self.slot_of[key as usize] = s;
            self.list.push_front(s);
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
        let why = if now >= self.expires[s as usize] {
            Why::EvictedExpired
        } else {
            Why::LeastRecent
        };
        self.slot_of[victim as usize] = NONE;
        self.key_of[s as usize] = key;
        self.expires[s as usize] = expires;
        self.slot_of[key as usize] = s;
        self.list.push_front(s);
        Access {
            hit: false,
            evicted: Some(victim),
            why,
        }
    }

    /// One lane, most recent first, each entry with its expiry time
    /// ([`Mark::Expires`]); with no TTL the mark is [`Mark::None`].
    fn snapshot(&self) -> Snapshot {
        let ttl = self.ttl;
        Snapshot {
            lanes: vec![Lane {
                label: "recency",
                order: "most recent → least recent",
                capacity: self.capacity,
                ghost: false,
                entries: self
                    .entries()
                    .into_iter()
                    .map(|(key, at)| Entry {
                        key,
                        mark: if ttl == 0 {
                            Mark::None
                        } else {
                            Mark::Expires(at)
                        },
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
    use crate::cache::run::testing::config;

    fn ttl_config(capacity: usize, ttl: u64) -> Config {
        let mut c = config(capacity, 10);
        c.ttl = ttl;
        c
    }

    #[test]
    fn expiry_is_a_miss_that_refreshes() {
        let mut c = LruTtl::new(&ttl_config(3, 3));
        assert_eq!(c.access(0, 0).why, Why::Free); // A expires at 3
        assert!(c.access(0, 2).hit); // hits do not extend it
        let a = c.access(0, 3);
        assert_eq!((a.hit, a.evicted, a.why), (false, None, Why::Expired));
        assert_eq!(c.entries(), vec![(0, 6)]);
        assert!(c.access(0, 5).hit);
        assert_eq!(c.snapshot().lanes[0].entries[0].mark, Mark::Expires(6));
    }

    #[test]
    fn evicting_an_expired_tail_is_reported() {
        let mut c = LruTtl::new(&ttl_config(2, 4));
        c.access(0, 0); // expires at 4
        c.access(1, 1); // expires at 5
                        // at 2 nothing has expired: plain LRU
        let x = c.access(2, 2);
        assert_eq!((x.evicted, x.why), (Some(0), Why::LeastRecent));
        // at 5 the tail B has expired
        let y = c.access(3, 5);
        assert_eq!((y.evicted, y.why), (Some(1), Why::EvictedExpired));
    }

    #[test]
    fn zero_ttl_never_expires() {
        let mut c = LruTtl::new(&ttl_config(2, 0));
        c.access(0, 0);
        assert!(c.access(0, u64::MAX - 1).hit);
        assert_eq!(c.snapshot().lanes[0].entries[0].mark, Mark::None);
    }
}
