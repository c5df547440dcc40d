//! Keys per node and how unevenly they are spread, measured and predicted.

use crate::topology::{NodeId, Topology};

/// Keys held by each node of `topology` (by node index). Owners that are not
/// in the topology are ignored.
pub fn counts(topology: &Topology, assignment: &[NodeId]) -> Vec<usize> {
    let mut out = vec![0usize; topology.len()];
    let max_id = topology.nodes.iter().map(|n| n.id).max().unwrap_or(0) as usize;
    if max_id < 4 * topology.len() + 64 {
        // why: ids are usually small and dense, so a direct lookup table beats
        // a binary search per key.
        let mut slot = vec![usize::MAX; max_id + 1];
        for (i, n) in topology.nodes.iter().enumerate() {
            slot[n.id as usize] = i;
        }
        for &id in assignment {
            if let Some(&i) = slot.get(id as usize) {
                if i != usize::MAX {
                    out[i] += 1;
                }
            }
        }
    } else {
        for &id in assignment {
            if let Some(i) = topology.index_of(id) {
                out[i] += 1;
            }
        }
    }
    out
}

/// Summary of a load distribution. Every field is 0 (never NaN) when there
/// are no nodes or no keys.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadStats {
    /// Mean load ([`LoadStats::from_counts`]: keys per node;
    /// [`LoadStats::from_counts_weighted`]: load relative to fair, i.e. 1).
    pub mean: f64,
    /// Keys on the most loaded node (weighted: the node most above its fair share).
    pub max: usize,
    /// Keys on the least loaded node (weighted: the node most below its fair share).
    pub min: usize,
    /// Population standard deviation of the load (same unit as `mean`).
    pub std: f64,
    /// Peak load over mean load: 1 is perfect balance.
    pub max_over_mean: f64,
    /// Coefficient of variation, `std / mean`.
    pub std_over_mean: f64,
}

impl LoadStats {
    /// All-zero stats for degenerate inputs.
    fn zero() -> LoadStats {
        LoadStats {
            mean: 0.0,
            max: 0,
            min: 0,
            std: 0.0,
            max_over_mean: 0.0,
            std_over_mean: 0.0,
        }
    }

    /// Stats of raw key counts with every node weighted equally: `mean` is
    /// keys per node and `std` the population standard deviation (÷ n).
    pub fn from_counts(counts: &[usize]) -> LoadStats {
        let n = counts.len() as f64;
        let (Some(&max), Some(&min)) = (counts.iter().max(), counts.iter().min()) else {
            return LoadStats::zero();
        };
        let mean = counts.iter().sum::<usize>() as f64 / n;
        let var = counts
            .iter()
            .map(|&c| (c as f64 - mean).powi(2))
            .sum::<f64>()
            / n;
        let std = var.sqrt();
        let (max_over_mean, std_over_mean) = if mean > 0.0 {
            (max as f64 / mean, std / mean)
        } else {
            (0.0, 0.0)
        };
        LoadStats {
            mean,
            max,
            min,
            std,
            max_over_mean,
            std_over_mean,
        }
    }

