//! Closed forms the simulation is checked against.
//!
//! Rates are per unit time; `lambda` is the arrival rate, `mu` one server's
//! service rate (1 / mean service time). Inputs are sanitised rather than
//! rejected: a rate that is NaN or negative counts as 0, and a queue that is
//! unstable (load ≥ 1, or no service) gives `f64::INFINITY` for its delays,
//! which is the true long-run value. No function panics or returns NaN.

/// `(lambda, mu)` for a stable queue with `servers × mu > lambda`, or `None`.
fn stable(lambda: f64, mu: f64, servers: f64) -> Option<(f64, f64)> {
    let lambda = if lambda.is_nan() || lambda < 0.0 {
        0.0
    } else {
        lambda
    };
    // why: an infinite rate would turn `rate × 0` into NaN further on.
    let mu = if mu.is_nan() { 0.0 } else { mu.min(f64::MAX) };
    if mu > 0.0 && lambda < servers * mu {
        Some((lambda, mu))
    } else {
        None
    }
}

/// M/M/1 mean response time (wait plus service): `1 / (μ − λ)`.
pub fn mm1_mean_response(lambda: f64, mu: f64) -> f64 {
    match stable(lambda, mu, 1.0) {
        Some((l, m)) => 1.0 / (m - l),
        None => f64::INFINITY,
    }
}

/// M/M/1 `p`-quantile of the response time, which is exponential with rate
/// `μ − λ` (FIFO): `−ln(1 − p) / (μ − λ)`. `p` is clamped to `[0, 1]`
/// (NaN counts as 0); `p = 1` gives infinity.
pub fn mm1_response_quantile(lambda: f64, mu: f64, p: f64) -> f64 {
    let p = if p.is_nan() { 0.0 } else { p.clamp(0.0, 1.0) };
    match stable(lambda, mu, 1.0) {
        Some((l, m)) => -libm::log1p(-p) / (m - l),
        None => f64::INFINITY,
    }
}

/// M/M/1 mean number in system: `ρ / (1 − ρ)`, `ρ = λ / μ`.
pub fn mm1_mean_in_system(lambda: f64, mu: f64) -> f64 {
    match stable(lambda, mu, 1.0) {
        Some((l, m)) => l / (m - l),
        None => f64::INFINITY,
    }
}

/// Erlang's C formula: the probability that an arrival to an M/M/c queue
/// waits, for `c` servers and offered load `a = λ / μ` (in Erlangs):
/// `C(c, a) = c B / (c − a (1 − B))` with `B` Erlang's B, computed by the
/// stable recursion `B(0) = 1`, `B(k) = a B(k−1) / (k + a B(k−1))`.
/// 1 when `a ≥ c` (everyone waits); `c` is clamped to `1..=1_000_000`.
pub fn erlang_c(c: u32, a: f64) -> f64 {
    let c = c.clamp(1, 1_000_000);
    let cf = f64::from(c);
    let a = if a.is_nan() || a < 0.0 { 0.0 } else { a };
    if a >= cf {
        return 1.0;
    }
    let mut b = 1.0;
    for k in 1..=c {
        b = a * b / (f64::from(k) + a * b);
    }
    (cf * b / (cf - a * (1.0 - b))).clamp(0.0, 1.0)
}

/// M/M/c mean wait in queue: `C(c, λ/μ) / (c μ − λ)`.
pub fn mmc_mean_wait(c: u32, lambda: f64, mu: f64) -> f64 {
    let c = c.clamp(1, 1_000_000);
    match stable(lambda, mu, f64::from(c)) {
        Some((l, m)) => erlang_c(c, l / m) / (f64::from(c) * m - l),
        None => f64::INFINITY,
    }
}

/// M/M/c mean response time: mean wait plus `1 / μ`.
pub fn mmc_mean_response(c: u32, lambda: f64, mu: f64) -> f64 {
    match stable(lambda, mu, f64::from(c.clamp(1, 1_000_000))) {
        Some((_, m)) => mmc_mean_wait(c, lambda, mu) + 1.0 / m,
        None => f64::INFINITY,
    }
}

/// M/M/c probability of waiting longer than `t` (FIFO):
/// `C(c, λ/μ) · exp(−(c μ − λ) t)`; 1 when unstable, `t` below 0 counts as 0.
pub fn mmc_wait_tail(c: u32, lambda: f64, mu: f64, t: f64) -> f64 {
    let c = c.clamp(1, 1_000_000);
    let t = if t.is_nan() { 0.0 } else { t.max(0.0) };
    match stable(lambda, mu, f64::from(c)) {
        Some((l, m)) if t > 0.0 => erlang_c(c, l / m) * libm::exp(-(f64::from(c) * m - l) * t),
        Some((l, m)) => erlang_c(c, l / m),
        None => 1.0,
    }
}

