//! A seeded tenant population: how the fleet's traffic is split between
//! tenants.
//!
//! Tenant ids are dense indices `0..len`. Weights are traffic shares that sum
//! to 1, so every "share of traffic" elsewhere in [`crate::cells`] is a plain
//! sum of weights.

use crate::rng::Rng;

/// Tenants a population may hold: the widget's maximum.
pub const MAX_TENANTS: usize = 100_000;

/// How unevenly traffic is spread over tenants.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Skew {
    /// Every tenant sends the same traffic.
    Equal,
    /// Zipf law: the tenant of rank `r` (1 = biggest) sends ∝ 1/r^s, with
    /// `s` clamped to 0..=3 (0 is equal).
    Zipf(f64),
    /// Independent Pareto draws with tail index `alpha`, clamped to 0.5..=5
    /// (small alpha = a few giants).
    Pareto(f64),
}

impl Skew {
    /// The skew with its parameter inside the documented range (a non-finite
    /// parameter becomes 1 for Zipf and 1.16, the "80/20" tail, for Pareto).
    pub fn clamped(self) -> Skew {
        match self {
            Skew::Equal => Skew::Equal,
            Skew::Zipf(s) if s.is_finite() => Skew::Zipf(s.clamp(0.0, 3.0)),
            Skew::Zipf(_) => Skew::Zipf(1.0),
            Skew::Pareto(a) if a.is_finite() => Skew::Pareto(a.clamp(0.5, 5.0)),
            Skew::Pareto(_) => Skew::Pareto(1.16),
        }
    }
}

/// Tenants and their traffic shares.
#[derive(Clone, Debug, PartialEq)]
pub struct Population {
    /// Traffic share of each tenant (tenant id = index); sums to 1.
    pub weights: Vec<f64>,
}

impl Population {
    /// Generates `count` tenants (clamped to 1..=[`MAX_TENANTS`]) with the
    /// given skew from `seed`.
    ///
    /// Zipf ranks are dealt to tenant ids by a seeded shuffle, so tenant 0 is
    /// not always the biggest; Pareto weights are seeded draws
    /// `x = (1 − u)^(−1/alpha)`, normalised. Equal ignores the seed.
    pub fn generate(count: usize, skew: Skew, seed: u64) -> Population {
        let n = count.clamp(1, MAX_TENANTS);
        let mut rng = Rng::new(seed);
        let mut weights = match skew.clamped() {
            Skew::Equal => vec![1.0; n],
            Skew::Zipf(s) => {
                let rank = shuffled_ids(n, &mut rng);
                // why: rank[t] is tenant t's 0-based rank; libm keeps pow
                // bit-identical natively and in wasm.
                rank.iter()
                    .map(|&r| libm::pow(f64::from(r) + 1.0, -s))
                    .collect()
            }
            Skew::Pareto(alpha) => {
                let inv = -1.0 / alpha;
                // why: 1 − u lies in (0, 1], so every draw is finite and ≥ 1;
                // the largest possible, 2^(53/alpha) ≤ 2^106, still sums
                // safely. exp(log) is the same power at half libm's pow cost.
                (0..n)
                    .map(|_| libm::exp(inv * libm::log(1.0 - rng.uniform())))
                    .collect()
            }
        };
        let total: f64 = weights.iter().sum();
        for w in &mut weights {
            *w /= total;
        }
        Population { weights }
    }

    /// Tenants in the population.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// Whether there are no tenants (never, for a generated population).
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// Ids of the `k` heaviest tenants, heaviest first; equal weights are
    /// ordered by id.
    pub fn largest(&self, k: usize) -> Vec<u32> {
        let k = k.min(self.len());
        if k == 0 {
            return Vec::new();
        }
        let mut keyed = heaviest_first_keys(&self.weights);
        // why: selecting the k-th first makes small k linear instead of a
        // full sort of 100,000 tenants.
        if k < keyed.len() {
            keyed.select_nth_unstable(k - 1);
            keyed.truncate(k);
        }
        keyed.sort_unstable();
        keyed.into_iter().map(|(_, id)| id).collect()
    }

