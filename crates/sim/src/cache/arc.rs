//! ARC, the Adaptive Replacement Cache (Megiddo & Modha, FAST 2003).
//!
//! Four LRU lists: T1 holds resident keys seen once recently, T2 resident
//! keys seen at least twice; B1 and B2 are their ghosts (keys only, recently
//! evicted from T1 and T2). A target `p` for T1's size moves on ghost hits:
//! a hit in B1 says "T1 was too small" and raises `p`, a hit in B2 lowers it.
//! This is the paper's algorithm (its Figure 4) step for step, with cases
//! I–IV and the subroutine REPLACE. As in the paper, `p` is a real number:
//! a hit in B1 raises it by δ1 = 1 if |B1| ≥ |B2|, else |B2| / |B1|; a hit in
//! B2 lowers it by δ2 = 1 if |B2| ≥ |B1|, else |B1| / |B2|; it stays within
//! `0..=c`. REPLACE compares the whole number |T1| with that real `p`.

use super::list::{effective_capacity, fit_key, Chains, BYPASS, HIT, NONE};
use super::policy::{Access, Config, Key, Policy, PolicyKind, Why};
use super::snapshot::{Entry, Lane, Mark, Snapshot};

/// List ids within the shared [`Chains`].
const T1: usize = 0;
const T2: usize = 1;
const B1: usize = 2;
const B2: usize = 3;

/// An ARC cache. A capacity of 0 is treated as 1.
#[derive(Clone, Debug)]
pub struct ArcCache {
    /// `c` in the paper.
    capacity: usize,
    /// The target size of T1, a real number in `0..=c`.
    p: f64,
    /// Directory slot of each key (on any of the four lists), or [`NONE`].
    slot_of: Vec<u32>,
    /// Key in each directory slot.
    key_of: Vec<Key>,
    /// Which list each directory slot is on.
    list_of: Vec<u8>,
    /// T1, T2, B1, B2 over the directory slots, most recent first.
    lists: Chains<4>,
    /// Directory slots not in use.
    free: Vec<u32>,
}

impl ArcCache {
    /// An empty ARC cache for `config` (capacity and universe only).
    pub fn new(config: &Config) -> ArcCache {
        let capacity = effective_capacity(config.capacity);
        // why: the directory (T1 ∪ T2 ∪ B1 ∪ B2) never holds more than 2c keys.
        let dir = capacity.saturating_mul(2);
        ArcCache {
            capacity,
            p: 0.0,
            slot_of: vec![NONE; config.universe as usize],
            key_of: Vec::with_capacity(dir),
            list_of: Vec::with_capacity(dir),
            lists: Chains::new(dir),
            free: Vec::new(),
        }
    }

    /// The target size `p` of T1.
    pub fn target(&self) -> f64 {
        self.p
    }

    /// The keys of T1, T2, B1 or B2 (`0..4`), most recent first.
    pub fn list(&self, which: usize) -> Vec<Key> {
        self.lists
            .iter(which)
            .map(|s| self.key_of[s as usize])
            .collect()
    }

    /// A directory slot for a new key.
    fn alloc(&mut self) -> u32 {
        if let Some(s) = self.free.pop() {
            return s;
        }
        let s = self.key_of.len() as u32;
        self.key_of.push(0);
        self.list_of.push(T1 as u8);
        self.lists.grow(s as usize + 1);
        s
    }

    /// Drops the LRU key of list `which` from the directory altogether.
    fn delete_lru(&mut self, which: usize) -> Option<Key> {
        let s = self.lists.pop_back(which)?;
        let key = self.key_of[s as usize];
        self.slot_of[key as usize] = NONE;
        self.free.push(s);
        Some(key)
    }

    /// Moves slot `s` from its list to the front of `to`.
    #[inline]
    fn relink(&mut self, s: u32, to: usize) {
        let from = self.list_of[s as usize] as usize;
        self.lists.remove(from, s);
        self.lists.push_front(to, s);
        self.list_of[s as usize] = to as u8;
    }

    /// The paper's REPLACE(x, p): demotes the LRU of T1 to B1 or the LRU of
    /// T2 to B2. Returns the key that left the cache and whether it came from T1.
    fn replace(&mut self, in_b2: bool) -> Option<(Key, bool)> {
        let t1 = self.lists.len(T1);
        let t1r = t1 as f64;
        let from_t1 = t1 >= 1 && ((in_b2 && t1r == self.p) || t1r > self.p);
        // why: the fallback to the other list only matters if an invariant
        // broke; it keeps the cache within capacity regardless.
        let (from, to) = if (from_t1 || self.lists.is_empty(T2)) && t1 >= 1 {
            (T1, B1)
        } else {
            (T2, B2)
        };
        let s = self.lists.back(from);
        if s == NONE {
            return None;
        }
        self.relink(s, to);
        Some((self.key_of[s as usize], from == T1))
    }
}

impl Policy for ArcCache {
    fn kind(&self) -> PolicyKind {
        PolicyKind::Arc
    }

