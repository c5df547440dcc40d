//! Closed forms for caches under independent requests (the independent
//! reference model): each request names key `i` with a fixed probability
//! `p_i`, independently of every other request.
//!
//! - **Che's approximation for LRU** (Che, Tung & Wang, 2002): a key stays
//!   resident for roughly one *characteristic time* `T` after its last
//!   request, where `T` solves `Σ (1 − e^(−p_i·T)) = C`. Key `i` then hits
//!   with probability `1 − e^(−p_i·T)`.
//! - **FIFO and Random** share one approximation (Gelenbe 1973; Martina,
//!   Garetto & Leonardi 2014): with `T` solving `Σ p_i·T / (1 + p_i·T) = C`,
//!   key `i` hits with probability `p_i·T / (1 + p_i·T)`.
//! - **Perfect LFU** keeps the `C` most popular keys, so its hit ratio tends to
//!   their total probability: the top-`C` mass.
//!
//! All three describe a cache long after warm-up; a finite trace also pays a
//! first miss for every key it touches.

use libm::exp;

/// Relative spread of probabilities merged into one group.
const GROUP_TOLERANCE: f64 = 0.002;

/// A popularity distribution in compressed form: runs of keys with nearly the
/// same probability become one group, so a fixed point over 100,000 keys
/// costs a few thousand terms per iteration.
#[derive(Clone, Debug, PartialEq)]
pub struct Popularity {
    /// (probability of each key in the group, keys in the group), most popular first.
    groups: Vec<(f64, f64)>,
    /// Keys in total.
    keys: usize,
    /// Probabilities, most popular first, for the top-C mass.
    sorted: Vec<f64>,
}

impl Popularity {
    /// Compresses `p` (any order; negative or non-finite entries count as 0).
    pub fn new(p: &[f64]) -> Popularity {
        let mut sorted: Vec<f64> = p
            .iter()
            .map(|&x| if x.is_finite() && x > 0.0 { x } else { 0.0 })
            .collect();
        sorted.sort_by(|a, b| b.total_cmp(a));
        let mut groups: Vec<(f64, f64)> = Vec::new();
        let mut start = 0;
        while start < sorted.len() {
            let head = sorted[start];
            let mut end = start + 1;
            while end < sorted.len() && sorted[end] >= head * (1.0 - GROUP_TOLERANCE) {
                end += 1;
            }
            let run = &sorted[start..end];
            let mean = run.iter().sum::<f64>() / run.len() as f64;
            groups.push((mean, run.len() as f64));
            start = end;
        }
        Popularity {
            groups,
            keys: sorted.len(),
            sorted,
        }
    }

    /// Keys described.
    pub fn keys(&self) -> usize {
        self.keys
    }

    /// Groups kept after compression.
    pub fn groups(&self) -> usize {
        self.groups.len()
    }

    /// Expected resident keys at characteristic time `t` under `occupancy`.
    fn filled(&self, t: f64, occupancy: fn(f64) -> f64) -> f64 {
        self.groups.iter().map(|&(p, n)| n * occupancy(p * t)).sum()
    }

    /// The characteristic time at which `capacity` keys are resident, or
    /// `None` when the cache holds every key with a non-zero probability.
    fn time_for(&self, capacity: f64, occupancy: fn(f64) -> f64) -> Option<f64> {
        let live: f64 = self.groups.iter().filter(|g| g.0 > 0.0).map(|g| g.1).sum();
        if capacity >= live || capacity <= 0.0 {
            return None;
        }
        // why: occupancy(x) ≤ x, so filled(t) ≤ t·Σp = t, hence t ≥ capacity.
        let mut lo = capacity;
        let mut hi = capacity * 2.0;
        let mut guard = 0;
        while self.filled(hi, occupancy) < capacity && guard < 200 {
            lo = hi;
            hi *= 2.0;
            guard += 1;
        }
        // why: bisection on the geometric mean; filled() rises monotonically in t.
        for _ in 0..100 {
            let mid = (lo * hi).sqrt();
            if self.filled(mid, occupancy) < capacity {
                lo = mid;
            } else {
                hi = mid;
            }
            if hi / lo < 1.0 + 1e-12 {
                break;
            }
        }
        Some((lo * hi).sqrt())
    }

