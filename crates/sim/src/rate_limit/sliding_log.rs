//! Sliding window log: the timestamps of admitted requests; a request is
//! admitted if fewer than `L` of them lie in `(now − W, now]`.
//!
//! Exact (no window of length `W` ever holds more than `L` admissions) but
//! it keeps one timestamp per admitted request, up to `L` per client.

use std::collections::VecDeque;

use super::limiter::{AlgorithmKind, Decision, Limiter, Params, State, MAX_LIMIT, MAX_WINDOW_US};

/// A sliding window log for one client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlidingLog {
    /// Admissions allowed in any window.
    limit: u32,
    /// Window length in µs.
    window: u64,
    /// Admitted timestamps, oldest first; only the last window's are kept.
    log: VecDeque<u64>,
    /// Time of the last decision.
    last_us: u64,
}

impl SlidingLog {
    /// `limit` admissions in any `window_us` µs (clamped to `1..=MAX_LIMIT`
    /// and `1..=MAX_WINDOW_US`).
    pub fn new(limit: u32, window_us: u64) -> SlidingLog {
        SlidingLog {
            limit: limit.clamp(1, MAX_LIMIT),
            window: window_us.clamp(1, MAX_WINDOW_US),
            log: VecDeque::new(),
            last_us: 0,
        }
    }

    /// The log for `params`: `L` per `W`.
    pub fn from_params(params: Params) -> SlidingLog {
        let p = params.clamped();
        SlidingLog::new(p.limit, p.window_us)
    }

    /// Entries still inside the window ending at `now_us`: their index range
    /// starts at the returned position.
    fn first_live(&self, now_us: u64) -> usize {
        self.log.partition_point(|&t| t + self.window <= now_us)
    }
}

impl Limiter for SlidingLog {
    fn kind(&self) -> AlgorithmKind {
        AlgorithmKind::SlidingLog
    }

    #[inline]
    fn decide(&mut self, now_us: u64) -> Decision {
        let now = now_us.max(self.last_us);
        self.last_us = now;
        // why: `t + W <= now` means `now − t >= W`: outside `(now − W, now]`.
        while let Some(&t) = self.log.front() {
            if t + self.window > now {
                break;
            }
            self.log.pop_front();
        }
        if self.log.len() < self.limit as usize {
            self.log.push_back(now);
            Decision::Accept
        } else {
            Decision::Reject
        }
    }

    fn state(&self, now_us: u64) -> State {
        let now = now_us.max(self.last_us);
        let first = self.first_live(now);
        State::SlidingLog {
            len: u32::try_from(self.log.len() - first).unwrap_or(u32::MAX),
            limit: self.limit,
            oldest_us: self.log.get(first).copied(),
        }
    }

    fn memory(&self) -> usize {
        // why: one timestamp per logged admission (as of the last decision).
        self.log.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Decision::{Accept as A, Reject as R};

    #[test]
    fn hand_worked_timeline() {
        // 2 in any 10 µs.
        let mut l = SlidingLog::new(2, 10);
        let script: [(u64, Decision, u32); 9] = [
            (0, A, 1),
            (3, A, 2),
            (9, R, 2),  // log {0, 3}
            (10, A, 2), // 0 left at 10: log {3, 10}
            (12, R, 2),
            (13, A, 2), // 3 left: {10, 13}
            (22, A, 2), // 10 left at 20: {13, 22}
            (23, A, 2), // 13 left at 23: {22, 23}
            (24, R, 2),
        ];
        for (i, (t, want, len)) in script.into_iter().enumerate() {
            assert_eq!(l.decide(t), want, "step {i} at {t}");
            match l.state(t) {
                State::SlidingLog { len: n, .. } => assert_eq!(n, len, "step {i}"),
                s => panic!("{s:?}"),
            }
        }
        assert_eq!(l.memory(), 2);
        assert_eq!(
            l.state(40),
            State::SlidingLog {
                len: 0,
                limit: 2,
                oldest_us: None
            }
        );
    }

    #[test]
    fn boundary_burst_is_refused() {
        let mut l = SlidingLog::new(3, 100);
        let got: Vec<Decision> = [99, 99, 99, 100, 100, 198, 199]
            .iter()
            .map(|&t| l.decide(t))
            .collect();
        assert_eq!(got, vec![A, A, A, R, R, R, A]);
    }

    mod properties {
        use super::super::super::run::max_in_window;
        use super::super::super::traffic::tests::bursty_times;
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(300))]

            #[test]
            fn never_more_than_the_limit_in_any_window(
                times in bursty_times(400),
                limit in 1u32..20,
                window in 1u64..50_000,
            ) {
                let mut log = SlidingLog::new(limit, window);
                let mut admitted = Vec::new();
                for &t in &times {
                    let in_window = admitted.iter().filter(|&&a: &&u64| a + window > t).count();
                    let ok = log.decide(t) == Decision::Accept;
                    // why: exact both ways: refused only when the window is full.
                    prop_assert_eq!(ok, in_window < limit as usize);
                    if ok {
                        admitted.push(t);
                    }
                    prop_assert!(log.memory() <= limit as usize);
                }
                prop_assert!(max_in_window(&admitted, window) <= limit);
            }
        }
    }
}
