//! The [`Limiter`] trait every algorithm implements, what a decision and a
//! state look like, the [`AlgorithmKind`] enum that names and builds them,
//! and the common [`Params`] they are all built from.

use super::fixed_window::FixedWindow;
use super::gcra::Gcra;
use super::leaky_queue::LeakyQueue;
use super::sliding_counter::SlidingCounter;
use super::sliding_log::SlidingLog;
use super::token_bucket::TokenBucket;

/// Largest limit `L` (requests per window) [`Params::new`] accepts.
pub const MAX_LIMIT: u32 = 1_000_000;

/// Longest window `W` [`Params::new`] accepts: one day in microseconds.
pub const MAX_WINDOW_US: u64 = 86_400_000_000;

/// What a limiter did with one request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Let through now.
    Accept,
    /// Refused.
    Reject,
    /// Accepted but held in a queue: it goes through this many µs later
    /// (always at least 1; a request that would wait 0 µs is an `Accept`).
    Delay(u64),
}

impl Decision {
    /// Whether the request eventually goes through (`Accept` or `Delay`).
    pub fn admitted(self) -> bool {
        !matches!(self, Decision::Reject)
    }

    /// How long the request waits before going through (0 unless `Delay`).
    pub fn delay_us(self) -> u64 {
        match self {
            Decision::Delay(d) => d,
            _ => 0,
        }
    }
}

/// A limiter's inner state at some instant, as plain data for the lane plot
/// under each algorithm.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum State {
    /// Token bucket: tokens available now.
    TokenBucket {
        /// Tokens in the bucket (fractional: refill is continuous).
        tokens: f64,
        /// Most tokens it holds.
        capacity: u32,
    },
    /// Leaky bucket as a queue: requests waiting to leak out.
    LeakyQueue {
        /// Requests accepted but not yet released.
        depth: u32,
        /// Most requests that may wait.
        size: u32,
        /// When the outlet is next free, in µs (rounded up); at or before
        /// `now` when nothing is waiting.
        free_at_us: u64,
    },
    /// GCRA (leaky bucket as a meter): the theoretical arrival time.
    Gcra {
        /// Theoretical arrival time in µs: when the next request would be
        /// exactly on schedule.
        tat_us: f64,
        /// Requests that would conform if they all arrived now (the same
        /// number a token bucket with matching parameters holds as tokens).
        headroom: f64,
        /// Most requests that conform at one instant.
        burst: u32,
    },
    /// Fixed window counter: the current window's count.
    FixedWindow {
        /// Start of the current window in µs.
        window_start_us: u64,
        /// Requests accepted in it.
        count: u32,
        /// Requests allowed per window.
        limit: u32,
    },
    /// Sliding window log: timestamps accepted in the last window.
    SlidingLog {
        /// Timestamps in `(now − W, now]`.
        len: u32,
        /// Requests allowed in any window.
        limit: u32,
        /// The oldest timestamp still in the window, if any.
        oldest_us: Option<u64>,
    },
    /// Sliding window counter: two counts and their blend.
    SlidingCounter {
        /// Accepted in the previous aligned window.
        previous: u32,
        /// Accepted in the current aligned window so far.
        current: u32,
        /// Share of the previous window still inside the sliding one, in `[0, 1]`.
        weight: f64,
        /// `previous · weight + current`: the estimated count over the last `W`.
        estimate: f64,
        /// Requests allowed per window.
        limit: u32,
    },
}

impl State {
    /// The headline number of the lane plot, in the algorithm's own units:
    /// tokens, queue depth, GCRA headroom, window count, log length or the
    /// blended estimate.
    pub fn level(&self) -> f64 {
        match *self {
            State::TokenBucket { tokens, .. } => tokens,
            State::LeakyQueue { depth, .. } => f64::from(depth),
            State::Gcra { headroom, .. } => headroom,
            State::FixedWindow { count, .. } => f64::from(count),
            State::SlidingLog { len, .. } => f64::from(len),
            State::SlidingCounter { estimate, .. } => estimate,
        }
    }

    /// The largest value [`State::level`] can take (the plot's top).
    pub fn ceiling(&self) -> f64 {
        match *self {
            State::TokenBucket { capacity, .. } => f64::from(capacity),
            State::LeakyQueue { size, .. } => f64::from(size),
            State::Gcra { burst, .. } => f64::from(burst),
            State::FixedWindow { limit, .. }
            | State::SlidingLog { limit, .. }
            | State::SlidingCounter { limit, .. } => f64::from(limit),
        }
    }
}

/// A rate limiter for one client.
///
/// Time is an argument in integer microseconds and must not go backwards
/// between calls; every implementation treats an earlier `now_us` as the
/// latest time it has seen, so a misordered call cannot corrupt it.
pub trait Limiter {
    /// Which algorithm this is.
    fn kind(&self) -> AlgorithmKind;
    /// Decides one request arriving at `now_us`, updating the state.
    fn decide(&mut self, now_us: u64) -> Decision;
    /// The state as it would be seen at `now_us` (at or after the last
    /// decision), without changing anything.
    fn state(&self, now_us: u64) -> State;
    /// 64-bit words a real implementation keeps for this client now: a few
    /// counters for most algorithms, one per timestamp for the log, one per
    /// waiting request for the queue.
    fn memory(&self) -> usize;
}

