//! Balancing policies: which server gets the next job.
//!
//! Each pick costs O(1) or O(log servers) except weighted round robin with
//! unequal weights (O(servers), the nginx algorithm as written). Least
//! outstanding requests keeps the servers bucketed by their count, so the
//! minimum and its ties are found without a scan.

use super::arrival::clamp_or;
use crate::rng::Rng;

/// Largest `d` of [`Policy::ShortestOfD`].
pub const MAX_D: u32 = 16;

/// Largest `Σ weights × servers` for which round robin precomputes one full
/// period of its weighted schedule (a few milliseconds of work at most).
const SCHEDULE_WORK: u64 = 1 << 22;

/// Finagle's `PeakEwma` penalty for a node with requests outstanding and no
/// latency seen yet: `Long.MaxValue >> 16`.
const PENALTY: f64 = (i64::MAX >> 16) as f64;

/// How the balancer chooses a server for each job.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Policy {
    /// Round robin; with unequal weights nginx's smooth weighted round robin
    /// (every pick adds each server's weight to its running score, takes the
    /// highest score, first on ties, and subtracts the total weight from it),
    /// which spreads a heavy server's turns evenly through the cycle.
    RoundRobin,
    /// A server drawn at random in proportion to its weight.
    Random,
    /// The server with the fewest outstanding jobs (waiting or in service),
    /// ties broken uniformly at random; weights are ignored.
    LeastOutstanding,
    /// Join the shortest of `d` random choices (the supermarket model of
    /// Mitzenmacher, "power of d choices"): `d` servers drawn independently
    /// with replacement in proportion to weight, the job goes to the one
    /// with the fewest outstanding jobs, the first drawn on ties. `d = 1` is
    /// exactly [`Policy::Random`]; `d` is clamped to `1..=MAX_D`.
    ShortestOfD {
        /// Choices per job.
        d: u32,
    },
    /// Power of two choices over Finagle's `PeakEwma` load (as in Finagle's
    /// `Balancers.p2cPeakEwma` and Linkerd): two distinct servers drawn
    /// uniformly, the one with the lower cost wins (the first on ties).
    /// `cost = ewma × (outstanding + 1)`, or a huge penalty when nothing was
    /// measured yet but jobs are outstanding. The estimate is peak-sensitive:
    /// an observed latency above it replaces it at once; otherwise it decays
    /// towards the sample with weight `exp(−Δt / tau)`, `Δt` the time since
    /// the last update; reading the cost first decays it towards 0 to the
    /// current time. Latency here is a job's time from dispatch to answer.
    PeakEwma {
        /// Decay time constant, clamped to `[1e-9, 1e12]` (Finagle's default
        /// is 10 s; a few to tens of mean service times is typical).
        tau: f64,
    },
    /// No balancer: one FIFO queue shared by all servers as workers (M/M/c
    /// when service is exponential), each job taken by the worker free
    /// earliest (the one idle longest when several are).
    SharedQueue,
}

impl Policy {
    /// `self` with its parameter in range.
    pub fn clamped(self) -> Policy {
        match self {
            Policy::ShortestOfD { d } => Policy::ShortestOfD {
                d: d.clamp(1, MAX_D),
            },
            Policy::PeakEwma { tau } => Policy::PeakEwma {
                tau: clamp_or(tau, 1e-9, 1e12, 1.0),
            },
            p => p,
        }
    }

    /// A short name for the widget.
    pub fn label(self) -> &'static str {
        match self {
            Policy::RoundRobin => "round robin",
            Policy::Random => "random",
            Policy::LeastOutstanding => "least outstanding",
            Policy::ShortestOfD { .. } => "shortest of d",
            Policy::PeakEwma { .. } => "peak-EWMA (P2C)",
            Policy::SharedQueue => "one shared queue",
        }
    }
}

/// Servers bucketed by outstanding count: `order` holds every server sorted
/// by count, `first[k]` is the index in `order` of the first server with a
/// count of at least `k`. Moving a server up or down one count is one swap.
#[derive(Clone, Debug, PartialEq)]
struct Buckets {
    order: Vec<u32>,
    pos: Vec<u32>,
    count: Vec<u32>,
    first: Vec<u32>,
}