    /// Stats of load relative to each node's fair share, for weighted
    /// topologies. With `C` the total of `counts` and `f_i` the fair shares
    /// (rescaled to sum to 1), node `i`'s ratio is `r_i = counts[i] / (f_i·C)`:
    /// 1 means exactly its fair load, 1.5 means 50 % over.
    ///
    /// - `mean` = `Σ f_i r_i` — 1 whenever every key sits on a node with a share;
    /// - `std` = `sqrt(Σ f_i (r_i − mean)²)`, the share-weighted spread of the ratios;
    /// - `max_over_mean` = `max r_i / mean`, `std_over_mean` = `std / mean`;
    /// - `max` / `min` = raw key counts of the nodes with the highest / lowest ratio.
    ///
    /// With equal shares this is exactly [`LoadStats::from_counts`] with the
    /// counts divided by their mean (same `max_over_mean` and `std_over_mean`).
    /// Only the first `min(counts.len(), fair_shares.len())` nodes are used;
    /// nodes whose share is not positive and finite are left out.
    pub fn from_counts_weighted(counts: &[usize], fair_shares: &[f64]) -> LoadStats {
        let valid: Vec<(usize, f64)> = counts
            .iter()
            .zip(fair_shares)
            .filter(|(_, &f)| f > 0.0 && f.is_finite())
            .map(|(&c, &f)| (c, f))
            .collect();
        let share_sum: f64 = valid.iter().map(|&(_, f)| f).sum();
        let total: usize = counts.iter().zip(fair_shares).map(|(&c, _)| c).sum();
        if valid.is_empty() || total == 0 || share_sum <= 0.0 {
            return LoadStats::zero();
        }
        let total = total as f64;
        // (count, normalised share, ratio) per valid node
        let rows: Vec<(usize, f64, f64)> = valid
            .iter()
            .map(|&(c, f)| {
                let f = f / share_sum;
                (c, f, c as f64 / (f * total))
            })
            .collect();
        let mean: f64 = rows.iter().map(|&(_, f, r)| f * r).sum();
        let var: f64 = rows.iter().map(|&(_, f, r)| f * (r - mean).powi(2)).sum();
        let std = var.sqrt();
        let mut hi = rows[0];
        let mut lo = rows[0];
        for &row in &rows[1..] {
            if row.2 > hi.2 {
                hi = row;
            }
            if row.2 < lo.2 {
                lo = row;
            }
        }
        let (max_over_mean, std_over_mean) = if mean > 0.0 {
            (hi.2 / mean, std / mean)
        } else {
            (0.0, 0.0)
        };
        LoadStats {
            mean,
            max: hi.0,
            min: lo.0,
            std,
            max_over_mean,
            std_over_mean,
        }
    }
}

/// Predicted coefficient of variation (std / mean) of keys per node for a
/// ring of `n` equal nodes with `v` virtual nodes each and `keys` keys:
///
/// `sqrt( (n−1)/(n·v+1) + (n−1)·n·v / (K·(n·v+1)) )`, and 0 if `n <= 1` or `K == 0`.
///
/// Derivation. The `n·v` points are uniform on the circle, so the arcs between
/// them are Dirichlet(1, …, 1) and a node's share `X`, the sum of `v` of them,
/// is Beta(v, (n−1)v): mean `1/n`, variance `(n−1) / (n²(n·v+1))`. Given `X`,
/// the node's count `C` is Binomial(K, X). By the law of total variance
/// `Var C = K·E[X(1−X)] + K²·Var X`. Dividing by `(K/n)²`:
/// - the arc term `K² Var X / (K/n)² = (n−1)/(n·v+1)`;
/// - the sampling term, from `E[X(1−X)] = (n−1)/n² · n·v/(n·v+1)`, gives
///   `(n−1)·n·v / (K(n·v+1))`.
///
/// Because the counts always sum to K, the mean over nodes is exactly K/n and
/// the expected squared population CV over nodes equals this value squared.
pub fn expected_ring_std_over_mean(n: u32, v: u32, keys: usize) -> f64 {
    if n <= 1 || keys == 0 {
        return 0.0;
    }
    let n = f64::from(n);
    let v = f64::from(v.max(1));
    let k = keys as f64;
    let nv1 = n * v + 1.0;
    ((n - 1.0) / nv1 + (n - 1.0) * n * v / (k * nv1)).sqrt()
}