/// M/G/1 mean response time by Pollaczek–Khinchine: `E[S] + λ E[S²] /
/// (2 (1 − ρ))` with `E[S²] = E[S]² (1 + scv)`, `scv` the squared
/// coefficient of variation of the service time (0 for M/D/1, 1 for M/M/1).
pub fn mg1_mean_response(lambda: f64, mean_service: f64, scv: f64) -> f64 {
    if mean_service.is_nan() || mean_service <= 0.0 {
        return f64::INFINITY;
    }
    let scv = if scv.is_nan() { 0.0 } else { scv.max(0.0) };
    match stable(lambda, 1.0 / mean_service, 1.0) {
        Some((l, _)) => {
            let rho = l * mean_service;
            // why: with no arrivals there is no wait, even for an infinite
            // scv (0 · ∞ would be NaN).
            let wait = if l > 0.0 {
                // why: the infinite factor first, so an infinite scv times a
                // product that underflows still gives ∞, not 0 · ∞.
                (1.0 + scv) * l * mean_service * mean_service / (2.0 * (1.0 - rho))
            } else {
                0.0
            };
            mean_service + wait
        }
        None => f64::INFINITY,
    }
}

/// Sanitised utilisation for the supermarket model: NaN or below 0 → 0.
fn load(rho: f64) -> f64 {
    if rho.is_nan() {
        0.0
    } else {
        rho.max(0.0)
    }
}

/// The supermarket model's fixed point (Mitzenmacher, "The Power of Two
/// Choices in Randomized Load Balancing", 2001): as the number of servers
/// grows, with arrivals at rate `ρ` per server, unit service rate and JSQ(d),
/// the fraction of servers with at least `i` jobs is
/// `s_i = ρ^((d^i − 1)/(d − 1))` (`ρ^i` for `d = 1`, the M/M/1 tail).
/// `d` is clamped to `1..=16`; 1 when `ρ ≥ 1`.
pub fn supermarket_tail(rho: f64, d: u32, i: u32) -> f64 {
    let rho = load(rho);
    if rho >= 1.0 {
        return 1.0;
    }
    let d = f64::from(d.clamp(1, 16));
    let exponent = if d == 1.0 {
        f64::from(i)
    } else {
        (libm::pow(d, f64::from(i)) - 1.0) / (d - 1.0)
    };
    libm::pow(rho, exponent)
}

/// The supermarket model's mean time in system in units of the mean service
/// time (Mitzenmacher): `T_d(ρ) = Σ_{i ≥ 1} ρ^((d^i − d)/(d − 1))`, and
/// `1 / (1 − ρ)` (M/M/1) for `d = 1`. Infinity when `ρ ≥ 1`; `d` is clamped
/// to `1..=16`.
pub fn supermarket_mean_response(rho: f64, d: u32) -> f64 {
    let rho = load(rho);
    if rho >= 1.0 {
        return f64::INFINITY;
    }
    let d = d.clamp(1, 16);
    if d == 1 {
        return 1.0 / (1.0 - rho);
    }
    let d = f64::from(d);
    // why: the exponent (d^i − d)/(d − 1) = d + d² + … + d^(i−1) grows
    // doubly exponentially, so a few dozen terms reach the float floor even
    // for ρ a hair below 1.
    let (mut sum, mut exponent, mut power) = (0.0, 0.0, d);
    for _ in 0..2000 {
        let term = libm::pow(rho, exponent);
        sum += term;
        if term < 1e-17 * sum {
            break;
        }
        exponent += power;
        power *= d;
    }
    sum
}

