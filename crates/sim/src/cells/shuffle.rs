//! Shuffle sharding in closed form: how many shards exist, and how much a
//! random shard overlaps a given one — next to the overlap a placement
//! actually has.
//!
//! A shard is a uniformly random k-subset of n workers. The workers another
//! shard shares with a fixed one follow the hypergeometric law: choose `j`
//! of the fixed shard's `k` and `k − j` of the other `n − k`.

use super::placement::Placement;

/// C(n, k) as a float; 0 when k > n.
pub fn distinct_shards(n: u32, k: u32) -> f64 {
    if k > n {
        return 0.0;
    }
    // why: the multiplicative form uses the smaller of k and n − k, so at
    // n ≤ 1000 and k ≤ 8 it is a handful of exact-ish products, never an
    // overflowing factorial.
    let k = k.min(n - k);
    (1..=k).fold(1.0, |c, i| c * f64::from(n - k + i) / f64::from(i))
}

/// For j = 0..=k: the probability that another uniformly random shard
/// shares exactly j workers with a given one,
/// C(k, j)·C(n − k, k − j) / C(n, k). `k` is clamped to `n`.
pub fn overlap_pmf(n: u32, k: u32) -> Vec<f64> {
    let k = k.min(n);
    let all = distinct_shards(n, k);
    (0..=k)
        .map(|j| distinct_shards(k, j) * distinct_shards(n - k, k - j) / all)
        .collect()
}

/// Expected number of other tenants holding exactly the same shard as a
/// given tenant: (tenants − 1) / C(n, k).
pub fn expected_full_overlap(n: u32, k: u32, tenants: usize) -> f64 {
    let shards = distinct_shards(n, k);
    if tenants < 2 || shards == 0.0 {
        return 0.0;
    }
    (tenants - 1) as f64 / shards
}

/// For j = 0..=k (k = the tenant's unit count): how many *other* tenants
/// share exactly j units with `tenant`. Empty for an unknown tenant.
pub fn measured_overlap(pl: &Placement, tenant: u32) -> Vec<u64> {
    let mine = pl.units_of(tenant);
    if mine.is_empty() {
        return Vec::new();
    }
    let k = mine.len();
    let mut counts = vec![0u64; k + 1];
    let others = pl.tenants() as u64 - 1;
    if pl.everywhere {
        counts[k] = others;
        return counts;
    }
    // why: one marker per unit turns each comparison into k look-ups, so
    // the whole count is O(total members).
    let mut marked = vec![false; pl.units as usize];
    for &u in mine {
        marked[u as usize] = true;
    }
    // why: slices, not the Vecs, and a plain loop: the size-optimised
    // release build leaves Vec indexing and iterator adapters as calls.
    let (marked, tally) = (marked.as_slice(), counts.as_mut_slice());
    for t in 0..pl.tenants() as u32 {
        if t != tenant {
            let mut shared = 0;
            for &u in pl.units_of(t) {
                shared += usize::from(marked[u as usize]);
            }
            tally[shared.min(k)] += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cells::architecture::Architecture;
    use crate::cells::placement::place;
    use crate::cells::population::{Population, Skew};

    #[test]
    fn binomials() {
        assert_eq!(distinct_shards(10, 3), 120.0);
        assert_eq!(distinct_shards(5, 0), 1.0);
        assert_eq!(distinct_shards(3, 5), 0.0);
        assert_eq!(distinct_shards(100, 5), 75_287_520.0);
        let big = distinct_shards(1_000, 8);
        assert!((big / 2.411_508_052_469_943e19 - 1.0).abs() < 1e-9, "{big}");
    }

    #[test]
    fn pmf_sums_to_one_and_matches_enumeration() {
        for n in 1..=10u32 {
            for k in 1..=n.min(8) {
                let pmf = overlap_pmf(n, k);
                assert!((pmf.iter().sum::<f64>() - 1.0).abs() < 1e-12);
                // brute force: every k-subset against the fixed shard {0..k}
                let fixed = (1u32 << k) - 1;
                let mut counts = vec![0u32; k as usize + 1];
                let mut total = 0u32;
                for s in 0u32..(1 << n) {
                    if s.count_ones() == k {
                        counts[(s & fixed).count_ones() as usize] += 1;
                        total += 1;
                    }
                }
                for (j, &c) in counts.iter().enumerate() {
                    let want = f64::from(c) / f64::from(total);
                    assert!((pmf[j] - want).abs() < 1e-12, "n={n} k={k} j={j}");
                }
            }
        }
        assert_eq!(overlap_pmf(3, 9).len(), 4);
    }

    #[test]
    fn expected_full_overlap_counts_other_tenants() {
        assert_eq!(expected_full_overlap(10, 3, 121), 1.0);
        assert_eq!(expected_full_overlap(10, 3, 1), 0.0);
        assert_eq!(expected_full_overlap(2, 3, 50), 0.0);
    }

    #[test]
    fn measured_overlap_follows_the_hypergeometric_law() {
        let tenants = 100_000usize;
        let pop = Population::generate(tenants, Skew::Equal, 0);
        let (n, k) = (100u32, 5u32);
        let arch = Architecture::Shuffle {
            workers: n,
            shard: k,
            max_overlap: None,
        };
        let pl = place(&pop, arch, 9);
        let probes = 20u32;
        let mut mean = vec![0.0; k as usize + 1];
        for t in 0..probes {
            let m = measured_overlap(&pl, t * 997);
            assert_eq!(m.iter().sum::<u64>(), tenants as u64 - 1);
            for (acc, &c) in mean.iter_mut().zip(&m) {
                *acc += c as f64 / f64::from(probes);
            }
        }
        let pmf = overlap_pmf(n, k);
        for j in 0..=2 {
            let want = pmf[j] * (tenants - 1) as f64;
            // why: each count is roughly Poisson, so its mean over 20 probes
            // has sd ≈ sqrt(want / 20); 5% is several sd for j ≤ 2.
            assert!(
                (mean[j] - want).abs() < 0.05 * want,
                "j={j}: {} vs {want}",
                mean[j]
            );
        }
        // the rare overlaps stay rare
        assert!(mean[4] < 5.0 && mean[5] < 1.0, "{mean:?}");
    }

    #[test]
    fn measured_overlap_on_cells() {
        let pop = Population::generate(10, Skew::Equal, 0);
        let pl = place(&pop, Architecture::Shared, 0);
        assert_eq!(measured_overlap(&pl, 3), vec![0, 9]);
        assert!(measured_overlap(&pl, 10).is_empty());
    }
}
