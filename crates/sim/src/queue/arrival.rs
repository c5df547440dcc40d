//! Arrival processes: Poisson, and a bursty on/off process with the same
//! mean rate.

use crate::rng::Rng;

/// Slowest and fastest mean arrival rate accepted.
pub const RATE_RANGE: (f64, f64) = (1e-6, 1e9);

/// Shortest and longest mean on/off period, in mean gaps between arrivals
/// (`1 / rate`): shorter periods would cost many phase switches per arrival.
pub const PERIOD_RANGE: (f64, f64) = (0.01, 1e6);

/// How requests arrive.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Arrivals {
    /// A Poisson process: independent exponential gaps of mean `1 / rate`.
    Poisson {
        /// Mean arrivals per unit time.
        rate: f64,
    },
    /// A two-state Markov-modulated Poisson process (MMPP-2, an "interrupted
    /// Poisson process" when `off_share` is 0): the source alternates between
    /// an on and an off phase of exponential lengths with the given means,
    /// arriving as a Poisson process of rate `r_on` when on and
    /// `off_share × r_on` when off. `r_on` is chosen so that the long-run
    /// mean rate is `rate`:
    /// `r_on = rate (on + off) / (on + off_share · off)`.
    OnOff {
        /// Long-run mean arrivals per unit time.
        rate: f64,
        /// Mean length of an on phase.
        mean_on: f64,
        /// Mean length of an off phase.
        mean_off: f64,
        /// Off-phase rate as a fraction of the on-phase rate, in `[0, 1]`.
        off_share: f64,
    },
}

/// `x` clamped to `[lo, hi]`, with `fallback` for NaN.
pub(crate) fn clamp_or(x: f64, lo: f64, hi: f64, fallback: f64) -> f64 {
    if x.is_nan() {
        fallback
    } else {
        x.clamp(lo, hi)
    }
}

impl Arrivals {
    /// `self` with every parameter in range (rates in [`RATE_RANGE`], periods
    /// in [`PERIOD_RANGE`] mean gaps, `off_share` in `[0, 1]`).
    pub fn clamped(self) -> Arrivals {
        match self {
            Arrivals::Poisson { rate } => Arrivals::Poisson {
                rate: clamp_or(rate, RATE_RANGE.0, RATE_RANGE.1, 1.0),
            },
            Arrivals::OnOff {
                rate,
                mean_on,
                mean_off,
                off_share,
            } => {
                let rate = clamp_or(rate, RATE_RANGE.0, RATE_RANGE.1, 1.0);
                let gap = 1.0 / rate;
                let (lo, hi) = (PERIOD_RANGE.0 * gap, PERIOD_RANGE.1 * gap);
                Arrivals::OnOff {
                    rate,
                    mean_on: clamp_or(mean_on, lo, hi, gap),
                    mean_off: clamp_or(mean_off, lo, hi, gap),
                    off_share: clamp_or(off_share, 0.0, 1.0, 0.0),
                }
            }
        }
    }

    /// The long-run mean rate (after clamping).
    pub fn mean_rate(self) -> f64 {
        match self.clamped() {
            Arrivals::Poisson { rate } | Arrivals::OnOff { rate, .. } => rate,
        }
    }

    /// The same shape at mean rate `rate`; the on/off periods scale with the
    /// mean gap, so the burstiness (arrivals per burst) is unchanged.
    pub fn with_rate(self, rate: f64) -> Arrivals {
        let old = self.clamped();
        match old {
            Arrivals::Poisson { .. } => Arrivals::Poisson { rate }.clamped(),
            Arrivals::OnOff {
                rate: r0,
                mean_on,
                mean_off,
                off_share,
            } => {
                let rate = clamp_or(rate, RATE_RANGE.0, RATE_RANGE.1, 1.0);
                let k = r0 / rate;
                Arrivals::OnOff {
                    rate,
                    mean_on: mean_on * k,
                    mean_off: mean_off * k,
                    off_share,
                }
                .clamped()
            }
        }
    }

    /// The on-phase rate `r_on` (the rate itself for Poisson).
    pub fn on_rate(self) -> f64 {
        match self.clamped() {
            Arrivals::Poisson { rate } => rate,
            Arrivals::OnOff {
                rate,
                mean_on,
                mean_off,
                off_share,
            } => rate * (mean_on + mean_off) / (mean_on + off_share * mean_off),
        }
    }
}

/// The state of an arrival process: the last arrival time and, for on/off,
/// the phase and the time it ends.
#[derive(Clone, Debug, PartialEq)]
pub struct ArrivalGen {
    arrivals: Arrivals,
    /// Time of the last arrival (0 before the first).
    now: f64,
    /// Whether the on/off source is on.
    on: bool,
    /// When the current on/off phase ends.
    phase_end: f64,
    /// Mean gap in the on and off phases (infinite when silent).
    gap_on: f64,
    gap_off: f64,
}

