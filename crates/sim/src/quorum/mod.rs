//! Dynamo-style quorums: `n` replicas, writes wait for `w` acks, reads for
//! `r` responses.
//!
//! When `r + w > n` every read quorum shares at least one replica with every
//! write quorum, so a read started after a write committed sees it. When
//! `r + w <= n` it may not, and how often and for how long is what the pieces
//! below measure:
//!
//! - [`closed`] — exact probabilities with uniformly random quorums
//!   (staleness, k-staleness, overlap distribution).
//! - [`monte_carlo`] — seeded estimates of the same quantities, to show the
//!   closed forms emerging from samples.
//! - [`wars`] — probabilistically bounded staleness with message delays (the
//!   WARS model of Bailis et al.): consistency as a function of time since
//!   commit, plus read and write latencies.
//! - [`timeline`] — one write and one concurrent read, event by event, for the
//!   animated timeline (with optional read repair and crashed replicas).

pub mod closed;
pub mod monte_carlo;
pub mod timeline;
pub mod wars;

pub use closed::{choose, overlap_pmf, p_stale, p_within_k};
pub use monte_carlo::Estimate;
pub use timeline::{Event, EventKind, Timeline};
pub use wars::{Latencies, LatencyPreset, WarsResult};

/// Largest replica count supported; replica sets fit in a `u16` bitmask and
/// per-trial scratch space in fixed arrays.
pub const MAX_N: u32 = 15;

/// A quorum configuration: `n` replicas, reads wait for `r` of them and
/// writes for `w`. Always `1 <= r, w <= n <= MAX_N` when built by
/// [`QuorumConfig::new`]; the simulations clamp a hand-built value the same
/// way before using it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuorumConfig {
    /// Replicas holding each key.
    pub n: u32,
    /// Responses a read waits for.
    pub r: u32,
    /// Acknowledgements a write waits for.
    pub w: u32,
}

impl QuorumConfig {
    /// The configuration with `n` clamped to `1..=MAX_N` and `r`, `w` clamped
    /// to `1..=n`.
    pub fn new(n: u32, r: u32, w: u32) -> QuorumConfig {
        let n = n.clamp(1, MAX_N);
        QuorumConfig {
            n,
            r: r.clamp(1, n),
            w: w.clamp(1, n),
        }
    }

    /// `self` clamped as by [`QuorumConfig::new`].
    pub(crate) fn clamped(self) -> QuorumConfig {
        QuorumConfig::new(self.n, self.r, self.w)
    }

    /// Whether every read quorum meets every write quorum (`r + w > n`).
    pub fn overlaps(&self) -> bool {
        self.r + self.w > self.n
    }

    /// Replicas any read quorum is guaranteed to share with any write
    /// quorum: `max(0, r + w − n)`.
    pub fn min_overlap(&self) -> u32 {
        (self.r + self.w).saturating_sub(self.n)
    }

    /// Crashed replicas a write survives: `n − w`.
    pub fn write_tolerates(&self) -> u32 {
        self.n.saturating_sub(self.w)
    }

    /// Crashed replicas a read survives: `n − r`.
    pub fn read_tolerates(&self) -> u32 {
        self.n.saturating_sub(self.r)
    }

    /// Whether a write can commit with `alive` replicas up (`alive >= w`).
    pub fn can_write(&self, alive: u32) -> bool {
        alive >= self.w
    }

    /// Whether a read can return with `alive` replicas up (`alive >= r`).
    pub fn can_read(&self, alive: u32) -> bool {
        alive >= self.r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_clamps() {
        assert_eq!(
            QuorumConfig::new(0, 0, 0),
            QuorumConfig { n: 1, r: 1, w: 1 }
        );
        assert_eq!(
            QuorumConfig::new(99, 99, 0),
            QuorumConfig {
                n: MAX_N,
                r: MAX_N,
                w: 1
            }
        );
        assert_eq!(
            QuorumConfig::new(5, 7, 3),
            QuorumConfig { n: 5, r: 5, w: 3 }
        );
    }

    #[test]
    fn derived_quantities_agree_with_definitions() {
        for n in 1..=MAX_N {
            for r in 1..=n {
                for w in 1..=n {
                    let c = QuorumConfig::new(n, r, w);
                    assert_eq!(c, QuorumConfig { n, r, w });
                    assert_eq!(c.clamped(), c);
                    assert_eq!(c.overlaps(), r + w > n);
                    assert_eq!(c.overlaps(), c.min_overlap() > 0);
                    assert_eq!(
                        c.min_overlap() as i64,
                        (r as i64 + w as i64 - n as i64).max(0)
                    );
                    assert_eq!(c.write_tolerates() + w, n);
                    assert_eq!(c.read_tolerates() + r, n);
                    // tolerating f crashes means n − f replicas still suffice
                    assert!(c.can_write(n - c.write_tolerates()));
                    assert!(!c.can_write(n - c.write_tolerates() - 1));
                    assert!(c.can_read(n - c.read_tolerates()));
                    assert!(!c.can_read(n - c.read_tolerates() - 1));
                }
            }
        }
    }

    #[test]
    fn hand_built_configs_are_clamped_everywhere() {
        use crate::rng::Rng;
        let lat = LatencyPreset::Ssd.latencies();
        for raw in [
            QuorumConfig { n: 0, r: 0, w: 0 },
            QuorumConfig { n: 40, r: 0, w: 99 },
            QuorumConfig { n: 4, r: 9, w: 0 },
        ] {
            let c = raw.clamped();
            assert_eq!(p_stale(raw), p_stale(c));
            assert_eq!(overlap_pmf(raw), overlap_pmf(c));
            let mc =
                |f: fn(QuorumConfig, u64, &mut Rng) -> Estimate, cfg| f(cfg, 500, &mut Rng::new(1));
            assert_eq!(mc(monte_carlo::stale, raw), mc(monte_carlo::stale, c));
            assert_eq!(
                monte_carlo::within_k(raw, 2, 500, &mut Rng::new(1)),
                monte_carlo::within_k(c, 2, 500, &mut Rng::new(1))
            );
            assert_eq!(
                wars::simulate(raw, lat, 500, &mut Rng::new(1)),
                wars::simulate(c, lat, 500, &mut Rng::new(1))
            );
            assert_eq!(
                wars::simulate_with_failures(raw, lat, &[], 500, &mut Rng::new(1)),
                wars::simulate_with_failures(c, lat, &[], 500, &mut Rng::new(1))
            );
            assert_eq!(
                timeline::timeline(raw, lat, 1.0, true, &[], &mut Rng::new(1)),
                timeline::timeline(c, lat, 1.0, true, &[], &mut Rng::new(1))
            );
        }
    }
}