    fn capacity(&self) -> usize {
        self.capacity
    }

    fn len(&self) -> usize {
        self.lists.len(T1) + self.lists.len(T2)
    }

    fn contains(&self, key: Key) -> bool {
        self.slot_of
            .get(key as usize)
            .is_some_and(|&s| s != NONE && (self.list_of[s as usize] as usize) < B1)
    }

    #[inline(always)]
    fn access(&mut self, key: Key, _now: u64) -> Access {
        if key as usize >= self.slot_of.len() && !fit_key(&mut self.slot_of, key, NONE) {
            return BYPASS;
        }
        let c = self.capacity;
        let s = self.slot_of[key as usize];
        if s != NONE {
            let which = self.list_of[s as usize] as usize;
            match which {
                // Case I: a hit in T1 or T2 moves x to the MRU end of T2.
                T1 | T2 => {
                    if which == T2 {
                        self.lists.move_to_front(T2, s);
                    } else {
                        self.relink(s, T2);
                    }
                    return HIT;
                }
                // Cases II and III: a ghost hit adapts p, REPLACE, then x to T2.
                _ => {
                    let (b1, b2) = (self.lists.len(B1) as f64, self.lists.len(B2) as f64);
                    let in_b2 = which == B2;
                    // why: the key is on the list it hit, so that list is not
                    // empty and the ratio is finite.
                    if in_b2 {
                        let delta = if b2 >= b1 { 1.0 } else { b1 / b2 };
                        self.p = (self.p - delta).max(0.0);
                    } else {
                        let delta = if b1 >= b2 { 1.0 } else { b2 / b1 };
                        self.p = (self.p + delta).min(c as f64);
                    }
                    let out = self.replace(in_b2);
                    self.relink(s, T2);
                    return Access {
                        hit: false,
                        evicted: out.map(|(k, _)| k),
                        why: Why::Arc {
                            ghost: Some(if in_b2 { 2 } else { 1 }),
                            from_t1: out.is_some_and(|(_, t1)| t1),
                        },
                    };
                }
            }
        }
        // Case IV: x is in none of the lists.
        let (t1, t2) = (self.lists.len(T1), self.lists.len(T2));
        let (b1, b2) = (self.lists.len(B1), self.lists.len(B2));
        let out = if t1 + b1 >= c {
            if t1 < c {
                // Case A, B1 not empty: forget B1's LRU, then REPLACE.
                self.delete_lru(B1);
                self.replace(false)
            } else {
                // Case A, B1 empty: T1's LRU leaves the cache and the directory.
                self.delete_lru(T1).map(|k| (k, true))
            }
        } else if t1 + t2 + b1 + b2 >= c {
            // Case B with a full cache: trim B2 if the directory is full, then REPLACE.
            if t1 + t2 + b1 + b2 >= 2 * c {
                self.delete_lru(B2);
            }
            self.replace(false)
        } else {
            None
        };
        let s = self.alloc();
        self.key_of[s as usize] = key;
        self.list_of[s as usize] = T1 as u8;
        self.slot_of[key as usize] = s;
        self.lists.push_front(T1, s);
        match out {
            Some((victim, from_t1)) => Access {
                hit: false,
                evicted: Some(victim),
                why: Why::Arc {
                    ghost: None,
                    from_t1,
                },
            },
            None => Access {
                hit: false,
                evicted: None,
                why: Why::Free,
            },
        }
    }