impl Buckets {
    fn new(n: u32) -> Buckets {
        Buckets {
            order: (0..n).collect(),
            pos: (0..n).collect(),
            count: vec![0; n as usize],
            first: vec![0, n],
        }
    }

    fn swap(&mut self, a: usize, b: usize) {
        self.order.swap(a, b);
        self.pos[self.order[a] as usize] = a as u32;
        self.pos[self.order[b] as usize] = b as u32;
    }

    fn increment(&mut self, s: u32) {
        let k = self.count[s as usize] as usize;
        if k + 2 >= self.first.len() {
            self.first.push(self.order.len() as u32);
        }
        // why: the last server of bucket k trades places with s, then the
        // boundary of bucket k + 1 moves down over it.
        let last = self.first[k + 1] as usize - 1;
        self.swap(self.pos[s as usize] as usize, last);
        self.first[k + 1] -= 1;
        self.count[s as usize] += 1;
    }

    fn decrement(&mut self, s: u32) {
        let k = self.count[s as usize] as usize;
        if k == 0 {
            return;
        }
        let first = self.first[k] as usize;
        self.swap(self.pos[s as usize] as usize, first);
        self.first[k] += 1;
        self.count[s as usize] -= 1;
    }

    /// A uniformly random server among those with the fewest jobs.
    fn pick_min(&self, rng: &mut Rng) -> u32 {
        let min = self.count[self.order[0] as usize] as usize;
        let ties = u64::from(self.first[min + 1]);
        if ties <= 1 {
            self.order[0]
        } else {
            self.order[rng.below(ties) as usize]
        }
    }
}

/// A balancer's state for one run (the policy is never
/// [`Policy::SharedQueue`] here).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Balancer {
    policy: Policy,
    n: u32,
    /// Whether every weight is equal (plain rotation, uniform draws).
    equal: bool,
    weights: Vec<u32>,
    /// Running sums of the weights, for weighted draws.
    cumulative: Vec<u64>,
    /// Smooth weighted round robin scores, and the rotation for equal weights.
    current: Vec<i64>,
    next: u32,
    /// One period of smooth weighted round robin (`Σ weights` picks), when
    /// small enough to precompute: the scores are back at 0 after a period.
    schedule: Vec<u32>,
    /// Least outstanding requests only.
    buckets: Option<Buckets>,
    /// Peak-EWMA: cost estimate and time of its last update per server.
    ewma: Vec<f64>,
    stamp: Vec<f64>,
}

impl Balancer {
    /// A balancer over `weights.len()` servers (at least one) with `policy`.
    pub(crate) fn new(policy: Policy, weights: &[u32]) -> Balancer {
        let n = weights.len().max(1) as u32;
        let weights: Vec<u32> = (0..n as usize)
            .map(|i| weights.get(i).copied().unwrap_or(1).max(1))
            .collect();
        let equal = weights.iter().all(|&w| w == weights[0]);
        let cumulative = weights
            .iter()
            .scan(0u64, |acc, &w| {
                *acc += u64::from(w);
                Some(*acc)
            })
            .collect();
        let policy = policy.clamped();
        let peak = matches!(policy, Policy::PeakEwma { .. });
        let mut balancer = Balancer {
            policy,
            n,
            equal,
            cumulative,
            current: vec![0; if equal { 0 } else { n as usize }],
            weights,
            next: 0,
            buckets: (policy == Policy::LeastOutstanding).then(|| Buckets::new(n)),
            ewma: vec![0.0; if peak { n as usize } else { 0 }],
            stamp: vec![0.0; if peak { n as usize } else { 0 }],
            schedule: Vec::new(),
        };
        let total = balancer.cumulative[n as usize - 1];
        if policy == Policy::RoundRobin && !equal && total * u64::from(n) <= SCHEDULE_WORK {
            // why: after Σw picks every server was picked exactly w times, so
            // each score is back at 0 and the sequence repeats: a table
            // gives the same picks in O(1) instead of O(servers).
            balancer.schedule = (0..total).map(|_| balancer.smooth_step()).collect();
        }
        balancer
    }

    /// `self` without the precomputed schedule (for tests).
    #[cfg(test)]
    pub(crate) fn without_schedule(mut self) -> Balancer {
        self.schedule.clear();
        self
    }