/// The limit as the user states it, mapped to every algorithm so all six
/// can be compared on one stream.
///
/// "At most `limit` requests per `window_us`, bursts of up to `burst`":
///
/// | algorithm | mapping |
/// |---|---|
/// | token bucket | refill `L/W` tokens per µs, capacity `burst`, starts full |
/// | leaky bucket (queue) | releases one request every `W/L` µs; `burst − 1` may wait behind the one leaving |
/// | GCRA (meter) | emission interval `T = W/L`, tolerance `τ = (burst − 1)·T` |
/// | fixed window | `L` per aligned window `[kW, (k+1)W)` |
/// | sliding log | `L` timestamps in `(now − W, now]` |
/// | sliding counter | `L` against `previous·(W − elapsed)/W + current` |
///
/// With these mappings the token bucket, GCRA and the queue admit exactly
/// the same requests (the queue delays them instead of letting them pass at
/// once); the window algorithms differ, which is the point of the widget.
/// `burst` only matters to the first three.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Params {
    /// `L`: requests allowed per window (1..=[`MAX_LIMIT`]).
    pub limit: u32,
    /// `W`: the window in µs (1..=[`MAX_WINDOW_US`]).
    pub window_us: u64,
    /// Largest burst at one instant for the bucket-style algorithms
    /// (1..=[`MAX_LIMIT`]); usually `L`.
    pub burst: u32,
}

impl Params {
    /// `limit` per `window_us` with `burst = limit`, clamped to the
    /// supported ranges.
    pub fn new(limit: u32, window_us: u64) -> Params {
        Params {
            limit,
            window_us,
            burst: limit,
        }
        .clamped()
    }

    /// The same limit with a different burst (clamped to `1..=MAX_LIMIT`).
    pub fn with_burst(self, burst: u32) -> Params {
        Params { burst, ..self }.clamped()
    }

    /// `self` with every field clamped to its supported range.
    pub fn clamped(self) -> Params {
        Params {
            limit: self.limit.clamp(1, MAX_LIMIT),
            window_us: self.window_us.clamp(1, MAX_WINDOW_US),
            burst: self.burst.clamp(1, MAX_LIMIT),
        }
    }
}

/// Every algorithm the widget offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AlgorithmKind {
    /// Token bucket: tokens refill at a steady rate, each request takes one.
    TokenBucket,
    /// Leaky bucket as a queue: requests wait and leak out at a steady rate.
    LeakyQueue,
    /// Leaky bucket as a meter, i.e. the generic cell rate algorithm.
    Gcra,
    /// Fixed window counter.
    FixedWindow,
    /// Sliding window log of accepted timestamps.
    SlidingLog,
    /// Sliding window counter: previous and current window counts blended.
    SlidingCounter,
}

impl AlgorithmKind {
    /// Every algorithm, in the order the widget lists them.
    pub const ALL: [AlgorithmKind; 6] = [
        AlgorithmKind::TokenBucket,
        AlgorithmKind::LeakyQueue,
        AlgorithmKind::Gcra,
        AlgorithmKind::FixedWindow,
        AlgorithmKind::SlidingLog,
        AlgorithmKind::SlidingCounter,
    ];

    /// A short lowercase name for URLs.
    pub fn slug(self) -> &'static str {
        match self {
            AlgorithmKind::TokenBucket => "token",
            AlgorithmKind::LeakyQueue => "leaky",
            AlgorithmKind::Gcra => "gcra",
            AlgorithmKind::FixedWindow => "fixed",
            AlgorithmKind::SlidingLog => "log",
            AlgorithmKind::SlidingCounter => "sliding",
        }
    }

    /// The name shown on screen.
    pub fn label(self) -> &'static str {
        match self {
            AlgorithmKind::TokenBucket => "Token bucket",
            AlgorithmKind::LeakyQueue => "Leaky bucket (queue)",
            AlgorithmKind::Gcra => "GCRA (leaky bucket as a meter)",
            AlgorithmKind::FixedWindow => "Fixed window",
            AlgorithmKind::SlidingLog => "Sliding window log",
            AlgorithmKind::SlidingCounter => "Sliding window counter",
        }
    }

    /// The algorithm named by `slug`, if any.
    pub fn from_slug(slug: &str) -> Option<AlgorithmKind> {
        AlgorithmKind::ALL.into_iter().find(|k| k.slug() == slug)
    }

    /// Whether its decisions can be [`Decision::Delay`] (only the queue).
    pub fn delays(self) -> bool {
        self == AlgorithmKind::LeakyQueue
    }

    /// A fresh limiter of this kind for one client.
    pub fn build(self, params: Params) -> AnyLimiter {
        match self {
            AlgorithmKind::TokenBucket => AnyLimiter::TokenBucket(TokenBucket::from_params(params)),
            AlgorithmKind::LeakyQueue => AnyLimiter::LeakyQueue(LeakyQueue::from_params(params)),
            AlgorithmKind::Gcra => AnyLimiter::Gcra(Gcra::from_params(params)),
            AlgorithmKind::FixedWindow => AnyLimiter::FixedWindow(FixedWindow::from_params(params)),
            AlgorithmKind::SlidingLog => AnyLimiter::SlidingLog(SlidingLog::from_params(params)),
            AlgorithmKind::SlidingCounter => {
                AnyLimiter::SlidingCounter(SlidingCounter::from_params(params))
            }
        }
    }
}

