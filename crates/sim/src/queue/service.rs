//! Service times: how much work one job is, at speed 1.

use super::arrival::clamp_or;
use crate::rng::Rng;

/// Smallest and largest mean work accepted.
pub const MEAN_RANGE: (f64, f64) = (1e-6, 1e6);

/// Largest log-normal sigma accepted (the log-normal's tail grows as
/// `exp(sigma²)`; beyond 4 one sample in a million dominates a run).
pub const MAX_SIGMA: f64 = 4.0;

/// Smallest and largest Pareto shape accepted: above 1 the mean is finite.
pub const ALPHA_RANGE: (f64, f64) = (1.05, 50.0);

/// The distribution of one job's work (its time at speed 1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Service {
    /// Exponential with the given mean (the "M" of M/M/1).
    Exponential {
        /// Mean work.
        mean: f64,
    },
    /// Always exactly `mean` (the "D" of M/D/1).
    Constant {
        /// The work of every job.
        mean: f64,
    },
    /// Log-normal with the given mean: `exp(μ + σ Z)`, `Z` standard normal,
    /// `μ = ln(mean) − σ²/2`.
    LogNormal {
        /// Mean work.
        mean: f64,
        /// Standard deviation of the log, in `[0, MAX_SIGMA]`.
        sigma: f64,
    },
    /// Pareto (type I) with the given mean and shape `α > 1`: scale
    /// `x_m = mean (α − 1) / α`, `P(X > x) = (x_m / x)^α` for `x ≥ x_m`.
    Pareto {
        /// Mean work.
        mean: f64,
        /// Tail index α in [`ALPHA_RANGE`]; the variance is infinite for α ≤ 2.
        alpha: f64,
    },
}

impl Service {
    /// `self` with every parameter in range.
    pub fn clamped(self) -> Service {
        let m = |x: f64| clamp_or(x, MEAN_RANGE.0, MEAN_RANGE.1, 1.0);
        match self {
            Service::Exponential { mean } => Service::Exponential { mean: m(mean) },
            Service::Constant { mean } => Service::Constant { mean: m(mean) },
            Service::LogNormal { mean, sigma } => Service::LogNormal {
                mean: m(mean),
                sigma: clamp_or(sigma, 0.0, MAX_SIGMA, 1.0),
            },
            Service::Pareto { mean, alpha } => Service::Pareto {
                mean: m(mean),
                alpha: clamp_or(alpha, ALPHA_RANGE.0, ALPHA_RANGE.1, 2.0),
            },
        }
    }

    /// The mean work (after clamping).
    pub fn mean(self) -> f64 {
        match self.clamped() {
            Service::Exponential { mean }
            | Service::Constant { mean }
            | Service::LogNormal { mean, .. }
            | Service::Pareto { mean, .. } => mean,
        }
    }

    /// Squared coefficient of variation `Var / mean²` (1 exponential, 0
    /// constant, `e^{σ²} − 1` log-normal, `1 / (α (α − 2))` Pareto, infinite
    /// for Pareto with α ≤ 2).
    pub fn scv(self) -> f64 {
        match self.clamped() {
            Service::Exponential { .. } => 1.0,
            Service::Constant { .. } => 0.0,
            Service::LogNormal { sigma, .. } => libm::expm1(sigma * sigma),
            Service::Pareto { alpha, .. } => {
                if alpha > 2.0 {
                    1.0 / (alpha * (alpha - 2.0))
                } else {
                    f64::INFINITY
                }
            }
        }
    }

    /// One job's work. Call on a clamped value (the run does); an unclamped
    /// one still gives a finite, non-negative number.
    pub fn sample(self, rng: &mut Rng) -> f64 {
        match self {
            Service::Exponential { mean } => rng.exponential(mean),
            Service::Constant { mean } => mean.max(0.0),
            Service::LogNormal { mean, sigma } => {
                let mu = libm::log(mean) - 0.5 * sigma * sigma;
                finite(libm::exp(mu + sigma * standard_normal(rng)))
            }
            Service::Pareto { mean, alpha } => {
                let xm = mean * (alpha - 1.0) / alpha;
                // why: inverse CDF with u in (0, 1], so the power is finite.
                let u = 1.0 - rng.uniform();
                finite(xm * libm::pow(u, -1.0 / alpha))
            }
        }
    }
}