    /// Lanes T1, T2, B1 (ghost), B2 (ghost), each most recent first, and the
    /// target `("p", p)`.
    fn snapshot(&self) -> Snapshot {
        let lane = |label, which, ghost| Lane {
            label,
            order: "most recent → least recent",
            capacity: self.capacity,
            ghost,
            entries: self
                .list(which)
                .into_iter()
                .map(|key| Entry {
                    key,
                    mark: Mark::None,
                })
                .collect(),
            hand: None,
        };
        Snapshot {
            lanes: vec![
                lane("T1", T1, false),
                lane("T2", T2, false),
                lane("B1", B1, true),
                lane("B2", B2, true),
            ],
            target: Some(("p", self.p)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::run::testing::{config, run};

    #[test]
    fn case_walkthrough_and_p_moves() {
        let mut arc = ArcCache::new(&config(2, 20));
        // A B: T1 = [B, A]
        run(&mut arc, &[0, 1]);
        assert_eq!(arc.list(T1), vec![1, 0]);
        // A again: case I, A to T2.
        assert!(arc.access(0, 2).hit);
        assert_eq!((arc.list(T1), arc.list(T2)), (vec![1], vec![0]));
        // C: case IV B (|L1| = 1 < 2, directory 2 >= c): REPLACE with p = 0,
        // |T1| = 1 > 0 so B goes T1 -> B1.
        let a = arc.access(2, 3);
        assert_eq!(a.evicted, Some(1));
        assert_eq!(
            a.why,
            Why::Arc {
                ghost: None,
                from_t1: true
            }
        );
        assert_eq!(arc.list(B1), vec![1]);
        // B again: ghost hit in B1, p rises to 1; REPLACE: |T1| = 1, not > p,
        // so T2's LRU (A) goes to B2; B moves to T2.
        let b = arc.access(1, 4);
        assert!(!b.hit);
        assert_eq!(arc.target(), 1.0);
        assert_eq!(b.evicted, Some(0));
        assert_eq!(
            b.why,
            Why::Arc {
                ghost: Some(1),
                from_t1: false
            }
        );
        assert_eq!(arc.list(T1), vec![2]);
        assert_eq!(arc.list(T2), vec![1]);
        assert_eq!(arc.list(B2), vec![0]);
        // A again: ghost hit in B2, p falls back to 0; REPLACE with x in B2:
        // |T1| = 1 > p = 0, so C goes to B1.
        let a2 = arc.access(0, 5);
        assert_eq!(arc.target(), 0.0);
        assert_eq!(a2.evicted, Some(2));
        assert_eq!(arc.list(T2), vec![0, 1]);
        assert_eq!(arc.list(B1), vec![2]);
        assert!(arc.list(B2).is_empty());
        let snap = arc.snapshot();
        assert_eq!(snap.target, Some(("p", 0.0)));
        assert_eq!(snap.resident(), 2);
    }

    #[test]
    fn t1_full_drops_its_lru_outright() {
        let mut arc = ArcCache::new(&config(2, 20));
        run(&mut arc, &[0, 1]);
        // |T1| = c: case IV A with B1 empty deletes A from the directory.
        let c = arc.access(2, 2);
        assert_eq!(c.evicted, Some(0));
        assert!(arc.list(B1).is_empty());
        assert_eq!(arc.list(T1), vec![2, 1]);
    }

    #[test]
    fn directory_stays_within_two_c() {
        let mut arc = ArcCache::new(&config(3, 50));
        let trace: Vec<Key> = (0..3_000u32).map(|i| (i * i + 3 * i) % 17).collect();
        for (i, &k) in trace.iter().enumerate() {
            arc.access(k, i as u64);
            let dir: usize = (0..4).map(|l| arc.lists.len(l)).sum();
            assert!(dir <= 6);
            assert!(arc.len() <= 3);
            assert!(arc.lists.len(T1) + arc.lists.len(B1) <= 3);
            assert!((0.0..=3.0).contains(&arc.target()));
        }
    }

    #[test]
    fn p_is_real_and_replace_compares_with_it() {
        // c = 5. Fill, hit everything into T2, then push T2's LRU entries
        // into B2 and new keys through T1 into B1 (steps checked by hand
        // against the paper's Figure 4).
        let mut arc = ArcCache::new(&config(5, 20));
        run(
            &mut arc,
            &[0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 5, 6, 7, 7, 8, 8, 9],
        );
        assert_eq!(arc.list(T1), vec![9]);
        assert_eq!(arc.list(T2), vec![8, 7, 4, 3]);
        assert_eq!(arc.list(B1), vec![6, 5]);
        assert_eq!(arc.list(B2), vec![2, 1, 0]);
        assert_eq!(arc.target(), 0.0);
        // 5 hits B1 with |B1| = 2 < |B2| = 3: δ1 = 3/2, so p = 1.5 (rounding
        // the quotient down would give 1). |T1| = 1 is not above 1.5: T2's
        // LRU (3) leaves.
        let a = arc.access(5, 0);
        assert_eq!(arc.target(), 1.5);
        assert_eq!(a.evicted, Some(3));
        // 10: directory full, B2 forgets 0; |T1| = 1 ≤ 1.5, T2 gives up 4.
        assert_eq!(arc.access(10, 0).evicted, Some(4));
        // 11: B2 forgets 1; |T1| = 2 > 1.5, T1 gives up 9.
        assert_eq!(arc.access(11, 0).evicted, Some(9));
        // 6 hits B1, again 2 against 3: p = 1.5 + 1.5 = 3 (whole quotients
        // would give 2); |T1| = 2 ≤ 3, T2 gives up 7.
        let b = arc.access(6, 0);
        assert_eq!(arc.target(), 3.0);
        assert_eq!(b.evicted, Some(7));
        // 12: |T1| = 2 ≤ 3, T2 gives up 8.
        assert_eq!(arc.access(12, 0).evicted, Some(8));
        // 13: |T1| = 3 is not above p = 3, so T2's LRU (5) leaves; with p
        // rounded down to 2 it would have been T1's LRU (10).
        let c = arc.access(13, 0);
        assert_eq!(c.evicted, Some(5));
        assert_eq!(arc.list(T1), vec![13, 12, 11, 10]);
        assert_eq!(arc.list(T2), vec![6]);
        assert_eq!(arc.list(B2), vec![5, 8, 7, 4]);
        assert_eq!(arc.snapshot().target, Some(("p", 3.0)));
    }
}