/// Probability that a request fanned out to `n` independent servers sees at
/// least one answer slower than a threshold each exceeds with probability
/// `p` (Dean & Barroso, "The Tail at Scale"): `1 − (1 − p)^n`, computed as
/// `−expm1(n · log1p(−p))` to stay exact for small `p`. `p` is clamped to
/// `[0, 1]` (NaN counts as 0).
pub fn fanout_tail(p: f64, n: u32) -> f64 {
    let p = if p.is_nan() { 0.0 } else { p.clamp(0.0, 1.0) };
    if n == 0 || p == 0.0 {
        return 0.0;
    }
    if p == 1.0 {
        return 1.0;
    }
    (-libm::expm1(f64::from(n) * libm::log1p(-p))).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-12 * b.abs().max(1.0)
    }

    #[test]
    fn mm1_values() {
        assert!(close(mm1_mean_response(0.5, 1.0), 2.0));
        assert!(close(mm1_mean_in_system(0.9, 1.0), 9.0));
        assert!(close(mm1_response_quantile(0.5, 1.0, 0.5), 2.0 * 2f64.ln()));
        assert!(close(
            mm1_response_quantile(0.0, 2.0, 0.99),
            100f64.ln() / 2.0
        ));
        assert_eq!(mm1_mean_response(1.0, 1.0), f64::INFINITY);
        assert_eq!(mm1_mean_response(0.5, f64::NAN), f64::INFINITY);
        assert!(close(mm1_mean_response(f64::NAN, 1.0), 1.0));
        assert_eq!(mm1_response_quantile(0.5, 1.0, 1.0), f64::INFINITY);
    }

    #[test]
    fn erlang_c_values() {
        // c = 1 is M/M/1: wait with probability ρ.
        assert!(close(erlang_c(1, 0.7), 0.7));
        // c = 2, a = 1: B = 1/5, C = 1/3.
        assert!(close(erlang_c(2, 1.0), 1.0 / 3.0));
        assert_eq!(erlang_c(3, 3.0), 1.0);
        assert_eq!(erlang_c(0, f64::NAN), 0.0);
        // M/M/c with c = 1 agrees with M/M/1.
        assert!(close(
            mmc_mean_response(1, 0.8, 1.0),
            mm1_mean_response(0.8, 1.0)
        ));
        assert!(close(mmc_mean_wait(2, 1.0, 1.0), 1.0 / 3.0));
        assert!(close(mmc_wait_tail(2, 1.0, 1.0, 0.0), 1.0 / 3.0));
        assert_eq!(mmc_mean_wait(2, 2.0, 1.0), f64::INFINITY);
        // pooling: one shared queue beats c separate M/M/1 queues.
        assert!(mmc_mean_response(10, 9.0, 1.0) < mm1_mean_response(0.9, 1.0));
    }

    #[test]
    fn pollaczek_khinchine() {
        assert!(close(
            mg1_mean_response(0.8, 1.0, 1.0),
            mm1_mean_response(0.8, 1.0)
        ));
        // M/D/1 waits half as long as M/M/1.
        assert!(close(mg1_mean_response(0.5, 1.0, 0.0), 1.5));
        assert_eq!(mg1_mean_response(1.0, 1.0, 0.0), f64::INFINITY);
        assert_eq!(mg1_mean_response(0.5, 0.0, 0.0), f64::INFINITY);
        assert_eq!(mg1_mean_response(0.0, 1.0, f64::INFINITY), 1.0);
        assert_eq!(
            mg1_mean_response(100.0, 1e-300, f64::INFINITY),
            f64::INFINITY
        );
    }

    #[test]
    fn supermarket_values() {
        for rho in [0.1, 0.5, 0.9, 0.99] {
            assert!(close(supermarket_mean_response(rho, 1), 1.0 / (1.0 - rho)));
            assert!(close(supermarket_tail(rho, 1, 3), rho * rho * rho));
            // more choices, shorter queues
            let t2 = supermarket_mean_response(rho, 2);
            let t3 = supermarket_mean_response(rho, 3);
            assert!(1.0 < t3 && t3 < t2 && t2 < 1.0 / (1.0 - rho), "{rho}");
        }
        // T_2(0.9) = Σ 0.9^(2^i − 2) = 1 + 0.81 + 0.9^6 + 0.9^14 + …
        let by_hand: f64 = (1..10).map(|i| 0.9f64.powi((1 << i) - 2)).sum();
        assert!(close(supermarket_mean_response(0.9, 2), by_hand));
        assert!(close(supermarket_tail(0.5, 2, 2), 0.125));
        assert_eq!(supermarket_tail(0.5, 2, 0), 1.0);
        assert_eq!(supermarket_mean_response(1.0, 2), f64::INFINITY);
        assert!(supermarket_mean_response(1.0 - 1e-12, 2).is_finite());
        assert!(close(supermarket_mean_response(f64::NAN, 2), 1.0));
    }

    #[test]
    fn fanout_values() {
        assert!(close(fanout_tail(0.01, 100), 1.0 - 0.99f64.powi(100)));
        assert!((fanout_tail(0.01, 100) - 0.634).abs() < 1e-3);
        assert_eq!(fanout_tail(0.5, 0), 0.0);
        assert_eq!(fanout_tail(1.0, 3), 1.0);
        assert_eq!(fanout_tail(f64::NAN, 3), 0.0);
        assert!(close(fanout_tail(1e-12, 1), 1e-12));
    }
}
