//! Sample statistics: exact quantiles and confidence intervals for means of
//! correlated samples.

/// The nearest-rank quantile (Hyndman & Fan type 1, the inverse of the
/// empirical distribution function): the `⌈num/den · n⌉`-th smallest of `n`
/// values (1-based, at least the first), as a 0-based index. `None` when
/// `n == 0`; `num/den` is clamped to `[0, 1]`.
pub fn nearest_rank(n: usize, num: u64, den: u64) -> Option<usize> {
    if n == 0 {
        return None;
    }
    let den = den.max(1);
    let num = num.min(den);
    // why: integers, so p · n is exact (0.999 · 1000 is not, in floats).
    let k = (n as u128 * u128::from(num)).div_ceil(u128::from(den));
    Some((k.max(1) - 1) as usize)
}

/// Exact nearest-rank quantiles of `values` for the fractions `num/den`, as
/// if the values were sorted (they are reordered, not sorted). Each is 0 for
/// an empty sample. By selection, not a full sort: O(n) in all.
pub fn quantiles<const K: usize>(values: &mut [f64], fractions: [(u64, u64); K]) -> [f64; K] {
    let mut out = [0.0; K];
    let ranks = fractions.map(|(num, den)| nearest_rank(values.len(), num, den));
    let mut order: [usize; K] = core::array::from_fn(|i| i);
    order.sort_by_key(|&q| ranks[q]);
    // why: smallest rank first; every larger rank then lies in the suffix
    // after it, so the slices shrink (n, then n/2 after the median, n/10
    // after the 90th percentile …).
    let mut from = 0;
    for &q in &order {
        let Some(k) = ranks[q] else {
            continue;
        };
        let (_, v, _) = values[from..].select_nth_unstable_by(k - from, f64::total_cmp);
        out[q] = *v;
        from = k;
    }
    out
}

/// Student's t quantile at 97.5 % for 1 to 31 degrees of freedom.
const T975: [f64; 31] = [
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
    2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
    2.052, 2.048, 2.045, 2.042, 2.040,
];

/// Batches used by [`batch_means`].
pub const BATCHES: usize = 32;

/// A mean and the half-width of its 95 % confidence interval.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct MeanCi {
    /// The sample mean.
    pub mean: f64,
    /// Half-width of the 95 % interval (0 when it cannot be estimated).
    pub half_width: f64,
}

/// The mean of `values` and a 95 % confidence interval by the method of
/// batch means: the sequence (in time order) is cut into [`BATCHES`]
/// contiguous batches whose means are treated as independent, which holds
/// when a batch is much longer than the correlation between successive
/// requests (queueing makes neighbours correlated, so the plain `s/√n`
/// would be far too narrow). Student's t with `batches − 1` degrees of freedom.
pub fn batch_means(values: &[f64]) -> MeanCi {
    let n = values.len();
    if n == 0 {
        return MeanCi::default();
    }
    let mean = values.iter().sum::<f64>() / n as f64;
    let b = BATCHES.min(n);
    if b < 2 {
        return MeanCi {
            mean,
            half_width: 0.0,
        };
    }
    let mut sum_sq = 0.0;
    for i in 0..b {
        let chunk = &values[i * n / b..(i + 1) * n / b];
        let m = chunk.iter().sum::<f64>() / chunk.len() as f64;
        sum_sq += (m - mean) * (m - mean);
    }
    let sd = libm::sqrt(sum_sq / (b - 1) as f64);
    MeanCi {
        mean,
        half_width: T975[b - 2] * sd / libm::sqrt(b as f64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_is_exact() {
        assert_eq!(nearest_rank(0, 1, 2), None);
        assert_eq!(nearest_rank(1000, 999, 1000), Some(998));
        assert_eq!(nearest_rank(1001, 999, 1000), Some(999));
        assert_eq!(nearest_rank(10, 1, 2), Some(4));
        assert_eq!(nearest_rank(10, 0, 1), Some(0));
        assert_eq!(nearest_rank(10, 5, 1), Some(9));
        assert_eq!(nearest_rank(10, 1, 0), Some(9));
    }

    #[test]
    fn quantiles_match_sorting() {
        let mut rng = crate::rng::Rng::new(1);
        for n in [0usize, 1, 2, 7, 100, 1001] {
            let mut v: Vec<f64> = (0..n).map(|_| rng.below(50) as f64).collect();
            let mut sorted = v.clone();
            sorted.sort_by(f64::total_cmp);
            let fr = [(1, 2), (999, 1000), (9, 10), (99, 100), (0, 1)];
            let q = quantiles(&mut v, fr);
            for (i, &(num, den)) in fr.iter().enumerate() {
                let want = nearest_rank(n, num, den).map_or(0.0, |k| sorted[k]);
                assert_eq!(q[i], want, "n {n} {num}/{den}");
            }
        }
    }

    #[test]
    fn batch_means_interval() {
        assert_eq!(batch_means(&[]), MeanCi::default());
        assert_eq!(batch_means(&[3.0]).half_width, 0.0);
        let mut rng = crate::rng::Rng::new(2);
        let v: Vec<f64> = (0..64_000).map(|_| rng.exponential(1.0)).collect();
        let ci = batch_means(&v);
        // why: independent draws: the half-width is ≈ 2.04 / √64000 ≈ 0.008,
        // within a factor of 2 (the batch sd has 31 degrees of freedom).
        assert!(ci.half_width > 0.004 && ci.half_width < 0.016, "{ci:?}");
        assert!((ci.mean - 1.0).abs() < 2.0 * ci.half_width);
    }
}