/// `x` when finite and non-negative, else 0.
fn finite(x: f64) -> f64 {
    if x.is_finite() && x >= 0.0 {
        x
    } else {
        0.0
    }
}

/// A standard normal draw by the Box–Muller transform (cosine branch; the
/// sine partner is discarded so each draw uses exactly two uniforms).
pub fn standard_normal(rng: &mut Rng) -> f64 {
    // why: 1 − u lies in (0, 1], so the log is finite; |Z| < 8.6 always.
    let u1 = 1.0 - rng.uniform();
    let u2 = rng.uniform();
    libm::sqrt(-2.0 * libm::log(u1)) * libm::cos(2.0 * core::f64::consts::PI * u2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_mean(s: Service, n: usize, seed: u64) -> f64 {
        let mut rng = Rng::new(seed);
        let s = s.clamped();
        (0..n).map(|_| s.sample(&mut rng)).sum::<f64>() / n as f64
    }

    #[test]
    fn means_match() {
        // why: relative sd of the mean is sqrt(scv / n): 0.0022 for the
        // exponential, 0.0029 for log-normal σ = 1 (scv 1.72) at n = 200 000;
        // 2 % is > 6 sd. Pareto α = 3 has scv 1/3.
        for s in [
            Service::Exponential { mean: 2.0 },
            Service::LogNormal {
                mean: 2.0,
                sigma: 1.0,
            },
            Service::Pareto {
                mean: 2.0,
                alpha: 3.0,
            },
        ] {
            let m = sample_mean(s, 200_000, 4);
            assert!((m / 2.0 - 1.0).abs() < 0.02, "{s:?}: {m}");
        }
        assert_eq!(sample_mean(Service::Constant { mean: 2.0 }, 10, 1), 2.0);
    }

    #[test]
    fn pareto_tail_and_scale() {
        let s = Service::Pareto {
            mean: 3.0,
            alpha: 1.5,
        };
        let mut rng = Rng::new(9);
        let n = 100_000;
        let xs: Vec<f64> = (0..n).map(|_| s.sample(&mut rng)).collect();
        // x_m = 3 · 0.5 / 1.5 = 1
        assert!(xs.iter().all(|&x| x >= 1.0));
        // why: P(X > 10) = 10^-1.5 ≈ 0.0316; sd of the fraction ≈ 0.00055.
        let tail = xs.iter().filter(|&&x| x > 10.0).count() as f64 / n as f64;
        assert!((tail - 0.031_62).abs() < 0.003, "{tail}");
    }

    #[test]
    fn normal_moments() {
        let mut rng = Rng::new(11);
        let n = 200_000;
        let zs: Vec<f64> = (0..n).map(|_| standard_normal(&mut rng)).collect();
        let mean = zs.iter().sum::<f64>() / n as f64;
        let var = zs.iter().map(|z| z * z).sum::<f64>() / n as f64;
        // why: sd of the mean 0.0022, of the second moment 0.0032.
        assert!(mean.abs() < 0.015 && (var - 1.0).abs() < 0.02);
    }

    #[test]
    fn clamps_and_scv() {
        let s = Service::LogNormal {
            mean: f64::NAN,
            sigma: 99.0,
        }
        .clamped();
        assert_eq!(
            s,
            Service::LogNormal {
                mean: 1.0,
                sigma: MAX_SIGMA
            }
        );
        assert_eq!(Service::Exponential { mean: -3.0 }.mean(), MEAN_RANGE.0);
        assert_eq!(Service::Exponential { mean: 1.0 }.scv(), 1.0);
        assert!(Service::Pareto {
            mean: 1.0,
            alpha: 1.0
        }
        .scv()
        .is_infinite());
        let mut rng = Rng::new(1);
        for s in [
            Service::Pareto {
                mean: 1e9,
                alpha: 0.0,
            },
            Service::LogNormal {
                mean: 1e9,
                sigma: 9.0,
            },
        ] {
            for _ in 0..1000 {
                let x = s.clamped().sample(&mut rng);
                assert!(x.is_finite() && x >= 0.0);
            }
        }
    }
}
