//! Sliding window counter: counts per aligned window like the fixed window,
//! but judges a request by a blend of the previous window's count and the
//! current one's, weighted by how much of the previous window still lies in
//! the last `W` µs.
//!
//! A request at `elapsed` µs into the current window is admitted if
//! `previous · (W − elapsed)/W + current + 1 <= L`, i.e. if counting it
//! keeps the estimate within the limit. The comparison is done multiplied
//! through by `W`, in integers. It assumes the previous window's requests
//! were spread evenly, so it can admit a little more or less than the exact
//! log, with three numbers per client instead of a timestamp per request.

use super::limiter::{AlgorithmKind, Decision, Limiter, Params, State, MAX_LIMIT, MAX_WINDOW_US};

/// A sliding window counter for one client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlidingCounter {
    /// Requests allowed per window.
    limit: u32,
    /// Window length in µs.
    window: u64,
    /// Start of the current aligned window.
    start: u64,
    /// Admitted in the previous window.
    previous: u32,
    /// Admitted in the current window.
    current: u32,
}

impl SlidingCounter {
    /// `limit` per `window_us` µs (clamped to `1..=MAX_LIMIT` and
    /// `1..=MAX_WINDOW_US`).
    pub fn new(limit: u32, window_us: u64) -> SlidingCounter {
        SlidingCounter {
            limit: limit.clamp(1, MAX_LIMIT),
            window: window_us.clamp(1, MAX_WINDOW_US),
            start: 0,
            previous: 0,
            current: 0,
        }
    }

    /// The counter for `params`: `L` per `W`.
    pub fn from_params(params: Params) -> SlidingCounter {
        let p = params.clamped();
        SlidingCounter::new(p.limit, p.window_us)
    }

    /// `(start, previous, current)` as seen at `now_us`.
    #[inline]
    fn at(&self, now_us: u64) -> (u64, u32, u32) {
        let end = self.start.saturating_add(self.window);
        if now_us < end {
            (self.start, self.previous, self.current)
        } else if now_us - end < self.window {
            // why: the next window, the common case, without a division.
            (end, self.current, 0)
        } else {
            // why: a whole window passed with nothing admitted.
            (now_us - now_us % self.window, 0, 0)
        }
    }
}

impl Limiter for SlidingCounter {
    fn kind(&self) -> AlgorithmKind {
        AlgorithmKind::SlidingCounter
    }

    #[inline]
    fn decide(&mut self, now_us: u64) -> Decision {
        let (start, previous, current) = self.at(now_us);
        self.start = start;
        self.previous = previous;
        self.current = current;
        let left = self.window - now_us.saturating_sub(start).min(self.window);
        // why: every term is at most 10^6 · 8.64·10^10 < 2^63, so the sum of
        // two fits in a u64.
        let blended = u64::from(previous) * left + u64::from(current + 1) * self.window;
        if blended <= u64::from(self.limit) * self.window {
            self.current += 1;
            Decision::Accept
        } else {
            Decision::Reject
        }
    }

    fn state(&self, now_us: u64) -> State {
        let (start, previous, current) = self.at(now_us);
        let left = self.window - now_us.saturating_sub(start).min(self.window);
        let weight = left as f64 / self.window as f64;
        State::SlidingCounter {
            previous,
            current,
            weight,
            estimate: f64::from(previous) * weight + f64::from(current),
            limit: self.limit,
        }
    }

    fn memory(&self) -> usize {
        // why: the window id and two counts.
        3
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Decision::{Accept as A, Reject as R};

    #[test]
    fn hand_worked_timeline() {
        // 4 per 10 µs.
        let mut c = SlidingCounter::new(4, 10);
        let script: [(u64, Decision); 12] = [
            (0, A),
            (1, A),
            (2, A),
            (3, A),
            (4, R), // 0 + 4 + 1 > 4
            // window [10, 20): previous 4.
            (10, R), // 4·10/10 + 0 + 1 = 5 > 4
            (13, A), // 4·7/10 + 0 + 1 = 3.8
            (15, A), // 4·5/10 + 1 + 1 = 4
            (15, R), // 2 + 2 + 1 = 5
            (17, R), // 4·3/10 + 2 + 1 = 4.2
            (18, A), // 0.8 + 2 + 1 = 3.8
            (40, A), // two windows later: nothing counts
        ];
        for (i, (t, want)) in script.into_iter().enumerate() {
            assert_eq!(c.decide(t), want, "step {i} at {t}");
        }
        assert_eq!(
            c.state(45),
            State::SlidingCounter {
                previous: 0,
                current: 1,
                weight: 0.5,
                estimate: 1.0,
                limit: 4
            }
        );
        assert_eq!(c.memory(), 3);
    }
}
