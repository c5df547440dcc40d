//! Closed forms for random quorums.
//!
//! Each operation contacts all `n` replicas and its quorum is whichever `r`
//! (or `w`) answer first; with identical, independent replicas that set is a
//! uniformly random subset, independent between operations. Counting subsets
//! then gives exact staleness probabilities.

use super::QuorumConfig;

/// The binomial coefficient `C(n, k)` as a float; 0 when `k > n`.
///
/// Exact (every intermediate is an integer below 2^53) for all `n` up to 60,
/// far beyond the replica counts used here.
pub fn choose(n: u64, k: u64) -> f64 {
    if k > n {
        return 0.0;
    }
    let k = k.min(n - k);
    let mut c = 1.0;
    for i in 0..k {
        // why: after this step c is C(n, i + 1), an integer; multiplying
        // before dividing keeps every intermediate an exact integer.
        c = c * (n - i) as f64 / (i + 1) as f64;
    }
    c
}

/// Probability that a random read quorum misses every replica of the latest
/// write quorum: `C(n − w, r) / C(n, r)` (0 when `r + w > n`).
pub fn p_stale(cfg: QuorumConfig) -> f64 {
    let cfg = cfg.clamped();
    let (n, r, w) = (u64::from(cfg.n), u64::from(cfg.r), u64::from(cfg.w));
    // why: the read must pick all r of its replicas from the n − w the write
    // did not reach; C(n − w, r) is 0 when fewer than r remain.
    choose(n.saturating_sub(w), r) / choose(n, r)
}

/// Probability that a read returns one of the last `k` versions (k-staleness
/// of Bailis et al.), each version written to its own independent random
/// quorum: `1 − p_stale^k`. `k = 0` is treated as 1.
pub fn p_within_k(cfg: QuorumConfig, k: u32) -> f64 {
    // why: the read misses all k versions only if it misses each of the k
    // independent write quorums.
    1.0 - pow_u32(p_stale(cfg), k.max(1))
}

/// Probability that a random read set and a random write set share exactly
/// `j` replicas, for `j = 0..=min(r, w)` (hypergeometric):
/// `C(w, j) · C(n − w, r − j) / C(n, r)`. Sums to 1; entry 0 is [`p_stale`].
pub fn overlap_pmf(cfg: QuorumConfig) -> Vec<f64> {
    let cfg = cfg.clamped();
    let (n, r, w) = (u64::from(cfg.n), u64::from(cfg.r), u64::from(cfg.w));
    let total = choose(n, r);
    (0..=r.min(w))
        .map(|j| choose(w, j) * choose(n.saturating_sub(w), r - j) / total)
        .collect()
}