    /// A server drawn in proportion to weight.
    fn weighted(&self, rng: &mut Rng) -> u32 {
        if self.equal {
            return rng.below(u64::from(self.n)) as u32;
        }
        let total = self.cumulative[self.n as usize - 1];
        let x = rng.below(total);
        self.cumulative.partition_point(|&c| c <= x) as u32
    }

    /// The next server of round robin: a rotation for equal weights, else
    /// the precomputed period or, when too long, nginx's algorithm itself.
    fn round_robin(&mut self) -> u32 {
        let period = if self.equal {
            self.n
        } else {
            self.schedule.len() as u32
        };
        if period == 0 {
            return self.smooth_step();
        }
        let i = self.next;
        self.next = if i + 1 == period { 0 } else { i + 1 };
        if self.equal {
            i
        } else {
            self.schedule[i as usize]
        }
    }

    /// One pick of nginx's smooth weighted round robin, O(servers).
    fn smooth_step(&mut self) -> u32 {
        let total = self.cumulative[self.n as usize - 1] as i64;
        let mut best = 0usize;
        let mut best_score = i64::MIN;
        for (i, (c, &w)) in self.current.iter_mut().zip(&self.weights).enumerate() {
            *c += i64::from(w);
            // why: strictly greater, so the first of equal scores wins, as in
            // nginx's `ngx_http_upstream_get_peer`.
            if *c > best_score {
                best = i;
                best_score = *c;
            }
        }
        self.current[best] -= total;
        best as u32
    }

    /// Finagle's `PeakEwma.Metric.get`: decay to `now`, then price one more
    /// job on top of `pending`.
    fn peak_cost(&mut self, s: u32, pending: u32, now: f64) -> f64 {
        self.observe(s, 0.0, now);
        let cost = self.ewma[s as usize];
        if cost == 0.0 && pending != 0 {
            PENALTY + f64::from(pending)
        } else {
            cost * (f64::from(pending) + 1.0)
        }
    }

    /// Finagle's `PeakEwma.Metric.observe`.
    fn observe(&mut self, s: u32, rtt: f64, now: f64) {
        let Policy::PeakEwma { tau } = self.policy else {
            return;
        };
        let i = s as usize;
        let dt = (now - self.stamp[i]).max(0.0);
        let w = libm::exp(-dt / tau);
        self.ewma[i] = if rtt > self.ewma[i] {
            rtt
        } else {
            self.ewma[i] * w + rtt * (1.0 - w)
        };
        self.stamp[i] = now;
    }

    /// The server for a job sent at `now`, given each server's outstanding
    /// jobs.
    pub(crate) fn pick(&mut self, rng: &mut Rng, outstanding: &[u32], now: f64) -> u32 {
        match self.policy {
            Policy::RoundRobin => self.round_robin(),
            Policy::Random | Policy::SharedQueue => self.weighted(rng),
            Policy::LeastOutstanding => match &self.buckets {
                Some(b) => b.pick_min(rng),
                None => 0,
            },
            Policy::ShortestOfD { d } => {
                let mut best = self.weighted(rng);
                for _ in 1..d {
                    let c = self.weighted(rng);
                    if outstanding[c as usize] < outstanding[best as usize] {
                        best = c;
                    }
                }
                best
            }
            Policy::PeakEwma { .. } => {
                if self.n == 1 {
                    return 0;
                }
                // why: Finagle's P2C draws two distinct nodes this way.
                let a = rng.below(u64::from(self.n)) as u32;
                let mut b = rng.below(u64::from(self.n - 1)) as u32;
                if b >= a {
                    b += 1;
                }
                let ca = self.peak_cost(a, outstanding[a as usize], now);
                let cb = self.peak_cost(b, outstanding[b as usize], now);
                if ca <= cb {
                    a
                } else {
                    b
                }
            }
        }
    }

    /// A job was sent to `s`.
    pub(crate) fn dispatched(&mut self, s: u32) {
        if let Some(b) = &mut self.buckets {
            b.increment(s);
        }
    }

    /// A job sent to `s` answered at `now` after `rtt`.
    pub(crate) fn completed(&mut self, s: u32, rtt: f64, now: f64) {
        if let Some(b) = &mut self.buckets {
            b.decrement(s);
        }
        self.observe(s, rtt, now);
    }
}