/// Any of the six limiters, dispatched by `match`.
// why: a closed enum instead of `Box<dyn Limiter>` keeps per-client limiters
// in one contiguous vector and lets the compiler inline `decide`, which is
// most of the cost of running a million requests.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnyLimiter {
    /// A [`TokenBucket`].
    TokenBucket(TokenBucket),
    /// A [`LeakyQueue`].
    LeakyQueue(LeakyQueue),
    /// A [`Gcra`].
    Gcra(Gcra),
    /// A [`FixedWindow`].
    FixedWindow(FixedWindow),
    /// A [`SlidingLog`].
    SlidingLog(SlidingLog),
    /// A [`SlidingCounter`].
    SlidingCounter(SlidingCounter),
}

impl Limiter for AnyLimiter {
    fn kind(&self) -> AlgorithmKind {
        match self {
            AnyLimiter::TokenBucket(l) => l.kind(),
            AnyLimiter::LeakyQueue(l) => l.kind(),
            AnyLimiter::Gcra(l) => l.kind(),
            AnyLimiter::FixedWindow(l) => l.kind(),
            AnyLimiter::SlidingLog(l) => l.kind(),
            AnyLimiter::SlidingCounter(l) => l.kind(),
        }
    }

    #[inline]
    fn decide(&mut self, now_us: u64) -> Decision {
        match self {
            AnyLimiter::TokenBucket(l) => l.decide(now_us),
            AnyLimiter::LeakyQueue(l) => l.decide(now_us),
            AnyLimiter::Gcra(l) => l.decide(now_us),
            AnyLimiter::FixedWindow(l) => l.decide(now_us),
            AnyLimiter::SlidingLog(l) => l.decide(now_us),
            AnyLimiter::SlidingCounter(l) => l.decide(now_us),
        }
    }

    fn state(&self, now_us: u64) -> State {
        match self {
            AnyLimiter::TokenBucket(l) => l.state(now_us),
            AnyLimiter::LeakyQueue(l) => l.state(now_us),
            AnyLimiter::Gcra(l) => l.state(now_us),
            AnyLimiter::FixedWindow(l) => l.state(now_us),
            AnyLimiter::SlidingLog(l) => l.state(now_us),
            AnyLimiter::SlidingCounter(l) => l.state(now_us),
        }
    }

    #[inline]
    fn memory(&self) -> usize {
        match self {
            AnyLimiter::TokenBucket(l) => l.memory(),
            AnyLimiter::LeakyQueue(l) => l.memory(),
            AnyLimiter::Gcra(l) => l.memory(),
            AnyLimiter::FixedWindow(l) => l.memory(),
            AnyLimiter::SlidingLog(l) => l.memory(),
            AnyLimiter::SlidingCounter(l) => l.memory(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_labels_are_unique_and_round_trip() {
        for (i, a) in AlgorithmKind::ALL.iter().enumerate() {
            assert_eq!(AlgorithmKind::from_slug(a.slug()), Some(*a));
            for b in &AlgorithmKind::ALL[i + 1..] {
                assert_ne!(a.slug(), b.slug());
                assert_ne!(a.label(), b.label());
            }
        }
        assert_eq!(AlgorithmKind::from_slug("nope"), None);
    }

    #[test]
    fn params_are_clamped() {
        let p = Params::new(0, 0);
        assert_eq!((p.limit, p.window_us, p.burst), (1, 1, 1));
        let p = Params::new(u32::MAX, u64::MAX).with_burst(0);
        assert_eq!(
            (p.limit, p.window_us, p.burst),
            (MAX_LIMIT, MAX_WINDOW_US, 1)
        );
        assert_eq!(Params::new(10, 1000).burst, 10);
    }

    #[test]
    fn built_limiters_report_their_kind_and_start_fresh() {
        let p = Params::new(5, 1_000_000);
        for kind in AlgorithmKind::ALL {
            let l = kind.build(p);
            assert_eq!(l.kind(), kind);
            let s = l.state(0);
            assert!(
                s.level() >= 0.0 && s.level() <= s.ceiling(),
                "{kind:?} {s:?}"
            );
            // why: an empty log or queue holds nothing beyond a few counters.
            assert!(l.memory() <= 3, "{kind:?}");
        }
    }

    #[test]
    fn decision_helpers() {
        assert!(Decision::Accept.admitted());
        assert!(Decision::Delay(3).admitted());
        assert!(!Decision::Reject.admitted());
        assert_eq!(Decision::Delay(3).delay_us(), 3);
        assert_eq!(Decision::Accept.delay_us(), 0);
    }
}
