//! Token bucket: a bucket of at most `capacity` tokens refilled at a steady
//! rate; each request takes one token or is rejected.
//!
//! Tokens are kept in exact fixed-point units: with a refill of `r` tokens
//! per `p` µs, one token is `p` units and each µs adds `r` units, so the
//! refill is an integer multiplication however the rate divides and a long
//! run never drifts.

use super::limiter::{AlgorithmKind, Decision, Limiter, Params, State, MAX_LIMIT, MAX_WINDOW_US};

/// A token bucket for one client. Starts full.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenBucket {
    /// Units added per µs (the `r` in `r` tokens per `p` µs).
    refill: u64,
    /// Units per token (the `p`).
    unit: u64,
    /// Tokens it holds at most.
    capacity: u32,
    /// `capacity · unit`.
    full: u64,
    /// Units in the bucket at `last_us`.
    units: u64,
    /// Time of the last decision.
    last_us: u64,
}

impl TokenBucket {
    /// A bucket refilled with `tokens` tokens every `period_us` µs, holding
    /// at most `capacity`; arguments are clamped to `1..=MAX_LIMIT` tokens
    /// and `1..=MAX_WINDOW_US` µs.
    pub fn new(tokens: u32, period_us: u64, capacity: u32) -> TokenBucket {
        let refill = u64::from(tokens.clamp(1, MAX_LIMIT));
        let unit = period_us.clamp(1, MAX_WINDOW_US);
        let capacity = capacity.clamp(1, MAX_LIMIT);
        // why: at most 10^6 · 8.64·10^10 < 2^64, so the product is exact.
        let full = u64::from(capacity) * unit;
        TokenBucket {
            refill,
            unit,
            capacity,
            full,
            units: full,
            last_us: 0,
        }
    }

    /// The bucket for `params`: `L` tokens per `W`, capacity `burst`.
    pub fn from_params(params: Params) -> TokenBucket {
        let p = params.clamped();
        TokenBucket::new(p.limit, p.window_us, p.burst)
    }

    /// Units in the bucket at `now_us` (not before the last decision).
    #[inline]
    fn units_at(&self, now_us: u64) -> u64 {
        let elapsed = now_us.saturating_sub(self.last_us);
        // why: saturation only happens far above `full`, where the minimum
        // gives `full` anyway, so the result stays exact.
        self.units
            .saturating_add(elapsed.saturating_mul(self.refill))
            .min(self.full)
    }

    /// Tokens in the bucket at `now_us`, as a fraction.
    pub fn tokens(&self, now_us: u64) -> f64 {
        self.units_at(now_us) as f64 / self.unit as f64
    }
}

impl Limiter for TokenBucket {
    fn kind(&self) -> AlgorithmKind {
        AlgorithmKind::TokenBucket
    }

    #[inline]
    fn decide(&mut self, now_us: u64) -> Decision {
        let now = now_us.max(self.last_us);
        self.units = self.units_at(now);
        self.last_us = now;
        if self.units >= self.unit {
            self.units -= self.unit;
            Decision::Accept
        } else {
            Decision::Reject
        }
    }

    fn state(&self, now_us: u64) -> State {
        State::TokenBucket {
            tokens: self.tokens(now_us),
            capacity: self.capacity,
        }
    }

    fn memory(&self) -> usize {
        // why: a real bucket stores the token count and the last refill time.
        2
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Decision::{Accept as A, Reject as R};

    #[test]
    fn hand_worked_timeline() {
        // 2 tokens per 10 µs (one every 5 µs), capacity 3, starts full.
        let mut b = TokenBucket::new(2, 10, 3);
        let script: [(u64, Decision, f64); 9] = [
            (0, A, 2.0), // 3 → 2
            (0, A, 1.0), // 2 → 1
            (0, A, 0.0), // 1 → 0
            (0, R, 0.0), // empty
            (4, R, 0.8), // 0.8 tokens: not enough
            (5, A, 0.0), // 1.0 → 0
            (7, R, 0.4),
            (30, A, 2.0), // refilled past capacity: 3 → 2
            (31, A, 1.2), // 2.2 → 1.2
        ];
        for (i, (t, want, left)) in script.into_iter().enumerate() {
            assert_eq!(b.decide(t), want, "step {i} at {t}");
            assert!(
                (b.tokens(t) - left).abs() < 1e-12,
                "step {i}: {}",
                b.tokens(t)
            );
        }
    }

    #[test]
    fn fractional_rates_are_exact_over_long_runs() {
        // 3 per 7 µs, capacity 2, a request every µs. The bucket never
        // fills again after the start, so nothing is wasted: by 7·10^6 µs it
        // has had 2 + 3·10^6 tokens, and every whole one was spent.
        let mut b = TokenBucket::new(3, 7, 2);
        let accepted = (0..=7_000_000u64).filter(|&t| b.decide(t) == A).count();
        assert_eq!(accepted, 3_000_002);
        assert_eq!(b.tokens(7_000_000), 0.0);
        // with capacity 1 the bucket overflows between requests and loses
        // the fractions: one every ceil(7/3) = 3 µs.
        let mut b = TokenBucket::new(3, 7, 1);
        let accepted = (0..=7_000_000u64).filter(|&t| b.decide(t) == A).count();
        assert_eq!(accepted, 7_000_000 / 3 + 1);
    }

    #[test]
    fn time_going_backwards_is_ignored() {
        let mut b = TokenBucket::new(1, 10, 1);
        assert_eq!(b.decide(100), A);
        assert_eq!(b.decide(50), R);
        assert_eq!(b.decide(110), A);
    }

    #[test]
    fn state_reports_tokens() {
        let b = TokenBucket::from_params(Params::new(4, 8).with_burst(2));
        assert_eq!(
            b.state(0),
            State::TokenBucket {
                tokens: 2.0,
                capacity: 2
            }
        );
        assert_eq!(b.memory(), 2);
    }
}
