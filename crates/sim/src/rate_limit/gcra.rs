//! GCRA, the generic cell rate algorithm: the leaky bucket as a meter.
//!
//! One number per client, the theoretical arrival time (TAT): when the next
//! request would arrive if requests came exactly one emission interval `T`
//! apart. A request at `t` conforms if `t >= TAT − τ` (it is at most the
//! tolerance `τ` early); then `TAT = max(TAT, t) + T`. Non-conforming
//! requests leave the TAT alone.
//!
//! Time is kept in ticks of `1/scale` µs so that `T = W/L` is an integer
//! whatever `L` and `W` are: with `scale = L` one window is `W·L` ticks and
//! the interval is `W` ticks. This makes it decide exactly like a
//! [`TokenBucket`](super::token_bucket::TokenBucket) with matching
//! parameters (the debt `TAT − t` is the bucket's missing tokens).

use super::limiter::{AlgorithmKind, Decision, Limiter, Params, State};

/// A GCRA meter for one client. Starts with the whole burst available.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gcra {
    /// Ticks per µs.
    scale: u64,
    /// Emission interval `T` in ticks.
    interval: u64,
    /// Tolerance `τ` in ticks.
    tolerance: u64,
    /// Theoretical arrival time in ticks.
    tat: u64,
}

impl Gcra {
    /// A meter with emission interval `emission_interval_us` (at least 1)
    /// and tolerance `tolerance_us`: `1 + tolerance/interval` requests (rounded
    /// down) conform at one instant.
    pub fn new(emission_interval_us: u64, tolerance_us: u64) -> Gcra {
        Gcra {
            scale: 1,
            interval: emission_interval_us.max(1),
            tolerance: tolerance_us,
            tat: 0,
        }
    }

    /// The meter for `params`: `T = W/L`, `τ = (burst − 1)·T`, exactly.
    pub fn from_params(params: Params) -> Gcra {
        let p = params.clamped();
        Gcra {
            scale: u64::from(p.limit),
            interval: p.window_us,
            tolerance: u64::from(p.burst - 1) * p.window_us,
            tat: 0,
        }
    }

    /// `now_us` in ticks.
    // why: saturates only after 2^64 / 10^6 µs ≈ 213 days at the largest
    // limit, far beyond any stream the widget plays.
    #[inline]
    fn ticks(&self, now_us: u64) -> u64 {
        now_us.saturating_mul(self.scale)
    }

    /// The theoretical arrival time in µs.
    pub fn tat_us(&self) -> f64 {
        self.tat as f64 / self.scale as f64
    }
}

impl Limiter for Gcra {
    fn kind(&self) -> AlgorithmKind {
        AlgorithmKind::Gcra
    }

    #[inline]
    fn decide(&mut self, now_us: u64) -> Decision {
        let now = self.ticks(now_us);
        // why: `now < TAT − τ` written without a subtraction that could wrap.
        if now.saturating_add(self.tolerance) < self.tat {
            Decision::Reject
        } else {
            self.tat = self.tat.max(now) + self.interval;
            Decision::Accept
        }
    }

    fn state(&self, now_us: u64) -> State {
        let now = self.ticks(now_us);
        let debt = self.tat.saturating_sub(now);
        let room = (self.tolerance + self.interval).saturating_sub(debt);
        State::Gcra {
            tat_us: self.tat_us(),
            headroom: room as f64 / self.interval as f64,
            burst: u32::try_from(self.tolerance / self.interval + 1).unwrap_or(u32::MAX),
        }
    }