/// Rough expected peak-to-mean load for `n` nodes whose loads have
/// coefficient of variation `cv`: `1 + cv·sqrt(2 ln n)`.
///
/// A Gaussian approximation: the largest of `n` independent standard normals
/// is about `sqrt(2 ln n)`. It ignores the skew of the Beta shares (small for
/// many virtual nodes) and overestimates slightly for small `n`, whose
/// expected maximum is a bit below `sqrt(2 ln n)`. Returns 1 for `n <= 1`.
pub fn expected_max_over_mean(n: u32, cv: f64) -> f64 {
    if n <= 1 || !cv.is_finite() || cv <= 0.0 {
        return 1.0;
    }
    1.0 + cv * (2.0 * libm::log(f64::from(n))).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash_ring::Ring;
    use crate::keys::Keys;
    use crate::topology::Node;
    use proptest::prelude::*;

    #[test]
    fn counts_by_hand() {
        let t = Topology::new(vec![
            Node { id: 2, weight: 1.0 },
            Node { id: 7, weight: 1.0 },
        ]);
        assert_eq!(counts(&t, &[2, 7, 7, 9, 2, 7]), vec![2, 3]);
        // sparse ids use the binary-search path
        let sparse = Topology::new(vec![
            Node { id: 5, weight: 1.0 },
            Node {
                id: 1_000_000,
                weight: 1.0,
            },
        ]);
        assert_eq!(counts(&sparse, &[1_000_000, 5, 4, 1_000_000]), vec![1, 2]);
        assert!(counts(&Topology::default(), &[1, 2]).is_empty());
    }

    #[test]
    fn stats_by_hand() {
        let s = LoadStats::from_counts(&[2, 4, 6]);
        assert_eq!(s.mean, 4.0);
        assert_eq!((s.max, s.min), (6, 2));
        let std = (8.0f64 / 3.0).sqrt();
        assert!((s.std - std).abs() < 1e-12);
        assert!((s.max_over_mean - 1.5).abs() < 1e-12);
        assert!((s.std_over_mean - std / 4.0).abs() < 1e-12);
        let z = LoadStats::from_counts(&[]);
        assert_eq!(z, LoadStats::from_counts(&[]));
        assert_eq!(z.mean, 0.0);
        let zeros = LoadStats::from_counts(&[0, 0]);
        assert_eq!((zeros.max_over_mean, zeros.std_over_mean), (0.0, 0.0));
        assert!(!zeros.std.is_nan());
    }

    #[test]
    fn weighted_stats() {
        // fair 1:3, counts exactly fair -> perfect balance
        let s = LoadStats::from_counts_weighted(&[25, 75], &[0.25, 0.75]);
        assert!((s.mean - 1.0).abs() < 1e-12);
        assert!(s.std.abs() < 1e-12);
        assert!((s.max_over_mean - 1.0).abs() < 1e-12);
        // small node doubled: ratios 2 and 2/3
        let s = LoadStats::from_counts_weighted(&[50, 50], &[0.25, 0.75]);
        assert!((s.mean - 1.0).abs() < 1e-12);
        assert!((s.max_over_mean - 2.0).abs() < 1e-12);
        assert_eq!((s.max, s.min), (50, 50));
        // var = 0.25·1² + 0.75·(1/3)² = 1/3
        assert!((s.std - (1.0f64 / 3.0).sqrt()).abs() < 1e-12);
        // shares not summing to one are rescaled
        let t = LoadStats::from_counts_weighted(&[50, 50], &[1.0, 3.0]);
        assert!((t.std - s.std).abs() < 1e-12);
        // degenerate inputs
        for z in [
            LoadStats::from_counts_weighted(&[], &[]),
            LoadStats::from_counts_weighted(&[0, 0], &[0.5, 0.5]),
            LoadStats::from_counts_weighted(&[3, 4], &[0.0, f64::NAN]),
        ] {
            assert_eq!(z, LoadStats::zero());
        }
    }

    proptest! {
        #[test]
        fn weighted_with_equal_shares_matches_plain(c in proptest::collection::vec(0usize..1000, 1..20)) {
            let shares = vec![1.0 / c.len() as f64; c.len()];
            let w = LoadStats::from_counts_weighted(&c, &shares);
            let p = LoadStats::from_counts(&c);
            prop_assert!((w.max_over_mean - p.max_over_mean).abs() < 1e-9);
            prop_assert!((w.std_over_mean - p.std_over_mean).abs() < 1e-9);
            prop_assert_eq!(w.max, p.max);
            prop_assert_eq!(w.min, p.min);
            prop_assert!(!w.std.is_nan() && !p.std.is_nan());
        }

        #[test]
        fn counts_sum_to_assignment_length(n in 1u32..30, raw in proptest::collection::vec(any::<u32>(), 0..500),
                                          sparse in any::<bool>()) {
            let stride = if sparse { 100_003 } else { 1 };
            let t = Topology::new((0..n).map(|i| Node { id: i * stride, weight: 1.0 }).collect());
            let assignment: Vec<NodeId> = raw.iter().map(|&r| (r % n) * stride).collect();
            let c = counts(&t, &assignment);
            prop_assert_eq!(c.len(), n as usize);
            prop_assert_eq!(c.iter().sum::<usize>(), assignment.len());
        }
    }

    #[test]
    fn closed_form_edges() {
        assert_eq!(expected_ring_std_over_mean(1, 10, 100), 0.0);
        assert_eq!(expected_ring_std_over_mean(10, 10, 0), 0.0);
        // infinite keys: only the arc term (n-1)/(nv+1) remains
        let big = expected_ring_std_over_mean(10, 100, usize::MAX);
        assert!((big * big - 9.0 / 1001.0).abs() < 1e-9);
        assert!(expected_ring_std_over_mean(10, 100, 1000) > big);
        assert_eq!(expected_max_over_mean(1, 0.3), 1.0);
        assert!(
            (expected_max_over_mean(100, 0.1) - (1.0 + 0.1 * (2.0 * 100f64.ln()).sqrt())).abs()
                < 1e-12
        );
    }

    /// Mean over `seeds` rings of the measured (std/mean)² and (max/mean − 1).
    fn measure(n: u32, v: u32, keys: usize, seeds: u64) -> (f64, f64) {
        let t = Topology::uniform(n);
        let mut cv2 = 0.0;
        let mut excess = 0.0;
        for seed in 0..seeds {
            let k = Keys::generate(keys, 1000 + seed);
            let owners = Ring::build(&t, v, seed).assign(&k);
            let s = LoadStats::from_counts(&counts(&t, &owners));
            cv2 += s.std_over_mean.powi(2);
            excess += s.max_over_mean - 1.0;
        }
        (cv2 / seeds as f64, excess / seeds as f64)
    }

    #[test]
    fn closed_form_matches_measurement() {
        // why: one ring's squared CV scatters by ~50 % around its mean for
        // n = 10 (it is a sum of only ten squared deviations), so 30 rings
        // give a mean only good to ~9 %. 200 rings bring that to ~3.6 %,
        // making the 15 % tolerance a > 4 sd bound; n = 50 scatters half as
        // much and needs fewer rings.
        for (n, v, keys, rings) in [
            (10u32, 1u32, 100_000usize, 200u64),
            (10, 100, 100_000, 200),
            (50, 10, 50_000, 60),
        ] {
            let (cv2, excess) = measure(n, v, keys, rings);
            let want = expected_ring_std_over_mean(n, v, keys);
            let rel = cv2 / (want * want) - 1.0;
            assert!(
                rel.abs() < 0.15,
                "n={n} v={v}: measured {cv2}, predicted {}",
                want * want
            );
            // the Gaussian peak estimate is the right size (it overestimates
            // for small n, and Beta skew matters at v = 1)
            let peak = expected_max_over_mean(n, want) - 1.0;
            assert!(
                excess > 0.5 * peak && excess < 1.5 * peak,
                "n={n} v={v}: {excess} vs {peak}"
            );
        }
    }
}
