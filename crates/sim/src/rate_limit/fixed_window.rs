//! Fixed window counter: time is cut into aligned windows `[kW, (k+1)W)`
//! and each admits `L` requests; the count resets at every boundary.
//!
//! Cheap (two numbers per client) but blind across boundaries: `L` requests
//! just before one and `L` just after are all admitted, `2L` in far less
//! than `W`.

use super::limiter::{AlgorithmKind, Decision, Limiter, Params, State, MAX_LIMIT, MAX_WINDOW_US};

/// A fixed window counter for one client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FixedWindow {
    /// Requests admitted per window.
    limit: u32,
    /// Window length in µs.
    window: u64,
    /// Start of the current window.
    start: u64,
    /// Requests admitted in it.
    count: u32,
}

impl FixedWindow {
    /// `limit` requests per aligned window of `window_us` µs (clamped to
    /// `1..=MAX_LIMIT` and `1..=MAX_WINDOW_US`).
    pub fn new(limit: u32, window_us: u64) -> FixedWindow {
        FixedWindow {
            limit: limit.clamp(1, MAX_LIMIT),
            window: window_us.clamp(1, MAX_WINDOW_US),
            start: 0,
            count: 0,
        }
    }

    /// The counter for `params`: `L` per `W`.
    pub fn from_params(params: Params) -> FixedWindow {
        let p = params.clamped();
        FixedWindow::new(p.limit, p.window_us)
    }

    /// The start of the window holding `now_us`, if it is later than the
    /// current one.
    #[inline]
    fn later_window(&self, now_us: u64) -> Option<u64> {
        let end = self.start.saturating_add(self.window);
        if now_us < end {
            None
        } else if now_us - end < self.window {
            // why: the next window is the common case; skipping the division
            // matters at a million decisions.
            Some(end)
        } else {
            Some(now_us - now_us % self.window)
        }
    }
}

impl Limiter for FixedWindow {
    fn kind(&self) -> AlgorithmKind {
        AlgorithmKind::FixedWindow
    }

    #[inline]
    fn decide(&mut self, now_us: u64) -> Decision {
        if let Some(start) = self.later_window(now_us) {
            self.start = start;
            self.count = 0;
        }
        if self.count < self.limit {
            self.count += 1;
            Decision::Accept
        } else {
            Decision::Reject
        }
    }

    fn state(&self, now_us: u64) -> State {
        let (start, count) = match self.later_window(now_us) {
            Some(start) => (start, 0),
            None => (self.start, self.count),
        };
        State::FixedWindow {
            window_start_us: start,
            count,
            limit: self.limit,
        }
    }

    fn memory(&self) -> usize {
        // why: the window's id and its count.
        2
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Decision::{Accept as A, Reject as R};

    #[test]
    fn hand_worked_timeline() {
        // 2 per 10 µs windows [0,10), [10,20), …
        let mut w = FixedWindow::new(2, 10);
        let script: [(u64, Decision, u32); 9] = [
            (0, A, 1),
            (3, A, 2),
            (9, R, 2),
            (10, A, 1), // new window
            (10, A, 2),
            (19, R, 2),
            (20, A, 1),
            (55, A, 1), // skipped windows: [50, 60)
            (59, A, 2),
        ];
        for (i, (t, want, count)) in script.into_iter().enumerate() {
            assert_eq!(w.decide(t), want, "step {i} at {t}");
            match w.state(t) {
                State::FixedWindow { count: c, .. } => assert_eq!(c, count, "step {i}"),
                s => panic!("{s:?}"),
            }
        }
        assert_eq!(
            w.state(60),
            State::FixedWindow {
                window_start_us: 60,
                count: 0,
                limit: 2
            }
        );
    }

    #[test]
    fn boundary_doubles_the_limit() {
        // 3 just before the boundary at 100 and 3 at it: 6 in 2 µs.
        let mut w = FixedWindow::new(3, 100);
        let got: Vec<Decision> = [99, 99, 99, 99, 100, 100, 100, 100]
            .iter()
            .map(|&t| w.decide(t))
            .collect();
        assert_eq!(got, vec![A, A, A, R, A, A, A, R]);
    }

    #[test]
    fn earlier_time_counts_in_the_current_window() {
        let mut w = FixedWindow::new(1, 10);
        assert_eq!(w.decide(25), A);
        assert_eq!(w.decide(5), R);
        assert_eq!(w.memory(), 2);
    }

    mod properties {
        use super::super::super::run::max_in_window;
        use super::super::super::traffic::boundary_attack;
        use super::super::super::traffic::tests::bursty_times;
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(300))]

            #[test]
            fn at_most_twice_the_limit_in_any_window(
                times in bursty_times(400),
                limit in 1u32..20,
                window in 1u64..50_000,
            ) {
                let mut w = FixedWindow::new(limit, window);
                let admitted: Vec<u64> =
                    times.iter().copied().filter(|&t| w.decide(t) == Decision::Accept).collect();
                prop_assert!(max_in_window(&admitted, window) <= 2 * limit);
                // and exactly the limit in every aligned window that saw enough
                let mut per_window = std::collections::BTreeMap::new();
                for &t in &times {
                    *per_window.entry(t / window).or_insert(0u32) += 1;
                }
                for (k, offered) in per_window {
                    let got = admitted.iter().filter(|&&t| t / window == k).count() as u32;
                    prop_assert_eq!(got, offered.min(limit));
                }
            }

            #[test]
            fn boundary_attack_reaches_exactly_twice_the_limit(
                limit in 1u32..200,
                window in 2u64..1_000_000,
                k in 1u64..5,
                spread_share in 1u64..=1000,
            ) {
                let spread = (window / 2 * spread_share / 1000).max(1);
                let stream = boundary_attack(limit, window, k * window, spread);
                let mut w = FixedWindow::new(limit, window);
                let admitted: Vec<u64> = stream
                    .iter()
                    .map(|r| r.t_us)
                    .filter(|&t| w.decide(t) == Decision::Accept)
                    .collect();
                prop_assert_eq!(admitted.len() as u32, 2 * limit);
                prop_assert_eq!(max_in_window(&admitted, window), 2 * limit);
            }
        }
    }
}
