//! Seeded Monte Carlo estimates of the [`closed`](super::closed) forms, so a
//! widget can show samples converging on the exact value.

use super::{QuorumConfig, MAX_N};
use crate::rng::Rng;

/// A sampled probability with its standard error.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate {
    /// Share of trials that succeeded (0 when there were no trials).
    pub p: f64,
    /// Number of trials.
    pub trials: u64,
    /// Binomial standard error `sqrt(p (1 − p) / trials)` (0 when there were
    /// no trials).
    pub stderr: f64,
}

impl Estimate {
    /// The estimate from `hits` successes out of `trials`.
    fn from_counts(hits: u64, trials: u64) -> Estimate {
        if trials == 0 {
            return Estimate {
                p: 0.0,
                trials,
                stderr: 0.0,
            };
        }
        let p = hits as f64 / trials as f64;
        Estimate {
            p,
            trials,
            stderr: (p * (1.0 - p) / trials as f64).sqrt(),
        }
    }
}

/// Draws uniformly random `k`-subsets of `0..n` as bitmasks.
struct SubsetSampler {
    /// A permutation of `0..n`, reshuffled in part by every draw.
    perm: [u8; MAX_N as usize],
    n: usize,
}

impl SubsetSampler {
    fn new(n: u32) -> SubsetSampler {
        let mut perm = [0u8; MAX_N as usize];
        for (i, p) in perm.iter_mut().enumerate() {
            *p = i as u8;
        }
        SubsetSampler {
            perm,
            n: n.min(MAX_N) as usize,
        }
    }

    /// A uniformly random `k`-subset (`k <= n`).
    fn draw(&mut self, k: u32, rng: &mut Rng) -> u16 {
        let k = (k as usize).min(self.n);
        let all = ((1u32 << self.n) - 1) as u16;
        if 2 * k > self.n {
            // why: the complement of a random (n − k)-subset is a random
            // k-subset, and it takes fewer draws.
            return all ^ self.draw((self.n - k) as u32, rng);
        }
        let mut mask = 0u16;
        for i in 0..k {
            // why: partial Fisher–Yates. The first k slots end up holding a
            // uniform random sample whatever order `perm` started in, so the
            // array never needs resetting between draws.
            let j = i + rng.below((self.n - i) as u64) as usize;
            self.perm.swap(i, j);
            mask |= 1 << self.perm[i];
        }
        mask
    }
}

/// Estimates [`p_stale`](super::closed::p_stale): the share of `trials`
/// random (write set, read set) pairs that are disjoint.
pub fn stale(cfg: QuorumConfig, trials: u64, rng: &mut Rng) -> Estimate {
    let cfg = cfg.clamped();
    let mut sampler = SubsetSampler::new(cfg.n);
    let mut hits = 0u64;
    for _ in 0..trials {
        let write = sampler.draw(cfg.w, rng);
        let read = sampler.draw(cfg.r, rng);
        hits += u64::from(write & read == 0);
    }
    Estimate::from_counts(hits, trials)
}

/// Estimates [`p_within_k`](super::closed::p_within_k): each trial writes
/// `k` successive versions, each to its own random write quorum, then reads
/// from a random read quorum; it succeeds if the read set meets any of the
/// `k` write sets. `k = 0` is treated as 1.
pub fn within_k(cfg: QuorumConfig, k: u32, trials: u64, rng: &mut Rng) -> Estimate {
    let cfg = cfg.clamped();
    let mut sampler = SubsetSampler::new(cfg.n);
    let mut hits = 0u64;
    for _ in 0..trials {
        let mut written = 0u16;
        for _ in 0..k.max(1) {
            written |= sampler.draw(cfg.w, rng);
        }
        let read = sampler.draw(cfg.r, rng);
        hits += u64::from(read & written != 0);
    }
    Estimate::from_counts(hits, trials)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quorum::closed::{choose, p_stale, p_within_k};

    const TRIALS: u64 = 200_000;

    fn assert_close(e: Estimate, want: f64, what: &str) {
        // why: 4 standard errors is a 1-in-16 000 false alarm per check; the
        // 1e-9 lets p = 0 or 1 (stderr 0) match exactly.
        assert!(
            (e.p - want).abs() <= 4.0 * e.stderr + 1e-9,
            "{what}: {} ± {} vs {want}",
            e.p,
            e.stderr
        );
    }

    #[test]
    fn sampler_is_uniform_over_subsets() {
        let mut rng = Rng::new(11);
        for (n, k) in [(5u32, 2u32), (5, 3), (4, 1), (6, 6)] {
            let mut sampler = SubsetSampler::new(n);
            let mut seen = vec![0u64; 1 << n];
            let draws = 60_000u64;
            for _ in 0..draws {
                let m = sampler.draw(k, &mut rng);
                assert_eq!(m.count_ones(), k);
                assert!(u32::from(m) < 1 << n);
                seen[m as usize] += 1;
            }
            let each = draws as f64 / choose(n.into(), k.into());
            for (m, &c) in seen.iter().enumerate() {
                if (m as u32).count_ones() == k {
                    // why: binomial sd ≤ sqrt(each); 6 sd is never hit by chance.
                    assert!((c as f64 - each).abs() < 6.0 * each.sqrt(), "n={n} k={k}");
                }
            }
        }
    }

    #[test]
    fn stale_matches_closed_form() {
        let mut rng = Rng::new(1);
        for (n, r, w) in [
            (3, 1, 1),
            (5, 1, 2),
            (5, 2, 2),
            (10, 3, 3),
            (15, 4, 5),
            (15, 1, 1),
        ] {
            let cfg = QuorumConfig::new(n, r, w);
            let e = stale(cfg, TRIALS, &mut rng);
            assert_eq!(e.trials, TRIALS);
            assert_close(e, p_stale(cfg), &format!("{cfg:?}"));
            assert!(e.p > 0.0);
        }
    }

    #[test]
    fn within_k_matches_closed_form() {
        let mut rng = Rng::new(2);
        for (n, r, w, k) in [
            (5, 1, 1, 2),
            (5, 1, 1, 3),
            (10, 2, 3, 2),
            (15, 2, 2, 4),
            (4, 1, 2, 1),
        ] {
            let cfg = QuorumConfig::new(n, r, w);
            let e = within_k(cfg, k, TRIALS, &mut rng);
            assert_close(e, p_within_k(cfg, k), &format!("{cfg:?} k={k}"));
        }
    }

    #[test]
    fn strict_quorums_are_never_stale() {
        let mut rng = Rng::new(3);
        for (n, r, w) in [(3, 2, 2), (5, 3, 3), (5, 1, 5), (15, 8, 8), (1, 1, 1)] {
            let cfg = QuorumConfig::new(n, r, w);
            let e = stale(cfg, 20_000, &mut rng);
            assert_eq!((e.p, e.stderr), (0.0, 0.0), "{cfg:?}");
            let e = within_k(cfg, 1, 20_000, &mut rng);
            assert_eq!((e.p, e.stderr), (1.0, 0.0), "{cfg:?}");
        }
    }

    #[test]
    fn zero_trials_and_determinism() {
        let cfg = QuorumConfig::new(5, 1, 1);
        let e = stale(cfg, 0, &mut Rng::new(4));
        assert_eq!((e.p, e.trials, e.stderr), (0.0, 0, 0.0));
        let a = stale(cfg, 1000, &mut Rng::new(4));
        let b = stale(cfg, 1000, &mut Rng::new(4));
        assert_eq!(a, b);
        let expected_se = (a.p * (1.0 - a.p) / 1000.0).sqrt();
        assert_eq!(a.stderr, expected_se);
    }
}