    fn hit_ratio(&self, capacity: usize, occupancy: fn(f64) -> f64) -> f64 {
        match self.time_for(capacity as f64, occupancy) {
            None if capacity == 0 => 0.0,
            None => self.groups.iter().map(|&(p, n)| p * n).sum(),
            Some(t) => self
                .groups
                .iter()
                .map(|&(p, n)| n * p * occupancy(p * t))
                .sum(),
        }
    }

    /// LRU's steady-state hit ratio by Che's approximation.
    pub fn lru(&self, capacity: usize) -> f64 {
        self.hit_ratio(capacity, lru_occupancy)
    }

    /// LRU's characteristic time (in requests) for `capacity`, if the cache
    /// cannot hold every key.
    pub fn lru_time(&self, capacity: usize) -> Option<f64> {
        self.time_for(capacity as f64, lru_occupancy)
    }

    /// FIFO's and Random's steady-state hit ratio.
    pub fn fifo(&self, capacity: usize) -> f64 {
        self.hit_ratio(capacity, fifo_occupancy)
    }

    /// The probability mass of the `capacity` most popular keys: the limit of
    /// a perfect LFU, and of any policy that knows only popularity.
    pub fn top_mass(&self, capacity: usize) -> f64 {
        self.sorted.iter().take(capacity).sum()
    }
}

fn lru_occupancy(x: f64) -> f64 {
    1.0 - exp(-x)
}

fn fifo_occupancy(x: f64) -> f64 {
    x / (1.0 + x)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::workload::zipf_probabilities;

    #[test]
    fn uniform_popularity_has_exact_answers() {
        // why: with n equal keys every policy that keeps C of them hits C/n of
        // the time, and Che's fixed point gives exactly that.
        let p = vec![0.01; 100];
        let pop = Popularity::new(&p);
        assert_eq!(pop.groups(), 1);
        for c in [1, 10, 50, 99] {
            let want = c as f64 / 100.0;
            assert!((pop.lru(c) - want).abs() < 1e-9, "lru {c}");
            assert!((pop.fifo(c) - want).abs() < 1e-9, "fifo {c}");
            assert!((pop.top_mass(c) - want).abs() < 1e-9, "top {c}");
        }
    }

    #[test]
    fn a_cache_that_holds_everything_always_hits() {
        let pop = Popularity::new(&zipf_probabilities(50, 1.0));
        assert!((pop.lru(50) - 1.0).abs() < 1e-9);
        assert!((pop.fifo(80) - 1.0).abs() < 1e-9);
        assert_eq!(pop.lru(0), 0.0);
        assert_eq!(pop.lru_time(60), None);
    }

    #[test]
    fn ordering_lfu_above_lru_above_fifo_on_zipf() {
        let pop = Popularity::new(&zipf_probabilities(10_000, 0.9));
        for c in [10, 100, 1_000] {
            let (top, lru, fifo) = (pop.top_mass(c), pop.lru(c), pop.fifo(c));
            assert!(top > lru && lru > fifo, "c={c}: {top} {lru} {fifo}");
        }
    }

    #[test]
    fn the_fixed_point_fills_the_cache() {
        let p = zipf_probabilities(20_000, 1.0);
        let pop = Popularity::new(&p);
        let t = pop.lru_time(500).unwrap_or(0.0);
        // why: check against the uncompressed sum, which also bounds the
        // error grouping introduces.
        let filled: f64 = p.iter().map(|&x| 1.0 - (-x * t).exp()).sum();
        assert!((filled - 500.0).abs() < 0.5, "{filled}");
        assert!(pop.groups() < 5_000, "{}", pop.groups());
    }

    #[test]
    fn hit_ratios_rise_with_capacity() {
        let pop = Popularity::new(&zipf_probabilities(5_000, 0.7));
        let mut last = 0.0;
        for c in (1..5_000).step_by(250) {
            let h = pop.lru(c);
            assert!(h > last);
            last = h;
        }
    }
}