/// `x^k` by repeated squaring.
fn pow_u32(mut x: f64, mut k: u32) -> f64 {
    // why: plain multiplications are IEEE-exact everywhere, whereas `powi`
    // lowers to a platform helper whose rounding is not specified.
    let mut acc = 1.0;
    while k > 0 {
        if k & 1 == 1 {
            acc *= x;
        }
        x *= x;
        k >>= 1;
    }
    acc
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every subset of `0..n` with `k` members, as bitmasks.
    fn subsets(n: u32, k: u32) -> Vec<u32> {
        (0..1u32 << n).filter(|m| m.count_ones() == k).collect()
    }

    #[test]
    fn choose_small_values() {
        assert_eq!(choose(0, 0), 1.0);
        assert_eq!(choose(5, 0), 1.0);
        assert_eq!(choose(5, 2), 10.0);
        assert_eq!(choose(5, 5), 1.0);
        assert_eq!(choose(3, 4), 0.0);
        assert_eq!(choose(15, 7), 6435.0);
        // Pascal's rule and agreement with counted subsets
        for n in 1..=20u64 {
            for k in 1..=n {
                assert_eq!(choose(n, k), choose(n - 1, k - 1) + choose(n - 1, k));
            }
        }
        for n in 0..=10u32 {
            for k in 0..=n {
                assert_eq!(choose(n.into(), k.into()), subsets(n, k).len() as f64);
            }
        }
    }

    #[test]
    fn pmf_and_stale_match_enumeration() {
        for n in 1..=6 {
            for r in 1..=n {
                for w in 1..=n {
                    let cfg = QuorumConfig::new(n, r, w);
                    let mut counts = vec![0u64; (r.min(w) + 1) as usize];
                    let mut pairs = 0u64;
                    for &ws in &subsets(n, w) {
                        for &rs in &subsets(n, r) {
                            counts[(ws & rs).count_ones() as usize] += 1;
                            pairs += 1;
                        }
                    }
                    let pmf = overlap_pmf(cfg);
                    assert_eq!(pmf.len(), counts.len());
                    for (j, (&p, &c)) in pmf.iter().zip(&counts).enumerate() {
                        let want = c as f64 / pairs as f64;
                        assert!((p - want).abs() < 1e-12, "{cfg:?} j={j}: {p} vs {want}");
                    }
                    assert!((pmf.iter().sum::<f64>() - 1.0).abs() < 1e-12, "{cfg:?}");
                    assert_eq!(p_stale(cfg), pmf[0], "{cfg:?}");
                    let stale = counts[0] as f64 / pairs as f64;
                    assert!((p_stale(cfg) - stale).abs() < 1e-12, "{cfg:?}");
                    assert_eq!(p_stale(cfg) == 0.0, cfg.overlaps(), "{cfg:?}");
                    // entries below the guaranteed overlap are impossible
                    for &p in &pmf[..cfg.min_overlap() as usize] {
                        assert_eq!(p, 0.0, "{cfg:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn within_k_matches_enumeration() {
        for n in 1..=5u32 {
            let max_k = if n <= 4 { 3 } else { 2 };
            for r in 1..=n {
                for w in 1..=n {
                    let cfg = QuorumConfig::new(n, r, w);
                    let writes = subsets(n, w);
                    let reads = subsets(n, r);
                    for k in 1..=max_k {
                        // every k-tuple of write sets, as a base-|writes| counter
                        let tuples = writes.len().pow(k);
                        let mut fresh = 0u64;
                        for t in 0..tuples {
                            let mut rest = t;
                            let mut union = 0u32;
                            for _ in 0..k {
                                union |= writes[rest % writes.len()];
                                rest /= writes.len();
                            }
                            fresh += reads.iter().filter(|&&rs| rs & union != 0).count() as u64;
                        }
                        let want = fresh as f64 / (tuples * reads.len()) as f64;
                        let got = p_within_k(cfg, k);
                        assert!((got - want).abs() < 1e-12, "{cfg:?} k={k}: {got} vs {want}");
                    }
                }
            }
        }
    }

    #[test]
    fn within_k_grows_with_k() {
        let cfg = QuorumConfig::new(10, 2, 2);
        assert_eq!(p_within_k(cfg, 0), p_within_k(cfg, 1));
        assert_eq!(p_within_k(cfg, 1), 1.0 - p_stale(cfg));
        let mut prev = 0.0;
        for k in 1..50 {
            let p = p_within_k(cfg, k);
            assert!(p > prev && p <= 1.0, "k={k}");
            prev = p;
        }
        assert_eq!(pow_u32(0.5, 10), 1.0 / 1024.0);
        assert_eq!(pow_u32(3.0, 0), 1.0);
        assert_eq!(p_within_k(QuorumConfig::new(3, 2, 2), 5), 1.0);
    }

    #[test]
    fn stale_shrinks_as_quorums_grow() {
        for n in 1..=15 {
            for r in 1..=n {
                for w in 1..=n {
                    let p = p_stale(QuorumConfig::new(n, r, w));
                    assert!((0.0..1.0).contains(&p));
                    if r < n {
                        assert!(p_stale(QuorumConfig::new(n, r + 1, w)) <= p);
                    }
                    if w < n {
                        assert!(p_stale(QuorumConfig::new(n, r, w + 1)) <= p);
                    }
                }
            }
        }
    }
}