    /// Traffic share of the `k` heaviest tenants.
    pub fn top_share(&self, k: usize) -> f64 {
        self.largest(k)
            .iter()
            .map(|&t| self.weights[t as usize])
            .sum()
    }
}

/// Sort keys `(descending weight, id)` for every tenant: sorting them
/// ascending orders tenants heaviest first, ties by id.
pub(crate) fn heaviest_first_keys(weights: &[f64]) -> Vec<(u64, u32)> {
    // why: for non-negative floats the IEEE bit pattern orders like the
    // value, so the complemented bits sort heaviest first as plain integers,
    // which is several times faster than comparing floats.
    weights
        .iter()
        .enumerate()
        .map(|(t, &w)| (!w.max(0.0).to_bits(), t as u32))
        .collect()
}

/// A uniformly random permutation of `0..n` (Fisher–Yates).
fn shuffled_ids(n: usize, rng: &mut Rng) -> Vec<u32> {
    let mut ids: Vec<u32> = (0..n as u32).collect();
    for i in (1..n).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        ids.swap(i, j);
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sums_to_one(p: &Population) -> bool {
        (p.weights.iter().sum::<f64>() - 1.0).abs() < 1e-9
    }

    #[test]
    fn equal_weights_and_clamped_count() {
        let p = Population::generate(4, Skew::Equal, 1);
        assert_eq!(p.weights, vec![0.25; 4]);
        assert_eq!(Population::generate(0, Skew::Equal, 1).len(), 1);
        assert_eq!(
            Population::generate(MAX_TENANTS + 5, Skew::Equal, 1).len(),
            MAX_TENANTS
        );
        assert!(!p.is_empty());
    }

    #[test]
    fn zipf_follows_the_law_with_shuffled_ids() {
        let p = Population::generate(1_000, Skew::Zipf(1.0), 3);
        assert!(sums_to_one(&p));
        let top = p.largest(3);
        let w: Vec<f64> = top.iter().map(|&t| p.weights[t as usize]).collect();
        // why: ranks 1, 2, 3 weigh 1, 1/2, 1/3 of the top.
        assert!((w[1] / w[0] - 0.5).abs() < 1e-12);
        assert!((w[2] / w[0] - 1.0 / 3.0).abs() < 1e-12);
        // the biggest tenant is wherever the shuffle put it, and seeds differ
        let other = Population::generate(1_000, Skew::Zipf(1.0), 4);
        assert_ne!(p.largest(1), other.largest(1));
        assert_eq!(p, Population::generate(1_000, Skew::Zipf(1.0), 3));
    }

    #[test]
    fn pareto_is_heavy_tailed_and_normalised() {
        let heavy = Population::generate(10_000, Skew::Pareto(0.8), 5);
        let light = Population::generate(10_000, Skew::Pareto(4.0), 5);
        assert!(sums_to_one(&heavy) && sums_to_one(&light));
        assert!(heavy.top_share(100) > light.top_share(100));
        assert!(heavy.weights.iter().all(|&w| w > 0.0 && w.is_finite()));
        let wild = Population::generate(10, Skew::Pareto(f64::NAN), 5);
        assert!(sums_to_one(&wild));
    }

    #[test]
    fn largest_breaks_ties_by_id_and_top_share_adds_up() {
        let p = Population {
            weights: vec![0.1, 0.3, 0.1, 0.3, 0.2],
        };
        assert_eq!(p.largest(3), vec![1, 3, 4]);
        assert_eq!(p.largest(9), vec![1, 3, 4, 0, 2]);
        assert!(p.largest(0).is_empty());
        assert!((p.top_share(2) - 0.6).abs() < 1e-12);
        assert!((p.top_share(5) - 1.0).abs() < 1e-12);
    }
}