impl ArrivalGen {
    /// A process starting at time 0; an on/off source starts in its
    /// stationary phase (on with probability `on / (on + off)`).
    pub fn new(arrivals: Arrivals, rng: &mut Rng) -> ArrivalGen {
        let arrivals = arrivals.clamped();
        let (on, phase_end, gap_on, gap_off) = match arrivals {
            Arrivals::Poisson { rate } => (true, f64::INFINITY, 1.0 / rate, f64::INFINITY),
            Arrivals::OnOff {
                mean_on,
                mean_off,
                off_share,
                ..
            } => {
                let r_on = arrivals.on_rate();
                let on = rng.uniform() * (mean_on + mean_off) < mean_on;
                let end = rng.exponential(if on { mean_on } else { mean_off });
                let gap_off = if off_share > 0.0 {
                    1.0 / (off_share * r_on)
                } else {
                    f64::INFINITY
                };
                (on, end, 1.0 / r_on, gap_off)
            }
        };
        ArrivalGen {
            arrivals,
            now: 0.0,
            on,
            phase_end,
            gap_on,
            gap_off,
        }
    }

    /// The time of the next arrival.
    pub fn next(&mut self, rng: &mut Rng) -> f64 {
        loop {
            let gap = if self.on { self.gap_on } else { self.gap_off };
            // why: a silent off phase draws nothing; an exponential of
            // infinite mean would come back as 0 from `Rng::exponential`.
            let candidate = if gap.is_finite() {
                self.now + rng.exponential(gap)
            } else {
                f64::INFINITY
            };
            if candidate < self.phase_end {
                self.now = candidate;
                return candidate;
            }
            // why: memorylessness. A gap that would cross the phase end is
            // discarded and redrawn from the phase end at the new rate, which
            // is exactly the modulated process.
            self.now = self.phase_end;
            self.on = !self.on;
            let mean = match self.arrivals {
                Arrivals::OnOff {
                    mean_on, mean_off, ..
                } => {
                    if self.on {
                        mean_on
                    } else {
                        mean_off
                    }
                }
                Arrivals::Poisson { .. } => f64::INFINITY,
            };
            self.phase_end = self.now + rng.exponential(mean);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mean_gap(a: Arrivals, n: usize, seed: u64) -> f64 {
        let mut rng = Rng::new(seed);
        let mut g = ArrivalGen::new(a, &mut rng);
        let mut last = 0.0;
        for _ in 0..n {
            last = g.next(&mut rng);
        }
        last / n as f64
    }

    #[test]
    fn poisson_mean_rate() {
        // why: the mean gap of 200 000 exponential gaps of mean 0.5 has sd
        // 0.5 / sqrt(n) ≈ 0.0011; 0.01 is > 8 sd.
        let m = mean_gap(Arrivals::Poisson { rate: 2.0 }, 200_000, 1);
        assert!((m - 0.5).abs() < 0.01, "{m}");
    }

    #[test]
    fn on_off_keeps_the_mean_rate() {
        for off_share in [0.0, 0.2] {
            let a = Arrivals::OnOff {
                rate: 2.0,
                mean_on: 5.0,
                mean_off: 20.0,
                off_share,
            };
            // why: with phases of 25 time units on average, 400 000 arrivals
            // cover ~8 000 cycles; the rate's relative sd is about
            // sqrt(2 · cycle variance / horizon) ≈ 2 %; 8 % is 4 sd.
            let m = mean_gap(a, 400_000, 2);
            assert!((m - 0.5).abs() < 0.04, "{off_share}: {m}");
            assert!(a.on_rate() > 2.0);
        }
    }

    #[test]
    fn with_rate_keeps_the_shape() {
        let a = Arrivals::OnOff {
            rate: 2.0,
            mean_on: 5.0,
            mean_off: 20.0,
            off_share: 0.1,
        };
        let b = a.with_rate(4.0);
        assert_eq!(b.mean_rate(), 4.0);
        assert!((b.on_rate() / a.on_rate() - 2.0).abs() < 1e-12);
        let p = Arrivals::Poisson { rate: f64::NAN }.with_rate(-1.0);
        assert_eq!(p.mean_rate(), RATE_RANGE.0);
    }

    #[test]
    fn bad_parameters_are_clamped() {
        let a = Arrivals::OnOff {
            rate: f64::INFINITY,
            mean_on: 0.0,
            mean_off: f64::NAN,
            off_share: 7.0,
        }
        .clamped();
        let Arrivals::OnOff {
            rate,
            mean_on,
            mean_off,
            off_share,
        } = a
        else {
            panic!("shape changed")
        };
        assert_eq!(rate, RATE_RANGE.1);
        assert!(mean_on > 0.0 && mean_off > 0.0);
        assert_eq!(off_share, 1.0);
        let mut rng = Rng::new(3);
        let mut g = ArrivalGen::new(a, &mut rng);
        let t = g.next(&mut rng);
        assert!(t.is_finite() && t >= 0.0);
    }
}