    fn memory(&self) -> usize {
        // why: the TAT is all a GCRA keeps per client.
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Decision::{Accept as A, Reject as R};

    #[test]
    fn hand_worked_timeline() {
        // T = 10 µs, τ = 20 µs: bursts of 3, then one per 10 µs.
        let mut g = Gcra::new(10, 20);
        let script: [(u64, Decision, u64); 9] = [
            (0, A, 10),  // TAT 0 → 10
            (0, A, 20),  // 10 − 20 ≤ 0 → 20
            (0, A, 30),  // 20 − 20 ≤ 0 → 30
            (0, R, 30),  // 30 − 20 > 0
            (9, R, 30),  // 10 > 9
            (10, A, 40), // 10 ≤ 10
            (12, R, 40), // 20 > 12
            (100, A, 110),
            (101, A, 120),
        ];
        for (i, (t, want, tat)) in script.into_iter().enumerate() {
            assert_eq!(g.decide(t), want, "step {i} at {t}");
            assert_eq!(g.tat, tat, "step {i}");
        }
        assert_eq!(
            g.state(101),
            State::Gcra {
                tat_us: 120.0,
                headroom: 1.1,
                burst: 3
            }
        );
    }

    #[test]
    fn zero_tolerance_spaces_requests_exactly() {
        let mut g = Gcra::new(5, 0);
        let got: Vec<Decision> = [0, 1, 4, 5, 9, 10, 16]
            .iter()
            .map(|&t| g.decide(t))
            .collect();
        assert_eq!(got, vec![A, R, R, A, R, A, A]);
    }

    #[test]
    fn from_params_keeps_fractional_intervals_exact() {
        // 3 per 10 µs with burst 1: T = 10/3 µs, in ticks of 1/3 µs T = 10.
        // Requests every µs (3 ticks): 0 sets TAT 10, so 4 (12) conforms and
        // sets 22, so 8 (24) is next, and so on every 4 µs: with no tolerance
        // a late arrival restarts the schedule and the fraction is lost.
        let mut g = Gcra::from_params(Params::new(3, 10).with_burst(1));
        let accepted: Vec<u64> = (0..=20).filter(|&t| g.decide(t) == A).collect();
        assert_eq!(accepted, vec![0, 4, 8, 12, 16, 20]);
        // with a burst of 2 (τ = 10 ticks) the fractions are kept: 3 per 10 µs.
        let mut g = Gcra::from_params(Params::new(3, 10).with_burst(2));
        let accepted = (0..1000).filter(|&t| g.decide(t) == A).count();
        // why: 2 at once at 0, then one per 10/3 µs up to 999: 2 + 299.
        assert_eq!(accepted, 301);
        assert_eq!(g.memory(), 1);
    }

    mod properties {
        use super::super::super::leaky_queue::LeakyQueue;
        use super::super::super::token_bucket::TokenBucket;
        use super::super::super::traffic::tests::bursty_times;
        use super::*;
        use governor::clock::FakeRelativeClock;
        use governor::{Quota, RateLimiter};
        use proptest::prelude::*;
        use std::num::NonZeroU32;
        use std::time::Duration;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(300))]

            #[test]
            fn token_bucket_gcra_and_queue_admit_the_same(
                times in bursty_times(300),
                limit in 1u32..60,
                window in 1u64..100_000,
                burst in 1u32..30,
            ) {
                let p = Params::new(limit, window).with_burst(burst);
                let mut bucket = TokenBucket::from_params(p);
                let mut meter = Gcra::from_params(p);
                let mut queue = LeakyQueue::from_params(p);
                for &t in &times {
                    let b = bucket.decide(t);
                    prop_assert_eq!(b, meter.decide(t), "at {}", t);
                    prop_assert_eq!(b.admitted(), queue.decide(t).admitted(), "at {}", t);
                    // why: GCRA's headroom is the bucket's token count.
                    let (State::TokenBucket { tokens, .. }, State::Gcra { headroom, .. }) =
                        (bucket.state(t), meter.state(t))
                    else {
                        unreachable!()
                    };
                    prop_assert!((tokens - headroom).abs() < 1e-9);
                }
            }

            /// governor (a GCRA on nanoseconds, here with its fake clock) as
            /// the oracle: a quota of one cell per `limit`-th of the window
            /// with a burst matches our parameters whenever that period is a
            /// whole number of µs, which the strategy guarantees.
            #[test]
            fn matches_governor(
                times in bursty_times(300),
                limit in 1u32..20,
                per_request_us in 1u64..5000,
                burst in 1u32..20,
            ) {
                let window = u64::from(limit) * per_request_us;
                let p = Params::new(limit, window).with_burst(burst);
                let mut meter = Gcra::from_params(p);
                let mut bucket = TokenBucket::from_params(p);
                let mut direct = Gcra::new(per_request_us, u64::from(burst - 1) * per_request_us);
                let quota = Quota::with_period(Duration::from_micros(per_request_us))
                    .expect("period is positive")
                    .allow_burst(NonZeroU32::new(burst).expect("burst is positive"));
                let clock = FakeRelativeClock::default();
                let oracle = RateLimiter::direct_with_clock(quota, clock.clone());
                let mut now = 0u64;
                for &t in &times {
                    clock.advance(Duration::from_micros(t - now));
                    now = t;
                    let want = oracle.check().is_ok();
                    prop_assert_eq!(meter.decide(t).admitted(), want, "at {}", t);
                    prop_assert_eq!(bucket.decide(t).admitted(), want, "at {}", t);
                    prop_assert_eq!(direct.decide(t).admitted(), want, "at {}", t);
                }
            }
        }
    }
}
