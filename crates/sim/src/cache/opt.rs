//! Belady's OPT (MIN, 1966): evict the resident key used farthest in the future.
//!
//! OPT needs the whole trace up front. One backward pass with a dense
//! last-seen table gives, for every request, the index of the next request
//! for the same key (O(n)). While running, each resident key carries its
//! current next use, and a max-heap of (next use, key) finds the farthest.
//! A hit changes a key's next use; rather than search the heap, the new pair
//! is pushed and the old one left behind as stale ("lazy deletion"): a popped
//! pair counts only if it still matches the key's current next use. When
//! stale pairs pile up the heap is rebuilt from the resident keys, so it
//! stays within a small multiple of the capacity.
//!
//! Among policies that must cache every requested key, no other gets more
//! hits on the same trace and capacity.

use std::collections::BinaryHeap;

use super::list::{effective_capacity, fit_key, BYPASS, HIT, NONE};
use super::policy::{Access, Config, Key, Policy, PolicyKind, Why};
use super::snapshot::{Entry, Lane, Mark, Snapshot};

/// "Never requested again".
const NEVER: u64 = u64::MAX;

/// Belady's optimal offline policy over a fixed trace. A capacity of 0 is
/// treated as 1.
///
/// `access(key, now)` must be called with `now` = the request's index in the
/// trace given to [`Opt::new`]. A request that does not match the trace (an
/// index past its end, or a different key there) is still served, as if the
/// key were never requested again.
#[derive(Clone, Debug)]
pub struct Opt {
    capacity: usize,
    trace: Vec<Key>,
    /// For each request index, the index of the next request for the same key.
    next_use: Vec<u64>,
    /// Slot of each key, or [`NONE`].
    slot_of: Vec<u32>,
    /// Key in each slot in use.
    key_of: Vec<Key>,
    /// Current next use of each slot's key.
    next_of: Vec<u64>,
    /// (next use, key) pairs, some stale.
    heap: BinaryHeap<(u64, Key)>,
}

impl Opt {
    /// An empty OPT cache for `config` (capacity and universe) that will be
    /// run over `trace`.
    pub fn new(config: &Config, trace: &[Key]) -> Opt {
        let capacity = effective_capacity(config.capacity);
        let mut last = vec![NEVER; config.universe as usize];
        let mut next_use = vec![NEVER; trace.len()];
        for (i, &k) in trace.iter().enumerate().rev() {
            if (k as usize) < last.len() || fit_key(&mut last, k, NEVER) {
                next_use[i] = last[k as usize];
                last[k as usize] = i as u64;
            }
        }
        Opt {
            capacity,
            trace: trace.to_vec(),
            next_use,
            slot_of: vec![NONE; config.universe as usize],
            key_of: Vec::with_capacity(capacity),
            next_of: Vec::with_capacity(capacity),
            heap: BinaryHeap::with_capacity(2 * capacity + 64),
        }
    }

    /// The resident keys with their next use (`None`: never), soonest first.
    pub fn entries(&self) -> Vec<(Key, Option<u64>)> {
        let mut v: Vec<(u64, Key)> = self
            .key_of
            .iter()
            .zip(&self.next_of)
            .map(|(&k, &n)| (n, k))
            .collect();
        v.sort_unstable();
        v.into_iter()
            .map(|(n, k)| (k, (n != NEVER).then_some(n)))
            .collect()
    }

    /// Rebuilds the heap from the resident keys alone, dropping stale pairs.
    #[cold]
    fn compact(&mut self) {
        let mut v = std::mem::take(&mut self.heap).into_vec();
        v.clear();
        v.extend(
            self.next_of
                .iter()
                .copied()
                .zip(self.key_of.iter().copied()),
        );
        self.heap = BinaryHeap::from(v);
    }

    /// Pops the slot of the resident key used farthest in the future.
    fn pop_victim(&mut self) -> Option<u32> {
        for _ in 0..2 {
            while let Some((n, k)) = self.heap.pop() {
                let s = self.slot_of[k as usize];
                if s != NONE && self.next_of[s as usize] == n {
                    return Some(s);
                }
            }
            // why: unreachable while every resident key has a live pair; a
            // rebuild makes sure of it rather than panicking.
            self.compact();
        }
        None
    }
}

