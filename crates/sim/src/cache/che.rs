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

    /// Expected resident keys at characteristic time `t` under `model`, and
    /// its derivative in `t`.
    fn filled(&self, t: f64, model: Model) -> (f64, f64) {
        self.groups.iter().fold((0.0, 0.0), |(f, d), &(p, n)| {
            let (occ, slope) = model(p * t);
            (f + n * occ, d + n * p * slope)
        })
    }

    /// The characteristic time at which `capacity` keys are resident, or
    /// `None` when the cache holds every key with a non-zero probability.
    fn time_for(&self, capacity: f64, model: Model) -> Option<f64> {
        let live: f64 = self.groups.iter().filter(|g| g.0 > 0.0).map(|g| g.1).sum();
        if capacity >= live || capacity <= 0.0 {
            return None;
        }
        // why: Newton's method from below. Occupancy is concave, so filled()
        // is concave and rising in t: every tangent lies above the curve, each
        // step lands at or below the root, and the iterates climb to it
        // without overshooting. occupancy(x) ≤ x gives filled(t) ≤ t, so
        // t = capacity starts below the root. Quadratic convergence: a
        // handful of passes over the groups instead of a hundred bisections.
        let mut t = capacity;
        for _ in 0..200 {
            let (f, slope) = self.filled(t, model);
            if slope <= 0.0 || !slope.is_finite() {
                break;
            }
            let next = t + (capacity - f) / slope;
            if !(next.is_finite()) || next <= t * (1.0 + 1e-13) {
                t = next.max(t);
                break;
            }
            t = next;
        }
        Some(t)
    }

    fn hit_ratio(&self, capacity: usize, model: Model) -> f64 {
        match self.time_for(capacity as f64, model) {
            None if capacity == 0 => 0.0,
            None => self.groups.iter().map(|&(p, n)| p * n).sum(),
            Some(t) => self
                .groups
                .iter()
                .map(|&(p, n)| n * p * model(p * t).0)
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

/// A key's residence probability at `x` = p·T, and its derivative in `x`.
type Model = fn(f64) -> (f64, f64);

fn lru_occupancy(x: f64) -> (f64, f64) {
    let e = exp(-x);
    (1.0 - e, e)
}

fn fifo_occupancy(x: f64) -> (f64, f64) {
    (x / (1.0 + x), 1.0 / ((1.0 + x) * (1.0 + x)))
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

/// The closed forms against the simulated policies on long seeded traces.
#[cfg(test)]
mod agreement {
    use super::*;
    use crate::cache::policy::{Config, PolicyKind};
    use crate::cache::run::simulate;
    use crate::cache::workload::{generate, zipf_probabilities, Shape, Spec};

    fn zipf(alpha: f64, universe: u32, requests: usize) -> (Vec<u32>, Popularity) {
        let spec = Spec {
            shape: Shape::Zipf,
            requests,
            universe,
            alpha,
            hot: 1,
            scan_share: 0.0,
        };
        (
            generate(&spec, 11),
            Popularity::new(&zipf_probabilities(universe, alpha)),
        )
    }

    fn hit(kind: PolicyKind, trace: &[u32], universe: u32, capacity: usize) -> f64 {
        let cfg = Config {
            capacity,
            universe,
            seed: 5,
            ttl: 0,
        };
        simulate(kind, &cfg, trace).hit_ratio()
    }

    fn report(kind: PolicyKind, alpha: f64, c: usize, sim: f64, theory: f64, tol: f64) {
        assert!(
            (sim - theory).abs() < tol,
            "{kind:?} α={alpha} C={c}: simulated {sim:.4}, closed form {theory:.4}"
        );
    }

    #[test]
    fn lru_matches_che_on_long_zipf_traces() {
        for alpha in [0.8, 1.0, 1.2] {
            let (trace, pop) = zipf(alpha, 10_000, 1_000_000);
            for c in [10, 100, 1_000] {
                report(
                    PolicyKind::Lru,
                    alpha,
                    c,
                    hit(PolicyKind::Lru, &trace, 10_000, c),
                    pop.lru(c),
                    0.01,
                );
            }
        }
    }

    #[test]
    fn fifo_and_random_match_their_approximation() {
        let (trace, pop) = zipf(0.9, 10_000, 1_000_000);
        for c in [10, 100, 1_000] {
            for kind in [PolicyKind::Fifo, PolicyKind::Random] {
                report(
                    kind,
                    0.9,
                    c,
                    hit(kind, &trace, 10_000, c),
                    pop.fifo(c),
                    0.01,
                );
            }
        }
    }

    #[test]
    fn lfu_approaches_the_top_c_mass_on_a_stationary_workload() {
        let (trace, pop) = zipf(1.0, 10_000, 1_000_000);
        for c in [10, 100, 1_000] {
            let lfu = hit(PolicyKind::Lfu, &trace, 10_000, c);
            // why: LFU counts only while resident, so newcomers churn through
            // one slot; it stays within a few points of the bound, never above.
            assert!(
                lfu <= pop.top_mass(c) + 0.005,
                "C={c}: {lfu} above {}",
                pop.top_mass(c)
            );
            report(PolicyKind::Lfu, 1.0, c, lfu, pop.top_mass(c), 0.04);
            assert!(
                lfu > hit(PolicyKind::Lru, &trace, 10_000, c),
                "LFU beats LRU at C={c}"
            );
        }
    }
}
