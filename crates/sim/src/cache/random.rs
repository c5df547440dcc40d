//! Random eviction: the victim is drawn uniformly from the resident entries.
//!
//! Entries occupy slots `0..len`; a miss on a full cache draws a slot with
//! the seeded [`Rng`] and gives it to the new key. Hits change nothing.

use super::list::{effective_capacity, fit_key, BYPASS, HIT, NONE};
use super::policy::{Access, Config, Key, Policy, PolicyKind, Why};
use super::snapshot::{Entry, Lane, Mark, Snapshot};
use crate::rng::Rng;

/// A random-eviction cache seeded by `config.seed`. A capacity of 0 is treated as 1.
#[derive(Clone, Debug)]
pub struct RandomEvict {
    capacity: usize,
    /// Slot of each key, or [`NONE`].
    slot_of: Vec<u32>,
    /// Key in each slot in use.
    key_of: Vec<Key>,
    rng: Rng,
}

impl RandomEvict {
    /// An empty cache for `config` (capacity, universe and seed).
    pub fn new(config: &Config) -> RandomEvict {
        let capacity = effective_capacity(config.capacity);
        RandomEvict {
            capacity,
            slot_of: vec![NONE; config.universe as usize],
            key_of: Vec::with_capacity(capacity),
            rng: Rng::new(config.seed),
        }
    }

    /// The resident keys in slot order.
    pub fn keys(&self) -> &[Key] {
        &self.key_of
    }
}

impl Policy for RandomEvict {
    fn kind(&self) -> PolicyKind {
        PolicyKind::Random
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
        // why: the slot order carries no meaning, so a uniform slot is a
        // uniform resident entry.
        let s = self.rng.below(self.key_of.len() as u64) as usize;
        let victim = self.key_of[s];
        self.slot_of[victim as usize] = NONE;
        self.key_of[s] = key;
        self.slot_of[key as usize] = s as u32;
        Access {
            hit: false,
            evicted: Some(victim),
            why: Why::Random,
        }
    }

    /// One lane of slots in slot order.
    fn snapshot(&self) -> Snapshot {
        Snapshot {
            lanes: vec![Lane {
                label: "slots",
                order: "slot order (no meaning: any slot may be drawn)",
                capacity: self.capacity,
                ghost: false,
                entries: self
                    .key_of
                    .iter()
                    .map(|&key| Entry {
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
    fn same_seed_same_victims() {
        let trace: Vec<Key> = (0..2_000u32).map(|i| (i * 7 + i / 3) % 50).collect();
        let mut a = RandomEvict::new(&config(10, 50));
        let mut b = RandomEvict::new(&config(10, 50));
        let first = run(&mut a, &trace);
        assert_eq!(first, run(&mut b, &trace));
        let mut other = config(10, 50);
        other.seed = 2;
        let mut c = RandomEvict::new(&other);
        assert_ne!(run(&mut c, &trace), first);
    }

    #[test]
    fn victims_are_spread_over_slots() {
        let mut r = RandomEvict::new(&config(4, 1_000));
        run(&mut r, &[0, 1, 2, 3]);
        let mut seen = [0u32; 4];
        for k in 4..4_004u32 {
            let before: Vec<Key> = r.keys().to_vec();
            let a = r.access(k, u64::from(k));
            let victim = a.evicted.expect("full cache evicts");
            let slot = before.iter().position(|&x| x == victim).expect("resident");
            seen[slot] += 1;
        }
        // why: each slot expects 1000 draws with sd ≈ 27; 200 is > 7 sd.
        assert!(seen.iter().all(|&n| n.abs_diff(1000) < 200), "{seen:?}");
    }
}