impl Policy for Opt {
    fn kind(&self) -> PolicyKind {
        PolicyKind::Opt
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
    fn access(&mut self, key: Key, now: u64) -> Access {
        if key as usize >= self.slot_of.len() && !fit_key(&mut self.slot_of, key, NONE) {
            return BYPASS;
        }
        let next = match usize::try_from(now).ok().and_then(|i| self.trace.get(i)) {
            Some(&k) if k == key => self.next_use[now as usize],
            _ => NEVER,
        };
        let s = self.slot_of[key as usize];
        if s != NONE {
            self.next_of[s as usize] = next;
            self.heap.push((next, key));
            // why: each hit leaves one stale pair behind; rebuilding once they
            // outnumber the live ones keeps pushes and pops at log(capacity)
            // for an amortised O(1) extra per request.
            if self.heap.len() > 2 * self.capacity + 64 {
                self.compact();
            }
            return HIT;
        }
        let (s, evicted, why) = if self.key_of.len() < self.capacity {
            self.key_of.push(key);
            self.next_of.push(next);
            ((self.key_of.len() - 1) as u32, None, Why::Free)
        } else {
            let Some(s) = self.pop_victim() else {
                return BYPASS;
            };
            let victim = self.key_of[s as usize];
            let far = self.next_of[s as usize];
            self.slot_of[victim as usize] = NONE;
            (
                s,
                Some(victim),
                Why::FarthestNextUse {
                    next: (far != NEVER).then_some(far),
                },
            )
        };
        self.key_of[s as usize] = key;
        self.next_of[s as usize] = next;
        self.slot_of[key as usize] = s;
        self.heap.push((next, key));
        Access {
            hit: false,
            evicted,
            why,
        }
    }

    /// One lane, the resident keys ordered by next use, soonest first, each
    /// with [`Mark::NextUse`]; the right end is the next victim.
    fn snapshot(&self) -> Snapshot {
        Snapshot {
            lanes: vec![Lane {
                label: "by next use",
                order: "next used soonest → latest (never)",
                capacity: self.capacity,
                ghost: false,
                entries: self
                    .entries()
                    .into_iter()
                    .map(|(key, n)| Entry {
                        key,
                        mark: Mark::NextUse(n),
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

    fn hits(trace: &[Key], cap: usize) -> (usize, Vec<Access>) {
        let mut opt = Opt::new(&config(cap, 16), trace);
        let out: Vec<Access> = trace
            .iter()
            .enumerate()
            .map(|(i, &k)| opt.access(k, i as u64))
            .collect();
        (out.iter().filter(|a| a.hit).count(), out)
    }

    #[test]
    fn textbook_reference_string() {
        // The classic 7 0 1 2 0 3 0 4 2 3 0 3 2 1 2 0 1 7 0 1 with 3 frames:
        // OPT takes 9 faults (11 hits).
        let trace = [7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2, 1, 2, 0, 1, 7, 0, 1];
        let (h, out) = hits(&trace, 3);
        assert_eq!(h, 11);
        // At request 3 (key 2), 7 is next used at 17, farthest: it leaves.
        assert_eq!(out[3].evicted, Some(7));
        assert_eq!(out[3].why, Why::FarthestNextUse { next: Some(17) });
    }

    #[test]
    fn loop_of_capacity_plus_one_still_hits() {
        // LRU and FIFO get nothing on this loop; OPT keeps most of it.
        let trace: Vec<Key> = (0..40).map(|i| i % 4).collect();
        let (h, _) = hits(&trace, 3);
        // 3 cold misses, then one miss every 3 requests (at 3, 6, …, 39): 16 misses.
        assert_eq!(h, 24);
    }

    #[test]
    fn never_used_again_goes_first_and_snapshot_is_sorted() {
        let trace = [0, 1, 2, 0, 1, 3, 0];
        let mut opt = Opt::new(&config(2, 8), &trace);
        for (i, &k) in trace.iter().enumerate().take(3) {
            opt.access(k, i as u64);
        }
        // at request 2 (key 2), 0 is next used at 3 and 1 at 4: 1 left
        assert_eq!(opt.entries(), vec![(0, Some(3)), (2, None)]);
        let snap = opt.snapshot();
        assert_eq!(snap.lanes[0].entries[1].mark, Mark::NextUse(None));
        // a request off the trace is served as "never again"
        let a = opt.access(9, 100);
        assert_eq!(a.evicted, Some(2));
        assert_eq!(a.why, Why::FarthestNextUse { next: None });
    }
}
