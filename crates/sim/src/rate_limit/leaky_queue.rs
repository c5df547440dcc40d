//! Leaky bucket as a queue: accepted requests wait in a FIFO and leak out
//! one every `T` µs; when `size` requests are already waiting, new ones
//! overflow and are dropped.
//!
//! The queue is never stored: its departures are evenly spaced while it is
//! busy, so the time the outlet is next free says everything. A request at
//! `t` leaves at `max(t, free)`, after which the outlet is free at that
//! plus `T`; the requests still waiting at `t` are those leaving after `t`,
//! `ceil((free − t)/T) − 1` of them. Time is in ticks of `1/scale` µs so a
//! drain rate of `L` per `W` has the integer interval `W` ticks, exactly.
//!
//! A request that finds the outlet free leaves at once and never counts as
//! waiting. So `size` waiting plus one leaving admits exactly what a GCRA
//! with burst `size + 1` admits; the queue smooths what it lets through
//! instead of passing bursts on.

use super::limiter::{AlgorithmKind, Decision, Limiter, Params, State, MAX_LIMIT, MAX_WINDOW_US};

/// A leaky-bucket queue for one client. Starts empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeakyQueue {
    /// Ticks per µs.
    scale: u64,
    /// Ticks between departures.
    interval: u64,
    /// Requests that may wait.
    size: u32,
    /// `size · interval`: the largest backlog (`free − now`) that still admits.
    max_backlog: u64,
    /// When the outlet is next free, in ticks.
    free: u64,
    /// Time of the last decision, in ticks.
    last: u64,
}

impl LeakyQueue {
    /// A queue draining `requests` every `period_us` µs with room for `size`
    /// waiting requests (arguments clamped to `1..=MAX_LIMIT` requests,
    /// `1..=MAX_WINDOW_US` µs and `0..=MAX_LIMIT` places).
    pub fn new(requests: u32, period_us: u64, size: u32) -> LeakyQueue {
        let scale = u64::from(requests.clamp(1, MAX_LIMIT));
        let interval = period_us.clamp(1, MAX_WINDOW_US);
        let size = size.min(MAX_LIMIT);
        LeakyQueue {
            scale,
            interval,
            size,
            max_backlog: u64::from(size) * interval,
            free: 0,
            last: 0,
        }
    }

    /// The queue for `params`: drains `L` per `W`, `burst − 1` may wait.
    pub fn from_params(params: Params) -> LeakyQueue {
        let p = params.clamped();
        LeakyQueue::new(p.limit, p.window_us, p.burst - 1)
    }

    /// Requests waiting at tick `now` (leaving strictly after it).
    #[inline]
    fn depth_at(&self, now: u64) -> u64 {
        let backlog = self.free.saturating_sub(now);
        backlog.div_ceil(self.interval).saturating_sub(1)
    }

    /// Requests waiting at `now_us`.
    pub fn depth(&self, now_us: u64) -> u32 {
        let now = now_us.saturating_mul(self.scale).max(self.last);
        u32::try_from(self.depth_at(now)).unwrap_or(u32::MAX)
    }
}

impl Limiter for LeakyQueue {
    fn kind(&self) -> AlgorithmKind {
        AlgorithmKind::LeakyQueue
    }

    #[inline]
    fn decide(&mut self, now_us: u64) -> Decision {
        // why: saturates only after ≈ 213 days at the largest limit.
        let now = now_us.saturating_mul(self.scale).max(self.last);
        self.last = now;
        if self.free.saturating_sub(now) > self.max_backlog {
            return Decision::Reject;
        }
        let leave = self.free.max(now);
        self.free = leave + self.interval;
        // why: the request goes through at the first whole µs at or after
        // it leaves, so the delay rounds up.
        match (leave - now).div_ceil(self.scale) {
            0 => Decision::Accept,
            d => Decision::Delay(d),
        }
    }

    fn state(&self, now_us: u64) -> State {
        State::LeakyQueue {
            depth: self.depth(now_us),
            size: self.size,
            free_at_us: self.free.div_ceil(self.scale),
        }
    }

    fn memory(&self) -> usize {
        // why: the outlet time plus every request held in the queue.
        1 + usize::try_from(self.depth_at(self.last)).unwrap_or(usize::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Decision::{Accept as A, Delay as D, Reject as R};

    #[test]
    fn hand_worked_timeline() {
        // One request leaks out every 10 µs; 2 may wait.
        let mut q = LeakyQueue::new(1, 10, 2);
        let script: [(u64, Decision, u32); 9] = [
            (0, A, 0),      // outlet free: leaves at 0
            (0, D(10), 1),  // leaves at 10
            (0, D(20), 2),  // leaves at 20
            (0, R, 2),      // two waiting: dropped
            (10, D(20), 2), // the one at 10 left; this leaves at 30
            (25, D(15), 2), // waiting: 30 and now 40
            (41, D(9), 1),  // the one at 40 left; this leaves at 50
            (61, A, 0),     // outlet free since 60
            (65, D(6), 1),  // leaves at 71
        ];
        for (i, (t, want, depth)) in script.into_iter().enumerate() {
            assert_eq!(q.decide(t), want, "step {i} at {t}");
            assert_eq!(q.depth(t), depth, "step {i}");
        }
        assert_eq!(q.memory(), 2);
        assert_eq!(
            q.state(80),
            State::LeakyQueue {
                depth: 0,
                size: 2,
                free_at_us: 81
            }
        );
    }

    #[test]
    fn fractional_drain_rate_rounds_delays_up() {
        // 3 per 10 µs: departures at 0, 10/3, 20/3, 10 → delays 0, 4, 7, 10.
        let mut q = LeakyQueue::new(3, 10, 5);
        let got: Vec<Decision> = (0..4).map(|_| q.decide(0)).collect();
        assert_eq!(got, vec![A, D(4), D(7), D(10)]);
    }

    #[test]
    fn size_zero_only_passes_when_the_outlet_is_free() {
        let mut q = LeakyQueue::from_params(Params::new(1, 10).with_burst(1));
        let got: Vec<Decision> = [0, 5, 10, 19, 20].iter().map(|&t| q.decide(t)).collect();
        assert_eq!(got, vec![A, R, A, R, A]);
    }

    mod properties {
        use super::super::super::traffic::tests::bursty_times;
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(300))]

            #[test]
            fn bounded_and_draining_at_its_rate(
                times in bursty_times(400),
                interval in 1u64..5000,
                size in 0u32..20,
            ) {
                let mut q = LeakyQueue::new(1, interval, size);
                let mut last_release: Option<u64> = None;
                for &t in &times {
                    let before = q.depth(t);
                    let d = q.decide(t);
                    prop_assert!(q.depth(t) <= size, "depth {} > {}", q.depth(t), size);
                    if d.admitted() {
                        prop_assert!(before <= size);
                        // why: released when it arrives or one interval after
                        // the previous release, whichever is later.
                        let release = t + d.delay_us();
                        let want = last_release.map_or(t, |r| t.max(r + interval));
                        prop_assert_eq!(release, want);
                        prop_assert_eq!(
                            u64::from(q.depth(t)),
                            (release - t).div_ceil(interval)
                        );
                        last_release = Some(release);
                    } else {
                        // why: dropped only when the queue is full and the
                        // outlet is still busy with the last release.
                        prop_assert_eq!(before, size);
                        prop_assert!(last_release.is_some_and(|r| r + interval > t));
                    }
                }
            }
        }
    }
}
